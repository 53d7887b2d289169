/**
 * People, companies and addresses for the simulated world, with the variety of
 * real registries: names in their cultures and scripts, written in Latin as the
 * registry of the person's country writes them, and re-spelt the way other
 * registries, banks and sanctions lists spell the same name (ICAO, BGN/PCGN,
 * German and French transliterations of Russian; Gulf, scholarly and
 * francophone spellings of Arabic; pinyin, Wade–Giles and Cantonese; …).
 *
 * Name pools are ordered by frequency and drawn with Zipf–Mandelbrot weights
 * (weight ∝ 1/(rank + q)): a few surnames are very common and collide between
 * different people, as Smirnov, Wang, Kim, Yılmaz and Müller do in reality,
 * while synthetic surnames (stem + suffix, as real surnames are built) give the
 * long tail. Frequency orders follow national statistics where known (Rosstat
 * studies of Russian surnames, Turkish MERNIS top lists, China's 2020 census
 * surname list, Statistics Korea, Destatis/Duden, INSEE, INE, ISTAT, CBS).
 *
 * Every choice comes from the Random passed in: same seed, same world.
 */
import countries from 'i18n-iso-countries';
import { foldName } from '../model/normalize/names.ts';
import { Random } from './random.ts';
import { WeightedPicker } from './picker.ts';

export type Gender = 'male' | 'female';

export type CultureCode =
  | 'russian'
  | 'ukrainian'
  | 'belarusian'
  | 'kazakh'
  | 'arabic_gulf'
  | 'arabic_levant'
  | 'persian'
  | 'turkish'
  | 'chinese'
  | 'korean'
  | 'indian'
  | 'georgian'
  | 'armenian'
  | 'greek'
  | 'german'
  | 'english'
  | 'french'
  | 'spanish'
  | 'italian'
  | 'dutch'
  | 'polish';

export type NameRole = 'given' | 'middle' | 'patronymic' | 'father' | 'grandfather' | 'family';

/** One word group of a name: its native spelling and its Latin forms, one per spelling system of the culture. */
export interface NameToken {
  role: NameRole;
  native?: string;
  /** forms[i] is the token in the culture's spelling system i; forms[0] is the culture's default. */
  forms: string[];
}

export interface Person {
  /** Stable key: folded Latin name and birth date. */
  key: string;
  culture: CultureCode;
  gender: Gender;
  firstName: string;
  middleName?: string;
  /** Slavic patronymic (Sergeyevich), in the registry's spelling. */
  patronymic?: string;
  /** Father's name where it is part of the name (Arabic, Persian documents). */
  fatherName?: string;
  lastName: string;
  /** The name in Latin as a registry in the person's country writes it. */
  name: string;
  /** The name in its native script, in the order documents of that country use. */
  nativeName?: string;
  birthDate: string;
  nationality: string;
  aliases?: string[];
  /** The name's parts, for transliterationVariants. */
  tokens: NameToken[];
  /** Which spelling system gives `name` (an index into the culture's systems). */
  system: number;
}

// ---------------------------------------------------------------- weighted pools

/** Zipf–Mandelbrot weights for a list in frequency order: 1/(rank + q). Larger q flattens the head. */
/** Draws from a list in frequency order with Zipf–Mandelbrot weights 1/(rank + q). Larger q flattens the head. */
class Pool<T> extends WeightedPicker<T> {
  constructor(items: readonly T[], q = 2) {
    super(items, (_, rank) => 1 / (rank + 1 + q));
  }
  draw(r: Random): T {
    return this.pick(r);
  }
}

function capitalize(word: string): string {
  return word.replace(/(^|[-\s'])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

// ---------------------------------------------------------------- Cyrillic

/**
 * Romanisation systems for Russian, Ukrainian, Belarusian and Kazakh names, as
 * they meet in the same compliance file: ICAO Doc 9303 (Russian passports
 * since 2013), BGN/PCGN (US and UK governments, hence sanctions lists), the
 * "conventional" English press spelling, the Russian MVD passport system of
 * 1997–2010 and its 2010–2013 successor (ц → tc), German (Duden) and French
 * transcriptions, the scholarly (ISO 9-like) system, and a loose spelling of
 * data entry (h for х, tz for ц). Ukrainian adds the national system of 2010
 * (Cabinet resolution 55), used in Ukrainian passports, and BGN/PCGN's Ukrainian
 * table (Serhiy, Yuriyovych); Belarusian the national system of 2000
 * (Aliaksandr, Siarhei, Lukashenka).
 */
export type CyrillicSystem =
  | 'icao'
  | 'bgn'
  | 'conventional'
  | 'mvd1997'
  | 'mvd2010'
  | 'german'
  | 'french'
  | 'scholarly'
  | 'loose'
  | 'ua2010'
  | 'uabgn'
  | 'by2000';

const CYR_VOWELS = new Set('аеёиоуыэюяіїєәөұүі');

interface CyrTable {
  base: Record<string, string>;
  /** At the start of a word or after a vowel, ь or ъ. */
  soft?: Record<string, string>;
  /** Word endings (Cyrillic) with their rendering, tried longest first. */
  endings?: Array<[string, string]>;
  /** A letter between two vowels (German and French write ss for с). */
  between?: Record<string, string>;
  /** After these letters (ж ш ч щ), ё is written o. */
  afterHushing?: Record<string, string>;
}

const CYR_COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
  // Kazakh letters (as Kazakh passports write them).
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

const CYR_TABLES: Record<CyrillicSystem, CyrTable> = {
  icao: { base: { ...CYR_COMMON, й: 'i', ъ: 'ie', ю: 'iu', я: 'ia', ї: 'i', є: 'ie' } },
  bgn: {
    base: { ...CYR_COMMON, ё: 'ë' },
    soft: { е: 'ye', ё: 'yë' },
    endings: [['ий', 'iy'], ['ый', 'yy']],
  },
  conventional: {
    base: { ...CYR_COMMON, ё: 'yo' },
    soft: { е: 'ye' },
    endings: [['ий', 'y'], ['ый', 'y'], ['ья', 'ya']],
    afterHushing: { ё: 'o' },
  },
  mvd1997: { base: { ...CYR_COMMON }, endings: [['ий', 'iy']] },
  mvd2010: { base: { ...CYR_COMMON, й: 'i', ц: 'tc', ю: 'iu', я: 'ia' } },
  german: {
    base: {
      ...CYR_COMMON, в: 'w', ж: 'sch', з: 's', й: 'i', х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ю: 'ju', я: 'ja',
      ё: 'jo', є: 'je', ї: 'ji', ы: 'y',
    },
    soft: { е: 'je', й: 'j' },
    endings: [['ий', 'i'], ['ый', 'y'], ['ой', 'oi']],
    between: { с: 'ss' },
    afterHushing: { ё: 'o' },
  },
  french: {
    base: {
      ...CYR_COMMON, ж: 'j', й: 'ï', у: 'ou', х: 'kh', ц: 'ts', ч: 'tch', ш: 'ch', щ: 'chtch', ю: 'iou', я: 'ia', ё: 'io',
      є: 'ie', ї: 'ï', ы: 'y',
    },
    endings: [['ий', 'i'], ['ый', 'y'], ['ин', 'ine'], ['ая', 'aïa']],
    between: { с: 'ss' },
    afterHushing: { ё: 'e' },
  },
  scholarly: {
    base: { ...CYR_COMMON, ж: 'ž', й: 'j', х: 'ch', ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ю: 'ju', я: 'ja', ё: 'ë', э: 'è', є: 'je', ї: 'ji' },
  },
  loose: { base: { ...CYR_COMMON, х: 'h', ц: 'tz', щ: 'sch', ё: 'io' }, endings: [['ий', 'i']] },
  ua2010: {
    base: { ...CYR_COMMON, г: 'h', и: 'y', й: 'i', ю: 'iu', я: 'ia', є: 'ie', ї: 'i' },
    soft: { й: 'y', ю: 'yu', я: 'ya', є: 'ye', ї: 'yi' },
  },
  uabgn: { base: { ...CYR_COMMON, г: 'h', и: 'y' }, endings: [['ій', 'iy']] },
  by2000: {
    base: { ...CYR_COMMON, г: 'h', й: 'i', ё: 'io', ю: 'iu', я: 'ia', ў: 'u' },
    soft: { е: 'ye', ё: 'yo', ю: 'yu', я: 'ya' },
    endings: [['ый', 'y'], ['ій', 'i']],
  },
};

/** One Cyrillic letter in a system, given its neighbours (word start, after a vowel, between vowels, after ж ш ч щ). */
function cyrLetter(table: CyrTable, ch: string, prev: string | undefined, next: string | undefined): string {
  const atStart = prev === undefined;
  const afterVowel = prev !== undefined && (CYR_VOWELS.has(prev) || prev === 'ь' || prev === 'ъ');
  if (table.afterHushing && prev && 'жшчщ'.includes(prev) && table.afterHushing[ch] !== undefined) return table.afterHushing[ch]!;
  if (table.soft && (atStart || afterVowel) && table.soft[ch] !== undefined) {
    // ua2010 writes the iotated letters with y only at the start of a word.
    if (table === CYR_TABLES.ua2010 && !atStart) return table.base[ch] ?? ch;
    return table.soft[ch]!;
  }
  if (table.between && prev && next && CYR_VOWELS.has(prev) && CYR_VOWELS.has(next) && table.between[ch] !== undefined) {
    return table.between[ch]!;
  }
  // French writes г as gu before e, i, y to keep it hard (Евгений → Evgueni).
  if (table === CYR_TABLES.french && ch === 'г' && next && 'еиыэі'.includes(next)) return 'gu';
  return table.base[ch] ?? ch;
}

function romanizeCyrWord(word: string, system: CyrillicSystem): string {
  const table = CYR_TABLES[system];
  // Belarusian passports write a doubled цц once (Таццяна → Tatsiana).
  const lower = system === 'by2000' ? word.toLowerCase().replace(/цц/g, 'ц') : word.toLowerCase();
  let stem = lower;
  let tail = '';
  for (const [ending, latin] of table.endings ?? []) {
    if (lower.length > ending.length + 1 && lower.endsWith(ending)) {
      stem = lower.slice(0, -ending.length);
      tail = latin;
      break;
    }
  }
  let out = '';
  for (let i = 0; i < stem.length; i++) {
    const ch = stem[i]!;
    if (ch === '-' || ch === "'") {
      out += ch === '-' ? '-' : '';
      continue;
    }
    out += cyrLetter(table, ch, i === 0 || stem[i - 1] === '-' ? undefined : stem[i - 1], stem[i + 1] ?? tail[0]);
  }
  return capitalize(out + tail);
}

/** A Cyrillic name (one or more words) in a romanisation system. */
export function romanizeCyrillic(text: string, system: CyrillicSystem): string {
  // A pure function of a small vocabulary, called for every system of every Slavic name of the world: remembered.
  let bySystem = ROMANIZED.get(system);
  if (!bySystem) {
    bySystem = new Map();
    ROMANIZED.set(system, bySystem);
  }
  let latin = bySystem.get(text);
  if (latin === undefined) {
    latin = text
      .split(/(\s+)/)
      .map((part) => (/\s/.test(part) || part === '' ? part : romanizeCyrWord(part, system)))
      .join('');
    if (bySystem.size >= 50_000) bySystem.clear();
    bySystem.set(text, latin);
  }
  return latin;
}

const ROMANIZED = new Map<CyrillicSystem, Map<string, string>>();

// ---------------------------------------------------------------- Georgian

/**
 * Georgian: the national system of 2002 (passports; ejectives unmarked), the
 * same with apostrophes for ejectives (k', ts'), the Russian-mediated spellings
 * of Soviet documents (ჯ → dzh, ღ → g: Dzhugashvili), German (Dschugaschwili)
 * and French (Djougachvili).
 */
const GEORGIAN: Record<string, [string, string, string, string, string]> = {
  // letter: national, apostrophe, russian, german, french
  ა: ['a', 'a', 'a', 'a', 'a'], ბ: ['b', 'b', 'b', 'b', 'b'], გ: ['g', 'g', 'g', 'g', 'g'], დ: ['d', 'd', 'd', 'd', 'd'],
  ე: ['e', 'e', 'e', 'e', 'e'], ვ: ['v', 'v', 'v', 'w', 'v'], ზ: ['z', 'z', 'z', 's', 'z'], თ: ['t', 't', 't', 't', 't'],
  ი: ['i', 'i', 'i', 'i', 'i'], კ: ['k', "k'", 'k', 'k', 'k'], ლ: ['l', 'l', 'l', 'l', 'l'], მ: ['m', 'm', 'm', 'm', 'm'],
  ნ: ['n', 'n', 'n', 'n', 'n'], ო: ['o', 'o', 'o', 'o', 'o'], პ: ['p', "p'", 'p', 'p', 'p'], ჟ: ['zh', 'zh', 'zh', 'sch', 'j'],
  რ: ['r', 'r', 'r', 'r', 'r'], ს: ['s', 's', 's', 's', 's'], ტ: ['t', "t'", 't', 't', 't'], უ: ['u', 'u', 'u', 'u', 'ou'],
  ფ: ['p', 'p', 'p', 'p', 'p'], ქ: ['k', 'k', 'k', 'k', 'k'], ღ: ['gh', 'gh', 'g', 'g', 'gh'], ყ: ['q', "q'", 'k', 'k', 'q'],
  შ: ['sh', 'sh', 'sh', 'sch', 'ch'], ჩ: ['ch', 'ch', 'ch', 'tsch', 'tch'], ც: ['ts', 'ts', 'ts', 'z', 'ts'],
  ძ: ['dz', 'dz', 'dz', 'ds', 'dz'], წ: ['ts', "ts'", 'ts', 'z', 'ts'], ჭ: ['ch', "ch'", 'ch', 'tsch', 'tch'],
  ხ: ['kh', 'kh', 'kh', 'ch', 'kh'], ჯ: ['j', 'j', 'dzh', 'dsch', 'dj'], ჰ: ['h', 'h', 'g', 'h', 'h'],
};

function romanizeGeorgian(text: string, system: number): string {
  let out = '';
  for (const ch of text) out += GEORGIAN[ch]?.[system] ?? ch;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

// ---------------------------------------------------------------- Armenian

/**
 * Eastern Armenian: the national passport system (BGN/PCGN 1981-like: -yan),
 * the diaspora/western spelling (-ian, ou), and the Russian-mediated forms of
 * Soviet and Russian documents, which drop h (Harutyunyan → Arutyunyan) and
 * soften gh (Ghazaryan → Gazaryan).
 */
const ARMENIAN: Record<string, [string, string, string]> = {
  ա: ['a', 'a', 'a'], բ: ['b', 'b', 'b'], գ: ['g', 'g', 'g'], դ: ['d', 'd', 'd'], ե: ['e', 'e', 'e'], զ: ['z', 'z', 'z'],
  է: ['e', 'e', 'e'], ը: ['y', 'e', 'y'], թ: ['t', 't', 't'], ժ: ['zh', 'j', 'zh'], ի: ['i', 'i', 'i'], լ: ['l', 'l', 'l'],
  խ: ['kh', 'kh', 'kh'], ծ: ['ts', 'ts', 'ts'], կ: ['k', 'k', 'k'], հ: ['h', 'h', ''], ձ: ['dz', 'dz', 'dz'],
  ղ: ['gh', 'gh', 'g'], ճ: ['ch', 'tch', 'ch'], մ: ['m', 'm', 'm'], յ: ['y', 'y', 'y'], ն: ['n', 'n', 'n'],
  շ: ['sh', 'ch', 'sh'], ո: ['o', 'o', 'o'], չ: ['ch', 'tch', 'ch'], պ: ['p', 'p', 'p'], ջ: ['j', 'dj', 'dzh'],
  ռ: ['r', 'r', 'r'], ս: ['s', 's', 's'], վ: ['v', 'v', 'v'], տ: ['t', 't', 't'], ր: ['r', 'r', 'r'], ց: ['ts', 'ts', 'ts'],
  ւ: ['v', 'v', 'v'], փ: ['p', 'p', 'p'], ք: ['k', 'k', 'k'], օ: ['o', 'o', 'o'], ֆ: ['f', 'f', 'f'], և: ['ev', 'ev', 'ev'],
};

function romanizeArmenian(text: string, system: number): string {
  const lower = text.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const next = lower[i + 1];
    if (ch === 'ո' && next === 'ւ') {
      out += system === 1 ? 'ou' : 'u';
      i++;
      continue;
    }
    if (i === 0 && ch === 'ե') {
      out += system === 2 ? 'e' : 'ye';
      continue;
    }
    if (i === 0 && ch === 'ո') {
      out += system === 2 ? 'o' : 'vo';
      continue;
    }
    if (i === 0 && ch === 'և') {
      out += 'yev';
      continue;
    }
    // Russian-mediated: h is dropped at the start and between vowels.
    out += ARMENIAN[ch]?.[system] ?? ch;
  }
  if (system === 1) out = out.replace(/yan$/, 'ian');
  return capitalize(out);
}

// ---------------------------------------------------------------- Greek

/**
 * Greek: ELOT 743 (Greek passports: Mpakogianni, Charalampous), the
 * traditional English spelling (mb, Charalambous), a phonetic spelling (H for
 * χ, Yi for Γι: Hristos, Yiorgos), and the Cypriot registry's spelling
 * (c for κ before a, o, u: Constantinou, Nicolaou, Kyriacou).
 */
const GREEK_DIGRAPHS: Array<[string, string]> = [
  ['ου', 'ou'], ['αι', 'ai'], ['ει', 'ei'], ['οι', 'oi'], ['γγ', 'ng'], ['γκ', 'gk'], ['γξ', 'nx'], ['γχ', 'nch'], ['μπ', 'mp'], ['ντ', 'nt'],
];
const GREEK_LETTERS: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o',
  π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const GREEK_VOICELESS = new Set('θκξπστφχψ');

function elot(text: string): string {
  // Strip accents but keep the diaeresis as a marker that breaks a digraph (Λοΐζου → Loizou).
  const lower = text.toLowerCase().normalize('NFD').replace(/\u0301/g, '').normalize('NFC');
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const next = lower[i + 1];
    if ((ch === 'α' || ch === 'ε' || ch === 'η') && next === 'υ') {
      const after = lower[i + 2];
      const voiceless = after === undefined || GREEK_VOICELESS.has(after);
      out += (ch === 'α' ? 'a' : ch === 'ε' ? 'e' : 'i') + (voiceless ? 'f' : 'v');
      i++;
      continue;
    }
    const pair = next !== undefined ? GREEK_DIGRAPHS.find(([g]) => g === ch + next) : undefined;
    if (pair) {
      out += pair[1];
      i++;
      continue;
    }
    const plain = ch.normalize('NFD').replace(/\u0308/g, '');
    out += GREEK_LETTERS[plain] ?? plain;
  }
  return out;
}

function romanizeGreek(text: string, system: number): string {
  let out = elot(text);
  if (system >= 1) out = out.replace(/^mp/, 'b').replace(/mp/g, 'mb').replace(/^nt/, 'd');
  if (system === 2) out = out.replace(/^ch/, 'h').replace(/^gi/, 'yi').replace(/^ge/, 'ye').replace(/ch(?=[aou])/g, 'h');
  if (system === 3) out = out.replace(/(^|[aeiou])k(?=[aou])/g, '$1c').replace(/^k(?=[olr])/, 'c');
  return capitalize(out);
}

// ---------------------------------------------------------------- Latin spelling helpers

/** Strip diacritics (Müller → Muller, Şahin → Sahin, Çelik → Celik; ı → i). */
export function stripDiacritics(text: string): string {
  return text
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** German umlauts written out (Müller → Mueller, Schröder → Schroeder). */
function expandUmlauts(text: string): string {
  return text
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
}

/** Turkish letters as an English speaker writes them (Şahin → Shahin, Çelik → Chelik, Doğan → Doan). */
function turkishPhonetic(text: string): string {
  return stripDiacritics(text.replace(/ş/g, 'sh').replace(/Ş/g, 'Sh').replace(/ç/g, 'ch').replace(/Ç/g, 'Ch').replace(/ğ/g, ''));
}

/** Turkish letters as German registries write them (Öztürk → Oeztuerk, Şahin → Schahin). */
function turkishGerman(text: string): string {
  return stripDiacritics(expandUmlauts(text.replace(/ş/g, 'sch').replace(/Ş/g, 'Sch').replace(/ç/g, 'tsch').replace(/Ç/g, 'Tsch')));
}

// ---------------------------------------------------------------- name data

/** Entries separated by ";" or new lines, columns by "|". */
function rows(text: string): string[][] {
  return text
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split('|').map((c) => c.trim()));
}

/** Space-separated single words. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

// Russian. Male names with their patronymic (and the female patronymic where the rule -ич → -на fails).
const RU_MALE = rows(`
Александр|Александрович; Сергей|Сергеевич; Дмитрий|Дмитриевич; Андрей|Андреевич; Алексей|Алексеевич; Владимир|Владимирович
Михаил|Михайлович; Игорь|Игоревич; Евгений|Евгеньевич; Юрий|Юрьевич; Николай|Николаевич; Олег|Олегович; Виктор|Викторович
Максим|Максимович; Иван|Иванович; Павел|Павлович; Денис|Денисович; Роман|Романович; Вадим|Вадимович; Анатолий|Анатольевич
Константин|Константинович; Валерий|Валерьевич; Артём|Артёмович; Илья|Ильич|Ильинична; Кирилл|Кириллович; Антон|Антонович
Виталий|Витальевич; Геннадий|Геннадьевич; Борис|Борисович; Григорий|Григорьевич; Василий|Васильевич; Пётр|Петрович
Леонид|Леонидович; Вячеслав|Вячеславович; Георгий|Георгиевич; Станислав|Станиславович; Фёдор|Фёдорович; Руслан|Русланович
Никита|Никитич; Аркадий|Аркадьевич; Тимур|Тимурович; Эдуард|Эдуардович; Ярослав|Ярославович; Владислав|Владиславович
Семён|Семёнович; Арсений|Арсеньевич; Глеб|Глебович; Герман|Германович`);
const RU_FEMALE = words(`Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Марина Анастасия Людмила Галина
Оксана Надежда Валентина Виктория Дарья Ксения Алина Вера Любовь Лариса Полина Евгения Софья Елизавета Алла Инна Жанна Кристина
Маргарита Нина Тамара`);
const RU_SURNAMES = words(`Смирнов Иванов Кузнецов Соколов Попов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв Васильев
Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров Михайлов Беляев Тарасов Белов Комаров Орлов Киселёв Макаров
Андреев Ковалёв Ильин Гусев Титов Кузьмин Кудрявцев Баранов Куликов Алексеев Степанов Яковлев Сорокин Сергеев Романов Захаров
Борисов Королёв Герасимов Пономарёв Григорьев Лазарев Медведев Ершов Никитин Соболев Рябов Поляков Цветков Данилов Жуков Фролов
Журавлёв Николаев Крылов Максимов Сидоров Осипов Белоусов Федотов Дорофеев Егоров Матвеев Бобров Дмитриев Калинин Анисимов
Петухов Антонов Тимофеев Никифоров Веселов Филиппов Марков Большаков Суханов Миронов Ширяев Александров Коновалов Шестаков
Казаков Ефимов Денисов Громов Фомин Давыдов Мельников Щербаков Блинов Колесников Карпов Афанасьев Власов Маслов Исаков Тихонов
Аксёнов Гаврилов Родионов Котов Горбунов Кудряшов Быков Зуев Третьяков Савельев Панов Рыбаков Суворов Абрамов Воронов Мухин
Архипов Трофимов Мартынов Емельянов Горшков Чернов Овчинников Селезнёв Панфилов Копылов Михеев Галкин Назаров Лобанов Лукин
Беляков Потапов Некрасов Хохлов Жданов Наумов Шилов Воронцов Ермаков Дроздов Игнатьев Савин Логинов Сафонов Капустин Кириллов
Моисеев Елисеев Кошелев Костин Орехов Ефремов Исаев Евдокимов Калашников Кабанов Носков Юдин Кулагин Лапин Прохоров
Нестеров Харитонов Агафонов Муравьёв Ларионов Федосеев Зимин Пахомов Шубин Игнатов Филатов Крюков Рогов Кулаков Терентьев
Молчанов Владимиров Артемьев Гурьев Зиновьев Гришин Кононов Дементьев Ситников Симонов Мишин Фадеев Комиссаров Мамонтов Носов
Гуляев Шаров Устинов Вишняков Евсеев Лаврентьев Брагин Константинов Корнилов Авдеев Зыков Бирюков Шарапов Никонов Щукин
Дьячков Одинцов Сазонов Якушев Красильников Гордеев Самойлов Князев Беспалов Уваров Шашков Бобылёв Доронин Белозёров Рожков
Самсонов Мясников Лихачёв Буров Сысоев Фомичёв Русаков Стрелков Гущин Тетерин Колобов Субботин Фокин Блохин Кондратьев
Покровский Вознесенский Успенский Преображенский Черных Белых Долгих Седых Шевченко Коваленко Бондаренко Хрущёв Ковальский`);
/** Long-tail Russian surnames built as real ones are: an adjective prefix and a root (Новосельцев, Белогорский, Добромыслов). */
const RU_TAIL_PREFIXES = words('Ново Старо Бело Черно Красно Верхо Благо Добро Тихо Высоко Широко Мало');
const RU_TAIL_ROOTS = words('сельцев горский польский миров мыслов веров градов дворов руков головин нравов борский');

/** Conventional English and German/French forms of Russian first names that no system produces. */
const RU_EXONYMS: Record<string, { conventional?: string; german?: string; french?: string }> = {
  Александр: { conventional: 'Alexander', german: 'Alexander', french: 'Alexandre' },
  Алексей: { conventional: 'Alexei', german: 'Alexej', french: 'Alexeï' },
  Пётр: { conventional: 'Pyotr', german: 'Pjotr', french: 'Piotr' },
  Фёдор: { conventional: 'Fyodor', german: 'Fjodor', french: 'Fiodor' },
  Ксения: { conventional: 'Xenia', german: 'Xenia', french: 'Xenia' },
};

// Ukrainian: native name, its patronymic, and the Russian form that Russian-language documents use.
const UA_MALE = rows(`
Олександр|Олександрович|Александр; Сергій|Сергійович|Сергей; Андрій|Андрійович|Андрей; Володимир|Володимирович|Владимир
Юрій|Юрійович|Юрий; Олег|Олегович|Олег; Віктор|Вікторович|Виктор; Дмитро|Дмитрович|Дмитрий; Іван|Іванович|Иван
Микола|Миколайович|Николай; Василь|Васильович|Василий; Михайло|Михайлович|Михаил; Петро|Петрович|Пётр; Богдан|Богданович|Богдан
Тарас|Тарасович|Тарас; Ігор|Ігорович|Игорь; Роман|Романович|Роман; Євген|Євгенович|Евгений; Максим|Максимович|Максим
Віталій|Віталійович|Виталий; Анатолій|Анатолійович|Анатолий; Валерій|Валерійович|Валерий; Григорій|Григорович|Григорий
Павло|Павлович|Павел; Артем|Артемович|Артём; Денис|Денисович|Денис; Ярослав|Ярославович|Ярослав; Степан|Степанович|Степан`);
const UA_FEMALE = rows(`Олена|Елена; Ольга|Ольга; Наталія|Наталья; Тетяна|Татьяна; Ірина|Ирина; Оксана|Оксана; Світлана|Светлана
Юлія|Юлия; Марія|Мария; Катерина|Екатерина; Людмила|Людмила; Галина|Галина; Анна|Анна; Вікторія|Виктория; Надія|Надежда
Валентина|Валентина; Лариса|Лариса; Інна|Инна; Софія|Софья; Анастасія|Анастасия`);
const UA_SURNAMES = words(`Мельник Шевченко Бойко Коваленко Бондаренко Ткаченко Коваль Кравченко Олійник Шевчук Поліщук Лисенко Бондар
Марченко Руденко Савченко Мороз Петренко Кравчук Павленко Левченко Клименко Харченко Сидоренко Ковальчук Гончаренко Романенко
Карпенко Кузьменко Ткачук Мазур Литвиненко Іваненко Приходько Кириленко Онищенко Власенко Головко Тимошенко Захарченко Яковенко
Волошин Гаврилюк Павлюк Костенко Пономаренко Демченко Левчук Мартинюк Гуменюк Гнатюк Юрченко Лук'яненко`);
const UA_TAIL_STEMS = words('Гриц Федор Макар Назар Остап Семен Тарас Мирон Гнат Хом Прокоп Яким Стец Дорош Охрім');

// Belarusian: Russian form | Belarusian form (Belarusian passports romanise the Belarusian form).
const BY_MALE = rows(`Александр|Аляксандр; Сергей|Сяргей; Дмитрий|Дзмітрый; Андрей|Андрэй; Владимир|Уладзімір; Виктор|Віктар
Николай|Мікалай; Алексей|Аляксей; Павел|Павел; Игорь|Ігар; Юрий|Юрый; Василий|Васіль; Михаил|Міхаіл; Евгений|Яўген; Иван|Іван; Вадим|Вадзім`);
const BY_FEMALE = rows(`Ольга|Вольга; Елена|Алена; Наталья|Наталля; Татьяна|Таццяна; Ирина|Ірына; Светлана|Святлана; Мария|Марыя
Анна|Ганна; Юлия|Юлія; Екатерина|Кацярына; Людмила|Людміла; Анастасия|Анастасія`);
const BY_SURNAMES = rows(`Иванов|Іваноў; Ковалёв|Кавалёў; Новик|Новік; Козлов|Казлоў; Ковалевич|Кавалевіч; Мельник|Мельнік; Шевчук|Шаўчук
Кравченко|Краўчэнка; Жук|Жук; Козловский|Казлоўскі; Лукашевич|Лукашэвіч; Климович|Кліміовіч; Василевский|Васілеўскі
Романович|Рамановіч; Сидорович|Сідаровіч; Шевцов|Шаўцоў; Ковальчук|Кавальчук; Петрович|Пятровіч; Захаренко|Захарэнка
Якубович|Якубовіч; Пашкевич|Пашкевіч; Богданович|Багдановіч; Марцинкевич|Марцінкевіч; Борисевич|Барысевіч; Кузьмич|Кузьміч`);

// Kazakh names in Cyrillic, as Kazakh documents write them; surnames in the Russian -ов/-ев form.
const KZ_MALE = words(`Нурлан Ерлан Асхат Бауыржан Серик Даурен Ержан Марат Талгат Нурсултан Арман Канат Берик Айдос Аскар Ермек
Жандос Тимур Алибек Руслан Мурат Бахыт Даулет Нуржан Галым`);
const KZ_FEMALE = words('Айгерим Гульнара Динара Жанар Асель Алия Мадина Сауле Айжан Гульмира Жанна Айгуль Назира Салтанат Акмарал Камила Дана Аружан');
const KZ_SURNAMES = words(`Ахметов Сулейменов Искаков Омаров Жумабаев Касымов Абдрахманов Есенов Байжанов Сейтказиев Мусин Ибраев
Кенжебаев Садыков Оспанов Нургалиев Каримов Исмаилов Абенов Ермеков Тулеев Бекмухамбетов Жакупов Смагулов Нурпеисов
Мухамеджанов Серикбаев Тлеубаев Кусаинов Ахметжанов`);

// Arabic: native | Gulf English (UAE, Saudi, Qatari passports) | scholarly (ALA-LC without diacritics) | francophone (Levant, Maghreb).
const AR_MALE = rows(`
محمد|Mohammed|Muhammad|Mohamed; أحمد|Ahmed|Ahmad|Ahmed; علي|Ali|Ali|Ali; عبد الله|Abdulla|Abd Allah|Abdallah
خالد|Khalid|Khalid|Khaled; سعيد|Saeed|Said|Said; راشد|Rashid|Rashid|Rached; سلطان|Sultan|Sultan|Soltane; حمد|Hamad|Hamad|Hamad
عمر|Omar|Umar|Omar; يوسف|Yousef|Yusuf|Youssef; إبراهيم|Ibrahim|Ibrahim|Ibrahim; عبد الرحمن|Abdulrahman|Abd al-Rahman|Abderrahmane
عبد العزيز|Abdulaziz|Abd al-Aziz|Abdelaziz; حسن|Hassan|Hasan|Hassan; حسين|Hussain|Husayn|Houssein; فيصل|Faisal|Faysal|Fayçal
ماجد|Majid|Majid|Majed; ناصر|Nasser|Nasir|Nacer; سالم|Salem|Salim|Salem; منصور|Mansour|Mansur|Mansour; طارق|Tariq|Tariq|Tarek
مصطفى|Mustafa|Mustafa|Moustafa; جاسم|Jassim|Jasim|Jassem; ماهر|Maher|Mahir|Maher; كريم|Karim|Karim|Karim; عادل|Adel|Adil|Adel
وليد|Waleed|Walid|Walid; هشام|Hisham|Hisham|Hicham; قاسم|Qasim|Qasim|Kacem; محمود|Mahmoud|Mahmud|Mahmoud; سامي|Sami|Sami|Sami
زايد|Zayed|Zayid|Zayed; مروان|Marwan|Marwan|Marouane; بسام|Bassam|Bassam|Bassam; عماد|Imad|Imad|Imed`);
const AR_FEMALE = rows(`
فاطمة|Fatima|Fatimah|Fatma; مريم|Maryam|Maryam|Meriem; عائشة|Aisha|Aishah|Aicha; نورة|Noura|Nura|Noura; سارة|Sara|Sarah|Sara
خديجة|Khadija|Khadijah|Khadija; ليلى|Layla|Layla|Leila; هند|Hind|Hind|Hind; منى|Mona|Muna|Mouna; زينب|Zainab|Zaynab|Zineb
أمل|Amal|Amal|Amel; ريم|Reem|Rim|Rim; لطيفة|Latifa|Latifah|Latifa; شيخة|Sheikha|Shaykhah|Cheikha; هدى|Huda|Huda|Houda
رنا|Rana|Rana|Rana; دانة|Dana|Danah|Dana; نادية|Nadia|Nadiyah|Nadia`);
const AR_GULF_FAMILIES = rows(`
المنصوري|Al Mansoori|al-Mansuri|El Mansouri; الهاشمي|Al Hashmi|al-Hashimi|El Hachemi; الشامسي|Al Shamsi|al-Shamsi|El Chamsi
الكعبي|Al Kaabi|al-Kabi|El Kaabi; الظاهري|Al Dhaheri|al-Zahiri|El Dhaheri; المهيري|Al Muhairi|al-Muhayri|El Mheiri
النعيمي|Al Nuaimi|al-Nuaymi|En Nouaimi; السويدي|Al Suwaidi|al-Suwaydi|Es Souidi; الفلاسي|Al Falasi|al-Falasi|El Falassi
المري|Al Marri|al-Marri|El Marri; الحمادي|Al Hammadi|al-Hammadi|El Hammadi; الزعابي|Al Zaabi|al-Zaabi|Ez Zaabi
العتيبي|Al Otaibi|al-Utaybi|El Otaibi; الغامدي|Al Ghamdi|al-Ghamidi|El Ghamdi; القحطاني|Al Qahtani|al-Qahtani|El Kahtani
الدوسري|Al Dosari|al-Dawsari|Ed Dousari; الشمري|Al Shammari|al-Shammari|Ech Chammari; العنزي|Al Anazi|al-Anazi|El Anazi
الحربي|Al Harbi|al-Harbi|El Harbi; الأنصاري|Al Ansari|al-Ansari|El Ansari; البلوشي|Al Balushi|al-Balushi|El Balouchi
الكواري|Al Kuwari|al-Kuwari|El Kouari; الراشد|Al Rashed|al-Rashid|Er Rached; العلي|Al Ali|al-Ali|El Ali; البناي|Al Banai|al-Bannay|El Banai`);
const AR_LEVANT_FAMILIES = rows(`
حداد|Haddad|Haddad|Haddad; خوري|Khoury|Khuri|Khoury; نصر|Nasr|Nasr|Nasr; صالح|Saleh|Salih|Saleh; حمدان|Hamdan|Hamdan|Hamdane
درويش|Darwish|Darwish|Darwiche; عبود|Abboud|Abbud|Abboud; حيدر|Haidar|Haydar|Haidar; يونس|Younes|Yunus|Younes; عيسى|Issa|Isa|Issa
شهاب|Shehab|Shihab|Chehab; منصور|Mansour|Mansur|Mansour; قاسم|Kassem|Qasim|Kassem; عثمان|Othman|Uthman|Osman
جابر|Jaber|Jabir|Jaber; زيدان|Zeidan|Zaydan|Zidane; سليمان|Suleiman|Sulayman|Sliman; طه|Taha|Taha|Taha; عواد|Awad|Awwad|Aouad
الحسيني|Al Husseini|al-Husayni|El Husseini; المصري|Al Masri|al-Misri|El Masri; النجار|Al Najjar|al-Najjar|En Najjar
الحلبي|Al Halabi|al-Halabi|El Halabi; أبو زيد|Abu Zeid|Abu Zayd|Abou Zeid; الأسعد|Al Asaad|al-Asad|El Assaad
الخطيب|Al Khatib|al-Khatib|El Khatib; البزري|Al Bizri|al-Bizri|El Bizri; سعادة|Saadeh|Saadah|Saadé; فرح|Farah|Farah|Farah`);

// Persian: native | common (Iranian passports) | scholarly (LOC) | alternative (French/older English).
const FA_MALE = rows(`
محمد|Mohammad|Muhammad|Mohamad; علی|Ali|Ali|Aly; حسین|Hossein|Husayn|Hosein; رضا|Reza|Riza|Resa; مهدی|Mehdi|Mahdi|Mehdy
حمید|Hamid|Hamid|Hameed; مجید|Majid|Majid|Madjid; سعید|Saeed|Said|Saeid; امیر|Amir|Amir|Ameer; جواد|Javad|Javad|Jawad
غلامرضا|Gholamreza|Ghulam Riza|Gholam Reza; محمدرضا|Mohammadreza|Muhammad Riza|Mohammad Reza; ابوالفضل|Abolfazl|Abu al-Fazl|Abulfazl
مسعود|Masoud|Masud|Massoud; محسن|Mohsen|Muhsin|Mohsin; حسن|Hassan|Hasan|Hasan; بهروز|Behrouz|Bihruz|Behruz; فرهاد|Farhad|Farhad|Farhaad
کاظم|Kazem|Kazim|Kazim; مرتضی|Morteza|Murtaza|Mortaza; اکبر|Akbar|Akbar|Akbar; یوسف|Yousef|Yusuf|Yusef; نادر|Nader|Nadir|Nadir
بهزاد|Behzad|Bihzad|Behzaad; داوود|Davoud|Davud|Dawood`);
const FA_FEMALE = rows(`
فاطمه|Fatemeh|Fatimah|Fatima; زهرا|Zahra|Zahra|Zahrah; مریم|Maryam|Maryam|Mariam; معصومه|Masoumeh|Masumah|Massoumeh
زینب|Zeinab|Zaynab|Zainab; سارا|Sara|Sara|Sarah; نرگس|Narges|Narges|Nargess; لیلا|Leila|Layla|Leyla; مینا|Mina|Mina|Minah
شیرین|Shirin|Shirin|Chirine; پریسا|Parisa|Parisa|Parissa; نازنین|Nazanin|Nazanin|Nazaneen; مهناز|Mahnaz|Mahnaz|Mahnaaz; آزاده|Azadeh|Azadah|Azade`);
const FA_SURNAMES = rows(`
محمدی|Mohammadi|Muhammadi|Mohamadi; حسینی|Hosseini|Husayni|Hoseini; احمدی|Ahmadi|Ahmadi|Ahmady; رضایی|Rezaei|Rizai|Rezaee
موسوی|Mousavi|Musavi|Moussavi; کریمی|Karimi|Karimi|Karimy; جعفری|Jafari|Jafari|Jaafari; رحیمی|Rahimi|Rahimi|Rahimy
صادقی|Sadeghi|Sadiqi|Sadeqi; قاسمی|Ghasemi|Qasimi|Ghassemi; هاشمی|Hashemi|Hashimi|Hachemi; نوری|Nouri|Nuri|Noori
کاظمی|Kazemi|Kazimi|Kazemy; حیدری|Heydari|Haydari|Heidari; زارعی|Zarei|Zarii|Zareie; اکبری|Akbari|Akbari|Akbary
طاهری|Taheri|Tahiri|Taheri; رستمی|Rostami|Rustami|Rostamy; شریفی|Sharifi|Sharifi|Charifi; نجفی|Najafi|Najafi|Nadjafi
عباسی|Abbasi|Abbasi|Abassi; سلیمانی|Soleimani|Sulaymani|Soleymani; کرمانی|Kermani|Kirmani|Kermany; تهرانی|Tehrani|Tihrani|Teherani
اصفهانی|Esfahani|Isfahani|Isfahani`);
/** Persian surnames are often a stem and a suffix (Alipour, Ahmadzadeh, Karimnejad), written with a zero-width non-joiner. */
const FA_TAIL_STEMS = rows(`احمد|Ahmad|Ahmad|Ahmed; علی|Ali|Ali|Aly; حسن|Hasan|Hasan|Hassan; کریم|Karim|Karim|Kareem; رحیم|Rahim|Rahim|Raheem
تقی|Taghi|Taqi|Taqi; هادی|Hadi|Hadi|Hady; محسن|Mohsen|Muhsin|Mohsin; جعفر|Jafar|Jafar|Jaafar; رسول|Rasoul|Rasul|Rassoul
یوسف|Yousef|Yusuf|Yusef; شاه|Shah|Shah|Chah; میر|Mir|Mir|Meer; نیک|Nik|Nik|Nick; خسرو|Khosrow|Khusraw|Khosro`);
const FA_TAIL_SUFFIXES = rows('\u200cزاده|zadeh|zadah|zade; \u200cپور|pour|pur|poor; \u200cنژاد|nejad|nizhad|nezhad; \u200cفر|far|far|far; یان|ian|iyan|yan');

// Turkish (Latin is native): MERNIS frequency order.
const TR_MALE = words(`Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah
Mahmut Salih Recep Kemal Emre Burak Serkan Fatih Yaşar Orhan Cengiz Erkan Hakan Levent Serdar Tolga Uğur Volkan Zafer`);
const TR_FEMALE = words(`Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Esra Yasemin Gülsüm Dilek
Aylin Derya Ebru Gamze Sevgi Tuğba Büşra`);
const TR_SURNAMES = words(`Yılmaz Kaya Demir Çelik Şahin Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç
Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal
Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş Köse Yüksel Ateş Aksoy`);
const TR_TAIL_PREFIXES = words('Kara Ak Öz Er Al Gök Ay Demir Taş Yıldız Kaya Tur Bay Çak');
const TR_TAIL_SUFFIXES = words('oğlu can han türk kan soy er dağ el kurt taş göz başı');

// Chinese: simplified | traditional | pinyin | Wade–Giles (as Taiwan writes it, without apostrophes) | Cantonese (Hong Kong).
const ZH_SURNAMES = rows(`
王|王|Wang|Wang|Wong; 李|李|Li|Li|Lee; 张|張|Zhang|Chang|Cheung; 刘|劉|Liu|Liu|Lau; 陈|陳|Chen|Chen|Chan; 杨|楊|Yang|Yang|Yeung
黄|黃|Huang|Huang|Wong; 赵|趙|Zhao|Chao|Chiu; 吴|吳|Wu|Wu|Ng; 周|周|Zhou|Chou|Chow; 徐|徐|Xu|Hsu|Tsui; 孙|孫|Sun|Sun|Suen
马|馬|Ma|Ma|Ma; 朱|朱|Zhu|Chu|Chu; 胡|胡|Hu|Hu|Wu; 郭|郭|Guo|Kuo|Kwok; 何|何|He|Ho|Ho; 林|林|Lin|Lin|Lam; 高|高|Gao|Kao|Ko
罗|羅|Luo|Lo|Law; 郑|鄭|Zheng|Cheng|Cheng; 梁|梁|Liang|Liang|Leung; 谢|謝|Xie|Hsieh|Tse; 宋|宋|Song|Sung|Sung; 唐|唐|Tang|Tang|Tong
许|許|Xu|Hsu|Hui; 邓|鄧|Deng|Teng|Tang; 冯|馮|Feng|Feng|Fung; 韩|韓|Han|Han|Hon; 曹|曹|Cao|Tsao|Tso; 曾|曾|Zeng|Tseng|Tsang
彭|彭|Peng|Peng|Pang; 萧|蕭|Xiao|Hsiao|Siu; 蔡|蔡|Cai|Tsai|Choi; 潘|潘|Pan|Pan|Poon; 田|田|Tian|Tien|Tin; 董|董|Dong|Tung|Tung
袁|袁|Yuan|Yuan|Yuen; 于|于|Yu|Yu|Yu; 叶|葉|Ye|Yeh|Yip; 蒋|蔣|Jiang|Chiang|Cheung; 杜|杜|Du|Tu|To; 苏|蘇|Su|Su|So
魏|魏|Wei|Wei|Ngai; 程|程|Cheng|Cheng|Ching; 吕|呂|Lyu|Lu|Lui; 丁|丁|Ding|Ting|Ting; 沈|沈|Shen|Shen|Shum; 任|任|Ren|Jen|Yam
姚|姚|Yao|Yao|Yiu; 卢|盧|Lu|Lu|Lo; 傅|傅|Fu|Fu|Foo; 钟|鍾|Zhong|Chung|Chung`);
const ZH_GIVEN_MALE = rows(`
伟|偉|wei|wei|wai; 强|強|qiang|chiang|keung; 军|軍|jun|chun|kwan; 明|明|ming|ming|ming; 磊|磊|lei|lei|lui; 涛|濤|tao|tao|to
杰|傑|jie|chieh|kit; 勇|勇|yong|yung|yung; 建|建|jian|chien|kin; 国|國|guo|kuo|kwok; 华|華|hua|hua|wah; 平|平|ping|ping|ping
东|東|dong|tung|tung; 文|文|wen|wen|man; 志|志|zhi|chih|chi; 海|海|hai|hai|hoi; 鹏|鵬|peng|peng|pang; 斌|斌|bin|pin|pan
辉|輝|hui|hui|fai; 刚|剛|gang|kang|kong; 俊|俊|jun|chun|chun; 浩|浩|hao|hao|ho; 宇|宇|yu|yu|yu; 峰|峰|feng|feng|fung
龙|龍|long|lung|lung; 成|成|cheng|cheng|shing; 家|家|jia|chia|ka; 晓|曉|xiao|hsiao|hiu; 永|永|yong|yung|wing; 新|新|xin|hsin|sun; 德|德|de|te|tak`);
const ZH_GIVEN_FEMALE = rows(`
丽|麗|li|li|lai; 静|靜|jing|ching|ching; 敏|敏|min|min|man; 燕|燕|yan|yen|yin; 芳|芳|fang|fang|fong; 娜|娜|na|na|na
秀|秀|xiu|hsiu|sau; 英|英|ying|ying|ying; 华|華|hua|hua|wah; 慧|慧|hui|hui|wai; 玲|玲|ling|ling|ling; 婷|婷|ting|ting|ting
雪|雪|xue|hsueh|suet; 琳|琳|lin|lin|lam; 霞|霞|xia|hsia|ha; 红|紅|hong|hung|hung; 梅|梅|mei|mei|mui; 莉|莉|li|li|lei
佳|佳|jia|chia|kai; 欣|欣|xin|hsin|yan; 美|美|mei|mei|mei; 玉|玉|yu|yu|yuk; 兰|蘭|lan|lan|lan; 颖|穎|ying|ying|wing; 晓|曉|xiao|hsiao|hiu`);

// Korean: hangul | common (passports, press) | Revised Romanization | McCune–Reischauer | DPRK usage.
const KO_SURNAMES = rows(`
김|Kim|Gim|Kim|Kim; 이|Lee|I|Yi|Ri; 박|Park|Bak|Pak|Pak; 최|Choi|Choe|Choe|Choe; 정|Jung|Jeong|Chong|Jong; 강|Kang|Gang|Kang|Kang
조|Cho|Jo|Cho|Jo; 윤|Yoon|Yun|Yun|Yun; 장|Jang|Jang|Chang|Jang; 임|Lim|Im|Im|Rim; 한|Han|Han|Han|Han; 오|Oh|O|O|O; 서|Seo|Seo|So|So
신|Shin|Sin|Sin|Sin; 권|Kwon|Gwon|Kwon|Kwon; 황|Hwang|Hwang|Hwang|Hwang; 안|Ahn|An|An|An; 송|Song|Song|Song|Song; 류|Ryu|Ryu|Ryu|Ryu
전|Jeon|Jeon|Chon|Jon; 홍|Hong|Hong|Hong|Hong; 고|Ko|Go|Ko|Ko; 문|Moon|Mun|Mun|Mun; 양|Yang|Yang|Yang|Ryang; 손|Son|Son|Son|Son
배|Bae|Bae|Pae|Pae; 백|Baek|Baek|Paek|Paek; 허|Heo|Heo|Ho|Ho; 유|Yoo|Yu|Yu|Yu; 남|Nam|Nam|Nam|Nam; 심|Shim|Sim|Sim|Sim; 노|Roh|No|No|Ro`);
const KO_GIVEN_MALE = rows(`
민준|Min-jun|Minjun|Min-chun|Min Jun; 서준|Seo-jun|Seojun|So-jun|So Jun; 지훈|Ji-hoon|Jihun|Chi-hun|Ji Hun; 현우|Hyun-woo|Hyeonu|Hyon-u|Hyon U
성민|Sung-min|Seongmin|Song-min|Song Min; 영수|Young-soo|Yeongsu|Yong-su|Yong Su; 정호|Jung-ho|Jeongho|Chong-ho|Jong Ho
동현|Dong-hyun|Donghyeon|Tong-hyon|Tong Hyon; 상철|Sang-chul|Sangcheol|Sang-chol|Sang Chol; 재원|Jae-won|Jaewon|Chae-won|Jae Won
준호|Jun-ho|Junho|Chun-ho|Jun Ho; 승민|Seung-min|Seungmin|Sung-min|Sung Min; 광수|Kwang-soo|Gwangsu|Kwang-su|Kwang Su
철수|Chul-soo|Cheolsu|Chol-su|Chol Su; 명철|Myung-chul|Myeongcheol|Myong-chol|Myong Chol; 성철|Sung-chul|Seongcheol|Song-chol|Song Chol`);
const KO_GIVEN_FEMALE = rows(`
서연|Seo-yeon|Seoyeon|So-yon|So Yon; 지은|Ji-eun|Jieun|Chi-un|Ji Un; 민지|Min-ji|Minji|Min-ji|Min Ji; 수진|Soo-jin|Sujin|Su-jin|Su Jin
혜진|Hye-jin|Hyejin|Hye-jin|Hye Jin; 영희|Young-hee|Yeonghui|Yong-hui|Yong Hui; 은지|Eun-ji|Eunji|Un-ji|Un Ji; 지현|Ji-hyun|Jihyeon|Chi-hyon|Ji Hyon
미영|Mi-young|Miyeong|Mi-yong|Mi Yong; 하은|Ha-eun|Haeun|Ha-un|Ha Un; 은정|Eun-jung|Eunjeong|Un-jong|Un Jong; 선영|Sun-young|Seonyeong|Son-yong|Son Yong`);

// Indian (Latin): spellings of the same name across documents.
const IN_MALE = rows(`Rahul; Amit; Rajesh; Sanjay; Suresh; Ramesh; Vijay; Anil; Sunil; Ravi; Arun; Deepak|Dipak; Manoj; Vikram; Prakash
Rajeev|Rajiv; Sanjeev|Sanjiv; Mohammed|Mohammad|Mohd.; Abdul; Harpreet; Gurpreet; Srinivas|Shrinivas|Sreenivas; Venkatesh|Venkatesan
Krishna|Krishnan; Ashok; Ajay; Nitin; Vivek; Rohit; Karthik|Kartik`);
const IN_FEMALE = rows(`Priya; Anjali; Sunita; Pooja|Puja; Neha; Kavita|Kavitha; Anita; Deepa|Dipa; Lakshmi|Laxmi; Meena; Sushma; Rekha; Divya
Shreya|Shriya; Aishwarya; Geeta|Gita; Swati|Swathi; Nisha; Fatima|Fathima; Harpreet; Jaspreet`);
const IN_SURNAMES = rows(`Sharma; Patel; Singh; Kumar; Gupta; Shah; Reddy; Rao; Agarwal|Agrawal|Aggarwal; Mehta; Jain; Iyer|Iyyer; Nair; Desai
Joshi; Verma; Mishra; Chaudhary|Choudhary|Chowdhury|Chaudhuri; Banerjee|Bannerjee|Banerji; Mukherjee|Mukherji; Kapoor|Kapur; Malhotra
Pillai; Menon; Srinivasan|Shrinivasan; Bhat|Bhatt; Yadav; Pandey|Pande; Saxena; Chopra; Goyal|Goel; Bose|Basu; Das; Thakur
Kulkarni; Naidu; Krishnan; Subramanian|Subramaniam`);
const IN_SIKH = new Set(['Harpreet', 'Gurpreet', 'Jaspreet']);
const IN_MUSLIM = new Set(['Mohammed', 'Abdul', 'Fatima']);
const IN_MUSLIM_SURNAMES = rows('Khan; Ansari; Shaikh|Sheikh; Qureshi|Kureshi; Siddiqui|Siddiqi');

// Georgian (Mkhedruli).
const KA_MALE = words('გიორგი დავით ნიკოლოზ ლევან ირაკლი ალექსანდრე ზურაბ მამუკა ვახტანგ თამაზ კახა ლაშა ნიკა გოჩა დიმიტრი შოთა ვლადიმერ ლუკა ოთარ ბესიკ');
const KA_FEMALE = words('ნინო თამარ მარიამ ანა ეკატერინე ნათია ქეთევან მაია სალომე ელენე ნანა ხათუნა თეონა ლია ეკა');
const KA_SURNAMES = words(`ბერიძე კაპანაძე გელაშვილი მაისურაძე გიორგაძე ლომიძე წიკლაური ბოლქვაძე ნოზაძე კვარაცხელია ხუციშვილი ჯაფარიძე
ლობჟანიძე შენგელია აბულაძე ჩხეიძე ქავთარაძე მჭედლიშვილი ბაქრაძე ტაბატაძე ცინცაძე დოლიძე კიკნაძე სვანიძე ჩიქოვანი ღლონტი
ყიფიანი ჯანელიძე მეგრელიშვილი ხარებავა`);
const KA_TAIL_STEMS = words('ბერი გელა ლომი ნოზა კაპანა მაისურა გიორგა ჯაფარი აბულა ქავთარა ხუცი მჭედლი ბაქრა დოლი კიკნა სვანი ჯანელი ტაბატა ცინცა გოგი ზურაბი ნიკოლა მამუკა ჯღამა');

// Armenian.
const HY_MALE = words('Դավիթ Նարեկ Հայկ Արամ Արմեն Տիգրան Գոռ Արթուր Վահե Լևոն Կարեն Աշոտ Սամվել Արսեն Գագիկ Վարդան Հովհաննես Ռուբեն Սարգիս Էդգար');
const HY_FEMALE = words('Աննա Մարիամ Անի Լիլիթ Գայանե Նարինե Արմինե Հասմիկ Լուսինե Տաթևիկ Սոնա Մարինե Անահիտ Գոհար Շուշան');
const HY_SURNAMES = words(`Գրիգորյան Սարգսյան Հարությունյան Հովհաննիսյան Խաչատրյան Հակոբյան Վարդանյան Պետրոսյան Կարապետյան Գևորգյան
Պողոսյան Ավետիսյան Մկրտչյան Ղազարյան Մանուկյան Ասատրյան Դավթյան Մարտիրոսյան Ստեփանյան Միրզոյան Սահակյան Մովսիսյան
Եղիազարյան Ոսկանյան Բաղդասարյան Համբարձումյան Զաքարյան Աբրահամյան Մելքոնյան Առաքելյան`);

// Greek: male forms; female surnames are formed by rule (-όπουλος → -οπούλου, -ίδης → -ίδου, -άκης → -άκη…).
const EL_MALE = words(`Γεώργιος Ιωάννης Κωνσταντίνος Δημήτριος Νικόλαος Παναγιώτης Χρήστος Βασίλειος Αθανάσιος Μιχαήλ Ανδρέας Σταύρος
Αντώνιος Ευάγγελος Θεόδωρος Χαράλαμπος Σπυρίδων Κυριάκος Σάββας Μάριος`);
const EL_FEMALE = words('Μαρία Ελένη Αικατερίνη Βασιλική Σοφία Αγγελική Γεωργία Δήμητρα Κωνσταντίνα Ευαγγελία Χριστίνα Ειρήνη Παναγιώτα Αναστασία Θεοδώρα');
const EL_SURNAMES = words(`Παπαδόπουλος Παπαδάκης Παππάς Γεωργίου Ιωάννου Κωνσταντίνου Χριστοδούλου Νικολάου Χαραλάμπους Βασιλείου Δημητρίου
Αντωνίου Οικονόμου Μιχαηλίδης Παπανικολάου Αθανασίου Λοΐζου Κυριάκου Ιωαννίδης Γεωργιάδης Παπαγεωργίου Καραγιάννης Βλάχος
Αγγελόπουλος Νικολαΐδης Μακρής Αλεξίου Πετρίδης Σταυρόπουλος Παναγιωτόπουλος Κωνσταντινίδης Δημόπουλος Θεοδωρίδης Ευαγγέλου
Χατζηγεωργίου Ανδρέου Σάββα`);
const EL_TAIL_STEMS = words('Γεωργ Νικολ Δημητρ Κωνσταντ Χριστ Σταυρ Αντων Παναγ Αλεξ Θεοδωρ Πετρ Μανωλ Σπυρ Βασιλ Μιχαλ Λαμπρ Αγγελ Μαυρ');
const EL_TAIL_SUFFIXES = words('όπουλος ίδης άκης άτος');
/** Anglicised forms of Greek first names seen on foreign documents (George Papadopoulos). */
const EL_ANGLICISED: Record<string, string> = {
  Γεώργιος: 'George', Ιωάννης: 'John', Κωνσταντίνος: 'Constantine', Δημήτριος: 'Demetrios', Νικόλαος: 'Nicholas',
  Μιχαήλ: 'Michael', Βασίλειος: 'Basil', Χρήστος: 'Christos', Ανδρέας: 'Andrew', Θεόδωρος: 'Theodore', Αικατερίνη: 'Katerina',
  Ελένη: 'Helen', Ειρήνη: 'Irene', Σοφία: 'Sophia',
};
/** Everyday short forms, which lists give as aliases (Giorgos for Georgios). */
const EL_SHORT: Record<string, string> = {
  Γεώργιος: 'Giorgos', Ιωάννης: 'Giannis', Κωνσταντίνος: 'Kostas', Δημήτριος: 'Dimitris', Νικόλαος: 'Nikos', Παναγιώτης: 'Panagiotis',
  Βασίλειος: 'Vasilis', Αθανάσιος: 'Thanasis', Μιχαήλ: 'Michalis', Ευάγγελος: 'Vangelis', Σπυρίδων: 'Spyros', Χαράλαμπος: 'Babis',
};

// German.
const DE_MALE = words(`Thomas Michael Andreas Stefan Peter Klaus Jürgen Wolfgang Frank Markus Christian Alexander Uwe Hans Matthias Martin
Sebastian Tobias Jan Dirk Jörg Ralf Bernd Günter Horst Dieter Karl-Heinz Florian Maximilian Lukas`);
const DE_FEMALE = words(`Sabine Petra Andrea Claudia Susanne Monika Birgit Katrin Anja Julia Ursula Stefanie Nicole Karin Gabriele Heike
Martina Christine Jutta Sandra Anna Lena Laura Jessica`);
const DE_SURNAMES = words(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf
Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze
Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich
Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin
Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn
Kühn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold Wolff Pfeiffer`);
const DE_TAIL_PREFIXES = words('Berg Stein Rosen Linden Wald Eichen Buch Hoch Grün Schön Neu Alt Ober Unter Kirch Feld Lichten Sonnen');
const DE_TAIL_SUFFIXES = words('mann berg feld bach thal hof stein hausen hardt meier müller wald dorf heim');

// English (UK order of frequency, ONS).
const EN_MALE = words(`David John Paul Michael Andrew Mark Peter James Richard Robert Stephen Christopher Ian Simon Thomas William Daniel
Matthew Steven Gary Anthony Martin Jonathan Kevin George Edward Alan Nicholas Timothy Philip`);
const EN_FEMALE = words(`Susan Sarah Elizabeth Margaret Helen Julie Karen Jane Claire Emma Mary Patricia Catherine Nicola Joanne Rachel
Lisa Louise Alison Victoria Jennifer Anne Laura Rebecca Amanda Caroline Charlotte Emily Jessica Sophie`);
const EN_SURNAMES = words(`Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King
Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Wilkinson Foster
Chapman Powell Webb Rogers Gray Mason Hunt Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker
Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Fletcher Walsh Gibson Howard Andrews Stewart Elliott Reynolds Saunders
Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth
Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh
Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird
Gardner Dean Lane Cooke Bates Henderson Parry Burgess Bishop Hamilton`);

// French (INSEE frequency order).
const FR_MALE = words(`Jean Pierre Michel Philippe Alain Nicolas François Christophe Laurent Éric Jean-Pierre Jean-Luc Patrick Stéphane
Frédéric Olivier Thierry Sébastien Julien Guillaume Jacques Bernard Daniel Pascal David`);
const FR_FEMALE = words(`Marie Nathalie Isabelle Sylvie Catherine Françoise Christine Sophie Anne Valérie Céline Julie Sandrine Stéphanie
Véronique Monique Nicole Aurélie Émilie Camille Claire Hélène Martine Brigitte Chantal`);
const FR_SURNAMES = words(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux David
Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefebvre Faure André Mercier Blanc Guérin
Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson
Marchand Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier
Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix
Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Dupuy Guillot Hubert
Berger Carpentier Sanchez Dupuis Moulin Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Poirier Marty
Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Collet Léger Bouvier Julien Prévost
Millet Perrot Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Mallet Hamon
Boulanger Jacob Monnier Michaud Guichard Gillet Étienne Poulain Tessier Chauvin Bouchet Lemaître Maréchal Humbert Reynaud`);

// Spanish (INE frequency order); people carry two surnames.
const ES_MALE = rows(`José; Antonio; Manuel; Francisco; Juan; David; José Antonio; José Luis; Javier; Carlos; Jesús; Daniel; Miguel
Alejandro; Rafael; Pedro; Ángel; Pablo; Fernando; Sergio; Luis; Jorge; Alberto; Juan Carlos; Ramón`).map((r) => r[0]!);
const ES_FEMALE = rows(`María Carmen; María; Carmen; Ana María; Josefa; Isabel; Laura; María Pilar; María Dolores; Ana; Lucía; Cristina
Marta; Elena; Francisca; Rosa María; Patricia; Raquel; Paula; Sara; Pilar; Dolores; Mercedes`).map((r) => r[0]!);
const ES_SURNAMES = words(`García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno
Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez
Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto
Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto
Aguilar Pascual Santana Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias
Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas`);

// Italian (ISTAT frequency order).
const IT_MALE = words(`Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Carlo Franco Domenico Bruno Paolo
Michele Giorgio Aldo Sergio Luciano Marco Andrea Luca Alessandro Roberto Stefano Massimo Fabio`);
const IT_FEMALE = words(`Maria Anna Giuseppina Rosa Angela Giovanna Teresa Lucia Carmela Caterina Francesca Antonietta Carla Elena
Concetta Rita Margherita Franca Paola Giulia Chiara Sara Federica Valentina`);
const IT_SURNAMES = rows(`Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; Marino; Greco; Bruno; Gallo; Conti; De Luca
Mancini; Costa; Giordano; Rizzo; Lombardi; Moretti; Barbieri; Fontana; Santoro; Mariani; Rinaldi; Caruso; Ferrara; Galli; Martini
Leone; Longo; Gentile; Martinelli; Vitale; Lombardo; Serra; Coppola; De Santis; D'Angelo; Marchetti; Parisi; Villa; Conte
Ferraro; Ferri; Fabbri; Bianco; Marini; Grasso; Valentini; Messina; Sala; De Angelis; Gatti; Pellegrini; Palumbo; Sanna; Farina
Rizzi; Monti; Cattaneo; Morelli; Amato; Silvestri; Mazza; Testa; Grassi; Pellegrino; Carbone; Giuliani; Benedetti; Barone
Rossetti; Caputo; Montanari; Guerra; Palmieri; Bernardi; Martino; Fiore; De Rosa; Ferretti; Bellini; Basile; Riva; Donati`).map((r) => r[0]!);

// Polish (PESEL register frequency order); -ski/-cki take -ska/-cka for women.
const PL_MALE = words('Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Jan Grzegorz Łukasz Adam Marek Jakub Wojciech Mariusz');
const PL_FEMALE = words('Anna Katarzyna Maria Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Aleksandra Monika Krystyna Dorota');
const PL_SURNAMES = words(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski
Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński
Wróbel Nowakowski Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek`);

// Dutch (CBS frequency order), with their tussenvoegsels.
const NL_MALE = words('Jan Johannes Pieter Cornelis Willem Hendrik Gerrit Jacobus Daan Sander Thijs Bas Maarten Mark Dennis Jeroen Ruud Erik Peter Arjan Joost Bram Lucas Sem Stijn');
const NL_FEMALE = words('Maria Johanna Anna Cornelia Wilhelmina Anne Sanne Lisa Emma Femke Sophie Linda Marieke Esther Inge Ingrid Monique Annemarie Petra Kim Laura Eva Julia Fleur');
const NL_SURNAMES = rows(`de Jong; Jansen; de Vries; van den Berg; van Dijk; Bakker; Janssen; Visser; Smit; Meijer; de Boer; Mulder; de Groot
Bos; Vos; Peters; Hendriks; van Leeuwen; Dekker; Brouwer; de Wit; Dijkstra; Smits; de Graaf; van der Meer; van der Linden; Kok
Jacobs; de Haan; Vermeulen; van den Heuvel; van der Veen; van den Broek; de Bruijn; de Bruin; van der Heijden; Schouten; van Beek
Willems; van Vliet; van de Ven; Hoekstra; Maas; Verhoeven; Koster; van Dam; van der Wal; Prins; Blom; Huisman; Peeters
de Jonge; Kuipers; van Veen; Post; Kuiper; Veenstra; Kramer; van den Brink; Scholten; van Wijk; Postma; Martens; Vink; de Ruiter
Timmermans; Groen; Gerritsen; Jonker; van Loon; Boer; van der Velde; Willemsen; Smeets; de Lange; de Vos; Bosch; van Dongen
Schipper; de Koning; van der Laan; Koning; van der Velden; Driessen; van Doorn; Hermans; Evers; van den Bosch; van der Meulen
Hofman; Bosman; Wouters; Sanders; van der Horst; Mol; Kuijpers; Molenaar; van de Pol; de Leeuw; Verbeek`).map((r) => r[0]!);

// ---------------------------------------------------------------- cultures

interface Culture {
  code: CultureCode;
  /** Names of the spelling systems; forms[i] of every token is in system i. */
  systems: readonly string[];
  nationalities: ReadonlyArray<readonly [string, number]>;
  /** The system a registry of this nationality writes names in. */
  registrySystem(nationality: string): number;
  build(r: Random, gender: Gender, nationality: string): { tokens: NameToken[]; aliases?: string[]; fatherName?: string };
  /** Every token the culture can produce, so that a name can be read back from its Latin spelling. */
  vocabulary(): Iterable<NameToken>;
  /** Word orders in which registries and lists write the name; the first is the default. */
  layouts: NameRole[][];
  nativeLayout?: NameRole[];
  nativeJoin?: string;
  /** Culture-specific spellings beyond systems and word order (bin/ibn, Al-/El-, initials). */
  extra?(tokens: NameToken[], system: number): string[];
}

const WESTERN_LAYOUTS: NameRole[][] = [
  ['given', 'middle', 'family'],
  ['given', 'family'],
  ['family', 'given', 'middle'],
];
const SLAVIC_LAYOUTS: NameRole[][] = [
  ['given', 'family'],
  ['given', 'patronymic', 'family'],
  ['family', 'given', 'patronymic'],
  ['family', 'given'],
];

function token(role: NameRole, forms: string[], native?: string): NameToken {
  return native === undefined ? { role, forms } : { role, native, forms };
}

function form(t: NameToken, system: number): string {
  return t.forms[Math.min(system, t.forms.length - 1)]!;
}

/** Draw a nationality for a culture by its weights. */
function pickWeighted<T>(r: Random, pairs: ReadonlyArray<readonly [T, number]>): T {
  return r.weighted(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
}

// Slavic (Cyrillic) --------------------------------------------------

const RU_SYSTEMS: CyrillicSystem[] = ['icao', 'bgn', 'conventional', 'mvd1997', 'mvd2010', 'german', 'french', 'scholarly', 'loose'];

function ruForms(native: string, exonyms = true): string[] {
  const ex = exonyms ? RU_EXONYMS[native] : undefined;
  return RU_SYSTEMS.map((s) => (ex && (s === 'conventional' || s === 'german' || s === 'french') ? ex[s] : undefined) ?? romanizeCyrillic(native, s));
}

/** Female form of an East Slavic surname (Иванов → Иванова, Покровский → Покровская); -ко, -ич, -их and the like do not change. */
function slavicFemale(surname: string): string {
  if (/(ский|цкий)$/.test(surname)) return surname.replace(/ий$/, 'ая');
  if (/ой$/.test(surname)) return surname.replace(/ой$/, 'ая');
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return surname + 'а';
  // Belarusian Russian-language -ский was handled above; Belarusian-spelling -скі becomes -ская.
  if (/скі$/.test(surname)) return surname.replace(/скі$/, 'ская');
  if (/(оў|еў|ёў)$/.test(surname)) return surname.replace(/ў$/, 'ва');
  return surname;
}

function femalePatronymic(male: string, explicit?: string): string {
  return explicit ?? male.replace(/ич$/, 'на');
}

const ruMaleTable = new Map(RU_MALE.map((row) => [row[0]!, row]));

function ruSurname(r: Random): string {
  return r.chance(0.18) ? r.pick(RU_TAIL_PREFIXES) + r.pick(RU_TAIL_ROOTS) : RU_POOLS.surname.draw(r);
}

const RU_POOLS = { male: new Pool(RU_MALE, 3), female: new Pool(RU_FEMALE, 3), surname: new Pool(RU_SURNAMES, 10) };

const russian: Culture = {
  code: 'russian',
  systems: RU_SYSTEMS,
  nationalities: [['ru', 0.9], ['kz', 0.02], ['by', 0.02], ['cy', 0.02], ['il', 0.02], ['mt', 0.01], ['ae', 0.01]],
  registrySystem: () => 0,
  layouts: SLAVIC_LAYOUTS,
  nativeLayout: ['family', 'given', 'patronymic'],
  build(r, gender) {
    const father = RU_POOLS.male.draw(r);
    const surname = ruSurname(r);
    const given = gender === 'male' ? RU_POOLS.male.draw(r)[0]! : RU_POOLS.female.draw(r);
    const patronymic = gender === 'male' ? father[1]! : femalePatronymic(father[1]!, father[2]);
    const family = gender === 'male' ? surname : slavicFemale(surname);
    return {
      tokens: [token('given', ruForms(given), given), token('patronymic', ruForms(patronymic, false), patronymic), token('family', ruForms(family, false), family)],
    };
  },
  *vocabulary() {
    for (const [name, patM, patF] of RU_MALE) {
      yield token('given', ruForms(name!), name);
      yield token('patronymic', ruForms(patM!, false), patM);
      const f = femalePatronymic(patM!, patF);
      yield token('patronymic', ruForms(f, false), f);
    }
    for (const name of RU_FEMALE) yield token('given', ruForms(name), name);
    const surnames = [...RU_SURNAMES, ...RU_TAIL_PREFIXES.flatMap((p) => RU_TAIL_ROOTS.map((root) => p + root))];
    for (const s of surnames) {
      yield token('family', ruForms(s, false), s);
      const f = slavicFemale(s);
      if (f !== s) yield token('family', ruForms(f, false), f);
    }
  },
};

/** Ukrainian spelling to the Russian spelling Russian-language documents use (Поліщук → Полищук, Лук'яненко → Лукьяненко). */
function ukrainianToRussian(text: string): string {
  return text.replace(/і/g, 'и').replace(/ї/g, 'и').replace(/є/g, 'е').replace(/ґ/g, 'г').replace(/'/g, 'ь');
}

const UA_SYSTEM_NAMES = ['ua2010', 'uabgn', 'icao (Russian form)', 'conventional (Russian form)', 'german (Russian form)', 'french (Russian form)'];

function uaForms(native: string, russianForm: string, exonyms = false): string[] {
  const ru = ruForms(russianForm, exonyms);
  return [romanizeCyrillic(native, 'ua2010'), romanizeCyrillic(native, 'uabgn'), ru[0]!, ru[2]!, ru[5]!, ru[6]!];
}

function uaFemalePatronymic(male: string): string {
  return male.endsWith('йович') ? male.replace(/йович$/, 'ївна') : male.replace(/ович$/, 'івна');
}

const UA_POOLS = { male: new Pool(UA_MALE, 3), female: new Pool(UA_FEMALE, 3), surname: new Pool(UA_SURNAMES, 8) };

function uaGivenTokens(row: string[], gender: Gender): NameToken {
  return gender === 'male' ? token('given', uaForms(row[0]!, row[2]!, true), row[0]) : token('given', uaForms(row[0]!, row[1]!, true), row[0]);
}

function uaPatronymicToken(father: string[], gender: Gender): NameToken {
  const native = gender === 'male' ? father[1]! : uaFemalePatronymic(father[1]!);
  const ruRow = ruMaleTable.get(father[2]!);
  const ruPat = ruRow ? (gender === 'male' ? ruRow[1]! : femalePatronymic(ruRow[1]!, ruRow[2])) : ukrainianToRussian(native);
  return token('patronymic', uaForms(native, ruPat), native);
}

const ukrainian: Culture = {
  code: 'ukrainian',
  systems: UA_SYSTEM_NAMES,
  nationalities: [['ua', 0.94], ['ru', 0.02], ['pl', 0.02], ['cy', 0.01], ['de', 0.01]],
  registrySystem: (n) => (n === 'ua' ? 0 : n === 'ru' ? 2 : 0),
  layouts: SLAVIC_LAYOUTS,
  nativeLayout: ['family', 'given', 'patronymic'],
  build(r, gender) {
    const given = gender === 'male' ? UA_POOLS.male.draw(r) : UA_POOLS.female.draw(r);
    const father = UA_POOLS.male.draw(r);
    const stem = r.chance(0.15) ? r.pick(UA_TAIL_STEMS) + 'енко' : UA_POOLS.surname.draw(r);
    const family = gender === 'male' ? stem : slavicFemale(stem);
    return {
      tokens: [uaGivenTokens(given, gender), uaPatronymicToken(father, gender), token('family', uaForms(family, ukrainianToRussian(family)), family)],
    };
  },
  *vocabulary() {
    for (const row of UA_MALE) {
      yield uaGivenTokens(row, 'male');
      yield uaPatronymicToken(row, 'male');
      yield uaPatronymicToken(row, 'female');
    }
    for (const row of UA_FEMALE) yield uaGivenTokens(row, 'female');
    for (const s of [...UA_SURNAMES, ...UA_TAIL_STEMS.map((t) => t + 'енко')]) {
      yield token('family', uaForms(s, ukrainianToRussian(s)), s);
      const f = slavicFemale(s);
      if (f !== s) yield token('family', uaForms(f, ukrainianToRussian(f)), f);
    }
  },
};

const BY_SYSTEM_NAMES = ['by2000 (Belarusian form)', 'icao', 'bgn', 'conventional', 'german', 'french'];

function byForms(russianForm: string, belarusianForm: string, exonyms = false): string[] {
  const ru = ruForms(russianForm, exonyms);
  return [romanizeCyrillic(belarusianForm, 'by2000'), ru[0]!, ru[1]!, ru[2]!, ru[5]!, ru[6]!];
}

/** Belarusian surnames in -ўскі/-оў take -ская/-ова in the Belarusian female form too; the rest stay. */
function byFemale(russian: string, belarusian: string): [string, string] {
  const ru = slavicFemale(russian);
  if (ru === russian) return [russian, belarusian];
  const by = belarusian.endsWith('скі') ? belarusian.replace(/скі$/, 'ская') : belarusian.endsWith('ў') ? belarusian.replace(/ў$/, 'ва') : belarusian;
  return [ru, by];
}

const BY_POOLS = { male: new Pool(BY_MALE, 3), female: new Pool(BY_FEMALE, 3), surname: new Pool(BY_SURNAMES, 4) };

const belarusian: Culture = {
  code: 'belarusian',
  systems: BY_SYSTEM_NAMES,
  nationalities: [['by', 0.95], ['ru', 0.03], ['lt', 0.01], ['pl', 0.01]],
  registrySystem: (n) => (n === 'by' ? 0 : 1),
  layouts: SLAVIC_LAYOUTS,
  nativeLayout: ['family', 'given', 'patronymic'],
  build(r, gender) {
    const given = gender === 'male' ? BY_POOLS.male.draw(r) : BY_POOLS.female.draw(r);
    const fatherRu = BY_POOLS.male.draw(r)[0]!;
    const fatherRow = ruMaleTable.get(fatherRu);
    const patRu = fatherRow ? (gender === 'male' ? fatherRow[1]! : femalePatronymic(fatherRow[1]!, fatherRow[2])) : fatherRu + 'ович';
    const [sRu, sBy] = BY_POOLS.surname.draw(r);
    const [familyRu, familyBy] = gender === 'male' ? [sRu!, sBy!] : byFemale(sRu!, sBy!);
    return {
      tokens: [
        token('given', byForms(given[0]!, given[1]!, true), given[0]),
        // Patronymics stay in their Russian form: Belarusian documents are mostly Russian-language.
        token('patronymic', byForms(patRu, patRu), patRu),
        token('family', byForms(familyRu, familyBy), familyRu),
      ],
    };
  },
  *vocabulary() {
    for (const [ru, by] of BY_MALE) {
      yield token('given', byForms(ru!, by!, true), ru);
      const row = ruMaleTable.get(ru!);
      if (row) {
        yield token('patronymic', byForms(row[1]!, row[1]!), row[1]);
        const f = femalePatronymic(row[1]!, row[2]);
        yield token('patronymic', byForms(f, f), f);
      }
    }
    for (const [ru, by] of BY_FEMALE) yield token('given', byForms(ru!, by!, true), ru);
    for (const [ru, by] of BY_SURNAMES) {
      yield token('family', byForms(ru!, by!), ru);
      const [fr, fb] = byFemale(ru!, by!);
      if (fr !== ru) yield token('family', byForms(fr, fb), fr);
    }
  },
};

const KZ_SYSTEMS: CyrillicSystem[] = ['icao', 'bgn', 'conventional', 'mvd1997', 'german', 'french'];
const kzForms = (native: string): string[] => KZ_SYSTEMS.map((s) => romanizeCyrillic(native, s));
const KZ_POOLS = { male: new Pool(KZ_MALE, 4), female: new Pool(KZ_FEMALE, 4), surname: new Pool(KZ_SURNAMES, 6) };

const kazakh: Culture = {
  code: 'kazakh',
  systems: KZ_SYSTEMS,
  nationalities: [['kz', 0.95], ['ru', 0.03], ['kg', 0.02]],
  registrySystem: () => 0,
  layouts: SLAVIC_LAYOUTS,
  nativeLayout: ['family', 'given', 'patronymic'],
  build(r, gender) {
    const given = gender === 'male' ? KZ_POOLS.male.draw(r) : KZ_POOLS.female.draw(r);
    // Surnames from a forefather's name (Нурланов) make the long tail.
    const base = r.chance(0.3) ? KZ_POOLS.male.draw(r) + 'ов' : KZ_POOLS.surname.draw(r);
    const family = gender === 'male' ? base : slavicFemale(base);
    const tokens = [token('given', kzForms(given), given)];
    if (r.chance(0.7)) {
      const father = KZ_POOLS.male.draw(r);
      const patronymic = father + (gender === 'male' ? 'ович' : 'овна');
      tokens.push(token('patronymic', kzForms(patronymic), patronymic));
    }
    tokens.push(token('family', kzForms(family), family));
    return { tokens };
  },
  *vocabulary() {
    for (const m of KZ_MALE) {
      yield token('given', kzForms(m), m);
      yield token('patronymic', kzForms(m + 'ович'), m + 'ович');
      yield token('patronymic', kzForms(m + 'овна'), m + 'овна');
      yield token('family', kzForms(m + 'ов'), m + 'ов');
      yield token('family', kzForms(m + 'ова'), m + 'ова');
    }
    for (const f of KZ_FEMALE) yield token('given', kzForms(f), f);
    for (const s of KZ_SURNAMES) {
      yield token('family', kzForms(s), s);
      yield token('family', kzForms(slavicFemale(s)), slavicFemale(s));
    }
  },
};

// Arabic and Persian ------------------------------------------------------

const ARABIC_SYSTEMS = ['gulf', 'scholarly', 'francophone'];
const rowToken = (role: NameRole, row: string[]): NameToken => token(role, row.slice(1), row[0]);

/**
 * The article in family names as different writers join it: "Al Mansoori",
 * "Al-Mansoori", "Almansoori", "El-Mansouri", "al-Mansuri".
 */
function articleVariants(text: string): string[] {
  const m = /^(Al|El|Es|Ez|En|Er|Ed|Et|Ech|al)[- ](\S.*)$/.exec(text);
  if (!m) return [];
  const rest = m[2]!;
  const out = [`Al-${rest}`, `Al${rest.toLowerCase()}`, `El-${rest}`, `Al ${rest}`, rest];
  return out.filter((v) => v !== text);
}

function nasab(tokens: NameToken[], system: number, gender: Gender): string | undefined {
  const given = tokens.find((t) => t.role === 'given');
  const father = tokens.find((t) => t.role === 'father');
  const grandfather = tokens.find((t) => t.role === 'grandfather');
  const family = tokens.find((t) => t.role === 'family');
  if (!given || !father) return undefined;
  const word = system === 1 ? (gender === 'male' ? 'ibn' : 'bint') : system === 2 ? (gender === 'male' ? 'Ben' : 'Bent') : gender === 'male' ? 'bin' : 'bint';
  const parts = [form(given, system), word, form(father, system)];
  if (grandfather) parts.push(system === 1 ? 'ibn' : system === 2 ? 'Ben' : 'bin', form(grandfather, system));
  if (family) parts.push(form(family, system));
  return parts.join(' ');
}

function arabicExtra(tokens: NameToken[], system: number): string[] {
  const out: string[] = [];
  const female = tokens.some((t) => t.role === 'given' && AR_FEMALE.some((row) => row[0] === t.native));
  const withNasab = nasab(tokens, system, female ? 'female' : 'male');
  if (withNasab) out.push(withNasab);
  const family = tokens.find((t) => t.role === 'family');
  if (family) {
    for (const alt of articleVariants(form(family, system))) {
      out.push(tokens.map((t) => (t === family ? alt : form(t, system))).join(' '));
    }
  }
  return out;
}

const AR_POOLS = {
  male: new Pool(AR_MALE, 2),
  female: new Pool(AR_FEMALE, 3),
  gulf: new Pool(AR_GULF_FAMILIES, 6),
  levant: new Pool(AR_LEVANT_FAMILIES, 6),
};

function arabicCulture(code: 'arabic_gulf' | 'arabic_levant', families: string[][], nationalities: Array<[string, number]>): Culture {
  const familyPool = code === 'arabic_gulf' ? AR_POOLS.gulf : AR_POOLS.levant;
  return {
    code,
    systems: ARABIC_SYSTEMS,
    nationalities,
    // Lebanese and Syrian documents lean on French spellings; Gulf, Jordanian and Iraqi on English.
    registrySystem: (n) => (n === 'lb' || n === 'sy' ? 2 : 0),
    layouts: [
      ['given', 'father', 'grandfather', 'family'],
      ['given', 'father', 'family'],
      ['given', 'family'],
      ['family', 'given', 'father'],
    ],
    nativeLayout: ['given', 'father', 'grandfather', 'family'],
    build(r, gender) {
      const given = gender === 'male' ? AR_POOLS.male.draw(r) : AR_POOLS.female.draw(r);
      let father = AR_POOLS.male.draw(r);
      if (father === given) father = AR_POOLS.male.draw(r);
      const tokens = [rowToken('given', given), rowToken('father', father)];
      if (code === 'arabic_gulf' && r.chance(0.5)) tokens.push(rowToken('grandfather', AR_POOLS.male.draw(r)));
      tokens.push(rowToken('family', familyPool.draw(r)));
      const aliases: string[] = [];
      // A kunya ("Abu Ahmed"): men are widely known by their eldest son's name.
      if (gender === 'male' && r.chance(0.12)) aliases.push(`Abu ${AR_POOLS.male.draw(r)[1]}`);
      return { tokens, aliases, fatherName: tokens[1]!.forms[0] };
    },
    *vocabulary() {
      for (const row of AR_MALE) {
        yield rowToken('given', row);
        yield rowToken('father', row);
        yield rowToken('grandfather', row);
      }
      for (const row of AR_FEMALE) yield rowToken('given', row);
      for (const row of families) yield rowToken('family', row);
    },
    extra: arabicExtra,
  };
}

const arabicGulf = arabicCulture('arabic_gulf', AR_GULF_FAMILIES, [['ae', 0.45], ['sa', 0.3], ['qa', 0.1], ['kw', 0.08], ['bh', 0.05], ['om', 0.02]]);
const arabicLevant = arabicCulture('arabic_levant', AR_LEVANT_FAMILIES, [['lb', 0.3], ['sy', 0.3], ['jo', 0.25], ['iq', 0.15]]);

const FA_TAIL = FA_TAIL_STEMS.flatMap((stem) =>
  FA_TAIL_SUFFIXES.map((suf) => [stem[0]! + suf[0]!, ...stem.slice(1).map((s, i) => s + suf[i + 1]!)]),
);
const FA_POOLS = { male: new Pool(FA_MALE, 2), female: new Pool(FA_FEMALE, 3), surname: new Pool(FA_SURNAMES, 6) };

const persian: Culture = {
  code: 'persian',
  systems: ['common', 'scholarly', 'alternative'],
  nationalities: [['ir', 0.96], ['ae', 0.02], ['de', 0.01], ['gb', 0.01]],
  registrySystem: () => 0,
  layouts: [['given', 'family'], ['family', 'given']],
  nativeLayout: ['given', 'family'],
  build(r, gender) {
    const given = gender === 'male' ? FA_POOLS.male.draw(r) : FA_POOLS.female.draw(r);
    const family = r.chance(0.3) ? r.pick(FA_TAIL) : FA_POOLS.surname.draw(r);
    return { tokens: [rowToken('given', given), rowToken('family', family)], fatherName: FA_POOLS.male.draw(r)[1] };
  },
  *vocabulary() {
    for (const row of [...FA_MALE, ...FA_FEMALE]) yield rowToken('given', row);
    for (const row of [...FA_SURNAMES, ...FA_TAIL]) yield rowToken('family', row);
  },
};

// Turkish -------------------------------------------------------------------

const trForms = (name: string): string[] => [name, stripDiacritics(name), turkishPhonetic(name), turkishGerman(name)];
const TR_POOLS = { male: new Pool(TR_MALE, 3), female: new Pool(TR_FEMALE, 3), surname: new Pool(TR_SURNAMES, 6) };

const turkish: Culture = {
  code: 'turkish',
  systems: ['turkish', 'ascii', 'phonetic', 'german'],
  nationalities: [['tr', 0.92], ['de', 0.05], ['nl', 0.02], ['cy', 0.01]],
  // Turks of German or Dutch nationality are registered without Turkish letters.
  registrySystem: (n) => (n === 'de' ? 3 : n === 'tr' ? 0 : 1),
  layouts: WESTERN_LAYOUTS,
  build(r, gender) {
    const pool = gender === 'male' ? TR_POOLS.male : TR_POOLS.female;
    const tokens = [token('given', trForms(pool.draw(r)))];
    if (r.chance(0.2)) tokens.push(token('middle', trForms(pool.draw(r))));
    const family = r.chance(0.15) ? r.pick(TR_TAIL_PREFIXES) + r.pick(TR_TAIL_SUFFIXES) : TR_POOLS.surname.draw(r);
    tokens.push(token('family', trForms(family)));
    return { tokens };
  },
  *vocabulary() {
    for (const n of [...TR_MALE, ...TR_FEMALE]) yield token('given', trForms(n));
    for (const s of [...TR_SURNAMES, ...TR_TAIL_PREFIXES.flatMap((p) => TR_TAIL_SUFFIXES.map((x) => p + x))]) yield token('family', trForms(s));
  },
};

// Chinese and Korean --------------------------------------------------------

const ZH_POOLS = { surname: new Pool(ZH_SURNAMES, 3), male: new Pool(ZH_GIVEN_MALE, 4), female: new Pool(ZH_GIVEN_FEMALE, 4) };

function zhSurnameToken(row: string[], traditional: boolean): NameToken {
  return token('family', [row[2]!, row[3]!, row[4]!], traditional ? row[1] : row[0]);
}

/** A one- or two-character given name: pinyin written as one word (Xiaoming), Wade–Giles and Cantonese hyphenated (Hsiao-ming, Siu-ming). */
function zhGivenToken(chars: string[][], traditional: boolean): NameToken {
  const join = (col: number, sep: string): string => capitalize(chars.map((c) => c[col]!).join(sep)).replace(/-(\p{Lu})/u, (_, c: string) => '-' + c.toLowerCase());
  const native = chars.map((c) => (traditional ? c[1] : c[0])).join('');
  return token('given', [join(2, ''), join(3, '-'), join(4, '-')], native);
}

const chinese: Culture = {
  code: 'chinese',
  systems: ['pinyin', 'wade-giles', 'cantonese'],
  nationalities: [['cn', 0.75], ['hk', 0.18], ['tw', 0.04], ['sg', 0.03]],
  registrySystem: (n) => (n === 'hk' ? 2 : n === 'tw' ? 1 : 0),
  layouts: [['family', 'given'], ['given', 'family']],
  nativeLayout: ['family', 'given'],
  nativeJoin: '',
  build(r, gender, nationality) {
    const traditional = nationality === 'hk' || nationality === 'tw';
    const pool = gender === 'male' ? ZH_POOLS.male : ZH_POOLS.female;
    const chars = r.chance(0.3) ? [pool.draw(r)] : [pool.draw(r), pool.draw(r)];
    const tokens = [zhSurnameToken(ZH_POOLS.surname.draw(r), traditional), zhGivenToken(chars, traditional)];
    const aliases: string[] = [];
    // Hong Kong residents often carry an English given name before the Chinese one (Peter Chan Siu-ming).
    if (nationality === 'hk' && r.chance(0.4)) {
      const english = gender === 'male' ? r.pick(EN_MALE) : r.pick(EN_FEMALE);
      aliases.push(`${english} ${tokens[0]!.forms[2]} ${tokens[1]!.forms[2]}`);
    }
    return { tokens, aliases };
  },
  *vocabulary() {
    for (const row of ZH_SURNAMES) {
      yield zhSurnameToken(row, false);
      if (row[1] !== row[0]) yield zhSurnameToken(row, true);
    }
    for (const pool of [ZH_GIVEN_MALE, ZH_GIVEN_FEMALE]) {
      for (const a of pool) {
        yield zhGivenToken([a], false);
        for (const b of pool) yield zhGivenToken([a, b], false);
      }
    }
  },
  extra(tokens, system) {
    // Syllables written apart, as Western forms often do (Zhang Xiao Ming).
    return tokens.map((t) => form(t, system).replace(/-/g, ' ')).join(' ') === tokens.map((t) => form(t, system)).join(' ')
      ? []
      : [tokens.map((t) => capitalize(form(t, system).replace(/-/g, ' '))).join(' ')];
  },
};

const KO_POOLS = { surname: new Pool(KO_SURNAMES, 0.3), male: new Pool(KO_GIVEN_MALE, 4), female: new Pool(KO_GIVEN_FEMALE, 4) };

const korean: Culture = {
  code: 'korean',
  systems: ['common', 'revised', 'mccune-reischauer', 'dprk'],
  nationalities: [['kr', 0.93], ['kp', 0.07]],
  registrySystem: (n) => (n === 'kp' ? 3 : 0),
  layouts: [['family', 'given'], ['given', 'family']],
  nativeLayout: ['family', 'given'],
  nativeJoin: '',
  build(r, gender) {
    const given = gender === 'male' ? KO_POOLS.male.draw(r) : KO_POOLS.female.draw(r);
    return { tokens: [rowToken('family', KO_POOLS.surname.draw(r)), rowToken('given', given)] };
  },
  *vocabulary() {
    for (const row of KO_SURNAMES) yield rowToken('family', row);
    for (const row of [...KO_GIVEN_MALE, ...KO_GIVEN_FEMALE]) yield rowToken('given', row);
  },
  extra(tokens, system) {
    const given = tokens.find((t) => t.role === 'given');
    const family = tokens.find((t) => t.role === 'family');
    if (!given || !family || !form(given, system).includes('-')) return [];
    return [`${form(family, system)} ${form(given, system).replace('-', '')}`, `${form(family, system)} ${capitalize(form(given, system).replace('-', ' '))}`];
  },
};

// Indian --------------------------------------------------------------------

const IN_POOLS = { male: new Pool(IN_MALE, 4), female: new Pool(IN_FEMALE, 4), surname: new Pool(IN_SURNAMES, 5), muslim: new Pool(IN_MUSLIM_SURNAMES, 1) };

const indian: Culture = {
  code: 'indian',
  systems: ['common', 'alternative 1', 'alternative 2', 'alternative 3'],
  nationalities: [['in', 0.9], ['ae', 0.05], ['gb', 0.04], ['sg', 0.01]],
  registrySystem: () => 0,
  layouts: WESTERN_LAYOUTS,
  build(r, gender) {
    const given = gender === 'male' ? IN_POOLS.male.draw(r) : IN_POOLS.female.draw(r);
    let family: string[];
    if (IN_SIKH.has(given[0]!)) family = [gender === 'male' ? 'Singh' : 'Kaur'];
    else if (IN_MUSLIM.has(given[0]!)) family = IN_POOLS.muslim.draw(r);
    else family = IN_POOLS.surname.draw(r);
    const tokens = [token('given', given)];
    // A father's name or second given name in the middle is common in Indian documents.
    const middle = IN_POOLS.male.draw(r);
    if (r.chance(0.25) && middle !== given) tokens.push(token('middle', middle));
    tokens.push(token('family', family));
    return { tokens };
  },
  *vocabulary() {
    for (const row of [...IN_MALE, ...IN_FEMALE]) yield token('given', row);
    for (const row of [...IN_SURNAMES, ...IN_MUSLIM_SURNAMES, ['Kaur']]) yield token('family', row);
  },
};

// Georgian, Armenian, Greek -------------------------------------------------

const kaForms = (native: string): string[] => [0, 1, 2, 3, 4].map((s) => romanizeGeorgian(native, s));
const KA_POOLS = { male: new Pool(KA_MALE, 3), female: new Pool(KA_FEMALE, 3), surname: new Pool(KA_SURNAMES, 10) };
const KA_TAIL = KA_TAIL_STEMS.flatMap((s) => [s + 'ძე', s + 'შვილი']);

const georgian: Culture = {
  code: 'georgian',
  systems: ['national', 'national with apostrophes', 'russian-mediated', 'german', 'french'],
  nationalities: [['ge', 0.95], ['ru', 0.03], ['ua', 0.02]],
  registrySystem: (n) => (n === 'ge' ? 0 : 2),
  layouts: [['given', 'family'], ['family', 'given']],
  nativeLayout: ['given', 'family'],
  build(r, gender) {
    const given = gender === 'male' ? KA_POOLS.male.draw(r) : KA_POOLS.female.draw(r);
    const family = r.chance(0.3) ? r.pick(KA_TAIL) : KA_POOLS.surname.draw(r);
    return { tokens: [token('given', kaForms(given), given), token('family', kaForms(family), family)] };
  },
  *vocabulary() {
    for (const n of [...KA_MALE, ...KA_FEMALE]) yield token('given', kaForms(n), n);
    for (const s of [...KA_SURNAMES, ...KA_TAIL]) yield token('family', kaForms(s), s);
  },
};

const hyForms = (native: string): string[] => [0, 1, 2].map((s) => romanizeArmenian(native, s));
const HY_POOLS = { male: new Pool(HY_MALE, 3), female: new Pool(HY_FEMALE, 3), surname: new Pool(HY_SURNAMES, 5) };
/** Armenian surnames are built on a forefather's name: Aram → Aramyan. */
const HY_TAIL = HY_MALE.map((m) => m + 'յան');

const armenian: Culture = {
  code: 'armenian',
  systems: ['national', 'western (-ian)', 'russian-mediated'],
  nationalities: [['am', 0.85], ['ru', 0.1], ['fr', 0.03], ['ge', 0.02]],
  registrySystem: (n) => (n === 'ru' ? 2 : n === 'fr' ? 1 : 0),
  layouts: [['given', 'family'], ['family', 'given']],
  nativeLayout: ['given', 'family'],
  build(r, gender) {
    const given = gender === 'male' ? HY_POOLS.male.draw(r) : HY_POOLS.female.draw(r);
    const family = r.chance(0.25) ? r.pick(HY_TAIL) : HY_POOLS.surname.draw(r);
    return { tokens: [token('given', hyForms(given), given), token('family', hyForms(family), family)] };
  },
  *vocabulary() {
    for (const n of [...HY_MALE, ...HY_FEMALE]) yield token('given', hyForms(n), n);
    for (const s of [...HY_SURNAMES, ...HY_TAIL]) yield token('family', hyForms(s), s);
  },
};

function greekFemale(surname: string): string {
  if (surname.endsWith('όπουλος')) return surname.replace(/όπουλος$/, 'οπούλου');
  if (/(ίδης|άδης)$/.test(surname)) return surname.replace(/ης$/, 'ου');
  if (/ης$/.test(surname)) return surname.replace(/ης$/, 'η');
  if (/ής$/.test(surname)) return surname.replace(/ής$/, 'ή');
  if (/άς$/.test(surname)) return surname.replace(/άς$/, 'ά');
  if (/ος$/.test(surname)) return surname.replace(/ος$/, 'ου');
  return surname;
}

const elForms = (native: string, given = false): string[] => {
  const forms = [0, 1, 2, 3].map((s) => romanizeGreek(native, s));
  forms.push(given ? (EL_ANGLICISED[native] ?? forms[1]!) : forms[1]!);
  return forms;
};
const EL_POOLS = { male: new Pool(EL_MALE, 3), female: new Pool(EL_FEMALE, 3), surname: new Pool(EL_SURNAMES, 8) };
const EL_TAIL = EL_TAIL_STEMS.flatMap((s) => EL_TAIL_SUFFIXES.map((x) => s + x));

const greek: Culture = {
  code: 'greek',
  systems: ['elot-743', 'traditional', 'phonetic', 'cypriot', 'anglicised'],
  nationalities: [['gr', 0.68], ['cy', 0.3], ['gb', 0.02]],
  registrySystem: (n) => (n === 'cy' ? 3 : n === 'gb' ? 4 : 0),
  layouts: [['given', 'family'], ['family', 'given']],
  nativeLayout: ['given', 'family'],
  build(r, gender, nationality) {
    const given = gender === 'male' ? EL_POOLS.male.draw(r) : EL_POOLS.female.draw(r);
    const base = r.chance(0.25) ? r.pick(EL_TAIL) : EL_POOLS.surname.draw(r);
    const family = gender === 'male' ? base : greekFemale(base);
    const tokens = [token('given', elForms(given, true), given), token('family', elForms(family), family)];
    const short = EL_SHORT[given];
    const aliases = short && r.chance(0.3) ? [`${short} ${tokens[1]!.forms[nationality === 'cy' ? 3 : 0]}`] : [];
    return { tokens, aliases };
  },
  *vocabulary() {
    for (const n of [...EL_MALE, ...EL_FEMALE]) yield token('given', elForms(n, true), n);
    for (const s of [...EL_SURNAMES, ...EL_TAIL]) {
      yield token('family', elForms(s), s);
      const f = greekFemale(s);
      if (f !== s) yield token('family', elForms(f), f);
    }
  },
};

// Latin-script European cultures -------------------------------------------

interface LatinCultureSpec {
  code: CultureCode;
  systems: string[];
  forms: (name: string) => string[];
  male: string[];
  female: string[];
  surnames: string[];
  tail?: () => string[];
  tailShare?: number;
  femaleSurname?: (surname: string) => string;
  middleChance: number;
  nationalities: Array<[string, number]>;
  q: number;
  extra?: Culture['extra'];
}

function latinCulture(spec: LatinCultureSpec): Culture {
  const pools = { male: new Pool(spec.male, 3), female: new Pool(spec.female, 3), surname: new Pool(spec.surnames, spec.q) };
  const tail = spec.tail?.() ?? [];
  return {
    code: spec.code,
    systems: spec.systems,
    nationalities: spec.nationalities,
    registrySystem: () => 0,
    layouts: WESTERN_LAYOUTS,
    build(r, gender) {
      const pool = gender === 'male' ? pools.male : pools.female;
      const given = pool.draw(r);
      const tokens = [token('given', spec.forms(given))];
      if (r.chance(spec.middleChance)) {
        let middle = pool.draw(r);
        if (middle === given) middle = pool.draw(r);
        if (middle !== given) tokens.push(token('middle', spec.forms(middle)));
      }
      const base = tail.length > 0 && r.chance(spec.tailShare ?? 0.15) ? r.pick(tail) : pools.surname.draw(r);
      const family = gender === 'female' && spec.femaleSurname ? spec.femaleSurname(base) : base;
      tokens.push(token('family', spec.forms(family)));
      return { tokens };
    },
    *vocabulary() {
      for (const n of [...spec.male, ...spec.female]) yield token('given', spec.forms(n));
      for (const s of [...spec.surnames, ...tail]) {
        yield token('family', spec.forms(s));
        const f = spec.femaleSurname?.(s);
        if (f !== undefined && f !== s) yield token('family', spec.forms(f));
      }
    },
    extra: spec.extra,
  };
}

const asIs = (n: string): string[] => [n];

const german = latinCulture({
  code: 'german',
  systems: ['as written', 'umlauts expanded', 'diacritics stripped'],
  forms: (n) => [n, expandUmlauts(n), stripDiacritics(n)],
  male: DE_MALE,
  female: DE_FEMALE,
  surnames: DE_SURNAMES,
  tail: () => DE_TAIL_PREFIXES.flatMap((p) => DE_TAIL_SUFFIXES.map((s) => p + s)),
  middleChance: 0.3,
  nationalities: [['de', 0.82], ['at', 0.11], ['ch', 0.07]],
  q: 4,
});

const english = latinCulture({
  code: 'english',
  systems: ['as written'],
  forms: asIs,
  male: EN_MALE,
  female: EN_FEMALE,
  surnames: EN_SURNAMES,
  middleChance: 0.5,
  nationalities: [['gb', 0.65], ['us', 0.22], ['ie', 0.08], ['mt', 0.03], ['cy', 0.02]],
  q: 6,
  extra(tokens, system) {
    const middle = tokens.find((t) => t.role === 'middle');
    if (!middle) return [];
    return [tokens.map((t) => (t === middle ? form(t, system).slice(0, 1) + '.' : form(t, system))).join(' ')];
  },
});

const french = latinCulture({
  code: 'french',
  systems: ['as written', 'diacritics stripped'],
  forms: (n) => [n, stripDiacritics(n)],
  male: FR_MALE,
  female: FR_FEMALE,
  surnames: FR_SURNAMES,
  middleChance: 0.2,
  nationalities: [['fr', 0.82], ['be', 0.1], ['ch', 0.04], ['lu', 0.04]],
  q: 8,
});

const italian = latinCulture({
  code: 'italian',
  systems: ['as written', 'diacritics stripped'],
  forms: (n) => [n, stripDiacritics(n)],
  male: IT_MALE,
  female: IT_FEMALE,
  surnames: IT_SURNAMES,
  middleChance: 0.1,
  nationalities: [['it', 0.95], ['ch', 0.05]],
  q: 8,
  extra(tokens, system) {
    const family = tokens.find((t) => t.role === 'family');
    const f = family ? form(family, system) : '';
    if (!family || !/^(De|Di|Del|D')\s?\S/.test(f)) return [];
    const fused = f.replace(/^(De|Di|Del)\s/, '$1').replace(/^D'/, 'D');
    return [tokens.map((t) => (t === family ? fused : form(t, system))).join(' ')];
  },
});

/** Dutch surname particles: "van den Berg" sorts and is written "Van den Berg", "Vandenberg", "Berg, van den". */
function dutchForms(n: string): string[] {
  const particle = /^((?:van|de|der|den|het|ter|ten|te|in 't)\s)+/.exec(n);
  const ij = n.replace(/ij/g, 'y').replace(/IJ/g, 'Y');
  if (!particle) return [n, ij];
  return [n, ij, capitalize(particle[0]) .replace(/ (\p{Lu})/gu, (_, c: string) => ' ' + c.toLowerCase()) + n.slice(particle[0].length), n.replace(/\s/g, '').replace(/^\p{Ll}/u, (c) => c.toUpperCase())];
}

const dutch = latinCulture({
  code: 'dutch',
  systems: ['as written', 'ij as y', 'particle capitalised', 'particle fused'],
  forms: dutchForms,
  male: NL_MALE,
  female: NL_FEMALE,
  surnames: NL_SURNAMES,
  middleChance: 0.35,
  nationalities: [['nl', 0.86], ['be', 0.14]],
  q: 6,
  extra(tokens, system) {
    const family = tokens.find((t) => t.role === 'family');
    const given = tokens.find((t) => t.role === 'given');
    if (!family || !given) return [];
    const f = form(family, 0);
    const particle = /^((?:van|de|der|den|het|ter|ten|te)\s)+/.exec(f);
    return particle ? [`${f.slice(particle[0].length)}, ${form(given, system)} ${particle[0].trim()}`] : [];
  },
});

const polish = latinCulture({
  code: 'polish',
  systems: ['as written', 'diacritics stripped'],
  forms: (n) => [n, stripDiacritics(n)],
  male: PL_MALE,
  female: PL_FEMALE,
  surnames: PL_SURNAMES,
  middleChance: 0.05,
  nationalities: [['pl', 0.97], ['de', 0.02], ['gb', 0.01]],
  q: 4,
  femaleSurname: (s) => s.replace(/ski$/, 'ska').replace(/cki$/, 'cka').replace(/dzki$/, 'dzka'),
});

const ES_SURNAME_POOL = new Pool(ES_SURNAMES, 5);
const ES_NAME_POOLS = { male: new Pool(ES_MALE, 3), female: new Pool(ES_FEMALE, 3) };

const spanish: Culture = {
  code: 'spanish',
  systems: ['as written', 'diacritics stripped'],
  nationalities: [['es', 0.55], ['mx', 0.15], ['co', 0.1], ['ve', 0.08], ['pa', 0.07], ['ar', 0.05]],
  registrySystem: () => 0,
  // Two surnames: paternal (family) then maternal, written as one "apellidos" field.
  layouts: [
    ['given', 'family', 'middle'],
    ['given', 'family'],
    ['family', 'middle', 'given'],
  ],
  build(r, gender) {
    const given = gender === 'male' ? ES_NAME_POOLS.male.draw(r) : ES_NAME_POOLS.female.draw(r);
    const paternal = ES_SURNAME_POOL.draw(r);
    let maternal = ES_SURNAME_POOL.draw(r);
    if (maternal === paternal) maternal = ES_SURNAME_POOL.draw(r);
    const forms = (n: string): string[] => [n, stripDiacritics(n)];
    return { tokens: [token('given', forms(given)), token('family', forms(paternal)), token('middle', forms(maternal))] };
  },
  *vocabulary() {
    for (const n of [...ES_MALE, ...ES_FEMALE]) yield token('given', [n, stripDiacritics(n)]);
    for (const s of ES_SURNAMES) yield token('family', [s, stripDiacritics(s)]);
  },
  extra(tokens, system) {
    const given = tokens.find((t) => t.role === 'given');
    const paternal = tokens.find((t) => t.role === 'family');
    const maternal = tokens.find((t) => t.role === 'middle');
    if (!given || !paternal || !maternal) return [];
    return [`${form(given, system)} ${form(paternal, system)}-${form(maternal, system)}`, `${form(given, system)} ${form(paternal, system)} y ${form(maternal, system)}`];
  },
};

const CULTURES: Record<CultureCode, Culture> = {
  russian,
  ukrainian,
  belarusian,
  kazakh,
  arabic_gulf: arabicGulf,
  arabic_levant: arabicLevant,
  persian,
  turkish,
  chinese,
  korean,
  indian,
  georgian,
  armenian,
  greek,
  german,
  english,
  french,
  spanish,
  italian,
  dutch,
  polish,
};

export const CULTURE_CODES = Object.keys(CULTURES) as CultureCode[];

/** The spelling systems a culture's names come in (forms[i] of a token is in system i). */
export function cultureSystems(culture: CultureCode): readonly string[] {
  return cultureOf(culture).systems;
}

function cultureOf(code: string): Culture {
  if (!Object.hasOwn(CULTURES, code)) throw new Error(`unknown naming culture ${JSON.stringify(code)}; known: ${CULTURE_CODES.join(', ')}`);
  return CULTURES[code as CultureCode];
}

/**
 * How often each culture's people appear in a Europe-centred exercise world:
 * the EU's own populations, the Russian-speaking world whose trade the
 * sanctions target, and the hubs' business communities (Gulf, Turkey, China,
 * India, the Caucasus).
 */
export const CULTURE_WEIGHTS: Record<CultureCode, number> = {
  russian: 14, ukrainian: 3, belarusian: 1, kazakh: 2, arabic_gulf: 5, arabic_levant: 3, persian: 2, turkish: 6, chinese: 6, korean: 1,
  indian: 4, georgian: 2, armenian: 2, greek: 5, german: 7, english: 8, french: 4, spanish: 3, italian: 4, dutch: 8, polish: 3,
};

// ---------------------------------------------------------------- people

function render(tokens: NameToken[], system: number, layout: NameRole[]): string {
  const parts: string[] = [];
  for (const role of layout) for (const t of tokens) if (t.role === role) parts.push(form(t, system));
  return parts.join(' ');
}

function renderNative(culture: Culture, tokens: NameToken[]): string | undefined {
  if (!culture.nativeLayout || tokens.some((t) => t.native === undefined)) return undefined;
  const parts: string[] = [];
  for (const role of culture.nativeLayout) for (const t of tokens) if (t.role === role) parts.push(t.native!);
  return parts.join(culture.nativeJoin ?? ' ');
}

/** A birth date for an adult of working age in the 2020s: mostly born 1950–1995. */
function birthDate(r: Random): string {
  const year = Math.round(Math.min(2003, Math.max(1938, r.normal(1972, 12))));
  const month = r.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(r.int(1, days)).padStart(2, '0')}`;
}

export interface PersonOptions {
  nationality?: string;
  gender?: Gender;
}

/**
 * A person of a culture (drawn by CULTURE_WEIGHTS when none is given), named
 * as their country's registry writes them in Latin, with the native-script
 * name, a birth date and a nationality.
 */
export function makePerson(r: Random, culture?: CultureCode | string, opts: PersonOptions = {}): Person {
  const code = culture ?? r.weighted(CULTURE_CODES, CULTURE_CODES.map((c) => CULTURE_WEIGHTS[c]));
  const c = cultureOf(code);
  const gender = opts.gender ?? (r.chance(0.72) ? 'male' : 'female'); // company officers skew male in every registry
  const nationality = opts.nationality ?? pickWeighted(r, c.nationalities);
  const built = c.build(r, gender, nationality);
  const system = c.registrySystem(nationality);
  const tokens = built.tokens;
  const name = render(tokens, system, c.layouts[0]!);
  const pick = (role: NameRole): string | undefined => {
    const t = tokens.filter((x) => x.role === role);
    return t.length > 0 ? t.map((x) => form(x, system)).join(' ') : undefined;
  };
  const family = pick('family')!;
  const lastName = c.code === 'spanish' ? [family, pick('middle')].filter(Boolean).join(' ') : family;
  const person: Person = {
    key: '',
    culture: c.code,
    gender,
    firstName: pick('given')!,
    lastName,
    name,
    birthDate: birthDate(r),
    nationality,
    tokens,
    system,
  };
  const middle = c.code === 'spanish' ? undefined : pick('middle');
  if (middle) person.middleName = middle;
  const patronymic = pick('patronymic');
  if (patronymic) person.patronymic = patronymic;
  const father = pick('father') ?? built.fatherName;
  if (father) person.fatherName = father;
  const nativeName = renderNative(c, tokens);
  if (nativeName && nativeName !== name) person.nativeName = nativeName;
  if (built.aliases && built.aliases.length > 0) person.aliases = built.aliases;
  person.key = `${foldName(name).replace(/ /g, '-')}:${person.birthDate}`;
  return person;
}

// ---------------------------------------------------------------- variants

const VOCABULARY = new Map<CultureCode, Map<string, NameToken[]>>();

/** Every spelling (and native form) of every token of a culture, lower-cased, to its tokens (one per role); built once per culture. */
function vocabularyIndex(code: CultureCode): Map<string, NameToken[]> {
  let index = VOCABULARY.get(code);
  if (index) return index;
  index = new Map();
  for (const t of cultureOf(code).vocabulary()) {
    for (const key of new Set([t.native, ...t.forms])) {
      if (key === undefined) continue;
      const k = key.toLowerCase();
      const list = index.get(k) ?? [];
      if (!list.some((x) => x.role === t.role)) list.push(t);
      index.set(k, list);
    }
  }
  VOCABULARY.set(code, index);
  return index;
}

/** Loose Latin re-spellings for a word no table knows (kh/h, ts/tz, -iy/-y/-i, ou/u, y/i, sh/sch). */
function looseRespellings(word: string): string[] {
  const rules: Array<[RegExp, string]> = [
    [/kh/gi, 'h'], [/ts/gi, 'tz'], [/iy$/i, 'y'], [/ii$/i, 'iy'], [/yu/gi, 'iu'], [/ya/gi, 'ia'], [/ou/gi, 'u'], [/sh/gi, 'sch'],
    [/ov$/i, 'ow'], [/ev$/i, 'ew'], [/ee/gi, 'i'], [/oo/gi, 'u'], [/q/gi, 'k'], [/x/gi, 'ks'], [/ph/gi, 'f'],
  ];
  const out: string[] = [];
  for (const [re, to] of rules) {
    re.lastIndex = 0;
    if (re.test(word)) out.push(word.replace(re, (m) => (m[0] === m[0]!.toUpperCase() ? capitalize(to) : to)));
  }
  const ascii = stripDiacritics(word);
  if (ascii !== word) out.push(ascii);
  return out;
}

/** The roles of n words written in a layout: optional middle roles dropped, or the last middle role repeated. */
function fitLayout(layout: NameRole[], n: number): NameRole[] {
  if (n <= 1) return layout.slice(0, n);
  if (layout.length === n) return layout;
  if (layout.length > n) return [...layout.slice(0, n - 1), layout[layout.length - 1]!];
  const middle = layout.length > 2 ? layout[layout.length - 2]! : layout[0]!;
  return [...layout.slice(0, -1), ...Array<NameRole>(n - layout.length).fill(middle), layout[layout.length - 1]!];
}

/**
 * Read a name back into tokens: longest runs of words found in the culture's
 * vocabulary, roles from the layout that best fits the words' known roles
 * (so "Ivanov Aleksandr" is read family-first), and the spelling system most
 * of the words are written in. Unknown words stay as written, with loose
 * re-spellings.
 */
function parseName(text: string, code: CultureCode): { tokens: NameToken[]; system: number } {
  const culture = cultureOf(code);
  const index = vocabularyIndex(code);
  const wordsIn = text.trim().split(/\s+/).filter((w) => w !== '');
  const groups: Array<{ text: string; candidates: NameToken[] }> = [];
  for (let i = 0; i < wordsIn.length; ) {
    let span = 1;
    let candidates: NameToken[] = [];
    for (let n = Math.min(3, wordsIn.length - i); n >= 1; n--) {
      const found = index.get(wordsIn.slice(i, i + n).join(' ').toLowerCase());
      if (found) {
        candidates = found;
        span = n;
        break;
      }
    }
    groups.push({ text: wordsIn.slice(i, i + span).join(' '), candidates });
    i += span;
  }
  let best: NameRole[] = fitLayout(culture.layouts[0]!, groups.length);
  let bestScore = -1;
  for (const layout of culture.layouts) {
    const roles = fitLayout(layout, groups.length);
    const score = roles.reduce((acc, role, i) => acc + (groups[i]!.candidates.some((t) => t.role === role) ? 1 : 0), 0);
    if (score > bestScore) {
      best = roles;
      bestScore = score;
    }
  }
  const tokens = groups.map((g, i): NameToken => {
    const role = best[i]!;
    const known = g.candidates.find((t) => t.role === role) ?? g.candidates[0];
    if (known) return { ...known, role };
    const cyr = /[\u0400-\u04ff]/.test(g.text);
    return token(role, cyr ? ruForms(g.text, false) : [g.text, ...looseRespellings(g.text)], cyr ? g.text : undefined);
  });
  const systems = Math.max(1, ...tokens.map((t) => t.forms.length));
  let system = 0;
  let hits = -1;
  for (let s = 0; s < systems; s++) {
    const h = tokens.reduce((acc, t, i) => acc + (form(t, s).toLowerCase() === groups[i]!.text.toLowerCase() ? 1 : 0), 0);
    if (h > hits) {
      hits = h;
      system = s;
    }
  }
  return { tokens, system };
}

/**
 * Other Latin spellings of a person's name, as other registries, banks and
 * sanctions lists write it: each spelling system of the culture, the name's
 * other word orders (family name first, with or without patronymic or
 * father's name), and culture-specific forms (bin/ibn, Al-/El-, initials,
 * syllables apart). Accepts a Person or a name (native or Latin), which is read
 * back through the culture's vocabulary. Deterministic; with a Random the
 * variants come in a random order. Never includes the name itself.
 */
export function transliterationVariants(subject: Person | string, culture: CultureCode | string, r?: Random): string[] {
  const c = cultureOf(typeof subject === 'string' ? culture : subject.culture);
  const original = typeof subject === 'string' ? subject.trim().replace(/\s+/g, ' ') : subject.name;
  const { tokens, system } = typeof subject === 'string' ? parseName(original, c.code) : subject;
  const systems = Math.max(c.systems.length, ...tokens.map((t) => t.forms.length));
  const seen = new Set<string>([original.toLowerCase()]);
  const out: string[] = [];
  const add = (v: string): void => {
    const clean = v.replace(/\s+/g, ' ').trim();
    if (clean === '' || seen.has(clean.toLowerCase())) return;
    seen.add(clean.toLowerCase());
    out.push(clean);
  };
  // The name as written, in every other system; then in other word orders; then the culture's own forms.
  const written = tokens.map((t) => t.role);
  for (let s = 0; s < systems; s++) add(render(tokens, s, dedupeRoles(written)));
  for (const layout of c.layouts) add(render(tokens, system, layout));
  for (let s = 0; s < systems; s++) for (const v of c.extra?.(tokens, s) ?? []) add(v);
  for (let s = 0; s < systems; s++) for (const layout of c.layouts) add(render(tokens, s, layout));
  return r ? r.shuffle(out) : out;
}

/** A layout that lists each role once, in the order first met (render emits every token of a role at its first place). */
function dedupeRoles(roles: NameRole[]): NameRole[] {
  return [...new Set(roles)];
}

// ---------------------------------------------------------------- companies

/** A legal form as the register writes it, with the English equivalent lists and banks use. */
export interface LegalForm {
  /** Abbreviation as registered (ООО, GmbH, Sp. z o.o., FZE). */
  short: string;
  /** Latin-script spelling when `short` is not Latin (OOO for ООО). */
  latin?: string;
  /** English equivalent (LLC, JSC). */
  english?: string;
  /** Full name of the form, as some registers spell it out. */
  long?: string;
  /** Written before the name (ООО «Вектор», SIA "Baltic", UAB "X"), otherwise after. */
  prefix?: boolean;
  /** The form in the register's own script where the name itself is kept in Latin (შპს, ՍՊԸ). */
  native?: string;
  weight: number;
}

/** Language of a register's company names (sector words, word order). */
export type Language = 'en' | 'de' | 'nl' | 'fr' | 'it' | 'es' | 'pt' | 'tr' | 'ru' | 'uk' | 'zh';
export type Sector = 'trading' | 'logistics' | 'shipping' | 'energy' | 'electronics' | 'machinery' | 'agri' | 'construction' | 'retail' | 'consulting';
const SECTORS: Sector[] = ['trading', 'logistics', 'shipping', 'energy', 'electronics', 'machinery', 'agri', 'construction', 'retail', 'consulting'];

/** Sector words per language, most common first. */
const SECTOR_WORDS: Record<Exclude<Language, 'ru' | 'uk' | 'zh'>, Record<Sector, string[]>> = {
  en: {
    trading: ['Trading', 'General Trading', 'International Trading', 'Commodities', 'Import & Export', 'Trade'],
    logistics: ['Logistics', 'Freight', 'Cargo Services', 'Forwarding', 'Supply Chain'],
    shipping: ['Shipping', 'Maritime', 'Navigation', 'Shipmanagement', 'Tankers', 'Marine'],
    energy: ['Energy', 'Petroleum', 'Oil & Gas', 'Petrochemicals', 'Fuels', 'Resources'],
    electronics: ['Electronics', 'Technologies', 'Tech', 'Components', 'Microsystems', 'Semiconductors'],
    machinery: ['Machinery', 'Engineering', 'Industrial Equipment', 'Tools', 'Industries'],
    agri: ['Agro', 'Grain', 'Agri Commodities', 'Foods', 'Farms'],
    construction: ['Construction', 'Builders', 'Development', 'Contracting'],
    retail: ['Retail', 'Stores', 'Distribution', 'Market'],
    consulting: ['Consulting', 'Advisory', 'Management Services', 'Capital', 'Holdings', 'Investments'],
  },
  de: {
    trading: ['Handelsgesellschaft', 'Handel', 'Import-Export', 'Trading'],
    logistics: ['Logistik', 'Spedition', 'Transporte'],
    shipping: ['Reederei', 'Schifffahrt', 'Shipping'],
    energy: ['Energie', 'Mineralöl', 'Energiehandel'],
    electronics: ['Elektronik', 'Elektrotechnik', 'Technik'],
    machinery: ['Maschinenbau', 'Anlagenbau', 'Maschinen'],
    agri: ['Agrar', 'Agrarhandel', 'Landhandel'],
    construction: ['Bau', 'Bauunternehmung', 'Hochbau'],
    retail: ['Handel', 'Vertrieb', 'Warenhandel'],
    consulting: ['Beratung', 'Consulting', 'Beteiligungen', 'Holding', 'Verwaltung'],
  },
  nl: {
    trading: ['Handelsonderneming', 'Trading', 'Import Export', 'Handel'],
    logistics: ['Logistiek', 'Transport', 'Expeditie'],
    shipping: ['Scheepvaart', 'Shipping', 'Rederij'],
    energy: ['Energie', 'Olie', 'Brandstoffen'],
    electronics: ['Elektronica', 'Techniek', 'Technology'],
    machinery: ['Machinebouw', 'Machines', 'Techniek'],
    agri: ['Agri', 'Agro', 'Graanhandel'],
    construction: ['Bouw', 'Bouwbedrijf', 'Aannemersbedrijf'],
    retail: ['Retail', 'Groothandel', 'Winkels'],
    consulting: ['Beheer', 'Holding', 'Advies', 'Consultancy'],
  },
  fr: {
    trading: ['Négoce', 'Trading', 'Import Export', 'Commerce International'],
    logistics: ['Logistique', 'Transports', 'Transit'],
    shipping: ['Compagnie Maritime', 'Maritime', 'Armement'],
    energy: ['Énergie', 'Pétrole', 'Carburants'],
    electronics: ['Électronique', 'Technologies', 'Composants'],
    machinery: ['Industrie', 'Mécanique', 'Équipements'],
    agri: ['Agricole', 'Céréales', 'Agro'],
    construction: ['Construction', 'Bâtiment', 'BTP'],
    retail: ['Distribution', 'Commerce', 'Boutiques'],
    consulting: ['Conseil', 'Participations', 'Gestion', 'Holding'],
  },
  it: {
    trading: ['Commerciale', 'Trading', 'Import Export', 'Commercio'],
    logistics: ['Logistica', 'Trasporti', 'Spedizioni'],
    shipping: ['Navigazione', 'Marittima', 'Shipping'],
    energy: ['Energia', 'Petroli', 'Carburanti'],
    electronics: ['Elettronica', 'Tecnologie', 'Componenti'],
    machinery: ['Meccanica', 'Macchine', 'Impianti'],
    agri: ['Agricola', 'Cereali', 'Agroalimentare'],
    construction: ['Costruzioni', 'Edilizia', 'Immobiliare'],
    retail: ['Distribuzione', 'Commercio', 'Negozi'],
    consulting: ['Consulting', 'Servizi', 'Partecipazioni', 'Holding'],
  },
  es: {
    trading: ['Comercial', 'Trading', 'Importaciones y Exportaciones', 'Comercio Exterior'],
    logistics: ['Logística', 'Transportes', 'Tránsitos'],
    shipping: ['Naviera', 'Marítima', 'Shipping'],
    energy: ['Energía', 'Petróleos', 'Combustibles'],
    electronics: ['Electrónica', 'Tecnologías', 'Componentes'],
    machinery: ['Maquinaria', 'Ingeniería', 'Equipos Industriales'],
    agri: ['Agrícola', 'Cereales', 'Agroalimentaria'],
    construction: ['Construcciones', 'Obras', 'Inmobiliaria'],
    retail: ['Distribuciones', 'Comercial', 'Almacenes'],
    consulting: ['Consultores', 'Asesores', 'Inversiones', 'Gestión'],
  },
  pt: {
    trading: ['Comércio Internacional', 'Trading', 'Importação e Exportação'],
    logistics: ['Logística', 'Transportes', 'Transitários'],
    shipping: ['Marítima', 'Navegação', 'Shipping'],
    energy: ['Energia', 'Combustíveis', 'Petróleos'],
    electronics: ['Eletrónica', 'Tecnologias', 'Componentes'],
    machinery: ['Máquinas', 'Engenharia', 'Equipamentos'],
    agri: ['Agrícola', 'Cereais', 'Agroalimentar'],
    construction: ['Construções', 'Obras', 'Imobiliária'],
    retail: ['Distribuição', 'Comércio', 'Lojas'],
    consulting: ['Consultoria', 'Gestão', 'Investimentos', 'Participações'],
  },
  tr: {
    trading: ['Dış Ticaret', 'İthalat İhracat', 'Ticaret', 'Uluslararası Ticaret'],
    logistics: ['Lojistik', 'Nakliyat', 'Taşımacılık'],
    shipping: ['Denizcilik', 'Gemi İşletmeciliği', 'Deniz Taşımacılığı'],
    energy: ['Enerji', 'Petrol Ürünleri', 'Akaryakıt'],
    electronics: ['Elektronik', 'Teknoloji', 'Bilişim'],
    machinery: ['Makina', 'Makine Sanayi', 'Mühendislik'],
    agri: ['Tarım Ürünleri', 'Gıda', 'Hububat'],
    construction: ['İnşaat', 'Yapı', 'Taahhüt'],
    retail: ['Mağazacılık', 'Pazarlama', 'Perakende'],
    consulting: ['Danışmanlık', 'Yatırım', 'Holding'],
  },
};

/**
 * Distinctive words: a few shared by many companies (Atlas, Horizon, Global),
 * the rest rarer. Drawn by rank, so that unrelated companies share a word now
 * and then, as "Atlas Trading" and "Atlas Logistics" do in every register.
 */
const DISTINCT_WORDS = new Pool(
  words(`Atlas Horizon Global Alpha Eurasia Orion Delta Prime Meridian Zenith Vector Apex Summit Nova Phoenix Titan Falcon Sirius
Polaris Vega Aurora Crescent Lotus Cedar Pinnacle Vertex Unity Infinity Legacy Sterling Crown Eagle Baltic Caspian Nordic Pacific
Atlantic Oriental Continental Imperial Royal Golden Silver Emerald Sapphire Pearl Coral Granite Marble Oakwood Silk Road Caravan
Sahara Tigris Euphrates Volga Danube Rhine Alpine Taurus Anatolia Levant Caucasus Pamir Altai Amur Ural Arctic Boreal Solaris
Stellar Quantum Fusion Nexus Matrix Synergy Keystone Landmark Milestone Compass Anchor Harbour Lighthouse Beacon Bridge Gateway`),
  12,
);
const COINED_HEADS = words('Tek Nov Vel Ar Mar Sel Zen Ax Kor Lum Ner Or Pol Quan Rex Sol Tri Ul Vor Xen Al Bel Cor Dar El Fin Gal Hel In Kal Lin Med Nor Pan Ros Sar Tal Uni Val Wes Yar Zar');
const COINED_MIDS = ['', '', 'a', 'e', 'i', 'o', 'ra', 'ri', 'ro', 'va', 'ne', 'la', 'ta'];
const COINED_TAILS = words('tex tron lux max nova ris tis gen con vest mar line port com tek net sys ion ex ar el on is um ia ora ant');

/** A coined brand (Novatex, Velaris, Korvest): the rare, distinctive part of many company names. */
function coinedBrand(r: Random): string {
  const word = r.pick(COINED_HEADS) + r.pick(COINED_MIDS) + r.pick(COINED_TAILS);
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** Russian-style compound names (Промснаб, Энергоресурс, Сибтрейд) and single words (Вектор, Гранит). */
const RU_BRAND_HEADS = words('Пром Тех Энерго Транс Строй Нефте Агро Металл Лес Сиб Урал Волга Север Евро Азия Электро Хим Авто Рос Балт Спец Гор Инвест Торг Мор Газ Терминал Техно');
const RU_BRAND_TAILS = words('снаб торг сервис ресурс трейд импорт экспорт групп холдинг маш строй инвест логистик комплект пром техника систем транс флот');
const RU_BRAND_WORDS = words('Вектор Гранит Альфа Меридиан Горизонт Авангард Прогресс Система Партнёр Стандарт Альянс Регион Континент Атлант Феникс Орион Магистраль Фарватер Стрела Восток Заря Мега Титан Сфера Ресурс');
const RU_SECTOR_WORDS: Record<Sector, string[]> = {
  trading: ['Торговый дом', 'Внешторг', 'Трейд'],
  logistics: ['Логистик', 'Транслогистик', 'Экспедиция'],
  shipping: ['Морская компания', 'Судоходная компания', 'Флот'],
  energy: ['Нефтепродукт', 'Энерго', 'Топливная компания'],
  electronics: ['Электроникс', 'Микросистемы', 'Компоненты'],
  machinery: ['Машиностроительная компания', 'Станкопром', 'Промоборудование'],
  agri: ['Агро', 'Зернотрейд', 'Агрохолдинг'],
  construction: ['Стройинвест', 'Строймонтаж', 'Девелопмент'],
  retail: ['Ритейл', 'Торговая сеть', 'Маркет'],
  consulting: ['Консалтинг', 'Управляющая компания', 'Инвест'],
};
const UA_BRAND_HEADS = words('Укр Пром Агро Енерго Буд Транс Тех Метал Дніпро Київ Схід Захід Одеса Чорномор');
const UA_BRAND_TAILS = words('постач торг сервіс трейд інвест логістик буд пром ресурс комплект');

/** Chinese brand characters: simplified | traditional | pinyin | Cantonese. */
const ZH_BRAND = rows(`华|華|hua|wah; 信|信|xin|shun; 宏|宏|hong|wang; 达|達|da|tat; 鑫|鑫|xin|yam; 源|源|yuan|yuen; 中|中|zhong|chung
泰|泰|tai|tai; 恒|恒|heng|hang; 通|通|tong|tung; 金|金|jin|kam; 盛|盛|sheng|shing; 远|遠|yuan|yuen; 东|東|dong|tung; 海|海|hai|hoi
科|科|ke|fo; 创|創|chuang|chong; 联|聯|lian|luen; 合|合|he|hop; 富|富|fu|fu; 利|利|li|lee; 安|安|an|on; 荣|榮|rong|wing
兴|興|xing|hing; 永|永|yong|wing; 和|和|he|wo; 新|新|xin|sun; 博|博|bo|pok; 嘉|嘉|jia|ka; 德|德|de|tak; 瑞|瑞|rui|sui; 丰|豐|feng|fung
汇|匯|hui|wui; 成|成|cheng|shing; 天|天|tian|tin; 星|星|xing|sing`);
/** Chinese industry words: simplified | traditional | English as the company's English name renders it. */
const ZH_SECTOR: Record<Sector, string[][]> = {
  trading: rows('贸易|貿易|Trading; 国际贸易|國際貿易|International Trading; 进出口|進出口|Import and Export; 商贸|商貿|Commerce and Trade'),
  logistics: rows('物流|物流|Logistics; 供应链|供應鏈|Supply Chain; 国际物流|國際物流|International Logistics'),
  shipping: rows('航运|航運|Shipping; 海运|海運|Marine; 船务|船務|Shipping Agency'),
  energy: rows('能源|能源|Energy; 石油化工|石油化工|Petrochemical; 燃料|燃料|Fuel'),
  electronics: rows('电子|電子|Electronics; 科技|科技|Technology; 电子科技|電子科技|Electronic Technology; 半导体|半導體|Semiconductor'),
  machinery: rows('机械|機械|Machinery; 机械设备|機械設備|Machinery and Equipment; 精密机械|精密機械|Precision Machinery'),
  agri: rows('农业|農業|Agriculture; 农产品|農產品|Agricultural Products; 粮油|糧油|Grain and Oil'),
  construction: rows('建设|建設|Construction; 建筑工程|建築工程|Construction Engineering'),
  retail: rows('商贸|商貿|Trading; 百货|百貨|Department Store'),
  consulting: rows('投资|投資|Investment; 咨询|諮詢|Consulting; 管理咨询|管理諮詢|Management Consulting'),
};
const ZH_CITIES = rows(`深圳市|Shenzhen; 上海|Shanghai; 北京|Beijing; 广州市|Guangzhou; 宁波|Ningbo; 青岛|Qingdao; 天津|Tianjin; 厦门|Xiamen
义乌市|Yiwu; 东莞市|Dongguan; 杭州|Hangzhou; 苏州|Suzhou; 大连|Dalian; 成都|Chengdu`);

export interface CompanyName {
  /** The name as the register writes it (native script for some jurisdictions). */
  name: string;
  legalForm: string;
  /** The name in Latin script (equal to `name` when that is Latin). */
  latinName: string;
  nativeName?: string;
  /** Other ways the same company is written: Latin transliterations, English forms, full legal form. */
  aliases: string[];
}

export interface CompanyNameOptions {
  sector?: string;
  /** Distinctive part to use (a founder's surname, a designated person's name…) instead of a drawn one. */
  baseName?: string;
  /** Force the register's native script or Latin where a jurisdiction has both. */
  script?: 'native' | 'latin';
}

function sectorOf(sector: string | undefined, r: Random): Sector {
  if (sector && (SECTORS as string[]).includes(sector)) return sector as Sector;
  return r.weighted(SECTORS, [30, 12, 8, 8, 10, 10, 7, 6, 5, 4]);
}

/** The distinctive element: a shared word, a coined brand, a founder's surname, a place word or initials. */
function distinctive(r: Random, jurisdiction: Jurisdiction): string {
  const kind = r.weighted(['word', 'coined', 'surname', 'initials'], [0.4, 0.3, 0.22, 0.08]);
  if (kind === 'word') return DISTINCT_WORDS.draw(r);
  if (kind === 'coined') return coinedBrand(r);
  if (kind === 'initials') return r.letters(r.pick([2, 3, 3]));
  const culture = pickWeighted(r, jurisdiction.cultures);
  const person = makePerson(r, culture, { nationality: jurisdiction.code, gender: 'male' });
  // Spanish people carry two surnames; a firm takes the first. Particles are capitalised at the head of a name (De Vries Logistiek).
  const surname = culture === 'spanish' ? person.lastName.split(' ')[0]! : person.lastName;
  return surname.charAt(0).toUpperCase() + surname.slice(1);
}

function quoteRu(text: string): string {
  return `«${text}»`;
}

function withForm(base: string, form: LegalForm, which: 'short' | 'latin' | 'english' = 'short'): string {
  const f = which === 'english' ? (form.english ?? form.latin ?? form.short) : which === 'latin' ? (form.latin ?? form.short) : form.short;
  if (form.prefix && which !== 'english') return `${f} "${base}"`;
  return `${base} ${f}`;
}

/** A company in a Cyrillic register (ru, by, ua, kz, kg): ООО «Промснаб», with Latin and English forms as aliases. */
function cyrillicCompany(r: Random, j: Jurisdiction, sector: Sector, form: LegalForm, opts: CompanyNameOptions): CompanyName {
  const ua = j.code === 'ua';
  let brand: string;
  if (opts.baseName) brand = opts.baseName;
  else if (ua) brand = r.pick(UA_BRAND_HEADS) + r.pick(UA_BRAND_TAILS);
  else {
    const kind = r.weighted(['compound', 'word', 'sector', 'regional'], [0.45, 0.3, 0.15, 0.1]);
    const regional = j.code === 'by' ? 'Бел' : j.code === 'kz' ? 'Каз' : j.code === 'kg' ? 'Кыргыз' : 'Рос';
    if (kind === 'compound') brand = r.pick(RU_BRAND_HEADS) + r.pick(RU_BRAND_TAILS);
    else if (kind === 'word') brand = r.pick(RU_BRAND_WORDS);
    else if (kind === 'sector') brand = `${r.pick(RU_SECTOR_WORDS[sector])} ${r.pick(RU_BRAND_WORDS)}`;
    else brand = regional + r.pick(RU_BRAND_TAILS);
  }
  const cyrillicBrand = /[\u0400-\u04ff]/.test(brand);
  const system: CyrillicSystem = ua ? 'ua2010' : r.weighted(['icao', 'bgn', 'conventional'] as CyrillicSystem[], [0.5, 0.3, 0.2]);
  const latinBrand = cyrillicBrand ? romanizeCyrillic(brand, system) : brand;
  const native = `${form.short} ${quoteRu(brand)}`;
  const latin = `${form.latin ?? form.short} "${latinBrand}"`;
  const english = `${latinBrand} ${form.english ?? form.latin ?? form.short}`;
  const aliases = [english, `${form.english ?? form.latin ?? form.short} "${latinBrand}"`];
  if (cyrillicBrand) {
    for (const s of ['bgn', 'icao', 'german'] as CyrillicSystem[]) {
      const b = romanizeCyrillic(brand, ua ? (s === 'icao' ? 'uabgn' : s) : s);
      if (b !== latinBrand) aliases.push(`${b} ${form.english ?? form.latin}`);
    }
  }
  if (form.long) aliases.push(`${form.long} ${quoteRu(brand)}`);
  const useNative = opts.script === 'native' || (opts.script !== 'latin' && r.chance(0.55));
  const name = useNative ? native : r.chance(0.5) ? latin : english;
  return {
    name,
    legalForm: useNative ? form.short : name === english ? (form.english ?? form.latin ?? form.short) : (form.latin ?? form.short),
    latinName: name === native ? latin : name,
    nativeName: native,
    aliases: [...new Set([latin, english, ...aliases].filter((a) => a !== name))],
  };
}

/** A company in the Chinese mainland or Hong Kong register: 深圳市华信科技有限公司 / Shenzhen Huaxin Technology Co., Ltd. */
function chineseCompany(r: Random, j: Jurisdiction, sector: Sector, opts: CompanyNameOptions): CompanyName {
  const hk = j.code === 'hk';
  const chars = [r.pick(ZH_BRAND), r.pick(ZH_BRAND)];
  const industry = r.pick(ZH_SECTOR[sector]);
  const col = hk ? 1 : 0;
  const brandNative = chars.map((c) => c[col]).join('');
  const brandLatin = opts.baseName ?? (hk ? chars.map((c) => capitalize(c[3]!)).join(' ') : capitalize(chars.map((c) => c[2]).join('')));
  if (hk) {
    const englishForm = r.chance(0.8) ? 'Limited' : 'Company Limited';
    const hkTag = r.chance(0.15) ? ' (HK)' : '';
    const brand = opts.baseName ?? (r.chance(0.5) ? brandLatin : DISTINCT_WORDS.draw(r));
    const latin = `${brand}${hkTag} ${industry[2]} ${englishForm}`;
    const native = `${brandNative}${industry[1]}有限公司`;
    const useNative = opts.script === 'native' || (opts.script !== 'latin' && r.chance(0.25));
    return { name: useNative ? native : latin, legalForm: useNative ? '有限公司' : englishForm, latinName: latin, nativeName: native, aliases: [useNative ? latin : native] };
  }
  const city = r.pick(ZH_CITIES);
  const group = r.chance(0.08);
  const native = `${city[0]}${brandNative}${industry[0]}${group ? '集团' : ''}有限公司`;
  const latin = `${city[1]} ${brandLatin} ${industry[2]}${group ? ' Group' : ''} Co., Ltd.`;
  const useNative = opts.script === 'native' || (opts.script !== 'latin' && r.chance(0.5));
  return {
    name: useNative ? native : latin,
    legalForm: useNative ? '有限公司' : 'Co., Ltd.',
    latinName: latin,
    nativeName: native,
    aliases: [useNative ? latin : native, `${brandLatin} ${industry[2]} Co., Ltd.`, `${city[1]} ${brandLatin} ${industry[2]} Company Limited`],
  };
}

/** Compose "<distinct> <sector word> <form>" in the register's language, with the word orders that language uses. */
function latinCompany(r: Random, j: Jurisdiction, sector: Sector, form: LegalForm, opts: CompanyNameOptions): CompanyName {
  const lang = j.language === 'ru' || j.language === 'uk' || j.language === 'zh' ? 'en' : j.language;
  const word = r.pick(SECTOR_WORDS[lang][sector].slice(0, r.chance(0.6) ? 2 : undefined));
  const base = opts.baseName ?? distinctive(r, j);
  let core: string;
  const qualifier = r.chance(0.2) && !/International|General|Global|Group/.test(word + base) ? ` ${r.pick(['International', 'Group', 'Global', 'Holding'])}` : '';
  switch (lang) {
    case 'de':
      core = word === 'Reederei' ? `Reederei ${base}` : `${base} ${word}`;
      break;
    case 'nl':
      core = ['Handelsonderneming', 'Rederij', 'Aannemersbedrijf', 'Bouwbedrijf'].includes(word) ? `${word} ${base}` : `${base} ${word}`;
      break;
    case 'fr':
    case 'es':
    case 'it':
    case 'pt':
      // Romance languages put the trade first more often than not (Transports Dupont, Naviera del Norte).
      core = r.chance(0.55) ? `${word} ${base}` : `${base} ${word}`;
      break;
    case 'tr':
      core = `${base} ${word}${r.chance(0.45) ? ' Sanayi ve Ticaret' : ''}`;
      break;
    default: {
      const shipOwner = sector === 'shipping' && (j.shipRegistry ?? false);
      core = shipOwner ? `${base} ${r.pick(['Navigation', 'Shipping', 'Maritime', 'Shipholding', 'Marine'])}` : `${base}${qualifier} ${word}`;
    }
  }
  let name = withForm(core, form);
  // Companies House and several offshore registers print names in capitals.
  const upper = (j.code === 'gb' && r.chance(0.6)) || (j.code === 'ie' && r.chance(0.4));
  if (upper) name = name.toUpperCase();
  const aliases: string[] = [];
  const ascii = stripDiacritics(name);
  if (ascii !== name) aliases.push(ascii);
  if (form.english && form.english !== form.short) aliases.push(withForm(core, form, 'english'));
  if (form.long) aliases.push(form.prefix ? `${form.long} "${core}"` : `${core} ${form.long}`);
  // Georgian and Armenian registers write the native form around a Latin brand: შპს "Kavkaz Trade", "Ararat Group" ՍՊԸ.
  if (form.native) aliases.push(j.code === 'am' ? `"${core}" ${form.native}` : `${form.native} "${core}"`);
  return { name, legalForm: form.short, latinName: name, aliases: aliases.filter((a) => a !== name) };
}

/**
 * A company name as a register of the jurisdiction writes it: the
 * jurisdiction's legal forms (ООО, TOV, TOO, შპს, ՍՊԸ, FZE, DMCC, A.Ş., Ltd.
 * Şti., Pte. Ltd., Sdn. Bhd., GmbH, B.V., S.r.l., Sp. z o.o., …), sector words
 * in the register's language, and a distinctive element that is shared by
 * many companies (Atlas, Global) or rare (a coined brand, a founder's
 * surname). Russian, Ukrainian, Belarusian, Kazakh, Kyrgyz and Chinese
 * companies come in native script about half the time, with their Latin forms
 * as aliases.
 */
export function makeCompanyName(r: Random, jurisdiction: string, opts: CompanyNameOptions = {}): CompanyName {
  const j = jurisdictionOf(jurisdiction);
  const sector = sectorOf(opts.sector, r);
  const form = r.weighted(j.legalForms, j.legalForms.map((f) => f.weight));
  if (j.language === 'zh') return chineseCompany(r, j, sector, opts);
  if (j.language === 'ru' || j.language === 'uk') return cyrillicCompany(r, j, sector, form, opts);
  return latinCompany(r, j, sector, form, opts);
}

// ---------------------------------------------------------------- jurisdictions

export interface Jurisdiction {
  code: string;
  name: string;
  /** Relative frequency in a Europe-centred exercise world. */
  weight: number;
  /** Naming cultures of the people behind its companies, weighted. */
  cultures: ReadonlyArray<readonly [CultureCode, number]>;
  language: Language;
  legalForms: LegalForm[];
  /**
   * Secrecy jurisdiction: ranked high in the Tax Justice Network's Financial
   * Secrecy Index 2022 (https://fsi.taxjustice.net) by rank or by secrecy
   * score (US, CH, SG, HK, AE rank in the top ten; PA, VG, SC, BZ, MH, LR score
   * above 70 for secrecy). Cyprus is left out: its FSI secrecy score is
   * mid-table and it now publishes a beneficial-ownership register; it appears
   * in circumvention cases as a corporate-services centre instead.
   */
  secrecy: boolean;
  /**
   * Transshipment hub of concern for Russia-sanctions circumvention: the
   * "common transshipment points" of the FinCEN/BIS joint alert
   * FIN-2022-Alert003 (28 June 2022: Armenia, China, Georgia, India, Israel,
   * Kyrgyzstan, Serbia, Singapore, Turkey, UAE, Uzbekistan and others), the
   * supplemental alert FIN-2023-Alert004 (19 May 2023), the EU's "high risk"
   * third-country trade flows in its circumvention guidance (Kazakhstan,
   * Hong Kong), and the Malaysian and Thai intermediaries named in US Treasury
   * and BIS actions of 2023.
   */
  hub: boolean;
  /** An open ship register: shipowning companies here are single-ship companies (Aurora Navigation Inc.). */
  shipRegistry?: boolean;
}

type Spec = [code: string, name: string, weight: number, language: Language, cultures: Array<[CultureCode, number]>, forms: LegalForm[], flags?: { secrecy?: boolean; hub?: boolean; ship?: boolean }];

const f = (short: string, weight: number, extra: Partial<LegalForm> = {}): LegalForm => ({ short, weight, ...extra });

const JURISDICTION_SPECS: Spec[] = [
  ['nl', 'Netherlands', 10, 'nl', [['dutch', 0.82], ['turkish', 0.06], ['german', 0.05], ['english', 0.04], ['polish', 0.03]], [f('B.V.', 0.95, { english: 'BV', long: 'Besloten Vennootschap' }), f('N.V.', 0.05, { long: 'Naamloze Vennootschap' })]],
  ['de', 'Germany', 9, 'de', [['german', 0.84], ['turkish', 0.08], ['russian', 0.04], ['polish', 0.04]], [f('GmbH', 0.72, { long: 'Gesellschaft mit beschränkter Haftung' }), f('AG', 0.05, { long: 'Aktiengesellschaft' }), f('GmbH & Co. KG', 0.15), f('KG', 0.03), f('UG (haftungsbeschränkt)', 0.05)]],
  ['gb', 'United Kingdom', 8, 'en', [['english', 0.85], ['indian', 0.07], ['greek', 0.03], ['chinese', 0.03], ['arabic_levant', 0.02]], [f('Ltd', 0.55, { long: 'Limited' }), f('Limited', 0.33), f('LLP', 0.07, { long: 'Limited Liability Partnership' }), f('PLC', 0.05, { long: 'Public Limited Company' })], { ship: true }],
  ['ru', 'Russia', 8, 'ru', [['russian', 0.9], ['armenian', 0.03], ['ukrainian', 0.03], ['georgian', 0.02], ['kazakh', 0.02]], [
    f('ООО', 0.84, { latin: 'OOO', english: 'LLC', long: 'Общество с ограниченной ответственностью' }),
    f('АО', 0.1, { latin: 'AO', english: 'JSC', long: 'Акционерное общество' }),
    f('ПАО', 0.03, { latin: 'PAO', english: 'PJSC', long: 'Публичное акционерное общество' }),
    f('ЗАО', 0.03, { latin: 'ZAO', english: 'CJSC', long: 'Закрытое акционерное общество' }),
  ]],
  ['cy', 'Cyprus', 6, 'en', [['greek', 0.66], ['russian', 0.2], ['english', 0.06], ['ukrainian', 0.05], ['arabic_levant', 0.03]], [f('Ltd', 0.7, { long: 'Limited' }), f('Limited', 0.3)], { ship: true }],
  ['ae', 'United Arab Emirates', 6, 'en', [['arabic_gulf', 0.35], ['indian', 0.25], ['russian', 0.12], ['persian', 0.08], ['arabic_levant', 0.08], ['english', 0.06], ['chinese', 0.06]], [
    f('LLC', 0.42, { long: 'Limited Liability Company' }), f('FZE', 0.2, { long: 'Free Zone Establishment' }), f('FZCO', 0.12, { long: 'Free Zone Company' }),
    f('FZ-LLC', 0.08), f('DMCC', 0.18),
  ], { secrecy: true, hub: true }],
  ['tr', 'Türkiye', 5, 'tr', [['turkish', 0.95], ['arabic_levant', 0.03], ['russian', 0.02]], [f('Ltd. Şti.', 0.68, { english: 'Ltd.', long: 'Limited Şirketi' }), f('A.Ş.', 0.32, { english: 'Inc.', long: 'Anonim Şirketi' })], { hub: true }],
  ['cn', 'China', 5, 'zh', [['chinese', 1]], [f('Co., Ltd.', 1)], { hub: true }],
  ['hk', 'Hong Kong', 4, 'zh', [['chinese', 0.85], ['english', 0.08], ['indian', 0.07]], [f('Limited', 1)], { secrecy: true, hub: true, ship: true }],
  ['ch', 'Switzerland', 4, 'en', [['german', 0.6], ['french', 0.25], ['italian', 0.1], ['english', 0.05]], [f('AG', 0.45, { long: 'Aktiengesellschaft' }), f('SA', 0.25, { long: 'Société anonyme' }), f('GmbH', 0.25), f('Sàrl', 0.05)], { secrecy: true }],
  ['fr', 'France', 4, 'fr', [['french', 0.9], ['arabic_levant', 0.05], ['armenian', 0.05]], [f('SAS', 0.55, { long: 'Société par actions simplifiée' }), f('SARL', 0.35, { long: 'Société à responsabilité limitée' }), f('SA', 0.1)]],
  ['it', 'Italy', 4, 'it', [['italian', 1]], [f('S.r.l.', 0.85, { long: 'Società a responsabilità limitata' }), f('S.p.A.', 0.15, { long: 'Società per azioni' })]],
  ['be', 'Belgium', 3, 'fr', [['dutch', 0.55], ['french', 0.45]], [f('BV', 0.4), f('SRL', 0.35), f('NV', 0.12), f('SA', 0.13)]],
  ['es', 'Spain', 3, 'es', [['spanish', 1]], [f('S.L.', 0.85, { long: 'Sociedad Limitada' }), f('S.A.', 0.15, { long: 'Sociedad Anónima' })]],
  ['gr', 'Greece', 3, 'en', [['greek', 1]], [f('S.A.', 0.4, { long: 'Anonymi Etaireia' }), f('Ltd', 0.2), f('I.K.E.', 0.3, { english: 'P.C.' }), f('E.P.E.', 0.1, { english: 'Ltd' })], { ship: true }],
  ['in', 'India', 3, 'en', [['indian', 1]], [f('Private Limited', 0.6, { english: 'Pvt. Ltd.' }), f('Pvt. Ltd.', 0.2), f('Limited', 0.15), f('LLP', 0.05)], { hub: true }],
  ['sg', 'Singapore', 3, 'en', [['chinese', 0.7], ['indian', 0.15], ['english', 0.1], ['arabic_gulf', 0.05]], [f('Pte. Ltd.', 0.95, { long: 'Private Limited' }), f('Ltd.', 0.05)], { secrecy: true, hub: true, ship: true }],
  ['us', 'United States', 3, 'en', [['english', 0.75], ['spanish', 0.1], ['chinese', 0.05], ['indian', 0.05], ['russian', 0.05]], [f('LLC', 0.6), f('Inc.', 0.35), f('Corp.', 0.05)], { secrecy: true }],
  ['pl', 'Poland', 2, 'en', [['polish', 0.9], ['ukrainian', 0.1]], [f('Sp. z o.o.', 0.9, { long: 'Spółka z ograniczoną odpowiedzialnością' }), f('S.A.', 0.1)]],
  ['at', 'Austria', 2, 'de', [['german', 0.9], ['turkish', 0.05], ['russian', 0.05]], [f('GmbH', 0.85), f('AG', 0.05), f('KG', 0.1)]],
  ['ie', 'Ireland', 2, 'en', [['english', 1]], [f('Limited', 0.6), f('Ltd', 0.3), f('DAC', 0.1, { long: 'Designated Activity Company' })]],
  ['mt', 'Malta', 2, 'en', [['english', 0.6], ['italian', 0.3], ['russian', 0.1]], [f('Ltd', 0.9, { long: 'Limited' }), f('p.l.c.', 0.1)], { ship: true }],
  ['lu', 'Luxembourg', 2, 'fr', [['french', 0.5], ['german', 0.4], ['italian', 0.1]], [f('S.à r.l.', 0.6), f('S.A.', 0.35), f('SCS', 0.05)]],
  ['ua', 'Ukraine', 2, 'uk', [['ukrainian', 0.95], ['russian', 0.05]], [
    f('ТОВ', 0.82, { latin: 'TOV', english: 'LLC', long: 'Товариство з обмеженою відповідальністю' }),
    f('ПрАТ', 0.1, { latin: 'PrAT', english: 'PrJSC', long: 'Приватне акціонерне товариство' }),
    f('АТ', 0.08, { latin: 'AT', english: 'JSC', long: 'Акціонерне товариство' }),
  ]],
  ['kz', 'Kazakhstan', 2, 'ru', [['kazakh', 0.75], ['russian', 0.25]], [
    f('ТОО', 0.9, { latin: 'TOO', english: 'LLP', long: 'Товарищество с ограниченной ответственностью' }),
    f('АО', 0.1, { latin: 'AO', english: 'JSC', long: 'Акционерное общество' }),
  ], { hub: true }],
  ['ge', 'Georgia', 2, 'en', [['georgian', 0.9], ['armenian', 0.05], ['russian', 0.05]], [f('LLC', 0.9, { native: 'შპს', long: 'Limited Liability Company' }), f('JSC', 0.1, { native: 'სს' })], { hub: true }],
  ['am', 'Armenia', 2, 'en', [['armenian', 0.9], ['russian', 0.1]], [f('LLC', 0.85, { native: 'ՍՊԸ' }), f('CJSC', 0.1, { native: 'ՓԲԸ' }), f('OJSC', 0.05, { native: 'ԲԲԸ' })], { hub: true }],
  ['by', 'Belarus', 1, 'ru', [['belarusian', 0.8], ['russian', 0.2]], [
    f('ООО', 0.65, { latin: 'OOO', english: 'LLC', long: 'Общество с ограниченной ответственностью' }),
    f('ЗАО', 0.1, { latin: 'ZAO', english: 'CJSC' }), f('ОАО', 0.1, { latin: 'OAO', english: 'OJSC' }),
    f('ЧУП', 0.15, { latin: 'ChUP', english: 'PUE', long: 'Частное унитарное предприятие' }),
  ]],
  ['kg', 'Kyrgyzstan', 1, 'ru', [['kazakh', 0.3], ['russian', 0.7]], [f('ОсОО', 0.9, { latin: 'OsOO', english: 'LLC', long: 'Общество с ограниченной ответственностью' }), f('ОАО', 0.1, { latin: 'OAO', english: 'OJSC' })], { hub: true }],
  ['uz', 'Uzbekistan', 1, 'en', [['russian', 0.5], ['kazakh', 0.5]], [f('MChJ', 0.85, { english: 'LLC', prefix: false, long: "Mas'uliyati cheklangan jamiyat" }), f('AJ', 0.15, { english: 'JSC' })], { hub: true }],
  ['az', 'Azerbaijan', 1, 'en', [['russian', 0.3], ['turkish', 0.7]], [f('MMC', 0.85, { english: 'LLC' }), f('ASC', 0.15, { english: 'OJSC' })]],
  ['rs', 'Serbia', 1, 'en', [['russian', 0.2], ['english', 0.1], ['greek', 0.1], ['german', 0.6]], [f('d.o.o.', 0.9), f('a.d.', 0.1)], { hub: true }],
  ['ee', 'Estonia', 1, 'en', [['russian', 0.3], ['english', 0.3], ['german', 0.4]], [f('OÜ', 0.9), f('AS', 0.1)]],
  ['lv', 'Latvia', 1, 'en', [['russian', 0.4], ['german', 0.3], ['english', 0.3]], [f('SIA', 0.9, { prefix: true }), f('AS', 0.1, { prefix: true })]],
  ['lt', 'Lithuania', 1, 'en', [['polish', 0.3], ['russian', 0.2], ['english', 0.5]], [f('UAB', 0.95, { prefix: true }), f('AB', 0.05, { prefix: true })]],
  ['fi', 'Finland', 1, 'en', [['english', 0.5], ['german', 0.5]], [f('Oy', 0.95), f('Oyj', 0.05)]],
  ['dk', 'Denmark', 1, 'en', [['german', 0.5], ['english', 0.5]], [f('ApS', 0.75), f('A/S', 0.25)], { ship: true }],
  ['se', 'Sweden', 1, 'en', [['german', 0.5], ['english', 0.5]], [f('AB', 1)]],
  ['no', 'Norway', 1, 'en', [['german', 0.5], ['english', 0.5]], [f('AS', 0.95), f('ASA', 0.05)], { ship: true }],
  ['pt', 'Portugal', 1, 'pt', [['spanish', 1]], [f('Lda.', 0.85), f('S.A.', 0.15)]],
  ['my', 'Malaysia', 1, 'en', [['chinese', 0.6], ['indian', 0.3], ['arabic_gulf', 0.1]], [f('Sdn. Bhd.', 0.95, { long: 'Sendirian Berhad' }), f('Bhd.', 0.05)], { hub: true }],
  ['th', 'Thailand', 1, 'en', [['chinese', 1]], [f('Co., Ltd.', 0.9), f('Public Co., Ltd.', 0.1)], { hub: true }],
  ['kr', 'South Korea', 1, 'en', [['korean', 1]], [f('Co., Ltd.', 0.9), f('Corp.', 0.1)]],
  ['ir', 'Iran', 1, 'en', [['persian', 1]], [f('Co.', 0.6), f('PJS', 0.15, { long: 'Public Joint Stock Company' }), f('Private Joint Stock Co.', 0.25)]],
  ['sa', 'Saudi Arabia', 1, 'en', [['arabic_gulf', 0.85], ['indian', 0.1], ['arabic_levant', 0.05]], [f('LLC', 0.7), f('Co. Ltd.', 0.3)]],
  ['qa', 'Qatar', 0.5, 'en', [['arabic_gulf', 0.8], ['indian', 0.2]], [f('W.L.L.', 0.9, { long: 'With Limited Liability' }), f('Q.P.S.C.', 0.1)]],
  ['mh', 'Marshall Islands', 1, 'en', [['greek', 0.4], ['english', 0.2], ['russian', 0.2], ['chinese', 0.2]], [f('Inc.', 0.6), f('Corp.', 0.25), f('Ltd.', 0.15)], { secrecy: true, ship: true }],
  ['lr', 'Liberia', 1, 'en', [['greek', 0.4], ['english', 0.2], ['russian', 0.2], ['chinese', 0.2]], [f('Inc.', 0.5), f('Corp.', 0.3), f('Ltd.', 0.2)], { secrecy: true, ship: true }],
  ['pa', 'Panama', 1, 'es', [['spanish', 0.5], ['greek', 0.2], ['chinese', 0.15], ['english', 0.15]], [f('S.A.', 0.6, { long: 'Sociedad Anónima' }), f('Inc.', 0.25), f('Corp.', 0.15)], { secrecy: true, ship: true }],
  ['vg', 'British Virgin Islands', 1, 'en', [['english', 0.3], ['russian', 0.3], ['chinese', 0.3], ['arabic_gulf', 0.1]], [f('Ltd.', 0.7), f('Limited', 0.3)], { secrecy: true }],
  ['sc', 'Seychelles', 0.5, 'en', [['english', 0.3], ['russian', 0.4], ['chinese', 0.3]], [f('Ltd.', 1)], { secrecy: true }],
  ['bz', 'Belize', 0.5, 'en', [['english', 0.4], ['russian', 0.4], ['spanish', 0.2]], [f('Ltd.', 0.8), f('Inc.', 0.2)], { secrecy: true }],
  ['sy', 'Syria', 0.2, 'en', [['arabic_levant', 1]], [f('LLC', 0.8), f('Co.', 0.2)]],
  ['kp', 'North Korea', 0.1, 'en', [['korean', 1]], [f('Corporation', 0.6), f('General Corporation', 0.2), f('Co.', 0.2)]],
];

export const JURISDICTIONS: readonly Jurisdiction[] = JURISDICTION_SPECS.map(([code, name, weight, language, cultures, legalForms, flags]) => ({
  code,
  name,
  weight,
  language,
  cultures,
  legalForms,
  secrecy: flags?.secrecy ?? false,
  hub: flags?.hub ?? false,
  ...(flags?.ship ? { shipRegistry: true } : {}),
}));

const BY_CODE = new Map(JURISDICTIONS.map((j) => [j.code, j]));

/** A jurisdiction from the table; one not listed is treated as an English-language register of limited companies. */
export function jurisdictionOf(code: string): Jurisdiction {
  return BY_CODE.get(code) ?? { code, name: code.toUpperCase(), weight: 0, language: 'en', cultures: [['english', 1]], legalForms: [f('Ltd.', 0.7), f('LLC', 0.3)], secrecy: false, hub: false };
}

// ---------------------------------------------------------------- addresses

export interface Address {
  full: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

type AddressStyle = 'continental' | 'anglo' | 'french' | 'cis' | 'turkish' | 'gulf' | 'hk' | 'cn' | 'sg' | 'us' | 'plain';

interface CountryAddresses {
  style: AddressStyle;
  /** City | postal pattern (# digit, @ letter) | optional streets of that city, comma-separated. */
  cities: string[][];
  streets: string[];
}

/** City rows: "City|postal pattern|street, street" (streets optional). */
function cityRows(text: string): string[][] {
  return rows(text);
}
function streetList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

const ADDRESSES: Record<string, CountryAddresses> = {
  de: { style: 'continental', cities: cityRows('Berlin|10###; Hamburg|20###|Am Sandtorkai, Mönckebergstraße, Große Elbstraße; München|80###; Frankfurt am Main|60###|Kaiserstraße, Mainzer Landstraße; Köln|50###; Düsseldorf|40###|Königsallee; Stuttgart|70###; Bremen|28###; Leipzig|04###; Duisburg|47###'), streets: streetList('Hauptstraße, Bahnhofstraße, Industriestraße, Friedrichstraße, Gewerbestraße, Lindenstraße, Schillerstraße, Goethestraße, Gartenstraße, Am Hafen') },
  nl: { style: 'continental', cities: cityRows('Amsterdam|10## @@|Keizersgracht, Herengracht, Gustav Mahlerlaan, Stationsplein; Rotterdam|30## @@|Coolsingel, Wilhelminakade, Weena, Waalhaven Oostzijde; Den Haag|25## @@; Utrecht|35## @@; Eindhoven|56## @@; Groningen|97## @@; Tilburg|50## @@; Breda|48## @@; Almere|13## @@; Venlo|59## @@'), streets: streetList('Hoofdstraat, Kerkstraat, Industrieweg, Marconistraat, Stationsweg, Dorpsstraat, Nieuwstraat, Havenweg') },
  be: { style: 'continental', cities: cityRows('Brussel|10##|Rue de la Loi, Avenue Louise, Boulevard du Régent; Antwerpen|20##|Meir, Noorderlaan, Frankrijklei; Gent|90##; Liège|40##; Brugge|80##; Leuven|30##'), streets: streetList('Industrieweg, Kerkstraat, Stationsstraat, Rue Neuve, Chaussée de Charleroi') },
  lu: { style: 'french', cities: cityRows('Luxembourg|L-1###; Esch-sur-Alzette|L-4###; Strassen|L-8###; Bertrange|L-8###'), streets: streetList('boulevard Royal, rue du Fort Wallis, avenue de la Liberté, rue de Hollerich, avenue John F. Kennedy, boulevard de la Pétrusse') },
  fr: { style: 'french', cities: cityRows('Paris|750##|boulevard Haussmann, rue de Rivoli, avenue des Champs-Élysées, rue de la Paix; Marseille|130##|quai de la Joliette, rue de la République; Lyon|690##; Le Havre|76600; Lille|59000; Bordeaux|33000; Nantes|44000; Strasbourg|67000'), streets: streetList('rue de la République, avenue Jean Jaurès, rue Victor Hugo, boulevard Gambetta, rue du Général de Gaulle, avenue de la Gare') },
  gb: { style: 'anglo', cities: cityRows('London|EC2V #@@|Bishopsgate, Old Broad Street, Moorgate, Cheapside; London|W1K #@@|Regent Street, Park Lane, Mount Street; London|E14 #@@|Canada Square, Marsh Wall; Manchester|M1 #@@; Birmingham|B1 #@@; Glasgow|G2 #@@; Edinburgh|EH2 #@@; Leeds|LS1 #@@; Felixstowe|IP11 #@@; Southampton|SO14 #@@; Liverpool|L3 #@@'), streets: streetList('High Street, Station Road, Church Street, Victoria Street, King Street, Queen Street, Market Street, Park Road, Mill Lane') },
  ie: { style: 'anglo', cities: cityRows('Dublin 2|D02 @#@#|Baggot Street Lower, Harcourt Street, St Stephen’s Green; Dublin 1|D01 @#@#|North Wall Quay, Mayor Street Lower; Cork|T12 @#@#; Galway|H91 @#@#; Limerick|V94 @#@#'), streets: streetList('Main Street, Patrick Street, Shop Street, O’Connell Street, Dock Road') },
  ch: { style: 'continental', cities: cityRows('Zürich|80##|Bahnhofstrasse, Seestrasse, Talstrasse; Genève|12##|Rue du Rhône, Quai du Mont-Blanc, Rue de Lausanne; Basel|40##|Aeschenvorstadt; Zug|63##|Baarerstrasse, Bahnhofstrasse; Lugano|69##|Via Nassa, Riva Caccia; Bern|30##; Lausanne|10##'), streets: streetList('Hauptstrasse, Industriestrasse, Dorfstrasse, Rue du Marché') },
  at: { style: 'continental', cities: cityRows('Wien|1###|Kärntner Straße, Mariahilfer Straße, Herrengasse, Landstraßer Hauptstraße; Graz|80##; Linz|40##; Salzburg|50##; Innsbruck|60##'), streets: streetList('Hauptstraße, Bahnhofstraße, Wiener Straße, Industriestraße') },
  it: { style: 'continental', cities: cityRows('Milano|201##|Via Montenapoleone, Corso Buenos Aires, Via Dante; Roma|001##|Via del Corso, Via Nazionale; Genova|161##|Via XX Settembre, Via di Francia; Napoli|801##; Torino|101##; Trieste|341##; Venezia|301##; Bologna|401##'), streets: streetList('Via Roma, Via Garibaldi, Via Mazzini, Corso Italia, Via Vittorio Emanuele II, Via Marconi') },
  es: { style: 'continental', cities: cityRows('Madrid|280##|Paseo de la Castellana, Gran Vía, Calle de Alcalá, Calle Serrano; Barcelona|080##|Avinguda Diagonal, Passeig de Gràcia; Valencia|460##; Sevilla|410##; Bilbao|480##; Algeciras|112##; Málaga|290##'), streets: streetList('Calle Mayor, Calle Colón, Avenida de la Constitución, Calle Real, Calle del Puerto') },
  pt: { style: 'continental', cities: cityRows('Lisboa|1###-###|Avenida da Liberdade, Rua Augusta, Rua do Ouro; Porto|4###-###|Avenida da Boavista, Rua de Santa Catarina; Sines|7520-###; Braga|47##-###; Setúbal|29##-###'), streets: streetList('Rua Direita, Avenida da República, Rua do Comércio') },
  gr: { style: 'continental', cities: cityRows('Piraeus|185 ##|Akti Miaouli, Akti Kondyli, Filonos, Notara; Athens|10# ##|Vasilissis Sofias, Ermou, Panepistimiou; Glyfada|166 ##|Poseidonos Avenue, Vouliagmenis Avenue; Thessaloniki|54# ##|Tsimiski, Egnatia; Patras|26# ##'), streets: streetList('Kifisias Avenue, Syngrou Avenue, Mesogeion Avenue') },
  cy: { style: 'continental', cities: cityRows('Limassol|3###|Arch. Makariou III Avenue, Spyrou Kyprianou Avenue, Agiou Andreou, Gladstonos, Anexartisias, Franklin Roosevelt Avenue; Nicosia|1###|Themistokli Dervi Avenue, Griva Digeni Avenue, Arch. Makariou III Avenue, Kennedy Avenue; Larnaca|6###|Grigori Afxentiou Avenue, Athinon Avenue; Paphos|8###|Apostolou Pavlou Avenue'), streets: streetList('Omonoias Avenue, Agias Fylaxeos') },
  mt: { style: 'anglo', cities: cityRows('Valletta|VLT ####|Republic Street, Merchants Street; Sliema|SLM ####|Tower Road, The Strand; St Julian’s|STJ ####; Birkirkara|BKR ####; Marsa|MRS ####'), streets: streetList('Triq il-Kbira, Triq San Ġorġ, Triq il-Kappillan Mifsud') },
  pl: { style: 'continental', cities: cityRows('Warszawa|0#-###|ul. Marszałkowska, al. Jerozolimskie, ul. Grzybowska, ul. Prosta; Gdańsk|80-###|ul. Długa, ul. Grunwaldzka; Gdynia|81-###|ul. Świętojańska, ul. Polska; Kraków|30-###; Wrocław|50-###; Poznań|60-###'), streets: streetList('ul. Polna, ul. Kościuszki, ul. Mickiewicza, ul. Przemysłowa') },
  ee: { style: 'continental', cities: cityRows('Tallinn|1####|Narva mnt, Pärnu mnt, Viru väljak, Tartu mnt, Sadama; Tartu|5####; Narva|20###; Pärnu|80###'), streets: streetList('Tööstuse, Kesk, Pikk') },
  lv: { style: 'continental', cities: cityRows('Rīga|LV-10##|Brīvības iela, Elizabetes iela, Krišjāņa Valdemāra iela, Ganību dambis; Ventspils|LV-36##; Liepāja|LV-34##; Daugavpils|LV-54##'), streets: streetList('Rūpniecības iela, Ostas iela, Lāčplēša iela') },
  lt: { style: 'continental', cities: cityRows('Vilnius|LT-0####|Gedimino pr., Konstitucijos pr., Savanorių pr.; Klaipėda|LT-9####|Naujoji Uosto g., Minijos g.; Kaunas|LT-4####|Laisvės al.'), streets: streetList('Pramonės g., Vytauto g., Žalgirio g.') },
  fi: { style: 'continental', cities: cityRows('Helsinki|00###|Mannerheimintie, Aleksanterinkatu, Eteläranta; Espoo|02###|Keilaranta; Kotka|48###; Turku|20###; Tampere|33###'), streets: streetList('Satamakatu, Teollisuuskatu, Hämeenkatu') },
  dk: { style: 'continental', cities: cityRows('København|1###|Amaliegade, Strandvejen, Vesterbrogade, Havnegade; Aarhus|8000; Esbjerg|6700; Odense|5000'), streets: streetList('Nørregade, Industrivej, Søndergade') },
  se: { style: 'continental', cities: cityRows('Stockholm|1## ##|Drottninggatan, Kungsgatan, Sveavägen, Birger Jarlsgatan; Göteborg|4## ##|Stigbergsliden, Kungsportsavenyen; Malmö|2## ##|Stortorget'), streets: streetList('Storgatan, Industrivägen, Hamngatan') },
  no: { style: 'continental', cities: cityRows('Oslo|0###|Karl Johans gate, Dronning Mauds gate, Haakon VIIs gate; Bergen|5###|Strandkaien, Bryggen; Stavanger|40##'), streets: streetList('Storgata, Havnegata, Industriveien') },
  rs: { style: 'continental', cities: cityRows('Beograd|11###|Knez Mihailova, Bulevar Mihajla Pupina, Terazije; Novi Sad|21###|Bulevar oslobođenja; Niš|18###'), streets: streetList('Glavna, Industrijska, Cara Dušana') },
  tr: { style: 'turkish', cities: cityRows('Şişli/İstanbul|343##|Büyükdere Caddesi, Halaskargazi Caddesi; Kadıköy/İstanbul|347##|Bağdat Caddesi, Kurtuluş Caddesi; Beyoğlu/İstanbul|344##|İstiklal Caddesi; Tuzla/İstanbul|349##|Aydınlı Yolu; Çankaya/Ankara|06###|Atatürk Bulvarı; Konak/İzmir|35###|Cumhuriyet Bulvarı; Akdeniz/Mersin|33###|Kıbrıs Şehitleri Caddesi; Nilüfer/Bursa|16###'), streets: streetList('Cumhuriyet Caddesi, Atatürk Caddesi, Sanayi Caddesi, Barbaros Bulvarı') },
  ru: { style: 'cis', cities: cityRows('Moscow|12####|ul. Tverskaya, Leningradsky prospekt, Presnenskaya nab., ul. Novy Arbat, Kutuzovsky prospekt, ul. Bolshaya Yakimanka, ul. Zemlyanoi Val; Moscow|11####|ul. Bolshaya Ordynka, Varshavskoe shosse, Kashirskoe shosse; Saint Petersburg|19####|Nevsky prospekt, ul. Marata, Kamennoostrovsky prospekt, Gapsalskaya ul.; Novosibirsk|630###; Yekaterinburg|620###; Kazan|420###; Nizhny Novgorod|603###; Rostov-on-Don|344###; Vladivostok|690###|ul. Svetlanskaya, ul. Aleutskaya; Kaliningrad|236###; Novorossiysk|3539##|ul. Sovetov, Portovaya ul.; Murmansk|183###'), streets: streetList('ul. Lenina, ul. Sovetskaya, prospekt Mira, ul. Gagarina, ul. Pushkina, ul. Kirova, ul. Promyshlennaya') },
  by: { style: 'cis', cities: cityRows('Minsk|220###|pr. Nezavisimosti, ul. Nemiga, ul. Kalvariyskaya, pr. Pobediteley; Brest|224###; Grodno|230###; Gomel|246###; Vitebsk|210###'), streets: streetList('ul. Lenina, ul. Sovetskaya, ul. Promyshlennaya') },
  ua: { style: 'cis', cities: cityRows('Kyiv|0####|vul. Khreshchatyk, vul. Velyka Vasylkivska, prosp. Nauky, vul. Sahaidachnoho; Odesa|65###|vul. Deribasivska, Mytna ploshcha; Kharkiv|61###; Dnipro|49###; Lviv|79###'), streets: streetList('vul. Shevchenka, vul. Sadova, vul. Promyslova') },
  kz: { style: 'cis', cities: cityRows('Almaty|050###|pr. Abaya, ul. Dostyk, pr. Al-Farabi, ul. Tole Bi; Astana|010###|pr. Mangilik El, ul. Kunaeva, pr. Kabanbai Batyra; Shymkent|160###; Aktau|130###; Atyrau|060###; Karaganda|100###'), streets: streetList('ul. Lenina, ul. Abaya, ul. Zheltoksan') },
  kg: { style: 'cis', cities: cityRows('Bishkek|720###|pr. Chui, ul. Kievskaya, ul. Toktogula, pr. Manasa; Osh|723###'), streets: streetList('ul. Lenina, ul. Sovetskaya') },
  uz: { style: 'cis', cities: cityRows('Tashkent|100###|ul. Amira Temura, ul. Navoi, pr. Mustakillik, ul. Shota Rustaveli; Samarkand|140###; Bukhara|200###'), streets: streetList('ul. Navoi, ul. Buyuk Ipak Yuli') },
  ge: { style: 'anglo', cities: cityRows('Tbilisi|01##|Rustaveli Avenue, Chavchavadze Avenue, Aghmashenebeli Avenue, Pekini Avenue, Vazha-Pshavela Avenue; Batumi|60##|Tamar Mepe Avenue, Gorgasali Street, Baratashvili Street; Poti|44##|Davit Aghmashenebeli Street; Kutaisi|46##'), streets: streetList('Tsereteli Street, Kostava Street') },
  am: { style: 'anglo', cities: cityRows('Yerevan|00##|Abovyan Street, Mashtots Avenue, Tigran Mets Avenue, Baghramyan Avenue, Northern Avenue, Sayat-Nova Avenue; Gyumri|31##; Vanadzor|20##'), streets: streetList('Tumanyan Street, Komitas Avenue') },
  az: { style: 'anglo', cities: cityRows('Baku|AZ10##|Nizami Street, Neftchilar Avenue, Istiglaliyyat Street, Heydar Aliyev Avenue; Sumqayit|AZ50##; Ganja|AZ20##'), streets: streetList('Samad Vurgun Street, Azadliq Avenue') },
  ae: { style: 'gulf', cities: cityRows('Dubai||Business Bay, Jumeirah Lakes Towers, Dubai Marina, Deira, Bur Dubai, Jebel Ali Free Zone, Dubai Silicon Oasis, Al Quoz Industrial Area 3, Port Saeed; Abu Dhabi||Al Reem Island, Khalifa City, Mussafah, Al Maryah Island; Sharjah||Al Majaz, SAIF Zone, Hamriyah Free Zone; Ras Al Khaimah||Al Hamra, RAKEZ Al Ghail; Ajman||Ajman Free Zone, Al Jurf'), streets: [] },
  sa: { style: 'gulf', cities: cityRows('Riyadh|1####|King Fahd Road, Olaya Street, Prince Sultan Street, Al Olaya District; Jeddah|2####|King Abdulaziz Road, Tahlia Street, Al Andalus District; Dammam|3####|King Saud Street, Al Faisaliyah District'), streets: [] },
  qa: { style: 'gulf', cities: cityRows('Doha||West Bay, C Ring Road, Salwa Road, Al Sadd, Msheireb'), streets: [] },
  kw: { style: 'gulf', cities: cityRows('Kuwait City||Sharq, Al Soor Street, Salem Al Mubarak Street; Salmiya||Salem Al Mubarak Street'), streets: [] },
  bh: { style: 'gulf', cities: cityRows('Manama||Diplomatic Area, Seef District, Bahrain Bay'), streets: [] },
  om: { style: 'gulf', cities: cityRows('Muscat|1##|Al Khuwair, Ruwi, Qurum; Sohar|3##|Sohar Free Zone'), streets: [] },
  jo: { style: 'gulf', cities: cityRows('Amman|11###|Zahran Street, Mecca Street, Shmeisani, Abdali; Aqaba|77###|Aqaba Special Economic Zone'), streets: [] },
  lb: { style: 'gulf', cities: cityRows('Beirut||Hamra Street, Rue Verdun, Achrafieh, Rue Gouraud, Minet El Hosn'), streets: [] },
  sy: { style: 'gulf', cities: cityRows('Damascus||Baghdad Street, Al-Thawra Street, Mezzeh, Abu Rummaneh; Aleppo||Al-Jamiliyah; Latakia||Al-Mina Street'), streets: [] },
  iq: { style: 'gulf', cities: cityRows('Baghdad||Karrada, Al-Mansour, Arasat Al-Hindiya; Basra||Al-Ashar, Umm Qasr Port Road; Erbil||Gulan Street, 100 Meter Road'), streets: [] },
  ir: { style: 'gulf', cities: cityRows('Tehran|1#########|Valiasr Street, Enghelab Street, Shariati Street, Mirdamad Boulevard, Africa Boulevard; Bandar Abbas|79########|Imam Khomeini Boulevard; Isfahan|81########|Chaharbagh Street; Tabriz|51########; Mashhad|91########; Kish Island|79########|Sanaee Boulevard'), streets: [] },
  hk: { style: 'hk', cities: cityRows('Central||Queen’s Road Central, Des Voeux Road Central, Connaught Road Central; Wan Chai||Hennessy Road, Lockhart Road, Gloucester Road; Tsim Sha Tsui, Kowloon||Nathan Road, Canton Road; Kwun Tong, Kowloon||Hoi Bun Road, How Ming Street; Sheung Wan||Bonham Strand, Wing Lok Street; Kwai Chung, New Territories||Kwai Fung Crescent'), streets: [] },
  cn: { style: 'cn', cities: cityRows('Shenzhen|518###|Futian District, Nanshan District, Luohu District, Bao’an District; Shanghai|200###|Pudong New Area, Huangpu District, Jing’an District, Minhang District; Beijing|100###|Chaoyang District, Haidian District, Dongcheng District; Guangzhou|510###|Tianhe District, Yuexiu District, Huangpu District; Ningbo|315###|Beilun District, Yinzhou District; Qingdao|266###|Shinan District, Huangdao District; Yiwu|322000|Futian Subdistrict; Tianjin|300###|Binhai New Area, Heping District; Xiamen|361###|Siming District, Huli District'), streets: streetList('Keyuan Road, Shennan Avenue, Century Avenue, Zhongshan Road, Jianshe Road, Renmin Road, Jiefang Road, Binhai Avenue') },
  tw: { style: 'plain', cities: cityRows('Taipei City|1##|Zhongxiao East Road Section 4, Dunhua South Road, Renai Road Section 3; Kaohsiung City|8##|Zhonghua 5th Road'), streets: [] },
  sg: { style: 'sg', cities: cityRows('Singapore|0#####|Raffles Place, Shenton Way, Cecil Street, Robinson Road, Anson Road, Tanjong Pagar Road; Singapore|6#####|Jurong Port Road, Pioneer Road, Penjuru Lane; Singapore|4#####|Ubi Avenue 1, Paya Lebar Road'), streets: [] },
  my: { style: 'continental', cities: cityRows('Kuala Lumpur|50###|Jalan Sultan Ismail, Jalan Ampang, Jalan Tun Razak; Port Klang|42###|Persiaran Raja Muda Musa, Jalan Pelabuhan Utara; Johor Bahru|80###|Jalan Wong Ah Fook; George Town, Penang|10###|Lebuh Pantai'), streets: [] },
  th: { style: 'continental', cities: cityRows('Bangkok|10###|Sukhumvit Road, Silom Road, Sathorn Road, Rama IV Road; Laem Chabang, Chonburi|20230|Sukhumvit Road; Samut Prakan|10###|Bangna-Trad Road'), streets: [] },
  in: { style: 'anglo', cities: cityRows('Mumbai|400###|Nariman Point, Linking Road, Bandra Kurla Complex, Andheri-Kurla Road; New Delhi|110###|Connaught Place, Nehru Place, Barakhamba Road; Chennai|600###|Anna Salai, Mount Road; Bengaluru|560###|MG Road, Residency Road; Kolkata|700###|Park Street, Camac Street; Ahmedabad|380###|Ashram Road; Gandhidham|370201|Sector 9, Kandla Port Road; Hyderabad|500###|Banjara Hills Road No. 12, Begumpet Road'), streets: streetList('Station Road, MG Road, Market Road, Industrial Estate Road') },
  kr: { style: 'plain', cities: cityRows('Seoul|0####|Teheran-ro, Sejong-daero, Gangnam-daero, Eulji-ro; Busan|4####|Jungang-daero, Haeundae-ro; Incheon|2####|Songdo-dong, Incheon Tower-daero'), streets: [] },
  kp: { style: 'plain', cities: cityRows('Pyongyang||Sungri Street, Kumsong Street, Mansudae Street; Nampho||Hanggu District'), streets: [] },
  us: { style: 'us', cities: cityRows('New York, NY|100##|Broadway, Fifth Avenue, Park Avenue, Wall Street; Wilmington, DE|198##|North Orange Street, Delaware Avenue, Market Street; Houston, TX|770##|Louisiana Street, Travis Street; Miami, FL|331##|Brickell Avenue, Biscayne Boulevard; Los Angeles, CA|900##|Wilshire Boulevard; Chicago, IL|606##|Wacker Drive, LaSalle Street'), streets: [] },
  mx: { style: 'continental', cities: cityRows('Ciudad de México|0####|Paseo de la Reforma, Avenida Insurgentes Sur; Monterrey|64###|Avenida Constitución; Guadalajara|44###|Avenida Vallarta; Manzanillo|28###|Avenida Teniente Azueta'), streets: [] },
  co: { style: 'continental', cities: cityRows('Bogotá|11####|Carrera 7, Calle 100, Avenida El Dorado; Medellín|05####|Carrera 43A; Cartagena|13####|Avenida San Martín'), streets: [] },
  ve: { style: 'continental', cities: cityRows('Caracas|10##|Avenida Francisco de Miranda, Avenida Libertador; Maracaibo|40##|Avenida 5 de Julio; Puerto Cabello|20##|Avenida Juan José Flores'), streets: [] },
  ar: { style: 'continental', cities: cityRows('Buenos Aires|C1###@@@|Avenida Corrientes, Avenida del Libertador, Florida; Rosario|S2000@@@|Calle Córdoba'), streets: [] },
  il: { style: 'continental', cities: cityRows('Tel Aviv|6######|Rothschild Boulevard, Menachem Begin Road, Ibn Gabirol Street; Haifa|3######|HaAtzmaut Road; Jerusalem|9######|Jaffa Road'), streets: [] },
  mh: { style: 'plain', cities: cityRows('Majuro|MH 96960|Lagoon Road, Delap, Uliga'), streets: [] },
  lr: { style: 'plain', cities: cityRows('Monrovia|1000|Broad Street, Randall Street, Tubman Boulevard, Ashmun Street'), streets: [] },
  pa: { style: 'plain', cities: cityRows('Panamá|0###|Calle 50, Avenida Balboa, Calle Aquilino de la Guardia, Avenida Samuel Lewis, Costa del Este; Colón|0###|Zona Libre de Colón'), streets: [] },
  vg: { style: 'plain', cities: cityRows('Road Town, Tortola|VG11##|Wickhams Cay I, Wickhams Cay II, Main Street, Waterfront Drive'), streets: [] },
  sc: { style: 'plain', cities: cityRows('Victoria, Mahé||Francis Rachel Street, Providence Industrial Estate, Eden Island, Independence Avenue'), streets: [] },
  bz: { style: 'plain', cities: cityRows('Belize City||Newtown Barracks, Coney Drive, Regent Street, Albert Street'), streets: [] },
};

/** Invented building names for Gulf addresses (office towers are how Gulf addresses are given). */
const BUILDING_FIRST = streetList('Al Safa, Silver Palm, Crescent, Al Noor, Gulf Gate, Al Fahad, Emerald, Platinum, Marina Star, Al Wasl, Golden Sands, Oasis, Al Attar, Sapphire, Al Manara');
const BUILDING_KIND = ['Tower', 'Business Centre', 'Building', 'Plaza', 'Commercial Tower'];
const HK_BUILDINGS = ['Wing Hing Commercial Building', 'Golden Star Centre', 'Fortune Plaza', 'Harbour View Tower', 'Kwong Fat Building', 'Tak Lee House', 'Prosperity Centre', 'Lucky Commercial Building', 'Man Yee Building', 'Shun Fat Industrial Building'];

function fillPattern(r: Random, pattern: string): string {
  let out = '';
  for (const ch of pattern) out += ch === '#' ? r.digits(1) : ch === '@' ? r.letters(1) : ch;
  return out;
}

function pickCity(r: Random, data: CountryAddresses): { city: string; postal: string; streets: string[] } {
  const row = r.pick(data.cities);
  const own = row[2] ? streetList(row[2]) : [];
  const streets = own.length > 0 && (data.streets.length === 0 || r.chance(0.7)) ? own : data.streets.length > 0 ? data.streets : own;
  return { city: row[0]!, postal: fillPattern(r, row[1] ?? ''), streets: streets.length > 0 ? streets : ['Main Road', 'Station Road', 'Market Street'] };
}

/**
 * A plausible address in a country: a real city, a street of that city (or a
 * common street name of the country), a postcode in the national format, and
 * the layout that country's addresses are written in. Countries without a
 * table get a generic address in their capital's country name.
 */
export function makeAddress(r: Random, country: string): Address {
  const data = ADDRESSES[country];
  if (!data) {
    const street = `${r.int(1, 200)} ${r.pick(['Main Street', 'Central Avenue', 'Harbour Road', 'Independence Avenue'])}`;
    const city = countryName(country);
    return { full: `${street}, ${city}`, street, city, postalCode: '', country };
  }
  const { city, postal, streets } = pickCity(r, data);
  const num = String(r.chance(0.85) ? r.int(1, 120) : r.int(121, 400));
  const streetName = r.pick(streets);
  let street: string;
  let full: string;
  switch (data.style) {
    case 'continental':
      street = `${streetName} ${num}`;
      full = `${street}, ${postal ? postal + ' ' : ''}${city}`;
      break;
    case 'french':
      street = `${num} ${streetName}`;
      full = `${street}, ${postal} ${city}`;
      break;
    case 'anglo':
      street = `${num} ${streetName}`;
      full = `${street}, ${city}${postal ? ' ' + postal : ''}`;
      break;
    case 'us':
      street = `${r.int(100, 2999)} ${streetName}${r.chance(0.4) ? `, Suite ${r.int(100, 2400)}` : ''}`;
      full = `${street}, ${city} ${postal}`;
      break;
    case 'turkish':
      street = `${streetName} No: ${num}${r.chance(0.5) ? ` Kat: ${r.int(1, 20)}` : ''}`;
      full = `${street}, ${postal} ${city}`;
      break;
    case 'cis':
      street = `${streetName}, d. ${num}${r.chance(0.3) ? `, str. ${r.int(1, 9)}` : ''}${r.chance(0.6) ? `, of. ${r.int(1, 950)}` : ''}`;
      full = `${street}, ${city}, ${postal}`;
      break;
    case 'gulf': {
      const area = streetName;
      const building = `${r.pick(BUILDING_FIRST)} ${r.pick(BUILDING_KIND)}`;
      street = `Office ${r.int(1, 40)}${pad2(r.int(1, 30))}, ${building}, ${area}`;
      const box = country === 'ae' || country === 'qa' || country === 'kw' || country === 'bh' || country === 'om' ? `P.O. Box ${r.int(1000, 999999)}, ` : '';
      full = `${street}, ${box}${city}${postal ? ' ' + postal : ''}`;
      break;
    }
    case 'hk':
      street = `Room ${r.int(1, 30)}${pad2(r.int(1, 20))}, ${r.int(1, 30)}/F, ${r.pick(HK_BUILDINGS)}, ${num} ${streetName}`;
      full = `${street}, ${city}`;
      break;
    case 'cn':
      street = `Room ${r.int(1, 30)}${pad2(r.int(1, 20))}, No. ${num} ${r.pick(data.streets)}, ${streetName}`;
      full = `${street}, ${city} ${postal}`;
      break;
    case 'sg':
      street = `${num} ${streetName}, #${pad2(r.int(1, 40))}-${pad2(r.int(1, 30))}`;
      full = `${street}, ${city} ${postal}`;
      break;
    default:
      street = `${num} ${streetName}`;
      full = `${street}, ${city}${postal ? ' ' + postal : ''}`;
  }
  const land = countryName(country);
  if (!full.endsWith(land)) full = `${full}, ${land}`;
  return { full, street, city, postalCode: postal, country };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Business-centre addresses that host hundreds of registered companies: flexi
 * desks in UAE free zones, corporate-services buildings in Limassol and
 * Nicosia, secretarial offices in Hong Kong, Moscow "mass registration"
 * addresses, UK formation-agent offices. The buildings are invented (no real
 * firm is named); the Marshall Islands, Liberian and Qianhai (Shenzhen)
 * entries are the statutory registered-agent or secretariat addresses every
 * company of those registers uses, which is what makes them shared.
 */
/** street | city line as the country writes it | city | postcode */
const MASS_ADDRESSES: Record<string, string[][]> = {
  ae: rows(`Flexi Desk, Silver Gate Business Centre, Al Barsha 1|Dubai|Dubai|; Office 14, Level 1, Crescent Business Hub, Jebel Ali Free Zone|Dubai|Dubai|
Desk 07, Emerald Business Centre, Al Hamra Industrial Zone-FZ|Ras Al Khaimah|Ras Al Khaimah|; Business Centre, Al Jurf Commercial Tower 2, Ajman Free Zone|Ajman|Ajman|`),
  cy: rows(`Agias Fylaxeos 212, Solonos Court, 2nd floor|3083 Limassol|Limassol|3083; Themistokli Dervi 41, Lefkarites Business Centre, Office 104|1066 Nicosia|Nicosia|1066
Arch. Makariou III Avenue 203, Pelagia House, 1st floor|3030 Limassol|Limassol|3030`),
  hk: rows(`Room 1502, 15/F, Lucky Commercial Building, 88 Lockhart Road|Wan Chai|Wan Chai|; Flat B, 11/F, Shun Fat Industrial Building, 39 Hoi Yuen Road|Kwun Tong, Kowloon|Kwun Tong|
Unit 2A, 17/F, Golden Star Centre, 3 Nathan Road|Tsim Sha Tsui, Kowloon|Tsim Sha Tsui|`),
  ru: rows(`ul. Zemlyanoi Val, d. 9, pom. 1/12|Moscow, 105064|Moscow|105064; Kashirskoe shosse, d. 3, korp. 2, str. 9, of. 4|Moscow, 115230|Moscow|115230
Gapsalskaya ul., d. 5, lit. A, pom. 2-N|Saint Petersburg, 198035|Saint Petersburg|198035`),
  gb: rows(`Suite 3B, 27 Aldermoor Court|London N1 7GU|London|N1 7GU; Office 7, 41 Kelvin Row|Manchester M1 4BT|Manchester|M1 4BT; Unit 12, 9 Chandlers Yard|London EC1V 2PQ|London|EC1V 2PQ`),
  tr: rows(`Maslak Mahallesi, Büyükdere Caddesi No: 255, Kat 12 Ofis 1205|34398 Sarıyer/İstanbul|İstanbul|34398; Atatürk Mahallesi, Ertuğrul Gazi Sokak No: 14, Kat 3|34758 Ataşehir/İstanbul|İstanbul|34758`),
  sg: rows(`160 Robinson Road, #14-04, Orchid Business Centre|Singapore 068914|Singapore|068914; 3 Shenton Way, #10-05, Meridian House|Singapore 068805|Singapore|068805`),
  kz: rows(`pr. Mangilik El, d. 55/20, of. 345|Astana, 010000|Astana|010000; ul. Dostyk, d. 180, of. 12|Almaty, 050051|Almaty|050051`),
  ge: rows(`51 Tamar Mepe Avenue, Office 12|Batumi 6010|Batumi|6010; Poti Free Industrial Zone, Building 3|Poti 4400|Poti|4400`),
  am: rows(`1 Northern Avenue, Office 45|Yerevan 0001|Yerevan|0001; 39 Mashtots Avenue, Office 17|Yerevan 0002|Yerevan|0002`),
  mh: rows('Trust Company Complex, Ajeltake Road, Ajeltake Island|Majuro MH 96960|Majuro|MH 96960'),
  lr: rows('80 Broad Street|Monrovia 1000|Monrovia|1000'),
  pa: rows('Calle 53 Este, Torre Atlántico, Piso 9, Obarrio|Panamá|Panamá|; Avenida Samuel Lewis, Edificio Omega, Piso 4|Panamá|Panamá|'),
  vg: rows('Coral Chambers, Wickhams Cay II|Road Town, Tortola VG1110|Road Town|VG1110'),
  sc: rows('Suite 202, Marina House, Eden Island|Victoria, Mahé|Victoria|'),
  cn: rows('Room 201, Building A, No. 1 Qianwan 1st Road, Qianhai Shenzhen-Hong Kong Cooperation Zone|Shenzhen 518000|Shenzhen|518000'),
};

/**
 * An address shared by hundreds of companies. Most companies at one of these
 * addresses carry exactly the same string (the same desk number is sold many
 * times); a third get a suite of their own in the same building. Countries
 * without a known centre get one generated building per country.
 */
export function massRegistrationAddress(r: Random, country: string): Address {
  const list = MASS_ADDRESSES[country];
  if (!list) {
    // One fixed business centre per country, drawn from a stream seeded by the country code (not from r): the address must repeat.
    const base = makeAddress(new Random(`mass-registration:${country}`), country);
    return { ...base, full: `Business Centre, ${base.full}` };
  }
  const [street, cityLine, city, postal] = r.weighted(list, list.map((_, i) => 1 / (i + 1)));
  let line = street!;
  if (r.chance(0.33)) line = `Suite ${r.int(1, 60)}, ${line}`;
  const land = countryName(country);
  const full = `${line}, ${cityLine}`;
  return { full: full.endsWith(land) ? full : `${full}, ${land}`, street: line, city: city!, postalCode: postal ?? '', country };
}

/** Country names as addresses write them, where the ISO short name reads otherwise. */
const COUNTRY_NAMES: Record<string, string> = {
  cn: 'China', tw: 'Taiwan', vg: 'British Virgin Islands', ir: 'Iran', us: 'United States', gb: 'United Kingdom', ru: 'Russia',
  sy: 'Syria', kr: 'South Korea', kp: 'North Korea', ve: 'Venezuela', md: 'Moldova',
};

/** English name of a country as an address line ends (United Arab Emirates), or its code upper-cased when unknown. */
function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? countries.getName(code.toUpperCase(), 'en') ?? code.toUpperCase();
}
