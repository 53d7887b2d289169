import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanName, foldName } from './names.ts';

test('foldName transliterates, lower-cases and drops punctuation', () => {
  assert.equal(foldName('Мария Александровна Осетрова'), 'mariya aleksandrovna osetrova');
  assert.equal(foldName("O'Brien-Smith, José"), 'o brien smith jose');
  assert.equal(foldName('  MARIA   Aleksandrovna\tOSETROVA '), 'maria aleksandrovna osetrova');
  assert.equal(foldName('Захарова Марія Олександрівна'), 'zakharova mariya oleksandrivna');
  assert.equal(foldName('北京'), 'beijing');
  assert.equal(foldName('Müller'), foldName('Mu\u0308ller'), 'NFC and NFD spellings fold alike');
  assert.equal(foldName('---'), '');
});

test('cleanName keeps the spelling, tidied, and adds the folded match key', () => {
  assert.deepEqual(cleanName("  O'Brien-Smith,   José "), { ok: true, value: "O'Brien-Smith, José", match: 'o brien smith jose' });
  assert.deepEqual(cleanName('Мария Александровна Осетрова'), {
    ok: true,
    value: 'Мария Александровна Осетрова',
    match: 'mariya aleksandrovna osetrova',
  });
  const nfd = cleanName('Jose\u0301');
  assert.ok(nfd.ok && nfd.value === 'José', 'stored in NFC');
});

test('a name needs a letter or a digit', () => {
  for (const bad of ['', '   ', '---', '\u0000\u0001', '.,;']) {
    const r = cleanName(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
  assert.equal(cleanName('7').ok, true);
});

test('names: never throws and is idempotent', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      const folded = foldName(s);
      assert.match(folded, /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      const r = cleanName(s);
      if (r.ok) assert.deepEqual(cleanName(r.value), r);
    }),
    { numRuns: 2000 },
  );
});
