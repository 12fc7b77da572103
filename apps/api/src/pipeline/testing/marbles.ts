import { TestScheduler } from 'rxjs/testing';

/** Marble strings from [virtual ms, value key] pairs: the metrics' own test helper. */
export { marbles } from '@attune/metrics/connectivity/testing/marbles';

export function createTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}
