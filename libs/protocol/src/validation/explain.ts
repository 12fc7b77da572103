import type { TSchema } from '@sinclair/typebox';
import { Errors, ValueErrorType } from '@sinclair/typebox/errors';
import { PROTOCOL_LIMITS } from '../limits';
import type { ValidationIssue } from '../transport';
import { describeError, jsonTypeOf } from './describe-error';
import { discriminantOf, keywordOf, unionMembersOf } from './schema-access';

/**
 * Turns a failed check into precise issues. A plain union only knows "no branch matched", so
 * unions that carry an OpenAPI `discriminator` are explained through the branch their
 * discriminant names; that is what turns noise into "/stats/3/packetsLost: expected number".
 */
export function explain(
  schema: TSchema,
  value: unknown,
  path: string,
  limit: number = PROTOCOL_LIMITS.maxIssuesPerMessage,
): ValidationIssue[] {
  const propertyName = discriminatorOf(schema);
  if (propertyName !== undefined) return explainDiscriminated(schema, propertyName, value, path, limit);

  const issues: ValidationIssue[] = [];
  const reportedPaths = new Set<string>();
  for (const error of Errors(schema, value)) {
    // An intersection reports itself, then the member that failed: the member says more.
    if (error.type === ValueErrorType.Intersect) continue;
    const errorPath = path + error.path;
    // TypeBox reports a missing property twice (missing, then "expected X"): keep the first.
    if (reportedPaths.has(errorPath)) continue;
    reportedPaths.add(errorPath);
    if (error.type === ValueErrorType.Union && discriminatorOf(error.schema) !== undefined) {
      issues.push(...explain(error.schema, error.value, errorPath, limit - issues.length));
    } else {
      issues.push({ path: errorPath, reason: describeError(error) });
    }
    if (issues.length >= limit) break;
  }
  return issues;
}

function discriminatorOf(schema: TSchema): string | undefined {
  const discriminator = keywordOf(schema, 'discriminator');
  if (typeof discriminator !== 'object' || discriminator === null) return undefined;
  const propertyName: unknown = (discriminator as { propertyName?: unknown }).propertyName;
  return typeof propertyName === 'string' ? propertyName : undefined;
}

function explainDiscriminated(
  union: TSchema,
  propertyName: string,
  value: unknown,
  path: string,
  limit: number,
): ValidationIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, reason: `expected object, got ${jsonTypeOf(value)}` }];
  }
  const variants = unionMembersOf(union) ?? [];
  const tagged = variants.filter((variant) => discriminantOf(variant, propertyName) !== undefined);
  // A variant without a constant tag takes every other tag (stats of types not listed).
  const fallback = variants.find((variant) => discriminantOf(variant, propertyName) === undefined);
  const tag: unknown = (value as Record<string, unknown>)[propertyName];
  const match = tagged.find((variant) => discriminantOf(variant, propertyName) === tag);
  if (match) return explain(match, value, path, limit);
  if (fallback) return explain(fallback, value, path, limit);

  const tagPath = `${path}/${propertyName}`;
  const expected = `expected one of: ${tagged.map((variant) => String(discriminantOf(variant, propertyName))).join(', ')}`;
  if (tag === undefined) return [{ path: tagPath, reason: `required property missing (${expected})` }];
  if (typeof tag !== 'string')
    return [{ path: tagPath, reason: `expected string, got ${jsonTypeOf(tag)} (${expected})` }];
  return [{ path: tagPath, reason: `unknown ${nounOf(union)} ${propertyName} ${quoteBounded(tag)} (${expected})` }];
}

/** "ClientEvent" → "client event", so a reason reads "unknown client event type …". */
function nounOf(union: TSchema): string {
  const title = keywordOf(union, 'title');
  if (typeof title !== 'string') return 'variant';
  return title.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Echoes a client's string only in bounded form: reasons end up in logs. */
function quoteBounded(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
