import { makeCallSign, makeImo, makeMmsi } from './identifiers.ts';
import { DAY_MS } from './output.ts';
import { WeightedPicker } from './picker.ts';
import type { Random } from './random.ts';
import { World, type Party, type WorldSize, type WorldVessel } from './world.ts';

/**
 * The legitimate background: the ordinary companies, people, accounts,
 * shareholdings and ships among which the schemes hide. Its shape follows what
 * registries and banks actually hold: a few very active parties and a long tail
 * (Pareto activity), shareholders mostly natural persons, UK-style banded
 * stakes ("25-50") for British companies, groups with holding companies,
 * professional directors who sit on many boards for legitimate reasons, and
 * ships owned by single-ship companies in open registries and run by managers.
 */
export function populate(world: World, size: WorldSize): void {
  const r = world.r;
  for (let i = 0; i < size.people; i++) world.addPerson();
  for (let i = 0; i < size.companies; i++) world.addCompany({ sector: r.pick(SECTORS) });

  const people = world.people.slice();
  const companies = world.companies.slice();
  // Corporate-service providers: legitimate directors of many companies.
  const professionals = r.sample(people, Math.max(2, Math.round(people.length / 400)));

  for (const company of companies) {
    shareholders(world, r, company, people, companies);
    const directors = r.int(1, 3);
    for (let d = 0; d < directors; d++) {
      const director = r.chance(0.04) ? r.pick(professionals) : r.pick(people);
      world.direct(director, company, d === 0 ? 'director' : r.pick(['director', 'secretary', 'chairman']), company.incorporationMs);
    }
    const accounts = r.chance(0.3) ? 2 : 1;
    for (let a = 0; a < accounts; a++) world.addAccount(company, r.chance(0.7) ? world.pickBank() : null);
  }
  for (const person of people) {
    if (r.chance(0.4)) world.addAccount(person, r.chance(0.6) ? world.pickBank() : null);
  }
  linkPartners(r, companies, people);
  for (let i = 0; i < size.vessels; i++) addVessel(world, r.weighted(VESSEL_KINDS, VESSEL_WEIGHTS));
}

function shareholders(world: World, r: Random, company: Party, people: Party[], companies: Party[]): void {
  const n = r.weighted([1, 2, 3, 4], [0.35, 0.35, 0.2, 0.1]);
  const shares = splitHundred(r, n);
  const banded = company.country === 'gb' && r.chance(0.6);
  for (const share of shares) {
    // A holding company in one case out of five, never the company itself.
    let owner = r.chance(0.2) ? r.pick(companies) : r.pick(people);
    if (owner === company) owner = r.pick(people);
    world.own(owner, company, banded ? band(share) : String(share), company.incorporationMs);
  }
}

/** n whole-number shares summing to 100, none zero. */
function splitHundred(r: Random, n: number): number[] {
  if (n === 1) return [100];
  const cuts = new Set<number>();
  while (cuts.size < n - 1) cuts.add(r.int(1, 99));
  const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
  return sorted.slice(1).map((v, i) => v - sorted[i]!);
}

/** The UK PSC register's bands of ownership. */
function band(share: number): string {
  if (share > 75) return '75-100';
  if (share > 50) return '50-75';
  if (share > 25) return '25-50';
  return String(share);
}

function linkPartners(r: Random, companies: Party[], people: Party[]): void {
  const picker = new WeightedPicker(companies, (c) => c.activity);
  for (const company of companies) {
    const k = Math.min(companies.length - 1, 2 + Math.floor(r.pareto(1, 1.5)));
    for (let i = 0; i < k; i++) {
      const other = picker.pick(r);
      if (other !== company && !company.partners.includes(other)) company.partners.push(other);
    }
  }
  for (const person of people) {
    if (person.accounts.length === 0) continue;
    const k = r.int(1, 3);
    for (let i = 0; i < k; i++) person.partners.push(picker.pick(r));
  }
}

export const SECTORS = ['trading', 'logistics', 'shipping', 'energy', 'electronics', 'machinery', 'agri', 'construction', 'retail', 'consulting'];

export type VesselKind = 'crude_tanker' | 'product_tanker' | 'lng' | 'bulk' | 'container' | 'general_cargo' | 'fishing' | 'passenger' | 'tug';
const VESSEL_KINDS: VesselKind[] = ['crude_tanker', 'product_tanker', 'lng', 'bulk', 'container', 'general_cargo', 'fishing', 'passenger', 'tug'];
const VESSEL_WEIGHTS = [0.14, 0.14, 0.04, 0.22, 0.18, 0.14, 0.06, 0.04, 0.04];

/** Open registries and the traditional maritime flags that most tonnage sails under. */
const FLAGS = ['pa', 'lr', 'mh', 'mt', 'bs', 'gr', 'cy', 'sg', 'hk', 'no', 'dk', 'de', 'nl', 'gb', 'it', 'tr', 'cn', 'jp', 'in', 'ae'];
const FLAG_WEIGHTS = [16, 15, 13, 7, 5, 4, 3, 7, 8, 2, 2, 1, 1, 1, 1, 2, 5, 2, 2, 1];

const NAME_FIRST = ['OCEAN', 'NORDIC', 'ARCTIC', 'PACIFIC', 'ATLANTIC', 'GOLDEN', 'SILVER', 'BLUE', 'STAR', 'SEA', 'CAPE', 'AEGEAN', 'BALTIC', 'CORAL', 'EASTERN', 'GREAT', 'ROYAL', 'GLOBAL', 'MARE', 'AURORA', 'DELTA', 'ORIENT', 'NEPTUNE', 'POLAR'];
const NAME_SECOND = ['SPIRIT', 'GLORY', 'PIONEER', 'TRADER', 'VOYAGER', 'DREAM', 'HARMONY', 'LEGEND', 'PRIDE', 'FORTUNE', 'WIND', 'WAVE', 'JEWEL', 'EXPRESS', 'MARINER', 'HORIZON', 'QUEEN', 'VENTURE', 'ENDEAVOUR', 'BRIDGE'];

export function vesselName(r: Random): string {
  const base = `${r.pick(NAME_FIRST)} ${r.pick(NAME_SECOND)}`;
  return r.chance(0.3) ? `${base} ${r.pick(['I', 'II', 'III', 'IV', 'V', 'VII'])}` : base;
}

const OWNER_JURISDICTIONS = ['mh', 'lr', 'pa', 'cy', 'mt', 'gr', 'sg', 'hk'];
const MANAGER_JURISDICTIONS = ['gr', 'cy', 'sg', 'ae', 'de', 'gb', 'no', 'hk', 'tr', 'in'];

export function addVessel(world: World, kind: VesselKind, opts: { flag?: string; owner?: Party; manager?: Party; name?: string } = {}): WorldVessel {
  const r = world.r;
  const flag = opts.flag ?? r.weighted(FLAGS, FLAG_WEIGHTS);
  const name = opts.name ?? vesselName(r);
  // Single-ship owning companies are the norm: one company per hull.
  const owner =
    opts.owner ??
    world.addCompany({ jurisdiction: r.pick(OWNER_JURISDICTIONS), sector: 'shipping', name: `${titleCase(name)} ${r.pick(['Shipping', 'Navigation', 'Maritime'])} ${r.pick(['Inc.', 'Ltd', 'S.A.', 'Corp.'])}` });
  if (!opts.owner && owner.accounts.length === 0) world.addAccount(owner, r.chance(0.5) ? world.pickBank() : null, 'USD');
  const manager = opts.manager ?? pickManager(world, r);
  const vessel: WorldVessel = {
    id: world.nextId('ve'),
    schema: 'Vessel',
    name,
    imo: makeImo(r),
    mmsi: makeMmsi(r, flag),
    callSign: makeCallSign(r, flag),
    flag,
    kind,
    owner,
    manager,
    pastFlags: [],
    pastNames: [],
    buildYear: r.int(1998, 2022),
    deadweight: deadweightFor(r, kind),
  };
  world.vessels.push(vessel);
  return vessel;
}

const managers = new WeakMap<World, Party[]>();

/** Ship managers run fleets: a handful of companies manage most ships. */
function pickManager(world: World, r: Random): Party {
  let pool = managers.get(world);
  if (!pool) {
    pool = [];
    managers.set(world, pool);
  }
  if (pool.length < 3 || r.chance(0.15)) {
    const jurisdiction = r.pick(MANAGER_JURISDICTIONS);
    const manager = world.addCompany({ jurisdiction, sector: 'shipping', incorporatedMs: world.startMs - r.int(3000, 12000) * DAY_MS });
    world.addAccount(manager, r.chance(0.6) ? world.pickBank() : null);
    pool.push(manager);
    return manager;
  }
  return r.pick(pool);
}

function deadweightFor(r: Random, kind: VesselKind): number {
  switch (kind) {
    case 'crude_tanker':
      return r.pick([105_000, 115_000, 158_000, 300_000]);
    case 'product_tanker':
      return r.int(35_000, 75_000);
    case 'lng':
      return r.int(70_000, 95_000);
    case 'bulk':
      return r.int(30_000, 180_000);
    case 'container':
      return r.int(20_000, 150_000);
    case 'general_cargo':
      return r.int(3_000, 20_000);
    default:
      return r.int(300, 3_000);
  }
}

export function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

export type { WorldSize };
