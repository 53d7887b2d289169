import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import { parse } from 'csv-parse';
import { SextantError } from '../errors.ts';
import { requireCapability } from '../policy/viewer.ts';
import { compareSubjects, prepareSubject } from '../screen/compare.ts';
import { lastEndDate } from '../screen/designations.ts';
import { ScreeningService, toSubject, type MatchResult, type QueryEntity } from '../screen/service.ts';
import { printJson, printJsonLine, printTable } from './output.ts';
import { withSession, type CliContext as Ctx } from './session.ts';

/** `sextant screen`: one name, a batch file, or pairs to compare without a list. */
export interface ScreenOptions {
  name?: string;
  schema: string;
  birthDate?: string;
  country?: string;
  id?: string;
  threshold: number;
  limit: number;
  dataset: string;
  input?: string;
  output?: string;
  json?: boolean;
}

function queryOf(row: { name?: string; schema?: string; birth_date?: string; country?: string; id_number?: string }, defaultSchema: string): QueryEntity {
  const properties: Record<string, string[]> = {};
  if (row.name) properties.name = [row.name];
  if (row.birth_date) properties.birthDate = [row.birth_date];
  if (row.country) properties.country = [row.country];
  if (row.id_number) properties.any = [row.id_number];
  return { schema: row.schema || defaultSchema, properties };
}

export async function runScreen(ctx: Ctx, opts: ScreenOptions): Promise<void> {
  if (!opts.name && !opts.input) throw new SextantError('bad_request', 'give --name "…" to screen one name, or --input FILE for a batch', { field: 'name' });
  if (opts.input && !opts.output) throw new SextantError('bad_request', '--input needs --output FILE.jsonl', { field: 'output' });
  if (opts.input) await readable(opts.input);
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:read');
    const service = new ScreeningService(store);
    const s = await scope();
    const match = async (queries: Record<string, QueryEntity>) => service.match(opts.dataset, queries, { limit: opts.limit, threshold: opts.threshold }, s);
    if (opts.name) {
      const q = queryOf({ name: opts.name, birth_date: opts.birthDate, country: opts.country, id_number: opts.id }, opts.schema);
      const r = (await match({ q }))['q']!;
      await gov.auditRead(viewer, 'screen.match', { dataset: opts.dataset, queries: 1, entities: r.results.map((x) => x.id) });
      if (opts.json) return printJson({ query: q, results: r.results });
      if (r.results.length === 0) return void process.stdout.write('no candidates\n');
      printTable(['score', 'match', 'id', 'schema', 'name', 'datasets', 'listed'], r.results.map((x) => [x.score.toFixed(3), x.match ? 'MATCH' : '', x.id, x.schema, x.caption, x.datasets.join(','), listedText(x)]));
      for (const x of r.results.filter((y) => y.match)) {
        process.stdout.write(`\n${x.caption} (${x.id}):\n`);
        for (const e of x.explanations) process.stdout.write(`  ${e.feature}: ${e.detail}${e.feature !== 'name' && e.effect !== 0 ? ` (${e.effect > 0 ? '+' : ''}${e.effect})` : ''}\n`);
      }
      return;
    }
    await screenBatch(opts, match, async (entities, queries) => gov.auditRead(viewer, 'screen.batch', { dataset: opts.dataset, input: opts.input, queries, entities }));
  });
}

/** Read CSV (name, schema, birth_date, country, id_number) or JSON lines ({name, schema, …} or yente query entities); write one JSON line per query. */
async function screenBatch(
  opts: ScreenOptions,
  match: (q: Record<string, QueryEntity>) => Promise<Record<string, { query: QueryEntity; results: unknown[] }>>,
  audit: (entities: string[], queries: number) => Promise<void>,
): Promise<void> {
  const out = createWriteStream(opts.output!);
  // A directory that does not exist or cannot be written fails here, naming the file, before anything is screened.
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (err) => reject(new SextantError('io_error', `cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { file: opts.output })));
  });
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'screening | {value} queries | {hits} with a match | {duration}s' }, cliProgress.Presets.shades_classic) : null;
  bar?.start(0, 0, { hits: 0 });
  const started = performance.now();
  let screened = 0;
  let hits = 0;
  let rejected = 0;
  const entities = new Set<string>();
  let batch: Array<{ line: number; q: QueryEntity }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const queries = Object.fromEntries(batch.map((b) => [String(b.line), b.q]));
    const r = await match(queries);
    for (const b of batch) {
      const res = r[String(b.line)]!;
      const results = res.results as Array<{ id: string; match: boolean }>;
      if (results.some((x) => x.match)) hits++;
      for (const x of results) entities.add(x.id);
      if (!out.write(JSON.stringify({ query: b.q, results }) + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    screened += batch.length;
    bar?.update(screened, { hits });
    batch = [];
  };
  for await (const { line, row } of readRows(opts.input!)) {
    try {
      const q = 'properties' in row && typeof row.properties === 'object' ? (row as unknown as QueryEntity) : queryOf(row as Record<string, string>, opts.schema);
      // One bad row never sinks the batch: it is reported with its line and skipped.
      toSubject(q, `line ${line}`);
      batch.push({ line, q });
    } catch (err) {
      rejected++;
      process.stderr.write(`sextant: ${opts.input}:${line}: ${err instanceof SextantError ? err.message : String(err)}\n`);
      continue;
    }
    if (batch.length >= 100) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  bar?.stop();
  await audit([...entities], screened);
  const seconds = (performance.now() - started) / 1000;
  const summary = { screened, hits, rejected, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(screened / Math.max(seconds, 0.001)), output: opts.output };
  if (opts.json) printJsonLine(summary);
  else process.stdout.write(`screened ${screened} (${rejected} refused), ${hits} with a match at ${opts.threshold}; ${summary.perSecond}/s; results in ${opts.output}\n`);
  if (rejected > 0) process.exitCode = 3;
}

async function* readRows(path: string): AsyncGenerator<{ line: number; row: Record<string, unknown> }> {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') {
    const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let line = 0;
    for await (const text of rl) {
      line++;
      if (!text.trim()) continue;
      try {
        yield { line, row: JSON.parse(text) as Record<string, unknown> };
      } catch (err) {
        process.stderr.write(`sextant: ${path}:${line}: not JSON: ${(err as Error).message}\n`);
      }
    }
    return;
  }
  if (ext !== '.csv') throw new SextantError('unsupported_format', `${path}: screening input is .csv or .jsonl`, { file: path });
  const parser = createReadStream(path).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, bom: true }));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line++;
    if (!('name' in row)) throw new SextantError('bad_request', `${path}: a "name" column is needed`, { file: path, field: 'name' });
    yield { line, row };
  }
}

/** A clear error naming the file, rather than a stream error halfway through. */
async function readable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (err) {
    throw new SextantError('io_error', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path });
  }
}

/** `sextant screen compare --pairs FILE.csv`: columns schema,name1,name2; one JSON line per pair. */
export async function runScreenCompare(opts: { pairs: string; threshold: number; json?: boolean }): Promise<void> {
  await readable(opts.pairs);
  const parser = createReadStream(opts.pairs).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, bom: true }));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line++;
    const schema = row.schema || 'LegalEntity';
    if (!row.name1 || !row.name2) {
      process.stderr.write(`sextant: ${opts.pairs}:${line}: name1 and name2 are needed\n`);
      process.exitCode = 3;
      continue;
    }
    const r = compareSubjects(prepareSubject({ schema, names: [row.name1] }), prepareSubject({ schema, names: [row.name2] }));
    const out = { name1: row.name1, name2: row.name2, schema, score: r.score, match: r.score >= opts.threshold, explanations: r.explanations };
    if (opts.json) printJsonLine(out);
    else process.stdout.write(`${r.score.toFixed(3)}  ${out.match ? 'MATCH ' : '      '}${row.name1} | ${row.name2}  — ${r.explanations.map((e) => e.detail).join('; ')}\n`);
  }
}

/** `sextant screen decide`: record that a subject is (--match) or is not (--no-match) a list entity. */
export async function runScreenDecide(
  ctx: Ctx,
  opts: { name: string; schema: string; birthDate?: string; country?: string; id?: string; entity: string; match?: boolean; noMatch?: boolean; note?: string; json?: boolean },
): Promise<void> {
  if (opts.match === opts.noMatch) throw new SextantError('bad_request', 'give one of --match or --no-match', { field: 'match' });
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:read');
    const query = queryOf({ name: opts.name, birth_date: opts.birthDate, country: opts.country, id_number: opts.id }, opts.schema);
    const d = await new ScreeningService(store).decide(await scope(), { query, entityId: opts.entity, decision: opts.match ? 'match' : 'no_match', note: opts.note });
    await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'screen.decide', purpose: viewer.purpose, details: { decision: d.id, entity: d.entityId, entities: [d.entityId], verdict: d.decision } });
    if (opts.json) return printJson(d);
    process.stdout.write(`decision ${d.id}: "${opts.name}" ${d.decision === 'match' ? 'IS' : 'is NOT'} ${d.entityId} (by ${d.decidedBy}, ${d.decidedAt}); undo with sextant screen undecide ${d.id}\n`);
  });
}

export async function runScreenDecisions(ctx: Ctx, opts: { entity?: string; revoked?: boolean; limit: number; offset: number; json?: boolean }): Promise<void> {
  await withSession(ctx, async ({ store, viewer }) => {
    requireCapability(viewer, 'data:read');
    const r = await new ScreeningService(store).listDecisions(viewer.agencyId, { entity: opts.entity, includeRevoked: opts.revoked, limit: opts.limit, offset: opts.offset });
    if (opts.json) return printJson(r);
    process.stdout.write(`${r.total} decision${r.total === 1 ? '' : 's'} of ${viewer.agencyId}\n`);
    printTable(
      ['id', 'decision', 'subject', 'entity', 'by', 'at', 'state'],
      r.decisions.map((d) => [d.id, d.decision, (d.subject.properties.name ?? []).join(' / '), d.entityId, d.decidedBy, d.decidedAt.slice(0, 19), d.revokedAt ? `revoked by ${d.revokedBy}` : 'standing']),
    );
  });
}

export async function runScreenUndecide(ctx: Ctx, id: string): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'data:read');
    await new ScreeningService(store).revokeDecision(viewer.agencyId, id, viewer.username);
    await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'screen.undecide', purpose: viewer.purpose, details: { decision: id } });
    process.stdout.write(`decision ${id} taken back\n`);
  });
}

/** In force, lifted, or never designated: the table's last column. */
function listedText(r: MatchResult): string {
  if (r.sanctions.length === 0) return '';
  if (r.delisted) return `delisted ${lastEndDate(r.sanctions) ?? ''}`.trim();
  return [...new Set(r.sanctions.filter((s) => s.inForce).map((s) => s.authority ?? 'listed'))].join(', ');
}
