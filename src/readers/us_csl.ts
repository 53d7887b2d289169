import { addValues, newEntity, type FtmEntity } from '../model/entity.ts';
import { makeId } from '../model/ids.ts';
import {
  addCountry,
  addDate,
  assertReadable,
  collapse,
  countryText,
  designation,
  hasProp,
  headFirstLine,
  isoDate,
  joinParts,
  newSanction,
  readKeyedTable,
  splitList,
  standardOrder,
  type TableRow,
} from './shared.ts';
import type { ListMeta, Reader, ReaderInput, ReadItem, RejectItem } from './types.ts';

/**
 * The US Consolidated Screening List (CSV, as published by the International
 * Trade Administration): one row per designation on one of the eleven source
 * lists (SDN, SSI, Entity List, DPL, …), with the source list in `source`.
 * Columns are read by name, so their order does not matter; multi-valued cells
 * are "; "-separated.
 */

const AUTHORITY = 'US International Trade Administration';
const SOURCE_URL = 'https://www.trade.gov/consolidated-screening-list';
const KEY_COLUMNS = ['source', 'entity_number', 'type', 'programs', 'name'];
const TABLE = { delimiter: ',', quote: '"', trim: true, required: ['source', 'name'] };

const SCHEMA_BY_TYPE: Record<string, string> = {
  individual: 'Person',
  entity: 'Organization',
  vessel: 'Vessel',
  aircraft: 'Airplane',
  '': 'LegalEntity',
};

export const usCslReader: Reader = {
  format: 'us_csl',
  description: 'US Consolidated Screening List (CSV)',
  isList: true,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory) return false;
    const header = headFirstLine(input)
      .split(',')
      .map((c) => c.replace(/"/g, '').trim().toLowerCase());
    return KEY_COLUMNS.every((c) => header.includes(c));
  },
  async meta(): Promise<ListMeta> {
    // The CSV carries no list date.
    return { authority: AUTHORITY, sourceUrl: SOURCE_URL };
  },
  read(input: ReaderInput, ctx): AsyncIterable<ReadItem> {
    return readCsl(input, ctx.dataset);
  },
};

/** The short code of a source list ("Entity List (EL) - Bureau of Industry and Security" → "EL"), else the source as written. */
export function sourceCode(source: string): string {
  const m = /\(([A-Z0-9]{2,10})\)/.exec(source);
  return m ? m[1]! : collapse(source);
}

/** Key levels: source + entity number (or name), then start date, then addresses, then the whole row. */
function keyLevels(row: TableRow): string[][] {
  const source = sourceCode(collapse(row.get('source')));
  const number = collapse(row.get('entity_number'));
  const base = number ? [source, number] : [source, collapse(row.get('name')).toUpperCase()];
  // The whole row, in column-name order so that column order cannot change the key.
  const all = [...row.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => collapse(v));
  return [base, [collapse(row.get('start_date'))], [collapse(row.get('addresses'))], all];
}

function checkRow(file: string, row: TableRow): RejectItem | undefined {
  const record = collapse(row.get('entity_number')) || String(row.row);
  if (collapse(row.get('name')) === '') return { kind: 'reject', file, line: row.line, field: 'name', reason: 'empty name', record };
  if (collapse(row.get('source')) === '') return { kind: 'reject', file, line: row.line, field: 'source', reason: 'empty source list', record };
  return undefined;
}

async function* readCsl(input: ReaderInput, dataset: string): AsyncGenerator<ReadItem> {
  await assertReadable(input);
  const file = input.path;
  for await (const item of readKeyedTable(file, TABLE, checkRow, keyLevels)) {
    if (item.kind === 'reject') {
      yield item;
      continue;
    }
    const { row, key: parts } = item;
    const type = collapse(row.get('type'));
    const schema = SCHEMA_BY_TYPE[type.toLowerCase()] ?? 'LegalEntity';
    const entity = newEntity(makeId(dataset, ...parts), schema);
    if (SCHEMA_BY_TYPE[type.toLowerCase()] === undefined) addValues(entity, 'notes', `Type: ${type}`);
    addValues(entity, 'name', collapse(row.get('name')));
    addValues(entity, 'alias', ...splitList(row.get('alt_names')));
    applyAddresses(entity, row.get('addresses'));
    applyPersonal(entity, row);
    applyVessel(entity, row);

    const provisions: string[] = [];
    const order = standardOrder(row.get('standard_order'));
    if (order) provisions.push(order);
    const requirement = collapse(row.get('license_requirement'));
    if (requirement) provisions.push(`License requirement: ${requirement}`);
    const policy = collapse(row.get('license_policy'));
    if (policy) provisions.push(`License policy: ${policy}`);
    for (const id of splitList(row.get('ids')).map(parseCslId)) applyId(entity, id, provisions);

    const description: string[] = [];
    const dateOf = (column: string): string | undefined => {
      const raw = collapse(row.get(column));
      if (raw === '') return undefined;
      const date = isoDate(raw);
      if (date === undefined) description.push(`${column} (as published): ${raw}`);
      return date;
    };
    const start = dateOf('start_date');
    const end = dateOf('end_date');
    const frn = collapse(row.get('federal_register_notice'));
    const sanction = newSanction(dataset, parts, entity.id, {
      authority: collapse(row.get('source')),
      program: splitList(row.get('programs')),
      ...(start ? { startDate: start, listingDate: start } : {}),
      ...(end ? { endDate: end } : {}),
      reason: joinParts([row.get('remarks'), frn ? `Federal Register: ${frn}` : ''], '; '),
      provisions,
      description,
      sourceUrl: collapse(row.get('source_list_url')),
      programUrl: collapse(row.get('source_information_url')),
    });
    yield* designation(file, row.line, collapse(row.get('entity_number')) || String(row.row), entity, sanction);
  }
}

/** "…, Moscow, 119048, RU": the full text as an address, the trailing code as the country. */
function applyAddresses(entity: FtmEntity, cell: string): void {
  for (const address of splitList(cell)) {
    const parts = splitList(address, ',');
    const last = parts[parts.length - 1] ?? '';
    const isCountry = /^[A-Za-z]{2}$/.test(last) && countryText(last) !== undefined;
    if (isCountry) addCountry(entity, 'country', last);
    if (!isCountry || parts.length > 1) addValues(entity, 'address', address);
  }
}

/** Title, birth and nationality columns: Person properties, notes on other schemata. */
function applyPersonal(entity: FtmEntity, row: TableRow): void {
  const person = entity.schema === 'Person';
  const title = collapse(row.get('title'));
  if (title) addValues(entity, person ? 'position' : 'notes', person ? title : `Title: ${title}`);
  for (const dob of splitList(row.get('dates_of_birth'))) {
    if (person) addDate(entity, 'birthDate', dob, isoDate, 'notes', 'Date of birth');
    else addValues(entity, 'notes', `Date of birth: ${dob}`);
  }
  for (const pob of splitList(row.get('places_of_birth'))) {
    if (!person) {
      addValues(entity, 'notes', `Place of birth: ${pob}`);
      continue;
    }
    addValues(entity, 'birthPlace', pob);
    const parts = splitList(pob, ',');
    if (parts.length > 0) addCountry(entity, 'birthCountry', parts[parts.length - 1]);
  }
  for (const c of splitList(row.get('citizenships'))) {
    addCountry(entity, person ? 'citizenship' : 'country', c, { prop: 'notes', label: 'Citizenship' });
  }
  for (const c of splitList(row.get('nationalities'))) {
    addCountry(entity, person ? 'nationality' : 'country', c, { prop: 'notes', label: 'Nationality' });
  }
}

/** Vessel columns, on a Vessel (or Airplane, for the type); kept as notes elsewhere. */
function applyVessel(entity: FtmEntity, row: TableRow): void {
  const put = (prop: string, label: string, value: string) => {
    const v = collapse(value);
    if (v === '') return;
    if (hasProp(entity.schema, prop)) addValues(entity, prop, v);
    else addValues(entity, 'notes', `${label}: ${v}`);
  };
  put('callSign', 'Call sign', row.get('call_sign'));
  put('type', 'Vessel type', row.get('vessel_type'));
  put('tonnage', 'Gross tonnage', row.get('gross_tonnage').replace(/,/g, ''));
  put('grossRegisteredTonnage', 'Gross registered tonnage', row.get('gross_registered_tonnage').replace(/,/g, ''));
  addCountry(entity, 'flag', row.get('vessel_flag'), { prop: 'notes', label: 'Flag' });
  const owner = collapse(row.get('vessel_owner'));
  if (owner) addValues(entity, 'notes', `Owner: ${owner}`);
}

// ---------------------------------------------------------------------------
// The `ids` column

export interface CslId {
  /** The entry as written. */
  text: string;
  /** The label, e.g. "Tax ID No.", "SWIFT/BIC", "Additional Sanctions Information -". */
  type: string;
  /** The value: a number, address or statement. */
  value: string;
  /** The issuing country, when the entry names one ("US, 80-0890696, Tax ID No."). */
  country?: string;
  /** What the entry is. */
  kind: 'identifier' | 'contact' | 'flag' | 'sanction' | 'other';
  /** Target properties, best first (the first the schema has wins). */
  props: string[];
  /** True when the property says all the label says (no note needed). */
  exact: boolean;
}

interface IdRule {
  kind: CslId['kind'];
  props: string[];
  exact: boolean;
}

/** Labels the CSL uses (from OFAC's ID types), lower-cased, trailing punctuation removed. */
const ID_RULES: Record<string, IdRule> = {
  'tax id no': { kind: 'identifier', props: ['taxNumber'], exact: true },
  'nit': { kind: 'identifier', props: ['taxNumber'], exact: false },
  'ruc': { kind: 'identifier', props: ['taxNumber'], exact: false },
  'rfc': { kind: 'identifier', props: ['taxNumber'], exact: false },
  'registration id': { kind: 'identifier', props: ['registrationNumber'], exact: true },
  'registration number': { kind: 'identifier', props: ['registrationNumber'], exact: true },
  'company number': { kind: 'identifier', props: ['registrationNumber'], exact: false },
  'commercial registry number': { kind: 'identifier', props: ['registrationNumber'], exact: false },
  'matricula mercantil no': { kind: 'identifier', props: ['registrationNumber'], exact: false },
  'government gazette number': { kind: 'identifier', props: ['registrationNumber'], exact: false },
  'business registration document': { kind: 'identifier', props: ['registrationNumber'], exact: false },
  'passport': { kind: 'identifier', props: ['passportNumber'], exact: true },
  'national id no': { kind: 'identifier', props: ['idNumber'], exact: false },
  'cedula no': { kind: 'identifier', props: ['idNumber'], exact: false },
  'ssn': { kind: 'identifier', props: ['socialSecurityNumber'], exact: true },
  'swift/bic': { kind: 'identifier', props: ['swiftBic'], exact: true },
  'lei': { kind: 'identifier', props: ['leiCode'], exact: true },
  'vessel registration identification': { kind: 'identifier', props: ['imoNumber', 'registrationNumber'], exact: false },
  'mmsi': { kind: 'identifier', props: ['mmsi'], exact: true },
  'aircraft manufacturer\'s serial number (msn)': { kind: 'identifier', props: ['serialNumber'], exact: true },
  'website': { kind: 'contact', props: ['website'], exact: true },
  'email address': { kind: 'contact', props: ['email'], exact: true },
  'phone number': { kind: 'contact', props: ['phone'], exact: true },
  'telephone': { kind: 'contact', props: ['phone'], exact: true },
  'former vessel flag': { kind: 'flag', props: ['pastFlags'], exact: true },
  'vessel flag': { kind: 'flag', props: ['flag'], exact: true },
};

/** Labels of sanction statements rather than identifiers. */
const SANCTION_LABEL = /sanction|directive|executive order|transactions prohibited|effective date|listing date/i;

function labelKey(label: string): string {
  return collapse(label)
    .toLowerCase()
    .replace(/[\s:#.\-–]+$/g, '')
    .trim();
}

/**
 * One entry of the `ids` cell: `[COUNTRY, ]VALUE, TYPE`, e.g. "US, 80-0890696, Tax ID No.",
 * "IMO 8898831, Vessel Registration Identification", "RKBZCHZZ, SWIFT/BIC",
 * "Subject to Directive 3, Executive Order 13662 Directive Determination -".
 */
export function parseCslId(entry: string): CslId {
  const text = collapse(entry);
  const parts = splitList(text, ',');
  if (parts.length < 2) return { text, type: '', value: text, kind: 'other', props: [], exact: false };
  const type = parts[parts.length - 1]!;
  let valueParts = parts.slice(0, -1);
  let country: string | undefined;
  if (valueParts.length >= 2 && /^[A-Z]{2}$/.test(valueParts[0]!) && countryText(valueParts[0]) !== undefined) {
    country = valueParts[0];
    valueParts = valueParts.slice(1);
  }
  const value = valueParts.join(', ');
  const rule = ID_RULES[labelKey(type)];
  const base = { text, type, value, ...(country ? { country } : {}) };
  if (rule) {
    // "Vessel Registration Identification" is an IMO number when it says so.
    if (rule.props.includes('imoNumber')) {
      const imo = /^IMO\s*\d{7}$/i.test(value);
      return { ...base, kind: rule.kind, props: imo ? ['imoNumber'] : rule.props.filter((p) => p !== 'imoNumber'), exact: imo };
    }
    return { ...base, kind: rule.kind, props: rule.props, exact: rule.exact };
  }
  if (SANCTION_LABEL.test(type)) return { ...base, kind: 'sanction', props: [], exact: false };
  return { ...base, kind: 'identifier', props: ['idNumber'], exact: false };
}

/** Put a parsed id on the entity; sanction statements go to the Sanction's provisions. */
function applyId(entity: FtmEntity, id: CslId, provisions: string[]): void {
  const label = id.type.replace(/[\s:\-–]+$/, '');
  if (id.kind === 'sanction') {
    provisions.push(`${label}: ${id.value}`);
    return;
  }
  if (id.kind === 'other') {
    addValues(entity, 'notes', `ID: ${id.text}`);
    return;
  }
  if (id.kind === 'flag') {
    const prop = id.props.find((p) => hasProp(entity.schema, p));
    if (prop === undefined || !addCountry(entity, prop, id.value)) addValues(entity, 'notes', `${label}: ${id.value}`);
    return;
  }
  let prop = id.props.find((p) => hasProp(entity.schema, p));
  if (prop === undefined && id.kind === 'identifier' && hasProp(entity.schema, 'idNumber')) prop = 'idNumber';
  if (prop === undefined && id.kind === 'identifier' && hasProp(entity.schema, 'registrationNumber')) prop = 'registrationNumber';
  if (prop === undefined) {
    addValues(entity, 'notes', `${label}: ${id.value}${id.country ? ` (${id.country})` : ''}`);
    return;
  }
  // "01200175 (Bogota)": the number is what precedes the remark; the note keeps both.
  const remark = id.kind === 'identifier' ? /^(.+?)\s*\(([^()]*)\)$/.exec(id.value) : null;
  let value = remark ? remark[1]! : id.value;
  // "centrremont.gazprom.ru, Website": a bare host name is a web address.
  if (prop === 'website' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(value)) value = `http://${value}`;
  addValues(entity, prop, value);
  if (id.country || !id.exact || prop !== id.props[0] || remark) {
    addValues(entity, 'notes', `${label}: ${id.value}${id.country ? ` (${id.country})` : ''}`);
  }
}
