import { DistractionTracker, findDistractionEpisodes } from './distraction-tracker';
import type { DistractionEpisode, DistractionInput, DistractionUpdate } from './types';

const T0 = 1_700_000_000_000;
const at = (seconds: number) => T0 + seconds * 1000;
const closedEpisodes = (updates: DistractionUpdate[]): DistractionEpisode[] =>
  updates.flatMap((update) => (update.kind === 'closed' ? [update.episode] : []));

describe(findDistractionEpisodes.name, () => {
  it('turns client state changes into episodes with durations', () => {
    const episodes = findDistractionEpisodes([
      { type: 'join', participantId: 'ann', at: at(0) },
      { type: 'visibility', participantId: 'ann', at: at(10), state: 'hidden' },
      { type: 'focus', participantId: 'ann', at: at(10), state: 'blurred' },
      { type: 'visibility', participantId: 'ann', at: at(130), state: 'visible' },
      { type: 'focus', participantId: 'ann', at: at(150), state: 'focused' },
      { type: 'camera', participantId: 'ann', at: at(200), state: 'off' },
      { type: 'camera', participantId: 'ann', at: at(260), state: 'on' },
    ]);
    expect(episodes).toEqual([
      { participantId: 'ann', type: 'tab-hidden', start: at(10), end: at(130), durationSeconds: 120, endedBy: 'state' },
      {
        participantId: 'ann',
        type: 'window-blur',
        start: at(130),
        end: at(150),
        durationSeconds: 20,
        endedBy: 'state',
      },
      { participantId: 'ann', type: 'camera-off', start: at(200), end: at(260), durationSeconds: 60, endedBy: 'state' },
    ]);
  });

  it('closes open episodes when the member leaves, and everything at session end', () => {
    const episodes = findDistractionEpisodes([
      { type: 'mic', participantId: 'ann', at: at(5), state: 'off' },
      { type: 'camera', participantId: 'bob', at: at(6), state: 'off' },
      { type: 'leave', participantId: 'ann', at: at(50) },
      { type: 'session-end', at: at(90) },
    ]);
    expect(
      episodes.map(({ participantId, type, durationSeconds, endedBy }) => [
        participantId,
        type,
        durationSeconds,
        endedBy,
      ]),
    ).toEqual([
      ['ann', 'mic-muted', 45, 'leave'],
      ['bob', 'camera-off', 84, 'session-end'],
    ]);
  });

  it('ends open episodes at the last event when no session end is given', () => {
    const [episode] = findDistractionEpisodes([
      { type: 'camera', participantId: 'bob', at: at(6), state: 'off' },
      { type: 'stats-report', participantId: 'bob', at: at(30) },
    ]);
    expect(episode).toMatchObject({ type: 'camera-off', end: at(30), endedBy: 'session-end' });
  });

  it('folds the mute and camera-off of a privacy pause into the pause', () => {
    const episodes = findDistractionEpisodes([
      { type: 'camera', participantId: 'ann', at: at(0), state: 'off' },
      { type: 'privacy-pause', participantId: 'ann', at: at(30), state: 'on' },
      { type: 'mic', participantId: 'ann', at: at(30), state: 'off' },
      { type: 'voice-activity', participantId: 'ann', at: at(40), state: 'speech' },
      { type: 'privacy-pause', participantId: 'ann', at: at(90), state: 'off' },
      { type: 'mic', participantId: 'ann', at: at(90), state: 'on' },
      { type: 'voice-activity', participantId: 'ann', at: at(95), state: 'silence' },
      { type: 'camera', participantId: 'ann', at: at(100), state: 'on' },
    ]);
    expect(episodes.map(({ type, start, end }) => [type, (start - T0) / 1000, (end - T0) / 1000])).toEqual([
      ['camera-off', 0, 30],
      ['privacy-pause', 30, 90],
      // The camera was still off when the pause ended: that is camera-off again.
      ['camera-off', 90, 100],
    ]);
  });

  it('reports talk while muted, from the device or from its VAD', () => {
    const episodes = findDistractionEpisodes([
      { type: 'mic', participantId: 'ann', at: at(0), state: 'off' },
      { type: 'voice-activity', participantId: 'ann', at: at(10), state: 'speech' },
      { type: 'voice-activity', participantId: 'ann', at: at(14), state: 'silence' },
      { type: 'talk-while-muted', participantId: 'ann', at: at(20), state: 'start' },
      { type: 'talk-while-muted', participantId: 'ann', at: at(22), state: 'end' },
      { type: 'mic', participantId: 'ann', at: at(30), state: 'on' },
    ]);
    expect(
      episodes.filter((episode) => episode.type === 'talk-while-muted').map((episode) => episode.durationSeconds),
    ).toEqual([4, 2]);
  });

  it('records device and platform switches and facilitator observations as instants', () => {
    const episodes = findDistractionEpisodes([
      { type: 'device-change', participantId: 'ann', at: at(5), device: 'audioinput' },
      { type: 'device-change', participantId: 'ann', at: at(9), device: 'videoinput', platform: 'mobile' },
      { type: 'facilitator-event', at: at(12), code: 'phone', participantId: 'ann' },
      { type: 'facilitator-event', at: at(13), code: 'noise' },
    ]);
    expect(
      episodes.map(({ participantId, type, detail, durationSeconds, endedBy }) => [
        participantId,
        type,
        detail,
        durationSeconds,
        endedBy,
      ]),
    ).toEqual([
      ['ann', 'device-switch', 'audioinput', 0, 'instant'],
      ['ann', 'device-switch', 'videoinput', 0, 'instant'],
      ['ann', 'platform-switch', 'mobile', 0, 'instant'],
      ['ann', 'facilitator-logged', 'phone', 0, 'instant'],
      [undefined, 'facilitator-logged', 'noise', 0, 'instant'],
    ]);
    expect('participantId' in episodes[4]).toBe(false);
  });

  it('marks a gap in reports while the tab is hidden as background throttling, not a network fault', () => {
    const reports = (fromSeconds: number, toSeconds: number): DistractionInput[] =>
      Array.from({ length: toSeconds - fromSeconds + 1 }, (_, index) => ({
        type: 'stats-report' as const,
        participantId: 'ann',
        at: at(fromSeconds + index),
      }));
    const episodes = findDistractionEpisodes([
      ...reports(0, 10),
      { type: 'visibility', participantId: 'ann', at: at(10.5), state: 'hidden' },
      ...reports(70, 72), // a minute of silence while hidden
      { type: 'visibility', participantId: 'ann', at: at(72.5), state: 'visible' },
      ...reports(100, 101), // a gap while visible: not ours to explain (connectivity's)
    ]);
    expect(episodes.filter((episode) => episode.type === 'throttled-stats-gap')).toEqual([
      {
        participantId: 'ann',
        type: 'throttled-stats-gap',
        start: at(10),
        end: at(70),
        durationSeconds: 60,
        endedBy: 'state',
      },
    ]);
  });
});

describe('background noise', () => {
  const level = (seconds: number, levelDbfs: number | null): DistractionInput => ({
    type: 'stats-report',
    participantId: 'ann',
    at: at(seconds),
    intervalSeconds: 1,
    audioLevelDbfs: levelDbfs,
  });
  const quiet = (fromSeconds: number, count: number) =>
    Array.from({ length: count }, (_, index) => level(fromSeconds + index, -65));

  it('is a loud stretch of at least 1.5 s without voice activity, judged after the decision delay', () => {
    const sut = new DistractionTracker();
    const updates: DistractionUpdate[] = [];
    for (const input of [...quiet(1, 5), level(6, -35), level(7, -30), level(8, -38), ...quiet(9, 3)]) {
      updates.push(...sut.apply(input));
    }
    expect(closedEpisodes(updates)).toEqual([]); // not yet: speech could still be reported
    for (const input of quiet(12, 3)) updates.push(...sut.apply(input));
    expect(closedEpisodes(updates)).toEqual([
      {
        participantId: 'ann',
        type: 'background-noise',
        start: at(5),
        end: at(8),
        durationSeconds: 3,
        endedBy: 'state',
      },
    ]);
  });

  it('is not noise when the member was speaking (VAD or a late utterance)', () => {
    const episodes = findDistractionEpisodes([
      ...quiet(1, 5),
      { type: 'voice-activity', participantId: 'ann', at: at(5.2), state: 'speech' },
      level(6, -30),
      level(7, -30),
      { type: 'voice-activity', participantId: 'ann', at: at(7.5), state: 'silence' },
      level(8, -60),
      level(20, -30),
      level(21, -30),
      level(22, -30),
      level(23, -60),
      { type: 'utterance', participantId: 'ann', start: at(19.2), end: at(21.4), at: at(23.5) },
      ...quiet(24, 10),
    ]);
    // 19–22 s was loud; speech covers 19.2–21.4 s, leaving 0.2 s and 0.6 s: both too short.
    expect(episodes.filter((episode) => episode.type === 'background-noise')).toEqual([]);
  });

  it('ignores a single loud second, and intervals without audio', () => {
    const episodes = findDistractionEpisodes([
      ...quiet(1, 3),
      level(4, -30),
      level(5, null),
      level(6, null),
      ...quiet(7, 10),
    ]);
    expect(episodes).toEqual([]);
  });
});

describe(DistractionTracker.name, () => {
  it('lists ongoing episodes for the live view', () => {
    const sut = new DistractionTracker();
    sut.apply({ type: 'camera', participantId: 'ann', at: at(0), state: 'off' });
    expect(sut.apply({ type: 'visibility', participantId: 'bob', at: at(30), state: 'hidden' })).toEqual([
      { kind: 'opened', participantId: 'bob', type: 'tab-hidden', start: at(30) },
    ]);
    expect(sut.ongoing(at(150))).toEqual([
      { participantId: 'ann', type: 'camera-off', start: at(0), secondsSoFar: 150 },
      { participantId: 'bob', type: 'tab-hidden', start: at(30), secondsSoFar: 120 },
    ]);
  });

  it('starts a member who rejoins from a fresh state', () => {
    const sut = new DistractionTracker();
    sut.apply({ type: 'camera', participantId: 'ann', at: at(0), state: 'off' });
    sut.apply({ type: 'leave', participantId: 'ann', at: at(10) });
    sut.apply({ type: 'join', participantId: 'ann', at: at(20) });
    expect(sut.ongoing(at(30))).toEqual([]);
  });
});
