/**
 * What the finance tests share: payments and declarations built from a few
 * fields, inputs around them, an ownership world from stakes, and a simulated
 * world's payments and declarations read through the real readers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockedSet } from '../../graph/blocked-set.ts';
import { OwnershipGraph, stakeOf } from '../../graph/ownership-graph.ts';
import { RULES, type RuleConfig } from '../../graph/rules.ts';
import type { DesignationLink, OwnershipWorld, StakeSource } from '../../graph/service.ts';
import type { DeclarationEvent, PaymentEvent } from '../../model/events.ts';
import { describeInput, readerFor } from '../../readers/index.ts';
import type { Manifest } from '../../simulate/index.ts';
import type { TruthScheme } from '../../simulate/truth.ts';
import type { StoredDeclaration, StoredPayment } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { defaults, type Indicator, type Params } from '../indicator.ts';
import { PositionTableBuilder, type DetectInputs } from '../inputs.ts';
import { defaultProfile, type Profile } from '../profile.ts';
import { FINANCE_INDICATORS } from './index.ts';
import type { ListedParty } from './listed-counterparty.ts';

export const PROFILE: Profile = defaultProfile(FINANCE_INDICATORS);

const T0 = Date.parse('2025-03-03T09:00:00Z');

let seq = 0;

/** A payment `hours` after 2025-03-03 09:00 UTC. */
export function pay(from: string, to: string, amount: number, hours: number, over: Partial<PaymentEvent & { dataset: string }> = {}): StoredPayment {
  seq++;
  return {
    type: 'payment',
    txn_id: `T${seq}`,
    ts: new Date(T0 + hours * 3_600_000).toISOString(),
    amount: amount.toFixed(2),
    currency: 'EUR',
    originator_account: from,
    originator_name: nameOf(from),
    originator_bank: null,
    originator_country: 'cy',
    beneficiary_account: to,
    beneficiary_name: nameOf(to),
    beneficiary_bank: null,
    beneficiary_country: 'cy',
    purpose: null,
    reference: null,
    extra: null,
    dataset: 'payments/bank-x.csv',
    source_record: `T${seq}`,
    agency: 'bank-x',
    marking: 'TLP:AMBER',
    first_seen: '2025-03-03T00:00:00Z',
    last_seen: '2025-03-03T00:00:00Z',
    ...over,
  } as StoredPayment;
}

/** Test accounts are named after themselves: "ACC-B" is held by "Holder B Ltd". */
function nameOf(account: string): string {
  return `Holder ${account.replace(/^ACC-?/, '')} Ltd`;
}

export function declaration(over: Partial<DeclarationEvent>): StoredDeclaration {
  seq++;
  return {
    type: 'declaration',
    declaration_id: `D${seq}`,
    date: '2025-03-03',
    direction: 'import',
    exporter_name: 'Alpha Electronics GmbH',
    exporter_country: 'de',
    importer_name: 'Beta Trading LLC',
    importer_country: 'ae',
    consignee_name: null,
    consignee_country: null,
    declarant_name: null,
    origin_country: 'de',
    destination_country: 'ae',
    hs_code: '85423100',
    hs6: '854231',
    description: 'processors',
    quantity: '100',
    unit: 'pcs',
    value: '50000.00',
    currency: 'EUR',
    vessel_imo: null,
    port_of_loading: null,
    port_of_discharge: null,
    transport_document: null,
    invoice_reference: null,
    extra: null,
    dataset: 'customs/customs-hub.csv',
    source_record: `D${seq}`,
    agency: 'customs-hub',
    marking: 'TLP:AMBER',
    first_seen: '2025-03-03T00:00:00Z',
    last_seen: '2025-03-03T00:00:00Z',
    ...over,
  } as StoredDeclaration;
}

/** Inputs of one run; fields other indicators' loaders add are left out (the finance indicators do not read them). */
export function inputsOf(parts: { payments?: StoredPayment[]; declarations?: StoredDeclaration[]; ownership?: OwnershipWorld | null; listedParties?: ListedParty[]; profile?: Profile }): DetectInputs {
  const inputs: Partial<DetectInputs> = {
    profile: parts.profile ?? PROFILE,
    positions: new PositionTableBuilder(1).build(),
    payments: parts.payments ?? [],
    declarations: parts.declarations ?? [],
    vesselsByMmsi: new Map(),
    vesselsByImo: new Map(),
    listedVessels: [],
    listedParties: [],
    parties: [],
    ownership: parts.ownership ?? null,
  };
  return { ...inputs, ...(parts.listedParties ? { listedParties: parts.listedParties } : {}) } as DetectInputs;
}

export function run(ind: Indicator, inputs: DetectInputs, over: Params = {}): AlertDraft[] {
  return ind.run(inputs, { ...defaults(ind), ...over }) as AlertDraft[];
}

/** An ownership world from entities and stakes, designated ids given, with every stake's record as its own source. */
export function worldOf(parts: {
  entities: Array<{ id: string; schema: string; name: string }>;
  stakes: Array<{ id: string; owner: string; asset: string; percentage?: string }>;
  designations: DesignationLink[];
}): OwnershipWorld {
  const stakes = parts.stakes.map((s) => stakeOf(s.id, s.owner, s.asset, s.percentage ? [s.percentage] : []));
  const graph = new OwnershipGraph(parts.entities.map((e) => ({ id: e.id, schema: e.schema })), stakes, []);
  const sources = new Map<string, StakeSource>(parts.stakes.map((s) => [s.id, { dataset: 'registry/registry.ftm.json', agency: 'companies-registry', marking: 'TLP:GREEN', record: s.id }]));
  const seeds = [...new Set(parts.designations.map((d) => d.id))];
  const sets = new Map<string, BlockedSet>();
  return {
    graph,
    designations: parts.designations,
    sources,
    names: new Map(parts.entities.map((e) => [e.id, e.name])),
    schemata: new Map(parts.entities.map((e) => [e.id, e.schema])),
    blocked: (rule) => {
      let b = sets.get(rule);
      if (!b) sets.set(rule, (b = new BlockedSet(graph, RULES[rule] as RuleConfig, seeds)));
      return b;
    },
  };
}

interface FtmLine {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

async function ftmLines(path: string): Promise<FtmLine[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FtmLine);
}

/**
 * A simulated world's ownership world and listed parties, built as the
 * detection service would (graph/service.ts): stakes from the registry's
 * Ownership records (account holders included), their endpoints' names
 * (accounts by IBAN or number), and designations linking a registry party to
 * the list entry with the same name and birth date (people) or registration
 * number (companies) — the links the screening engine makes there.
 */
export async function simOwnership(dir: string): Promise<{ world: OwnershipWorld; listed: ListedParty[] }> {
  const registry = await ftmLines(join(dir, 'registry/registry.ftm.json'));
  const list = await ftmLines(join(dir, 'sanctions/exercise_list.ftm.json'));
  const byId = new Map(registry.map((e) => [e.id, e]));
  const stakes = registry.filter((e) => e.schema === 'Ownership' && e.properties.owner?.[0] && e.properties.asset?.[0]);
  const endpoints = new Set(stakes.flatMap((s) => [s.properties.owner![0]!, s.properties.asset![0]!]));
  const caption = (e: FtmLine) => (e.schema === 'BankAccount' ? (e.properties.iban?.[0] ?? e.properties.accountNumber?.[0]) : e.properties.name?.[0]) ?? e.id;
  const listed: ListedParty[] = [];
  const sanctionsOf = new Map<string, FtmLine[]>();
  for (const e of list) if (e.schema === 'Sanction') for (const x of e.properties.entity ?? []) sanctionsOf.set(x, [...(sanctionsOf.get(x) ?? []), e]);
  for (const e of list) {
    const sanctions = sanctionsOf.get(e.id);
    if (!sanctions) continue;
    const p = e.properties;
    listed.push({
      id: e.id,
      schema: e.schema,
      names: [...(p.name ?? []), ...(p.alias ?? [])],
      countries: [...(p.nationality ?? []), ...(p.jurisdiction ?? []), ...(p.country ?? [])],
      birthDates: p.birthDate ?? [],
      identifiers: p.registrationNumber ? { registrationNumber: p.registrationNumber } : {},
      sanctions: sanctions.map((s) => ({ id: s.id, dataset: 'sanctions/exercise_list.ftm.json', record: s.id, agency: 'sanctions-authority', marking: 'TLP:CLEAR', authority: s.properties.authority?.[0] ?? null, program: s.properties.program?.[0] ?? null })),
    });
  }
  const listedKey = new Map<string, string>();
  for (const l of listed) {
    const e = list.find((x) => x.id === l.id)!;
    if (e.schema === 'Person') listedKey.set(`p:${e.properties.name?.[0]}:${e.properties.birthDate?.[0]}`, l.id);
    if (e.properties.registrationNumber?.[0]) listedKey.set(`c:${e.properties.jurisdiction?.[0]}:${e.properties.registrationNumber[0]}`, l.id);
  }
  const designations: DesignationLink[] = [];
  for (const id of endpoints) {
    const e = byId.get(id);
    if (!e) continue;
    const p = e.properties;
    const l = e.schema === 'Person' ? listedKey.get(`p:${p.name?.[0]}:${p.birthDate?.[0]}`) : listedKey.get(`c:${p.jurisdiction?.[0]}:${p.registrationNumber?.[0]}`);
    if (l) designations.push({ id, listed: l, reason: `same ${e.schema === 'Person' ? 'name and birth date' : 'registration number'} as listed ${l}` });
  }
  const world = worldOf({
    entities: [...endpoints].map((id) => {
      const e = byId.get(id);
      return { id, schema: e?.schema ?? 'LegalEntity', name: e ? caption(e) : id };
    }),
    stakes: stakes.map((s) => ({ id: s.id, owner: s.properties.owner![0]!, asset: s.properties.asset![0]!, ...(s.properties.percentage?.[0] ? { percentage: s.properties.percentage[0] } : {}) })),
    designations,
  });
  return { world, listed };
}

export interface SimWorld {
  dir: string;
  manifest: Manifest;
  truth: TruthScheme[];
  payments: StoredPayment[];
  declarations: StoredDeclaration[];
}

/** A simulated world's payments and declarations, read by the real readers as the store would keep them. */
export async function readSimWorld(dir: string, manifest: Manifest): Promise<SimWorld> {
  const truth = (JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] }).schemes;
  const payments: StoredPayment[] = [];
  const declarations: StoredDeclaration[] = [];
  for (const f of manifest.files.filter((x) => x.format === 'transactions' || x.format === 'customs')) {
    for await (const item of readerFor(f.format).read(await describeInput(join(dir, f.path)), { dataset: f.path })) {
      if (item.kind !== 'event') continue;
      const prov = { dataset: f.path, source_record: item.record, agency: f.agency, marking: f.marking, first_seen: '', last_seen: '' };
      if (item.event.type === 'payment') payments.push({ ...item.event, ...prov });
      else if (item.event.type === 'declaration') declarations.push({ ...item.event, ...prov });
    }
  }
  return { dir, manifest, truth, payments, declarations };
}

/** Schemes of a type with at least `minRecords` of their records (or all, when fewer) in one alert at or above the threshold. */
export function recall(truth: TruthScheme[], type: string, alerts: AlertDraft[], minRecords = 3, threshold = PROFILE.alertThreshold): { found: number; of: number; missed: string[] } {
  const strong = alerts.filter((a) => a.score >= threshold).map((a) => new Set(a.evidence.map((e) => `${e.source}:${e.record}`)));
  const schemes = truth.filter((s) => s.type === type);
  const missed: string[] = [];
  let found = 0;
  for (const s of schemes) {
    const need = Math.min(minRecords, s.records.length);
    if (strong.some((ev) => s.records.filter((r) => ev.has(r)).length >= need)) found++;
    else missed.push(s.id);
  }
  return { found, of: schemes.length, missed };
}
