import type { Random } from './random.ts';
import { makeAccountNumber, makeBic, makeIban, isIbanCountry, makeLei, makeRegistration } from './identifiers.ts';
import { JURISDICTIONS, makeAddress, makeCompanyName, makePerson, massRegistrationAddress } from './identities.ts';
import { DAY_MS } from './output.ts';

/**
 * The world's cast, held in memory while the files are written: people,
 * companies, their accounts, ownership and directorships, vessels, and the
 * designations the sanctions authority publishes. Each stream writer (registry,
 * sanctions list, payments, customs, AIS) reads from here; the schemes add
 * their own cast before anything is written.
 */

export type PartySchema = 'Person' | 'Company';

export interface Party {
  id: string;
  schema: PartySchema;
  name: string;
  country: string;
  /** FtM properties as the registry writes them (every value a string). */
  props: Record<string, string[]>;
  /** `cy:HE123456` for companies. */
  registration?: string;
  incorporationMs?: number;
  accounts: Account[];
  /** Relative payment activity (heavy-tailed across the population). */
  activity: number;
  /** Regular counterparties: payments mostly go to these. */
  partners: Party[];
  sector?: string;
  /** Kept out of background trade and payments (a scheme drives it). */
  quiet?: boolean;
  /** Naming culture of a person (for transliteration variants). */
  culture?: string;
  /** The FtM properties for the registry writer: `props` if they were asked for (and maybe edited), else built without being kept. */
  properties(): Record<string, string[]>;
}

/**
 * A party of the world. The benchmark world holds a couple of hundred
 * thousand until the registry is written, so a party keeps its property
 * values in one array (keys shared by every party of the same shape) and
 * builds its FtM record when asked: `props` builds it once and keeps it
 * (schemes edit some), `properties()` builds it without keeping it.
 */
class WorldParty implements Party {
  registration?: string;
  incorporationMs?: number;
  accounts: Account[] = [];
  partners: Party[] = [];
  sector?: string;
  quiet?: boolean;
  culture?: string;
  private record: Record<string, string[]> | undefined;

  constructor(
    readonly id: string,
    readonly schema: PartySchema,
    public name: string,
    public country: string,
    private keys: readonly string[],
    private values: string[],
    public activity: number,
  ) {}

  get props(): Record<string, string[]> {
    this.record ??= this.properties();
    return this.record;
  }

  set props(record: Record<string, string[]>) {
    this.record = record;
  }

  properties(): Record<string, string[]> {
    if (this.record) return this.record;
    const record: Record<string, string[]> = {};
    for (let i = 0; i < this.keys.length; i++) record[this.keys[i]!] = [this.values[i]!];
    return record;
  }

  /** After the registry is written: the properties are let go. */
  release(): void {
    this.record = RELEASED;
    this.keys = [];
    this.values = [];
  }
}

/** Key lists shared by the parties of one shape. */
const PERSON_KEYS: readonly string[] = Object.freeze(['name', 'firstName', 'lastName', 'birthDate', 'nationality', 'gender', 'address', 'country']);
const PERSON_KEYS_ALIAS: readonly string[] = Object.freeze([...PERSON_KEYS, 'alias']);
const COMPANY_BASE = ['name', 'jurisdiction', 'registrationNumber', 'incorporationDate', 'address', 'legalForm'];
/** By (has sector) + 2 × (has LEI code). */
const COMPANY_KEYS: ReadonlyArray<readonly string[]> = [
  Object.freeze([...COMPANY_BASE]),
  Object.freeze([...COMPANY_BASE, 'sector']),
  Object.freeze([...COMPANY_BASE, 'leiCode']),
  Object.freeze([...COMPANY_BASE, 'sector', 'leiCode']),
];

export interface Account {
  id: string;
  /** IBAN (compact) or local account number. */
  number: string;
  bic: string;
  /** Agency id of the bank that holds it, or null for a bank outside the exercise. */
  bank: string | null;
  holder: Party;
  currency: string;
}

/**
 * An ownership or directorship. The benchmark world holds hundreds of
 * thousands of them until the registry is written, so a link keeps its few
 * values as fields and builds its FtM properties when asked: `props` builds
 * them once and keeps them (a scheme may edit them), `properties()` gives
 * them without keeping them (the registry writer).
 */
/** No company of a world is older than this. */
const EARLIEST_INCORPORATION_MS = Date.UTC(1950, 0, 1);

export class Link {
  private record: Record<string, string[]> | undefined;

  constructor(
    readonly id: string,
    readonly schema: 'Ownership' | 'Directorship',
    /** owner / director id */
    private readonly from: string,
    /** asset / organization id */
    private readonly to: string,
    /** percentage / role */
    private readonly value: string,
    private readonly startMs: number | undefined,
    private readonly endMs: number | undefined,
  ) {}

  get props(): Record<string, string[]> {
    this.record ??= this.properties();
    return this.record;
  }

  properties(): Record<string, string[]> {
    if (this.record) return this.record;
    const props: Record<string, string[]> =
      this.schema === 'Ownership' ? { owner: [this.from], asset: [this.to], percentage: [this.value] } : { director: [this.from], organization: [this.to], role: [this.value] };
    if (this.startMs !== undefined) props.startDate = [new Date(this.startMs).toISOString().slice(0, 10)];
    if (this.endMs !== undefined) props.endDate = [new Date(this.endMs).toISOString().slice(0, 10)];
    return props;
  }
}

export interface Designation {
  /** The registry party (or vessel) designated. */
  subject: Party | WorldVessel;
  program: string;
  listingDate: string;
  reason: string;
  /** Extra spellings the list gives. */
  aliases: string[];
  /** Where the list wrote it (`file:record`), once written. */
  trace?: string[];
}

export interface WorldVessel {
  id: string;
  schema: 'Vessel';
  name: string;
  imo: string;
  mmsi: string;
  callSign: string;
  flag: string;
  kind: string;
  owner: Party;
  manager: Party;
  pastFlags: string[];
  pastNames: string[];
  buildYear: number;
  deadweight: number;
}

export interface Bank {
  agency: string;
  name: string;
  country: string;
  bic: string;
}

/** Where the exercise takes place: the two customs services' countries and the banks. */
export const DESTINATION_COUNTRY = 'nl';
export const HUB_COUNTRY = 'ae';
export const SANCTIONED_DESTINATION = 'ru';

export const AGENCIES = {
  registry: 'companies-registry',
  sanctions: 'sanctions-authority',
  customsHub: 'customs-hub',
  customsDest: 'customs-dest',
  maritime: 'maritime-authority',
} as const;

export interface WorldSize {
  people: number;
  companies: number;
  vessels: number;
  payments: number;
  declarations: number;
}

/** Sizes for a scale: 1 is the demo world (seconds), 100 the benchmark world. */
export function worldSize(scale: number): WorldSize {
  return {
    people: Math.max(50, Math.round(1200 * scale)),
    companies: Math.max(50, Math.round(1000 * scale)),
    vessels: Math.max(8, Math.round(20 * scale)),
    payments: Math.max(200, Math.round(10_000 * scale)),
    declarations: Math.max(50, Math.round(2_000 * scale)),
  };
}

export class World {
  readonly people: Party[] = [];
  readonly companies: Party[] = [];
  readonly accounts: Account[] = [];
  readonly links: Link[] = [];
  readonly vessels: WorldVessel[] = [];
  readonly designations: Designation[] = [];
  readonly banks: Bank[];
  private seq = 0;

  constructor(readonly r: Random, readonly startMs: number, readonly endMs: number) {
    this.banks = [
      { agency: 'bank-alpha', name: 'Alpha Bank N.V.', country: 'nl', bic: 'ALPHNL2A' },
      { agency: 'bank-beta', name: 'Beta Bank AG', country: 'de', bic: 'BETADEFF' },
      { agency: 'bank-gamma', name: 'Gamma Bank Ltd', country: 'cy', bic: 'GAMMCY2N' },
    ];
  }

  /** An address in the country, or in the home country where the generator knows no cities of it. */
  address(country: string): string {
    try {
      return makeAddress(this.r, country).full;
    } catch {
      return makeAddress(this.r, DESTINATION_COUNTRY).full;
    }
  }

  nextId(prefix: string): string {
    this.seq++;
    return `${prefix}-${this.seq.toString(36).padStart(6, '0')}`;
  }

  addPerson(opts: { culture?: string; country?: string; name?: string; birthDate?: string; quiet?: boolean } = {}): Party {
    const p = makePerson(this.r, opts.culture);
    const country = opts.country ?? p.nationality;
    const name = opts.name ?? p.name;
    const values = [name, p.firstName, p.lastName, opts.birthDate ?? p.birthDate, p.nationality, p.gender, this.address(country), country];
    const alias = p.nativeName && !opts.name;
    if (alias) values.push(p.nativeName!);
    const keys = alias ? PERSON_KEYS_ALIAS : PERSON_KEYS;
    const party = new WorldParty(this.nextId('pe'), 'Person', name, country, keys, values, this.r.pareto(1, 1.3));
    party.culture = p.culture;
    if (opts.quiet) party.quiet = true;
    this.people.push(party);
    return party;
  }

  addCompany(opts: {
    jurisdiction?: string;
    name?: string;
    legalForm?: string;
    incorporatedMs?: number;
    sector?: string;
    address?: string;
    quiet?: boolean;
  } = {}): Party {
    const jurisdiction = opts.jurisdiction ?? this.r.weighted(JURISDICTIONS.map((j) => j.code), JURISDICTIONS.map((j) => j.weight));
    const generated = makeCompanyName(this.r, jurisdiction, opts.sector ? { sector: opts.sector } : undefined);
    const name = opts.name ?? generated.name;
    const registration = makeRegistration(this.r, jurisdiction);
    // Incorporation dates: a long-lived background, most companies years old. The
    // heavy tail (α < 1) can reach any age: no company here predates 1950, and stakes
    // dated from incorporation must carry the same date as the registry.
    const incorporatedMs = Math.max(opts.incorporatedMs ?? this.startMs - Math.round(this.r.pareto(200, 0.9) * DAY_MS), EARLIEST_INCORPORATION_MS);
    const values = [
      name,
      jurisdiction,
      registration,
      new Date(incorporatedMs).toISOString().slice(0, 10),
      opts.address ?? this.address(jurisdiction),
      opts.legalForm ?? generated.legalForm,
    ];
    if (opts.sector) values.push(opts.sector);
    const lei = this.r.chance(0.25);
    if (lei) values.push(makeLei(this.r));
    const keys = COMPANY_KEYS[(opts.sector ? 1 : 0) + (lei ? 2 : 0)]!;
    const party = new WorldParty(this.nextId('co'), 'Company', name, jurisdiction, keys, values, this.r.pareto(1, 1.1));
    party.registration = `${jurisdiction}:${registration}`;
    party.incorporationMs = incorporatedMs;
    if (opts.sector) party.sector = opts.sector;
    if (opts.quiet) party.quiet = true;
    this.companies.push(party);
    return party;
  }

  /** An account for a holder, at one of the exercise's banks when `bank` says so. */
  addAccount(holder: Party, bank?: Bank | null, currency?: string): Account {
    const country = bank?.country ?? holder.country;
    const iban = isIbanCountry(country);
    const number = iban ? makeIban(this.r, country) : makeAccountNumber(this.r, country);
    const account: Account = {
      id: this.nextId('ac'),
      number,
      bic: bank?.bic ?? makeBic(this.r, country),
      bank: bank?.agency ?? null,
      holder,
      currency: currency ?? defaultCurrency(country),
    };
    holder.accounts.push(account);
    this.accounts.push(account);
    return account;
  }

  /** A stake: `percentage` is a number or a range such as "25-50". */
  own(owner: Party, asset: Party | WorldVessel, percentage: string, startMs?: number, endMs?: number): Link {
    const link = new Link(this.nextId('ow'), 'Ownership', owner.id, asset.id, percentage, startMs, endMs);
    this.links.push(link);
    return link;
  }

  direct(director: Party, organization: Party, role = 'director', startMs?: number): Link {
    const link = new Link(this.nextId('di'), 'Directorship', director.id, organization.id, role, startMs, undefined);
    this.links.push(link);
    return link;
  }

  designate(subject: Party | WorldVessel, program: string, listingMs: number, reason: string, aliases: string[] = []): Designation {
    const d: Designation = { subject, program, listingDate: new Date(listingMs).toISOString().slice(0, 10), reason, aliases };
    this.designations.push(d);
    return d;
  }

  designationOf(subject: Party | WorldVessel): Designation | undefined {
    return this.designations.find((d) => d.subject === subject);
  }

  /** A bank of the exercise, chosen by weight (the first is the largest). */
  pickBank(): Bank {
    return this.r.weighted(this.banks, [0.45, 0.35, 0.2]);
  }

  /**
   * Once the registry and the sanctions list are written, let go of what only
   * they read: every party's FtM properties and the ownership and directorship
   * links (two thirds of the world's memory at the benchmark scale). The
   * streams written after them (AIS, customs, payments) read names,
   * countries, accounts, partners and vessels, which stay.
   */
  releaseRegistry(): void {
    this.links.length = 0;
    for (const p of this.people) (p as WorldParty).release();
    for (const c of this.companies) (c as WorldParty).release();
  }

  /** A shell's registered address: one business centre shared by hundreds of companies. */
  massAddress(country: string): string {
    return massRegistrationAddress(this.r, country).full;
  }
}

/** The properties of a party once the registry is written (frozen: nothing may add to them any more). */
const RELEASED: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;

function defaultCurrency(country: string): string {
  const byCountry: Record<string, string> = {
    us: 'USD', gb: 'GBP', ch: 'CHF', ae: 'AED', tr: 'TRY', ru: 'RUB', cn: 'CNY', hk: 'HKD', in: 'INR', sg: 'SGD',
    kz: 'KZT', ge: 'GEL', am: 'AMD', my: 'MYR', jp: 'JPY', kr: 'KRW', no: 'NOK', se: 'SEK', dk: 'DKK', pl: 'PLN',
  };
  return byCountry[country] ?? (EURO.has(country) ? 'EUR' : 'USD');
}

const EURO = new Set(['at', 'be', 'cy', 'de', 'ee', 'es', 'fi', 'fr', 'gr', 'hr', 'ie', 'it', 'lt', 'lu', 'lv', 'mt', 'nl', 'pt', 'si', 'sk']);
