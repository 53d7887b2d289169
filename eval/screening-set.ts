import anyAscii from 'any-ascii';
import { distance } from 'fastest-levenshtein';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateEntity } from '../src/model/validate.ts';
import { describeInput, detectReader } from '../src/readers/index.ts';
import { STRONG_IDENTIFIERS, type Subject } from '../src/screen/compare.ts';

/**
 * The labelled screening set: pairs of (query subject, list entity) with the
 * answer a screening engine should give, built deterministically from the real
 * lists in ../shared/data/lists (the OFAC SDN CSV set that has alt.csv, and the
 * UN Security Council consolidated XML), read through the project's readers
 * and cleaned by the model's validation, as ingestion would store them.
 *
 * Kinds:
 *  - alias (positive): a name the list itself gives the entity (FtM alias and
 *    previousName), as the query, against the entity holding its primary name
 *    only. Subtypes by how the alias relates to the primary name, decided here
 *    without the engine (see aliasRelation):
 *      spelling        same distinctive tokens, spelt or ordered differently
 *      subset          one side's distinctive tokens all in the other, which has more
 *      script          written in another script (UN originals of people's names,
 *                      other aliases whose tokens are alike across the scripts)
 *      partial         some distinctive tokens alike, on neither side all
 *      script_partial  the same, across scripts
 *    partial and script_partial are in the set but not in the headline figures
 *    (`headline: false`): "NOWBAKHT, Sa'id" for "NIKBAKHT, Mas'ud" is, to a
 *    name comparison, the same surname with another first name, which is what
 *    the hard negatives are made of. Left out by default, and counted:
 *    `unrelated` aliases (nothing in common but names common on the lists:
 *    noms de guerre, former company names, "AVIA IMPORT" for "ANGLO-CARIBBEAN
 *    CO., LTD.") that no name comparison can or should find, and weak aliases
 *    (UN "low quality": nicknames, kunyas; the OFAC CSVs mark none).
 *    `unrelatedAliases` and `weakAliases` put them in (not in the headline).
 *  - variant (positive): a realistic rewrite of the primary name (typo,
 *    token swap, dropped middle name, initials, romanisation change, case and
 *    punctuation, legal-form removal/change/addition, Cyrillic or Arabic
 *    script, vessel prefix) against the entity with all its names.
 *  - negative: a generated name from one of several cultures and scripts that
 *    is not on the lists, against the listed entity that shares its rarest
 *    token(s), so that the pair is not trivially easy.
 *  - hard_negative: same surname with another first name; same first name and
 *    birth year with another surname; same legal form with another distinctive
 *    word; another number ("Unit 7" / "Unit 8"); a company named with a listed
 *    person's name ("EMMA LLC" / "Emma Daniels").
 *
 * Negatives are kept only when they are clearly another subject: the query's
 * tokens must not be a listed name's tokens, and neither side's distinctive
 * tokens may all have a look-alike on the other side (else the pair is
 * ambiguous, not negative, and another candidate or name is tried).
 *
 * Randomness comes from a seeded mulberry32, one stream per part of the set,
 * so a change to one part does not reshuffle the others.
 */

export type PairKind = 'alias' | 'variant' | 'negative' | 'hard_negative';
export const PAIR_KINDS: readonly PairKind[] = ['alias', 'variant', 'negative', 'hard_negative'];

export interface LabelledPair {
  id: string;
  kind: PairKind;
  subtype: string;
  query: Subject;
  candidate: Subject;
  label: boolean;
  /** The list entity the candidate stands for. */
  entityId: string;
  /** How the pair was made (alias property, shared token, …). */
  note?: string;
  /**
   * Whether the pair counts towards the headline figures. False for aliases
   * that share only part of the name (or nothing) with the primary name: a
   * name comparison cannot tell them from the hard negatives (same surname,
   * another first name), so they are reported on their own.
   */
  headline: boolean;
}

export interface ScreeningSetOptions {
  /** Directory holding the lists (default ../shared/data/lists next to the repository). */
  listsDir?: string;
  seed?: number;
  /** Keep at most this many pairs (a seeded sample that keeps the proportions of kinds roughly). */
  limit?: number;
  /** Include aliases that share no token with the primary name (subtype `unrelated`). */
  unrelatedAliases?: boolean;
  /** Include weak (low-quality) aliases (subtype `weak`). */
  weakAliases?: boolean;
  /** Multiply every per-subtype target by this (default 1: about 5,000 pairs). */
  scale?: number;
  /** Read the lists again instead of using the copy read before in this process. */
  fresh?: boolean;
}

export interface ListSource {
  dataset: string;
  format: string;
  path: string;
  entities: number;
}

export interface ScreeningSet {
  seed: number;
  sources: ListSource[];
  pairs: LabelledPair[];
  /** What was left out and why (counts). */
  excluded: Record<string, number>;
}

export const DEFAULT_SEED = 20240503;
const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_LISTS_DIR = resolve(HERE, '..', '..', 'shared', 'data', 'lists');

// ---------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number, stream: string) {
    this.next = mulberry32((seed ^ fnv1a(stream)) >>> 0);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------
// Folding and token likeness (independent of the engine under test)

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/** ASCII lower-case tokens; CJK characters become one token each. */
export function foldTokens(text: string): string[] {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    let a: string;
    try {
      a = anyAscii(ch);
    } catch {
      a = ' ';
    }
    out += CJK.test(ch) ? ` ${a} ` : a;
  }
  return out.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

/** Order-free key of a name: its folded tokens, sorted. */
export function nameKey(name: string): string {
  return [...foldTokens(name)].sort().join(' ');
}

/** Particles and words common in company names: shared, they say nothing about identity. */
const STOPWORDS = new Set([
  'al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'abu', 'abou', 'umm', 'de', 'del', 'la', 'le', 'les', 'los', 'las', 'da', 'di', 'do', 'dos', 'das',
  'du', 'van', 'von', 'der', 'den', 'the', 'of', 'and', 'y', 'e', 'et', 'for', 'und', 'mr', 'mrs', 'dr', 'haji', 'hajji', 'mullah', 'sheikh', 'shaykh',
  'trading', 'trade', 'international', 'intl', 'general', 'group', 'holding', 'holdings', 'industries', 'industrial', 'industry', 'services',
  'service', 'enterprise', 'enterprises', 'global', 'investment', 'investments', 'import', 'export', 'imports', 'exports', 'commercial',
  'management', 'development', 'shipping', 'logistics', 'marine', 'maritime', 'energy', 'oil', 'gas', 'petroleum', 'technology',
  'technologies', 'tech', 'bank', 'finance', 'financial', 'capital', 'partners', 'solutions', 'systems', 'national', 'state', 'center',
  'centre', 'institute', 'agency', 'office', 'organization', 'organisation', 'foundation', 'association', 'establishment', 'est',
  'consulting', 'resources', 'foods', 'contracting', 'exchange', 'transport', 'electronics', 'machinery', 'chemical', 'sanat', 'tejarat',
])
/** Tokens of legal forms (see LEGAL_FORM_GROUPS), never distinctive. */
const LEGAL_WORDS = new Set([
  'llc', 'ltd', 'limited', 'co', 'company', 'inc', 'incorporated', 'corp', 'corporation', 'sa', 'srl', 'sas', 'ltda', 'limitada', 'gmbh', 'jsc',
  'ojsc', 'cjsc', 'pjsc', 'ao', 'oao', 'zao', 'pao', 'ooo', 'plc', 'fze', 'fzco', 'bv', 'nv', 'ag', 'spa', 'sarl', 'sdn', 'bhd', 'berhad',
  'sendirian', 'pte', 'pvt', 'pty', 'private', 'public', 'joint', 'stock', 'liability', 'free', 'zone', 'cv', 'sociedad', 'anonima', 'sti', 'wll',
  'open', 'closed', 'obshchestvo', 'ogranichennoy', 'ogranichennoi', 'otvetstvennostyu', 'tov', 'as',
]);

/** 有限公司 and kin: the Chinese "Co., Ltd.", whose syllables would otherwise look like names. */
const CJK_LEGAL_FORM = /(?:股份)?有限(?:责任|責任)?公司|公司/gu;

/** Folded tokens that say something about identity: no particles, generic words, legal forms or single letters. */
export function coreTokens(name: string): string[] {
  return foldTokens(name.replace(CJK_LEGAL_FORM, ' '))
    .flatMap((t) => t.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/))
    .filter((t) => (t.length > 1 || /\d/.test(t)) && !STOPWORDS.has(t) && !LEGAL_WORDS.has(t));
}

function normSpelling(t: string): string {
  return t
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    .replace(/q/g, 'k')
    .replace(/c(?=[aou]|$)/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/j/g, 'y')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i');
}

function skeleton(t: string): string {
  return t.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
}

/**
 * Whether two folded tokens could be one name in two spellings. Generous on
 * purpose: it decides what counts as a related alias and which negatives are
 * too close to call, and in both uses erring towards "alike" is the safe side.
 */
export function similarTokens(a: string, b: string, opts: { strict?: boolean } = {}): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const na = normSpelling(a);
  const nb = normSpelling(b);
  if (na === nb) return true;
  const short = Math.min(na.length, nb.length);
  const long = Math.max(na.length, nb.length);
  if (short >= 4 && distance(na, nb) <= Math.floor(long / 3)) return true;
  if (opts.strict) return false;
  const sa = skeleton(na);
  const sb = skeleton(nb);
  return sa.length >= 2 && sa === sb && na[0] === nb[0];
}

function covered(a: string[], b: string[]): boolean {
  return a.length > 0 && a.every((x) => b.some((y) => similarTokens(x, y)));
}

/** True when some candidate name and the query could be one name: all distinctive tokens of either have a look-alike in the other. */
export function tooClose(query: string, candidateNames: string[]): boolean {
  const q = coreTokens(query);
  return candidateNames.some((n) => {
    const c = coreTokens(n);
    return covered(q, c) || covered(c, q);
  });
}

const NON_LATIN_LETTER = /(?=\p{L})\P{Script=Latin}/u;

export function isNonLatin(name: string): boolean {
  return NON_LATIN_LETTER.test(name);
}

export type AliasRelation = 'spelling' | 'subset' | 'partial' | 'script' | 'script_partial' | 'unrelated';

/**
 * How an alias relates to the primary name, by token likeness alone (strict:
 * edit distance and romanisation spellings, not bare consonant skeletons, so
 * that "Mahmud" is not "Muhammad"):
 *   spelling  every distinctive token on each side has a look-alike on the other
 *   subset    one side's distinctive tokens all have look-alikes; the other has more
 *   partial   some have look-alikes, on neither side all
 *   unrelated none, or only tokens common on the lists (`isCommon`: Muhammad, Ali, …)
 * An alias written wholly in another script is `script` when it is the
 * list's original-script form of the primary name (`original`) or would be
 * spelling or subset, else `script_partial`; across scripts, consonant
 * skeletons one edit apart count as alike (abjads are romanised without
 * vowels). A name that mixes Latin and another script is taken as Latin.
 */
export function aliasRelation(primary: string, alias: string, isCommon: (token: string) => boolean = () => false, original = false): AliasRelation {
  const script = isNonLatin(alias) && !/\p{Script=Latin}/u.test(alias);
  if (script && original) return 'script';
  const alike = script
    ? (x: string, y: string) => {
        if (similarTokens(x, y)) return true;
        const [sx, sy] = [skeleton(normSpelling(x)), skeleton(normSpelling(y))];
        return (sx.length >= 2 && sx === sy) || (Math.min(sx.length, sy.length) >= 3 && distance(sx, sy) <= 1);
      }
    : (x: string, y: string) => similarTokens(x, y, { strict: true });
  const p = coreTokens(primary);
  const a = coreTokens(alias);
  if (p.length === 0 || a.length === 0) return 'unrelated';
  const pHit = p.filter((x) => a.some((y) => alike(x, y)));
  const aHit = a.filter((y) => p.some((x) => alike(x, y)));
  if (![...pHit, ...aHit].some((t) => !isCommon(t))) return 'unrelated';
  const pAll = pHit.length === p.length;
  const aAll = aHit.length === a.length;
  if (script) return pAll || aAll ? 'script' : 'script_partial';
  if (pAll && aAll) return 'spelling';
  return pAll || aAll ? 'subset' : 'partial';
}

/** Alias relations that count towards the headline figures; the others are reported on their own. */
export const HEADLINE_ALIAS_RELATIONS: ReadonlySet<string> = new Set(['spelling', 'subset', 'script']);

export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'’(."«])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
}

// ---------------------------------------------------------------------------
// The lists

export interface ListEntity {
  id: string;
  dataset: string;
  schema: string;
  /** The primary name as the list writes it. */
  name: string;
  /** Every name, primary first. */
  names: Array<{ prop: string; value: string }>;
  /** Given names and surname(s) as written, for people. */
  given: string[];
  surname: string[];
  birthDates: string[];
  countries: string[];
  genders: string[];
  identifiers: Record<string, string[]>;
}

const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'] as const;
const COUNTRY_PROPS = ['nationality', 'citizenship', 'country', 'jurisdiction', 'flag'];
const SCREENED = new Set(['Person', 'Organization', 'Vessel']);

async function firstMatching(dir: string, prefix: string, test: (path: string, files: string[]) => string | null): Promise<string | null> {
  const names = (await readdir(dir)).filter((d) => d.startsWith(prefix)).sort().reverse();
  for (const d of names) {
    const path = join(dir, d);
    if (!(await stat(path)).isDirectory()) continue;
    const found = test(path, await readdir(path));
    if (found) return found;
  }
  return null;
}

/** The OFAC SDN directory with an alias file (newest by name), and the UN consolidated XML. */
export async function locateLists(listsDir: string = DEFAULT_LISTS_DIR): Promise<Array<{ dataset: string; format: string; path: string }>> {
  const ofac = await firstMatching(listsDir, 'ofac_sdn', (path, files) => (files.some((f) => f.toLowerCase() === 'alt.csv') ? path : null));
  const un = await firstMatching(listsDir, 'un_sc', (path, files) => {
    const xml = files.filter((f) => f.toLowerCase().endsWith('.xml')).sort()[0];
    return xml ? join(path, xml) : null;
  });
  if (!ofac) throw new Error(`no ofac_sdn* directory with alt.csv under ${listsDir}`);
  if (!un) throw new Error(`no un_sc* directory with an XML file under ${listsDir}`);
  return [
    { dataset: 'ofac_sdn', format: 'ofac_sdn', path: ofac },
    { dataset: 'un_sc', format: 'un_sc', path: un },
  ];
}

function splitWords(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);
}

function nameParts(primary: string, props: Record<string, string[]>): { given: string[]; surname: string[] } {
  const given = splitWords([...(props.firstName ?? []).slice(0, 1), ...(props.secondName ?? []), ...(props.middleName ?? [])]);
  const surname = splitWords((props.lastName ?? []).slice(0, 1));
  if (given.length > 0 && surname.length > 0) return { given, surname };
  const comma = primary.split(',').map((p) => p.trim()).filter(Boolean);
  if (comma.length === 2) return { given: splitWords([comma[1]!]), surname: splitWords([comma[0]!]) };
  const words = splitWords([primary]);
  if (words.length < 2) return { given: [], surname: words };
  return { given: words.slice(0, -1), surname: words.slice(-1) };
}

const loaded = new Map<string, Promise<{ sources: ListSource[]; entities: ListEntity[] }>>();

/** Every listed Person, Organization and Vessel of both lists, as validated values (memoised per directory unless `fresh`). */
export function loadListEntities(listsDir: string = DEFAULT_LISTS_DIR, opts: { fresh?: boolean } = {}): Promise<{ sources: ListSource[]; entities: ListEntity[] }> {
  if (opts.fresh) return readLists(listsDir);
  let p = loaded.get(listsDir);
  if (!p) {
    p = readLists(listsDir);
    loaded.set(listsDir, p);
  }
  return p;
}

async function readLists(listsDir: string): Promise<{ sources: ListSource[]; entities: ListEntity[] }> {
  const sources: ListSource[] = [];
  const entities: ListEntity[] = [];
  for (const src of await locateLists(listsDir)) {
    const input = await describeInput(src.path);
    const reader = detectReader(input);
    if (reader.format !== src.format) throw new Error(`${src.path} reads as ${reader.format}, expected ${src.format}`);
    let n = 0;
    for await (const item of reader.read(input, { dataset: src.dataset })) {
      if (item.kind !== 'entity' || !SCREENED.has(item.entity.schema)) continue;
      const v = validateEntity(item.entity);
      if (!v.ok) continue;
      const props: Record<string, string[]> = {};
      for (const cv of v.entity.values) (props[cv.prop] ??= []).push(cv.value);
      const names = NAME_PROPS.flatMap((prop) => (props[prop] ?? []).map((value) => ({ prop, value })));
      if (names.length === 0 || names[0]!.prop !== 'name') continue;
      const identifiers: Record<string, string[]> = {};
      for (const prop of [...STRONG_IDENTIFIERS].sort()) if (props[prop]) identifiers[prop] = props[prop]!;
      const primary = names[0]!.value;
      const parts = v.entity.schema === 'Person' ? nameParts(primary, props) : { given: [], surname: [] };
      entities.push({
        id: v.entity.id,
        dataset: src.dataset,
        schema: v.entity.schema,
        name: primary,
        names,
        given: parts.given,
        surname: parts.surname,
        birthDates: props.birthDate ?? [],
        countries: [...new Set(COUNTRY_PROPS.flatMap((p) => props[p] ?? []))],
        genders: props.gender ?? [],
        identifiers,
      });
      n++;
    }
    sources.push({ ...src, entities: n });
  }
  return { sources, entities };
}

function listSubject(e: ListEntity, names: string[]): Subject {
  const s: Subject = { schema: e.schema, names };
  if (e.birthDates.length > 0) s.birthDates = [...e.birthDates];
  if (e.countries.length > 0) s.countries = [...e.countries];
  if (e.genders.length > 0) s.genders = [...e.genders];
  if (Object.keys(e.identifiers).length > 0) s.identifiers = structuredClone(e.identifiers);
  return s;
}

function allNames(e: ListEntity): string[] {
  return e.names.map((n) => n.value);
}

// ---------------------------------------------------------------------------
// Legal forms (the set's own table, deliberately not the engine's)

interface LegalFormGroup {
  id: string;
  keys: string[];
  render: string[];
  cyrillic?: string;
}

const LEGAL_FORM_GROUPS: LegalFormGroup[] = [
  { id: 'llc', keys: ['llc', 'l l c', 'limited liability company', 'ooo', 'obshchestvo s ogranichennoy otvetstvennostyu', 'obshchestvo s ogranichennoi otvetstvennostyu', 'tov'], render: ['LLC', 'L.L.C.', 'Limited Liability Company', 'OOO'], cyrillic: 'ООО' },
  { id: 'co_ltd', keys: ['co ltd', 'company limited', 'co limited', 'company ltd'], render: ['Co., Ltd.', 'Company Limited', 'Co Ltd'] },
  { id: 'pte_ltd', keys: ['pte ltd', 'private limited', 'pvt ltd', 'private ltd', 'pty ltd'], render: ['Pte. Ltd.', 'Private Limited'] },
  { id: 'ltd', keys: ['ltd', 'limited'], render: ['Ltd', 'Ltd.', 'Limited'] },
  { id: 'sa_cv', keys: ['s a de c v', 'sa de cv'], render: ['S.A. de C.V.', 'SA de CV'] },
  { id: 'sas', keys: ['s a s', 'sas'], render: ['S.A.S.', 'SAS'] },
  { id: 'sa', keys: ['s a', 'sa', 'sociedad anonima'], render: ['S.A.', 'SA', 'Sociedad Anonima'] },
  { id: 'ltda', keys: ['ltda', 'limitada'], render: ['Ltda.', 'Limitada'] },
  { id: 'srl', keys: ['s r l', 'srl'], render: ['S.R.L.', 'SRL'] },
  { id: 'gmbh', keys: ['gmbh', 'g m b h'], render: ['GmbH', 'G.m.b.H.'] },
  { id: 'inc', keys: ['inc', 'incorporated'], render: ['Inc.', 'Incorporated'] },
  { id: 'corp', keys: ['corp', 'corporation'], render: ['Corp.', 'Corporation'] },
  { id: 'pjsc', keys: ['pjsc', 'pao', 'public joint stock company'], render: ['PJSC', 'PAO', 'Public Joint Stock Company'], cyrillic: 'ПАО' },
  { id: 'ojsc', keys: ['ojsc', 'oao', 'open joint stock company'], render: ['OJSC', 'OAO', 'Open Joint Stock Company'], cyrillic: 'ОАО' },
  { id: 'cjsc', keys: ['cjsc', 'zao', 'closed joint stock company'], render: ['CJSC', 'ZAO', 'Closed Joint Stock Company'], cyrillic: 'ЗАО' },
  { id: 'jsc', keys: ['jsc', 'ao', 'joint stock company'], render: ['JSC', 'AO', 'Joint Stock Company'], cyrillic: 'АО' },
  { id: 'fze', keys: ['fze', 'free zone establishment'], render: ['FZE', 'Free Zone Establishment'] },
  { id: 'fzco', keys: ['fzco', 'free zone company'], render: ['FZCO', 'Free Zone Company'] },
  { id: 'plc', keys: ['plc', 'public limited company'], render: ['PLC', 'Public Limited Company'] },
  { id: 'sdn_bhd', keys: ['sdn bhd', 'sendirian berhad'], render: ['Sdn. Bhd.', 'Sendirian Berhad'] },
  { id: 'bv', keys: ['b v', 'bv'], render: ['B.V.', 'BV'] },
  { id: 'co', keys: ['co', 'company'], render: ['Co.', 'Company'] },
];
const FORM_KEYS = LEGAL_FORM_GROUPS.flatMap((g) => g.keys.map((k) => ({ group: g, key: k, parts: k.split(' ') }))).sort(
  (a, b) => b.parts.length - a.parts.length,
);
const LEADING_FORMS = new Set(['limited liability company', 'joint stock company', 'public joint stock company', 'open joint stock company', 'closed joint stock company', 'ooo', 'oao', 'zao', 'pao', 'ao', 'tov', 'obshchestvo s ogranichennoy otvetstvennostyu', 'obshchestvo s ogranichennoi otvetstvennostyu']);

interface Word {
  text: string;
  start: number;
  end: number;
  fold: string;
}

function words(name: string): Word[] {
  return [...name.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length, fold: foldTokens(m[0]).join('') }));
}

interface FoundForm {
  group: LegalFormGroup;
  key: string;
  at: 'start' | 'end';
  /** The name without its legal form, as written. */
  base: string;
  /** The legal form as written. */
  written: string;
}

export function findLegalForm(name: string): FoundForm | null {
  const ws = words(name);
  for (const f of FORM_KEYS) {
    const n = f.parts.length;
    if (ws.length <= n) continue;
    if (ws.slice(-n).every((w, i) => w.fold === f.parts[i])) {
      const cut = ws[ws.length - n]!.start;
      const base = name.slice(0, cut).replace(/[\s,.;:(\-&]+$/u, '').trim();
      if (coreTokens(base).length > 0) return { group: f.group, key: f.key, at: 'end', base, written: name.slice(cut).trim() };
    }
  }
  for (const f of FORM_KEYS) {
    const n = f.parts.length;
    if (ws.length <= n || !LEADING_FORMS.has(f.key)) continue;
    if (ws.slice(0, n).every((w, i) => w.fold === f.parts[i])) {
      const base = name.slice(ws[n]!.start).replace(/["«»“”']/g, '').replace(/[\s,.;:)\-&]+$/u, '').trim();
      if (coreTokens(base).length > 0) return { group: f.group, key: f.key, at: 'start', base, written: name.slice(0, ws[n - 1]!.end) };
    }
  }
  return null;
}

/** Organisation names that are not businesses: adding "LLC" to them would not be a realistic query. */
const NOT_A_BUSINESS = /\b(organi[sz]ation|ansar|taliban|hizb\w*|hezbollah|harakat|jama'?at|tanzim|lashkar|volunteers|rehabilitation|front|army|brigades?|movement|party|battalions?|martyrs|jihad|mujahid\w*|liberation|network|council|cartel|committee|ministry|government|forces|qaida|islamic|state|revolutionary|guards?|corps|militia|people'?s|popular|resistance|union|league|society|charity|relief|commission|university|school|hospital)\b/i;

// ---------------------------------------------------------------------------
// Name tables for generated people and companies

interface Culture {
  id: string;
  male: string[];
  female: string[];
  last: string[];
}

const w = (s: string): string[] => s.split(/\s*,\s*/).filter(Boolean);

const CULTURES: Record<string, Culture> = {
  anglo: {
    id: 'anglo',
    male: w('James, John, Robert, Michael, William, David, Richard, Thomas, Charles, Daniel, Matthew, Anthony, Mark, Steven, Paul, Andrew, Joshua, Kevin, Brian, George, Edward, Timothy, Jason, Gregory, Patrick, Simon, Oliver, Henry'),
    female: w('Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Emma, Olivia, Emily, Hannah, Rachel, Laura, Rebecca, Charlotte, Megan, Victoria, Amanda, Nicole'),
    last: w('Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Moore, Jackson, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, Wright, Scott, Hill, Green, Adams, Baker, Nelson, Carter, Mitchell, Roberts, Turner, Phillips, Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Murphy, Cook, Rogers, Cooper, Reed, Bailey, Bell, Kelly, Howard, Ward, Cox, Richardson, Wood, Watson, Brooks, Bennett, Gray, Hughes, Price, Sanders, Fisher, Daniels, Fletcher, Holloway'),
  },
  hispanic: {
    id: 'hispanic',
    male: w('José, Juan, Luis, Carlos, Jorge, Pedro, Miguel, Alejandro, Fernando, Ricardo, Diego, Javier, Andrés, Rafael, Sergio, Eduardo, Manuel, Francisco, Gustavo, Héctor, Álvaro, Mauricio, Rodrigo, Esteban'),
    female: w('María, Carmen, Ana, Lucía, Isabel, Sofía, Valentina, Gabriela, Patricia, Rosa, Elena, Marta, Paola, Daniela, Camila, Verónica, Beatriz, Adriana, Natalia, Liliana'),
    last: w('García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Morales, Reyes, Cruz, Ortiz, Gutiérrez, Chávez, Ramos, Ruiz, Álvarez, Mendoza, Vargas, Castillo, Jiménez, Moreno, Romero, Herrera, Medina, Aguilar, Vega, Castro, Guerrero, Rojas, Navarro, Salazar, Delgado, Cabrera, Acosta, Peña, Fuentes, Molina, Suárez, Cárdenas, Ospina, Quintero, Villegas, Zapata, Escobar, Montoya, Arango, Bustamante'),
  },
  arabic: {
    id: 'arabic',
    male: w('Ahmed, Mohammed, Ali, Omar, Khalid, Youssef, Ibrahim, Hassan, Hussein, Mahmoud, Mustafa, Tariq, Samir, Nabil, Walid, Karim, Faisal, Hamza, Bilal, Marwan, Ziad, Rami, Fadi, Hisham, Ayman, Anwar, Jamal, Kamal, Salim, Sami, Adel, Majid, Nasser, Yasser, Bashar'),
    female: w('Fatima, Aisha, Maryam, Zainab, Khadija, Layla, Noor, Huda, Rania, Salma, Amira, Yasmin, Dalia, Hind, Reem, Lina'),
    last: w('Al-Masri, Haddad, Khoury, Nasser, Saleh, Mansour, Hamdan, Aziz, Suleiman, Qasim, Rashid, Khalil, Darwish, Najjar, Khatib, Barakat, Shami, Bakri, Hashem, Hijazi, Zaidi, Farouk, Ghanem, Jaber, Awad, Sabbagh, Tahan, Halabi, Nassar, Yassin, Abboud, Hakim, Taha, Amin, Sharif, Fawzi, Badawi, Shaker, Sadiq, Qureshi, Othman, Kanaan, Haidar'),
  },
  russian: {
    id: 'russian',
    male: w('Ivan, Dmitry, Sergey, Alexei, Andrei, Mikhail, Nikolai, Vladimir, Yuri, Oleg, Pavel, Igor, Viktor, Maxim, Artem, Denis, Konstantin, Roman, Anatoly, Boris, Gennady, Stanislav, Vadim, Yaroslav'),
    female: w('Olga, Tatiana, Natalia, Elena, Irina, Svetlana, Anna, Maria, Ekaterina, Yulia, Marina, Ksenia, Daria, Vera, Lyudmila, Galina, Polina, Alina'),
    last: w('Ivanov, Smirnov, Kuznetsov, Popov, Vasiliev, Petrov, Sokolov, Mikhailov, Novikov, Fedorov, Morozov, Volkov, Alekseev, Lebedev, Semenov, Egorov, Pavlov, Kozlov, Stepanov, Nikolaev, Orlov, Andreev, Makarov, Nikitin, Zakharov, Zaitsev, Soloviev, Borisov, Yakovlev, Grigoriev, Vorobiev, Sergeev, Frolov, Belov, Gusev, Titov, Kiselev, Tarasov, Belyaev, Komarov, Shcherbakov, Zhukov, Kovalenko, Bondarenko, Tkachenko'),
  },
  persian: {
    id: 'persian',
    male: w('Reza, Ali, Mohammad, Hossein, Mehdi, Amir, Hamid, Saeed, Majid, Behrouz, Dariush, Farhad, Kourosh, Babak, Arash, Siamak, Shahram, Payam, Omid, Navid, Kaveh, Ramin, Sina, Pouya'),
    female: w('Maryam, Fatemeh, Zahra, Shirin, Parisa, Leila, Nasrin, Mahnaz, Azadeh, Roya, Negar, Shabnam, Mina, Sara'),
    last: w('Ahmadi, Hosseini, Mohammadi, Rezaei, Moradi, Karimi, Jafari, Rahimi, Hashemi, Mousavi, Ghorbani, Sadeghi, Heidari, Sharifi, Kazemi, Rostami, Nazari, Asadi, Mahmoudi, Ebrahimi, Zamani, Tehrani, Shirazi, Esfahani, Tabrizi, Farahani, Najafi, Bagheri, Akbari, Salehi, Soltani, Yazdani, Golzari, Daneshvar, Amini, Fallahi'),
  },
  turkish: {
    id: 'turkish',
    male: w('Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, İsmail, Osman, Yusuf, Murat, Emre, Burak, Serkan, Cem, Kemal, Selim, Tolga, Onur, Oğuz, Barış, Volkan'),
    female: w('Ayşe, Fatma, Emine, Hatice, Zeynep, Elif, Merve, Özlem, Esra, Seda, Derya, Gülşen, Büşra, Ebru'),
    last: w('Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Korkmaz, Aksoy, Güneş, Bulut, Tekin, Uçar, Karaca, Acar, Erdem, Ünal, Türkmen'),
  },
  korean: {
    id: 'korean',
    male: w('Min-jun, Ji-hoon, Hyun-woo, Young-ho, Sung-min, Do-yoon, Dong-hyun, Jae-won, Tae-yang, Kyung-soo, Chang-min, Joon-ho, Seung-woo, Jin-woo'),
    female: w('Seo-yeon, Su-bin, Ji-woo, Ha-eun, Eun-ji, Hye-jin, Soo-ah, Yeon-woo, Min-seo, Ji-yeon, Da-eun'),
    last: w('Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Shin, Seo, Kwon, Hwang, Ahn, Song, Yoo, Hong, Jeon'),
  },
  west_african: {
    id: 'west_african',
    male: w('Chinedu, Emeka, Oluwaseun, Adebayo, Chukwuma, Babajide, Ifeanyi, Kelechi, Musa, Aminu, Abubakar, Tunde, Kwame, Kofi, Yaw, Obinna, Segun'),
    female: w('Ngozi, Funmilayo, Halima, Chiamaka, Adaeze, Folake, Yetunde, Abena, Akosua, Amaka, Blessing'),
    last: w('Okafor, Adeyemi, Okonkwo, Eze, Nwosu, Balogun, Bello, Danjuma, Ogunleye, Olawale, Lawal, Chukwu, Nnamdi, Obi, Mensah, Asante, Boateng, Owusu, Afolabi, Onyekachi, Adeleke'),
  },
};

/** Chinese names with their characters: surnames, and given names of one or two syllables. */
const CN_SURNAMES: Array<[string, string]> = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'],
  ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao'],
];
const CN_GIVEN: Array<[string, string[]]> = [
  ['伟', ['Wei']], ['芳', ['Fang']], ['娜', ['Na']], ['敏', ['Min']], ['静', ['Jing']], ['强', ['Qiang']], ['磊', ['Lei']], ['洋', ['Yang']], ['勇', ['Yong']],
  ['艳', ['Yan']], ['杰', ['Jie']], ['涛', ['Tao']], ['明', ['Ming']], ['超', ['Chao']], ['秀英', ['Xiu', 'ying']], ['建华', ['Jian', 'hua']], ['志强', ['Zhi', 'qiang']],
  ['晓明', ['Xiao', 'ming']], ['海燕', ['Hai', 'yan']], ['俊杰', ['Jun', 'jie']], ['文博', ['Wen', 'bo']], ['子涵', ['Zi', 'han']], ['雨桐', ['Yu', 'tong']], ['浩然', ['Hao', 'ran']],
];

CULTURES.chinese = {
  id: 'chinese',
  male: CN_GIVEN.map(([, g]) => g.join('')),
  female: CN_GIVEN.map(([, g]) => g.join('')),
  last: CN_SURNAMES.map(([, l]) => l),
};

/** Common Arabic-script spellings of names, keyed by their usual romanisations. */
const ARABIC_SCRIPT: Record<string, string> = {};
for (const [ar, latin] of [
  ['محمد', 'muhammad mohammed mohammad mohamed muhammed mohamad muhamad'], ['أحمد', 'ahmad ahmed'], ['علي', 'ali'], ['حسن', 'hassan hasan'],
  ['حسين', 'hussein husayn hussain husein husain'], ['عمر', 'omar umar'], ['عثمان', 'othman uthman osman'], ['خالد', 'khalid khaled'],
  ['إبراهيم', 'ibrahim ebrahim'], ['يوسف', 'yousef yusuf youssef yousif yusef'], ['مصطفى', 'mustafa mostafa moustafa'], ['محمود', 'mahmoud mahmud'],
  ['صالح', 'saleh salih'], ['سعيد', 'said saeed saied'], ['عبد الله', 'abdullah abdallah abdulla abdalla'], ['أمين', 'amin ameen'],
  ['جمال', 'jamal gamal'], ['كمال', 'kamal'], ['فيصل', 'faisal faysal'], ['ناصر', 'nasser nasir naser'], ['منصور', 'mansour mansur'],
  ['سليمان', 'sulaiman suleiman sulayman soliman'], ['إسماعيل', 'ismail ismael esmail'], ['عيسى', 'issa isa eisa'], ['موسى', 'musa moussa mousa'],
  ['زيد', 'zaid zayd zeid'], ['خليل', 'khalil'], ['جميل', 'jamil jameel'], ['سالم', 'salem'], ['سليم', 'salim'], ['كريم', 'karim kareem'],
  ['رشيد', 'rashid rasheed'], ['حمزة', 'hamza hamzah'], ['طارق', 'tariq tarek tarik'], ['ياسر', 'yasser yasir yaser'], ['بكر', 'bakr'],
  ['فاطمة', 'fatima'], ['عائشة', 'aisha'], ['مريم', 'maryam'], ['زينب', 'zainab'], ['خديجة', 'khadija'], ['نور', 'nour noor nur'],
  ['حمد', 'hamad'], ['حامد', 'hamid hamed'], ['ماجد', 'majid majed'], ['وليد', 'walid waleed'], ['عادل', 'adel adil'], ['نبيل', 'nabil'],
  ['سمير', 'samir'], ['بشار', 'bashar'], ['حافظ', 'hafez hafiz'], ['رامي', 'rami'], ['رياض', 'riyad riad'], ['زياد', 'ziad ziyad'], ['فادي', 'fadi'],
  ['أنور', 'anwar'], ['هشام', 'hisham'], ['حازم', 'hazem hazim'], ['أسامة', 'usama osama'], ['أيمن', 'ayman'], ['قاسم', 'qasim qassem kassem qassim'],
  ['هاشم', 'hashem hashim'], ['جابر', 'jaber jabir'], ['سامي', 'sami'], ['فهد', 'fahd fahad'], ['سلطان', 'sultan'], ['عباس', 'abbas'],
  ['جعفر', 'jafar jaafar'], ['بلال', 'bilal'], ['إدريس', 'idris idriss'], ['يحيى', 'yahya'], ['مروان', 'marwan'], ['محسن', 'muhsin mohsen'],
  ['نوري', 'nuri nouri'], ['شاكر', 'shakir shaker'], ['صادق', 'sadiq sadeq'], ['شريف', 'sharif'], ['مهدي', 'mahdi mehdi'], ['مراد', 'murad mourad'],
  ['صلاح', 'salah'], ['فوزي', 'fawzi'], ['بدر', 'badr'], ['عزيز', 'aziz'], ['حكيم', 'hakim'], ['حداد', 'haddad'], ['نجار', 'najjar'], ['خطيب', 'khatib'],
  ['منير', 'munir mounir'], ['رضا', 'rida reda'], ['حبيب', 'habib'], ['لطيف', 'latif'], ['غني', 'ghani'], ['رحمن', 'rahman'], ['رحيم', 'rahim'],
  ['تكريتي', 'tikriti'], ['مصري', 'masri'], ['بغدادي', 'baghdadi'], ['عراقي', 'iraqi'], ['ليبي', 'libi'], ['هاشمي', 'hashimi'], ['قحطاني', 'qahtani'],
  ['أنصاري', 'ansari'], ['ظواهري', 'zawahiri'], ['تميمي', 'tamimi'], ['دليمي', 'dulaimi dulaymi'], ['عبيدي', 'obeidi ubaydi'], ['جبوري', 'jubouri juburi'],
  ['شمري', 'shammari'], ['حربي', 'harbi'], ['عتيبي', 'otaibi utaybi'], ['مطيري', 'mutairi'], ['زهراني', 'zahrani'], ['غامدي', 'ghamdi'], ['شهري', 'shehri shahri'],
  ['كويتي', 'kuwaiti'], ['سوداني', 'sudani'], ['قذافي', 'qadhafi qaddafi gaddafi'], ['أسد', 'assad asad'], ['سيد', 'sayyid sayed'], ['سعدي', 'saadi'],
  ['راوي', 'rawi'], ['عاني', 'ani'], ['همداني', 'hamdani'], ['كبيسي', 'kubaisi'], ['أحمدي', 'ahmadi'], ['محمدي', 'mohammadi'], ['حسيني', 'hosseini husseini'],
  ['رضا', 'reza'], ['حسین', 'hossein'], ['امیر', 'amir'], ['مجید', 'majeed'], ['فرهاد', 'farhad'], ['بابک', 'babak'], ['امید', 'omid'], ['نوید', 'navid'],
  ['رامین', 'ramin'], ['زهرا', 'zahra'], ['شیرین', 'shirin'], ['لیلا', 'leila'], ['رضایی', 'rezaei'], ['مرادی', 'moradi'], ['کریمی', 'karimi'],
  ['جعفری', 'jafari'], ['رحیمی', 'rahimi'], ['هاشمی', 'hashemi'], ['موسوی', 'mousavi'], ['صادقی', 'sadeghi'], ['حیدری', 'heidari'], ['کاظمی', 'kazemi'],
  ['رستمی', 'rostami'], ['تهرانی', 'tehrani'], ['شیرازی', 'shirazi'], ['امینی', 'amini'], ['سلطانی', 'soltani'], ['صالحی', 'salehi'],
] as const) {
  for (const l of latin.split(' ')) ARABIC_SCRIPT[l] ??= ar;
}
const DIVINE = new Set(['rahman', 'rahim', 'aziz', 'karim', 'latif', 'hamid', 'majid', 'ghani', 'hakim', 'nasir', 'nasser']);

/** A name in Arabic script, when every word of it is in the table; null otherwise. */
export function toArabicScript(name: string): string | null {
  const ts = foldTokens(name);
  const out: string[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const next = ts[i + 1];
    if ((t === 'al' || t === 'el') && next && ARABIC_SCRIPT[next]) {
      out.push('ال' + ARABIC_SCRIPT[next]!);
      i++;
    } else if ((t === 'abdul' || t === 'abdel' || t === 'abd') && next) {
      const after = next === 'al' || next === 'el' ? ts[i + 2] : next;
      if (!after || !(DIVINE.has(after) || after === 'allah') || !ARABIC_SCRIPT[after]) return null;
      out.push(after === 'allah' ? 'عبد الله' : 'عبد ال' + ARABIC_SCRIPT[after]!);
      i += next === 'al' || next === 'el' ? 2 : 1;
    } else if (t === 'bin' || t === 'ibn') out.push('بن');
    else if (t === 'abu' || t === 'abou') out.push('أبو');
    else if (ARABIC_SCRIPT[t]) out.push(ARABIC_SCRIPT[t]!);
    else return null;
  }
  return out.length >= 2 ? out.join(' ') : null;
}

/** Latin → Russian Cyrillic, the inverse of the usual BGN-style romanisation (good enough to be realistic). */
export function toCyrillic(text: string): string {
  const VOWELS = 'aeiouy';
  const MULTI: Array<[string, string]> = [['shch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['tz', 'ц'], ['ch', 'ч'], ['sh', 'ш'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'], ['ye', 'е'], ['ju', 'ю'], ['ja', 'я']];
  const SINGLE: Record<string, string> = { a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'к', w: 'в', x: 'кс', q: 'к', j: 'дж' };
  const word = (wd: string): string => {
    const s = foldTokens(wd).join('');
    let out = '';
    for (let i = 0; i < s.length; ) {
      const rest = s.slice(i);
      if (i === 0 && s[0] === 'e') {
        out += 'э';
        i++;
        continue;
      }
      if ((rest === 'iy' || rest === 'yy' || rest === 'ii') && i > 0) {
        out += rest === 'yy' ? 'ый' : 'ий';
        break;
      }
      const m = MULTI.find(([l]) => rest.startsWith(l));
      if (m) {
        out += m[1];
        i += m[0].length;
        continue;
      }
      const ch = s[i]!;
      if (ch === 'y') out += i === 0 || VOWELS.includes(s[i - 1]!) ? 'й' : 'ы';
      else out += SINGLE[ch] ?? ch;
      i++;
    }
    return out.charAt(0).toUpperCase() + out.slice(1);
  };
  return text.replace(/[\p{L}]+/gu, (m) => word(m));
}

const ENGLISH_WORDS = new Set(w('bank, commercial, projects, project, infrastructure, limited, liability, company, research, scientific, production, plant, factory, design, bureau, university, academy, airlines, avia, aviation, construction, engineering, defense, defence, corporation, federal, military, security, insurance, investment, ministry, navy, missile, space, electronic, electronics, instrument, instruments, machine, building, chemical, shipyard, works, association, enterprise, unitary, open, closed, joint, stock, public, private, russian, russia, crimea, crimean, sevastopol, port, sea, trading, telecom, network, media, news, agency, group'));

const CIS = new Set(['ru', 'ua', 'by', 'kz', 'kg', 'tj', 'uz', 'md', 'am', 'az', 'ge', 'tm']);
const SLAVIC_SURNAME = /(ov|ova|ev|eva|yev|yeva|sky|skiy|skii|skaya|enko|vich|ovna|evna|chuk|yuk)$/i;

/** Romanisation changes seen across transliteration systems; each rewrites one spot of one token. */
const TRANSLIT_RULES: Array<[RegExp, string]> = [
  [/ou/, 'u'], [/(?<!o)u/, 'ou'], [/kh/, 'h'], [/^q/, 'g'], [/q/, 'k'], [/ee/, 'i'], [/oo/, 'u'], [/iy$/, 'y'], [/ii$/, 'y'], [/y$/, 'i'],
  [/^y/, 'j'], [/^j/, 'dj'], [/dj/, 'j'], [/sh/, 'ch'], [/w/, 'v'], [/v/, 'w'], [/ph/, 'f'], [/ei/, 'ey'], [/ey/, 'ei'], [/ai/, 'ay'],
  [/ed$/, 'ad'], [/ad$/, 'ed'], [/([bdfgklmnprstz])\1/, '$1'], [/([aeiou])([lmnrs])([aeiou])/, '$1$2$2$3'], [/ya/, 'ia'], [/yu/, 'iu'],
  [/zh/, 'j'], [/ts/, 'tz'], [/ch/, 'tch'], [/x/, 'ks'], [/ov$/, 'off'], [/ck/, 'k'], [/i(?=[aeou])/, 'iy'], [/dh/, 'z'], [/th/, 't'],
];

const KEYBOARD: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol', a: 'qsz', s: 'adwx', d: 'sfec', f: 'dgrv',
  g: 'fhtb', h: 'gjyn', j: 'hkum', k: 'jli', l: 'kop', z: 'xas', x: 'zcs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bmh', m: 'nj',
};

/** Keep the case pattern of `like` on `text`. */
function caseLike(like: string, text: string): string {
  if (like === like.toUpperCase()) return text.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  return text.toLowerCase();
}

function replaceWord(name: string, wd: Word, text: string): string {
  return name.slice(0, wd.start) + text + name.slice(wd.end);
}

// ---------------------------------------------------------------------------
// Variants of a listed name

interface Variant {
  subtype: string;
  name: string;
  schema?: string;
}

type VariantMaker = (e: ListEntity, rng: Rng) => Variant | null;

function naturalName(e: ListEntity): string {
  return titleCase([...e.given, ...e.surname].join(' '));
}

const typo: VariantMaker = (e, rng) => {
  const base = e.schema === 'Person' && e.given.length > 0 ? naturalName(e) : titleCase(e.name);
  const ws = words(base).filter((x) => /^\p{L}+$/u.test(x.text) && x.text.length >= 6);
  if (ws.length === 0) return null;
  const target = ws.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const t = target.text;
  const p = 1 + rng.int(t.length - 1);
  const ch = t[p]!.toLowerCase();
  const op = rng.pick(['sub', 'del', 'ins', 'swap'] as const);
  let out: string;
  if (op === 'sub' && KEYBOARD[ch]) out = t.slice(0, p) + caseLike(t[p]!, rng.pick([...KEYBOARD[ch]!])) + t.slice(p + 1);
  else if (op === 'ins') out = t.slice(0, p) + t[p] + t.slice(p);
  else if (op === 'swap' && p + 1 < t.length && t[p] !== t[p + 1]) out = t.slice(0, p) + t[p + 1] + t[p] + t.slice(p + 2);
  else out = t.slice(0, p) + t.slice(p + 1);
  if (out === t) return null;
  return { subtype: 'typo', name: replaceWord(base, target, out) };
};

const translit: VariantMaker = (e, rng) => {
  const base = e.schema === 'Person' && e.given.length > 0 ? naturalName(e) : titleCase(e.name);
  // Only distinctive words: romanisation systems do not respell "Limited" or "Corporation".
  const core = new Set(coreTokens(base));
  for (const target of rng.shuffle(words(base).filter((x) => /^\p{L}+$/u.test(x.text) && x.text.length >= 4 && core.has(x.fold)))) {
    const low = target.text.toLowerCase();
    for (const [re, rep] of rng.shuffle(TRANSLIT_RULES)) {
      const changed = low.replace(re, rep);
      if (changed !== low && changed.length >= 3) return { subtype: 'translit', name: replaceWord(base, target, caseLike(target.text, changed)) };
    }
  }
  return null;
};

const casePunct: VariantMaker = (e, rng) => {
  const n = e.name;
  const modes = rng.shuffle([
    () => n.toLowerCase().replace(/[.,;:"']/g, ''),
    () => titleCase(n).replace(/-/g, ' '),
    () => (n.includes('-') ? titleCase(n.replace(/-/g, '')) : null),
    () => n.toUpperCase().replace(/[.,;:]/g, ' ').replace(/\s+/g, ' ').trim(),
    () => (/[.]/.test(n) ? titleCase(n.replace(/\./g, '')) : null),
  ]);
  for (const m of modes) {
    const out = m();
    if (out && out !== n && out.trim() !== '') return { subtype: 'case_punct', name: out };
  }
  return null;
};

const tokenSwap: VariantMaker = (e) => {
  if (e.given.length === 0 || e.surname.length === 0) return null;
  // OFAC writes "SURNAME, Given": the swap is the natural order; UN writes given names first: the swap puts the surname first.
  const name = e.name.includes(',') ? naturalName(e) : titleCase([...e.surname, ...e.given].join(' '));
  return { subtype: 'token_swap', name };
};

const dropMiddle: VariantMaker = (e) => {
  if (e.given.length < 2 || e.surname.length === 0) return null;
  return { subtype: 'drop_middle', name: titleCase([e.given[0]!, ...e.surname].join(' ')) };
};

const initials: VariantMaker = (e, rng) => {
  if (e.given.length === 0 || e.surname.length === 0 || e.given[0]!.length < 2) return null;
  const given = e.given.map((g, i) => (i === 0 || rng.chance(0.5) ? `${g[0]!.toUpperCase()}.` : titleCase(g)));
  return { subtype: 'initials', name: [...given, titleCase(e.surname.join(' '))].join(' ') };
};

const ADD_FORMS: Record<string, string[]> = {
  cis: ['LLC', 'OOO', 'JSC'],
  latam: ['S.A.', 'Ltda.', 'S.A.S.'],
  de: ['GmbH'],
  cn: ['Co., Ltd.', 'Limited'],
  gulf: ['LLC', 'FZE', 'FZCO'],
  other: ['Ltd', 'LLC', 'Inc.', 'Co.', 'Limited'],
};
const LATAM = new Set(['mx', 'co', 've', 'pe', 'ar', 'es', 'cu', 'ni', 'pa', 'ec', 'bo', 'py', 'uy', 'cl', 'gt', 'hn', 'sv', 'do', 'cr']);

function formRegion(countries: string[]): keyof typeof ADD_FORMS {
  if (countries.some((c) => CIS.has(c))) return 'cis';
  if (countries.some((c) => LATAM.has(c))) return 'latam';
  if (countries.some((c) => c === 'de' || c === 'at' || c === 'ch')) return 'de';
  if (countries.some((c) => c === 'cn' || c === 'hk' || c === 'tw')) return 'cn';
  if (countries.some((c) => ['ae', 'om', 'qa', 'bh', 'kw', 'sa'].includes(c))) return 'gulf';
  return 'other';
}

const BUSINESS = /\b(trading|trade|company|compania|comercial\w*|industr\w*|shipping|import\w*|export\w*|invest\w*|inversiones|holding|group|bank|banco|tours?|hotel\w*|farms?|foods?|petro\w*|oil|gas|electr\w*|tech\w*|services?|servicios|logistic\w*|marine|airlines?|aviation|transport\w*|construc\w*|engineering|supply|supplies|distribu\w*|pharma\w*|medical|chemical\w*|textil\w*|motors?|exchange|finance|financial|capital|agro\w*|mining|minera|steel|metal\w*|cement|ventures?|enterprises?|store|shop|almacen|drogueria|inmobiliaria|constructora|auto\w*|fish\w*|market\w*|media|travel|cargo|lines|sea|ocean|global|international)\b/i;

const legalFormAdd: VariantMaker = (e, rng) => {
  if (findLegalForm(e.name)) return null;
  const business = BUSINESS.test(e.name) || e.names.some((n) => findLegalForm(n.value) !== null);
  if (!business || NOT_A_BUSINESS.test(e.name) || coreTokens(e.name).length === 0) return null;
  return { subtype: 'legal_form_add', name: `${titleCase(e.name)} ${rng.pick(ADD_FORMS[formRegion(e.countries)]!)}`, schema: 'Company' };
};

const legalFormRemove: VariantMaker = (e) => {
  const found = findLegalForm(e.name);
  return found ? { subtype: 'legal_form_remove', name: titleCase(found.base), schema: 'Company' } : null;
};

const legalFormChange: VariantMaker = (e, rng) => {
  const found = findLegalForm(e.name);
  if (!found) return null;
  const others = found.group.render.filter((r) => foldTokens(r).join(' ') !== found.key);
  if (others.length === 0) return null;
  const form = rng.pick(others);
  const name = form === 'OOO' || (found.at === 'start' && rng.chance(0.3)) ? `${form} ${titleCase(found.base)}` : `${titleCase(found.base)} ${form}`;
  return { subtype: 'legal_form_change', name, schema: 'Company' };
};

const scriptCyrillic: VariantMaker = (e) => {
  const cis = e.countries.some((c) => CIS.has(c));
  if (e.schema === 'Person') {
    if (e.given.length === 0 || e.surname.length === 0) return null;
    if (!cis && (!SLAVIC_SURNAME.test(foldTokens(e.surname.join(' ')).join('')) || e.countries.some((c) => LATAM.has(c) || c === 'pt' || c === 'br'))) return null;
    if (e.names.some((n) => isNonLatin(n.value))) return null;
    return { subtype: 'script_cyrillic', name: toCyrillic(naturalName(e)) };
  }
  if (e.schema !== 'Organization' || !cis) return null;
  const found = findLegalForm(e.name);
  // Only names that are transliterated words already ("OOO NEOBIT"); English descriptions would be translated, not respelt.
  const rest = found ? found.base : e.name;
  if (findLegalForm(rest) || foldTokens(rest).some((t) => STOPWORDS.has(t) || LEGAL_WORDS.has(t) || ENGLISH_WORDS.has(t))) return null;
  const base = toCyrillic(titleCase(found ? found.base : e.name));
  const prefix = found?.group.cyrillic;
  return { subtype: 'script_cyrillic', name: prefix ? `${prefix} «${base}»` : base, schema: prefix ? 'Company' : e.schema };
};

const scriptArabic: VariantMaker = (e) => {
  if (e.schema !== 'Person' || e.given.length === 0) return null;
  const ar = toArabicScript(naturalName(e));
  return ar ? { subtype: 'script_arabic', name: ar } : null;
};

const vesselPrefix: VariantMaker = (e, rng) => (e.schema === 'Vessel' ? { subtype: 'vessel_prefix', name: `${rng.pick(['MV', 'M/V', 'M.V.', 'MT', 'M/T'])} ${titleCase(e.name)}` } : null);

/** What to generate: maker, which schemata, how many pairs. */
const VARIANT_PLAN: Array<{ make: VariantMaker; schema: string; n: number; label: string }> = [
  { label: 'token_swap', make: tokenSwap, schema: 'Person', n: 150 },
  { label: 'drop_middle', make: dropMiddle, schema: 'Person', n: 150 },
  { label: 'initials', make: initials, schema: 'Person', n: 150 },
  { label: 'typo', make: typo, schema: 'Person', n: 130 },
  { label: 'typo', make: typo, schema: 'Organization', n: 100 },
  { label: 'typo', make: typo, schema: 'Vessel', n: 30 },
  { label: 'translit', make: translit, schema: 'Person', n: 110 },
  { label: 'translit', make: translit, schema: 'Organization', n: 40 },
  { label: 'case_punct', make: casePunct, schema: 'Person', n: 70 },
  { label: 'case_punct', make: casePunct, schema: 'Organization', n: 70 },
  { label: 'case_punct', make: casePunct, schema: 'Vessel', n: 20 },
  { label: 'legal_form_remove', make: legalFormRemove, schema: 'Organization', n: 80 },
  { label: 'legal_form_change', make: legalFormChange, schema: 'Organization', n: 110 },
  { label: 'legal_form_add', make: legalFormAdd, schema: 'Organization', n: 70 },
  { label: 'script_cyrillic', make: scriptCyrillic, schema: 'Person', n: 70 },
  { label: 'script_cyrillic', make: scriptCyrillic, schema: 'Organization', n: 30 },
  { label: 'script_arabic', make: scriptArabic, schema: 'Person', n: 80 },
  { label: 'vessel_prefix', make: vesselPrefix, schema: 'Vessel', n: 40 },
];

// ---------------------------------------------------------------------------
// Generated names that are not on the lists

const CULTURE_OF_COUNTRY: Array<[string, string[]]> = [
  ['russian', [...CIS]],
  ['persian', ['ir']],
  ['turkish', ['tr']],
  ['chinese', ['cn', 'hk', 'tw', 'sg']],
  ['korean', ['kp', 'kr']],
  ['hispanic', [...LATAM]],
  ['arabic', ['iq', 'sy', 'ye', 'lb', 'sa', 'ae', 'eg', 'ly', 'jo', 'ps', 'sd', 'so', 'kw', 'qa', 'bh', 'om', 'dz', 'ma', 'tn', 'af', 'pk', 'mr', 'ml']],
  ['west_african', ['ng', 'gh', 'cd', 'cf', 'ss', 'ci', 'sn', 'ne', 'bf', 'cm', 'lr', 'sl', 'gn', 'ug', 'ke', 'tz', 'zw', 'rw', 'bi']],
];

function cultureFor(countries: string[], rng: Rng): Culture {
  for (const [id, cs] of CULTURE_OF_COUNTRY) if (countries.some((c) => cs.includes(c))) return CULTURES[id]!;
  return CULTURES[rng.pick(['anglo', 'arabic', 'hispanic'])]!;
}

interface GeneratedName {
  name: string;
  subtype: string;
  /** The Latin spelling a non-Latin name was made from: it finds the list entity to pair with. */
  pairBy?: string;
}

function femaleSurname(s: string): string {
  return /(ov|ev|in)$/.test(s) ? `${s}a` : s;
}

function makePerson(cultureId: string, rng: Rng): GeneratedName | null {
  if (cultureId === 'chinese') {
    const [sc, sl] = rng.pick(CN_SURNAMES);
    const [gc, gl] = rng.pick(CN_GIVEN);
    if (rng.chance(0.35)) return { name: sc + gc, subtype: 'person_chinese_hanzi', pairBy: `${sl} ${gl.join('')}` };
    return { name: rng.chance(0.7) ? `${sl} ${gl.join('')}` : `${sl} ${gl.map((x) => titleCase(x)).join(' ')}`, subtype: 'person_chinese' };
  }
  const c = CULTURES[cultureId]!;
  const female = rng.chance(0.35);
  const first = rng.pick(female ? c.female : c.male);
  let last = rng.pick(c.last);
  const parts = [first];
  switch (cultureId) {
    case 'anglo':
      if (rng.chance(0.2)) parts.push(rng.pick([...c.male, ...c.female].filter((x) => x !== first)));
      parts.push(last);
      break;
    case 'hispanic':
      if (rng.chance(0.25)) parts.push(rng.pick((female ? c.female : c.male).filter((x) => x !== first)));
      parts.push(last);
      if (rng.chance(0.6)) parts.push(rng.pick(c.last.filter((x) => x !== last)));
      break;
    case 'arabic':
      if (rng.chance(0.4)) parts.push(rng.pick(c.male.filter((x) => x !== first)));
      if (rng.chance(0.25) && !last.startsWith('Al-')) last = `Al-${last}`;
      parts.push(last);
      break;
    case 'russian': {
      if (rng.chance(0.4)) {
        const father = rng.pick(c.male);
        const stem = father.replace(/[yi]$/, '').replace(/a$/, '');
        parts.push(stem + (female ? (/[aeiouy]$/.test(father) ? 'evna' : 'ovna') : /[aeiouy]$/.test(father) ? 'evich' : 'ovich'));
      }
      parts.push(female ? femaleSurname(last) : last);
      break;
    }
    case 'korean':
      return { name: rng.chance(0.5) ? `${last} ${first}` : `${first} ${last}`, subtype: 'person_korean' };
    default:
      if (cultureId === 'turkish' && rng.chance(0.2)) parts.push(rng.pick((female ? c.female : c.male).filter((x) => x !== first)));
      parts.push(last);
  }
  const name = parts.join(' ');
  if (cultureId === 'russian' && rng.chance(0.35)) return { name: toCyrillic(name), subtype: 'person_russian_cyrillic', pairBy: name };
  if ((cultureId === 'arabic' || cultureId === 'persian') && rng.chance(0.5)) {
    const ar = toArabicScript(name);
    if (ar) return { name: ar, subtype: `person_${cultureId}_script`, pairBy: name };
  }
  return { name, subtype: `person_${cultureId}` };
}

const CO_WORDS = {
  anglo: { a: w('Northern, Blue, Golden, Silver, Pacific, Atlantic, Summit, Pioneer, Crescent, Harbor, Eagle, Falcon, Redwood, Liberty, Sterling, Evergreen, Horizon, Meridian, Apex, Beacon, Keystone, Granite, Cobalt, Juniper'), b: w('Star, Ridge, Bay, River, Point, Bridge, Gate, Rock, Field, Line, Wave, Peak, Crest, Stone, Valley, Harbour'), g: w('Trading, Logistics, Holdings, Shipping, Capital, Industries, Consulting, Technologies, Resources, Foods, Energy, Partners, Supplies, Marine'), f: w('LLC, Ltd, Inc., Corp., Limited, Co.') },
  hispanic: { g: w('Inversiones, Comercializadora, Distribuidora, Constructora, Transportes, Agropecuaria, Importadora, Servicios, Inmobiliaria, Grupo, Exportadora, Minera'), a: w('Los Andes, del Pacífico, Santa Fe, El Roble, La Esperanza, San Miguel, del Valle, Monte Verde, Río Claro, Las Palmas, El Dorado, Santa Rosa, Buena Vista, La Montaña, Tres Ríos, San Isidro, El Mirador'), f: w('S.A., S.A. de C.V., Ltda., S.A.S., S.R.L.') },
  russian: { a: w('Vostok, Severstroy, Promtekh, Energomash, Sibtrans, Stroyinvest, Tekhnoservis, Agroprom, Baltlogistik, Volgaresurs, Transkom, Metallinvest, Uralkomplekt, Dalnevostochnaya Torgovaya, Yugstroy, Tsentrsnab, Avtodetal, Kamaprom'), f: w('LLC, OOO, JSC, AO') },
  arabic: { a: w('Noor, Amal, Hayat, Reem, Waha, Sahra, Fajr, Bader, Khaleej, Nakheel, Rawda, Safa, Marwa, Jazira, Shorouq, Yasmeen, Dana, Bustan'), g: w('General Trading, Contracting, Exchange, Real Estate, Foodstuff Trading, Transport, Electromechanical, Building Materials'), f: w('LLC, FZE, Est., Co. W.L.L., FZCO') },
  chinese: { city: w('Shenzhen, Guangzhou, Ningbo, Xiamen, Qingdao, Tianjin, Dalian, Hangzhou, Suzhou, Wuhan, Foshan, Dongguan'), a: w('Huaxin, Jinlong, Hengtai, Xinda, Tianyu, Dongfang, Ruixiang, Haixing, Zhongtai, Baoli, Hongda, Fuxing, Kaida, Yuanhang'), g: w('Electronics, Trading, Import and Export, Machinery, Chemical, Shipping, Technology, Textile, Logistics'), f: w('Co., Ltd., Limited, Co. Ltd') },
  turkish: { a: w('Anadolu, Marmara, Ege, Karadeniz, Toros, Başak, Yıldız, Kartal, Ada, Boğaziçi, Akdeniz, Kapadokya, Fırat, Uludağ'), g: w('İnşaat, Tekstil, Gıda, Lojistik, Dış Ticaret, Enerji, Madencilik, Otomotiv'), f: w('A.Ş., Ltd. Şti., San. ve Tic. A.Ş.') },
  persian: { a: w('Pars, Kish, Arvand, Sepahan, Alborz, Zagros, Caspian, Mehr, Behin, Navid, Kavir, Damavand, Golestan, Persepolis'), g: w('Sanat, Tejarat, Kala, Gostar, Sazeh, Petro, Tadbir, Andish, Sanaat'), f: w('Company, Co., PJSC, Ltd') },
};
const CN_CITY_CHARS: Record<string, string> = { Shenzhen: '深圳', Guangzhou: '广州', Ningbo: '宁波', Xiamen: '厦门', Qingdao: '青岛', Tianjin: '天津', Dalian: '大连', Hangzhou: '杭州', Suzhou: '苏州', Wuhan: '武汉', Foshan: '佛山', Dongguan: '东莞' };
const CN_BRAND_CHARS: Record<string, string> = { Huaxin: '华信', Jinlong: '金龙', Hengtai: '恒泰', Xinda: '信达', Tianyu: '天宇', Dongfang: '东方', Ruixiang: '瑞祥', Haixing: '海兴', Zhongtai: '中泰', Baoli: '宝利', Hongda: '宏达', Fuxing: '复兴', Kaida: '凯达', Yuanhang: '远航' };
const CN_TRADE_CHARS: Record<string, string> = { Electronics: '电子', Trading: '贸易', 'Import and Export': '进出口', Machinery: '机械', Chemical: '化工', Shipping: '船务', Technology: '科技', Textile: '纺织', Logistics: '物流' };

function makeCompany(cultureId: keyof typeof CO_WORDS, rng: Rng): GeneratedName {
  const subtype = `company_${cultureId}`;
  switch (cultureId) {
    case 'anglo': {
      const t = CO_WORDS.anglo;
      const g = rng.chance(0.8) ? ` ${rng.pick(t.g)}` : '';
      return { name: `${rng.pick(t.a)} ${rng.pick(t.b)}${g} ${rng.pick(t.f)}`, subtype };
    }
    case 'hispanic': {
      const t = CO_WORDS.hispanic;
      return { name: `${rng.pick(t.g)} ${rng.pick(t.a)} ${rng.pick(t.f)}`, subtype };
    }
    case 'russian': {
      const t = CO_WORDS.russian;
      const a = rng.pick(t.a);
      const f = rng.pick(t.f);
      if (rng.chance(0.35)) return { name: `${f === 'AO' || f === 'JSC' ? 'АО' : 'ООО'} «${toCyrillic(a)}»`, subtype: 'company_russian_cyrillic', pairBy: a };
      return { name: f === 'OOO' || f === 'AO' ? `${f} ${a}` : `${a} ${f}`, subtype };
    }
    case 'arabic': {
      const t = CO_WORDS.arabic;
      return { name: `Al ${rng.pick(t.a)} ${rng.pick(t.g)} ${rng.pick(t.f)}`, subtype };
    }
    case 'chinese': {
      const t = CO_WORDS.chinese;
      const city = rng.pick(t.city);
      const a = rng.pick(t.a);
      const g = rng.pick(t.g);
      if (rng.chance(0.3)) return { name: `${CN_CITY_CHARS[city]}${CN_BRAND_CHARS[a]}${CN_TRADE_CHARS[g]}有限公司`, subtype: 'company_chinese_hanzi', pairBy: `${city} ${a} ${g}` };
      return { name: `${city} ${a} ${g} ${rng.pick(t.f)}`, subtype };
    }
    case 'turkish': {
      const t = CO_WORDS.turkish;
      return { name: `${rng.pick(t.a)} ${rng.pick(t.g)} ${rng.pick(t.f)}`, subtype };
    }
    case 'persian': {
      const t = CO_WORDS.persian;
      return { name: `${rng.pick(t.a)} ${rng.pick(t.g)} ${rng.pick(t.f)}`, subtype };
    }
  }
}

const VESSEL_WORDS = w('Ocean, Sea, Star, Pearl, Glory, Fortune, Grace, Harmony, Spirit, Queen, Princess, Dragon, Phoenix, Lucky, Golden, Blue, Jade, Coral, Dawn, Sunrise, Victory, Horizon, Eagle, Orient, Diamond, Breeze, Mercury, Aurora');

function makeVessel(rng: Rng): GeneratedName {
  const a = rng.pick(VESSEL_WORDS);
  const b = rng.pick(VESSEL_WORDS.filter((x) => x !== a));
  return { name: rng.chance(0.25) ? `${a} ${b} ${1 + rng.int(9)}` : `${a} ${b}`, subtype: 'vessel' };
}

/** Distinctive words for "same legal form, another word" (brand-like, several languages). */
const REPLACEMENT_WORDS = w(
  'Zenith, Orion, Vertex, Solaris, Nimbus, Kestrel, Argent, Boreal, Cascade, Dorado, Equinox, Fjord, Gemini, Halcyon, Indigo, Jasper, Kinetic, Lumen, Mistral, Nova, Onyx, Prism, Quartz, Radiant, Sequoia, Tundra, Umbra, Vanguard, Willow, Xenon, Yukon, Zephyr, Altamira, Bellavista, Cordillera, Esmeralda, Girasol, Mirador, Palmeira, Tamarind, Vostochnaya, Zarya, Rassvet, Sever, Almaz, Yantar, Baikal, Neman, Jasmin, Lotus, Zaitoun, Nakhla, Sidra, Ghaith, Anqa, Huaxia, Longteng, Jinqiao, Tianhe, Yildiz, Ceylan, Pirlanta, Firuze, Arya, Sepid, Tavana, Kooshk',
);

// ---------------------------------------------------------------------------
// Building the set

const ALIAS_CAPS: Record<string, number> = {
  'ofac_sdn:spelling': 500,
  'ofac_sdn:subset': 250,
  'ofac_sdn:partial': 200,
  'ofac_sdn:script': 100,
  'un_sc:spelling': 200,
  'un_sc:subset': 100,
  'un_sc:partial': 80,
  'un_sc:script': 350,
  'un_sc:script_partial': 60,
  'ofac_sdn:unrelated': 300,
  'un_sc:unrelated': 150,
  'ofac_sdn:weak': 200,
  'un_sc:weak': 200,
};
const ALIASES_PER_ENTITY = 2;
const PERSON_NEGATIVES: Record<string, number> = { anglo: 90, hispanic: 100, arabic: 100, russian: 90, chinese: 70, persian: 80, turkish: 70, korean: 60, west_african: 60 };
const COMPANY_NEGATIVES: Record<keyof typeof CO_WORDS, number> = { anglo: 50, hispanic: 50, russian: 40, arabic: 40, chinese: 50, turkish: 30, persian: 40 };
const VESSEL_NEGATIVES = 60;
const HARD = { same_surname: 300, same_first_birth_year: 250, same_legal_form: 250, different_number: 150, person_vs_org: 150 };

function querySchema(e: ListEntity, rng: Rng): string {
  if (e.schema === 'Vessel') return 'Vessel';
  if (rng.chance(0.1)) return 'LegalEntity';
  if (e.schema === 'Organization' && findLegalForm(e.name)) return 'Company';
  return e.schema;
}

/** Token postings over every name of every listed entity, by schema, to pair a generated name with the entity that shares its rarest tokens. */
class Pairing {
  private readonly postings = new Map<string, number[]>();
  private readonly df = new Map<string, number>();
  constructor(private readonly entities: ListEntity[]) {
    entities.forEach((e, i) => {
      const ts = new Set(e.names.flatMap((n) => coreTokens(n.value)));
      for (const t of ts) {
        const key = `${e.schema}\u0000${t}`;
        const list = this.postings.get(key);
        if (list) list.push(i);
        else this.postings.set(key, [i]);
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
      }
    });
  }

  /** The entity of this schema sharing the most weight of tokens with the name and not too close to it; null if none shares a token. */
  best(name: string, schema: string, alsoUnlike: string[] = []): { entity: ListEntity; shared: string[] } | null {
    const n = this.entities.length;
    const score = new Map<number, number>();
    const shared = new Map<number, string[]>();
    for (const t of new Set(coreTokens(name))) {
      const list = this.postings.get(`${schema}\u0000${t}`);
      if (!list) continue;
      const weight = Math.log((n + 1) / (this.df.get(t)! + 0.5));
      for (const i of list) {
        score.set(i, (score.get(i) ?? 0) + weight);
        (shared.get(i) ?? shared.set(i, []).get(i)!).push(t);
      }
    }
    const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [i] of ranked.slice(0, 12)) {
      const e = this.entities[i]!;
      if ([name, ...alsoUnlike].some((x) => tooClose(x, allNames(e)))) continue;
      return { entity: e, shared: shared.get(i)! };
    }
    return null;
  }
}

class PairSink {
  readonly pairs: LabelledPair[] = [];
  private readonly ids = new Map<string, number>();
  add(p: Omit<LabelledPair, 'id'>): void {
    const base = `${p.kind}:${p.subtype}:${p.entityId}`;
    const n = (this.ids.get(base) ?? 0) + 1;
    this.ids.set(base, n);
    this.pairs.push({ id: n === 1 ? base : `${base}:${n}`, ...p });
  }
}

/** The labelled set from already loaded list entities (pure and deterministic). */
export function buildScreeningSetFrom(entities: ListEntity[], sources: ListSource[], opts: ScreeningSetOptions = {}): ScreeningSet {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  const target = (n: number): number => Math.max(1, Math.round(n * scale));
  const sink = new PairSink();
  const excluded: Record<string, number> = {};
  const bump = (k: string, by = 1): void => {
    excluded[k] = (excluded[k] ?? 0) + by;
  };

  const listedKeys = new Set<string>();
  const listedCoreKeys = new Set<string>();
  for (const e of entities) {
    for (const n of e.names) {
      listedKeys.add(nameKey(n.value));
      listedCoreKeys.add([...coreTokens(n.value)].sort().join(' '));
    }
  }
  const isListedName = (name: string): boolean => listedKeys.has(nameKey(name)) || listedCoreKeys.has([...coreTokens(name)].sort().join(' '));

  // Aliases ------------------------------------------------------------------
  {
    const rng = new Rng(seed, 'alias');
    const df = new Map<string, number>();
    for (const e of entities) for (const t of new Set(e.names.flatMap((n) => coreTokens(n.value)))) df.set(t, (df.get(t) ?? 0) + 1);
    const common = Math.max(20, entities.length * 0.003);
    const isCommon = (t: string): boolean => (df.get(t) ?? 0) >= common;
    const buckets = new Map<string, Array<{ e: ListEntity; alias: string; prop: string }>>();
    for (const e of entities) {
      // Some UN aliases hold several names joined by "; " (the reader keeps them whole): each is an alias of its own here.
      const aliases = e.names.slice(1).flatMap((n, i) => n.value.split(/\s*;\s*/).filter(Boolean).map((value) => ({ prop: n.prop, value, first: i === 0 })));
      for (const n of aliases) {
        if (nameKey(n.value) === nameKey(e.name)) continue;
        // The UN reader adds NAME_ORIGINAL_SCRIPT as the first alias: a person's name in its own script. (An
        // organisation's original-script name is often a translation, "الجهاد الاسلامي المصري" for
        // "EGYPTIAN ISLAMIC JIHAD", and is classified by its tokens like any other alias.)
        const original = e.dataset === 'un_sc' && e.schema === 'Person' && n.first && n.prop === 'alias';
        let relation: string = aliasRelation(e.name, n.value, isCommon, original);
        if (n.prop === 'weakAlias') relation = 'weak';
        if (relation === 'unrelated' && !opts.unrelatedAliases) {
          bump(`alias_unrelated:${e.dataset}`);
          continue;
        }
        if (relation === 'weak' && !opts.weakAliases) {
          bump(`alias_weak:${e.dataset}`);
          continue;
        }
        const key = `${e.dataset}:${relation}`;
        (buckets.get(key) ?? buckets.set(key, []).get(key)!).push({ e, alias: n.value, prop: n.prop });
      }
    }
    // Headline relations take their pick of an entity's aliases first, the optional ones (unrelated, weak) last,
    // so that putting the optional ones in does not change the rest of the set.
    const rank = (key: string): number => {
      const relation = key.split(':')[1]!;
      return HEADLINE_ALIAS_RELATIONS.has(relation) ? 0 : relation === 'unrelated' || relation === 'weak' ? 2 : 1;
    };
    const keys = [...buckets.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const perEntity = new Map<string, number>();
    for (const key of keys) {
      const items = buckets.get(key)!;
      const cap = target(ALIAS_CAPS[key] ?? 100);
      let taken = 0;
      for (const it of rng.shuffle(items)) {
        if (taken >= cap) break;
        const used = perEntity.get(it.e.id) ?? 0;
        if (used >= ALIASES_PER_ENTITY) continue;
        perEntity.set(it.e.id, used + 1);
        taken++;
        sink.add({
          kind: 'alias',
          subtype: key.split(':')[1]!,
          query: { schema: querySchema(it.e, rng), names: [it.alias] },
          candidate: listSubject(it.e, [it.e.name]),
          label: true,
          entityId: it.e.id,
          note: `${it.prop} of ${it.e.dataset}`,
          headline: HEADLINE_ALIAS_RELATIONS.has(key.split(':')[1]!),
        });
      }
      bump(`alias_over_cap:${key}`, items.length - taken);
    }
  }

  // Variants -----------------------------------------------------------------
  {
    for (const plan of VARIANT_PLAN) {
      const rng = new Rng(seed, `variant:${plan.label}:${plan.schema}`);
      let made = 0;
      const goal = target(plan.n);
      for (const e of rng.shuffle(entities.filter((x) => x.schema === plan.schema))) {
        if (made >= goal) break;
        const v = plan.make(e, rng);
        if (!v || v.name.trim() === '' || v.name === e.name) continue;
        const query: Subject = { schema: v.schema ?? querySchema(e, rng), names: [v.name] };
        if (e.schema === 'Person' && e.birthDates.length > 0 && rng.chance(0.3)) query.birthDates = [e.birthDates[0]!];
        sink.add({ kind: 'variant', subtype: v.subtype, query, candidate: listSubject(e, allNames(e)), label: true, entityId: e.id, note: `from "${e.name}"`, headline: true });
        made++;
      }
      if (made < goal) bump(`variant_short:${plan.label}:${plan.schema}`, goal - made);
    }
  }

  const pairing = new Pairing(entities);

  // Negatives ----------------------------------------------------------------
  {
    const addNegative = (gen: () => GeneratedName | null, schema: string, querySchemaName: () => string, goal: number, culture: string, rng: Rng): void => {
      const home = new Set(CULTURE_OF_COUNTRY.find(([id]) => id === culture)?.[1] ?? ['us', 'gb']);
      const local = entities.filter((e) => e.schema === schema && e.countries.some((c) => home.has(c)));
      let made = 0;
      for (let attempt = 0; made < goal && attempt < goal * 40; attempt++) {
        const g = gen();
        if (!g || isListedName(g.name) || (g.pairBy !== undefined && isListedName(g.pairBy))) continue;
        const alsoUnlike = g.pairBy !== undefined ? [g.name] : [];
        let hit = pairing.best(g.pairBy ?? g.name, schema, alsoUnlike);
        // Nothing on the list shares a token: pair with an entity of the same country instead.
        for (let k = 0; !hit && k < 10 && local.length > 0; k++) {
          const e = rng.pick(local);
          if (![g.name, ...(g.pairBy !== undefined ? [g.pairBy] : [])].some((x) => tooClose(x, allNames(e)))) hit = { entity: e, shared: [] };
        }
        if (!hit) continue;
        sink.add({
          kind: 'negative',
          subtype: g.subtype,
          query: { schema: querySchemaName(), names: [g.name] },
          candidate: listSubject(hit.entity, allNames(hit.entity)),
          label: false,
          entityId: hit.entity.id,
          note: hit.shared.length > 0 ? `shares ${hit.shared.join(', ')}` : 'shares no token; same country',
          headline: true,
        });
        made++;
      }
      if (made < goal) bump(`negative_short:${schema}:${culture}`, goal - made);
    };
    for (const [culture, n] of Object.entries(PERSON_NEGATIVES)) {
      const rng = new Rng(seed, `negative:person:${culture}`);
      addNegative(() => makePerson(culture, rng), 'Person', () => (rng.chance(0.1) ? 'LegalEntity' : 'Person'), target(n), culture, rng);
    }
    for (const [culture, n] of Object.entries(COMPANY_NEGATIVES)) {
      const rng = new Rng(seed, `negative:company:${culture}`);
      addNegative(() => makeCompany(culture as keyof typeof CO_WORDS, rng), 'Organization', () => (rng.chance(0.15) ? 'Organization' : 'Company'), target(n), culture, rng);
    }
    {
      const rng = new Rng(seed, 'negative:vessel');
      addNegative(() => makeVessel(rng), 'Vessel', () => 'Vessel', target(VESSEL_NEGATIVES), 'anglo', rng);
    }
  }

  // Hard negatives -----------------------------------------------------------
  {
    const people = entities.filter((e) => e.schema === 'Person' && e.given.length > 0 && e.surname.length > 0);
    const hard = (subtype: string, e: ListEntity, query: Subject, note: string, checkClose = true): boolean => {
      const name = query.names[0]!;
      if (isListedName(name)) return false;
      if (checkClose && tooClose(name, allNames(e))) return false;
      sink.add({ kind: 'hard_negative', subtype, query, candidate: listSubject(e, allNames(e)), label: false, entityId: e.id, note, headline: true });
      return true;
    };
    const unlike = (word: string, others: string[]): boolean => {
      const f = foldTokens(word).join('');
      return others.flatMap((o) => foldTokens(o)).every((o) => !similarTokens(f, o));
    };

    // Same surname, another first name.
    {
      const rng = new Rng(seed, 'hard:same_surname');
      let made = 0;
      for (const e of rng.shuffle(people)) {
        if (made >= target(HARD.same_surname)) break;
        if (coreTokens(e.surname.join(' ')).length === 0) continue;
        const c = cultureFor(e.countries, rng);
        const female = e.genders.includes('female') || (!e.genders.includes('male') && rng.chance(0.2));
        const pool = (female ? c.female : c.male).filter((g) => unlike(g, e.given));
        if (pool.length === 0) continue;
        const given = rng.pick(pool);
        if (hard('same_surname', e, { schema: 'Person', names: [titleCase(`${given} ${e.surname.join(' ')}`)] }, `surname of "${e.name}"`)) made++;
      }
      if (made < target(HARD.same_surname)) bump('hard_short:same_surname', target(HARD.same_surname) - made);
    }

    // Same first name and birth year, another surname.
    {
      const rng = new Rng(seed, 'hard:same_first_birth_year');
      let made = 0;
      for (const e of rng.shuffle(people.filter((p) => p.birthDates.length > 0))) {
        if (made >= target(HARD.same_first_birth_year)) break;
        const first = e.given[0]!;
        if (coreTokens(first).length === 0) continue;
        const c = cultureFor(e.countries, rng);
        const pool = c.last.filter((s) => unlike(s, [...e.surname, ...e.given]));
        if (pool.length === 0) continue;
        const last = rng.pick(pool);
        const year = e.birthDates[0]!.slice(0, 4);
        const query: Subject = { schema: 'Person', names: [titleCase(`${first} ${last}`)], birthDates: [year] };
        if (hard('same_first_birth_year', e, query, `first name and birth year of "${e.name}"`)) made++;
      }
      if (made < target(HARD.same_first_birth_year)) bump('hard_short:same_first_birth_year', target(HARD.same_first_birth_year) - made);
    }

    // Same legal form, another distinctive word.
    {
      const rng = new Rng(seed, 'hard:same_legal_form');
      let made = 0;
      for (const e of rng.shuffle(entities.filter((x) => x.schema === 'Organization'))) {
        if (made >= target(HARD.same_legal_form)) break;
        const found = findLegalForm(e.name);
        if (!found) continue;
        // "Acme Trading LLC" / "Zenith Trading LLC": the replaced word must be the, or one of two, distinctive words.
        const core = new Set(coreTokens(found.base));
        if (core.size > 2) continue;
        const candidates = words(e.name).filter((x) => core.has(x.fold) && /^\p{L}+$/u.test(x.text));
        if (candidates.length === 0) continue;
        const target_ = candidates.reduce((a, b) => (b.text.length > a.text.length ? b : a));
        const pool = REPLACEMENT_WORDS.filter((r) => unlike(r, allNames(e)));
        const name = titleCase(replaceWord(e.name, target_, rng.pick(pool)));
        if (hard('same_legal_form', e, { schema: 'Company', names: [name] }, `legal form ${found.group.id} of "${e.name}"`)) made++;
      }
      if (made < target(HARD.same_legal_form)) bump('hard_short:same_legal_form', target(HARD.same_legal_form) - made);
    }

    // Another number.
    {
      const rng = new Rng(seed, 'hard:different_number');
      let made = 0;
      for (const e of rng.shuffle(entities)) {
        if (made >= target(HARD.different_number)) break;
        const named = e.names.find((n) => /\d/.test(n.value) && !isNonLatin(n.value));
        if (!named) continue;
        const runs = [...named.value.matchAll(/\d+/g)];
        const last = runs[runs.length - 1]!;
        const digits = last[0];
        const n = Number(digits);
        let other = n + 1 + rng.int(9);
        if (digits.length > 1 && rng.chance(0.5)) other = Number(digits.slice(0, -1) + String((Number(digits.slice(-1)) + 1 + rng.int(8)) % 10));
        const text = String(other).padStart(digits.length, '0');
        if (text === digits) continue;
        const name = titleCase(named.value.slice(0, last.index!) + text + named.value.slice(last.index! + digits.length));
        const query: Subject = { schema: e.schema === 'Organization' ? 'Organization' : e.schema, names: [name] };
        if (hard('different_number', e, query, `number ${digits} → ${text} in "${named.value}"`)) made++;
      }
      if (made < target(HARD.different_number)) bump('hard_short:different_number', target(HARD.different_number) - made);
    }

    // A company named with a listed person's name.
    {
      const rng = new Rng(seed, 'hard:person_vs_org');
      let made = 0;
      for (const e of rng.shuffle(people)) {
        if (made >= target(HARD.person_vs_org)) break;
        const word = rng.chance(0.5) ? e.given[0]! : e.surname[e.surname.length - 1]!;
        if (coreTokens(word).length === 0 || word.length < 3) continue;
        const schema = rng.chance(0.5) ? 'LegalEntity' : 'Company';
        const name = `${titleCase(word)} ${rng.pick(['LLC', 'Ltd', 'Inc.', 'GmbH', 'Limited', 'Trading LLC', 'Holdings Ltd'])}`;
        if (hard('person_vs_org', e, { schema, names: [name] }, `${schema} named after "${e.name}"`, false)) made++;
      }
      if (made < target(HARD.person_vs_org)) bump('hard_short:person_vs_org', target(HARD.person_vs_org) - made);
    }
  }

  let pairs = sink.pairs;
  if (opts.limit !== undefined && opts.limit < pairs.length) {
    const rng = new Rng(seed, 'limit');
    const keep = new Set(rng.shuffle(pairs.map((_, i) => i)).slice(0, Math.max(0, opts.limit)));
    bump('limit', pairs.length - keep.size);
    pairs = pairs.filter((_, i) => keep.has(i));
  }
  return { seed, sources, pairs, excluded };
}

/** Read the lists and build the labelled set. */
export async function buildScreeningSet(opts: ScreeningSetOptions = {}): Promise<ScreeningSet> {
  const { sources, entities } = await loadListEntities(opts.listsDir ?? DEFAULT_LISTS_DIR, { fresh: opts.fresh ?? false });
  return buildScreeningSetFrom(entities, sources, opts);
}
