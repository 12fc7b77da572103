import { ApiClient } from '../support/api-client';
import { envelope, statsMessage } from '../support/envelopes';
import type { TestParticipant, TestSession } from '../support/session-fixture';

/**
 * What one participant sends at one tick besides its join and stats: index 0 is the
 * facilitator, then the members; `now` is the tick's event time (epoch ms).
 */
export type FeedScript = (index: number, tick: number, now: number) => unknown[];

/**
 * Feeds a session through HTTP ingest once a second, as members' collectors would: everyone
 * joins and reports stats, and each participant adds what the script says (by default the
 * first member talks, the second hides their tab and mutes, the third turns their camera off).
 * Returns a stop function.
 */
export function feedSession(
  baseUrl: string,
  session: TestSession,
  script: FeedScript = defaultScript,
): { stop(): Promise<void>; ticks(): number } {
  const senders = [session.facilitator, ...session.members].map((participant) => ({
    participant,
    client: new ApiClient(baseUrl, participant.token),
    seq: 0,
  }));
  let tick = 0;
  let running = true;
  let inFlight: Promise<unknown> = Promise.resolve();

  const send = async () => {
    const now = Date.now();
    await Promise.all(
      senders.map(async (sender, index) => {
        const messages: unknown[] = [];
        if (tick === 0) messages.push({ kind: 'join', at: now - 1000, client: { platform: 'desktop' } });
        messages.push(statsMessage(now, 500 + tick * 50, 2));
        messages.push(...script(index, tick, now));
        const response = await sender.client.post(`/api/v1/sessions/${session.sessionId}/ingest`, {
          envelopes: [envelope(of(session, sender.participant), sender.seq++, messages)],
        });
        if (response.status !== 200 && response.status !== 201) {
          throw new Error(`ingest answered ${response.status}: ${JSON.stringify(response.body)}`);
        }
      }),
    );
    tick++;
  };

  const timer = setInterval(() => {
    if (running) inFlight = inFlight.then(send);
  }, 1000);
  inFlight = send();
  return {
    ticks: () => tick,
    async stop() {
      running = false;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** The first member talks, the second hides their tab and mutes, the third turns their camera off. */
function defaultScript(index: number, tick: number, now: number): unknown[] {
  if (index === 1 && tick > 0 && tick % 3 === 0) return [{ kind: 'utterance', start: now - 2900, end: now - 100 }];
  if (index === 2 && tick === 1) {
    return [
      { kind: 'client-event', at: now, type: 'visibility', state: 'hidden' },
      { kind: 'client-event', at: now, type: 'mic', state: 'off' },
    ];
  }
  if (index === 3 && tick === 1) return [{ kind: 'client-event', at: now, type: 'camera', state: 'off' }];
  if (index === 0 && tick > 0 && tick % 4 === 0) return [{ kind: 'utterance', start: now - 2500, end: now - 200 }];
  return [];
}

/**
 * The first two members each take one substantive turn early on and then fall silent while the
 * facilitator goes on talking: two quiet members once the quiet-member threshold has passed.
 * The third member never speaks, so the never-spoken rule (minute 20), not this one, is theirs.
 * (A member who keeps talking is no sure control with a threshold of seconds: on a busy machine
 * a delayed tick is a real silence of several seconds.)
 */
export const quietMembersScript: FeedScript = (index, tick, now) => {
  if ((index === 1 || index === 2) && tick === 1) return [{ kind: 'utterance', start: now - 2900, end: now - 100 }];
  if (index === 0 && tick > 0 && tick % 2 === 0) return [{ kind: 'utterance', start: now - 2500, end: now - 200 }];
  return [];
};

function of(session: TestSession, participant: TestParticipant) {
  return { sessionId: session.sessionId, participantId: participant.id };
}
