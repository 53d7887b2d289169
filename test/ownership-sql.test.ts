/**
 * Cross-check of the in-memory ownership engine (src/graph) against an
 * independent reading of the same rules in SQL on PostgreSQL.
 *
 * The SQL side shares no code with the engine: it reads the rule straight
 * from its definition — start from the designated nodes, then repeatedly add
 * every entity whose stakes held by the current set sum to the threshold (and,
 * where the rule says so, every entity the set controls) until nothing is
 * added. PostgreSQL does not allow aggregates in the recursive term of a
 * recursive CTE, so the fixpoint is a PL/pgSQL loop of set-based INSERTs,
 * in exact numeric arithmetic. Per-person rules run the same loop with one
 * group per designated node.
 *
 * Random graphs (seeded, so a failure names the seed that reproduces it) of a
 * few hundred nodes with chains, cycles, exact-50% stakes, ranges, parallel
 * records and control edges are checked for every rule and both bounds, then
 * again after a few incremental designations and delistings.
 *
 * Like the other PostgreSQL tests this one never skips: an unreachable server
 * (SEXTANT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
 * fails it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { BlockedSet, EU_BEFORE_JULY_2024, OwnershipGraph, RULES, type Control, type OwnershipRule, type RuleConfig, type Stake, type Status } from '../src/graph/ownership.ts';
import { freshDatabaseUrl, TEST_DATABASE_URL } from './support/stores.ts';

const SCHEMA = `
CREATE TABLE stakes (id text PRIMARY KEY, owner text NOT NULL, asset text NOT NULL, low numeric NOT NULL, high numeric NOT NULL);
CREATE TABLE controls (id text PRIMARY KEY, controller text NOT NULL, entity text NOT NULL);
CREATE TABLE seeds (id text PRIMARY KEY);

-- One edge per (owner, asset): several records may be one holding reported
-- twice or several holdings, so the largest low bound and the sum of the high
-- bounds (at most 100). A stake in oneself counts for nothing.
CREATE VIEW holdings AS
  SELECT owner, asset, max(low) AS low, least(sum(high), 100) AS high
  FROM stakes WHERE owner <> asset GROUP BY owner, asset;

CREATE FUNCTION blocked_aggregate(p_threshold numeric, p_inclusive boolean, p_use_high boolean, p_control boolean)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  DROP TABLE IF EXISTS pg_temp.blocked_now;
  CREATE TEMP TABLE blocked_now (id text PRIMARY KEY);
  INSERT INTO blocked_now SELECT id FROM seeds;
  LOOP
    INSERT INTO blocked_now
      SELECT t.asset FROM (
        SELECT h.asset, sum(CASE WHEN p_use_high THEN h.high ELSE h.low END) AS total
        FROM holdings h JOIN blocked_now b ON b.id = h.owner
        GROUP BY h.asset
      ) t
      WHERE t.total > p_threshold OR (p_inclusive AND t.total = p_threshold)
      UNION
      SELECT c.entity FROM controls c JOIN blocked_now b ON b.id = c.controller
      WHERE p_control AND c.controller <> c.entity
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    EXIT WHEN added = 0;
  END LOOP;
  RETURN QUERY SELECT id FROM blocked_now;
END $$;

CREATE FUNCTION blocked_per_person(p_threshold numeric, p_inclusive boolean, p_use_high boolean, p_control boolean)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  DROP TABLE IF EXISTS pg_temp.groups_now;
  CREATE TEMP TABLE groups_now (seed text, id text, PRIMARY KEY (seed, id));
  INSERT INTO groups_now SELECT id, id FROM seeds;
  LOOP
    INSERT INTO groups_now
      SELECT t.seed, t.asset FROM (
        SELECT g.seed, h.asset, sum(CASE WHEN p_use_high THEN h.high ELSE h.low END) AS total
        FROM holdings h JOIN groups_now g ON g.id = h.owner
        GROUP BY g.seed, h.asset
      ) t
      WHERE t.total > p_threshold OR (p_inclusive AND t.total = p_threshold)
      UNION
      SELECT g.seed, c.entity FROM controls c JOIN groups_now g ON g.id = c.controller
      WHERE p_control AND c.controller <> c.entity
    ON CONFLICT (seed, id) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    EXIT WHEN added = 0;
  END LOOP;
  RETURN QUERY SELECT DISTINCT id FROM groups_now;
END $$;
`;

// ---------------------------------------------------------------- random graphs

/** mulberry32: a small seeded PRNG, so that a failing seed reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  ids: string[];
  persons: Set<string>;
  stakes: Stake[];
  controls: Control[];
  seeds: string[];
}

/** Shares of 100 as registries show them: 50/50 splits, 49/51 decoys, thirds, random splits; some banded. */
const SPLITS: number[][] = [[100], [50, 50], [49, 51], [25, 25, 50], [33.33, 33.33, 33.34], [60, 40], [30, 30, 40], [10, 40, 50], [12.5, 37.5, 50], [20, 20, 20, 40]];
const BANDS: Array<[number, number]> = [[0, 25], [25, 50], [50, 75], [75, 100]];

function randomWorld(seed: number, n: number): World {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const ids = Array.from({ length: n }, (_, i) => `e${i}`);
  const persons = new Set(ids.filter(() => r() < 0.3));
  const companies = ids.filter((id) => !persons.has(id));
  const stakes: Stake[] = [];
  let k = 0;
  for (const asset of companies) {
    if (r() < 0.1) continue; // ownership not recorded
    for (const share of pick(SPLITS)) {
      // Holding companies own companies about 40% of the time: chains and cycles.
      const owner = r() < 0.4 ? pick(companies) : r() < 0.9 ? pick([...persons]) : pick(ids);
      let low = share;
      let high = share;
      if (r() < 0.15) [low, high] = pick(BANDS);
      else if (r() < 0.03) [low, high] = [0, 100]; // percentage not recorded
      stakes.push({ id: `s${k++}`, owner, asset, low, high, exact: low === high });
      if (r() < 0.03) stakes.push({ id: `s${k++}`, owner, asset, low, high, exact: low === high }); // reported twice
    }
  }
  const controls: Control[] = [];
  for (let i = 0; i < n * 0.03; i++) controls.push({ id: `c${i}`, controller: pick(ids), entity: pick(companies), kind: 'board_majority' });
  const seeds = ids.filter(() => r() < 0.06);
  return { ids, persons, stakes, controls, seeds };
}

// ---------------------------------------------------------------- the cross-check

const RULE_CASES: Array<OwnershipRule | RuleConfig> = [
  'ofac',
  'eu',
  'uk',
  EU_BEFORE_JULY_2024,
  { ...RULES.uk, name: 'uk_aggregate', aggregation: 'aggregate' },
  { ...RULES.ofac, name: 'ofac_per_person', aggregation: 'per_person' },
];

let db: pg.Client;
let drop: (() => Promise<void>) | null = null;

async function load(world: World): Promise<void> {
  await db.query('TRUNCATE stakes, controls, seeds');
  const s = world.stakes;
  await db.query(
    'INSERT INTO stakes (id, owner, asset, low, high) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[])',
    [s.map((x) => x.id), s.map((x) => x.owner), s.map((x) => x.asset), s.map((x) => String(x.low)), s.map((x) => String(x.high))],
  );
  const c = world.controls;
  await db.query('INSERT INTO controls (id, controller, entity) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [c.map((x) => x.id), c.map((x) => x.controller), c.map((x) => x.entity)]);
  await setSeeds(world.seeds);
}

async function setSeeds(seeds: Iterable<string>): Promise<void> {
  await db.query('TRUNCATE seeds');
  await db.query('INSERT INTO seeds (id) SELECT unnest($1::text[])', [[...seeds]]);
}

/** Statuses of every node under a rule, computed in SQL. */
async function sqlStatuses(rule: RuleConfig, ids: string[]): Promise<Status[]> {
  const fn = rule.aggregation === 'aggregate' ? 'blocked_aggregate' : 'blocked_per_person';
  const run = async (useHigh: boolean): Promise<Set<string>> => {
    const rows = await db.query<{ id: string }>(`SELECT ${fn}($1, $2, $3, $4) AS id`, [String(rule.thresholdPercent), rule.inclusive, useHigh, rule.control]);
    return new Set(rows.rows.map((row) => row.id));
  };
  const certain = await run(false);
  const possible = await run(true);
  return ids.map((id) => (certain.has(id) ? 'blocked' : possible.has(id) ? 'possibly_blocked' : 'not_blocked'));
}

function sameStatuses(label: string, ids: string[], engine: BlockedSet, sql: Status[]): void {
  const diffs: string[] = [];
  ids.forEach((id, i) => {
    const mine = engine.status(id);
    if (mine !== sql[i]) diffs.push(`${id}: engine ${mine}, SQL ${sql[i]}`);
  });
  assert.deepEqual(diffs, [], `${label}: ${diffs.length} disagreements`);
}

function graphOf(world: World): OwnershipGraph {
  return new OwnershipGraph(
    world.ids.map((id) => ({ id, schema: world.persons.has(id) ? 'Person' : 'Company' })),
    world.stakes,
    world.controls,
  );
}

describe('ownership rules: engine = independent SQL fixpoint (PostgreSQL)', () => {
  before(async () => {
    try {
      const fresh = await freshDatabaseUrl();
      drop = fresh.drop;
      db = new pg.Client({ connectionString: fresh.url });
      await db.connect();
    } catch (err) {
      throw new Error(`PostgreSQL is required for this test and is unreachable at ${TEST_DATABASE_URL} (set SEXTANT_TEST_DATABASE_URL): ${(err as Error).message}`, { cause: err });
    }
    await db.query(SCHEMA);
  });
  after(async () => {
    await db?.end();
    await drop?.();
  });

  it('the generator makes graphs worth checking', async () => {
    const world = randomWorld(7, 400);
    const set = new BlockedSet(graphOf(world), 'ofac', world.seeds);
    const { blocked, possiblyBlocked, designated } = set.counts();
    assert.ok(blocked - designated >= 10, `blocked beyond the designated: ${blocked - designated}`);
    assert.ok(possiblyBlocked >= 5, `possibly blocked: ${possiblyBlocked}`);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`random graph #${seed}: every rule, both bounds, then after designations and delistings`, async () => {
      const n = 200 + ((seed * 37) % 300);
      const world = randomWorld(seed, n);
      const graph = graphOf(world);
      await load(world);
      for (const rule of RULE_CASES) {
        const set = new BlockedSet(graph, rule, world.seeds);
        sameStatuses(`seed ${seed}, ${set.rule.name}`, world.ids, set, await sqlStatuses(set.rule, world.ids));
      }
      // Incremental: designate and delist on the engine, recompute in SQL from the new seeds.
      const r = prng(seed * 7919);
      const sets = RULE_CASES.map((rule) => new BlockedSet(graph, rule, world.seeds));
      const seeds = new Set(world.seeds);
      for (let step = 0; step < 4; step++) {
        const delist = seeds.size > 0 && r() < 0.5;
        const id = delist ? [...seeds][Math.floor(r() * seeds.size)]! : world.ids[Math.floor(r() * n)]!;
        for (const set of sets) {
          if (delist) set.delist(id);
          else set.designate(id);
        }
        if (delist) seeds.delete(id);
        else seeds.add(id);
        await setSeeds(seeds);
        for (const set of sets) {
          sameStatuses(`seed ${seed}, ${set.rule.name}, after ${delist ? 'delisting' : 'designating'} ${id}`, world.ids, set, await sqlStatuses(set.rule, world.ids));
        }
      }
    });
  }

  it('a larger graph (5,000 nodes), OFAC', async () => {
    const world = randomWorld(2024, 5000);
    await load(world);
    const set = new BlockedSet(graphOf(world), 'ofac', world.seeds);
    sameStatuses('5,000 nodes, ofac', world.ids, set, await sqlStatuses(set.rule, world.ids));
  });
});
