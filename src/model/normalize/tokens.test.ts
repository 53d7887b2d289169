import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CheckResult } from './result.ts';
import { cleanEntityRef, cleanGender, cleanTopic } from './tokens.ts';

const value = (r: CheckResult): string | undefined => (r.ok ? r.value : undefined);

test('gender: male, female, other; M and F', () => {
  assert.equal(value(cleanGender('Male')), 'male');
  assert.equal(value(cleanGender(' FEMALE ')), 'female');
  assert.equal(value(cleanGender('m')), 'male');
  assert.equal(value(cleanGender('F')), 'female');
  assert.equal(value(cleanGender('other')), 'other');
  for (const bad of ['', 'x', 'unknown', 'mf', '__proto__', 'constructor', 'toString']) assert.equal(cleanGender(bad).ok, false, bad);
});

test('topic: lower-case dotted token', () => {
  assert.equal(value(cleanTopic('sanction')), 'sanction');
  assert.equal(value(cleanTopic('Role.PEP')), 'role.pep');
  assert.equal(value(cleanTopic('crime.fin')), 'crime.fin');
  for (const bad of ['', 'role pep', '.role', 'role.', 'role..pep', 'sanction_linked', 'тема']) assert.equal(cleanTopic(bad).ok, false, bad);
});

test('entity: a reference id', () => {
  assert.equal(value(cleanEntityRef('NK-2Tbri3s6GgNtAwsSXh4qpL')), 'NK-2Tbri3s6GgNtAwsSXh4qpL');
  assert.equal(value(cleanEntityRef(' ofac-sdn:36 ')), 'ofac-sdn:36');
  assert.equal(value(cleanEntityRef('a'.repeat(255))), 'a'.repeat(255));
  for (const bad of ['', 'a b', 'a/b', 'a'.repeat(256), 'ид']) assert.equal(cleanEntityRef(bad).ok, false, bad);
});

test('tokens: never throw; idempotent', () => {
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z.]{1,12}$/), fc.constantFrom('M', 'f', 'Other'));
  fc.assert(
    fc.property(anyText, (s) => {
      for (const clean of [cleanGender, cleanTopic, cleanEntityRef]) {
        const r = clean(s);
        if (r.ok) assert.deepEqual(clean(r.value), r);
      }
    }),
    { numRuns: 2000 },
  );
});
