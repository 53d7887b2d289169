import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sanctionInForce } from './sanction.ts';

describe('sanctionInForce', () => {
  test('no end date, or the latest end date after the day, is in force; an end date on or before it is lifted', () => {
    const rows = (...ends: string[]) => [{ prop: 'entity', value: 'x' }, ...ends.map((value) => ({ prop: 'endDate', value }))];
    assert.equal(sanctionInForce(rows(), '2026-11-24'), true);
    assert.equal(sanctionInForce(rows('2027-01-01'), '2026-11-24'), true);
    assert.equal(sanctionInForce(rows('2026-11-24'), '2026-11-24'), false);
    assert.equal(sanctionInForce(rows('2024-05-03'), '2026-11-24'), false);
    assert.equal(sanctionInForce(rows('2024'), '2026-11-24'), false, 'a partial date');
    assert.equal(sanctionInForce(rows('2020-01-01', '2030-01-01'), '2026-11-24'), true, 'the latest end date counts');
  });
});
