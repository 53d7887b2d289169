import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MAX_VALUE_BYTES } from './result.ts';
import { cleanAddress, cleanString, cleanText, sanitize } from './text.ts';

test('string: trimmed, one line, control characters gone, NFC', () => {
  assert.deepEqual(cleanString('  OFAC \t SDN\r\nlist\u0000 '), { ok: true, value: 'OFAC SDN list' });
  assert.deepEqual(cleanString('Cafe\u0301'), { ok: true, value: 'Café' });
  assert.deepEqual(cleanString('50%'), { ok: true, value: '50%' });
  assert.equal(cleanString(' \u0000 ').ok, false);
});

test('text keeps line breaks and drops other controls', () => {
  assert.deepEqual(cleanText(' first line  \r\nsecond\u0007 line\r\n\r\n third\u2028fourth '), {
    ok: true,
    value: 'first line\nsecond line\n\n third\nfourth',
  });
  assert.equal(cleanText('\n\n').ok, false);
});

test('address: one line, lines joined with commas', () => {
  assert.deepEqual(cleanAddress('Ibex House, The Minories,\nLondon EC3N 1DY\n\nUnited Kingdom'), {
    ok: true,
    value: 'Ibex House, The Minories, London EC3N 1DY, United Kingdom',
  });
  assert.equal(cleanAddress(' , ').ok, false);
});

test('lone surrogates become U+FFFD; NUL bytes are removed', () => {
  assert.equal(sanitize('a\uD800b'), 'a\uFFFDb');
  assert.equal(sanitize('a\uDC00'), 'a\uFFFD');
  assert.equal(sanitize('\uD83D\uDE00'), '\uD83D\uDE00');
  assert.equal(sanitize('a\u0000b'), 'ab');
});

test('values over 64 KiB are refused, at the cap they pass', () => {
  assert.equal(cleanString('x'.repeat(MAX_VALUE_BYTES)).ok, true);
  const over = cleanString('x'.repeat(MAX_VALUE_BYTES + 1));
  assert.equal(over.ok, false);
  assert.match(over.ok ? '' : over.reason, /64 KiB/);
  assert.equal(cleanText('é'.repeat(MAX_VALUE_BYTES / 2 + 1)).ok, false, 'counted in UTF-8 bytes');
  assert.equal(cleanAddress(' '.repeat(10_000_000)).ok, false);
});

test('text normalisers never throw and are idempotent', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8')),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      for (const clean of [cleanString, cleanText, cleanAddress]) {
        const r = clean(s);
        if (r.ok) {
          assert.deepEqual(clean(r.value), r);
          assert.doesNotMatch(r.value, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
          assert.equal(r.value, r.value.normalize('NFC'));
        }
      }
    }),
    { numRuns: 2000 },
  );
});
