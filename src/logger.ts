import pino, { type Logger } from 'pino';

/** Structured JSON logs. Variables, authorisation headers and passwords are never logged. */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'crosswalk' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', 'variables'], censor: '[redacted]' },
  });
}

export type { Logger };
