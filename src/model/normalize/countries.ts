import countries from 'i18n-iso-countries';

/**
 * Countries to ISO 3166-1 alpha-2 (lower case, as FtM writes them) from codes and
 * common names. i18n-iso-countries knows the official and usual English names;
 * the table below adds the forms that sanctions lists actually write.
 */
const ALIASES: Record<string, string> = {
  russia: 'ru',
  iran: 'ir',
  syria: 'sy',
  'north korea': 'kp',
  'korea, north': 'kp',
  "democratic people's republic of korea": 'kp',
  'south korea': 'kr',
  'korea, south': 'kr',
  burma: 'mm',
  'democratic republic of the congo': 'cd',
  'congo, democratic republic of the': 'cd',
  'republic of the congo': 'cg',
  'congo, republic of the': 'cg',
  venezuela: 've',
  bolivia: 'bo',
  tanzania: 'tz',
  laos: 'la',
  vietnam: 'vn',
  'viet nam': 'vn',
  moldova: 'md',
  'united kingdom': 'gb',
  uk: 'gb',
  'great britain': 'gb',
  'united states': 'us',
  usa: 'us',
  'united states of america': 'us',
  'the netherlands': 'nl',
  'west bank': 'ps',
  gaza: 'ps',
  palestinian: 'ps',
  'palestinian territories': 'ps',
  'state of palestine': 'ps',
  kosovo: 'xk',
  'ivory coast': 'ci',
  "cote d'ivoire": 'ci',
  turkey: 'tr',
  turkiye: 'tr',
  'czech republic': 'cz',
  macedonia: 'mk',
  'macau': 'mo',
  'hong kong': 'hk',
  taiwan: 'tw',
  'brunei': 'bn',
  'cape verde': 'cv',
  swaziland: 'sz',
  'the bahamas': 'bs',
  'the gambia': 'gm',
  'micronesia': 'fm',
  'st. kitts and nevis': 'kn',
  'saint kitts and nevis': 'kn',
  'st. lucia': 'lc',
  'st. vincent and the grenadines': 'vc',
};

const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()).map((c) => c.toLowerCase()));
ALPHA2.add('xk'); // Kosovo: user-assigned but universal in sanctions data

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

/** ISO alpha-2 code (lower case) for a code or name, or undefined when unknown. */
export function toCountryCode(text: string): string | undefined {
  const folded = fold(text);
  if (folded === '') return undefined;
  if (folded.length === 2 && ALPHA2.has(folded)) return folded;
  if (folded.length === 3) {
    const a2 = countries.alpha3ToAlpha2(folded.toUpperCase());
    if (a2) return a2.toLowerCase();
  }
  const alias = ALIASES[folded];
  if (alias) return alias;
  const byName = countries.getAlpha2Code(folded, 'en');
  return byName ? byName.toLowerCase() : undefined;
}
