/**
 * `npm run eval -- maritime [--seeds 1,2,3] [--scale N] [--days N] [--json] [--keep]`
 *
 * Generates one simulated world per seed (src/simulate, every scheme, into a
 * temporary directory), loads each as the maritime tests do
 * (src/detect/maritime/sim-world.ts), runs every enabled maritime indicator
 * with the built-in profile, and compares the alerts with the world's
 * truth.json.
 *
 * Definitions (printed in the output header as well):
 *
 * - An alert *names* a truth entry when one of its subjects has the entry
 *   subject's entity id, or one of its MMSIs (a shadow-fleet hull lists every
 *   MMSI it broadcast under), or its IMO number or the (invalid) IMO number it
 *   broadcast (`imo_broadcast`) — the matching of src/detect/maritime/world.test.ts.
 * - An alert *hits* an entry when it names it and its window overlaps the
 *   entry's window (no slack), and it is *strong* when its score is at least
 *   the profile's alertThreshold.
 * - A planted (positive) entry is *detected* when a strong alert from one of
 *   its scheme's signature indicators (SIGNATURES) hits it. The signatures are
 *   the behaviours the scheme plants, as the US/UK maritime advisories name
 *   them: a dark ship-to-ship transfer is an AIS gap, a meeting at sea
 *   (encounter, or loitering while waiting), a draught change without a port;
 *   a shadow-fleet hull is re-flagged under new MMSIs and names (identity)
 *   and goes dark (AIS gap); identity manipulation is a borrowed MMSI, an
 *   invalid IMO number or a position jump (identity or spoofing). Stricter
 *   than "any maritime alert": an identity-manipulation entry spans the whole
 *   world for the invalid-IMO vessel, and an unrelated AIS gap or a call at a
 *   port of concern on it would otherwise pass for detecting a false identity.
 *   Recall by any maritime indicator is printed beside it, and recall per
 *   indicator on each scheme type in a table. A scheme type this table does
 *   not know counts every maritime indicator.
 * - Strong alerts are also sorted by whom they name: the *background* (no
 *   truth entry's subject, at any time: legitimate traffic); *hard negative*
 *   (hits a negative entry — legit_sts, a lightering in a designated STS
 *   area — by the same rule as detection: names one of its vessels, window
 *   overlapping); *hard-negative vessel, outside its window* (names one of
 *   those vessels at another time: their voyages to and from the area and
 *   their port stays, printed but not the negative); *planted, in window*
 *   (hits a positive entry) and *planted, outside window* (names a positive
 *   entry's vessel at another time). An alert counts in each in-window column
 *   it qualifies for, and in an outside-window column only when it hits no
 *   entry.
 *
 * Targets: recall ≥ 0.9 on every planted maritime scheme type and no strong
 * alert on a legit_sts entry. Exit code 0 when both hold, 1 otherwise, 2 on
 * bad options.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertDraft } from '../src/detect/alert.ts';
import { MARITIME_INDICATORS } from '../src/detect/maritime/index.ts';
import { loadWorld, type TruthScheme } from '../src/detect/maritime/sim-world.ts';
import { simulate } from '../src/simulate/index.ts';

export const TARGET_RECALL = 0.9;
export const HARD_NEGATIVE_TYPE = 'legit_sts';
export const DEFAULT_SEEDS = [1, 2, 3];
/** 4: four instances of each scheme per world, ≈ 2 M positions, ≈ 15 s a world on this project's machines. */
export const DEFAULT_SCALE = 4;
export const DEFAULT_DAYS = 90;

/** Which indicators count towards detecting each planted scheme type (see the module comment). */
export const SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  sts_dark_transfer: ['maritime.ais_gap', 'maritime.encounter', 'maritime.loitering', 'maritime.draught_change'],
  shadow_fleet: ['maritime.identity', 'maritime.ais_gap'],
  identity_manipulation: ['maritime.identity', 'maritime.spoofing'],
};

export const MARITIME_USAGE = `usage: npm run eval -- maritime [--seeds 1,2,3] [--scale N] [--days N] [--json] [--keep]
  recall of the maritime indicators on the schemes planted in simulated worlds, alerts on background traffic and on the
  hard negatives (legit_sts), targets recall ≥ ${TARGET_RECALL} per planted scheme and no alert on legit_sts; exits 1 when one is missed
  --seeds LIST   worlds to generate, one per seed (default ${DEFAULT_SEEDS.join(',')})
  --scale N      world scale (default ${DEFAULT_SCALE}: ${instancesAt(DEFAULT_SCALE)} instances of each scheme per world)
  --days N       length of each world in days (default ${DEFAULT_DAYS})
  --json         print the figures as JSON
  --keep         keep the generated worlds and print where they are
`;

/** Instances of each scheme the generator plants at a scale (src/simulate/index.ts). */
function instancesAt(scale: number): number {
  return Math.max(2, Math.round(2 * Math.sqrt(scale)));
}

// ---------------------------------------------------------------- matching and scoring (pure)

/** What of an alert the evaluation reads. */
export type EvalAlert = Pick<AlertDraft, 'indicator' | 'score' | 'subjects' | 'window'>;

/** Matching keys of a truth entry's subjects: `id:`, `mmsi:` (every MMSI listed), `imo:` (registered and broadcast). */
export function entryKeys(entry: Pick<TruthScheme, 'subjects'>): Set<string> {
  const keys = new Set<string>();
  for (const s of entry.subjects) {
    const ids = s.identifiers;
    if (ids.id) keys.add(`id:${ids.id}`);
    for (const m of (ids.mmsi ?? '').split(',')) if (m.trim()) keys.add(`mmsi:${m.trim()}`);
    for (const imo of [ids.imo, ids.imo_broadcast]) if (imo) keys.add(`imo:${imo.replace(/^IMO/i, '')}`);
  }
  return keys;
}

/** Matching keys of an alert's subjects. */
export function alertKeys(alert: Pick<EvalAlert, 'subjects'>): string[] {
  const keys: string[] = [];
  for (const s of alert.subjects) {
    keys.push(`id:${s.id}`);
    if (s.identifiers.mmsi) keys.push(`mmsi:${s.identifiers.mmsi}`);
    if (s.identifiers.imo) keys.push(`imo:${s.identifiers.imo}`);
  }
  return keys;
}

/** Whether two ISO windows share at least an instant. */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) <= Date.parse(b.end) && Date.parse(a.end) >= Date.parse(b.start);
}

/** Maritime truth entries: those with a Vessel subject (the other schemes plant companies, payments, declarations). */
export function isMaritime(entry: Pick<TruthScheme, 'subjects'>): boolean {
  return entry.subjects.some((s) => s.schema === 'Vessel');
}

export function signatureOf(type: string, indicators: readonly string[]): readonly string[] {
  return SIGNATURES[type] ?? indicators;
}

/** One maritime truth entry of one world and the alerts that hit it. */
export interface EntryResult {
  seed: number;
  id: string;
  type: string;
  negative: boolean;
  window: { start: string; end: string };
  subjects: string[];
  /** Highest score per indicator among the alerts that hit the entry (window overlapping), any score. */
  hitBy: Record<string, number>;
  /** Strong alerts that hit the entry (window overlapping), per indicator: what counts against a hard negative. */
  strongInWindow: Record<string, number>;
  /** Strong alerts that name the entry's vessels outside its window, per indicator. */
  strongOutside: Record<string, number>;
}

export interface IndicatorAlerts {
  /** Every alert, any score. */
  all: number;
  /** Alerts at or above the threshold. */
  strong: number;
  background: number;
  hardNegative: number;
  hardNegativeOutsideWindow: number;
  plantedInWindow: number;
  plantedOutsideWindow: number;
}

function noAlerts(): IndicatorAlerts {
  return { all: 0, strong: 0, background: 0, hardNegative: 0, hardNegativeOutsideWindow: 0, plantedInWindow: 0, plantedOutsideWindow: 0 };
}

export interface WorldScore {
  entries: EntryResult[];
  perIndicator: Record<string, IndicatorAlerts>;
}

function describeSubject(identifiers: Record<string, string>, schema: string): string {
  const parts = [schema];
  if (identifiers.mmsi) parts.push(`MMSI ${identifiers.mmsi}`);
  if (identifiers.imo) parts.push(`IMO ${identifiers.imo}`);
  if (identifiers.imo_broadcast) parts.push(`broadcast IMO ${identifiers.imo_broadcast}`);
  if (parts.length === 1 && identifiers.id) parts.push(identifiers.id);
  return parts.join(' ');
}

/**
 * One world's alerts against its truth: which indicators hit each maritime
 * entry (and how high), and per indicator how its strong alerts split
 * between background, hard negatives and planted vessels.
 */
export function scoreWorld(seed: number, truth: readonly TruthScheme[], alerts: readonly EvalAlert[], threshold: number, indicators: readonly string[]): WorldScore {
  const maritime = truth.filter(isMaritime);
  const keyed = maritime.map((entry) => ({ entry, keys: entryKeys(entry) }));
  const everyKey = new Set(truth.flatMap((e) => [...entryKeys(e)]));
  const entries: EntryResult[] = maritime.map((e) => ({
    seed,
    id: e.id,
    type: e.type,
    negative: e.negative,
    window: e.window,
    subjects: e.subjects.filter((s) => s.schema === 'Vessel').map((s) => describeSubject(s.identifiers, s.schema)),
    hitBy: {},
    strongInWindow: {},
    strongOutside: {},
  }));
  const perIndicator: Record<string, IndicatorAlerts> = {};
  for (const code of indicators) perIndicator[code] = noAlerts();
  for (const alert of alerts) {
    const counts = (perIndicator[alert.indicator] ??= noAlerts());
    counts.all++;
    const strong = alert.score >= threshold;
    const keys = alertKeys(alert);
    let namesAny = false;
    let negativeIn = false;
    let negativeOut = false;
    let plantedIn = false;
    let plantedOut = false;
    keyed.forEach(({ entry, keys: ek }, i) => {
      if (!keys.some((k) => ek.has(k))) return;
      namesAny = true;
      const result = entries[i]!;
      const inWindow = overlaps(alert.window, entry.window);
      if (inWindow) result.hitBy[alert.indicator] = Math.max(result.hitBy[alert.indicator] ?? 0, alert.score);
      if (strong) {
        const into = inWindow ? result.strongInWindow : result.strongOutside;
        into[alert.indicator] = (into[alert.indicator] ?? 0) + 1;
      }
      if (entry.negative) inWindow ? (negativeIn = true) : (negativeOut = true);
      else inWindow ? (plantedIn = true) : (plantedOut = true);
    });
    if (!namesAny && keys.some((k) => everyKey.has(k))) namesAny = true;
    if (!strong) continue;
    counts.strong++;
    if (!namesAny) counts.background++;
    if (negativeIn) counts.hardNegative++;
    if (plantedIn) counts.plantedInWindow++;
    if (!negativeIn && !plantedIn) {
      if (negativeOut) counts.hardNegativeOutsideWindow++;
      else if (plantedOut) counts.plantedOutsideWindow++;
    }
  }
  return { entries, perIndicator };
}

export interface SchemeFigure {
  type: string;
  entries: number;
  /** Entries hit by a strong alert of one of the scheme's signature indicators. */
  detected: number;
  recall: number;
  /** Entries hit by a strong alert of any maritime indicator. */
  detectedByAny: number;
  recallByAny: number;
  signature: readonly string[];
  /** Per indicator: entries it hits with a strong alert, and that share. */
  byIndicator: Record<string, { detected: number; recall: number }>;
}

export interface HardNegativeFigure {
  type: string;
  entries: number;
  /** Entries hit by a strong alert (one of their vessels named, window overlapping). */
  alerted: number;
  /** Strong alerts that hit them, per indicator. */
  alerts: Record<string, number>;
  /** Strong alerts on their vessels outside their window, per indicator (reported, not a target). */
  outsideWindow: Record<string, number>;
  /** Alerts of any score that hit them in their window, per indicator (reported, not a target). */
  weakInWindow: Record<string, number>;
}

export interface Summary {
  threshold: number;
  indicators: string[];
  schemes: SchemeFigure[];
  hardNegatives: HardNegativeFigure[];
  perIndicator: Record<string, IndicatorAlerts>;
  targets: Array<{ target: string; kind: 'recall' | 'alerts'; value: number; pass: boolean }>;
  pass: boolean;
  missed: EntryResult[];
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Worlds' scores added up: recall per scheme type and indicator, hard negatives, alert counts, targets. */
export function summarise(worlds: readonly WorldScore[], threshold: number, indicators: readonly string[]): Summary {
  const entries = worlds.flatMap((w) => w.entries);
  const strongBy = (e: EntryResult, codes: readonly string[]) => codes.some((c) => (e.hitBy[c] ?? -1) >= threshold);
  const positiveTypes = [...new Set(entries.filter((e) => !e.negative).map((e) => e.type))].sort(byKnownOrder);
  const schemes: SchemeFigure[] = positiveTypes.map((type) => {
    const list = entries.filter((e) => !e.negative && e.type === type);
    const signature = signatureOf(type, indicators);
    const detected = list.filter((e) => strongBy(e, signature)).length;
    const detectedByAny = list.filter((e) => strongBy(e, indicators)).length;
    const byIndicator: SchemeFigure['byIndicator'] = {};
    for (const code of indicators) {
      const n = list.filter((e) => strongBy(e, [code])).length;
      byIndicator[code] = { detected: n, recall: r4(n / list.length) };
    }
    return { type, entries: list.length, detected, recall: r4(detected / list.length), detectedByAny, recallByAny: r4(detectedByAny / list.length), signature, byIndicator };
  });
  const negativeTypes = [...new Set(entries.filter((e) => e.negative).map((e) => e.type))].sort();
  const hardNegatives: HardNegativeFigure[] = negativeTypes.map((type) => {
    const list = entries.filter((e) => e.negative && e.type === type);
    const alerts: Record<string, number> = {};
    const outsideWindow: Record<string, number> = {};
    const weakInWindow: Record<string, number> = {};
    for (const e of list) {
      for (const [code, n] of Object.entries(e.strongInWindow)) alerts[code] = (alerts[code] ?? 0) + n;
      for (const [code, n] of Object.entries(e.strongOutside)) outsideWindow[code] = (outsideWindow[code] ?? 0) + n;
      for (const [code, score] of Object.entries(e.hitBy)) if (score < threshold) weakInWindow[code] = (weakInWindow[code] ?? 0) + 1;
    }
    return { type, entries: list.length, alerted: list.filter((e) => Object.keys(e.strongInWindow).length > 0).length, alerts, outsideWindow, weakInWindow };
  });
  const perIndicator: Record<string, IndicatorAlerts> = {};
  for (const code of indicators) perIndicator[code] = noAlerts();
  for (const w of worlds) {
    for (const [code, c] of Object.entries(w.perIndicator)) {
      const sum = (perIndicator[code] ??= noAlerts());
      for (const k of Object.keys(sum) as Array<keyof IndicatorAlerts>) sum[k] += c[k];
    }
  }
  const targets: Summary['targets'] = schemes.map((s) => ({ target: `recall ≥ ${TARGET_RECALL} on ${s.type}`, kind: 'recall' as const, value: s.recall, pass: s.recall >= TARGET_RECALL }));
  const hard = hardNegatives.find((h) => h.type === HARD_NEGATIVE_TYPE);
  const hardAlerts = hard ? Object.values(hard.alerts).reduce((a, b) => a + b, 0) : 0;
  targets.push({ target: `0 alerts ≥ ${threshold} on ${HARD_NEGATIVE_TYPE}${hard ? '' : ' (none planted)'}`, kind: 'alerts', value: hardAlerts, pass: hard !== undefined && hardAlerts === 0 });
  const missed = entries.filter((e) => !e.negative && !strongBy(e, signatureOf(e.type, indicators)));
  return { threshold, indicators: [...indicators], schemes, hardNegatives, perIndicator, targets, pass: targets.every((t) => t.pass), missed };
}

/** The known planted schemes first, in the order of SIGNATURES; others after, by name. */
function byKnownOrder(a: string, b: string): number {
  const known = Object.keys(SIGNATURES);
  const ia = known.indexOf(a);
  const ib = known.indexOf(b);
  return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || a.localeCompare(b);
}

// ---------------------------------------------------------------- command line

export interface MaritimeOptions {
  seeds: number[];
  scale: number;
  days: number;
  json: boolean;
  keep: boolean;
}

export function parseMaritimeArgs(argv: readonly string[]): MaritimeOptions {
  const out: MaritimeOptions = { seeds: [...DEFAULT_SEEDS], scale: DEFAULT_SCALE, days: DEFAULT_DAYS, json: false, keep: false };
  const value = (flag: string, v: string | undefined): string => {
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--keep') out.keep = true;
    else if (a === '--seeds') {
      const v = value(a, argv[++i]);
      const seeds = v.split(',').map((s) => s.trim());
      if (seeds.length === 0 || !seeds.every((s) => /^\d+$/.test(s))) throw new Error('--seeds needs a comma-separated list of whole numbers');
      out.seeds = [...new Set(seeds.map(Number))];
    } else if (a === '--scale') {
      const n = Number(value(a, argv[++i]));
      if (!(n > 0) || n > 100) throw new Error('--scale needs a number above 0 and at most 100');
      out.scale = n;
    } else if (a === '--days') {
      const n = Number(value(a, argv[++i]));
      if (!Number.isInteger(n) || n < 7 || n > 365) throw new Error('--days needs a whole number from 7 to 365');
      out.days = n;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else throw new Error(`unexpected argument ${a}`);
  }
  return out;
}

interface WorldRun {
  seed: number;
  dir: string;
  positions: number;
  mmsis: number;
  alerts: number;
  strong: number;
  /** The profile's alert threshold (the built-in profile loadWorld gives). */
  threshold: number;
  seconds: { simulate: number; load: number; detect: number };
  score: WorldScore;
}

async function runWorld(seed: number, opts: MaritimeOptions, progress: (msg: string) => void): Promise<WorldRun> {
  const dir = await mkdtemp(join(tmpdir(), `sextant-eval-maritime-${seed}-`));
  try {
    const t0 = performance.now();
    progress(`seed ${seed}: simulating (scale ${opts.scale}, ${opts.days} days) into ${dir}`);
    await simulate({ out: dir, seed, scale: opts.scale, days: opts.days });
    const t1 = performance.now();
    progress(`seed ${seed}: loading`);
    const { inputs, truth } = await loadWorld(dir);
    const t2 = performance.now();
    progress(`seed ${seed}: detecting`);
    const profile = inputs.profile;
    const alerts: AlertDraft[] = [];
    const codes: string[] = [];
    for (const ind of MARITIME_INDICATORS) {
      const setting = profile.indicators[ind.code];
      if (setting && !setting.enabled) continue;
      codes.push(ind.code);
      alerts.push(...(await ind.run(inputs, setting?.params ?? {})));
    }
    const t3 = performance.now();
    const score = scoreWorld(seed, truth.schemes, alerts, profile.alertThreshold, codes);
    return {
      seed,
      dir,
      positions: inputs.positions.length,
      mmsis: inputs.positions.vessels,
      alerts: alerts.length,
      strong: alerts.filter((a) => a.score >= profile.alertThreshold).length,
      threshold: profile.alertThreshold,
      seconds: { simulate: r1((t1 - t0) / 1000), load: r1((t2 - t1) / 1000), detect: r1((t3 - t2) / 1000) },
      score,
    };
  } finally {
    if (!opts.keep) await rm(dir, { recursive: true, force: true });
  }
}

function r1(x: number): number {
  return Math.round(x * 10) / 10;
}
function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}
function lpad(s: string | number, n: number): string {
  return String(s).padStart(n);
}
function short(code: string): string {
  return code.replace(/^maritime\./, '');
}

/** The definitions, as the output header prints them. */
export function definitions(threshold: number): string[] {
  return [
    `Definitions`,
    `  names:    an alert names a truth entry when a subject of the alert has the entry subject's entity id, one of its MMSIs`,
    `            (all a re-flagged hull broadcast under) or its IMO number (registered or the invalid one it broadcast).`,
    `  detected: a planted entry is detected when an alert scored ≥ ${threshold} (the profile's alertThreshold) from one of its`,
    `            scheme's signature indicators names it and its window overlaps the entry's window (no slack). Signatures:`,
    ...Object.entries(SIGNATURES).map(([type, codes]) => `              ${pad(type, 22)} ${codes.map(short).join(', ')}`),
    `            (the behaviours the scheme plants; "any" = any maritime indicator, shown for comparison).`,
    `  alerts:   alerts ≥ ${threshold} by whom they name: background = no truth entry's subject at any time (legitimate traffic);`,
    `            hard neg = hits a negative entry (${HARD_NEGATIVE_TYPE}: lightering in a designated STS area), by the rule of "detected";`,
    `            neg out = names one of its vessels outside its window (voyages to and from the area, port stays);`,
    `            planted in / out = hits a planted entry / names a planted entry's vessel outside the entry's window.`,
  ];
}

function render(runs: WorldRun[], s: Summary, opts: MaritimeOptions): string {
  const out: string[] = [];
  const thr = s.threshold;
  out.push(`Maritime evaluation — ${runs.length} simulated ${runs.length === 1 ? 'world' : 'worlds'} (seeds ${opts.seeds.join(', ')}; scale ${opts.scale}; ${opts.days} days; every scheme), built-in profile, alert threshold ${thr}`);
  for (const r of runs) {
    out.push(
      `  seed ${r.seed}: ${r.positions.toLocaleString('en')} positions, ${r.mmsis} MMSIs, ${r.alerts} alerts (${r.strong} ≥ ${thr}); ` +
        `simulate ${r.seconds.simulate} s, load ${r.seconds.load} s, detect ${r.seconds.detect} s${opts.keep ? `; kept in ${r.dir}` : ''}`,
    );
  }
  out.push('');
  out.push(...definitions(thr));
  out.push('');
  out.push(`Planted schemes (positives)`);
  out.push(`${pad('scheme', 24)}${lpad('entries', 8)}${lpad('detected', 10)}${lpad('recall', 8)}${lpad('any', 8)}   indicators that fired on its entries (≥ ${thr}, in window)`);
  for (const f of s.schemes) {
    const fired = Object.entries(f.byIndicator)
      .filter(([, x]) => x.detected > 0)
      .map(([code, x]) => `${short(code)}${f.signature.includes(code) ? '' : '†'} ${x.detected}`)
      .join(', ');
    out.push(`${pad(f.type, 24)}${lpad(f.entries, 8)}${lpad(f.detected, 10)}${lpad(f.recall.toFixed(3), 8)}${lpad(f.recallByAny.toFixed(3), 8)}   ${fired || 'none'}`);
  }
  out.push(`  († not a signature indicator of the scheme: not counted in its recall)`);
  out.push('');
  const w = Math.max(14, ...s.schemes.map((f) => f.type.length + 2));
  out.push(`Recall per indicator on each planted scheme type (share of entries it detects; * signature indicator)`);
  out.push(`${pad('indicator', 24)}${s.schemes.map((f) => lpad(f.type, w)).join('')}`);
  for (const code of s.indicators) {
    out.push(`${pad(short(code), 24)}${s.schemes.map((f) => lpad(`${f.byIndicator[code]!.recall.toFixed(3)}${f.signature.includes(code) ? '*' : ' '}`, w)).join('')}`);
  }
  out.push('');
  out.push(`Alerts per indicator`);
  out.push(`${pad('indicator', 24)}${lpad('background', 12)}${lpad('hard neg', 10)}${lpad('neg out', 9)}${lpad('planted in', 12)}${lpad('planted out', 13)}${lpad(`total ≥ ${thr}`, 12)}${lpad('all scores', 12)}`);
  const row = (name: string, c: IndicatorAlerts) =>
    `${pad(name, 24)}${lpad(c.background, 12)}${lpad(c.hardNegative, 10)}${lpad(c.hardNegativeOutsideWindow, 9)}${lpad(c.plantedInWindow, 12)}${lpad(c.plantedOutsideWindow, 13)}${lpad(c.strong, 12)}${lpad(c.all, 12)}`;
  const tot = noAlerts();
  for (const code of s.indicators) {
    const c = s.perIndicator[code]!;
    for (const k of Object.keys(tot) as Array<keyof IndicatorAlerts>) tot[k] += c[k];
    out.push(row(short(code), c));
  }
  out.push(row('all', tot));
  out.push('');
  out.push(`Hard negatives`);
  for (const h of s.hardNegatives) {
    const strong = Object.entries(h.alerts).map(([code, n]) => `${short(code)} ${n}`).join(', ');
    const weak = Object.entries(h.weakInWindow).map(([code, n]) => `${short(code)} ${n}`).join(', ');
    const outside = Object.entries(h.outsideWindow).map(([code, n]) => `${short(code)} ${n}`).join(', ');
    out.push(`  ${pad(h.type, 22)}entries ${h.entries}, hit by an alert ≥ ${thr}: ${h.alerted}${strong ? ` (${strong})` : ''}`);
    out.push(`  ${pad('', 22)}hit below the threshold: ${weak || 'none'}; alerts ≥ ${thr} on its vessels outside its window: ${outside || 'none'}`);
  }
  if (s.hardNegatives.length === 0) out.push('  (none planted)');
  out.push('');
  if (s.missed.length > 0) {
    out.push(`Missed planted entries (${s.missed.length})`);
    for (const e of s.missed) {
      const hits = Object.entries(e.hitBy).map(([code, score]) => `${short(code)} ${score.toFixed(2)}`).join(', ');
      out.push(`  seed ${e.seed} ${e.id} ${e.window.start} → ${e.window.end}; ${e.subjects.join('; ')}; in window: ${hits || 'no alert'}`);
    }
    out.push('');
  }
  out.push(`Targets`);
  for (const t of s.targets) out.push(`  ${pad(t.target, 48)}${lpad(t.kind === 'recall' ? t.value.toFixed(3) : t.value, 8)}  ${t.pass ? 'PASS' : 'FAIL'}`);
  out.push(`result: ${s.pass ? 'PASS' : 'FAIL'}`);
  return `${out.join('\n')}\n`;
}

/** `npm run eval -- maritime …` (argv after `maritime`): the exit code. */
export async function maritimeMain(argv: readonly string[]): Promise<number> {
  let opts: MaritimeOptions;
  try {
    opts = parseMaritimeArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${MARITIME_USAGE}`);
    return 2;
  }
  const progress = (msg: string) => {
    if (process.stderr.isTTY) process.stderr.write(`${msg}\n`);
  };
  const runs: WorldRun[] = [];
  try {
    // One world at a time: each holds a few million positions, and the machine is shared.
    for (const seed of opts.seeds) runs.push(await runWorld(seed, opts, progress));
  } catch (err) {
    process.stderr.write(`maritime evaluation failed: ${(err as Error).message}\n`);
    return 1;
  }
  const indicators = [...new Set(runs.flatMap((r) => Object.keys(r.score.perIndicator)))];
  const threshold = runs[0]!.threshold;
  const summary = summarise(
    runs.map((r) => r.score),
    threshold,
    indicators,
  );
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          suite: 'maritime',
          seeds: opts.seeds,
          scale: opts.scale,
          days: opts.days,
          threshold,
          targetRecall: TARGET_RECALL,
          signatures: SIGNATURES,
          worlds: runs.map((r) => ({ seed: r.seed, positions: r.positions, mmsis: r.mmsis, alerts: r.alerts, strongAlerts: r.strong, seconds: r.seconds, ...(opts.keep ? { dir: r.dir } : {}) })),
          schemes: summary.schemes,
          hardNegatives: summary.hardNegatives,
          perIndicator: summary.perIndicator,
          targets: summary.targets,
          pass: summary.pass,
          missed: summary.missed,
          entries: runs.flatMap((r) => r.score.entries),
        },
        null,
        2,
      )}\n`,
    );
  } else process.stdout.write(render(runs, summary, opts));
  return summary.pass ? 0 : 1;
}
