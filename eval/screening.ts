import { buildScreeningSet, loadListEntities, DEFAULT_LISTS_DIR, DEFAULT_SEED, PAIR_KINDS, type LabelledPair, type ScreeningSet } from './screening-set.ts';
import { compareSubjects, isOrganisationSchema, prepareSubject, type Explanation } from '../src/screen/compare.ts';
import { prepareName } from '../src/screen/names.ts';
import { DEFAULT_WEIGHTS, IdfWeights, type TokenWeights } from '../src/screen/weights.ts';

/**
 * The screening evaluation (moved here from eval/run.ts unchanged).
 *
 * `npm run eval -- screening [--json] [--limit N] [--seed N] [--idf] [--worst N] [--all-aliases] [--lists DIR]`
 *
 * Builds the labelled screening set (eval/screening-set.ts), scores every pair
 * with compareSubjects, and prints precision, recall and F1 at several
 * thresholds, recall (positives) and false-positive rate (negatives) per kind
 * and subtype at the default threshold, and the worst errors with the
 * engine's explanations. A pair is a predicted match when score ≥ threshold
 * (as the screening service decides `match`).
 *
 * --idf scores with IDF token weights over the list names (what the screening
 * service uses through its candidate index) instead of the default weights.
 * --all-aliases also puts in the aliases the set leaves out by default
 * (unrelated to the primary name, and weak aliases).
 */

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];
const DEFAULT_THRESHOLD = 0.7;
const TARGET_F1 = 0.9;

export const SCREENING_USAGE = `usage: npm run eval -- screening [--json] [--limit N] [--seed N] [--idf] [--worst N] [--all-aliases] [--lists DIR]
  precision, recall and F1 of the screening comparison on a labelled set built from ../shared/data/lists
  --json         print the figures as JSON
  --limit N      score a seeded sample of N pairs
  --seed N       another deterministic set (default ${DEFAULT_SEED})
  --idf          weigh tokens by their rarity on the lists, as the screening service does
  --worst N      how many worst false negatives / false positives to show (default 10)
  --all-aliases  include aliases unrelated to the primary name and weak aliases
  --lists DIR    where the lists are (default ${DEFAULT_LISTS_DIR})
`;

interface Scored {
  pair: LabelledPair;
  score: number;
  explanations: Explanation[];
}

interface Counts {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

function counts(scored: Scored[], threshold: number): Counts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of scored) {
    const hit = s.score >= threshold;
    if (s.pair.label) hit ? tp++ : fn++;
    else hit ? fp++ : tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, tp, fp, fn, tn, precision: r4(precision), recall: r4(recall), f1: r4(f1) };
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

interface GroupFigure {
  kind: string;
  subtype: string;
  label: boolean;
  n: number;
  /** Recall for positives, false-positive rate for negatives, at the default threshold. */
  rate: number;
  errors: number;
  meanScore: number;
}

function byGroup(scored: Scored[], key: (p: LabelledPair) => [string, string]): GroupFigure[] {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const [k, st] = key(s.pair);
    const g = `${k}\u0000${st}`;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(s);
  }
  const out: GroupFigure[] = [];
  for (const [g, list] of groups) {
    const [kind, subtype] = g.split('\u0000') as [string, string];
    const label = list[0]!.pair.label;
    const hits = list.filter((s) => s.score >= DEFAULT_THRESHOLD).length;
    out.push({
      kind,
      subtype,
      label,
      n: list.length,
      rate: r4(hits / list.length),
      errors: label ? list.length - hits : hits,
      meanScore: r4(list.reduce((a, s) => a + s.score, 0) / list.length),
    });
  }
  const order = (k: string) => PAIR_KINDS.indexOf(k as never);
  return out.sort((a, b) => order(a.kind) - order(b.kind) || a.kind.localeCompare(b.kind) || a.subtype.localeCompare(b.subtype));
}

/** IDF weights over the list entities' names, the same counting as the candidate index (one document per entity). */
async function idfWeights(listsDir: string): Promise<TokenWeights> {
  const { entities } = await loadListEntities(listsDir);
  const df = new Map<string, number>();
  for (const e of entities) {
    const organisation = isOrganisationSchema(e.schema);
    const tokens = new Set(e.names.flatMap((n) => prepareName(n.value, { organisation }).tokens.map((t) => t.text)));
    for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return new IdfWeights(df, entities.length);
}

function parseArgs(argv: string[]): { suite: string; json: boolean; limit?: number; seed: number; idf: boolean; worst: number; allAliases: boolean; lists: string } {
  const out = { suite: '', json: false, limit: undefined as number | undefined, seed: DEFAULT_SEED, idf: false, worst: 10, allAliases: false, lists: DEFAULT_LISTS_DIR };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--idf') out.idf = true;
    else if (a === '--all-aliases') out.allAliases = true;
    else if (a === '--limit') out.limit = num(a, argv[++i]);
    else if (a === '--seed') out.seed = num(a, argv[++i]);
    else if (a === '--worst') out.worst = num(a, argv[++i]);
    else if (a === '--lists') {
      const v = argv[++i];
      if (!v) throw new Error('--lists needs a directory');
      out.lists = v;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!out.suite) out.suite = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  return out;
}

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}
function lpad(s: string | number, n: number): string {
  return String(s).padStart(n);
}
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function describeSubject(s: LabelledPair['query']): string {
  const names = s.names.length > 3 ? [...s.names.slice(0, 3), `+${s.names.length - 3} more`] : s.names;
  const extra = [s.birthDates?.length ? `born ${s.birthDates.slice(0, 2).join('/')}` : '', s.countries?.length ? s.countries.slice(0, 3).join(',') : ''].filter(Boolean).join('; ');
  return `${s.schema} ${names.map((n) => JSON.stringify(n)).join(' | ')}${extra ? ` (${extra})` : ''}`;
}

function printErrors(title: string, list: Scored[]): string[] {
  const out = [`${title}`];
  if (list.length === 0) out.push('  (none)');
  list.forEach((s, i) => {
    out.push(`${lpad(i + 1, 3)}. ${s.score.toFixed(3)}  ${s.pair.kind}/${s.pair.subtype}  [${s.pair.entityId}]${s.pair.note ? `  ${clip(s.pair.note, 80)}` : ''}`);
    out.push(`       query:     ${clip(describeSubject(s.pair.query), 150)}`);
    out.push(`       candidate: ${clip(describeSubject(s.pair.candidate), 150)}`);
    for (const e of s.explanations) out.push(`       ${e.feature} ${e.effect >= 0 ? '+' : ''}${e.effect}: ${clip(e.detail, 160)}`);
  });
  return out;
}

async function runScreening(opts: ReturnType<typeof parseArgs>): Promise<number> {
  const started = performance.now();
  const set: ScreeningSet = await buildScreeningSet({
    listsDir: opts.lists,
    seed: opts.seed,
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    unrelatedAliases: opts.allAliases,
    weakAliases: opts.allAliases,
  });
  const built = performance.now();
  const weights = opts.idf ? await idfWeights(opts.lists) : DEFAULT_WEIGHTS;
  const scored: Scored[] = set.pairs.map((pair) => {
    const r = compareSubjects(prepareSubject(pair.query), prepareSubject(pair.candidate), weights);
    return { pair, score: r.score, explanations: r.explanations };
  });
  const done = performance.now();

  const headline = scored.filter((s) => s.pair.headline);
  const aside = scored.filter((s) => !s.pair.headline);
  const table = THRESHOLDS.map((t) => counts(headline, t));
  const withAside = counts(scored, DEFAULT_THRESHOLD);
  const atDefault = table.find((c) => c.threshold === DEFAULT_THRESHOLD)!;
  const bySubtype = byGroup(scored, (p) => [p.kind, p.subtype]);
  const bySchema = byGroup(headline, (p) => [p.label ? 'positive' : 'negative', p.candidate.schema]);
  const fns = headline.filter((s) => s.pair.label && s.score < DEFAULT_THRESHOLD).sort((a, b) => a.score - b.score || a.pair.id.localeCompare(b.pair.id));
  const fps = headline.filter((s) => !s.pair.label && s.score >= DEFAULT_THRESHOLD).sort((a, b) => b.score - a.score || a.pair.id.localeCompare(b.pair.id));
  const kinds = Object.fromEntries(PAIR_KINDS.map((k) => [k, set.pairs.filter((p) => p.kind === k).length]));
  const positives = headline.filter((s) => s.pair.label).length;
  const asideSubtypes = new Set(aside.map((s) => `${s.pair.kind}/${s.pair.subtype}`));
  const timing = { buildMs: Math.round(built - started), scoreMs: Math.round(done - built) };

  if (opts.json) {
    const brief = (s: Scored) => ({ id: s.pair.id, kind: s.pair.kind, subtype: s.pair.subtype, score: s.score, query: s.pair.query, candidate: s.pair.candidate, note: s.pair.note, explanations: s.explanations });
    process.stdout.write(
      `${JSON.stringify(
        {
          suite: 'screening',
          seed: set.seed,
          weights: opts.idf ? 'idf' : 'default',
          defaultThreshold: DEFAULT_THRESHOLD,
          targetF1: TARGET_F1,
          meetsTarget: atDefault.f1 >= TARGET_F1,
          sources: set.sources,
          pairs: set.pairs.length,
          headlinePairs: headline.length,
          positives,
          negatives: headline.length - positives,
          notInHeadline: [...asideSubtypes].sort(),
          kinds,
          excluded: set.excluded,
          thresholds: table,
          allPairsAtDefault: withAside,
          bySubtype,
          bySchema,
          worstFalseNegatives: fns.slice(0, opts.worst).map(brief),
          worstFalsePositives: fps.slice(0, opts.worst).map(brief),
          timing,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  const out: string[] = [];
  out.push(`Screening evaluation — ${set.pairs.length} labelled pairs, ${headline.length} in the headline figures (${positives} positive, ${headline.length - positives} negative), seed ${set.seed}, ${opts.idf ? 'IDF' : 'default'} token weights`);
  out.push(`lists: ${set.sources.map((s) => `${s.dataset} ${s.path} (${s.entities} entities)`).join('; ')}`);
  out.push(`kinds: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const left = Object.entries(set.excluded).filter(([k]) => k.startsWith('alias_unrelated') || k.startsWith('alias_weak') || k.includes('short') || k === 'limit');
  if (left.length > 0) out.push(`left out: ${left.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out.push('');
  out.push(`${pad('threshold', 12)}${lpad('precision', 10)}${lpad('recall', 10)}${lpad('F1', 10)}${lpad('TP', 7)}${lpad('FP', 7)}${lpad('FN', 7)}${lpad('TN', 7)}`);
  for (const c of table) {
    const mark = c.threshold === DEFAULT_THRESHOLD ? ' *' : '';
    out.push(`${pad(c.threshold.toFixed(2) + mark, 12)}${lpad(c.precision.toFixed(4), 10)}${lpad(c.recall.toFixed(4), 10)}${lpad(c.f1.toFixed(4), 10)}${lpad(c.tp, 7)}${lpad(c.fp, 7)}${lpad(c.fn, 7)}${lpad(c.tn, 7)}`);
  }
  out.push(`* default threshold; target F1 ≥ ${TARGET_F1}: ${atDefault.f1 >= TARGET_F1 ? 'met' : 'NOT met'} (F1 ${atDefault.f1.toFixed(4)})`);
  if (aside.length > 0) {
    out.push(`with the ${aside.length} pairs kept out of the headline (${[...asideSubtypes].sort().join(', ')}) at ${DEFAULT_THRESHOLD}: precision ${withAside.precision.toFixed(4)}, recall ${withAside.recall.toFixed(4)}, F1 ${withAside.f1.toFixed(4)}`);
  }
  out.push('');
  out.push(`By kind/subtype at ${DEFAULT_THRESHOLD} (positives: recall; negatives: false-positive rate; † not in the headline figures)`);
  out.push(`${pad('kind/subtype', 40)}${lpad('n', 6)}${lpad('rate', 9)}${lpad('errors', 8)}${lpad('mean', 8)}`);
  for (const g of bySubtype) {
    const mark = asideSubtypes.has(`${g.kind}/${g.subtype}`) ? ' †' : '';
    out.push(`${pad(`${g.kind}/${g.subtype}${mark}`, 40)}${lpad(g.n, 6)}${lpad(`${g.label ? 'R ' : 'FPR '}${pct(g.rate)}`, 9)}${lpad(g.errors, 8)}${lpad(g.meanScore.toFixed(3), 8)}`);
  }
  out.push('');
  out.push(`By candidate schema at ${DEFAULT_THRESHOLD} (headline pairs)`);
  for (const g of bySchema) out.push(`${pad(`${g.kind} ${g.subtype}`, 40)}${lpad(g.n, 6)}${lpad(`${g.label ? 'R ' : 'FPR '}${pct(g.rate)}`, 9)}${lpad(g.errors, 8)}${lpad(g.meanScore.toFixed(3), 8)}`);
  out.push('');
  out.push(...printErrors(`Worst ${Math.min(opts.worst, fns.length)} of ${fns.length} false negatives (lowest scores of headline positives)`, fns.slice(0, opts.worst)));
  out.push('');
  out.push(...printErrors(`Worst ${Math.min(opts.worst, fps.length)} of ${fps.length} false positives (highest scores of headline negatives)`, fps.slice(0, opts.worst)));
  out.push('');
  out.push(`built in ${timing.buildMs} ms, scored in ${timing.scoreMs} ms`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/**
 * The screening evaluation's command line, argv as given to eval/run.ts
 * (`screening` included): the same parsing and messages as before the
 * dispatch moved to eval/run.ts.
 */
export async function screeningMain(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${SCREENING_USAGE}`);
    return 2;
  }
  if (opts.suite === '' || opts.suite === 'help') {
    process.stdout.write(SCREENING_USAGE);
    return opts.suite === 'help' ? 0 : 2;
  }
  if (opts.suite !== 'screening') {
    process.stderr.write(`unknown evaluation ${opts.suite}; available: screening\n${SCREENING_USAGE}`);
    return 2;
  }
  return runScreening(opts);
}
