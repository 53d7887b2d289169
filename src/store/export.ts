import { SextantError } from '../errors.ts';
import type { FtmEntity } from '../model/entity.ts';
import { groupByEntity, toFtm } from './entity-service.ts';
import type { Store } from './index.ts';
import type { StatementRow } from './statements.ts';

const PAGE = 1000;

/**
 * Every entity of a dataset (or of the whole store) as FtM, in id order,
 * page by page so that memory stays flat on any store size — as `see` shows
 * each statement (the viewer's scope, or the release rules of an agreement).
 * Entities of which nothing may be shown are left out.
 */
export async function* exportEntities(
  store: Store,
  dataset: string | null,
  see: (rows: StatementRow[]) => StatementRow[],
): AsyncGenerator<FtmEntity> {
  if (dataset !== null && (await store.statements.classes({ dataset })).length === 0) {
    throw new SextantError('not_found', `no dataset ${dataset}`, { dataset });
  }
  let after = '';
  for (;;) {
    const ids = await store.statements.entityIdsPage(dataset, after, PAGE);
    if (ids.length === 0) return;
    const raw = await store.statements.forEntitiesInDataset(dataset, ids);
    const shown = see(raw);
    const grouped = groupByEntity(shown);
    // Extras (caption, referents, …) can repeat values; they go out only with a
    // dataset whose statements of that entity are all shown as stored.
    const unchanged = new Set(shown.map((r) => r.id + '\u0000' + r.value));
    const withheld = new Set(raw.filter((r) => !unchanged.has(r.id + '\u0000' + r.value)).map((r) => `${r.dataset}\u0000${r.entity_id}`));
    const extras = new Map<string, Record<string, unknown>>();
    for (const x of await store.statements.extrasFor(ids)) {
      if ((dataset === null || x.dataset === dataset) && !withheld.has(`${x.dataset}\u0000${x.entity_id}`)) extras.set(x.entity_id, x.extras);
    }
    for (const id of ids) {
      const rows = grouped.get(id);
      if (rows) yield toFtm(id, rows, extras.get(id));
    }
    after = ids[ids.length - 1]!;
  }
}
