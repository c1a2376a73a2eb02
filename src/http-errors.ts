import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * Errors raised before GraphQL runs (malformed JSON, an oversized body) answered in the GraphQL
 * error shape with a code, never express's HTML page with a stack trace.
 */
export const httpErrorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const status = typeof error?.status === 'number' ? error.status : 500;
  const body = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });
  if (error?.type === 'entity.too.large') {
    res.status(413).json(body('PAYLOAD_TOO_LARGE', `The request body is larger than the limit (${error.limit} bytes).`));
  } else if (error?.type === 'entity.parse.failed') {
    res.status(400).json(body('BAD_REQUEST', 'The request body is not valid JSON.'));
  } else if (status >= 400 && status < 500) {
    res.status(status).json(body('BAD_REQUEST', 'The request could not be read.'));
  } else {
    console.error(JSON.stringify({ level: 'error', message: 'unexpected HTTP error', error: String(error?.stack ?? error) }));
    res.status(500).json(body('INTERNAL_SERVER_ERROR', 'Internal server error'));
  }
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ errors: [{ message: `No route ${req.method} ${req.path}; GraphQL is at /graphql.`, extensions: { code: 'NOT_FOUND' } }] });
};
