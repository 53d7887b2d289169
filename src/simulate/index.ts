import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SextantError } from '../errors.ts';
import { writeAis } from './ais.ts';
import { populate } from './background.ts';
import { writeDeclarations } from './customs.ts';
import { DAY_MS, type LineFile } from './output.ts';
import { writePayments } from './payments.ts';
import type { PlannedDeclaration, PlannedPayment } from './plans.ts';
import { Random } from './random.ts';
import { writeRegistry, writeSanctions } from './registry.ts';
import type { SchemeContext } from './schemes/context.ts';
import { SCHEMES, schemeNames } from './schemes/index.ts';
import { Truth } from './truth.ts';
import { AGENCIES, World, worldSize, DESTINATION_COUNTRY, HUB_COUNTRY } from './world.ts';
import type { VoyagePlan } from './ais.ts';
import { designateBackground } from './designations.ts';

export interface SimulateOptions {
  out: string;
  seed: number;
  /** 1: the demo world (seconds); 100: the benchmark world (≈ 40 M positions over 90 days, 1 M payments). */
  scale: number;
  /** Scheme names to plant (default all). */
  schemes?: string[];
  /** First day of the world (default 2025-01-06). */
  start?: string;
  /** Length of the world in days (default 90). */
  days?: number;
  onProgress?: (phase: string, rows: number) => void;
}

export interface ManifestFile {
  path: string;
  format: string;
  agency: string;
  records: number;
  /** Suggested marking for the file (extension): public sources TLP:CLEAR/GREEN, agencies' own data TLP:AMBER. */
  marking: string;
}

/** `manifest.json`: the fixed keys first (seed, scale, files), then extensions. */
export interface Manifest {
  seed: number;
  scale: number;
  files: ManifestFile[];
  window: { start: string; end: string };
  schemes: string[];
  agencies: Array<{ id: string; name: string; country: string; sector: string }>;
}

export const DEFAULT_START = '2025-01-06';
export const DEFAULT_DAYS = 90;

/**
 * Generate a world into `out`: every agency's files, `truth.json` and
 * `manifest.json`. Deterministic: the same seed, scale, schemes and version
 * give byte-identical files. Each part of the world draws from its own forked
 * random stream, so that changing one generator does not reshuffle the others.
 */
export async function simulate(opts: SimulateOptions): Promise<Manifest> {
  const chosen = opts.schemes ?? schemeNames();
  for (const name of chosen) {
    if (!SCHEMES.some((s) => s.name === name)) {
      throw new SextantError('bad_request', `unknown scheme ${JSON.stringify(name)}; known: ${schemeNames().join(', ')}`, { field: 'schemes' });
    }
  }
  if (!(opts.scale > 0) || opts.scale > 10_000) throw new SextantError('bad_request', 'scale must be a number above 0 and at most 10000', { field: 'scale' });
  const startMs = Date.parse(`${opts.start ?? DEFAULT_START}T00:00:00Z`);
  if (Number.isNaN(startMs)) throw new SextantError('bad_request', `start ${JSON.stringify(opts.start)} is not a date (YYYY-MM-DD)`, { field: 'start' });
  const days = opts.days ?? DEFAULT_DAYS;
  const endMs = startMs + days * DAY_MS;
  await mkdir(opts.out, { recursive: true });

  const root = new Random(opts.seed);
  const world = new World(root.fork('world'), startMs, endMs);
  const size = worldSize(opts.scale);
  populate(world, size);
  designateBackground(world, root.fork('designations'), opts.scale);

  const truth = new Truth();
  const payments: PlannedPayment[] = [];
  const declarations: PlannedDeclaration[] = [];
  const voyages: VoyagePlan[] = [];
  const instances = Math.max(2, Math.round(2 * Math.sqrt(opts.scale)));
  // Positives first, then negatives: common_names takes namesakes of everyone designated before it.
  const ordered = SCHEMES.filter((s) => chosen.includes(s.name)).sort((a, b) => Number(a.negative) - Number(b.negative));
  for (const scheme of ordered) {
    const ctx: SchemeContext = { world, r: root.fork(`scheme:${scheme.name}`), truth, payments, declarations, voyages, startMs, endMs, instances };
    scheme.plant(ctx);
  }

  const progress = opts.onProgress ?? (() => undefined);
  const files: LineFile[] = [];
  files.push(await writeRegistry(world, opts.out));
  progress('registry', world.people.length + world.companies.length);
  files.push((await writeSanctions(world, opts.out)).file);
  world.releaseRegistry();
  const ais = await writeAis(world, root.fork('ais'), opts.out, voyages, (n) => progress('ais', n));
  files.push(ais.file);
  const customs = await writeDeclarations(world, root.fork('customs'), opts.out, size.declarations, declarations, ais.calls, (n) => progress('customs', n));
  files.push(...customs.files);
  files.push(...(await writePayments(world, root.fork('payments'), opts.out, size.payments, [...payments, ...customs.payments.filter((p) => p.atMs < endMs)], (n) => progress('payments', n))));
  await truth.write(opts.out);

  const manifest: Manifest = {
    seed: opts.seed,
    scale: opts.scale,
    files: files.map((f) => ({ path: f.path, format: f.format, agency: f.agency, records: f.records, marking: markingFor(f.format, f.path) })),
    window: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
    schemes: ordered.map((s) => s.name),
    agencies: [
      { id: AGENCIES.registry, name: 'Companies Registry', country: 'cy', sector: 'oversight_body' },
      { id: AGENCIES.sanctions, name: 'Sanctions Authority', country: DESTINATION_COUNTRY, sector: 'sanctions_authority' },
      ...world.banks.map((b) => ({ id: b.agency, name: b.name, country: b.country, sector: 'bank' })),
      { id: AGENCIES.customsHub, name: 'Hub Customs Service', country: HUB_COUNTRY, sector: 'customs' },
      { id: AGENCIES.customsDest, name: 'Destination Customs Service', country: DESTINATION_COUNTRY, sector: 'customs' },
      { id: AGENCIES.maritime, name: 'Maritime Authority', country: DESTINATION_COUNTRY, sector: 'law_enforcement' },
    ],
  };
  await writeFile(join(opts.out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

/** A published list is public; a registry and AIS broadcasts are community data; banks' and customs' records are the holder's. */
function markingFor(format: string, path: string): string {
  if (path.startsWith('sanctions/')) return 'TLP:CLEAR';
  if (path.startsWith('registry/') || format === 'ais-csv') return 'TLP:GREEN';
  return 'TLP:AMBER';
}
