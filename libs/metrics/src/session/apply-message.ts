import { interpretClientEvent } from './client-events';
import { eventTimeOf } from './message-time';
import type { ParticipantState } from './participant-state';
import type { SessionMessage, SessionRole } from './session-analyzer.contract';
import type { SessionContext } from './session-context';
import type { HeldStats, StatsDigest } from './stats-reader';

/** A message as the analyzer holds it until event time reaches it: a stats report is held read. */
export type HeldMessage = Exclude<SessionMessage, { kind: 'stats' }> | StatsDigest;

/** What the reorder buffer holds: a stats report's reusable digest, or any other message. */
export type HeldInput = HeldStats | HeldEvent;

export interface HeldEvent {
  readonly participantId: string;
  readonly role: SessionRole;
  readonly message: Exclude<SessionMessage, { kind: 'stats' }>;
  /** Older than the watermark when it arrived. */
  readonly late: boolean;
}

type MessageOf<Kind extends HeldMessage['kind']> = Extract<HeldMessage, { kind: Kind }>;

/**
 * Applies one message released by the reorder buffer, in event-time order. A late message (older
 * than the watermark when it arrived) is applied as docs/metrics.md "late data" says: stats and
 * utterances keep their own times where that cannot rewrite what was already judged; events are
 * applied at the analyzer's clock, since the state they change has moved on.
 */
export function applyMessage(context: SessionContext, { participantId, role, message, late }: HeldInput): void {
  const ownTime = eventTimeOf(message);
  const at = late ? Math.max(ownTime, context.clock) : ownTime;
  const participant = context.participant(participantId, role);
  if (late) participant.lateMessages += 1;
  joinImplicitly(context, participant, message, at);
  context.clock = Math.max(context.clock, ownTime);

  switch (message.kind) {
    case 'stats-digest':
      return applyStats(context, participant, message);
    case 'utterance':
      return applyUtterance(context, participant, message, late);
    case 'client-event':
      return applyClientEvent(context, participant, message, at);
    case 'facilitator-event':
      return context.applyDistraction({
        type: 'facilitator-event',
        at,
        code: message.code,
        ...(message.participantId === undefined ? {} : { participantId: message.participantId }),
      });
    case 'join':
      return join(context, participant, at);
    case 'leave':
      // A closed page is not a goodbye: the member is still expected (see ConnectivityInput).
      if (message.reason === 'page-closed') return participant.connectivity.apply({ type: 'page-closed', at });
      return leave(context, participant, at);
  }
}

/**
 * Someone who sends anything is there, even if their join was never seen (a recording that
 * starts mid-call). A participant who left comes back only with a join: a stats report flushed
 * after leaving must not revive them.
 */
function joinImplicitly(
  context: SessionContext,
  participant: ParticipantState,
  message: HeldMessage,
  at: number,
): void {
  if (participant.presence.joins > 0 || message.kind === 'join' || message.kind === 'leave') return;
  join(context, participant, message.kind === 'utterance' ? Math.min(at, message.start) : at);
}

function join(context: SessionContext, participant: ParticipantState, at: number): void {
  participant.connectivity.apply({ type: 'join', at });
  if (participant.presence.present) return;
  participant.presence.join(at);
  context.applySpeaking({ kind: 'join', participantId: participant.id, at, role: participant.role });
  context.applyDistraction({ type: 'join', participantId: participant.id, at });
}

function leave(context: SessionContext, participant: ParticipantState, at: number): void {
  participant.connectivity.apply({ type: 'leave', at });
  if (!participant.presence.present) return;
  context.applyEstimatedSpeech(participant.flushEnergy());
  // The speaking analysis closes the member's open turn first, so the silence before it counts.
  context.applySpeaking({ kind: 'leave', participantId: participant.id, at });
  context.applyDistraction({ type: 'leave', participantId: participant.id, at });
  participant.presence.leave(at);
}

function applyStats(context: SessionContext, participant: ParticipantState, digest: MessageOf<'stats-digest'>): void {
  const { interval, microphoneInterval, levelDbfs } = digest;
  if (interval) participant.connectivity.report(interval);
  context.applyDistraction({
    type: 'stats-report',
    participantId: participant.id,
    at: digest.timestamp,
    intervalSeconds: microphoneInterval?.intervalSeconds ?? interval?.intervalSeconds,
    // From energy alone loud noise and speech look the same: the noise observation needs the
    // device's own voice activity, so levels go to it only for members who send utterances.
    ...(participant.sendsUtterances && levelDbfs !== undefined ? { audioLevelDbfs: levelDbfs } : {}),
  });
  if (microphoneInterval && participant.presence.present) {
    context.applyEstimatedSpeech(participant.estimateSpeech(microphoneInterval));
  }
}

function applyUtterance(
  context: SessionContext,
  participant: ParticipantState,
  message: MessageOf<'utterance'>,
  late: boolean,
): void {
  if (!(message.end > message.start)) return;
  if (late && message.start < participant.lastUtteranceEnd) {
    participant.lateUtterancesNotApplied += 1;
    return;
  }
  // A device that did not say when its detection started covers speech from its first utterance.
  if (!participant.sendsUtterances) participant.handOverToDevice(message.start);
  // What energy estimated before the device took over goes first: talk is counted in time order.
  if (participant.energyPending) context.applyEstimatedSpeech(participant.flushEnergy());
  participant.lastUtteranceEnd = Math.max(participant.lastUtteranceEnd, message.end);
  const { start, end } = message;
  context.applySpeaking({ participantId: participant.id, start, end });
  context.applyDistraction({ type: 'utterance', participantId: participant.id, start, end, at: end });
}

function applyClientEvent(
  context: SessionContext,
  participant: ParticipantState,
  message: MessageOf<'client-event'>,
  at: number,
): void {
  const meaning = interpretClientEvent(message, participant.id, at);
  switch (meaning.to) {
    case 'connectivity':
      return participant.connectivity.apply(meaning.input);
    case 'distraction':
      if (meaning.input.type === 'visibility') participant.connectivity.visibility(meaning.input.state === 'hidden');
      return context.applyDistraction(meaning.input);
    case 'speech-source':
      if (meaning.voiceDetection === 'started') return participant.handOverToDevice(meaning.at);
      // Should the member go on speaking without a detector (a microphone Web Audio cannot read).
      context.applyEstimatedSpeech(participant.flushEnergy());
      return participant.handBackToEnergy();
    case 'nothing':
      return;
  }
}
