import { createHmac } from 'node:crypto';
import { SextantError } from '../errors.ts';
import { foldName } from '../model/normalize/names.ts';
import { getSchema, isA, schemaNames } from '../model/schemata.ts';
import { AGENCY_ID, PURPOSE_TAG, TLP_COLOURS, type Ladder, type Tlp } from './markings.ts';

/**
 * Sharing agreements as data: which parties share which categories of data,
 * for which purposes, up to which marking, minimised how, kept how long, valid
 * when, approved by whom. Every party shares its own data with the other
 * parties on these terms once that party has approved the agreement.
 */
export type MinimisationAction = 'drop' | 'mask' | 'hash';

export interface Category {
  dataset?: string;
  /** The schema or any schema that extends it. */
  schema?: string;
  property?: string;
}

export interface MinimisationRule {
  schema?: string;
  property: string;
  action: MinimisationAction;
}

export interface Agreement {
  id: string;
  name: string;
  parties: string[];
  categories: Category[];
  purposes: string[];
  maxTlp: Tlp;
  maxLevel: string;
  minimisation: MinimisationRule[];
  retentionDays: number | null;
  validFrom: string;
  validUntil: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  /** Party agency → who approved it and when. */
  approvals: Array<{ agency: string; user: string; at: string }>;
}

/** The agreement with its hash key, which only the policy module and parties' liaison officers see. */
export interface AgreementWithKey extends Agreement {
  hashKey: string;
}

export interface AgreementInput {
  name: string;
  parties: string[];
  categories: Category[];
  purposes: string[];
  maxTlp: string;
  maxLevel?: string;
  minimisation?: MinimisationRule[];
  retentionDays?: number | null;
  validFrom?: string;
  validUntil?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATASET = /^[a-z][a-z0-9_]{0,63}$/;
const PROPERTY = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;

/** Property types a keyed hash protects: values with enough entropy not to be guessed one by one. */
const HASHABLE_TYPES = new Set(['identifier', 'iban', 'email', 'phone']);

/** The types a property has on a schema (and its descendants' ancestors), or on any schema. */
function propertyTypes(prop: string, schema: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const name of schema ? [schema, ...schemaNames().filter((n) => isA(n, schema))] : schemaNames()) {
    const spec = getSchema(name)?.properties.get(prop);
    if (spec) out.add(spec.type);
  }
  return out;
}

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not), from 1900 on. */
function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v <= '9999-12-31';
}

function bad(field: string, message: string): SextantError {
  return new SextantError('bad_request', message, { field });
}

/** Check an agreement as submitted; every problem names its field. */
export function validateAgreement(input: AgreementInput, ladder: Ladder, purposes: readonly string[], knownAgencies: ReadonlySet<string>): AgreementInput {
  if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) throw bad('name', 'an agreement needs a name of 1–200 characters');
  if (!Array.isArray(input.parties) || new Set(input.parties).size < 2) throw bad('parties', 'an agreement needs at least two different parties');
  for (const p of input.parties) if (typeof p !== 'string' || !AGENCY_ID.test(p) || !knownAgencies.has(p)) throw bad('parties', `unknown agency ${String(p)}`);
  if (!Array.isArray(input.categories) || input.categories.length === 0) throw bad('categories', 'an agreement needs at least one data category');
  input.categories.forEach((c, i) => {
    const field = `categories[${i}]`;
    if (typeof c !== 'object' || c === null) throw bad(field, 'a category is an object with dataset, schema and/or property');
    if (c.dataset === undefined && c.schema === undefined && c.property === undefined) throw bad(field, 'a category names a dataset, a schema or a property');
    if (c.dataset !== undefined && !DATASET.test(c.dataset)) throw bad(`${field}.dataset`, `invalid dataset name ${c.dataset}`);
    if (c.schema !== undefined && !getSchema(c.schema)) throw bad(`${field}.schema`, `unknown schema ${c.schema}`);
    if (c.property !== undefined && !PROPERTY.test(c.property)) throw bad(`${field}.property`, `invalid property ${c.property}`);
  });
  if (!Array.isArray(input.purposes) || input.purposes.length === 0) throw bad('purposes', 'an agreement permits at least one purpose');
  for (const p of input.purposes) if (!PURPOSE_TAG.test(p) || !purposes.includes(p)) throw bad('purposes', `unknown purpose ${p}; known: ${purposes.join(', ')}`);
  const tlp = String(input.maxTlp ?? '').toUpperCase().replace(/^TLP:/, '');
  if (!(TLP_COLOURS as readonly string[]).includes(tlp)) throw bad('maxTlp', `maxTlp must be one of ${TLP_COLOURS.join(', ')}`);
  const level = (input.maxLevel ?? ladder[0]!).toUpperCase();
  if (!ladder.includes(level)) throw bad('maxLevel', `unknown level ${input.maxLevel}; known: ${ladder.join(', ')}`);
  const minimisation = input.minimisation ?? [];
  if (!Array.isArray(minimisation)) throw bad('minimisation', 'minimisation is a list of rules');
  minimisation.forEach((r, i) => {
    const field = `minimisation[${i}]`;
    if (typeof r !== 'object' || r === null || typeof r.property !== 'string' || !PROPERTY.test(r.property)) throw bad(`${field}.property`, 'a rule names a property');
    if (!['drop', 'mask', 'hash'].includes(r.action)) throw bad(`${field}.action`, 'action is drop, mask or hash');
    if (r.schema !== undefined && !getSchema(r.schema)) throw bad(`${field}.schema`, `unknown schema ${r.schema}`);
    // A misspelt property would minimise nothing and let the value through in clear.
    const types = propertyTypes(r.property, r.schema);
    if (types.size === 0) throw bad(`${field}.property`, `no schema${r.schema ? ` ${r.schema}` : ''} has a property ${r.property}`);
    // A keyed hash of a guessable value (a date, a name, a country) is reversed by hashing every candidate.
    if (r.action === 'hash' && ![...types].every((t) => HASHABLE_TYPES.has(t))) {
      throw bad(`${field}.action`, `hash only identifiers, IBANs, e-mail addresses and phone numbers; ${r.property} is ${[...types].join('/')}: use mask or drop`);
    }
  });
  const retention = input.retentionDays ?? null;
  if (retention !== null && (!Number.isInteger(retention) || retention < 1 || retention > 36500)) throw bad('retentionDays', 'retentionDays is a whole number of days from 1 to 36500');
  const validFrom = input.validFrom ?? new Date().toISOString().slice(0, 10);
  if (!isDay(validFrom)) throw bad('validFrom', 'validFrom is a date YYYY-MM-DD');
  const validUntil = input.validUntil ?? null;
  if (validUntil !== null && (!isDay(validUntil) || validUntil < validFrom)) {
    throw bad('validUntil', 'validUntil is a date YYYY-MM-DD not before validFrom');
  }
  return {
    name: input.name.trim(),
    parties: [...new Set(input.parties)].sort(),
    categories: input.categories.map((c) => ({ ...(c.dataset ? { dataset: c.dataset } : {}), ...(c.schema ? { schema: c.schema } : {}), ...(c.property ? { property: c.property } : {}) })),
    purposes: [...new Set(input.purposes)].sort(),
    maxTlp: tlp,
    maxLevel: level,
    minimisation: minimisation.map((r) => ({ ...(r.schema ? { schema: r.schema } : {}), property: r.property, action: r.action })),
    retentionDays: retention,
    validFrom,
    validUntil,
  };
}

/** Whether the agreement is in force on a day (ISO date): within its dates and not revoked. */
export function isInForce(a: Agreement, day: string): boolean {
  return a.revokedAt === null && a.validFrom <= day && (a.validUntil === null || day <= a.validUntil);
}

export function hasApproved(a: Agreement, agency: string): boolean {
  return a.approvals.some((x) => x.agency === agency);
}

export function coversCategory(a: Agreement, c: { dataset: string; schema: string; prop: string }): boolean {
  return a.categories.some(
    (k) => (k.dataset === undefined || k.dataset === c.dataset) && (k.schema === undefined || isA(c.schema, k.schema)) && (k.property === undefined || k.property === c.prop),
  );
}

/** Whether a marking stays under the agreement's ceiling; a level the ladder no longer has fails closed. */
export function withinCeiling(a: Agreement, tlp: Tlp, level: string, ladder: Ladder): boolean {
  const max = ladder.indexOf(a.maxLevel);
  const at = ladder.indexOf(level);
  return TLP_COLOURS.indexOf(tlp) <= TLP_COLOURS.indexOf(a.maxTlp) && max >= 0 && at >= 0 && at <= max;
}

/**
 * The minimisation applying to a property of a schema: the strictest matching
 * rule, or none. Mask shows part of a value (its shape, a year, the last
 * characters); a keyed hash shows none of it, only lets a key holder match it;
 * drop withholds it.
 */
export const MINIMISATION_ORDER: readonly MinimisationAction[] = ['mask', 'hash', 'drop'];

export function minimisationFor(a: Agreement, schema: string, prop: string): MinimisationAction | null {
  const order = MINIMISATION_ORDER;
  let out: MinimisationAction | null = null;
  for (const r of a.minimisation) {
    if (r.property !== prop || (r.schema !== undefined && !isA(schema, r.schema))) continue;
    if (out === null || order.indexOf(r.action) > order.indexOf(out)) out = r.action;
  }
  return out;
}

const MASK = '\u2022';

/**
 * Mask a value so that a person sees its shape but not its content: dates keep
 * their year; identifiers, phone numbers, e-mails and other codes keep their
 * last four characters; names and texts keep the first letter of each word.
 */
export function maskValue(value: string, propType: string): string {
  if (propType === 'date') return value.slice(0, 4);
  // Fixed-length masks: the length of a value says something about it too.
  if (['identifier', 'phone', 'email', 'iban', 'url', 'checksum'].includes(propType)) {
    const keep = value.length > 8 ? 4 : 0;
    return MASK.repeat(4) + value.slice(value.length - keep);
  }
  return value
    .split(/(\s+)/)
    .map((w) => {
      if (/^\s+$/.test(w) || w === '') return w;
      const chars = Array.from(w); // code points, so that a character outside the BMP stays whole
      return chars[0] + MASK.repeat(3);
    })
    .join('');
}

/** The form of a value that a keyed hash is taken over, so that both parties hash the same string. */
export function hashInput(value: string, propType: string): string {
  if (propType === 'name') return foldName(value);
  if (['identifier', 'iban', 'phone'].includes(propType)) return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return value.trim().toLowerCase();
}

/** Keyed hash (HMAC-SHA-256): partners holding the agreement's key can match identifiers they already hold. */
export function keyedHash(key: string, value: string, propType: string): string {
  return `hmac-sha256:${createHmac('sha256', key).update(hashInput(value, propType)).digest('base64url')}`;
}
