/**
 * A simulated world (src/simulate) read for the maritime tests and the
 * throughput measurement: AIS positions into a PositionTable, registry vessels
 * into KnownVessel (with their past flags), and truth.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PositionTableBuilder, type DetectInputs, type KnownVessel, type PositionTable } from '../inputs.ts';
import { defaultProfile } from '../profile.ts';
import type { KnownVesselHistory } from './identity.ts';
import { MARITIME_INDICATORS } from './index.ts';

export interface TruthScheme {
  id: string;
  type: string;
  negative: boolean;
  subjects: Array<{ schema: string; identifiers: Record<string, string> }>;
  records: string[];
  window: { start: string; end: string };
}

export const AIS_FILE = 'ais/positions.csv';

/** MarineCadastre CSV into a PositionTable (IMO kept as broadcast, so identity sees invalid ones). */
export function readAis(text: string): PositionTable {
  const lines = text.split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const [cM, cT, cLa, cLo, cS, cC, cN, cI, cCs, cVt, cSt, cD] = ['MMSI', 'BaseDateTime', 'LAT', 'LON', 'SOG', 'COG', 'VesselName', 'IMO', 'CallSign', 'VesselType', 'Status', 'Draft'].map(col);
  const rows: Array<{ f: string[]; line: number; t: number }> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const f = line.includes('"') ? splitQuoted(line) : line.split(',');
    rows.push({ f, line: i + 1, t: Date.parse(f[cT!]! + 'Z') / 1000 });
  }
  rows.sort((a, b) => (a.f[cM!]! < b.f[cM!]! ? -1 : a.f[cM!]! > b.f[cM!]! ? 1 : a.t - b.t));
  const numOr = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
  const b = new PositionTableBuilder(rows.length + 1);
  for (const { f, line, t } of rows) {
    const sog = numOr(f[cS!]);
    const cog = numOr(f[cC!]);
    b.add({
      mmsi: f[cM!]!,
      t,
      lat: Number(f[cLa!]),
      lon: Number(f[cLo!]),
      sog: sog === 102.3 ? null : sog,
      cog: cog === 360 ? null : cog,
      draft: numOr(f[cD!]),
      status: numOr(f[cSt!]),
      name: f[cN!] || null,
      imo: f[cI!] ? f[cI!]!.replace(/^IMO/, '') : null,
      callSign: f[cCs!] || null,
      vesselType: numOr(f[cVt!]),
      dataset: AIS_FILE,
      agency: 'maritime',
      marking: 'TLP:GREEN',
      record: String(line),
    });
  }
  return b.build();
}

function splitQuoted(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') (out.push(cur), (cur = ''));
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Registry vessels (FtM JSON lines) as KnownVessel, with their past flags. */
export function readVessels(text: string): KnownVesselHistory[] {
  const out: KnownVesselHistory[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"schema":"Vessel"')) continue;
    const e = JSON.parse(line) as { id: string; properties: Record<string, string[]> };
    const p = e.properties;
    out.push({
      id: e.id,
      name: p.name?.[0] ?? e.id,
      imo: p.imoNumber?.[0] ?? null,
      mmsi: p.mmsi?.[0] ?? null,
      flag: p.flag?.[0] ?? null,
      ...(p.pastFlags ? { pastFlags: p.pastFlags } : {}),
      ...(p.pastNames ? { pastNames: p.pastNames } : {}),
    });
  }
  return out;
}

/** The detection inputs of a simulated world in `dir`, with the built-in profile. */
export async function loadWorld(dir: string): Promise<{ inputs: DetectInputs; truth: { schemes: TruthScheme[] } }> {
  const positions = readAis(await readFile(join(dir, AIS_FILE), 'utf8'));
  const known: KnownVessel[] = readVessels(await readFile(join(dir, 'registry/registry.ftm.json'), 'utf8'));
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
  const vesselsByMmsi = new Map<string, KnownVessel>();
  const vesselsByImo = new Map<string, KnownVessel>();
  for (const v of known) {
    if (v.mmsi) vesselsByMmsi.set(v.mmsi, v);
    if (v.imo) vesselsByImo.set(v.imo, v);
  }
  return { inputs: { profile: defaultProfile(MARITIME_INDICATORS), positions, payments: [], declarations: [], vesselsByMmsi, vesselsByImo, listedVessels: [], listedParties: [], parties: [], alerts: [], ownership: null }, truth };
}
