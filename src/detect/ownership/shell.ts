/**
 * ownership.shell — a company with the marks of a shell or front: registered
 * at a mass-registration address, run by a director of many companies (a
 * nominee), incorporated in a secrecy jurisdiction, incorporated shortly
 * before heavy activity, owned through chains that end in companies rather
 * than people, or held by a designated person through a stake kept just
 * below 50%. No mark proves anything alone (formation agents' addresses and
 * professional directors are lawful); the score combines them, each mark a
 * weight w, as 1 − Π(1 − w).
 */
import { approxUsd } from '../../model/normalize/currencies.ts';
import type { AlertDraft } from '../alert.ts';
import { num, type Indicator } from '../indicator.ts';
import type { EvidenceRef } from '../inputs.ts';
import { addressKey, dateStartMs, partyEvidence, partyKey, type RegisteredParty } from '../parties.ts';
import { declarationEvidence } from '../trade/declarations.ts';

const DAY_MS = 86_400_000;

interface Mark {
  code: string;
  weight: number;
  text: string;
  evidence: EvidenceRef[];
}

export const shell: Indicator = {
  code: 'ownership.shell',
  title: 'Shell or front company marks',
  definition:
    'A registered company with shell marks, combined as 1 − Π(1 − weight): its registered address is shared by at least min_companies_at_address ' +
    'companies (mass registration, address_weight); a director of it holds at least min_directorships directorships (nominee, director_weight); ' +
    'it is incorporated in a secrecy jurisdiction of the profile (secrecy_weight); its first payment or declaration comes within activity_days of ' +
    'incorporation and its payments in those days reach activity_usd (early_activity_weight); its recorded ownership chains end in companies, never ' +
    'in a natural person (chain_weight); a designated owner holds between below_min_percent and 50% of it (below_50_weight). At least two marks are needed.',
  sources: [
    { name: 'FATF and Egmont Group: Concealment of Beneficial Ownership (2018)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Concealment-beneficial-ownership.html', note: 'mass registration addresses, nominee directors, shell companies in secrecy jurisdictions, complex chains' },
    { name: 'FinCEN Advisory FIN-2022-A001 on Russian sanctions evasion', url: 'https://www.fincen.gov/sites/default/files/advisory/2022-03-07/FinCEN%20Alert%20Russian%20Sanctions%20Evasion%20FINAL%20508.pdf', note: 'shell companies, newly formed companies with high activity' },
    { name: 'OFAC: Revised Guidance on Entities Owned by Blocked Persons (2014)', note: 'caution on entities in which blocked persons hold significant ownership below 50%' },
  ],
  params: {
    min_companies_at_address: { type: 'integer', default: 10, min: 2, description: 'companies at one address that make it a mass-registration address' },
    min_directorships: { type: 'integer', default: 10, min: 2, description: 'directorships that make a director a likely nominee' },
    activity_days: { type: 'number', default: 90, unit: 'days', min: 1, max: 3650, description: 'first activity within this many days of incorporation' },
    activity_usd: { type: 'number', default: 100_000, unit: 'USD', min: 0, description: 'payments in those days that make the activity heavy' },
    below_min_percent: { type: 'number', default: 40, unit: '%', min: 0, max: 50, description: 'lowest designated stake counted as kept just below 50%' },
    address_weight: { type: 'number', default: 0.35, min: 0, max: 1, description: 'weight of a mass-registration address' },
    director_weight: { type: 'number', default: 0.35, min: 0, max: 1, description: 'weight of a nominee director' },
    secrecy_weight: { type: 'number', default: 0.15, min: 0, max: 1, description: 'weight of a secrecy jurisdiction' },
    early_activity_weight: { type: 'number', default: 0.3, min: 0, max: 1, description: 'weight of heavy activity soon after incorporation' },
    chain_weight: { type: 'number', default: 0.25, min: 0, max: 1, description: 'weight of ownership ending in companies' },
    below_50_weight: { type: 'number', default: 0.35, min: 0, max: 1, description: 'weight of a designated stake just below 50%' },
  },
  inputs: ['registry', 'ownership', 'payments', 'declarations'],
  run(inputs, params): AlertDraft[] {
    const companies = inputs.parties.filter((p) => p.schema === 'Company' || p.schema === 'LegalEntity' || p.schema === 'Organization');
    if (companies.length === 0) return [];
    const secrecy = new Set(inputs.profile.lists.secrecyJurisdictions);
    // Companies per address and directorships per director, over everything visible.
    const atAddress = new Map<string, number>();
    const directorships = new Map<string, number>();
    for (const c of companies) {
      for (const a of new Set(c.addresses.map(addressKey))) if (a) atAddress.set(a, (atAddress.get(a) ?? 0) + 1);
      for (const d of new Set(c.directors.map((x) => x.id))) directorships.set(d, (directorships.get(d) ?? 0) + 1);
    }
    const activity = firstActivity(inputs, num(params, 'activity_days') * DAY_MS, companies);
    const world = inputs.ownership;
    const designated = new Set(world?.designations.map((d) => d.id) ?? []);
    const out: AlertDraft[] = [];
    for (const c of companies) {
      const marks: Mark[] = [];
      const address = c.addresses.find((a) => (atAddress.get(addressKey(a)) ?? 0) >= num(params, 'min_companies_at_address'));
      if (address) {
        marks.push({ code: 'mass_address', weight: num(params, 'address_weight'), text: `registered at ${address}, shared by ${atAddress.get(addressKey(address))} companies`, evidence: [partyEvidence(c, `address ${address}`)] });
      }
      const nominee = c.directors.find((d) => (directorships.get(d.id) ?? 0) >= num(params, 'min_directorships'));
      if (nominee) {
        marks.push({
          code: 'nominee_director',
          weight: num(params, 'director_weight'),
          text: `its director ${world?.names.get(nominee.id) ?? nominee.id} holds ${directorships.get(nominee.id)} directorships`,
          evidence: [{ source: nominee.dataset, record: nominee.record, agency: nominee.agency, note: `director of ${directorships.get(nominee.id)} companies`, dataset: nominee.dataset, marking: nominee.marking, schema: 'Directorship' }],
        });
      }
      if (c.country && secrecy.has(c.country)) {
        marks.push({ code: 'secrecy_jurisdiction', weight: num(params, 'secrecy_weight'), text: `incorporated in ${c.country}, a secrecy jurisdiction`, evidence: [partyEvidence(c, `jurisdiction ${c.country}`)] });
      }
      const act = activity.get(c.id);
      const incorporated = dateStartMs(c.incorporationDate);
      if (act && Number.isFinite(incorporated) && act.firstMs - incorporated >= 0 && act.firstMs - incorporated <= num(params, 'activity_days') * DAY_MS && act.usd >= num(params, 'activity_usd')) {
        marks.push({
          code: 'early_activity',
          weight: num(params, 'early_activity_weight'),
          text: `incorporated ${c.incorporationDate}; active ${Math.round((act.firstMs - incorporated) / DAY_MS)} days later, ${Math.round(act.usd).toLocaleString('en-US')} USD≈ of payments in its first ${num(params, 'activity_days')} days`,
          evidence: [partyEvidence(c, `incorporated ${c.incorporationDate}`), ...act.evidence],
        });
      }
      if (world && world.graph.has(c.id) && world.graph.ownersOf(c.id).length > 0) {
        const top = world.graph.ultimateOwners(c.id);
        if (top.persons.length === 0 && top.unresolved.length > 0) {
          marks.push({
            code: 'chain_ends_in_companies',
            weight: num(params, 'chain_weight'),
            text: `its ownership ends in ${top.unresolved.map((u) => world.names.get(u.id) ?? u.id).slice(0, 3).join(', ')}, not in a person`,
            evidence: stakeEvidence(world, world.graph.ownersOf(c.id).flatMap((s) => s.records)),
          });
        }
        const below = world.graph.ownersOf(c.id).find((s) => designated.has(s.owner) && s.low !== null && s.high !== null && s.high < 50 && s.low >= num(params, 'below_min_percent'));
        if (below) {
          marks.push({
            code: 'designated_below_50',
            weight: num(params, 'below_50_weight'),
            text: `${world.names.get(below.owner) ?? below.owner}, designated, holds ${below.display}: just below the 50% rule`,
            evidence: stakeEvidence(world, below.records),
          });
        }
      }
      if (marks.length < 2) continue;
      const score = 1 - marks.reduce((p, m) => p * (1 - m.weight), 1);
      const evidence = dedupe(marks.flatMap((m) => m.evidence));
      out.push({
        indicator: 'ownership.shell',
        key: c.id,
        score,
        subjects: [{ id: c.id, schema: c.schema, name: c.name, identifiers: c.country ? { country: c.country } : {} }],
        window: windowOf(c, act?.firstMs),
        evidence,
        explanation: `${c.name}${c.country ? ` (${c.country})` : ''}: ${marks.map((m) => m.text).join('; ')}`,
        details: { marks: marks.map((m) => ({ code: m.code, weight: m.weight })) },
      });
    }
    return out;
  },
};

/** Each company's first payment or declaration, and its payments' sum (USD≈) in the days after incorporation. */
function firstActivity(inputs: Parameters<Indicator['run']>[0], windowMs: number, companies: RegisteredParty[]): Map<string, { firstMs: number; usd: number; evidence: EvidenceRef[] }> {
  const byKey = new Map<string, RegisteredParty[]>();
  for (const c of companies) {
    for (const n of c.names) {
      const k = partyKey(n, c.country);
      const list = byKey.get(k);
      if (list) list.push(c);
      else byKey.set(k, [c]);
    }
  }
  const out = new Map<string, { firstMs: number; usd: number; evidence: EvidenceRef[] }>();
  const touch = (c: RegisteredParty, ms: number) => {
    const a = out.get(c.id);
    if (!a) out.set(c.id, { firstMs: ms, usd: 0, evidence: [] });
    else if (ms < a.firstMs) a.firstMs = ms;
  };
  // The same parties pay and declare again and again: prepare each (name, country) once (preparing a name is
  // the costly part), found by name then country so that a million payments build no key strings.
  const seen = new Map<string, Map<string, RegisteredParty[]>>();
  const partiesOf = (name: string | null, country: string | null): RegisteredParty[] => {
    if (!name) return NONE;
    let byCountry = seen.get(name);
    if (!byCountry) seen.set(name, (byCountry = new Map()));
    let found = byCountry.get(country ?? '');
    if (!found) byCountry.set(country ?? '', (found = byKey.get(partyKey(name, country)) ?? NONE));
    return found;
  };
  const bothSides = (a: RegisteredParty[], b: RegisteredParty[]) => (b.length === 0 ? a : a.length === 0 ? b : [...a, ...b]);
  // One pass over the payments: the first activity, and the payments a registered party made or received, kept for the sums.
  const paid: Array<{ p: (typeof inputs.payments)[number]; ms: number; parties: RegisteredParty[] }> = [];
  for (const p of inputs.payments) {
    const parties = bothSides(partiesOf(p.originator_name, p.originator_country), partiesOf(p.beneficiary_name, p.beneficiary_country));
    if (parties.length === 0) continue;
    const ms = Date.parse(p.ts);
    for (const c of parties) touch(c, ms);
    paid.push({ p, ms, parties });
  }
  for (const d of inputs.declarations) {
    const ms = Date.parse(d.date);
    for (const c of [...partiesOf(d.exporter_name, d.exporter_country), ...partiesOf(d.importer_name, d.importer_country), ...partiesOf(d.consignee_name, d.consignee_country)]) {
      touch(c, ms);
      const a = out.get(c.id)!;
      if (a.evidence.length < 3 && ms - dateStartMs(c.incorporationDate) <= windowMs) a.evidence.push(declarationEvidence(d, `declared ${d.date}`));
    }
  }
  // The sums: payments within the window after incorporation.
  for (const { p, ms, parties } of paid) {
    for (const c of parties) {
      const since = ms - dateStartMs(c.incorporationDate);
      if (!(since >= 0 && since <= windowMs)) continue;
      const a = out.get(c.id)!;
      a.usd += approxUsd(Number(p.amount), p.currency) ?? 0;
      if (a.evidence.length < 5) a.evidence.push({ source: p.dataset, record: p.source_record, agency: p.agency, note: `${p.amount} ${p.currency} on ${p.ts.slice(0, 10)}`, dataset: p.dataset, marking: p.marking, schema: 'Payment' });
    }
  }
  return out;
}

const NONE: RegisteredParty[] = [];

function stakeEvidence(world: NonNullable<Parameters<Indicator['run']>[0]['ownership']>, records: string[]): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  for (const r of records) {
    const src = world.sources.get(r);
    if (src) out.push({ source: src.dataset, record: src.record, agency: src.agency, note: 'ownership record', dataset: src.dataset, marking: src.marking, schema: 'Ownership' });
  }
  return out;
}

function dedupe(evidence: EvidenceRef[]): EvidenceRef[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const k = `${e.source}\u0000${e.record}\u0000${e.schema}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function windowOf(c: RegisteredParty, activityMs: number | undefined): { start: string; end: string } {
  const inc = dateStartMs(c.incorporationDate);
  const start = Number.isFinite(inc) ? new Date(inc).toISOString() : new Date(activityMs ?? Date.now()).toISOString();
  const end = new Date(Math.max(activityMs ?? 0, Number.isFinite(inc) ? inc : 0, Date.parse(start))).toISOString();
  return { start, end };
}

