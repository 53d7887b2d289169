/** JSON-schema pieces shared by routes. */

/** `limit` and `offset` query parameters of a paginated list. */
export function pageParams(defaultLimit: number, maxLimit: number) {
  return {
    limit: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
    offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
  } as const;
}

/** `total`, `limit` and `offset` in a paginated response. */
export const PAGE_FIELDS = { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } } as const;

/** The error answers a governed route may give, each `{code, message, details}`. */
export const ERROR_RESPONSES = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  403: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
  409: { $ref: 'Error#' },
  429: { $ref: 'Error#' },
} as const;
