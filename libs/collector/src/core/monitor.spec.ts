import type { FetchLike } from './platform';
import { Monitor, type MonitorOptions } from './monitor';
import type { ClientEventMessage } from '@attune/protocol/schema/client-event';
import { FakeIngestServer, FakePeerConnection, FakeTrack, type SentEnvelope } from '../testing/fake-ingest-server';
import type { WireMessage } from './wire';

const START = 1_700_000_000_000;

function clientEvents(messages: WireMessage[], type?: string): ClientEventMessage[] {
  return messages.filter(
    (message): message is ClientEventMessage => message.kind === 'client-event' && (!type || message.type === type),
  );
}

const stateOf = (event: ClientEventMessage) => ('state' in event ? event.state : undefined);

describe(Monitor.name, () => {
  let server: FakeIngestServer;
  let sut: Monitor;

  const create = (options: Partial<MonitorOptions> = {}) =>
    new Monitor({
      endpoint: 'https://attune.example.org/',
      sessionId: 'session-1',
      participantId: 'participant-1',
      token: 'secret token',
      WebSocket: server.Socket,
      backoff: { initialMs: 1000, maxMs: 8000, jitter: 0 },
      flushTimeoutMs: 5000,
      ...options,
    });

  beforeEach(() => {
    jest.useFakeTimers({ now: START });
    server = new FakeIngestServer();
  });

  afterEach(async () => {
    const stopping = sut?.stop();
    await jest.runOnlyPendingTimersAsync();
    await stopping;
    jest.useRealTimers();
  });

  describe('consent', () => {
    it('collects and sends nothing before consent, then sends consent, join and stats', async () => {
      const peerConnection = new FakePeerConnection();
      sut = create();
      sut.addPeerConnection(peerConnection);
      sut.setLocalAudioTrack(new FakeTrack());
      await jest.advanceTimersByTimeAsync(5000);
      expect(server.sockets).toHaveLength(0);
      expect(peerConnection.calls).toBe(0);

      sut.grantConsent();
      server.latest.open();
      await jest.advanceTimersByTimeAsync(0);
      const [first] = server.envelopes();
      expect(first.messages.slice(0, 2)).toEqual([
        { kind: 'client-event', type: 'consent', at: START + 5000, state: 'granted', scopes: ['storage'] },
        { kind: 'join', at: START + 5000, client: { collectorVersion: expect.any(String) } },
      ]);
      expect(clientEvents(first.messages).map((event) => event.type)).toEqual(
        expect.arrayContaining(['ice-state', 'connection-state', 'mic']),
      );
      expect(server.statsMessages()).toHaveLength(1);
      // The token travels in the handshake's subprotocol header, never in the URL (access logs keep URLs).
      expect(server.latest.url).toBe('wss://attune.example.org/ingest');
      expect(server.latest.protocols).toEqual(['attune-ingest.v1', 'bearer.secret token']);
    });

    it('consent: true starts at once, with the consent event on record', async () => {
      sut = create({ consent: true });
      server.latest.open();
      await jest.advanceTimersByTimeAsync(0);
      expect(clientEvents(server.messages(), 'consent')).toHaveLength(1);
    });

    it('withdrawing sends only `withdrawn`, drops what was not sent, stops polling and closes', async () => {
      const peerConnection = new FakePeerConnection();
      sut = create({ consent: true });
      sut.addPeerConnection(peerConnection);
      await jest.advanceTimersByTimeAsync(3000); // socket not open: three reports wait in the buffer
      const withdrawing = sut.withdrawConsent();
      server.latest.open();
      const envelopes = server.latest.sent;
      expect(envelopes.flatMap((envelope) => envelope.messages)).toEqual([
        { kind: 'client-event', type: 'consent', at: START + 3000, state: 'withdrawn', scopes: ['storage'] },
      ]);
      server.ackAll();
      await withdrawing;
      const calls = peerConnection.calls;
      await jest.advanceTimersByTimeAsync(5000);
      expect(peerConnection.calls).toBe(calls);
      expect(server.latest.readyState).toBe(3);
    });
  });

  describe('stats deltas', () => {
    /** The envelope that carried the n-th stats message. */
    function envelopeOfStats(index: number): SentEnvelope {
      const message = server.statsMessages()[index];
      const envelope = server.envelopes().find((sent) => sent.messages.includes(message));
      if (!envelope) throw new Error(`no stats message #${index}`);
      return envelope;
    }

    async function started(): Promise<void> {
      sut = create();
      sut.addPeerConnection(new FakePeerConnection(), { id: 'main' });
      sut.grantConsent();
      server.latest.open();
      await jest.advanceTimersByTimeAsync(0);
    }

    it('sends the first report whole and the next as a delta of the acknowledged one', async () => {
      await started();
      const [first] = server.statsMessages();
      expect(first).toMatchObject({ peerConnectionId: 'main', stats: expect.any(Array) });
      expect(first.deltaOf).toBeUndefined();
      expect(first.stats.map((object) => object.id)).toEqual(['T1', 'CP1', 'OA']);

      await jest.advanceTimersByTimeAsync(1000); // not acked yet: no baseline, so whole again
      expect(server.statsMessages()[1].deltaOf).toBeUndefined();

      server.ackAll();
      const baselineSeq = envelopeOfStats(1).seq;
      await jest.advanceTimersByTimeAsync(1000);
      const delta = server.statsMessages()[2];
      expect(delta.deltaOf).toBe(baselineSeq);
      // Only what changed: counters, never the unchanged ids, kinds and states.
      expect(delta.stats).toEqual([
        { id: 'T1', timestamp: 3000, bytesSent: 1500 },
        { id: 'CP1', timestamp: 3000, bytesSent: 1500 },
        { id: 'OA', timestamp: 3000, packetsSent: 150 },
      ]);
    });

    it('never uses a report the server rejected as a baseline', async () => {
      await started();
      const first = envelopeOfStats(0);
      const statsIndex = first.messages.findIndex((message) => message.kind === 'stats');
      server.latest.ack(first, { status: 'partial', rejected: [{ index: statsIndex, issues: [] }] });
      await jest.advanceTimersByTimeAsync(1000);
      expect(server.statsMessages()[1].deltaOf).toBeUndefined();
    });

    // `duplicate`: the answer to a copy (say, sent by HTTP while the socket reconnected) that
    // lists again what the first copy had rejected.
    it.each(['rejected', 'duplicate'] as const)(
      'sends a rejected delta again whole, and stops using the lost baseline (answered %s)',
      async (status) => {
        await started();
        server.ackAll();
        await jest.advanceTimersByTimeAsync(1000);
        const deltaEnvelope = envelopeOfStats(1);
        const delta = deltaEnvelope.messages[0];
        expect(delta).toMatchObject({ kind: 'stats', deltaOf: envelopeOfStats(0).seq });
        // The server restarted and lost its baseline.
        server.latest.ack(deltaEnvelope, {
          status,
          rejected: [{ index: 0, issues: [{ path: '/messages/0/deltaOf', reason: 'unknown baseline' }] }],
        });
        await jest.advanceTimersByTimeAsync(0);
        const resend = server.envelopes().at(-1)?.messages[0];
        expect(resend).toMatchObject({ kind: 'stats', timestamp: (delta as { timestamp: number }).timestamp });
        expect(resend).not.toHaveProperty('deltaOf');
        expect((resend as { stats: unknown[] }).stats).toHaveLength(3);
        await jest.advanceTimersByTimeAsync(1000);
        expect(server.statsMessages().at(-1)?.deltaOf).toBeUndefined();
      },
    );

    it('resends unacknowledged envelopes with the same seq and content after a reconnection', async () => {
      await started();
      await jest.advanceTimersByTimeAsync(1000);
      const unacked = server.latest.sent.map((envelope) => ({
        seq: envelope.seq,
        messages: envelope.messages,
        sentAt: envelope.sentAt,
      }));
      server.latest.drop();
      expect(sut.status()).toMatchObject({ connected: false, transport: 'none', bufferedMessages: expect.any(Number) });
      await jest.advanceTimersByTimeAsync(1000); // backoff 1 s (no jitter in this test)
      expect(server.sockets).toHaveLength(2);
      server.latest.open();
      const resent = server.latest.sent.slice(0, unacked.length);
      expect(
        resent.map((envelope) => ({ seq: envelope.seq, messages: envelope.messages, sentAt: envelope.sentAt })),
      ).toEqual(unacked);
      expect(new Set(server.envelopes().map((envelope) => envelope.seq)).size).toBe(
        unacked.length + server.latest.sent.length - resent.length,
      );
    });

    it('backs off exponentially while the server stays away', async () => {
      await started();
      server.latest.drop();
      const opened: number[] = [];
      for (let second = 1; second <= 16; second++) {
        const before = server.sockets.length;
        await jest.advanceTimersByTimeAsync(1000);
        if (server.sockets.length > before) {
          opened.push(second);
          server.latest.drop();
        }
      }
      expect(opened).toEqual([1, 3, 7, 15]);
    });
  });

  describe('buffer', () => {
    it('drops the oldest when full during an outage and reports the gap with collector-gap', async () => {
      sut = create({ consent: true, buffer: { maxMessages: 10 } });
      sut.addPeerConnection(new FakePeerConnection());
      await jest.advanceTimersByTimeAsync(19_500); // the socket never opened: 20 reports + consent + join + events
      expect(sut.status().bufferedMessages).toBe(10);
      const dropped = sut.status().droppedMessages;
      expect(dropped).toBeGreaterThan(10);
      server.latest.open();
      const gap = clientEvents(server.messages(), 'collector-gap');
      expect(gap).toEqual([
        {
          kind: 'client-event',
          type: 'collector-gap',
          at: expect.any(Number),
          droppedMessages: dropped,
          from: START,
          to: expect.any(Number),
        },
      ]);
      expect(server.messages()[0]).toBe(gap[0]);
    });
  });

  describe('delivery', () => {
    it('flush() resolves once everything so far is acknowledged', async () => {
      sut = create({ consent: true });
      server.latest.open();
      let flushed = false;
      const flushing = sut.flush().then(() => (flushed = true));
      await jest.advanceTimersByTimeAsync(0);
      expect(flushed).toBe(false);
      server.ackAll();
      await flushing;
      expect(sut.status()).toMatchObject({
        connected: true,
        transport: 'websocket',
        bufferedMessages: 0,
        ackedEnvelopes: 1,
        lastAckAt: START,
      });
    });

    it('flush() rejects after its timeout when nothing is acknowledged', async () => {
      sut = create({ consent: true });
      const flushing = sut.flush();
      const assertion = expect(flushing).rejects.toThrow(/not everything was acknowledged/);
      await jest.advanceTimersByTimeAsync(5000);
      await assertion;
    });

    it('waits retryAfterMs after rate-limited before sending that envelope again', async () => {
      sut = create({ consent: true });
      server.latest.open();
      const [envelope] = server.latest.sent;
      server.latest.answer({
        type: 'error',
        code: 'rate-limited',
        seq: envelope.seq,
        reason: 'slow down',
        retryAfterMs: 2500,
      });
      await jest.advanceTimersByTimeAsync(2400);
      expect(server.latest.sent.filter((sent) => sent.seq === envelope.seq)).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(200);
      expect(server.latest.sent.filter((sent) => sent.seq === envelope.seq)).toHaveLength(2);
    });

    /** What the server answers a batch it stored whole. */
    const acceptingAnswer = (requestBody: string) => {
      const { envelopes } = JSON.parse(requestBody) as { envelopes: SentEnvelope[] };
      const results = envelopes.map((envelope) => ({
        seq: envelope.seq,
        status: 'accepted',
        accepted: envelope.messages.length,
        rejected: [],
      }));
      return Promise.resolve({ status: 200, json: () => Promise.resolve({ results }) });
    };

    /** Three failed socket attempts in a row: the collector falls back to HTTP batches. */
    const failSocketThrice = async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        server.latest.drop();
        await jest.advanceTimersByTimeAsync(4000);
      }
    };

    it('waits the retryAfterMs of an HTTP 503 (a server working off a backlog) before posting again', async () => {
      const posted: number[] = [];
      const fetch: FetchLike = async (_url, init) => {
        posted.push(Date.now());
        if (posted.length === 1) {
          return Promise.resolve({ status: 503, json: () => Promise.resolve({ retryAfterMs: 20_000 }) });
        }
        return acceptingAnswer(init.body);
      };
      sut = create({ consent: true, fetch });
      await failSocketThrice();
      await jest.advanceTimersByTimeAsync(30_000);
      // The refused batch is posted again, not before the 20 s the server asked for (longer
      // than this test's retry backoff ever gets).
      expect(posted.length).toBeGreaterThan(1);
      expect(posted[1] - posted[0]).toBeGreaterThanOrEqual(20_000);
      expect(sut.status()).toMatchObject({ transport: 'http', connected: true });
    });

    it.each([
      ['no answer', () => Promise.reject(new TypeError('fetch failed'))],
      ["a proxy's 502", () => Promise.resolve({ status: 502, json: () => Promise.reject(new SyntaxError('html')) })],
    ] as const)('keeps every envelope through an outage longer than its retries (%s)', async (_outage, failedPost) => {
      let serverUp = false;
      let posts = 0;
      const fetch: FetchLike = async (_url, init) => {
        posts++;
        if (!serverUp) return failedPost();
        return acceptingAnswer(init.body);
      };
      sut = create({ consent: true, fetch });
      await failSocketThrice();
      await jest.advanceTimersByTimeAsync(120_000);
      // Far more posts than the 8 attempts a failing envelope gets: none of these counted.
      expect(posts).toBeGreaterThan(12);
      serverUp = true;
      await jest.advanceTimersByTimeAsync(10_000);
      await sut.flush();
      expect(sut.status()).toMatchObject({ droppedMessages: 0, bufferedMessages: 0 });
    });

    it('gives an envelope up after 8 sends the server failed on (HTTP 500), counting it as dropped', async () => {
      const posted: SentEnvelope[][] = [];
      const fetch: FetchLike = (_url, init) => {
        posted.push((JSON.parse(init.body) as { envelopes: SentEnvelope[] }).envelopes);
        return Promise.resolve({ status: 500, json: () => Promise.resolve({}) });
      };
      sut = create({ consent: true, fetch });
      await failSocketThrice();
      await jest.advanceTimersByTimeAsync(300_000);
      const first = posted[0][0].seq;
      expect(posted.filter((envelopes) => envelopes.some((envelope) => envelope.seq === first))).toHaveLength(8);
      expect(sut.status().droppedMessages).toBeGreaterThan(0);
    });

    it('falls back to HTTP batches when the socket cannot open', async () => {
      const posts: { url: string; body: { envelopes: SentEnvelope[] }; headers: Record<string, string> }[] = [];
      const fetch: FetchLike = async (url, init) => {
        posts.push({ url, body: JSON.parse(init.body) as { envelopes: SentEnvelope[] }, headers: init.headers });
        return acceptingAnswer(init.body);
      };
      sut = create({ consent: true, fetch });
      await failSocketThrice();
      expect(sut.status().transport).toBe('http');
      await jest.advanceTimersByTimeAsync(1000);
      expect(posts[0].url).toBe('https://attune.example.org/api/v1/sessions/session-1/ingest');
      expect(posts[0].headers.Authorization).toBe('Bearer secret token');
      expect(posts[0].body.envelopes[0].messages[0]).toMatchObject({ type: 'consent', state: 'granted' });
      await sut.flush();
      expect(sut.status()).toMatchObject({ transport: 'http', connected: true, bufferedMessages: 0 });
    });

    it('on page close sends what is pending and leave by a keepalive request', async () => {
      const requests: { body: string; keepalive?: boolean }[] = [];
      const fetch: FetchLike = (_url, init) => {
        requests.push({ body: init.body, keepalive: init.keepalive });
        return Promise.resolve({ status: 200, json: () => Promise.resolve({}) });
      };
      sut = create({ consent: true, fetch }); // the socket never opened: consent and join are pending
      sut.pageClosed();
      expect(requests).toHaveLength(1);
      expect(requests[0].keepalive).toBe(true);
      const [envelope] = (JSON.parse(requests[0].body) as { envelopes: SentEnvelope[] }).envelopes;
      expect(envelope.messages.map((message) => message.kind)).toEqual(['client-event', 'join', 'leave']);
      expect(envelope.messages.at(-1)).toEqual({ kind: 'leave', at: START, reason: 'page-closed' });
    });

    it('stop() sends leave and waits for its ack', async () => {
      sut = create({ consent: true });
      server.latest.open();
      server.ackAll();
      const stopping = sut.stop();
      expect(server.messages().at(-1)).toEqual({ kind: 'leave', at: START, reason: 'hangup' });
      server.ackAll();
      await stopping;
      expect(server.latest.readyState).toBe(3);
    });
  });

  describe('client events', () => {
    it('reports mic and camera on/off from the tracks, and ICE state changes per peer connection', async () => {
      const mic = new FakeTrack();
      const camera = new FakeTrack();
      const peerConnection = new FakePeerConnection();
      sut = create({ consent: true });
      sut.setLocalAudioTrack(mic);
      sut.setLocalVideoTrack(camera);
      sut.addPeerConnection(peerConnection, { id: 'sfu-up' });
      server.latest.open();
      mic.enabled = false; // the app's mute button: no event, seen on the next poll
      camera.muted = true;
      camera.dispatch('mute');
      peerConnection.setIceState('disconnected');
      await jest.advanceTimersByTimeAsync(1000);
      const events = clientEvents(server.messages()).map((event) => ({
        type: event.type,
        state: stateOf(event),
        peerConnectionId: 'peerConnectionId' in event ? event.peerConnectionId : undefined,
      }));
      expect(events).toEqual(
        expect.arrayContaining([
          { type: 'mic', state: 'on', peerConnectionId: undefined },
          { type: 'camera', state: 'on', peerConnectionId: undefined },
          { type: 'ice-state', state: 'connected', peerConnectionId: 'sfu-up' },
          { type: 'camera', state: 'off', peerConnectionId: undefined },
          { type: 'ice-state', state: 'disconnected', peerConnectionId: 'sfu-up' },
          { type: 'mic', state: 'off', peerConnectionId: undefined },
        ]),
      );
    });

    it('privacy pause disables the tracks, logs it, pauses collection, and restores them after', async () => {
      const mic = new FakeTrack();
      const camera = new FakeTrack();
      camera.enabled = false; // already off before the pause: stays off after
      const peerConnection = new FakePeerConnection();
      sut = create({ consent: true });
      sut.setLocalAudioTrack(mic);
      sut.setLocalVideoTrack(camera);
      sut.addPeerConnection(peerConnection);
      server.latest.open();
      sut.setPrivacyPause(true);
      expect([mic.enabled, camera.enabled]).toEqual([false, false]);
      const calls = peerConnection.calls;
      await jest.advanceTimersByTimeAsync(3000);
      expect(peerConnection.calls).toBe(calls);
      sut.setPrivacyPause(false);
      expect([mic.enabled, camera.enabled]).toEqual([true, false]);
      await jest.advanceTimersByTimeAsync(0);
      expect(peerConnection.calls).toBe(calls + 1);
      const pauses = clientEvents(server.messages(), 'privacy-pause').map(stateOf);
      expect(pauses).toEqual(['on', 'off']);
      expect(clientEvents(server.messages(), 'mic').map(stateOf)).toEqual(['on']);
    });

    it('turns microphone level frames into utterance messages (times only)', async () => {
      let feedFrame: (startMs: number, levelDb: number) => void = () => undefined;
      sut = create({
        consent: true,
        levelMeter: (_track, onFrame) => {
          feedFrame = onFrame;
          return { stop: () => undefined };
        },
      });
      sut.setLocalAudioTrack(new FakeTrack());
      server.latest.open();
      for (let frame = 0; frame < 100; frame++) feedFrame(START + frame * 50, frame >= 40 && frame < 60 ? -20 : -70);
      await jest.advanceTimersByTimeAsync(1000);
      expect(server.messages().filter((message) => message.kind === 'utterance')).toEqual([
        { kind: 'utterance', start: START + 2000, end: START + 3000 },
      ]);
    });

    it('says when its voice detection starts hearing and when it stops, after the utterance it cut short', async () => {
      const feeds: ((startMs: number, levelDb: number) => void)[] = [];
      sut = create({
        consent: true,
        levelMeter: (_track, onFrame) => {
          feeds.push(onFrame);
          return { stop: () => undefined };
        },
      });
      const speechAndTimes = () =>
        server
          .messages()
          .filter(
            (message) =>
              message.kind === 'utterance' || (message.kind === 'client-event' && message.type === 'voice-detection'),
          )
          .map((message) =>
            message.kind === 'utterance' ? ['utterance', message.start, message.end] : [message.state, message.at],
          );
      sut.setLocalAudioTrack(new FakeTrack());
      server.latest.open();
      // The first frame the meter delivers, not the moment the track was set, is when detection began.
      for (let frame = 0; frame < 30; frame++) feeds[0](START + 500 + frame * 50, frame >= 10 ? -20 : -70);
      // A microphone Web Audio never delivers a frame for: no start, so no stop either.
      sut.setLocalAudioTrack(new FakeTrack());
      sut.setLocalAudioTrack(null);
      await jest.advanceTimersByTimeAsync(1000);

      const stoppedAt = speechAndTimes().at(-1)?.[1];
      expect(speechAndTimes()).toEqual([
        ['started', START + 500],
        ['utterance', START + 1000, START + 2000],
        ['stopped', stoppedAt],
      ]);
      expect(stoppedAt).toBeGreaterThanOrEqual(START + 2000);
    });
  });
});
