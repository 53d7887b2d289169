import type { DbTarget } from './db.ts';
import { openDb, type Db } from './db.ts';
import { AlertRepository } from './alerts.ts';
import { ChangeCounterRepository } from './changes.ts';
import { EventRepository } from './events.ts';
import { ListRepository } from './lists.ts';
import { migrate } from './migrate.ts';
import { StatementRepository } from './statements.ts';

/** The opened, migrated store with its repositories. */
export interface Store {
  db: Db;
  statements: StatementRepository;
  lists: ListRepository;
  /** Payments, customs declarations, vessel positions. */
  events: EventRepository;
  /** What detection found. */
  alerts: AlertRepository;
  /** How often shared state changed: what in-memory caches check. */
  changes: ChangeCounterRepository;
  close(): Promise<void>;
}

export function storeOn(db: Db): Store {
  return {
    db,
    statements: new StatementRepository(db),
    lists: new ListRepository(db),
    events: new EventRepository(db),
    alerts: new AlertRepository(db),
    changes: new ChangeCounterRepository(db),
    close: () => db.close(),
  };
}

/** Open the database and apply pending migrations. */
export async function openStore(target: DbTarget): Promise<Store> {
  const db = await openDb(target);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return storeOn(db);
}
