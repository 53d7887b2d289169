import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { DATE_PATTERN } from './normalize/dates.ts';
import { getSchema, schemaNames, type IdentifierFormat, type PropertySpec, type PropertyType } from './schemata.ts';
import { cleanValue, type CleanResult } from './values.ts';

const TYPES: PropertyType[] = [
  'name', 'string', 'text', 'date', 'country', 'identifier', 'entity',
  'number', 'url', 'email', 'phone', 'address', 'topic', 'gender',
];
const FORMATS: IdentifierFormat[] = ['imo', 'iban', 'lei', 'bic', 'mmsi', 'generic'];

/** One spec per type, and one per identifier format. */
const SPECS: PropertySpec[] = [
  ...TYPES.map((type) => ({ name: `some_${type}`, type })),
  ...FORMATS.map((format) => ({ name: `some_${format}`, type: 'identifier' as const, format })),
];

const spec = (name: string, schema = 'Vessel'): PropertySpec => {
  const s = getSchema(schema)?.properties.get(name);
  assert.ok(s, `${schema}.${name}`);
  return s;
};
const value = (r: CleanResult): string | undefined => (r.ok ? r.value : undefined);
const reason = (r: CleanResult): string => (r.ok ? '' : r.reason);

// ---------------------------------------------------------------- arbitraries

const utf16Units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) });
const utf8Bytes = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8'));
/** fast-check 4 spells fullUnicodeString() as string({ unit: 'binary' }). */
const fullUnicode = fc.string({ unit: 'binary' });
const ANY_TEXT = fc.oneof(fc.string(), fullUnicode, utf16Units, utf8Bytes);

/** Inputs most of which a given type accepts, so that idempotency is exercised on real output. */
const PLAUSIBLE: Record<string, fc.Arbitrary<string>> = {
  name: fc.oneof(fc.constantFrom('Мария Александровна Осетрова', "  O'Brien-Smith,  José ", 'BANCO NACIONAL DE CUBA'), fc.string({ unit: 'grapheme' })),
  string: fc.string({ unit: 'grapheme' }),
  text: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }).map((lines) => lines.join('\r\n')),
  address: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }).map((lines) => lines.join(',\n')),
  date: fc.oneof(
    fc.date({ min: new Date('0900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ min: new Date('0900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.stringMatching(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?)?)?$/),
    fc.stringMatching(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/),
    fc.stringMatching(/^\d{1,2}\.\d{1,2}\.\d{4}$/),
  ),
  country: fc.constantFrom('Cuba', 'RUS', 'Iran (Islamic Republic of)', 'Korea, North', 'EU', 'zz', 'xk', 'Region: Gaza', 'de', 'Atlantis'),
  entity: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
  number: fc.oneof(fc.double({ noNaN: true }).map(String), fc.integer().map((n) => n.toLocaleString('en-US')), fc.stringMatching(/^[-+]?\d{0,5}(\.\d{0,3})?$/)),
  url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.domain().map((d) => `www.${d}`)),
  email: fc.emailAddress().map((e) => e.replace(/@(.*)$/, (_m, d: string) => `@${d.toUpperCase()}`)),
  phone: fc.stringMatching(/^\+?[\d ()\-.]{5,20}$/),
  topic: fc.stringMatching(/^[A-Za-z]{1,8}(\.[A-Za-z]{1,8}){0,2}$/),
  gender: fc.constantFrom('M', 'f', 'Male', 'FEMALE', 'other', 'x'),
  imo: fc.oneof(fc.stringMatching(/^(IMO ?)?\d{7}$/), fc.constantFrom('IMO 9187629', '9187629')),
  iban: fc.constantFrom('DE89 3704 0044 0532 0130 00', 'gb82west12345698765432', 'IBAN: DE89370400440532013000', 'DE89370400440532013001'),
  lei: fc.oneof(fc.constantFrom('5493001kjtiigc8y1r12', '2138006K8AF4JD339S40'), fc.stringMatching(/^[A-Z0-9]{18}\d{2}$/)),
  bic: fc.stringMatching(/^[A-Za-z]{4}(DE|RU|US|QQ)[A-Z0-9]{2}([A-Z0-9]{3})?$/),
  mmsi: fc.stringMatching(/^(MMSI )?[0-9]{9}$/),
  generic: fc.string({ unit: 'grapheme' }),
};

const plausible = (s: PropertySpec): fc.Arbitrary<string> => PLAUSIBLE[s.type === 'identifier' ? (s.format ?? 'generic') : s.type] ?? fc.string();

// ---------------------------------------------------------------- examples

test('cleanValue dispatches on the property type', () => {
  assert.deepEqual(cleanValue(spec('imoNumber'), 'IMO 9187629'), { ok: true, value: '9187629', match: '9187629' });
  assert.equal(reason(cleanValue(spec('imoNumber'), '9187628')), 'IMO number 9187628 fails its check digit (expected 9)');
  assert.deepEqual(cleanValue(spec('mmsi'), '273111222'), { ok: true, value: '273111222', match: '273111222' });
  assert.equal(value(cleanValue(spec('flag'), 'Russian Federation')), 'ru');
  assert.equal(value(cleanValue(spec('buildDate'), '12 Jan 1970')), '1970-01-12');
  assert.equal(value(cleanValue(spec('tonnage'), '1,234.5')), '1234.5');
  assert.equal(cleanValue(spec('tonnage'), '50%').ok, false);
  assert.deepEqual(cleanValue(spec('name'), ' Мария  Осетрова '), { ok: true, value: 'Мария Осетрова', match: 'mariya osetrova' });
  assert.equal(value(cleanValue(spec('iban', 'BankAccount'), 'de89 3704 0044 0532 0130 00')), 'DE89370400440532013000');
  assert.equal(value(cleanValue(spec('swiftBic', 'Company'), 'DEUTDEFF500')), 'DEUTDEFF500');
  assert.equal(value(cleanValue(spec('leiCode', 'Company'), '5493001KJTIIGC8Y1R12')), '5493001KJTIIGC8Y1R12');
  assert.equal(value(cleanValue(spec('website', 'Company'), 'www.example.com')), 'http://www.example.com');
  assert.equal(value(cleanValue(spec('email', 'Company'), 'Info@Example.COM')), 'Info@example.com');
  assert.deepEqual(cleanValue(spec('phone', 'Company'), '+7 (931) 540-36-78'), { ok: true, value: '+79315403678', match: '79315403678' });
  assert.equal(value(cleanValue(spec('gender', 'Person'), 'F')), 'female');
  assert.equal(value(cleanValue(spec('topics', 'Person'), 'role.pep')), 'role.pep');
  assert.deepEqual(cleanValue(spec('passportNumber', 'Person'), ' ab 12-345 '), { ok: true, value: 'ab 12-345', match: 'AB12345' });
  assert.equal(value(cleanValue(spec('parent', 'Company'), 'NK-2Tbri3s6GgNtAwsSXh4qpL')), 'NK-2Tbri3s6GgNtAwsSXh4qpL');
  assert.equal(cleanValue(spec('parent', 'Company'), 'not an id').ok, false);
  assert.equal(value(cleanValue(spec('program'), '50%')), '50%', 'percentages are fine as strings');
  assert.equal(value(cleanValue(spec('program'), '25-50')), '25-50');
});

test('cleanValue refuses what it cannot handle, without throwing', () => {
  assert.equal(cleanValue({ name: 'x', type: 'nonsense' as PropertyType }, 'a').ok, false);
  assert.equal(cleanValue({ name: 'x', type: 'toString' as PropertyType }, 'a').ok, false);
  assert.equal(cleanValue({ name: 'x', type: '__proto__' as PropertyType }, 'a').ok, false);
  assert.equal(cleanValue({ name: 'x', type: 'identifier', format: 'toString' as IdentifierFormat }, 'a1').ok, true, 'unknown format: generic');
  assert.equal(cleanValue(null as unknown as PropertySpec, 'a').ok, false);
  for (const raw of [null, undefined, 42, {}, ['a']]) {
    assert.equal(cleanValue({ name: 'x', type: 'string' }, raw as unknown as string).ok, false);
  }
});

test('values over 64 KiB are refused for every type; NUL bytes are dropped', () => {
  const huge = 'a'.repeat(64 * 1024 + 1);
  for (const s of SPECS) {
    const r = cleanValue(s, huge);
    assert.equal(r.ok, false, s.name);
    assert.match(reason(r), /64 KiB/);
  }
  assert.equal(cleanValue({ name: 'x', type: 'string' }, 'x'.repeat(10_000_000)).ok, false);
  assert.equal(value(cleanValue({ name: 'x', type: 'name' }, 'Ana\u0000 Maria')), 'Ana Maria');
  assert.equal(value(cleanValue({ name: 'x', type: 'identifier', format: 'imo' }, '\u00009187629')), '9187629');
});

test('inputs just under the cap are handled in linear time (no quadratic regexps)', () => {
  const n = 64 * 1024 - 2;
  const adversarial = [
    ' '.repeat(n) + 'x',
    'x' + ' '.repeat(n - 1) + 'x',
    'a' + ', '.repeat(n / 2 - 1) + 'b',
    '\t'.repeat(n - 2) + '\nx',
    '-'.repeat(n),
    '1,'.repeat(n / 2),
    '('.repeat(n),
    'a@' + 'b.'.repeat(n / 2 - 1),
    'http://' + 'a.'.repeat(n / 2 - 8),
    '\uD800'.repeat(n / 3),
  ];
  const started = performance.now();
  for (const s of SPECS) for (const raw of adversarial) cleanValue(s, raw);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
});

// ---------------------------------------------------------------- properties

test('never throws, for every type, on any string', () => {
  const specArb = fc.constantFrom(...SPECS);
  fc.assert(
    fc.property(specArb, ANY_TEXT, (s, raw) => {
      const r = cleanValue(s, raw);
      assert.equal(typeof r.ok, 'boolean');
      if (r.ok) {
        assert.equal(typeof r.value, 'string');
        assert.ok(r.value.length > 0);
        assert.doesNotMatch(r.value, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, 'no lone surrogates');
        assert.doesNotMatch(r.value, /\u0000/);
      } else {
        assert.ok(r.reason.length > 0);
      }
    }),
    { numRuns: 10_000 },
  );
});

for (const s of SPECS) {
  const label = s.format ? `identifier/${s.format}` : s.type;
  test(`idempotent: ${label}`, () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: plausible(s) }, { weight: 1, arbitrary: ANY_TEXT }), (raw) => {
        const first = cleanValue(s, raw);
        if (!first.ok) return;
        assert.deepEqual(cleanValue(s, first.value), first, `${label}: ${JSON.stringify(raw)} → ${JSON.stringify(first.value)}`);
      }),
      { numRuns: 2000 },
    );
  });
}

test('idempotency holds without the guard in cleanValue (the normalisers reach their fixpoint in one pass)', () => {
  // cleanValue refuses a value whose second cleaning differs; it must never need to.
  fc.assert(
    fc.property(fc.constantFrom(...SPECS), ANY_TEXT, (s, raw) => {
      const r = cleanValue(s, raw);
      assert.doesNotMatch(reason(r), /does not normalise stably/);
    }),
    { numRuns: 5000 },
  );
});

test('date output always matches the partial ISO pattern', () => {
  const dateSpec: PropertySpec = { name: 'date', type: 'date' };
  fc.assert(
    fc.property(fc.oneof(PLAUSIBLE.date!, ANY_TEXT), (raw) => {
      const r = cleanValue(dateSpec, raw);
      if (r.ok) assert.match(r.value, DATE_PATTERN);
    }),
    { numRuns: 5000 },
  );
  assert.equal(DATE_PATTERN.source, /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}Z?)?)?)?$/.source);
});

test('every property of every schema has a normaliser', () => {
  for (const name of schemaNames()) {
    for (const s of getSchema(name)!.properties.values()) {
      const r = cleanValue(s, 'x');
      assert.ok(!reason(r).startsWith('unknown property type'), `${name}.${s.name}`);
    }
  }
});

// ---------------------------------------------------------------- real data

function samplesFile(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of [`${here}../../../shared/data/lists/`, '/work/shared/data/lists/']) {
    const path = `${dir}opensanctions_ftm_samples/zala.entities.ftm.json`;
    if (existsSync(path)) return path;
  }
  return undefined;
}

test('OpenSanctions FtM sample: values clean, and cleaning is idempotent', { skip: samplesFile() === undefined && 'shared samples not present' }, () => {
  let cleaned = 0;
  for (const line of readFileSync(samplesFile()!, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entity = JSON.parse(line) as { schema: string; properties: Record<string, string[]> };
    const schema = getSchema(entity.schema);
    if (!schema) continue;
    for (const [prop, values] of Object.entries(entity.properties)) {
      const s = schema.properties.get(prop);
      if (!s) continue;
      for (const raw of values) {
        const r = cleanValue(s, raw);
        if (!r.ok) continue;
        cleaned++;
        assert.deepEqual(cleanValue(s, r.value), r, `${entity.schema}.${prop}: ${raw}`);
      }
    }
  }
  assert.ok(cleaned > 100, `cleaned ${cleaned}`);
});
