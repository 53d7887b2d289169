import { SextantError } from '../errors.ts';
import type { ReadScope } from '../policy/scope.ts';
import { assemble, groupByEntity } from '../store/entity-service.ts';
import type { ChangeCounts } from '../store/changes.ts';
import type { Store } from '../store/index.ts';
import type { Policy } from '../policy/decide.ts';
import { CandidateIndex, type IndexEntry, type IndexHit } from './candidate-index.ts';
import { compareSubjects, prepareSubject, type Explanation, type PreparedSubject } from './compare.ts';
import { checkDecision, DecisionRepository, subjectKey, type Decision } from './decisions.ts';
import { toSubject, type QueryEntity } from './query.ts';
import { delisted, lastEndDate, type SanctionView } from './designations.ts';
import { today } from '../model/normalize/dates.ts';

export { toSubject, type QueryEntity } from './query.ts';

/**
 * Screening against the lists: the candidate index is built from the store on
 * first use and brought up to date before each request with the datasets
 * written since (no full rebuild). Results are what the viewer may see: only
 * visible names and identifiers are compared, and the entities returned are
 * assembled from visible statements.
 */

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  score: number;
  match: boolean;
  explanations: Explanation[];
  /** The Sanctions naming this entity that the viewer may see, in force first (empty: designated by none). */
  sanctions: SanctionView[];
  /** It was designated, and every designation has been lifted: a match is not a listed party. */
  delisted: boolean;
  /** An analyst of the viewer's agency confirmed this result for this subject. */
  decision?: { id: string; decision: 'match'; by: string; at: string; note: string | null };
}

export interface QueryResponse {
  query: QueryEntity;
  results: MatchResult[];
  total: { value: number; relation: 'eq' };
  /** Results left out because an analyst of the viewer's agency decided they are not this subject. */
  suppressed: number;
}

export interface MatchOptions {
  limit: number;
  threshold: number;
}

/** A hit entity as one viewer sees it. */
interface EntityView {
  entity: ReturnType<typeof assemble>;
  sanctions: SanctionView[];
  lifted: boolean;
}

const PAGE = 2000;
/** Hit entities kept between requests per kind of viewer (the cache starts over when full). */
const MAX_CACHED_ENTITIES = 20_000;
/** An agency's standing decisions are kept in memory up to this many; beyond, they are looked up per request. */
const MAX_CACHED_DECISIONS = 20_000;

export class ScreeningService {
  private index: CandidateIndex | null = null;
  private builtFrom = new Map<string, string>();
  private building: Promise<void> | null = null;
  lastBuild: { ms: number; entries: number; heapBytes: number } | null = null;
  /** The statements change count the index was last brought up to date at (null: not known). */
  private indexedAt: number | null = null;
  /** Standing decisions by agency, then subject key, each with the decisions change count it was read at. */
  private readonly decisionCache = new Map<string, { at: number; bySubject: Map<string, Decision[]> }>();
  /** Hit entities as seen through one `visible` function, with the statements count and day they hold for. */
  private readonly viewCache = new WeakMap<(cls: number) => boolean, { at: number; asOf: string; views: Map<string, EntityView | null> }>();
  /** Which index classes a viewer may see unminimised, per decision point and kind of viewer. */
  private readonly visibleCache = new WeakMap<Policy, Map<string, { classes: boolean[]; visible: (cls: number) => boolean }>>();

  private readonly decisions: DecisionRepository;

  constructor(private readonly store: Store) {
    this.decisions = new DecisionRepository(store.db);
  }

  /**
   * Build the index, or refresh the datasets written since the last look.
   * With the change counts read at the start of the request, the look is
   * skipped while no statement or ingest run has changed since the last one.
   */
  async ensureIndex(counts?: ChangeCounts): Promise<CandidateIndex> {
    if (counts && this.index && !this.building && this.indexedAt === counts.statements) return this.index;
    while (this.building) await this.building;
    this.building = this.refresh();
    try {
      await this.building;
      // The counts were read before the refresh began: anything written since bumps them past this.
      this.indexedAt = counts?.statements ?? null;
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

  /**
   * Which entries a scope name stands for: default (everything), sanctions
   * (what the lists designate today: an entity whose every designation was
   * lifted is left out) or one dataset (its history included).
   */
  private async datasetFilter(name: string, index: CandidateIndex, visible: (cls: number) => boolean, asOf: string): Promise<(e: IndexEntry) => boolean> {
    if (name === 'default') return () => true;
    if (name === 'sanctions') {
      const lists = await this.store.lists.listDatasetNames();
      return (e) => [...e.datasets].some((d) => lists.has(d)) && !delisted(index.designations.of(e.id, visible, asOf));
    }
    const datasets = await this.store.lists.datasets();
    if (!datasets.some((d) => d.name === name)) throw new SextantError('not_found', `no dataset ${name}; use default, sanctions or a dataset name`, { dataset: name });
    return (e) => e.datasets.has(name);
  }

  /**
   * Screen queries for a viewer. `counts`, the change counts read at the start
   * of the request, let the index, the hit entities as this kind of viewer sees them and the
   * agency's decisions be reused from memory while nothing they hold changed.
   */
  async match(dataset: string, queries: Record<string, QueryEntity>, opts: MatchOptions, scope: ReadScope, counts?: ChangeCounts): Promise<Record<string, QueryResponse>> {
    const index = await this.ensureIndex(counts);
    const visible = this.visibleClasses(index, scope);
    const asOf = today();
    const accept = await this.datasetFilter(dataset, index, visible, asOf);
    const out: Record<string, QueryResponse> = {};
    const hitsByQuery = new Map<string, IndexHit[]>();
    const subjects = new Map<string, PreparedSubject>();
    const keys = new Map<string, string>();
    for (const [key, q] of Object.entries(queries)) {
      const subject = prepareSubject(toSubject(q, key));
      subjects.set(key, subject);
      keys.set(key, subjectKey(q));
      hitsByQuery.set(key, index.search(subject, { limit: opts.limit, visible, accept }));
    }
    // The agency's standing decisions on these subjects.
    const standing = await this.standingDecisions(scope.viewer.agencyId, [...new Set(keys.values())], counts);
    for (const [key, hits] of hitsByQuery) {
      for (const d of standing) {
        // A confirmed entity is shown even when it did not make the top results.
        if (d.subjectKey !== keys.get(key) || d.decision !== 'match' || hits.some((h) => h.entry.id === d.entityId)) continue;
        const entry = index.get(d.entityId);
        const subject = entry && index.subjectOf(entry, visible);
        if (entry && subject) hits.push({ entry, ...compareSubjects(subjects.get(key)!, subject, index.weights) });
      }
    }
    const ids = [...new Set([...hitsByQuery.values()].flat().map((h) => h.entry.id))];
    const views = await this.entityViews(ids, index, scope, visible, asOf, counts);
    for (const [key, hits] of hitsByQuery) {
      const results: MatchResult[] = [];
      let suppressed = 0;
      for (const h of hits) {
        const view = views.get(h.entry.id);
        if (!view) continue;
        const d = standing.find((x) => x.subjectKey === keys.get(key) && x.entityId === h.entry.id);
        if (d?.decision === 'no_match') {
          suppressed++;
          continue;
        }
        const { entity: a, sanctions, lifted } = view;
        const explanations = lifted ? [...h.explanations, delistedExplanation(sanctions)] : h.explanations;
        const result: MatchResult = {
          id: a.id,
          caption: a.caption,
          schema: a.schema,
          properties: a.properties,
          datasets: a.datasets,
          score: h.score,
          match: h.score >= opts.threshold,
          explanations,
          sanctions,
          delisted: lifted,
        };
        if (d) result.decision = { id: d.id, decision: 'match', by: d.decidedBy, at: d.decidedAt, note: d.note };
        results.push(result);
      }
      results.sort((x, y) => Number(y.decision !== undefined) - Number(x.decision !== undefined) || y.score - x.score);
      out[key] = { query: queries[key]!, results, total: { value: results.length, relation: 'eq' }, suppressed };
    }
    return out;
  }

  /**
   * What this viewer may see of the index, decided once per statement class
   * and kept per decision point and kind of viewer: the same function for
   * each, so that the index can keep the subjects it makes with it.
   */
  private visibleClasses(index: CandidateIndex, scope: ReadScope): (cls: number) => boolean {
    const v = scope.viewer;
    // The viewer's properties the read decision depends on (see Policy.read).
    const key = `${v.agencyId}\u0000${v.country}\u0000${v.clearance}\u0000${v.purpose}\u0000${v.capabilities.has('data:read')}`;
    let byViewer = this.visibleCache.get(scope.policy);
    if (!byViewer) this.visibleCache.set(scope.policy, (byViewer = new Map()));
    let cached = byViewer.get(key);
    // Classes are only ever added to an index: a longer list is decided again.
    if (!cached || cached.classes.length < index.classList.length) {
      const classes = index.classList.map((c) => {
        const a = scope.policy.read(v, c);
        return a.allow && a.transform === null;
      });
      cached = { classes, visible: (cls: number) => classes[cls] === true };
      byViewer.set(key, cached);
    }
    return cached.visible;
  }

  /**
   * The hit entities as this viewer sees them (visible values assembled, their
   * designations as of `asOf`); none for an entity with no visible statement.
   * Kept per `visible` function (a decision point and kind of viewer) while
   * the statements count and the day stand.
   */
  private async entityViews(ids: string[], index: CandidateIndex, scope: ReadScope, visible: (cls: number) => boolean, asOf: string, counts: ChangeCounts | undefined): Promise<Map<string, EntityView | null>> {
    let cache: Map<string, EntityView | null> | undefined;
    if (counts) {
      const c = this.viewCache.get(visible);
      if (c && c.at === counts.statements && c.asOf === asOf) cache = c.views;
      else this.viewCache.set(visible, { at: counts.statements, asOf, views: (cache = new Map()) });
    }
    const out = new Map<string, EntityView | null>();
    const missing: string[] = [];
    for (const id of ids) {
      const v = cache?.get(id);
      if (v === undefined) missing.push(id);
      else out.set(id, v);
    }
    if (missing.length === 0) return out;
    const rows = groupByEntity(scope.seeAll(await this.store.statements.forEntities(missing)));
    if (cache && cache.size + missing.length > MAX_CACHED_ENTITIES) cache.clear();
    for (const id of missing) {
      const r = rows.get(id);
      let view: EntityView | null = null;
      if (r) {
        const sanctions = index.designations.of(id, visible, asOf);
        view = { entity: assemble(id, r), sanctions, lifted: delisted(sanctions) };
      }
      out.set(id, view);
      cache?.set(id, view);
    }
    return out;
  }

  /** The agency's standing decisions on these subjects: from memory while the decisions count stands. */
  private async standingDecisions(agency: string, subjectKeys: string[], counts: ChangeCounts | undefined): Promise<Decision[]> {
    if (!counts || subjectKeys.length === 0) return this.decisions.standing(agency, subjectKeys);
    let cached = this.decisionCache.get(agency);
    if (!cached || cached.at !== counts.screeningDecisions) {
      const all = await this.decisions.allStanding(agency, MAX_CACHED_DECISIONS);
      if (all === null) return this.decisions.standing(agency, subjectKeys);
      const bySubject = new Map<string, Decision[]>();
      for (const d of all) (bySubject.get(d.subjectKey) ?? bySubject.set(d.subjectKey, []).get(d.subjectKey)!).push(d);
      cached = { at: counts.screeningDecisions, bySubject };
      this.decisionCache.set(agency, cached);
    }
    return subjectKeys.flatMap((k) => cached.bySubject.get(k) ?? []);
  }

  /** Record an analyst's decision on a (subject, entity) pair; the entity must be one the viewer may see. */
  async decide(scope: ReadScope, input: { query: QueryEntity; entityId: string; decision: string; note?: string }): Promise<Decision> {
    const decision = checkDecision(input.decision);
    toSubject(input.query, 'query');
    const visible = scope.filter(await this.store.statements.classes(), { minimised: true });
    if ((await this.store.statements.forEntities([input.entityId], visible)).length === 0) {
      throw new SextantError('not_found', `no entity ${input.entityId}`, { field: 'entityId' });
    }
    if (input.note !== undefined && input.note.length > 2000) throw new SextantError('bad_request', 'a note has at most 2000 characters', { field: 'note' });
    return this.decisions.record({
      agency: scope.viewer.agencyId,
      subjectKey: subjectKey(input.query),
      subject: input.query,
      entityId: input.entityId,
      decision,
      note: input.note ?? null,
      decidedBy: scope.viewer.username,
      decidedAt: new Date().toISOString(),
    });
  }

  async listDecisions(agency: string, opts: { entity?: string; includeRevoked?: boolean; limit: number; offset: number }) {
    return this.decisions.list(agency, opts);
  }

  /** Take a decision back; another agency's decision is reported as missing. */
  async revokeDecision(agency: string, id: string, by: string): Promise<void> {
    if (!(await this.decisions.revoke(agency, id, by, new Date().toISOString()))) throw new SextantError('not_found', `no standing decision ${id}`, { id });
  }
}

/** Said beside the name's explanations: the score is about identity, and this identity is no longer listed. */
function delistedExplanation(sanctions: SanctionView[]): Explanation {
  const last = lastEndDate(sanctions);
  const by = [...new Set(sanctions.map((s) => s.authority).filter((a): a is string => a !== null))];
  return {
    feature: 'delisted',
    effect: 0,
    detail: `every designation of this entity has been lifted${by.length ? ` (${by.join(', ')})` : ''}${last ? `, the last on ${last}` : ''}: not a listed party today`,
  };
}
