/**
 * Every `extensions.code` Crosswalk itself answers with (README, "Conventions for integrators"),
 * whichever layer detects the fault: GraphQL errors, HTTP errors before GraphQL runs, store
 * outages. The CLI maps them to exit codes. Apollo's own codes (GRAPHQL_PARSE_FAILED, ...) are
 * Apollo's list, not repeated here.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  OPERATION_NOT_TRUSTED: 'OPERATION_NOT_TRUSTED',
  /** A `documentId` the trusted-documents manifest does not hold (or no manifest is configured). */
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** A connection's `after` is malformed, another connection's, or names a row that is gone (`reason` says which). */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** No valid API key: malformed, unknown or revoked (one answer for the last two, so keys cannot be probed). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A valid key whose role may not do what was asked (src/domain/access.ts). */
  FORBIDDEN: 'FORBIDDEN',
  /** An API key made more requests than its rate allows; `Retry-After` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The embedded data directory is held by another process (start-up and CLI only). */
  DATA_DIRECTORY_LOCKED: 'DATA_DIRECTORY_LOCKED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
