import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRttm, speechBySpeaker, totalSeconds, type TimeSpan } from '@attune/metrics/speaking/testing';
import { audibleSpans, type MemberPlan } from '../member/member-plan';
import { clipSpans, subtractSpans } from './spans';

/** AMI meetings' speaker turns (RTTM), shared by every checkout next to the repository. */
export function amiRttmDirectory(repositoryRoot: string): string {
  return resolve(repositoryRoot, '..', 'shared', 'fixtures', 'ami-rttm');
}

export interface AmiMeeting {
  meeting: string;
  /** Each speaker's speech (sorted union of their segments), most talkative first. */
  speakers: Array<{ speaker: string; speech: TimeSpan[] }>;
  durationSeconds: number;
}

/** Reads one meeting from `train/` or `dev/`; throws with the places it looked when it is missing. */
export function loadAmiMeeting(meeting: string, rttmDirectory: string): AmiMeeting {
  if (!/^[A-Za-z0-9]+$/.test(meeting))
    throw new Error(`--ami expects a meeting name such as ES2002a (got "${meeting}")`);
  const candidates = ['train', 'dev'].map((split) => join(rttmDirectory, split, `${meeting}.rttm`));
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`AMI meeting ${meeting} not found (looked for ${candidates.join(' and ')})`);
  const segments = parseRttm(readFileSync(file, 'utf8'));
  if (segments.length === 0) throw new Error(`${file} holds no SPEAKER lines`);
  const speakers = [...speechBySpeaker(segments)]
    .map(([speaker, speech]) => ({ speaker, speech }))
    .sort((a, b) => totalSeconds(b.speech) - totalSeconds(a.speech));
  const durationSeconds = Math.max(...segments.map((segment) => segment.startSeconds + segment.durationSeconds));
  return { meeting, speakers, durationSeconds };
}

/**
 * Replays a meeting's turn-taking: its most talkative speaker (in AMI's scenario meetings the
 * project manager, who leads) becomes the facilitator, the others the members in order. Members
 * beyond the meeting's speakers only listen. Speech the member's device could not have heard
 * (away, disconnected, muted) is cut out, so the ground truth is what was sent. Fills in `speech`.
 */
export function replayAmiMeeting(plans: readonly MemberPlan[], meeting: AmiMeeting, durationSeconds: number): void {
  const facilitator = plans.find((plan) => plan.role === 'facilitator');
  const members = plans.filter((plan) => plan.role === 'member');
  const ordered = facilitator ? [facilitator, ...members] : members;
  ordered.forEach((plan, index) => {
    const source = meeting.speakers[index]?.speech ?? [];
    // The last second is left for the members' leave messages, after everything they said.
    const inSession = clipSpans(source, 0, durationSeconds - 1);
    const inaudible = subtractSpans([{ startSeconds: 0, endSeconds: durationSeconds }], audibleSpans(plan));
    plan.speech = subtractSpans(inSession, inaudible);
  });
}
