import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { cleanCountry, isCountryCode, toCountryCode } from './countries.ts';

test('codes and usual names (the behaviour other modules rely on)', () => {
  assert.equal(toCountryCode('CU'), 'cu');
  assert.equal(toCountryCode('cu'), 'cu');
  assert.equal(toCountryCode('RUS'), 'ru');
  assert.equal(toCountryCode('Cuba'), 'cu');
  assert.equal(toCountryCode('CUBA'), 'cu');
  assert.equal(toCountryCode('Russia'), 'ru');
  assert.equal(toCountryCode('Kosovo'), 'xk');
  assert.equal(toCountryCode('XK'), 'xk');
  assert.equal(toCountryCode('Türkiye'), 'tr');
  assert.equal(toCountryCode('  United   States. '), 'us');
  assert.equal(toCountryCode('UK'), 'gb');
  assert.equal(toCountryCode(''), undefined);
  assert.equal(toCountryCode('Atlantis'), undefined);
});

test('the spellings the sanctions lists use', () => {
  const cases: Record<string, string> = {
    'Iran (Islamic Republic of)': 'ir',
    'Russian Federation': 'ru',
    'the Russian Federation': 'ru',
    'Korea, North': 'kp',
    'Korea, South': 'kr',
    "Democratic People's Republic of Korea": 'kp',
    DPRK: 'kp',
    'Syrian Arab Republic': 'sy',
    'United Republic of Tanzania': 'tz',
    'Tanzania, United Republic of': 'tz',
    'Bolivarian Republic of Venezuela': 've',
    'Venezuela (Bolivarian Republic of)': 've',
    'Bolivia (Plurinational State of)': 'bo',
    Palestinian: 'ps',
    'State of Palestine': 'ps',
    'West Bank (Palestinian Authority)': 'ps',
    'Gaza Strip': 'ps',
    'Region: Gaza': 'ps',
    'United Kingdom of Great Britain and Northern Ireland': 'gb',
    England: 'gb',
    'North Macedonia, The Republic of': 'mk',
    'Macedonia, The Former Yugoslav Republic of': 'mk',
    'Cabo Verde': 'cv',
    'Cote d Ivoire': 'ci',
    "Côte d'Ivoire": 'ci',
    'St. Kitts & Nevis': 'kn',
    'St Kitts and Nevis': 'kn',
    'Man, Isle of': 'im',
    'British Virgin Islands': 'vg',
    'Virgin Islands, British': 'vg',
    'Bahamas, The': 'bs',
    'China, Hong Kong Special Administrative Region': 'hk',
    'Congo, Democratic Republic of the': 'cd',
    'Democratic Republic of the Congo': 'cd',
    'Congo, Republic of the': 'cg',
    Congo: 'cg',
    DRC: 'cd',
    PRC: 'cn',
    'Bosnia-Herzegovina': 'ba',
    'Republic of Serbia': 'rs',
    'Comoros Islands': 'km',
    'the Philippines': 'ph',
    Burma: 'mm',
    'Lao People\u2019s Democratic Republic': 'la',
    'Moldova, Republic of': 'md',
    'Micronesia (Federated States of)': 'fm',
    'U.S.A.': 'us',
    'Tunisi (Tunisia)': 'tn',
  };
  for (const [text, code] of Object.entries(cases)) assert.equal(toCountryCode(text), code, text);
});

test('regions, historic states and non-answers stay unrecognised', () => {
  for (const text of [
    'Region: Crimea',
    'Crimea',
    'Region: Kafia Kingi',
    'None Identified',
    'undetermined',
    'Netherlands Antilles',
    'Serbia and Montenegro',
    'USSR',
    'possibly Palestinian',
    'Korea',
    'NM',
    'x'.repeat(5000),
  ]) {
    assert.equal(toCountryCode(text), undefined, text);
  }
});

test('cleanCountry stores lower-case alpha-2, plus xk, eu and zz', () => {
  assert.deepEqual(cleanCountry(' Cuba '), { ok: true, value: 'cu' });
  assert.deepEqual(cleanCountry('XK'), { ok: true, value: 'xk' });
  assert.deepEqual(cleanCountry('EU'), { ok: true, value: 'eu' });
  assert.deepEqual(cleanCountry('European Union'), { ok: true, value: 'eu' });
  assert.deepEqual(cleanCountry('zz'), { ok: true, value: 'zz' });
  for (const bad of ['un', 'UN', 'Region: Crimea', '', 'qq']) assert.equal(cleanCountry(bad).ok, false, bad);
  const r = cleanCountry('Region: Crimea');
  assert.match(r.ok ? '' : r.reason, /not a recognised country/);
  assert.equal(isCountryCode('de'), true);
  assert.equal(isCountryCode('eu'), false);
});

test('countries: never throw; cleanCountry is idempotent', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
    fc.constantFrom('Iran (Islamic Republic of)', 'Korea, North', 'RUS', 'eu', 'Region: Gaza', 'St. Lucia'),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      const code = toCountryCode(s);
      if (code !== undefined) assert.match(code, /^[a-z]{2}$/);
      const r = cleanCountry(s);
      if (r.ok) assert.deepEqual(cleanCountry(r.value), r);
    }),
    { numRuns: 2000 },
  );
});

// ---------------------------------------------------------------- the lists themselves

function listsDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of [`${here}../../../../shared/data/lists/`, '/work/shared/data/lists/']) {
    if (existsSync(`${dir}ofac_sdn_2021-07/sdn.csv`)) return dir;
  }
  return undefined;
}

/** Strings found in the lists' country fields that are rightly left unrecognised. */
const KNOWN_UNRECOGNISED = new Set([
  'None Identified', // OFAC Vess_flag
  'undetermined', // OFAC address country
  'possibly Palestinian', // hedged nationality
  'Region: Kafia Kingi',
  'Region: Crimea',
  'Region: Northern Mali',
  'Netherlands Antilles', // dissolved 2010, no current code
  'NM', // BIS DPL: a US state (New Mexico) in the country column
]);

test('every country string in the shared lists is recognised or knowingly not', { skip: listsDir() === undefined && 'shared lists not present' }, () => {
  const dir = listsDir()!;
  const found = new Set<string>();
  const add = (s: string | undefined): void => {
    const t = (s ?? '').trim();
    if (t !== '' && t !== '-0-') found.add(t);
  };
  const csv = (file: string, opts: Record<string, unknown> = {}): string[][] =>
    parse(readFileSync(dir + file, 'utf8'), { relax_quotes: true, relax_column_count: true, ...opts }) as string[][];
  for (const file of ['ofac_sdn_2021-07/sdn.csv', 'ofac_sdn_2024-05-03/sdn.csv', 'ofac_consolidated_nonsdn_2025-12/cons_prim.csv']) {
    if (!existsSync(dir + file)) continue;
    for (const row of csv(file)) {
      add(row[9]); // Vess_flag
      for (const m of (row[11] ?? '').matchAll(/(?:Nationality of Registration|nationality|citizen|Vessel Flag|Registration Country) ([^;]+?)(?:;|\.$|$)/g)) add(m[1]);
    }
  }
  for (const file of ['ofac_sdn_2021-07/add.csv', 'ofac_consolidated_nonsdn_2025-12/cons_add.csv']) {
    if (existsSync(dir + file)) for (const row of csv(file)) add(row[4]);
  }
  const unFile = dir + 'un_sc_consolidated_2026-02-27/consolidated.xml';
  if (existsSync(unFile)) {
    const xml = readFileSync(unFile, 'utf8');
    for (const m of xml.matchAll(/<NATIONALITY>\s*<VALUE>([^<]*)<\/VALUE>/g)) add(m[1]);
    for (const m of xml.matchAll(/<(COUNTRY|COUNTRY_OF_BIRTH|COUNTRY_OF_ISSUE|ISSUING_COUNTRY)>([^<]*)<\/\1>/g)) add(m[2]);
  }
  if (existsSync(dir + 'us_bis_dpl/dpl.txt')) for (const row of csv('us_bis_dpl/dpl.txt', { delimiter: '\t' }).slice(1)) add(row[4]);
  if (existsSync(dir + 'us_csl_excerpt_2019/csl.csv')) {
    const rows = parse(readFileSync(dir + 'us_csl_excerpt_2019/csl.csv', 'utf8'), { columns: true, relax_column_count: true }) as Record<string, string>[];
    for (const row of rows) for (const col of ['citizenships', 'nationalities', 'vessel_flag']) for (const s of (row[col] ?? '').split(';')) add(s);
  }
  assert.ok(found.size > 200, `scanned ${found.size} country strings`);
  const missing = [...found].filter((s) => toCountryCode(s) === undefined && !KNOWN_UNRECOGNISED.has(s));
  assert.deepEqual(missing, []);
});
