import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../../src/store/db.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { migrate } from '../../src/store/migrate.ts';

/**
 * Fresh, migrated stores for tests, on both databases. PGlite stores are
 * copies of one migrated template directory (initdb costs seconds; a copy
 * does not). PostgreSQL stores are new databases on the test server, dropped
 * on close. The PostgreSQL tests never skip: an unreachable server fails them.
 */
export type StoreKind = 'pglite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL = process.env.SEXTANT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let template: Promise<string> | null = null;

async function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sextant-template-'));
    const db = await openDb({ kind: 'pglite', dataDir: dir });
    await migrate(db);
    await db.close();
    return dir;
  })();
  return template;
}

export interface TestStore {
  store: Store;
  /** The embedded data directory, or the database URL. */
  location: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  dispose(): Promise<void>;
}

export async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-db-'));
  await cp(await pgliteTemplate(), dir, { recursive: true });
  return dir;
}

export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sextant_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      // pg's Pool.end() resolves before its connections are gone: wait for them,
      // so that FORCE does not terminate a connection that is still closing.
      for (let i = 0; i < 50; i++) {
        const [row] = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows;
        if (row!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'pglite') {
    const dataDir = await freshDataDir();
    const store = await openStore({ kind: 'pglite', dataDir });
    return {
      store,
      location: { kind, dataDir },
      dispose: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await freshDatabaseUrl();
  const store = await openStore({ kind: 'postgres', url });
  return {
    store,
    location: { kind, url },
    dispose: async () => {
      await store.close();
      await drop();
    },
  };
}
