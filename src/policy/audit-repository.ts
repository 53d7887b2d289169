import type { Db } from '../store/db.ts';

/**
 * All SQL for the audit log (`audit_log`, `audit_checkpoints`; see migration
 * 20261124090000_governance.sql). Parameterised SQL only. The service that keeps
 * the hash chain is AuditLog in audit.ts; this class neither hashes nor checks.
 */

/** A stored audit record as this repository reads and writes it. */
export interface AuditRow {
  seq: number;
  /** ISO 8601 UTC with millisecond precision (see AT_SQL). */
  at: string;
  actor: string;
  agency: string | null;
  action: string;
  purpose: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface CheckpointRow {
  seq: number;
  hash: string;
  at: string;
}

export interface AuditFilter {
  entity?: string;
  actor?: string;
  action?: string | string[];
  partner?: string;
  agency?: string;
  /** ISO instant, inclusive. */
  since?: string;
  /** ISO instant, exclusive. */
  until?: string;
  limit: number;
  offset: number;
}

/** Lock key serialising appends across processes on PostgreSQL (7300 is the migration lock). */
export const AUDIT_APPEND_LOCK = 7301;

/**
 * `at` as text in the exact form of Date.prototype.toISOString() whatever the
 * driver's type parsers do: UTC, microseconds (trimmed to milliseconds in
 * isoFromDb when the last three digits are zero, the only form the service
 * writes; anything finer is kept, so a tampered timestamp cannot hide in the
 * microseconds a JS Date would drop).
 */
const AT_SQL = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

const RECORD_COLUMNS = `seq, ${AT_SQL('at')} AS at, actor, agency, action, purpose, details, prev_hash, hash`;

interface RawRecord {
  seq: number | string | bigint;
  at: string;
  actor: string;
  agency: string | null;
  action: string;
  purpose: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export function isoFromDb(text: string): string {
  return /\.\d{3}000$/.test(text) ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

function toRow(r: RawRecord): AuditRow {
  return {
    seq: Number(r.seq),
    at: isoFromDb(r.at),
    actor: r.actor,
    agency: r.agency,
    action: r.action,
    purpose: r.purpose,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Take the cross-process append lock (PostgreSQL; held until the transaction ends). */
  async lockForAppend(): Promise<void> {
    if (this.db.kind === 'postgres') await this.db.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
  }

  /** The last record's seq and stored hash, or null when the log is empty. */
  async head(): Promise<{ seq: number; hash: string } | null> {
    const [row] = await this.db.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  /**
   * Insert chained records, and a checkpoint at each seq that is a multiple of
   * `checkpointEvery`, in one statement: one round trip, all or nothing. A
   * record whose seq is taken (another writer appended first) fails the whole
   * statement with unique_violation (23505).
   */
  async insert(rows: AuditRow[], checkpointEvery: number): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `WITH appended AS (
         INSERT INTO audit_log (seq, at, actor, agency, action, purpose, details, prev_hash, hash)
         SELECT s, a, ac, ag, act, p, d::jsonb, ph, h
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(s, a, ac, ag, act, p, d, ph, h)
         RETURNING seq, hash, at)
       INSERT INTO audit_checkpoints (seq, hash, at)
       SELECT seq, hash, at FROM appended WHERE seq % $10::bigint = 0
       ON CONFLICT (seq) DO NOTHING`,
      [
        rows.map((r) => r.seq),
        rows.map((r) => r.at),
        rows.map((r) => r.actor),
        rows.map((r) => r.agency),
        rows.map((r) => r.action),
        rows.map((r) => r.purpose),
        rows.map((r) => JSON.stringify(r.details)),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
        checkpointEvery,
      ],
    );
  }

  /** Record a checkpoint unless one exists at that seq; returns the stored checkpoint at seq. */
  async insertCheckpoint(cp: CheckpointRow): Promise<CheckpointRow> {
    await this.db.query('INSERT INTO audit_checkpoints (seq, hash, at) VALUES ($1, $2, $3::timestamptz) ON CONFLICT (seq) DO NOTHING', [
      cp.seq,
      cp.hash,
      cp.at,
    ]);
    const [row] = await this.db.query<{ seq: number | string; hash: string; at: string }>(
      `SELECT seq, hash, ${AT_SQL('at')} AS at FROM audit_checkpoints WHERE seq = $1`,
      [cp.seq],
    );
    return { seq: Number(row!.seq), hash: row!.hash, at: isoFromDb(row!.at) };
  }

  /** All checkpoints in seq order (one per `checkpointEvery` records: few). */
  async checkpoints(): Promise<Array<{ seq: number; hash: string }>> {
    const rows = await this.db.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_checkpoints ORDER BY seq');
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
  }

  /**
   * Records with seq > afterSeq (null: from the lowest seq, whatever it is) in
   * seq order, at most `limit` (keyset paging for verification).
   */
  async page(afterSeq: number | null, limit: number): Promise<AuditRow[]> {
    const rows =
      afterSeq === null
        ? await this.db.query<RawRecord>(`SELECT ${RECORD_COLUMNS} FROM audit_log ORDER BY seq LIMIT $1`, [limit])
        : await this.db.query<RawRecord>(`SELECT ${RECORD_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    return rows.map(toRow);
  }

  /** Matching records newest first, and how many match in all. Filters combine with AND. */
  async query(f: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.entity !== undefined) {
      const p = param(f.entity);
      // `?` is left alone by both drivers (node-postgres and PGlite send the text as is).
      where.push(`(details->'entities' ? ${p} OR details->>'entity' = ${p})`);
    }
    if (f.actor !== undefined) where.push(`actor = ${param(f.actor)}`);
    if (f.action !== undefined) {
      where.push(Array.isArray(f.action) ? `action = ANY(${param(f.action)}::text[])` : `action = ${param(f.action)}`);
    }
    if (f.partner !== undefined) where.push(`details->>'partner' = ${param(f.partner)}`);
    if (f.agency !== undefined) where.push(`agency = ${param(f.agency)}`);
    if (f.since !== undefined) where.push(`at >= ${param(f.since)}::timestamptz`);
    if (f.until !== undefined) where.push(`at < ${param(f.until)}::timestamptz`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM audit_log ${clause}`, [...params]);
    const rows = await this.db.query<RawRecord>(
      `SELECT ${RECORD_COLUMNS} FROM audit_log ${clause} ORDER BY seq DESC LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`,
      params,
    );
    return { total: Number(count!.n), rows: rows.map(toRow) };
  }
}
