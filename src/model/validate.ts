import type { FtmEntity } from './entity.ts';
import { getSchema, type PropertyType } from './schemata.ts';
import { cleanValue } from './values.ts';

/** One property value that passed normalisation and validation. */
export interface CleanValue {
  prop: string;
  type: PropertyType;
  value: string;
  /** The source's own spelling when normalisation changed it. */
  original?: string;
  match?: string;
}

/** A value that was refused while the rest of the entity was kept. */
export interface ValueIssue {
  prop: string;
  value: string;
  reason: string;
}

export interface ValidEntity {
  id: string;
  schema: string;
  values: CleanValue[];
  issues: ValueIssue[];
  /** Top-level FtM keys other than id/schema/properties, kept for export. */
  extras: Record<string, unknown> | null;
}

export type Validation = { ok: true; entity: ValidEntity } | { ok: false; field: string; reason: string };

const ENTITY_ID = /^[A-Za-z0-9._:-]{1,255}$/;
const EXTRA_KEYS = ['caption', 'datasets', 'referents', 'target', 'first_seen', 'last_seen', 'last_change'] as const;

/**
 * Check a raw FtM entity against its schema and normalise every value. A bad
 * value (unknown property, wrong type, failed identifier check) is refused on
 * its own and reported; the entity is refused as a whole only when it cannot
 * stand: unknown or abstract schema, bad id, or a required property left empty.
 * Never throws.
 */
export function validateEntity(raw: FtmEntity): Validation {
  if (typeof raw !== 'object' || raw === null) return { ok: false, field: 'entity', reason: 'entity is not an object' };
  if (typeof raw.id !== 'string' || !ENTITY_ID.test(raw.id)) {
    return { ok: false, field: 'id', reason: `invalid entity id ${JSON.stringify(raw.id)}: 1-255 characters of A-Z a-z 0-9 . _ : -` };
  }
  const schema = typeof raw.schema === 'string' ? getSchema(raw.schema) : undefined;
  if (!schema) return { ok: false, field: 'schema', reason: `unknown schema ${JSON.stringify(raw.schema)}` };
  if (schema.abstract) return { ok: false, field: 'schema', reason: `schema ${schema.name} is abstract and cannot hold entities` };
  const props = raw.properties;
  if (props !== undefined && (typeof props !== 'object' || props === null || Array.isArray(props))) {
    return { ok: false, field: 'properties', reason: 'properties must be an object of string lists' };
  }

  const values: CleanValue[] = [];
  const issues: ValueIssue[] = [];
  const seen = new Set<string>();
  for (const [prop, list] of Object.entries(props ?? {})) {
    const spec = schema.properties.get(prop);
    const items: unknown[] = Array.isArray(list) ? list : [list];
    for (const item of items) {
      if (typeof item !== 'string') {
        issues.push({ prop, value: describeValue(item), reason: `value of ${prop} is not a string` });
        continue;
      }
      if (!spec) {
        issues.push({ prop, value: item, reason: `unknown property ${prop} for schema ${schema.name}` });
        continue;
      }
      const result = cleanValue(spec, item);
      if (!result.ok) {
        issues.push({ prop, value: item, reason: result.reason });
        continue;
      }
      const key = `${prop}\u0000${result.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const clean: CleanValue = { prop, type: spec.type, value: result.value };
      if (result.value !== item) clean.original = item;
      if (result.match !== undefined) clean.match = result.match;
      values.push(clean);
    }
  }
  const missing = schema.required.filter((r) => !values.some((v) => v.prop === r));
  if (missing.length > 0) {
    const why = issues.find((i) => missing.includes(i.prop));
    return {
      ok: false,
      field: missing[0]!,
      reason: `${schema.name} needs ${missing.join(', ')}` + (why ? ` (${why.reason})` : ''),
    };
  }
  let extras: Record<string, unknown> | null = null;
  for (const key of EXTRA_KEYS) {
    const v = (raw as unknown as Record<string, unknown>)[key];
    if (v !== undefined && v !== null) (extras ??= {})[key] = v;
  }
  return { ok: true, entity: { id: raw.id, schema: schema.name, values, issues, extras } };
}

/**
 * A non-string value as text for the quarantine: JSON where it can be, never a
 * throw (String() throws on an object whose toString is not a function, which
 * arbitrary JSON input can carry).
 */
function describeValue(item: unknown): string {
  try {
    const text = typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item);
    return (text ?? String(typeof item)).slice(0, 200);
  } catch {
    return `(${typeof item})`;
  }
}
