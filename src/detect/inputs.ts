/**
 * What indicators read, built once per detection run from what the running
 * viewer may see (the service loads it through the policy module), and held in
 * compact column arrays: positions come by the ten million, and a JavaScript
 * object per fix would cost ten times the memory and most of the time.
 */
import type { PositionPageRow, StoredDeclaration, StoredPayment } from '../store/events.ts';
import type { OwnershipWorld } from '../graph/service.ts';
import type { AlertDraft } from './alert.ts';
import type { RegisteredParty } from './parties.ts';
import type { Profile } from './profile.ts';

/**
 * Every visible AIS position, ordered by vessel (MMSI) and time, as columns.
 * Rows `vesselStart[v] … vesselStart[v+1]-1` are vessel `v`'s fixes. NaN is
 * "not available" in the number columns. Static fields (name, IMO, call sign,
 * type) are interned: `staticIndex[row]` points into `statics`, and changes of
 * that index along a vessel's rows are changes of its broadcast identity.
 */
export class PositionTable {
  readonly length: number;
  constructor(
    readonly mmsi: string[],
    /** vesselStart[v] is the first row of vessel v; vesselStart[mmsi.length] === length. */
    readonly vesselStart: Int32Array,
    /** Seconds since the epoch, UTC. */
    readonly t: Float64Array,
    readonly lat: Float64Array,
    readonly lon: Float64Array,
    /** Knots. */
    readonly sog: Float32Array,
    readonly cog: Float32Array,
    /** Metres. */
    readonly draft: Float32Array,
    /** AIS navigational status, -1 when not available. */
    readonly status: Int8Array,
    readonly staticIndex: Int32Array,
    readonly statics: VesselStatic[],
    /** Index into `sources` for each row: where the row came from (dataset, agency, marking). */
    readonly sourceIndex: Int32Array,
    readonly sources: EventSource[],
    /** The row's source record id, when it is a whole number (AIS CSV line numbers); otherwise in `recordText`. */
    readonly recordNumber: Float64Array,
    readonly recordText: Map<number, string>,
  ) {
    this.length = t.length;
  }

  get vessels(): number {
    return this.mmsi.length;
  }

  record(row: number): string {
    const n = this.recordNumber[row]!;
    return Number.isNaN(n) ? (this.recordText.get(row) ?? '') : String(n);
  }

  /** The evidence entry for a row. */
  evidence(row: number, note: string): EvidenceRef {
    const s = this.sources[this.sourceIndex[row]!]!;
    return { source: s.dataset, record: this.record(row), agency: s.agency, note, dataset: s.dataset, marking: s.marking, schema: 'VesselPosition' };
  }

  /** The vessel's identity as last broadcast at or before `row` (nulls when it never sent static data). */
  staticAt(row: number): VesselStatic {
    return this.statics[this.staticIndex[row]!]!;
  }
}

/** Where a stored event came from: the class the policy decided on. */
export interface EventSource {
  dataset: string;
  agency: string;
  marking: string;
}

/** A vessel's static (voyage) data as broadcast. */
export interface VesselStatic {
  name: string | null;
  imo: string | null;
  callSign: string | null;
  vesselType: number | null;
}

/** An alert's pointer at an input record, with the class it belongs to (kept for the policy, not printed). */
export interface EvidenceRef {
  source: string;
  record: string;
  agency: string;
  note: string;
  dataset: string;
  marking: string;
  schema: string;
}

/** A vessel as the registry and the lists know it (for subjects and identity checks). */
export interface KnownVessel {
  id: string;
  name: string;
  imo: string | null;
  mmsi: string | null;
  flag: string | null;
  /** Other names the entity carries (FtM `alias`, `previousName`, `pastNames`), for name matching. */
  aliases?: string[];
  /** The designations (Sanction entities naming this vessel) the viewer may see; empty or absent when not listed. */
  designations?: VesselDesignation[];
}

/** An entity a visible Sanction names (person, company, organisation), as finance.listed_counterparty screens it. */
export interface ListedParty {
  id: string;
  schema: string;
  names: string[];
  countries?: string[];
  birthDates?: string[];
  identifiers?: Record<string, string[]>;
  sanctions: Array<{ id: string; dataset: string; record: string; agency: string; marking: string; authority: string | null; program: string | null }>;
}

/** A sanction that designates a vessel: what maritime.listed_vessel cites. */
export interface VesselDesignation {
  /** The Sanction entity's id. */
  sanctionId: string;
  /** The list dataset it was read from (e.g. `us_ofac_sdn`). */
  dataset: string;
  authority: string | null;
  program: string | null;
  marking: string;
  agency: string;
}

/** The inputs of one detection run. Only what the enabled indicators need is loaded. */
export interface DetectInputs {
  profile: Profile;
  positions: PositionTable;
  payments: StoredPayment[];
  declarations: StoredDeclaration[];
  /** Vessels from FtM (registry, lists) by MMSI and IMO. */
  vesselsByMmsi: Map<string, KnownVessel>;
  vesselsByImo: Map<string, KnownVessel>;
  /** Every vessel a visible Sanction designates (with `designations` filled), for maritime.listed_vessel. */
  listedVessels: KnownVessel[];
  /** Entities a visible Sanction names, with what screening compares and the Sanctions to cite (empty unless an indicator reads `lists`). */
  listedParties: ListedParty[];
  /** Registered companies and organisations the viewer may see (empty unless an indicator needs `registry`). */
  parties: RegisteredParty[];
  /** The drafts the run's earlier indicators produced (filled as the run goes; for triangulation). */
  alerts: AlertDraft[];
  /** Codes of the catalogue's indicators that apply a rule (Indicator.appliesRule); none when not given. */
  ruleIndicators?: ReadonlySet<string>;
  /** Stakes, designated owners and blocked sets (null unless an indicator needs them). */
  ownership: OwnershipWorld | null;
}

/** Builds a PositionTable from rows arriving in (mmsi, time) order. */
export class PositionTableBuilder {
  private n = 0;
  private cap: number;
  private t: Float64Array;
  private lat: Float64Array;
  private lon: Float64Array;
  private sog: Float32Array;
  private cog: Float32Array;
  private draft: Float32Array;
  private status: Int8Array;
  private staticIndex: Int32Array;
  private sourceIndex: Int32Array;
  private recordNumber: Float64Array;
  private readonly recordText = new Map<number, string>();
  private readonly mmsi: string[] = [];
  private readonly starts: number[] = [];
  private readonly statics: VesselStatic[] = [{ name: null, imo: null, callSign: null, vesselType: null }];
  private readonly staticKey = new Map<string, number>([['\u0000\u0000\u0000', 0]]);
  private readonly sources: EventSource[] = [];
  private readonly sourceKey = new Map<string, number>();
  private currentStatic = 0;

  constructor(initial = 1 << 16) {
    this.cap = initial;
    this.t = new Float64Array(initial);
    this.lat = new Float64Array(initial);
    this.lon = new Float64Array(initial);
    this.sog = new Float32Array(initial);
    this.cog = new Float32Array(initial);
    this.draft = new Float32Array(initial);
    this.status = new Int8Array(initial);
    this.staticIndex = new Int32Array(initial);
    this.sourceIndex = new Int32Array(initial);
    this.recordNumber = new Float64Array(initial);
  }

  add(row: PositionRow): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    if (this.mmsi.length === 0 || this.mmsi[this.mmsi.length - 1] !== row.mmsi) {
      this.mmsi.push(row.mmsi);
      this.starts.push(i);
      this.currentStatic = 0;
    }
    this.t[i] = row.t;
    this.lat[i] = row.lat;
    this.lon[i] = row.lon;
    this.sog[i] = row.sog ?? NaN;
    this.cog[i] = row.cog ?? NaN;
    this.draft[i] = row.draft ?? NaN;
    this.status[i] = row.status ?? -1;
    // A row without static data keeps the vessel's last broadcast identity.
    if (row.name !== null || row.imo !== null || row.callSign !== null || row.vesselType !== null) {
      const key = `${row.name ?? ''}\u0000${row.imo ?? ''}\u0000${row.callSign ?? ''}\u0000${row.vesselType ?? ''}`;
      let s = this.staticKey.get(key);
      if (s === undefined) {
        s = this.statics.length;
        this.statics.push({ name: row.name, imo: row.imo, callSign: row.callSign, vesselType: row.vesselType });
        this.staticKey.set(key, s);
      }
      this.currentStatic = s;
    }
    this.staticIndex[i] = this.currentStatic;
    const sk = `${row.dataset}\u0000${row.agency}\u0000${row.marking}`;
    let src = this.sourceKey.get(sk);
    if (src === undefined) {
      src = this.sources.length;
      this.sources.push({ dataset: row.dataset, agency: row.agency, marking: row.marking });
      this.sourceKey.set(sk, src);
    }
    this.sourceIndex[i] = src;
    const rn = /^\d{1,15}$/.test(row.record) ? Number(row.record) : NaN;
    this.recordNumber[i] = rn;
    if (Number.isNaN(rn)) this.recordText.set(i, row.record);
  }

  build(): PositionTable {
    const n = this.n;
    const starts = new Int32Array(this.mmsi.length + 1);
    starts.set(this.starts);
    starts[this.mmsi.length] = n;
    return new PositionTable(
      this.mmsi,
      starts,
      this.t.slice(0, n),
      this.lat.slice(0, n),
      this.lon.slice(0, n),
      this.sog.slice(0, n),
      this.cog.slice(0, n),
      this.draft.slice(0, n),
      this.status.slice(0, n),
      this.staticIndex.slice(0, n),
      this.statics,
      this.sourceIndex.slice(0, n),
      this.sources,
      this.recordNumber.slice(0, n),
      this.recordText,
    );
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Float64Array | Float32Array | Int32Array | Int8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a);
      return b;
    };
    this.t = g(this.t, Float64Array);
    this.lat = g(this.lat, Float64Array);
    this.lon = g(this.lon, Float64Array);
    this.sog = g(this.sog, Float32Array);
    this.cog = g(this.cog, Float32Array);
    this.draft = g(this.draft, Float32Array);
    this.status = g(this.status, Int8Array);
    this.staticIndex = g(this.staticIndex, Int32Array);
    this.sourceIndex = g(this.sourceIndex, Int32Array);
    this.recordNumber = g(this.recordNumber, Float64Array);
    this.cap = cap;
  }
}

/** One position as the repository hands it over. */
export interface PositionRow {
  mmsi: string;
  t: number;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  draft: number | null;
  status: number | null;
  name: string | null;
  imo: string | null;
  callSign: string | null;
  vesselType: number | null;
  dataset: string;
  agency: string;
  marking: string;
  record: string;
}

/** A stored position row (EventRepository.positionPage, vesselPositions) into a table builder; rows must come in (mmsi, time) order. */
export function addPositionRow(builder: PositionTableBuilder, r: PositionPageRow): void {
  const num = (v: number | null) => (v === null ? null : Number(v));
  builder.add({
    mmsi: r.mmsi,
    t: Number(r.t),
    lat: Number(r.lat),
    lon: Number(r.lon),
    sog: num(r.sog),
    cog: num(r.cog),
    draft: num(r.draft),
    status: num(r.status),
    name: r.vessel_name,
    imo: r.imo,
    callSign: r.call_sign,
    vesselType: num(r.vessel_type),
    dataset: r.dataset,
    agency: r.agency,
    marking: r.marking,
    record: r.source_record,
  });
}
