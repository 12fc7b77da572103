/**
 * Errors the domain raises on purpose. Each carries a stable code that clients can act on;
 * one exception filter maps codes to HTTP answers, so services never think about HTTP.
 */
export type DomainErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'payload-too-large'
  | 'rate-limited'
  /** The server cannot take this now (e.g. a storage backlog); retry after retryAfterMs. */
  | 'unavailable';

export interface ErrorDetail {
  /** JSON Pointer into the request body, '' for the body as a whole. */
  path: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra fields for the response body (e.g. retryAfterMs); never secrets. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} not found`);
export const forbidden = (reason: string) => new DomainError('forbidden', reason);
export const unauthenticated = (reason: string) => new DomainError('unauthenticated', reason);
export const conflict = (reason: string) => new DomainError('conflict', reason);
