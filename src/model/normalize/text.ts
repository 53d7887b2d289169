/**
 * Free text: the 'string', 'text' and 'address' property types, and the
 * sanitising step every other normaliser starts from.
 */
import { fail, ok, quote, tooLong, TOO_LONG, wellFormed, type CheckResult } from './result.ts';

/** Line breaks in any of their spellings, including NEL and the Unicode separators. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Control characters (C0, DEL, C1) and the byte-order mark. */
const CONTROL = /[\p{Cc}\uFEFF]/gu;
/** Control characters that stand between words: kept as a space rather than dropped. */
const SPACING_CONTROL = /[\t\v\f\u001C-\u001F]/g;

/**
 * Make a raw value safe: lone surrogates to U+FFFD, line breaks to a space (or to
 * "\n" when multiline), tabs to a space, other control characters removed, then NFC.
 */
export function sanitize(raw: string, multiline = false): string {
  let text = wellFormed(raw);
  text = text.replace(LINE_BREAK, multiline ? '\n' : ' ').replace(SPACING_CONTROL, ' ');
  text = multiline ? text.replace(/[\p{Cc}\uFEFF]/gu, (c) => (c === '\n' ? c : '')) : text.replace(CONTROL, '');
  return text.normalize('NFC');
}

/** Runs of whitespace to one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Sanitised, single-line, whitespace collapsed: the base of most normalisers. */
export function singleLine(raw: string): string {
  return collapse(sanitize(raw));
}

/** 'string' type: one line of text, trimmed. */
export function cleanString(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const value = singleLine(raw);
  if (value === '') return fail('value is empty');
  if (tooLong(value)) return fail(TOO_LONG);
  return ok(value);
}

/** 'text' type: free text that keeps its line breaks; trailing spaces on a line removed. */
export function cleanText(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const value = sanitize(raw, true)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  if (value === '') return fail('text is empty');
  if (tooLong(value)) return fail(TOO_LONG);
  return ok(value);
}

/** Leading and trailing commas and spaces removed (a loop: a regexp anchored at the end is quadratic on long runs). */
function stripCommas(line: string): string {
  const edge = (c: string | undefined): boolean => c === ',' || c === ' ';
  let start = 0;
  let end = line.length;
  while (start < end && edge(line[start])) start++;
  while (end > start && edge(line[end - 1])) end--;
  return line.slice(start, end);
}

/**
 * 'address' type: one line. An address written over several lines has its lines
 * joined with ", " (a line that already ends in a comma is not given a second).
 */
export function cleanAddress(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const lines = sanitize(raw, true)
    .split('\n')
    .map((line) => stripCommas(collapse(line)))
    .filter((line) => line !== '');
  const value = collapse(lines.join(', '));
  if (value === '') return fail('address is empty');
  if (!/[\p{L}\p{N}]/u.test(value)) return fail(`address ${quote(value)} has no letter or digit`);
  if (tooLong(value)) return fail(TOO_LONG);
  return ok(value);
}
