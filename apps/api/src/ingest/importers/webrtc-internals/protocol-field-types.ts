import { KNOWN_STATS_SCHEMAS, parseEnvelopeJson } from '@attune/protocol';
import { isJsonObject, type JsonObject } from '../shared/json-values';

type JsonType = 'number' | 'string' | 'boolean' | 'object';

/** The JSON type the protocol expects for each typed field of each known stats type. */
const FIELD_TYPES: ReadonlyMap<string, ReadonlyMap<string, JsonType>> = new Map(
  KNOWN_STATS_SCHEMAS.map((schema) => [
    schema.properties.type.const,
    new Map(
      Object.entries<unknown>(schema.properties).flatMap(([field, fieldSchema]): [string, JsonType][] => {
        const declared = isJsonObject(fieldSchema) ? fieldSchema.type : undefined;
        return isJsonType(declared) ? [[field, declared]] : [];
      }),
    ),
  ]),
);

/**
 * webrtc-internals stores what it plotted: every value that looks like a number became one (a `mid`
 * of "0" is 0), booleans and nested objects may arrive as strings. This turns a field back into the
 * JSON type the protocol expects, where the conversion is unambiguous; anything else is left as it
 * is for the validator to judge.
 */
export function withProtocolFieldTypes(statsType: string, fields: JsonObject): JsonObject {
  const expected = FIELD_TYPES.get(statsType);
  if (!expected) return fields;
  const converted: JsonObject = {};
  for (const [field, value] of Object.entries(fields)) {
    const type = expected.get(field);
    converted[field] = type ? asType(type, value) : value;
  }
  return converted;
}

function asType(type: JsonType, value: unknown): unknown {
  switch (type) {
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'string':
      return typeof value === 'number' ? String(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'object': {
      if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return value;
      const parsed = parseEnvelopeJson(value);
      return parsed.ok && isJsonObject(parsed.value) ? parsed.value : value;
    }
  }
}

function isJsonType(value: unknown): value is JsonType {
  return value === 'number' || value === 'string' || value === 'boolean' || value === 'object';
}
