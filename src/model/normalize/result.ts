/**
 * The shape every normaliser returns, and the guards they share: no normaliser
 * throws, none accepts more than MAX_VALUE_BYTES, and none lets a lone UTF-16
 * surrogate or a control character through.
 */

export type CheckResult = { ok: true; value: string; match?: string } | { ok: false; reason: string };

/** Largest value accepted, in UTF-8 bytes (64 KiB). */
export const MAX_VALUE_BYTES = 64 * 1024;

export function ok(value: string, match?: string): CheckResult {
  return match === undefined ? { ok: true, value } : { ok: true, value, match };
}

export function fail(reason: string): CheckResult {
  return { ok: false, reason };
}

/** True when the text is over the size cap (cheap length test first). */
export function tooLong(text: string): boolean {
  if (text.length > MAX_VALUE_BYTES) return true;
  if (text.length * 3 <= MAX_VALUE_BYTES) return false;
  return Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES;
}

export const TOO_LONG = `value is longer than ${MAX_VALUE_BYTES / 1024} KiB`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replace lone surrogates by U+FFFD, as a UTF-8 decoder would. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** A value as it may appear in a reason: JSON-quoted, cut to a readable length. */
export function quote(text: string, max = 60): string {
  const cut = text.length > max ? wellFormed(text.slice(0, max)) + '…' : wellFormed(text);
  return JSON.stringify(cut);
}
