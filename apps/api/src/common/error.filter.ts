import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, DomainErrorCode, ErrorDetail } from './domain-error';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  'not-found': HttpStatus.NOT_FOUND,
  'invalid-input': HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  'payload-too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
  [extra: string]: unknown;
}

/**
 * The one place where errors become HTTP answers: domain errors by their code, Nest's own
 * HTTP exceptions as they are (validation pipe), anything else as a sanitised
 * 500 logged once with an id the caller can quote.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (typeof body.retryAfterMs === 'number') {
      response.setHeader('Retry-After', Math.ceil(body.retryAfterMs / 1000).toString());
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      return {
        statusCode,
        error: exception.code,
        message: exception.message,
        ...(exception.details.length > 0 ? { details: exception.details } : {}),
        ...exception.extra,
      };
    }
    if (exception instanceof HttpException) {
      return fromHttpException(exception);
    }
    const errorId = randomUUID();
    // Only the error's class and stack: messages of unknown errors may echo user input.
    const stack = exception instanceof Error ? exception.stack : undefined;
    this.logger.error(`Unhandled error ${errorId}`, stack);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal',
      message: `Internal error; quote id ${errorId} when reporting it`,
    };
  }
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return { statusCode, error: codeForStatus(statusCode), message: response };
  }
  const { message } = response as { message?: unknown };
  // The validation pipe reports a list of sentences such as "displayName should not be empty".
  if (Array.isArray(message)) {
    return {
      statusCode,
      error: codeForStatus(statusCode),
      message: 'The request is invalid',
      details: message.map((reason) => ({ path: pathFromValidatorMessage(String(reason)), reason: String(reason) })),
    };
  }
  return {
    statusCode,
    error: codeForStatus(statusCode),
    message: typeof message === 'string' ? message : exception.message,
  };
}

/** class-validator sentences start with the property path ("facilitator.displayName must …"). */
function pathFromValidatorMessage(reason: string): string {
  const unknownProperty = /^property (\S+) should not exist$/.exec(reason);
  const property = unknownProperty?.[1] ?? reason.split(' ')[0] ?? '';
  return '/' + property.split('.').join('/');
}

function codeForStatus(status: number): string {
  const entry = Object.entries(STATUS_BY_CODE).find(([, value]) => value === status);
  return entry ? entry[0] : (HttpStatus[status]?.toLowerCase().replace(/_/g, '-') ?? 'error');
}
