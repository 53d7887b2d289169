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
}

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

export interface Link {
  id: string;
  schema: 'Ownership' | 'Directorship';
  props: Record<string, string[]>;
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
    const props: Record<string, string[]> = {
      name: [name],
      firstName: [p.firstName],
      lastName: [p.lastName],
      birthDate: [opts.birthDate ?? p.birthDate],
      nationality: [p.nationality],
      gender: [p.gender],
      address: [this.address(country)],
      country: [country],
    };
    if (p.nativeName && !opts.name) props.alias = [p.nativeName];
    const party: Party = {
      id: this.nextId('pe'),
      schema: 'Person',
      name,
      country,
      props,
      accounts: [],
      activity: this.r.pareto(1, 1.3),
      partners: [],
      culture: p.culture,
      ...(opts.quiet ? { quiet: true } : {}),
    };
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
    // Incorporation dates: a long-lived background, most companies years old.
    const incorporatedMs = opts.incorporatedMs ?? this.startMs - Math.round(this.r.pareto(200, 0.9) * DAY_MS);
    const props: Record<string, string[]> = {
      name: [name],
      jurisdiction: [jurisdiction],
      registrationNumber: [registration],
      incorporationDate: [new Date(Math.max(incorporatedMs, Date.UTC(1950, 0, 1))).toISOString().slice(0, 10)],
      address: [opts.address ?? this.address(jurisdiction)],
      legalForm: [opts.legalForm ?? generated.legalForm],
    };
    if (opts.sector) props.sector = [opts.sector];
    if (this.r.chance(0.25)) props.leiCode = [makeLei(this.r)];
    const party: Party = {
      id: this.nextId('co'),
      schema: 'Company',
      name,
      country: jurisdiction,
      props,
      registration: `${jurisdiction}:${registration}`,
      incorporationMs: incorporatedMs,
      accounts: [],
      activity: this.r.pareto(1, 1.1),
      partners: [],
      ...(opts.sector ? { sector: opts.sector } : {}),
      ...(opts.quiet ? { quiet: true } : {}),
    };
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
    const props: Record<string, string[]> = { owner: [owner.id], asset: [asset.id], percentage: [percentage] };
    if (startMs !== undefined) props.startDate = [new Date(startMs).toISOString().slice(0, 10)];
    if (endMs !== undefined) props.endDate = [new Date(endMs).toISOString().slice(0, 10)];
    const link: Link = { id: this.nextId('ow'), schema: 'Ownership', props };
    this.links.push(link);
    return link;
  }

  direct(director: Party, organization: Party, role = 'director', startMs?: number): Link {
    const props: Record<string, string[]> = { director: [director.id], organization: [organization.id], role: [role] };
    if (startMs !== undefined) props.startDate = [new Date(startMs).toISOString().slice(0, 10)];
    const link: Link = { id: this.nextId('di'), schema: 'Directorship', props };
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
    for (const p of this.people) p.props = RELEASED;
    for (const c of this.companies) c.props = RELEASED;
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
