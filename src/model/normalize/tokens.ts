/**
 * Small closed vocabularies and references: the 'gender', 'topic' and 'entity'
 * property types.
 */
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

const GENDERS = new Map([
  ['male', 'male'],
  ['m', 'male'],
  ['female', 'female'],
  ['f', 'female'],
  ['other', 'other'],
]);

/** male / female / other, case-insensitive; "M" and "F" accepted. */
export function cleanGender(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  const value = GENDERS.get(text.toLowerCase());
  return value === undefined ? fail(`${quote(text)} is not a gender (male, female or other)`) : ok(value);
}

const TOPIC = /^[a-z]+(?:\.[a-z]+)*$/;

/** FtM topic: a lower-case dotted token such as "sanction" or "role.pep". */
export function cleanTopic(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  const value = text.toLowerCase();
  if (value.length > 100 || !TOPIC.test(value)) return fail(`${quote(text)} is not a topic (lower-case words joined by dots)`);
  return ok(value);
}

const ENTITY_ID = /^[A-Za-z0-9._:-]{1,255}$/;

/** Reference to another entity: its id, 1–255 characters of A-Z a-z 0-9 . _ : - (existence is checked elsewhere). */
export function cleanEntityRef(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  if (!ENTITY_ID.test(text)) return fail(`${quote(text)} is not an entity id (1–255 characters of A-Z a-z 0-9 . _ : -)`);
  return ok(text);
}
