import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatementRow } from '../store/statements.ts';
import { bestMatches, bestMatchesParallel, type BestMatchQuery } from './best-match.ts';
import { CandidateIndex } from './candidate-index.ts';
import { prepareSubject } from './compare.ts';
import { toSubject } from './query.ts';

function rows(id: string, schema: string, props: Record<string, string[]>): StatementRow[] {
  const out: StatementRow[] = [];
  for (const [prop, values] of Object.entries(props)) {
    for (const value of values) {
      out.push({
        id: `${id}-${prop}-${value}`, dataset: 'list', entity_id: id, prop, value, schema,
        prop_type: prop === 'name' || prop === 'alias' ? 'name' : prop === 'birthDate' ? 'date' : 'text',
        original: null, match: null, source_record: id, agency: 'local', marking: 'TLP:CLEAR',
        first_seen: '2026-01-01T00:00:00.000Z', last_seen: '2026-01-01T00:00:00.000Z',
      });
    }
  }
  return out;
}

const ENTRIES: Array<[string, StatementRow[]]> = [
  ['l-1', rows('l-1', 'Person', { name: ['Viktor Anatolyevich Bout'], birthDate: ['1967-01-13'] })],
  ['l-2', rows('l-2', 'Company', { name: ['Sea Bird Shipping LLC'] })],
  ['l-3', rows('l-3', 'Vessel', { name: ['Ocean Star'] })],
  ['l-4', rows('l-4', 'Person', { name: ['Hassan Ali Mahmoud'] })],
];

/** Many queries, most of them unrelated, a few of them the listed under other spellings, one a listed id itself. */
function queries(n: number): BestMatchQuery[] {
  const out: BestMatchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k === 0) out.push({ id: `q-${i}`, query: { schema: 'Person', properties: { name: ['Viktor Bout'] } } });
    else if (k === 1) out.push({ id: `q-${i}`, query: { schema: 'Company', properties: { name: ['SEA BIRD SHIPPING L.L.C.'] } } });
    // A person named like the vessel: schemata that cannot match never do.
    else if (k === 2) out.push({ id: `q-${i}`, query: { schema: 'Person', properties: { name: ['Ocean Star'] } } });
    else if (k === 3) out.push({ id: 'l-4', query: { schema: 'Person', properties: { name: ['Hassan Ali Mahmoud'] } } });
    else out.push({ id: `q-${i}`, query: { schema: 'Company', properties: { name: [`Unrelated Widgets ${i} GmbH`] } } });
  }
  return out;
}

describe('best matches of many queries', () => {
  it('finds the listed under other spellings and nothing for the rest', () => {
    const got = bestMatches({ entries: ENTRIES, queries: queries(5), candidates: 10 });
    assert.equal(got[0]?.id, 'l-1');
    assert.equal(got[1]?.id, 'l-2');
    assert.ok(got[1]!.score >= 0.9);
    assert.equal(got[2], null, 'a Person never matches a Vessel');
    assert.equal(got[3], null, 'an entity is not its own match');
    assert.equal(got[4], null);
  });

  it('scores as the explained search does: the best score and entity of each query are search\'s first hit', () => {
    const index = new CandidateIndex();
    for (const [id, r] of ENTRIES) index.upsert(id, r);
    const all = () => true;
    const got = bestMatches({ entries: ENTRIES, queries: queries(10), candidates: 10 });
    queries(10).forEach(({ id, query }, i) => {
      const hit = index.search(prepareSubject(toSubject(query, id)), { limit: 5, candidates: 10, visible: all, mostWords: true }).find((h) => h.entry.id !== id);
      assert.deepEqual(got[i], hit ? { id: hit.entry.id, score: hit.score } : null);
    });
  });

  it('gives the same answers split between worker threads as in one thread, in query order', async () => {
    const job = { entries: ENTRIES, queries: queries(400), candidates: 10 };
    const one = bestMatches(job);
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(w.code ?? w.message);
    process.on('warning', onWarning);
    const split = await bestMatchesParallel(job, { workers: 3, minQueries: 0 });
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(warnings, [], 'the worker threads ran (a failed one warns SEXTANT_SCREEN_WORKER)');
    assert.deepEqual(split, one);
    assert.equal(split.length, 400);
    assert.equal(split.filter((m) => m?.id === 'l-1').length, 80);
    const inThread = await bestMatchesParallel(job, { workers: 1, minQueries: 0 });
    assert.deepEqual(inThread, one);
  });
});
