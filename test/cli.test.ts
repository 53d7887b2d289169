import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sextant } from './support/cli.ts';
import { LISTS } from './support/paths.ts';
import { freshDatabaseUrl, freshDataDir } from './support/stores.ts';

describe('sextant CLI', () => {
  let data: string;
  let env: Record<string, string>;
  before(async () => {
    data = await freshDataDir();
    env = { SEXTANT_DATA: data };
  });

  it('has --help on every command and exits 2 on usage errors', async () => {
    for (const cmd of [[], ['ingest'], ['lists'], ['lists', 'diff'], ['lists', 'update'], ['lists', 'changes'], ['entity'], ['search'], ['export'], ['serve']]) {
      const r = await sextant([...cmd, '--help'], env);
      assert.equal(r.code, 0, `${cmd.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage: sextant/);
    }
    const bad = await sextant(['search'], env);
    assert.equal(bad.code, 2);
    const unknown = await sextant(['frobnicate'], env);
    assert.equal(unknown.code, 2);
    const badFormat = await sextant(['ingest', '--format', 'nope', join(LISTS, 'us_bis_dpl', 'dpl.txt')], env);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /unknown format "nope"/);
  });

  it('ingests with --json in the contract shape, and lists the list', async () => {
    const r = await sextant(['ingest', '--json', join(LISTS, 'us_bis_dpl', 'dpl.txt'), join(LISTS, 'opensanctions_ftm_samples', 't1.entities.ftm.json')], env);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.deepEqual(Object.keys(lines[0]).slice(0, 8), ['path', 'format', 'dataset', 'records', 'accepted', 'rejected', 'entities', 'statements']);
    assert.equal(lines[0].format, 'bis_dpl');
    assert.equal(lines[0].records, 581);
    assert.equal(lines[1].format, 'ftm');
    // t1 refers to addresses it does not ship: those references are refused, so the run is partial.
    assert.equal(r.code, lines.some((l: { rejected: number; rejectedValues: number }) => l.rejected + l.rejectedValues > 0) ? 3 : 0);

    const lists = await sextant(['lists', '--json'], env);
    assert.equal(lists.code, 0);
    const rows = JSON.parse(lists.stdout);
    const dpl = rows.find((x: { dataset: string }) => x.dataset === 'bis_dpl');
    assert.deepEqual(Object.keys(dpl).slice(0, 6), ['dataset', 'authority', 'version', 'designations', 'added', 'removed']);
    assert.equal(dpl.designations, 581);
    const human = await sextant(['lists'], env);
    assert.match(human.stdout, /bis_dpl/);
  });

  it('reports bad input naming file and line, keeps the good records, exits 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sextant-cli-bad-'));
    const file = join(dir, 'broken.csv');
    const dpl = (await readFile(join(LISTS, 'us_bis_dpl', 'dpl.txt'), 'utf8')).split('\n');
    // header, two good rows, a row with a missing column, one more good row
    const broken = [dpl[0], dpl[1], dpl[2], dpl[3]!.split('\t').slice(0, 5).join('\t'), dpl[4]].join('\n') + '\n';
    await writeFile(file, broken);
    const r = await sextant(['ingest', '--dataset', 'dpl_broken', file], env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4`));
    assert.match(r.stdout, /3 accepted, 1 rejected/);

    const xml = join(dir, 'truncated.xml');
    const full = await readFile(join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml'), 'utf8');
    await writeFile(xml, full.slice(0, Math.floor(full.length / 3)));
    const t = await sextant(['ingest', '--json', '--dataset', 'un_truncated', xml], env);
    assert.equal(t.code, 3);
    const s = JSON.parse(t.stdout);
    assert.ok(s.accepted > 100 && s.rejected === 1, JSON.stringify(s));
  });

  it('shows entities, searches, exports FtM', async () => {
    const search = await sextant(['search', '--json', '--limit', '3', 'AARON ABRAHAM VILLA'], env);
    assert.equal(search.code, 0, search.stderr);
    const hits = JSON.parse(search.stdout);
    assert.ok(hits.total >= 1);
    const id = hits.results[0].id;
    const entity = await sextant(['entity', '--json', id], env);
    const view = JSON.parse(entity.stdout);
    assert.equal(view.id, id);
    assert.ok(view.provenance.name[0].dataset === 'bis_dpl');
    assert.ok(view.related.some((r: { schema: string }) => r.schema === 'Sanction'));
    const missing = await sextant(['entity', 'no-such-entity'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no entity no-such-entity/);
    const exp = await sextant(['export', '--dataset', 'bis_dpl'], env);
    const entities = exp.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(entities.filter((e: { schema: string }) => e.schema === 'Sanction').length, 581);
  });

  it('diffs two lists', async () => {
    const r = await sextant(['ingest', join(LISTS, 'us_csl_excerpt_2019', 'csl.csv')], env);
    assert.ok(r.code === 0 || r.code === 3, r.stderr);
    const diff = await sextant(['lists', 'diff', '--json', 'us_csl', 'bis_dpl'], env);
    assert.equal(diff.code, 0, diff.stderr);
    const d = JSON.parse(diff.stdout);
    assert.ok(d.inBoth.length > 0, 'the CSL excerpt carries DPL entries');
    assert.ok(d.inBoth[0].evidence.details[0].length > 0);
  });

  it('runs against PostgreSQL through --database-url', async () => {
    const { url, drop } = await freshDatabaseUrl();
    try {
      const r = await sextant(['ingest', '--json', '--database-url', url, join(LISTS, 'ofac_consolidated_nonsdn_2025-12')], {});
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).records, 442);
      const lists = await sextant(['lists', '--json'], { DATABASE_URL: url });
      assert.equal(JSON.parse(lists.stdout)[0].designations, 442);
    } finally {
      await drop();
    }
  });

  describe('lists update', () => {
    let server: Server;
    let base: string;
    before(async () => {
      // A local stand-in for the publishers, serving the real files in ../shared/data/lists.
      server = createServer(async (req, res) => {
        const path = join(LISTS, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
        if (!path.startsWith(LISTS) || !(await stat(path).catch(() => null))?.isFile()) {
          res.writeHead(404).end('not found');
          return;
        }
        // The OFAC files as published on a day; the UN file with a header its own date must win over; BIS with an unreadable one.
        const lastModified = path.includes('ofac_sdn') ? 'Wed, 21 Jul 2021 14:03:00 GMT' : path.includes('un_sc') ? 'Mon, 02 Mar 2026 08:00:00 GMT' : 'yesterday';
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'last-modified': lastModified });
        createReadStream(path).pipe(res);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const addr = server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    it('downloads the configured sources and ingests them as versions; a failing source does not stop the others', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sextant-update-'));
      const config = join(dir, 'sextant.config.json');
      const sdnFiles = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
      await writeFile(
        config,
        JSON.stringify({
          listSources: [
            { dataset: 'ofac_sdn', format: 'ofac_sdn', urls: sdnFiles.map((f) => `${base}/ofac_sdn_2021-07/${f}`), files: sdnFiles },
            { dataset: 'un_sc', format: 'un_sc', urls: [`${base}/un_sc_consolidated_2026-02-27/consolidated.xml`], files: ['consolidated.xml'] },
            { dataset: 'gone', format: 'bis_dpl', urls: [`${base}/missing/dpl.txt`], files: ['dpl.txt'] },
          ],
        }),
      );
      const updData = await freshDataDir();
      const r = await sextant(['lists', 'update', '--json', '--config', config], { SEXTANT_DATA: updData });
      assert.equal(r.code, 3, r.stderr + r.stdout);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.find((l) => l.dataset === 'ofac_sdn').records, 8976);
      assert.equal(lines.find((l) => l.dataset === 'un_sc').records, 1003);
      assert.match(lines.find((l) => l.dataset === 'gone').error, /HTTP 404/);
      const again = await sextant(['lists', 'update', '--json', '--only', 'un_sc', '--config', config], { SEXTANT_DATA: updData });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).version.new, false);
      // Versions dated by the publisher: Last-Modified for the undated OFAC set, the file's own date for the UN list.
      const listed = await sextant(['lists', '--json'], { SEXTANT_DATA: updData });
      const versions = JSON.parse(listed.stdout) as Array<{ dataset: string; versionDate: string | null }>;
      assert.equal(versions.find((v) => v.dataset === 'ofac_sdn')?.versionDate, '2021-07-21');
      assert.equal(versions.find((v) => v.dataset === 'un_sc')?.versionDate, '2026-02-27');
    });
  });
});
