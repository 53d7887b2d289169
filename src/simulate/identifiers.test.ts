import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countrySpecs } from 'ibantools';
import { isCountryCode } from '../model/normalize/countries.ts';
import { checkBic, checkGeneric, checkIban, checkImo, checkLei, checkMmsi, midCountry } from '../model/normalize/identifiers.ts';
import { MID_COUNTRIES } from '../model/normalize/mid.ts';
import {
  isIbanCountry,
  makeAccountNumber,
  makeBankCode,
  makeBic,
  makeCallSign,
  makeIban,
  makeImo,
  makeInn,
  makeLei,
  makeMmsi,
  makeNationalId,
  makeOgrn,
  makePassport,
  makeRegistration,
  registrationJurisdictions,
} from './identifiers.ts';
import { Random } from './random.ts';

const seeds = fc.integer({ min: 0, max: 0xffffffff });
const reason = (r: { ok: boolean; reason?: string }): string => ('reason' in r && r.reason ? r.reason : '');

/** Every country ibantools gives a complete format for. */
const IBAN_COUNTRIES = Object.entries(countrySpecs as Record<string, { chars?: number; bban_regexp?: string }>)
  .filter(([, s]) => s.chars && s.bban_regexp)
  .map(([cc]) => cc.toLowerCase());
const REQUIRED_IBAN = words('de nl be fr gb ch at cy gr it es pt pl ee lv lt fi dk se no ie lu mt ae tr ge az kz sa qa bh kw il jo ru');
const FLAGS = [...new Set(Object.values(MID_COUNTRIES))];

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

test('makeIban: every IBAN country, any seed, passes checkIban with the country’s length', () => {
  for (const cc of REQUIRED_IBAN) assert.ok(IBAN_COUNTRIES.includes(cc), `ibantools knows ${cc}`);
  fc.assert(
    fc.property(seeds, fc.constantFrom(...IBAN_COUNTRIES), (seed, cc) => {
      const iban = makeIban(new Random(seed), cc);
      const result = checkIban(iban);
      assert.ok(result.ok, `${iban}: ${reason(result)}`);
      assert.equal(iban.slice(0, 2), cc.toUpperCase());
      assert.equal(iban.length, (countrySpecs as Record<string, { chars: number }>)[cc.toUpperCase()]!.chars);
    }),
    { numRuns: 3000 },
  );
});

test('makeIban: national bank/branch/account checks hold in bulk for the countries that have them', () => {
  const r = new Random('national checks');
  for (const cc of words('be fr es pt pl ee no hu cz sk hr si rs me ba mk mc it ru')) {
    for (let i = 0; i < 400; i++) {
      const iban = makeIban(r, cc);
      assert.ok(checkIban(iban).ok, `${iban}: ${reason(checkIban(iban))}`);
    }
  }
});

test('makeIban: a pinned bank code is shared by that bank’s accounts', () => {
  const r = new Random(5);
  for (const cc of ['de', 'nl', 'gb', 'cy', 'ae', 'fr']) {
    const bank = makeBankCode(r, cc);
    for (let i = 0; i < 20; i++) {
      const iban = makeIban(r, cc, { bankCode: bank });
      assert.ok(checkIban(iban).ok, iban);
      assert.equal(iban.slice(4, 4 + bank.length), bank, `${iban} carries bank ${bank}`);
    }
  }
});

test('isIbanCountry: Russia and the non-IBAN world use local account numbers', () => {
  for (const cc of ['de', 'cy', 'ae', 'tr', 'ge', 'kz', 'ua', 'by']) assert.equal(isIbanCountry(cc), true, cc);
  for (const cc of ['ru', 'us', 'cn', 'hk', 'sg', 'in', 'my', 'am', 'kg', 'uz']) assert.equal(isIbanCountry(cc), false, cc);
});

test('makeAccountNumber: a Russian account is 20 digits with a valid BIK control key', () => {
  const r = new Random(17);
  for (let i = 0; i < 500; i++) {
    const bik = makeBankCode(r, 'ru');
    assert.match(bik, /^04\d{7}$/);
    const account = makeAccountNumber(r, 'ru', { bankCode: bik });
    assert.match(account, /^(40702|40701|40802)(810|840|978|156)\d{12}$/);
    // Bank of Russia key: the 7-1-3 weighted sum of BIK tail and account (units of each product) is a multiple of ten.
    const probe = bik.slice(-3) + account;
    let sum = 0;
    for (let k = 0; k < probe.length; k++) sum += (Number(probe[k]) * [7, 1, 3][k % 3]!) % 10;
    assert.equal(sum % 10, 0, account);
  }
  for (const cc of ['us', 'cn', 'hk', 'sg', 'in', 'my', 'am', 'kg', 'uz', 'jp', 'xx']) {
    const n = makeAccountNumber(r, cc);
    assert.match(n, /^\d{7,20}$/, `${cc} ${n}`);
  }
});

test('makeLei: ISO 17442 check digits hold for any seed', () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const lei = makeLei(new Random(seed));
      assert.match(lei, /^[A-Z0-9]{18}\d{2}$/);
      assert.ok(checkLei(lei).ok, lei);
    }),
    { numRuns: 2000 },
  );
});

test('makeImo: seven digits with a valid check digit for any seed', () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const imo = makeImo(new Random(seed));
      assert.ok(checkImo(imo).ok, imo);
      assert.match(imo, /^[789]\d{6}$/);
    }),
    { numRuns: 2000 },
  );
});

test('makeMmsi: an allocated MID of the flag, never a default number', () => {
  fc.assert(
    fc.property(seeds, fc.constantFrom(...FLAGS), (seed, flag) => {
      const mmsi = makeMmsi(new Random(seed), flag);
      assert.ok(checkMmsi(mmsi).ok, mmsi);
      assert.equal(midCountry(mmsi), flag, mmsi);
      assert.match(mmsi, /^[2-7]\d{8}$/, 'a ship station');
      assert.ok(!/^(\d)\1{8}$/.test(mmsi) && mmsi !== '123456789' && !mmsi.endsWith('000'), mmsi);
    }),
    { numRuns: 3000 },
  );
  assert.throws(() => makeMmsi(new Random(1), 'xk'), /no Maritime Identification Digits/);
});

test('makeBic: ISO 9362 shape with the country at positions 5–6; a given institution code is kept', () => {
  const countries = [...new Set([...IBAN_COUNTRIES, 'us', 'cn', 'hk', 'sg', 'in', 'ru', 'am', 'kg', 'uz', 'ir', 'th', 'my'])].filter((c) => isCountryCode(c));
  fc.assert(
    fc.property(seeds, fc.constantFrom(...countries), (seed, cc) => {
      const bic = makeBic(new Random(seed), cc);
      assert.ok(checkBic(bic).ok, `${bic}: ${reason(checkBic(bic))}`);
      assert.equal(bic.slice(4, 6), cc.toUpperCase());
      assert.notEqual(bic[7], '0', 'location codes ending in 0 are test BICs');
    }),
    { numRuns: 2000 },
  );
  assert.equal(makeBic(new Random(1), 'nl', 'ABNA').slice(0, 6), 'ABNANL');
});

test('makeCallSign: the flag’s ITU prefix where known', () => {
  const r = new Random(3);
  const expect: Record<string, RegExp> = {
    pa: /^(3E|3F|H3|H8|H9|HO|HP)/, lr: /^(A8|D5|5L|5M|6Z|EL)/, mh: /^V7/, mt: /^9H/, cy: /^(5B|C4|H2|P3)/, gr: /^(SV|SW|SX|SY|SZ|J4)/,
    ru: /^(U[A-I]|R)/, sg: /^(9V|S6)/, hk: /^VR/, ae: /^A6/, ir: /^(EP|EQ|9B|9C|9D)/, km: /^D6/, cm: /^TJ/, ga: /^TR/,
  };
  for (const [flag, re] of Object.entries(expect)) {
    for (let i = 0; i < 50; i++) {
      const cs = makeCallSign(r, flag);
      assert.match(cs, re, `${flag} ${cs}`);
      assert.match(cs, /^[A-Z0-9]{4,7}$/);
    }
  }
  assert.match(makeCallSign(r, 'xx'), /^[A-Z]{4}\d?$/);
});

/** The shapes registers print, independent of the generator's own tables. */
const REGISTRATION_SHAPES: Record<string, RegExp> = {
  cy: /^HE\d{6}$/,
  gb: /^(\d{8}|SC\d{6}|NI\d{6}|OC\d{6})$/,
  ru: /^[15]\d{12}$/,
  by: /^\d{9}$/,
  ua: /^\d{8}$/,
  kz: /^\d{12}$/,
  kg: /^[01]\d{13}$/,
  uz: /^[23]\d{8}$/,
  ge: /^\d{9}$/,
  am: /^\d{3}\.\d{3}\.\d{5,6}$/,
  az: /^\d{9}2$/,
  tr: /^\d{16}$/,
  ae: /^(CN-\d{7}|DMCC-\d{5,6}|(L-)?\d{5})$/,
  sa: /^\d{10}$/,
  qa: /^\d{5,6}$/,
  ir: /^10\d{9}$/,
  il: /^51\d{7}$/,
  hk: /^\d{6,7}$/,
  cn: /^9[1-3]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
  in: /^[LU]\d{5}[A-Z]{2}\d{4}(PTC|PLC)\d{6}$/,
  sg: /^(19|20)\d{2}\d{5}[A-Z]$/,
  my: /^20\d{2}01\d{6}$/,
  th: /^0105\d{9}$/,
  kr: /^\d{3}-\d{2}-\d{5}$/,
  rs: /^2[01]\d{6}$/,
  mh: /^\d{5,6}$/,
  lr: /^C-\d{6}$/,
  pa: /^\d{6,9}$/,
  vg: /^\d{7}$/,
  sc: /^\d{6}$/,
  bz: /^\d{6}$/,
  us: /^\d{7}$/,
  ch: /^CHE-\d{3}\.\d{3}\.\d{3}$/,
  de: /^HR[AB] \d{4,6}$/,
  at: /^FN \d{5,6}[a-z]$/,
  nl: /^\d{8}$/,
  be: /^0\d{3}\.\d{3}\.\d{3}$/,
  lu: /^B\d{5,6}$/,
  fr: /^\d{9}$/,
  it: /^\d{11}$/,
  es: /^[AB]\d{8}$/,
  pt: /^5\d{8}$/,
  gr: /^\d{12}$/,
  mt: /^C \d{4,6}$/,
  ie: /^\d{6}$/,
  pl: /^\d{10}$/,
  ee: /^1[0-6]\d{6}$/,
  lv: /^[45]0[01]03\d{6}$/,
  lt: /^[13]\d{8}$/,
  fi: /^\d{7}-\d$/,
  dk: /^\d{8}$/,
  se: /^55[69]\d{3}-\d{4}$/,
  no: /^[89]\d{8}$/,
};

test('makeRegistration: every jurisdiction prints the shape its register uses', () => {
  for (const j of registrationJurisdictions()) assert.ok(REGISTRATION_SHAPES[j], `a shape for ${j}`);
  fc.assert(
    fc.property(seeds, fc.constantFrom(...Object.keys(REGISTRATION_SHAPES)), (seed, j) => {
      const n = makeRegistration(new Random(seed), j);
      assert.match(n, REGISTRATION_SHAPES[j]!, `${j}: ${n}`);
      assert.ok(checkGeneric(n).ok);
    }),
    { numRuns: 3000 },
  );
  const r = new Random(8);
  assert.match(makeRegistration(r, 'gb', { legalForm: 'LLP' }), /^OC\d{6}$/);
  assert.match(makeRegistration(r, 'de', { legalForm: 'GmbH & Co. KG' }), /^HRA \d+$/);
  assert.match(makeRegistration(r, 'ae', { legalForm: 'DMCC' }), /^DMCC-\d+$/);
  assert.match(makeRegistration(r, 'zz'), /^\d{8}$/, 'an unknown jurisdiction still gets a number');
});

test('published check digits: OGRN, INN, Swiss UID, Chinese credit code, SIREN, Belgian enterprise number', () => {
  const r = new Random(21);
  for (let i = 0; i < 500; i++) {
    const ogrn = makeOgrn(r);
    assert.equal(Number(BigInt(ogrn.slice(0, 12)) % 11n) % 10, Number(ogrn[12]), ogrn);
    const inn = makeInn(r);
    const w10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    assert.equal((w10.reduce((a, w, k) => a + w * Number(inn[k]), 0) % 11) % 10, Number(inn[9]), inn);
    const innP = makeInn(r, 'person');
    assert.match(innP, /^\d{12}$/);
    const w11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    assert.equal((w11.reduce((a, w, k) => a + w * Number(innP[k]), 0) % 11) % 10, Number(innP[10]), innP);

    const uid = makeRegistration(r, 'ch').replace(/\D/g, '');
    const sum = [5, 4, 3, 2, 7, 6, 5, 4].reduce((a, w, k) => a + w * Number(uid[k]), 0);
    assert.equal((11 - (sum % 11)) % 11, Number(uid[8]), uid);

    const uscc = makeRegistration(r, 'cn');
    const CH = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const wc = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const s = wc.reduce((a, w, k) => a + w * CH.indexOf(uscc[k]!), 0);
    assert.equal(CH[(31 - (s % 31)) % 31], uscc[17], uscc);

    const siren = makeRegistration(r, 'fr');
    let luhn = 0;
    for (let k = 0; k < 9; k++) {
      let d = Number(siren[8 - k]) * (k % 2 === 1 ? 2 : 1);
      if (d > 9) d -= 9;
      luhn += d;
    }
    assert.equal(luhn % 10, 0, siren);

    const be = makeRegistration(r, 'be').replace(/\D/g, '');
    assert.equal(97 - (Number(be.slice(0, 8)) % 97), Number(be.slice(8)), be);
  }
});

test('makePassport and makeNationalId: national shapes, check digits where published', () => {
  const r = new Random(44);
  const shapes: Record<string, RegExp> = {
    ru: /^\d{9}$/, ua: /^[A-Z]{2}\d{6}$/, kz: /^N\d{8}$/, cn: /^E[A-Z0-9]\d{7}$/, tr: /^U\d{8}$/, de: /^C[0-9CFGHJKLMNPRTVWXYZ]{8}$/,
    gb: /^\d{9}$/, in: /^[A-Z]\d{7}$/, ir: /^[A-Z]\d{8}$/, ae: /^[A-Z]\d{7}$/, xx: /^[A-Z]\d{8}$/,
  };
  for (const [cc, re] of Object.entries(shapes)) for (let i = 0; i < 50; i++) assert.match(makePassport(r, cc), re, cc);

  for (let i = 0; i < 300; i++) {
    const cn = makeNationalId(r, 'cn', { birthDate: '1975-04-12', gender: 'female' });
    assert.match(cn, /^\d{6}19750412\d{3}[\dX]$/);
    assert.equal(Number(cn[16]) % 2, 0, 'a woman’s sequence number is even');
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    assert.equal('10X98765432'[w.reduce((a, x, k) => a + x * Number(cn[k]), 0) % 11], cn[17], cn);

    const tr = makeNationalId(r, 'tr').split('').map(Number);
    assert.equal((((tr[0]! + tr[2]! + tr[4]! + tr[6]! + tr[8]!) * 7 - (tr[1]! + tr[3]! + tr[5]! + tr[7]!)) % 10 + 10) % 10, tr[9]);
    assert.equal(tr.slice(0, 10).reduce((a, b) => a + b, 0) % 10, tr[10]);

    const es = makeNationalId(r, 'es');
    assert.equal('TRWAGMYFPDXBNJZSQVHLCKE'[Number(es.slice(0, 8)) % 23], es[8], es);

    assert.match(makeNationalId(r, 'kz', { birthDate: '1980-01-31', gender: 'male' }), /^8001313\d{5}$/);
    assert.match(makeNationalId(r, 'ae', { birthDate: '1980-01-31' }), /^784-1980-\d{7}-\d$/);
    assert.match(makeNationalId(r, 'hk'), /^[A-Z]\d{6}\([0-9A]\)$/);
    assert.ok(checkGeneric(makeNationalId(r, 'zz')).ok);
  }
});

test('determinism: the same seed gives the same identifiers, a different seed different ones', () => {
  const batch = (seed: number): string[] => {
    const r = new Random(seed);
    return [
      makeIban(r, 'de'), makeIban(r, 'cy'), makeAccountNumber(r, 'ru'), makeBic(r, 'ae'), makeLei(r), makeImo(r), makeMmsi(r, 'pa'),
      makeCallSign(r, 'lr'), makeRegistration(r, 'cn'), makeRegistration(r, 'ru'), makePassport(r, 'ru'), makeNationalId(r, 'cn'),
    ];
  };
  fc.assert(
    fc.property(seeds, (seed) => {
      assert.deepEqual(batch(seed), batch(seed));
    }),
    { numRuns: 200 },
  );
  assert.notDeepEqual(batch(1), batch(2));
});
