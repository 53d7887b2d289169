import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanNumber } from './numbers.ts';

const value = (raw: string): string | undefined => {
  const r = cleanNumber(raw);
  return r.ok ? r.value : undefined;
};

test('numbers: thousands separators dropped, digits kept as written', () => {
  assert.equal(value('1,234.5'), '1234.5');
  assert.equal(value('1,234,567'), '1234567');
  assert.equal(value('1234'), '1234');
  assert.equal(value('-42'), '-42');
  assert.equal(value('+42'), '42');
  assert.equal(value(' 1,234.50 '), '1234.5');
  assert.equal(value('007'), '7');
  assert.equal(value('-.5'), '-0.5');
  assert.equal(value('5.'), '5');
  assert.equal(value('-0.000'), '0');
  assert.equal(value('123456789012345678901234567890.000000000000000000001'), '123456789012345678901234567890.000000000000000000001');
});

test('numbers: percentages, ranges and words are refused', () => {
  assert.match(cleanNumber('50%').ok ? '' : (cleanNumber('50%') as { reason: string }).reason, /percentage/);
  assert.match(cleanNumber('25-50').ok ? '' : (cleanNumber('25-50') as { reason: string }).reason, /range/);
  for (const bad of ['', 'abc', '1,23', '12,3456', '1.2.3', '1e5', '-', '.', '+-1', '1 234', 'NaN', 'Infinity', '0x10']) {
    assert.equal(value(bad), undefined, bad);
  }
});

test('numbers: never throw, idempotent, output is a plain decimal', () => {
  const numberLike = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.option(fc.stringMatching(/^\d{0,6}$/)), fc.boolean())
    .map(([sign, n, frac, sep]) => `${sign}${sep ? n.toLocaleString('en-US') : n.toString()}${frac === null ? '' : '.' + frac}`);
  const anyText = fc.oneof(numberLike, fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[-+]?[\d,]{0,12}(\.\d{0,4})?$/));
  fc.assert(
    fc.property(anyText, (s) => {
      const r = cleanNumber(s);
      if (r.ok) {
        assert.match(r.value, /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        assert.notEqual(r.value, '-0');
        assert.deepEqual(cleanNumber(r.value), r);
      }
    }),
    { numRuns: 3000 },
  );
});
