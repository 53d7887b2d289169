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
