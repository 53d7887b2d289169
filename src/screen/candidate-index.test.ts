import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatementRow } from '../store/statements.ts';
import { CandidateIndex, minimumShared } from './candidate-index.ts';
import { prepareSubject } from './compare.ts';

function rows(id: string, name: string): StatementRow[] {
  const base = { entity_id: id, schema: 'Company', dataset: 'd', agency: 'local', marking: 'TLP:CLEAR', first_seen: '', last_seen: '', original: null, match: null, source_record: null };
  return [{ ...base, id: `${id}-n`, prop: 'name', value: name, prop_type: 'name' }];
}

describe('candidate index', () => {
  it('replacing entries again and again keeps memory bounded (postings are compacted) and search right', () => {
    const index = new CandidateIndex();
    for (let round = 0; round < 5; round++) for (let i = 0; i < 800; i++) index.upsert(`e${i}`, rows(`e${i}`, `Company Number ${i} Zeta${i}`));
    assert.equal(index.size, 800);
    assert.ok(index.slots <= 800 + Math.max(1000, 800) + 1, `slots ${index.slots}`);
    const [hit] = index.search(prepareSubject({ schema: 'Company', names: ['Zeta417 Company Number 417'] }), { limit: 1, visible: () => true });
    assert.equal(hit?.entry.id, 'e417');
  });

  it('compares only the values a viewer may see', () => {
    const index = new CandidateIndex();
    index.upsert('x', rows('x', 'Quxbar Holdings'));
    const query = prepareSubject({ schema: 'Company', names: ['Quxbar Holdings'] });
    assert.equal(index.search(query, { limit: 1, visible: () => false }).length, 0);
    assert.equal(index.search(query, { limit: 1, visible: () => true })[0]?.entry.id, 'x');
  });

  it('with mostWords, compares only entries most of a name\'s words reach (or an identifier), and still finds a misspelt name', () => {
    const index = new CandidateIndex();
    index.upsert('both', rows('both', 'Volkova Trading Zhemchug'));
    index.upsert('one', rows('one', 'Volkova Shipping'));
    index.upsert('typo', rows('typo', 'Zhemchug Volkovva'));
    const base = { entity_id: 'ided', schema: 'Company', dataset: 'd', agency: 'local', marking: 'TLP:CLEAR', first_seen: '', last_seen: '', original: null, match: null, source_record: null };
    index.upsert('ided', [...rows('ided', 'Entirely Other'), { ...base, id: 'ided-r', prop: 'registrationNumber', value: '7701234567', prop_type: 'identifier' }]);
    const ids = (names: string[], mostWords: boolean, identifiers = {}) =>
      index.search(prepareSubject({ schema: 'Company', names, identifiers }), { limit: 10, visible: () => true, mostWords }).map((h) => h.entry.id).sort();
    // Without the bound, an entry one word reaches is compared (and scored); with it, it is not.
    assert.ok(ids(['Volkova Zhemchug'], false).includes('one'));
    assert.deepEqual(ids(['Volkova Zhemchug'], true), ['both', 'typo']);
    // An identifier reaches on its own.
    assert.ok(ids(['Nothing Alike'], true, { registrationNumber: ['7701234567'] }).includes('ided'));
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(minimumShared), [1, 2, 2, 3, 3, 4, 4]);
  });

  it('a query in Arabic script reaches a Latin entry by its consonants, among look-alikes it does not reach', () => {
    const index = new CandidateIndex();
    const person = (id: string, name: string) => rows(id, name).map((r) => ({ ...r, schema: 'Person' }));
    index.upsert('akkacha', person('akkacha', 'DJAMEL AKKACHA'));
    index.upsert('hussain', person('hussain', 'OMAR ALI HUSSAIN'));
    index.upsert('other', person('other', 'Hamid Karimi'));
    for (let i = 0; i < 50; i++) index.upsert(`filler${i}`, person(`filler${i}`, `Person Number${i} Filler`));
    for (const [query, id] of [['جمال عكاشة', 'akkacha'], ['عمر علي حسين', 'hussain']] as const) {
      const hits = index.search(prepareSubject({ schema: 'Person', names: [query] }), { limit: 5, visible: () => true, mostWords: true });
      assert.equal(hits[0]?.entry.id, id, query);
      assert.ok(hits[0]!.score >= 0.7, String(hits[0]!.score));
      assert.ok(!hits.some((h) => h.entry.id === 'other'));
    }
  });

  it('compares the best-reached acceptable entries, in order, also when every one of the best few is refused', () => {
    // Entry k-i holds the query's first k words: the more it shares, the better it ranks; equal ones in the order added.
    const words = ['Quorvex', 'Plimbat', 'Zandrik', 'Wultomo', 'Yersiga'];
    const index = new CandidateIndex();
    for (let i = 0; i < 6; i++) for (let k = 1; k <= 5; k++) index.upsert(`${k}-${i}`, rows(`${k}-${i}`, `${words.slice(0, k).join(' ')} Tarnholm${i}`));
    const query = prepareSubject({ schema: 'Company', names: [words.join(' ')] });
    const compared = (accept: (id: string) => boolean, candidates: number) =>
      index.ranked(query, { candidates, visible: () => true, accept: (e) => accept(e.id) }).map((h) => h.entry.id).sort();
    assert.deepEqual(compared(() => true, 3), ['5-0', '5-1', '5-2']);
    // The twelve best (all five words, or four) refused: the next best are the first three added with three words.
    assert.deepEqual(compared((id) => !id.startsWith('5-') && !id.startsWith('4-'), 3), ['3-0', '3-1', '3-2']);
    assert.deepEqual(compared((id) => id.startsWith('1-'), 2), ['1-0', '1-1']);
    assert.equal(compared(() => true, 100).length, 30);
  });
});
