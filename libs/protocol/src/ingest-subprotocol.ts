/**
 * The ingest WebSocket's subprotocol. A browser cannot set headers on a WebSocket, and a token
 * in the URL would end up in proxies' and servers' access logs, so a collector offers two
 * subprotocols: this one, which the server selects, and `bearer.<participant token>`, which
 * carries the token inside the handshake's Sec-WebSocket-Protocol header. Other clients may
 * send `Authorization: Bearer <token>` instead. (No imports: the browser collector bundles this.)
 */
export const INGEST_SUBPROTOCOL = 'attune-ingest.v1';
export const INGEST_TOKEN_SUBPROTOCOL_PREFIX = 'bearer.';

/** What a collector offers when it opens the ingest WebSocket. */
export function ingestSubprotocols(token: string): string[] {
  return [INGEST_SUBPROTOCOL, INGEST_TOKEN_SUBPROTOCOL_PREFIX + token];
}
