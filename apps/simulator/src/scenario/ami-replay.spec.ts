import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRttm, speechBySpeaker } from '@attune/metrics/speaking/testing';
import { groundTruthOf } from '../output/ground-truth';
import { envelopeSteps, recordingIdentity, simulateSession } from '../output/simulated-session';
import { amiRttmDirectory, loadAmiMeeting } from './ami-replay';
import { buildScenario } from './scenario';
import { clipSpans, totalSeconds, unionOfSpans } from './spans';

/** The shared fixtures live next to the repository (`<repo>/../shared/fixtures`). */
const RTTM_DIRECTORY = amiRttmDirectory(resolve(__dirname, '../../../..'));
const MEETING = 'ES2002a';
const DURATION_SECONDS = 600;

describe(loadAmiMeeting.name, () => {
  it('replays the RTTM: each speaker’s speaking seconds reach the ground truth and the utterances sent', () => {
    const meeting = loadAmiMeeting(MEETING, RTTM_DIRECTORY);
    const rttm = speechBySpeaker(parseRttm(readFileSync(join(RTTM_DIRECTORY, 'train', `${MEETING}.rttm`), 'utf8')));
    expect(meeting.speakers.map((speaker) => speaker.speaker).sort()).toEqual([...rttm.keys()].sort());

    // Steady members have no outages or mutes, so every word of the meeting is heard.
    const scenario = buildScenario({
      personas: ['steady', 'steady', 'steady'],
      durationSeconds: DURATION_SECONDS,
      seed: 3,
      speech: 'utterances',
      ami: meeting,
    });
    const session = simulateSession(scenario, recordingIdentity(scenario), Date.UTC(2026, 0, 5, 18));
    const truth = groundTruthOf(session);
    const sent = new Map<string, Array<{ startSeconds: number; endSeconds: number }>>();
    for (const step of envelopeSteps(session, 1000)) {
      for (const envelope of step.envelopes) {
        for (const message of envelope.messages) {
          if (message.kind !== 'utterance') continue;
          const spans = sent.get(envelope.participantId) ?? [];
          spans.push({ startSeconds: message.start / 1000, endSeconds: message.end / 1000 });
          sent.set(envelope.participantId, spans);
        }
      }
    }

    // The most talkative speaker leads: they are the facilitator, the others members in order of talk.
    const expected = meeting.speakers.map((speaker) =>
      totalSeconds(clipSpans(rttm.get(speaker.speaker) ?? [], 0, DURATION_SECONDS - 1)),
    );
    expect(truth.participants.map((participant) => participant.role)).toEqual([
      'facilitator',
      'member',
      'member',
      'member',
    ]);
    truth.participants.forEach((participant, index) => {
      expect(participant.speakingSeconds).toBeCloseTo(expected[index], 6);
      expect(totalSeconds(unionOfSpans(sent.get(participant.participantId) ?? []))).toBeCloseTo(expected[index], 1);
    });
    expect(expected[0]).toBeGreaterThan(expected[1]);
    expect(Math.min(...expected)).toBeGreaterThan(0);
  });

  it('says where it looked for a meeting that is not there', () => {
    expect(() => loadAmiMeeting('XX9999z', RTTM_DIRECTORY)).toThrow(/XX9999z not found \(looked for .*train.*dev/);
  });
});
