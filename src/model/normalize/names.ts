/**
 * Names of people, organisations, vessels…: the stored value keeps the source's
 * spelling (tidied), the match key is transliterated to ASCII and folded so that
 * "Мария Осетрова", "MARIYA OSETROVA" and "Mariya  Osetrova" meet.
 */
import anyAscii from 'any-ascii';
import { fail, ok, quote, tooLong, TOO_LONG, wellFormed, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

/**
 * Fold a name for matching: any-ascii transliteration, lower case, every run of
 * characters other than a-z and 0-9 to one space, trimmed.
 * "O'Brien-Smith, José" → "o brien smith jose". Never throws.
 */
export function foldName(text: string): string {
  let ascii: string;
  try {
    ascii = anyAscii(wellFormed(String(text)).normalize('NFC'));
  } catch {
    ascii = String(text).normalize('NFKD');
  }
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** 'name' type: original spelling tidied (NFC, whitespace collapsed), folded match key. */
export function cleanName(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const value = singleLine(raw);
  if (value === '') return fail('name is empty');
  if (!/[\p{L}\p{N}]/u.test(value)) return fail(`name ${quote(value)} has no letter or digit`);
  if (tooLong(value)) return fail(TOO_LONG);
  const match = foldName(value);
  return match === '' ? ok(value) : ok(value, match);
}
