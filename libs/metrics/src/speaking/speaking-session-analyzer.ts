import { speakingBalance } from '../balance/speaking-balance';
import { resolveSpeakingParameters, type SpeakingParameterOverrides, type SpeakingParameters } from './parameters';
import type {
  ParticipantSpeakingSnapshot,
  SpeakingSessionInput,
  SpeakingSessionOutput,
  SpeakingSnapshot,
} from './speaking-session-events';
import {
  createSpeakingRecord,
  neverSpoken,
  recordJoin,
  recordLeave,
  recordTalk,
  recordTurn,
  silenceStreakSeconds,
  type ParticipantRole,
  type ParticipantSpeakingRecord,
} from './talk/participant-speaking-record';
import { shareOfTalk } from './talk/speaking-shares';
import { TurnTracker } from './turns/turn-tracker';
import { TurnTakingTracker } from './turn-taking/turn-taking-tracker';
import { TurnTakingTotals } from './turn-taking/turn-taking-totals';
import type { TurnUpdate, Utterance } from './types';

/**
 * The speaking half of a session: talk time, turns, turn-taking and balance, updated event by
 * event (in event time) and read as snapshots. The live operator, the stored windows and the
 * offline report all run this one class, so their numbers agree.
 *
 * Memory per participant is fixed (a bucketed ring for rolling windows, a ring of recent turns,
 * counters), so it does not grow with the session's length.
 */
export class SpeakingSessionAnalyzer {
  private readonly parameters: SpeakingParameters;
  private readonly records = new Map<string, ParticipantSpeakingRecord>();
  private readonly turnTracker: TurnTracker;
  private readonly turnTaking: TurnTakingTracker;
  private readonly turnTakingTotals = new TurnTakingTotals();
  private longestMonologue: { participantId: string; seconds: number } | null = null;

  constructor(parameters: SpeakingParameterOverrides = {}) {
    this.parameters = resolveSpeakingParameters(parameters);
    this.turnTracker = new TurnTracker(this.parameters);
    this.turnTaking = new TurnTakingTracker(this.parameters);
  }

  apply(input: SpeakingSessionInput): SpeakingSessionOutput[] {
    if (!('kind' in input)) return this.addUtterance(input);
    switch (input.kind) {
      case 'join': {
        const record = this.record(input.participantId, input.role);
        record.role = input.role;
        recordJoin(record, input.at);
        return [];
      }
      case 'leave': {
        const outputs = this.applyTurnUpdates(this.turnTracker.close(input.participantId));
        const record = this.records.get(input.participantId);
        if (record) recordLeave(record, input.at);
        return outputs;
      }
      case 'watermark':
        return this.applyTurnUpdates(this.turnTracker.push(input));
      case 'tick':
        return [{ kind: 'snapshot', snapshot: this.snapshot(input.at) }];
      case 'session-end': {
        const outputs = this.applyTurnUpdates(this.turnTracker.flush());
        for (const record of this.records.values()) recordLeave(record, input.at);
        outputs.push({ kind: 'snapshot', snapshot: this.snapshot(input.at) });
        return outputs;
      }
    }
  }

  snapshot(now: number): SpeakingSnapshot {
    const { rollingShareWindowSeconds, facilitatorShareWindowSeconds, balanceWindowSeconds } = this.parameters;
    const rollingShareMs = rollingShareWindowSeconds * 1000;
    const facilitatorWindowMs = facilitatorShareWindowSeconds * 1000;
    const balanceWindowMs = balanceWindowSeconds * 1000;
    // Each rolling total is read once per record: the snapshot runs every second for every
    // session, and a total walks the ring's buckets.
    const records = [...this.records.values()].map((record) => ({
      record,
      rollingShareSeconds: record.rollingTalk.totalOver(now, rollingShareMs),
      facilitatorWindowSeconds: record.rollingTalk.totalOver(now, facilitatorWindowMs),
      balanceWindowSeconds: record.rollingTalk.totalOver(now, balanceWindowMs),
    }));
    type Totals = (typeof records)[number];
    const members = records.filter(({ record }) => record.role === 'member');
    const presentWithin = ({ record }: Totals, windowMs: number) =>
      record.presentSince !== undefined || (record.leftAt !== undefined && record.leftAt > now - windowMs);

    // Shares are of the members' talk (a facilitator has none), summed here rather than through
    // speakingShares' maps: this runs every second for every session.
    let memberTalkSeconds = 0;
    let rollingMemberTalkSeconds = 0;
    for (const totals of members) {
      memberTalkSeconds += totals.record.talkMs / 1000;
      if (presentWithin(totals, rollingShareMs)) rollingMemberTalkSeconds += totals.rollingShareSeconds;
    }
    const participants = records.map((totals): ParticipantSpeakingSnapshot => {
      const { record, rollingShareSeconds } = totals;
      const member = record.role === 'member';
      return {
        participantId: record.participantId,
        role: record.role,
        present: record.presentSince !== undefined,
        talkSeconds: record.talkMs / 1000,
        talkShare: member ? shareOfTalk(record.talkMs / 1000, memberTalkSeconds) : null,
        rollingTalkSeconds: rollingShareSeconds,
        rollingTalkShare:
          member && presentWithin(totals, rollingShareMs)
            ? shareOfTalk(rollingShareSeconds, rollingMemberTalkSeconds)
            : null,
        turns: record.turns,
        substantiveTurns: record.substantiveTurns,
        backchannels: record.backchannels,
        longestTurnSeconds: record.longestTurnSeconds,
        silenceStreakSeconds: silenceStreakSeconds(record, now),
        neverSpoken: neverSpoken(record),
      };
    });

    const rollingTalkIn = (subset: Totals[]) =>
      subset.reduce((sum, totals) => sum + totals.facilitatorWindowSeconds, 0);
    const sessionTalkIn = (subset: Totals[]) => subset.reduce((sum, { record }) => sum + record.talkMs / 1000, 0);
    const facilitators = records.filter(({ record }) => record.role === 'facilitator');

    return {
      at: now,
      participants,
      facilitatorShareRolling: shareOfTalk(rollingTalkIn(facilitators), rollingTalkIn(records)),
      facilitatorShareSession: shareOfTalk(sessionTalkIn(facilitators), sessionTalkIn(records)),
      longestMonologue: this.longestMonologue,
      balanceRolling: speakingBalance(
        members.filter((totals) => presentWithin(totals, balanceWindowMs)).map((totals) => totals.balanceWindowSeconds),
      ),
      balanceSession: speakingBalance(members.map(({ record }) => record.talkMs / 1000)),
      turnTaking: this.turnTakingTotals.summary(new Set(facilitators.map(({ record }) => record.participantId))),
    };
  }

  /**
   * Talk seconds per participant within (now − windowSeconds, now], for other windows than the
   * snapshot's (the dominance alert's 10 min, the export's 60 s windows). Windows up to the
   * longest configured rolling window are supported.
   */
  talkWithin(now: number, windowSeconds: number): Map<string, number> {
    const windowMs = windowSeconds * 1000;
    return new Map(
      [...this.records.values()].map((record) => [record.participantId, record.rollingTalk.totalOver(now, windowMs)]),
    );
  }

  private addUtterance(utterance: Utterance): SpeakingSessionOutput[] {
    const record = this.record(utterance.participantId, 'member');
    // Someone who speaks is there, even if their join was never seen.
    if (record.presentSince === undefined && record.leftAt === undefined) recordJoin(record, utterance.start);
    recordTalk(record, utterance.start, utterance.end);
    return this.applyTurnUpdates(this.turnTracker.push(utterance));
  }

  private applyTurnUpdates(updates: TurnUpdate[]): SpeakingSessionOutput[] {
    const outputs: SpeakingSessionOutput[] = [];
    for (const { status, ...turn } of updates) {
      const closed = status === 'closed';
      recordTurn(this.record(turn.participantId, 'member'), turn, closed);
      if (!closed) continue;
      if (!this.longestMonologue || turn.durationSeconds > this.longestMonologue.seconds) {
        this.longestMonologue = { participantId: turn.participantId, seconds: turn.durationSeconds };
      }
      outputs.push({ kind: 'turn', turn });
      for (const event of this.turnTaking.addClosedTurn(turn)) {
        this.turnTakingTotals.add(event);
        outputs.push(event);
      }
    }
    return outputs;
  }

  /** The participant's record; a join's role wins over the default given by an early utterance. */
  private record(participantId: string, role: ParticipantRole): ParticipantSpeakingRecord {
    let record = this.records.get(participantId);
    if (!record) {
      const { rollingBucketSeconds, rollingShareWindowSeconds, facilitatorShareWindowSeconds, balanceWindowSeconds } =
        this.parameters;
      const longestWindowMs =
        Math.max(rollingShareWindowSeconds, facilitatorShareWindowSeconds, balanceWindowSeconds) * 1000;
      record = createSpeakingRecord(participantId, role, rollingBucketSeconds * 1000, longestWindowMs);
      this.records.set(participantId, record);
    }
    return record;
  }
}

/** Batch form for reports: runs the inputs (in delivery order) and ends the session. */
export function analyzeSpeakingSession(
  inputs: Iterable<SpeakingSessionInput>,
  parameters: SpeakingParameterOverrides = {},
): { outputs: SpeakingSessionOutput[]; final: SpeakingSnapshot } {
  const analyzer = new SpeakingSessionAnalyzer(parameters);
  const outputs: SpeakingSessionOutput[] = [];
  let lastAt = -Infinity;
  let final: SpeakingSnapshot | undefined;
  for (const input of inputs) {
    const isSessionEnd = 'kind' in input && input.kind === 'session-end';
    lastAt = Math.max(lastAt, 'kind' in input ? input.at : input.end);
    for (const output of analyzer.apply(input)) {
      if (output.kind === 'snapshot' && isSessionEnd) final = output.snapshot;
      else outputs.push(output);
    }
  }
  if (!final) {
    for (const output of analyzer.apply({ kind: 'session-end', at: Number.isFinite(lastAt) ? lastAt : 0 })) {
      if (output.kind === 'snapshot') final = output.snapshot;
      else outputs.push(output);
    }
  }
  return { outputs, final: final ?? analyzer.snapshot(lastAt) };
}
