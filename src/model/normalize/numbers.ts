/**
 * The 'number' type: a plain decimal. "1,234.50" → "1234.5", "+007" → "7",
 * "-.5" → "-0.5". Digits are kept as written (no floating-point rounding).
 * Percentages, ranges ("25-50") and words are refused: those belong in 'string'
 * properties.
 */
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

export function cleanNumber(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  if (text === '') return fail('number is empty');
  const m = NUMBER.exec(text);
  if (!m || !/\d/.test(text)) {
    if (/%\s*$/.test(text)) return fail(`${quote(text)} is a percentage, not a number`);
    if (/^\d[\d.,]*\s*[-–]\s*\d[\d.,]*$/.test(text)) return fail(`${quote(text)} is a range, not a number`);
    return fail(`${quote(text)} is not a number`);
  }
  const sign = m[1] === '-' ? '-' : '';
  const whole = m[2]!.replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return ok(body === '0' ? '0' : sign + body);
}
