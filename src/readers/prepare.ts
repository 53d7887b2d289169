import { hash } from 'node:crypto';
import { EVENT_SCHEMA } from '../model/events.ts';
import { validateEntity, type ValidEntity } from '../model/validate.ts';
import type { ColumnBatch } from '../store/columns.ts';
import { addToBatch, emptyEventBatch, eventBatchSize, type EventBatch } from '../store/events.ts';
import { encodeStagedEntities, encodeStagedRefs, type StagedEntity, type StagedRef } from '../store/lists.ts';
import { encodeExtras, encodeStatements, statementId, type ExtrasRow, type NewStatement } from '../store/statements.ts';
import type { QuarantineEntry } from './quarantine.ts';
import type { Reader, ReaderInput } from './types.ts';

/**
 * From a reader's items to batches ready to write: validation and
 * normalisation, statement ids, content hashes, the run's staging rows and its
 * quarantine entries, each table's rows encoded as array literals. No store is
 * touched here, so ingest can run this in a worker thread (prepare-worker.ts)
 * while its own thread writes: with the embedded database, writing takes all
 * of that thread's time.
 */

export const BATCH_STATEMENTS = 5000;
const FIRST_BATCH_STATEMENTS = 500;
/** Events are narrow rows written by the million (AIS): larger batches, fewer round trips. */
const BATCH_EVENTS = 10_000;
/** A run of rejected records writes nothing, but its quarantine entries must not pile up in memory. */
const BATCH_PROBLEMS = 5000;

export interface PreparedBatch {
  statements: ColumnBatch;
  staged: ColumnBatch;
  refs: ColumnBatch;
  extras: ColumnBatch;
  events: EventBatch;
  /** Quarantine entries, in input order. */
  problems: QuarantineEntry[];
  /** Records read so far, for progress. */
  records: number;
}

export interface PreparedTotals {
  records: number;
  /** Records refused as a whole (any of their items refused). */
  rejected: number;
  entities: number;
  statements: number;
  /** Values refused while their entity was kept. */
  rejectedValues: number;
  events: number;
  /** The statement classes written, as `schema\0prop\0type`. */
  classes: string[];
}

export interface PrepareOptions {
  dataset: string;
  receivedAt?: string;
}

export async function* prepareBatches(reader: Reader, input: ReaderInput, opts: PrepareOptions): AsyncGenerator<PreparedBatch, PreparedTotals, undefined> {
  const { dataset } = opts;
  const counts = { records: 0, rejected: 0, entities: 0, statements: 0, rejectedValues: 0, events: 0 };
  // The (schema, property) pairs written: with the run's dataset, agency and
  // marking they are the statement classes the policy module decides on. The
  // events of one kind are one class (schema, property "*"). Delisting may add
  // Sanction end dates to any entity dataset, never to an event stream.
  const classes = new Set<string>(reader.events ? [] : ['Sanction\u0000endDate\u0000date']);
  let statements: NewStatement[] = [];
  let staged: StagedEntity[] = [];
  let refs: StagedRef[] = [];
  let extras: ExtrasRow[] = [];
  let events = emptyEventBatch();
  let problems: QuarantineEntry[] = [];
  const take = (): PreparedBatch => {
    const batch = {
      statements: encodeStatements(dedupe(statements)),
      staged: encodeStagedEntities(staged),
      refs: encodeStagedRefs(refs),
      extras: encodeExtras(extras),
      events,
      problems,
      records: counts.records,
    };
    statements = [];
    staged = [];
    refs = [];
    extras = [];
    events = emptyEventBatch();
    problems = [];
    return batch;
  };

  // The first batches are small and double up to BATCH_STATEMENTS: the writer
  // starts on the first rows while the reader (cold, in a new worker) reads on.
  let limit = FIRST_BATCH_STATEMENTS;
  let currentRecord: string | null = null;
  let currentRejected = false;
  const closeRecord = (): void => {
    if (currentRecord !== null && currentRejected) counts.rejected++;
  };

  for await (const item of reader.read(input, { dataset, ...(opts.receivedAt ? { receivedAt: opts.receivedAt } : {}) })) {
    if (problems.length >= BATCH_PROBLEMS) yield take();
    // An event reader yields one item per record; its record ids (an AIS line,
    // a repeated txn_id) need not tell neighbouring records apart.
    // A one-line file (minified XML) holds many records on one line: the record id tells those apart.
    const recordKey = reader.events ? `${item.file}\u0000#${item.line}\u0000${item.record ?? ''}` : `${item.file}\u0000${item.record ?? `#${item.line}`}`;
    if (recordKey !== currentRecord) {
      closeRecord();
      currentRecord = recordKey;
      currentRejected = false;
      counts.records++;
    }
    if (item.kind === 'reject') {
      currentRejected = true;
      problems.push(stripUndefined({ file: item.file, line: item.line, field: item.field, reason: item.reason, record: item.record }));
      continue;
    }
    if (item.kind === 'accepted') {
      // A record kept that is no event of its own (an AIS static report): only its dropped values to report.
      for (const issue of item.issues) {
        counts.rejectedValues++;
        problems.push({ file: item.file, line: item.line, field: issue.field, reason: issue.reason, record: item.record, value: issue.value });
      }
      continue;
    }
    if (item.kind === 'event') {
      for (const issue of item.issues) {
        counts.rejectedValues++;
        problems.push({ file: item.file, line: item.line, field: issue.field, reason: issue.reason, record: item.record, value: issue.value });
      }
      addToBatch(events, item.record, item.event);
      classes.add(`${EVENT_SCHEMA[item.event.type]}\u0000*\u0000event`);
      counts.events++;
      if (eventBatchSize(events) >= BATCH_EVENTS) yield take();
      continue;
    }
    const result = validateEntity(item.entity);
    if (!result.ok) {
      currentRejected = true;
      problems.push({ file: item.file, line: item.line, field: result.field, reason: result.reason, record: item.record });
      continue;
    }
    const entity = result.entity;
    for (const issue of entity.issues) {
      counts.rejectedValues++;
      problems.push({ file: item.file, line: item.line, field: issue.prop, reason: issue.reason, record: item.record, value: issue.value });
    }
    counts.entities++;
    const entityHash = contentHash(entity);
    staged.push({ entity_id: entity.id, content_hash: entityHash, designated: false, is_sanction: entity.schema === 'Sanction' });
    for (const v of entity.values) {
      classes.add(`${entity.schema}\u0000${v.prop}\u0000${v.type}`);
      statements.push({
        id: statementId(dataset, entity.id, v.prop, v.value),
        entity_id: entity.id,
        prop: v.prop,
        value: v.value,
        schema: entity.schema,
        prop_type: v.type,
        original: v.original ?? null,
        match: v.match ?? null,
        source_record: item.record,
      });
      if (v.type === 'entity') {
        refs.push({ entity_id: entity.id, schema: entity.schema, prop: v.prop, target: v.value, file: item.file, line: item.line, record: item.record });
        // A Sanction designates what it points at; its content counts towards the target's change hash.
        if (entity.schema === 'Sanction' && v.prop === 'entity') {
          staged.push({ entity_id: v.value, content_hash: entityHash, designated: true, is_sanction: false });
        }
      }
    }
    if (entity.extras) extras.push({ dataset, entity_id: entity.id, extras: JSON.stringify(entity.extras) });
    counts.statements += entity.values.length;
    if (statements.length >= limit) {
      yield take();
      limit = Math.min(BATCH_STATEMENTS, limit * 2);
    }
  }
  closeRecord();
  yield take();
  return { ...counts, classes: [...classes] };
}

/** sha1 of the schema and each sorted `\u0001prop\u0000value`, as stored content hashes have been computed (one-shot: cheaper than a Hash object). */
export function contentHash(entity: ValidEntity): string {
  const parts = entity.values.map((v) => `${v.prop}\u0000${v.value}`).sort();
  return hash('sha1', entity.schema + parts.map((p) => '\u0001' + p).join(''), 'base64url').slice(0, 16);
}

/** Postgres refuses to upsert one key twice in a statement: keep the last of duplicates within a batch. */
function dedupe(rows: NewStatement[]): NewStatement[] {
  const seen = new Map<string, NewStatement>();
  for (const r of rows) seen.set(r.id, r);
  return seen.size === rows.length ? rows : [...seen.values()];
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
