/**
 * Name screening split between worker threads. Screening many names against
 * a few thousand entities is pure computation on data that copies cheaply
 * (the entities' names and the queries), and a detection run does it for
 * hundreds of thousands of names while its second core would idle.
 *
 * Each share of the work runs in a worker of its own, which imports the
 * module that does the work and calls the named export with the share. This
 * thread only waits: with a detection run's large heap it screened its share
 * a fifth slower than a worker did. A share whose worker cannot start or fails
 * is done in this thread, with a warning (SEXTANT_SCREEN_WORKER): the answer is
 * the same, only later.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this many queries, one thread: starting a worker and copying its data cost about half a second. */
export const MIN_PARALLEL_QUERIES = 5_000;

/** How many shares to cut the work in: one per core; 0 (do it in this thread) on one core or for few queries. The options are for tests. */
export function shareCount(queries: number, opts: { workers?: number; minQueries?: number } = {}): number {
  const n = opts.workers ?? availableParallelism();
  return n >= 2 && queries >= (opts.minQueries ?? MIN_PARALLEL_QUERIES) ? n : 0;
}

/** Every n-th item to each share: queries come grouped (companies, then people), and consecutive runs would leave one share most of the work. */
export function interleave<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => out[i % n]!.push(item));
  return out;
}

/** The per-item results of interleaved shares, back in the items' order. */
export function uninterleave<R>(results: readonly (readonly R[])[], length: number): R[] {
  const n = results.length;
  return Array.from({ length }, (_, i) => results[i % n]![Math.floor(i / n)]!);
}

/**
 * `fn(job)` for each job, each in a worker thread running `module`'s export `fn`;
 * `local` does a job in this thread when its worker fails.
 */
export function inWorkers<J, R>(module: URL, fn: string, jobs: readonly J[], local: (job: J) => R): Promise<R[]> {
  return Promise.all(
    jobs.map((job) =>
      runWorker<R>(module, fn, job).catch((err: Error) => {
        process.emitWarning(`a screening worker thread failed (${err.message}); doing its share in this thread`, { code: 'SEXTANT_SCREEN_WORKER' });
        return local(job);
      }),
    ),
  );
}

function runWorker<R>(module: URL, fn: string, job: unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    // No inherited flags: the worker registers the TypeScript loader itself (see worker.js).
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { module: module.href, fn, job }, execArgv: [] });
    let done = false;
    worker.once('message', (r: R) => {
      done = true;
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`worker exited with ${code}`));
    });
  });
}
