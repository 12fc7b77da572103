import { effectiveLatencyMs, estimateMos, rFactor, rFactorToMos } from './mos';

describe(estimateMos.name, () => {
  // Golden values computed by hand from PRODUCT.md's formula (see docs/metrics.md).
  interface GoldenCase {
    readonly rttMs: number;
    readonly jitterMs: number;
    readonly packetLossPct: number;
    readonly jitterBufferDelayMs?: number;
    readonly d: number;
    readonly r: number;
    readonly mos: number;
  }

  it.each<GoldenCase>([
    { rttMs: 0, jitterMs: 0, packetLossPct: 0, d: 10, r: 92.95, mos: 4.404394 },
    { rttMs: 40, jitterMs: 5, packetLossPct: 0, d: 40, r: 92.2, mos: 4.389099 },
    { rttMs: 40, jitterMs: 5, packetLossPct: 1, d: 40, r: 89.7, mos: 4.331581 },
    { rttMs: 40, jitterMs: 5, packetLossPct: 0, jitterBufferDelayMs: 40, d: 80, r: 91.2, mos: 4.367279 },
    { rttMs: 40, jitterMs: 5, packetLossPct: 2, jitterBufferDelayMs: 40, d: 80, r: 86.2, mos: 4.235165 },
    { rttMs: 100, jitterMs: 20, packetLossPct: 0, d: 100, r: 90.7, mos: 4.35577 },
    { rttMs: 280, jitterMs: 5, packetLossPct: 0, d: 160, r: 89.2, mos: 4.318911 },
    { rttMs: 200, jitterMs: 30, packetLossPct: 3, jitterBufferDelayMs: 20, d: 190, r: 78.7, mos: 3.973929 },
    { rttMs: 600, jitterMs: 20, packetLossPct: 0, d: 350, r: 70.2, mos: 3.606366 },
    { rttMs: 1000, jitterMs: 0, packetLossPct: 0, d: 510, r: 54.2, mos: 2.796216 },
    { rttMs: 2000, jitterMs: 0, packetLossPct: 0, d: 1010, r: 4.2, mos: 1 },
    { rttMs: 40, jitterMs: 5, packetLossPct: 37, d: 40, r: 0, mos: 1 },
  ])(
    'RTT $rttMs ms, jitter $jitterMs ms, loss $packetLossPct %, buffer $jitterBufferDelayMs ms → d $d, R $r, MOS $mos',
    ({ d, r, mos, ...inputs }) => {
      expect(effectiveLatencyMs(inputs)).toBeCloseTo(d, 9);
      expect(rFactor(d, inputs.packetLossPct)).toBeCloseTo(r, 9);
      expect(estimateMos(inputs)).toBeCloseTo(mos, 6);
    },
  );

  it('takes loss in PERCENT: 1 % costs 2.5 R points, a fraction 0.01 almost nothing', () => {
    expect(rFactor(40, 0) - rFactor(40, 1)).toBeCloseTo(2.5, 9);
    expect(rFactor(40, 0) - rFactor(40, 0.01)).toBeCloseTo(0.025, 9);
    expect(estimateMos({ rttMs: 40, jitterMs: 5, packetLossPct: 10 })).toBeLessThan(3.9);
  });

  it('lowers the score for delay above 160 ms, more steeply than below, continuous at 160 ms', () => {
    expect(rFactor(159.999, 0)).toBeCloseTo(89.2, 3);
    expect(rFactor(160, 0)).toBeCloseTo(89.2, 9);
    expect(rFactor(170, 0)).toBeCloseTo(88.2, 9); // 1 point per 10 ms, not per 40 ms
    expect(rFactor(400, 0)).toBeLessThan(rFactor(200, 0));
    expect(estimateMos({ rttMs: 800, jitterMs: 0, packetLossPct: 0 })).toBeLessThan(
      estimateMos({ rttMs: 400, jitterMs: 0, packetLossPct: 0 }),
    );
  });

  it('never rises with more delay, jitter or loss', () => {
    const rises: string[] = [];
    const check = (label: string, scores: number[]) =>
      scores.forEach((score, i) => i > 0 && score > scores[i - 1] && rises.push(`${label} step ${i}`));
    for (const packetLossPct of [0, 1, 5, 20]) {
      const byDelay = Array.from({ length: 1501 }, (_, i) =>
        estimateMos({ rttMs: 2 * i, jitterMs: 10, packetLossPct }),
      );
      check(`delay at ${packetLossPct} % loss`, byDelay);
    }
    check(
      'jitter',
      Array.from({ length: 500 }, (_, i) => estimateMos({ rttMs: 100, jitterMs: i, packetLossPct: 1 })),
    );
    check(
      'loss',
      Array.from({ length: 401 }, (_, i) => estimateMos({ rttMs: 100, jitterMs: 10, packetLossPct: i / 4 })),
    );
    expect(rises).toEqual([]);
  });

  it('clamps R to [0, 100] and MOS to [1, 4.5]', () => {
    expect(rFactor(10, 100)).toBe(0);
    expect(rFactor(-5000, 0)).toBe(100);
    expect(rFactorToMos(0)).toBe(1);
    expect(rFactorToMos(3)).toBe(1); // the cubic dips to 0.989 here; the clamp keeps it at 1
    expect(rFactorToMos(100)).toBeCloseTo(4.5, 9);
    expect(rFactorToMos(105)).toBe(4.5);
    expect(estimateMos({ rttMs: -10_000, jitterMs: 0, packetLossPct: 0 })).toBeCloseTo(4.5, 9);
  });
});
