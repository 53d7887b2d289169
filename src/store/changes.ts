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
  /** The read under way, if any. */
  private current: Promise<ChangeCounts> | null = null;
  /** The read that starts when the current one ends, shared by every caller that came meanwhile. */
  private next: Promise<ChangeCounts> | null = null;

  constructor(private readonly db: Db) {}

  /**
   * The counts as committed when this call was made, or later. Concurrent
   * callers share reads. A caller that comes while a read is under way does
   * not take that read's answer (it may have been read before a change the
   * caller must see, such as a token's revocation): it waits for the next
   * read, which starts once that one ends and is shared by every caller that
   * came meanwhile. Under load this is one query per round of requests
   * instead of one per request.
   */
  read(): Promise<ChangeCounts> {
    if (this.current === null) return this.start();
    if (this.next === null) {
      const after = (): Promise<ChangeCounts> => {
        this.next = null;
        return this.start();
      };
      this.next = this.current.then(after, after);
    }
    return this.next;
  }

  private start(): Promise<ChangeCounts> {
    const read = this.query();
    this.current = read;
    const done = (): void => {
      if (this.current === read) this.current = null;
    };
    read.then(done, done);
    return read;
  }

  private async query(): Promise<ChangeCounts> {
    const rows = await this.db.query<{ topic: string; n: string | number }>('SELECT topic, n FROM change_counters');
    const by = new Map(rows.map((r) => [r.topic, Number(r.n)]));
    return { governance: by.get('governance') ?? 0, screeningDecisions: by.get('screening_decisions') ?? 0, statements: by.get('statements') ?? 0 };
  }
}
