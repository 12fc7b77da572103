import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler that compares with Jest's deep equality (marble tests of event-time operators). */
export function createTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}
