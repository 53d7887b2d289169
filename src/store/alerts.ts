import type { Db } from './db.ts';
import { toIso } from './timestamps.ts';

/**
 * The alerts table. Detection upserts a run's alerts in one statement per
 * batch; an analyst's status survives re-runs. Reads return raw rows: the
 * detect service decides with the policy module which of them a viewer sees.
 */
export interface AlertRow {
  id: string;
  indicator: string;
  score: number;
  subjects: unknown;
  subject_ids: string[];
  window_start: string;
  window_end: string;
  evidence: unknown;
  classes: Array<{ dataset: string; agency: string; marking: string; schema: string }>;
  explanation: string;
  details: Record<string, unknown>;
  params: Record<string, unknown>;
  marking: string;
  status: string;
  first_seen: string;
  last_seen: string;
}

export type NewAlertRow = Omit<AlertRow, 'status' | 'first_seen' | 'last_seen'>;

/** Alerts per upsert statement. */
const UPSERT_BATCH = 1000;

export interface AlertQuery {
  /** Exact code, or a prefix ending in `.*` (`maritime.*`). */
  indicator?: string;
  /** An id or identifier among the subjects' (entity id, IMO, MMSI, account…). */
  subject?: string;
  /** Any of these among the subjects' ids and identifiers (a vessel's entity ids, MMSIs and IMO numbers). */
  subjects?: string[];
  status?: string;
  /** Alerts whose window ends at or after `since` and starts before `until`. */
  since?: string;
  until?: string;
  minScore?: number;
}

const COLUMNS = [
  'id',
  'indicator',
  'score',
  'subjects',
  'subject_ids',
  'window_start',
  'window_end',
  'evidence',
  'classes',
  'explanation',
  'details',
  'params',
  'marking',
  'status',
  'first_seen',
  'last_seen',
];

export class AlertRepository {
  constructor(private readonly db: Db) {}

  /**
   * Insert or update alerts by id; `now` is first_seen for new ones and
   * last_seen for all. Returns how many were new, and every row as stored.
   * The rows are built from what was written, with the status and dates the
   * table returns, rather than read back: reading back a large run's alerts
   * and their evidence took seconds. Their JSON fields are what JSON gives back
   * (undefined members dropped), as a read would give them. Two batches are in
   * flight at once: the server stores one while this thread prepares the next.
   */
  async upsert(rows: NewAlertRow[], now: string): Promise<{ created: number; stored: AlertRow[] }> {
    const stored: AlertRow[] = new Array(rows.length);
    let created = 0;
    const batch = async (start: number): Promise<void> => {
      const chunk = rows.slice(start, start + UPSERT_BATCH);
      // One JSON document per batch: the server reads it with jsonb_to_recordset. Sent as text arrays instead,
      // every JSON field was escaped into an array literal here and unescaped and parsed again there, which
      // took most of the time to store a large run (147,119 alerts into PostgreSQL: 15 s as arrays, 8 s so).
      const text = JSON.stringify(chunk.map(({ id, indicator, score, subjects, subject_ids, window_start, window_end, evidence, classes, explanation, details, params, marking }) => ({
        id, indicator, score, subjects, subject_ids, window_start, window_end, evidence, classes, explanation, details, params, marking,
      })));
      const result = await this.db.query<{ id: string; inserted: boolean; status: string; first_seen: unknown; last_seen: unknown }>(
        `INSERT INTO alerts (id, indicator, score, subjects, subject_ids, window_start, window_end, evidence, classes, explanation, details, params, marking, first_seen, last_seen)
         SELECT a.id, a.indicator, a.score, a.subjects, ARRAY(SELECT jsonb_array_elements_text(a.subject_ids)), a.window_start, a.window_end,
                a.evidence, a.classes, a.explanation, a.details, a.params, a.marking, $2::timestamptz, $2::timestamptz
         FROM jsonb_to_recordset($1::jsonb)
           AS a(id text, indicator text, score float8, subjects jsonb, subject_ids jsonb, window_start timestamptz, window_end timestamptz,
                evidence jsonb, classes jsonb, explanation text, details jsonb, params jsonb, marking text)
         ON CONFLICT (id) DO UPDATE SET score = EXCLUDED.score, subjects = EXCLUDED.subjects, subject_ids = EXCLUDED.subject_ids,
           window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end, evidence = EXCLUDED.evidence, classes = EXCLUDED.classes,
           explanation = EXCLUDED.explanation, details = EXCLUDED.details, params = EXCLUDED.params, marking = EXCLUDED.marking, last_seen = EXCLUDED.last_seen
         RETURNING id, (xmax = 0) AS inserted, status, first_seen, last_seen`,
        [text, now],
      );
      const back = new Map(result.map((r) => [r.id, r]));
      // What was written, as JSON gives it back (undefined members dropped), with what the table returned.
      const written = JSON.parse(text) as NewAlertRow[];
      written.forEach((r, i) => {
        const got = back.get(r.id)!;
        if (got.inserted) created++;
        stored[start + i] = normalise({ ...r, status: got.status, first_seen: got.first_seen as string, last_seen: got.last_seen as string });
      });
    };
    let inFlight: Promise<void> | null = null;
    for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
      const next = batch(start);
      // A failed batch surfaces when it is awaited, not as an unhandled rejection meanwhile.
      next.catch(() => undefined);
      if (inFlight) await inFlight;
      inFlight = next;
    }
    if (inFlight) await inFlight;
    return { created, stored };
  }

  /** Alerts matching the query, best score first (then newest window, then id): the caller filters by policy and pages. */
  async find(q: AlertQuery): Promise<AlertRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (q.indicator !== undefined) {
      if (q.indicator.endsWith('.*')) add((n) => `starts_with(indicator, $${n})`, q.indicator.slice(0, -1));
      else add((n) => `indicator = $${n}`, q.indicator);
    }
    if (q.subject !== undefined) add((n) => `subject_ids @> ARRAY[$${n}::text]`, q.subject);
    if (q.subjects !== undefined) add((n) => `subject_ids && $${n}::text[]`, q.subjects);
    if (q.status !== undefined) add((n) => `status = $${n}`, q.status);
    if (q.since !== undefined) add((n) => `window_end >= $${n}::timestamptz`, q.since);
    if (q.until !== undefined) add((n) => `window_start < $${n}::timestamptz`, q.until);
    if (q.minScore !== undefined) add((n) => `score >= $${n}`, q.minScore);
    const rows = await this.db.query<AlertRow>(
      `SELECT ${COLUMNS.join(', ')} FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY score DESC, window_start DESC, id`,
      params,
    );
    return rows.map(normalise);
  }

  async get(id: string): Promise<AlertRow | null> {
    const rows = await this.db.query<AlertRow>(`SELECT ${COLUMNS.join(', ')} FROM alerts WHERE id = $1`, [id]);
    return rows[0] ? normalise(rows[0]) : null;
  }

  async setStatus(id: string, status: string): Promise<void> {
    await this.db.query(`UPDATE alerts SET status = $2 WHERE id = $1`, [id, status]);
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM alerts`);
    return Number(rows[0]!.n);
  }
}

function normalise(r: AlertRow): AlertRow {
  return {
    ...r,
    score: Number(r.score),
    window_start: toIso(r.window_start),
    window_end: toIso(r.window_end),
    first_seen: toIso(r.first_seen),
    last_seen: toIso(r.last_seen),
  };
}
