import cliProgress from 'cli-progress';
import type { Config } from '../config.ts';
import { SextantError } from '../errors.ts';
import type { Governance } from '../policy/index.ts';
import { expandPaths } from '../readers/index.ts';
import { ingest, type IngestSummary } from '../readers/ingest.ts';
import { formatEntry } from '../readers/quarantine.ts';
import type { Store } from '../store/index.ts';
import { printJsonLine, setPartial } from './output.ts';
import { requireCapability } from '../policy/viewer.ts';
import { withSession, type CliContext } from './session.ts';

interface IngestFlags {
  format?: string;
  dataset?: string;
  agency?: string;
  marking?: string;
  /** Agreement the data was received under: its retention applies to the dataset. */
  agreement?: string;
  /** AIS NMEA: when sentences without a time of their own were received. */
  receivedAt?: string;
  /** A list's publication date when its files carry none. */
  versionDate?: string;
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
    events: s.events,
  };
}

export async function ingestPaths(
  store: Store,
  gov: Governance,
  config: Config,
  paths: string[],
  flags: IngestFlags,
  report: (s: IngestSummary) => void,
): Promise<IngestSummary[]> {
  const agencyId = flags.agency ?? config.defaultAgency;
  const agency = (await gov.identity.listAgencies()).find((a) => a.id === agencyId);
  if (!agency) throw new SextantError('bad_request', `no agency ${agencyId} on this node (see sextant agency list)`, { field: 'agency' });
  const out: IngestSummary[] = [];
  for (const path of await expandPaths(paths, flags.format)) {
    const bar = process.stderr.isTTY && !flags.json ? new cliProgress.SingleBar({ format: `${path} | {value} records | {duration}s`, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    bar?.start(0, 0);
    try {
      const summary = await ingest(store, {
        path,
        format: flags.format,
        dataset: flags.dataset,
        agency: agency.id,
        marking: flags.marking,
        agencyDefaultMarking: agency.default_marking,
        ladder: config.governance.levels,
        quarantineDir: config.quarantineDir,
        receivedAt: flags.receivedAt,
        versionDate: flags.versionDate,
        onProgress: (n) => bar?.update(n),
      });
      bar?.update(summary.records);
      bar?.stop();
      if (flags.agreement) await store.lists.setGovernance(summary.dataset, { agreement_id: flags.agreement });
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
  // An event stream has neither entities nor versions: say what it does have.
  const written = s.events > 0 && s.entities === 0 ? `${s.events} events` : `${s.entities} entities, ${s.statements} statements; ${version}`;
  process.stdout.write(`${s.path} [${s.format} → ${s.dataset}]: ${s.records} records, ${s.accepted} accepted, ${s.rejected} rejected; ${written}\n`);
  if (s.rejected > 0 || s.rejectedValues > 0) {
    process.stdout.write(`  ${s.rejected} records and ${s.rejectedValues} values refused; all of them in ${s.quarantine}\n`);
    for (const p of s.problems.slice(0, 10)) process.stdout.write(`  ${formatEntry(p)}\n`);
  }
}

export async function runIngest(ctx: CliContext, paths: string[], flags: IngestFlags): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer }) => {
    requireCapability(viewer, 'data:write');
    // Users ingest for their own agency; the home agency's administrators may name another.
    const target = flags.agency ?? viewer.agencyId;
    if (target !== viewer.agencyId && !(viewer.capabilities.has('admin') && viewer.agencyId === ctx.config.defaultAgency)) {
      throw new SextantError('forbidden', `${viewer.username} ingests for ${viewer.agencyId} only`, { field: 'agency' });
    }
    flags = { ...flags, agency: target };
    if (flags.agreement) {
      // Only an agreement the user's agency is party to (others do not exist for them).
      const a = await gov.agreements.get(viewer, flags.agreement);
      if (!a.parties.includes(flags.agency ?? ctx.config.defaultAgency)) {
        throw new SextantError('bad_request', `agency ${flags.agency ?? ctx.config.defaultAgency} is not party to agreement ${a.id}`, { field: 'agreement' });
      }
    }
    const summaries = await ingestPaths(store, gov, ctx.config, paths, flags, (s) => (flags.json ? printJsonLine(summaryJson(s)) : printSummary(s)));
    await gov.audit.append({
      actor: viewer.username,
      agency: viewer.agencyId,
      action: 'ingest',
      purpose: viewer.purpose,
      details: {
        runs: summaries.map((s) => ({ path: s.path, dataset: s.dataset, entities: s.entities, statements: s.statements, events: s.events, version: s.version?.version ?? null })),
      },
    });
    if (summaries.some((s) => s.rejected > 0 || s.rejectedValues > 0)) setPartial();
  });
}
