/**
 * Contact details: the 'url', 'email' and 'phone' property types.
 */
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

/**
 * http, https and ftp URLs, in WHATWG serialisation (scheme and host lower case,
 * IDN hosts in punycode, default port dropped); a bare "www.example.com" gets
 * "http://". A URL written without a path stays without one
 * ("http://example.com", not "http://example.com/"); one written with a path
 * keeps it, so FtM data that writes "https://example.com/" is stored as given.
 */
export function cleanUrl(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  let text = singleLine(raw);
  if (text === '') return fail('URL is empty');
  if (/\s/.test(text)) return fail(`URL ${quote(text)} contains a space`);
  if (/^www\./i.test(text)) text = `http://${text}`;
  if (!/^(?:https?|ftp):\/\//i.test(text)) return fail(`${quote(text)} is not an http, https or ftp URL`);
  const value = serialiseUrl(text);
  if (value === undefined) return fail(`${quote(text)} is not a valid URL`);
  if (serialiseUrl(value) !== value) return fail(`URL ${quote(text)} has no stable written form`);
  if (tooLong(value)) return fail(TOO_LONG);
  return ok(value);
}

function serialiseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) return undefined;
  const host = url.hostname;
  if (host === '' || (!host.includes('.') && !host.startsWith('['))) return undefined;
  if (host.startsWith('.') || host.endsWith('..')) return undefined;
  const href = url.href;
  const pathless = /^[a-z]+:\/\/[^/?#\\]*$/i.test(text);
  return pathless && url.pathname === '/' && url.search === '' && url.hash === '' && href.endsWith('/') ? href.slice(0, -1) : href;
}

const LOCAL_PART = /^[^\s@<>()[\]\\,;:"]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;

/** One "@", a dotted domain (lower-cased); an optional "mailto:" dropped. */
export function cleanEmail(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw).replace(/^mailto:/i, '');
  if (text === '') return fail('email address is empty');
  const parts = text.split('@');
  if (parts.length !== 2) return fail(`${quote(text)} is not an email address: it needs exactly one @`);
  const [local, rawDomain] = parts as [string, string];
  if (local === '' || local.length > 64 || !LOCAL_PART.test(local)) {
    return fail(`${quote(text)} is not an email address: bad part before the @`);
  }
  const domain = rawDomain.toLowerCase().normalize('NFC').replace(/\.$/, '');
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253 || !labels.every((l) => l.length <= 63 && DOMAIN_LABEL.test(l))) {
    return fail(`${quote(text)} is not an email address: bad domain ${quote(rawDomain)}`);
  }
  return ok(`${local}@${domain}`);
}

/**
 * Phone numbers: a leading "+" and the digits; spaces, dots, dashes, slashes and
 * brackets are dropped; 5 to 15 digits (E.164 has at most 15). Match key: digits.
 */
export function cleanPhone(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw).replace(/^tel:/i, '');
  if (text === '') return fail('phone number is empty');
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return fail(`${quote(text)} is not a phone number: only digits, a leading + and separators are allowed`);
  const digits = text.replace(/\D/g, '');
  if (digits.length < 5) return fail(`phone number ${quote(text)} has fewer than 5 digits`);
  if (digits.length > 15) return fail(`phone number ${quote(text)} has more than 15 digits`);
  const value = text.startsWith('+') ? `+${digits}` : digits;
  return ok(value, digits);
}
