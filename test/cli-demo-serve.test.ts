import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { REPO_ROOT } from './support/paths.ts';

/** A port nobody listens on now (the demo needs a number: 0 is not a port a user would give). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Resolves with the output so far once `pattern` matches it; rejects if the process ends first. */
function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, seen: { stdout: string; stderr: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = seen[stream].match(pattern);
      if (m) {
        child[stream]!.off('data', check);
        child.off('exit', ended);
        resolve(m);
      }
    };
    const ended = (code: number | null) => reject(new Error(`demo exited (${code}) before ${pattern}:\n${seen.stdout}\n${seen.stderr}`));
    child[stream]!.on('data', check);
    child.once('exit', ended);
    check();
  });
}

it('sextant demo serves the API with the world loaded: sign in, the lists, a screening hit on a listed name', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-demo-serve-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'sextant.js'), 'demo', '--out', dir, '--scale', '0.05', '--days', '10', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, SEXTANT_LOG_LEVEL: 'silent', SEXTANT_DATA: '', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (seen.stdout += d));
  child.stderr!.on('data', (d) => (seen.stderr += d));
  try {
    const [, address] = await waitFor(child, 'stdout', /sextant API on (http:\/\/\S+) /, seen);
    const [, password] = await waitFor(child, 'stderr', /one-time password for admin: (\S+)/, seen);
    assert.equal(address, `http://127.0.0.1:${port}`);

    const health = await fetch(`${address}/healthz`);
    assert.equal(health.status, 200);

    // Nothing but the public routes without signing in.
    assert.equal((await fetch(`${address}/lists`)).status, 401);

    const login = async (pw: string) => {
      const r = await fetch(`${address}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
      assert.equal(r.status, 200, await r.clone().text());
      const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await r.json()) as { csrfToken: string };
      return { cookie, csrf: csrfToken };
    };
    const first = await login(password!);
    const next = 'demo-serve-test-password-1';
    const changed = await fetch(`${address}/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie, 'x-csrf-token': first.csrf },
      body: JSON.stringify({ current: password, next }),
    });
    assert.equal(changed.status, 200, await changed.clone().text());
    const s = await login(next);
    const headers = { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf };

    // The exercise's sanctions list is loaded with every designation the manifest counted.
    const { lists } = (await (await fetch(`${address}/lists`, { headers })).json()) as { lists: Array<{ dataset: string; designations: number }> };
    const exercise = lists.find((l) => l.dataset === 'exercise_list');
    assert.ok(exercise, JSON.stringify(lists));
    const listed = (await readFile(join(dir, 'sanctions', 'exercise_list.ftm.json'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    assert.equal(exercise!.designations, listed.filter((e) => e.schema === 'Sanction').length);

    // Screening a listed person's name finds that person first.
    const person = listed.find((e) => e.schema === 'Person')!;
    const name = person.properties.name![0]!;
    const match = await fetch(`${address}/match/exercise_list`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: [name] } } } }),
    });
    assert.equal(match.status, 200, await match.clone().text());
    const body = (await match.json()) as { responses: { q: { results: Array<{ id: string; score: number; match: boolean }> } } };
    const top = body.responses.q.results[0];
    assert.ok(top, `a result for ${name}`);
    assert.equal(top.match, true);
    assert.ok(top.id.length > 0 && body.responses.q.results.some((r) => r.score >= 0.99), JSON.stringify(body.responses.q.results.slice(0, 2)));

    // The registry is loaded too: the listed person's entity can be read by id.
    const entity = await fetch(`${address}/entities/${encodeURIComponent(top.id)}`, { headers });
    assert.equal(entity.status, 200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    await rm(dir, { recursive: true, force: true });
  }
});
