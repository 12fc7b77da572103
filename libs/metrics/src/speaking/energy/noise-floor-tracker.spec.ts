import { DEFAULT_ENERGY_SPEAKING_PARAMETERS } from './energy-parameters';
import { NoiseFloorTracker } from './noise-floor-tracker';

describe(NoiseFloorTracker.name, () => {
  let sut: NoiseFloorTracker;
  beforeEach(() => {
    sut = new NoiseFloorTracker(DEFAULT_ENERGY_SPEAKING_PARAMETERS);
  });

  it('starts at the first level and falls quickly to quieter ones', () => {
    sut.update(-50, 1, undefined);
    for (let second = 0; second < 10; second++) sut.update(-60, 1, undefined);
    expect(sut.currentDb).toBeCloseTo(-60, 0);
  });

  it('ignores speech: a long monologue does not lift the floor', () => {
    sut.update(-60, 1, undefined);
    for (let second = 0; second < 300; second++) sut.update(-25 + (second % 3), 1, -25);
    expect(sut.currentDb).toBe(-60);
  });

  it('climbs slowly into a louder room, but only through levels clearly below speech', () => {
    sut.update(-60, 1, -25);
    for (let second = 0; second < 100; second++) sut.update(-50, 1, -25);
    expect(sut.currentDb).toBeGreaterThan(-56);
    expect(sut.currentDb).toBeLessThan(-49);
  });
});
