import { isBadSecond } from '../member/network-condition';
import type { Persona } from '../scenario/personas';
import { totalSeconds, type TimeSpan } from '../scenario/spans';
import type { SimulatedSession } from './simulated-session';
import { epochMs } from './time';

/** [start, end] in epoch ms (event time, the simulated clock). */
export type EpochSpan = [number, number];

export interface ParticipantGroundTruth {
  participantId: string;
  key: string;
  persona: Persona;
  role: 'member' | 'facilitator';
  joinedAt: number;
  leftAt: number;
  /** Union of the speech the device heard (and sent as utterances, when it does). */
  speakingSeconds: number;
  speech: EpochSpan[];
  episodes: { hidden: EpochSpan[]; blurred: EpochSpan[]; cameraOff: EpochSpan[]; muted: EpochSpan[] };
  /** Outages: the member's network was down, nothing arrived, then a new connection. */
  drops: EpochSpan[];
  network: {
    meanRttMs: number;
    meanJitterMs: number;
    meanLossPct: number;
    /** Seconds present whose link was bad by the "degraded" rule (MOS < 3.5, loss > 5 %, RTT > 400 ms). */
    badSeconds: number;
  };
}

/**
 * What really happened in a simulated session, exactly as generated: the labels the models
 * train on and the answers tests compare the pipeline's output with. Written next to the
 * recordings as ground-truth.json.
 */
export interface GroundTruth {
  format: 'attune-simulator-ground-truth';
  version: 1;
  seed: number;
  speech: 'utterances' | 'energy';
  /** The AMI meeting whose turn-taking was replayed; null for the synthetic conversation. */
  ami: string | null;
  sessionId: string;
  startedAt: number;
  endedAt: number;
  durationSeconds: number;
  participants: ParticipantGroundTruth[];
  facilitatorEvents: Array<{ at: number; code: string; participantId: string | null }>;
}

export function groundTruthOf(session: SimulatedSession): GroundTruth {
  const { scenario, identity, startMs } = session;
  const toEpoch = (spans: readonly TimeSpan[]): EpochSpan[] =>
    spans.map((piece) => [epochMs(startMs, piece.startSeconds), epochMs(startMs, piece.endSeconds)]);
  const idOf = (key: string): string => identity.participantIds.get(key) ?? key;
  return {
    format: 'attune-simulator-ground-truth',
    version: 1,
    seed: scenario.options.seed,
    speech: scenario.options.speech,
    ami: scenario.options.ami?.meeting ?? null,
    sessionId: identity.sessionId,
    startedAt: startMs,
    endedAt: session.endMs,
    durationSeconds: scenario.options.durationSeconds,
    participants: scenario.plans.map((plan) => {
      const present = presentConnectedSeconds(plan.stay, plan.outages);
      return {
        participantId: idOf(plan.key),
        key: plan.key,
        persona: plan.persona,
        role: plan.role,
        joinedAt: epochMs(startMs, plan.stay.startSeconds),
        leftAt: epochMs(startMs, plan.stay.endSeconds) - 200,
        speakingSeconds: totalSeconds(plan.speech),
        speech: toEpoch(plan.speech),
        episodes: {
          hidden: toEpoch(plan.hidden),
          blurred: toEpoch(plan.blurred),
          cameraOff: toEpoch(plan.cameraOff),
          muted: toEpoch(plan.muted),
        },
        drops: toEpoch(plan.outages),
        network: {
          meanRttMs: mean(present.map((second) => plan.network.rttMs[second])),
          meanJitterMs: mean(present.map((second) => plan.network.jitterMs[second])),
          meanLossPct: mean(present.map((second) => plan.network.lossPct[second])),
          badSeconds: present.filter((second) => isBadSecond(plan.network, second)).length,
        },
      };
    }),
    facilitatorEvents: scenario.observations.map((observation) => ({
      at: epochMs(startMs, observation.atSeconds),
      code: observation.code,
      participantId: observation.about === undefined ? null : idOf(observation.about),
    })),
  };
}

function presentConnectedSeconds(stay: TimeSpan, outages: readonly TimeSpan[]): number[] {
  const seconds: number[] = [];
  for (let second = Math.ceil(stay.startSeconds); second < Math.floor(stay.endSeconds); second++) {
    if (!outages.some((outage) => outage.startSeconds <= second && second < outage.endSeconds)) seconds.push(second);
  }
  return seconds;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
