/**
 * Detection: load what the running viewer may see (through the policy module),
 * run the enabled indicators of the profile over it in memory, store their
 * alerts (deduplicated by id across re-runs) and read them back for viewers
 * who may see every piece of their evidence.
 */
import { combineMarkings, formatMarking, parseMarking, type Ladder } from '../policy/markings.ts';
import type { ReadScope } from '../policy/scope.ts';
import { SextantError } from '../errors.ts';
import type { AlertQuery, AlertRow, NewAlertRow } from '../store/alerts.ts';
import { groupByEntity, caption, latestValue } from '../store/entity-service.ts';
import type { EventClassFilter } from '../store/events.ts';
import type { Store } from '../store/index.ts';
import { alertId, ALERT_STATUSES, evidenceClasses, publicEvidence, roundScore, type Alert, type AlertDraft, type AlertStatus } from './alert.ts';
import { CATALOGUE, selectIndicators } from './catalogue.ts';
import type { Indicator, InputKind } from './indicator.ts';
import { addPositionRow, PositionTableBuilder, type DetectInputs, type KnownVessel, type ListedParty, type PositionTable, type VesselDesignation } from './inputs.ts';
import type { FlagPeriod, KnownVesselHistory } from './maritime/identity.ts';
import type { KnownVesselDetails } from './maritime/listed-vessel.ts';
import type { PartyDirector, RegisteredParty } from './parties.ts';
import { POLICY_COLUMNS, type ClassFilterColumns, type StatementRow } from '../store/statements.ts';
import { toIso } from '../store/timestamps.ts';
import type { Profile } from './profile.ts';
import { OwnershipService } from '../graph/service.ts';
import { today } from '../model/normalize/dates.ts';
import { sanctionInForce } from '../model/sanction.ts';
import { getSchema } from '../model/schemata.ts';

const POSITION_PAGE = 50_000;

/** The properties of a registered party that loadParties reads: names and captions, jurisdiction, incorporation, addresses. */
const PARTY_PROPS: ReadonlySet<string> = new Set([
  ...['Company', 'Organization', 'LegalEntity', 'PublicBody'].flatMap((s) => getSchema(s)?.captionProps ?? []),
  'name',
  'alias',
  'previousName',
  'jurisdiction',
  'country',
  'incorporationDate',
  'address',
]);
const DIRECTORSHIP_PROPS: ReadonlySet<string> = new Set(['director', 'organization', 'endDate']);

export interface DetectRunOptions {
  profile: Profile;
  /** Indicator codes or prefixes (`maritime.*`); all enabled ones when omitted. */
  only?: string[];
  now?: Date;
  onProgress?: (phase: string, done: number) => void;
}

export interface DetectRunResult {
  /** Every alert of the run, best first (the caller applies the threshold for display). */
  alerts: Alert[];
  created: number;
  updated: number;
  byIndicator: Record<string, number>;
  loaded: { positions: number; vessels: number; payments: number; declarations: number };
  seconds: { load: number; detect: number; store: number };
}

export class DetectService {
  constructor(
    private readonly store: Store,
    private readonly ladder: Ladder,
    /** The indicators to run: the catalogue (tests give their own). */
    private readonly catalogue: readonly Indicator[] = CATALOGUE,
  ) {}

  async run(scope: ReadScope, opts: DetectRunOptions): Promise<DetectRunResult> {
    const indicators = selectIndicators(opts.only, this.catalogue).filter((i) => opts.profile.indicators[i.code]?.enabled !== false);
    const needs = new Set<InputKind>(indicators.flatMap((i) => i.inputs));
    const t0 = performance.now();
    const inputs = await this.load(scope, opts.profile, needs, opts.onProgress);
    const t1 = performance.now();
    const drafts: AlertDraft[] = inputs.alerts;
    const byIndicator: Record<string, number> = {};
    for (const ind of indicators) {
      const found = await ind.run(inputs, opts.profile.indicators[ind.code]!.params);
      byIndicator[ind.code] = found.length;
      drafts.push(...found);
      opts.onProgress?.(ind.code, found.length);
    }
    const t2 = performance.now();
    const now = (opts.now ?? new Date()).toISOString();
    const rows = this.rows(drafts, opts.profile);
    const { created, stored } = await this.store.alerts.upsert(rows, now);
    const t3 = performance.now();
    const alerts = stored.map(toAlert).sort(byScore);
    return {
      alerts,
      created,
      updated: rows.length - created,
      byIndicator,
      loaded: {
        positions: inputs.positions.length,
        vessels: inputs.vesselsByMmsi.size,
        payments: inputs.payments.length,
        declarations: inputs.declarations.length,
      },
      seconds: { load: (t1 - t0) / 1000, detect: (t2 - t1) / 1000, store: (t3 - t2) / 1000 },
    };
  }

  /** Alerts this viewer may see (every evidence class readable), filtered and paged. */
  async list(scope: ReadScope, query: AlertQuery, page: { limit: number; offset: number }): Promise<{ total: number; alerts: Alert[] }> {
    const rows = (await this.store.alerts.find(query)).filter((r) => visible(scope, r));
    return { total: rows.length, alerts: rows.slice(page.offset, page.offset + page.limit).map(toAlert) };
  }

  /** One alert, or not_found — also when the viewer may not see it (hiding must not reveal). */
  async get(scope: ReadScope, id: string): Promise<Alert> {
    const row = await this.store.alerts.get(id);
    if (!row || !visible(scope, row)) throw new SextantError('not_found', `no alert ${id}`, { id });
    return toAlert(row);
  }

  async setStatus(scope: ReadScope, id: string, status: string): Promise<Alert> {
    if (!(ALERT_STATUSES as readonly string[]).includes(status)) {
      throw new SextantError('bad_request', `status must be one of ${ALERT_STATUSES.join(', ')}`, { field: 'status' });
    }
    const before = await this.get(scope, id);
    await this.store.alerts.setStatus(before.id, status);
    return { ...before, status: status as AlertStatus };
  }

  private rows(drafts: AlertDraft[], profile: Profile): NewAlertRow[] {
    const byId = new Map<string, NewAlertRow>();
    for (const d of drafts) {
      if (d.evidence.length === 0) throw new SextantError('internal', `indicator ${d.indicator} produced an alert without evidence (${d.key})`);
      const id = alertId(d.indicator, d.key);
      const classes = evidenceClasses(d.evidence);
      const marking = formatMarking(
        combineMarkings(
          [...new Set(classes.map((c) => c.marking))].map((m) => parseMarking(m, this.ladder)),
          this.ladder,
        ),
        this.ladder,
      );
      const subjectIds = new Set<string>();
      for (const s of d.subjects) {
        subjectIds.add(s.id);
        for (const v of Object.values(s.identifiers)) subjectIds.add(v);
      }
      // Two drafts with one key (an indicator that found the same thing twice): keep the higher score.
      const prev = byId.get(id);
      if (prev && prev.score >= d.score) continue;
      byId.set(id, {
        id,
        indicator: d.indicator,
        score: roundScore(d.score),
        subjects: d.subjects,
        subject_ids: [...subjectIds],
        window_start: d.window.start,
        window_end: d.window.end,
        evidence: publicEvidence(d.evidence),
        classes,
        explanation: d.explanation,
        details: d.details ?? {},
        params: profile.indicators[d.indicator]?.params ?? {},
        marking,
      });
    }
    return [...byId.values()];
  }

  private async load(scope: ReadScope, profile: Profile, needs: Set<InputKind>, progress?: (phase: string, n: number) => void): Promise<DetectInputs> {
    const eventClasses = await this.store.statements.classes({ propType: 'event' });
    const filterFor = (schema: string): EventClassFilter => {
      const f = scope.filter(eventClasses.filter((c) => c.schema === schema));
      return { datasets: f.datasets, agencies: f.agencies, markings: f.markings };
    };
    const empty = new PositionTableBuilder(1).build();
    // One day for the whole load: which designations are in force and which directorships have ended.
    const asOf = today();
    // The inputs are independent reads: started together, the database works on one while this thread parses the
    // rows of another (PGlite, with one connection, takes them in turn). The ownership world also keeps the other
    // core busy screening registry parties (src/screen/best-match.ts).
    const maritime = (async () => {
      const positions = needs.has('positions') ? await this.loadPositions(filterFor('VesselPosition'), progress) : empty;
      const vessels = needs.has('positions') || needs.has('entities') ? await this.loadVessels(scope, asOf) : [];
      return { positions, vessels };
    })();
    const [{ positions, vessels }, payments, declarations, listedParties, parties, ownership] = await Promise.all([
      maritime,
      needs.has('payments') ? this.store.events.visiblePayments(filterFor('Payment')) : [],
      needs.has('declarations') ? this.store.events.visibleDeclarations(filterFor('CustomsDeclaration')) : [],
      needs.has('lists') ? this.loadListedParties(scope, asOf) : [],
      needs.has('registry') ? this.loadParties(scope, asOf) : [],
      needs.has('ownership') ? new OwnershipService(this.store, { screenNames: true }).load(scope, { asOf }) : null,
    ]);
    const listedVessels = vessels.filter((v) => v.designations?.length);
    const vesselsByMmsi = new Map<string, KnownVessel>();
    const vesselsByImo = new Map<string, KnownVessel>();
    for (const v of vessels) {
      if (v.mmsi && !vesselsByMmsi.has(v.mmsi)) vesselsByMmsi.set(v.mmsi, v);
      if (v.imo && !vesselsByImo.has(v.imo)) vesselsByImo.set(v.imo, v);
    }
    return {
      profile,
      positions,
      payments,
      declarations,
      vesselsByMmsi,
      vesselsByImo,
      listedVessels,
      listedParties,
      parties,
      alerts: [],
      ruleIndicators: new Set(this.catalogue.filter((i) => i.appliesRule).map((i) => i.code)),
      ownership,
    };
  }

  private async loadPositions(filter: EventClassFilter, progress?: (phase: string, n: number) => void): Promise<PositionTable> {
    const builder = new PositionTableBuilder();
    if (filter.datasets.length === 0) return builder.build();
    let after = null;
    for (;;) {
      const page = await this.store.events.positionPage(filter, after, POSITION_PAGE);
      for (const r of page) addPositionRow(builder, r);
      progress?.('positions', page.length);
      if (page.length < POSITION_PAGE) break;
      const last = page[page.length - 1]!;
      after = { mmsi: last.mmsi, ts: last.ts_text, dataset: last.dataset };
    }
    return builder.build();
  }

  /**
   * Vessels of the registry and the lists the viewer may see: name, IMO, MMSI,
   * flag, other names, the flag history one source kept over its versions
   * (each flag with when it was first and last seen there), and the visible
   * Sanctions that designate each vessel.
   */
  private async loadVessels(scope: ReadScope, asOf: string): Promise<KnownVesselHistory[]> {
    const classes = await this.store.statements.classes();
    const visibleOf = (schema: string) => scope.filter(classes.filter((c) => c.schema === schema), { minimised: true });
    const rows = scope.seeAll(await this.store.statements.ofSchemata(['Vessel'], visibleOf('Vessel')));
    const byVessel = groupByEntity(rows);
    const designations = await this.designationsOf([...byVessel.keys()], scope, visibleOf('Sanction'), asOf);
    const out: KnownVesselHistory[] = [];
    for (const [id, rs] of byVessel) {
      const values = (prop: string) => [...new Set(rs.filter((r) => r.prop === prop).map((r) => r.value))];
      const name = caption(id, rs);
      const aliases = [...values('name'), ...values('alias'), ...values('previousName'), ...values('weakAlias'), ...values('pastNames')].filter((n, i, all) => n !== name && all.indexOf(n) === i);
      const first = rs[0]!;
      const v: KnownVesselHistory & KnownVesselDetails = {
        id,
        name,
        imo: values('imoNumber')[0] ?? null,
        mmsi: values('mmsi')[0] ?? null,
        flag: latestValue(rs, 'flag'),
        callSign: latestValue(rs, 'callSign'),
        callSigns: values('callSign'),
        vesselType: latestValue(rs, 'type'),
        firstSeen: rs.reduce((m, r) => (toIso(r.first_seen) < m ? toIso(r.first_seen) : m), toIso(first.first_seen)),
        lastSeen: rs.reduce((m, r) => (toIso(r.last_seen) > m ? toIso(r.last_seen) : m), toIso(first.last_seen)),
        source: { dataset: first.dataset, record: first.source_record ?? id, agency: first.agency, marking: first.marking },
      };
      if (aliases.length) v.aliases = aliases;
      const history = flagHistory(rs);
      if (history.length >= 2) v.flagHistory = history;
      const pastFlags = values('pastFlags');
      if (pastFlags.length) v.pastFlags = pastFlags;
      const pastNames = values('pastNames');
      if (pastNames.length) v.pastNames = pastNames;
      const ds = designations.get(id);
      if (ds?.length) v.designations = ds;
      out.push(v);
    }
    return out;
  }

  /**
   * The persons, companies and organisations visible Sanctions name (vessels
   * have their own loader), with the names, countries, birth dates and
   * identifiers screening compares, and the Sanctions to cite.
   */
  private async loadListedParties(scope: ReadScope, asOf: string): Promise<ListedParty[]> {
    const classes = await this.store.statements.classes();
    const visible = scope.filter(classes, { minimised: true });
    const sanctions = groupByEntity(scope.seeAll(await this.store.statements.ofSchemata(['Sanction'], scope.filter(classes.filter((c) => c.schema === 'Sanction'), { minimised: true }))));
    const byTarget = new Map<string, ListedParty['sanctions']>();
    for (const [id, rs] of sanctions) {
      // A lifted designation (delisted: its Sanction has an end date) lists nobody any more.
      if (!sanctionInForce(rs, asOf)) continue;
      const first = (prop: string) => rs.find((r) => r.prop === prop)?.value ?? null;
      for (const target of rs.filter((r) => r.prop === 'entity').map((r) => r.value)) {
        const s = rs[0]!;
        byTarget.set(target, [...(byTarget.get(target) ?? []), { id, dataset: s.dataset, record: s.source_record ?? id, agency: s.agency, marking: s.marking, authority: first('authority'), program: first('program') ?? first('programId') }]);
      }
    }
    const out: ListedParty[] = [];
    const targets = [...byTarget.keys()];
    for (let i = 0; i < targets.length; i += 5000) {
      for (const [id, rs] of groupByEntity(scope.seeAll(await this.store.statements.forEntities(targets.slice(i, i + 5000), visible)))) {
        const schema = rs[0]!.schema;
        if (schema === 'Vessel' || schema === 'Sanction') continue;
        const values = (...props: string[]) => [...new Set(rs.filter((r) => props.includes(r.prop)).map((r) => r.value))];
        const names = values('name', 'alias', 'previousName', 'weakAlias');
        if (names.length === 0) continue;
        const identifiers: Record<string, string[]> = {};
        for (const r of rs) if (r.prop_type === 'identifier') (identifiers[r.prop] ??= []).includes(r.value) || identifiers[r.prop]!.push(r.value);
        const countries = values('country', 'nationality', 'jurisdiction', 'citizenship');
        const birthDates = values('birthDate');
        out.push({ id, schema, names, ...(countries.length ? { countries } : {}), ...(birthDates.length ? { birthDates } : {}), ...(Object.keys(identifiers).length ? { identifiers } : {}), sanctions: byTarget.get(id)! });
      }
    }
    return out;
  }

  /** Companies and organisations the viewer may see, with jurisdiction, incorporation date, addresses and directors. */
  private async loadParties(scope: ReadScope, asOf: string): Promise<RegisteredParty[]> {
    const classes = await this.store.statements.classes();
    const schemata = ['Company', 'Organization', 'LegalEntity', 'PublicBody'];
    // Only the properties read below (a registry's records carry many more).
    const rows = scope.seeAll(
      await this.store.statements.ofSchemata(
        schemata,
        scope.filter(classes.filter((c) => schemata.includes(c.schema) && PARTY_PROPS.has(c.prop)), { minimised: true }),
        [...POLICY_COLUMNS, 'last_seen'],
      ),
    );
    const directorships = scope.seeAll(
      await this.store.statements.ofSchemata(
        ['Directorship'],
        scope.filter(classes.filter((c) => c.schema === 'Directorship' && DIRECTORSHIP_PROPS.has(c.prop)), { minimised: true }),
        POLICY_COLUMNS,
      ),
    );
    const directors = new Map<string, PartyDirector[]>();
    for (const [record, rs] of groupByEntity(directorships)) {
      const director = rs.find((r) => r.prop === 'director')?.value;
      const organization = rs.find((r) => r.prop === 'organization')?.value;
      const end = rs.find((r) => r.prop === 'endDate')?.value;
      if (!director || !organization || (end && end < asOf)) continue;
      const first = rs[0]!;
      directors.set(organization, [...(directors.get(organization) ?? []), { id: director, record, dataset: first.dataset, agency: first.agency, marking: first.marking }]);
    }
    const out: RegisteredParty[] = [];
    for (const [id, rs] of groupByEntity(rows)) {
      const names = [...new Set(rs.filter((r) => r.prop === 'name' || r.prop === 'alias' || r.prop === 'previousName').map((r) => r.value))];
      if (names.length === 0) continue;
      const first = rs[0]!;
      out.push({
        id,
        schema: first.schema,
        name: caption(id, rs),
        names,
        country: latestValue(rs, 'jurisdiction') ?? latestValue(rs, 'country'),
        incorporationDate: latestValue(rs, 'incorporationDate'),
        addresses: [...new Set(rs.filter((r) => r.prop === 'address').map((r) => r.value))],
        directors: directors.get(id) ?? [],
        dataset: first.dataset,
        agency: first.agency,
        marking: first.marking,
      });
    }
    return out;
  }

  /** The visible Sanctions naming each of these entities (by Sanction.entity). */
  private async designationsOf(ids: string[], scope: ReadScope, visible: ClassFilterColumns, asOf: string): Promise<Map<string, VesselDesignation[]>> {
    const out = new Map<string, VesselDesignation[]>();
    const refs = scope.seeAll(await this.store.statements.referencingAny(ids, 'Sanction', 'entity', visible));
    if (refs.length === 0) return out;
    const sanctions = groupByEntity(scope.seeAll(await this.store.statements.forEntities([...new Set(refs.map((r) => r.entity_id))], visible)));
    for (const ref of refs) {
      const rs = sanctions.get(ref.entity_id) ?? [];
      if (!sanctionInForce(rs, asOf)) continue;
      const first = (prop: string) => rs.find((r) => r.prop === prop)?.value ?? null;
      const list = out.get(ref.value) ?? [];
      if (list.some((d) => d.sanctionId === ref.entity_id)) continue;
      list.push({ sanctionId: ref.entity_id, dataset: ref.dataset, authority: first('authority'), program: first('program') ?? first('programId'), marking: ref.marking, agency: ref.agency });
      out.set(ref.value, list);
    }
    return out;
  }
}

/**
 * Flags one source recorded for a vessel over its deliveries, in the order
 * they were first seen. Only within one dataset: two sources that disagree are
 * a conflict, not a change of flag.
 */
function flagHistory(rows: StatementRow[]): FlagPeriod[] {
  const byDataset = new Map<string, StatementRow[]>();
  for (const r of rows) if (r.prop === 'flag') byDataset.set(r.dataset, [...(byDataset.get(r.dataset) ?? []), r]);
  let best: FlagPeriod[] = [];
  for (const rs of byDataset.values()) {
    if (rs.length < 2) continue;
    const periods = rs
      .map((r) => ({ flag: r.value, from: toIso(r.first_seen), to: toIso(r.last_seen) }))
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
    if (periods.length > best.length) best = periods;
  }
  return best;
}

function visible(scope: ReadScope, row: AlertRow): boolean {
  return scope.seesAll(row.classes.map((c) => ({ ...c, prop: '*' })));
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    indicator: r.indicator,
    score: r.score,
    subjects: r.subjects as Alert['subjects'],
    window: { start: r.window_start, end: r.window_end },
    evidence: r.evidence as Alert['evidence'],
    explanation: r.explanation,
    status: r.status as AlertStatus,
    marking: r.marking,
    details: r.details,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}

function byScore(a: Alert, b: Alert): number {
  return b.score - a.score || a.window.start.localeCompare(b.window.start) || a.id.localeCompare(b.id);
}

