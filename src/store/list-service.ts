import { SextantError } from '../errors.ts';
import { compatibleSchemata } from '../model/schemata.ts';
import type { ReadScope } from '../policy/scope.ts';
import { CandidateIndex } from '../screen/candidate-index.ts';
import { toIso as iso } from './timestamps.ts';
import { caption, groupByEntity, pickSchema } from './entity-service.ts';
import type { Store } from './index.ts';
import type { ChangeKind } from './lists.ts';
import type { StatementRow } from './statements.ts';

/** `sextant lists --json` row: the first six keys are a contract other tools rely on. */
export interface ListSummary {
  dataset: string;
  authority: string | null;
  version: number;
  designations: number;
  added: number;
  removed: number;
  changed: number;
  versionDate: string | null;
  ingestedAt: string;
  lastSeen: string;
  versions: number;
}

export interface DiffEvidence {
  by: 'identifier' | 'name' | 'fuzzy' | 'none';
  /** Human-readable reasons: which identifier or name matched, or what was compared. */
  details: string[];
}

export interface DiffRow {
  id: string;
  schema: string;
  caption: string;
  /** For matched rows: the entity on the other list. */
  counterpart?: { id: string; schema: string; caption: string };
  evidence: DiffEvidence;
}

export interface ListDiff {
  a: string;
  b: string;
  onlyInA: DiffRow[];
  onlyInB: DiffRow[];
  inBoth: DiffRow[];
}

/**
 * Identifiers strong enough to say two list entries are one subject.
 * Generic "idNumber"/"registrationNumber" values are only compared together
 * with the schema, as numbers repeat across countries.
 */
const STRONG_IDENTIFIERS = new Set([
  'imoNumber',
  'mmsi',
  'passportNumber',
  'idNumber',
  'registrationNumber',
  'taxNumber',
  'leiCode',
  'swiftBic',
  'innCode',
  'ogrnCode',
  'callSign',
  'serialNumber',
]);

/**
 * Lists, their versions and differences, for one viewer. Version counts and
 * changes describe a whole dataset, so a list is shown only to a viewer who
 * may see every statement of it as stored; to anyone else it does not exist.
 */
export class ListService {
  constructor(private readonly store: Store) {}

  private async visibleDatasets(scope: ReadScope): Promise<Set<string>> {
    const byDataset = groupBy(await this.store.statements.classes(), (c) => c.dataset);
    const out = new Set<string>();
    for (const [name, classes] of byDataset) if (scope.seesAll(classes)) out.add(name);
    return out;
  }

  private async requireVisible(dataset: string, scope: ReadScope): Promise<void> {
    const classes = await this.store.statements.classes({ dataset });
    if (classes.length === 0 || !scope.seesAll(classes)) throw new SextantError('not_found', `no list ${dataset}`, { dataset });
  }

  async summaries(scope: ReadScope): Promise<ListSummary[]> {
    const [datasets, latest, visible] = await Promise.all([this.store.lists.datasets(), this.store.lists.latestVersions(), this.visibleDatasets(scope)]);
    const out: ListSummary[] = [];
    for (const v of latest) {
      const ds = datasets.find((d) => d.name === v.dataset);
      if (!ds || !visible.has(ds.name)) continue;
      out.push({
        dataset: v.dataset,
        authority: ds.authority,
        version: v.version,
        designations: v.designations,
        added: v.added,
        removed: v.removed,
        changed: v.changed,
        versionDate: v.version_date,
        ingestedAt: iso(v.ingested_at),
        lastSeen: iso(v.last_seen),
        versions: v.version,
      });
    }
    const lists = await this.store.lists.listDatasetNames();
    return out.filter((s) => lists.has(s.dataset));
  }

  async changes(dataset: string, opts: { version?: number; kind?: ChangeKind; limit: number; offset: number }, scope: ReadScope) {
    await this.requireVisible(dataset, scope);
    const versions = await this.store.lists.versions(dataset);
    if (versions.length === 0) throw new SextantError('not_found', `no list ${dataset}`, { dataset });
    const version = opts.version ?? versions[versions.length - 1]!.version;
    const row = versions.find((v) => v.version === version);
    if (!row) {
      throw new SextantError('not_found', `list ${dataset} has no version ${version} (it has 1 to ${versions.length})`, {
        dataset,
        version,
      });
    }
    const { total, rows } = await this.store.lists.changes(dataset, version, { kind: opts.kind, limit: opts.limit, offset: opts.offset });
    const names = groupByEntity(scope.seeAll(await this.store.statements.forEntities(rows.map((r) => r.entity_id))));
    return {
      dataset,
      version,
      previous: version > 1 ? version - 1 : null,
      versionDate: row.version_date,
      ingestedAt: iso(row.ingested_at),
      summary: { designations: row.designations, added: row.added, removed: row.removed, changed: row.changed },
      total,
      limit: opts.limit,
      offset: opts.offset,
      changes: rows.map((r) => {
        const st = names.get(r.entity_id);
        return {
          id: r.entity_id,
          change: r.change,
          schema: st ? pickSchema(st) : null,
          caption: st ? caption(r.entity_id, st) : r.entity_id,
        };
      }),
    };
  }

  /**
   * Designations of list A not on list B and the reverse. Two entries are one
   * subject when they share a strong identifier, or when their folded names
   * (in any word order) agree and their schemata are compatible. Each row says
   * why it matched or what was compared.
   */
  async diff(a: string, b: string, scope: ReadScope): Promise<ListDiff> {
    await this.requireVisible(a, scope);
    await this.requireVisible(b, scope);
    const [{ subjects: sideA, index: indexA }, { subjects: sideB, index: indexB }] = await Promise.all([this.side(a, scope), this.side(b, scope)]);
    const matchAB = matchAll(sideA, sideB);
    const matchBA = matchAll(sideB, sideA);
    // What identifiers and exact names leave unmatched, the screening engine tries (transliterations, typos, word order, legal forms).
    fuzzyMatch(sideA, indexA, sideB, indexB, matchAB);
    fuzzyMatch(sideB, indexB, sideA, indexA, matchBA);
    const onlyInA: DiffRow[] = [];
    const inBoth: DiffRow[] = [];
    for (const e of sideA) {
      const m = matchAB.get(e.id);
      if (m) inBoth.push(row(e, m.other, m.evidence));
      else onlyInA.push(row(e, undefined, noMatch(e, b)));
    }
    const onlyInB = sideB.filter((e) => !matchBA.has(e.id)).map((e) => row(e, undefined, noMatch(e, a)));
    return { a, b, onlyInA, onlyInB, inBoth };
  }

  private async side(dataset: string, scope: ReadScope): Promise<{ subjects: Subject[]; index: CandidateIndex }> {
    const ds = await this.store.lists.dataset(dataset);
    if (!ds) throw new SextantError('not_found', `no list ${dataset}`, { dataset });
    const ids = await this.store.lists.designatedIds(dataset);
    const subjects: Subject[] = [];
    const index = new CandidateIndex();
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      const grouped = groupByEntity(scope.seeAll(await this.store.statements.forEntities(chunk)));
      for (const id of chunk) {
        const rows = grouped.get(id);
        if (!rows) continue;
        subjects.push(toSubject(id, rows));
        index.upsert(id, rows);
      }
    }
    return { subjects, index };
  }
}

interface Subject {
  id: string;
  schema: string;
  caption: string;
  identifiers: Array<{ prop: string; key: string; value: string }>;
  names: Array<{ key: string; value: string }>;
}

function toSubject(id: string, rows: StatementRow[]): Subject {
  const identifiers = rows
    .filter((r) => r.prop_type === 'identifier' && STRONG_IDENTIFIERS.has(r.prop) && r.match)
    .map((r) => ({ prop: r.prop, key: r.match!, value: r.value }));
  const names = rows
    .filter((r) => r.prop_type === 'name' && r.match && ['name', 'alias', 'previousName'].includes(r.prop))
    .map((r) => ({ key: nameKey(r.match!), value: r.value }))
    .filter((n) => n.key !== '');
  return { id, schema: pickSchema(rows), caption: caption(id, rows), identifiers, names };
}

/** Word-order-free key: "HANIYA, Ismail" and "Ismail HANIYA" agree. */
function nameKey(folded: string): string {
  return folded.split(' ').filter(Boolean).sort().join(' ');
}


function matchAll(from: Subject[], to: Subject[]): Map<string, { other: Subject; evidence: DiffEvidence }> {
  const byIdent = new Map<string, Subject[]>();
  const byName = new Map<string, Subject[]>();
  for (const s of to) {
    for (const i of s.identifiers) push(byIdent, i.key, s);
    for (const n of s.names) push(byName, n.key, s);
  }
  const out = new Map<string, { other: Subject; evidence: DiffEvidence }>();
  for (const s of from) {
    let found: { other: Subject; evidence: DiffEvidence } | undefined;
    for (const i of s.identifiers) {
      const other = byIdent.get(i.key)?.find((o) => compatibleSchemata(s.schema, o.schema) && o.identifiers.some((x) => x.key === i.key && x.prop === i.prop));
      if (other) {
        found = { other, evidence: { by: 'identifier', details: [`${i.prop} ${i.value} on both`] } };
        break;
      }
    }
    if (!found) {
      for (const n of s.names) {
        const other = byName.get(n.key)?.find((o) => compatibleSchemata(s.schema, o.schema));
        if (other) {
          const theirs = other.names.find((x) => x.key === n.key)!.value;
          found = { other, evidence: { by: 'name', details: [`name "${n.value}" ~ "${theirs}" (same words after transliteration and folding)`] } };
          break;
        }
      }
    }
    if (found) out.set(s.id, found);
  }
  return out;
}

/** Score from which the screening engine counts two list entries as one subject in a diff. */
const FUZZY_DIFF_THRESHOLD = 0.85;
const ALL = () => true;

function fuzzyMatch(
  from: Subject[],
  fromIndex: CandidateIndex,
  to: Subject[],
  toIndex: CandidateIndex,
  matched: Map<string, { other: Subject; evidence: DiffEvidence }>,
): void {
  const byId = new Map(to.map((s) => [s.id, s]));
  for (const s of from) {
    if (matched.has(s.id)) continue;
    const entry = fromIndex.get(s.id);
    const query = entry && fromIndex.subjectOf(entry, ALL);
    if (!query) continue;
    const [best] = toIndex.search(query, { limit: 1, candidates: 10, visible: ALL });
    const other = best && best.score >= FUZZY_DIFF_THRESHOLD ? byId.get(best.entry.id) : undefined;
    if (!best || !other) continue;
    matched.set(s.id, {
      other,
      evidence: { by: 'fuzzy', details: [`screening score ${best.score}`, ...best.explanations.filter((e) => e.feature === 'name' || e.effect !== 0).map((e) => e.detail)] },
    });
  }
}

function noMatch(s: Subject, other: string): DiffEvidence {
  return {
    by: 'none',
    details: [
      `no entry on ${other} shares any of ${s.identifiers.length} strong identifier(s) or ${s.names.length} name(s) with a compatible schema`,
    ],
  };
}

function row(s: Subject, other: Subject | undefined, evidence: DiffEvidence): DiffRow {
  const r: DiffRow = { id: s.id, schema: s.schema, caption: s.caption, evidence };
  if (other) r.counterpart = { id: other.id, schema: other.schema, caption: other.caption };
  return r;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) push(m, key(t), t);
  return m;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
