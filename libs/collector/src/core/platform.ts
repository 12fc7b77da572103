/*
 * The few platform objects the collector core touches, typed structurally so the core runs (and
 * is tested) in Node with the `ws` package and Node's fetch as well as in a browser.
 */

/**
 * A handler property checked like a method (bivariantly), so the DOM's and ws's WebSocket, whose
 * handlers take their own event classes, both fit without a cast.
 */
type Handler<Event> = { bivarianceHack(event: Event): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string[]) => WebSocketLike;

export interface FetchResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
}

export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; keepalive?: boolean },
) => Promise<FetchResponseLike>;

/** What the collector needs of an RTCPeerConnection (an SFU client's wrapper will do if it has these). */
export interface PeerConnectionLike {
  getStats(): Promise<Iterable<[string, unknown]> | { values(): Iterable<unknown> }>;
  readonly iceConnectionState?: string;
  readonly connectionState?: string;
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
}

/** What the collector needs of a MediaStreamTrack. */
export interface MediaTrackLike {
  enabled: boolean;
  readonly muted?: boolean;
  readonly readyState?: string;
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
}

/** Frames of microphone level from a track, for voice-activity detection (Web Audio in a browser). */
export type LevelMeterFactory = (
  track: MediaTrackLike,
  onFrame: (startMs: number, levelDb: number) => void,
) => { stop(): void };

/** Page-level signals (visibility, focus, device changes); the browser entry supplies them. */
export interface PageSignals {
  /** Starts watching and reports the current state at once; returns the function that stops it. */
  watch(emit: (event: PageSignal) => void): () => void;
}

export type PageSignal =
  | { type: 'visibility'; state: 'hidden' | 'visible' }
  | { type: 'focus'; state: 'focused' | 'blurred' }
  | { type: 'device-change'; device: 'audioinput' | 'videoinput' | 'audiooutput' };
