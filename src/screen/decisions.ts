import { createHash, randomUUID } from 'node:crypto';
import { SextantError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { toIso as iso } from '../store/timestamps.ts';
import { foldTokens } from './names.ts';
import { toSubject, type QueryEntity } from './query.ts';

/**
 * Analysts' decisions on screening results. A decision says that a query
 * subject is ("match") or is not ("no_match") a list entity; later screenings
 * of the same subject by the same agency apply it: confirmed results are
 * marked, rejected ones are left out and counted. Decisions are reversible
 * and carry who made them and when.
 */
export type DecisionKind = 'match' | 'no_match';

export interface Decision {
  id: string;
  agency: string;
  subjectKey: string;
  subject: QueryEntity;
  entityId: string;
  decision: DecisionKind;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

/** The same subject however it is written: schema, folded names in any order, birth dates, identifiers. */
export function subjectKey(q: QueryEntity): string {
  const s = toSubject(q, 'subject');
  const names = s.names.map((n) => foldTokens(n).sort().join(' ')).sort();
  const ids = Object.entries(s.identifiers ?? {})
    .map(([k, v]) => `${k}=${v.map((x) => x.toUpperCase().replace(/[^A-Z0-9]/g, '')).sort().join(',')}`)
    .sort();
  const canonical = JSON.stringify([s.schema, names, [...(s.birthDates ?? [])].sort(), ids]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

interface Row {
  id: string;
  agency: string;
  subject_key: string;
  subject: QueryEntity;
  entity_id: string;
  decision: DecisionKind;
  note: string | null;
  decided_by: string;
  decided_at: Date | string;
  revoked_by: string | null;
  revoked_at: Date | string | null;
}


function toDecision(r: Row): Decision {
  return {
    id: r.id,
    agency: r.agency,
    subjectKey: r.subject_key,
    subject: r.subject,
    entityId: r.entity_id,
    decision: r.decision,
    note: r.note,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    revokedBy: r.revoked_by,
    revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
  };
}

/** SQL for decisions (the screen module's own table). */
export class DecisionRepository {
  constructor(private readonly db: Db) {}

  /** Record a decision; a standing one for the same subject and entity is replaced (revoked by the new one). */
  async record(d: Omit<Decision, 'id' | 'revokedBy' | 'revokedAt'>): Promise<Decision> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE screening_decisions SET revoked_at = $4, revoked_by = $5
         WHERE agency = $1 AND subject_key = $2 AND entity_id = $3 AND revoked_at IS NULL`,
        [d.agency, d.subjectKey, d.entityId, d.decidedAt, d.decidedBy],
      );
      await tx.query(
        `INSERT INTO screening_decisions (id, agency, subject_key, subject, entity_id, decision, note, decided_by, decided_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)`,
        [id, d.agency, d.subjectKey, JSON.stringify(d.subject), d.entityId, d.decision, d.note, d.decidedBy, d.decidedAt],
      );
    });
    return (await this.get(d.agency, id))!;
  }

  async get(agency: string, id: string): Promise<Decision | null> {
    const rows = await this.db.query<Row>('SELECT * FROM screening_decisions WHERE agency = $1 AND id = $2', [agency, id]);
    return rows[0] ? toDecision(rows[0]) : null;
  }

  /** Standing decisions of an agency for these subjects. */
  async standing(agency: string, subjectKeys: string[]): Promise<Decision[]> {
    if (subjectKeys.length === 0) return [];
    const rows = await this.db.query<Row>(
      'SELECT * FROM screening_decisions WHERE agency = $1 AND subject_key = ANY($2::text[]) AND revoked_at IS NULL',
      [agency, subjectKeys],
    );
    return rows.map(toDecision);
  }

  /** Every standing decision of an agency, or null when there are more than `max`. */
  async allStanding(agency: string, max: number): Promise<Decision[] | null> {
    const rows = await this.db.query<Row>('SELECT * FROM screening_decisions WHERE agency = $1 AND revoked_at IS NULL LIMIT $2', [agency, max + 1]);
    return rows.length > max ? null : rows.map(toDecision);
  }

  async list(agency: string, opts: { entity?: string; includeRevoked?: boolean; limit: number; offset: number }): Promise<{ total: number; decisions: Decision[] }> {
    const where = `agency = $1 AND ($2::text IS NULL OR entity_id = $2) AND ($3::boolean OR revoked_at IS NULL)`;
    const params = [agency, opts.entity ?? null, opts.includeRevoked === true];
    const [count] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM screening_decisions WHERE ${where}`, params);
    const rows = await this.db.query<Row>(`SELECT * FROM screening_decisions WHERE ${where} ORDER BY decided_at DESC, id LIMIT $4 OFFSET $5`, [
      ...params,
      opts.limit,
      opts.offset,
    ]);
    return { total: count!.n, decisions: rows.map(toDecision) };
  }

  async revoke(agency: string, id: string, by: string, at: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE screening_decisions SET revoked_at = $3, revoked_by = $4 WHERE agency = $1 AND id = $2 AND revoked_at IS NULL RETURNING id', [
      agency,
      id,
      at,
      by,
    ]);
    return rows.length > 0;
  }
}

export function checkDecision(v: string): DecisionKind {
  if (v !== 'match' && v !== 'no_match') throw new SextantError('bad_request', 'decision is match or no_match', { field: 'decision' });
  return v;
}
