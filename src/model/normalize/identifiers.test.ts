import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { isCountryCode } from './countries.ts';
import { checkBic, checkGeneric, checkIban, checkImo, checkLei, checkMmsi, cleanIdentifier, midCountry, mod97 } from './identifiers.ts';
import { MID_COUNTRIES } from './mid.ts';
import type { CheckResult } from './result.ts';

const reason = (r: CheckResult): string => (r.ok ? '' : r.reason);

function listsDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of [`${here}../../../../shared/data/lists/`, '/work/shared/data/lists/']) {
    if (existsSync(`${dir}ofac_sdn_2021-07/sdn.csv`)) return dir;
  }
  return undefined;
}

// ---------------------------------------------------------------- IMO

test('IMO: real vessel numbers from the OFAC SDN list (2021-07) validate', () => {
  for (const imo of ['9187629', '9187655', '9187667', '6401828', '8829555', '9820312']) {
    assert.deepEqual(checkImo(imo), { ok: true, value: imo, match: imo });
    assert.deepEqual(checkImo(`IMO ${imo}`), { ok: true, value: imo, match: imo });
  }
  assert.deepEqual(checkImo('IMO9187629'), { ok: true, value: '9187629', match: '9187629' });
  assert.deepEqual(checkImo('imo: 9187629'), { ok: true, value: '9187629', match: '9187629' });
});

test('IMO: a wrong check digit or shape fails with a reason', () => {
  assert.equal(reason(checkImo('9187628')), 'IMO number 9187628 fails its check digit (expected 9)');
  assert.equal(reason(checkImo('IMO 9187620')), 'IMO number 9187620 fails its check digit (expected 9)');
  for (const bad of ['918762', '91876290', 'IMO', 'ABCDEFG', '', '9187629a']) assert.equal(checkImo(bad).ok, false, bad);
});

test('IMO: every vessel IMO number in the SDN list passes', { skip: listsDir() === undefined && 'shared lists not present' }, () => {
  const rows = parse(readFileSync(`${listsDir()}ofac_sdn_2021-07/sdn.csv`, 'utf8'), { relax_quotes: true, relax_column_count: true }) as string[][];
  let checked = 0;
  for (const row of rows) {
    if ((row[2] ?? '').trim() !== 'vessel') continue; // company IMO numbers do not carry the ship check digit
    for (const m of (row[11] ?? '').matchAll(/IMO (\d{7})/g)) {
      checked++;
      assert.equal(checkImo(m[1]!).ok, true, m[1]);
    }
  }
  assert.ok(checked > 300, `checked ${checked}`);
});

// ---------------------------------------------------------------- IBAN

test('IBAN: valid, altered, and written with spaces', () => {
  assert.deepEqual(checkIban('DE89370400440532013000'), { ok: true, value: 'DE89370400440532013000', match: 'DE89370400440532013000' });
  assert.deepEqual(checkIban('de89 3704 0044 0532 0130 00'), { ok: true, value: 'DE89370400440532013000', match: 'DE89370400440532013000' });
  assert.deepEqual(checkIban('IBAN: GB82 WEST 1234 5698 7654 32'), { ok: true, value: 'GB82WEST12345698765432', match: 'GB82WEST12345698765432' });
  assert.match(reason(checkIban('DE89370400440532013001')), /IBAN DE89370400440532013001 fails its checksum/);
  assert.match(reason(checkIban('DE8937040044053201300')), /wrong length/);
  assert.match(reason(checkIban('XX89370400440532013000')), /country/);
  assert.equal(checkIban('').ok, false);
  assert.equal(checkIban('DE89 3704 0044 0532 0130 00 !').ok, false);
});

// ---------------------------------------------------------------- LEI

/** The ISO 7064 MOD 97-10 remainder computed independently, with BigInt. */
function mod97BigInt(text: string): number {
  const digits = [...text].map((c) => parseInt(c, 36).toString()).join('');
  return Number(BigInt(digits) % 97n);
}

test('LEI: 5493001KJTIIGC8Y1R12 checks out by an independent computation', () => {
  assert.equal(mod97BigInt('5493001KJTIIGC8Y1R12'), 1);
  assert.equal(mod97('5493001KJTIIGC8Y1R12'), 1);
  assert.deepEqual(checkLei('5493001KJTIIGC8Y1R12'), { ok: true, value: '5493001KJTIIGC8Y1R12', match: '5493001KJTIIGC8Y1R12' });
  assert.deepEqual(checkLei(' 5493 001K JTII GC8Y 1R12 '), { ok: true, value: '5493001KJTIIGC8Y1R12', match: '5493001KJTIIGC8Y1R12' });
});

test('LEI: numbers from the SDN list ("Legal Entity Number") validate', () => {
  for (const lei of ['2138006K8AF4JD339S40', '213800CACNBGHWMQHO54', '25340000QGMWTRG3X533', '25340008GF2H0T8HKN44']) {
    assert.equal(mod97BigInt(lei), 1, lei);
    assert.equal(checkLei(lei).ok, true, lei);
  }
});

test('LEI: altered characters, wrong length and non-numeric check digits fail', () => {
  assert.match(reason(checkLei('5493001KJTIIGC8Y1R13')), /fails its checksum/);
  assert.match(reason(checkLei('5493001KJTIIGC8Y1R21')), /fails its checksum/);
  assert.equal(checkLei('5493001KJTIIGC8Y1R1').ok, false);
  assert.equal(checkLei('5493001KJTIIGC8Y1RAB').ok, false);
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Z0-9]{20}$/), (s) => {
      assert.equal(mod97(s), mod97BigInt(s));
    }),
  );
});

// ---------------------------------------------------------------- BIC

test('BIC: 8 and 11 characters, a real country', () => {
  assert.deepEqual(checkBic('DEUTDEFF'), { ok: true, value: 'DEUTDEFF', match: 'DEUTDEFF' });
  assert.deepEqual(checkBic('DEUTDEFF500'), { ok: true, value: 'DEUTDEFF500', match: 'DEUTDEFF500' });
  assert.deepEqual(checkBic('deutdeffxxx'), { ok: true, value: 'DEUTDEFFXXX', match: 'DEUTDEFF' });
  assert.deepEqual(checkBic('SWIFT/BIC ABLTBY22'), { ok: true, value: 'ABLTBY22', match: 'ABLTBY22' }); // as in the SDN remarks
  for (const real of ['BTEJIRTH', 'ICFIRUMM', 'MFTBMMMY', 'RTSBRUMM', 'VECARU21']) assert.equal(checkBic(real).ok, true, real);
  assert.match(reason(checkBic('DEUT1EFF')), /1E is not a country code/);
  assert.match(reason(checkBic('DEUTQQFF')), /QQ is not a country code/);
  assert.match(reason(checkBic('DE1TDEFF')), /institution code/);
  assert.match(reason(checkBic('DEUTDEFF50')), /8 or 11 characters/);
  assert.equal(checkBic('DEUTDEF!').ok, false);
});

// ---------------------------------------------------------------- MMSI

test('MMSI: ship stations and their MID country', () => {
  assert.deepEqual(checkMmsi('273111222'), { ok: true, value: '273111222', match: '273111222' });
  assert.equal(midCountry('273111222'), 'ru');
  assert.equal(midCountry('366123456'), 'us');
  assert.equal(midCountry('MMSI 209511000'), 'cy'); // from the SDN remarks
  assert.equal(midCountry('352002279'), 'pa');
  assert.equal(midCountry('677049400'), 'tz');
  assert.equal(midCountry('445123456'), 'kp');
  assert.match(reason(checkMmsi('217111222')), /217 is not an allocated Maritime Identification Digit/);
  assert.match(reason(checkMmsi('27311122')), /9 digits/);
  assert.equal(checkMmsi('2731112222').ok, false);
});

test('MMSI: other station kinds, with their embedded MID checked', () => {
  assert.equal(midCountry('027312345'), 'ru'); // group of ships
  assert.equal(midCountry('002731234'), 'ru'); // coast station
  assert.equal(midCountry('111273123'), 'ru'); // SAR aircraft
  assert.equal(midCountry('827312345'), 'ru'); // handheld VHF
  assert.equal(midCountry('982731234'), 'ru'); // craft associated with a parent ship
  assert.equal(midCountry('992731234'), 'ru'); // aid to navigation
  for (const ok of ['970123456', '972123456', '974123456', '027312345', '002731234', '111273123', '827312345', '982731234', '992731234']) {
    assert.equal(checkMmsi(ok).ok, true, ok);
  }
  assert.equal(midCountry('970123456'), undefined); // AIS-SART: no MID
  for (const bad of ['021712345', '002171234', '111217123', '821712345', '982171234', '100000000', '112273123', '950000000', '971123456']) {
    assert.equal(checkMmsi(bad).ok, false, bad);
  }
});

test('MID table: every code a known country, every MID a ship-station MID', () => {
  for (const [mid, code] of Object.entries(MID_COUNTRIES)) {
    assert.ok(Number(mid) >= 201 && Number(mid) <= 775, mid);
    assert.ok(isCountryCode(code), `${mid} → ${code}`);
  }
  assert.ok(Object.keys(MID_COUNTRIES).length > 280);
});

test('MMSI: every MMSI in the SDN lists passes', { skip: listsDir() === undefined && 'shared lists not present' }, () => {
  let checked = 0;
  for (const file of ['ofac_sdn_2021-07/sdn.csv', 'ofac_sdn_2024-05-03/sdn.csv']) {
    const path = `${listsDir()}${file}`;
    if (!existsSync(path)) continue;
    for (const m of readFileSync(path, 'utf8').matchAll(/MMSI (\d+)/g)) {
      checked++;
      assert.equal(checkMmsi(m[1]!).ok, true, m[1]);
    }
  }
  assert.ok(checked > 100, `checked ${checked}`);
});

// ---------------------------------------------------------------- generic

test('generic identifiers: kept as written, upper-case alphanumeric match key', () => {
  assert.deepEqual(checkGeneric('  ab 12-345 '), { ok: true, value: 'ab 12-345', match: 'AB12345' });
  assert.deepEqual(checkGeneric('№ 4509 123456'), { ok: true, value: '№ 4509 123456', match: '4509123456' });
  assert.deepEqual(checkGeneric('АБ123'), { ok: true, value: 'АБ123', match: 'АБ123' });
  assert.equal(checkGeneric(' - / ').ok, false);
  assert.equal(checkGeneric('').ok, false);
  assert.deepEqual(cleanIdentifier('9187629', 'imo'), checkImo('9187629'));
  assert.deepEqual(cleanIdentifier('9187628'), { ok: true, value: '9187628', match: '9187628' });
});

test('identifiers: never throw; each check is idempotent', () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('utf8')),
    fc.stringMatching(/^(IMO )?\d{7}$/),
    fc.stringMatching(/^[0-9]{9}$/),
    fc.stringMatching(/^[A-Za-z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/),
    fc.constantFrom('DE89 3704 0044 0532 0130 00', '5493001KJTIIGC8Y1R12', 'DEUTDEFFXXX', 'imo 9187629'),
  );
  fc.assert(
    fc.property(anyText, (s) => {
      for (const check of [checkImo, checkIban, checkLei, checkBic, checkMmsi, checkGeneric]) {
        const r = check(s);
        if (r.ok) assert.deepEqual(check(r.value), r);
        else assert.ok(r.reason.length > 0);
      }
      assert.ok(midCountry(s) === undefined || /^[a-z]{2}$/.test(midCountry(s)!));
    }),
    { numRuns: 3000 },
  );
});
