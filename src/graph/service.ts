/**
 * The ownership world of one viewer: the stakes they may see (FtM Ownership),
 * the designated parties among their owners, and the blocked sets per rule.
 *
 * Designations live on the lists under the lists' own ids, while stakes live in
 * registries under theirs; a designated owner in a registry is found as a
 * screener would: the same entity id, or an equal strong identifier
 * (registration number in the same jurisdiction, IMO, LEI), or — for people and
 * companies without one — a screening match against the sanctions lists at
 * `nameThreshold` or above, each link reported with its reason.
 */
import type { ReadScope } from '../policy/scope.ts';
import { getSchema, schemaNames } from '../model/schemata.ts';
import { bestMatchesParallel } from '../screen/best-match.ts';
import { caption, groupByEntity } from '../store/entity-service.ts';
import type { Store } from '../store/index.ts';
import { POLICY_COLUMNS, type StatementRow } from '../store/statements.ts';
import { BlockedSet, type Explanation } from './blocked-set.ts';
import { controlKind } from './control.ts';
import { OwnershipGraph, stakeOf, type Control, type Stake } from './ownership-graph.ts';
import { RULES, type RuleConfig } from './rules.ts';
import { today } from '../model/normalize/dates.ts';
import { sanctionInForce } from '../model/sanction.ts';

/** How a graph node was found to be designated. */
export interface DesignationLink {
  /** The registry (graph) entity. */
  id: string;
  /** The listed entity it stands for. */
  listed: string;
  reason: string;
}

/** Where a stake's record came from, for evidence. */
export interface StakeSource {
  dataset: string;
  agency: string;
  marking: string;
  record: string;
}

export interface OwnershipWorld {
  graph: OwnershipGraph;
  designations: DesignationLink[];
  /** Stake record (Ownership entity id) → its source. */
  sources: Map<string, StakeSource>;
  names: Map<string, string>;
  schemata: Map<string, string>;
  /** Blocked sets per rule name, built on first use. */
  blocked(rule: 'ofac' | 'eu' | 'uk'): BlockedSet;
}

export interface OwnershipOptions {
  /** Screening score at or above which a registry party is taken for a listed one (no strong identifier). */
  nameThreshold?: number;
  /** Stakes ended before this ISO date are left out (default: today). */
  asOf?: string;
}

export interface OwnershipServiceOptions {
  /** Link registry people and companies without a shared strong identifier to listed ones by screening their names. */
  screenNames?: boolean;
}

const STRONG = ['registrationNumber', 'imoNumber', 'leiCode'];
/** How far below the name threshold a match with the same full birth date may be. */
const BIRTH_DATE_ALLOWANCE = 0.05;
/** The properties of a stake record that make the graph. */
const OWNERSHIP_PROPS: ReadonlySet<string> = new Set(['owner', 'asset', 'endDate', 'percentage', 'role', 'sharesType', 'summary']);

/** Properties of a registry party that its screening query carries. */
const QUERY_PROPS = new Set(['name', 'alias', 'birthDate', 'nationality', 'jurisdiction', 'registrationNumber']);
/** The properties of the graph's parties that are read: captions (of every schema), strong identifiers with their jurisdiction, and the screening query's. */
const ENDPOINT_PROPS: ReadonlySet<string> = new Set([
  ...schemaNames().flatMap((s) => getSchema(s)?.captionProps ?? []),
  ...STRONG,
  ...QUERY_PROPS,
  'country',
]);

/** What is read of the graph's parties: what the policy needs, and the match keys of their identifiers. */
const ENDPOINT_COLUMNS = [...POLICY_COLUMNS, 'match'] as const;
type EndpointRow = Pick<StatementRow, (typeof ENDPOINT_COLUMNS)[number]>;

/** Entries compared in full per query: a designation link needs the best one only. */
const CANDIDATES = 10;

export class OwnershipService {
  constructor(
    private readonly store: Store,
    private readonly options: OwnershipServiceOptions = {},
  ) {}

  async load(scope: ReadScope, opts: OwnershipOptions = {}): Promise<OwnershipWorld> {
    const classes = await this.store.statements.classes();
    const visible = scope.filter(classes, { minimised: true });
    // Only the properties read here are fetched: a registry's million records carry addresses, dates and
    // sources that the graph never looks at, and every row fetched is parsed and kept for the whole load.
    const only = (props: ReadonlySet<string>) => scope.filter(classes.filter((c) => props.has(c.prop)), { minimised: true });
    const rows = scope.seeAll(await this.store.statements.ofSchemata(['Ownership'], only(OWNERSHIP_PROPS), [...POLICY_COLUMNS, 'source_record']));
    const asOf = opts.asOf ?? today();
    const stakes: Stake[] = [];
    const controls: Control[] = [];
    const sources = new Map<string, StakeSource>();
    for (const [id, rs] of groupByEntity(rows)) {
      const get = (p: string) => rs.filter((r) => r.prop === p).map((r) => r.value);
      const owner = get('owner')[0];
      const asset = get('asset')[0];
      if (!owner || !asset) continue;
      const end = get('endDate')[0];
      if (end && end < asOf) continue;
      // A record stating a nature of control is a control edge; it is also a stake only when it gives a percentage
      // (a control record with no percentage must not become an unknown stake that OFAC would count).
      const kind = controlKind([...get('role'), ...get('sharesType'), ...get('summary')].join(' | '));
      if (kind) controls.push({ id, controller: owner, entity: asset, kind });
      if (!kind || get('percentage').length > 0) stakes.push(stakeOf(id, owner, asset, get('percentage')));
      const first = rs[0]!;
      sources.set(id, { dataset: first.dataset, agency: first.agency, marking: first.marking, record: first.source_record ?? id });
    }
    const ids = [...new Set([...stakes.flatMap((s) => [s.owner, s.asset]), ...controls.flatMap((c) => [c.controller, c.entity])])];
    const schemata = new Map((await this.store.statements.schemataOf(ids, visible)).map((r) => [r.entity_id, r.schema]));
    const endpointRows = scope.seeAll(await this.store.statements.forEntities(ids, only(ENDPOINT_PROPS), ENDPOINT_COLUMNS));
    const byEntity = groupByEntity(endpointRows);
    const names = new Map<string, string>();
    for (const [id, rs] of byEntity) names.set(id, caption(id, rs));
    const graph = new OwnershipGraph(
      ids.map((id) => ({ id, schema: schemata.get(id) ?? 'LegalEntity' })),
      stakes,
      controls,
    );
    const designations = await this.designated(scope, visible, only(new Set(['entity', 'endDate'])), byEntity, schemata, opts.nameThreshold ?? 0.9, asOf);
    const seeds = [...new Set(designations.map((d) => d.id))];
    const sets = new Map<string, BlockedSet>();
    return {
      graph,
      designations,
      sources,
      names,
      schemata,
      blocked: (rule) => {
        let b = sets.get(rule);
        if (!b) sets.set(rule, (b = new BlockedSet(graph, RULES[rule] as RuleConfig, seeds)));
        return b;
      },
    };
  }

  /** The graph's entities that stand for a designated (listed) entity, each with its reason. */
  private async designated(
    scope: ReadScope,
    visible: Parameters<Store['statements']['forEntities']>[1],
    sanctionTargets: Parameters<Store['statements']['ofSchemata']>[1],
    endpoints: Map<string, EndpointRow[]>,
    schemata: Map<string, string>,
    nameThreshold: number,
    asOf: string,
  ): Promise<DesignationLink[]> {
    const sanctions = scope.seeAll(await this.store.statements.ofSchemata(['Sanction'], sanctionTargets, POLICY_COLUMNS));
    // Only Sanctions in force designate: a lifted one (delisted, with an end date) blocks nothing any more.
    const inForce = [...groupByEntity(sanctions).values()].filter((rs) => sanctionInForce(rs, asOf));
    const listedIds = [...new Set(inForce.flatMap((rs) => rs.filter((r) => r.prop === 'entity').map((r) => r.value)))];
    if (listedIds.length === 0) return [];
    const listed = groupByEntity(scope.seeAll(await this.store.statements.forEntities(listedIds, visible)));
    const out: DesignationLink[] = [];
    const linked = new Set<string>();
    const link = (id: string, l: string, reason: string) => {
      if (linked.has(id)) return;
      linked.add(id);
      out.push({ id, listed: l, reason });
    };
    // Strong identifiers of the listed, by property and match key (registration numbers with their jurisdiction).
    const keyOf = (rs: readonly EndpointRow[], prop: string): string[] => {
      const jurisdiction = rs.find((r) => r.prop === 'jurisdiction' || r.prop === 'country')?.value ?? '';
      return rs.filter((r) => r.prop === prop).map((r) => `${prop}:${prop === 'registrationNumber' ? jurisdiction + ':' : ''}${r.match ?? r.value}`);
    };
    const listedByKey = new Map<string, string>();
    for (const [id, rs] of listed) for (const p of STRONG) for (const k of keyOf(rs, p)) listedByKey.set(k, id);
    for (const id of endpoints.keys()) if (listed.has(id)) link(id, id, 'the entity itself is listed');
    for (const [id, rs] of endpoints) {
      for (const p of STRONG) {
        for (const k of keyOf(rs, p)) {
          const l = listedByKey.get(k);
          if (l) link(id, l, `same ${p} as listed ${l}`);
        }
      }
    }
    // People and companies without a strong identifier in common: their names screened against the designated
    // entities alone. The index holds only what a Sanction names (a list also carries relatives, addresses and
    // vessels without designations), built from the statements the viewer may see, so that its rare-token weights
    // are the lists' own and each query meets a few thousand entries, not the registry it comes from.
    if (!this.options.screenNames) return out;
    const screened: Array<{ id: string; rows: EndpointRow[]; props: Record<string, string[]> }> = [];
    for (const [id, rs] of endpoints) {
      const schema = schemata.get(id);
      if (linked.has(id) || (schema !== 'Person' && schema !== 'Company' && schema !== 'Organization')) continue;
      const props: Record<string, string[]> = {};
      for (const r of rs) if (QUERY_PROPS.has(r.prop)) (props[r.prop] ??= []).push(r.value);
      if (props.name) screened.push({ id, rows: rs, props });
    }
    // Split between worker threads, one per core, when there are many (src/screen/best-match.ts): a registry's
    // two hundred thousand parties took half a minute on one core.
    const best = await bestMatchesParallel({
      entries: [...listed],
      queries: screened.map(({ id, props }) => ({ id, query: { schema: schemata.get(id)!, properties: props } })),
      candidates: CANDIDATES,
    });
    screened.forEach(({ id, rows: rs, props }, i) => {
      const top = best[i];
      if (!top) return;
      const theirRows = listed.get(top.id) ?? [];
      // Registration numbers of one jurisdiction on both sides that differ: another company with the same name.
      const own = keyOf(rs, 'registrationNumber');
      const theirs = keyOf(theirRows, 'registrationNumber');
      const jurisdictionOf = (k: string) => k.split(':')[1];
      if (own.some((k) => theirs.some((t) => jurisdictionOf(t) === jurisdictionOf(k))) && !own.some((k) => theirs.includes(k))) return;
      // A full birth date in common lets a slightly weaker name match through (a missing
      // patronymic costs a few hundredths); a name alone must reach the threshold.
      const born = new Set((props.birthDate ?? []).filter((d) => d.length === 10));
      const sameBirth = theirRows.some((row) => row.prop === 'birthDate' && born.has(row.value));
      const what = `screening match ${top.score.toFixed(2)} with listed ${top.id} (${caption(top.id, theirRows)})`;
      if (top.score >= nameThreshold) link(id, top.id, what);
      else if (sameBirth && top.score >= nameThreshold - BIRTH_DATE_ALLOWANCE) link(id, top.id, `${what} and the same birth date`);
    });
    return out;
  }
}

/** The output of `sextant ownership ID --json`: `{"id", "blocked": {"<authority>": bool}, "paths": [...]}` and extensions. */
export interface OwnershipReport {
  id: string;
  name: string;
  blocked: Record<string, boolean>;
  /** Per authority: blocked, possibly_blocked or not_blocked (ranges read conservatively). */
  status: Record<string, string>;
  paths: Array<{ authority: string; rule: string; seed: string; steps: Explanation['paths'][number]['steps'] }>;
  designations: DesignationLink[];
}

export function ownershipReport(world: OwnershipWorld, id: string, authorities: Record<string, 'ofac' | 'eu' | 'uk'>): OwnershipReport {
  const blocked: Record<string, boolean> = {};
  const status: Record<string, string> = {};
  const paths: OwnershipReport['paths'] = [];
  for (const [authority, rule] of Object.entries(authorities)) {
    const set = world.blocked(rule);
    const known = world.schemata.has(id);
    const e = known ? set.explain(id) : null;
    status[authority] = e?.status ?? 'not_blocked';
    blocked[authority] = e?.status === 'blocked';
    for (const p of e?.paths ?? []) paths.push({ authority, rule, seed: p.seed, steps: p.steps });
  }
  const seedsOnPaths = new Set(paths.map((p) => p.seed));
  return {
    id,
    name: world.names.get(id) ?? id,
    blocked,
    status,
    paths,
    designations: world.designations.filter((d) => d.id === id || seedsOnPaths.has(d.id)),
  };
}
