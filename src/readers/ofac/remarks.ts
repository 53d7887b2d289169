import { addValues, type FtmEntity } from '../../model/entity.ts';
import { toPartialDate } from '../../model/normalize/dates.ts';
import { toCountryCode } from '../../model/normalize/countries.ts';
import { getSchema } from '../../model/schemata.ts';

/**
 * The OFAC "Remarks" field: a "; "-separated list of clauses such as
 * `DOB 10 Dec 1948; POB Baghdad, Iraq; nationality Iraq; Passport A755350 (Saudi Arabia)
 * issued 05 May 2001; a.k.a. 'ABU ALI'; Linked To: HIZBALLAH.` Any clause may be
 * prefixed with `alt.` (another value of the same kind).
 *
 * The parser is schema-agnostic: it turns each clause into values for one or
 * more candidate FtM properties (in order of preference) and keeps what it
 * cannot place as text. `applyRemarks` then puts the values on an entity,
 * sending to `notes` whatever the entity's schema has no property for, or a
 * country that cannot be resolved.
 */

export interface RemarkValue {
  /** Candidate properties, best first; the first one the entity's schema has wins. */
  props: string[];
  value: string;
}

export interface RemarkClause {
  /** The clause as written (trailing period removed), including any `alt.` prefix. */
  text: string;
  /** What the clause is: `DOB`, `Passport`, `Linked To`, … or, when unrecognised, its leading words. */
  kind: string;
  /** False when no rule knows this clause; it is kept as a note. */
  recognized: boolean;
  /** Structured values; empty for clauses that only belong in notes. */
  values: RemarkValue[];
  /** For identifier clauses: the issuing country as written, e.g. `Saudi Arabia`. */
  country?: string;
  /** For identifier clauses: a further parenthetical before the country, e.g. the registry's city. */
  qualifier?: string;
  /** For identifier clauses: issue and expiry dates (ISO when parseable, else as written). */
  issued?: string;
  expires?: string;
}

export interface ParseOptions {
  /** The remarks text was cut off by OFAC's 1,000-character limit: the last clause is incomplete. */
  truncated?: boolean;
}

// ---------------------------------------------------------------------------
// Dates

/** One OFAC date (`01 Jan 1962`, `Jan 1962`, `1962`, `1962-01-05`): the model's date normaliser decides. */
function parseSingleDate(text: string): string | undefined {
  return toPartialDate(text.trim());
}

/**
 * An OFAC date expression to ISO partial dates: `01 Jan 1962` → [`1962-01-01`],
 * `Jan 1962` → [`1962-01`], `circa 1962` → [`1962`] (an approximate date keeps
 * only its year), `1955 to 1957` → [`1955`, `1957`] (the range endpoints).
 * Undefined when the text is not a date this function knows.
 */
export function parseOfacDate(text: string): string[] | undefined {
  let t = text.trim().replace(/\.$/, '');
  let circa = false;
  const approx = /^(?:circa|approximately|approx\.|about)\s+(.+)$/i.exec(t);
  if (approx) {
    circa = true;
    t = approx[1]!;
  }
  const single = parseSingleDate(t);
  const finish = (dates: string[]): string[] => [...new Set(circa ? dates.map((d) => d.slice(0, 4)) : dates)];
  if (single) return finish([single]);
  const range = /^(.+?)\s*(?:\bto\b|-|–)\s*(.+)$/i.exec(t);
  if (range) {
    const from = parseSingleDate(range[1]!);
    const to = parseSingleDate(range[2]!);
    if (from && to) return finish([from, to]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Splitting

/** Words that end with a period which belongs to them (so a clause ending in one keeps it). */
const ABBREVIATIONS = new Set([
  'ltd', 'inc', 'co', 'corp', 'jr', 'sr', 'bhd', 'llc', 'cia', 'lda', 'est', 'no', 'st', 'bros', 'pvt', 'plc', 'int', 'intl',
]);

function stripFinalPeriod(clause: string): string {
  if (!clause.endsWith('.')) return clause;
  const lastWord = clause.slice(clause.lastIndexOf(' ') + 1);
  // "S.A.", "C.V.", "U.S.A." and the usual company abbreviations keep their period.
  if (/^(?:[A-Za-z]\.){2,}$/.test(lastWord) || /^[A-Z]\.$/.test(lastWord)) return clause;
  if (ABBREVIATIONS.has(lastWord.slice(0, -1).replace(/^[^A-Za-z]+/, '').toLowerCase())) return clause;
  return clause.slice(0, -1).trimEnd();
}

/** The clauses of a remarks text, each trimmed, trailing sentence periods removed. */
export function splitRemarks(text: string): string[] {
  return text
    .split(/\s*;\s*/)
    .map((c) => stripFinalPeriod(c.trim()))
    .filter((c) => c !== '' && c !== '.');
}

// ---------------------------------------------------------------------------
// Clause rules

const ALT_PREFIX = /^alt\.\s+/i;

/** Identifier labels: the clause is `<label> <value>[ (<country>)][ issued <date>][ expires <date>]`. */
const IDENTIFIERS: Array<[label: string, props: string[], kind?: string]> = [
  // travel and identity documents
  ['Passport Booklet:', ['passportNumber'], 'Passport'],
  ['Diplomatic Passport', ['passportNumber'], 'Passport'],
  ['British National Overseas Passport', ['passportNumber'], 'Passport'],
  ['Passport No.', ['passportNumber'], 'Passport'],
  ['Passport', ['passportNumber']],
  ['National ID No.', ['idNumber']],
  ['National ID Number', ['idNumber'], 'National ID No.'],
  ['National Foreign ID Number', ['idNumber']],
  ['Cedula No.', ['idNumber']],
  ['Identification Number', ['idNumber']],
  ['C.U.R.P.', ['idNumber']],
  ['CURP', ['idNumber'], 'C.U.R.P.'],
  ['D.N.I.', ['idNumber']],
  ['Personal ID Card', ['idNumber']],
  ['Turkish Identification Number', ['idNumber']],
  ['Numero de Identidad', ['idNumber']],
  ["Citizen's Card Number", ['idNumber']],
  ['Tazkira National ID Card', ['idNumber']],
  ['C.U.I.P.', ['idNumber']],
  ['C.U.I.', ['idNumber']],
  ['Credencial electoral', ['idNumber']],
  ['I.F.E.', ['idNumber']],
  ['Electoral Registry No.', ['idNumber']],
  ['Residency Number', ['idNumber']],
  ['Birth Certificate Number', ['idNumber']],
  ["Driver's License No.", ['idNumber']],
  ['Travel Document Number', ['idNumber']],
  ['Immigration No.', ['idNumber']],
  ['Cartilla de Servicio Militar Nacional', ['idNumber']],
  ['VisaNumberID', ['idNumber']],
  ['Kenyan ID No.', ['idNumber']],
  ['Refugee ID Card', ['idNumber']],
  ['Moroccan Personal ID No.', ['idNumber']],
  ['Bosnian Personal ID No.', ['idNumber']],
  ['UAE Identification', ['idNumber']],
  ['Public Security and Immigration No.', ['idNumber']],
  ['SRE Permit No.', ['idNumber']],
  ['Pilot License Number', ['idNumber']],
  ['Stateless Person Passport', ['passportNumber'], 'Passport'],
  ['Stateless Person ID Card', ['idNumber']],
  ['N.I.E.', ['idNumber']],
  ['CNP (Personal Numerical Code)', ['idNumber']],
  ['Romanian Permanent Resident CAN', ['idNumber']],
  ["Seafarer's Identification Document", ['idNumber']],
  ['Military Registration Number', ['idNumber']],
  ['Tarjeta Profesional', ['idNumber']],
  ['SSN', ['socialSecurityNumber', 'idNumber']],
  // tax numbers
  ['Tax ID No.', ['taxNumber']],
  ['R.F.C.', ['taxNumber']],
  ['RFC', ['taxNumber'], 'R.F.C.'],
  ['NIT #', ['taxNumber']],
  ['RUC #', ['taxNumber']],
  ['RIF #', ['taxNumber']],
  ['C.U.I.T.', ['taxNumber']],
  ['RTN', ['taxNumber']],
  ['US FEIN', ['taxNumber']],
  ['Italian Fiscal Code', ['taxNumber']],
  ['C.I.F.', ['taxNumber']],
  ['Numero Unico de Identificacao Tributaria (NUIT)', ['taxNumber']],
  ['N.I.F.', ['taxNumber']],
  ['Fiscal Code', ['taxNumber']],
  ['Romanian Tax Registration', ['taxNumber']],
  ['Paraguayan tax identification number', ['taxNumber']],
  ['RSIN', ['taxNumber']],
  ['V.A.T. Number', ['vatCode']],
  // company registers
  ['Registration Number', ['registrationNumber']],
  ['Registration ID', ['registrationNumber']],
  ['Commercial Registry Number', ['registrationNumber']],
  ['Business Registration Number', ['registrationNumber']],
  ['Business Registration Document #', ['registrationNumber']],
  ['Company Number', ['registrationNumber']],
  ['UK Company Number', ['registrationNumber']],
  ['Folio Mercantil No.', ['registrationNumber']],
  ['Matricula Mercantil No', ['registrationNumber']],
  ['C.R. No.', ['registrationNumber']],
  ['Romanian C.R.', ['registrationNumber']],
  ['Chamber of Commerce Number', ['registrationNumber']],
  ['Istanbul Chamber of Comm. No.', ['registrationNumber']],
  ['Dubai Chamber of Commerce Membership No.', ['registrationNumber']],
  ['Trade License No.', ['registrationNumber']],
  ['Central Registration System Number', ['registrationNumber']],
  ['Economic Register Number (CBLS)', ['registrationNumber']],
  ['Public Registration Number', ['registrationNumber']],
  ['Certificate of Incorporation Number', ['registrationNumber']],
  ['Enterprise Number', ['registrationNumber']],
  ['Branch Unit Number', ['registrationNumber']],
  ['Business Number', ['registrationNumber']],
  ['Registered Charity No.', ['registrationNumber']],
  ['License', ['registrationNumber']],
  ['LE Number', ['registrationNumber']],
  ['File Number', ['registrationNumber']],
  ['Permit Number', ['registrationNumber']],
  ['Unified Social Credit Code (USCC)', ['registrationNumber']],
  ['United Social Credit Code Certificate (USCCC)', ['registrationNumber']],
  ['Organization Code', ['registrationNumber']],
  ['Afghan Money Service Provider License Number', ['registrationNumber']],
  ['Registration Certificate Number', ['registrationNumber']],
  ['Tourism License No.', ['registrationNumber']],
  ['MSB Registration Number', ['registrationNumber']],
  ['C.I.N.', ['registrationNumber']],
  ['Vessel Registration Identification', ['registrationNumber']],
  ['Russian State Individual Business Registration Number Pattern (OGRNIP)', ['ogrnCode', 'registrationNumber']],
  ['Government Gazette Number', ['okpoCode']],
  ['D-U-N-S Number', ['dunsCode']],
  ['BIK (RU)', ['bikCode']],
  ['ISIN', ['isinCode']],
  ['Equity Ticker', ['ticker']],
];

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const IDENTIFIER_RULES = [...IDENTIFIERS]
  .sort((a, b) => b[0].length - a[0].length)
  .map(([label, props, kind]) => ({
    re: new RegExp(`^${escapeRe(label)}(?=[\\s:#])\\s*[:#]?\\s*(\\S.*)$`, 'i'),
    props,
    kind: kind ?? label.replace(/[:#]$/, '').trim(),
  }));

/** Clauses that only ever go to notes, by design: they describe, they don't identify. */
const NOTE_ONLY: Array<[RegExp, string]> = [
  [/^Linked To:/i, 'Linked To'],
  [/^Digital Currency Address/i, 'Digital Currency Address'],
  [/^Additional Sanctions Information/i, 'Additional Sanctions Information'],
  [/^Secondary sanctions risk/i, 'Secondary sanctions risk'],
  [/^Transactions Prohibited/i, 'Transactions Prohibited'],
  [/^Executive Order/i, 'Executive Order'],
  [/^CAATSA Section/i, 'CAATSA Section'],
  [/^Listing Date/i, 'Listing Date'],
  [/^Effective Date/i, 'Effective Date'],
  [/^Purchase\/Sales For Divestment Date/i, 'Purchase/Sales For Divestment Date'],
  [/^For more information/i, 'For more information'],
  [/^Organization Type:/i, 'Organization Type'],
  [/^Target Type/i, 'Target Type'],
  [/^IFCA Determination/i, 'IFCA Determination'],
  [/^Aircraft Operator/i, 'Aircraft Operator'],
  [/^Aircraft Mode S Transponder Code/i, 'Aircraft Mode S Transponder Code'],
  [/^Previous Aircraft Tail Number/i, 'Previous Aircraft Tail Number'],
  [/^Fax\b/i, 'Fax'],
  [/^ICTY indictee/i, 'ICTY indictee'],
  [/^(?:and )?all (?:other )?(?:offices|branches|locations)\b/i, 'all offices worldwide'],
  [/^Chinese Commercial Code/i, 'Chinese Commercial Code'],
];

const LEI = /^[A-Z0-9]{18}[0-9]{2}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/** IMO ship number check: the first six digits times 7…2, summed, modulo 10, give the seventh. */
export function isValidImo(digits: string): boolean {
  if (!/^\d{7}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10 === Number(digits[6]);
}

/** ISO 17442 check: the LEI read as a base-36 number is 1 modulo 97. */
export function isValidLei(code: string): boolean {
  if (!LEI.test(code)) return false;
  let rem = 0;
  for (const ch of code) {
    const v = parseInt(ch, 36);
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/** Split `<value>[ (<country>)][ issued <date>][ expires <date>]`. */
interface IdentifierParts {
  value: string;
  country?: string;
  qualifier?: string;
  issued?: string;
  expires?: string;
}

function parseIdentifierTail(rest: string): IdentifierParts {
  let value = rest.trim();
  let issued: string | undefined;
  let expires: string | undefined;
  const tailAt = value.search(/,?\s+(?:issued|expires|expired)\b/i);
  if (tailAt > 0) {
    const tail = value.slice(tailAt);
    value = value.slice(0, tailAt).trim();
    const iss = /issued\s+(.+?)(?=,?\s+expire|$)/i.exec(tail);
    const exp = /expire[sd]?\s+(.+?)(?=,?\s+issued|$)/i.exec(tail);
    if (iss) issued = parseOfacDate(iss[1]!)?.[0] ?? iss[1]!.trim();
    if (exp) expires = parseOfacDate(exp[1]!)?.[0] ?? exp[1]!.trim();
  }
  // Trailing parentheticals: the last is the issuing country, any before it a
  // qualifier such as the registry's city ("22839 (Jalisco) (Mexico)").
  // "D489833(9)" — a check digit glued to the number — is part of the value.
  let country: string | undefined;
  let qualifier: string | undefined;
  for (let paren = /\s+\(([^()]+)\)$/.exec(value); paren && paren.index > 0; paren = /\s+\(([^()]+)\)$/.exec(value)) {
    if (country === undefined) country = paren[1]!.trim();
    else qualifier = qualifier === undefined ? paren[1]!.trim() : `${paren[1]!.trim()}, ${qualifier}`;
    value = value.slice(0, paren.index).trim();
  }
  return { value: value.replace(/\s+/g, ' '), country, qualifier, issued, expires };
}

/** A value that reads as an identifier rather than a sentence ("OR801168 and Kuwaiti National ID No. …"). */
function looksLikeIdentifier(value: string, needsDigit = true): boolean {
  if (!(needsDigit ? /\d/ : /[A-Za-z0-9]/).test(value)) return false;
  return value.length <= 40 && value.split(' ').length <= 4 && !/\b(?:and|or|issued|under|the)\b/i.test(value);
}

/** Leading words of an unrecognised clause, for counting clause kinds. */
export function clauseKind(text: string): string {
  const head = text.replace(ALT_PREFIX, '').split(/[:(]|(?:^|\s)'/)[0]!;
  const words: string[] = [];
  for (const w of head.trim().split(/\s+/)) {
    if (/\d/.test(w)) break;
    words.push(w);
    if (words.length === 4) break;
  }
  return words.join(' ').replace(/[,.]$/, '') || text.slice(0, 24);
}

function clause(text: string, kind: string, values: RemarkValue[], extra: Partial<RemarkClause> = {}): RemarkClause {
  return { text, kind, recognized: true, values, ...extra };
}

/** Parse one clause (as produced by splitRemarks). */
export function parseRemarkClause(text: string): RemarkClause {
  const body = text.replace(ALT_PREFIX, '').trim();
  const notes = (kind: string): RemarkClause => clause(text, kind, []);
  let m: RegExpExecArray | null;

  if ((m = /^DOB\s+(.+)$/i.exec(body))) {
    const dates = parseOfacDate(m[1]!);
    return dates ? clause(text, 'DOB', dates.map((d) => ({ props: ['birthDate'], value: d }))) : notes('DOB (unparsed date)');
  }
  if ((m = /^POB\s+(.+)$/i.exec(body))) {
    const place = m[1]!.trim();
    const values: RemarkValue[] = [{ props: ['birthPlace'], value: place }];
    const last = place.split(',').pop()!.trim();
    if (toCountryCode(last)) values.push({ props: ['birthCountry'], value: last });
    return clause(text, 'POB', values);
  }
  if ((m = /^Nationality of Registration\s+(.+)$/i.exec(body))) {
    return clause(text, 'Nationality of Registration', [{ props: ['flag', 'jurisdiction'], value: m[1]!.trim() }]);
  }
  if ((m = /^nationality\s+(.+)$/i.exec(body))) {
    return clause(text, 'nationality', [{ props: ['nationality'], value: m[1]!.trim() }]);
  }
  if ((m = /^citizen(?:ship)?\s+(.+)$/i.exec(body))) {
    return clause(text, 'citizen', [{ props: ['citizenship'], value: m[1]!.trim() }]);
  }
  if ((m = /^Gender\s+(Male|Female)$/i.exec(body))) {
    return clause(text, 'Gender', [{ props: ['gender'], value: m[1]!.toLowerCase() }]);
  }
  if ((m = /^([afn])\.k\.a\.,?\s+(.+)$/i.exec(body))) {
    const kind = `${m[1]!.toLowerCase()}.k.a.`;
    let name = m[2]!.trim();
    const quoted = /^'(.*)'$/s.exec(name);
    if (quoted) name = quoted[1]!.trim();
    name = name.replace(/\s+/g, ' ');
    const prop = kind === 'f.k.a.' ? 'previousName' : 'alias';
    return name ? clause(text, kind, [{ props: [prop], value: name }]) : notes(kind);
  }
  for (const [re, kind] of NOTE_ONLY) if (re.test(body)) return notes(kind);

  if ((m = /^(?:Email Address|E-?mail(?: Address)?)\s*:?\s*(\S+@\S+)$/i.exec(body)) || (m = /^(\S+@[^\s@]+?)\s*(?:\(email\))?$/i.exec(body))) {
    const email = m[1]!.replace(/\.$/, '');
    // "PRIYEMNAYA@YGDU" has no domain to send to: kept as a note.
    return /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(email)
      ? clause(text, 'Email Address', [{ props: ['email'], value: email }])
      : notes('Email Address (malformed)');
  }
  if ((m = /^Website\s*:?\s*(\S+)$/i.exec(body)) || (m = /^((?:https?:\/\/|www\.)\S+)(?:\s*\(website\))?$/i.exec(body))) {
    // OFAC often writes a bare domain ("Website sb24.ir"); the label says it is a web address.
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(m[1]!) ? m[1]! : `http://${m[1]!}`;
    return clause(text, 'Website', [{ props: ['website'], value: url }]);
  }
  if ((m = /^(?:Telephone|Phone)(?:\s+(?:No\.|Number))?\s*:?\s*(.*\d.*)$/i.exec(body))) {
    const phone = m[1]!.trim();
    // "850 2 18111 ext. 8221", "… 8204/8208": not one dialable number, kept as a note.
    return /^\+?[\d\s().-]+$/.test(phone)
      ? clause(text, 'Phone Number', [{ props: ['phone'], value: phone }])
      : notes('Phone Number (not a single number)');
  }
  if ((m = /^SWIFT\/BIC\s+(\S+)$/i.exec(body))) {
    const code = m[1]!.toUpperCase();
    return BIC.test(code) ? clause(text, 'SWIFT/BIC', [{ props: ['swiftBic'], value: code }]) : notes('SWIFT/BIC (malformed)');
  }
  if ((m = /^Legal Entity Number\s+(.+)$/i.exec(body))) {
    const id = parseIdentifierTail(m[1]!);
    // Not every "Legal Entity Number" OFAC prints is an LEI (some are national register numbers).
    const props = isValidLei(id.value) ? ['leiCode'] : ['registrationNumber'];
    return clause(text, 'Legal Entity Number', [{ props, value: id.value }], pickId(id));
  }
  if (
    (m = /^(?:Vessel Registration Identification|Identification Number|Company Number)\s+IMO\s*(.+)$/i.exec(body)) ||
    (m = /^International Maritime Organization (?:No\.|Number)\s*(.+)$/i.exec(body))
  ) {
    const id = parseIdentifierTail(m[1]!.replace(/^\((\d+)\)$/, '$1'));
    if (!/^\d{7}$/.test(id.value)) return notes('IMO (malformed)');
    // IMO company and registered-owner numbers do not carry the ship number's
    // check digit, and imoNumber is validated with it: those are kept as a
    // registration number instead, so that they stay searchable.
    const props = isValidImo(id.value) ? ['imoNumber'] : ['registrationNumber'];
    return clause(text, 'IMO', [{ props, value: `IMO${id.value}` }], pickId(id));
  }
  if ((m = /^MMSI\s+(\S+)$/i.exec(body))) {
    return /^\d{9}$/.test(m[1]!) ? clause(text, 'MMSI', [{ props: ['mmsi'], value: m[1]! }]) : notes('MMSI (malformed)');
  }
  if (
    (m = /^Aircraft Manufacturer's Serial Number \(MSN\)\s+(.+)$/i.exec(body)) ||
    (m = /^Aircraft Construction Number(?: \([^)]*\))?\s+(.+)$/i.exec(body)) ||
    (m = /^Aircraft Serial (?:Identification|Number)\s+(.+)$/i.exec(body))
  ) {
    return clause(text, 'Aircraft Serial Number', [{ props: ['serialNumber'], value: m[1]!.trim() }]);
  }
  if ((m = /^Aircraft Model\s+(.+)$/i.exec(body))) {
    return clause(text, 'Aircraft Model', [{ props: ['model'], value: m[1]!.trim() }]);
  }
  if ((m = /^Aircraft Tail Number\s+(.+)$/i.exec(body))) {
    return clause(text, 'Aircraft Tail Number', [{ props: ['registrationNumber'], value: m[1]!.trim() }]);
  }
  if ((m = /^(?:Aircraft Manufacture Date|Vessel Year of Build)\s+(.+)$/i.exec(body))) {
    const dates = parseOfacDate(m[1]!);
    return dates ? clause(text, 'Build Date', dates.map((d) => ({ props: ['buildDate'], value: d }))) : notes('Build Date (unparsed date)');
  }
  if ((m = /^Former Vessel Flag\s+(.+)$/i.exec(body))) {
    return clause(text, 'Former Vessel Flag', [{ props: ['pastFlags'], value: m[1]!.trim() }]);
  }
  if ((m = /^Other Vessel Call Sign\s+(\S+)$/i.exec(body))) {
    return clause(text, 'Other Vessel Call Sign', [{ props: ['callSign'], value: m[1]! }]);
  }
  if ((m = /^Organization Established Date\s+(.+)$/i.exec(body))) {
    const dates = parseOfacDate(m[1]!);
    return dates
      ? clause(text, 'Organization Established Date', dates.map((d) => ({ props: ['incorporationDate'], value: d })))
      : notes('Organization Established Date (unparsed date)');
  }
  for (const rule of IDENTIFIER_RULES) {
    m = rule.re.exec(body);
    if (!m) continue;
    const id = parseIdentifierTail(m[1]!);
    // A label without a number ("Passport issued …") or followed by prose stays a note.
    if (!looksLikeIdentifier(id.value, !rule.props.includes('ticker'))) return { text, kind: `${rule.kind} (free text)`, recognized: false, values: [] };
    return clause(text, rule.kind, [{ props: rule.props, value: id.value }], pickId(id));
  }
  return { text, kind: clauseKind(text), recognized: false, values: [] };
}

function pickId(id: IdentifierParts): Partial<RemarkClause> {
  const out: Partial<RemarkClause> = {};
  if (id.country !== undefined) out.country = id.country;
  if (id.qualifier !== undefined) out.qualifier = id.qualifier;
  if (id.issued !== undefined) out.issued = id.issued;
  if (id.expires !== undefined) out.expires = id.expires;
  return out;
}

/** Parse a whole remarks text into clauses. */
export function parseRemarks(text: string, options: ParseOptions = {}): RemarkClause[] {
  const clauses = splitRemarks(text).map(parseRemarkClause);
  if (options.truncated && clauses.length > 0) {
    // The last clause was cut mid-way: a partial identifier must not pass for a whole one.
    const last = clauses[clauses.length - 1]!;
    clauses[clauses.length - 1] = { text: last.text, kind: 'truncated', recognized: false, values: [] };
  }
  return clauses;
}

// ---------------------------------------------------------------------------
// Applying to an entity

export interface ApplyResult {
  /** Clauses with at least one value placed in a structured property. */
  structured: RemarkClause[];
  /** Clauses kept only as notes (by design, unrecognised, or not fitting the schema). */
  notesOnly: RemarkClause[];
}

/**
 * Put one value on an entity if its schema has the property; country-typed
 * properties receive the ISO code and only when the text resolves. Returns
 * whether the value was placed.
 */
export function putValue(entity: FtmEntity, prop: string, value: string): boolean {
  const spec = getSchema(entity.schema)?.properties.get(prop);
  if (!spec) return false;
  if (spec.type === 'country') {
    const code = toCountryCode(value);
    if (!code) return false;
    addValues(entity, prop, code);
    return true;
  }
  addValues(entity, prop, value);
  return true;
}

/**
 * Apply parsed clauses to an entity. The full remarks text always goes into
 * `notes`, so a clause that could not be placed is not lost; it is not stored a
 * second time on its own.
 */
export function applyRemarks(entity: FtmEntity, remarks: string, clauses: RemarkClause[]): ApplyResult {
  const result: ApplyResult = { structured: [], notesOnly: [] };
  addValues(entity, 'notes', remarks);
  for (const c of clauses) {
    let placed = false;
    for (const v of c.values) {
      for (const prop of v.props) {
        if (putValue(entity, prop, v.value)) {
          placed = true;
          break;
        }
      }
    }
    if (placed) {
      result.structured.push(c);
    } else {
      result.notesOnly.push(c);
    }
  }
  return result;
}
