import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import pg from 'pg';
import { SextantError } from '../errors.ts';

/**
 * One small interface over the two databases Sextant runs on: PGlite (embedded,
 * the default) and a PostgreSQL server (production, via DATABASE_URL). Same SQL,
 * same migrations; repositories only ever see this interface.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Run `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  constructor(private readonly pgl: PGlite | Parameters<Parameters<PGlite['transaction']>[0]>[0]) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pgl.query<T>(sql, params);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pgl.exec(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!(this.pgl instanceof PGlite)) return fn(this); // already inside one
    return this.pgl.transaction((tx) => fn(new PgliteDb(tx)));
  }

  async close(): Promise<void> {
    if (this.pgl instanceof PGlite) await this.pgl.close();
  }
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool | null,
    private readonly client: pg.PoolClient | null = null,
  ) {}

  private get runner(): pg.Pool | pg.PoolClient {
    return (this.client ?? this.pool)!;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params);
    return result.rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.runner.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool!.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDb(null, client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

// PostgreSQL returns int8 and numeric as strings by default; counts here fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openDb(target: DbTarget): Promise<Db> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    // An idle connection the server ends (restart, admin termination) must not
    // crash the process: the pool drops it and the next query opens another.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new SextantError(
        'database_unavailable',
        `cannot reach PostgreSQL at ${redactUrl(target.url)}: ${(err as Error).message}`,
        { url: redactUrl(target.url) },
        { cause: err },
      );
    }
    return new PostgresDb(pool);
  }
  if (target.dataDir) {
    await mkdir(dirname(target.dataDir), { recursive: true });
    await initPgliteDir(target.dataDir);
    await mkdir(target.dataDir, { recursive: true });
  }
  try {
    const pgl = await PGlite.create(target.dataDir ?? undefined, { extensions: { pg_trgm, fuzzystrmatch } });
    return new PgliteDb(pgl);
  } catch (err) {
    throw new SextantError(
      'database_unavailable',
      `cannot open the embedded database in ${target.dataDir ?? '(memory)'}: ${(err as Error).message}`,
      { dataDir: target.dataDir },
      { cause: err },
    );
  }
}

/**
 * A new PGlite data directory is created (initdb) in a short-lived child
 * process. initdb runs a WebAssembly instance of its own whose heap the
 * process keeps once it has grown (about 500 MB at its peak): run in the
 * process that then ingests, it set that process's peak memory, whatever the
 * input's size. The child initialises a sibling directory that is renamed into
 * place only when complete, so an interrupted creation leaves no half-made
 * store behind. A directory that already holds a database, or holds files that
 * are not one, is left to PGlite as before; so is any failure of the child
 * (PGlite then runs initdb in this process).
 */
export async function initPgliteDir(dataDir: string): Promise<'created' | 'exists' | 'in-process'> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return 'exists';
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) return 'in-process';
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.init-${randomUUID()}`);
  try {
    await runInitdbChild(staging);
    if (existsSync(dataDir)) await rmdir(dataDir); // empty, checked above
    await rename(staging, dataDir);
    return 'created';
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    if (existsSync(join(dataDir, 'PG_VERSION'))) return 'exists'; // another process created it meanwhile
    // Not fatal, but not silent: the store still opens, with initdb's heap kept by this process.
    process.emitWarning(`could not create the data directory ${dataDir} in a child process (${(err as Error).message}); creating it in this process instead, which keeps about 500 MB more memory`, {
      code: 'SEXTANT_INITDB_CHILD',
    });
    return 'in-process';
  }
}

/** PGlite.create on `dir` in a fresh node process (plain ESM: no loader needed), then close. */
function runInitdbChild(dir: string): Promise<void> {
  const code = `const { PGlite } = await import(process.env.SEXTANT_PGLITE_MODULE); const db = await PGlite.create(process.env.SEXTANT_PGLITE_DIR); await db.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SEXTANT_PGLITE_MODULE: import.meta.resolve('@electric-sql/pglite'), SEXTANT_PGLITE_DIR: dir },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && existsSync(join(dir, 'PG_VERSION'))) resolve();
      else reject(new Error(`initdb child exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/** Hide the password in a connection URL before it reaches a message or a log. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
