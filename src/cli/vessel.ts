import { InvalidArgumentError, type Command } from 'commander';
import { DetectService } from '../detect/service.ts';
import { VesselService, type IdentifierRun, type VesselView } from '../detect/vessels.ts';
import { requireCapability } from '../policy/viewer.ts';
import { printJson, printTable } from './output.ts';
import { withSession, type CliContext } from './session.ts';

/** `sextant vessel IMO|MMSI|ID`: the vessel view GET /vessels/{id} serves, as text or JSON. */
export async function runVessel(ctx: CliContext, id: string, flags: { json?: boolean; track?: boolean; from?: string; to?: string; limit?: number }): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:read');
    const service = new VesselService(store, new DetectService(store, gov.config.levels));
    const s = await scope();
    if (flags.track) {
      const geo = await service.track(s, id, { ...(flags.from ? { from: flags.from } : {}), ...(flags.to ? { to: flags.to } : {}), ...(flags.limit !== undefined ? { limit: flags.limit } : {}) });
      const meta = geo as unknown as { positions: number; mmsis: string[] };
      await gov.auditRead(viewer, 'vessels.track', { vessel: id, mmsis: meta.mmsis, positions: meta.positions, from: flags.from ?? null, to: flags.to ?? null });
      return printJson(geo);
    }
    const view = await service.get(s, id);
    await gov.auditRead(viewer, 'vessels.read', { vessel: view.key, entities: view.entities.map((e) => e.id), mmsis: view.mmsis, alerts: view.alerts.items.map((a) => a.id) });
    if (flags.json) return printJson(view);
    printVessel(view);
  });
}

function printVessel(v: VesselView): void {
  const out = (line = '') => process.stdout.write(line + '\n');
  out(`${v.name ?? '(no name)'} — ${v.key}`);
  out(`  IMO ${v.imo ?? '-'}  MMSI ${v.mmsi ?? '-'}  call sign ${v.callSign ?? '-'}  flag ${v.flag ?? '-'}  AIS type ${v.vesselType ?? '-'}`);
  if (v.mmsis.length > 1) out(`  MMSIs linked: ${v.mmsis.join(', ')}`);
  if (v.imos.length > 1) out(`  IMO numbers linked: ${v.imos.join(', ')}`);
  for (const e of v.entities) out(`  entity ${e.id} (${e.schema}, ${e.caption}) in ${e.datasets.join(', ')}`);
  out();
  out('identifiers over time');
  const rows: Array<Array<string | number>> = [];
  for (const [field, runs] of Object.entries(v.history) as Array<[string, IdentifierRun[]]>) {
    for (const r of collapse(runs)) {
      const seen = r.past ? 'earlier (undated)' : `${(r.from ?? '').slice(0, 16)} → ${(r.to ?? '').slice(0, 16)}`;
      const source = r.source === 'ais' ? `ais ${r.mmsi}${r.fixes ? ` (${r.fixes} fixes${r.runs > 1 ? ` in ${r.runs} runs, alternating` : ''})` : ''}` : (r.dataset ?? 'registry');
      rows.push([field, r.value, seen, source]);
    }
  }
  if (rows.length) printTable(['field', 'value', 'seen', 'source'], rows);
  else out('  none');
  out();
  if (v.owners.length) {
    out('owners and managers');
    printTable(['role', 'party', 'id', 'detail'], v.owners.map((o) => [o.role, o.caption, o.id, [o.detail, o.percentage ? `${o.percentage}%` : ''].filter(Boolean).join(' ')]));
    out();
  }
  if (v.designations.length) {
    out('designations');
    printTable(['authority', 'program', 'list', 'listed'], v.designations.map((d) => [d.authority ?? '', d.program ?? '', d.dataset, d.listingDate ?? '']));
    out();
  }
  out(`positions: ${v.positions.count}${v.positions.truncated ? ' (first ones only)' : ''}, ${v.positions.first?.slice(0, 16) ?? '-'} → ${v.positions.last?.slice(0, 16) ?? '-'}, ${v.positions.segments} track segment(s)`);
  if (v.portCalls.length) {
    out('port calls');
    printTable(['port', 'arrival', 'departure', 'hours', 'mmsi'], v.portCalls.map((c) => [`${c.port} (${c.locode})`, c.arrival.slice(0, 16), c.departure.slice(0, 16), c.hours, c.mmsi]));
  }
  out();
  out(`alerts: ${v.alerts.total}`);
  if (v.alerts.items.length) printTable(['score', 'indicator', 'window', 'id'], v.alerts.items.map((a) => [a.score.toFixed(2), a.indicator, `${a.window.start.slice(0, 16)} → ${a.window.end.slice(0, 16)}`, a.id]));
}

/**
 * One line per value and source for the terminal: a value that alternates with
 * another (a spoofer switching identities every few minutes) is one line with
 * its run count; --json keeps every run.
 */
function collapse(runs: IdentifierRun[]): Array<IdentifierRun & { runs: number }> {
  const byKey = new Map<string, IdentifierRun & { runs: number }>();
  for (const r of runs) {
    const key = `${r.value}\u0000${r.source}\u0000${r.mmsi ?? r.dataset ?? ''}\u0000${r.past ? 1 : 0}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, { ...r, runs: 1 });
    else {
      prev.runs++;
      if (r.from && (!prev.from || r.from < prev.from)) prev.from = r.from;
      if (r.to && (!prev.to || r.to > prev.to)) prev.to = r.to;
      if (r.fixes !== undefined) prev.fixes = (prev.fixes ?? 0) + r.fixes;
    }
  }
  return [...byKey.values()];
}

export function addVesselCommand(program: Command, context: (cmd: Command) => CliContext): void {
  program
    .command('vessel <id>')
    .description('a vessel by IMO number (IMO9187629 or 9187629), MMSI (9 digits) or entity id: identifiers and their history, owners and managers, designations, port calls and alerts')
    .option('--json', 'the view as JSON, the same object GET /vessels/{id} serves')
    .option('--track', 'print the track as GeoJSON instead (GET /vessels/{id}/track)')
    .option('--from <time>', 'with --track: from this ISO 8601 time')
    .option('--to <time>', 'with --track: up to this ISO 8601 time (excluded)')
    .option('--limit <n>', 'with --track: at most this many positions (default 10000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--limit must be a positive whole number');
      return n;
    })
    .action(async (id: string, opts: { json?: boolean; track?: boolean; from?: string; to?: string; limit?: number }, cmd: Command) => runVessel(context(cmd), id, opts));
}
