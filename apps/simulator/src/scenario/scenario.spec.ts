import { audibleSpans } from '../member/member-plan';
import { isBadSecond } from '../member/network-condition';
import { defaultPersonas } from './personas';
import { buildScenario, type Scenario } from './scenario';
import { overlapsAny, subtractSpans, totalSeconds } from './spans';

const TWENTY_MINUTES = 20 * 60;

function scenarioOf(seed: number): Scenario {
  return buildScenario({ personas: defaultPersonas(8), durationSeconds: TWENTY_MINUTES, seed, speech: 'utterances' });
}

function plan(scenario: Scenario, persona: string) {
  const found = scenario.plans.find((candidate) => candidate.persona === persona);
  if (!found) throw new Error(`no ${persona} in the scenario`);
  return found;
}

describe(buildScenario.name, () => {
  it('gives the same session for the same seed and another one for another seed', () => {
    const plansOf = (seed: number) =>
      JSON.stringify(scenarioOf(seed).plans.map(({ network: _network, ...rest }) => rest));
    expect(plansOf(7)).toBe(plansOf(7));
    expect(plansOf(7)).not.toBe(plansOf(8));
  });

  it.each([1, 2, 3])('plays every persona as intended (seed %i)', (seed) => {
    const scenario = scenarioOf(seed);
    const members = scenario.plans.filter((candidate) => candidate.role === 'member');
    const talk = (persona: string) => totalSeconds(plan(scenario, persona).speech);

    // The quiet member talks least, the talkative one most.
    for (const member of members) {
      if (member.persona !== 'quiet') expect(totalSeconds(member.speech)).toBeGreaterThan(talk('quiet'));
      if (member.persona !== 'talkative') expect(totalSeconds(member.speech)).toBeLessThan(talk('talkative'));
    }
    // The withdrawing member talks early and fades.
    const withdrawing = plan(scenario, 'withdrawing').speech;
    const firstThird = totalSeconds(subtractSpans(withdrawing, [{ startSeconds: 400, endSeconds: TWENTY_MINUTES }]));
    const lastThird = totalSeconds(subtractSpans(withdrawing, [{ startSeconds: 0, endSeconds: 800 }]));
    expect(firstThird).toBeGreaterThan(2 * lastThird);

    expect(plan(scenario, 'distracted').hidden.length).toBeGreaterThanOrEqual(1);
    expect(plan(scenario, 'dropper').outages.length).toBeGreaterThanOrEqual(1);
    expect(totalSeconds(plan(scenario, 'camera-shy').cameraOff)).toBeGreaterThan(120);
    for (const member of members) {
      if (member.persona !== 'dropper') expect(member.outages).toEqual([]);
    }

    // The poor network is bad by the pipeline's own rule most of the time; good ones almost never.
    const badShare = (persona: string) => {
      const network = plan(scenario, persona).network;
      let bad = 0;
      for (let second = 0; second < TWENTY_MINUTES; second++) if (isBadSecond(network, second)) bad++;
      return bad / TWENTY_MINUTES;
    };
    expect(badShare('poor-network')).toBeGreaterThan(0.8);
    expect(badShare('steady')).toBeLessThan(0.02);
  });

  it('lets nobody speak while they cannot be heard (away, disconnected or muted)', () => {
    const scenario = scenarioOf(4);
    for (const member of scenario.plans) {
      const inaudible = subtractSpans([{ startSeconds: 0, endSeconds: TWENTY_MINUTES }], audibleSpans(member));
      expect(member.speech.filter((piece) => overlapsAny(piece, inaudible))).toEqual([]);
    }
  });

  it('records a facilitator observation for the situations a facilitator notices', () => {
    const scenario = scenarioOf(2);
    const codes = new Set(scenario.observations.map((observation) => observation.code));
    expect(codes).toContain('technical-issue');
    expect(codes).toContain('withdrawn');
    const dropper = plan(scenario, 'dropper');
    const technical = scenario.observations.filter((observation) => observation.code === 'technical-issue');
    expect(technical.map((observation) => observation.about)).toContain(dropper.key);
  });

  it('refuses sessions too short to mean anything', () => {
    expect(() => buildScenario({ personas: ['steady'], durationSeconds: 10, seed: 1, speech: 'utterances' })).toThrow(
      /at least 30 s/,
    );
  });
});
