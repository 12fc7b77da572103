import { analyzeSpeakingSession, SpeakingSessionAnalyzer } from './speaking-session-analyzer';
import type { SpeakingSessionInput, SpeakingSnapshot } from './speaking-session-events';

const T0 = 1_700_000_000_000;
const S = 1000;
const at = (seconds: number) => T0 + seconds * S;
const say = (participantId: string, fromSeconds: number, toSeconds: number): SpeakingSessionInput => ({
  participantId,
  start: at(fromSeconds),
  end: at(toSeconds),
});
const participant = (snapshot: SpeakingSnapshot, id: string) =>
  snapshot.participants.find((entry) => entry.participantId === id);

describe(SpeakingSessionAnalyzer.name, () => {
  let sut: SpeakingSessionAnalyzer;
  beforeEach(() => {
    sut = new SpeakingSessionAnalyzer();
    sut.apply({ kind: 'join', participantId: 'lead', at: T0, role: 'facilitator' });
    for (const id of ['ann', 'bob', 'cat']) sut.apply({ kind: 'join', participantId: id, at: T0, role: 'member' });
  });

  it('shares talk among members only, and reports the facilitator share of all talk', () => {
    sut.apply(say('lead', 0, 60));
    sut.apply(say('ann', 61, 91));
    sut.apply(say('bob', 92, 102));
    const snapshot = sut.snapshot(at(120));
    expect(participant(snapshot, 'ann')).toMatchObject({ talkSeconds: 30, talkShare: 0.75 });
    expect(participant(snapshot, 'bob')).toMatchObject({ talkSeconds: 10, talkShare: 0.25 });
    expect(participant(snapshot, 'cat')).toMatchObject({ talkSeconds: 0, talkShare: 0, neverSpoken: true });
    expect(participant(snapshot, 'lead')?.talkShare).toBeNull();
    expect(snapshot.facilitatorShareSession).toBe(0.6);
    expect(snapshot.facilitatorShareRolling).toBe(0.6);
  });

  it('rolls the 5 min share and the 10 min facilitator share forward', () => {
    sut.apply(say('ann', 0, 60));
    sut.apply(say('lead', 6 * 60, 6 * 60 + 30));
    sut.apply(say('bob', 7 * 60, 7 * 60 + 30));
    const snapshot = sut.snapshot(at(8 * 60));
    // Ann's minute is older than 5 min: the rolling share is all Bob's.
    expect(participant(snapshot, 'ann')).toMatchObject({ talkSeconds: 60, rollingTalkSeconds: 0, rollingTalkShare: 0 });
    expect(participant(snapshot, 'bob')).toMatchObject({ rollingTalkShare: 1 });
    expect(snapshot.facilitatorShareRolling).toBeCloseTo(30 / 120, 9);
  });

  it('measures balance over members present (silent ones count)', () => {
    sut.apply(say('ann', 0, 30));
    sut.apply(say('bob', 31, 61));
    const snapshot = sut.snapshot(at(90));
    expect(snapshot.balanceSession).toMatchObject({ participantCount: 3, totalTalkSeconds: 60 });
    expect(snapshot.balanceSession.gini).toBeCloseTo(1 / 3, 9);
    expect(snapshot.balanceSession.normalisedEntropy).toBeCloseTo(Math.log(2) / Math.log(3), 9);
    expect(snapshot.balanceRolling.gini).toBeCloseTo(1 / 3, 9);
  });

  it('tracks silence streaks and never-spoken from substantive turns', () => {
    sut.apply(say('ann', 10, 15));
    sut.apply(say('bob', 20, 20.5));
    sut.apply({ kind: 'watermark', at: at(30) });
    const snapshot = sut.snapshot(at(15 * 60));
    expect(participant(snapshot, 'ann')).toMatchObject({ silenceStreakSeconds: 15 * 60 - 15, neverSpoken: false });
    expect(participant(snapshot, 'bob')).toMatchObject({
      silenceStreakSeconds: 15 * 60,
      neverSpoken: true,
      backchannels: 1,
    });
  });

  it('emits closed turns and turn-taking events, and the longest monologue', () => {
    const outputs = [
      ...sut.apply(say('lead', 0, 20)),
      ...sut.apply(say('ann', 20.6, 30)),
      ...sut.apply({ kind: 'watermark', at: at(40) }),
    ];
    expect(outputs.map((output) => output.kind)).toEqual(['turn', 'turn', 'transition']);
    const snapshot = sut.snapshot(at(40));
    expect(snapshot.longestMonologue).toEqual({ participantId: 'lead', seconds: 20 });
    expect(snapshot.turnTaking.transitions).toEqual([{ from: 'lead', to: 'ann', count: 1 }]);
    expect(snapshot.turnTaking.memberToMemberRatio).toBe(0);
  });

  it('closes the turn of a member who leaves, and keeps them in the rolling balance for the window', () => {
    sut.apply(say('cat', 0, 10));
    const outputs = sut.apply({ kind: 'leave', participantId: 'cat', at: at(12) });
    expect(outputs).toEqual([expect.objectContaining({ kind: 'turn' })]);
    expect(sut.snapshot(at(5 * 60)).balanceRolling.participantCount).toBe(3);
    expect(sut.snapshot(at(20 * 60)).balanceRolling.participantCount).toBe(2);
    expect(participant(sut.snapshot(at(20 * 60)), 'cat')?.present).toBe(false);
  });

  it('answers talk within other windows from the same rolling ring', () => {
    sut.apply(say('ann', 0, 30));
    sut.apply(say('ann', 9 * 60, 9 * 60 + 20));
    expect(sut.talkWithin(at(10 * 60), 60).get('ann')).toBeCloseTo(20, 9);
    expect(sut.talkWithin(at(10 * 60), 10 * 60).get('ann')).toBeCloseTo(50, 9);
  });

  it('treats an unannounced speaker as a present member', () => {
    sut.apply(say('dan', 5, 8));
    expect(participant(sut.snapshot(at(10)), 'dan')).toMatchObject({ role: 'member', present: true, talkSeconds: 3 });
  });
});

describe(analyzeSpeakingSession.name, () => {
  it('runs a whole session and ends it at the last event', () => {
    const { outputs, final } = analyzeSpeakingSession([
      { kind: 'join', participantId: 'ann', at: T0, role: 'member' },
      say('ann', 0, 5),
      say('bob', 6, 10),
    ]);
    expect(outputs.filter((output) => output.kind === 'turn')).toHaveLength(2);
    expect(final.at).toBe(at(10));
    expect(final.participants.every((entry) => !entry.present)).toBe(true);
    expect(final.turnTaking.transitionCount).toBe(1);
  });
});
