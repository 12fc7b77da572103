import type { Message } from '@attune/protocol';
import { createSeededRandom, type SeededRandom } from '@attune/metrics/speaking/testing';
import type { MemberPlan } from '../member/member-plan';
import { contains } from '../scenario/spans';
import { deviceEvents, type DeviceEventContext, type DroppedPolls, type TimedMessage } from './device-events';
import type { MicrophonePoll } from './microphone';
import { ChromeStatsReport } from './stats/chrome-stats-report';

/**
 * One participant's device during the simulated session: asked for everything it sends up to a
 * moment of the simulated clock, it returns its stats reports (one per poll, while present and
 * connected) and its events in sending order. Stats are built as they are asked for, so a
 * 90-minute session never holds all its reports in memory; the result does not depend on how
 * the session is sliced.
 */
export class ParticipantDevice {
  readonly participantId: string;
  private readonly polls: MicrophonePoll[];
  private readonly events: TimedMessage[];
  private nextPoll = 0;
  private nextEvent = 0;
  private connection: { index: number; report: ChromeStatsReport } | undefined;
  private readonly random: SeededRandom;
  private readonly sessionStartMs: number;

  constructor(
    readonly plan: MemberPlan,
    participantId: string,
    polls: MicrophonePoll[],
    context: DeviceEventContext,
  ) {
    this.participantId = participantId;
    this.sessionStartMs = context.sessionStartMs;
    this.random = createSeededRandom(plan.seed ^ 0x57a75);
    const leaveAt = context.sessionStartMs + Math.round(plan.stay.endSeconds * 1000) - 200;
    const joinAt = context.sessionStartMs + Math.round(plan.stay.startSeconds * 1000);
    // Polls before the join only set the microphone's baseline; none are sent after the leave.
    this.polls = polls.filter((poll) => poll.timestamp < leaveAt);
    this.nextPoll = this.polls.findIndex((poll) => poll.timestamp > joinAt + 1000);
    if (this.nextPoll === -1) this.nextPoll = this.polls.length;
    this.events = deviceEvents(plan, context, droppedPolls(plan, this.polls, context.sessionStartMs));
  }

  /** Everything sent before `untilMs` (simulated clock) that was not returned before. */
  messagesBefore(untilMs: number): Message[] {
    const out: Message[] = [];
    for (;;) {
      const poll = this.polls[this.nextPoll];
      const event = this.events[this.nextEvent];
      const pollAt = poll && poll.timestamp < untilMs ? poll.timestamp : Infinity;
      const eventAt = event && event.sendAt < untilMs ? event.sendAt : Infinity;
      if (pollAt === Infinity && eventAt === Infinity) return out;
      if (eventAt <= pollAt) {
        out.push(event.message);
        this.nextEvent += 1;
      } else {
        const report = this.statsAt(this.nextPoll);
        if (report) out.push(report);
        this.nextPoll += 1;
      }
    }
  }

  /** Whether the device has sent everything it ever will. */
  get done(): boolean {
    return this.nextPoll >= this.polls.length && this.nextEvent >= this.events.length;
  }

  private statsAt(index: number): Message | undefined {
    const poll = this.polls[index];
    const previous = this.polls[index - 1];
    const seconds = (poll.timestamp - this.sessionStartMs) / 1000;
    const plan = this.plan;
    if (contains(plan.outages, seconds)) return undefined;
    const connectionIndex = plan.outages.filter((outage) => outage.endSeconds <= seconds).length;
    if (this.connection?.index !== connectionIndex) {
      // A new RTCPeerConnection: new stats ids, counters from zero (the microphone's from now).
      this.connection = {
        index: connectionIndex,
        report: new ChromeStatsReport(`pc-${connectionIndex + 1}`, this.random, previous ?? poll),
      };
    }
    const second = Math.min(plan.network.rttMs.length - 1, Math.max(0, Math.floor(seconds)));
    return this.connection.report.report(poll.timestamp, {
      intervalSeconds: previous ? (poll.timestamp - previous.timestamp) / 1000 : 1,
      rttMs: plan.network.rttMs[second],
      jitterMs: plan.network.jitterMs[second],
      lossPct: plan.network.lossPct[second],
      jitterBufferDelayMs: plan.network.jitterBufferDelayMs[second],
      cameraOn: !contains(plan.cameraOff, seconds),
      totalAudioEnergy: poll.totalAudioEnergy,
      totalSamplesDuration: poll.totalSamplesDuration,
      speaking: contains(plan.speech, seconds),
    });
  }
}

/** The polls that fell into each outage: what the collector could not deliver. */
function droppedPolls(plan: MemberPlan, polls: readonly MicrophonePoll[], sessionStartMs: number): DroppedPolls {
  const dropped = new Map<number, { count: number; from: number; to: number }>();
  plan.outages.forEach((outage, index) => {
    const inside = polls.filter((poll) => contains([outage], (poll.timestamp - sessionStartMs) / 1000));
    if (inside.length > 0) {
      dropped.set(index, { count: inside.length, from: inside[0].timestamp, to: inside[inside.length - 1].timestamp });
    }
  });
  return dropped;
}
