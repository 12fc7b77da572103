/** Relations between two participants' turns, each reported once, when it can be judged. */
export type TurnTakingEvent = TransitionEvent | InterruptionEvent | AffirmationEvent;

/** `to` took the floor after `from` (T[from][to] += 1). */
export interface TransitionEvent {
  kind: 'transition';
  from: string;
  to: string;
  /** Epoch ms: when `to` started. */
  at: number;
  /** `to`'s start minus `from`'s end; negative for an overlapping hand-over. */
  gapSeconds: number;
  /** The gap when it is a response latency (0 … max); undefined for overlaps. */
  responseLatencySeconds?: number;
}

export interface InterruptionEvent {
  kind: 'interruption';
  interrupted: string;
  interrupter: string;
  /** Epoch ms: when the interrupter started. */
  at: number;
  overlapSeconds: number;
}

export interface AffirmationEvent {
  kind: 'affirmation';
  speaker: string;
  affirmer: string;
  /** Epoch ms: when the affirmer started. */
  at: number;
  overlapSeconds: number;
}
