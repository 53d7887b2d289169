import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openStore } from '../src/store/index.ts';
import { sextant } from './support/cli.ts';
import { freshDataDir } from './support/stores.ts';

/** `sextant ingest --version-date`: a list's publication date when its files carry none; a delisting ends on it. */
describe('sextant ingest --version-date', () => {
  let env: Record<string, string>;
  let dataDir: string;
  let dir: string;
  before(async () => {
    dataDir = await freshDataDir();
    env = { SEXTANT_DATA: dataDir };
    dir = await mkdtemp(join(tmpdir(), 'sextant-vd-'));
  });

  it("dates the version and ends a delisted designation on that day, not on the day of the ingest", async () => {
    const line = (o: unknown) => JSON.stringify(o) + '\n';
    const person = { id: 'vd-p', schema: 'Person', properties: { name: ['Talvo Mirensk'] } };
    const kept = { id: 'vd-k', schema: 'Person', properties: { name: ['Orsa Kelveny'] } };
    const sanction = (id: string, entity: string) => ({ id, schema: 'Sanction', properties: { entity: [entity], authority: ['Test Authority'] } });
    await writeFile(join(dir, 'v1.ftm.json'), line(person) + line(kept) + line(sanction('vd-s1', 'vd-p')) + line(sanction('vd-s2', 'vd-k')));
    await writeFile(join(dir, 'v2.ftm.json'), line(person) + line(kept) + line(sanction('vd-s2', 'vd-k')));
    const first = await sextant(['ingest', '--json', '--dataset', 'vd_list', '--version-date', '2024-01-15', join(dir, 'v1.ftm.json')], env);
    assert.equal(first.code, 0, first.stderr);
    const second = await sextant(['ingest', '--json', '--dataset', 'vd_list', '--version-date', '2024-05-03', join(dir, 'v2.ftm.json')], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).version.removed, 1);
    const store = await openStore({ kind: 'pglite', dataDir });
    try {
      const ends = await store.db.query<{ entity_id: string; value: string }>(`SELECT entity_id, value FROM statements WHERE dataset = 'vd_list' AND prop = 'endDate'`);
      assert.deepEqual(ends, [{ entity_id: 'vd-s1', value: '2024-05-03' }]);
      const versions = await store.lists.versions('vd_list');
      assert.deepEqual(versions.map((v) => v.version_date), ['2024-01-15', '2024-05-03']);
    } finally {
      await store.close();
    }
  });

  it('refuses a date that is not a calendar day, as a usage error naming the option', async () => {
    for (const bad of ['2024-02-30', '03/05/2024', '2024-5-3']) {
      const r = await sextant(['ingest', '--version-date', bad, join(dir, 'v1.ftm.json')], env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--version-date .* not a date in the form YYYY-MM-DD/);
    }
  });
});
