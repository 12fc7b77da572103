import { NoiseFloor } from './noise-floor';
import { VoiceActivityDetector, type Utterance } from './voice-activity-detector';

const FRAME_MS = 50;

/** Feeds `seconds` of frames at `levelDb` from `startMs`; returns the utterances finished and the next start. */
function feed(
  sut: VoiceActivityDetector,
  startMs: number,
  seconds: number,
  levelDb: number | ((index: number) => number),
) {
  const utterances: Utterance[] = [];
  const frames = Math.round((seconds * 1000) / FRAME_MS);
  for (let index = 0; index < frames; index++) {
    const level = typeof levelDb === 'number' ? levelDb : levelDb(index);
    const utterance = sut.addFrame(startMs + index * FRAME_MS, level);
    if (utterance) utterances.push(utterance);
  }
  return { utterances, next: startMs + frames * FRAME_MS };
}

describe(NoiseFloor.name, () => {
  it('is the 10th percentile of a full window, 1 dB resolution', () => {
    const sut = new NoiseFloor(5_000, FRAME_MS); // 100 frames
    // 10% of frames at −70 dB, 90% at −30 dB: the 10th percentile is −70.
    for (let index = 0; index < 100; index++) sut.add(index * FRAME_MS, index % 10 === 0 ? -70 : -30);
    expect(sut.level()).toBe(-70);
    sut.add(100 * FRAME_MS, -30); // now 10/101 < 10.1 needed: the percentile moves up
    expect(sut.level()).toBe(-30);
  });

  it('starts from the quietest frames and reaches the 10th percentile as the window fills', () => {
    const sut = new NoiseFloor(60_000, FRAME_MS); // 1200 frames
    // 5 % dips at −45 dB in speech at −25 dB: too few for a 10th percentile.
    const level = (index: number) => (index % 20 === 0 ? -45 : -25);
    for (let index = 0; index < 200; index++) sut.add(index * FRAME_MS, level(index));
    expect(sut.level()).toBe(-45); // 10 s in: rank ceil(0.1 × 200 × 1/6) = 4, of 10 dips
    for (let index = 200; index < 1200; index++) sut.add(index * FRAME_MS, level(index));
    expect(sut.level()).toBe(-25); // a full minute with 5 % pauses: the 10th percentile is speech
  });

  it('forgets frames older than the window', () => {
    const sut = new NoiseFloor(1000, FRAME_MS);
    for (let index = 0; index < 20; index++) sut.add(index * FRAME_MS, -80);
    for (let index = 20; index < 41; index++) sut.add(index * FRAME_MS, -40);
    expect(sut.level()).toBe(-40);
  });

  it('stays bounded however long it runs', () => {
    const sut = new NoiseFloor(60_000, FRAME_MS);
    for (let index = 0; index < 50_000; index++) sut.add(index * FRAME_MS, -60 + (index % 7));
    expect(sut.level()).toBe(-60);
  });
});

describe(VoiceActivityDetector.name, () => {
  it('finds one utterance in speech between silences, with frame-accurate times', () => {
    const sut = new VoiceActivityDetector();
    const quiet = feed(sut, 0, 5, -65);
    const speech = feed(sut, quiet.next, 2, -25);
    const after = feed(sut, speech.next, 2, -65);
    expect([...quiet.utterances, ...speech.utterances]).toEqual([]);
    expect(after.utterances).toEqual([{ start: 5000, end: 7000 }]);
  });

  it('needs 2 of 3 frames to start: a single loud frame (a click) is not speech', () => {
    const sut = new VoiceActivityDetector();
    const quiet = feed(sut, 0, 3, -65);
    const clicks = feed(sut, quiet.next, 3, (index) => (index % 3 === 0 ? -20 : -65));
    const tail = feed(sut, clicks.next, 2, -65);
    expect([...clicks.utterances, ...tail.utterances]).toEqual([]);
    expect(sut.speaking).toBe(false);
  });

  it('bridges pauses shorter than 750 ms and ends after 750 ms of silence', () => {
    const sut = new VoiceActivityDetector();
    let next = feed(sut, 0, 3, -65).next;
    next = feed(sut, next, 1, -25).next; // 3000–4000
    const shortPause = feed(sut, next, 0.7, -65); // 4000–4700: bridged
    next = feed(sut, shortPause.next, 1, -25).next; // 4700–5700
    const end = feed(sut, next, 0.75, -65); // 5700–6450: released on the last frame
    expect(shortPause.utterances).toEqual([]);
    expect(end.utterances).toEqual([{ start: 3000, end: 5700 }]);
  });

  it('never calls speech anything below −50 dBFS, however quiet the room', () => {
    const sut = new VoiceActivityDetector();
    const next = feed(sut, 0, 5, -95).next; // floor ≈ −95: floor + 12 = −83
    const murmur = feed(sut, next, 2, -55);
    expect([...murmur.utterances, ...feed(sut, murmur.next, 1, -95).utterances]).toEqual([]);
  });

  it('adapts to a noisy room: speech must be 12 dB over its floor', () => {
    const sut = new VoiceActivityDetector();
    let next = feed(sut, 0, 10, -40).next; // fan noise at −40 dBFS: threshold −28
    expect(sut.threshold()).toBe(-28);
    const louderNoise = feed(sut, next, 1, -35); // above −50 but under the threshold
    next = louderNoise.next;
    const speech = feed(sut, next, 1, -20);
    const end = feed(sut, speech.next, 1, -40);
    expect(louderNoise.utterances).toEqual([]);
    expect(end.utterances).toEqual([{ start: next, end: speech.next }]);
  });

  it('hears a member who is already talking when it starts', () => {
    const sut = new VoiceActivityDetector();
    // Speech at −25 dBFS with a short dip to −45 every second (5 % of frames), from the first frame.
    const talking = feed(sut, 0, 8, (index) => (index % 20 === 10 ? -45 : -25));
    const end = feed(sut, talking.next, 1, -65);
    // One utterance from the first pause on (in two touching pieces: it is longer than 5 s).
    const utterances = [...talking.utterances, ...end.utterances];
    expect(utterances).toEqual([
      { start: 550, end: 5600 },
      { start: 5600, end: talking.next },
    ]);
  });

  it('sends a long utterance in touching pieces of at most 5 s while it goes on', () => {
    const sut = new VoiceActivityDetector();
    const quiet = feed(sut, 0, 3, -65);
    const talking = feed(sut, quiet.next, 12, -25); // 3000–15000
    expect(talking.utterances).toEqual([
      { start: 3000, end: 8000 },
      { start: 8000, end: 13000 },
    ]);
    const end = feed(sut, talking.next, 1, -65);
    expect(end.utterances).toEqual([{ start: 13000, end: 15000 }]);
  });

  it('flush() ends an utterance in progress at its last speech frame', () => {
    const sut = new VoiceActivityDetector();
    const next = feed(sut, 0, 2, -65).next;
    const speech = feed(sut, next, 1, -25);
    expect(sut.flush()).toEqual({ start: next, end: speech.next });
    expect(sut.flush()).toBeUndefined();
  });
});
