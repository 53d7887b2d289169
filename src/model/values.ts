/**
 * One entry point for normalising and validating a property value by its type
 * (the per-type rules live in ./normalize/). The stored value is canonical and
 * idempotent — cleaning a cleaned value gives it back unchanged — so that an
 * export re-ingested gives the very same statements.
 */
import type { PropertySpec, PropertyType } from './schemata.ts';
import { cleanEmail, cleanPhone, cleanUrl } from './normalize/contact.ts';
import { cleanCountry } from './normalize/countries.ts';
import { cleanDate } from './normalize/dates.ts';
import { cleanIdentifier } from './normalize/identifiers.ts';
import { cleanName } from './normalize/names.ts';
import { cleanNumber } from './normalize/numbers.ts';
import { fail, quote, tooLong, TOO_LONG, type CheckResult } from './normalize/result.ts';
import { cleanAddress, cleanString, cleanText } from './normalize/text.ts';
import { cleanEntityRef, cleanGender, cleanTopic } from './normalize/tokens.ts';

export type CleanResult =
  | { ok: true; value: string; match?: string }
  | { ok: false; reason: string };

const BY_TYPE: Record<PropertyType, (raw: string, spec: PropertySpec) => CheckResult> = {
  name: cleanName,
  string: cleanString,
  text: cleanText,
  date: cleanDate,
  country: cleanCountry,
  identifier: (raw, spec) => cleanIdentifier(raw, spec.format ?? 'generic'),
  entity: cleanEntityRef,
  number: cleanNumber,
  url: cleanUrl,
  email: cleanEmail,
  phone: cleanPhone,
  address: cleanAddress,
  topic: cleanTopic,
  gender: cleanGender,
};

/** Normalise and validate one raw property value for its property. Never throws. */
export function cleanValue(spec: PropertySpec, raw: string): CleanResult {
  try {
    if (typeof raw !== 'string') return fail(`value is a ${raw === null ? 'null' : typeof raw}, not a string`);
    if (tooLong(raw)) return fail(TOO_LONG);
    const type = spec?.type;
    const clean = typeof type === 'string' && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : undefined;
    if (clean === undefined) return fail(`unknown property type ${JSON.stringify(String(spec?.type))}`);
    const first = clean(raw, spec);
    if (!first.ok || first.value === raw) return first;
    // Guard the idempotency contract: a value must clean to itself. Every
    // normaliser is written to reach its fixpoint in one pass; should one not,
    // a second pass is taken, and failing that the value is refused.
    const again = clean(first.value, spec);
    if (again.ok && again.value === first.value) return first;
    if (again.ok) {
      const third = clean(again.value, spec);
      if (third.ok && third.value === again.value) return again;
    }
    return fail(`value ${quote(first.value)} does not normalise stably`);
  } catch (err) {
    return fail(`value could not be normalised (${err instanceof Error ? err.message : String(err)})`);
  }
}
