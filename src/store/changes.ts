import type { Db } from './db.ts';

/**
 * How often each kind of shared state has changed (change_counters, bumped by
 * triggers in the writing transaction). Caches remember the count they were
 * filled at and are good while it stands: one small query per request instead
 * of re-reading tokens, agreements, decisions and statements.
 */
export interface ChangeCounts {
  /** Agencies, users, API tokens, agreements and their approvals. */
  governance: number;
  /** Analysts' screening decisions. */
  screeningDecisions: number;
  /** Statements and ingest runs. */
  statements: number;
}

export class ChangeCounterRepository {
  constructor(private readonly db: Db) {}

  async read(): Promise<ChangeCounts> {
    const rows = await this.db.query<{ topic: string; n: string | number }>('SELECT topic, n FROM change_counters');
    const by = new Map(rows.map((r) => [r.topic, Number(r.n)]));
    return { governance: by.get('governance') ?? 0, screeningDecisions: by.get('screening_decisions') ?? 0, statements: by.get('statements') ?? 0 };
  }
}
