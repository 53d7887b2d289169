import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { expandPaths } from '../readers/index.ts';
import { ingest, type IngestSummary } from '../readers/ingest.ts';
import { formatEntry } from '../readers/quarantine.ts';
import type { Store } from '../store/index.ts';
import { printJsonLine, setPartial } from './output.ts';

interface IngestFlags {
  format?: string;
  dataset?: string;
  agency?: string;
  marking?: string;
  json?: boolean;
}

/** The `ingest --json` contract: these keys, in this order, then extensions. */
export function summaryJson(s: IngestSummary): Record<string, unknown> {
  return {
    path: s.path,
    format: s.format,
    dataset: s.dataset,
    records: s.records,
    accepted: s.accepted,
    rejected: s.rejected,
    entities: s.entities,
    statements: s.statements,
    rejectedValues: s.rejectedValues,
    version: s.version,
    quarantine: s.quarantine,
  };
}

export async function ingestPaths(
  store: Store,
  config: Config,
  paths: string[],
  flags: IngestFlags,
  report: (s: IngestSummary) => void,
): Promise<IngestSummary[]> {
  const out: IngestSummary[] = [];
  for (const path of await expandPaths(paths, flags.format)) {
    const bar = process.stderr.isTTY && !flags.json ? new cliProgress.SingleBar({ format: `${path} | {value} records | {duration}s`, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    bar?.start(0, 0);
    try {
      const summary = await ingest(store, {
        path,
        format: flags.format,
        dataset: flags.dataset,
        agency: flags.agency ?? config.defaultAgency,
        marking: flags.marking,
        quarantineDir: config.quarantineDir,
        onProgress: (n) => bar?.update(n),
      });
      bar?.update(summary.records);
      bar?.stop();
      out.push(summary);
      report(summary);
    } catch (err) {
      bar?.stop();
      throw err;
    }
  }
  return out;
}

export function printSummary(s: IngestSummary): void {
  const v = s.version;
  const version = v ? (v.new ? `version ${v.version}: ${v.designations} designations, +${v.added} -${v.removed} ~${v.changed}` : `unchanged (version ${v.version})`) : 'no version';
  process.stdout.write(
    `${s.path} [${s.format} → ${s.dataset}]: ${s.records} records, ${s.accepted} accepted, ${s.rejected} rejected; ` +
      `${s.entities} entities, ${s.statements} statements; ${version}\n`,
  );
  if (s.rejected > 0 || s.rejectedValues > 0) {
    process.stdout.write(`  ${s.rejected} records and ${s.rejectedValues} values refused; all of them in ${s.quarantine}\n`);
    for (const p of s.problems.slice(0, 10)) process.stdout.write(`  ${formatEntry(p)}\n`);
  }
}

export async function runIngest(ctx: { config: Config; open: () => Promise<Store> }, paths: string[], flags: IngestFlags): Promise<void> {
  const store = await ctx.open();
  try {
    const summaries = await ingestPaths(store, ctx.config, paths, flags, (s) => (flags.json ? printJsonLine(summaryJson(s)) : printSummary(s)));
    if (summaries.some((s) => s.rejected > 0 || s.rejectedValues > 0)) setPartial();
  } finally {
    await store.close();
  }
}
