/**
 * `npm run eval -- detection [--seeds 1,2,3,4,5] [--scale N] [--days N] [--json] [--keep]`
 *
 * Triangulation: payments, customs, ownership and the 50 % rule. For each
 * seed, generates a simulated world (src/simulate, every scheme) into a
 * temporary directory, loads it into a fresh embedded store in that directory
 * as an exercise does (src/simulate/load.ts: every file under its agency, the
 * task-force agreement that lets the operator's agency see the AMBER payments
 * and declarations), runs DetectService as the operator with the whole
 * catalogue and the built-in profile, and compares the stored alerts with the
 * world's truth.json.
 *
 * Definitions (printed in the output header as well):
 *
 * - Scope. The planted schemes of this evaluation are SCOPE_SCHEMES: the five
 *   of payments, customs and ownership, and the declared-origin leg of
 *   sts_dark_transfer (its discharge declared as loaded at a port the tanker
 *   never called at: a customs declaration against AIS). Its indicators are
 *   every indicator of the catalogue outside `maritime.*` (trade, finance,
 *   ownership, triangulation); the maritime indicators are `eval maritime`'s,
 *   so they neither detect an entry here nor enter the overall precision (their
 *   rows are printed for information). That is also what confines
 *   sts_dark_transfer to its declared-origin leg: its AIS legs would otherwise
 *   detect it.
 * - Names. An alert names a truth entry (1) by subject: an alert subject's
 *   entity id is one of the entry's subjects' ids (also `registry`, the
 *   registry id transshipment_hub gives), or an alert subject's identifier is
 *   one of theirs — account (IBAN, spaces removed, upper case), registration,
 *   LEI, IMO (with or without the "IMO" prefix; the broadcast IMO too), MMSI
 *   (every one a re-flagged hull used) — or a declaration or transaction
 *   identifier an alert subject carries is one of the entry's records; or
 *   (2) by evidence: one of the alert's evidence records (dataset mapped back
 *   to the manifest file it was loaded from, and record id) is one of the
 *   entry's `records` ("file:record id"). A Goods subject (hs6 alone) never
 *   names an entry: every declaration of the heading would. A country never
 *   does either.
 * - Hits / detected. An alert hits an entry when it names it and its window
 *   overlaps the entry's window (the instants from start to end, both
 *   included, no slack). It is strong when its score is at least the profile's
 *   alertThreshold. A planted (positive) entry is detected when a strong alert
 *   of an indicator in scope hits it.
 * - Precision. A strong alert is a true positive when it hits a planted entry
 *   of any type (a trade alert on a shadow-fleet tanker counts). Every other
 *   strong alert counts against precision, sorted by what it names: planted,
 *   outside window (a planted entry's subject or record at another time);
 *   hard negative (hits a negative entry; also counted in the hard-negative
 *   table even when it hits a planted entry too); negative, outside window;
 *   background (no truth entry at all). Background alerts that are true by an
 *   indicator's definition (a background company re-exporting CHPL goods, a
 *   genuine new hub company) are not in truth.json and count against
 *   precision like any other: the simulator plants the schemes, and whatever
 *   else its background does is the noise an analyst would triage.
 *   Precision per indicator = true positives / strong alerts; overall = the
 *   same over every strong alert of the indicators in scope.
 * - Hard negatives (stake_49, licensed_dual_use, common_names, legit_sts):
 *   strong alerts that hit them, per indicator (every indicator), and
 *   specifically triangulate.network's.
 *
 * Targets: recall ≥ 0.9 on each scheme of SCOPE_SCHEMES, overall precision
 * ≥ 0.6, and no strong triangulate.network alert on any hard-negative type.
 * Exit code 0 when all hold, 1 otherwise (or when a world fails), 2 on bad
 * options.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { CATALOGUE } from '../src/detect/catalogue.ts';
import { defaultProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { Governance } from '../src/policy/index.ts';
import { simulate } from '../src/simulate/index.ts';
import { loadExercise } from '../src/simulate/load.ts';
import type { TruthScheme } from '../src/simulate/truth.ts';
import { openStore } from '../src/store/index.ts';

export const TARGET_RECALL = 0.9;
export const TARGET_PRECISION = 0.6;
export const NETWORK = 'triangulate.network';
/** The planted schemes this evaluation targets (sts_dark_transfer: its declared-origin leg; see the module comment). */
export const SCOPE_SCHEMES = ['ownership_layering', 'front_company', 'chpl_transshipment', 'mis_invoicing', 'pass_through', 'payment_cycle', 'sts_dark_transfer'] as const;
export const HARD_NEGATIVES = ['stake_49', 'licensed_dual_use', 'common_names', 'legit_sts'] as const;
export const DEFAULT_SEEDS = [1, 2, 3, 4, 5];
/** 1: the demo world, two instances of each scheme; ≈ 1 min a world on this project's machines (ingest ≈ 30 s, detection ≈ 20 s). */
export const DEFAULT_SCALE = 1;
export const DEFAULT_DAYS = 90;
/** False-positive explanations printed per indicator. */
const FP_SAMPLES = 3;

export const DETECTION_USAGE = `usage: npm run eval -- detection [--seeds ${DEFAULT_SEEDS.join(',')}] [--scale N] [--days N] [--json] [--keep]
  triangulation (payments, customs, ownership, the 50% rule): loads simulated worlds into a fresh store as an exercise
  does, runs the whole catalogue as the operator and scores the alerts against truth.json: recall per planted scheme
  (${SCOPE_SCHEMES.join(', ')}),
  alert precision, alerts on the hard negatives (${HARD_NEGATIVES.join(', ')}); targets recall ≥ ${TARGET_RECALL} per
  scheme, precision ≥ ${TARGET_PRECISION}, no ${NETWORK} alert on a hard negative; exits 1 when one is missed
  --seeds LIST   worlds to generate, one per seed (default ${DEFAULT_SEEDS.join(',')})
  --scale N      world scale (default ${DEFAULT_SCALE}: ${instancesAt(DEFAULT_SCALE)} instances of each scheme per world)
  --days N       length of each world in days (default ${DEFAULT_DAYS})
  --json         print the figures as JSON
  --keep         keep the generated worlds (with their stores) and print where they are
`;

/** Instances of each scheme the generator plants at a scale (src/simulate/index.ts). */
function instancesAt(scale: number): number {
  return Math.max(2, Math.round(2 * Math.sqrt(scale)));
}

// ---------------------------------------------------------------- matching and scoring (pure)

/** What of an alert the evaluation reads (a stored Alert has it all). */
export interface EvalAlert {
  /** The stored alert's id: what a network's legs name. */
  id?: string;
  indicator: string;
  score: number;
  subjects: ReadonlyArray<{ id: string; name?: string; identifiers: Readonly<Record<string, string>> }>;
  window: { start: string; end: string };
  evidence: ReadonlyArray<{ source: string; record: string }>;
  explanation: string;
  /** A network's legs are in `details.legs` ({ alert, indicator, score }). */
  details?: Readonly<Record<string, unknown>>;
}

export type TruthEntry = Pick<TruthScheme, 'id' | 'type' | 'negative' | 'subjects' | 'records' | 'window'>;

/** Whether an indicator is in this evaluation's scope (everything but maritime.*). */
export function inScope(code: string): boolean {
  return !code.startsWith('maritime.');
}

/** The matching key of one identifier, or null for those that identify nothing on their own (country, hs6). */
export function identifierKeys(kind: string, value: string): string[] {
  const v = value.trim();
  if (!v) return [];
  switch (kind) {
    case 'id':
    case 'registry':
      return [`id:${v}`];
    case 'account':
      return [`account:${v.replace(/\s+/g, '').toUpperCase()}`];
    case 'registration':
    case 'lei':
      return [`${kind}:${v.replace(/\s+/g, ' ').toUpperCase()}`];
    case 'imo':
    case 'imo_broadcast':
      return [`imo:${v.replace(/^IMO\s*/i, '')}`];
    case 'mmsi':
      return v
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
        .map((m) => `mmsi:${m}`);
    case 'declaration':
    case 'txn':
      return [`recid:${v}`];
    default:
      return [];
  }
}

/** An entry's keys: by subject (ids, identifiers, record ids a subject may carry) and by evidence (file:record). */
export function entryKeys(entry: Pick<TruthEntry, 'subjects' | 'records'>): { subject: Set<string>; evidence: Set<string> } {
  const subject = new Set<string>();
  const evidence = new Set<string>();
  for (const s of entry.subjects) for (const [kind, value] of Object.entries(s.identifiers)) for (const k of identifierKeys(kind, value)) subject.add(k);
  for (const r of entry.records) {
    const colon = r.lastIndexOf(':');
    if (colon <= 0) continue;
    evidence.add(`rec:${r}`);
    subject.add(`recid:${r.slice(colon + 1)}`);
  }
  return { subject, evidence };
}

/** An alert's subject keys: each subject's id and its identifiers. */
export function alertSubjectKeys(alert: Pick<EvalAlert, 'subjects'>): string[] {
  const keys: string[] = [];
  for (const s of alert.subjects) {
    keys.push(`id:${s.id}`);
    for (const [kind, value] of Object.entries(s.identifiers)) keys.push(...identifierKeys(kind, value));
  }
  return keys;
}

/** An alert's evidence keys: `rec:<manifest file>:<record>`, the dataset mapped back to its file (unknown datasets keep their name). */
export function alertEvidenceKeys(alert: Pick<EvalAlert, 'evidence'>, fileOf: Readonly<Record<string, string>>): string[] {
  return alert.evidence.map((e) => `rec:${fileOf[e.source] ?? e.source}:${e.record}`);
}

/** Whether two ISO windows share at least an instant. */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) <= Date.parse(b.end) && Date.parse(a.end) >= Date.parse(b.start);
}

/**
 * An alert's window read within the world's span: each end clamped into it.
 * The data describe only the span, so a status as of the run
 * (ownership.blocked_by_aggregation dates its alerts the day detection runs,
 * after a simulated world's end) counts as of the span's last day, and a
 * registry fact from before it (an incorporation) as of its first.
 */
export function clampWindow(w: { start: string; end: string }, span: { start: string; end: string } | undefined): { start: string; end: string } {
  if (!span) return w;
  const lo = Date.parse(span.start);
  const hi = Date.parse(span.end);
  const clamp = (t: string) => {
    const ms = Date.parse(t);
    return ms < lo ? span.start : ms > hi ? span.end : t;
  };
  return { start: clamp(w.start), end: clamp(w.end) };
}

/** One truth entry of one world and the alerts that hit it. */
export interface EntryResult {
  seed: number;
  id: string;
  type: string;
  negative: boolean;
  window: { start: string; end: string };
  /** Highest score per indicator among the alerts that hit the entry (window overlapping), any score. */
  hitBy: Record<string, number>;
  /** Strong alerts that hit the entry, per indicator. */
  strongIn: Record<string, number>;
  /** Strong alerts that name the entry outside its window, per indicator, with the best score. */
  strongOutside: Record<string, number>;
  /** Of strongIn, those naming the entry by evidence only, per indicator. */
  byEvidenceOnly: Record<string, number>;
}

export type AlertClass = 'planted' | 'planted_outside' | 'hard_negative' | 'negative_outside' | 'background';
export const FALSE_CLASSES: readonly Exclude<AlertClass, 'planted'>[] = ['planted_outside', 'hard_negative', 'negative_outside', 'background'];

export interface IndicatorCounts {
  /** Every alert, any score. */
  all: number;
  /** Alerts at or above the threshold. */
  strong: number;
  /** Strong alerts hitting a planted entry: the true positives. */
  planted: number;
  /** Of those, hitting planted entries by evidence only. */
  plantedByEvidence: number;
  plantedOutside: number;
  /** Strong alerts whose best class is a hard negative (hit a negative entry and no planted one). */
  hardNegative: number;
  negativeOutside: number;
  background: number;
}

export function noCounts(): IndicatorCounts {
  return { all: 0, strong: 0, planted: 0, plantedByEvidence: 0, plantedOutside: 0, hardNegative: 0, negativeOutside: 0, background: 0 };
}

/** A strong alert that counted against precision, as the output shows it. */
export interface FalsePositive {
  seed: number;
  indicator: string;
  score: number;
  class: Exclude<AlertClass, 'planted'>;
  /** The truth entries it names (outside their window, or negatives). */
  names: string[];
  subjects: string;
  explanation: string;
}

/** A strong triangulate.network alert and what its legs are. */
export interface NetworkFigure {
  seed: number;
  score: number;
  class: AlertClass;
  /** Truth entries it hits (window overlapping). */
  hits: string[];
  legs: number;
  /** Legs that hit a planted entry, a hard negative (and no planted entry), or neither. */
  legsPlanted: number;
  legsHardNegative: number;
  legsOther: number;
  /** Legs per indicator. */
  legIndicators: Record<string, number>;
}

export interface WorldScore {
  seed: number;
  entries: EntryResult[];
  perIndicator: Record<string, IndicatorCounts>;
  /** Every strong alert that counted against precision. */
  falsePositives: FalsePositive[];
  networks: NetworkFigure[];
}

/** How a strong alert is counted: the best of the classes it qualifies for. */
export function classify(hits: ReadonlyArray<{ negative: boolean; inWindow: boolean }>): AlertClass {
  if (hits.some((h) => !h.negative && h.inWindow)) return 'planted';
  if (hits.some((h) => !h.negative)) return 'planted_outside';
  if (hits.some((h) => h.negative && h.inWindow)) return 'hard_negative';
  if (hits.length > 0) return 'negative_outside';
  return 'background';
}

function subjectLine(alert: Pick<EvalAlert, 'subjects'>): string {
  const names = alert.subjects.filter((s) => !s.id.startsWith('hs6:') && !s.id.startsWith('account:')).map((s) => s.name || s.id);
  const shown = names.slice(0, 3).join(' / ');
  return names.length > 3 ? `${shown} / +${names.length - 3}` : shown;
}

/**
 * One world's alerts against its truth: for each entry, which indicators hit
 * it (and how high); for each indicator, how its strong alerts split between
 * true positives and the false-positive classes.
 */
export interface ScoreOptions {
  threshold: number;
  /** Dataset → manifest file it was loaded from, to read evidence records as truth's "file:record". */
  fileOf: Readonly<Record<string, string>>;
  /** The world's span (manifest.window): alert windows are clamped into it (clampWindow). */
  span?: { start: string; end: string };
  /** Indicators that ran (so that one without alerts still has a row). */
  indicators?: readonly string[];
}

export function scoreWorld(seed: number, truth: readonly TruthEntry[], alerts: readonly EvalAlert[], opts: ScoreOptions): WorldScore {
  const { threshold, fileOf, span, indicators = [] } = opts;
  const bySubject = new Map<string, number[]>();
  const byEvidence = new Map<string, number[]>();
  truth.forEach((entry, i) => {
    const { subject, evidence } = entryKeys(entry);
    for (const k of subject) bySubject.set(k, [...(bySubject.get(k) ?? []), i]);
    for (const k of evidence) byEvidence.set(k, [...(byEvidence.get(k) ?? []), i]);
  });
  const entries: EntryResult[] = truth.map((e) => ({ seed, id: e.id, type: e.type, negative: e.negative, window: e.window, hitBy: {}, strongIn: {}, strongOutside: {}, byEvidenceOnly: {} }));
  const perIndicator: Record<string, IndicatorCounts> = {};
  for (const code of indicators) perIndicator[code] = noCounts();
  const falsePositives: FalsePositive[] = [];
  const classOf = new Map<string, AlertClass>();
  const networkAlerts: Array<{ alert: EvalAlert; cls: AlertClass; hits: string[] }> = [];
  for (const alert of alerts) {
    const counts = (perIndicator[alert.indicator] ??= noCounts());
    counts.all++;
    const strong = alert.score >= threshold;
    const window = clampWindow(alert.window, span);
    const how = new Map<number, 'subject' | 'evidence'>();
    for (const k of alertSubjectKeys(alert)) for (const i of bySubject.get(k) ?? []) how.set(i, 'subject');
    for (const k of alertEvidenceKeys(alert, fileOf)) for (const i of byEvidence.get(k) ?? []) if (!how.has(i)) how.set(i, 'evidence');
    const hits: Array<{ entry: number; negative: boolean; inWindow: boolean; evidenceOnly: boolean }> = [];
    for (const [i, kind] of how) {
      const e = truth[i]!;
      const inWindow = overlaps(window, e.window);
      hits.push({ entry: i, negative: e.negative, inWindow, evidenceOnly: kind === 'evidence' });
      const r = entries[i]!;
      if (inWindow) r.hitBy[alert.indicator] = Math.max(r.hitBy[alert.indicator] ?? 0, alert.score);
      if (!strong) continue;
      if (inWindow) {
        r.strongIn[alert.indicator] = (r.strongIn[alert.indicator] ?? 0) + 1;
        if (kind === 'evidence') r.byEvidenceOnly[alert.indicator] = (r.byEvidenceOnly[alert.indicator] ?? 0) + 1;
      } else r.strongOutside[alert.indicator] = Math.max(r.strongOutside[alert.indicator] ?? 0, alert.score);
    }
    const cls = classify(hits);
    if (alert.id) classOf.set(alert.id, cls);
    if (!strong) continue;
    counts.strong++;
    if (alert.indicator === NETWORK) networkAlerts.push({ alert, cls, hits: hits.filter((h) => h.inWindow).map((h) => truth[h.entry]!.id) });
    if (cls === 'planted') {
      counts.planted++;
      if (hits.filter((h) => !h.negative && h.inWindow).every((h) => h.evidenceOnly)) counts.plantedByEvidence++;
      continue;
    }
    if (cls === 'planted_outside') counts.plantedOutside++;
    else if (cls === 'hard_negative') counts.hardNegative++;
    else if (cls === 'negative_outside') counts.negativeOutside++;
    else counts.background++;
    falsePositives.push({
      seed,
      indicator: alert.indicator,
      score: alert.score,
      class: cls,
      names: hits.map((h) => `${truth[h.entry]!.id}${h.inWindow ? '' : ' (outside window)'}`),
      subjects: subjectLine(alert),
      explanation: alert.explanation,
    });
  }
  const networks: NetworkFigure[] = networkAlerts.map(({ alert, cls, hits }) => {
    const legs = Array.isArray(alert.details?.legs) ? (alert.details.legs as Array<{ alert?: string; indicator?: string }>) : [];
    const f: NetworkFigure = { seed, score: alert.score, class: cls, hits, legs: legs.length, legsPlanted: 0, legsHardNegative: 0, legsOther: 0, legIndicators: {} };
    for (const leg of legs) {
      const c = leg.alert ? classOf.get(leg.alert) : undefined;
      if (c === 'planted') f.legsPlanted++;
      else if (c === 'hard_negative') f.legsHardNegative++;
      else f.legsOther++;
      if (leg.indicator) f.legIndicators[leg.indicator] = (f.legIndicators[leg.indicator] ?? 0) + 1;
    }
    return f;
  });
  return { seed, entries, perIndicator, falsePositives, networks };
}

export interface SchemeFigure {
  type: string;
  entries: number;
  /** Entries hit by a strong alert of an indicator in scope. */
  detected: number;
  recall: number;
  /** Per indicator (every one that ran): entries it hits with a strong alert, and that share. */
  byIndicator: Record<string, { detected: number; recall: number }>;
}

export interface HardNegativeFigure {
  type: string;
  entries: number;
  /** Entries hit by a strong alert of an indicator in scope. */
  alerted: number;
  /** Strong alerts that hit them, per indicator (every indicator). */
  alerts: Record<string, number>;
  /** Strong triangulate.network alerts that hit them: the target (0). */
  network: number;
  /** Alerts below the threshold that hit them, per indicator in scope (entries). */
  weak: Record<string, number>;
}

export interface PrecisionFigure extends IndicatorCounts {
  /** planted / strong; null without strong alerts. */
  precision: number | null;
}

export interface Summary {
  threshold: number;
  indicators: string[];
  schemes: SchemeFigure[];
  /** Other planted types (outside this evaluation's scope), for the record. */
  otherSchemes: SchemeFigure[];
  hardNegatives: HardNegativeFigure[];
  perIndicator: Record<string, PrecisionFigure>;
  /** Over the indicators in scope. */
  overall: PrecisionFigure;
  /** Per indicator, the few false positives printed. */
  falsePositiveSamples: Record<string, FalsePositive[]>;
  /** Every strong network alert, most legs first. */
  networks: NetworkFigure[];
  targets: Array<{ target: string; kind: 'recall' | 'precision' | 'alerts'; value: number; pass: boolean }>;
  pass: boolean;
  /** Planted entries in scope that no strong alert in scope hit. */
  missed: EntryResult[];
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function withPrecision(c: IndicatorCounts): PrecisionFigure {
  return { ...c, precision: c.strong > 0 ? r4(c.planted / c.strong) : null };
}

/** The few false positives to print for one indicator: one of each class present (the most frequent first), then by score. */
export function sampleFalsePositives(fps: readonly FalsePositive[], n = FP_SAMPLES): FalsePositive[] {
  const byScore = [...fps].sort((a, b) => b.score - a.score || a.seed - b.seed);
  const freq = new Map<string, number>();
  for (const f of fps) freq.set(f.class, (freq.get(f.class) ?? 0) + 1);
  const classes = [...freq.keys()].sort((a, b) => freq.get(b)! - freq.get(a)!);
  const out: FalsePositive[] = [];
  for (const c of classes) {
    const first = byScore.find((f) => f.class === c);
    if (first && out.length < n) out.push(first);
  }
  for (const f of byScore) {
    if (out.length >= n) break;
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** Worlds' scores added up: recall per scheme and indicator, precision, hard negatives, targets. */
export function summarise(worlds: readonly WorldScore[], threshold: number, indicators: readonly string[]): Summary {
  const all = [...new Set([...indicators, ...worlds.flatMap((w) => Object.keys(w.perIndicator))])];
  const scoped = all.filter(inScope);
  const entries = worlds.flatMap((w) => w.entries);
  const strongBy = (e: EntryResult, codes: readonly string[]) => codes.some((c) => (e.strongIn[c] ?? 0) > 0);
  const figure = (type: string): SchemeFigure => {
    const list = entries.filter((e) => !e.negative && e.type === type);
    const detected = list.filter((e) => strongBy(e, scoped)).length;
    const byIndicator: SchemeFigure['byIndicator'] = {};
    for (const code of all) {
      const n = list.filter((e) => strongBy(e, [code])).length;
      byIndicator[code] = { detected: n, recall: list.length ? r4(n / list.length) : 0 };
    }
    return { type, entries: list.length, detected, recall: list.length ? r4(detected / list.length) : 0, byIndicator };
  };
  const schemes = SCOPE_SCHEMES.map(figure);
  const otherTypes = [...new Set(entries.filter((e) => !e.negative && !(SCOPE_SCHEMES as readonly string[]).includes(e.type)).map((e) => e.type))].sort();
  const otherSchemes = otherTypes.map(figure);
  const negativeTypes = [...new Set([...HARD_NEGATIVES, ...entries.filter((e) => e.negative).map((e) => e.type)])];
  const hardNegatives: HardNegativeFigure[] = negativeTypes.map((type) => {
    const list = entries.filter((e) => e.negative && e.type === type);
    const alerts: Record<string, number> = {};
    const weak: Record<string, number> = {};
    for (const e of list) {
      for (const [code, n] of Object.entries(e.strongIn)) alerts[code] = (alerts[code] ?? 0) + n;
      for (const [code, score] of Object.entries(e.hitBy)) if (score < threshold && inScope(code)) weak[code] = (weak[code] ?? 0) + 1;
    }
    return { type, entries: list.length, alerted: list.filter((e) => strongBy(e, scoped)).length, alerts, network: alerts[NETWORK] ?? 0, weak };
  });
  const perIndicator: Record<string, PrecisionFigure> = {};
  const overallCounts = noCounts();
  for (const code of all) {
    const sum = noCounts();
    for (const w of worlds) {
      const c = w.perIndicator[code];
      if (!c) continue;
      for (const k of Object.keys(sum) as Array<keyof IndicatorCounts>) sum[k] += c[k];
    }
    perIndicator[code] = withPrecision(sum);
    if (inScope(code)) for (const k of Object.keys(sum) as Array<keyof IndicatorCounts>) overallCounts[k] += sum[k];
  }
  const overall = withPrecision(overallCounts);
  const falsePositiveSamples: Record<string, FalsePositive[]> = {};
  for (const code of all) {
    const fps = worlds.flatMap((w) => w.falsePositives.filter((f) => f.indicator === code));
    if (fps.length) falsePositiveSamples[code] = sampleFalsePositives(fps);
  }
  const targets: Summary['targets'] = schemes.map((s) => ({
    target: `recall ≥ ${TARGET_RECALL} on ${s.type}${s.entries ? '' : ' (none planted)'}`,
    kind: 'recall' as const,
    value: s.recall,
    pass: s.entries > 0 && s.recall >= TARGET_RECALL,
  }));
  targets.push({
    target: `precision ≥ ${TARGET_PRECISION} (alerts ≥ ${threshold}, in scope)${overall.strong ? '' : ' (no alert)'}`,
    kind: 'precision',
    value: overall.precision ?? 0,
    pass: overall.precision !== null && overall.precision >= TARGET_PRECISION,
  });
  for (const type of HARD_NEGATIVES) {
    const h = hardNegatives.find((x) => x.type === type)!;
    targets.push({ target: `0 ${NETWORK} alerts ≥ ${threshold} on ${type}${h.entries ? '' : ' (none planted)'}`, kind: 'alerts', value: h.network, pass: h.entries > 0 && h.network === 0 });
  }
  const missed = entries.filter((e) => !e.negative && (SCOPE_SCHEMES as readonly string[]).includes(e.type) && !strongBy(e, scoped));
  const networks = worlds.flatMap((w) => w.networks).sort((a, b) => b.legs - a.legs || b.score - a.score);
  return { threshold, indicators: all, schemes, otherSchemes, hardNegatives, perIndicator, overall, falsePositiveSamples, networks, targets, pass: targets.every((t) => t.pass), missed };
}

// ---------------------------------------------------------------- command line

export interface DetectionOptions {
  seeds: number[];
  scale: number;
  days: number;
  json: boolean;
  keep: boolean;
}

export function parseDetectionArgs(argv: readonly string[]): DetectionOptions {
  const out: DetectionOptions = { seeds: [...DEFAULT_SEEDS], scale: DEFAULT_SCALE, days: DEFAULT_DAYS, json: false, keep: false };
  const value = (flag: string, v: string | undefined): string => {
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--keep') out.keep = true;
    else if (a === '--seeds') {
      const seeds = value(a, argv[++i])
        .split(',')
        .map((s) => s.trim());
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
  records: number;
  rejected: number;
  loaded: { positions: number; payments: number; declarations: number };
  alerts: number;
  strong: number;
  threshold: number;
  indicators: string[];
  seconds: { simulate: number; ingest: number; detect: number };
  score: WorldScore;
}

async function runWorld(seed: number, opts: DetectionOptions, progress: (msg: string) => void): Promise<WorldRun> {
  const dir = await mkdtemp(join(tmpdir(), `sextant-eval-detection-${seed}-`));
  try {
    const t0 = performance.now();
    progress(`seed ${seed}: simulating (scale ${opts.scale}, ${opts.days} days) into ${dir}`);
    const manifest = await simulate({ out: dir, seed, scale: opts.scale, days: opts.days });
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    const t1 = performance.now();
    progress(`seed ${seed}: loading into a fresh store`);
    // The environment's store settings (DATABASE_URL, SEXTANT_DATA) are not this run's: a fresh PGlite store in the world's directory.
    const config = loadConfig({ data: join(dir, 'store') }, {});
    const store = await openStore(config.db);
    try {
      const gov = new Governance(store, config.governance);
      await gov.identity.bootstrap();
      const operator = await gov.identity.cliViewer(config.governance.operator, config.governance.defaultPurpose);
      const loaded = await loadExercise(store, gov, operator, dir, manifest, { ladder: config.governance.levels, quarantineDir: config.quarantineDir, auditDetails: { evaluation: 'detection', seed } });
      const t2 = performance.now();
      progress(`seed ${seed}: detecting`);
      const profile = defaultProfile(CATALOGUE);
      const result = await new DetectService(store, config.governance.levels).run(await gov.scope(operator), { profile });
      const t3 = performance.now();
      const fileOf: Record<string, string> = {};
      for (const f of loaded.files) fileOf[f.dataset] = f.path;
      const indicators = Object.keys(result.byIndicator);
      const score = scoreWorld(seed, truth.schemes, result.alerts, { threshold: profile.alertThreshold, fileOf, span: manifest.window, indicators });
      return {
        seed,
        dir,
        records: loaded.files.reduce((s, f) => s + f.summary.accepted, 0),
        rejected: loaded.rejected,
        loaded: { positions: result.loaded.positions, payments: result.loaded.payments, declarations: result.loaded.declarations },
        alerts: result.alerts.length,
        strong: result.alerts.filter((a) => a.score >= profile.alertThreshold).length,
        threshold: profile.alertThreshold,
        indicators,
        seconds: { simulate: r1((t1 - t0) / 1000), ingest: r1((t2 - t1) / 1000), detect: r1((t3 - t2) / 1000) },
        score,
      };
    } finally {
      await store.close();
    }
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
function fmt(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}
function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
/** Short column names for the scheme × indicator table. */
const SCHEME_ABBREV: Record<string, string> = {
  ownership_layering: 'own_layer',
  front_company: 'front_co',
  chpl_transshipment: 'chpl_trans',
  mis_invoicing: 'mis_inv',
  pass_through: 'pass_thr',
  payment_cycle: 'pay_cycle',
  sts_dark_transfer: 'sts_origin',
  stake_49: 'stake_49',
  licensed_dual_use: 'lic_dual',
  common_names: 'com_names',
  legit_sts: 'legit_sts',
};
function abbrev(type: string): string {
  return SCHEME_ABBREV[type] ?? type.slice(0, 10);
}

/** The definitions, as the output header prints them. */
export function definitions(threshold: number): string[] {
  return [
    `Definitions`,
    `  scope:     schemes ${SCOPE_SCHEMES.slice(0, 4).join(', ')},`,
    `             ${SCOPE_SCHEMES.slice(4).join(', ')} (its declared-origin leg only: the indicators in scope are every`,
    `             non-maritime indicator — trade, finance, ownership, triangulate; maritime.* alerts neither detect an entry nor`,
    `             enter the overall precision here, that is \`eval maritime\`; their rows are for information).`,
    `  names:     an alert names a truth entry by subject — a subject's entity id (or registry id) is one of the entry's subjects'`,
    `             ids, or a subject identifier equals one of theirs: account, registration, lei, imo (registered or broadcast),`,
    `             mmsi (each of a re-flagged hull's), or a declaration/transaction id a subject carries is one of the entry's`,
    `             records — or by evidence: an evidence record (dataset → its manifest file, record id) is one of the entry's`,
    `             "file:record" records. hs6 alone and country never name an entry (every declaration of a heading would).`,
    `  hits:      names it and the alert's window, each end clamped into the world's span, overlaps the entry's window`,
    `             (start and end included, no slack). Clamping reads a status as of the run (blocked_by_aggregation dates its`,
    `             alerts the day detection runs, after a simulated world's end) as of the world's last day, and a registry fact`,
    `             from before the world (an incorporation) as of its first. Strong: score ≥ ${threshold}, the built-in profile's`,
    `             alertThreshold.`,
    `  detected:  a planted entry is detected when a strong alert of an indicator in scope hits it.`,
    `  precision: of strong alerts, the share hitting a planted entry of any type (true positives); everything else counts`,
    `             against it, including background alerts that are true by the indicator's definition (a background`,
    `             company's real CHPL re-export, a genuinely new hub company: not planted, so not in truth.json). False`,
    `             positives by what they name: planted-out = a planted entry outside its window; hard neg = a negative entry`,
    `             in its window (and no planted one); neg-out = a negative entry outside its window; background = no entry.`,
    `             Overall = over the indicators in scope.`,
    `  hard neg.: ${HARD_NEGATIVES.join(', ')}: strong alerts hitting them by the rule of "detected",`,
    `             per indicator (even when the alert also hits a planted entry); target: none from ${NETWORK}.`,
  ];
}

function render(runs: WorldRun[], s: Summary, opts: DetectionOptions): string {
  const out: string[] = [];
  const thr = s.threshold;
  out.push(
    `Detection evaluation (triangulation) — ${runs.length} simulated ${runs.length === 1 ? 'world' : 'worlds'} (seeds ${opts.seeds.join(', ')}; scale ${opts.scale}; ${opts.days} days; every scheme), ` +
      `loaded as an exercise, whole catalogue (${s.indicators.length} indicators) as the operator, built-in profile, alert threshold ${thr}`,
  );
  for (const r of runs) {
    out.push(
      `  seed ${r.seed}: ${r.records.toLocaleString('en')} records${r.rejected ? ` (${r.rejected} rejected)` : ''} — ${r.loaded.positions.toLocaleString('en')} positions, ${r.loaded.payments.toLocaleString('en')} payments, ` +
        `${r.loaded.declarations.toLocaleString('en')} declarations seen; ${r.alerts} alerts (${r.strong} ≥ ${thr}); simulate ${r.seconds.simulate} s, ingest ${r.seconds.ingest} s, detect ${r.seconds.detect} s` +
        `${opts.keep ? `; kept in ${r.dir}` : ''}`,
    );
  }
  out.push('');
  out.push(...definitions(thr));
  out.push('');
  out.push(`Planted schemes in scope`);
  out.push(`${pad('scheme', 22)}${lpad('entries', 8)}${lpad('detected', 10)}${lpad('recall', 8)}   indicators that hit its entries (entries, ≥ ${thr}, in window)`);
  const firedOn = (f: SchemeFigure, onlyScope: boolean) =>
    Object.entries(f.byIndicator)
      .filter(([code, x]) => x.detected > 0 && (!onlyScope || inScope(code)))
      .map(([code, x]) => `${code} ${x.detected}`)
      .join(', ');
  for (const f of s.schemes) out.push(`${pad(f.type, 22)}${lpad(f.entries, 8)}${lpad(f.detected, 10)}${lpad(f.entries ? f.recall.toFixed(3) : '—', 8)}   ${firedOn(f, true) || 'none'}`);
  if (s.otherSchemes.length) {
    out.push(`  other planted types (not in scope; hit by in-scope indicators, for the record): ${s.otherSchemes.map((f) => `${f.type} ${f.detected}/${f.entries}`).join(', ')}`);
  }
  out.push('');
  const columns = [...s.schemes.map((f) => ({ type: f.type, cell: (code: string) => (f.entries ? f.byIndicator[code]!.recall.toFixed(2) : '—') })), ...s.hardNegatives.map((h) => ({ type: h.type, cell: (code: string) => String(h.alerts[code] ?? 0) }))];
  const w = 11;
  out.push(`Scheme × indicator: recall on each planted scheme (share of entries hit ≥ ${thr}); strong alerts hitting each hard negative (neg)`);
  out.push(`${pad('indicator', 34)}${s.schemes.map((f) => lpad(abbrev(f.type), w)).join('')}${s.hardNegatives.map((h) => lpad(`${abbrev(h.type)}`, w)).join('')}`);
  out.push(`${pad('', 34)}${s.schemes.map(() => lpad('recall', w)).join('')}${s.hardNegatives.map(() => lpad('neg', w)).join('')}`);
  const row = (code: string) => `${pad(code, 34)}${columns.map((c) => lpad(c.cell(code), w)).join('')}`;
  for (const code of s.indicators.filter(inScope)) out.push(row(code));
  out.push(`  maritime (eval maritime's scope; never counted here):`);
  for (const code of s.indicators.filter((c) => !inScope(c))) out.push(row(code));
  out.push('');
  out.push(`Precision per indicator (alerts ≥ ${thr})`);
  out.push(
    `${pad('indicator', 34)}${lpad('strong', 8)}${lpad('true', 7)}${lpad('(by ev.)', 9)}${lpad('precision', 11)}${lpad('plant-out', 11)}${lpad('hard neg', 10)}${lpad('neg-out', 9)}${lpad('background', 12)}${lpad('all scores', 12)}`,
  );
  const prow = (name: string, c: PrecisionFigure) =>
    `${pad(name, 34)}${lpad(c.strong, 8)}${lpad(c.planted, 7)}${lpad(`(${c.plantedByEvidence})`, 9)}${lpad(fmt(c.precision), 11)}${lpad(c.plantedOutside, 11)}${lpad(c.hardNegative, 10)}${lpad(c.negativeOutside, 9)}${lpad(c.background, 12)}${lpad(c.all, 12)}`;
  for (const code of s.indicators.filter(inScope)) out.push(prow(code, s.perIndicator[code]!));
  out.push(prow('overall (in scope)', s.overall));
  out.push(`  maritime (for information):`);
  for (const code of s.indicators.filter((c) => !inScope(c))) out.push(prow(code, s.perIndicator[code]!));
  out.push(`  (by ev. = true positives naming the planted entry by evidence records only, not by a subject)`);
  out.push('');
  out.push(`False positives: the top ${FP_SAMPLES} per indicator in scope (one of each class first, most frequent class first; then by score)`);
  for (const code of s.indicators.filter(inScope)) {
    const fps = s.falsePositiveSamples[code];
    if (!fps?.length) continue;
    const c = s.perIndicator[code]!;
    out.push(`  ${code} (${c.strong - c.planted} of ${c.strong}):`);
    for (const f of fps) {
      const names = f.names.length ? ` [${f.names.slice(0, 3).join(', ')}${f.names.length > 3 ? ', …' : ''}]` : '';
      out.push(`    seed ${f.seed} ${f.score.toFixed(2)} ${f.class}${names} ${clip(f.subjects, 70)}: ${clip(f.explanation, 260)}`);
    }
  }
  out.push('');
  out.push(`Networks (${NETWORK} ≥ ${thr}): ${s.networks.length}; each with its legs (alerts ≥ the leg threshold it joined) by what they hit`);
  for (const n of s.networks.slice(0, 12)) {
    const by = Object.entries(n.legIndicators)
      .sort((a, b) => b[1] - a[1])
      .map(([code, k]) => `${code} ${k}`)
      .join(', ');
    const hits = n.hits.length ? `${n.hits.slice(0, 4).join(', ')}${n.hits.length > 4 ? `, +${n.hits.length - 4}` : ''}` : 'no truth entry';
    out.push(`  seed ${n.seed} ${n.score.toFixed(2)} ${n.class}: ${n.legs} legs (${n.legsPlanted} planted, ${n.legsHardNegative} hard neg, ${n.legsOther} other); hits ${hits}; legs: ${clip(by, 150)}`);
  }
  if (s.networks.length > 12) out.push(`  … ${s.networks.length - 12} more (--json lists them all)`);
  out.push('');
  out.push(`Hard negatives`);
  for (const h of s.hardNegatives) {
    const strong = Object.entries(h.alerts)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    const weak = Object.entries(h.weak)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    out.push(`  ${pad(h.type, 20)}entries ${h.entries}; hit by an in-scope alert ≥ ${thr}: ${h.alerted}; ${NETWORK} alerts ≥ ${thr}: ${h.network}`);
    out.push(`  ${pad('', 20)}alerts ≥ ${thr} (every indicator): ${strong || 'none'}; below the threshold (entries, in scope): ${weak || 'none'}`);
  }
  out.push('');
  if (s.missed.length > 0) {
    out.push(`Missed planted entries (${s.missed.length})`);
    for (const e of s.missed) {
      const below = Object.entries(e.hitBy)
        .filter(([code]) => inScope(code))
        .map(([code, score]) => `${code} ${score.toFixed(2)}`)
        .join(', ');
      const outside = Object.entries(e.strongOutside)
        .filter(([code]) => inScope(code))
        .map(([code, score]) => `${code} ${score.toFixed(2)}`)
        .join(', ');
      out.push(`  seed ${e.seed} ${e.id} ${e.window.start} → ${e.window.end}: in window ${below || 'no alert in scope'}${outside ? `; ≥ ${thr} outside the window: ${outside}` : ''}`);
    }
    out.push('');
  }
  out.push(`Targets`);
  for (const t of s.targets) out.push(`  ${pad(t.target, 56)}${lpad(t.kind === 'alerts' ? t.value : t.value.toFixed(3), 8)}  ${t.pass ? 'PASS' : 'FAIL'}`);
  out.push(`result: ${s.pass ? 'PASS' : 'FAIL'}`);
  return `${out.join('\n')}\n`;
}

/** `npm run eval -- detection …` (argv after `detection`): the exit code. */
export async function detectionMain(argv: readonly string[]): Promise<number> {
  let opts: DetectionOptions;
  try {
    opts = parseDetectionArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${DETECTION_USAGE}`);
    return 2;
  }
  const progress = (msg: string) => {
    if (process.stderr.isTTY) process.stderr.write(`${msg}\n`);
  };
  const runs: WorldRun[] = [];
  try {
    // One world at a time: one PGlite store serves one query at a time, and the machine is shared.
    for (const seed of opts.seeds) runs.push(await runWorld(seed, opts, progress));
  } catch (err) {
    process.stderr.write(`detection evaluation failed: ${(err as Error).stack ?? (err as Error).message}\n`);
    return 1;
  }
  const threshold = runs[0]!.threshold;
  const indicators = [...new Set(runs.flatMap((r) => r.indicators))];
  const summary = summarise(
    runs.map((r) => r.score),
    threshold,
    indicators,
  );
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          suite: 'detection',
          seeds: opts.seeds,
          scale: opts.scale,
          days: opts.days,
          threshold,
          targetRecall: TARGET_RECALL,
          targetPrecision: TARGET_PRECISION,
          scope: { schemes: SCOPE_SCHEMES, hardNegatives: HARD_NEGATIVES, indicators: summary.indicators.filter(inScope) },
          worlds: runs.map((r) => ({ seed: r.seed, records: r.records, rejected: r.rejected, loaded: r.loaded, alerts: r.alerts, strongAlerts: r.strong, seconds: r.seconds, ...(opts.keep ? { dir: r.dir } : {}) })),
          schemes: summary.schemes,
          otherSchemes: summary.otherSchemes,
          precision: { overall: summary.overall, perIndicator: summary.perIndicator },
          falsePositiveSamples: summary.falsePositiveSamples,
          networks: summary.networks,
          hardNegatives: summary.hardNegatives,
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
