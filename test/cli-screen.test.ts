import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sextant } from './support/cli.ts';
import { LISTS } from './support/paths.ts';
import { freshDataDir } from './support/stores.ts';

/** `sextant screen`, as a user runs it, against the real UN list. */
describe('sextant screen', () => {
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    env = { SEXTANT_DATA: await freshDataDir() };
    dir = await mkdtemp(join(tmpdir(), 'sextant-cliscreen-'));
    const r = await sextant(['ingest', join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml')], env);
    assert.ok(r.code === 0 || r.code === 3, r.stderr);
  });

  it('screens one name, with explanations', async () => {
    const r = await sextant(['screen', '--name', 'Badege Eric', '--schema', 'Person', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.results[0].match, true);
    assert.match(out.results[0].caption, /BADEGE/i);
    const text = await sextant(['screen', '--name', 'Badege Eric'], env);
    assert.match(text.stdout, /MATCH/);
    assert.match(text.stdout, /name: "Badege Eric"/);
    const none = await sextant(['screen'], env);
    assert.equal(none.code, 2);
  });

  it('screens a CSV batch into JSON lines; a bad row is reported and skipped', async () => {
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.jsonl');
    await writeFile(input, 'name,schema,birth_date,country,id_number\nEric Badege,Person,,,\n,Person,,,\nJonathan Appleseed,Person,1980,us,\nGaston Iyamuremye,Spaceship,,,\n');
    const r = await sextant(['screen', '--input', input, '--output', output, '--json'], env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /in\.csv:3:/);
    assert.match(r.stderr, /in\.csv:5:/);
    const summary = JSON.parse(r.stdout);
    assert.deepEqual([summary.screened, summary.hits, summary.rejected], [2, 1, 2]);
    const lines = (await readFile(output, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.deepEqual(Object.keys(lines[0]), ['query', 'results']);
    assert.equal(lines[0].results[0].match, true);
  });

  it('records, lists and takes back decisions', async () => {
    const first = JSON.parse((await sextant(['screen', '--name', 'Eric Badege', '--schema', 'Person', '--json'], env)).stdout);
    const top = first.results[0].id as string;
    const neither = await sextant(['screen', 'decide', '--name', 'Eric Badege', '--entity', top], env);
    assert.equal(neither.code, 2);
    const d = await sextant(['screen', 'decide', '--name', 'Eric Badege', '--schema', 'Person', '--entity', top, '--no-match', '--note', 'other DOB', '--json'], env);
    assert.equal(d.code, 0, d.stderr);
    const id = JSON.parse(d.stdout).id as string;
    const after = JSON.parse((await sextant(['screen', '--name', 'Eric Badege', '--schema', 'Person', '--json'], env)).stdout);
    assert.ok(!after.results.some((r: { id: string }) => r.id === top));
    const list = await sextant(['screen', 'decisions'], env);
    assert.match(list.stdout, /no_match/);
    assert.equal((await sextant(['screen', 'undecide', id], env)).code, 0);
    const again = JSON.parse((await sextant(['screen', '--name', 'Eric Badege', '--schema', 'Person', '--json'], env)).stdout);
    assert.equal(again.results[0].id, top);
  });

  it('names a file it cannot read or write', async () => {
    const missing = await sextant(['screen', '--input', join(dir, 'nope.csv'), '--output', join(dir, 'o.jsonl')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.csv: ENOENT/);
    const input = join(dir, 'one.csv');
    await writeFile(input, 'name\nEric Badege\n');
    const unwritable = await sextant(['screen', '--input', input, '--output', join(dir, 'no-such-dir', 'o.jsonl')], env);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.stderr, /cannot write .*o\.jsonl: ENOENT/);
    const pairs = await sextant(['screen', 'compare', '--pairs', join(dir, 'nope.csv')], env);
    assert.equal(pairs.code, 1);
    assert.match(pairs.stderr, /cannot read/);
  });

  it('compares pairs without a list', async () => {
    const pairs = join(dir, 'pairs.csv');
    await writeFile(pairs, 'schema,name1,name2\nPerson,George Bush,George Habbash\nLegalEntity,EMMA LLC,Emma Daniels\nCompany,Rosneft OAO,ROSNEFT PAO\n');
    const r = await sextant(['screen', 'compare', '--pairs', pairs, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(rows[0]), ['name1', 'name2', 'schema', 'score', 'match', 'explanations']);
    assert.deepEqual(rows.map((x: { match: boolean }) => x.match), [false, false, true]);
  });
});
