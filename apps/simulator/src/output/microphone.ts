import { simulateMediaSourceEnergy } from '@attune/metrics/speaking/testing';
import type { MemberPlan } from '../member/member-plan';
import { overlapSeconds } from './time';

/** One getStats() poll of the member's device: when, and the microphone's counters then. */
export interface MicrophonePoll {
  timestamp: number;
  totalAudioEnergy: number;
  totalSamplesDuration: number;
}

/**
 * The member's microphone as Chrome's `media-source` counts it, polled the way a collector's
 * 1 s loop does (jitter, the odd late poll): speech over their room's noise, a faint echo of
 * the others, from libs/metrics' simulation (the one its accuracy tests use). A muted track
 * sends silence, so the energy stops growing while muted. The poll times are the member's
 * stats timestamps for the whole session.
 */
export function microphonePolls(
  plan: MemberPlan,
  everyone: readonly MemberPlan[],
  durationSeconds: number,
  sessionStartMs: number,
): MicrophonePoll[] {
  const reports = simulateMediaSourceEnergy({
    speech: plan.speech,
    others: everyone
      .filter((other) => other !== plan)
      .map((other) => ({ speech: other.speech, speechLevelDbfs: other.voice.speechLevelDbfs })),
    durationSeconds,
    profile: plan.voice,
    seed: plan.seed ^ 0x3ac,
    sessionStartMs,
  });
  const polls: MicrophonePoll[] = [];
  let energy = 0;
  let previous = { timestamp: sessionStartMs, totalAudioEnergy: 0, totalSamplesDuration: 0 };
  for (const report of reports) {
    const fromSeconds = (previous.timestamp - sessionStartMs) / 1000;
    const toSeconds = (report.timestamp - sessionStartMs) / 1000;
    const intervalSeconds = toSeconds - fromSeconds;
    const mutedShare = intervalSeconds > 0 ? overlapSeconds(plan.muted, fromSeconds, toSeconds) / intervalSeconds : 0;
    energy += (report.totalAudioEnergy - previous.totalAudioEnergy) * (1 - mutedShare);
    polls.push({
      timestamp: Math.round(report.timestamp),
      totalAudioEnergy: energy,
      totalSamplesDuration: report.totalSamplesDuration,
    });
    previous = report;
  }
  return polls;
}
