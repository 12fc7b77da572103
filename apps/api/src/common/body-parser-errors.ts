import type { NextFunction, Request, Response } from 'express';
import { parseEnvelopeJson } from '@attune/protocol';
import { DomainError, ErrorDetail } from './domain-error';

interface BodyParserError {
  type: string;
  /** The raw body, for parse errors. */
  body?: string;
  limit?: number;
  length?: number;
  message: string;
}

function isBodyParserError(value: unknown): value is BodyParserError {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Express error middleware placed right after the JSON body parser: it turns the parser's
 * errors into domain errors with a path and reason before Nest would reduce them to a bare
 * message.
 */
export function bodyParserErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  switch (error.type) {
    case 'entity.parse.failed':
      return next(
        new DomainError('invalid-input', 'The request body is not valid JSON', [malformedJsonIssue(error.body)]),
      );
    case 'entity.too.large':
      return next(
        new DomainError(
          'payload-too-large',
          `The request body has ${error.length ?? 'more than the limit of'} bytes; the limit is ${error.limit ?? '?'} bytes`,
        ),
      );
    default:
      return next(error);
  }
}

/** Reparses the body for a reason that names the position without quoting the body back. */
function malformedJsonIssue(body: string | undefined): ErrorDetail {
  const parsed = body === undefined ? undefined : parseEnvelopeJson(body);
  return parsed && !parsed.ok ? parsed.issue : { path: '', reason: 'malformed JSON' };
}
