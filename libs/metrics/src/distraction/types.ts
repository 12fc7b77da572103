/**
 * Distraction and engagement observations: episodes with a start, an end and a duration. They
 * describe what happened ("tab hidden 2 min"), never what it means about the person.
 */
export type DistractionEpisodeType =
  | 'tab-hidden'
  | 'window-blur'
  | 'camera-off'
  | 'mic-muted'
  | 'talk-while-muted'
  | 'background-noise'
  | 'device-switch'
  | 'platform-switch'
  | 'privacy-pause'
  | 'facilitator-logged'
  /** Reports stopped while the tab was hidden: the browser throttled the page, not a network fault. */
  | 'throttled-stats-gap';

export type EpisodeEnd = 'state' | 'leave' | 'session-end' | 'instant';

export interface DistractionEpisode {
  /** Absent for facilitator observations about the whole session. */
  participantId?: string;
  type: DistractionEpisodeType;
  /** Epoch ms. Instant episodes (switches, facilitator events) have start = end. */
  start: number;
  end: number;
  durationSeconds: number;
  /** What closed it: its own state change, the member leaving, the session ending; or an instant. */
  endedBy: EpisodeEnd;
  /** Device kind, platform, or facilitator code. */
  detail?: string;
}

/** Live view: an episode opens (start known, end not yet), then closes exactly once. */
export type DistractionUpdate =
  | { kind: 'opened'; participantId?: string; type: DistractionEpisodeType; start: number }
  | { kind: 'closed'; episode: DistractionEpisode };

/*
 * Inputs, in event-time order. Client events have the shape of the protocol's client events
 * (`{ at, type, state }`, states as there) plus the participant they came from.
 */

export interface VisibilityEvent {
  type: 'visibility';
  participantId: string;
  at: number;
  state: 'hidden' | 'visible';
}

export interface FocusEvent {
  type: 'focus';
  participantId: string;
  at: number;
  state: 'focused' | 'blurred';
}

/** The member's mic in the video app: 'off' is muted. */
export interface MicEvent {
  type: 'mic';
  participantId: string;
  at: number;
  state: 'on' | 'off';
}

export interface CameraEvent {
  type: 'camera';
  participantId: string;
  at: number;
  state: 'on' | 'off';
}

/** Member-initiated pause (auto-mute, video off): its mute and camera-off are not counted separately. */
export interface PrivacyPauseEvent {
  type: 'privacy-pause';
  participantId: string;
  at: number;
  state: 'on' | 'off';
}

/** The selected device changed; `platform` is present when the member moved to another kind of device. */
export interface DeviceChangeEvent {
  type: 'device-change';
  participantId: string;
  at: number;
  device: 'audioinput' | 'videoinput' | 'audiooutput';
  platform?: 'desktop' | 'mobile';
}

/** The device noticed the member talking into a muted mic (its own detection). */
export interface TalkWhileMutedEvent {
  type: 'talk-while-muted';
  participantId: string;
  at: number;
  state: 'start' | 'end';
}

/** Local voice-activity detection changed state (it keeps running while the mic is muted). */
export interface VoiceActivityEvent {
  type: 'voice-activity';
  participantId: string;
  at: number;
  state: 'speech' | 'silence';
}

/** An utterance from the device: voice activity, known once it has ended. */
export interface UtteranceEvent {
  type: 'utterance';
  participantId: string;
  start: number;
  end: number;
  /** When it was reported (normally its end). */
  at: number;
}

/**
 * A stats report arrived (its own timestamp). `audioLevelDbfs` is the interval's mean level
 * 10·log10(ΔtotalAudioEnergy/ΔtotalSamplesDuration) of the media-source, when it had audio.
 */
export interface StatsReportEvent {
  type: 'stats-report';
  participantId: string;
  at: number;
  intervalSeconds?: number;
  audioLevelDbfs?: number | null;
}

export interface FacilitatorLoggedEvent {
  type: 'facilitator-event';
  at: number;
  code: string;
  participantId?: string;
}

export interface ParticipantJoinEvent {
  type: 'join';
  participantId: string;
  at: number;
}

export interface ParticipantLeaveEvent {
  type: 'leave';
  participantId: string;
  at: number;
}

export interface SessionEndEvent {
  type: 'session-end';
  at: number;
}

export type DistractionInput =
  | VisibilityEvent
  | FocusEvent
  | MicEvent
  | CameraEvent
  | PrivacyPauseEvent
  | DeviceChangeEvent
  | TalkWhileMutedEvent
  | VoiceActivityEvent
  | UtteranceEvent
  | StatsReportEvent
  | FacilitatorLoggedEvent
  | ParticipantJoinEvent
  | ParticipantLeaveEvent
  | SessionEndEvent;

export function episodeOf(fields: Omit<DistractionEpisode, 'durationSeconds'>): DistractionEpisode {
  return { ...fields, durationSeconds: Math.max(0, fields.end - fields.start) / 1000 };
}
