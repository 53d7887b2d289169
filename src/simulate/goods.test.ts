import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CHPL, HEADINGS, chplTier, drawQuantity, drawUnitValue, headingOf, isChpl, pickHeading, tariffCode } from './goods.ts';
import { Random } from './random.ts';

function chplCsv(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const file of [`${here}../../../shared/data/reference/chpl_2024-02-23.csv`, '/work/shared/data/reference/chpl_2024-02-23.csv']) {
    if (existsSync(file)) return file;
  }
  return undefined;
}

test('CHPL: the embedded table equals the published list (2024-02-23)', { skip: chplCsv() === undefined && 'shared reference data not present' }, () => {
  const rows = parse(readFileSync(chplCsv()!, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 50);
  assert.deepEqual(
    CHPL.map((c) => ({ hs6: c.hs6, tier: c.tier, tier_label: c.tierLabel, description: c.description })),
    rows.map((r) => ({ hs6: r.hs6, tier: r.tier, tier_label: r.tier_label, description: r.description })),
  );
});

test('CHPL lookups', () => {
  assert.equal(isChpl('854231'), true);
  assert.equal(isChpl('8542310000'), true, 'a national code is looked up by its HS6');
  assert.equal(isChpl('270900'), false);
  assert.equal(chplTier('845710'), '4.B');
  assert.equal(chplTier('100199'), undefined);
});

test('HEADINGS: at least 90, HS6 unique, every CHPL heading with its tier, sane units and values', () => {
  assert.ok(HEADINGS.length >= 90, `${HEADINGS.length} headings`);
  const codes = HEADINGS.map((h) => h.hs6);
  assert.equal(new Set(codes).size, codes.length, 'unique');
  for (const h of HEADINGS) {
    assert.match(h.hs6, /^\d{6}$/);
    assert.ok(['kg', 'pcs', 'bbl', 't', 'l'].includes(h.unit), h.hs6);
    assert.ok(h.unitValueUsd.median > 0 && h.unitValueUsd.sigma > 0, h.hs6);
    assert.ok(h.quantity.median > 0 && h.quantity.sigma > 0, h.hs6);
    assert.ok(h.tradeWeight > 0, h.hs6);
    assert.ok(h.description.length > 3, h.hs6);
    if (h.seasonal) assert.equal(h.seasonal.length, 12, h.hs6);
    assert.equal(h.chplTier, chplTier(h.hs6), h.hs6);
  }
  for (const c of CHPL) assert.equal(headingOf(c.hs6)?.chplTier, c.tier, c.hs6);
  assert.ok(HEADINGS.filter((h) => !h.chplTier).length >= 40, 'ordinary trade');
  for (const hs6 of ['270900', '271019', '271111', '270112', '100199', '310230', '310420', '310520', '260111', '720851', '760110', '740311', '440710', '870323', '870380', '610910', '940360', '847130', '300490', '030389', '390120', '950300']) {
    assert.ok(headingOf(hs6), `${hs6} is a heading`);
  }
});

test('unit values sit in the ranges trade statistics show', () => {
  const median = (hs6: string) => headingOf(hs6)!.unitValueUsd.median;
  assert.ok(median('270900') >= 70 && median('270900') <= 85, 'crude, USD/bbl');
  assert.ok(median('100199') >= 200 && median('100199') <= 300, 'wheat, USD/t');
  assert.ok(median('851713') >= 150 && median('851713') <= 600, 'smartphones, USD/pc');
  assert.ok(median('740311') >= 7000 && median('740311') <= 10000, 'copper, USD/t');
  assert.equal(headingOf('270900')!.unit, 'bbl');
  assert.equal(headingOf('854231')!.unit, 'pcs', 'integrated circuits per piece, the EU supplementary unit');
});

test('drawUnitValue and drawQuantity: log-normal around the medians, capped by a ship’s capacity', () => {
  const r = new Random('draws');
  for (const h of HEADINGS) {
    const values = Array.from({ length: 801 }, () => drawUnitValue(r, h)).sort((a, b) => a - b);
    const mid = values[400]!;
    assert.ok(values[0]! > 0);
    assert.ok(Math.abs(Math.log(mid / h.unitValueUsd.median)) < 0.2 + h.unitValueUsd.sigma * 0.15, `${h.hs6}: median ${mid} vs ${h.unitValueUsd.median}`);
    for (let i = 0; i < 200; i++) {
      const q = drawQuantity(r, h);
      assert.ok(q > 0);
      if (h.quantity.max !== undefined) assert.ok(q <= h.quantity.max, `${h.hs6}: ${q}`);
    }
  }
});

test('pickHeading: CHPL filter, trade weights and seasons', () => {
  const r = new Random('pick');
  for (let i = 0; i < 500; i++) {
    assert.ok(pickHeading(r, { chpl: true }).chplTier);
    assert.equal(pickHeading(r, { chpl: false }).chplTier, undefined);
  }
  const count = (month: number) => {
    let wheat = 0;
    for (let i = 0; i < 20000; i++) if (pickHeading(r, { month }).hs6 === '100199') wheat++;
    return wheat;
  };
  assert.ok(count(8) > count(2) * 1.4, 'wheat ships after the harvest');
  const all = new Set(Array.from({ length: 20000 }, () => pickHeading(r).hs6));
  assert.ok(all.size > HEADINGS.length * 0.9, 'every heading turns up');
});

test('tariffCode: 6 to 10 digits beginning with the HS6; national lengths; a few codes per heading', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...HEADINGS), fc.constantFrom('nl', 'de', 'ae', 'us', 'cn', 'ru', 'tr', 'gb', 'in', 'hk', 'kz', 'zz'), (seed, h, cc) => {
      const code = tariffCode(new Random(seed), h, cc);
      assert.match(code, /^\d{6,10}$/);
      assert.ok(code.startsWith(h.hs6));
    }),
    { numRuns: 2000 },
  );
  const r = new Random(4);
  const h = headingOf('854231')!;
  assert.equal(tariffCode(r, h, 'us').length, 10);
  assert.equal(tariffCode(r, h, 'ae').length, 8);
  assert.ok([8, 10].includes(tariffCode(r, h, 'nl').length));
  const codes = new Set(Array.from({ length: 300 }, () => tariffCode(r, h, 'ru')));
  assert.ok(codes.size >= 2 && codes.size <= 3, `a few national subheadings recur (${[...codes].join(', ')})`);
});

test('determinism', () => {
  const run = (seed: number) => {
    const r = new Random(seed);
    return Array.from({ length: 50 }, () => {
      const h = pickHeading(r, { month: 1 + (seed % 12) });
      return [h.hs6, drawQuantity(r, h), drawUnitValue(r, h), tariffCode(r, h, 'nl')];
    });
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
});
