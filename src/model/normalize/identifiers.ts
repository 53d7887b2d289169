/**
 * Identifiers. Those with a published check (IMO ship numbers, IBAN, LEI, BIC,
 * MMSI) are validated and written in their compact canonical form; the others are
 * kept as written with an upper-case alphanumeric match key, so that
 * "AB 12-345" and "ab12345" meet.
 */
import { getCountrySpecifications, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import type { IdentifierFormat } from '../schemata.ts';
import { isCountryCode } from './countries.ts';
import { MID_COUNTRIES } from './mid.ts';
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

/** Tidy a raw identifier: sanitised, one line, an optional label such as "IMO" or "IBAN:" dropped. */
function compact(raw: string, label: RegExp): string {
  return singleLine(raw).replace(label, '').replace(/[\s\-.]/g, '');
}

// ---------------------------------------------------------------- IMO

/**
 * IMO ship identification number: seven digits, the last a check digit — the sum
 * of the first six multiplied by 7, 6, 5, 4, 3, 2, modulo 10. "IMO 9187629" →
 * "9187629". (IMO company and registered-owner numbers do not carry this check.)
 */
export function checkImo(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const digits = compact(text, /^IMO\s*(?:No\.?|Number)?\s*[:#]?\s*/i);
  if (!/^\d{7}$/.test(digits)) return fail(`IMO number must be 7 digits, got ${quote(singleLine(text))}`);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  const expected = sum % 10;
  if (expected !== Number(digits[6])) return fail(`IMO number ${digits} fails its check digit (expected ${expected})`);
  return ok(digits, digits);
}

// ---------------------------------------------------------------- IBAN

const IBAN_ERRORS: Record<number, string> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'is empty',
  [ValidationErrorsIBAN.NoIBANCountry]: 'does not begin with a country that issues IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: 'has the wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'does not follow its country’s account number format',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'has check digits that are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'fails its checksum (ISO 7064 MOD 97-10)',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'fails its national bank/branch/account check',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'is a QR-IBAN',
};

/** IBAN (ISO 13616) via ibantools: electronic format (upper case, no spaces), valid checksum. */
export function checkIban(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const iban = compact(text, /^IBAN(?:\s*:\s*|\s+)/i).toUpperCase();
  if (iban === '') return fail('IBAN is empty');
  if (!/^[A-Z0-9]+$/.test(iban) || iban.length > 34) {
    return fail(`IBAN ${quote(iban)} must be at most 34 letters and digits`);
  }
  let result: { valid: boolean; errorCodes: ValidationErrorsIBAN[] };
  try {
    result = validateIBAN(iban);
  } catch {
    return fail(`IBAN ${quote(iban)} could not be checked`);
  }
  if (!result.valid) {
    const why = result.errorCodes.map((c) => IBAN_ERRORS[c] ?? 'is invalid');
    return fail(`IBAN ${iban} ${[...new Set(why)].join(' and ')}`);
  }
  return ok(iban, iban);
}

const IBAN_COUNTRIES = new Set(
  Object.entries(getCountrySpecifications())
    .filter(([, spec]) => spec.chars !== null)
    .map(([code]) => code),
);

/**
 * Whether an account number is written as an IBAN — a country that issues IBANs,
 * two check digits, then letters and digits — so that it must pass checkIban.
 * "DE89 3704 0044 0532 0130 00" does; "12345678" and "US12…" (no IBANs there) do not.
 */
export function looksLikeIban(text: string): boolean {
  if (typeof text !== 'string' || text.length > 100) return false;
  const compact = text.replace(/\s/g, '').toUpperCase();
  return /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(compact) && IBAN_COUNTRIES.has(compact.slice(0, 2));
}

// ---------------------------------------------------------------- LEI

/** ISO 7064 MOD 97-10 remainder of an alphanumeric string (A=10 … Z=35), computed in chunks. */
export function mod97(text: string): number {
  let rem = 0;
  for (const ch of text) {
    const n = parseInt(ch, 36);
    rem = n < 10 ? (rem * 10 + n) % 97 : (rem * 100 + n) % 97;
  }
  return rem;
}

/** LEI (ISO 17442): 20 letters and digits, the last two check digits, whole string mod 97 = 1. */
export function checkLei(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const lei = compact(text, /^LEI(?:\s*:\s*|\s+)/i).toUpperCase();
  if (!/^[A-Z0-9]{18}\d{2}$/.test(lei)) {
    return fail(`LEI must be 18 letters or digits and 2 check digits, got ${quote(singleLine(text))}`);
  }
  if (mod97(lei) !== 1) return fail(`LEI ${lei} fails its checksum (ISO 7064 MOD 97-10)`);
  return ok(lei, lei);
}

// ---------------------------------------------------------------- BIC

/**
 * BIC / SWIFT code (ISO 9362): 4-letter institution, 2-letter country (a real
 * one), 2-character location, optional 3-character branch. The match key drops
 * the primary-office branch "XXX", so DEUTDEFF and DEUTDEFFXXX meet.
 */
export function checkBic(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const bic = compact(text, /^(?:SWIFT\s*\/\s*BIC|SWIFT|BIC)(?:\s*:\s*|\s+)/i).toUpperCase();
  if (bic.length !== 8 && bic.length !== 11) return fail(`BIC must have 8 or 11 characters, got ${quote(singleLine(text))}`);
  if (!/^[A-Z0-9]+$/.test(bic)) return fail(`BIC ${quote(bic)} may only hold letters and digits`);
  if (!/^[A-Z]{4}$/.test(bic.slice(0, 4))) return fail(`BIC ${bic}: institution code ${bic.slice(0, 4)} must be 4 letters`);
  const country = bic.slice(4, 6);
  if (!/^[A-Z]{2}$/.test(country) || !isCountryCode(country.toLowerCase())) {
    return fail(`BIC ${bic}: ${country} is not a country code`);
  }
  const match = bic.length === 11 && bic.endsWith('XXX') ? bic.slice(0, 8) : bic;
  return ok(bic, match);
}

// ---------------------------------------------------------------- MMSI

export type MmsiKind =
  | 'ship'
  | 'group'
  | 'coast'
  | 'sar-aircraft'
  | 'handheld'
  | 'sart'
  | 'mob'
  | 'epirb'
  | 'craft'
  | 'aid-to-navigation';

/** Which kind of station an MMSI names and where its MID sits (ITU-R M.585). */
function mmsiLayout(d: string): { kind: MmsiKind; mid?: string } | string {
  switch (d[0]) {
    case '0':
      return d[1] === '0' ? { kind: 'coast', mid: d.slice(2, 5) } : { kind: 'group', mid: d.slice(1, 4) };
    case '1':
      return d.startsWith('111') ? { kind: 'sar-aircraft', mid: d.slice(3, 6) } : 'an MMSI beginning with 1 must begin 111 (SAR aircraft)';
    case '8':
      return { kind: 'handheld', mid: d.slice(1, 4) };
    case '9':
      if (d.startsWith('970')) return { kind: 'sart' };
      if (d.startsWith('972')) return { kind: 'mob' };
      if (d.startsWith('974')) return { kind: 'epirb' };
      if (d.startsWith('98')) return { kind: 'craft', mid: d.slice(2, 5) };
      if (d.startsWith('99')) return { kind: 'aid-to-navigation', mid: d.slice(2, 5) };
      return 'an MMSI beginning with 9 must begin 970, 972, 974, 98 or 99';
    default:
      return { kind: 'ship', mid: d.slice(0, 3) };
  }
}

function mmsiDigits(text: string): string {
  return compact(text, /^MMSI\s*[:#]?\s*/i);
}

/**
 * MMSI: exactly nine digits. A ship station's first three digits (and the
 * embedded MID of group, coast, SAR-aircraft, handheld, craft and aid-to-navigation
 * numbers) must be an allocated Maritime Identification Digit; SART, MOB and
 * EPIRB-AIS numbers (970, 972, 974) carry none.
 */
export function checkMmsi(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const digits = mmsiDigits(text);
  if (!/^\d{9}$/.test(digits)) return fail(`MMSI must be 9 digits, got ${quote(singleLine(text))}`);
  const layout = mmsiLayout(digits);
  if (typeof layout === 'string') return fail(`MMSI ${digits}: ${layout}`);
  if (layout.mid !== undefined && MID_COUNTRIES[Number(layout.mid)] === undefined) {
    return fail(`MMSI ${digits}: ${layout.mid} is not an allocated Maritime Identification Digit`);
  }
  return ok(digits, digits);
}

/** Country (lower-case alpha-2) of the MID in an MMSI, whatever its station kind; undefined when none. */
export function midCountry(mmsi: string): string | undefined {
  if (typeof mmsi !== 'string' || tooLong(mmsi)) return undefined;
  const digits = mmsiDigits(mmsi);
  if (!/^\d{9}$/.test(digits)) return undefined;
  const layout = mmsiLayout(digits);
  if (typeof layout === 'string' || layout.mid === undefined) return undefined;
  return MID_COUNTRIES[Number(layout.mid)];
}

// ---------------------------------------------------------------- generic

/** Any other identifier: kept as written (tidied); match key is its letters and digits, upper case. */
export function checkGeneric(text: string): CheckResult {
  if (tooLong(text)) return fail(TOO_LONG);
  const value = singleLine(text);
  if (value === '') return fail('identifier is empty');
  const match = value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (match === '') return fail(`identifier ${quote(value)} has no letter or digit`);
  if (tooLong(value)) return fail(TOO_LONG);
  return ok(value, match);
}

const CHECKS: Record<IdentifierFormat, (text: string) => CheckResult> = {
  imo: checkImo,
  iban: checkIban,
  lei: checkLei,
  bic: checkBic,
  mmsi: checkMmsi,
  generic: checkGeneric,
};

/** 'identifier' type, checked by its format (generic when none). */
export function cleanIdentifier(raw: string, format: IdentifierFormat = 'generic'): CheckResult {
  return (Object.hasOwn(CHECKS, format) ? CHECKS[format] : checkGeneric)(raw);
}
