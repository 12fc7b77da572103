import { Type, type Static } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../limits';
import { EpochMsSchema, UuidSchema } from './primitives';

/** The fixed taxonomy of PRODUCT.md; a server may configure more codes of the same shape. */
export const DEFAULT_FACILITATOR_CODES = [
  'shared',
  'responded-to-peer',
  'supportive',
  'withdrawn',
  'distracted',
  'phone',
  'other-person-present',
  'noise',
  'technical-issue',
  'arrived-late',
  'left-early',
  'crisis-check',
] as const;

export type DefaultFacilitatorCode = (typeof DEFAULT_FACILITATOR_CODES)[number];

/**
 * The schema checks only the shape of a code, because the list is server configuration:
 * a collector built against an older list must not break when an organisation adds a code.
 */
export const FACILITATOR_CODE_PATTERN = '^[a-z][a-z0-9-]{0,39}$';

export const FacilitatorEventMessageSchema = Type.Object(
  {
    kind: Type.Literal('facilitator-event'),
    at: EpochMsSchema,
    code: Type.String({ pattern: FACILITATOR_CODE_PATTERN }),
    /** The member the observation is about; absent means it concerns the whole session. */
    participantId: Type.Optional(UuidSchema),
    /** Off by default on the server: free text risks becoming clinical notes. */
    note: Type.Optional(Type.String({ minLength: 1, maxLength: PROTOCOL_LIMITS.maxFacilitatorNoteLength })),
  },
  {
    additionalProperties: false,
    title: 'FacilitatorEventMessage',
    description: 'A content-free observation the facilitator logged with one tap.',
  },
);

export type FacilitatorEventMessage = Static<typeof FacilitatorEventMessageSchema>;

/** Membership check against the server's configured code list (checkEnvelope runs it too). */
export function isFacilitatorCodeAllowed(
  code: string,
  allowedCodes: ReadonlySet<string> | readonly string[] = DEFAULT_FACILITATOR_CODES,
): boolean {
  return 'has' in allowedCodes ? allowedCodes.has(code) : allowedCodes.includes(code);
}
