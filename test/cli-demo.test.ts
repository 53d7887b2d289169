import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { sextant } from './support/cli.ts';

it('sextant demo simulates a world, loads every file under its agency with nothing rejected, and briefs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-demo-test-'));
  try {
    const env: Record<string, string> = { SEXTANT_DATA: '', DATABASE_URL: '' };
    const r = await sextant(['demo', '--out', dir, '--no-serve', '--scale', '0.05', '--days', '10'], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; agency: string; records: number }> };
    for (const f of manifest.files) {
      const line = r.stdout.split('\n').find((l) => l.trim().startsWith(f.path));
      assert.ok(line, `briefing names ${f.path}`);
      assert.match(line!, new RegExp(`${f.agency}\\s+${f.records} records`), line);
      assert.doesNotMatch(line!, /rejected/);
    }
    assert.match(r.stdout, /Screening: \d+ registry people and companies against exercise_list/);
    assert.match(r.stderr, /one-time password for admin/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
