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
