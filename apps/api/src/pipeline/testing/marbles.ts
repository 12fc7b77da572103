import { TestScheduler } from 'rxjs/testing';

export function createTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/**
 * A marble string from [virtual ms, value key] pairs, so expectations read as times instead
 * of hand-counted frames; values at the same time form a group; `completeAt` adds `|`.
 */
export function marbles(events: ReadonlyArray<readonly [number, string]>, completeAt?: number): string {
  const byTime = new Map<number, string>();
  for (const [time, key] of events) byTime.set(time, (byTime.get(time) ?? '') + key);
  if (completeAt !== undefined) byTime.set(completeAt, (byTime.get(completeAt) ?? '') + '|');
  const tokens: string[] = [];
  let cursor = 0;
  for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
    if (time < cursor) throw new Error(`events at ${time} ms overlap the group before (ends at ${cursor} ms)`);
    if (time > cursor) tokens.push(`${time - cursor}ms`);
    const keys = byTime.get(time) ?? '';
    const token = keys.length === 1 ? keys : `(${keys})`;
    tokens.push(token);
    cursor = time + token.length;
  }
  return tokens.join(' ');
}
