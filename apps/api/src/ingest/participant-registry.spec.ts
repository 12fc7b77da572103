import { ParticipantRegistry, ParticipantSource } from './participant-registry';

class FakeParticipantSource implements ParticipantSource {
  loads = 0;
  consents: { participantId: string; storage?: boolean }[] = [];

  async loadForIngest(participantId: string) {
    this.loads++;
    if (participantId === 'missing') return undefined;
    return {
      sessionId: 's1',
      role: 'member' as const,
      consentStorage: true,
      sessionEnded: false,
      acceptedSeqs: [0, 1, 5],
    };
  }

  async recordConsent(participantId: string, change: { storage?: boolean }) {
    this.consents.push({ participantId, ...change });
  }

  async loadStatsReport() {
    return undefined;
  }
}

describe(ParticipantRegistry.name, () => {
  let source: FakeParticipantSource;
  let sut: ParticipantRegistry;
  beforeEach(() => {
    source = new FakeParticipantSource();
    sut = new ParticipantRegistry(source);
  });

  it('loads a participant once, even when asked twice at the same time, with the seqs already stored', async () => {
    const [first, second] = await Promise.all([sut.get('p1'), sut.get('p1')]);
    expect(first).toBe(second);
    expect(source.loads).toBe(1);
    expect([0, 1, 2, 5].map((seq) => first?.seqs.has(seq))).toEqual([true, true, false, true]);
    expect(sut.get('p1')).toBe(first); // from memory, synchronously
  });

  it('answers undefined for a participant that does not exist', async () => {
    expect(await sut.get('missing')).toBeUndefined();
  });

  it('marks every participant of an ended session', async () => {
    const participant = await sut.get('p1');
    sut.markSessionEnded('s1');
    expect(participant?.sessionEnded).toBe(true);
  });

  it('forgets participants idle for longer than asked, and reloads them when they return', async () => {
    const participant = await sut.get('p1');
    participant!.lastSeenAt = 1_000;
    expect(sut.evictIdle(1_000 + 3_600_001, 3_600_000)).toBe(1);
    expect(sut.size).toBe(0);
    await sut.get('p1');
    expect(source.loads).toBe(2);
  });
});
