import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import type { StorageConfig } from '../../apps/api/src/storage/data-source';
import { Organisation } from '../../apps/api/src/storage/entities';
import { IngestWriter } from '../../apps/api/src/storage/ingest-writer';
import {
  GroupRepository,
  MetricWindowRepository,
  OrganisationRepository,
  ParticipantRepository,
  SessionRepository,
} from '../../apps/api/src/storage/repositories';
import { chromeReport, eventRow, newIds, statsRow, utteranceRow, type Ids } from './fixtures';
import { sleep, startStorageApp, waitFor, withDataSource, type StorageApp } from './storage-app';

export interface StorageTarget {
  /** A database to start an app on; for PGlite a new data directory each time. */
  newStorage(): Promise<StorageConfig>;
}

async function count(dataSource: DataSource, table: string, ids: Partial<Ids>): Promise<number> {
  const where = ids.participantId !== undefined ? 'participant_id = $1' : 'session_id = $1';
  const [row] = await dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, [
    ids.participantId ?? ids.sessionId,
  ]);
  return Number(row.n);
}

/** The same tests on PostgreSQL and on PGlite: the point of the embedded database is that they agree. */
export function describeStorage(databaseName: string, target: StorageTarget): void {
  describe(`Storage on ${databaseName}`, () => {
    let app: StorageApp;
    let dataSource: DataSource;
    let writer: IngestWriter;

    beforeAll(async () => {
      app = await startStorageApp(await target.newStorage(), { flushRows: 100, flushIntervalMs: 50 });
      dataSource = app.dataSource;
      writer = app.module.get(IngestWriter);
    });

    afterAll(() => app?.close());

    it('has applied every migration, and the entities need no further schema change', async () => {
      expect(await dataSource.showMigrations()).toBe(false);
      const diff = await dataSource.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((query) => query.query)).toEqual([]);
      // Stats reports are compressed with lz4 wherever the server has it (PostgreSQL), else the default.
      const [{ lz4 }] = await dataSource.query(
        `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
      );
      const [{ compression }] = await dataSource.query(
        `SELECT attcompression::text AS compression FROM pg_attribute WHERE attrelid = 'stats_sample'::regclass AND attname = 'stats'`,
      );
      expect(compression).toBe(lz4 ? 'l' : '');
    });

    it('creates, finds, lists and updates through the repositories', async () => {
      const organisations = app.module.get(OrganisationRepository);
      const groups = app.module.get(GroupRepository);
      const sessions = app.module.get(SessionRepository);
      const participants = app.module.get(ParticipantRepository);

      const organisation = await organisations.create({ name: 'North clinic' });
      expect(organisation.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(organisation.createdAt).toBeInstanceOf(Date);
      const group = await groups.create({ organisationId: organisation.id, name: 'Tuesday group' });
      const scheduledStart = new Date('2026-03-03T18:00:00.000Z');
      const { session, facilitator } = await sessions.createWithFacilitator({
        groupId: group.id,
        title: null,
        scheduledStart,
        facilitatorDisplayName: 'Facilitator F',
      });
      const member = await participants.create({ sessionId: session.id, displayName: 'Member M', role: 'member' });

      expect(await organisations.findById(organisation.id)).toEqual(organisation);
      expect(await groups.listByOrganisation(organisation.id)).toEqual([group]);
      expect(await sessions.findById(session.id)).toMatchObject({
        groupId: group.id,
        title: null,
        scheduledStart,
        status: 'scheduled',
        startedAt: null,
        endedAt: null,
      });
      expect(facilitator).toMatchObject({ sessionId: session.id, role: 'facilitator', consentStorage: false });
      expect(member).toMatchObject({ consentStorage: false, consentResearch: false, consentUpdatedAt: null });
      expect((await participants.listBySessions([session.id])).map((p) => p.id)).toEqual([facilitator.id, member.id]);
      expect(await participants.listBySessions([])).toEqual([]);
      expect((await sessions.listRecent()).map((s) => s.id)).toContain(session.id);

      const consentAt = new Date('2026-03-03T18:01:00.000Z');
      expect(await participants.updateConsent(member.id, { storage: true }, consentAt)).toBe(true);
      expect(await participants.findById(member.id)).toMatchObject({
        consentStorage: true,
        consentResearch: false,
        consentUpdatedAt: consentAt,
      });
      const startedAt = new Date('2026-03-03T18:02:00.000Z');
      expect(await sessions.updateStatus(session.id, { status: 'live', startedAt })).toBe(true);
      expect(await sessions.findById(session.id)).toMatchObject({ status: 'live', startedAt, endedAt: null });
      expect(await sessions.updateStatus(randomUUID(), { status: 'ended' })).toBe(false);
      expect(await participants.findById(randomUUID())).toBeNull();
    });

    it('refuses values outside the allowed sets, and sessions of unknown groups', async () => {
      const groups = app.module.get(GroupRepository);
      const sessions = app.module.get(SessionRepository);
      const participants = app.module.get(ParticipantRepository);
      const organisation = await app.module.get(OrganisationRepository).create({ name: 'Checks' });
      const group = await groups.create({ organisationId: organisation.id, name: 'G' });
      const { session } = await sessions.createWithFacilitator({
        groupId: group.id,
        title: 'T',
        scheduledStart: new Date(),
        facilitatorDisplayName: 'F',
      });

      await expect(sessions.updateStatus(session.id, { status: 'paused' as 'live' })).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '23514' }),
      });
      await expect(
        participants.create({ sessionId: session.id, displayName: 'X', role: 'observer' as 'member' }),
      ).rejects.toBeInstanceOf(QueryFailedError);
      // A failed facilitator insert must not leave a session without its facilitator.
      const before = await sessions.listByGroup(group.id);
      await expect(
        sessions.createWithFacilitator({
          groupId: randomUUID(),
          title: null,
          scheduledStart: new Date(),
          facilitatorDisplayName: 'F',
        }),
      ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23503' }) });
      expect(await sessions.listByGroup(group.id)).toEqual(before);
    });

    it('returns what pg returns: int8 and numeric as strings, jsonb as objects, timestamptz as Dates', async () => {
      const [row] = await dataSource.query(
        `SELECT 9007199254740993::int8 AS big, count(*) AS n, 1.10::numeric AS amount, 2.5::float8 AS ratio,
                '{"a":[1,{"b":null}],"s":"é ✓"}'::jsonb AS doc, '2026-01-02T03:04:05.678Z'::timestamptz AS at,
                true AS flag, ARRAY[1,2]::int8[] AS ids, gen_random_uuid() AS id
         FROM organisation`,
      );
      expect(row).toEqual({
        big: '9007199254740993',
        n: expect.stringMatching(/^\d+$/),
        amount: '1.10',
        ratio: 2.5,
        doc: { a: [1, { b: null }], s: 'é ✓' },
        at: new Date('2026-01-02T03:04:05.678Z'),
        flag: true,
        ids: ['1', '2'],
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    });

    it('writes stats samples, events and utterances in batches, values intact', async () => {
      const ids = newIds();
      const before = writer.counters();
      const total = 1050;
      for (let start = 0; start < total; start += 75) {
        const seqs = Array.from({ length: Math.min(75, total - start) }, (_, i) => start + i);
        writer.enqueueStatsSamples(seqs.map((seq) => statsRow(ids, seq)));
      }
      writer.enqueueEvents(Array.from({ length: 30 }, (_, seq) => eventRow(ids, seq)));
      writer.enqueueUtterances(Array.from({ length: 20 }, (_, seq) => utteranceRow(ids, seq)));
      await writer.flush();

      const after = writer.counters();
      expect(after.rowsPersisted - before.rowsPersisted).toBe(1100);
      // flushRows is 100: batches, never one INSERT per row or per message.
      expect(after.flushes - before.flushes).toBeGreaterThanOrEqual(11);
      expect(after.flushes - before.flushes).toBeLessThan(40);
      expect(await count(dataSource, 'stats_sample', ids)).toBe(1050);
      expect(await count(dataSource, 'event', ids)).toBe(30);
      expect(await count(dataSource, 'utterance', ids)).toBe(20);

      const [sample] = await dataSource.query('SELECT * FROM stats_sample WHERE participant_id = $1 AND seq = 41', [
        ids.participantId,
      ]);
      const expected = statsRow(ids, 41);
      expect(sample).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        session_id: ids.sessionId,
        seq: '41',
        message_index: 0,
        peer_connection_id: 'PC_0',
        ts: expected.ts,
        received_at: expected.receivedAt,
        audio_packets_received: String(50 * 42),
        audio_packets_lost: String(42 % 3),
        video_packets_received: String(170 * 42),
        bytes_received: String((1800 + 140000) * 42),
        bytes_sent: String(2900 * 42),
        video_packets_lost: '0',
        media_source_samples_duration: 42,
      });
      expect(sample.audio_jitter_ms).toBeCloseTo(2, 9);
      expect(sample.ice_rtt_ms).toBeCloseTo(42, 9);
      expect(sample.rtcp_rtt_ms).toBeCloseTo(51, 9);
      expect(sample.media_source_audio_energy).toBeCloseTo(0.0005 * 42, 12);
      expect(sample.stats).toEqual(chromeReport(42, expected.ts.getTime()));

      const events = await dataSource.query(
        'SELECT type, state, at, seq, payload FROM event WHERE participant_id = $1 ORDER BY seq LIMIT 2',
        [ids.participantId],
      );
      expect(events).toEqual([
        { type: 'visibility', state: 'hidden', at: eventRow(ids, 0).at, seq: '0', payload: eventRow(ids, 0).payload },
        { type: 'visibility', state: 'visible', at: eventRow(ids, 1).at, seq: '1', payload: null },
      ]);
      const [utterance] = await dataSource.query(
        'SELECT start_at, end_at, seq FROM utterance WHERE participant_id = $1 AND seq = 3',
        [ids.participantId],
      );
      expect(utterance).toEqual({
        start_at: utteranceRow(ids, 3).startAt,
        end_at: utteranceRow(ids, 3).endAt,
        seq: '3',
      });
      expect(await writer.recentSeqs(ids.sessionId, ids.participantId, 3)).toEqual([1049, 1048, 1047]);
    });

    it('flushes on its own within flushIntervalMs when few rows wait', async () => {
      const ids = newIds();
      writer.enqueueEvents([eventRow(ids, 1), eventRow(ids, 2)]);
      await waitFor(async () => (await count(dataSource, 'event', ids)) === 2, 5_000);
    });

    it('makes text the database would refuse storable, and refuses malformed rows before queuing any', async () => {
      const ids = newIds();
      const nul = 'a\u0000b';
      const loneSurrogate = 'x\ud800y';
      writer.enqueueEvents([
        { ...eventRow(ids, 1), state: nul, payload: { note: nul, odd: loneSurrogate, literal: '\\u0000 stays' } },
      ]);
      await writer.flush();
      const [event] = await dataSource.query('SELECT state, payload FROM event WHERE participant_id = $1', [
        ids.participantId,
      ]);
      expect(event).toEqual({
        state: 'a\ufffdb',
        payload: { note: 'a\ufffdb', odd: 'x\ufffdy', literal: '\\u0000 stays' },
      });

      // Characters that mean something to COPY's text format (PostgreSQL) arrive as they were sent.
      const framing = 'tab\there, line\nbreak, return\r, backslash \\N \\t';
      writer.enqueueEvents([{ ...eventRow(ids, 2), type: framing, state: framing, payload: { framing } }]);
      await writer.flush();
      const [framed] = await dataSource.query(
        'SELECT type, state, payload FROM event WHERE participant_id = $1 AND seq = 2',
        [ids.participantId],
      );
      expect(framed).toEqual({ type: framing, state: framing, payload: { framing } });

      expect(() =>
        writer.enqueueUtterances([utteranceRow(ids, 1), { ...utteranceRow(ids, 2), sessionId: 'nope' }]),
      ).toThrow('utterance row 1: sessionId must be a UUID');
      expect(() => writer.enqueueStatsSamples([{ ...statsRow(ids, 1), ts: new Date(Number.NaN) }])).toThrow(
        /ts must be a valid Date/,
      );
      await writer.flush();
      expect(await count(dataSource, 'utterance', ids)).toBe(0);
    });

    it('stores the valid rows of a batch the database refuses, and logs counts, never values', async () => {
      const ids = newIds();
      const before = writer.counters();
      const rows = Array.from({ length: 300 }, (_, seq) => eventRow(ids, seq));
      // Valid for a JavaScript Date, out of range for PostgreSQL's timestamptz (SQLSTATE 22xxx).
      rows[137] = { ...rows[137], type: 'secret-name-Alice', at: new Date('-100000-01-01T00:00:00.000Z') };
      writer.enqueueEvents(rows);
      await writer.flush();

      const after = writer.counters();
      expect(after.rowsRejected - before.rowsRejected).toBe(1);
      expect(after.rowsPersisted - before.rowsPersisted).toBe(299);
      expect(await count(dataSource, 'event', ids)).toBe(299);
      const report = app.logger.lines.find((line) => line.startsWith('The database rejected 1 of 100 event rows'));
      expect(report).toMatch(/SQLSTATE 22\w{3}/);
      expect(app.logger.lines.join('\n')).not.toMatch(/Alice|100000/);
    });

    it('upserts metric windows: one row per window, also for the whole session (NULL participant)', async () => {
      const windows = app.module.get(MetricWindowRepository);
      const { sessionId, participantId } = newIds();
      const windowStart = new Date('2026-03-03T18:00:10.000Z');
      const base = { sessionId, windowStart, windowSeconds: 10, metricVersion: 1 };
      await windows.upsert([
        { ...base, participantId: null, metrics: { talkSeconds: 3 } },
        { ...base, participantId, metrics: { talkSeconds: 1 } },
      ]);
      await windows.upsert([
        { ...base, participantId: null, metrics: { talkSeconds: 4 }, metricVersion: 2 },
        { ...base, participantId, metrics: { talkSeconds: 2 } },
      ]);

      const stored = await windows.listBySession(sessionId, 10);
      expect(stored.map(({ participantId: who, metrics, metricVersion }) => ({ who, metrics, metricVersion }))).toEqual(
        [
          { who: null, metrics: { talkSeconds: 4 }, metricVersion: 2 },
          { who: participantId, metrics: { talkSeconds: 2 }, metricVersion: 1 },
        ],
      );
    });

    it('keeps overlapping transactions apart: one rolling back never takes the other with it', async () => {
      const tag = randomUUID();
      const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}-${tag}`);
      const committing = (prefix: string) =>
        dataSource.transaction(async (manager) => {
          for (const name of names(prefix, 3)) {
            await manager.insert(Organisation, { name });
            await sleep(5);
          }
        });
      const rollingBack = (prefix: string) =>
        dataSource.transaction(async (manager) => {
          for (const name of names(prefix, 3)) {
            await manager.insert(Organisation, { name });
            await sleep(5);
          }
          throw new Error('roll back');
        });

      const outcomes = await Promise.allSettled([
        committing('keep-a'),
        rollingBack('drop-a'),
        committing('keep-b'),
        rollingBack('drop-b'),
        // Writes outside any transaction while others roll back are kept too.
        app.module.get(OrganisationRepository).create({ name: `plain-${tag}` }),
        (async () => {
          writer.enqueueEvents([eventRow({ sessionId: randomUUID(), participantId: tag }, 1)]);
          await writer.flush();
        })(),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const stored = await dataSource.query<Array<{ name: string }>>(
        'SELECT name FROM organisation WHERE name LIKE $1 ORDER BY name',
        [`%${tag}`],
      );
      expect(stored.map((row) => row.name)).toEqual(
        [...names('keep-a', 3), ...names('keep-b', 3), `plain-${tag}`].sort(),
      );
      expect(await count(dataSource, 'event', { participantId: tag })).toBe(1);
    });

    it('writes everything still queued when the application shuts down', async () => {
      const storage = await target.newStorage();
      // Nothing would flush by itself for a minute: only the shutdown hooks can write these rows.
      const shortLived = await startStorageApp(storage, { flushRows: 1_000_000, flushIntervalMs: 60_000 });
      const ids = newIds();
      const shortLivedWriter = shortLived.module.get(IngestWriter);
      shortLivedWriter.enqueueStatsSamples(Array.from({ length: 500 }, (_, seq) => statsRow(ids, seq)));
      shortLivedWriter.enqueueEvents([eventRow(ids, 1)]);
      shortLivedWriter.enqueueUtterances([utteranceRow(ids, 1)]);
      await sleep(100);
      expect(shortLivedWriter.counters().rowsPersisted).toBe(0);

      await shortLived.close();

      expect(shortLivedWriter.counters()).toMatchObject({ pendingRows: 0, rowsPersisted: 502, rowsLost: 0 });
      expect(() => shortLivedWriter.enqueueEvents([eventRow(ids, 2)])).toThrow(/closed/);
      await withDataSource(storage, async (reopened) => {
        expect(await count(reopened, 'stats_sample', ids)).toBe(500);
        expect(await count(reopened, 'event', ids)).toBe(1);
        expect(await count(reopened, 'utterance', ids)).toBe(1);
      });
    });
  });
}
