/**
 * finance.listed_counterparty — a payment or a declaration with a party that
 * is listed, or blocked under an authority's ownership rule (the OFAC 50%
 * rule, the EU and UK ownership-and-control tests), or whose account holder
 * or that holder's owner is.
 *
 * Who a payment party is, is decided in this order:
 * 1. the account: a BankAccount of the ownership world with the same number
 *    (FORMATS.md §4: holders are linked to their accounts by Ownership) names
 *    its holder, exactly; the holder's status under each rule of the profile
 *    comes from the world's blocked sets, and a designated or blocked direct
 *    owner of the holder counts too (below the rule's threshold it is a
 *    minority holding, scored under the alert threshold: a 49% stake of a
 *    listed person does not block under the 50% rule);
 * 2. the name: screened (src/screen's comparison) against the designated,
 *    blocked and minority-owned parties of the world and, when the loader
 *    gives them, the listed parties themselves with their countries and
 *    birth dates. A name that the account's known holder already explains
 *    (the holder is called that) is not screened again: a namesake of a
 *    listed person paying from their own registered account is not the
 *    listed person. A near spelling in another country than the listed
 *    party's is most likely someone else and weighs half; so does a
 *    company name that an unlisted company of the registry carries too
 *    (generic company names — "Resurs", "Meridian" — are shared by many).
 *
 * Declarations have no accounts: their parties are screened by name.
 */
import type { BlockedSet } from '../../graph/blocked-set.ts';
import type { OwnershipWorld } from '../../graph/service.ts';
import { identifierKey, scoreSubjects, isOrganisationSchema, type PreparedSubject } from '../../screen/compare.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import { roundScore, type AlertDraft, type AlertSubject } from '../alert.ts';
import { num, type Indicator, type Params } from '../indicator.ts';
import type { DetectInputs, EvidenceRef, ListedParty } from '../inputs.ts';
import { declarationEvidence, declarationSubjects, declarationWindow } from '../trade/declarations.ts';
import { iso, paymentGraph, type PaymentGraph } from './graph.ts';
import { shareCount } from '../../screen/workers.ts';
import { NameScreen, screenAll, type Scored, type ScreenCandidate, type ScreenShare } from './name-screen.ts';
import { nameKey, subjectOf, words } from './parties.ts';
import { foldTokens, looksLikeOrganisation } from '../../screen/names.ts';

export type { ListedParty };

/** The listed parties of the run (the loader fills them when an indicator reads `lists`). */
export function listedPartiesOf(inputs: DetectInputs): ListedParty[] {
  return inputs.listedParties ?? [];
}

type Kind = 'listed' | 'blocked' | 'possibly_blocked' | 'minority' | 'front';

const KIND_ORDER: Record<Kind, number> = { listed: 3, blocked: 2, possibly_blocked: 1, front: 0.5, minority: 0 };

/** Why an entity of the world (or a listed party) is a concern. */
interface Finding {
  kind: Kind;
  /** World entity id or listed party id. */
  id: string;
  name: string;
  schema: string;
  /** "designated (screening match 0.97 with listed sa-1)", "blocked under ofac, eu (≥ 50%): X —50%→ H —60%→ T". */
  why: string;
  authorities: string[];
  /** Stake records (world) behind the finding. */
  stakeRecords: string[];
  /** Listed parties whose Sanctions the finding cites. */
  listed: ListedParty[];
}

/** Sides and names screened in one run, remembered for it (see sideCached). */
const SIDE_CACHE = 2_000_000;
const NAME_CACHE = 1_000_000;
const NO_HITS: readonly Hit[] = Object.freeze([]);
const NO_SCREENED: ReadonlyArray<{ c: Candidate; score: number; raw: number; ambiguous: boolean }> = Object.freeze([]);

/** One side's or party's hit: a finding, how it was reached, and how sure the link is. */
interface Hit {
  finding: Finding;
  role: string;
  strength: number;
  via: string;
  records: string[];
}

interface Candidate {
  subject: PreparedSubject;
  finding: Finding;
}

class Screener {
  private readonly status = new Map<string, Finding | null>();
  private readonly rules = new Map<'ofac' | 'eu' | 'uk', string[]>();
  private readonly accountNodes = new Map<string, string[]>();
  private readonly candidates: Candidate[] = [];
  private readonly nameScreen = new NameScreen();
  /** Screened ahead, in worker threads (precompute): name and country → candidates and raw scores; company name → fronts. */
  private readonly scoredAhead = new Map<string, Scored[]>();
  private readonly frontsAhead = new Map<string, Scored[]>();
  private readonly byName = new Map<string, ReadonlyArray<{ c: Candidate; score: number; raw: number; ambiguous: boolean }>>();
  private readonly listedById: Map<string, ListedParty>;
  private organisationsByWord: Map<string, string[]> | null = null;
  private readonly unlisted = new Map<string, boolean>();
  private readonly sides = new Map<string, readonly Hit[]>();
  private readonly fronts = new Map<string, Array<{ finding: Finding; score: number }>>();

  constructor(
    private readonly world: OwnershipWorld | null,
    listed: ListedParty[],
    authorities: Record<string, 'ofac' | 'eu' | 'uk'>,
    private readonly threshold: number,
    private readonly conflictFactor: number,
    private readonly ambiguityFactor: number,
    private readonly frontThreshold: number = 1.01,
  ) {
    this.listedById = new Map(listed.map((l) => [l.id, l]));
    for (const [authority, rule] of Object.entries(authorities)) this.rules.set(rule, [...(this.rules.get(rule) ?? []), authority]);
    if (world) {
      for (const [id, schema] of world.schemata) {
        if (schema !== 'BankAccount') continue;
        const key = identifierKey(world.names.get(id) ?? '');
        if (key) this.accountNodes.set(key, [...(this.accountNodes.get(key) ?? []), id]);
      }
      // Name candidates: every designated, (possibly) blocked or minority-owned entity of the world.
      const flagged = new Set<string>(world.designations.map((d) => d.id));
      for (const rule of this.rules.keys()) {
        const set = world.blocked(rule);
        for (const id of set.blocked()) flagged.add(id);
        for (const id of set.possiblyBlocked()) flagged.add(id);
      }
      for (const id of [...flagged]) for (const h of world.graph.holdingsOf(id)) flagged.add(h.asset);
      for (const id of flagged) {
        const f = this.statusOf(id);
        const schema = world.schemata.get(id) ?? 'LegalEntity';
        if (!f || schema === 'BankAccount' || schema === 'Vessel') continue;
        // A designated entity is compared with what its list entry says of it too (countries, birth dates).
        const own = f.kind === 'listed' ? f.listed : [];
        this.addCandidate(
          {
            schema,
            names: [world.names.get(id) ?? id],
            countries: own.flatMap((l) => l.countries ?? []),
            birthDates: own.flatMap((l) => l.birthDates ?? []),
            listedPerson: f.kind === 'listed' && f.schema === 'Person',
          },
          f,
        );
      }
    }
    for (const l of listed) {
      if (l.schema === 'Vessel') continue;
      const authoritiesOf = [...new Set(l.sanctions.map((s) => s.authority).filter((a): a is string => !!a))];
      const candidate = { schema: l.schema, names: l.names, countries: l.countries ?? [], birthDates: l.birthDates ?? [], listedPerson: l.schema === 'Person' };
      this.addCandidate(candidate, {
        kind: 'listed',
        id: l.id,
        name: l.names[0] ?? l.id,
        schema: l.schema,
        why: `listed${describeSanctions(l)}`,
        authorities: authoritiesOf,
        stakeRecords: [],
        listed: [l],
      });
    }
  }

  get empty(): boolean {
    return this.candidates.length === 0 && this.accountNodes.size === 0;
  }

  /** How many accounts the world holds (by number): with the declared parties, about how many names a run may screen ahead. */
  get accounts(): number {
    return this.accountNodes.size;
  }

  /** The names of the organisations of the world that hold an account: the companies a payment side may be a front of. */
  accountHolderOrganisations(): string[] {
    const world = this.world;
    if (!world) return [];
    const out = new Set<string>();
    for (const nodes of this.accountNodes.values()) {
      for (const node of nodes) {
        for (const s of world.graph.ownersOf(node)) if (isOrganisationSchema(world.schemata.get(s.owner) ?? 'Person')) out.add(this.nameOf(s.owner));
      }
    }
    return [...out];
  }

  /** The holders of an account of the world and the Ownership records that make them its holders. */
  holders(account: string): Array<{ id: string; records: string[] }> {
    if (!this.world) return [];
    const out: Array<{ id: string; records: string[] }> = [];
    for (const node of this.accountNodes.get(identifierKey(account)) ?? []) {
      for (const s of this.world.graph.ownersOf(node)) out.push({ id: s.owner, records: s.records });
    }
    return out;
  }

  /** side(), cached: the same parties pay from the same accounts again and again. */
  sideCached(role: string, account: string, name: string | null, country: string | null): readonly Hit[] {
    const k = `${role}\u0000${account}\u0000${name ?? ''}\u0000${country ?? ''}`;
    let hits = this.sides.get(k);
    if (!hits) {
      // Held for this run only: a quarter's payments name a few hundred thousand sides, and a cache cleared
      // half-way screens them all again. Sides without hits (nearly all) share one empty list.
      if (this.sides.size > SIDE_CACHE) this.sides.clear();
      hits = this.side(role, account, name, country);
      this.sides.set(k, hits.length === 0 ? NO_HITS : hits);
    }
    return hits;
  }

  nameOf(id: string): string {
    return this.world?.names.get(id) ?? this.listedById.get(id)?.names[0] ?? id;
  }

  /** Why a world entity is a concern, or null (cached). */
  statusOf(id: string): Finding | null {
    if (this.status.has(id)) return this.status.get(id)!;
    this.status.set(id, null); // guards against ownership cycles while the owners are looked at
    const f = this.compute(id);
    this.status.set(id, f);
    return f;
  }

  private compute(id: string): Finding | null {
    const world = this.world!;
    const name = world.names.get(id) ?? id;
    const schema = world.schemata.get(id) ?? 'LegalEntity';
    const links = world.designations.filter((d) => d.id === id);
    if (links.length > 0) {
      const listed = links.map((l) => this.listedById.get(l.listed)).filter((l): l is ListedParty => !!l);
      return {
        kind: 'listed',
        id,
        name,
        schema,
        why: `designated (${links.map((l) => l.reason).join('; ')})${listed.length > 0 ? `, listed${listed.map(describeSanctions).join(';')}` : ''}`,
        authorities: [...new Set(listed.flatMap((l) => l.sanctions.map((s) => s.authority).filter((a): a is string => !!a)))],
        stakeRecords: [],
        listed,
      };
    }
    let best: Finding | null = null;
    for (const [rule, authorities] of this.rules) {
      const set = world.blocked(rule);
      const st = set.status(id);
      if (st === 'not_blocked') continue;
      const kind: Kind = st === 'blocked' ? 'blocked' : 'possibly_blocked';
      if (best && KIND_ORDER[best.kind] > KIND_ORDER[kind]) continue;
      if (best && best.kind === kind) {
        best.authorities.push(...authorities);
        continue;
      }
      best = { kind, id, name, schema, ...this.path(set, id, rule, authorities) };
    }
    if (best) {
      best.why = `${best.kind === 'blocked' ? 'blocked' : 'possibly blocked'} under ${best.authorities.join(', ')} ${best.why}`;
      return best;
    }
    // Owned in part by a designated or blocked party, below the rule.
    for (const s of world.graph.ownersOf(id)) {
      const owner = this.statusOf(s.owner);
      if (!owner || owner.kind === 'minority' || owner.kind === 'possibly_blocked') continue;
      return {
        kind: 'minority',
        id,
        name,
        schema,
        why: `${s.display} owned by ${owner.name}, who is ${owner.why}; not blocked under the ownership rules`,
        authorities: owner.authorities,
        stakeRecords: [...s.records, ...owner.stakeRecords],
        listed: owner.listed,
      };
    }
    return null;
  }

  private path(set: BlockedSet, id: string, rule: string, authorities: string[]): Pick<Finding, 'why' | 'authorities' | 'stakeRecords' | 'listed'> {
    const world = this.world!;
    const e = set.explain(id, { maxPaths: 3 });
    const p = e.paths[0];
    const records = [...new Set(e.paths.flatMap((x) => x.steps.flatMap((s) => s.records)))];
    const chain = p && p.steps.length > 0 ? `${this.nameOf(p.steps[0]!.owner)} ${p.steps.map((s) => `—${s.display}→ ${this.nameOf(s.asset)}`).join(' ')}` : '';
    const seeds = [...new Set(e.paths.map((x) => x.seed))];
    const links = world.designations.filter((d) => seeds.includes(d.id));
    const listed = links.map((l) => this.listedById.get(l.listed)).filter((l): l is ListedParty => !!l);
    return {
      why: `(${rule}: ${e.threshold}${e.bound === 'high' ? ', on the high bounds of ranges' : ''}): ${chain}; designated: ${links.map((l) => `${this.nameOf(l.id)} (${l.reason})`).join('; ')}`,
      authorities: [...authorities],
      stakeRecords: records,
      listed,
    };
  }

  private addCandidate(candidate: ScreenCandidate, finding: Finding): void {
    const i = this.nameScreen.add(candidate);
    this.candidates.push({ subject: this.nameScreen.subjects[i]!, finding });
  }

  /**
   * Screens ahead, split between worker threads, the names the run will
   * screen (declared parties with their countries) and the company names it
   * will check for fronts: the indicator's thread then finds their answers
   * waiting. Too few names, or one core: nothing is done ahead.
   */
  precompute(names: Iterable<[string, string | null]>, orgNames: Iterable<string>, opts: { workers?: number; minQueries?: number } = {}): Promise<void> | null {
    if (this.candidates.length === 0) return null;
    const uniqueNames = new Map<string, [string, string | null]>();
    for (const [name, country] of names) uniqueNames.set(`${name}\u0000${country ?? ''}`, [name, country]);
    const fronts = this.frontThreshold > 1 ? [] : [...new Set(orgNames)];
    if (shareCount(uniqueNames.size + fronts.length, opts) === 0) return null;
    return this.screenAhead(uniqueNames, fronts, opts);
  }

  private async screenAhead(uniqueNames: Map<string, [string, string | null]>, fronts: string[], opts: { workers?: number; minQueries?: number }): Promise<void> {
    const share: ScreenShare = {
      candidates: this.nameScreen.candidates,
      names: [...uniqueNames.values()],
      orgNames: fronts,
      threshold: this.threshold,
      frontThreshold: this.frontThreshold,
    };
    const result = await screenAll(share, opts);
    if (!result) return;
    const keys = [...uniqueNames.keys()];
    result.names.forEach((scored, i) => this.scoredAhead.set(keys[i]!, scored));
    result.fronts.forEach((scored, i) => this.frontsAhead.set(fronts[i]!, scored));
  }

  /** Candidates whose screening score against the name reaches the threshold, best first (cached per name and country). */
  screen(name: string, country: string | null): ReadonlyArray<{ c: Candidate; score: number; raw: number; ambiguous: boolean }> {
    const cacheKey = `${name}\u0000${country ?? ''}`;
    const cached = this.byName.get(cacheKey);
    if (cached) return cached;
    const scored = this.scoredAhead.get(cacheKey) ?? this.nameScreen.scores(name, country, this.threshold);
    this.scoredAhead.delete(cacheKey);
    const out: Array<{ c: Candidate; score: number; raw: number; ambiguous: boolean }> = [];
    const key = nameKey(name);
    for (const [i, raw] of scored) {
      const c = this.candidates[i]!;
      const identical = c.subject.names.some((n) => nameKey(n) === key);
      const theirs = new Set((c.subject.countries ?? []).map((x) => x.toLowerCase()));
      const conflict = !!country && theirs.size > 0 && !theirs.has(country.toLowerCase());
      // Company names are often generic ("Resurs", "Meridian"): when the registry holds an unlisted company of this very
      // name, the name alone does not say which of the two the party is.
      const ambiguous = isOrganisationSchema(c.finding.schema) && this.unlistedOrganisation(key);
      out.push({ c, score: raw * (conflict && !identical ? this.conflictFactor : 1) * (ambiguous ? this.ambiguityFactor : 1), raw, ambiguous });
    }
    out.sort((a, b) => b.score - a.score);
    if (this.byName.size > NAME_CACHE) this.byName.clear();
    this.byName.set(cacheKey, out.length === 0 ? NO_SCREENED : out);
    return out;
  }

  /** Whether the world holds an organisation named `key` that is neither listed, blocked nor owned by such (cached per key). */
  private unlistedOrganisation(key: string): boolean {
    const world = this.world;
    if (!world || !key) return false;
    const known = this.unlisted.get(key);
    if (known !== undefined) return known;
    // The world's organisations by folded word, built on first need: only those sharing the key's first word are prepared.
    if (!this.organisationsByWord) {
      this.organisationsByWord = new Map();
      for (const [id, schema] of world.schemata) {
        const name = world.names.get(id);
        if (!name || schema === 'BankAccount' || !isOrganisationSchema(schema)) continue;
        for (const w of new Set(words(name))) {
          const list = this.organisationsByWord.get(w);
          if (list) list.push(id);
          else this.organisationsByWord.set(w, [id]);
        }
      }
    }
    const found = (this.organisationsByWord.get(key.split(' ')[0]!) ?? []).some((id) => nameKey(world.names.get(id)) === key && !this.statusOf(id));
    this.unlisted.set(key, found);
    return found;
  }

  /** A payment side: its account's holders (and their owners), then its name unless the holder explains it. */
  side(role: string, account: string, name: string | null, country: string | null): Hit[] {
    const hits: Hit[] = [];
    const holders = this.holders(account);
    let explained = false;
    for (const h of holders) {
      const holderName = this.nameOf(h.id);
      if (name && nameSimilar(name, holderName, this.threshold)) explained = true;
      const f = this.statusOf(h.id);
      if (f) hits.push({ finding: f, role, strength: 1, via: `account ${account} is held by ${holderName}`, records: h.records });
    }
    // A company holding the account that carries a listed person's name (legal form and business words aside) may be that person's front.
    for (const h of holders) {
      if (!isOrganisationSchema(this.world?.schemata.get(h.id) ?? 'Person')) continue;
      const holderName = this.nameOf(h.id);
      for (const f of this.namedAfterPerson(holderName)) hits.push({ finding: f.finding, role, strength: f.score, via: `account ${account} is held by ${holderName}, which carries the name of listed ${f.finding.name} (${f.score.toFixed(2)}): possibly a front`, records: h.records });
    }
    if (name && !explained) {
      const other = holders.length > 0 ? holders.map((h) => this.nameOf(h.id)).join(', ') : null;
      for (const { c, score, raw, ambiguous } of this.screen(name, country)) {
        if (hits.some((x) => x.finding.id === c.finding.id)) continue;
        // The account is known to be someone else's: the name on the payment may be a label, or the listed party using another's account.
        const strength = other ? score * 0.7 : score;
        hits.push({ finding: c.finding, role, strength, via: `${matchText(name, c, raw, ambiguous)}${other ? ` on an account held by ${other}` : ''}`, records: [] });
      }
    }
    return hits;
  }

  /** A declaration party: by name only (and, for a company, whether it carries a listed person's name). */
  party(role: string, name: string, country: string | null): Hit[] {
    const hits: Hit[] = this.screen(name, country).map(({ c, score, raw, ambiguous }) => ({ finding: c.finding, role, strength: score, via: matchText(name, c, raw, ambiguous), records: [] }));
    if (looksLikeOrganisation(foldTokens(name))) {
      for (const f of this.namedAfterPerson(name)) if (!hits.some((h) => h.finding.id === f.finding.id)) hits.push({ finding: f.finding, role, strength: f.score, via: `${name} carries the name of listed ${f.finding.name} (${f.score.toFixed(2)}): possibly a front`, records: [] });
    }
    return hits;
  }

  /**
   * Listed persons whose name a company's name carries once its legal form and
   * common business words ("trading", "invest", "holding") are set aside: "Ali
   * Mansur Al Halabi Invest LLC" and the listed Ali Mansour Al Halabi. At least
   * two informative words must remain (a company called after a surname alone
   * says nothing). Findings are of kind `front`; cached per name.
   */
  namedAfterPerson(orgName: string): Array<{ finding: Finding; score: number }> {
    if (this.frontThreshold > 1) return [];
    const cached = this.fronts.get(orgName);
    if (cached) return cached;
    const scored = this.frontsAhead.get(orgName) ?? this.nameScreen.fronts(orgName, this.frontThreshold);
    this.frontsAhead.delete(orgName);
    const out = scored.map(([i, score]) => {
      const c = this.candidates[i]!;
      return { finding: { ...c.finding, kind: 'front' as const, why: `the listed person ${c.finding.name}, whose name the company carries${c.finding.why.startsWith('listed') ? ` (${c.finding.why})` : ''}` }, score };
    });
    this.fronts.set(orgName, out.slice(0, 3));
    return out.slice(0, 3);
  }
}

/** The screening score as the engine gave it, before this indicator's weights. */
function matchText(name: string, c: Candidate, raw: number, ambiguous: boolean): string {
  return `name "${name}" matches ${c.finding.name} (${raw.toFixed(2)}${ambiguous ? '; the registry also holds an unlisted company of this name' : ''})`;
}

function nameSimilar(a: string, b: string, threshold: number): boolean {
  if (nameKey(a) === nameKey(b)) return true;
  return scoreSubjects(subjectOf(a), subjectOf(b)) >= threshold;
}

/** " on Sanctions Authority RUSSIA-EO14024 (sanctions/list.ftm.json)": where a listed party is listed. */
function describeSanctions(l: ListedParty): string {
  if (l.sanctions.length === 0) return '';
  return ` on ${l.sanctions.map((s) => [s.authority, s.program].filter(Boolean).join(' ') || s.dataset).join(', ')} (${l.sanctions.map((s) => s.dataset).filter((v, i, a) => a.indexOf(v) === i).join(', ')})`;
}

function kindScore(kind: Kind, params: Params): number {
  switch (kind) {
    case 'listed':
      return num(params, 'listed_score');
    case 'blocked':
      return num(params, 'blocked_score');
    case 'possibly_blocked':
      return num(params, 'possible_score');
    case 'minority':
      return num(params, 'minority_score');
    case 'front':
      return num(params, 'front_score');
  }
}

/** Evidence behind the findings: stake records from the world, the Sanctions of listed parties. */
function findingEvidence(world: OwnershipWorld | null, hits: Hit[]): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    for (const rec of [...h.records, ...h.finding.stakeRecords]) {
      const src = world?.sources.get(rec);
      if (!src || seen.has(`stake:${rec}`)) continue;
      seen.add(`stake:${rec}`);
      out.push({ source: src.dataset, record: src.record, agency: src.agency, note: `ownership record behind ${h.finding.name}`, dataset: src.dataset, marking: src.marking, schema: 'Ownership' });
    }
    for (const l of h.finding.listed) {
      for (const s of l.sanctions) {
        if (seen.has(`sanction:${s.id}`)) continue;
        seen.add(`sanction:${s.id}`);
        out.push({ source: s.dataset, record: s.record, agency: s.agency, note: `designation of ${l.names[0] ?? l.id}${s.program ? ` (${s.program})` : ''}`, dataset: s.dataset, marking: s.marking, schema: 'Sanction' });
      }
    }
  }
  return out;
}

function findingSubject(f: Finding): AlertSubject {
  return { id: f.id, schema: f.schema, name: f.name, identifiers: {} };
}

/**
 * The strongest hit per side and finding, strongest first. A listed party
 * that a hit on its registry entity already cites (the world links the two)
 * is one party, reported once.
 */
function strongest(hits: Hit[], params: Params): Array<Hit & { score: number }> {
  const best = new Map<string, Hit & { score: number }>();
  for (const h of hits) {
    const score = kindScore(h.finding.kind, params) * h.strength;
    const prev = best.get(`${h.role}\u0000${h.finding.id}`);
    if (!prev || prev.score < score) best.set(`${h.role}\u0000${h.finding.id}`, { ...h, score });
  }
  const all = [...best.values()];
  // A front finding stands for the company, not the listed person it cites: it neither cites nor is cited away.
  const cited = new Set(all.filter((h) => h.finding.kind !== 'front' && (h.finding.kind !== 'listed' || h.finding.listed.every((l) => l.id !== h.finding.id))).flatMap((h) => h.finding.listed.map((l) => `${h.role}\u0000${l.id}`)));
  return all.filter((h) => h.finding.kind === 'front' || !(h.finding.listed.length === 1 && h.finding.listed[0]!.id === h.finding.id && cited.has(`${h.role}\u0000${h.finding.id}`))).sort((a, b) => b.score - a.score);
}

function describe(h: Hit): string {
  return `${h.role}: ${h.via}; ${h.finding.name} is ${h.finding.why}`;
}

export const listedCounterparty: Indicator = {
  appliesRule: true,
  code: 'finance.listed_counterparty',
  title: 'Listed or blocked counterparty',
  definition:
    'A payment whose originator or beneficiary, or a declaration whose exporter, importer, consignee or declarant, is a listed party, an entity blocked under an authority\'s ownership rule of the profile ' +
    '(OFAC 50% in the aggregate, EU, UK), or owned in part by one. Payment parties are identified first by account (the holder of the account in the ownership world, and the holder\'s owners), ' +
    'then by name: the screening engine\'s comparison against the designated, blocked and minority-owned entities of the ownership world and the listed parties, at name_threshold or above. ' +
    'A name that the account\'s registered holder already carries is not screened (a namesake of a listed person paying from their own account is not that person); ' +
    'a name on an account known to be held by someone else weighs 0.7; a near (not identical) spelling in another country than the listed party\'s weighs country_conflict_factor; ' +
    'a company name that an unlisted company of the ownership world also carries (generic names: "Resurs", "Meridian") weighs ambiguity_factor. ' +
    'A company holding the account, or a declared company, whose name carries a listed person’s once its legal form and business words are set aside (front_threshold) is a possible front (front_score × the match). ' +
    'Score: listed_score, blocked_score, possible_score (blocked only on the high bounds of stake ranges) or minority_score (a designated or blocked owner below the rule\'s threshold: not blocked, reported below the alert threshold) ' +
    'times the strength of the link (1 by account, the screening score by name).',
  sources: [
    { name: 'OFAC: Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are Blocked (2014), FAQ 401', url: 'https://ofac.treasury.gov/faqs/401', note: 'the 50 percent rule: blocked by aggregation' },
    { name: 'Council of the EU: Best practices for the effective implementation of restrictive measures (update of July 2024)', note: 'ownership and control: 50% or more, aggregated' },
    { name: 'FinCEN Alert FIN-2022-Alert001: Potential Russian Sanctions Evasion Attempts (7 March 2022)', url: 'https://www.fincen.gov/sites/default/files/2022-03/FinCEN%20Alert%20Russian%20Sanctions%20Evasion%20FINAL%20508.pdf', note: 'red flags: third parties and shell companies shielding the identity of sanctioned persons' },
  ],
  params: {
    listed_score: { type: 'number', default: 0.95, min: 0, max: 1, description: 'score of a listed party, reached by account' },
    blocked_score: { type: 'number', default: 0.85, min: 0, max: 1, description: 'score of an entity blocked by aggregation, reached by account' },
    possible_score: { type: 'number', default: 0.55, min: 0, max: 1, description: 'score of an entity blocked only on the high bounds of stake ranges' },
    minority_score: { type: 'number', default: 0.35, min: 0, max: 1, description: 'score of an entity a designated or blocked party owns in part, below the rule' },
    front_score: { type: 'number', default: 0.7, min: 0, max: 1, description: 'score of a company carrying a listed person’s name (a possible front), times the name match' },
    front_threshold: { type: 'number', default: 0.85, min: 0.5, max: 1, description: 'name match of a company (legal form and business words aside) against a listed person that makes it a possible front' },
    name_threshold: { type: 'number', default: 0.88, unit: 'ratio', min: 0.5, max: 1, description: 'screening score at or above which a name is taken for a listed or blocked party' },
    country_conflict_factor: { type: 'number', default: 0.5, unit: 'ratio', min: 0, max: 1, description: 'weight of a near (not identical) name match whose country differs from the listed party\'s' },
    ambiguity_factor: { type: 'number', default: 0.5, unit: 'ratio', min: 0, max: 1, description: 'weight of a company name match when the ownership world also holds an unlisted company of that name' },
  },
  inputs: ['payments', 'declarations', 'ownership', 'lists'],
  run(inputs, params) {
    return listedCounterpartyAlerts(inputs, params);
  },
};

/**
 * The indicator's alerts. When the run has many names to screen, the declared
 * parties' names and the account-holding companies' (fronts) are screened
 * ahead in worker threads (name-screen.ts), and the result is a promise;
 * otherwise each name is screened when met, and the alerts are returned at
 * once. `screening` is for tests.
 */
export function listedCounterpartyAlerts(inputs: DetectInputs, params: Params, screening: { workers?: number; minQueries?: number } = {}): AlertDraft[] | Promise<AlertDraft[]> {
  const listed = listedPartiesOf(inputs);
  const world = inputs.ownership;
  if (!world && listed.length === 0) return [];
  const screener = new Screener(
    world,
    listed,
    inputs.profile.authorities,
    num(params, 'name_threshold'),
    num(params, 'country_conflict_factor'),
    num(params, 'ambiguity_factor'),
    num(params, 'front_threshold'),
  );
  if (screener.empty) return [];
  const finish = (): AlertDraft[] => {
    const out: AlertDraft[] = [];
    if (inputs.payments.length > 0) out.push(...payments(paymentGraph(inputs.payments), screener, world, params));
    for (const d of inputs.declarations) {
      const alert = declaration(d, screener, world, params);
      if (alert) out.push(alert);
    }
    return out;
  };
  // The names are gathered only when they may be screened ahead: on one core, or in a run with few of them, each
  // is screened when the walk meets it, and gathering them first would be work for nothing.
  if (shareCount(4 * inputs.declarations.length + screener.accounts, screening) === 0) return finish();
  const names: Array<[string, string | null]> = [];
  const orgNames = screener.accountHolderOrganisations();
  for (const d of inputs.declarations) {
    for (const [name, country] of declarationParties(d)) {
      if (!name) continue;
      names.push([name, country]);
      if (looksLikeOrganisation(foldTokens(name))) orgNames.push(name);
    }
  }
  const ahead = screener.precompute(names, orgNames, screening);
  return ahead ? ahead.then(finish) : finish();
}

function payments(g: PaymentGraph, screener: Screener, world: OwnershipWorld | null, params: Params): AlertDraft[] {
  const out: AlertDraft[] = [];
  for (let e = 0; e < g.edges; e++) {
    const p = g.payments[e]!;
    const hits = strongest(
      [
        ...screener.sideCached('originator', p.originator_account, p.originator_name, p.originator_country),
        ...screener.sideCached('beneficiary', p.beneficiary_account, p.beneficiary_name, p.beneficiary_country),
      ],
      params,
    );
    if (hits.length === 0) continue;
    const top = hits[0]!;
    const sides = new Set(hits.map((h) => h.role));
    const accounts = [...(sides.has('originator') ? [g.from[e]!] : []), ...(sides.has('beneficiary') ? [g.to[e]!] : [])];
    const subjects = [...g.subjects(accounts)];
    for (const h of hits) if (!subjects.some((s) => s.id === h.finding.id)) subjects.push(findingSubject(h.finding));
    out.push({
      indicator: 'finance.listed_counterparty',
      key: `${p.dataset}:${p.source_record}`,
      score: roundScore(top.score),
      subjects,
      window: { start: iso(g.t[e]!), end: iso(g.t[e]!) },
      evidence: [...g.evidence(e, `${p.amount} ${p.currency} ${g.label(g.from[e]!)} → ${g.label(g.to[e]!)}`), ...findingEvidence(world, hits)],
      explanation: `${p.amount} ${p.currency} on ${p.ts.slice(0, 10)} — ${hits.slice(0, 3).map(describe).join(' | ')}`,
      details: { hits: hits.map((h) => ({ role: h.role, kind: h.finding.kind, entity: h.finding.id, name: h.finding.name, strength: h.strength, score: h.score, authorities: h.finding.authorities })) },
    });
  }
  return out;
}

/** A declaration's parties: name, country (none for the declarant) and role. */
function declarationParties(d: StoredDeclaration): Array<[string | null, string | null, string]> {
  return [
    [d.exporter_name, d.exporter_country, 'exporter'],
    [d.importer_name, d.importer_country, 'importer'],
    [d.consignee_name, d.consignee_country, 'consignee'],
    [d.declarant_name, null, 'declarant'],
  ];
}

function declaration(d: StoredDeclaration, screener: Screener, world: OwnershipWorld | null, params: Params): AlertDraft | null {
  const hits = strongest(
    declarationParties(d).flatMap(([name, country, role]) => (name ? screener.party(role, name, country) : [])),
    params,
  );
  if (hits.length === 0) return null;
  const subjects = declarationSubjects(d);
  for (const h of hits) if (!subjects.some((s) => s.id === h.finding.id)) subjects.push(findingSubject(h.finding));
  return {
    indicator: 'finance.listed_counterparty',
    key: `${d.dataset}:${d.declaration_id}`,
    score: roundScore(hits[0]!.score),
    subjects,
    window: declarationWindow(d),
    evidence: [declarationEvidence(d, `${d.exporter_name} → ${d.importer_name}, ${d.value} ${d.currency}`), ...findingEvidence(world, hits)],
    explanation: `declaration ${d.declaration_id} — ${hits.slice(0, 3).map(describe).join(' | ')}`,
    details: { hits: hits.map((h) => ({ role: h.role, kind: h.finding.kind, entity: h.finding.id, name: h.finding.name, strength: h.strength, score: h.score, authorities: h.finding.authorities })) },
  };
}
