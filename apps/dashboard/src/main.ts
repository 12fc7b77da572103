import { rememberFacilitatorToken } from './auth';
import { LiveView } from './live-view';
import { renderSessionsList } from './sessions-list';

/**
 * Hash routes, so the API serves one static page: `#/` lists sessions (admin token),
 * `#/sessions/<id>?token=…` opens a session's live view (a facilitator link).
 */
const main = document.getElementById('main') as HTMLElement;
let current: LiveView | undefined;

function route(): void {
  current?.close();
  current = undefined;
  main.replaceChildren();
  const match = /^#\/sessions\/([0-9a-fA-F-]{36})(?:\?(.*))?$/.exec(location.hash);
  if (!match) {
    void renderSessionsList(main);
    return;
  }
  const sessionId = match[1];
  const token = new URLSearchParams(match[2] ?? '').get('token');
  if (token) {
    rememberFacilitatorToken(sessionId, token);
    // The token leaves the address bar (and its history entry): it stays in this tab only.
    history.replaceState(null, '', `#/sessions/${sessionId}`);
  }
  current = new LiveView(main, sessionId);
}

window.addEventListener('hashchange', route);
route();
