import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from './domain/error-codes.js';
import type { Logger } from './logger.js';

/** A coded error in the GraphQL response shape, for answers given before GraphQL runs. */
export const codedBody = (code: ErrorCode, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * How long a refusal that costs the server nothing (a rate limit, the penalty box, a full queue) is
 * held before it is answered: answered at once, a client that ignores Retry-After would turn it into
 * a busy loop of thousands of refusals a second. Held, it costs a timer and an open socket.
 */
export const REFUSAL_HOLD_MS = 1_000;

/**
 * Answers 429 RATE_LIMITED after REFUSAL_HOLD_MS, or sooner when the client may try again sooner,
 * unless the client has gone; Retry-After counts from the answer.
 */
export function rateLimitedLater(res: Response, retryAfterMs: number, message: string): void {
  const holdMs = Math.min(REFUSAL_HOLD_MS, retryAfterMs);
  const timer = setTimeout(() => {
    if (res.headersSent || res.destroyed) return;
    res.setHeader('retry-after', String(Math.max(1, Math.ceil((retryAfterMs - holdMs) / 1000))));
    res.status(429).json(codedBody(ErrorCode.RATE_LIMITED, message));
  }, holdMs);
  res.once('close', () => clearTimeout(timer));
}

/**
 * Errors raised before GraphQL runs (malformed JSON, an oversized body) answered in the GraphQL
 * error shape with a code, never express's HTML page with a stack trace. The unexpected ones go to
 * the application's log.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    // Answered already (the request timed out and its abandoned work failed afterwards): nothing to say.
    if (res.headersSent) return;
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.too.large') {
      res.status(413).json(codedBody(ErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit (${error.limit} bytes).`));
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json(codedBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
    } else if (status >= 400 && status < 500) {
      res.status(status).json(codedBody(ErrorCode.BAD_REQUEST, 'The request could not be read.'));
    } else {
      log.error({ err: error }, 'unexpected HTTP error');
      res.status(500).json(codedBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
    }
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(codedBody(ErrorCode.NOT_FOUND, `No route ${req.method} ${req.path}; GraphQL is at /graphql.`));
};
