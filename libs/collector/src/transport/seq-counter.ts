/** The part of sessionStorage the collector uses (injectable so Node tests need no DOM). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Envelope sequence numbers. The server remembers which seqs of a participant it stored and
 * answers a repeat as `duplicate` without storing it, and takes anything more than 4096 below
 * the highest as old (apps/api/src/ingest/seq-window.ts). So after a page reload the collector
 * must never start below a seq it used before, or its new data would be thrown away as repeats.
 *
 * Two guards: the first seq is at least the wall clock in ms (a reload happens seconds later, and
 * a collector sends a few envelopes per second, far fewer than one per ms, so the clock has
 * always moved past every earlier seq), and at least one more than the last seq this tab used,
 * kept in sessionStorage per participant (covering a clock set back between reloads).
 */
export class SeqCounter {
  private next: number;
  private readonly key: string;

  constructor(
    participantId: string,
    private readonly storage: KeyValueStorage | undefined,
    now: number,
  ) {
    this.key = `attune.collector.seq.${participantId}`;
    const stored = Number(readSafely(storage, this.key));
    this.next = Math.max(Math.floor(now), Number.isSafeInteger(stored) ? stored + 1 : 0);
  }

  take(): number {
    const seq = this.next++;
    writeSafely(this.storage, this.key, String(seq));
    return seq;
  }
}

// Storage can throw (quota, privacy modes, sandboxed iframes); seqs then rely on the clock alone.
function readSafely(storage: KeyValueStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeSafely(storage: KeyValueStorage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // see readSafely
  }
}
