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
 * The day (YYYY-MM-DD, UTC) an HTTP Last-Modified header names; null when it
 * is missing, unreadable or later than `now` (a clock the list cannot be from).
 */
export function lastModifiedDay(header: string | null, now: Date = new Date()): string | null {
  if (!header) return null;
  const t = Date.parse(header);
  if (Number.isNaN(t) || t > now.getTime()) return null;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Fetch the files of one configured list source into a fresh temporary
 * directory, streamed to disk. The caller ingests `path` and then cleans up.
 * `lastModified` is the latest day the publisher's Last-Modified headers name
 * (null when none does): the list's publication date when its files carry none.
 */
export async function downloadList(source: ListSource): Promise<{ path: string; lastModified: string | null; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `sextant-${source.dataset}-`));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let lastModified: string | null = null;
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
      const day = lastModifiedDay(response.headers.get('last-modified'));
      if (day && (!lastModified || day > lastModified)) lastModified = day;
    }
    // A one-file list is ingested as that file; a set (OFAC's CSVs) as its directory.
    return { path: source.files.length === 1 ? join(dir, source.files[0]!) : dir, lastModified, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
