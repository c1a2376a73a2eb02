import type { RequestHandler } from 'express';
import { ANONYMOUS, AuthenticationError, type Caller } from './domain/access.js';
import { ErrorCode } from './domain/error-codes.js';
import { codedBody, rateLimitedLater } from './http-errors.js';

/**
 * Who is calling (issue #21), decided before anything else reads the request: the key in
 * `Authorization: Bearer <key>`, checked against the hashed keys, or anonymous. A malformed, unknown
 * or revoked key is a 401 with one message for the last two, so keys cannot be probed; the key
 * itself never reaches a log line or an answer.
 */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

export function authenticate(authenticator: Authenticator | null, requireKey: boolean): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    let caller: Caller = ANONYMOUS;
    try {
      if (header !== undefined && header.trim() !== '') {
        if (!authenticator) throw new AuthenticationError('this server keeps no API keys (it was started without a data directory)');
        caller = await authenticator.authenticate(header);
      }
    } catch (error) {
      if (!(error instanceof AuthenticationError)) return next(error);
      res.setHeader('www-authenticate', 'Bearer realm="crosswalk", error="invalid_token"');
      res.status(401).json(codedBody(ErrorCode.UNAUTHENTICATED, `The API key was refused: ${error.message}.`));
      return;
    }
    if (caller.kind === 'anonymous' && requireKey) {
      res.setHeader('www-authenticate', 'Bearer realm="crosswalk"');
      res.status(401).json(codedBody(ErrorCode.UNAUTHENTICATED, 'This server answers only requests with an API key: send "Authorization: Bearer <key>".'));
      return;
    }
    res.locals.caller = caller;
    next();
  };
}

/**
 * Per-key rate limit, a token bucket per key id: `perMinute` requests a minute on average, bursts of
 * a tenth of that (at least 10). One integrator's runaway loop then meets 429s while the others'
 * requests go on. Anonymous callers are not limited here (the query limits and the front proxy are).
 */
export function keyRateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const burst = Math.max(10, Math.ceil(perMinute / 10));
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (perMinute === 0 || !caller || caller.kind !== 'key') return next();
    const t = now();
    const bucket = buckets.get(caller.keyId) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 60_000) * perMinute);
    bucket.at = t;
    buckets.set(caller.keyId, bucket);
    if (bucket.tokens < 1) {
      // Held like every refusal that costs nothing, so a loop that ignores Retry-After is not a busy one.
      const waitMs = ((1 - bucket.tokens) / perMinute) * 60_000;
      rateLimitedLater(res, waitMs, `This API key made more than ${perMinute} requests a minute; try again once Retry-After has passed.`);
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
