import { LineFile } from './output.ts';
import { AGENCIES, type Account, type Designation, type Party, type World, type WorldVessel } from './world.ts';

export const REGISTRY_FILE = 'registry/registry.ftm.json';
export const SANCTIONS_FILE = 'sanctions/exercise_list.ftm.json';

/**
 * The company and ownership registry as FtM JSON lines (FORMATS.md §1): people,
 * companies, bank accounts linked to their holders by Ownership (asset = the
 * account), shareholdings, directorships and vessels with owners, managers and
 * their past flags and names. Returns the registry's file.
 */
export async function writeRegistry(world: World, root: string): Promise<LineFile> {
  const file = await LineFile.open(root, REGISTRY_FILE, 'ftm', AGENCIES.registry);
  const emit = async (id: string, schema: string, props: Record<string, string[]>): Promise<void> => {
    const pending = file.write(JSON.stringify({ id, schema, properties: props }));
    if (pending) await pending;
  };
  for (const p of world.people) await emit(p.id, 'Person', p.properties());
  for (const c of world.companies) await emit(c.id, 'Company', c.properties());
  for (const a of world.accounts) {
    await emit(a.id, 'BankAccount', accountProps(a, world));
    await emit(`${a.id}-holder`, 'Ownership', { owner: [a.holder.id], asset: [a.id], role: ['account holder'] });
  }
  for (const l of world.links) await emit(l.id, l.schema, l.properties());
  for (const v of world.vessels) {
    await emit(v.id, 'Vessel', vesselProps(v));
    await emit(`${v.id}-owner`, 'Ownership', { owner: [v.owner.id], asset: [v.id], percentage: ['100'], role: ['registered owner'] });
  }
  await file.close();
  return file;
}

function accountProps(a: Account, world: World): Record<string, string[]> {
  const props: Record<string, string[]> = { [isIbanLike(a.number) ? 'iban' : 'accountNumber']: [a.number], bic: [a.bic], currency: [a.currency] };
  const bank = world.banks.find((b) => b.agency === a.bank);
  if (bank) props.bankName = [bank.name];
  return props;
}

function isIbanLike(number: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(number);
}

function vesselProps(v: WorldVessel): Record<string, string[]> {
  const props: Record<string, string[]> = {
    name: [v.name],
    imoNumber: [v.imo],
    mmsi: [v.mmsi],
    callSign: [v.callSign],
    flag: [v.flag],
    type: [v.kind.replace(/_/g, ' ')],
    deadweightTonnage: [String(v.deadweight)],
    buildDate: [String(v.buildYear)],
    owner: [v.owner.id],
    operator: [v.manager.id],
  };
  if (v.pastFlags.length) props.pastFlags = v.pastFlags.slice();
  if (v.pastNames.length) props.pastNames = v.pastNames.slice();
  return props;
}

/**
 * The sanctions authority's list, as FtM JSON lines: its own entities (its own
 * ids: a list does not share the registry's keys) with the identifiers it
 * publishes, and one Sanction per designation. Matching a list entry to a
 * registry entity is the screening engine's work, as in reality.
 */
export async function writeSanctions(world: World, root: string): Promise<{ file: LineFile; listIds: Map<Designation, string> }> {
  const file = await LineFile.open(root, SANCTIONS_FILE, 'ftm', AGENCIES.sanctions);
  const listIds = new Map<Designation, string>();
  let n = 0;
  for (const d of world.designations) {
    n++;
    const id = `sa-${String(n).padStart(5, '0')}`;
    listIds.set(d, id);
    const subject = d.subject;
    const props = listedProps(subject, d.aliases);
    await file.write(JSON.stringify({ id, schema: subject.schema, properties: props }));
    const sanction = {
      entity: [id],
      authority: ['Sanctions Authority (exercise)'],
      program: [d.program],
      listingDate: [d.listingDate],
      reason: [d.reason],
    };
    await file.write(JSON.stringify({ id: `${id}-sanction`, schema: 'Sanction', properties: sanction }));
    d.trace?.push(`${SANCTIONS_FILE}:${id}`, `${SANCTIONS_FILE}:${id}-sanction`);
  }
  await file.close();
  return { file, listIds };
}

function listedProps(subject: Party | WorldVessel, aliases: string[]): Record<string, string[]> {
  if (subject.schema === 'Vessel') {
    const props: Record<string, string[]> = { name: [subject.name], imoNumber: [subject.imo], flag: [subject.flag] };
    if (subject.pastNames.length) props.pastNames = subject.pastNames.slice();
    if (aliases.length) props.alias = aliases.slice();
    return props;
  }
  const keep = subject.schema === 'Person' ? ['name', 'birthDate', 'nationality', 'gender', 'alias'] : ['name', 'jurisdiction', 'registrationNumber', 'address', 'alias'];
  const props: Record<string, string[]> = {};
  for (const k of keep) if (subject.props[k]) props[k] = subject.props[k]!.slice();
  if (aliases.length) props.alias = [...(props.alias ?? []), ...aliases];
  return props;
}
