import { firstTickAfterMs } from './tick-phase';

describe(firstTickAfterMs.name, () => {
  it('is within [period, 2 × period) and the same for the same session', () => {
    for (const sessionId of ['a', 'session-1', '0b6c1b7e-3f0e-4a51-9d51-6f6f0f8a2a11']) {
      const phase = firstTickAfterMs(sessionId, 1000);
      expect(phase).toBeGreaterThanOrEqual(1000);
      expect(phase).toBeLessThan(2000);
      expect(firstTickAfterMs(sessionId, 1000)).toBe(phase);
    }
  });

  it('spreads sessions that start together over the whole period', () => {
    const perTenth = new Array<number>(10).fill(0);
    for (let index = 0; index < 1000; index++) {
      perTenth[Math.floor((firstTickAfterMs(`session-${index}`, 1000) - 1000) / 100)] += 1;
    }
    // Uniform would be 100 in each tenth of the second; a clustering hash would leave some empty.
    for (const count of perTenth) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(140);
    }
  });
});
