import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { estimateSpeakingFromEnergy } from '../energy/energy-speaking-estimator';
import { pseudoUtterancesFromEstimates } from '../energy/pseudo-utterances';
import { analyzeSpeakingSession } from '../speaking-session-analyzer';
import type { SpeakingSessionInput } from '../speaking-session-events';
import type { Utterance } from '../types';
import { simulateMeetingEnergy } from './meeting-energy-simulation';
import { parseRttm, utterancesFromRttm } from './rttm';

/**
 * Accuracy of speaking time on real turn-taking: the AMI dev meetings' RTTM speaker turns,
 * turned into simulated 1 s `media-source` energy stats per member (see
 * media-source-energy-simulation.ts), run through the energy estimator; and the same RTTM
 * segments fed as device utterances. The errors are printed per meeting.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const AMI_DEV = path.resolve(REPO_ROOT, '../shared/fixtures/ami-rttm/dev');
const SESSION_START_MS = Date.UTC(2025, 0, 6, 17, 0, 0);
const SEED = 20250106;

const MAX_ENERGY_SHARE_ERROR_POINTS = 3;
const MAX_ENERGY_SECONDS_ERROR = 0.15;
const MAX_UTTERANCE_SHARE_ERROR_POINTS = 0.5;

interface MemberResult {
  meeting: string;
  speaker: string;
  truthSeconds: number;
  truthShare: number;
  energySeconds: number;
  energyShare: number;
  energyShareErrorPoints: number;
  energySecondsError: number;
  utteranceShareErrorPoints: number;
  pseudoUtteranceTalkSeconds: number;
}

function shares(seconds: number[]): number[] {
  const total = seconds.reduce((sum, value) => sum + value, 0);
  return seconds.map((value) => (total > 0 ? value / total : 0));
}

function evaluateMeeting(file: string): MemberResult[] {
  const meeting = path.basename(file, '.rttm');
  const segments = parseRttm(readFileSync(file, 'utf8'));
  const members = simulateMeetingEnergy(segments, { seed: SEED, sessionStartMs: SESSION_START_MS });

  const estimates = members.map((member) => estimateSpeakingFromEnergy(member.speaker, member.energyIntervals));
  const energySeconds = estimates.map((memberEstimates) =>
    memberEstimates.reduce((sum, estimate) => sum + estimate.speakingSeconds, 0),
  );
  const pseudoUtterances: Utterance[] = members.flatMap((member, index) =>
    pseudoUtterancesFromEstimates(member.speaker, estimates[index]),
  );
  const pseudoTalk = talkSecondsFromUtterances(pseudoUtterances);
  const deviceTalk = talkSecondsFromUtterances(utterancesFromRttm(segments, SESSION_START_MS));

  const truthSeconds = members.map((member) => member.speakingSeconds);
  const truthShares = shares(truthSeconds);
  const energyShares = shares(energySeconds);
  const deviceShares = shares(members.map((member) => deviceTalk.get(member.speaker) ?? 0));
  return members.map((member, index) => ({
    meeting,
    speaker: member.speaker,
    truthSeconds: truthSeconds[index],
    truthShare: truthShares[index],
    energySeconds: energySeconds[index],
    energyShare: energyShares[index],
    energyShareErrorPoints: 100 * Math.abs(energyShares[index] - truthShares[index]),
    energySecondsError: Math.abs(energySeconds[index] / truthSeconds[index] - 1),
    utteranceShareErrorPoints: 100 * Math.abs(deviceShares[index] - truthShares[index]),
    pseudoUtteranceTalkSeconds: pseudoTalk.get(member.speaker) ?? 0,
  }));
}

/** Talk time per participant as the session analysis counts it (the path reports use). */
function talkSecondsFromUtterances(utterances: Utterance[]): Map<string, number> {
  const inputs: SpeakingSessionInput[] = [...utterances].sort((a, b) => a.end - b.end);
  const { final } = analyzeSpeakingSession(inputs);
  return new Map(final.participants.map((participant) => [participant.participantId, participant.talkSeconds]));
}

function summarise(results: MemberResult[]) {
  const max = (values: number[]) => Math.max(...values);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    members: results.length,
    maxShareErrorPoints: max(results.map((result) => result.energyShareErrorPoints)),
    meanShareErrorPoints: mean(results.map((result) => result.energyShareErrorPoints)),
    maxSecondsErrorPercent: 100 * max(results.map((result) => result.energySecondsError)),
    meanSecondsErrorPercent: 100 * mean(results.map((result) => result.energySecondsError)),
    maxUtteranceShareErrorPoints: max(results.map((result) => result.utteranceShareErrorPoints)),
  };
}

function report(results: MemberResult[]): string {
  const meetings = [...new Set(results.map((result) => result.meeting))];
  const lines = [
    'AMI dev, simulated 1 s media-source energy → speaking time (share error in points, seconds error in %)',
    'meeting     share max  share mean  seconds max  seconds mean  utterances share max',
  ];
  for (const meeting of meetings) {
    const summary = summarise(results.filter((result) => result.meeting === meeting));
    lines.push(
      `${meeting.padEnd(10)}  ${summary.maxShareErrorPoints.toFixed(2).padStart(9)}  ${summary.meanShareErrorPoints
        .toFixed(2)
        .padStart(10)}  ${summary.maxSecondsErrorPercent.toFixed(1).padStart(11)}  ${summary.meanSecondsErrorPercent
        .toFixed(1)
        .padStart(12)}  ${summary.maxUtteranceShareErrorPoints.toFixed(3).padStart(21)}`,
    );
  }
  const all = summarise(results);
  lines.push(
    `ALL (${all.members} members)  share max ${all.maxShareErrorPoints.toFixed(2)} mean ${all.meanShareErrorPoints.toFixed(
      2,
    )} points; seconds max ${all.maxSecondsErrorPercent.toFixed(1)} % mean ${all.meanSecondsErrorPercent.toFixed(
      1,
    )} %; utterances share max ${all.maxUtteranceShareErrorPoints.toFixed(3)} points`,
  );
  return lines.join('\n');
}

describe('speaking time on AMI dev meetings', () => {
  const files = readdirSync(AMI_DEV)
    .filter((name) => name.endsWith('.rttm'))
    .sort()
    .map((name) => path.join(AMI_DEV, name));
  let results: MemberResult[] = [];

  beforeAll(() => {
    results = files.flatMap(evaluateMeeting);
    process.stdout.write(`\n${report(results)}\n`);
  });

  it('reads every dev meeting', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
    expect(new Set(results.map((result) => result.meeting)).size).toBe(files.length);
  });

  it(`estimates each member's share from energy within ${MAX_ENERGY_SHARE_ERROR_POINTS} points`, () => {
    const worst = results.reduce((a, b) => (b.energyShareErrorPoints > a.energyShareErrorPoints ? b : a));
    expect(worst.energyShareErrorPoints).toBeLessThanOrEqual(MAX_ENERGY_SHARE_ERROR_POINTS);
  });

  it(`estimates each member's speaking seconds from energy within ${100 * MAX_ENERGY_SECONDS_ERROR} %`, () => {
    const worst = results.reduce((a, b) => (b.energySecondsError > a.energySecondsError ? b : a));
    expect(worst.energySecondsError).toBeLessThanOrEqual(MAX_ENERGY_SECONDS_ERROR);
  });

  it('pseudo-utterances carry the estimated speaking seconds (to a millisecond of float rounding)', () => {
    for (const result of results) expect(result.pseudoUtteranceTalkSeconds).toBeCloseTo(result.energySeconds, 3);
  });

  it(`gives each member's share from device utterances within ${MAX_UTTERANCE_SHARE_ERROR_POINTS} points`, () => {
    for (const result of results) {
      expect(result.utteranceShareErrorPoints).toBeLessThanOrEqual(MAX_UTTERANCE_SHARE_ERROR_POINTS);
    }
  });
});
