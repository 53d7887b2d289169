import type { DeclarationEvent, EventType, PaymentEvent, PositionEvent } from '../model/events.ts';
import type { Db } from './db.ts';
import { isoText, toIso } from './timestamps.ts';
import type { BatchProvenance } from './statements.ts';
import { refreshStatistics } from './statistics.ts';

/**
 * The event tables (payments, declarations, positions): bulk upserts and the
 * simple reads detection starts from. One INSERT … SELECT FROM unnest per
 * batch and table, the columns travelling as typed arrays: no per-row round
 * trips, the same SQL on PGlite and PostgreSQL. These are raw reads: callers
 * that show events to a viewer ask the policy module first (the events of a
 * run are governed as one statement class: dataset, agency, marking, schema `*`).
 */

/** One event to write, with its source record id. */
export interface EventRow<T> {
  record: string;
  event: T;
}

/** The events of one write, by table. */
export interface EventBatch {
  payments: EventRow<PaymentEvent>[];
  declarations: EventRow<DeclarationEvent>[];
  positions: EventRow<PositionEvent>[];
}

export function emptyEventBatch(): EventBatch {
  return { payments: [], declarations: [], positions: [] };
}

export function eventBatchSize(b: EventBatch): number {
  return b.payments.length + b.declarations.length + b.positions.length;
}

/** Add an event to the batch's table for its kind. */
export function addToBatch(b: EventBatch, record: string, event: PaymentEvent | DeclarationEvent | PositionEvent): void {
  if (event.type === 'payment') b.payments.push({ record, event });
  else if (event.type === 'declaration') b.declarations.push({ record, event });
  else b.positions.push({ record, event });
}

/** What every stored event carries besides its own fields. */
export interface EventProvenance {
  dataset: string;
  source_record: string;
  agency: string;
  marking: string;
  first_seen: string;
  last_seen: string;
}

export type StoredPayment = PaymentEvent & EventProvenance;
export type StoredDeclaration = DeclarationEvent & EventProvenance;
export type StoredPosition = PositionEvent & EventProvenance;

/** The (dataset, agency, marking) classes of one event kind a viewer may read, as column arrays. */
export interface EventClassFilter {
  datasets: string[];
  agencies: string[];
  markings: string[];
}

/** Where a page of positions ends. */
export interface PositionKey {
  mmsi: string;
  /** The row's time as PostgreSQL text (exact, microseconds kept). */
  ts: string;
  dataset: string;
}

export interface PositionPageRow {
  mmsi: string;
  t: number;
  ts_text: string;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  draft: number | null;
  status: number | null;
  vessel_name: string | null;
  imo: string | null;
  call_sign: string | null;
  vessel_type: number | null;
  dataset: string;
  agency: string;
  marking: string;
  source_record: string;
}

/** One run of one broadcast static value on one MMSI (EventRepository.staticRuns). */
export interface StaticRun {
  mmsi: string;
  field: 'name' | 'imo' | 'callSign' | 'vesselType';
  value: string;
  from: string;
  to: string;
  fixes: number;
}

export type EventCounts = Record<'payments' | 'declarations' | 'positions', number>;

/** A table's own columns, with the PostgreSQL type of their arrays; jsonb travels as text. */
interface TableSpec<T> {
  table: string;
  key: readonly (keyof T & string)[];
  columns: ReadonlyArray<readonly [keyof T & string, string]>;
  /** How a column is read back so that it round-trips (exact decimals, dates as text). */
  read: Partial<Record<keyof T & string, string>>;
}

const PAYMENTS: TableSpec<PaymentEvent> = {
  table: 'payments',
  key: ['txn_id'],
  columns: [
    ['txn_id', 'text'],
    ['ts', 'timestamptz'],
    ['amount', 'numeric'],
    ['currency', 'text'],
    ['originator_account', 'text'],
    ['originator_name', 'text'],
    ['originator_bank', 'text'],
    ['originator_country', 'text'],
    ['beneficiary_account', 'text'],
    ['beneficiary_name', 'text'],
    ['beneficiary_bank', 'text'],
    ['beneficiary_country', 'text'],
    ['purpose', 'text'],
    ['reference', 'text'],
    ['extra', 'jsonb'],
  ],
  read: { amount: 'amount::text', ts: isoText('ts') },
};

const DECLARATIONS: TableSpec<DeclarationEvent> = {
  table: 'declarations',
  key: ['declaration_id'],
  columns: [
    ['declaration_id', 'text'],
    ['date', 'date'],
    ['direction', 'text'],
    ['exporter_name', 'text'],
    ['exporter_country', 'text'],
    ['importer_name', 'text'],
    ['importer_country', 'text'],
    ['consignee_name', 'text'],
    ['consignee_country', 'text'],
    ['declarant_name', 'text'],
    ['origin_country', 'text'],
    ['destination_country', 'text'],
    ['hs_code', 'text'],
    ['hs6', 'text'],
    ['description', 'text'],
    ['quantity', 'numeric'],
    ['unit', 'text'],
    ['value', 'numeric'],
    ['currency', 'text'],
    ['vessel_imo', 'text'],
    ['port_of_loading', 'text'],
    ['port_of_discharge', 'text'],
    ['transport_document', 'text'],
    ['invoice_reference', 'text'],
    ['extra', 'jsonb'],
  ],
  // pg would turn a date into a local-midnight Date and numeric into a float.
  read: { date: 'date::text', quantity: 'quantity::text', value: 'value::text' },
};

const POSITIONS: TableSpec<PositionEvent> = {
  table: 'positions',
  key: ['mmsi', 'ts'],
  columns: [
    ['mmsi', 'text'],
    ['ts', 'timestamptz'],
    ['lat', 'float8'],
    ['lon', 'float8'],
    ['sog', 'real'],
    ['cog', 'real'],
    ['heading', 'real'],
    ['vessel_name', 'text'],
    ['imo', 'text'],
    ['call_sign', 'text'],
    ['vessel_type', 'smallint'],
    ['status', 'smallint'],
    ['length', 'real'],
    ['width', 'real'],
    ['draft', 'real'],
    ['cargo', 'smallint'],
    ['transceiver_class', 'text'],
  ],
  read: {},
};

const TYPE_OF: Record<string, EventType> = { payments: 'payment', declarations: 'declaration', positions: 'position' };

/**
 * INSERT … SELECT FROM unnest(…) ON CONFLICT (dataset, key) DO UPDATE. What the
 * batch shares ($1 dataset, $2 agency, $3 marking, $4 time of the run) travels
 * once; $5 is the source records, then one array per column. A record seen again
 * takes the values of its latest delivery and keeps its first_seen.
 */
function upsertSql<T>(spec: TableSpec<T>): string {
  const names = spec.columns.map(([n]) => n);
  const arrays = [`$5::text[]`, ...spec.columns.map(([, type], i) => `$${i + 6}::${type === 'jsonb' ? 'text' : type}[]`)];
  const selected = spec.columns.map(([n, type]) => (type === 'jsonb' ? `u.${n}::jsonb` : `u.${n}`));
  const updated = [...names.filter((n) => !spec.key.includes(n as keyof T & string)), 'source_record', 'agency', 'marking', 'last_seen'];
  return `INSERT INTO ${spec.table} (dataset, agency, marking, first_seen, last_seen, source_record, ${names.join(', ')})
    SELECT $1, $2, $3, $4::timestamptz, $4::timestamptz, u.source_record, ${selected.join(', ')}
    FROM unnest(${arrays.join(', ')}) AS u(source_record, ${names.join(', ')})
    ON CONFLICT (dataset, ${spec.key.join(', ')}) DO UPDATE SET ${updated.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
}

function selectSql<T>(spec: TableSpec<T>): string {
  const own = spec.columns.map(([n]) => {
    const expr = spec.read[n];
    return expr ? `${expr} AS ${n}` : n;
  });
  return `SELECT dataset, source_record, agency, marking, ${isoText('first_seen')} AS first_seen, ${isoText('last_seen')} AS last_seen, ${own.join(', ')} FROM ${spec.table}`;
}

const SQL = {
  payments: { upsert: upsertSql(PAYMENTS), select: selectSql(PAYMENTS) },
  declarations: { upsert: upsertSql(DECLARATIONS), select: selectSql(DECLARATIONS) },
  positions: { upsert: upsertSql(POSITIONS), select: selectSql(POSITIONS) },
};

/**
 * PostgreSQL refuses to upsert one key twice in a statement: of rows sharing a
 * key within a batch, the last delivered wins (as a later batch's would).
 */
function lastPerKey<T>(rows: EventRow<T>[], key: readonly (keyof T)[]): EventRow<T>[] {
  const byKey = new Map<string, EventRow<T>>();
  for (const r of rows) byKey.set(key.length === 1 ? String(r.event[key[0]!]) : key.map((k) => String(r.event[k])).join('\u0000'), r);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

function params<T>(common: BatchProvenance, spec: TableSpec<T>, rows: EventRow<T>[]): unknown[] {
  const columns = spec.columns.map(([name, type]) =>
    type === 'jsonb'
      ? rows.map((r) => (r.event[name] == null ? null : JSON.stringify(r.event[name])))
      : rows.map((r) => r.event[name] ?? null),
  );
  return [common.dataset, common.agency, common.marking, common.seenAt, rows.map((r) => r.record), ...columns];
}

export class EventRepository {
  constructor(private readonly db: Db) {}

  /** Write a batch (each table in one statement); returns the number of rows written after de-duplication. */
  async upsert(common: BatchProvenance, batch: EventBatch): Promise<number> {
    return (
      (await this.write(common, PAYMENTS, SQL.payments.upsert, batch.payments)) +
      (await this.write(common, DECLARATIONS, SQL.declarations.upsert, batch.declarations)) +
      (await this.write(common, POSITIONS, SQL.positions.upsert, batch.positions))
    );
  }

  async upsertPayments(common: BatchProvenance, rows: EventRow<PaymentEvent>[]): Promise<number> {
    return this.write(common, PAYMENTS, SQL.payments.upsert, rows);
  }

  async upsertDeclarations(common: BatchProvenance, rows: EventRow<DeclarationEvent>[]): Promise<number> {
    return this.write(common, DECLARATIONS, SQL.declarations.upsert, rows);
  }

  async upsertPositions(common: BatchProvenance, rows: EventRow<PositionEvent>[]): Promise<number> {
    return this.write(common, POSITIONS, SQL.positions.upsert, rows);
  }

  private async write<T>(common: BatchProvenance, spec: TableSpec<T>, sql: string, rows: EventRow<T>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const unique = lastPerKey(rows, spec.key);
    await this.db.query(sql, params(common, spec, unique));
    return unique.length;
  }

  /** Refresh the planner's statistics of the event tables after a bulk load, where they are stale (see refreshStatistics). */
  async analyze(): Promise<void> {
    for (const table of ['payments', 'declarations', 'positions']) await refreshStatistics(this.db, table);
  }

  /** How many events of each kind a dataset holds. */
  async countByDataset(dataset: string): Promise<EventCounts> {
    const [row] = await this.db.query<EventCounts>(
      `SELECT (SELECT count(*)::int FROM payments WHERE dataset = $1) AS payments,
              (SELECT count(*)::int FROM declarations WHERE dataset = $1) AS declarations,
              (SELECT count(*)::int FROM positions WHERE dataset = $1) AS positions`,
      [dataset],
    );
    return { payments: Number(row!.payments), declarations: Number(row!.declarations), positions: Number(row!.positions) };
  }

  /** A vessel's positions in [from, to), in time order, from every dataset or one. */
  async positionsForMmsi(mmsi: string, from: string, to: string, dataset?: string): Promise<StoredPosition[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `${SQL.positions.select} WHERE mmsi = $1 AND ts >= $2::timestamptz AND ts < $3::timestamptz
       AND ($4::text IS NULL OR dataset = $4) ORDER BY ts, dataset`,
      [mmsi, from, to, dataset ?? null],
    );
    return rows.map((r) => stored<StoredPosition>('positions', r));
  }

  /**
   * Positions of the visible classes in (mmsi, time, dataset) order, a page at
   * a time after the key given (keyset paging: detection streams millions of
   * rows through this). Only the columns detection reads; time as epoch seconds.
   */
  async positionPage(visible: EventClassFilter, after: PositionKey | null, limit: number): Promise<PositionPageRow[]> {
    const rows = await this.db.query<PositionPageRow>(
      `SELECT mmsi, extract(epoch FROM ts)::float8 AS t, ts::text AS ts_text, lat, lon, sog, cog, draft, status, vessel_name, imo, call_sign, vessel_type,
              dataset, agency, marking, source_record
       FROM positions
       WHERE (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
         AND ($4::text IS NULL OR (mmsi, ts, dataset) > ($4, $5::timestamptz, $6))
       ORDER BY mmsi, ts, dataset
       LIMIT $7`,
      [visible.datasets, visible.agencies, visible.markings, after?.mmsi ?? null, after?.ts ?? null, after?.dataset ?? null, limit],
    );
    return rows;
  }

  /**
   * The visible positions of these MMSIs in (mmsi, time) order, within [from, to)
   * when given, at most `limit` rows (a vessel's page, for its view and track).
   */
  async vesselPositions(visible: EventClassFilter, mmsis: string[], range: { from?: string; to?: string }, limit: number): Promise<PositionPageRow[]> {
    if (mmsis.length === 0 || visible.datasets.length === 0) return [];
    return this.db.query<PositionPageRow>(
      `SELECT mmsi, extract(epoch FROM ts)::float8 AS t, ts::text AS ts_text, lat, lon, sog, cog, draft, status, vessel_name, imo, call_sign, vessel_type,
              dataset, agency, marking, source_record
       FROM positions
       WHERE mmsi = ANY($4::text[]) AND (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
         AND ($5::timestamptz IS NULL OR ts >= $5::timestamptz) AND ($6::timestamptz IS NULL OR ts < $6::timestamptz)
       ORDER BY mmsi, ts, dataset
       LIMIT $7`,
      [visible.datasets, visible.agencies, visible.markings, mmsis, range.from ?? null, range.to ?? null, limit],
    );
  }

  /** MMSIs that broadcast this IMO number in visible positions (a hull's radios over time). */
  async mmsisBroadcastingImo(visible: EventClassFilter, imo: string): Promise<string[]> {
    if (visible.datasets.length === 0) return [];
    const rows = await this.db.query<{ mmsi: string }>(
      `SELECT DISTINCT mmsi FROM positions
       WHERE imo = $4 AND (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
       ORDER BY mmsi`,
      [visible.datasets, visible.agencies, visible.markings, imo],
    );
    return rows.map((r) => r.mmsi);
  }

  /**
   * The broadcast identity of these MMSIs over time: for each static field
   * (name, IMO, call sign, ship type), the runs of one value in time order —
   * a value that comes back after another is a new run, so alternation shows.
   * Positions without the field (position-only messages) neither start nor end a run.
   */
  async staticRuns(visible: EventClassFilter, mmsis: string[], limit: number): Promise<StaticRun[]> {
    if (mmsis.length === 0 || visible.datasets.length === 0) return [];
    const field = (name: string, expr: string) => `
      SELECT mmsi, '${name}' AS field, v, run, min(ts) AS first_ts, max(ts) AS last_ts, count(*)::int AS fixes FROM (
        SELECT mmsi, ts, v, count(*) FILTER (WHERE changed) OVER (PARTITION BY mmsi ORDER BY ts ROWS UNBOUNDED PRECEDING) AS run FROM (
          SELECT mmsi, ts, v, v IS DISTINCT FROM lag(v) OVER (PARTITION BY mmsi ORDER BY ts) AS changed FROM (
            SELECT mmsi, ts, ${expr} AS v FROM visible_rows WHERE ${expr} IS NOT NULL
          ) a
        ) b
      ) c GROUP BY mmsi, v, run`;
    const rows = await this.db.query<{ mmsi: string; field: StaticRun['field']; v: string; first_ts: unknown; last_ts: unknown; fixes: number }>(
      `WITH visible_rows AS MATERIALIZED (
         SELECT mmsi, ts, vessel_name, imo, call_sign, vessel_type FROM positions
         WHERE mmsi = ANY($4::text[]) AND (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
       )
       SELECT mmsi, field, v, first_ts, last_ts, fixes FROM (
         ${field('name', 'vessel_name')} UNION ALL ${field('imo', 'imo')} UNION ALL ${field('callSign', 'call_sign')} UNION ALL ${field('vesselType', 'vessel_type::text')}
       ) runs ORDER BY first_ts, mmsi, field LIMIT $5`,
      [visible.datasets, visible.agencies, visible.markings, mmsis, limit],
    );
    return rows.map((r) => ({ mmsi: r.mmsi, field: r.field, value: r.v, from: toIso(r.first_ts), to: toIso(r.last_ts), fixes: Number(r.fixes) }));
  }

  /** Payments of the visible classes, in time order. */
  async visiblePayments(visible: EventClassFilter): Promise<StoredPayment[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `${SQL.payments.select} WHERE (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[])) ORDER BY ts, txn_id, dataset`,
      [visible.datasets, visible.agencies, visible.markings],
    );
    return rows.map((r) => stored<StoredPayment>('payments', r));
  }

  /** Declarations of the visible classes, by date. */
  async visibleDeclarations(visible: EventClassFilter): Promise<StoredDeclaration[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `${SQL.declarations.select} WHERE (dataset, agency, marking) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[])) ORDER BY date, declaration_id, dataset`,
      [visible.datasets, visible.agencies, visible.markings],
    );
    return rows.map((r) => stored<StoredDeclaration>('declarations', r));
  }

  /** A dataset's payments in time order (then by id), a page at a time. */
  async payments(dataset: string, limit: number, offset = 0): Promise<StoredPayment[]> {
    const rows = await this.db.query<Record<string, unknown>>(`${SQL.payments.select} WHERE dataset = $1 ORDER BY ts, txn_id LIMIT $2 OFFSET $3`, [
      dataset,
      limit,
      offset,
    ]);
    return rows.map((r) => stored<StoredPayment>('payments', r));
  }

  /** A dataset's declarations by date (then by id), a page at a time. */
  async declarations(dataset: string, limit: number, offset = 0): Promise<StoredDeclaration[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `${SQL.declarations.select} WHERE dataset = $1 ORDER BY date, declaration_id LIMIT $2 OFFSET $3`,
      [dataset, limit, offset],
    );
    return rows.map((r) => stored<StoredDeclaration>('declarations', r));
  }
}

/** A row as read, as the event it stores: timestamps in ISO form, numbers as numbers. */
function stored<T>(table: keyof typeof SQL, r: Record<string, unknown>): T {
  const out: Record<string, unknown> = { type: TYPE_OF[table], ...r };
  out.first_seen = toIso(r.first_seen);
  out.last_seen = toIso(r.last_seen);
  if ('ts' in r) out.ts = toIso(r.ts);
  return out as T;
}
