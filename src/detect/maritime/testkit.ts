/**
 * Hand-made tracks for the maritime tests: sail, drift and moor a vessel,
 * build a PositionTable from them, and run an indicator with its defaults
 * (and the built-in profile) or with parameters changed.
 */
import type { AlertDraft } from '../alert.ts';
import { defaults, type Indicator, type Params } from '../indicator.ts';
import { PositionTableBuilder, type DetectInputs, type KnownVessel, type PositionTable } from '../inputs.ts';
import { defaultProfile, type Profile } from '../profile.ts';
import { destination, type LatLon } from '../../model/geo.ts';
import { MARITIME_INDICATORS } from './index.ts';

export interface Fix {
  /** Seconds since the epoch. */
  t: number;
  lat: number;
  lon: number;
  sog?: number | null;
  cog?: number | null;
  draft?: number | null;
  status?: number | null;
  name?: string | null;
  imo?: string | null;
  type?: number | null;
}

export interface VesselTrack {
  mmsi: string;
  fixes: Fix[];
}

/** 2025-03-01T00:00:00Z. */
export const T0 = Date.parse('2025-03-01T00:00:00Z') / 1000;
export const H = 3600;

type Extra = Omit<Fix, 't' | 'lat' | 'lon'>;

/** A deterministic wobble in metres (no randomness in tests). */
function wobble(i: number, m: number): number {
  return Math.sin(i * 12.9898) * m;
}

/** Fixes sailing from a point on a bearing at a speed, every `everyMin` minutes for `hours`. */
export function sail(from: LatLon, bearing: number, kn: number, start: number, hours: number, everyMin: number, extra: Extra = {}): Fix[] {
  const out: Fix[] = [];
  const steps = Math.floor((hours * 60) / everyMin);
  for (let i = 0; i <= steps; i++) {
    const dt = i * everyMin * 60;
    const p = destination(from, bearing, (kn * 1852 * dt) / 3600);
    out.push({ t: start + dt, lat: p.lat, lon: p.lon, sog: kn, cog: bearing, status: 0, ...extra });
  }
  return out;
}

/** Where a sail() ends. */
export function sailEnd(from: LatLon, bearing: number, kn: number, hours: number): LatLon {
  return destination(from, bearing, kn * 1852 * hours);
}

/** Fixes drifting (under 1 kn, within ~`radiusM` of a point) every `everyMin` minutes for `hours`. */
export function drift(at: LatLon, start: number, hours: number, everyMin: number, extra: Extra = {}, radiusM = 60, seed = 1): Fix[] {
  const out: Fix[] = [];
  const steps = Math.floor((hours * 60) / everyMin);
  for (let i = 0; i <= steps; i++) {
    const p = destination(destination(at, 0, wobble(i + seed, radiusM)), 90, wobble(i * 7 + seed, radiusM));
    out.push({ t: start + i * everyMin * 60, lat: p.lat, lon: p.lon, sog: 0.3 + Math.abs(wobble(i + seed * 3, 0.4)), cog: 0, status: 0, ...extra });
  }
  return out;
}

/** Moored fixes (speed 0, status 5). */
export function moor(at: LatLon, start: number, hours: number, everyMin: number, extra: Extra = {}): Fix[] {
  return drift(at, start, hours, everyMin, { status: 5, ...extra }, 10).map((f) => ({ ...f, sog: 0 }));
}

/** A PositionTable from vessels' fixes (sorted by MMSI and time; record ids are line numbers from 2). */
export function tableOf(vessels: VesselTrack[]): PositionTable {
  const rows = vessels.flatMap((v) => v.fixes.map((f) => ({ mmsi: v.mmsi, ...f })));
  rows.sort((a, b) => (a.mmsi < b.mmsi ? -1 : a.mmsi > b.mmsi ? 1 : a.t - b.t));
  const b = new PositionTableBuilder(16);
  rows.forEach((r, i) =>
    b.add({
      mmsi: r.mmsi,
      t: r.t,
      lat: r.lat,
      lon: r.lon,
      sog: r.sog ?? null,
      cog: r.cog ?? null,
      draft: r.draft ?? null,
      status: r.status ?? null,
      name: r.name ?? null,
      imo: r.imo ?? null,
      callSign: null,
      vesselType: r.type ?? null,
      dataset: 'test-ais',
      agency: 'test',
      marking: 'TLP:GREEN',
      record: String(i + 2),
    }),
  );
  return b.build();
}

export function inputsOf(positions: PositionTable, known: KnownVessel[] = [], profile?: Profile): DetectInputs {
  const vesselsByMmsi = new Map<string, KnownVessel>();
  const vesselsByImo = new Map<string, KnownVessel>();
  for (const v of known) {
    if (v.mmsi) vesselsByMmsi.set(v.mmsi, v);
    if (v.imo) vesselsByImo.set(v.imo, v);
  }
  return { profile: profile ?? defaultProfile(MARITIME_INDICATORS), positions, payments: [], declarations: [], vesselsByMmsi, vesselsByImo, listedVessels: [], listedParties: [], parties: [], alerts: [], ownership: null };
}

/** Run an indicator with its defaults, some overridden. */
export async function runIndicator(indicator: Indicator, inputs: DetectInputs, params: Params = {}): Promise<AlertDraft[]> {
  return indicator.run(inputs, { ...defaults(indicator), ...params });
}

/** Alerts at or above the default threshold. */
export function reported(alerts: AlertDraft[], threshold = 0.5): AlertDraft[] {
  return alerts.filter((a) => a.score >= threshold);
}
