import type { ValidationIssue } from '../transport';
import { checkEnvelope, type CheckEnvelopeOptions, type EnvelopeCheck } from './check-envelope';
import { findJsonSyntaxError } from './json-syntax-error';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

/**
 * JSON.parse that answers malformed input with a ValidationIssue at the root (path "") whose
 * reason names the position, line and column, and never quotes the input back.
 */
export function parseEnvelopeJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, issue: { path: '', reason: malformedJsonReason(text, error) } };
  }
}

/** parseEnvelopeJson then checkEnvelope: what an ingest transport receiving text frames needs. */
export function checkEnvelopeJson(text: string, options?: CheckEnvelopeOptions): EnvelopeCheck {
  const parsed = parseEnvelopeJson(text);
  if (parsed.ok) return checkEnvelope(parsed.value, options);
  return { ok: false, envelopeIssues: [parsed.issue], accepted: [], rejected: [] };
}

function malformedJsonReason(text: string, error: unknown): string {
  const found = findJsonSyntaxError(text);
  if (found) {
    const { line, column } = lineAndColumn(text, found.position);
    return `malformed JSON at position ${found.position} (line ${line}, column ${column}): ${found.problem}`;
  }
  // Not expected: JSON.parse and the scanner agree on the grammar. V8 may quote the input after a comma.
  const message = error instanceof Error ? error.message.split(', "')[0] : 'unparseable';
  return `malformed JSON: ${message}`;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < position; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}
