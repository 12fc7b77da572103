import type { Utterance } from '../types';

/** One line of an RTTM file: `SPEAKER <recording> 1 <start_s> <duration_s> <NA> <NA> <speaker> …`. */
export interface RttmSegment {
  recording: string;
  speaker: string;
  startSeconds: number;
  durationSeconds: number;
}

/** A stretch of time in seconds from the start of a recording. */
export interface TimeSpan {
  startSeconds: number;
  endSeconds: number;
}

export function parseRttm(text: string): RttmSegment[] {
  const segments: RttmSegment[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'SPEAKER' || fields.length < 8) continue;
    const startSeconds = Number(fields[3]);
    const durationSeconds = Number(fields[4]);
    if (!Number.isFinite(startSeconds) || !(durationSeconds > 0)) continue;
    segments.push({ recording: fields[1], speaker: fields[7], startSeconds, durationSeconds });
  }
  return segments;
}

/** Sorted, non-overlapping union of spans (a speaker's own overlapping segments count once). */
export function unionOfSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.startSeconds - b.startSeconds);
  const union: TimeSpan[] = [];
  for (const span of sorted) {
    const last = union[union.length - 1];
    if (last && span.startSeconds <= last.endSeconds) last.endSeconds = Math.max(last.endSeconds, span.endSeconds);
    else union.push({ ...span });
  }
  return union;
}

export function totalSeconds(spans: readonly TimeSpan[]): number {
  return spans.reduce((sum, span) => sum + (span.endSeconds - span.startSeconds), 0);
}

/** Each speaker's speech as a sorted union of spans, in first-appearance order of speakers. */
export function speechBySpeaker(segments: readonly RttmSegment[]): Map<string, TimeSpan[]> {
  const bySpeaker = new Map<string, TimeSpan[]>();
  for (const segment of segments) {
    const spans = bySpeaker.get(segment.speaker) ?? [];
    spans.push({ startSeconds: segment.startSeconds, endSeconds: segment.startSeconds + segment.durationSeconds });
    bySpeaker.set(segment.speaker, spans);
  }
  for (const [speaker, spans] of bySpeaker) bySpeaker.set(speaker, unionOfSpans(spans));
  return bySpeaker;
}

/** RTTM segments as device utterances of a session that started at `sessionStartMs`. */
export function utterancesFromRttm(segments: readonly RttmSegment[], sessionStartMs: number): Utterance[] {
  return segments.map((segment) => ({
    participantId: segment.speaker,
    start: sessionStartMs + Math.round(segment.startSeconds * 1000),
    end: sessionStartMs + Math.round((segment.startSeconds + segment.durationSeconds) * 1000),
  }));
}
