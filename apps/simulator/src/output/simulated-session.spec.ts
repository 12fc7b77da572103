import { checkEnvelope, type Envelope, type RtcStats } from '@attune/protocol';
import { defaultPersonas } from '../scenario/personas';
import { buildScenario, type SpeechSource } from '../scenario/scenario';
import { unionOfSpans, totalSeconds } from '../scenario/spans';
import { MAX_UTTERANCE_CHUNK_SECONDS } from './device-events';
import { groundTruthOf } from './ground-truth';
import { envelopeSteps, recordingIdentity, simulateSession, type SimulatedSession } from './simulated-session';

const START_MS = Date.UTC(2026, 0, 5, 18, 0, 0);

function sessionOf(seed: number, speech: SpeechSource = 'utterances', minutes = 8): SimulatedSession {
  const scenario = buildScenario({ personas: defaultPersonas(8), durationSeconds: minutes * 60, seed, speech });
  return simulateSession(scenario, recordingIdentity(scenario), START_MS);
}

function allEnvelopes(session: SimulatedSession, stepMs = 1000): Envelope[] {
  return [...envelopeSteps(session, stepMs)].flatMap((step) => step.envelopes);
}

/** Cumulative counters every stats object must never decrease (per peer connection). */
const COUNTERS = [
  'packetsReceived',
  'packetsLost',
  'packetsSent',
  'bytesReceived',
  'bytesSent',
  'framesDecoded',
  'framesEncoded',
  'freezeCount',
  'totalFreezesDuration',
  'jitterBufferDelay',
  'jitterBufferEmittedCount',
  'concealedSamples',
  'totalSamplesReceived',
  'totalAudioEnergy',
  'totalSamplesDuration',
  'totalRoundTripTime',
];

describe('simulated session output', () => {
  it('is reproducible: the same seed gives identical envelopes, another seed different ones', () => {
    const first = JSON.stringify(allEnvelopes(sessionOf(5, 'utterances', 3)));
    expect(JSON.stringify(allEnvelopes(sessionOf(5, 'utterances', 3)))).toBe(first);
    expect(JSON.stringify(allEnvelopes(sessionOf(6, 'utterances', 3)))).not.toBe(first);
  });

  it.each<SpeechSource>(['utterances', 'energy'])(
    'sends only envelopes that pass the protocol check, with increasing seqs (%s)',
    (speech) => {
      const envelopes = allEnvelopes(sessionOf(11, speech));
      expect(envelopes.length).toBeGreaterThan(8 * 60 * 8);
      const lastSeq = new Map<string, number>();
      for (const envelope of envelopes) {
        const check = checkEnvelope(envelope);
        expect(check.envelopeIssues ?? []).toEqual([]);
        expect(check.rejected).toEqual([]);
        expect(envelope.seq).toBeGreaterThan(lastSeq.get(envelope.participantId) ?? -1);
        lastSeq.set(envelope.participantId, envelope.seq);
      }
      const kinds = new Set(envelopes.flatMap((envelope) => envelope.messages.map((message) => message.kind)));
      expect([...kinds].sort()).toEqual(
        speech === 'utterances'
          ? ['client-event', 'facilitator-event', 'join', 'leave', 'stats', 'utterance']
          : ['client-event', 'facilitator-event', 'join', 'leave', 'stats'],
      );
    },
  );

  it('keeps cumulative counters growing within each connection, and starts a new one after an outage', () => {
    const session = sessionOf(12);
    const previous = new Map<string, RtcStats>();
    const connections = new Map<string, Set<string>>();
    let compared = 0;
    const decreases: string[] = [];
    for (const envelope of allEnvelopes(session)) {
      for (const message of envelope.messages) {
        if (message.kind !== 'stats') continue;
        connections.set(
          envelope.participantId,
          (connections.get(envelope.participantId) ?? new Set()).add(message.peerConnectionId ?? ''),
        );
        for (const stats of message.stats) {
          const key = `${envelope.participantId}/${stats.id}`;
          const before = previous.get(key);
          if (before) {
            for (const counter of COUNTERS) {
              const now = stats[counter];
              const then = before[counter];
              if (typeof now !== 'number' || typeof then !== 'number') continue;
              compared += 1;
              if (now < then) decreases.push(`${key}.${counter}: ${then} → ${now}`);
            }
          }
          previous.set(key, stats);
        }
      }
    }
    expect(decreases).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
    const truth = groundTruthOf(session);
    for (const participant of truth.participants) {
      expect(connections.get(participant.participantId)?.size).toBe(participant.drops.length + 1);
    }
  });

  it('freezes video and limits bandwidth on the poor network only', () => {
    const session = sessionOf(13);
    const lastVideo = new Map<string, RtcStats>();
    for (const envelope of allEnvelopes(session)) {
      for (const message of envelope.messages) {
        if (message.kind !== 'stats') continue;
        const video = message.stats.find((stats) => stats.type === 'inbound-rtp' && stats.kind === 'video');
        if (video) lastVideo.set(envelope.participantId, video);
      }
    }
    for (const participant of groundTruthOf(session).participants) {
      const freezes = lastVideo.get(participant.participantId)?.freezeCount;
      if (participant.persona === 'poor-network') expect(freezes).toBeGreaterThan(20);
      else expect(freezes).toBeLessThan(5);
    }
  });

  it('sends exactly the ground truth speech as utterances, in chunks of at most 5 s', () => {
    const session = sessionOf(14);
    const truth = groundTruthOf(session);
    const spoken = new Map<string, Array<{ startSeconds: number; endSeconds: number }>>();
    for (const envelope of allEnvelopes(session)) {
      for (const message of envelope.messages) {
        if (message.kind !== 'utterance') continue;
        expect(message.end - message.start).toBeLessThanOrEqual(MAX_UTTERANCE_CHUNK_SECONDS * 1000);
        const spans = spoken.get(envelope.participantId) ?? [];
        spans.push({ startSeconds: message.start / 1000, endSeconds: message.end / 1000 });
        spoken.set(envelope.participantId, spans);
      }
    }
    for (const participant of truth.participants) {
      const sent = totalSeconds(unionOfSpans(spoken.get(participant.participantId) ?? []));
      expect(sent).toBeCloseTo(participant.speakingSeconds, 1);
    }
  });

  it('records the personas in the ground truth', () => {
    const truth = groundTruthOf(sessionOf(15));
    const byPersona = new Map(truth.participants.map((participant) => [participant.persona, participant]));
    const members = truth.participants.filter((participant) => participant.role === 'member');
    const quiet = byPersona.get('quiet');
    expect(Math.min(...members.map((member) => member.speakingSeconds))).toBe(quiet?.speakingSeconds);
    expect(byPersona.get('dropper')?.drops.length).toBeGreaterThanOrEqual(1);
    expect(byPersona.get('distracted')?.episodes.hidden.length).toBeGreaterThanOrEqual(1);
    expect(byPersona.get('poor-network')?.network.badSeconds).toBeGreaterThan(0.8 * 8 * 60 - 30);
    expect(byPersona.get('facilitator')?.role).toBe('facilitator');
    expect(truth.facilitatorEvents.length).toBeGreaterThan(0);
  });
});
