/**
 * finance.third_party_payer — a declared shipment paid for by someone who is
 * not on the declaration. In ordinary trade the buyer pays the seller; a
 * payment for the goods from an unrelated party — often in another country —
 * is the mark of trade-based money laundering (the goods settle a debt
 * elsewhere: the black market peso exchange and its successors) and of
 * sanctions evasion (a listed or Russian buyer pays for goods declared to an
 * intermediary in a third country).
 *
 * A payment "pays for" a declaration when it goes to the exporter (an account
 * the exporter's name is written with on the payments, or the name itself),
 * within days_before … days_after of the declaration's date, for the declared
 * value within amount_tolerance (approximate US dollars across currencies),
 * and — when both carry one — with the declaration's invoice reference in its
 * reference or purpose; a payment citing another reference pays another
 * invoice and is left out. The payer is a party of the declaration when its
 * name matches the importer, consignee, declarant or exporter (the screening
 * engine's name comparison, lenient: a misspelt importer is still the
 * importer) or its account is one those names are written with elsewhere.
 */
import type { StoredDeclaration } from '../../store/events.ts';
import { roundScore, type AlertDraft } from '../alert.ts';
import { approxUsd } from '../../model/normalize/currencies.ts';
import { num, type Indicator } from '../indicator.ts';
import { declarationEvidence, declarationSubjects } from '../trade/declarations.ts';
import { DAY, iso, paymentGraph, POOLED, type PaymentGraph } from './graph.ts';
import { AccountNames, nameKey, nameScore } from './parties.ts';

/** Letters and digits only, upper case: how a reference is compared ("INV-123/4" ~ "inv 1234"). */
function refKey(s: string | null | undefined): string {
  return (s ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

interface Candidate {
  e: number;
  referenced: boolean;
  closeness: number;
  ownParty: boolean;
  payerName: string | null;
}

/** The longest run of consecutive words of a payment's reference or purpose that may spell one declared reference ("INV / 2024 / 00012345"). */
const MAX_REFERENCE_WORDS = 4;

/**
 * Which payments cite which declarations, found in one pass over the
 * payments: each run of up to four consecutive words of a payment's
 * reference or purpose, written as refKey writes it, looked up among the
 * declarations' invoice references, declaration numbers and transport
 * documents. A reference counts where it stands as words of its own ("paid
 * INV-1234567", "INV 1234567/A"), not inside a longer word. Looking a
 * declaration's references up in every payment of about its value instead
 * took minutes on a large exporter's thousands of payments.
 */
class Citations {
  private readonly byDeclaration = new Map<number, number[]>();
  private readonly referenceLengths: Int32Array;

  constructor(
    g: PaymentGraph,
    declarations: readonly StoredDeclaration[],
  ) {
    const declared = new Map<string, number[]>();
    declarations.forEach((d, i) => {
      for (const r of new Set(referencesOf(d))) {
        const list = declared.get(r);
        if (list) list.push(i);
        else declared.set(r, [i]);
      }
    });
    this.referenceLengths = new Int32Array(g.edges);
    for (let e = 0; e < g.edges; e++) {
      const p = g.payments[e]!;
      this.referenceLengths[e] = refKey(p.reference).length;
      const hit = new Set<number>();
      for (const text of [p.reference, p.purpose]) {
        if (!text) continue;
        const words = text.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
        for (let i = 0; i < words.length; i++) {
          let run = '';
          for (let j = i; j < Math.min(words.length, i + MAX_REFERENCE_WORDS); j++) {
            run += words[j];
            if (run.length >= 4) for (const di of declared.get(run) ?? []) hit.add(di);
          }
        }
      }
      for (const di of hit) {
        const list = this.byDeclaration.get(di);
        if (list) list.push(e);
        else this.byDeclaration.set(di, [e]);
      }
    }
  }

  /** The payments citing declaration i (its index in the input). */
  of(i: number): readonly number[] {
    return this.byDeclaration.get(i) ?? [];
  }

  /** Length of the payment's own reference, as refKey writes it. */
  referenceLength(e: number): number {
    return this.referenceLengths[e]!;
  }
}

/** A declaration's references a payment may cite: invoice, declaration number, transport document (4 characters or more, as refKey writes them). */
function referencesOf(d: StoredDeclaration): string[] {
  return [refKey(d.invoice_reference), refKey(d.declaration_id), refKey(d.transport_document)].filter((r) => r.length >= 4);
}

/** How the payer of a candidate is shown: its name and account. */
function payerLabel(g: PaymentGraph, c: Candidate): string {
  const account = g.from[c.e]!;
  return c.payerName ? `${c.payerName} (${g.accounts[account]})` : g.accounts[account]!;
}

/** A name this lenient or closer to a declared party's is that party. */
const SAME_PARTY = 0.8;

export const thirdPartyPayer: Indicator = {
  code: 'finance.third_party_payer',
  title: 'Shipment paid for by a party not on the declaration',
  definition:
    'A payment to the exporter of a customs declaration (an account the exporter\'s name is written with, or its name), within days_before to days_after of the declaration\'s date, ' +
    'for the declared value within amount_tolerance (approximate US dollars across currencies), and citing the invoice reference, declaration number or transport document when it carries a reference, ' +
    'whose originator is none of the declaration\'s parties (importer, consignee, declarant, exporter) by name or by an account their names are written with. ' +
    'Score: 0.75 when the payment cites the declaration\'s invoice, declaration number or transport document, plus up to 0.1 for how close the amount is and 0.1 when the payer is in another country than the ' +
    'parties, plus 0.05 when it is in a destination of concern of the profile. Without a reference the match rests on amount and timing, which an exporter with many customers meets by chance: ' +
    'such a payment is considered only when it is the one payment that fits the declaration and none of the declaration\'s own parties paid it, and scores 0.2 plus the same terms — ' +
    'at most 0.45: reported below the threshold, for a reviewer who asks (on a simulated quarter of 40,000 declarations, amount and date alone met a stranger\'s payment by chance).',
  sources: [
    { name: 'FATF–Egmont Group: Trade-Based Money Laundering — Risk Indicators (March 2021)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Trade-based-money-laundering-indicators.html', note: 'account and transaction indicators: payments from third parties with no apparent connection to the transaction' },
    { name: 'FATF–Egmont Group: Trade-Based Money Laundering — Trends and Developments (December 2020)', url: 'https://www.fatf-gafi.org/en/publications/Methodsandtrends/Trade-based-money-laundering-trends-and-developments.html', note: 'third-party payments in TBML schemes' },
    { name: 'FinCEN Advisory FIN-2010-A001: Trade-Based Money Laundering and the Black Market Peso Exchange (18 February 2010)', url: 'https://www.fincen.gov/sites/default/files/advisory/fin-2010-a001.pdf', note: 'red flag: payments for goods by third parties with no apparent connection to the buyer' },
    { name: 'FinCEN and BIS joint alert FIN-2022-Alert003 (28 June 2022)', url: 'https://www.fincen.gov/sites/default/files/2022-06/FinCEN%20and%20Bis%20Joint%20Alert%20FINAL.pdf', note: 'export-control evasion: payments from parties in third countries unrelated to the declared buyer' },
  ],
  params: {
    amount_tolerance: { type: 'number', default: 0.1, unit: 'ratio', min: 0, max: 1, description: 'largest difference between the payment and the declared value, as a share of the value' },
    days_before: { type: 'number', default: 30, unit: 'days', min: 0, max: 365, description: 'earliest payment before the declaration date (prepayment)' },
    days_after: { type: 'number', default: 90, unit: 'days', min: 0, max: 365, description: 'latest payment after the declaration date' },
  },
  inputs: ['payments', 'declarations'],
  run(inputs, params): AlertDraft[] {
    if (inputs.declarations.length === 0 || inputs.payments.length === 0) return [];
    const g = paymentGraph(inputs.payments);
    // Only the names of declared parties matter: payments' other names are never prepared.
    const wanted = new Set<string>();
    for (const d of inputs.declarations) for (const n of [d.exporter_name, d.importer_name, d.consignee_name, d.declarant_name]) if (n) wanted.add(nameKey(n));
    wanted.delete('');
    const names = new AccountNames(g, wanted);
    const tolerance = num(params, 'amount_tolerance');
    const before = num(params, 'days_before') * DAY;
    const after = num(params, 'days_after') * DAY;
    const concern = new Set(inputs.profile.lists.destinationsOfConcern);
    const citations = new Citations(g, inputs.declarations);
    const out: AlertDraft[] = [];
    for (const [i, d] of inputs.declarations.entries()) {
      const search = { g, names, citations, cited: citations.of(i), tolerance, before, after };
      let found = candidates(search, d, false);
      if (found.total === 0) continue;
      // An unreferenced payment pays this declaration only when it is the one payment that fits: an exporter with
      // many customers receives payments of similar amounts every week.
      if (!found.kept.some((c) => !c.ownParty && (c.referenced || found.total === 1))) continue;
      // How many of the other payments the declaration's own parties made is worth a full look only here.
      if (!found.complete) found = candidates(search, d, true);
      const plausible = found.kept.filter((c) => c.referenced || found.total === 1);
      for (const c of plausible) confirmThirdParty(c, d);
      const own = found.kept.filter((c) => c.ownParty).length + found.ownUnkept;
      const third = plausible.filter((c) => !c.ownParty && (c.referenced || own === 0));
      if (third.length === 0) continue;
      third.sort((a, b) => Number(b.referenced) - Number(a.referenced) || b.closeness - a.closeness);
      const best = third[0]!;
      const p = g.payments[best.e]!;
      const partyCountries = new Set([d.importer_country, d.exporter_country, d.consignee_country].filter(Boolean));
      const payerCountry = p.originator_country;
      const foreign = payerCountry !== null && !partyCountries.has(payerCountry);
      const ofConcern = payerCountry !== null && concern.has(payerCountry);
      const score = best.referenced
        ? 0.75 + 0.1 * best.closeness + (foreign ? 0.1 : 0) + (ofConcern ? 0.05 : 0)
        : 0.2 + 0.1 * best.closeness + (foreign ? 0.1 : 0) + (ofConcern ? 0.05 : 0);
      const cited = third.filter((c) => c === best || c.referenced);
      const payer = g.from[best.e]!;
      const evidence = [
        declarationEvidence(d, `declared ${d.value} ${d.currency}, ${d.exporter_name} (${d.exporter_country}) to ${d.importer_name} (${d.importer_country})`),
        ...cited.flatMap((c) => g.evidence(c.e, `${payerLabel(g, c)} paid ${g.payments[c.e]!.amount} ${g.payments[c.e]!.currency} to ${g.label(g.to[c.e]!)}${c.referenced ? ' citing the declaration' : ''}`)),
      ];
      const times = [Date.parse(`${d.date}T00:00:00Z`) / 1000, ...cited.map((c) => g.t[c.e]!)];
      out.push({
        indicator: 'finance.third_party_payer',
        key: `${d.dataset}:${d.declaration_id}`,
        score: roundScore(Math.min(0.97, score)),
        subjects: [...declarationSubjects(d), ...g.subjects([payer])],
        window: { start: iso(Math.min(...times)), end: iso(Math.max(...times)) },
        evidence,
        explanation:
          `declaration ${d.declaration_id} (${d.exporter_name} → ${d.importer_name}, ${d.value} ${d.currency}) was paid ${p.amount} ${p.currency} on ${p.ts.slice(0, 10)} by ${payerLabel(g, best)}` +
          `${payerCountry ? ` (${payerCountry})` : ''}, a party not on the declaration` +
          (best.referenced ? `, citing ${d.invoice_reference ? `invoice ${d.invoice_reference}` : 'the declaration'}` : ', matched by amount and date only') +
          (own > 0 ? `; the declaration's own parties paid too` : ''),
        details: {
          declaration: d.declaration_id,
          payment: p.txn_id,
          payer: payerLabel(g, best),
          payerCountry,
          referenced: best.referenced,
          closeness: best.closeness,
          ownPartyPayments: own,
          thirdPartyPayments: third.length,
        },
      });
    }
    return out;
  },
};

/**
 * The payments that could pay for the declaration: `total` of them; `kept`
 * holds those citing it, and the one that fits when it is alone (the others
 * can never be plausible, so only whether their payer is a party of the
 * declaration is counted, in `ownUnkept`). Unless `complete` is asked for,
 * the search stops once a second payment not citing it is found: `total` is
 * then at least 2 and `ownUnkept` a lower bound.
 */
interface Found {
  total: number;
  kept: Candidate[];
  ownUnkept: number;
  complete: boolean;
}

interface Search {
  g: PaymentGraph;
  names: AccountNames;
  citations: Citations;
  /** The payments citing this declaration. */
  cited: readonly number[];
  tolerance: number;
  before: number;
  after: number;
}

const NONE_FOUND: Found = { total: 0, kept: [], ownUnkept: 0, complete: true };

function candidates(s: Search, d: StoredDeclaration, complete: boolean): Found {
  const { g, names, citations, tolerance, before, after } = s;
  const exporterKey = nameKey(d.exporter_name);
  if (!exporterKey) return NONE_FOUND;
  const accounts = names.accountsOf(exporterKey);
  if (accounts.size === 0) return NONE_FOUND;
  const declared = Number(d.value);
  const usd = approxUsd(declared, d.currency);
  const value = usd ?? declared;
  const wantGroup = usd !== undefined ? POOLED : g.groups.indexOf(d.currency);
  if (!(value > 0) || wantGroup < 0) return NONE_FOUND;
  const day = Date.parse(`${d.date}T00:00:00Z`) / 1000;
  if (!Number.isFinite(day)) return NONE_FOUND;
  const hasRefs = referencesOf(d).length > 0;
  const parties = [d.importer_name, d.consignee_name, d.declarant_name, d.exporter_name].filter((n): n is string => !!n);
  const partyKeys = new Set(parties.map(nameKey));
  const partyAccounts = new Set<number>();
  for (const k of partyKeys) for (const a of names.accountsOf(k)) partyAccounts.add(a);
  const min = value * (1 - tolerance);
  const max = value * (1 + tolerance);
  const fits = (e: number): boolean => {
    const t = g.t[e]!;
    return t >= day - before && t <= day + DAY + after;
  };
  const candidate = (e: number, referenced: boolean): Candidate => {
    const payerAccount = g.from[e]!;
    let ownParty = partyAccounts.has(payerAccount);
    if (!ownParty) for (const k of names.keysOf(payerAccount)) if (partyKeys.has(k)) ownParty = true;
    const diff = Math.abs(g.value[e]! - value);
    return { e, referenced, closeness: tolerance > 0 ? 1 - diff / (tolerance * value) : 1, ownParty, payerName: g.payments[e]!.originator_name ?? g.names[payerAccount] ?? null };
  };
  // The payments citing the declaration: to the exporter, of about its value, within the days.
  const kept: Candidate[] = [];
  const citing = new Set<number>();
  for (const e of s.cited) {
    const v = g.value[e]!;
    if (!accounts.has(g.to[e]!) || g.group[e] !== wantGroup || v < min || v > max || !fits(e)) continue;
    citing.add(e);
    kept.push(candidate(e, true));
  }
  // Then the others of about its value (by amount first: an exporter receives many payments in a quarter, few of about this value).
  let total = kept.length;
  let ownUnkept = 0;
  let firstUnreferenced: Candidate | null = null;
  search: for (const a of accounts) {
    for (const e of g.inValueRange(a, wantGroup, min, max)) {
      if (citing.has(e) || !fits(e)) continue;
      // A payment citing some other reference pays another invoice.
      if (hasRefs && citations.referenceLength(e) >= 4) continue;
      total++;
      if (firstUnreferenced === null) firstUnreferenced = candidate(e, false);
      else if (complete) {
        if (candidate(e, false).ownParty) ownUnkept++;
      } else break search;
    }
  }
  // The one unreferenced payment counts as a candidate only when it is the only payment that fits.
  if (firstUnreferenced) {
    if (total === 1) kept.push(firstUnreferenced);
    else if (firstUnreferenced.ownParty) ownUnkept++;
  }
  return { total, kept, ownUnkept, complete: complete || total <= 1 };
}

/** The screening comparison, for the candidates the exact checks left as third parties: a misspelt importer is the importer. */
function confirmThirdParty(c: Candidate, d: StoredDeclaration): boolean {
  if (c.ownParty || c.payerName === null) return !c.ownParty;
  const name = c.payerName;
  const parties = [d.importer_name, d.consignee_name, d.declarant_name, d.exporter_name].filter((n): n is string => !!n);
  if (parties.some((n) => nameScore(name, n) >= SAME_PARTY)) c.ownParty = true;
  return !c.ownParty;
}
