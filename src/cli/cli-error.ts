import { ErrorCode } from '../domain/error-codes.js';

/** A usage error: bad input, answered on one line with exit code 2. */
export class CliError extends Error {
  readonly code = ErrorCode.BAD_USER_INPUT;
}
