/**
 * The best match of each of many queries among a few thousand entities: what
 * linking a registry to the lists needs (src/graph/service.ts screens every
 * person and company of the ownership graph against the designated entities).
 *
 * The work is split between worker threads when there is more than one core
 * and enough queries to repay their start (about half a second): two hundred
 * thousand queries took half a minute on one core. Each worker builds the same
 * index from the same entities in the same order, so a query gets the same
 * answer wherever it runs. When a worker cannot be started or fails, this
 * thread screens its share.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StatementRow } from '../store/statements.ts';
import { CandidateIndex } from './candidate-index.ts';
import { prepareSubject } from './compare.ts';
import { toSubject, type QueryEntity } from './query.ts';

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

/** Below this many queries, one thread: a worker's start and the copy of the entities cost more than they save. */
const MIN_PARALLEL_QUERIES = 5_000;

/** The best match of each query among the entries (null when none), in this thread. */
export function bestMatches(job: BestMatchJob): Array<BestMatch | null> {
  const index = new CandidateIndex();
  for (const [id, rows] of job.entries) index.upsert(id, rows);
  const all = () => true;
  return job.queries.map(({ id, query }) => {
    const subject = prepareSubject(toSubject(query, id));
    const top = index.search(subject, { limit: 5, candidates: job.candidates, visible: all, mostWords: true }).find((h) => h.entry.id !== id);
    return top ? { id: top.entry.id, score: top.score } : null;
  });
}

/**
 * bestMatches, split between worker threads, one per core, each given every
 * n-th query: the queries come grouped (companies, then people, whose
 * comparisons cost more), and consecutive shares would leave one thread with
 * most of the work. This thread only waits: with the large heap of a detection
 * run it screened its share a fifth slower than a worker did (the 204,759
 * parties of the detection bench's registry, 2 cores: one thread 26.2 s, this
 * thread and a worker 16.6 s, two workers 14.0 s). `workers` (default: the
 * cores) and `minQueries` are for tests; fewer than two workers keep the work
 * in this thread.
 */
export async function bestMatchesParallel(job: BestMatchJob, opts: { workers?: number; minQueries?: number } = {}): Promise<Array<BestMatch | null>> {
  const n = opts.workers ?? availableParallelism();
  if (n < 2 || job.queries.length < (opts.minQueries ?? MIN_PARALLEL_QUERIES)) return bestMatches(job);
  const shares = Array.from({ length: n }, (_, k) => ({ ...job, queries: job.queries.filter((_, i) => i % n === k) }));
  const results = await Promise.all(
    shares.map((share) =>
      runWorker(share).catch((err: Error) => {
        // Not fatal (the answers are the same), but not silent: the work takes longer.
        process.emitWarning(`a best-match worker thread failed (${err.message}); screening its queries in this thread`, { code: 'SEXTANT_BEST_MATCH_WORKER' });
        return bestMatches(share);
      }),
    ),
  );
  return job.queries.map((_, i) => results[i % n]![Math.floor(i / n)]!);
}

function runWorker(job: BestMatchJob): Promise<Array<BestMatch | null>> {
  return new Promise((resolve, reject) => {
    // No inherited flags: the worker registers the TypeScript loader itself (see best-match-worker.js).
    const worker = new Worker(new URL('./best-match-worker.js', import.meta.url), { workerData: job, execArgv: [] });
    let done = false;
    worker.once('message', (r: Array<BestMatch | null>) => {
      done = true;
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`best-match worker exited with ${code}`));
    });
  });
}
