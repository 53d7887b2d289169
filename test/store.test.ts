import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { SextantError } from '../src/errors.ts';
import { ingest, type IngestSummary } from '../src/readers/ingest.ts';
import { EntityService } from '../src/store/entity-service.ts';
import { exportEntities } from '../src/store/export.ts';
import { ListService } from '../src/store/list-service.ts';
import type { Store } from '../src/store/index.ts';
import { LISTS } from './support/paths.ts';
import { operatorScope } from './support/governance.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

const QUARANTINE = await mkdtemp(join(tmpdir(), 'sextant-q-'));

function run(store: Store, path: string, extra: { dataset?: string; format?: string } = {}): Promise<IngestSummary> {
  return ingest(store, { path, quarantineDir: QUARANTINE, ...extra });
}

async function count(store: Store, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await store.db.query<{ n: number }>(sql, params);
  return Number(row!.n);
}

async function statementSet(store: Store, dataset: string): Promise<string[]> {
  const rows = await store.db.query<{ k: string }>(
    `SELECT entity_id || '|' || schema || '|' || prop || '|' || value AS k FROM statements WHERE dataset = $1 ORDER BY 1`,
    [dataset],
  );
  return rows.map((r) => r.k);
}

/** SDN entity numbers, read independently of the reader: the first CSV field of each row. */
function entNums(path: string): Set<string> {
  return new Set(
    readFileSync(path, 'utf8')
      .split('\r\n')
      .map((l) => l.split(',')[0]!)
      .filter((n) => /^\d+$/.test(n)),
  );
}

for (const kind of STORE_KINDS) {
  describe(`statement store on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
    });
    after(async () => t?.dispose());

    it('ingests every shared list with the published counts', async () => {
      const s = t.store;
      const sdn = await run(s, join(LISTS, 'ofac_sdn_2021-07'), { dataset: 'sdn_2021' });
      assert.equal(sdn.format, 'ofac_sdn');
      assert.equal(sdn.records, 8976);
      assert.equal(sdn.rejected, 0);
      assert.equal(sdn.version?.designations, 8976);
      const bySchema = await s.db.query<{ schema: string; n: number }>(
        `SELECT v.schema, count(DISTINCT v.entity_id)::int AS n FROM statements v
         JOIN version_entities e ON e.entity_id = v.entity_id AND e.dataset = v.dataset AND e.designated
         WHERE v.dataset = 'sdn_2021' GROUP BY v.schema ORDER BY v.schema`,
      );
      assert.deepEqual(Object.fromEntries(bySchema.map((r) => [r.schema, r.n])), { Airplane: 277, Organization: 3673, Person: 4620, Vessel: 406 });
      // Every one of the 11,910 aliases of alt.csv is attached to its entity: read
      // alt.csv independently of the reader and find each (entity, name) in the store.
      const altRows = parseCsv(readFileSync(join(LISTS, 'ofac_sdn_2021-07', 'alt.csv')), { relax_quotes: true, relax_column_count: true })
        .filter((r: string[]) => /^\d+$/.test(r[0] ?? ''));
      assert.equal(altRows.length, 11910);
      const stored = new Set(
        (
          await s.db.query<{ k: string }>(
            `SELECT entity_id || '|' || lower(value) AS k FROM statements
             WHERE dataset = 'sdn_2021' AND prop IN ('alias', 'previousName', 'weakAlias')`,
          )
        ).map((r) => r.k),
      );
      const missing = altRows.filter((r: string[]) => !stored.has(`sdn_2021-${r[0]}|${r[3]!.trim().replace(/\s+/g, ' ').normalize('NFC').toLowerCase()}`));
      assert.deepEqual(missing.slice(0, 5), []);

      const sdn2024 = await run(s, join(LISTS, 'ofac_sdn_2024-05-03'), { dataset: 'sdn_2024' });
      assert.equal(sdn2024.version?.designations, 14965);
      const cons = await run(s, join(LISTS, 'ofac_consolidated_nonsdn_2025-12'));
      assert.equal(cons.dataset, 'ofac_cons');
      assert.equal(cons.version?.designations, 442);
      const un = await run(s, join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml'));
      assert.equal(un.dataset, 'un_sc');
      assert.equal(un.rejected, 0);
      assert.equal(un.version?.designations, 1003);
      const unPeople = await count(s, `SELECT count(DISTINCT entity_id)::int AS n FROM statements WHERE dataset = 'un_sc' AND schema = 'Person'`);
      const unOrgs = await count(s, `SELECT count(DISTINCT entity_id)::int AS n FROM statements WHERE dataset = 'un_sc' AND schema = 'Organization'`);
      assert.equal(unPeople, 730);
      assert.equal(unOrgs, 273);
      const dpl = await run(s, join(LISTS, 'us_bis_dpl', 'dpl.txt'));
      assert.equal(dpl.records, 581);
      assert.equal(dpl.version?.designations, 581);
      const csl = await run(s, join(LISTS, 'us_csl_excerpt_2019', 'csl.csv'));
      assert.equal(csl.records, 115);

      const lists = await new ListService(s).summaries(await operatorScope(s));
      const byName = Object.fromEntries(lists.map((l) => [l.dataset, l]));
      assert.equal(byName.sdn_2021?.designations, 8976);
      assert.equal(byName.un_sc?.authority, 'United Nations Security Council');
      assert.equal(byName.un_sc?.versionDate, '2026-02-27');
    });

    it('re-ingesting a file changes nothing but last_seen', async () => {
      const s = t.store;
      const before = await s.db.query(
        `SELECT dataset, entity_id, prop, value, schema, original, match, source_record, agency, marking, first_seen, last_seen
         FROM statements WHERE dataset = 'un_sc' ORDER BY entity_id, prop, value`,
      );
      const versionsBefore = await count(s, `SELECT count(*)::int AS n FROM list_versions WHERE dataset = 'un_sc'`);
      const again = await run(s, join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml'));
      assert.equal(again.version?.new, false);
      const afterRows = await s.db.query<Record<string, unknown>>(
        `SELECT dataset, entity_id, prop, value, schema, original, match, source_record, agency, marking, first_seen, last_seen
         FROM statements WHERE dataset = 'un_sc' ORDER BY entity_id, prop, value`,
      );
      assert.equal(afterRows.length, before.length);
      const strip = (r: Record<string, unknown>) => ({ ...r, last_seen: undefined, first_seen: String(r.first_seen) });
      assert.deepEqual(afterRows.map(strip), before.map(strip));
      assert.ok(afterRows.every((r, i) => new Date(String(r.last_seen)) > new Date(String(before[i]!.last_seen))));
      assert.equal(await count(s, `SELECT count(*)::int AS n FROM list_versions WHERE dataset = 'un_sc'`), versionsBefore);
    });

    it('re-ingest updates statements in place: each stays on its page (HOT), so no index grows', async () => {
      const s = t.store;
      // The page a row version lies on; a non-HOT update moves the row to a new page.
      const pages = async () =>
        new Map(
          (
            await s.db.query<{ id: string; page: number }>(
              `SELECT id, (ctid::text::point)[0]::int AS page FROM statements WHERE dataset = 'dpl_pages'`,
            )
          ).map((r) => [r.id, Number(r.page)]),
        );
      await run(s, join(LISTS, 'us_bis_dpl', 'dpl.txt'), { dataset: 'dpl_pages' });
      const before = await pages();
      await run(s, join(LISTS, 'us_bis_dpl', 'dpl.txt'), { dataset: 'dpl_pages' });
      const afterPages = await pages();
      assert.equal(afterPages.size, before.size);
      assert.ok(before.size > 1000, `${before.size} statements`);
      const stayed = [...before].filter(([id, page]) => afterPages.get(id) === page).length;
      assert.ok(stayed / before.size > 0.95, `${stayed} of ${before.size} statements stayed on their page`);
    });

    it('a newer list becomes a new version with its additions and removals; lifted sanctions get an end date', async () => {
      const s = t.store;
      const v1 = await run(s, join(LISTS, 'ofac_sdn_2021-07', 'sdn.csv'), { dataset: 'ofac_sdn' });
      assert.equal(v1.version?.version, 1);
      const v2 = await run(s, join(LISTS, 'ofac_sdn_2024-05-03'), { dataset: 'ofac_sdn' });
      const old = entNums(join(LISTS, 'ofac_sdn_2021-07', 'sdn.csv'));
      const cur = entNums(join(LISTS, 'ofac_sdn_2024-05-03', 'sdn.csv'));
      const added = [...cur].filter((n) => !old.has(n)).length;
      const removed = [...old].filter((n) => !cur.has(n)).length;
      assert.ok(added > 0 && removed > 0);
      assert.equal(v2.version?.version, 2);
      assert.equal(v2.version?.added, added);
      assert.equal(v2.version?.removed, removed);

      const changes = await new ListService(s).changes('ofac_sdn', { kind: 'removed', limit: 5, offset: 0 }, await operatorScope(s));
      assert.equal(changes.total, removed);
      const gone = changes.changes[0]!;
      const sanction = await new EntityService(s).get(`${gone.id}-sanction`, await operatorScope(s));
      assert.ok(sanction.properties.endDate?.length === 1, 'a delisted designation gets an end date');
      assert.ok(sanction.properties.program, 'and keeps its history');

      // Re-ingesting the older file is recognised as version 1, not a new version.
      const again = await run(s, join(LISTS, 'ofac_sdn_2021-07', 'sdn.csv'), { dataset: 'ofac_sdn' });
      assert.deepEqual([again.version?.version, again.version?.new], [1, false]);
    });

    it('export then ingest into a fresh store gives the same statements', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sextant-export-'));
      for (const dataset of ['un_sc', 'sdn_2021']) {
        const file = join(dir, `${dataset}.ftm.json`);
        const lines: string[] = [];
        for await (const e of exportEntities(t.store, dataset, (rows) => rows)) lines.push(JSON.stringify(e));
        await writeFile(file, lines.join('\n') + '\n');
        const other = await freshStore(kind);
        try {
          const summary = await run(other.store, file, { dataset });
          assert.equal(summary.rejected, 0);
          assert.equal(summary.rejectedValues, 0);
          assert.deepEqual(await statementSet(other.store, dataset), await statementSet(t.store, dataset));
        } finally {
          await other.dispose();
        }
      }
    });

    it('bad FtM input: each bad line is refused with file and line, good records land', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sextant-bad-'));
      const file = join(dir, 'bad.ftm.json');
      const good = (id: string, name: string) => JSON.stringify({ id, schema: 'Company', properties: { name: [name], jurisdiction: ['Cyprus'] } });
      const lines = [
        good('c-1', 'Alpha Trading Ltd'),
        '{"id": "c-2", "schema": "Company", "properties": {', // not JSON
        JSON.stringify({ id: 'c-3', schema: 'Spaceship', properties: { name: ['X'] } }), // unknown schema
        JSON.stringify({ id: 'o-1', schema: 'Ownership', properties: { owner: ['c-1'], asset: ['nobody'] } }), // dangling
        good('c-4', 'Beta Shipping SA'),
        JSON.stringify({ id: 'o-2', schema: 'Ownership', properties: { owner: ['c-1'], asset: ['c-4'], percentage: ['60'] } }),
      ];
      const bytes = Buffer.concat([
        Buffer.from(lines.join('\n') + '\n'),
        Buffer.from('{"id": "c-5", "schema": "Company", "properties": {"name": ["Bad '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"]}}\n'),
      ]);
      await writeFile(file, bytes);
      const s = await run(t.store, file, { dataset: 'bad_input' });
      assert.equal(s.records, 7);
      assert.equal(s.rejected, 4);
      assert.equal(s.accepted, 3);
      const reasons = s.problems.map((p) => `${p.line}:${p.reason}`);
      assert.ok(reasons.some((r) => r.startsWith('2:not JSON')), reasons.join('\n'));
      assert.ok(reasons.some((r) => r.startsWith('3:unknown schema')), reasons.join('\n'));
      assert.ok(reasons.some((r) => r.startsWith('4:reference to unknown entity nobody')), reasons.join('\n'));
      assert.ok(reasons.some((r) => r.startsWith('7:invalid UTF-8')), reasons.join('\n'));
      assert.ok(s.problems.every((p) => p.file === file));
      const quarantined = readFileSync(s.quarantine!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(quarantined.length, s.problems.length);
      const view = await new EntityService(t.store).get('c-1', await operatorScope(t.store));
      assert.equal(view.properties.jurisdiction?.[0], 'cy');
      assert.ok(view.related.some((r) => r.id === 'o-2' && r.direction === 'incoming'));
      await assert.rejects(new EntityService(t.store).get('o-1', await operatorScope(t.store)), /no entity/);
    });

    it('reads in a worker thread or in this thread with the same statements, version and quarantine', async () => {
      const s = t.store;
      const path = join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml');
      const inWorker = await ingest(s, { path, quarantineDir: QUARANTINE, dataset: 'un_prepared', prepareInWorker: true });
      const written = await statementSet(s, 'un_prepared');
      assert.equal(written.length, inWorker.statements);
      const inThread = await ingest(s, { path, quarantineDir: QUARANTINE, dataset: 'un_prepared', prepareInWorker: false });
      // The same content hash (no new version) and the same statements, whichever thread read them.
      assert.equal(inWorker.version?.new, true);
      assert.equal(inThread.version?.new, false);
      assert.deepEqual(await statementSet(s, 'un_prepared'), written);
      const { version: _v1, quarantine: _q1, ...a } = inWorker;
      const { version: _v2, quarantine: _q2, ...b } = inThread;
      assert.deepEqual(a, b);

      // Refusals found in the worker reach the quarantine with their file and line; the same as in this thread.
      const dir = await mkdtemp(join(tmpdir(), 'sextant-worker-bad-'));
      const file = join(dir, 'mixed.ftm.json');
      const lines = Array.from({ length: 12_000 }, (_, i) =>
        i % 1000 === 7 ? '{"id": "broken", ' : JSON.stringify({ id: `w-${i}`, schema: 'Company', properties: { name: [`Worker Test ${i} Ltd`] } }),
      );
      await writeFile(file, lines.join('\n') + '\n');
      const viaWorker = await ingest(s, { path: file, quarantineDir: QUARANTINE, dataset: 'worker_mixed', prepareInWorker: true });
      const viaThread = await ingest(s, { path: file, quarantineDir: QUARANTINE, dataset: 'thread_mixed', prepareInWorker: false });
      assert.equal(viaWorker.rejected, 12);
      assert.equal(viaWorker.accepted, 12_000 - 12);
      assert.deepEqual(viaWorker.problems, viaThread.problems);
      assert.deepEqual(
        viaWorker.problems.map((p) => `${p.file}:${p.line}`).slice(0, 3),
        [`${file}:8`, `${file}:1008`, `${file}:2008`],
      );
      assert.equal(readFileSync(viaWorker.quarantine!, 'utf8').trim().split('\n').length, 12);
      assert.equal(await count(s, `SELECT count(*)::int AS n FROM statements WHERE dataset = 'worker_mixed'`), 12_000 - 12);
    });

    it('a reader error in the worker thread comes back as the same error, and the next input still reads', async () => {
      const empty = await mkdtemp(join(tmpdir(), 'sextant-empty-set-'));
      const inThread = await ingest(t.store, { path: empty, format: 'ofac_sdn', quarantineDir: QUARANTINE, dataset: 'no_set', prepareInWorker: false }).catch((e: unknown) => e);
      const inWorker = await ingest(t.store, { path: empty, format: 'ofac_sdn', quarantineDir: QUARANTINE, dataset: 'no_set', prepareInWorker: true }).catch((e: unknown) => e);
      assert.ok(inThread instanceof SextantError, String(inThread));
      assert.ok(inWorker instanceof SextantError, String(inWorker));
      assert.equal(inWorker.code, inThread.code);
      assert.equal(inWorker.message, inThread.message);
      const after = await ingest(t.store, { path: join(LISTS, 'us_bis_dpl', 'dpl.txt'), quarantineDir: QUARANTINE, dataset: 'dpl_after', prepareInWorker: true });
      assert.equal(after.records, 581);
    });

    it('a run whose write fails leaves no staging rows, in the worker thread or in this one', async () => {
      for (const prepareInWorker of [true, false]) {
        let writes = 0;
        const statements = Object.assign(Object.create(Object.getPrototypeOf(t.store.statements) as object) as Store['statements'], t.store.statements);
        const upsert = statements.upsert.bind(statements);
        statements.upsert = async (common, batch) => {
          if (++writes === 3) throw new Error('disk full (simulated)');
          return upsert(common, batch);
        };
        const failing: Store = { ...t.store, statements };
        await assert.rejects(
          ingest(failing, { path: join(LISTS, 'ofac_sdn_2021-07'), quarantineDir: QUARANTINE, dataset: 'failing_run', prepareInWorker }),
          /disk full \(simulated\)/,
        );
        assert.equal(writes, 3);
        assert.equal(await count(t.store, `SELECT count(*)::int AS n FROM ingest_entities`), 0);
        assert.equal(await count(t.store, `SELECT count(*)::int AS n FROM ingest_refs`), 0);
        assert.equal(await count(t.store, `SELECT count(*)::int AS n FROM list_versions WHERE dataset = 'failing_run'`), 0);
      }
    });

    it('searches names across scripts with pagination', async () => {
      const svc = new EntityService(t.store);
      const scope = await operatorScope(t.store);
      const r = await svc.search('BANCO NACIONAL DE CUBA', { limit: 3, offset: 0 }, scope);
      assert.ok(r.total >= 1);
      assert.match(r.results[0]!.name, /BANCO NACIONAL DE CUBA/i);
      const people = await svc.search('Ismail Haniya', { schema: 'Person', limit: 5, offset: 0 }, scope);
      assert.ok(people.results.every((h) => h.schema === 'Person'));
      const page2 = await svc.search('trading', { limit: 2, offset: 2 }, scope);
      assert.ok(page2.results.length <= 2);
    });

    it('diffs two lists by identifiers and names, with evidence', async () => {
      const diff = await new ListService(t.store).diff('un_sc', 'sdn_2024', await operatorScope(t.store));
      assert.equal(diff.onlyInA.length + diff.inBoth.length, 1003);
      assert.ok(diff.inBoth.length > 100, `UN entries also on the SDN list: ${diff.inBoth.length}`);
      assert.ok(diff.inBoth.every((r) => r.counterpart && r.evidence.by !== 'none' && r.evidence.details.length > 0));
      assert.ok(diff.onlyInA.every((r) => r.evidence.by === 'none'));
      // Spellings that neither identifiers nor exact names join, the screening engine does.
      const fuzzy = diff.inBoth.filter((r) => r.evidence.by === 'fuzzy');
      assert.ok(fuzzy.length > 10, `fuzzy matches: ${fuzzy.length}`);
      assert.ok(fuzzy.every((r) => /screening score (0\.(8[5-9]|9\d*)|1)/.test(r.evidence.details[0]!)), fuzzy.map((r) => r.evidence.details[0]).join(', '));
    });
  });
}
