import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { ALERT_STATUSES, type Alert } from '../detect/alert.ts';
import { CATALOGUE } from '../detect/catalogue.ts';
import { defaultProfile, loadProfile, type Profile } from '../detect/profile.ts';
import { DetectService } from '../detect/service.ts';
import { requireCapability } from '../policy/viewer.ts';
import { printJson, printJsonLine, printTable } from './output.ts';
import { withSession, type CliContext } from './session.ts';

/** The community profile: `--profile FILE`, else env SEXTANT_PROFILE, else the built-in defaults. */
export function profileFrom(path: string | undefined): Profile {
  const p = path ?? process.env.SEXTANT_PROFILE;
  return p ? loadProfile(p, CATALOGUE) : defaultProfile(CATALOGUE);
}

export interface DetectFlags {
  profile?: string;
  indicator?: string[];
  all?: boolean;
  json?: boolean;
}

/** `sextant detect`: run the indicators over what you may see, store the alerts, print those at or above the profile's threshold. */
export async function runDetect(ctx: CliContext, flags: DetectFlags): Promise<void> {
  const profile = profileFrom(flags.profile);
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:write');
    const service = new DetectService(store, ctx.config.governance.levels);
    const bar = !flags.json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'detect {phase} | {value} | {duration}s', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    bar?.start(0, 0, { phase: 'loading' });
    let loaded = 0;
    const result = await service
      .run(await scope(), {
        profile,
        ...(flags.indicator ? { only: flags.indicator } : {}),
        onProgress: (phase, n) => {
          if (phase === 'positions') loaded += n;
          bar?.update(phase === 'positions' ? loaded : n, { phase });
        },
      })
      .finally(() => bar?.stop());
    const shown = flags.all ? result.alerts : result.alerts.filter((a) => a.score >= profile.alertThreshold);
    await gov.auditRead(viewer, 'detect.run', {
      profile: profile.origin,
      indicators: Object.keys(result.byIndicator),
      alerts: result.alerts.length,
      created: result.created,
      marked: shown.filter((a) => a.marking !== 'TLP:CLEAR').length,
    });
    if (flags.json) {
      for (const a of shown) printJsonLine(a);
      return;
    }
    const l = result.loaded;
    process.stdout.write(
      `detect (profile: ${profile.name}): ${l.positions.toLocaleString('en')} positions, ${l.vessels} known vessels, ${l.payments.toLocaleString('en')} payments, ` +
        `${l.declarations.toLocaleString('en')} declarations loaded in ${result.seconds.load.toFixed(1)} s; indicators ran in ${result.seconds.detect.toFixed(1)} s\n`,
    );
    printTable(
      ['indicator', 'alerts', `≥ ${profile.alertThreshold}`],
      Object.entries(result.byIndicator).map(([code, n]) => [code, n, result.alerts.filter((a) => a.indicator === code && a.score >= profile.alertThreshold).length]),
    );
    process.stdout.write(`${result.created} new, ${result.updated} seen before\n\n`);
    printAlerts(shown.slice(0, 50));
    if (shown.length > 50) process.stdout.write(`… ${shown.length - 50} more: sextant alerts --limit N --offset 50, or --json\n`);
  });
}

function printAlerts(alerts: Alert[]): void {
  if (alerts.length === 0) return void process.stdout.write('no alerts\n');
  printTable(
    ['score', 'indicator', 'subjects', 'window', 'explanation'],
    alerts.map((a) => [
      a.score.toFixed(2),
      a.indicator,
      a.subjects.map((s) => s.name || s.id).join(' / '),
      `${a.window.start.slice(0, 16)} → ${a.window.end.slice(0, 16)}`,
      a.explanation,
    ]),
  );
}

/** `sextant indicators`: the catalogue with the parameters the profile sets. */
export function runIndicators(flags: { profile?: string; json?: boolean }): void {
  const profile = profileFrom(flags.profile);
  const rows = CATALOGUE.map((i) => ({
    code: i.code,
    title: i.title,
    definition: i.definition,
    sources: i.sources,
    inputs: i.inputs,
    enabled: profile.indicators[i.code]!.enabled,
    params: Object.fromEntries(
      Object.entries(i.params).map(([k, spec]) => [k, { ...spec, value: profile.indicators[i.code]!.params[k] }]),
    ),
  }));
  if (flags.json) return printJson({ profile: profile.name, alertThreshold: profile.alertThreshold, lists: profile.lists, indicators: rows });
  process.stdout.write(`Indicator catalogue (profile: ${profile.name}, alert threshold ${profile.alertThreshold})\n`);
  for (const r of rows) {
    process.stdout.write(`\n${r.code}${r.enabled ? '' : ' (disabled)'} — ${r.title}\n  ${r.definition}\n`);
    for (const [k, p] of Object.entries(r.params)) process.stdout.write(`  ${k} = ${JSON.stringify(p.value)}${p.unit ? ` ${p.unit}` : ''}  (${p.description})\n`);
    process.stdout.write(`  sources: ${r.sources.map((s) => s.name + (s.url ? ` <${s.url}>` : '')).join('; ')}\n`);
  }
}

export interface AlertsFlags {
  indicator?: string;
  subject?: string;
  status?: string;
  since?: string;
  until?: string;
  minScore?: number;
  limit: number;
  offset: number;
  json?: boolean;
}

/** `sextant alerts`: stored alerts you may see, filtered and paged. */
export async function runAlerts(ctx: CliContext, flags: AlertsFlags): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:read');
    const service = new DetectService(store, ctx.config.governance.levels);
    const page = await service.list(
      await scope(),
      {
        ...(flags.indicator ? { indicator: flags.indicator } : {}),
        ...(flags.subject ? { subject: flags.subject } : {}),
        ...(flags.status ? { status: flags.status } : {}),
        ...(flags.since ? { since: flags.since } : {}),
        ...(flags.until ? { until: flags.until } : {}),
        ...(flags.minScore !== undefined ? { minScore: flags.minScore } : {}),
      },
      { limit: flags.limit, offset: flags.offset },
    );
    await gov.auditRead(viewer, 'alerts.read', { alerts: page.alerts.map((a) => a.id), marked: page.alerts.filter((a) => a.marking !== 'TLP:CLEAR').length });
    if (flags.json) return printJson({ total: page.total, limit: flags.limit, offset: flags.offset, alerts: page.alerts });
    process.stdout.write(`${page.total} alert(s)${page.total > page.alerts.length ? `, showing ${flags.offset + 1}–${flags.offset + page.alerts.length}` : ''}\n`);
    printAlerts(page.alerts);
  });
}

/** `sextant alerts status ID STATUS`. */
export async function runAlertStatus(ctx: CliContext, id: string, status: string): Promise<void> {
  await withSession(ctx, async ({ store, gov, viewer, scope }) => {
    requireCapability(viewer, 'data:write');
    const alert = await new DetectService(store, ctx.config.governance.levels).setStatus(await scope(), id, status);
    await gov.audit.append({ actor: viewer.username, agency: viewer.agencyId, action: 'alert.status', purpose: viewer.purpose, details: { alert: id, status } });
    process.stdout.write(`${alert.id}: ${alert.status}\n`);
  });
}

function score(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('--min-score must be a number from 0 to 1');
  return n;
}

function count(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}`);
    return n;
  };
}

function iso(name: string) {
  return (value: string): string => {
    if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`${name} must be an ISO 8601 date or timestamp`);
    return new Date(value).toISOString();
  };
}

/** detect, indicators, alerts. */
export function addDetectCommands(program: Command, context: (cmd: Command) => CliContext): void {
  program
    .command('detect')
    .description('run the indicators of the catalogue over the data you may see; store the alerts (re-runs update them) and print those at or above the profile threshold')
    .option('--profile <file>', 'community profile (JSON): thresholds and lists; default env SEXTANT_PROFILE, else built-in defaults')
    .option('--indicator <code...>', 'only these indicators (codes or prefixes such as maritime.*)')
    .option('--all', 'print alerts below the profile threshold too')
    .option('--json', 'one alert per line, FORMATS.md §6 shape (with status, marking, details)')
    .action(async (opts: DetectFlags, cmd: Command) => runDetect(context(cmd), opts));

  program
    .command('indicators')
    .description('the indicator catalogue: code, definition, published sources, parameters with their values under the profile')
    .option('--profile <file>', 'community profile (JSON) whose values to show')
    .option('--json', 'machine-readable: {"profile","alertThreshold","lists","indicators":[…]}')
    .action((opts: { profile?: string; json?: boolean }) => runIndicators(opts));

  const alerts = program
    .command('alerts')
    .description('stored alerts you may see (all of their evidence), best score first')
    .option('--indicator <code>', 'an indicator code, or a prefix such as maritime.*')
    .option('--subject <id>', 'an entity id or identifier (IMO, MMSI, account…) among the subjects')
    .option('--status <status>', `one of ${ALERT_STATUSES.join(', ')}`)
    .option('--since <date>', 'alerts whose window ends at or after this', iso('--since'))
    .option('--until <date>', 'alerts whose window starts before this', iso('--until'))
    .option('--min-score <s>', 'alerts scored at least this', score)
    .option('--limit <n>', 'page size', count('--limit', 10_000), 50)
    .option('--offset <n>', 'skip this many', count('--offset', 10_000_000), 0)
    .option('--json', '{"total","limit","offset","alerts":[…]}')
    .action(async (opts: AlertsFlags, cmd: Command) => runAlerts(context(cmd), opts));
  alerts
    .command('status <id> <status>')
    .description(`set an alert's status: ${ALERT_STATUSES.join(', ')}`)
    .action(async (id: string, status: string, _opts, cmd: Command) => runAlertStatus(context(cmd), id, status));
}
