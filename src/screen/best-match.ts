/**
 * The best match of each of many queries among a few thousand entities: what
 * linking a registry to the lists needs (src/graph/service.ts screens every
 * person and company of the ownership graph against the designated entities),
 * split between worker threads when there are many (workers.ts). Each worker
 * builds the same index from the same entities in the same order, so a query
 * gets the same answer wherever it runs.
 */
import type { StatementRow } from '../store/statements.ts';
import { CandidateIndex } from './candidate-index.ts';
import { prepareSubject } from './compare.ts';
import { toSubject, type QueryEntity } from './query.ts';
import { inWorkers, interleave, shareCount, uninterleave } from './workers.ts';

export interface BestMatchQuery {
  /** The query's own entity id: a hit on the same id is passed over. */
  id: string;
  query: QueryEntity;
}

export interface BestMatch {
  id: string;
  score: number;
}

export interface BestMatchJob {
  /** The entities searched, with their statements, in the order the index is built. */
  entries: Array<[string, StatementRow[]]>;
  queries: BestMatchQuery[];
  /** Entries compared in full per query. */
  candidates: number;
}

/** The best match of each query among the entries (null when none), in this thread. */
export function bestMatches(job: BestMatchJob): Array<BestMatch | null> {
  const index = new CandidateIndex();
  for (const [id, rows] of job.entries) index.upsert(id, rows);
  const all = () => true;
  return job.queries.map(({ id, query }) => {
    const subject = prepareSubject(toSubject(query, id));
    // Scores only: explaining the first hits cost a sixth of the time (the detection bench's registry).
    const top = index.ranked(subject, { candidates: job.candidates, visible: all, mostWords: true }).find((h) => h.entry.id !== id);
    return top ? { id: top.entry.id, score: top.score } : null;
  });
}

/**
 * bestMatches, split between worker threads (workers.ts) when there are many
 * queries and more than one core. The 204,759 parties of the detection
 * bench's registry on 2 cores: one thread 26.2 s; this thread and a worker
 * 16.6 s; two workers 14.0 s. `workers` and `minQueries` are for tests.
 */
export async function bestMatchesParallel(job: BestMatchJob, opts: { workers?: number; minQueries?: number } = {}): Promise<Array<BestMatch | null>> {
  const n = shareCount(job.queries.length, opts);
  if (n === 0) return bestMatches(job);
  const shares = interleave(job.queries, n).map((queries) => ({ ...job, queries }));
  return uninterleave(await inWorkers(new URL(import.meta.url), 'bestMatches', shares, bestMatches), job.queries.length);
}
