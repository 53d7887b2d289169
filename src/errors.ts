/**
 * The one error type of Sextant. Every failure a user can cause carries a stable
 * `code`; the HTTP layer maps it to a status and the CLI to an exit code, so that
 * no user ever sees a stack trace for bad input.
 */
export type ErrorCode =
  | 'bad_request' // a request or argument is malformed
  | 'validation_failed' // input parsed but violates a rule
  | 'unauthorized' // no valid credentials
  | 'forbidden' // authenticated, but the role or token scope does not allow it
  | 'too_many_requests' // rate limit or lock-out
  | 'not_found'
  | 'conflict'
  | 'unsupported_format'
  | 'io_error' // a file could not be read or written
  | 'config_invalid'
  | 'database_unavailable'
  | 'upstream_failed' // a remote source (list download) failed
  | 'payload_too_large'
  | 'internal';

const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  too_many_requests: 429,
  not_found: 404,
  conflict: 409,
  unsupported_format: 415,
  io_error: 500,
  config_invalid: 500,
  database_unavailable: 503,
  upstream_failed: 502,
  payload_too_large: 413,
  internal: 500,
};

/** CLI exit codes, documented in the README. */
export const EXIT = { ok: 0, error: 1, usage: 2, partial: 3 } as const;

export class SextantError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SextantError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  get exitCode(): number {
    return this.code === 'bad_request' ? EXIT.usage : EXIT.error;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details ?? {} };
  }
}

export function isSextantError(err: unknown): err is SextantError {
  return err instanceof SextantError;
}
