/**
 * Tokens live in sessionStorage (this tab only, gone when it closes): the admin token entered
 * once, and facilitator tokens taken from their link and then removed from the address bar.
 */
const ADMIN_KEY = 'attune.adminToken';
const facilitatorKey = (sessionId: string) => `attune.facilitatorToken.${sessionId}`;

export function adminToken(): string | null {
  return sessionStorage.getItem(ADMIN_KEY);
}

export function rememberAdminToken(token: string): void {
  sessionStorage.setItem(ADMIN_KEY, token);
}

export function forgetAdminToken(): void {
  sessionStorage.removeItem(ADMIN_KEY);
}

export function rememberFacilitatorToken(sessionId: string, token: string): void {
  sessionStorage.setItem(facilitatorKey(sessionId), token);
}

/** The token to watch a session with: its facilitator link first, else the admin token. */
export function viewerToken(sessionId: string): string | null {
  return sessionStorage.getItem(facilitatorKey(sessionId)) ?? adminToken();
}
