import type { TSchema } from '@sinclair/typebox';
import { EXAMPLE_STATS_MESSAGE } from './examples';
import {
  ClientEventMessageSchema,
  DEFAULT_FACILITATOR_CODES,
  EnvelopeSchema,
  FACILITATOR_CODE_PATTERN,
  IngestAckSchema,
  isFacilitatorCodeAllowed,
  isStatsOfType,
  KNOWN_STATS_SCHEMAS,
  MessageSchema,
  withoutSensitiveFields,
  type RtcStats,
} from './index';

describe('JSON Schemas', () => {
  it('are plain JSON, ready for OpenAPI', () => {
    const json = JSON.parse(JSON.stringify(EnvelopeSchema)) as {
      properties: Record<string, unknown> & { messages: { items: { discriminator: unknown } } };
    };

    expect(Object.keys(json.properties)).toEqual(['v', 'sessionId', 'participantId', 'seq', 'sentAt', 'messages']);
    expect(json.properties.v).toEqual({ const: 1, type: 'number' });
    expect(json.properties.messages.items.discriminator).toEqual({ propertyName: 'kind' });
    expect((JSON.parse(JSON.stringify(IngestAckSchema)) as { required: string[] }).required).toEqual([
      'seq',
      'status',
      'accepted',
      'rejected',
    ]);
  });

  it('keep unknown fields on stats objects and reject them on our own messages', () => {
    expect(KNOWN_STATS_SCHEMAS.every((schema) => schema.additionalProperties === true)).toBe(true);
    const messageSchemas: TSchema[] = [...MessageSchema.anyOf, ...ClientEventMessageSchema.anyOf].filter(
      (schema) => schema !== ClientEventMessageSchema,
    );
    expect(messageSchemas.map((schema): unknown => schema.additionalProperties)).toEqual(
      messageSchemas.map(() => false),
    );
  });
});

describe(isFacilitatorCodeAllowed.name, () => {
  it('knows the default codes, which all have the shape the schema accepts', () => {
    const pattern = new RegExp(FACILITATOR_CODE_PATTERN);

    expect(DEFAULT_FACILITATOR_CODES.filter((code) => !pattern.test(code))).toEqual([]);
    expect(DEFAULT_FACILITATOR_CODES.every((code) => isFacilitatorCodeAllowed(code))).toBe(true);
    expect(isFacilitatorCodeAllowed('breakout-room')).toBe(false);
  });

  it('checks against a configured list or set', () => {
    expect(isFacilitatorCodeAllowed('breakout-room', ['breakout-room'])).toBe(true);
    expect(isFacilitatorCodeAllowed('phone', new Set(['breakout-room']))).toBe(false);
  });
});

describe(isStatsOfType.name, () => {
  it('narrows a stats object by its type', () => {
    const stats: RtcStats = EXAMPLE_STATS_MESSAGE.stats[6];

    expect(isStatsOfType(stats, 'inbound-rtp') && stats.packetsLost).toBe(27);
    expect(isStatsOfType(stats, 'outbound-rtp')).toBe(false);
  });
});

describe(withoutSensitiveFields.name, () => {
  it('drops addresses, ports, URLs and ICE credentials, leaving the input untouched', () => {
    const candidate: RtcStats = {
      type: 'local-candidate',
      id: 'I1',
      timestamp: 1,
      candidateType: 'relay',
      address: '192.0.2.7',
      ip: '192.0.2.7',
      port: 50000,
      url: 'turn:turn.example.org',
      usernameFragment: 'abcd',
    };

    expect(withoutSensitiveFields(candidate)).toEqual({
      type: 'local-candidate',
      id: 'I1',
      timestamp: 1,
      candidateType: 'relay',
    });
    expect(candidate.address).toBe('192.0.2.7');
  });

  it('returns objects without such fields as they are', () => {
    const codec = EXAMPLE_STATS_MESSAGE.stats[11];

    expect(withoutSensitiveFields(codec)).toBe(codec);
  });
});
