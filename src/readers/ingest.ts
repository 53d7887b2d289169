import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { SextantError } from '../errors.ts';
import { DATASET_NAME } from '../model/ids.ts';
import { getSchema } from '../model/schemata.ts';
import { canonicalMarking, DEFAULT_LEVELS, type Ladder } from '../policy/markings.ts';
import { groupByEntity } from '../store/entity-service.ts';
import type { Store } from '../store/index.ts';
import type { StagedRef, VersionRow } from '../store/lists.ts';
import { encodeStatements, statementId, type NewStatement } from '../store/statements.ts';
import { timestamp } from './event_table.ts';
import { describeInput, detectReader } from './index.ts';
import { BATCH_STATEMENTS, prepareBatches, type PreparedBatch, type PreparedTotals } from './prepare.ts';
import { batchesFromWorker, WorkerUnavailable } from './prepare-worker.ts';
import { Quarantine, type QuarantineEntry } from './quarantine.ts';
import type { ReaderInput } from './types.ts';

export interface IngestOptions {
  path: string;
  /** What to record as the source (e.g. the download URLs) when `path` is a temporary copy. */
  source?: string;
  format?: string;
  dataset?: string;
  agency?: string;
  /** Marking for the statements; default: the dataset's default marking. */
  marking?: string;
  /**
   * Default marking of a new dataset that is not an official list (those are
   * public: TLP:CLEAR): the holding agency's default. Default TLP:AMBER.
   */
  agencyDefaultMarking?: string;
  /** Classification ladder markings are checked against. */
  ladder?: Ladder;
  /** Where the quarantine file goes. */
  quarantineDir: string;
  /** Called every few thousand records with the count so far. */
  onProgress?: (records: number) => void;
  /**
   * The list's publication date (YYYY-MM-DD), for files that carry none (the
   * OFAC CSV set): the version's date, and so the end date a delisting gives.
   * A date the files do carry wins over it only when this is not given.
   */
  versionDate?: string;
  /**
   * A publication date to fall back on when neither `versionDate` is given nor
   * the files carry one: `lists update` passes the publisher's Last-Modified.
   */
  fallbackVersionDate?: string;
  /**
   * When the input was received (ISO 8601 with Z or an offset): the time of AIS
   * NMEA sentences that carry none of their own (no tag block, no prefix).
   */
  receivedAt?: string;
  /**
   * Read and validate in a worker thread while this thread writes. Default: for
   * an official list of a megabyte or more, on a machine with two cores or more.
   * Not for entity files: they can be of any size, and there the worker's own
   * heap counts against the 600 MB the ingest keeps to (a one-off script, not
   * the bench, on the bench's million-entity file on PGlite: 587 MB and 69 s
   * with the worker, 533 MB and 93 s without).
   */
  prepareInWorker?: boolean;
}

/** The run summary; its first eight keys are the `ingest --json` contract. */
export interface IngestSummary {
  path: string;
  format: string;
  dataset: string;
  records: number;
  accepted: number;
  rejected: number;
  entities: number;
  statements: number;
  /** Values refused while their entity was kept (unknown property, failed check, dangling reference). */
  rejectedValues: number;
  version: { version: number; new: boolean; designations: number; added: number; removed: number; changed: number } | null;
  quarantine: string | null;
  /** The first few problems, for the console; the quarantine file has them all. */
  problems: QuarantineEntry[];
  /** Events (payments, declarations, positions) written: one per accepted event record. */
  events: number;
}

/** Lists at least this large are prepared in a worker thread (prepare-worker.ts): starting one costs about 0.4 s. */
const WORKER_MIN_BYTES = 1 << 20;

/**
 * Read one input with its reader, validate and normalise every entity, and
 * write statements in batches. Then, in SQL: refuse references that point
 * nowhere, and record the run as a new version of the dataset when its
 * content changed (same content: only last_seen moves). Events (payments,
 * declarations, positions) go to their own tables in batches; an event
 * stream has no references to check and no versions: re-ingest only moves
 * last_seen.
 */
export async function ingest(store: Store, opts: IngestOptions): Promise<IngestSummary> {
  const receivedAt = opts.receivedAt === undefined ? undefined : checkReceivedAt(opts.receivedAt);
  const versionDate = opts.versionDate === undefined ? undefined : checkVersionDate(opts.versionDate);
  const fallbackVersionDate = opts.fallbackVersionDate === undefined ? undefined : checkVersionDate(opts.fallbackVersionDate);
  const input = await describeInput(opts.path);
  const reader = detectReader(input, opts.format);
  const dataset = opts.dataset ?? defaultDatasetName(reader.format, reader.isList, opts.path);
  if (!DATASET_NAME.test(dataset)) {
    throw new SextantError('bad_request', `dataset name ${JSON.stringify(dataset)} must be lower-case letters, digits and _ (starting with a letter)`, {
      field: 'dataset',
    });
  }
  const meta = reader.meta ? await reader.meta(input) : undefined;
  const ds = await store.lists.upsertDataset({
    name: dataset,
    format: reader.format,
    is_list: reader.isList,
    authority: meta?.authority ?? null,
    source_url: meta?.sourceUrl ?? null,
    agency: opts.agency ?? 'local',
    default_marking: reader.isList ? 'TLP:CLEAR' : canonicalMarking(opts.agencyDefaultMarking ?? 'TLP:AMBER', opts.ladder ?? DEFAULT_LEVELS),
  });
  const agency = opts.agency ?? ds.agency;
  if (agency !== ds.agency) {
    // One agency's dataset is not another's to overwrite (nor to re-mark).
    throw new SextantError('conflict', `dataset ${dataset} is held by ${ds.agency}; ingest under another dataset name`, { field: 'dataset', dataset });
  }
  // Stored in canonical form: the policy module decides per distinct marking text.
  const marking = canonicalMarking(opts.marking ?? ds.default_marking, opts.ladder ?? DEFAULT_LEVELS);
  const runId = randomUUID();
  const now = new Date().toISOString();
  const quarantine = new Quarantine(opts.quarantineDir, `${dataset}-${now.replace(/[:.]/g, '-')}`);

  const provenance = { dataset, agency, marking, seenAt: now };
  const job = { path: opts.path, format: reader.format, dataset, ...(receivedAt ? { receivedAt } : {}) };
  const useWorker = opts.prepareInWorker ?? (reader.isList && !reader.events && availableParallelism() >= 2 && (await inputBytes(input)) >= WORKER_MIN_BYTES);
  const batches = useWorker ? batchesFromWorker(job) : prepareBatches(reader, input, job);
  // One batch is written while the next is prepared: in a worker thread, or
  // (with a PostgreSQL server) while the server writes. At most one write is in flight.
  let inFlight: Promise<void> = Promise.resolve();
  const write = async (batch: PreparedBatch): Promise<void> => {
    await inFlight;
    inFlight = (async () => {
      await store.statements.upsert(provenance, batch.statements);
      await store.statements.upsertExtras(batch.extras);
      await store.lists.stageEntities(runId, batch.staged);
      await store.lists.stageRefs(runId, batch.refs);
      await store.events.upsert(provenance, batch.events);
    })();
    // A failed write must surface at the next batch, not as an unhandled rejection.
    inFlight.catch(() => undefined);
  };
  const take = async (batch: PreparedBatch): Promise<void> => {
    for (const p of batch.problems) quarantine.add(p);
    if (opts.onProgress) opts.onProgress(batch.records);
    await write(batch);
  };
  // A run that fails leaves no staging rows behind and its quarantine written; the statements it wrote stay
  // (ingest is idempotent: run it again).
  const { counts, classes, version } = await (async () => {
    let totals: PreparedTotals;
    try {
      totals = await drain(batches, take);
    } catch (err) {
      if (!(err instanceof WorkerUnavailable)) throw err;
      // Nothing was written yet: prepare in this thread instead.
      process.emitWarning(`the ingest worker thread could not start (${err.message}); reading in this thread`, { code: 'SEXTANT_INGEST_WORKER' });
      totals = await drain(prepareBatches(reader, input, job), take);
    }
    await inFlight;
    const { classes, ...counts } = totals;
    // Planner statistics for what was bulk-loaded: without them detection's keyset paging sorts every remaining
    // row per page, and entity reads by id scan the whole statements table (PGlite never runs autovacuum; a server
    // runs it late), so loading grows with the square of the rows.
    if (counts.events > 0) await store.events.analyze();
    else if (counts.statements > 0) await store.statements.analyze();

    if (!reader.events) counts.rejected += await refuseDanglingReferences(store, runId, dataset, quarantine, counts);
    // An event stream is not a list: it has no versions.
    const version = reader.events ? null : await recordVersion(store, {
      runId,
      dataset,
      versionDate: versionDate ?? meta?.versionDate ?? fallbackVersionDate ?? null,
      sourcePath: opts.source ?? opts.path,
      now,
      agency,
      marking,
    });
    return { counts, classes, version };
  })().catch(async (err: unknown) => {
    await inFlight.catch(() => undefined);
    await store.lists.clearStaging(runId).catch(() => undefined);
    await quarantine.close().catch(() => undefined);
    throw err;
  });
  await store.lists.clearStaging(runId);
  await store.statements.addClasses(
    [...classes].map((c) => {
      const [schema, prop, prop_type] = c.split('\u0000') as [string, string, string];
      return { dataset, agency, marking, schema, prop, prop_type };
    }),
  );
  await quarantine.close();
  const summary: IngestSummary = {
    path: opts.source ?? opts.path,
    format: reader.format,
    dataset,
    records: counts.records,
    accepted: counts.records - counts.rejected,
    rejected: counts.rejected,
    entities: counts.entities,
    statements: counts.statements,
    rejectedValues: counts.rejectedValues,
    version: version && {
      version: version.row.version,
      new: version.isNew,
      designations: version.row.designations,
      added: version.row.added,
      removed: version.row.removed,
      changed: version.row.changed,
    },
    quarantine: quarantine.written,
    problems: quarantine.entries,
    events: counts.events,
  };
  await store.lists.recordRun({
    id: runId,
    dataset,
    path: opts.source ?? opts.path,
    format: reader.format,
    started_at: now,
    records: summary.records,
    accepted: summary.accepted,
    rejected: summary.rejected,
    entities: summary.entities,
    statements: summary.statements,
    events: summary.events,
    version: summary.version?.version ?? null,
  });
  return summary;
}

/** `--received-at`: an ISO 8601 timestamp with Z or an offset, as UTC. */
function checkReceivedAt(raw: string): string {
  const r = timestamp(raw);
  if (!r?.ok) {
    throw new SextantError('bad_request', `--received-at ${JSON.stringify(raw)}: ${r ? r.reason : 'not a timestamp'}`, { field: 'receivedAt' });
  }
  return r.value;
}

/** `--version-date`: a real calendar day, YYYY-MM-DD. */
function checkVersionDate(raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const d = m ? new Date(`${raw}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) {
    throw new SextantError('bad_request', `--version-date ${JSON.stringify(raw)}: not a date in the form YYYY-MM-DD`, { field: 'versionDate' });
  }
  return raw;
}

/** Default dataset: the list's format for official lists, the file's name otherwise. */
export function defaultDatasetName(format: string, isList: boolean, path: string): string {
  if (isList) return format;
  const stem = basename(path)
    .replace(/\.(ftm\.json|jsonl?|csv|txt|xml|nmea)$/i, '')
    .replace(/\.entities$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(stem) ? stem : `ds_${stem}`;
  return name.slice(0, 64) || format;
}

/**
 * References are checked once the whole input is in (they may point forward
 * in the file, or at entities ingested earlier). A reference to nothing is
 * refused; an entity left without a required reference is refused as a whole.
 * Returns the number of records refused that way.
 */
async function refuseDanglingReferences(
  store: Store,
  runId: string,
  dataset: string,
  quarantine: Quarantine,
  counts: { entities: number; statements: number; rejectedValues: number },
): Promise<number> {
  const dangling = await store.lists.danglingRefs(runId);
  if (dangling.length === 0) return 0;
  for (const ref of dangling) {
    quarantine.add({
      file: ref.file,
      line: ref.line,
      field: ref.prop,
      reason: `reference to unknown entity ${ref.target}`,
      ...(ref.record ? { record: ref.record } : {}),
      value: ref.target,
    });
  }
  await store.statements.deleteValues(
    dataset,
    dangling.map((r) => ({ entity_id: r.entity_id, prop: r.prop, value: r.target })),
  );
  counts.statements -= dangling.length;
  counts.rejectedValues += dangling.length;
  // Targets that do not exist were staged as "designated" by Sanctions: not a designation.
  await store.lists.unstageEntities(runId, [...new Set(dangling.map((r) => r.target))]);

  const firstRef = new Map<string, StagedRef>();
  for (const d of dangling) if (!firstRef.has(d.entity_id)) firstRef.set(d.entity_id, d);
  const remaining = groupByEntity(await store.statements.forEntitiesInDataset(dataset, [...firstRef.keys()]));
  const refusedIds: string[] = [];
  for (const [id, ref] of firstRef) {
    const rows = remaining.get(id) ?? [];
    const schema = getSchema(rows[0]?.schema ?? ref.schema);
    const missing = schema?.required.filter((p) => !rows.some((r) => r.prop === p)) ?? [];
    if (missing.length === 0) continue;
    quarantine.add({
      file: ref.file,
      line: ref.line,
      field: missing[0]!,
      reason: `${schema?.name ?? 'entity'} ${id} refused: its ${missing.join(', ')} points at no known entity`,
      ...(ref.record ? { record: ref.record } : {}),
    });
    refusedIds.push(id);
    counts.entities--;
    counts.statements -= rows.length;
  }
  await store.statements.deleteEntities(dataset, refusedIds);
  await store.lists.unstageEntities(runId, refusedIds);
  const refused = refusedIds.length;
  return refused;
}

async function recordVersion(
  store: Store,
  args: { runId: string; dataset: string; versionDate: string | null; sourcePath: string; now: string; agency: string; marking: string },
): Promise<{ row: VersionRow; isNew: boolean } | null> {
  const { hash, entities } = await store.lists.runContentHash(args.runId);
  // The same content as a version already recorded (re-ingest of the same file,
  // even of an older one) is not a new version: only last_seen moves.
  const same = await store.lists.versionWithHash(args.dataset, hash);
  if (same) {
    await store.lists.touchVersion(args.dataset, same.version, args.now);
    return { row: { ...same, last_seen: args.now }, isNew: false };
  }
  const previous = await store.lists.latestVersion(args.dataset);
  if (entities === 0 && !previous) return null;
  const version = (previous?.version ?? 0) + 1;
  const row = await store.lists.createVersion({
    runId: args.runId,
    dataset: args.dataset,
    version,
    versionDate: args.versionDate,
    contentHash: hash,
    sourcePath: args.sourcePath,
    at: args.now,
    entities,
  });
  await markDelisted(store, args, version);
  return { row, isNew: true };
}

/**
 * A Sanction that was in the previous version and is missing from this one
 * was lifted: it keeps all its history and gains an end date. One that comes
 * back loses the end date its delisting gave it.
 */
async function markDelisted(
  store: Store,
  args: { dataset: string; versionDate: string | null; now: string; agency: string; marking: string },
  version: number,
): Promise<void> {
  const endDate = (args.versionDate ?? args.now).slice(0, 10);
  const dropped = await store.lists.droppedSanctions(args.dataset, version);
  const rows: NewStatement[] = dropped.map((id) => ({
    id: statementId(args.dataset, id, 'endDate', endDate),
    entity_id: id,
    prop: 'endDate',
    value: endDate,
    schema: 'Sanction',
    prop_type: 'date',
    original: null,
    match: null,
    source_record: `delisted in version ${version}`,
  }));
  const provenance = { dataset: args.dataset, agency: args.agency, marking: args.marking, seenAt: args.now };
  for (let i = 0; i < rows.length; i += BATCH_STATEMENTS) await store.statements.upsert(provenance, encodeStatements(rows.slice(i, i + BATCH_STATEMENTS)));
  await store.statements.clearDelistingOfRelisted(args.dataset, version);
}

/** Feed every batch to `each` in turn; the generator's return value (the run's totals) at the end. */
async function drain<B, R>(batches: AsyncGenerator<B, R, undefined>, each: (batch: B) => Promise<void>): Promise<R> {
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) return next.value;
      await each(next.value);
    }
  } catch (err) {
    // A write failed: end the generator too (a worker thread would keep the process alive).
    await batches.return(undefined as R).catch(() => undefined);
    throw err;
  }
}

/** Size of the input on disk: a file's, or the sum of a directory's files. */
async function inputBytes(input: ReaderInput): Promise<number> {
  if (!input.isDirectory) return (await stat(input.path)).size;
  let total = 0;
  for (const f of input.files) total += await stat(join(input.path, f)).then((s) => (s.isFile() ? s.size : 0), () => 0);
  return total;
}
