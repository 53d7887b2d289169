import type { Config } from '../config.ts';
import { EntityService } from '../store/entity-service.ts';
import { exportEntities } from '../store/export.ts';
import type { Store } from '../store/index.ts';
import { printJson, printTable } from './output.ts';

type Ctx = { config: Config; open: () => Promise<Store> };

export async function runEntity(ctx: Ctx, id: string, opts: { json?: boolean }): Promise<void> {
  const store = await ctx.open();
  try {
    const view = await new EntityService(store).get(id);
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
  } finally {
    await store.close();
  }
}

export async function runSearch(ctx: Ctx, query: string, opts: { schema?: string; limit: number; offset: number; json?: boolean }): Promise<void> {
  const store = await ctx.open();
  try {
    const result = await new EntityService(store).search(query, opts);
    if (opts.json) return printJson(result);
    process.stdout.write(`${result.total} match${result.total === 1 ? '' : 'es'} for "${query}"\n`);
    printTable(['score', 'id', 'schema', 'name', 'datasets'], result.results.map((h) => [h.score.toFixed(2), h.id, h.schema, h.name, h.datasets.join(',')]));
  } finally {
    await store.close();
  }
}

export async function runExport(ctx: Ctx, opts: { dataset?: string }): Promise<void> {
  const store = await ctx.open();
  try {
    for await (const entity of exportEntities(store, opts.dataset ?? null)) {
      if (!process.stdout.write(JSON.stringify(entity) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
    }
  } finally {
    await store.close();
  }
}
