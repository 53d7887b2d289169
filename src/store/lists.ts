import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { toIso } from './timestamps.ts';
import { encodeColumns, type ColumnBatch } from './columns.ts';
import { unnestSelect } from './statements.ts';
import { refreshStatistics } from './statistics.ts';

export interface DatasetRow {
  name: string;
  format: string;
  is_list: boolean;
  authority: string | null;
  source_url: string | null;
  default_marking: string;
  agency: string;
  retention_days?: number | null;
  agreement_id?: string | null;
}

export interface VersionRow {
  dataset: string;
  version: number;
  version_date: string | null;
  content_hash: string;
  source_path: string | null;
  ingested_at: string;
  last_seen: string;
  entities: number;
  designations: number;
  added: number;
  removed: number;
  changed: number;
}

export interface StagedEntity {
  entity_id: string;
  content_hash: string;
  designated: boolean;
  is_sanction: boolean;
}

export interface StagedRef {
  entity_id: string;
  schema: string;
  prop: string;
  target: string;
  file: string;
  line: number;
  record: string | null;
}

/** Entities per block of the run hash, and blocks per fetch: about 2 MB of text at a time. */
const CONTENT_HASH_BLOCK = 1000;
const CONTENT_HASH_PAGE = 50;
/** SQLSTATEs after which clearStaging deletes instead of truncating: 55P03 lock_not_available (NOWAIT), 42501 insufficient_privilege. */
const CLEAR_BY_DELETE = new Set(['55P03', '42501']);

export function encodeStagedEntities(rows: readonly StagedEntity[]): ColumnBatch {
  return encodeColumns(rows, ['entity_id', 'content_hash', 'designated', 'is_sanction']);
}

export function encodeStagedRefs(rows: readonly StagedRef[]): ColumnBatch {
  return encodeColumns(rows, ['entity_id', 'schema', 'prop', 'target', 'file', 'line', 'record']);
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * Version $2 of dataset $1 side by side with version $2 - 1, one row per entity
 * in either: columns c? and p? are the current and previous version's designated
 * (d), content hash (h) and is-sanction (s);
 * NULL where the entity is absent from that version. One hash join, not a
 * nested loop per entity.
 */
const VERSION_JOIN = `
  SELECT coalesce(c.entity_id, p.entity_id) AS entity_id,
         c.designated AS cd, c.content_hash AS ch, c.is_sanction AS cs,
         p.designated AS pd, p.content_hash AS ph, p.is_sanction AS ps
  FROM (SELECT entity_id, designated, content_hash, is_sanction FROM version_entities WHERE dataset = $1 AND version = $2) c
  FULL JOIN (SELECT entity_id, designated, content_hash, is_sanction FROM version_entities WHERE dataset = $1 AND version = $2 - 1) p
    ON c.entity_id = p.entity_id`;

/** Datasets, list versions and the staging tables of an ingest run. */
export class ListRepository {
  constructor(private readonly db: Db) {}

  async upsertDataset(d: Omit<DatasetRow, 'default_marking'> & { default_marking?: string }): Promise<DatasetRow> {
    const [row] = await this.db.query<DatasetRow>(
      `INSERT INTO datasets (name, format, is_list, authority, source_url, agency, default_marking)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 'TLP:CLEAR'))
       ON CONFLICT (name) DO UPDATE SET
         is_list = datasets.is_list OR EXCLUDED.is_list,
         authority = coalesce(EXCLUDED.authority, datasets.authority),
         source_url = coalesce(EXCLUDED.source_url, datasets.source_url),
         updated_at = now()
       RETURNING name, format, is_list, authority, source_url, default_marking, agency`,
      [d.name, d.format, d.is_list, d.authority, d.source_url, d.agency, d.default_marking ?? null],
    );
    return row!;
  }

  async datasets(): Promise<DatasetRow[]> {
    return this.db.query<DatasetRow>(
      'SELECT name, format, is_list, authority, source_url, default_marking, agency, retention_days, agreement_id FROM datasets ORDER BY name',
    );
  }

  /** Retention in days for a dataset (null: kept until removed), and the agreement its data was received under. */
  async setGovernance(name: string, patch: { retention_days?: number | null; agreement_id?: string | null; default_marking?: string }): Promise<void> {
    if (patch.default_marking !== undefined) await this.db.query('UPDATE datasets SET default_marking = $2, updated_at = now() WHERE name = $1', [name, patch.default_marking]);
    if (patch.retention_days !== undefined) await this.db.query('UPDATE datasets SET retention_days = $2, updated_at = now() WHERE name = $1', [name, patch.retention_days]);
    if (patch.agreement_id !== undefined) await this.db.query('UPDATE datasets SET agreement_id = $2, updated_at = now() WHERE name = $1', [name, patch.agreement_id]);
  }

  async dataset(name: string): Promise<DatasetRow | undefined> {
    const [row] = await this.db.query<DatasetRow>(
      'SELECT name, format, is_list, authority, source_url, default_marking, agency FROM datasets WHERE name = $1',
      [name],
    );
    return row;
  }

  // --- staging of one run -------------------------------------------------

  /** Entities read by a run (encodeStagedEntities), for its content hash and reference checks. */
  async stageEntities(runId: string, batch: ColumnBatch): Promise<void> {
    if (batch.rows === 0) return;
    await this.db.query(
      `INSERT INTO ingest_entities (run_id, entity_id, content_hash, designated, is_sanction)
       SELECT $5, * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[])`,
      [...batch.columns, runId],
    );
  }

  /** References read by a run (encodeStagedRefs), checked once the whole input is in. */
  async stageRefs(runId: string, batch: ColumnBatch): Promise<void> {
    if (batch.rows === 0) return;
    await this.db.query(
      `INSERT INTO ingest_refs (run_id, entity_id, schema, prop, target, file, line, record)
       SELECT $8, * FROM (${unnestSelect(['text', 'text', 'text', 'text', 'text', 'int', 'text'])}) AS t`,
      [...batch.columns, runId],
    );
  }

  /** References of this run whose target exists nowhere in the store. */
  async danglingRefs(runId: string): Promise<StagedRef[]> {
    return this.db.query<StagedRef>(
      `SELECT r.entity_id, r.schema, r.prop, r.target, r.file, r.line, r.record FROM ingest_refs r
       WHERE r.run_id = $1 AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.entity_id = r.target)
       ORDER BY r.line`,
      [runId],
    );
  }

  async unstageEntities(runId: string, entityIds: string[]): Promise<void> {
    await this.db.query('DELETE FROM ingest_entities WHERE run_id = $1 AND entity_id = ANY($2::text[])', [runId, entityIds]);
  }

  /**
   * Drop a run's staging rows. When no other run has rows staged the tables
   * are truncated instead: their space is freed at once (PGlite never
   * vacuums, and the staging tables are read by scans). The exclusive lock is
   * taken without waiting, so a run that is writing its own staging rows at
   * that moment is never held up: this run's rows are deleted instead.
   */
  async clearStaging(runId: string): Promise<void> {
    const truncated = await this.db
      .transaction(async (tx) => {
        await tx.query('LOCK TABLE ingest_entities, ingest_refs IN ACCESS EXCLUSIVE MODE NOWAIT');
        const [others] = await tx.query<{ any: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM ingest_entities WHERE run_id <> $1) OR EXISTS (SELECT 1 FROM ingest_refs WHERE run_id <> $1) AS any`,
          [runId],
        );
        if (others?.any) return false;
        await tx.query('TRUNCATE ingest_entities, ingest_refs');
        return true;
      })
      .catch((err: unknown) => {
        // Another run holds the tables, or this role may delete but not truncate: delete this run's rows.
        if (CLEAR_BY_DELETE.has((err as { code?: string }).code ?? '')) return false;
        throw err;
      });
    if (truncated) return;
    await this.db.query('DELETE FROM ingest_entities WHERE run_id = $1', [runId]);
    await this.db.query('DELETE FROM ingest_refs WHERE run_id = $1', [runId]);
  }

  // --- versions -----------------------------------------------------------

  async latestVersion(dataset: string): Promise<VersionRow | undefined> {
    const [row] = await this.db.query<VersionRow>(
      `SELECT * FROM list_versions WHERE dataset = $1 ORDER BY version DESC LIMIT 1`,
      [dataset],
    );
    return row;
  }

  async versionWithHash(dataset: string, hash: string): Promise<VersionRow | undefined> {
    const [row] = await this.db.query<VersionRow>(
      'SELECT * FROM list_versions WHERE dataset = $1 AND content_hash = $2 ORDER BY version DESC LIMIT 1',
      [dataset, hash],
    );
    return row;
  }

  async versions(dataset: string): Promise<VersionRow[]> {
    return this.db.query<VersionRow>('SELECT * FROM list_versions WHERE dataset = $1 ORDER BY version', [dataset]);
  }

  /**
   * The datasets that are sanctions lists: read by a list reader, or whose
   * latest version designates someone (a list published as FtM with Sanction
   * entities is a list too). Screening's `sanctions` and `sextant lists` agree on it.
   */
  async listDatasetNames(): Promise<Set<string>> {
    const [datasets, latest] = await Promise.all([this.datasets(), this.latestVersions()]);
    const designating = new Set(latest.filter((v) => v.designations > 0).map((v) => v.dataset));
    return new Set(datasets.filter((d) => d.is_list || designating.has(d.name)).map((d) => d.name));
  }

  async latestVersions(): Promise<VersionRow[]> {
    return this.db.query<VersionRow>(
      `SELECT DISTINCT ON (dataset) * FROM list_versions ORDER BY dataset, version DESC`,
    );
  }

  /**
   * Hash over the whole run's content, to tell a re-ingest of the same list
   * from a new version. One hash of everything a run read: per entity its content hashes and
   * whether it is designated, in entity order. Fetched through a cursor and
   * hashed here: as one string_agg the text of a million-entity run (some
   * 40 MB) grew the embedded database's heap for good. The value is the md5
   * that string_agg over the same text gave.
   */
  async runContentHash(runId: string): Promise<{ hash: string; entities: number }> {
    return this.db.transaction(async (tx) => {
      // Blocks of consecutive entities, each one text: a few hundred rows cross into JavaScript, not a million.
      await tx.query(
        `DECLARE run_entities NO SCROLL CURSOR FOR
         SELECT string_agg(entity_id || ':' || h || ':' || d::text, '|' ORDER BY entity_id) AS block,
                count(*) FILTER (WHERE h <> '')::int AS counted
         FROM (SELECT entity_id, string_agg(content_hash, ',' ORDER BY content_hash) AS h, bool_or(designated) AS d,
                      (row_number() OVER (ORDER BY entity_id) - 1) / ${CONTENT_HASH_BLOCK} AS b
               FROM ingest_entities WHERE run_id = $1 GROUP BY entity_id) e
         GROUP BY b ORDER BY b`,
        [runId],
      );
      const hash = createHash('md5');
      let entities = 0;
      let first = true;
      for (;;) {
        const rows = await tx.query<{ block: string; counted: number }>(`FETCH ${CONTENT_HASH_PAGE} FROM run_entities`);
        for (const r of rows) {
          hash.update(first ? r.block : `|${r.block}`);
          first = false;
          entities += r.counted;
        }
        if (rows.length < CONTENT_HASH_PAGE) break;
      }
      await tx.query('CLOSE run_entities');
      return { hash: hash.digest('hex'), entities };
    });
  }

  async touchVersion(dataset: string, version: number, at: string): Promise<void> {
    await this.db.query('UPDATE list_versions SET last_seen = $3 WHERE dataset = $1 AND version = $2', [dataset, version, at]);
  }

  /**
   * Record the run as a new version: its entities with their hashes, and the
   * added/removed/changed designations against the previous version.
   */
  async createVersion(args: {
    runId: string;
    dataset: string;
    version: number;
    versionDate: string | null;
    contentHash: string;
    sourcePath: string;
    at: string;
    entities: number;
  }): Promise<VersionRow> {
    const { runId, dataset, version } = args;
    await this.db.query(
      `INSERT INTO list_versions (dataset, version, version_date, content_hash, source_path, ingested_at, last_seen,
                                  entities, designations, added, removed, changed)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 0, 0, 0, 0)`,
      [dataset, version, args.versionDate, args.contentHash, args.sourcePath, args.at, args.entities],
    );
    await this.db.query(
      `INSERT INTO version_entities (dataset, version, entity_id, content_hash, designated, is_sanction)
       SELECT $2, $3, entity_id, string_agg(content_hash, ',' ORDER BY content_hash), bool_or(designated), bool_or(is_sanction)
       FROM ingest_entities WHERE run_id = $1 GROUP BY entity_id`,
      [runId, dataset, version],
    );
    // Fresh statistics, or the planner takes the new rows for none and nests loops.
    await refreshStatistics(this.db, 'version_entities', ['dataset', 'version', 'entity_id', 'designated']);
    const [c] = await this.db.query<{ designations: number; added: number; removed: number; changed: number }>(
      `WITH j AS (${VERSION_JOIN})
       SELECT count(*) FILTER (WHERE cd)::int AS designations,
              count(*) FILTER (WHERE cd AND NOT coalesce(pd, false))::int AS added,
              count(*) FILTER (WHERE pd AND NOT coalesce(cd, false))::int AS removed,
              count(*) FILTER (WHERE cd AND pd AND ch <> ph)::int AS changed
       FROM j`,
      [dataset, version],
    );
    const [row] = await this.db.query<VersionRow>(
      `UPDATE list_versions SET designations = $3, added = $4, removed = $5, changed = $6
       WHERE dataset = $1 AND version = $2 RETURNING *`,
      [dataset, version, c!.designations, c!.added, c!.removed, c!.changed],
    );
    return row!;
  }

  /** Sanctions present in `version - 1` and absent from `version`: the delistings. */
  async droppedSanctions(dataset: string, version: number): Promise<string[]> {
    const rows = await this.db.query<{ entity_id: string }>(
      `WITH j AS (${VERSION_JOIN}) SELECT entity_id FROM j WHERE ps AND cd IS NULL ORDER BY entity_id`,
      [dataset, version],
    );
    return rows.map((r) => r.entity_id);
  }

  /** Designated entities added, removed or changed in `version` against the one before. */
  async changes(
    dataset: string,
    version: number,
    opts: { kind?: ChangeKind; limit: number; offset: number },
  ): Promise<{ total: number; rows: Array<{ entity_id: string; change: ChangeKind }> }> {
    const rows = await this.db.query<{ entity_id: string; change: ChangeKind; total: number }>(
      `WITH j AS (${VERSION_JOIN}),
            ch AS (
              SELECT entity_id, CASE
                       WHEN cd AND NOT coalesce(pd, false) THEN 'added'
                       WHEN pd AND NOT coalesce(cd, false) THEN 'removed'
                       WHEN cd AND pd AND ch <> ph THEN 'changed' END AS change
              FROM j)
       SELECT entity_id, change, count(*) OVER ()::int AS total FROM ch
       WHERE change IS NOT NULL AND ($3::text IS NULL OR change = $3)
       ORDER BY change, entity_id LIMIT $4 OFFSET $5`,
      [dataset, version, opts.kind ?? null, opts.limit, opts.offset],
    );
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _t, ...r }) => r) };
  }

  /** Designated entity ids in the current version of a dataset. */
  async designatedIds(dataset: string): Promise<string[]> {
    const rows = await this.db.query<{ entity_id: string }>(
      `SELECT entity_id FROM version_entities
       WHERE dataset = $1 AND designated AND version = (SELECT max(version) FROM list_versions WHERE dataset = $1)
       ORDER BY entity_id`,
      [dataset],
    );
    return rows.map((r) => r.entity_id);
  }

  /** When each dataset was last written to (its latest finished ingest run). */
  async lastWrites(): Promise<Array<{ dataset: string; at: string }>> {
    const rows = await this.db.query<{ dataset: string; at: Date | string }>(
      'SELECT dataset, max(finished_at) AS at FROM ingest_runs WHERE finished_at IS NOT NULL GROUP BY dataset',
    );
    return rows.map((r) => ({ dataset: r.dataset, at: toIso(r.at) }));
  }

  async recordRun(run: {
    id: string;
    dataset: string;
    path: string;
    format: string;
    started_at: string;
    records: number;
    accepted: number;
    rejected: number;
    entities: number;
    statements: number;
    events?: number;
    version: number | null;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO ingest_runs (id, dataset, path, format, started_at, finished_at, records, accepted, rejected, entities, statements, version, events)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10, $11, $12)`,
      [run.id, run.dataset, run.path, run.format, run.started_at, run.records, run.accepted, run.rejected, run.entities, run.statements, run.version, run.events ?? 0],
    );
  }
}
