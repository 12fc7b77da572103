import type { RtcStats, StatsReport } from '../normalize';
import { MediaSourceEnergyReader } from './media-source-energy';

function reportAt(seconds: number, energy: number, duration: number, id = 'SA1'): StatsReport {
  const microphone: RtcStats = {
    id,
    type: 'media-source',
    timestamp: seconds * 1000,
    kind: 'audio',
    totalAudioEnergy: energy,
    totalSamplesDuration: duration,
  };
  return { timestamp: seconds * 1000, stats: [microphone] };
}

describe(MediaSourceEnergyReader.name, () => {
  it('turns cumulative media-source counters into energy intervals with their level', () => {
    const sut = new MediaSourceEnergyReader();
    expect(sut.read(reportAt(1, 0.001, 1), 'pc')).toEqual({}); // the first sight is a baseline
    const second = sut.read(reportAt(2, 0.011, 2), 'pc');
    expect(second.interval).toMatchObject({ at: 2000, intervalSeconds: 1, deltaTotalSamplesDuration: 1 });
    expect(second.interval?.deltaTotalAudioEnergy).toBeCloseTo(0.01, 12);
    expect(second.levelDbfs).toBeCloseTo(-20, 6);
    // A muted second carries no energy: a level of null, not of −∞.
    expect(sut.read(reportAt(3, 0.011, 3), 'pc').levelDbfs).toBeNull();
  });

  it('a counter going backwards starts a new baseline, never a negative delta', () => {
    const sut = new MediaSourceEnergyReader();
    sut.read(reportAt(1, 5, 100), 'pc');
    expect(sut.read(reportAt(2, 0.01, 1), 'pc')).toEqual({});
    expect(sut.read(reportAt(3, 0.02, 2), 'pc').interval?.deltaTotalAudioEnergy).toBeCloseTo(0.01, 9);
  });

  it('one microphone seen through two peer connections is counted once: the second takes over only when the first goes quiet', () => {
    const sut = new MediaSourceEnergyReader();
    const used: string[] = [];
    for (let second = 1; second <= 10; second++) {
      for (const pc of ['p2p', 'sfu']) {
        if (pc === 'p2p' && second > 4) continue; // the P2P connection closes after 4 s
        const reading = sut.read(reportAt(second + (pc === 'sfu' ? 0.5 : 0), second * 0.01, second), pc);
        if (reading.interval) used.push(`${pc}@${reading.interval.at / 1000}/${reading.interval.intervalSeconds}`);
      }
    }
    // P2P until it stops; the SFU connection takes over once P2P has been silent for over 5 s.
    expect(used).toEqual(['p2p@2/1', 'p2p@3/1', 'p2p@4/1', 'sfu@9.5/1', 'sfu@10.5/1']);
  });
});
