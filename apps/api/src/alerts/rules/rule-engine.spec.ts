import type { AlertChange, AlertRule } from './alert';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alert-thresholds';
import { RuleEngine } from './rule-engine';
import { snapshotAt, type MemberAt } from './testing/snapshots';

/** Fake event time: seconds from T0. */
const T0 = Date.UTC(2026, 2, 3, 18, 0, 0);
const t = (second: number) => T0 + second * 1000;

interface Seen {
  second: number;
  kind: AlertChange['kind'];
  rule: AlertRule;
  participantId: string | null;
  message: string;
}

/** A scene: what each member looks like at a given second (others connected and talking a little). */
type Scene = (second: number) => MemberAt[];

function newEngine(overrides: Partial<AlertThresholds> = {}): RuleEngine {
  let next = 0;
  return new RuleEngine({
    sessionId: 'session-1',
    thresholds: { ...DEFAULT_ALERT_THRESHOLDS, ...overrides },
    newId: () => `alert-${++next}`,
  });
}

/** Evaluates one snapshot a second over [from, to] and returns every change, with its second. */
function run(sut: RuleEngine, scene: Scene, from: number, to: number, seen: Seen[] = []): Seen[] {
  for (let second = from; second <= to; second++) {
    for (const change of sut.evaluate(snapshotAt(t(second), scene(second)))) seen.push(summary(second, change));
  }
  return seen;
}

function summary(second: number, change: AlertChange): Seen {
  const { rule, participantId, message } = change.alert;
  return { second, kind: change.kind, rule, participantId, message };
}

/** Everyone connected; m2 and m3 have talked recently; m1 as the test says. */
function withM1(m1: (second: number) => Partial<MemberAt>): Scene {
  return (second) => [
    { id: 'm1', rollingTalkSeconds: 0, talkSeconds: 5, ...m1(second) },
    { id: 'm2', rollingTalkSeconds: 30, talkSeconds: second / 3 },
    { id: 'm3', rollingTalkSeconds: 30, talkSeconds: second / 3 },
    { id: 'f', role: 'facilitator', rollingTalkSeconds: 30 },
  ];
}

const disconnectedFrom =
  (from: number, until = Infinity): Scene =>
  (second) =>
    withM1(() => (second >= from && second < until ? { state: 'disconnected', stateSince: t(from) } : {}))(second);

describe(RuleEngine.name, () => {
  describe('raises each rule once its condition has held for its duration', () => {
    const cases: Array<{ rule: AlertRule; scene: Scene; raisedAt: number; message: string; until?: number }> = [
      { rule: 'disconnected', scene: disconnectedFrom(10), raisedAt: 25, message: 'Disconnected for 15 s' },
      {
        rule: 'degraded',
        scene: withM1((s) => (s >= 10 ? { state: 'degraded', stateSince: t(10) } : {})),
        raisedAt: 40,
        message: 'Poor connection quality for 30 s',
      },
      {
        rule: 'repeated-drops',
        scene: withM1((s) => ({ drops: s >= 50 ? 2 : s >= 20 ? 1 : 0 })),
        raisedAt: 50,
        message: '2 connection drops in the last 15 min',
      },
      {
        rule: 'quiet-member',
        scene: withM1((s) => ({ silenceStreakSeconds: s })),
        raisedAt: 600,
        message: 'No speech for 10 min while others speak',
      },
      {
        rule: 'never-spoken',
        scene: withM1(() => ({ neverSpoken: true, talkSeconds: 0 })),
        raisedAt: 1200,
        message: 'Has not spoken in the first 20 min',
      },
      {
        rule: 'dominance',
        // m1 has all the members' talk for the last 10 min; the others none.
        scene: (s) => [
          { id: 'm1', talkSeconds: s, rollingTalkSeconds: 60 },
          { id: 'm2', talkSeconds: 0 },
          { id: 'm3', talkSeconds: 0 },
        ],
        raisedAt: 600,
        message: "100% of members' talk over the last 10 min (3 members present)",
      },
      {
        rule: 'camera-off',
        scene: withM1((s) => (s >= 10 ? { ongoing: [{ type: 'camera-off', start: t(10) }] } : {})),
        raisedAt: 130,
        message: 'Camera off for 2 min',
      },
      {
        rule: 'background-noise',
        scene: withM1((s) => {
          const start = [10, 20, 30].find((noiseStart) => s >= noiseStart && s < noiseStart + 2);
          return start === undefined ? {} : { ongoing: [{ type: 'background-noise', start: t(start) }] };
        }),
        raisedAt: 30,
        message: '3 background-noise episodes in the last 10 min',
      },
    ];

    it.each(cases)('$rule at second $raisedAt: "$message"', ({ rule, scene, raisedAt, message }) => {
      const seen = run(newEngine(), scene, 0, raisedAt + 5);
      expect(seen).toEqual([{ second: raisedAt, kind: 'raised', rule, participantId: 'm1', message }]);
    });
  });

  it('gives camera off the gentle severity and the others the standard one', () => {
    const sut = newEngine();
    const scene = withM1((s) => ({
      ongoing: [{ type: 'camera-off', start: t(0) }],
      ...(s >= 0 ? { state: 'disconnected', stateSince: t(0) } : {}),
    }));
    const changes = [];
    for (let second = 0; second <= 130; second++) changes.push(...sut.evaluate(snapshotAt(t(second), scene(second))));
    expect(changes.map((change) => [change.alert.rule, change.alert.severity])).toEqual([
      ['disconnected', 'standard'],
      ['camera-off', 'gentle'],
    ]);
  });

  it('never alerts on the facilitator or on members who left', () => {
    const scene: Scene = () => [
      { id: 'f', role: 'facilitator', state: 'disconnected', stateSince: t(0) },
      { id: 'm1', present: false, state: 'disconnected', stateSince: t(0) },
    ];
    expect(run(newEngine(), scene, 0, 60)).toEqual([]);
  });

  describe('hysteresis', () => {
    it('does not raise for a condition shorter than its duration', () => {
      expect(run(newEngine(), disconnectedFrom(10, 20), 0, 120)).toEqual([]);
    });

    it('clears only after the condition has been false for the clear delay', () => {
      const seen = run(newEngine(), disconnectedFrom(10, 60), 0, 120);
      expect(seen.map(({ second, kind }) => [second, kind])).toEqual([
        [25, 'raised'],
        [90, 'cleared'],
      ]);
    });

    it('keeps the alert open through a brief recovery', () => {
      const scene: Scene = (s) =>
        withM1(() =>
          s >= 10 && s < 60
            ? { state: 'disconnected', stateSince: t(10) }
            : s >= 70
              ? { state: 'disconnected', stateSince: t(70) }
              : {},
        )(s);
      const seen = run(newEngine(), scene, 0, 200);
      expect(seen.map(({ second, kind }) => [second, kind])).toEqual([[25, 'raised']]);
    });
  });

  describe('cooldown', () => {
    it('does not raise the same rule for the same member within the cooldown after a clear', () => {
      // Cleared at 90; disconnected again from 100: the hold is met at 115, the cooldown ends at 690.
      const scene: Scene = (s) => (s < 100 ? disconnectedFrom(10, 60)(s) : disconnectedFrom(100)(s));
      const seen = run(newEngine(), scene, 0, 700);
      expect(seen.map(({ second, kind }) => [second, kind])).toEqual([
        [25, 'raised'],
        [90, 'cleared'],
        [690, 'raised'],
      ]);
    });

    it('still raises other rules and other members meanwhile', () => {
      const scene: Scene = (s) => {
        const [m1, ...rest] = disconnectedFrom(10, 60)(s);
        const m2 = s >= 100 ? { ...rest[0], state: 'disconnected' as const, stateSince: t(100) } : rest[0];
        return [m1, m2, ...rest.slice(1)];
      };
      const seen = run(newEngine(), scene, 0, 200);
      expect(seen.map(({ second, kind, participantId }) => [second, kind, participantId])).toEqual([
        [25, 'raised', 'm1'],
        [90, 'cleared', 'm1'],
        [115, 'raised', 'm2'],
      ]);
    });
  });

  describe('acknowledge and snooze', () => {
    it('closes an acknowledged alert and starts the cooldown from the acknowledgement', () => {
      const sut = newEngine();
      const scene = disconnectedFrom(10);
      const [raised] = run(sut, scene, 0, 30);
      expect(raised).toMatchObject({ second: 25, kind: 'raised' });
      const alertId = sut.openAlerts()[0].id;
      const change = sut.acknowledge(alertId, t(30));
      expect(change).toMatchObject({ kind: 'acknowledged', alert: { id: alertId, acknowledgedAt: t(30) } });
      expect(sut.openAlerts()).toEqual([]);
      expect(sut.acknowledge(alertId, t(31))).toBeUndefined();
      const later = run(sut, scene, 31, 640);
      expect(later.map(({ second, kind }) => [second, kind])).toEqual([[630, 'raised']]);
    });

    it('raises nothing for the same rule and member until the snooze ends', () => {
      const sut = newEngine();
      const scene = disconnectedFrom(10);
      run(sut, scene, 0, 30);
      const alertId = sut.openAlerts()[0].id;
      expect(sut.snooze(alertId, t(300))).toMatchObject({ kind: 'snoozed', alert: { snoozedUntil: t(300) } });
      const later = run(sut, scene, 31, 400);
      expect(later.map(({ second, kind }) => [second, kind])).toEqual([[300, 'raised']]);
    });
  });

  describe('session-wide rate limit', () => {
    /** m1–m3 disconnect at 10, m5 at 11, m4 at 12; m5 reconnects at `m5Back`. */
    const fiveDisconnect =
      (m5Back = Infinity): Scene =>
      (s) => {
        const since: Record<string, number> = { m1: 10, m2: 10, m3: 10, m4: 12, m5: 11 };
        return Object.entries(since).map(([id, from]) =>
          s >= from && !(id === 'm5' && s >= m5Back)
            ? { id, state: 'disconnected' as const, stateSince: t(from) }
            : { id },
        );
      };

    it('raises at most 3 per 5 minutes and queues the rest, shown first in, first out', () => {
      const seen = run(newEngine(), fiveDisconnect(), 0, 330);
      expect(seen.map(({ second, kind, participantId }) => [second, kind, participantId])).toEqual([
        [25, 'raised', 'm1'],
        [25, 'raised', 'm2'],
        [25, 'raised', 'm3'],
        [26, 'queued', 'm5'],
        [27, 'queued', 'm4'],
        [325, 'raised', 'm5'],
        [325, 'raised', 'm4'],
      ]);
    });

    it('drops a queued alert whose condition cleared before it could be shown', () => {
      const seen = run(newEngine(), fiveDisconnect(100), 0, 330);
      expect(seen.map(({ second, kind, participantId }) => [second, kind, participantId])).toEqual([
        [25, 'raised', 'm1'],
        [25, 'raised', 'm2'],
        [25, 'raised', 'm3'],
        [26, 'queued', 'm5'],
        [27, 'queued', 'm4'],
        [130, 'dropped', 'm5'],
        [325, 'raised', 'm4'],
      ]);
    });

    it('follows the overridden limit', () => {
      const seen = run(newEngine({ rateLimitCount: 5 }), fiveDisconnect(), 0, 40);
      expect(seen.filter(({ kind }) => kind === 'raised')).toHaveLength(5);
    });
  });
});
