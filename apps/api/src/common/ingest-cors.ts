import type { NextFunction, Request, Response } from 'express';

const INGEST_PATH = /^\/api\/v1\/sessions\/[^/]+\/ingest\/?$/;

/**
 * The collector runs inside a video app served from its own origin, so the HTTP ingest
 * fallback must answer cross-origin requests, errors included (the collector reads the 400
 * body to learn which message was wrong). Any origin may call it: a request carries its
 * participant token in the Authorization header, never a cookie, so a foreign page can only
 * send data for a token it already holds. Other endpoints stay same-origin.
 */
export function ingestCors(request: Request, response: Response, next: NextFunction): void {
  if (!INGEST_PATH.test(request.path)) {
    next();
    return;
  }
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
    return;
  }
  next();
}
