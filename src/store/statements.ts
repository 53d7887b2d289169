import { hash } from 'node:crypto';
import type { Db } from './db.ts';
import { isoText } from './timestamps.ts';
import { refreshStatistics } from './statistics.ts';
import { encodeColumns, type ColumnBatch } from './columns.ts';

/** The statement id: a hash of what makes a statement the same statement. */
export function statementId(dataset: string, entityId: string, prop: string, value: string): string {
  // One-shot hash: a Hash object per statement cost ~3x as much (ingest hashes every statement it reads).
  return hash('sha1', `${dataset}\u0000${entityId}\u0000${prop}\u0000${value}`, 'base64url').slice(0, 22);
}

/** One stored statement: a value with its provenance and marking. */
export interface StatementRow extends NewStatement {
  dataset: string;
  agency: string;
  marking: string;
  first_seen: string;
  last_seen: string;
}

/** The columns queries select, join and sort statements by: the ones worth planner statistics. */
const PLANNED_COLUMNS = ['entity_id', 'dataset', 'schema', 'prop', 'prop_type', 'value', 'match'] as const;

const COLUMNS = [
  'id',
  'dataset',
  'entity_id',
  'prop',
  'value',
  'schema',
  'prop_type',
  'original',
  'match',
  'source_record',
  'agency',
  'marking',
  'first_seen',
  'last_seen',
] as const;

export type StatementColumn = (typeof COLUMNS)[number];

/** Columns as read: the timestamps as ISO text (isoText), the type StatementRow declares. */
function selected(columns: readonly StatementColumn[]): string {
  return columns.map((c) => (c === 'first_seen' || c === 'last_seen' ? `${isoText(c)} AS ${c}` : c)).join(', ');
}

const SELECTED = selected(COLUMNS);

/**
 * What a bulk read needs to pass the policy (scope.see): the class columns, and the value with its type
 * (a minimised value is masked or hashed by type). Bulk readers select these and what they read themselves:
 * a million rows' ids, timestamps and match keys cost seconds to format, send and parse, and memory while held.
 */
export const POLICY_COLUMNS = ['entity_id', 'dataset', 'agency', 'marking', 'schema', 'prop', 'prop_type', 'value'] as const satisfies readonly StatementColumn[];

/** A statement about to be written: its own values; the rest comes with the batch. */
export interface NewStatement {
  id: string;
  entity_id: string;
  prop: string;
  value: string;
  schema: string;
  prop_type: string;
  original: string | null;
  match: string | null;
  source_record: string | null;
}

/** What all statements of one write share: where they come from and when. */
export interface BatchProvenance {
  dataset: string;
  agency: string;
  marking: string;
  /** Timestamp of the run: first_seen for new statements, last_seen for all. */
  seenAt: string;
}

const NEW_COLUMNS: ReadonlyArray<keyof NewStatement> = ['id', 'entity_id', 'prop', 'value', 'schema', 'prop_type', 'original', 'match', 'source_record'];

/** A batch for upsert: rows already deduplicated by id (Postgres refuses to upsert one key twice in a statement). */
export function encodeStatements(rows: readonly NewStatement[]): ColumnBatch {
  return encodeColumns(rows, NEW_COLUMNS);
}

export interface ExtrasRow {
  dataset: string;
  entity_id: string;
  /** JSON text of the keys. */
  extras: string;
}

/** A batch for upsertExtras. */
export function encodeExtras(rows: readonly ExtrasRow[]): ColumnBatch {
  return encodeColumns(rows, ['dataset', 'entity_id', 'extras']);
}

export function unnestSelect(types: string[]): string {
  return `SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
}

/** What access decisions depend on; see policy/decide.ts. */
export interface StatementClassRow {
  dataset: string;
  agency: string;
  marking: string;
  schema: string;
  prop: string;
  prop_type: string;
}

/** Statement classes a viewer may read, column-wise (policy/scope.ts builds it). */
export interface ClassFilterColumns {
  datasets: string[];
  agencies: string[];
  markings: string[];
  schemata: string[];
  props: string[];
}

const CLASS_FILTER = (first: number, alias: string) =>
  `(${alias}.dataset, ${alias}.agency, ${alias}.marking, ${alias}.schema, ${alias}.prop) IN
     (SELECT * FROM unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::text[], $${first + 4}::text[]))`;

function filterParams(f: ClassFilterColumns): unknown[] {
  return [f.datasets, f.agencies, f.markings, f.schemata, f.props];
}

export interface SearchHit {
  id: string;
  schema: string;
  name: string;
  score: number;
  datasets: string[];
}

export class StatementRepository {
  constructor(private readonly db: Db) {}

  /**
   * Insert a batch of statements from one source (encodeStatements); a statement already stored
   * (same id: dataset, entity, property, value) only has its last_seen, schema
   * and source record refreshed, which is what makes re-ingest idempotent.
   * What is common to the batch travels once, not once per row.
   */
  async upsert(common: BatchProvenance, batch: ColumnBatch): Promise<void> {
    if (batch.rows === 0) return;
    await this.db.query(
      `INSERT INTO statements (${NEW_COLUMNS.join(', ')}, dataset, agency, marking, first_seen, last_seen)
       SELECT u.*, $${NEW_COLUMNS.length + 1}, $${NEW_COLUMNS.length + 2}, $${NEW_COLUMNS.length + 3},
              $${NEW_COLUMNS.length + 4}::timestamptz, $${NEW_COLUMNS.length + 4}::timestamptz
       FROM unnest(${NEW_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u
       ON CONFLICT (entity_id, id)
       DO UPDATE SET last_seen = EXCLUDED.last_seen, schema = EXCLUDED.schema, source_record = EXCLUDED.source_record,
         agency = EXCLUDED.agency, marking = EXCLUDED.marking`,
      [...batch.columns, common.dataset, common.agency, common.marking, common.seenAt],
    );
  }

  async deleteValues(dataset: string, keys: Array<{ entity_id: string; prop: string; value: string }>): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM statements WHERE (entity_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      keys.map((k) => k.entity_id),
      keys.map((k) => statementId(dataset, k.entity_id, k.prop, k.value)),
    ]);
  }

  async deleteEntities(dataset: string, entityIds: string[]): Promise<void> {
    if (entityIds.length === 0) return;
    await this.db.query('DELETE FROM statements WHERE dataset = $1 AND entity_id = ANY($2::text[])', [dataset, entityIds]);
    await this.db.query('DELETE FROM entity_extras WHERE dataset = $1 AND entity_id = ANY($2::text[])', [dataset, entityIds]);
  }

  /** Top-level FtM keys that are not properties, per entity (encodeExtras). */
  async upsertExtras(batch: ColumnBatch): Promise<void> {
    if (batch.rows === 0) return;
    await this.db.query(
      `INSERT INTO entity_extras (dataset, entity_id, extras)
       SELECT d, e, x::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS t(d, e, x)
       ON CONFLICT (dataset, entity_id) DO UPDATE SET extras = EXCLUDED.extras`,
      batch.columns,
    );
  }

  /**
   * Statements of these entities; with `visible`, only those of the allowed
   * classes, so that what a viewer may not see never leaves the database (and
   * a hidden entity costs the same query as a missing one).
   */
  forEntities(ids: string[], visible?: ClassFilterColumns): Promise<StatementRow[]>;
  /** Only these columns of each row (see POLICY_COLUMNS). */
  forEntities<C extends StatementColumn>(ids: string[], visible: ClassFilterColumns, columns: readonly C[]): Promise<Array<Pick<StatementRow, C>>>;
  async forEntities(ids: string[], visible?: ClassFilterColumns, columns: readonly StatementColumn[] = COLUMNS): Promise<Array<Partial<StatementRow>>> {
    if (ids.length === 0) return [];
    if (visible) {
      return this.db.query<StatementRow>(
        `SELECT ${selected(columns)} FROM statements s WHERE s.entity_id = ANY($1::text[]) AND ${CLASS_FILTER(2, 's')}
         ORDER BY entity_id, prop, value, dataset`,
        [ids, ...filterParams(visible)],
      );
    }
    return this.db.query<StatementRow>(
      `SELECT ${SELECTED} FROM statements WHERE entity_id = ANY($1::text[])
       ORDER BY entity_id, prop, value, dataset`,
      [ids],
    );
  }

  async extrasFor(ids: string[]): Promise<Array<{ dataset: string; entity_id: string; extras: Record<string, unknown> }>> {
    if (ids.length === 0) return [];
    return this.db.query(`SELECT dataset, entity_id, extras FROM entity_extras WHERE entity_id = ANY($1::text[])`, [ids]);
  }

  /** Statements whose reference properties point at `id` (the viewer's scope then decides which count). */
  async referencing(id: string, limit: number, visible: ClassFilterColumns): Promise<StatementRow[]> {
    // Filtered before the limit: hidden references must not crowd out visible ones.
    return this.db.query<StatementRow>(
      `SELECT ${SELECTED} FROM statements s
       WHERE s.prop_type = 'entity' AND s.value = $1 AND ${CLASS_FILTER(3, 's')} ORDER BY entity_id, dataset LIMIT $2`,
      [id, limit, ...filterParams(visible)],
    );
  }

  /** Visible statements of one property of one schema that point at any of these ids (e.g. Sanction.entity → vessels). */
  async referencingAny(ids: string[], schema: string, prop: string, visible: ClassFilterColumns): Promise<StatementRow[]> {
    if (ids.length === 0) return [];
    return this.db.query<StatementRow>(
      `SELECT ${SELECTED} FROM statements s
       WHERE s.prop_type = 'entity' AND s.value = ANY($1::text[]) AND s.schema = $2 AND s.prop = $3 AND ${CLASS_FILTER(4, 's')}
       ORDER BY s.value, s.entity_id, s.dataset`,
      [ids, schema, prop, ...filterParams(visible)],
    );
  }

  /**
   * Record the classes a write produced. A class recorded that no statement has
   * is harmless (search and counts filter by allowed classes; a hidden extra
   * class only makes a list look partly hidden, which fails closed).
   */
  async addClasses(rows: StatementClassRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO statement_classes (dataset, agency, marking, schema, prop, prop_type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT DO NOTHING`,
      encodeColumns(rows, ['dataset', 'agency', 'marking', 'schema', 'prop', 'prop_type']).columns,
    );
  }

  /** Drop the classes of a dataset no statement has any more (after a purge). */
  async pruneClasses(dataset: string): Promise<void> {
    await this.db.query(
      `DELETE FROM statement_classes c WHERE c.dataset = $1 AND NOT EXISTS (
         SELECT 1 FROM statements s WHERE s.dataset = c.dataset AND s.agency = c.agency AND s.marking = c.marking
           AND s.schema = c.schema AND s.prop = c.prop)`,
      [dataset],
    );
  }

  async classes(opts: { propType?: string; dataset?: string } = {}): Promise<StatementClassRow[]> {
    return this.db.query<StatementClassRow>(
      `SELECT dataset, agency, marking, schema, prop, prop_type FROM statement_classes
       WHERE ($1::text IS NULL OR prop_type = $1) AND ($2::text IS NULL OR dataset = $2)`,
      [opts.propType ?? null, opts.dataset ?? null],
    );
  }

  /**
   * Names and aliases by full-text and trigram similarity on the folded name.
   * Returns one row per entity (its best name), best first; `total` counts all.
   */
  async searchNames(
    folded: string,
    opts: { schemata: string[] | null; limit: number; offset: number; visible: ClassFilterColumns },
  ): Promise<{ total: number; hits: SearchHit[] }> {
    const params: unknown[] = [folded, opts.schemata, opts.limit, opts.offset, ...filterParams(opts.visible)];
    const rows = await this.db.query<SearchHit & { total: number }>(
      `WITH q AS (SELECT $1::text AS q, plainto_tsquery('simple', $1::text) AS tsq),
       hits AS (
         SELECT s.entity_id, s.schema, s.value, s.dataset,
                greatest(similarity(s.match, q.q),
                         CASE WHEN to_tsvector('simple', s.match) @@ q.tsq THEN 0.5 + 0.5 * similarity(s.match, q.q) ELSE 0 END) AS score
         FROM statements s, q
         WHERE s.prop_type = 'name'
           AND (s.match % q.q OR to_tsvector('simple', s.match) @@ q.tsq)
           AND ($2::text[] IS NULL OR s.schema = ANY($2::text[]))
           AND ${CLASS_FILTER(5, 's')}
       ),
       best AS (
         SELECT DISTINCT ON (entity_id) entity_id, schema, value, score FROM hits ORDER BY entity_id, score DESC, value
       ),
       ranked AS (
         SELECT b.*, (SELECT array_agg(DISTINCT h.dataset) FROM hits h WHERE h.entity_id = b.entity_id) AS datasets,
                count(*) OVER () AS total
         FROM best b
       )
       SELECT entity_id AS id, schema, value AS name, score, datasets, total FROM ranked
       ORDER BY score DESC, id LIMIT $3 OFFSET $4`,
      params,
    );
    return {
      total: rows[0]?.total ?? 0,
      hits: rows.map(({ total: _t, ...hit }) => ({ ...hit, score: Math.round(Number(hit.score) * 1000) / 1000 })),
    };
  }

  /** Entity ids of a dataset (or all), in id order, after `afterId`: keyset pagination for exports. */
  async entityIdsPage(dataset: string | null, afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ entity_id: string }>(
      `SELECT DISTINCT entity_id FROM statements
       WHERE ($1::text IS NULL OR dataset = $1) AND entity_id > $2
       ORDER BY entity_id LIMIT $3`,
      [dataset, afterId, limit],
    );
    return rows.map((r) => r.entity_id);
  }

  async forEntitiesInDataset(dataset: string | null, ids: string[]): Promise<StatementRow[]> {
    return this.db.query<StatementRow>(
      `SELECT ${SELECTED} FROM statements
       WHERE entity_id = ANY($2::text[]) AND ($1::text IS NULL OR dataset = $1)
       ORDER BY entity_id, prop, value, dataset`,
      [dataset, ids],
    );
  }

  /** The visible statements of every entity of the given schemata (vessels for detection, ownership for the graph). */
  ofSchemata(schemata: string[], visible: ClassFilterColumns): Promise<StatementRow[]>;
  /** Only these columns of each row (see POLICY_COLUMNS). */
  ofSchemata<C extends StatementColumn>(schemata: string[], visible: ClassFilterColumns, columns: readonly C[]): Promise<Array<Pick<StatementRow, C>>>;
  async ofSchemata(schemata: string[], visible: ClassFilterColumns, columns: readonly StatementColumn[] = COLUMNS): Promise<Array<Partial<StatementRow>>> {
    return this.db.query<StatementRow>(
      `SELECT ${selected(columns)} FROM statements s WHERE s.schema = ANY($1::text[]) AND ${CLASS_FILTER(2, 's')}
       ORDER BY entity_id, prop, value, dataset`,
      [schemata, ...filterParams(visible)],
    );
  }

  /** Refresh the planner's statistics of the statements table after a bulk load, when they are stale (see refreshStatistics). */
  async analyze(): Promise<void> {
    await refreshStatistics(this.db, 'statements', PLANNED_COLUMNS);
  }

  /** Ids of entities with a visible identifier statement of one of these properties whose match key is `match` (e.g. an IMO number). */
  async entitiesWithIdentifier(props: string[], match: string, visible: ClassFilterColumns): Promise<string[]> {
    const rows = await this.db.query<{ entity_id: string }>(
      `SELECT DISTINCT s.entity_id FROM statements s
       WHERE s.prop_type = 'identifier' AND s.match = $1 AND s.prop = ANY($2::text[]) AND ${CLASS_FILTER(3, 's')}
       ORDER BY s.entity_id`,
      [match, props, ...filterParams(visible)],
    );
    return rows.map((r) => r.entity_id);
  }

  /** The schema of each entity id given (of its visible statements). */
  async schemataOf(ids: string[], visible: ClassFilterColumns): Promise<Array<{ entity_id: string; schema: string }>> {
    if (ids.length === 0) return [];
    return this.db.query<{ entity_id: string; schema: string }>(
      `SELECT DISTINCT ON (entity_id) entity_id, schema FROM statements s WHERE s.entity_id = ANY($1::text[]) AND ${CLASS_FILTER(2, 's')} ORDER BY entity_id, schema`,
      [ids, ...filterParams(visible)],
    );
  }

  /** Statements and entities of a dataset that a retention rule would purge (seen last, or first, before the cutoff). */
  async retentionCount(dataset: string, column: 'last_seen' | 'first_seen', cutoff: string): Promise<{ statements: number; entities: number }> {
    const col = column === 'first_seen' ? 'first_seen' : 'last_seen';
    const rows = await this.db.query<{ statements: number; entities: number }>(
      `SELECT count(*)::int AS statements, count(DISTINCT entity_id)::int AS entities FROM statements WHERE dataset = $1 AND ${col} < $2::timestamptz`,
      [dataset, cutoff],
    );
    return rows[0]!;
  }

  /** Purge them; extras of entities left without statements in the dataset go too. */
  async purge(dataset: string, column: 'last_seen' | 'first_seen', cutoff: string): Promise<number> {
    const col = column === 'first_seen' ? 'first_seen' : 'last_seen';
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM statements WHERE dataset = $1 AND ${col} < $2::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [dataset, cutoff],
    );
    await this.db.query(
      `DELETE FROM entity_extras x WHERE x.dataset = $1 AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.dataset = x.dataset AND s.entity_id = x.entity_id)`,
      [dataset],
    );
    await this.pruneClasses(dataset);
    return rows[0]!.n;
  }

  /** A Sanction listed again in `version` loses the end date an earlier delisting gave it. */
  async clearDelistingOfRelisted(dataset: string, version: number): Promise<void> {
    await this.db.query(
      `DELETE FROM statements s USING version_entities v
       WHERE s.dataset = $1 AND s.prop = 'endDate' AND s.source_record LIKE 'delisted in version %'
         AND v.dataset = $1 AND v.version = $2 AND v.entity_id = s.entity_id AND v.is_sanction`,
      [dataset, version],
    );
  }
}
