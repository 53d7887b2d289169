import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import type { FtmEntity } from '../model/entity.ts';
import { isCountryCode } from '../model/normalize/countries.ts';
import { foldName } from '../model/normalize/names.ts';
import { cleanAddress } from '../model/normalize/text.ts';
import { validateEntity } from '../model/validate.ts';
import {
  isIbanCountry,
  makeAccountNumber,
  makeBic,
  makeCallSign,
  makeIban,
  makeImo,
  makeLei,
  makeMmsi,
  makeNationalId,
  makePassport,
  makeRegistration,
} from './identifiers.ts';
import {
  CULTURE_CODES,
  JURISDICTIONS,
  cultureSystems,
  makeAddress,
  makeCompanyName,
  makePerson,
  massRegistrationAddress,
  romanizeCyrillic,
  transliterationVariants,
  type CultureCode,
} from './identities.ts';
import { Random } from './random.ts';

const NATIVE_SCRIPT: Partial<Record<CultureCode, RegExp>> = {
  russian: /\p{Script=Cyrillic}/u,
  ukrainian: /\p{Script=Cyrillic}/u,
  belarusian: /\p{Script=Cyrillic}/u,
  kazakh: /\p{Script=Cyrillic}/u,
  arabic_gulf: /\p{Script=Arabic}/u,
  arabic_levant: /\p{Script=Arabic}/u,
  persian: /\p{Script=Arabic}/u,
  chinese: /\p{Script=Han}/u,
  korean: /\p{Script=Hangul}/u,
  georgian: /\p{Script=Georgian}/u,
  armenian: /\p{Script=Armenian}/u,
  greek: /\p{Script=Greek}/u,
};

test('every culture of the brief is there', () => {
  for (const c of ['russian', 'ukrainian', 'arabic_gulf', 'arabic_levant', 'persian', 'turkish', 'chinese', 'korean', 'indian', 'georgian', 'armenian', 'greek', 'german', 'english', 'french', 'spanish']) {
    assert.ok((CULTURE_CODES as string[]).includes(c), c);
  }
});

test('makePerson: Latin name, native script where the culture has one, a real nationality and birth date', () => {
  const r = new Random('people');
  for (const culture of CULTURE_CODES) {
    for (let i = 0; i < 200; i++) {
      const p = makePerson(r, culture);
      assert.equal(p.culture, culture);
      assert.match(p.name, /^[\p{Script=Latin}\p{M}' .,-]+$/u, `${culture}: Latin name ${p.name}`);
      assert.ok(p.name.includes(p.firstName.split(' ')[0]!) && p.name.includes(p.lastName.split(' ')[0]!), `${p.name} holds its parts`);
      assert.ok(isCountryCode(p.nationality), p.nationality);
      assert.match(p.birthDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!Number.isNaN(Date.parse(p.birthDate)) && new Date(p.birthDate).toISOString().startsWith(p.birthDate), p.birthDate);
      const script = NATIVE_SCRIPT[culture];
      if (script) assert.match(p.nativeName ?? '', script, `${culture}: ${p.name} has a native-script name`);
      else assert.equal(p.nativeName, undefined);
      assert.ok(p.key.endsWith(p.birthDate));
    }
  }
});

test('makePerson: naming conventions of the cultures', () => {
  const r = new Random('conventions');
  const many = (c: CultureCode, n = 300) => Array.from({ length: n }, () => makePerson(r, c));
  // Russian: patronymic, gendered surnames, passports in ICAO romanisation, documents surname first.
  for (const p of many('russian')) {
    assert.ok(p.patronymic, 'a patronymic');
    assert.match(p.patronymic!, p.gender === 'male' ? /(vich|ich)$/ : /(vna|ichna)$/, p.patronymic);
    assert.ok(p.nativeName!.startsWith(p.tokens.find((t) => t.role === 'family')!.native!), 'official order: surname first');
    if (/(ov|ev|in)a?$/.test(p.lastName)) assert.equal(p.lastName.endsWith('a'), p.gender === 'female', `${p.lastName} agrees with ${p.gender}`);
  }
  // Arabic (Gulf): father's name in the name, family name with the article.
  for (const p of many('arabic_gulf')) {
    assert.ok(p.fatherName, p.name);
    assert.match(p.lastName, /^(Al|El) /);
  }
  // Chinese and Korean: family name first.
  for (const c of ['chinese', 'korean'] as const) for (const p of many(c)) assert.ok(p.name.startsWith(p.lastName), p.name);
  // Spanish: two surnames.
  for (const p of many('spanish')) assert.equal(p.lastName.split(' ').length >= 2, true, p.lastName);
  // Hong Kong residents are written in Cantonese romanisation with traditional characters.
  const hk = many('chinese', 600).filter((p) => p.nationality === 'hk');
  assert.ok(hk.length > 50);
  assert.ok(hk.some((p) => /^(Chan|Wong|Cheung|Lau|Lee|Ng|Leung|Ho|Lam|Tsang)\b/.test(p.name)), 'Cantonese surnames');
});

test('Cyrillic romanisation systems give the spellings registries and lists use', () => {
  const cases: Array<[string, string, string]> = [
    ['Щукин', 'german', 'Schtschukin'],
    ['Щукин', 'french', 'Chtchoukine'],
    ['Щукин', 'icao', 'Shchukin'],
    ['Евгений', 'icao', 'Evgenii'],
    ['Евгений', 'bgn', 'Yevgeniy'],
    ['Евгений', 'conventional', 'Yevgeny'],
    ['Юрий', 'german', 'Juri'],
    ['Хрущёв', 'french', 'Khrouchtchev'],
    ['Цветков', 'mvd2010', 'Tcvetkov'],
    ['Олександр', 'ua2010', 'Oleksandr'],
    ['Сергій', 'uabgn', 'Serhiy'],
    ['Аляксандр', 'by2000', 'Aliaksandr'],
    ['Лукашэнка', 'by2000', 'Lukashenka'],
  ];
  for (const [native, system, expected] of cases) assert.equal(romanizeCyrillic(native, system as never), expected, `${native} in ${system}`);
});

/** Similarity of two spellings: folded words matched to their nearest counterpart, in whichever direction matches better. */
function nameSimilarity(a: string, b: string): number {
  const words = (s: string) => foldName(s).split(' ').filter((w) => w.length > 1);
  const sim = (x: string, y: string) => 1 - distance(x, y) / Math.max(x.length, y.length);
  const dir = (xs: string[], ys: string[]) => (xs.length === 0 ? 0 : xs.reduce((acc, x) => acc + Math.max(...ys.map((y) => sim(x, y))), 0) / xs.length);
  const wa = words(a);
  const wb = words(b);
  return Math.max(dir(wa, wb), dir(wb, wa));
}

test('transliterationVariants: differ from the name, fold to something similar, for a person and for the bare name', () => {
  const r = new Random('variants');
  for (const culture of CULTURE_CODES) {
    const sims: number[] = [];
    let without = 0;
    for (let i = 0; i < 150; i++) {
      const p = makePerson(r, culture);
      const fromPerson = transliterationVariants(p, culture);
      const fromName = transliterationVariants(p.name, culture);
      // A name in a native script always has other romanisations; a Latin one may have none ("Michel Michel").
      if (NATIVE_SCRIPT[culture]) {
        assert.ok(fromPerson.length > 0, `${culture}: variants of ${p.name}`);
        assert.ok(fromName.length > 0, `${culture}: variants read back from "${p.name}"`);
      }
      if (fromPerson.length === 0) without++;
      for (const v of [...fromPerson, ...fromName]) {
        assert.notEqual(v.toLowerCase(), p.name.toLowerCase());
        const s = nameSimilarity(v, p.name);
        assert.ok(s >= 0.15, `${culture}: ${p.name} → ${v} (${s.toFixed(2)})`);
        sims.push(s);
      }
    }
    assert.ok(without <= 15, `${culture}: ${without} of 150 names without a variant`);
    sims.sort((a, b) => a - b);
    assert.ok(sims[Math.floor(sims.length / 2)]! >= 0.6, `${culture}: median similarity ${sims[Math.floor(sims.length / 2)]}`);
  }
});

test('transliterationVariants: the variation real lists show', () => {
  const has = (list: string[], re: RegExp) => list.some((v) => re.test(v));
  const r = new Random('famous');
  const find = (culture: CultureCode, test: (name: string) => boolean) => {
    for (let i = 0; i < 20000; i++) {
      const p = makePerson(r, culture);
      if (test(p.name)) return p;
    }
    throw new Error(`no ${culture} person found`);
  };
  const alexander = find('russian', (n) => n.startsWith('Aleksandr '));
  const v1 = transliterationVariants(alexander, 'russian');
  assert.ok(has(v1, /^Alexander /) && has(v1, /^Alexandre /), v1.join(' | '));
  const yevgeny = transliterationVariants('Evgenii Shchukin', 'russian');
  for (const re of [/Yevgeniy Shchukin/, /Jewgeni Schtschukin/, /Evguenii? Chtchoukine/, /Shchukin Evgenii/]) assert.ok(has(yevgeny, re), `${re} in ${yevgeny.join(' | ')}`);
  const oleksandr = transliterationVariants('Oleksandr Kovalenko', 'ukrainian');
  assert.ok(has(oleksandr, /^Aleksandr Kovalenko$/) && has(oleksandr, /^Alexander /), oleksandr.join(' | '));
  const arab = transliterationVariants('Mohammed Rashid Al Mansoori', 'arabic_gulf');
  for (const re of [/Muhammad/, /Mohamed/, /bin Rashid/, /ibn Rashid/, /Al-Mansoori/, /El Mansouri/, /Almansoori/]) assert.ok(has(arab, re), `${re} in ${arab.join(' | ')}`);
  const chinese = transliterationVariants('Zhang Xiaoming', 'chinese');
  assert.ok(has(chinese, /Chang Hsiao-ming/) && has(chinese, /Cheung Hiu-ming/) && has(chinese, /Xiaoming Zhang/), chinese.join(' | '));
  const korean = transliterationVariants('Lee Min-jun', 'korean');
  assert.ok(has(korean, /^Yi /) && has(korean, /^Ri /) && has(korean, /Minjun/), korean.join(' | '));
  const georgian = transliterationVariants('Giorgi Gelashvili', 'georgian');
  assert.ok(has(georgian, /Gelaschwili/) && has(georgian, /Gelachvili/), georgian.join(' | '));
  const greek = transliterationVariants('Konstantinos Charalampous', 'greek');
  assert.ok(has(greek, /Charalambous/) && has(greek, /Haralambous/) && has(greek, /Constantinos/), greek.join(' | '));
  const armenian = transliterationVariants('Tigran Harutyunyan', 'armenian');
  assert.ok(has(armenian, /Har\w*unian/) && has(armenian, /Arutyunyan/), armenian.join(' | '));
  assert.ok(has(transliterationVariants('Jürgen Müller', 'german'), /Juergen Mueller/));
  assert.ok(has(transliterationVariants('Mehmet Öztürk', 'turkish'), /Mehmet Ozturk/));
  assert.throws(() => transliterationVariants('X', 'klingon'), /unknown naming culture/);
});

test('transliterationVariants: deterministic; a Random only shuffles', () => {
  const p = makePerson(new Random(9), 'russian');
  assert.deepEqual(transliterationVariants(p, 'russian'), transliterationVariants(p, 'russian'));
  const shuffled = transliterationVariants(p, 'russian', new Random(1));
  assert.deepEqual(shuffled, transliterationVariants(p, 'russian', new Random(1)));
  assert.deepEqual([...shuffled].sort(), [...transliterationVariants(p, 'russian')].sort());
});

test('Zipf pools: common surnames recur across 10 000 people while most full names are distinct', () => {
  const r = new Random('zipf');
  const people = Array.from({ length: 10_000 }, () => makePerson(r));
  const surnames = new Map<string, number>();
  const names = new Map<string, number>();
  for (const p of people) {
    surnames.set(p.lastName, (surnames.get(p.lastName) ?? 0) + 1);
    names.set(p.name, (names.get(p.name) ?? 0) + 1);
  }
  const counts = [...surnames.values()].sort((a, b) => b - a);
  assert.ok(counts[0]! >= 25, `the most common surname recurs (${counts[0]})`);
  assert.ok(counts.filter((c) => c >= 10).length >= 30, 'a head of common surnames');
  assert.ok(counts.filter((c) => c === 1).length >= 500, 'a long tail of rare surnames');
  assert.ok(names.size / people.length >= 0.85, `most full names are distinct (${names.size})`);
  assert.ok([...names.values()].some((c) => c >= 3), 'yet some common names are shared by different people');
});

test('makeCompanyName: legal forms of the jurisdiction, native script for some registers', () => {
  const r = new Random('companies');
  for (const j of JURISDICTIONS) {
    const forms = j.legalForms.flatMap((f) => [f.short, f.latin, f.english, f.native].filter((x): x is string => x !== undefined));
    for (let i = 0; i < 60; i++) {
      const c = makeCompanyName(r, j.code, { sector: r.pick(['trading', 'shipping', 'energy', 'electronics', 'logistics']) });
      assert.ok(c.name.trim().length > 3, `${j.code}: ${c.name}`);
      assert.ok(c.legalForm.length > 0);
      const inName = c.name.toLowerCase().includes(c.legalForm.toLowerCase());
      assert.ok(inName, `${j.code}: "${c.name}" carries its legal form ${c.legalForm}`);
      if (!['cn', 'hk'].includes(j.code)) assert.ok(forms.some((f) => c.name.toLowerCase().includes(f.toLowerCase())), `${j.code}: ${c.name} has one of ${forms.join(', ')}`);
      assert.ok(c.latinName && /\p{Script=Latin}/u.test(c.latinName), `${j.code}: Latin form ${c.latinName}`);
      assert.ok(!c.aliases.includes(c.name));
    }
  }
  const ru = Array.from({ length: 200 }, () => makeCompanyName(r, 'ru'));
  assert.ok(ru.some((c) => /^(ООО|АО|ПАО|ЗАО) «/.test(c.name)), 'Russian companies in Cyrillic');
  assert.ok(ru.some((c) => /\b(LLC|OOO|JSC|AO)\b/.test(c.name)), 'and in Latin');
  assert.ok(ru.every((c) => c.aliases.length > 0 && c.nativeName));
  const cn = Array.from({ length: 100 }, () => makeCompanyName(r, 'cn'));
  assert.ok(cn.some((c) => /有限公司$/.test(c.name)) && cn.some((c) => /Co\., Ltd\.$/.test(c.name)));
  assert.equal(makeCompanyName(r, 'tr', { baseName: 'Kovalenko', sector: 'trading' }).name.startsWith('Kovalenko '), true);
  assert.ok(makeCompanyName(r, 'mh', { sector: 'shipping' }).name.match(/(Navigation|Shipping|Maritime|Shipholding|Marine) (Inc\.|Corp\.|Ltd\.)$/));
  assert.ok(makeCompanyName(r, 'zz').name.length > 0, 'an unknown jurisdiction gets an English-style company');
});

test('JURISDICTIONS: valid codes, weights, the flags the brief asks for', () => {
  const codes = JURISDICTIONS.map((j) => j.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const j of JURISDICTIONS) {
    assert.ok(isCountryCode(j.code), j.code);
    assert.ok(j.weight > 0 && j.legalForms.length > 0 && j.cultures.length > 0, j.code);
  }
  const flagged = (flag: 'secrecy' | 'hub') => JURISDICTIONS.filter((j) => j[flag]).map((j) => j.code);
  for (const c of ['ae', 'hk', 'sg', 'ch', 'pa', 'vg', 'mh', 'lr']) assert.ok(flagged('secrecy').includes(c), `${c} secrecy`);
  for (const c of ['ae', 'tr', 'am', 'ge', 'kz', 'kg', 'uz', 'hk', 'cn', 'in', 'rs']) assert.ok(flagged('hub').includes(c), `${c} hub`);
  for (const c of ['de', 'nl', 'ru', 'gb']) assert.ok(!flagged('hub').includes(c) && !flagged('secrecy').includes(c), c);
});

test('makeAddress: every jurisdiction and every nationality people get', () => {
  const r = new Random('addresses');
  const countries = new Set<string>(JURISDICTIONS.map((j) => j.code));
  for (const c of CULTURE_CODES) for (let i = 0; i < 100; i++) countries.add(makePerson(r, c).nationality);
  for (const cc of countries) {
    for (let i = 0; i < 20; i++) {
      const a = makeAddress(r, cc);
      assert.equal(a.country, cc);
      assert.ok(a.full.includes(a.city) && a.full.includes(a.street), `${cc}: ${a.full}`);
      assert.ok(!/undefined|NaN/.test(a.full), a.full);
      assert.deepEqual(cleanAddress(a.full), { ok: true, value: a.full }, 'already clean');
    }
  }
  assert.match(makeAddress(r, 'de').postalCode, /^\d{5}$/);
  assert.match(makeAddress(r, 'nl').postalCode, /^\d{4} [A-Z]{2}$/);
  assert.match(makeAddress(r, 'gb').postalCode, /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
});

test('massRegistrationAddress: a few buildings shared by many companies', () => {
  const r = new Random('mass');
  for (const cc of ['ae', 'cy', 'hk', 'ru', 'gb', 'mh', 'tr', 'de']) {
    const fulls = Array.from({ length: 300 }, () => massRegistrationAddress(r, cc).full);
    const counts = new Map<string, number>();
    for (const f of fulls) counts.set(f, (counts.get(f) ?? 0) + 1);
    const top = Math.max(...counts.values());
    assert.ok(top >= 60, `${cc}: the same address string recurs (${top}×)`);
    const buildings = new Set(fulls.map((f) => f.replace(/^Suite \d+, /, '')));
    assert.ok(buildings.size <= 4, `${cc}: ${buildings.size} buildings`);
  }
});

test('determinism: people, companies and addresses are byte-identical for a seed', () => {
  const world = (seed: number): string => {
    const r = new Random(seed);
    const out: unknown[] = [];
    for (let i = 0; i < 40; i++) {
      out.push(makePerson(r));
      out.push(makeCompanyName(r, r.pick(JURISDICTIONS).code));
      out.push(makeAddress(r, r.pick(['ru', 'ae', 'cy', 'nl', 'hk', 'cn'])));
      out.push(massRegistrationAddress(r, 'ae'));
    }
    return JSON.stringify(out);
  };
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => world(seed) === world(seed)), { numRuns: 30 });
  assert.notEqual(world(1), world(2));
});

// ---------------------------------------------------------------- FtM: the generated values ingest cleanly

function entity(id: string, schema: string, props: Record<string, Array<string | undefined>>): FtmEntity {
  const properties: Record<string, string[]> = {};
  for (const [k, values] of Object.entries(props)) {
    const list = values.filter((v): v is string => v !== undefined && v !== '');
    if (list.length > 0) properties[k] = list;
  }
  return { id, schema, properties };
}

function assertClean(e: FtmEntity): void {
  const v = validateEntity(e);
  assert.ok(v.ok, `${e.schema} ${e.id}: ${v.ok ? '' : v.reason}`);
  assert.deepEqual(v.entity.issues, [], `${e.schema} ${JSON.stringify(e.properties)}`);
  for (const value of v.entity.values) {
    if (value.type === 'date' || value.type === 'country' || value.type === 'identifier' || value.type === 'name') {
      assert.equal(value.original, undefined, `${value.prop} ${value.value} is written in its canonical form`);
    }
  }
}

test('FtM: people, companies, accounts and vessels built from the generators validate with zero issues', () => {
  const r = new Random('ftm');
  let n = 0;
  for (const culture of CULTURE_CODES) {
    for (let i = 0; i < 40; i++) {
      const p = makePerson(r, culture);
      assertClean(
        entity(`pe-${n++}`, 'Person', {
          name: [p.name],
          alias: [p.nativeName, ...(p.aliases ?? []), ...transliterationVariants(p, culture, r).slice(0, 3)],
          firstName: [p.firstName],
          middleName: [p.middleName],
          fatherName: [p.patronymic ?? p.fatherName],
          lastName: [p.lastName],
          birthDate: [p.birthDate],
          nationality: [p.nationality],
          gender: [p.gender],
          address: [makeAddress(r, p.nationality).full],
          passportNumber: [makePassport(r, p.nationality)],
          idNumber: [makeNationalId(r, p.nationality, { birthDate: p.birthDate, gender: p.gender })],
        }),
      );
    }
  }
  for (const j of JURISDICTIONS) {
    for (let i = 0; i < 8; i++) {
      const c = makeCompanyName(r, j.code);
      const id = `co-${n++}`;
      assertClean(
        entity(id, 'Company', {
          name: [c.name],
          alias: [...c.aliases, c.nativeName],
          legalForm: [c.legalForm],
          jurisdiction: [j.code],
          registrationNumber: [makeRegistration(r, j.code, { legalForm: c.legalForm })],
          leiCode: [makeLei(r)],
          swiftBic: [r.chance(0.1) ? makeBic(r, j.code) : undefined],
          address: [r.chance(0.3) ? massRegistrationAddress(r, j.code).full : makeAddress(r, j.code).full],
          incorporationDate: ['2019-03-14'],
        }),
      );
      const iban = isIbanCountry(j.code);
      assertClean(
        entity(`ac-${n++}`, 'BankAccount', {
          iban: [iban ? makeIban(r, j.code) : undefined],
          accountNumber: [iban ? undefined : makeAccountNumber(r, j.code)],
          bic: [makeBic(r, j.code)],
          bankName: ['Test Bank'],
        }),
      );
    }
  }
  for (const flag of ['pa', 'lr', 'mh', 'mt', 'cy', 'gr', 'ru', 'ir', 'km', 'cm', 'ga', 'hk', 'sg', 'ae']) {
    assertClean(
      entity(`ve-${n++}`, 'Vessel', {
        name: ['AURORA SPIRIT'],
        imoNumber: [makeImo(r)],
        mmsi: [makeMmsi(r, flag)],
        callSign: [makeCallSign(r, flag)],
        flag: [flag],
      }),
    );
  }
});

test('cultureSystems names the spelling systems', () => {
  assert.equal(cultureSystems('russian')[0], 'icao');
  assert.ok(cultureSystems('chinese').includes('wade-giles'));
});
