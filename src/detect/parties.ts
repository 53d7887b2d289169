/**
 * Registered companies and organisations, as detection meets them by name:
 * declarations and payments name their parties as written ("Sea Bird
 * Shipping L.L.C.", "SEA BIRD SHIPPING LLC"); the registry knows them with a
 * jurisdiction and an incorporation date. A party key is the country and the
 * name's tokens as the screening engine prepares them (transliterated, folded,
 * legal form set aside), so that legal-form spellings and case meet, while
 * different names stay apart. Fuzzy matching is the screening engine's job;
 * this is the exact join trade and finance indicators build on.
 */
import { nameWords } from '../screen/names.ts';
import type { EvidenceRef } from './inputs.ts';

export interface RegisteredParty {
  id: string;
  schema: string;
  name: string;
  /** Every name of the entity (name, alias, previousName). */
  names: string[];
  /** Jurisdiction (or country), lower-case alpha-2. */
  country: string | null;
  /** ISO date (possibly partial: 2022, 2022-05). */
  incorporationDate: string | null;
  /** Registered addresses as written. */
  addresses: string[];
  /** Directorships held in it: the director's entity id, and the Directorship record with where it comes from. */
  directors: PartyDirector[];
  /** Where the entity's statements come from (the first visible dataset). */
  dataset: string;
  agency: string;
  marking: string;
}

/** The name's tokens without its legal form, and the country: the exact join key. */
export function partyKey(name: string, country: string | null | undefined): string {
  return `${(country ?? '').toLowerCase()}:${nameWords(name, { organisation: true }).words.join(' ')}`;
}

export interface PartyDirector {
  id: string;
  record: string;
  dataset: string;
  agency: string;
  marking: string;
}

export class PartyIndex {
  private readonly byKey = new Map<string, RegisteredParty[]>();

  constructor(parties: readonly RegisteredParty[]) {
    for (const p of parties) {
      for (const n of new Set(p.names)) {
        const k = partyKey(n, p.country);
        const list = this.byKey.get(k);
        if (!list) this.byKey.set(k, [p]);
        else if (!list.includes(p)) list.push(p);
      }
    }
  }

  /** Registered parties with this name (any of theirs) in this country. */
  find(name: string, country: string | null | undefined): RegisteredParty[] {
    return this.byKey.get(partyKey(name, country)) ?? [];
  }
}

const INDEXES = new WeakMap<readonly RegisteredParty[], PartyIndex>();

/** The index of a run's registered parties, built once: the indicators that resolve declared or paid names share it. */
export function partyIndexOf(parties: readonly RegisteredParty[]): PartyIndex {
  let index = INDEXES.get(parties);
  if (!index) INDEXES.set(parties, (index = new PartyIndex(parties)));
  return index;
}

/** The registry entry as alert evidence. */
export function partyEvidence(p: RegisteredParty, note: string): EvidenceRef {
  return { source: p.dataset, record: p.id, agency: p.agency, note, dataset: p.dataset, marking: p.marking, schema: p.schema };
}

/** A partial date's earliest day ("2022" → 2022-01-01), as epoch ms; NaN when unreadable. */
export function dateStartMs(date: string | null | undefined): number {
  if (!date) return NaN;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

/** An address folded for counting companies registered at it ("Office 12, Floor 3" and "OFFICE 12 FLOOR 3" meet). */
export function addressKey(address: string): string {
  return address.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
