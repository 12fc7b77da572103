import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { FACILITATOR_CODE_PATTERN } from '../schema/facilitator-event';
import { UUID_PATTERN } from '../schema/primitives';
import { keywordOf, unionMembersOf } from './schema-access';

const PATTERN_REASONS: ReadonlyMap<unknown, string> = new Map([
  [UUID_PATTERN, 'must be a UUID'],
  [FACILITATOR_CODE_PATTERN, 'must be a code of lowercase letters, digits and "-", starting with a letter (1–40)'],
]);

/** Names a value's JSON type without echoing its content (issues may be logged). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'infinite number';
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/** Numbers and booleans are safe to show; strings are named by type only. */
function shown(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' || value === null ? String(value) : jsonTypeOf(value);
}

function lengthOf(value: unknown): string {
  return typeof value === 'string' || Array.isArray(value) ? String(value.length) : '?';
}

type Describe = (schema: TSchema, value: unknown) => string;

const expected =
  (what: string): Describe =>
  (_schema, value) =>
    `expected ${what}, got ${jsonTypeOf(value)}`;

const bound =
  (comparison: string, keyword: string): Describe =>
  (schema, value) =>
    `must be ${comparison} ${String(keywordOf(schema, keyword))} (got ${shown(value)})`;

function oneOfConstants(schema: TSchema): string {
  const constants = (unionMembersOf(schema) ?? []).map((member) => keywordOf(member, 'const'));
  if (constants.length === 0 || constants.includes(undefined)) return 'matches none of the allowed shapes';
  return `must be one of: ${constants.map((constant) => JSON.stringify(constant)).join(', ')}`;
}

/** Error types the protocol's schemas can produce; any other falls back to TypeBox's message. */
const DESCRIBE: Partial<Record<ValueErrorType, Describe>> = {
  [ValueErrorType.ObjectRequiredProperty]: () => 'required property missing',
  [ValueErrorType.ObjectAdditionalProperties]: () => 'unknown property (not part of protocol v1)',
  [ValueErrorType.Object]: expected('object'),
  [ValueErrorType.Array]: expected('array'),
  [ValueErrorType.String]: expected('string'),
  [ValueErrorType.Boolean]: expected('boolean'),
  [ValueErrorType.Number]: expected('finite number'),
  [ValueErrorType.Integer]: expected('integer'),
  [ValueErrorType.Null]: expected('null'),
  [ValueErrorType.NumberMinimum]: bound('>=', 'minimum'),
  [ValueErrorType.IntegerMinimum]: bound('>=', 'minimum'),
  [ValueErrorType.NumberExclusiveMinimum]: bound('>', 'exclusiveMinimum'),
  [ValueErrorType.IntegerExclusiveMinimum]: bound('>', 'exclusiveMinimum'),
  [ValueErrorType.NumberMaximum]: bound('<=', 'maximum'),
  [ValueErrorType.IntegerMaximum]: bound('<=', 'maximum'),
  [ValueErrorType.NumberExclusiveMaximum]: bound('<', 'exclusiveMaximum'),
  [ValueErrorType.IntegerExclusiveMaximum]: bound('<', 'exclusiveMaximum'),
  [ValueErrorType.StringMinLength]: (schema) => {
    const minLength = keywordOf(schema, 'minLength');
    return minLength === 1 ? 'must not be empty' : `must be at least ${String(minLength)} characters long`;
  },
  [ValueErrorType.StringMaxLength]: (schema, value) =>
    `must be at most ${String(keywordOf(schema, 'maxLength'))} characters long (got ${lengthOf(value)})`,
  [ValueErrorType.StringPattern]: (schema) => {
    const pattern = keywordOf(schema, 'pattern');
    return PATTERN_REASONS.get(pattern) ?? `must match the pattern ${String(pattern)}`;
  },
  [ValueErrorType.ArrayMinItems]: (schema) => {
    const minItems = keywordOf(schema, 'minItems');
    return `must have at least ${String(minItems)} item${minItems === 1 ? '' : 's'}`;
  },
  [ValueErrorType.ArrayMaxItems]: (schema, value) =>
    `must have at most ${String(keywordOf(schema, 'maxItems'))} items (got ${lengthOf(value)})`,
  [ValueErrorType.ArrayUniqueItems]: () => 'must not contain duplicates',
  [ValueErrorType.ObjectMaxProperties]: (schema) =>
    `must have at most ${String(keywordOf(schema, 'maxProperties'))} properties`,
  [ValueErrorType.Literal]: (schema, value) =>
    `must be ${JSON.stringify(keywordOf(schema, 'const'))} (got ${shown(value)})`,
  [ValueErrorType.Union]: (schema) => oneOfConstants(schema),
};

/** One clear sentence for a TypeBox error, in place of its terse default message. */
export function describeError(error: ValueError): string {
  // Optional properties set to undefined are skipped, so below the root this means "missing".
  if (error.value === undefined && error.path !== '') return 'required property missing';
  const describe = DESCRIBE[error.type];
  return describe ? describe(error.schema, error.value) : error.message;
}
