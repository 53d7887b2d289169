import { SextantError } from '../errors.ts';
import { getSchema } from '../model/schemata.ts';
import type { ReadScope } from '../policy/scope.ts';
import { assemble, groupByEntity } from '../store/entity-service.ts';
import type { Store } from '../store/index.ts';
import { CandidateIndex, type IndexEntry } from './candidate-index.ts';
import { ANY_IDENTIFIER, prepareSubject, STRONG_IDENTIFIERS, type Explanation, type Subject } from './compare.ts';

/**
 * Screening against the lists: the candidate index is built from the store on
 * first use and brought up to date before each request with the datasets
 * written since (no full rebuild). Results are what the viewer may see: only
 * visible names and identifiers are compared, and the entities returned are
 * assembled from visible statements.
 */
export interface QueryEntity {
  schema: string;
  properties: Record<string, string[]>;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  score: number;
  match: boolean;
  explanations: Explanation[];
}

export interface MatchOptions {
  limit: number;
  threshold: number;
}

const PAGE = 2000;
const COUNTRY_PROPS = ['nationality', 'citizenship', 'country', 'jurisdiction', 'flag'];

export class ScreeningService {
  private index: CandidateIndex | null = null;
  private builtFrom = new Map<string, string>();
  private building: Promise<void> | null = null;
  lastBuild: { ms: number; entries: number; heapBytes: number } | null = null;

  constructor(private readonly store: Store) {}

  /** Build the index, or refresh the datasets written since the last look. */
  async ensureIndex(): Promise<CandidateIndex> {
    while (this.building) await this.building;
    this.building = this.refresh();
    try {
      await this.building;
    } finally {
      this.building = null;
    }
    return this.index!;
  }

  private async refresh(): Promise<void> {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const first = this.index === null;
    this.index ??= new CandidateIndex();
    const writes = await this.store.lists.lastWrites();
    const changed = writes.filter((w) => this.builtFrom.get(w.dataset) !== w.at);
    for (const w of changed) {
      let after = '';
      for (;;) {
        const ids = await this.store.statements.entityIdsPage(w.dataset, after, PAGE);
        if (ids.length === 0) break;
        // All statements of these entities, of every dataset: an entity is one entry.
        const grouped = groupByEntity(await this.store.statements.forEntities(ids));
        for (const id of ids) {
          const rows = grouped.get(id);
          if (rows) this.index.upsert(id, rows);
          else this.index.remove(id);
        }
        after = ids[ids.length - 1]!;
      }
      this.builtFrom.set(w.dataset, w.at);
    }
    if (first || changed.length > 0) {
      this.lastBuild = { ms: Math.round(performance.now() - started), entries: this.index.size, heapBytes: process.memoryUsage().heapUsed - heapBefore };
    }
  }

  /** Which datasets a scope name stands for: default (everything), sanctions (the lists) or one dataset. */
  private async datasetFilter(name: string): Promise<(e: IndexEntry) => boolean> {
    if (name === 'default') return () => true;
    const datasets = await this.store.lists.datasets();
    if (name === 'sanctions') {
      const lists = new Set(datasets.filter((d) => d.is_list).map((d) => d.name));
      return (e) => [...e.datasets].some((d) => lists.has(d));
    }
    if (!datasets.some((d) => d.name === name)) throw new SextantError('not_found', `no dataset ${name}; use default, sanctions or a dataset name`, { dataset: name });
    return (e) => e.datasets.has(name);
  }

  async match(dataset: string, queries: Record<string, QueryEntity>, opts: MatchOptions, scope: ReadScope): Promise<Record<string, { query: QueryEntity; results: MatchResult[]; total: { value: number; relation: 'eq' } }>> {
    const index = await this.ensureIndex();
    const accept = await this.datasetFilter(dataset);
    // What this viewer may see, decided once per statement class.
    const visibleClasses = index.classList.map((c) => {
      const a = scope.policy.read(scope.viewer, c);
      return a.allow && a.transform === null;
    });
    const visible = (cls: number) => visibleClasses[cls] === true;
    const out: Record<string, { query: QueryEntity; results: MatchResult[]; total: { value: number; relation: 'eq' } }> = {};
    const hitsByQuery = new Map<string, ReturnType<CandidateIndex['search']>>();
    for (const [key, q] of Object.entries(queries)) {
      const subject = prepareSubject(toSubject(q, key));
      hitsByQuery.set(key, index.search(subject, { limit: opts.limit, visible, accept }));
    }
    const ids = [...new Set([...hitsByQuery.values()].flat().map((h) => h.entry.id))];
    const rows = groupByEntity(scope.seeAll(await this.store.statements.forEntities(ids)));
    for (const [key, hits] of hitsByQuery) {
      const results: MatchResult[] = [];
      for (const h of hits) {
        const r = rows.get(h.entry.id);
        if (!r) continue;
        const a = assemble(h.entry.id, r);
        results.push({ id: a.id, caption: a.caption, schema: a.schema, properties: a.properties, datasets: a.datasets, score: h.score, match: h.score >= opts.threshold, explanations: h.explanations });
      }
      out[key] = { query: queries[key]!, results, total: { value: results.length, relation: 'eq' } };
    }
    return out;
  }
}

/** A yente-style query entity as a subject; a bad one is refused naming the query and field. */
export function toSubject(q: QueryEntity, key: string): Subject {
  if (!q || typeof q !== 'object' || typeof q.schema !== 'string' || !getSchema(q.schema)) {
    throw new SextantError('bad_request', `query ${key}: schema must be an FtM schema such as Person, Company, Vessel`, { field: `queries.${key}.schema` });
  }
  const p = q.properties ?? {};
  const list = (name: string): string[] => {
    const v = p[name];
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new SextantError('bad_request', `query ${key}: properties.${name} must be a list of strings`, { field: `queries.${key}.properties.${name}` });
    return v;
  };
  const names = [...list('name'), ...list('alias')];
  const identifiers: Record<string, string[]> = {};
  for (const prop of [...STRONG_IDENTIFIERS, ANY_IDENTIFIER]) {
    const v = list(prop);
    if (v.length > 0) identifiers[prop] = v;
  }
  if (names.length === 0 && Object.keys(identifiers).length === 0) {
    throw new SextantError('bad_request', `query ${key}: give at least a name or a strong identifier`, { field: `queries.${key}.properties.name` });
  }
  return {
    schema: q.schema,
    names,
    identifiers,
    birthDates: list('birthDate'),
    countries: COUNTRY_PROPS.flatMap(list),
    genders: list('gender'),
  };
}
