import { Type, type Static, type TLiteral, type TObject, type TProperties, type TUnion } from '@sinclair/typebox';
import { EpochMsSchema, StatsIdSchema } from './primitives';

function oneOf<const Values extends readonly string[]>(...values: Values): TUnion<TLiteral<Values[number]>[]> {
  return Type.Union(values.map((value) => Type.Literal<Values[number]>(value)));
}

/** Every client event is `{ kind: 'client-event', at, type, …fields }`: flat, one level deep. */
function clientEvent<EventType extends string, Fields extends TProperties>(
  type: EventType,
  fields: Fields,
  description: string,
): TObject<{ kind: TLiteral<'client-event'>; type: TLiteral<EventType>; at: typeof EpochMsSchema } & Fields> {
  return Type.Object(
    { kind: Type.Literal('client-event'), type: Type.Literal(type), at: EpochMsSchema, ...fields },
    { additionalProperties: false, title: `client-event ${type}`, description },
  );
}

const optionalPeerConnectionId = Type.Optional(StatsIdSchema);

/** RTCIceConnectionState. */
export const ICE_CONNECTION_STATES = [
  'new',
  'checking',
  'connected',
  'completed',
  'disconnected',
  'failed',
  'closed',
] as const;
/** RTCPeerConnectionState. */
export const PEER_CONNECTION_STATES = ['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'] as const;

export const VisibilityEventSchema = clientEvent(
  'visibility',
  { state: oneOf('hidden', 'visible') },
  'document.visibilityState changed (tab hidden or shown).',
);

export const FocusEventSchema = clientEvent(
  'focus',
  { state: oneOf('focused', 'blurred') },
  'The window gained or lost focus.',
);

export const MicEventSchema = clientEvent(
  'mic',
  { state: oneOf('on', 'off') },
  'The member muted or unmuted their microphone in the video app.',
);

export const CameraEventSchema = clientEvent(
  'camera',
  { state: oneOf('on', 'off') },
  'The member turned their camera on or off.',
);

export const DeviceChangeEventSchema = clientEvent(
  'device-change',
  {
    device: oneOf('audioinput', 'videoinput', 'audiooutput'),
    /** Present when the change moved the member to another kind of device (e.g. laptop → phone). */
    platform: Type.Optional(oneOf('desktop', 'mobile')),
  },
  'The selected input or output device changed; device labels and ids are never sent.',
);

export const IceStateEventSchema = clientEvent(
  'ice-state',
  {
    state: oneOf(...ICE_CONNECTION_STATES),
    peerConnectionId: optionalPeerConnectionId,
  },
  'RTCPeerConnection.iceConnectionState changed.',
);

export const ConnectionStateEventSchema = clientEvent(
  'connection-state',
  {
    state: oneOf(...PEER_CONNECTION_STATES),
    peerConnectionId: optionalPeerConnectionId,
  },
  'RTCPeerConnection.connectionState changed.',
);

export const PrivacyPauseEventSchema = clientEvent(
  'privacy-pause',
  { state: oneOf('on', 'off') },
  'The member started or ended a privacy pause (auto-mute, video off, collection paused).',
);

export const VoiceDetectionEventSchema = clientEvent(
  'voice-detection',
  { state: oneOf('started', 'stopped') },
  "The device's own voice-activity detection started (from then on it sends an utterance for all the " +
    "member's speech) or stopped (the microphone changed, or collection paused or stopped).",
);

export const CONSENT_SCOPES = ['storage', 'research'] as const;

export const ConsentEventSchema = clientEvent(
  'consent',
  {
    state: oneOf('granted', 'withdrawn'),
    scopes: Type.Array(oneOf(...CONSENT_SCOPES), { minItems: 1, maxItems: CONSENT_SCOPES.length, uniqueItems: true }),
  },
  'The member granted or withdrew consent for the listed scopes.',
);

export const CollectorGapEventSchema = clientEvent(
  'collector-gap',
  {
    /** Messages the collector dropped, oldest first, when its buffer filled during an outage. */
    droppedMessages: Type.Integer({ minimum: 1 }),
    /** Event times of the first and last dropped message. */
    from: EpochMsSchema,
    to: EpochMsSchema,
  },
  'The collector could not deliver for a while and its bounded buffer overflowed: data in [from, to] is incomplete.',
);

export const ClientEventMessageSchema = Type.Union(
  [
    VisibilityEventSchema,
    FocusEventSchema,
    MicEventSchema,
    CameraEventSchema,
    DeviceChangeEventSchema,
    IceStateEventSchema,
    ConnectionStateEventSchema,
    PrivacyPauseEventSchema,
    VoiceDetectionEventSchema,
    ConsentEventSchema,
    CollectorGapEventSchema,
  ],
  { title: 'ClientEvent', discriminator: { propertyName: 'type' } },
);

export type ClientEventMessage = Static<typeof ClientEventMessageSchema>;
export type ClientEventType = ClientEventMessage['type'];
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
