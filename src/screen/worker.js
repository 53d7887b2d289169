// A worker thread of workers.ts (screening shares) and of readers/prepare-worker.ts
// (ingest): imports the module it is given, calls the
// named export with its share of the work and posts back the result (awaited:
// an export may be async, and may post messages of its own before it). Plain
// JavaScript, so that it starts the same way under `node --import tsx`, the
// `sextant` executable (which registers tsx from its own code) and the tests:
// it registers the TypeScript loader itself.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
parentPort.postMessage(await mod[workerData.fn](workerData.job));
