import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { freshStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import { arrayLiteral, encodeColumns } from './columns.ts';

/** Text the databases accept: anything but NUL (which PostgreSQL text cannot hold). */
const text = fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\u0000', ''));

describe('array literals', () => {
  it('quotes strings, leaves numbers and booleans bare and writes NULL for null and undefined', () => {
    assert.equal(arrayLiteral(['a', 'b c', '', null, undefined]), '{"a","b c","",NULL,NULL}');
    assert.equal(arrayLiteral([1, 2.5, -3]), '{1,2.5,-3}');
    assert.equal(arrayLiteral([true, false]), '{t,f}');
    assert.equal(arrayLiteral(['say "hi"', 'C:\\dir']), '{"say \\"hi\\"","C:\\\\dir"}');
    assert.equal(arrayLiteral([]), '{}');
  });

  it('refuses what no array column holds', () => {
    assert.throws(() => arrayLiteral([Number.NaN]), TypeError);
    assert.throws(() => arrayLiteral([Number.POSITIVE_INFINITY]), TypeError);
  });

  it('encodes rows column by column in the order given', () => {
    const batch = encodeColumns(
      [
        { a: 'x', b: 1, c: true },
        { a: null, b: 2, c: false },
      ],
      ['c', 'a'],
    );
    assert.deepEqual(batch, { rows: 2, columns: ['{t,f}', '{"x",NULL}'] });
  });
});

for (const kind of STORE_KINDS) {
  describe(`array literals read back by ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
    });
    after(async () => {
      await t?.dispose();
    });

    it('gives back every string as it was: quotes, backslashes, braces, commas, blanks, NULL, "NULL", any script', async () => {
      const hard = ['', ' ', 'NULL', 'null', '"', '\\', '\\"', '{', '}', '{a,b}', 'a,b', "it's", 'tab\there', 'line\nbreak', 'Усама', '東京', '🚢', null];
      const [row] = await t.store.db.query<{ v: Array<string | null> }>('SELECT $1::text[] AS v', [arrayLiteral(hard)]);
      assert.deepEqual(row!.v, hard);
    });

    it('round-trips arbitrary text (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.option(text, { nil: null }), { maxLength: 20 }), async (values) => {
          const [row] = await t.store.db.query<{ v: Array<string | null> }>('SELECT $1::text[] AS v', [arrayLiteral(values)]);
          assert.deepEqual(row!.v, values);
        }),
        { numRuns: 200 },
      );
    });

    it('round-trips integers and booleans through unnest, row by row', async () => {
      const batch = encodeColumns(
        [
          { n: 7, flag: true },
          { n: -12, flag: false },
          { n: null, flag: null },
        ],
        ['n', 'flag'],
      );
      const rows = await t.store.db.query<{ n: number | null; flag: boolean | null }>('SELECT * FROM unnest($1::int[], $2::boolean[]) AS u(n, flag)', batch.columns);
      assert.deepEqual(rows, [
        { n: 7, flag: true },
        { n: -12, flag: false },
        { n: null, flag: null },
      ]);
    });
  });
}
