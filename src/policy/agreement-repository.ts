import type { Db } from '../store/db.ts';
import { toIso as iso } from '../store/timestamps.ts';
import type { AgreementWithKey, Category, MinimisationRule } from './agreements.ts';
import type { Tlp } from './markings.ts';

interface AgreementDbRow {
  id: string;
  name: string;
  parties: string[];
  categories: Category[];
  purposes: string[];
  max_tlp: Tlp;
  max_level: string;
  minimisation: MinimisationRule[];
  retention_days: number | null;
  valid_from: string | Date;
  valid_until: string | Date | null;
  hash_key: string;
  created_by: string;
  created_at: string | Date;
  revoked_at: string | Date | null;
  approvals: Array<{ agency: string; user: string; at: string }> | null;
}

/** Dates are selected as text (YYYY-MM-DD): no time zone can shift them. */
function day(v: string | Date): string {
  return String(v).slice(0, 10);
}


/** SQL for sharing agreements and their approvals. */
export class AgreementRepository {
  constructor(private readonly db: Db) {}

  async insert(a: Omit<AgreementWithKey, 'approvals' | 'revokedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO agreements (id, name, parties, categories, purposes, max_tlp, max_level, minimisation, retention_days,
         valid_from, valid_until, hash_key, created_by, created_at)
       VALUES ($1, $2, $3::text[], $4::jsonb, $5::text[], $6, $7, $8::jsonb, $9, $10::date, $11::date, $12, $13, $14)`,
      [
        a.id,
        a.name,
        a.parties,
        JSON.stringify(a.categories),
        a.purposes,
        a.maxTlp,
        a.maxLevel,
        JSON.stringify(a.minimisation),
        a.retentionDays,
        a.validFrom,
        a.validUntil,
        a.hashKey,
        a.createdBy,
        a.createdAt,
      ],
    );
  }

  /** Agreements (all, or those an agency is party to), with approvals. */
  async list(party: string | null): Promise<AgreementWithKey[]> {
    const rows = await this.db.query<AgreementDbRow>(
      `SELECT a.id, a.name, a.parties, a.categories, a.purposes, a.max_tlp, a.max_level, a.minimisation, a.retention_days,
              a.valid_from::text AS valid_from, a.valid_until::text AS valid_until, a.hash_key, a.created_by, a.created_at, a.revoked_at,
              (SELECT jsonb_agg(jsonb_build_object('agency', p.agency_id, 'user', p.user_id, 'at', p.approved_at) ORDER BY p.agency_id)
                    FROM agreement_approvals p WHERE p.agreement_id = a.id) AS approvals
       FROM agreements a WHERE ($1::text IS NULL OR $1 = ANY(a.parties)) ORDER BY a.created_at, a.id`,
      [party],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      parties: r.parties,
      categories: r.categories,
      purposes: r.purposes,
      maxTlp: r.max_tlp,
      maxLevel: r.max_level,
      minimisation: r.minimisation,
      retentionDays: r.retention_days,
      validFrom: day(r.valid_from),
      validUntil: r.valid_until === null ? null : day(r.valid_until),
      hashKey: r.hash_key,
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
      revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
      approvals: (r.approvals ?? []).map((x) => ({ agency: x.agency, user: x.user, at: iso(x.at) })),
    }));
  }

  async approve(id: string, agency: string, user: string, at: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO agreement_approvals (agreement_id, agency_id, user_id, approved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING agreement_id`,
      [id, agency, user, at],
    );
    return rows.length > 0;
  }

  async revoke(id: string, user: string, at: string): Promise<void> {
    await this.db.query('UPDATE agreements SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL', [id, at, user]);
  }
}
