import { buildApp } from '../server/app.ts';
import { ingestPaths, printSummary } from './ingest.ts';
import { openGoverned, type CliContext } from './session.ts';

/**
 * Ingest the given paths (idempotent: unchanged files only move last_seen),
 * then serve the API until SIGINT/SIGTERM.
 */
export async function runServe(ctx: CliContext, paths: string[], opts: { port?: number; host?: string }): Promise<void> {
  const { store, gov } = await openGoverned(ctx);
  try {
    if (paths.length > 0) await ingestPaths(store, gov, ctx.config, paths, {}, printSummary);
    const app = await buildApp(gov, { bodyLimit: ctx.config.bodyLimit, logLevel: ctx.config.logLevel });
    const port = opts.port ?? ctx.config.port;
    const host = opts.host ?? ctx.config.host;
    const address = await app.listen({ port, host });
    process.stdout.write(`sextant API on ${address} — OpenAPI ${address}/openapi.json, docs ${address}/docs\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.close();
  } finally {
    await store.close();
  }
}
