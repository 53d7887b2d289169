import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanDate, DATE_PATTERN, toPartialDate } from './dates.ts';

const value = (raw: string): string | undefined => {
  const r = cleanDate(raw);
  return r.ok ? r.value : undefined;
};
const reason = (raw: string): string => {
  const r = cleanDate(raw);
  return r.ok ? '' : r.reason;
};

test('partial ISO dates are kept', () => {
  assert.equal(value('1970'), '1970');
  assert.equal(value('1970-01'), '1970-01');
  assert.equal(value('1970-01-12'), '1970-01-12');
  assert.equal(value(' 2020-02-29 '), '2020-02-29');
  assert.equal(value('2000-02-29'), '2000-02-29');
});

test('datetimes: seconds precision, converted to UTC when a zone is given', () => {
  assert.equal(value('2021-07-01T10:15'), '2021-07-01T10:15:00');
  assert.equal(value('2021-07-01T10:15:30.987'), '2021-07-01T10:15:30');
  assert.equal(value('2021-07-01T10:15:30Z'), '2021-07-01T10:15:30Z');
  assert.equal(value('2021-07-01t10:15:30z'), '2021-07-01T10:15:30Z');
  assert.equal(value('2021-07-01T10:15+02:00'), '2021-07-01T08:15:00Z');
  assert.equal(value('2021-07-01T23:30:00-05:00'), '2021-07-02T04:30:00Z');
  assert.equal(value('2021-07-01 10:15:30+0530'), '2021-07-01T04:45:30Z');
  assert.equal(value('2020-12-31T23:00:00-02:00'), '2021-01-01T01:00:00Z');
  assert.equal(value('2021-07-01T24:00'), undefined);
  assert.equal(value('2021-07-01T10:60'), undefined);
  assert.equal(value('2021-07-01T10:15+25:00'), undefined);
});

test('the spellings the lists use are converted', () => {
  assert.equal(value('12 Jan 1970'), '1970-01-12');
  assert.equal(value('1 January 1970'), '1970-01-01');
  assert.equal(value('01 SEP 1980'), '1980-09-01');
  assert.equal(value('3 Sept 1980'), '1980-09-03');
  assert.equal(value('Jan 1970'), '1970-01');
  assert.equal(value('December 1999'), '1999-12');
  assert.equal(value('12.01.1970'), '1970-01-12');
  assert.equal(value('2.3.1970'), '1970-03-02');
  assert.equal(value('1970/01/12'), '1970-01-12');
  assert.equal(value('1970/1/2'), '1970-01-02');
});

test('impossible dates and out-of-range years are refused with a reason', () => {
  assert.match(reason('2021-02-30'), /day 30 does not exist in February 2021/);
  assert.match(reason('2021-02-29'), /28 days/);
  assert.match(reason('1900-02-29'), /does not exist/);
  assert.match(reason('2021-13'), /month 13/);
  assert.match(reason('2021-00-10'), /month 0/);
  assert.match(reason('31.04.2001'), /day 31/);
  assert.match(reason('0999'), /outside 1000–2200/);
  assert.match(reason('2201-01-01'), /outside 1000–2200/);
  assert.match(reason('1000-01-01T00:30+01:00'), /outside/);
  assert.equal(value('32 Jan 1970'), undefined);
  assert.equal(value('12 Foo 1970'), undefined);
  assert.equal(value('12 constructor 1970'), undefined);
  assert.equal(value('__proto__ 1970'), undefined);
  for (const bad of ['', 'circa 1970', '1968 to 1970', '70', '1970-1-2', '19700112', 'yesterday', '1970-01-12T']) {
    assert.equal(value(bad), undefined, bad);
  }
});

test('dates: never throw, output matches the partial ISO pattern, idempotent', () => {
  const dateLike = fc
    .tuple(
      fc.integer({ min: 900, max: 2300 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.constantFrom('', 'Z', '+02:00', '-11:30', '+0530', '.123Z'),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([y, m, d, h, mi, zone, shape]) => {
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Foo'];
      switch (shape) {
        case 0: return String(y);
        case 1: return `${y}-${p(m)}`;
        case 2: return `${y}-${p(m)}-${p(d)}`;
        case 3: return `${y}-${p(m)}-${p(d)}T${p(h)}:${p(mi)}:${p(mi)}${zone}`;
        case 4: return `${d} ${months[m % 13]} ${y}`;
        case 5: return `${p(d)}.${p(m)}.${y}`;
        default: return `${y}/${m}/${d}`;
      }
    });
  const anyText = fc.oneof(
    dateLike,
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('utf8')),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      const r = cleanDate(s);
      if (r.ok) {
        assert.match(r.value, DATE_PATTERN);
        assert.deepEqual(cleanDate(r.value), r);
      } else {
        assert.equal(typeof r.reason, 'string');
      }
    }),
    { numRuns: 5000 },
  );
});

test('toPartialDate: the date a source wrote, without shifting it to UTC', () => {
  assert.equal(toPartialDate('2026-02-27T23:30:00-05:00'), '2026-02-27');
  assert.equal(toPartialDate('2001-01-25-05:00'), '2001-01-25');
  assert.equal(toPartialDate('2001-1-5'), '2001-01-05');
  assert.equal(toPartialDate('Nov. 1973'), '1973-11');
  assert.equal(toPartialDate('3 May 1971'), '1971-05-03');
  assert.equal(toPartialDate('1962'), '1962');
  assert.equal(toPartialDate('2021-02-30'), undefined);
  assert.equal(toPartialDate('30-35 years old'), undefined);
  assert.equal(toPartialDate(''), undefined);
});
