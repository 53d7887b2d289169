/**
 * prepareBatches in a worker thread, for large lists: the worker reads,
 * validates and encodes while ingest's own thread writes the batch before.
 * With the embedded database (PGlite runs in the writing thread) that takes
 * the preparation — about a third of the work on the shared lists — off the
 * thread that writes.
 *
 * The worker keeps at most AHEAD batches unread by the writer (the writer
 * returns a credit for each batch it takes), so memory stays flat however
 * much faster reading is than writing. Starting a worker (the TypeScript
 * loader, the readers' modules) takes about 0.4 s, so one that finished an
 * input waits for the next (several inputs in one command) without keeping
 * the process alive.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { SextantError, type ErrorCode } from '../errors.ts';
import { describeInput, readerFor } from './index.ts';
import { prepareBatches, type PreparedBatch, type PreparedTotals } from './prepare.ts';

export interface PrepareJob {
  path: string;
  /** The reader's format, as ingest detected it. */
  format: string;
  dataset: string;
  receivedAt?: string;
}

const AHEAD = 2;
const WORKER_HEAP_MB = 256;

/** One waiter woken by the next notify: how each side waits for the other's messages. */
function signal(): { wait(): Promise<void>; notify(): void } {
  let wake: (() => void) | null = null;
  return {
    wait: () => new Promise<void>((resolve) => (wake = resolve)),
    notify: () => {
      const w = wake;
      wake = null;
      w?.();
    },
  };
}

type ToWorker = { job: PrepareJob } | { credit: 1 };
type FromWorker = { batch: PreparedBatch } | { totals: PreparedTotals } | { error: { code?: ErrorCode; message: string; details?: Record<string, unknown> } };

/** The worker's side (started through src/screen/worker.js): prepares each job it is sent, one at a time, for as long as it lives. */
export async function serveJobs(): Promise<never> {
  const port = parentPort!;
  const jobs: PrepareJob[] = [];
  let credits = 0;
  const arrived = signal();
  port.on('message', (m: ToWorker) => {
    if ('job' in m) jobs.push(m.job);
    else credits++;
    arrived.notify();
  });
  for (;;) {
    while (jobs.length === 0) await arrived.wait();
    credits = AHEAD;
    port.postMessage(await prepareJob(jobs.shift()!, async (batch) => {
      while (credits === 0) await arrived.wait();
      credits--;
      port.postMessage({ batch } satisfies FromWorker);
    }));
  }
}

async function prepareJob(job: PrepareJob, send: (batch: PreparedBatch) => Promise<void>): Promise<FromWorker> {
  try {
    const batches = prepareBatches(readerFor(job.format), await describeInput(job.path), {
      dataset: job.dataset,
      ...(job.receivedAt ? { receivedAt: job.receivedAt } : {}),
    });
    for (;;) {
      const next = await batches.next();
      if (next.done) return { totals: next.value };
      await send(next.value);
    }
  } catch (err) {
    if (err instanceof SextantError) return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    return { error: { message: (err as Error).message ?? String(err) } };
  }
}

/** Raised when the worker could not start or died before it sent anything: the caller may prepare in its own thread instead. */
export class WorkerUnavailable extends Error {}

/** A worker that finished its input, waiting unreferenced for the next. */
let idle: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
const IDLE_MS = 60_000;

function startWorker(): Worker {
  // No inherited flags: the worker registers the TypeScript loader itself (see worker.js).
  const worker = new Worker(new URL('../screen/worker.js', import.meta.url), {
    workerData: { module: import.meta.url, fn: 'serveJobs', job: null },
    execArgv: [],
    // A worker that runs out of this heap before its first batch leaves the list to the writing thread (WorkerUnavailable).
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // A waiting worker that fails is dropped; the next input starts another.
  const drop = (): void => {
    if (idle === worker) idle = null;
  };
  worker.on('error', drop);
  worker.on('exit', drop);
  return worker;
}

/** Keep a worker between inputs without keeping the process alive, for a minute at most. */
function park(worker: Worker): void {
  idle = worker;
  worker.unref();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (idle !== worker) return;
    idle = null;
    void worker.terminate();
  }, IDLE_MS).unref();
}

/**
 * The writer's side: the batches a worker prepares, then its totals. An error
 * the reader raised is raised here as it was (a SextantError keeps its code).
 */
export async function* batchesFromWorker(job: PrepareJob): AsyncGenerator<PreparedBatch, PreparedTotals, undefined> {
  const worker = idle ?? startWorker();
  idle = null;
  worker.ref();
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let finished = false;
  const arrived = signal();
  const onMessage = (m: FromWorker): void => {
    inbox.push(m);
    arrived.notify();
  };
  const onError = (err: Error): void => {
    failure ??= err;
    arrived.notify();
  };
  const onExit = (code: number): void => {
    failure ??= new Error(`the ingest worker thread exited with code ${code}`);
    arrived.notify();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  worker.postMessage({ job } satisfies ToWorker);
  let received = 0;
  try {
    for (;;) {
      while (inbox.length === 0 && !failure) await arrived.wait();
      const message = inbox.shift();
      if (!message) throw received === 0 ? new WorkerUnavailable(failure!.message) : failure!;
      received++;
      if ('batch' in message) {
        worker.postMessage({ credit: 1 } satisfies ToWorker);
        yield message.batch;
        continue;
      }
      finished = true;
      if ('totals' in message) return message.totals;
      const { code, message: text, details } = message.error;
      throw code ? new SextantError(code, text, details) : new Error(text);
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // Done with its input and between jobs: keep it for the next one.
    if (finished && !failure && !idle) park(worker);
    else await worker.terminate();
  }
}
