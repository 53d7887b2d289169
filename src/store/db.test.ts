import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { initPgliteDir, openDb } from './db.ts';

describe('a new PGlite data directory', () => {
  const roots: string[] = [];
  const root = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'sextant-initdb-'));
    roots.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of roots) await rm(dir, { recursive: true, force: true });
  });

  it('is created by a child process, renamed into place complete, and opens', async () => {
    const parent = await root();
    const dataDir = join(parent, 'nested', 'db');
    await mkdir(join(parent, 'nested'));
    assert.equal(await initPgliteDir(dataDir), 'created');
    assert.ok(existsSync(join(dataDir, 'PG_VERSION')));
    // No staging directory is left beside it.
    assert.deepEqual(await readdir(join(parent, 'nested')), ['db']);
    assert.equal(await initPgliteDir(dataDir), 'exists');
    const db = await openDb({ kind: 'pglite', dataDir });
    try {
      assert.deepEqual(await db.query('SELECT 1 + 1 AS two'), [{ two: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('an empty directory that exists is used; two openers racing both end with one database', async () => {
    const dataDir = join(await root(), 'db');
    await mkdir(dataDir);
    const results = await Promise.all([initPgliteDir(dataDir), initPgliteDir(dataDir)]);
    assert.deepEqual([...results].sort(), ['created', 'exists']);
    assert.ok(existsSync(join(dataDir, 'PG_VERSION')));
    assert.equal((await readdir(join(dataDir, '..'))).length, 1);
  });

  it('a directory holding other files is not touched (PGlite decides, as before)', async () => {
    const dataDir = join(await root(), 'db');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'not a database');
    assert.equal(await initPgliteDir(dataDir), 'in-process');
    assert.deepEqual(await readdir(dataDir), ['notes.txt']);
  });
});
