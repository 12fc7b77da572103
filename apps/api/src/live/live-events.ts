/**
 * The live view's socket contract, shared by the gateway and the dashboard (type-only imports,
 * so the browser bundle takes nothing from the server). Namespace `/live`; the client sends its
 * token as `auth.token` in the handshake: the admin token or a facilitator link's token.
 */
import type { SessionSnapshot } from '@attune/metrics';

export const LIVE_NAMESPACE = '/live';

/** How long a logged event can be taken back before it is sent to ingest. */
export const UNDO_WINDOW_MS = 10_000;

export interface LiveParticipant {
  id: string;
  displayName: string;
  role: 'member' | 'facilitator';
}

/** Who the session is and what this viewer may do; sent on join and when names change. */
export interface LiveSessionInfo {
  sessionId: string;
  title: string | null;
  status: 'scheduled' | 'live' | 'ended';
  participants: LiveParticipant[];
  /** Codes the one-tap buttons offer (the server's configured taxonomy). */
  facilitatorCodes: string[];
  viewer: 'admin' | 'facilitator';
  /** Only a facilitator logs events: they are stored as the facilitator's own messages. */
  canLogEvents: boolean;
}

export type LoggedEventStatus = 'pending' | 'sent' | 'undone' | 'rejected';

/** An event the facilitator logged: pending during the undo window, then sent through ingest. */
export interface LoggedEventView {
  id: string;
  code: string;
  participantId: string | null;
  /** When it was tapped (epoch ms): the event time stored with it. */
  at: number;
  status: LoggedEventStatus;
  /** Until when `undo` is accepted (pending only). */
  undoUntil: number;
  /** Why ingest refused it (rejected only). */
  reason?: string;
}

/** A live alert as the dashboard shows it (from the alerts module, apps/api/src/alerts). */
export interface LiveAlert {
  id: string;
  /** The rule that raised it, e.g. `quiet-member`. */
  rule: string;
  severity: 'gentle' | 'standard';
  participantId: string | null;
  /** An observation, never a label: "no speech for 12 min". */
  message: string;
  raisedAt: number;
  /** `open` needs the facilitator's attention; the others are history. */
  status: 'open' | 'acknowledged' | 'snoozed' | 'cleared';
  snoozedUntil: number | null;
}

export interface LiveError {
  code: 'unauthenticated' | 'forbidden' | 'not-found' | 'invalid-input' | 'conflict' | 'unavailable';
  message: string;
}

export type LiveResult<Value = undefined> = { ok: true; value: Value } | { ok: false; error: LiveError };

/** Every server→client event of `/live`. */
export interface LiveServerEvents {
  /** After join, and whenever the roster changes. */
  session: (info: LiveSessionInfo) => void;
  /** The full snapshot: on join (null before the session's first data), then at most once a second. */
  snapshot: (snapshot: SessionSnapshot | null) => void;
  /** Every event logged in this session since the server started (on join). */
  'logged-events': (events: LoggedEventView[]) => void;
  /** One logged event, new or changed. */
  'logged-event': (event: LoggedEventView) => void;
  /** The session's current alerts (full list each time). */
  alerts: (alerts: LiveAlert[]) => void;
}

export interface JoinRequest {
  sessionId: string;
}

export interface LogEventRequest {
  code: string;
  /** The member it is about; absent for the whole session. */
  participantId?: string;
}

/** Every client→server event of `/live`, each answered through its acknowledgement callback. */
export interface LiveClientEvents {
  join: (request: JoinRequest, reply: (result: LiveResult<LiveSessionInfo>) => void) => void;
  'log-event': (request: LogEventRequest, reply: (result: LiveResult<LoggedEventView>) => void) => void;
  undo: (request: { id: string }, reply: (result: LiveResult<LoggedEventView>) => void) => void;
  'acknowledge-alert': (request: { alertId: string }, reply: (result: LiveResult) => void) => void;
  'snooze-alert': (request: { alertId: string; minutes: number }, reply: (result: LiveResult) => void) => void;
}
