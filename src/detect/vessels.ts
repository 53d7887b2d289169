/**
 * A vessel as an analyst asks for it: by IMO number, MMSI or entity id, with
 * every identifier it has carried and when (from its own broadcasts and from
 * the registry and lists), its owners and managers, designations, port calls,
 * alerts, and its track as GeoJSON. Everything is read through the viewer's
 * scope: positions, statements and alerts the viewer may not see do not
 * exist here, and a vessel of which nothing is visible is "not found".
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { SextantError } from '../errors.ts';
import { checkImo, midCountry } from '../model/normalize/identifiers.ts';
import type { ReadScope } from '../policy/scope.ts';
import { toIso } from '../store/timestamps.ts';
import { caption, groupByEntity, latestValue } from '../store/entity-service.ts';
import type { EventClassFilter, PositionPageRow } from '../store/events.ts';
import type { Store } from '../store/index.ts';
import type { ClassFilterColumns, StatementRow } from '../store/statements.ts';
import type { Alert } from './alert.ts';
import { addPositionRow, PositionTableBuilder, type PositionTable } from './inputs.ts';
import { iso } from './maritime/common.ts';
import { buildPortCalls } from './maritime/port-calls.ts';
import { buildTracks, SEG_AFTER_GAP, SEG_AFTER_JUMP, type Tracks } from './maritime/tracks.ts';
import type { DetectService } from './service.ts';

/** How a vessel was asked for. */
export type VesselKey = { kind: 'imo'; imo: string } | { kind: 'mmsi'; mmsi: string } | { kind: 'entity'; id: string };

/** Positions read for one vessel view (port calls, first/last fix): about a year of one fix a minute. */
export const VIEW_POSITION_LIMIT = 500_000;
export const TRACK_DEFAULT_LIMIT = 10_000;
export const TRACK_MAX_LIMIT = 200_000;
const RUN_LIMIT = 5_000;
const ALERT_LIMIT = 100;

/** One value an identifier held, and over which time, according to one source. */
export interface IdentifierRun {
  value: string;
  /** First and last time seen with this value; null when the source gives no time (FtM pastFlags, pastNames). */
  from: string | null;
  to: string | null;
  /** `ais` (the vessel's own broadcasts) or `registry` (an FtM dataset: registry or list). */
  source: 'ais' | 'registry';
  /** The dataset of a registry value. */
  dataset?: string;
  /** The MMSI that broadcast it (ais). */
  mmsi?: string;
  /** Fixes that carried it (ais). */
  fixes?: number;
  /** A value the source itself calls past (pastFlags, pastNames). */
  past?: boolean;
}

export interface VesselParty {
  id: string;
  caption: string;
  schema: string;
  /** owner (Vessel.owner or an Ownership), operator (Vessel.operator: manager or operator). */
  role: 'owner' | 'operator';
  /** The Ownership's own role text and percentage, when the link is an Ownership. */
  detail?: string;
  percentage?: string;
  vessel: string;
}

export interface VesselDesignationView {
  sanctionId: string;
  entity: string;
  dataset: string;
  authority: string | null;
  program: string | null;
  listingDate: string | null;
}

export interface VesselPortCall {
  mmsi: string;
  locode: string;
  port: string;
  country: string;
  arrival: string;
  departure: string;
  hours: number;
}

export interface VesselView {
  /** What was asked, normalised: `imo:9187629`, `mmsi:273456780` or the entity id. */
  key: string;
  name: string | null;
  imo: string | null;
  mmsi: string | null;
  callSign: string | null;
  flag: string | null;
  /** AIS ship and cargo type code, as last broadcast. */
  vesselType: number | null;
  /** Every MMSI linked to this hull (the one asked for, the registry's, those that broadcast its IMO). */
  mmsis: string[];
  /** Every IMO number linked (registry and broadcast). */
  imos: string[];
  entities: Array<{ id: string; schema: string; caption: string; datasets: string[] }>;
  history: Record<'name' | 'imo' | 'mmsi' | 'callSign' | 'flag' | 'vesselType', IdentifierRun[]>;
  owners: VesselParty[];
  designations: VesselDesignationView[];
  portCalls: VesselPortCall[];
  positions: { count: number; first: string | null; last: string | null; truncated: boolean; segments: number };
  alerts: { total: number; items: Alert[] };
}

export interface TrackQuery {
  from?: string;
  to?: string;
  limit?: number;
}

/** `IMO9187629`, `9187629`, `273456780`, or an entity id. */
export function parseVesselKey(raw: string): VesselKey {
  const text = raw.trim();
  if (text === '') throw new SextantError('bad_request', 'a vessel is asked for by IMO number, MMSI or entity id', { field: 'id' });
  const imoLike = /^imo[\s:]*(\d+)$/i.exec(text);
  if (imoLike || /^\d{7}$/.test(text)) {
    const r = checkImo(imoLike ? imoLike[1]! : text);
    if (!r.ok) throw new SextantError('bad_request', r.reason, { field: 'id' });
    return { kind: 'imo', imo: r.value };
  }
  const mmsiLike = /^mmsi[\s:]*(\d+)$/i.exec(text);
  if (mmsiLike || /^\d{9}$/.test(text)) {
    const digits = mmsiLike ? mmsiLike[1]! : text;
    // Kept even when the MID is unallocated: a vessel broadcasting a false MMSI must still be found by it.
    if (!/^\d{9}$/.test(digits)) throw new SextantError('bad_request', `MMSI must be 9 digits, got ${digits}`, { field: 'id' });
    return { kind: 'mmsi', mmsi: digits };
  }
  if (/^\d+$/.test(text)) throw new SextantError('bad_request', `${text} is neither an IMO number (7 digits) nor an MMSI (9 digits)`, { field: 'id' });
  return { kind: 'entity', id: text };
}

export function keyText(key: VesselKey): string {
  return key.kind === 'imo' ? `imo:${key.imo}` : key.kind === 'mmsi' ? `mmsi:${key.mmsi}` : key.id;
}

interface Resolved {
  key: VesselKey;
  entityIds: string[];
  rows: StatementRow[];
  mmsis: string[];
  imos: string[];
}

export class VesselService {
  constructor(
    private readonly store: Store,
    private readonly detect: DetectService,
  ) {}

  async get(scope: ReadScope, raw: string): Promise<VesselView> {
    const key = parseVesselKey(raw);
    const visible = await this.visible(scope);
    const r = await this.resolve(scope, key, visible);
    const positionRows = await this.store.events.vesselPositions(visible.positions, r.mmsis, {}, VIEW_POSITION_LIMIT + 1);
    const truncated = positionRows.length > VIEW_POSITION_LIMIT;
    if (truncated) positionRows.length = VIEW_POSITION_LIMIT;
    if (r.rows.length === 0 && positionRows.length === 0) throw new SextantError('not_found', `no vessel ${raw}`, { id: raw });
    const runs = await this.store.events.staticRuns(visible.positions, r.mmsis, RUN_LIMIT);
    const table = tableOf(positionRows);
    const tracks = buildTracks(table);
    const calls = buildPortCalls(tracks).calls;
    const byEntity = groupByEntity(r.rows);
    const history = historyOf(r.rows, runs);
    const lastAis = (field: 'name' | 'imo' | 'callSign' | 'vesselType') => {
      const list = runs.filter((x) => x.field === field);
      return list.length ? list.reduce((a, b) => (b.to > a.to ? b : a)).value : null;
    };
    const registry = (prop: string) => latestValue(r.rows, prop);
    const mmsi = key.kind === 'mmsi' ? key.mmsi : (registry('mmsi') ?? lastBroadcaster(table));
    const typeText = lastAis('vesselType');
    const alerts = await this.detect.list(scope, { subjects: [...r.entityIds, ...r.mmsis, ...r.imos] }, { limit: ALERT_LIMIT, offset: 0 });
    return {
      key: keyText(key),
      name: registry('name') ?? lastAis('name'),
      imo: key.kind === 'imo' ? key.imo : (registry('imoNumber') ?? validOrNull(lastAis('imo'))),
      mmsi,
      callSign: registry('callSign') ?? lastAis('callSign'),
      flag: registry('flag') ?? (mmsi ? (midCountry(mmsi) ?? null) : null),
      vesselType: typeText === null ? null : Number(typeText),
      mmsis: r.mmsis,
      imos: r.imos,
      entities: [...byEntity].map(([id, rs]) => ({ id, schema: rs[0]!.schema, caption: caption(id, rs), datasets: [...new Set(rs.map((x) => x.dataset))].sort() })),
      history,
      owners: await this.owners(scope, byEntity, visible.statements),
      designations: await this.designations(scope, r.entityIds, visible.statements),
      portCalls: calls.map((c) => ({
        mmsi: table.mmsi[c.vessel]!,
        locode: c.port.locode,
        port: c.port.name,
        country: c.port.country,
        arrival: iso(c.arrival),
        departure: iso(c.departure),
        hours: Math.round(c.hours * 10) / 10,
      })).sort((a, b) => a.arrival.localeCompare(b.arrival)),
      positions: {
        count: table.length,
        first: table.length ? iso(minT(table)) : null,
        last: table.length ? iso(maxT(table)) : null,
        truncated,
        segments: tracks.segments,
      },
      alerts: { total: alerts.total, items: alerts.alerts },
    };
  }

  /**
   * The vessel's track in [from, to) as GeoJSON: one LineString per track
   * segment (a new segment after a gap over 8 h or an implied speed over 25 kn,
   * as detection cuts them), each with its MMSI, times and why it started.
   */
  async track(scope: ReadScope, raw: string, q: TrackQuery): Promise<FeatureCollection<LineString>> {
    const key = parseVesselKey(raw);
    const limit = q.limit ?? TRACK_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > TRACK_MAX_LIMIT) throw new SextantError('bad_request', `limit must be a whole number from 1 to ${TRACK_MAX_LIMIT}`, { field: 'limit' });
    for (const field of ['from', 'to'] as const) {
      const v = q[field];
      if (v !== undefined && Number.isNaN(Date.parse(v))) throw new SextantError('bad_request', `${field} must be an ISO 8601 date or time, got ${v}`, { field });
    }
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw new SextantError('bad_request', 'from must be before to', { field: 'from' });
    const visible = await this.visible(scope);
    const r = await this.resolve(scope, key, visible);
    const rows = await this.store.events.vesselPositions(visible.positions, r.mmsis, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }, limit + 1);
    const truncated = rows.length > limit;
    if (truncated) rows.length = limit;
    if (rows.length === 0 && r.rows.length === 0) throw new SextantError('not_found', `no vessel ${raw}`, { id: raw });
    const table = tableOf(rows);
    const tracks = buildTracks(table);
    return {
      type: 'FeatureCollection',
      features: segmentFeatures(table, tracks),
      // Foreign members (RFC 7946 §6.1): what was asked and whether the limit cut the track short.
      ...({ vessel: keyText(key), mmsis: r.mmsis, from: q.from ?? null, to: q.to ?? null, positions: table.length, truncated, limit } as object),
    } as FeatureCollection<LineString>;
  }

  private async visible(scope: ReadScope): Promise<{ statements: ClassFilterColumns; positions: EventClassFilter }> {
    const classes = await this.store.statements.classes();
    const f = scope.filter(classes.filter((c) => c.prop_type === 'event' && c.schema === 'VesselPosition'));
    return {
      statements: scope.filter(classes, { minimised: true }),
      positions: { datasets: f.datasets, agencies: f.agencies, markings: f.markings },
    };
  }

  /** Entities and radios of the hull asked for: one step out from the key, no further (a borrowed IMO must not pull in the borrower's own history). */
  private async resolve(scope: ReadScope, key: VesselKey, visible: { statements: ClassFilterColumns; positions: EventClassFilter }): Promise<Resolved> {
    let entityIds: string[] = [];
    const mmsis = new Set<string>();
    const imos = new Set<string>();
    if (key.kind === 'entity') {
      entityIds = [key.id];
    } else if (key.kind === 'imo') {
      imos.add(key.imo);
      entityIds = await this.store.statements.entitiesWithIdentifier(['imoNumber'], key.imo, visible.statements);
      for (const m of await this.store.events.mmsisBroadcastingImo(visible.positions, key.imo)) mmsis.add(m);
    } else {
      mmsis.add(key.mmsi);
      entityIds = await this.store.statements.entitiesWithIdentifier(['mmsi'], key.mmsi, visible.statements);
    }
    const rows = scope.seeAll(await this.store.statements.forEntities(entityIds, visible.statements)).filter((row) => row.schema === 'Vessel');
    if (key.kind === 'entity' && rows.length === 0) throw new SextantError('not_found', `no vessel ${key.id}`, { id: key.id });
    for (const row of rows) {
      if (row.prop === 'mmsi') mmsis.add(row.value);
      if (row.prop === 'imoNumber') imos.add(row.value);
    }
    if (key.kind === 'entity') for (const imo of imos) for (const m of await this.store.events.mmsisBroadcastingImo(visible.positions, imo)) mmsis.add(m);
    const ids = [...new Set(rows.map((row) => row.entity_id))];
    return { key, entityIds: ids, rows, mmsis: [...mmsis].sort(), imos: [...imos].sort() };
  }

  private async owners(scope: ReadScope, byEntity: Map<string, StatementRow[]>, visible: ClassFilterColumns): Promise<VesselParty[]> {
    const links: Array<{ vessel: string; party: string; role: 'owner' | 'operator'; detail?: string; percentage?: string }> = [];
    for (const [vessel, rs] of byEntity) {
      for (const r of rs) if (r.prop === 'owner' || r.prop === 'operator') links.push({ vessel, party: r.value, role: r.prop });
    }
    const interests = scope.seeAll(await this.store.statements.referencingAny([...byEntity.keys()], 'Ownership', 'asset', visible));
    const interestRows = groupByEntity(scope.seeAll(await this.store.statements.forEntities([...new Set(interests.map((i) => i.entity_id))], visible)));
    for (const i of interests) {
      const rs = interestRows.get(i.entity_id) ?? [];
      const owner = rs.find((r) => r.prop === 'owner')?.value;
      if (!owner) continue;
      const role = rs.find((r) => r.prop === 'role')?.value;
      const percentage = rs.find((r) => r.prop === 'percentage')?.value;
      links.push({ vessel: i.value, party: owner, role: 'owner', ...(role ? { detail: role } : {}), ...(percentage ? { percentage } : {}) });
    }
    const parties = groupByEntity(scope.seeAll(await this.store.statements.forEntities([...new Set(links.map((l) => l.party))], visible)));
    const out: VesselParty[] = [];
    const seen = new Set<string>();
    // An Ownership says more than the bare Vessel.owner pointing at the same party: keep only it then.
    const detailed = new Set(links.filter((l) => l.detail || l.percentage).map((l) => `${l.vessel}\u0000${l.party}\u0000${l.role}`));
    for (const l of links) {
      if (!l.detail && !l.percentage && detailed.has(`${l.vessel}\u0000${l.party}\u0000${l.role}`)) continue;
      const rs = parties.get(l.party);
      // A party the viewer may see nothing of is left out, as EntityService leaves out hidden related entities.
      if (!rs) continue;
      const k = `${l.vessel}\u0000${l.party}\u0000${l.role}\u0000${l.detail ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ id: l.party, caption: caption(l.party, rs), schema: rs[0]!.schema, role: l.role, vessel: l.vessel, ...(l.detail ? { detail: l.detail } : {}), ...(l.percentage ? { percentage: l.percentage } : {}) });
    }
    return out;
  }

  private async designations(scope: ReadScope, entityIds: string[], visible: ClassFilterColumns): Promise<VesselDesignationView[]> {
    const refs = scope.seeAll(await this.store.statements.referencingAny(entityIds, 'Sanction', 'entity', visible));
    const sanctions = groupByEntity(scope.seeAll(await this.store.statements.forEntities([...new Set(refs.map((r) => r.entity_id))], visible)));
    const out: VesselDesignationView[] = [];
    for (const ref of refs) {
      if (out.some((d) => d.sanctionId === ref.entity_id && d.entity === ref.value)) continue;
      const rs = sanctions.get(ref.entity_id) ?? [];
      const first = (prop: string) => rs.find((r) => r.prop === prop)?.value ?? null;
      out.push({ sanctionId: ref.entity_id, entity: ref.value, dataset: ref.dataset, authority: first('authority'), program: first('program') ?? first('programId'), listingDate: first('listingDate') ?? first('startDate') });
    }
    return out;
  }
}

function tableOf(rows: PositionPageRow[]): PositionTable {
  const b = new PositionTableBuilder(rows.length + 1);
  for (const r of rows) addPositionRow(b, r);
  return b.build();
}

const SEGMENT_REASON = ['first', 'after_gap', 'after_jump'] as const;

function segmentFeatures(table: PositionTable, tracks: Tracks): Array<Feature<LineString>> {
  const out: Array<Feature<LineString>> = [];
  for (let s = 0; s < tracks.segments; s++) {
    const coordinates: number[][] = [];
    const times: string[] = [];
    for (let row = tracks.segFirst[s]!; row !== -1; row = tracks.next[row]!) {
      coordinates.push([table.lon[row]!, table.lat[row]!]);
      times.push(iso(table.t[row]!));
    }
    // A one-fix segment is still a LineString (RFC 7946 wants two positions): the fix twice.
    if (coordinates.length === 1) coordinates.push(coordinates[0]!.slice());
    const reason = tracks.segReason[s]!;
    out.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: {
        mmsi: table.mmsi[tracks.segVessel[s]!]!,
        segment: s,
        start: iso(tracks.segStart(s)),
        end: iso(tracks.segEnd(s)),
        fixes: tracks.segCount[s]!,
        startedBy: reason === SEG_AFTER_GAP || reason === SEG_AFTER_JUMP ? SEGMENT_REASON[reason] : 'first',
        times,
      },
    });
  }
  return out;
}

/** Registry values and broadcast runs of each identifier, oldest first. */
function historyOf(rows: StatementRow[], runs: Awaited<ReturnType<Store['events']['staticRuns']>>): VesselView['history'] {
  const h: VesselView['history'] = { name: [], imo: [], mmsi: [], callSign: [], flag: [], vesselType: [] };
  const fromRegistry: Array<[string, keyof VesselView['history'], boolean]> = [
    ['name', 'name', false], ['pastNames', 'name', true], ['previousName', 'name', true], ['imoNumber', 'imo', false], ['mmsi', 'mmsi', false],
    ['callSign', 'callSign', false], ['flag', 'flag', false], ['pastFlags', 'flag', true], ['type', 'vesselType', false], ['pastTypes', 'vesselType', true],
  ];
  for (const [prop, field, past] of fromRegistry) {
    for (const r of rows) {
      if (r.prop !== prop) continue;
      h[field].push(past
        ? { value: r.value, from: null, to: null, source: 'registry', dataset: r.dataset, past: true }
        : { value: r.value, from: toIso(r.first_seen), to: toIso(r.last_seen), source: 'registry', dataset: r.dataset });
    }
  }
  const mmsiSpan = new Map<string, { from: string; to: string; fixes: number }>();
  for (const run of runs) {
    h[run.field].push({ value: run.value, from: run.from, to: run.to, source: 'ais', mmsi: run.mmsi, fixes: run.fixes });
    // Each radio's span comes from the runs of its name, IMO, call sign or type: the times it sent static data.
    const span = mmsiSpan.get(run.mmsi);
    if (!span) mmsiSpan.set(run.mmsi, { from: run.from, to: run.to, fixes: 0 });
    else {
      if (run.from < span.from) span.from = run.from;
      if (run.to > span.to) span.to = run.to;
    }
  }
  for (const [mmsi, span] of mmsiSpan) h.mmsi.push({ value: mmsi, from: span.from, to: span.to, source: 'ais', mmsi });
  for (const list of Object.values(h)) list.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '') || a.value.localeCompare(b.value));
  return h;
}

function lastBroadcaster(table: PositionTable): string | null {
  if (table.length === 0) return null;
  let bestV = 0;
  for (let v = 0; v < table.vessels; v++) if (table.t[table.vesselStart[v + 1]! - 1]! > table.t[table.vesselStart[bestV + 1]! - 1]!) bestV = v;
  return table.mmsi[bestV] ?? null;
}

function validOrNull(imo: string | null): string | null {
  return imo && checkImo(imo).ok ? imo : null;
}

function minT(table: PositionTable): number {
  let m = Infinity;
  for (let i = 0; i < table.length; i++) if (table.t[i]! < m) m = table.t[i]!;
  return m;
}

function maxT(table: PositionTable): number {
  let m = -Infinity;
  for (let i = 0; i < table.length; i++) if (table.t[i]! > m) m = table.t[i]!;
  return m;
}

