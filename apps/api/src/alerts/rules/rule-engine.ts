import type { SessionSnapshot } from '@attune/metrics';
import { ALERT_RULES, type Alert, type AlertChange } from './alert';
import { observe, SessionHistory, type Observation } from './alert-conditions';
import type { AlertThresholds } from './alert-thresholds';

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

export interface RuleEngineOptions {
  sessionId: string;
  thresholds: AlertThresholds;
  /** Ids for new alerts (uuids in the service, a counter in tests). */
  newId: () => string;
}

/** One rule for one member. */
interface ConditionState {
  /** When the condition began to hold; undefined while it does not. */
  holdingSince: number | undefined;
  /** When it stopped holding; undefined while it holds. */
  falseSince: number | undefined;
  /** Its queued or raised alert, until it clears, is acknowledged or is snoozed. */
  open: Alert | undefined;
  /** No new alert before this time (cooldown after a clear or acknowledgement, or a snooze). */
  quietUntil: number;
}

/**
 * The live alerts of one session, evaluated snapshot by snapshot on event time (the snapshot's
 * `at`), with no I/O: conditions come from `observe`; this class adds the hysteresis (raise once
 * a condition has held for its duration, clear once it has been false for the clear delay), the
 * cooldown, acknowledgements and snoozes, and the session-wide rate limit with its FIFO queue.
 */
export class RuleEngine {
  private readonly history = new SessionHistory();
  private readonly conditions = new Map<string, ConditionState>();
  /** Queued alerts, oldest first. */
  private queue: Alert[] = [];
  /** Raise times within the rate-limit window. */
  private raisedTimes: number[] = [];
  private latestAt: number | undefined;

  constructor(private options: RuleEngineOptions) {}

  /** Event time of the last snapshot evaluated. */
  get now(): number | undefined {
    return this.latestAt;
  }

  /** New thresholds (the organisation changed its settings) apply from the next snapshot on. */
  setThresholds(thresholds: AlertThresholds): void {
    this.options = { ...this.options, thresholds };
  }

  /** Queued and raised alerts that are still open. */
  openAlerts(): Alert[] {
    return [...this.conditions.values()].flatMap((state) => (state.open ? [{ ...state.open }] : []));
  }

  evaluate(snapshot: SessionSnapshot): AlertChange[] {
    const at = snapshot.at;
    this.latestAt = at;
    const { thresholds } = this.options;
    this.history.record(snapshot, thresholds);
    const observations = observe(snapshot, this.history, thresholds);
    const holding = new Map(observations.map((observation) => [conditionKey(observation), observation]));
    const changes: AlertChange[] = [];
    const due: Observation[] = [];

    for (const [key, observation] of holding) {
      const state = this.stateOf(key);
      state.falseSince = undefined;
      state.holdingSince = observation.since ?? state.holdingSince ?? at;
      if (state.open) {
        // Keep the description current until the facilitator sees it.
        if (state.open.raisedAt === null) state.open.message = observation.message;
      } else if (at - state.holdingSince >= observation.holdMs && at >= state.quietUntil) {
        due.push(observation);
      }
    }

    for (const [key, state] of this.conditions) {
      if (holding.has(key)) continue;
      state.holdingSince = undefined;
      state.falseSince ??= at;
      if (state.open && at - state.falseSince >= thresholds.clearDelaySeconds * SECOND_MS) {
        changes.push(this.close(state, at));
      }
      if (!state.open && at >= state.quietUntil) this.conditions.delete(key);
    }

    this.raisedTimes = this.raisedTimes.filter((time) => at - time < thresholds.rateLimitWindowMinutes * MINUTE_MS);
    changes.push(...this.raiseFromQueue(at));
    due.sort(byRuleThenParticipant);
    for (const observation of due) changes.push(this.open(observation, at));
    return changes;
  }

  /** The facilitator has seen the alert: it closes, and the cooldown starts. */
  acknowledge(alertId: string, at: number): AlertChange | undefined {
    const state = this.stateOfAlert(alertId);
    if (!state?.open) return undefined;
    const alert = state.open;
    alert.acknowledgedAt = at;
    this.forget(state);
    state.quietUntil = Math.max(state.quietUntil, at + this.options.thresholds.cooldownMinutes * MINUTE_MS);
    return { kind: 'acknowledged', alert: { ...alert } };
  }

  /** Not now: the alert closes, and the same rule for the same member stays quiet until `until`. */
  snooze(alertId: string, until: number): AlertChange | undefined {
    const state = this.stateOfAlert(alertId);
    if (!state?.open) return undefined;
    const alert = state.open;
    alert.snoozedUntil = until;
    this.forget(state);
    state.quietUntil = Math.max(state.quietUntil, until);
    return { kind: 'snoozed', alert: { ...alert } };
  }

  private open(observation: Observation, at: number): AlertChange {
    const alert: Alert = {
      id: this.options.newId(),
      sessionId: this.options.sessionId,
      participantId: observation.participantId,
      rule: observation.rule,
      severity: observation.severity,
      message: observation.message,
      queuedAt: null,
      raisedAt: null,
      clearedAt: null,
      acknowledgedAt: null,
      snoozedUntil: null,
    };
    this.stateOf(conditionKey(observation)).open = alert;
    if (this.queue.length === 0 && this.canRaise()) return this.raise(alert, at);
    alert.queuedAt = at;
    this.queue.push(alert);
    return { kind: 'queued', alert: { ...alert } };
  }

  private raiseFromQueue(at: number): AlertChange[] {
    const changes: AlertChange[] = [];
    while (this.queue.length > 0 && this.canRaise()) {
      const alert = this.queue.shift()!;
      changes.push(this.raise(alert, at));
    }
    return changes;
  }

  private canRaise(): boolean {
    return this.raisedTimes.length < this.options.thresholds.rateLimitCount;
  }

  private raise(alert: Alert, at: number): AlertChange {
    alert.raisedAt = at;
    this.raisedTimes.push(at);
    return { kind: 'raised', alert: { ...alert } };
  }

  /** The condition cleared: a raised alert is cleared (and the cooldown starts), a queued one dropped unseen. */
  private close(state: ConditionState, at: number): AlertChange {
    const alert = state.open!;
    alert.clearedAt = at;
    const wasRaised = alert.raisedAt !== null;
    this.forget(state);
    if (wasRaised) {
      state.quietUntil = Math.max(state.quietUntil, at + this.options.thresholds.cooldownMinutes * MINUTE_MS);
    }
    return { kind: wasRaised ? 'cleared' : 'dropped', alert: { ...alert } };
  }

  private forget(state: ConditionState): void {
    const alert = state.open;
    state.open = undefined;
    this.queue = this.queue.filter((queued) => queued !== alert);
  }

  private stateOf(key: string): ConditionState {
    let state = this.conditions.get(key);
    if (!state) {
      state = { holdingSince: undefined, falseSince: undefined, open: undefined, quietUntil: -Infinity };
      this.conditions.set(key, state);
    }
    return state;
  }

  private stateOfAlert(alertId: string): ConditionState | undefined {
    return [...this.conditions.values()].find((state) => state.open?.id === alertId);
  }
}

function conditionKey(observation: { rule: string; participantId: string }): string {
  return `${observation.rule}/${observation.participantId}`;
}

function byRuleThenParticipant(a: Observation, b: Observation): number {
  return ALERT_RULES.indexOf(a.rule) - ALERT_RULES.indexOf(b.rule) || a.participantId.localeCompare(b.participantId);
}
