import { SextantError } from '../errors.ts';
import type { FtmEntity } from '../model/entity.ts';
import { foldName } from '../model/normalize/names.ts';
import { getSchema, isA, schemaNames } from '../model/schemata.ts';
import type { ReadScope } from '../policy/scope.ts';
import { toIso } from './timestamps.ts';
import type { Store } from './index.ts';
import type { ClassFilterColumns, StatementRow } from './statements.ts';

/** A value with where it came from. */
export interface ValueProvenance {
  value: string;
  original?: string;
  dataset: string;
  record: string | null;
  agency: string;
  marking: string;
  first_seen: string;
  last_seen: string;
}

export interface RelatedEntity {
  id: string;
  schema: string;
  caption: string;
  /** The property that links them, on the entity that holds it. */
  prop: string;
  /** outgoing: this entity's property points there; incoming: that entity points here. */
  direction: 'outgoing' | 'incoming';
}

export interface EntityView {
  id: string;
  schema: string;
  caption: string;
  datasets: string[];
  properties: Record<string, string[]>;
  provenance: Record<string, ValueProvenance[]>;
  related: RelatedEntity[];
}

const RELATED_LIMIT = 500;

/**
 * Assembles entities from the statements a viewer may see; search over the
 * names a viewer may see. An entity none of whose statements the viewer may
 * see does not exist for them: the answer is the same as for a missing id.
 */
export class EntityService {
  constructor(private readonly store: Store) {}

  async get(id: string, scope: ReadScope): Promise<EntityView> {
    // Filtered in SQL first: hidden rows never leave the database, and a hidden
    // entity takes the same path as a missing one. `see` then minimises.
    const visible = scope.filter(await this.store.statements.classes(), { minimised: true });
    const rows = scope.seeAll(await this.store.statements.forEntities([id], visible));
    if (rows.length === 0) throw new SextantError('not_found', `no entity ${id}`, { id });
    const base = assemble(id, rows);
    const provenance: Record<string, ValueProvenance[]> = {};
    for (const r of rows) {
      const p: ValueProvenance = {
        value: r.value,
        dataset: r.dataset,
        record: r.source_record,
        agency: r.agency,
        marking: r.marking,
        first_seen: toIso(r.first_seen),
        last_seen: toIso(r.last_seen),
      };
      if (r.original !== null) p.original = r.original;
      (provenance[r.prop] ??= []).push(p);
    }
    const related = await this.related(id, rows, scope, visible);
    return { ...base, provenance, related };
  }

  private async related(id: string, rows: StatementRow[], scope: ReadScope, visible: ClassFilterColumns): Promise<RelatedEntity[]> {
    const outgoing = rows.filter((r) => r.prop_type === 'entity').map((r) => ({ id: r.value, prop: r.prop }));
    const incomingSeen = new Set<string>();
    const incoming = scope.seeAll(await this.store.statements.referencing(id, RELATED_LIMIT, visible)).filter((r) => {
      const key = `${r.entity_id}\u0000${r.prop}`;
      if (incomingSeen.has(key)) return false;
      incomingSeen.add(key);
      return true;
    });
    const ids = [...new Set([...outgoing.map((o) => o.id), ...incoming.map((i) => i.entity_id)])];
    // Related entities are shown by what the viewer may see of them; one they may see nothing of is left out.
    const others = groupByEntity(scope.seeAll(await this.store.statements.forEntities(ids, visible)));
    const out: RelatedEntity[] = [];
    for (const o of outgoing) {
      const r = others.get(o.id);
      if (r) out.push({ id: o.id, schema: pickSchema(r), caption: caption(o.id, r), prop: o.prop, direction: 'outgoing' });
    }
    for (const i of incoming) {
      const r = others.get(i.entity_id);
      if (r) out.push({ id: i.entity_id, schema: pickSchema(r), caption: caption(i.entity_id, r), prop: i.prop, direction: 'incoming' });
    }
    return out;
  }

  async search(q: string, opts: { schema?: string; limit: number; offset: number }, scope: ReadScope) {
    const folded = foldName(q);
    if (folded === '') throw new SextantError('bad_request', 'search needs a query with letters or digits', { field: 'q' });
    let schemata: string[] | null = null;
    if (opts.schema) {
      if (!getSchema(opts.schema)) throw new SextantError('bad_request', `unknown schema ${opts.schema}`, { field: 'schema' });
      schemata = schemaNames().filter((s) => isA(s, opts.schema!));
    }
    const visible = scope.filter(await this.store.statements.classes({ propType: 'name' }));
    const { total, hits } = await this.store.statements.searchNames(folded, { schemata, limit: opts.limit, offset: opts.offset, visible });
    return { query: q, total, limit: opts.limit, offset: opts.offset, results: hits };
  }
}

/** The value of a property seen most recently (a registry re-delivered with a new flag keeps the old one as history). */
export function latestValue(rows: ReadonlyArray<Pick<StatementRow, 'prop' | 'value' | 'last_seen'>>, prop: string): string | null {
  let best: Pick<StatementRow, 'value' | 'last_seen'> | null = null;
  for (const r of rows) if (r.prop === prop && (!best || toIso(r.last_seen) > toIso(best.last_seen))) best = r;
  return best?.value ?? null;
}

export function groupByEntity<T extends Pick<StatementRow, 'entity_id'>>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.entity_id);
    if (list) list.push(r);
    else out.set(r.entity_id, [r]);
  }
  return out;
}

/** The most specific schema among the statements (Company over Organization over LegalEntity). */
export function pickSchema(rows: ReadonlyArray<Pick<StatementRow, 'schema'>>): string {
  let best = rows[0]!.schema;
  for (const r of rows) if (r.schema !== best && isA(r.schema, best)) best = r.schema;
  return best;
}

export function caption(id: string, rows: ReadonlyArray<Pick<StatementRow, 'schema' | 'prop' | 'value'>>): string {
  const schema = getSchema(pickSchema(rows));
  for (const prop of schema?.captionProps ?? ['name']) {
    const values = rows.filter((r) => r.prop === prop).map((r) => r.value);
    if (values.length > 0) return values.sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
  }
  return id;
}

/** An FtM entity from statements (values de-duplicated across datasets, in a stable order). */
export function assemble(id: string, rows: StatementRow[]): Omit<EntityView, 'provenance' | 'related'> {
  const properties: Record<string, string[]> = {};
  const datasets = new Set<string>();
  for (const r of [...rows].sort((a, b) => a.prop.localeCompare(b.prop) || a.value.localeCompare(b.value))) {
    datasets.add(r.dataset);
    const list = (properties[r.prop] ??= []);
    if (!list.includes(r.value)) list.push(r.value);
  }
  return { id, schema: pickSchema(rows), caption: caption(id, rows), datasets: [...datasets].sort(), properties };
}

export function toFtm(id: string, rows: StatementRow[], extras: Record<string, unknown> | undefined): FtmEntity {
  const a = assemble(id, rows);
  return { ...(extras ?? {}), id, schema: a.schema, properties: a.properties } as FtmEntity;
}
