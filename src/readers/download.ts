import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ListSource } from '../config.ts';
import { SextantError } from '../errors.ts';

const TIMEOUT_MS = 120_000;

/**
 * Fetch the files of one configured list source into a fresh temporary
 * directory, streamed to disk. The caller ingests `path` and then cleans up.
 */
export async function downloadList(source: ListSource): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `sextant-${source.dataset}-`));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    for (let i = 0; i < source.urls.length; i++) {
      const url = source.urls[i]!;
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
      } catch (err) {
        throw new SextantError('upstream_failed', `cannot download ${url}: ${(err as Error).message}`, { url, dataset: source.dataset });
      }
      if (!response.ok || !response.body) {
        throw new SextantError('upstream_failed', `download of ${url} failed: HTTP ${response.status}`, {
          url,
          status: response.status,
          dataset: source.dataset,
        });
      }
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(join(dir, source.files[i]!)));
    }
    // A one-file list is ingested as that file; a set (OFAC's CSVs) as its directory.
    return { path: source.files.length === 1 ? join(dir, source.files[0]!) : dir, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
