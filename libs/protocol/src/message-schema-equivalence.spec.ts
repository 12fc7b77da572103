import { Value } from '@sinclair/typebox/value';
import {
  EXAMPLE_CLIENT_EVENT_MESSAGES,
  EXAMPLE_FACILITATOR_EVENT_WITH_NOTE,
  EXAMPLE_JOIN_MESSAGE,
  EXAMPLE_STATS_MESSAGE,
  EXAMPLE_UTTERANCE_MESSAGE,
} from './examples';
import { MessageSchema } from './index';
import { isMessageShapeValid } from './validation/message-checker';

/**
 * checkEnvelope dispatches messages by discriminant to compiled per-variant checkers for speed;
 * MessageSchema is the definition. Every mutation below must get the same verdict from both.
 */
const validMessages: unknown[] = [
  EXAMPLE_STATS_MESSAGE,
  EXAMPLE_UTTERANCE_MESSAGE,
  ...EXAMPLE_CLIENT_EVENT_MESSAGES,
  EXAMPLE_FACILITATOR_EVENT_WITH_NOTE,
  EXAMPLE_JOIN_MESSAGE,
];

const replacements: unknown[] = [undefined, null, 0, -1, 1.5, NaN, '', 'x', true, [], {}, 'x'.repeat(300)];

/** Every message with one property (or one property of one stats object) replaced or removed. */
function* mutations(): Generator<unknown> {
  for (const message of validMessages) {
    const record = message as Record<string, unknown>;
    for (const key of [...Object.keys(record), 'extra']) {
      for (const replacement of replacements) yield { ...record, [key]: replacement };
    }
  }
  const { stats } = EXAMPLE_STATS_MESSAGE;
  for (let index = 0; index < stats.length; index++) {
    for (const key of [...Object.keys(stats[index]), 'extra']) {
      for (const replacement of replacements) {
        const mutated = stats.map((object, at) => (at === index ? { ...object, [key]: replacement } : object));
        yield { ...EXAMPLE_STATS_MESSAGE, stats: mutated };
      }
    }
  }
}

describe(isMessageShapeValid.name, () => {
  it('agrees with MessageSchema on valid messages and on every mutation of them', () => {
    const disagreements: unknown[] = [];
    let valid = 0;
    let invalid = 0;
    for (const candidate of [...validMessages, ...mutations()]) {
      const expected = Value.Check(MessageSchema, candidate);
      if (isMessageShapeValid(candidate) !== expected) disagreements.push(candidate);
      if (expected) valid++;
      else invalid++;
    }

    expect(disagreements).toEqual([]);
    // Both verdicts must be well represented, or the comparison proves little.
    expect(valid).toBeGreaterThan(500);
    expect(invalid).toBeGreaterThan(1000);
  });
});
