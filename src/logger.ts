import pino, { type DestinationStream, type Logger } from 'pino';

/** Structured JSON logs. Variables, authorisation headers and passwords are never logged. */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'crosswalk' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', 'variables'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
