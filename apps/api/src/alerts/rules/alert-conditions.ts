import type { ParticipantSnapshot, SessionSnapshot } from '@attune/metrics';
import type { AlertRule, AlertSeverity } from './alert';
import type { AlertThresholds } from './alert-thresholds';

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

/**
 * A condition that holds now for one member. `since` is the event time it began when the
 * metrics know it (a connection state's start, a silence streak's); otherwise the engine counts
 * from the first snapshot it held in. `holdMs` is how long it must hold before an alert is
 * raised: the raise half of the hysteresis.
 */
export interface Observation {
  rule: AlertRule;
  participantId: string;
  severity: AlertSeverity;
  since?: number;
  holdMs: number;
  /** Describes what was observed as of now, never a label. */
  message: string;
}

/**
 * What the windowed rules need from earlier snapshots: when drops and noise episodes happened,
 * and the members' talk totals over the dominance window. Memory is bounded by the windows.
 */
export class SessionHistory {
  /** Event time of the first snapshot: the session's start as far as alerts are concerned. */
  startedAt: number | undefined;
  private readonly dropCounts = new Map<string, number>();
  private readonly dropTimes = new Map<string, number[]>();
  private readonly noiseStarts = new Map<string, number[]>();
  private talkSamples: { at: number; talkSeconds: Map<string, number> }[] = [];

  record(snapshot: SessionSnapshot, thresholds: AlertThresholds): void {
    const at = snapshot.at;
    this.startedAt ??= at;
    for (const participant of snapshot.participants) {
      const id = participant.participantId;
      const previousDrops = this.dropCounts.get(id) ?? 0;
      const newDrops = participant.connection.drops - previousDrops;
      if (this.dropCounts.has(id) && newDrops > 0) {
        const times = this.dropTimes.get(id) ?? [];
        for (let drop = 0; drop < newDrops; drop++) times.push(at);
        this.dropTimes.set(id, times);
      }
      this.dropCounts.set(id, participant.connection.drops);
      for (const episode of participant.ongoingObservations) {
        if (episode.type !== 'background-noise') continue;
        const starts = this.noiseStarts.get(id) ?? [];
        if (!starts.includes(episode.start)) starts.push(episode.start);
        this.noiseStarts.set(id, starts);
      }
    }
    prune(this.dropTimes, at - thresholds.dropWindowMinutes * MINUTE_MS);
    prune(this.noiseStarts, at - thresholds.noiseWindowMinutes * MINUTE_MS);
    const talk = new Map(snapshot.speaking.participants.map((p) => [p.participantId, p.talkSeconds]));
    this.talkSamples.push({ at, talkSeconds: talk });
    // Keep the newest sample at or before the window start, so the window is always covered.
    const windowStart = at - thresholds.dominanceWindowMinutes * MINUTE_MS;
    while (this.talkSamples.length > 1 && this.talkSamples[1].at <= windowStart) this.talkSamples.shift();
  }

  dropsSince(participantId: string): number {
    return this.dropTimes.get(participantId)?.length ?? 0;
  }

  noiseEpisodesSince(participantId: string): number {
    return this.noiseStarts.get(participantId)?.length ?? 0;
  }

  /** Each member's talk over the window, or undefined until the history covers the window. */
  talkOverWindow(at: number, windowMs: number): Map<string, number> | undefined {
    const oldest = this.talkSamples[0];
    const newest = this.talkSamples[this.talkSamples.length - 1];
    if (!oldest || oldest.at > at - windowMs) return undefined;
    const talk = new Map<string, number>();
    for (const [id, seconds] of newest.talkSeconds) talk.set(id, seconds - (oldest.talkSeconds.get(id) ?? 0));
    return talk;
  }
}

/** Every condition that holds in this snapshot, for present members (the facilitator is never alerted on). */
export function observe(
  snapshot: SessionSnapshot,
  history: SessionHistory,
  thresholds: AlertThresholds,
): Observation[] {
  const members = snapshot.participants.filter((p) => p.role === 'member' && p.present);
  const observations: Observation[] = [];
  for (const member of members) {
    observations.push(...connectionObservations(member, snapshot.at, history, thresholds));
  }
  observations.push(...speakingObservations(snapshot, members, history, thresholds));
  for (const member of members) observations.push(...distractionObservations(member, history, thresholds));
  return observations;
}

function connectionObservations(
  member: ParticipantSnapshot,
  at: number,
  history: SessionHistory,
  thresholds: AlertThresholds,
): Observation[] {
  const observations: Observation[] = [];
  const { state, stateSince } = member.connection;
  const since = stateSince ?? undefined;
  const seconds = Math.floor((at - (stateSince ?? at)) / SECOND_MS);
  if (state === 'disconnected') {
    observations.push({
      rule: 'disconnected',
      participantId: member.participantId,
      severity: 'standard',
      since,
      holdMs: thresholds.disconnectedSeconds * SECOND_MS,
      message: `Disconnected for ${seconds} s`,
    });
  }
  if (state === 'degraded') {
    observations.push({
      rule: 'degraded',
      participantId: member.participantId,
      severity: 'standard',
      since,
      holdMs: thresholds.degradedSeconds * SECOND_MS,
      message: `Poor connection quality for ${seconds} s`,
    });
  }
  const drops = history.dropsSince(member.participantId);
  if (drops >= thresholds.dropCount) {
    observations.push({
      rule: 'repeated-drops',
      participantId: member.participantId,
      severity: 'standard',
      holdMs: 0,
      message: `${drops} connection drops in the last ${thresholds.dropWindowMinutes} min`,
    });
  }
  return observations;
}

function speakingObservations(
  snapshot: SessionSnapshot,
  members: readonly ParticipantSnapshot[],
  history: SessionHistory,
  thresholds: AlertThresholds,
): Observation[] {
  const at = snapshot.at;
  const speaking = new Map(snapshot.speaking.participants.map((p) => [p.participantId, p]));
  const observations: Observation[] = [];
  for (const member of members) {
    const figures = speaking.get(member.participantId);
    if (!figures) continue;
    const othersRecentTalk = snapshot.speaking.participants
      .filter((p) => p.participantId !== member.participantId)
      .reduce((sum, p) => sum + p.rollingTalkSeconds, 0);
    // A member who never spoke is given until the never-spoken minute instead.
    const silenceMs = figures.silenceStreakSeconds * SECOND_MS;
    if (!figures.neverSpoken && othersRecentTalk > 0 && silenceMs >= thresholds.quietSilenceMinutes * MINUTE_MS) {
      observations.push({
        rule: 'quiet-member',
        participantId: member.participantId,
        severity: 'standard',
        since: at - silenceMs,
        holdMs: 0,
        message: `No speech for ${Math.floor(figures.silenceStreakSeconds / 60)} min while others speak`,
      });
    }
    if (figures.neverSpoken && history.startedAt !== undefined) {
      observations.push({
        rule: 'never-spoken',
        participantId: member.participantId,
        severity: 'standard',
        since: history.startedAt,
        holdMs: thresholds.neverSpokenByMinute * MINUTE_MS,
        message: `Has not spoken in the first ${Math.floor((at - history.startedAt) / MINUTE_MS)} min`,
      });
    }
  }
  const windowMs = thresholds.dominanceWindowMinutes * MINUTE_MS;
  const talk = history.talkOverWindow(at, windowMs);
  const memberCount = members.length;
  const totalTalk = members.reduce((sum, member) => sum + (talk?.get(member.participantId) ?? 0), 0);
  if (talk && totalTalk > 0) {
    const limit = thresholds.dominanceFactor / memberCount;
    for (const member of members) {
      const share = (talk.get(member.participantId) ?? 0) / totalTalk;
      if (share <= limit) continue;
      observations.push({
        rule: 'dominance',
        participantId: member.participantId,
        severity: 'standard',
        holdMs: 0,
        message: `${Math.round(share * 100)}% of members' talk over the last ${thresholds.dominanceWindowMinutes} min (${memberCount} members present)`,
      });
    }
  }
  return observations;
}

function distractionObservations(
  member: ParticipantSnapshot,
  history: SessionHistory,
  thresholds: AlertThresholds,
): Observation[] {
  const observations: Observation[] = [];
  const cameraOff = member.ongoingObservations.find((episode) => episode.type === 'camera-off');
  if (cameraOff) {
    observations.push({
      rule: 'camera-off',
      participantId: member.participantId,
      severity: 'gentle',
      since: cameraOff.start,
      holdMs: thresholds.cameraOffSeconds * SECOND_MS,
      message: `Camera off for ${Math.floor(cameraOff.secondsSoFar / 60)} min`,
    });
  }
  const noise = history.noiseEpisodesSince(member.participantId);
  if (noise >= thresholds.noiseEpisodeCount) {
    observations.push({
      rule: 'background-noise',
      participantId: member.participantId,
      severity: 'standard',
      holdMs: 0,
      message: `${noise} background-noise episodes in the last ${thresholds.noiseWindowMinutes} min`,
    });
  }
  return observations;
}

function prune(timesById: Map<string, number[]>, from: number): void {
  for (const [id, times] of timesById) {
    const kept = times.filter((time) => time > from);
    if (kept.length > 0) timesById.set(id, kept);
    else timesById.delete(id);
  }
}
