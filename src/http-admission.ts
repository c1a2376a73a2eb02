import type { Request, RequestHandler, Response } from 'express';
import type { FairQueue } from './admission/fair-queue.js';
import type { PenaltyBox } from './admission/penalty-box.js';
import type { Logger } from './logger.js';
import type { Caller } from './domain/access.js';
import { rateLimitedLater } from './http-errors.js';

/**
 * Who a request counts against for fairness: its API key, else its address (`req.ip`, which follows
 * CROSSWALK_TRUST_PROXY when the API sits behind a proxy that says who the client is).
 */
export function clientIdOf(req: Request, res: Response): string {
  const caller = res.locals.caller as Caller | undefined;
  return caller?.kind === 'key' ? `key:${caller.keyId}` : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * Runs a GraphQL request only once the fair queue gives it a slot (src/admission/fair-queue.ts).
 * It sits before the body is read: a client in the penalty box (src/admission/penalty-box.ts) or over
 * its queue is refused for the price of its headers (429 RATE_LIMITED with Retry-After, held a moment:
 * `rateLimitedLater`), and a waiting body stays in the socket until its turn. The slot is given back
 * once the answer is complete (at `res.end`: a client that reads slowly must not hold a slot while its
 * socket drains), or when the request times out or its client hangs up. An answer refusing the
 * request for the client's fault (4xx: too costly, malformed, over a limit) counts against it in the
 * box; the refusal that puts a client in the box is logged (its id: an address or a key id, never a key).
 */
export function fairAdmission(queue: FairQueue, box: PenaltyBox, log: Logger): RequestHandler {
  return (req, res, next) => {
    const clientId = clientIdOf(req, res);
    const boxedForMs = box.boxedForMs(clientId);
    if (boxedForMs > 0) {
      rateLimitedLater(res, boxedForMs, 'Too many of this client\'s requests were refused lately (too costly, malformed or over a limit); it is served again once Retry-After has passed.');
      return;
    }
    const ticket = queue.enter(clientId);
    if (!ticket) {
      rateLimitedLater(res, 1_000, 'This client already has as many requests waiting as it may; wait for their answers before sending more.');
      return;
    }
    let over = false;
    const leave = () => {
      over = true;
      ticket.leave();
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (!over && res.statusCode >= 400 && res.statusCode < 500 && box.refused(clientId)) {
        log.warn({ client: clientId, status: res.statusCode, boxedForMs: Math.round(box.boxedForMs(clientId)) }, 'client refused too often: its requests are refused until Retry-After');
      }
      leave();
      return end(...args);
    }) as Response['end'];
    res.once('close', leave);
    void ticket.granted.then(() => {
      if (!over) next();
    });
  };
}
