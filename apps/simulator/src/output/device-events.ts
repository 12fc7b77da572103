import type { ClientEventMessage, Message } from '@attune/protocol';
import type { MemberPlan } from '../member/member-plan';
import type { FacilitatorObservation } from '../scenario/facilitator-observations';
import type { SpeechSource } from '../scenario/scenario';
import type { TimeSpan } from '../scenario/spans';
import { epochMs } from './time';

/** The simulated collector's version, as join messages report it. */
export const SIMULATOR_COLLECTOR_VERSION = '0.1.0-sim';

/** Utterances leave the device in pieces of at most this long, as the collector sends them (docs/metrics.md). */
export const MAX_UTTERANCE_CHUNK_SECONDS = 5;

/** A message and the moment the device sends it (event time; an utterance is sent when it ends). */
export interface TimedMessage {
  sendAt: number;
  message: Message;
}

export interface DeviceEventContext {
  sessionStartMs: number;
  speech: SpeechSource;
  /** Participant ids by plan key, for the facilitator's events about members. */
  participantIds: ReadonlyMap<string, string>;
  observations: readonly FacilitatorObservation[];
}

/**
 * Everything a participant's device sends besides stats, in sending order: join and the first
 * connection's state changes, visibility, focus, camera and mic changes, the new connection and
 * the collector's gap report after each outage, the start of voice detection and device
 * utterances (when the scenario has them), the facilitator's taps, and leave.
 */
export function deviceEvents(
  plan: MemberPlan,
  context: DeviceEventContext,
  droppedPolls: DroppedPolls,
): TimedMessage[] {
  const at = (seconds: number): number => epochMs(context.sessionStartMs, seconds);
  const events: TimedMessage[] = [];
  const push = (message: Exclude<Message, { kind: 'stats' }>): void => {
    events.push({ sendAt: message.kind === 'utterance' ? message.end : message.at, message });
  };
  const clientEvent = (message: ClientEventMessage): void => push(message);

  const joinedAt = at(plan.stay.startSeconds);
  push({ kind: 'join', at: joinedAt, client: { platform: 'desktop', collectorVersion: SIMULATOR_COLLECTOR_VERSION } });
  connectionEstablished(joinedAt, 'pc-1').forEach(clientEvent);

  for (const { startSeconds, endSeconds } of plan.hidden) {
    clientEvent({ kind: 'client-event', type: 'visibility', at: at(startSeconds), state: 'hidden' });
    clientEvent({ kind: 'client-event', type: 'visibility', at: at(endSeconds), state: 'visible' });
  }
  for (const { startSeconds, endSeconds } of plan.blurred) {
    clientEvent({ kind: 'client-event', type: 'focus', at: at(startSeconds), state: 'blurred' });
    clientEvent({ kind: 'client-event', type: 'focus', at: at(endSeconds), state: 'focused' });
  }
  for (const { startSeconds, endSeconds } of plan.cameraOff) {
    clientEvent({ kind: 'client-event', type: 'camera', at: at(startSeconds), state: 'off' });
    clientEvent({ kind: 'client-event', type: 'camera', at: at(endSeconds), state: 'on' });
  }
  for (const { startSeconds, endSeconds } of plan.muted) {
    clientEvent({ kind: 'client-event', type: 'mic', at: at(startSeconds), state: 'off' });
    clientEvent({ kind: 'client-event', type: 'mic', at: at(endSeconds), state: 'on' });
  }
  plan.outages.forEach((outage, index) => {
    // Nothing left the device while its network was down; the collector's events from then
    // would only arrive late, so the new connection and the gap report tell the story.
    const backAt = at(outage.endSeconds);
    connectionEstablished(backAt, `pc-${index + 2}`).forEach(clientEvent);
    const gap = droppedPolls.get(index);
    if (gap) {
      clientEvent({
        kind: 'client-event',
        type: 'collector-gap',
        at: backAt + 700,
        droppedMessages: gap.count,
        from: gap.from,
        to: gap.to,
      });
    }
  });
  if (context.speech === 'utterances') {
    // As the collector does at the first audio frame its voice detection hears.
    clientEvent({ kind: 'client-event', type: 'voice-detection', at: joinedAt + 100, state: 'started' });
    for (const piece of utteranceChunks(plan.speech)) {
      push({ kind: 'utterance', start: at(piece.startSeconds), end: at(piece.endSeconds) });
    }
  }
  if (plan.role === 'facilitator') {
    for (const observation of context.observations) {
      const about = observation.about === undefined ? undefined : context.participantIds.get(observation.about);
      push({
        kind: 'facilitator-event',
        at: at(observation.atSeconds),
        code: observation.code,
        ...(about !== undefined ? { participantId: about } : {}),
      });
    }
  }
  push({ kind: 'leave', at: at(plan.stay.endSeconds) - 200, reason: 'hangup' });
  return events.sort((a, b) => a.sendAt - b.sendAt);
}

/** Per outage (by index): the stats polls that could not be sent. */
export type DroppedPolls = ReadonlyMap<number, { count: number; from: number; to: number }>;

function connectionEstablished(at: number, peerConnectionId: string): ClientEventMessage[] {
  return [
    { kind: 'client-event', type: 'ice-state', at: at + 200, state: 'checking', peerConnectionId },
    { kind: 'client-event', type: 'ice-state', at: at + 600, state: 'connected', peerConnectionId },
    { kind: 'client-event', type: 'connection-state', at: at + 650, state: 'connected', peerConnectionId },
  ];
}

/** Speech in pieces of at most 5 s, so a long turn shows up live within seconds. */
export function utteranceChunks(speech: readonly TimeSpan[]): TimeSpan[] {
  const chunks: TimeSpan[] = [];
  for (const { startSeconds, endSeconds } of speech) {
    for (let from = startSeconds; from < endSeconds; from += MAX_UTTERANCE_CHUNK_SECONDS) {
      chunks.push({ startSeconds: from, endSeconds: Math.min(endSeconds, from + MAX_UTTERANCE_CHUNK_SECONDS) });
    }
  }
  return chunks;
}
