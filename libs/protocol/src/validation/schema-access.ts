import type { TSchema } from '@sinclair/typebox';

// TypeBox types schema keywords as `any`; these read them as `unknown` and check before use.

export function keywordOf(schema: TSchema, keyword: string): unknown {
  const value: unknown = schema[keyword];
  return value;
}

/** The members of a union (`anyOf`), or undefined for any other schema. */
export function unionMembersOf(schema: TSchema): TSchema[] | undefined {
  const members = keywordOf(schema, 'anyOf');
  return Array.isArray(members) ? members.filter(isSchema) : undefined;
}

/**
 * The constant a variant holds in its discriminant property (`kind`, `type`); for a nested
 * union (client-event), the constant all its members share.
 */
export function discriminantOf(variant: TSchema, propertyName: string): unknown {
  const members = unionMembersOf(variant);
  if (members) {
    const constants = new Set(members.map((member) => discriminantOf(member, propertyName)));
    return constants.size === 1 ? [...constants][0] : undefined;
  }
  const properties = keywordOf(variant, 'properties');
  if (!isSchemaRecord(properties)) return undefined;
  const property = properties[propertyName];
  return property === undefined ? undefined : keywordOf(property, 'const');
}

function isSchema(value: unknown): value is TSchema {
  return typeof value === 'object' && value !== null;
}

function isSchemaRecord(value: unknown): value is Record<string, TSchema | undefined> {
  return typeof value === 'object' && value !== null;
}
