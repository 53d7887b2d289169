import { SextantError } from '../errors.ts';
import type { ReadScope } from '../policy/scope.ts';
import { assemble, groupByEntity } from '../store/entity-service.ts';
import type { Store } from '../store/index.ts';
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

const PAGE = 2000;

export class ScreeningService {
  private index: CandidateIndex | null = null;
  private builtFrom = new Map<string, string>();
  private building: Promise<void> | null = null;
  lastBuild: { ms: number; entries: number; heapBytes: number } | null = null;

  private readonly decisions: DecisionRepository;

  constructor(private readonly store: Store) {
    this.decisions = new DecisionRepository(store.db);
  }

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

  async match(dataset: string, queries: Record<string, QueryEntity>, opts: MatchOptions, scope: ReadScope): Promise<Record<string, QueryResponse>> {
    const index = await this.ensureIndex();
    // What this viewer may see, decided once per statement class.
    const visibleClasses = index.classList.map((c) => {
      const a = scope.policy.read(scope.viewer, c);
      return a.allow && a.transform === null;
    });
    const visible = (cls: number) => visibleClasses[cls] === true;
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
    const standing = await this.decisions.standing(scope.viewer.agencyId, [...new Set(keys.values())]);
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
    const rows = groupByEntity(scope.seeAll(await this.store.statements.forEntities(ids)));
    for (const [key, hits] of hitsByQuery) {
      const results: MatchResult[] = [];
      let suppressed = 0;
      for (const h of hits) {
        const r = rows.get(h.entry.id);
        if (!r) continue;
        const d = standing.find((x) => x.subjectKey === keys.get(key) && x.entityId === h.entry.id);
        if (d?.decision === 'no_match') {
          suppressed++;
          continue;
        }
        const a = assemble(h.entry.id, r);
        const sanctions = index.designations.of(h.entry.id, visible, asOf);
        const lifted = delisted(sanctions);
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
