import { SextantError } from '../errors.ts';
import type { FtmEntity } from '../model/entity.ts';
import { groupByEntity, toFtm } from './entity-service.ts';
import type { Store } from './index.ts';

const PAGE = 1000;

/**
 * Every entity of a dataset (or of the whole store) as FtM, in id order,
 * page by page so that memory stays flat on any store size.
 */
export async function* exportEntities(store: Store, dataset: string | null): AsyncGenerator<FtmEntity> {
  if (dataset !== null && !(await store.lists.dataset(dataset))) {
    throw new SextantError('not_found', `no dataset ${dataset}`, { dataset });
  }
  let after = '';
  for (;;) {
    const ids = await store.statements.entityIdsPage(dataset, after, PAGE);
    if (ids.length === 0) return;
    const grouped = groupByEntity(await store.statements.forEntitiesInDataset(dataset, ids));
    const extras = new Map<string, Record<string, unknown>>();
    for (const x of await store.statements.extrasFor(ids)) {
      if (dataset === null || x.dataset === dataset) extras.set(x.entity_id, x.extras);
    }
    for (const id of ids) {
      const rows = grouped.get(id);
      if (rows) yield toFtm(id, rows, extras.get(id));
    }
    after = ids[ids.length - 1]!;
  }
}
