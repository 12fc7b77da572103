import type { IngestAck } from '@attune/protocol';
import { ResendAnswers } from './resend-answers';

const rejectedAt = (seq: number, index: number): IngestAck => ({
  seq,
  status: 'partial',
  accepted: 1,
  rejected: [{ index, issues: [{ path: `/messages/${index}/deltaOf`, reason: 'no stored stats report' }] }],
});

describe(ResendAnswers.name, () => {
  it('answers a resend `duplicate`, repeating what of the first was not stored', () => {
    const answers = new ResendAnswers();
    answers.remember(rejectedAt(7, 2));
    answers.remember({ seq: 8, status: 'accepted', accepted: 3, rejected: [] });
    expect(answers.answer(7)).toEqual({ ...rejectedAt(7, 2), status: 'duplicate', accepted: 0 });
    expect(answers.answer(8)).toEqual({ seq: 8, status: 'duplicate', accepted: 0, rejected: [] });
  });

  it('keeps the last 64 envelopes with rejections', () => {
    const answers = new ResendAnswers();
    for (let seq = 0; seq < 65; seq++) answers.remember(rejectedAt(seq, 0));
    expect(answers.answer(0).rejected).toEqual([]);
    expect(answers.answer(1).rejected).toHaveLength(1);
    expect(answers.answer(64).rejected).toHaveLength(1);
  });
});
