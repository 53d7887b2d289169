import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  aliasRelation,
  buildScreeningSet,
  buildScreeningSetFrom,
  foldTokens,
  loadListEntities,
  mulberry32,
  nameKey,
  PAIR_KINDS,
  type ListEntity,
  type ListSource,
  type ScreeningSet,
} from './screening-set.ts';

/** The labelled screening set (eval/screening-set.ts) built from the real lists in ../shared/data/lists. */
describe('screening set', () => {
  let first: ScreeningSet;
  let second: ScreeningSet;
  let entities: ListEntity[];
  let sources: ListSource[];

  before(async () => {
    first = await buildScreeningSet({ fresh: true });
    second = await buildScreeningSet({ fresh: true });
    ({ entities, sources } = await loadListEntities());
  });

  it('is deterministic: two builds from two reads of the lists are the same, pair for pair', () => {
    assert.equal(first.pairs.length, second.pairs.length);
    assert.deepEqual(first, second);
    assert.equal(JSON.stringify(first), JSON.stringify(second));
  });

  it('reads both lists through the readers', () => {
    assert.deepEqual(first.sources.map((s) => s.dataset), ['ofac_sdn', 'un_sc']);
    for (const s of first.sources) assert.ok(s.entities > 500, `${s.dataset}: ${s.entities} entities`);
    assert.ok(entities.some((e) => e.schema === 'Person') && entities.some((e) => e.schema === 'Organization') && entities.some((e) => e.schema === 'Vessel'));
  });

  it('is of moderate size, with both labels and every kind, and unique ids', () => {
    const n = first.pairs.length;
    assert.ok(n >= 3000 && n <= 6000, `${n} pairs`);
    const positives = first.pairs.filter((p) => p.label).length;
    assert.ok(positives > n * 0.3 && positives < n * 0.7, `${positives} positives of ${n}`);
    for (const kind of PAIR_KINDS) assert.ok(first.pairs.some((p) => p.kind === kind), `no ${kind} pairs`);
    assert.ok(first.pairs.filter((p) => p.kind === 'alias' || p.kind === 'variant').every((p) => p.label));
    assert.ok(first.pairs.filter((p) => p.kind === 'negative' || p.kind === 'hard_negative').every((p) => !p.label));
    assert.equal(new Set(first.pairs.map((p) => p.id)).size, n);
    for (const subtype of ['spelling', 'script', 'typo', 'token_swap', 'drop_middle', 'initials', 'legal_form_change', 'script_cyrillic', 'same_surname', 'same_first_birth_year', 'same_legal_form', 'different_number', 'person_vs_org']) {
      assert.ok(first.pairs.some((p) => p.subtype === subtype), `no ${subtype} pairs`);
    }
    const cultures = new Set(first.pairs.filter((p) => p.kind === 'negative').map((p) => p.subtype));
    assert.ok(cultures.size >= 10, `negatives from ${[...cultures].join(', ')}`);
  });

  it('never uses a listed name as a negative query', () => {
    const listed = new Set<string>();
    const exact = new Set<string>();
    for (const e of entities) {
      for (const n of e.names) {
        for (const v of [n.value, ...n.value.split(/\s*;\s*/)]) {
          listed.add(nameKey(v));
          exact.add(v.trim().toLowerCase());
        }
      }
    }
    const negatives = first.pairs.filter((p) => !p.label);
    assert.ok(negatives.length > 1000);
    for (const p of negatives) {
      for (const q of p.query.names) {
        assert.ok(!exact.has(q.trim().toLowerCase()), `${p.id}: "${q}" is a listed name`);
        assert.ok(!listed.has(nameKey(q)), `${p.id}: "${q}" has the tokens of a listed name`);
      }
    }
  });

  it('pairs every negative with a real list entity, and generated names share a token with it or its country', () => {
    const byId = new Map(entities.map((e) => [e.id, e]));
    for (const p of first.pairs) {
      const e = byId.get(p.entityId);
      assert.ok(e, `${p.id}: no entity ${p.entityId}`);
      if (p.kind === 'negative') assert.ok(p.note?.startsWith('shares'), `${p.id}: ${p.note}`);
    }
    const sharing = first.pairs.filter((p) => p.kind === 'negative' && !p.note?.includes('no token')).length;
    assert.ok(sharing > first.pairs.filter((p) => p.kind === 'negative').length * 0.7, `${sharing} negatives share a token`);
  });

  it('keeps the query apart from the candidate in alias pairs', () => {
    for (const p of first.pairs.filter((x) => x.kind === 'alias')) {
      assert.equal(p.candidate.names.length, 1);
      assert.notEqual(nameKey(p.query.names[0]!), nameKey(p.candidate.names[0]!), p.id);
    }
  });

  it('is a different set under another seed, and --limit keeps a seeded sample', () => {
    const other = buildScreeningSetFrom(entities, sources, { seed: 7 });
    assert.notDeepEqual(other.pairs.map((p) => p.id), first.pairs.map((p) => p.id));
    const a = buildScreeningSetFrom(entities, sources, { limit: 500 });
    const b = buildScreeningSetFrom(entities, sources, { limit: 500 });
    assert.equal(a.pairs.length, 500);
    assert.deepEqual(a.pairs, b.pairs);
    for (const kind of PAIR_KINDS) assert.ok(a.pairs.some((p) => p.kind === kind));
  });
});

describe('screening set helpers', () => {
  it('mulberry32 is a fixed sequence for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(xs, Array.from({ length: 5 }, mulberry32(43)));
  });

  it('folds names and classifies aliases without the engine', () => {
    assert.deepEqual(foldTokens('AL-DULAIMI, Khalaf'), ['al', 'dulaimi', 'khalaf']);
    assert.equal(nameKey('AL-DULAIMI, Khalaf'), nameKey('Khalaf Al Dulaimi'));
    assert.equal(aliasRelation('HARDAN, Assaad Halim', 'HARDAN, Assad'), 'subset');
    assert.equal(aliasRelation('SHEYMAN, Viktor Uladzimiravich', 'SHEIMAN, Viktar Uladzimiravich'), 'spelling');
    assert.equal(aliasRelation('ANGLO-CARIBBEAN CO., LTD.', 'AVIA IMPORT'), 'unrelated');
    assert.equal(aliasRelation('MOHAMED AMIN MOSTAFA', 'محمد أمين مصطفى'), 'script');
  });
});
