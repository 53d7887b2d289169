import { SextantError } from '../errors.ts';
import { downloadList } from '../readers/download.ts';
import { ingest } from '../readers/ingest.ts';
import { ListService, type ListSummary } from '../store/list-service.ts';
import type { ChangeKind } from '../store/lists.ts';
import { printSummary, summaryJson } from './ingest.ts';
import { printJson, printJsonLine, printTable, setPartial } from './output.ts';
import { requireCapability } from '../policy/viewer.ts';
import { withSession, type CliContext as Ctx } from './session.ts';

/** `sextant lists --json` keeps exactly these first keys. */
function listJson(s: ListSummary): Record<string, unknown> {
  return {
    dataset: s.dataset,
    authority: s.authority,
    version: s.version,
    designations: s.designations,
    added: s.added,
    removed: s.removed,
    changed: s.changed,
    versionDate: s.versionDate,
    ingestedAt: s.ingestedAt,
    lastSeen: s.lastSeen,
  };
}

export async function runLists(ctx: Ctx, opts: { json?: boolean }): Promise<void> {
  await withSession(ctx, async ({ store, scope }) => {
    const rows = await new ListService(store).summaries(await scope());
    if (opts.json) return printJson(rows.map(listJson));
    if (rows.length === 0) return void process.stdout.write('no lists yet: ingest one with `sextant ingest PATH`\n');
    printTable(
      ['dataset', 'authority', 'version', 'date', 'designations', 'added', 'removed', 'changed'],
      rows.map((r) => [r.dataset, r.authority, r.version, (r.versionDate ?? r.ingestedAt).slice(0, 10), r.designations, r.added, r.removed, r.changed]),
    );
  });
}

export async function runListsChanges(
  ctx: Ctx,
  dataset: string,
  opts: { version?: number; kind?: ChangeKind; limit: number; offset: number; json?: boolean },
): Promise<void> {
  await withSession(ctx, async ({ store, scope }) => {
    const result = await new ListService(store).changes(dataset, opts, await scope());
    if (opts.json) return printJson(result);
    const s = result.summary;
    process.stdout.write(
      `${dataset} version ${result.version}${result.previous ? ` against version ${result.previous}` : ''}: ` +
        `${s.designations} designations, +${s.added} -${s.removed} ~${s.changed}\n`,
    );
    printTable(['change', 'id', 'schema', 'name'], result.changes.map((c) => [c.change, c.id, c.schema, c.caption]));
    if (result.total > result.offset + result.changes.length) {
      process.stdout.write(`… ${result.total - result.offset - result.changes.length} more (use --offset ${result.offset + result.changes.length})\n`);
    }
  });
}

export async function runListsDiff(ctx: Ctx, a: string, b: string, opts: { json?: boolean; all?: boolean }): Promise<void> {
  await withSession(ctx, async ({ store, scope }) => {
    const diff = await new ListService(store).diff(a, b, await scope());
    if (opts.json) return printJson(diff);
    process.stdout.write(`${diff.onlyInA.length} designated by ${a} and not by ${b}; ${diff.onlyInB.length} by ${b} and not by ${a}; ${diff.inBoth.length} on both\n`);
    const section = (title: string, rows: typeof diff.onlyInA) => {
      process.stdout.write(`\n${title}\n`);
      printTable(['id', 'schema', 'name', 'evidence'], rows.map((r) => [r.id, r.schema, r.caption, (r.counterpart ? `= ${r.counterpart.id}: ` : '') + r.evidence.details.join('; ')]));
    };
    section(`only in ${a}:`, diff.onlyInA);
    section(`only in ${b}:`, diff.onlyInB);
    if (opts.all) section('on both:', diff.inBoth);
  });
}

export async function runListsUpdate(ctx: Ctx, opts: { only?: string[]; json?: boolean }): Promise<void> {
  const sources = ctx.config.listSources.filter((s) => !opts.only || opts.only.includes(s.dataset));
  if (opts.only) {
    const unknown = opts.only.filter((d) => !sources.some((s) => s.dataset === d));
    if (unknown.length > 0) throw new SextantError('bad_request', `no configured list source for ${unknown.join(', ')}`, { field: 'only' });
  }
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'data:write');
    let failed = 0;
    for (const source of sources) {
      let download;
      try {
        download = await downloadList(source);
      } catch (err) {
        // One unreachable publisher must not stop the others from updating.
        failed++;
        const message = err instanceof SextantError ? err.message : String(err);
        if (opts.json) printJsonLine({ dataset: source.dataset, error: message });
        else process.stderr.write(`sextant: ${source.dataset}: ${message}\n`);
        continue;
      }
      try {
        const summary = await ingest(store, {
          path: download.path,
          source: source.urls.join(' '),
          format: source.format,
          dataset: source.dataset,
          agency: ctx.config.defaultAgency,
          quarantineDir: ctx.config.quarantineDir,
          // The OFAC CSV set carries no date: the publisher's Last-Modified dates the version, and so the end date of
          // what it delists. A date the files carry (UN XML, BIS) wins over it.
          ...(download.lastModified ? { fallbackVersionDate: download.lastModified } : {}),
        });
        await gov.audit.append({
          actor: viewer.username,
          agency: viewer.agencyId,
          action: 'ingest',
          purpose: viewer.purpose,
          details: { runs: [{ path: summary.path, dataset: summary.dataset, entities: summary.entities, statements: summary.statements, version: summary.version?.version ?? null }] },
        });
        if (opts.json) printJsonLine(summaryJson(summary));
        else printSummary(summary);
        if (summary.rejected > 0 || summary.rejectedValues > 0) setPartial();
      } finally {
        await download.cleanup();
      }
    }
    if (failed > 0) process.exitCode = failed === sources.length ? 1 : 3;
  });
}
