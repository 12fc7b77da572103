import { PROTOCOL_VERSION, type Envelope } from '@attune/protocol';
import { createSeededRandom } from '@attune/metrics/speaking/testing';
import type { Scenario } from '../scenario/scenario';
import { microphonePolls } from './microphone';
import { ParticipantDevice } from './participant-device';

/** Who the participants are on the server (or in the recording): the session id and an id per plan key. */
export interface SessionIdentity {
  sessionId: string;
  participantIds: ReadonlyMap<string, string>;
}

/** A scenario bound to ids and a clock: every participant's device, ready to send. */
export interface SimulatedSession {
  scenario: Scenario;
  identity: SessionIdentity;
  /** Epoch ms of the session's start on the simulated clock; every device's clock agrees with it. */
  startMs: number;
  endMs: number;
  devices: ParticipantDevice[];
}

export function simulateSession(scenario: Scenario, identity: SessionIdentity, startMs: number): SimulatedSession {
  const { durationSeconds, speech } = scenario.options;
  const devices = scenario.plans.map((plan) => {
    const participantId = identity.participantIds.get(plan.key);
    if (participantId === undefined) throw new Error(`no participant id for ${plan.key}`);
    return new ParticipantDevice(plan, participantId, microphonePolls(plan, scenario.plans, durationSeconds, startMs), {
      sessionStartMs: startMs,
      speech,
      participantIds: identity.participantIds,
      observations: scenario.observations,
    });
  });
  return { scenario, identity, startMs, endMs: startMs + durationSeconds * 1000, devices };
}

/** The envelopes that leave the devices during one step of the simulated clock. */
export interface EnvelopeStep {
  /** The step ends here (simulated clock, epoch ms): its envelopes are sent at this moment. */
  untilMs: number;
  envelopes: Envelope[];
}

/**
 * The session as envelopes, step by step: every `stepMs` of simulated time each device sends
 * one envelope with what it produced since the last (none when it has nothing), with its own
 * increasing seq. Messages never exceed `maxMessagesPerEnvelope`: a busy step is split.
 */
export function* envelopeSteps(
  session: SimulatedSession,
  stepMs: number,
  maxMessagesPerEnvelope = 200,
): Generator<EnvelopeStep> {
  const seqs = new Map<ParticipantDevice, number>();
  for (let untilMs = session.startMs + stepMs; ; untilMs += stepMs) {
    const envelopes: Envelope[] = [];
    for (const device of session.devices) {
      const messages = device.messagesBefore(untilMs);
      for (let start = 0; start < messages.length; start += maxMessagesPerEnvelope) {
        const seq = seqs.get(device) ?? 0;
        seqs.set(device, seq + 1);
        envelopes.push({
          v: PROTOCOL_VERSION,
          sessionId: session.identity.sessionId,
          participantId: device.participantId,
          seq,
          sentAt: untilMs,
          messages: messages.slice(start, start + maxMessagesPerEnvelope),
        });
      }
    }
    yield { untilMs, envelopes };
    if (session.devices.every((device) => device.done)) return;
  }
}

/** Stable UUIDs (version 4 form) for a recording made without a server, so a seed names the same people. */
export function recordingIdentity(scenario: Scenario): SessionIdentity {
  const random = createSeededRandom(scenario.options.seed ^ 0x1d5);
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + Math.floor(random.next() * 4)).toString(16);
    const text = hex.join('');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  };
  const sessionId = uuid();
  return { sessionId, participantIds: new Map(scenario.plans.map((plan) => [plan.key, uuid()])) };
}
