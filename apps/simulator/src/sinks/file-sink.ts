import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { groundTruthOf } from '../output/ground-truth';
import { envelopeSteps, type SimulatedSession } from '../output/simulated-session';

/** Where a file run put things. */
export interface RecordingFiles {
  /** One NDJSON file of envelopes per participant: give this folder to `attune analyze`. */
  recordingsDirectory: string;
  groundTruthFile: string;
  envelopes: number;
  messages: number;
}

/**
 * Writes the session as a collector would have sent it, one envelope per second per
 * participant, into `<out>/recordings/<key>.ndjson` (the NDJSON input of `attune analyze`),
 * with `<out>/ground-truth.json` beside the folder (outside it, so `analyze` reads only
 * recordings). Lines are written as they are made: memory does not grow with the session.
 */
export function writeRecording(session: SimulatedSession, outDirectory: string): RecordingFiles {
  const recordingsDirectory = join(outDirectory, 'recordings');
  mkdirSync(recordingsDirectory, { recursive: true });
  const files = new Map<string, number>();
  let envelopes = 0;
  let messages = 0;
  try {
    session.devices.forEach((device, index) => {
      const name = `${String(index).padStart(2, '0')}-${device.plan.key}.ndjson`;
      files.set(device.participantId, openSync(join(recordingsDirectory, name), 'w'));
    });
    for (const step of envelopeSteps(session, 1000)) {
      for (const envelope of step.envelopes) {
        const file = files.get(envelope.participantId);
        if (file === undefined) throw new Error('an envelope of a participant without a file');
        writeSync(file, `${JSON.stringify(envelope)}\n`);
        envelopes += 1;
        messages += envelope.messages.length;
      }
    }
  } finally {
    for (const file of files.values()) closeSync(file);
  }
  const groundTruthFile = join(outDirectory, 'ground-truth.json');
  writeFileSync(groundTruthFile, `${JSON.stringify(groundTruthOf(session), null, 2)}\n`);
  return { recordingsDirectory, groundTruthFile, envelopes, messages };
}
