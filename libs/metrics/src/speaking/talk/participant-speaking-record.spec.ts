import type { Turn } from '../types';
import {
  createSpeakingRecord,
  neverSpoken,
  recordJoin,
  recordLeave,
  recordTalk,
  recordTurn,
  silenceStreakSeconds,
  type ParticipantSpeakingRecord,
} from './participant-speaking-record';

const S = 1000;
const turn = (start: number, end: number): Turn => ({
  participantId: 'ann',
  start,
  end,
  durationSeconds: (end - start) / S,
  speakingSeconds: (end - start) / S,
  utteranceCount: 1,
  substantive: end - start >= 2 * S,
});

describe(silenceStreakSeconds.name, () => {
  let record: ParticipantSpeakingRecord;
  beforeEach(() => {
    record = createSpeakingRecord('ann', 'member', 5 * S, 15 * 60 * S);
  });

  it('is all present time while the member has never spoken', () => {
    recordJoin(record, 0);
    expect(silenceStreakSeconds(record, 90 * S)).toBe(90);
    expect(neverSpoken(record)).toBe(true);
  });

  it('restarts at the end of the last substantive turn; backchannels do not end it', () => {
    recordJoin(record, 0);
    recordTurn(record, turn(10 * S, 15 * S), true);
    recordTurn(record, turn(40 * S, 40.5 * S), true);
    expect(silenceStreakSeconds(record, 100 * S)).toBe(85);
    expect(neverSpoken(record)).toBe(false);
  });

  it('is zero-ish while a substantive turn is still open', () => {
    recordJoin(record, 0);
    recordTurn(record, turn(50 * S, 58 * S), false);
    expect(silenceStreakSeconds(record, 58 * S)).toBe(0);
    expect(record.turns).toBe(0);
  });

  it('counts only present time: time away is not silence in the group', () => {
    recordJoin(record, 0);
    recordTurn(record, turn(0, 10 * S), true);
    recordLeave(record, 70 * S); // 60 s silent while present
    expect(silenceStreakSeconds(record, 500 * S)).toBe(60);
    recordJoin(record, 600 * S);
    expect(silenceStreakSeconds(record, 630 * S)).toBe(90);
  });
});

describe(recordTalk.name, () => {
  it('does not count overlapping utterances of one speaker twice', () => {
    const record = createSpeakingRecord('ann', 'member', 5 * S, 15 * 60 * S);
    recordTalk(record, 0, 3 * S);
    recordTalk(record, 2 * S, 4 * S);
    recordTalk(record, 10 * S, 11 * S);
    expect(record.talkMs).toBe(5 * S);
    expect(record.rollingTalk.totalOver(60 * S, 60 * S)).toBeCloseTo(5, 9);
  });
});

describe(recordTurn.name, () => {
  it('counts closed turns as substantive or backchannel and keeps the longest', () => {
    const record = createSpeakingRecord('ann', 'member', 5 * S, 15 * 60 * S);
    for (const [start, end] of [
      [0, 1],
      [5, 12],
      [20, 23],
    ]) {
      recordTurn(record, turn(start * S, end * S), true);
    }
    expect(record).toMatchObject({ turns: 3, substantiveTurns: 2, backchannels: 1, longestTurnSeconds: 7 });
  });
});
