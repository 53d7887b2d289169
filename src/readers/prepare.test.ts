import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { makeId } from '../model/ids.ts';
import type { ValidEntity } from '../model/validate.ts';
import { statementId } from '../store/statements.ts';
import { contentHash } from './prepare.ts';

// Statement ids, entity ids and content hashes are stored: a store compares the
// next version of a list with what earlier code computed. These are the
// formulas they were first written with (streamed through a Hash object).
const text = fc.string({ unit: 'binary', maxLength: 60 });

test('statement ids are the sha1 of dataset, entity, property and value as first defined', () => {
  fc.assert(
    fc.property(text, text, text, text, (d, e, p, v) => {
      const expected = createHash('sha1').update(`${d}\u0000${e}\u0000${p}\u0000${v}`).digest('base64url').slice(0, 22);
      assert.equal(statementId(d, e, p, v), expected);
    }),
  );
});

test('hashed entity ids are the sha1 of dataset and key as first defined', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.array(text, { minLength: 1, maxLength: 3 }), (dataset, parts) => {
      const key = parts.map((p) => p.trim()).join('-');
      const id = makeId(dataset, ...parts);
      const hashed = `${dataset}-${createHash('sha1').update(`${dataset}\u0000${key}`).digest('hex').slice(0, 24)}`;
      assert.ok(id === hashed || id === `${dataset}-${key.toLowerCase()}`, id);
    }),
  );
  assert.equal(makeId('ofac_sdn', 'Ünïcode name, with commas'), `ofac_sdn-${createHash('sha1').update('ofac_sdn\u0000Ünïcode name, with commas').digest('hex').slice(0, 24)}`);
});

test('content hashes are the sha1 of the schema and the sorted values as first defined', () => {
  const value = fc.record({ prop: text, value: text });
  fc.assert(
    fc.property(text, fc.array(value, { maxLength: 8 }), (schema, values) => {
      const h = createHash('sha1');
      h.update(schema);
      for (const p of values.map((v) => `${v.prop}\u0000${v.value}`).sort()) h.update('\u0001' + p);
      const entity = { schema, values } as unknown as ValidEntity;
      assert.equal(contentHash(entity), h.digest('base64url').slice(0, 16));
    }),
  );
});
