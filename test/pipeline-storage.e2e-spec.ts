import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageConfig } from '../apps/api/src/storage/data-source';
import { IngestWriter } from '../apps/api/src/storage/ingest-writer';
import {
  EpisodeRepository,
  EstimatedUtteranceRepository,
  GroupRepository,
  OrganisationRepository,
  SessionReplayRepository,
  SessionRepository,
  type EpisodeRow,
  type StoredRawRow,
} from '../apps/api/src/storage/repositories';
import { eventRow, newIds, statsRow, utteranceRow, type Ids } from './storage/fixtures';
import { startStorageApp, type StorageApp } from './storage/storage-app';

// Creating a PGlite database runs initdb: seconds, more on a busy machine.
jest.setTimeout(120_000);

const T0 = 1_700_000_000_000;

/** What the live pipeline stores and reads, on both databases: the embedded one must agree with PostgreSQL. */
function describePipelineStorage(databaseName: string, newStorage: () => Promise<StorageConfig>): void {
  describe(`Pipeline storage on ${databaseName}`, () => {
    let app: StorageApp;

    beforeAll(async () => {
      app = await startStorageApp(await newStorage(), { flushRows: 100, flushIntervalMs: 20 });
    });

    afterAll(() => app?.close());

    it('upserts episodes, so writing them again (a rebuild) changes nothing; session-wide ones too', async () => {
      const episodes = app.module.get(EpisodeRepository);
      const ids = newIds();
      const rows: EpisodeRow[] = [
        episode(ids, ids.participantId, 'tab-hidden', 0, 20),
        episode(ids, null, 'facilitator-logged', 30, 30, 'distracted'),
      ];
      await episodes.upsert(rows);
      await episodes.upsert([...rows, { ...rows[0], endAt: new Date(T0 + 25_000), durationSeconds: 25 }]);

      const stored = await episodes.listBySession(ids.sessionId);
      expect(
        stored.map(({ participantId, type, durationSeconds, endedBy, detail }) => ({
          participantId,
          type,
          durationSeconds,
          endedBy,
          detail,
        })),
      ).toEqual([
        { participantId: ids.participantId, type: 'tab-hidden', durationSeconds: 25, endedBy: 'state', detail: null },
        {
          participantId: null,
          type: 'facilitator-logged',
          durationSeconds: 0,
          endedBy: 'instant',
          detail: 'distracted',
        },
      ]);
    });

    it('upserts estimated utterances apart from device ones, which stay as ingest wrote them', async () => {
      const writer = app.module.get(IngestWriter);
      const estimates = app.module.get(EstimatedUtteranceRepository);
      const ids = newIds();
      writer.enqueueUtterances([utteranceRow(ids, 0)]);
      await writer.flush();
      // Same start as the device utterance: a different row, told apart by its source.
      const estimate = { ...ids, startAt: new Date(T0), endAt: new Date(T0 + 2_000), seq: 0 };
      await estimates.upsert([estimate]);
      await estimates.upsert([{ ...estimate, endAt: new Date(T0 + 2_500) }]);

      const stored = await estimates.listBySession(ids.sessionId);
      expect(stored.map(({ source, startAt, endAt }) => ({ source, startAt, endAt }))).toEqual([
        { source: 'device', startAt: new Date(T0), endAt: new Date(T0 + 750) },
        { source: 'energy', startAt: new Date(T0), endAt: new Date(T0 + 2_500) },
      ]);
    });

    it('replays a session’s raw rows written before the cutoff, in event-time order, page by page', async () => {
      const writer = app.module.get(IngestWriter);
      const replay = app.module.get(SessionReplayRepository);
      const estimates = app.module.get(EstimatedUtteranceRepository);
      const ids = newIds();
      const other: Ids = { sessionId: ids.sessionId, participantId: newIds().participantId };
      // Seconds 0–3: a report each; events at 1 and 2 (one of the other member's); an utterance ending at 1.75.
      writer.enqueueStatsSamples([0, 1, 2, 3].map((seq) => statsRow(ids, seq)));
      writer.enqueueEvents([eventRow(ids, 2), eventRow(other, 1)]);
      writer.enqueueUtterances([utteranceRow(ids, 1)]);
      writer.enqueueStatsSamples([statsRow(newIds(), 0)]); // another session
      await writer.flush();
      await estimates.upsert([{ ...ids, startAt: new Date(T0), endAt: new Date(T0 + 500), seq: 0 }]);
      const cutoff = await replay.cutoff();
      // Written after the cutoff: reaches the pipeline live, never through the replay.
      writer.enqueueStatsSamples([statsRow(ids, 4)]);
      await writer.flush();

      const rows: StoredRawRow[] = [];
      for (let after: StoredRawRow['position'] | undefined, page; ; after = page[page.length - 1].position) {
        page = await replay.readPage(ids.sessionId, cutoff, after, 2);
        rows.push(...page);
        if (page.length < 2) break;
      }
      expect(rows.map((row) => [row.table, row.at - T0])).toEqual([
        ['stats_sample', 0],
        ['stats_sample', 1000],
        ['event', 1000],
        ['utterance', 1750],
        ['stats_sample', 2000],
        ['event', 2000],
        ['stats_sample', 3000],
      ]);
      expect(rows[0]).toMatchObject({
        table: 'stats_sample',
        participantId: ids.participantId,
        seq: 0,
        receivedAt: T0 + 120,
        peerConnectionId: 'PC_0',
        stats: statsRow(ids, 0).stats,
      });
      expect(rows[2]).toMatchObject({
        table: 'event',
        participantId: other.participantId,
        seq: 1,
        source: 'client',
        type: 'visibility',
        state: 'visible',
        payload: null,
      });
      expect(rows[5]).toMatchObject({ table: 'event', payload: eventRow(ids, 2).payload, state: 'hidden' });
      expect(rows[3]).toMatchObject({ table: 'utterance', start: T0 + 1000, seq: 1 });
    });

    it('lists the sessions that are live, for the pipeline to resume at start-up', async () => {
      const replay = app.module.get(SessionReplayRepository);
      const sessions = app.module.get(SessionRepository);
      const organisation = await app.module.get(OrganisationRepository).create({ name: 'Clinic' });
      const group = await app.module.get(GroupRepository).create({ organisationId: organisation.id, name: 'Group' });
      const create = async () =>
        (
          await sessions.createWithFacilitator({
            groupId: group.id,
            title: null,
            scheduledStart: new Date(T0),
            facilitatorDisplayName: 'F',
          })
        ).session.id;
      const [live, ended, scheduled] = [await create(), await create(), await create()];
      await sessions.updateStatus(live, { status: 'live', startedAt: new Date() });
      await sessions.updateStatus(ended, { status: 'ended', startedAt: new Date(), endedAt: new Date() });

      const ids = await replay.liveSessionIds();
      expect(ids).toContain(live);
      expect(ids).not.toContain(ended);
      expect(ids).not.toContain(scheduled);
    });
  });
}

function episode(
  ids: Ids,
  participantId: string | null,
  type: string,
  startSecond: number,
  endSecond: number,
  detail: string | null = null,
): EpisodeRow {
  return {
    sessionId: ids.sessionId,
    participantId,
    type,
    startAt: new Date(T0 + startSecond * 1000),
    endAt: new Date(T0 + endSecond * 1000),
    durationSeconds: endSecond - startSecond,
    endedBy: startSecond === endSecond ? 'instant' : 'state',
    detail,
  };
}

describePipelineStorage('PostgreSQL', async () => {
  const url = process.env.ATTUNE_TEST_DATABASE_URL;
  if (!url) throw new Error('ATTUNE_TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  return { databaseUrl: url, dataDir: '' };
});

let pgliteRoot: string | undefined;
describePipelineStorage('PGlite', async () => {
  pgliteRoot ??= await mkdtemp(join(tmpdir(), 'attune-pipeline-pglite-'));
  return { dataDir: join(pgliteRoot, 'data') };
});

// Every migration's down() is checked by test/storage/storage.pglite.e2e-spec.ts, which reverts them all.

afterAll(async () => {
  if (pgliteRoot) await rm(pgliteRoot, { recursive: true, force: true });
});
