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
  payer: string;
  payerName: string | null;
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
    const out: AlertDraft[] = [];
    for (const d of inputs.declarations) {
      const found = candidates(g, names, d, tolerance, before, after);
      if (found.length === 0) continue;
      // An unreferenced payment pays this declaration only when it is the one payment that fits: an exporter with
      // many customers receives payments of similar amounts every week.
      const plausible = found.filter((c) => c.referenced || found.length === 1);
      if (!plausible.some((c) => !c.ownParty)) continue;
      for (const c of plausible) confirmThirdParty(c, d);
      const own = found.filter((c) => c.ownParty);
      const third = plausible.filter((c) => !c.ownParty && (c.referenced || own.length === 0));
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
        ...cited.flatMap((c) => g.evidence(c.e, `${c.payer} paid ${g.payments[c.e]!.amount} ${g.payments[c.e]!.currency} to ${g.label(g.to[c.e]!)}${c.referenced ? ' citing the declaration' : ''}`)),
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
          `declaration ${d.declaration_id} (${d.exporter_name} → ${d.importer_name}, ${d.value} ${d.currency}) was paid ${p.amount} ${p.currency} on ${p.ts.slice(0, 10)} by ${best.payer}` +
          `${payerCountry ? ` (${payerCountry})` : ''}, a party not on the declaration` +
          (best.referenced ? `, citing ${d.invoice_reference ? `invoice ${d.invoice_reference}` : 'the declaration'}` : ', matched by amount and date only') +
          (own.length > 0 ? `; the declaration's own parties paid too` : ''),
        details: {
          declaration: d.declaration_id,
          payment: p.txn_id,
          payer: best.payer,
          payerCountry,
          referenced: best.referenced,
          closeness: best.closeness,
          ownPartyPayments: own.length,
          thirdPartyPayments: third.length,
        },
      });
    }
    return out;
  },
};

/** Payments that pay for the declaration, each with whether its payer is one of the declaration's parties. */
function candidates(g: PaymentGraph, names: AccountNames, d: StoredDeclaration, tolerance: number, before: number, after: number): Candidate[] {
  const exporterKey = nameKey(d.exporter_name);
  if (!exporterKey) return [];
  const accounts = names.accountsOf(exporterKey);
  if (accounts.size === 0) return [];
  const declared = Number(d.value);
  const usd = approxUsd(declared, d.currency);
  const value = usd ?? declared;
  const wantGroup = usd !== undefined ? POOLED : g.groups.indexOf(d.currency);
  if (!(value > 0) || wantGroup < 0) return [];
  const day = Date.parse(`${d.date}T00:00:00Z`) / 1000;
  if (!Number.isFinite(day)) return [];
  const refs = [refKey(d.invoice_reference), refKey(d.declaration_id), refKey(d.transport_document)].filter((r) => r.length >= 4);
  const parties = [d.importer_name, d.consignee_name, d.declarant_name, d.exporter_name].filter((n): n is string => !!n);
  const partyKeys = new Set(parties.map(nameKey));
  const partyAccounts = new Set<number>();
  for (const k of partyKeys) for (const a of names.accountsOf(k)) partyAccounts.add(a);
  const out: Candidate[] = [];
  for (const a of accounts) {
    // By amount first (an exporter receives many payments in a quarter, few of about this value), then by date.
    for (const e of g.inValueRange(a, wantGroup, value * (1 - tolerance), value * (1 + tolerance))) {
      const t = g.t[e]!;
      if (t < day - before || t > day + DAY + after) continue;
      const diff = Math.abs(g.value[e]! - value);
      const p = g.payments[e]!;
      const text = refKey(p.reference) + ' ' + refKey(p.purpose);
      const referenced = refs.some((r) => text.includes(r));
      // A payment citing some other reference pays another invoice.
      if (!referenced && refKey(p.reference).length >= 4 && refs.length > 0) continue;
      const payerAccount = g.from[e]!;
      const payerName = p.originator_name ?? g.names[payerAccount] ?? null;
      const ownParty = partyAccounts.has(payerAccount) || [...names.keysOf(payerAccount)].some((k) => partyKeys.has(k));
      out.push({ e, referenced, closeness: tolerance > 0 ? 1 - diff / (tolerance * value) : 1, ownParty, payer: payerName ? `${payerName} (${g.accounts[payerAccount]})` : g.accounts[payerAccount]!, payerName });
    }
  }
  return out;
}

/** The screening comparison, for the candidates the exact checks left as third parties: a misspelt importer is the importer. */
function confirmThirdParty(c: Candidate, d: StoredDeclaration): boolean {
  if (c.ownParty || c.payerName === null) return !c.ownParty;
  const name = c.payerName;
  const parties = [d.importer_name, d.consignee_name, d.declarant_name, d.exporter_name].filter((n): n is string => !!n);
  if (parties.some((n) => nameScore(name, n) >= SAME_PARTY)) c.ownParty = true;
  return !c.ownParty;
}
