import { SextantError } from '../errors.ts';
import { EntityService } from '../store/entity-service.ts';
import type { StatementRow } from '../store/statements.ts';
import { exportEntities } from '../store/export.ts';
import { printJson, printTable } from './output.ts';
import { withSession, type CliContext as Ctx } from './session.ts';

export async function runEntity(ctx: Ctx, id: string, opts: { json?: boolean }): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    const s = await scope();
    const view = await new EntityService(store).get(id, s);
    await gov.auditRead(viewer, 'entity.read', { entities: [view.id], marked: s.takeMarkedCount() });
    if (opts.json) return printJson(view);
    process.stdout.write(`${view.caption}  [${view.schema}] ${view.id}\ndatasets: ${view.datasets.join(', ')}\n\n`);
    const rows: string[][] = [];
    for (const [prop, values] of Object.entries(view.provenance).sort(([a], [b]) => a.localeCompare(b))) {
      for (const v of values) rows.push([prop, v.value, `${v.dataset}#${v.record ?? ''}`, v.marking, v.last_seen.slice(0, 10)]);
    }
    printTable(['property', 'value', 'source', 'marking', 'last seen'], rows);
    if (view.related.length > 0) {
      process.stdout.write('\nrelated:\n');
      printTable(['direction', 'via', 'id', 'schema', 'name'], view.related.map((r) => [r.direction, r.prop, r.id, r.schema, r.caption]));
    }
  });
}

export async function runSearch(ctx: Ctx, query: string, opts: { schema?: string; limit: number; offset: number; json?: boolean }): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    const result = await new EntityService(store).search(query, opts, await scope());
    await gov.auditRead(viewer, 'search', { query, entities: result.results.map((r) => r.id) });
    if (opts.json) return printJson(result);
    process.stdout.write(`${result.total} match${result.total === 1 ? '' : 'es'} for "${query}"\n`);
    printTable(['score', 'id', 'schema', 'name', 'datasets'], result.results.map((h) => [h.score.toFixed(2), h.id, h.schema, h.name, h.datasets.join(',')]));
  });
}

/** The viewer's view of the store as FtM JSON lines; audited with every entity that went out. */
export async function runExport(ctx: Ctx, opts: { dataset?: string }): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    if (!viewer.capabilities.has('data:export')) {
      throw new SextantError('forbidden', `exporting needs the data:export permission, which ${viewer.username} does not have`, { capability: 'data:export' });
    }
    const s = await scope();
    if (opts.dataset !== undefined && !s.seesAny(await store.statements.classes({ dataset: opts.dataset }))) {
      throw new SextantError('not_found', `no dataset ${opts.dataset}`, { dataset: opts.dataset });
    }
    const seen = new Set<string>();
    const see = (rows: StatementRow[]) => {
      const out = s.seeAll(rows);
      for (const r of out) seen.add(r.entity_id);
      return out;
    };
    await writeLines(
      gov.auditedStream(viewer, 'export', { dataset: opts.dataset ?? null }, exportEntities(store, opts.dataset ?? null, see), () => ({
        marked: s.takeMarkedCount(),
        entities: [...seen],
      })),
    );
  });
}

export async function writeLines(items: AsyncIterable<unknown>): Promise<void> {
  for await (const item of items) {
    if (!process.stdout.write(JSON.stringify(item) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
  }
}
