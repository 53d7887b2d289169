/**
 * Whether a Sanction is in force on `asOf` (YYYY-MM-DD): it has no end date,
 * or its latest one comes after that day. Delisting gives a lifted Sanction an
 * end date and keeps its history; what it named is no longer designated by it.
 * Ownership, detection and screening all decide designation by this one rule.
 */
export function sanctionInForce(rows: ReadonlyArray<{ prop: string; value: string }>, asOf: string): boolean {
  let latest: string | null = null;
  for (const r of rows) if (r.prop === 'endDate' && (latest === null || r.value > latest)) latest = r.value;
  return latest === null || latest.slice(0, 10) > asOf;
}
