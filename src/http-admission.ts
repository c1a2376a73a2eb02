import type { Request, RequestHandler, Response } from 'express';
import type { FairQueue } from './admission/fair-queue.js';
import type { Caller } from './domain/access.js';
import { ErrorCode } from './domain/error-codes.js';
import { codedBody } from './http-errors.js';

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
 * It sits before the body is read: a client over its queue is refused for the price of its headers
 * (429 RATE_LIMITED, Retry-After), and a waiting body stays in the socket until its turn. The slot
 * is given back once the answer is complete (at `res.end`: a client that reads slowly must not hold
 * a slot while its socket drains), or when the request times out or its client hangs up.
 */
export function fairAdmission(queue: FairQueue): RequestHandler {
  return (req, res, next) => {
    const ticket = queue.enter(clientIdOf(req, res));
    if (!ticket) {
      res.setHeader('retry-after', '1');
      res.status(429).json(codedBody(ErrorCode.RATE_LIMITED, 'This client already has as many requests waiting as it may; wait for their answers before sending more.'));
      return;
    }
    let over = false;
    const leave = () => {
      over = true;
      ticket.leave();
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      leave();
      return end(...args);
    }) as Response['end'];
    res.once('close', leave);
    void ticket.granted.then(() => {
      if (!over) next();
    });
  };
}
