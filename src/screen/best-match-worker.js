// A worker thread of best-match.ts: screens the queries it is given and posts
// back their best matches. Plain JavaScript, so that it starts the same way
// under `node --import tsx`, the `sextant` executable (which registers tsx
// from its own code) and the tests: it registers the TypeScript loader itself.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { bestMatches } = await import('./best-match.ts');
parentPort.postMessage(bestMatches(workerData));
