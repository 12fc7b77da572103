import { EnvelopeSchema } from '@attune/protocol';

/** The HTTP batch body as plain JSON Schema for OpenAPI (TypeBox's symbol keys stripped). */
export const IngestBatchSchema: Record<string, unknown> = JSON.parse(
  JSON.stringify({
    type: 'object',
    required: ['envelopes'],
    additionalProperties: false,
    properties: {
      envelopes: {
        type: 'array',
        items: EnvelopeSchema,
        description: 'Envelopes of one participant, in seq order. See docs/protocol.md.',
      },
    },
  }),
) as Record<string, unknown>;
