import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_ENVELOPE, EXAMPLE_IDS, EXAMPLE_STATS_ENVELOPE } from '@attune/protocol/examples';
import { importRecording } from './import-recording';
import { importRecordings } from './import-recordings';
import { RecordingImportError } from './recording-import-error';
import { eventEndOf, eventTimeOf } from './shared/event-time';
import { formatImportProblem } from './shared/import-problems';
import { RTCSTATS_DUMP_NAMES, RTCSTATS_DUMPS_FOLDER } from './testing/shared-fixtures';
import { WEBRTC_INTERNALS_SAMPLE_TEXT } from './testing/webrtc-internals-sample';

describe(importRecordings.name, () => {
  let folder: string;
  const file = (name: string) => path.join(folder, name);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'attune-importers-'));
    const ndjson = [EXAMPLE_ENVELOPE, EXAMPLE_STATS_ENVELOPE].map((envelope) => JSON.stringify(envelope)).join('\n');
    await writeFile(file('member.ndjson'), ndjson);
    await writeFile(file('webrtc_internals_dump.txt'), WEBRTC_INTERNALS_SAMPLE_TEXT);
    await writeFile(file('README.md'), '# Session 12\n');
    await mkdir(file('attachments'));
    const dump = [
      '["identity",null,{"endpointId":"ab12cd34"},1700000000000]',
      '["getstats","PC_0",{"T01":{"timestamp":0,"type":"transport"},"timestamp":1700000001000},1700000001001]',
      '["getstats","PC_0",{"T01":{"timestamp":0',
      '["getstats","PC_0",{"T01":{"timestamp":0},"timestamp":1700000002000},1700000002001]',
    ];
    await writeFile(file('crlf.rtcstats'), dump.join('\r\n'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  describe('with the shared fixtures folder', () => {
    it('imports every dump in name order and skips what is not a recording, with a note', async () => {
      const session = await importRecordings([RTCSTATS_DUMPS_FOLDER]);

      expect(session.participants.map((participant) => path.basename(participant.sourceFile))).toEqual(
        [...RTCSTATS_DUMP_NAMES].sort(),
      );
      const notes = session.problems.map(formatImportProblem);
      expect(notes).toEqual(
        expect.arrayContaining([
          `${path.join(RTCSTATS_DUMPS_FOLDER, 'README.md')}: skipped: not a recording`,
          `${path.join(RTCSTATS_DUMPS_FOLDER, 'LICENSE-jitsi-rtcstats-server')}: skipped: not a recording`,
          `${path.join(RTCSTATS_DUMPS_FOLDER, 'results')}: skipped: not a file (subfolders are not searched)`,
        ]),
      );
    });

    it('gives a participant whose id is taken a unique one, and says so', async () => {
      const session = await importRecordings([RTCSTATS_DUMPS_FOLDER]);
      const ids = session.participants.map((participant) => participant.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(['andrei-win-1', 'andrei-win-1 (google-standard-stats-sfu)']));
    });

    it('spans the session from the earliest event to the latest', async () => {
      const session = await importRecordings([RTCSTATS_DUMPS_FOLDER]);
      const messages = session.participants.flatMap((participant) => participant.messages);
      expect(session.startedAt).toBe(Math.min(...messages.map(eventTimeOf)));
      expect(session.endedAt).toBe(Math.max(...messages.map(eventEndOf)));
    });
  });

  it('reads each format from its content, whatever the file is called', async () => {
    const session = await importRecordings([folder]);

    expect(session.participants.map(({ id, format }) => [id, format])).toEqual([
      ['ab12cd34', 'rtcstats'],
      [EXAMPLE_IDS.memberId, 'ndjson'],
      ['webrtc_internals_dump', 'webrtc-internals'],
    ]);
    expect(session.problems.map(formatImportProblem)).toEqual(
      expect.arrayContaining([
        `${file('README.md')}: skipped: not a recording`,
        `${file('attachments')}: skipped: not a file (subfolders are not searched)`,
      ]),
    );
  });

  it('names the file and line of a bad line in a streamed dump (CRLF lines)', async () => {
    const participant = await importRecording(file('crlf.rtcstats'));
    expect(participant.messages.filter((message) => message.kind === 'stats')).toHaveLength(2);
    expect(participant.problems.map(({ file: name, line }) => [name, line])).toEqual([[file('crlf.rtcstats'), 3]]);
  });

  it('refuses, naming the file, what it cannot read or does not know', async () => {
    await expect(importRecording(file('README.md'))).rejects.toThrow(
      new RecordingImportError(
        file('README.md'),
        'not a recording of a known format (an rtcstats dump, a webrtc-internals export or NDJSON of protocol envelopes)',
      ),
    );
    await expect(importRecording(file('missing.rtcstats'))).rejects.toThrow(
      `${file('missing.rtcstats')}: cannot be read (ENOENT)`,
    );
    await expect(importRecording(folder)).rejects.toThrow(`${folder}: is a folder`);
    await expect(importRecordings([file('member.ndjson'), file('README.md')])).rejects.toThrow(
      `${file('README.md')}: not a recording of a known format`,
    );
  });

  it('notes a recording that shares no moment with the others', async () => {
    const session = await importRecordings([file('member.ndjson'), file('webrtc_internals_dump.txt')]);
    expect(session.problems.map((problem) => problem.reason)).toContain(
      'shares no moment with the other recordings: probably not the same session',
    );
  });
});
