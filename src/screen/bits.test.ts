import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { popcount } from './bits.ts';

test('popcount counts the set bits of any 32-bit integer', () => {
  fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (x) => assert.equal(popcount(x), (x >>> 0).toString(2).replace(/0/g, '').length)));
  assert.deepEqual([0, 1, 0b1011, 1 << 30, -1].map(popcount), [0, 1, 3, 1, 32]);
});
