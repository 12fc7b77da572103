/**
 * How long after a session's graph starts its first tick comes, in [periodMs, 2 × periodMs).
 * Never sooner than one period, so a burst of data that arrives in the first second (a client
 * sending what it buffered) is not cut by a tick that would make its slower members late. Sessions
 * that start together (a restart rebuilding every live session, a morning's groups starting on
 * the hour) would otherwise tick in the same instant every second, and the last of a thousand
 * sessions would wait for the other 999 ticks; spread by a hash of the session id, the work of
 * one second is dealt out over the whole second. The same id always gets the same phase, so a
 * session keeps its rhythm and tests can predict it.
 */
export function firstTickAfterMs(sessionId: string, periodMs: number): number {
  return periodMs + Math.floor(phaseOf(sessionId) * periodMs);
}

/**
 * FNV-1a of the id's UTF-16 code units, then MurmurHash3's finaliser (ids that differ only in
 * their last characters, like `session-17` and `session-18`, would otherwise differ only in the
 * low bits), as a fraction in [0, 1).
 */
function phaseOf(sessionId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < sessionId.length; index++) {
    hash ^= sessionId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
