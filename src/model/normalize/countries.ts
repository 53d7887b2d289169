import countries from 'i18n-iso-countries';
import { fail, ok, quote, tooLong, TOO_LONG, type CheckResult } from './result.ts';
import { singleLine } from './text.ts';

/**
 * Countries to ISO 3166-1 alpha-2 (lower case, as FtM writes them) from codes and
 * common names. i18n-iso-countries knows the official and usual English names;
 * the table below adds the forms that sanctions lists actually write (OFAC SDN and
 * consolidated lists, UN consolidated list, BIS DPL, the CSL), found by scanning
 * those lists' nationality, citizenship, address-country and flag fields.
 *
 * Historic states with no current code (USSR, Yugoslavia, Serbia and Montenegro,
 * Netherlands Antilles) and regions that are not countries ("Region: Crimea",
 * "Kafia Kingi") are deliberately left unrecognised.
 */
const ALIASES: Record<string, string> = {
  russia: 'ru',
  iran: 'ir',
  syria: 'sy',
  'north korea': 'kp',
  'korea, north': 'kp',
  "democratic people's republic of korea": 'kp',
  dprk: 'kp',
  'south korea': 'kr',
  'korea, south': 'kr',
  burma: 'mm',
  congo: 'cg',
  'democratic republic of the congo': 'cd',
  'congo, democratic republic of the': 'cd',
  'dr congo': 'cd',
  drc: 'cd',
  'congo kinshasa': 'cd',
  'republic of the congo': 'cg',
  'congo, republic of the': 'cg',
  'congo brazzaville': 'cg',
  venezuela: 've',
  'bolivarian republic of venezuela': 've',
  bolivia: 'bo',
  'plurinational state of bolivia': 'bo',
  tanzania: 'tz',
  laos: 'la',
  'lao pdr': 'la',
  vietnam: 'vn',
  'viet nam': 'vn',
  moldova: 'md',
  'republic of moldova': 'md',
  'united kingdom': 'gb',
  'united kingdom of great britain and northern ireland': 'gb',
  uk: 'gb',
  'great britain': 'gb',
  england: 'gb',
  scotland: 'gb',
  wales: 'gb',
  'northern ireland': 'gb',
  'united states': 'us',
  usa: 'us',
  'united states of america': 'us',
  'the netherlands': 'nl',
  holland: 'nl',
  'west bank': 'ps',
  gaza: 'ps',
  'gaza strip': 'ps',
  palestinian: 'ps',
  'palestinian territories': 'ps',
  'palestinian territory': 'ps',
  'occupied palestinian territory': 'ps',
  'palestinian authority': 'ps',
  'state of palestine': 'ps',
  kosovo: 'xk',
  'ivory coast': 'ci',
  "cote d'ivoire": 'ci',
  turkey: 'tr',
  turkiye: 'tr',
  'czech republic': 'cz',
  'slovak republic': 'sk',
  'kyrgyz republic': 'kg',
  macedonia: 'mk',
  'former yugoslav republic of macedonia': 'mk',
  fyrom: 'mk',
  'republic of north macedonia': 'mk',
  macau: 'mo',
  'macao sar': 'mo',
  'macau sar': 'mo',
  'macao special administrative region': 'mo',
  'china, macao special administrative region': 'mo',
  'hong kong': 'hk',
  'hong kong sar': 'hk',
  'hong kong special administrative region': 'hk',
  'china, hong kong special administrative region': 'hk',
  taiwan: 'tw',
  prc: 'cn',
  "people's republic of china": 'cn',
  brunei: 'bn',
  'cape verde': 'cv',
  'cabo verde': 'cv',
  swaziland: 'sz',
  'the bahamas': 'bs',
  'the gambia': 'gm',
  micronesia: 'fm',
  'federated states of micronesia': 'fm',
  'st. kitts and nevis': 'kn',
  'saint kitts and nevis': 'kn',
  'st. lucia': 'lc',
  'st. vincent and the grenadines': 'vc',
  'bosnia-herzegovina': 'ba',
  bosnia: 'ba',
  'british virgin islands': 'vg',
  bvi: 'vg',
  'us virgin islands': 'vi',
  'comoros islands': 'km',
  phillipines: 'ph',
  philipines: 'ph',
  'east timor': 'tl',
  'libyan arab jamahiriya': 'ly',
  vatican: 'va',
  'vatican city': 'va',
  'holy see': 'va',
  uae: 'ae',
  emirates: 'ae',
};

const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()).map((c) => c.toLowerCase()));
ALPHA2.add('xk'); // Kosovo: user-assigned but universal in sanctions data

/** FtM's codes that are not countries: the European Union and "global". */
const SPECIAL = new Map([
  ['eu', 'eu'],
  ['european union', 'eu'],
  ['zz', 'zz'],
]);

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
}

/** Lookup key: folded, "&" → "and", "St." → "saint", punctuation dropped. */
function key(folded: string): string {
  return folded
    .replace(/&/g, ' and ')
    .replace(/\./g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

/** Every key a country name can be found under: i18n-iso-countries' English names, then the aliases. */
const BY_KEY = new Map<string, string>();
{
  const ambiguous = new Set<string>();
  const names = countries.getNames('en', { select: 'all' });
  for (const [code, list] of Object.entries(names)) {
    for (const name of list) {
      const k = key(fold(name));
      const prev = BY_KEY.get(k);
      if (prev !== undefined && prev !== code.toLowerCase()) ambiguous.add(k);
      else BY_KEY.set(k, code.toLowerCase());
    }
  }
  for (const k of ambiguous) BY_KEY.delete(k);
  for (const [name, code] of Object.entries(ALIASES)) BY_KEY.set(key(fold(name)), code);
}

/**
 * Spellings to try for one folded text, most literal first: as written; without
 * an OFAC "Region:" prefix; inverted around a comma ("Korea, North", "Man, Isle
 * of", "Bahamas, The"); with a parenthesis folded in or dropped ("Iran (Islamic
 * Republic of)", "West Bank (Palestinian Authority)"); without a leading "the" or
 * "republic of"; and last the parenthesis alone ("Tunisi (Tunisia)").
 */
function spellings(folded: string): string[] {
  let text = folded;
  const region = /^region\s*:\s*(.+)$/.exec(text);
  if (region) text = region[1]!;
  const out: string[] = [text];
  const last: string[] = [];
  const paren = /^([^()]+?)\s*\(([^()]+)\)$/.exec(text);
  if (paren) {
    out.push(`${paren[2]} ${paren[1]}`, paren[1]!);
    last.push(paren[2]!);
  }
  const comma = /^([^,]+),\s*([^,]+)$/.exec(text);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  for (const s of [...out]) {
    const bare = s.replace(/^the /, '').replace(/^(?:the )?republic of (?:the )?/, '');
    if (bare !== s) out.push(bare);
  }
  return [...out, ...last];
}

/** ISO alpha-2 code (lower case) for a code or name, or undefined when unknown. */
export function toCountryCode(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 1000) return undefined;
  const folded = fold(text);
  if (folded === '') return undefined;
  if (folded.length === 2 && ALPHA2.has(folded)) return folded;
  if (folded.length === 3) {
    const a2 = countries.alpha3ToAlpha2(folded.toUpperCase());
    if (a2) return a2.toLowerCase();
  }
  const compact = key(folded);
  if (compact.length === 2 && ALPHA2.has(compact)) return compact; // "U.S."
  if (compact.length === 3 && /^[a-z]{3}$/.test(compact)) {
    const a2 = countries.alpha3ToAlpha2(compact.toUpperCase()); // "U.S.A."
    if (a2) return a2.toLowerCase();
  }
  for (const spelling of spellings(folded)) {
    const code = BY_KEY.get(key(spelling));
    if (code) return code;
  }
  const byName = countries.getAlpha2Code(folded, 'en');
  return byName ? byName.toLowerCase() : undefined;
}

/** True for an ISO alpha-2 code i18n-iso-countries knows, or "xk" (lower case). */
export function isCountryCode(code: string): boolean {
  return ALPHA2.has(code);
}

/** True for a code cleanValue stores: a known alpha-2 code, "xk", "eu" or "zz". */
export function isCountryValue(code: string): boolean {
  return ALPHA2.has(code) || code === 'eu' || code === 'zz';
}

/** 'country' type: value is the lower-case alpha-2 code (or FtM's "eu"/"zz"). */
export function cleanCountry(raw: string): CheckResult {
  if (tooLong(raw)) return fail(TOO_LONG);
  const text = singleLine(raw);
  if (text === '') return fail('country is empty');
  const code = toCountryCode(text) ?? SPECIAL.get(fold(text));
  if (code === undefined || !isCountryValue(code)) return fail(`${quote(text)} is not a recognised country`);
  return ok(code);
}
