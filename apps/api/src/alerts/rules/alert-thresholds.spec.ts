import { DEFAULT_ALERT_THRESHOLDS, effectiveThresholds, validateThresholdOverrides } from './alert-thresholds';

describe(validateThresholdOverrides.name, () => {
  it.each([
    [{}, []],
    [{ quietSilenceMinutes: 8, cooldownMinutes: 0, dropCount: 3 }, []],
    [[], [{ path: '', reason: 'must be an object of threshold overrides' }]],
    [null, [{ path: '', reason: 'must be an object of threshold overrides' }]],
    [{ quietSilenceMinutes: '8' }, [{ path: '/quietSilenceMinutes', reason: 'must be a finite number' }]],
    [{ dropCount: 1.5 }, [{ path: '/dropCount', reason: 'must be a whole number of at least 1' }]],
    [{ dominanceFactor: 0.5 }, [{ path: '/dominanceFactor', reason: 'must be at least 1 (a fair share is 1/N)' }]],
    [{ degradedSeconds: 0 }, [{ path: '/degradedSeconds', reason: 'must be more than 0 and at most 1440' }]],
    [{ clearDelaySeconds: -1 }, [{ path: '/clearDelaySeconds', reason: 'must be between 0 and 1440' }]],
  ])('%j → %j', (overrides, problems) => {
    expect(validateThresholdOverrides(overrides)).toEqual(problems);
  });

  it('names the known thresholds when given an unknown one', () => {
    const [problem] = validateThresholdOverrides({ quietMinutes: 5 });
    expect(problem.path).toBe('/quietMinutes');
    expect(problem.reason).toMatch(/is not a threshold; known: quietSilenceMinutes, /);
  });
});

describe(effectiveThresholds.name, () => {
  it('applies overrides over the defaults', () => {
    expect(effectiveThresholds(null)).toEqual(DEFAULT_ALERT_THRESHOLDS);
    expect(effectiveThresholds({ cameraOffSeconds: 300 })).toEqual({
      ...DEFAULT_ALERT_THRESHOLDS,
      cameraOffSeconds: 300,
    });
  });
});
