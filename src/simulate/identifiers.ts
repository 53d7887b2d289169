/**
 * Identifiers for the simulated world, each drawn from a Random and each valid
 * by the check the ingest side applies (src/model/normalize/identifiers.ts):
 * IBANs with their ISO 7064 check and, where a country has one, the national
 * bank/branch/account check; ISO 17442 LEIs; IMO numbers; MMSIs whose MID is
 * allocated to the flag; BICs with a real country. Registration numbers,
 * passports and national ids follow the shapes (and, where published, the check
 * digits) that each country's registries and documents use, so that matchers
 * and detectors meet the formats they will meet in real data.
 */
import { countrySpecs, isValidBBAN } from 'ibantools';
import { MID_COUNTRIES } from '../model/normalize/mid.ts';
import type { Random } from './random.ts';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function lettersFrom(r: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[r.uint32() % alphabet.length];
  return out;
}

/** ISO 7064 MOD 97-10 over letters and digits (A=10 … Z=35). */
function mod97(text: string): number {
  let rem = 0;
  for (const ch of text) {
    const n = parseInt(ch, 36);
    rem = n < 10 ? (rem * 10 + n) % 97 : (rem * 100 + n) % 97;
  }
  return rem;
}

/** Luhn check digit for a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum;
}

/** Draw until `make` gives a value (a check digit that cannot be 10, say); bounded. */
function until<T>(r: Random, make: (r: Random) => T | undefined): T {
  for (let i = 0; i < 1000; i++) {
    const value = make(r);
    if (value !== undefined) return value;
  }
  throw new Error('identifier generator found no valid value in 1000 draws');
}

// ---------------------------------------------------------------- banks

/**
 * BIC location codes as the main banks of each country use them (SABRRUMM,
 * DEUTDEFF, ABNANL2A, NBADAEAA, HSBCHKHH…). A second character 0 marks a test
 * BIC and 1 a passive participant, so the random fallback avoids both.
 */
const BIC_LOCATIONS: Record<string, string[]> = {
  de: ['FF', 'MM', 'HH', 'BE', '2X'], nl: ['2A', '2U', '2R'], gb: ['2L', '22', '2X'], cy: ['2N', '2X'],
  fr: ['PP', 'PR'], it: ['MM', 'RR', '2X'], es: ['MM', 'BB'], ch: ['ZZ', 'ZH', 'GG', '2X'], at: ['WW', '2X'],
  be: ['BB', '22'], lu: ['LL', 'LU'], gr: ['AA', 'AT'], mt: ['MT'], ie: ['2D'], se: ['SS'], no: ['KK'],
  dk: ['KK'], fi: ['HH'], ee: ['2X', '22'], lv: ['22', '2X'], lt: ['22', '2X'], pl: ['PW', 'WW'], pt: ['PL'],
  ru: ['MM', '2P', 'MX'], by: ['2X', 'BY'], ua: ['UX', 'UK'], kz: ['KA', 'KX'], kg: ['KG', '22'], uz: ['2X', 'UZ'],
  ge: ['22', 'TB'], am: ['22', '2X'], az: ['2X', '22'], tr: ['IS', '2A'], ae: ['AD', 'DX', 'AA'],
  sa: ['RI', 'JE'], qa: ['QA'], kw: ['KW'], bh: ['BM'], il: ['IT'], jo: ['AM', 'AX'], ir: ['TH'],
  hk: ['HH', 'HK', 'HX'], cn: ['BJ', 'SH', '2X'], in: ['BB', 'DD'], sg: ['SG', 'SX'], my: ['KL', 'KX'],
  th: ['BK'], kr: ['SE'], us: ['33', '3N'], rs: ['BG'],
};

const BANK_LETTERS = 'AAABBCCDDEEEFGHIIKLMMNNOOPRRSSTTUVWYZ';

/** A four-letter institution code that reads like one (weighted towards common letters). */
function institutionCode(r: Random): string {
  return lettersFrom(r, BANK_LETTERS, 4);
}

/**
 * A BIC (ISO 9362): institution code (given, or drawn), the country, a
 * location code as the country's banks use them, and in one case out of five a
 * branch code (XXX, the head office, or three characters not starting with X).
 */
export function makeBic(r: Random, country: string, bankCode?: string): string {
  const cc = country.toUpperCase();
  const institution = bankCode && /^[A-Z]{4}$/.test(bankCode) ? bankCode : institutionCode(r);
  const locations = BIC_LOCATIONS[country];
  const location = locations ? r.pick(locations) : r.letters(1) + lettersFrom(r, 'ABCDEFGHIJKLMNPQRSTUVWXYZ23456789', 1);
  let branch = '';
  if (r.chance(0.2)) branch = r.chance(0.5) ? 'XXX' : lettersFrom(r, 'ABCDEFGHIJKLMNOPQRSTUVW', 1) + lettersFrom(r, ALNUM, 2);
  return institution + cc + location + branch;
}

/** Regional prefixes of Bank of Russia BIK codes (04 + OKATO region + division): Moscow, St Petersburg, Novosibirsk, Yekaterinburg, Kazan, Rostov, Vladivostok. */
const RU_BIK_PREFIXES = ['044525', '044030', '045004', '046577', '049205', '046015', '040507'];

/** US ABA routing number: Federal Reserve district prefix and the 3-7-1 checksum. */
function abaRouting(r: Random): string {
  return until(r, () => {
    const prefix = pad(r.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 26, 31]), 2);
    const body = prefix + r.digits(6);
    const w = [3, 7, 1, 3, 7, 1, 3, 7];
    const check = (10 - (weightedSum(body, w) % 10)) % 10;
    return body + String(check);
  });
}

/** Sort codes and bank codes written in the national form of each IBAN country. */
interface IbanLayout {
  /** The bank identifier: letters for countries that take it from the BIC (NL, GB, IE…). */
  bank: (r: Random) => string;
  /** The rest of the BBAN given the bank identifier; national checks applied. */
  rest: (r: Random, bank: string) => string;
}

const D = (n: number) => (r: Random) => r.digits(n);

/** Norway: 4-digit bank, 6-digit account, mod-11 check digit (weights 5,4,3,2,7,6,5,4,3,2). */
function noRest(r: Random, bank: string): string {
  return until(r, () => {
    const body = bank + r.digits(6);
    const rem = weightedSum(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    const check = rem === 0 ? 0 : 11 - rem;
    return check === 10 ? undefined : body.slice(4) + String(check);
  });
}

/** Spain: bank 4, branch 4, two mod-11 control digits, account 10. */
function esRest(r: Random, bank: string): string {
  const control = (digits: string, weights: number[]): string => {
    const rem = weightedSum(digits, weights) % 11;
    return String(rem === 0 ? 0 : rem === 1 ? 1 : 11 - rem);
  };
  const branch = r.digits(4);
  const account = r.digits(10);
  const c1 = control(bank + branch, [4, 8, 5, 10, 9, 7, 3, 6]);
  const c2 = control(account, [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]);
  return branch + c1 + c2 + account;
}

/** France (RIB): bank 5, counter 5, account 11, key = 97 − (89·bank + 15·counter + 3·account) mod 97. */
function frRest(r: Random, bank: string): string {
  const counter = r.digits(5);
  const account = r.digits(11);
  const rem = (89 * (Number(bank) % 97) + 15 * (Number(counter) % 97) + 3 * (Number(account) % 97)) % 97;
  return counter + account + pad(97 - rem, 2);
}

/** Mod 97 = 1 over the whole BBAN (Portugal NIB, Serbia, Slovenia…): two trailing check digits. */
function mod97Tail(prefix: string): string {
  const rem = mod97(prefix + '00');
  return pad((98 - rem) % 97, 2);
}

/** Italy and San Marino: CIN check letter over ABI + CAB + account (odd/even position tables). */
function itCin(body: string): string {
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? odd[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Poland: 3-digit bank, 4-digit branch, check digit (weights 3,9,7,1,3,9,7), 16-digit account. */
function plBankBranch(r: Random): string {
  const body = pad(r.pick([102, 105, 109, 114, 116, 124, 132, 175, 187, 249]), 3) + r.digits(4);
  const rem = weightedSum(body, [3, 9, 7, 1, 3, 9, 7]) % 10;
  return body + String(rem === 0 ? 0 : 10 - rem);
}

/** Estonia: bank 2, then 14 digits whose last is a 7-3-1 check over the 13 before it. */
function eeRest(r: Random, bank: string): string {
  const body = bank + r.digits(13);
  const rem = weightedSum(body.slice(2), [7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7]) % 10;
  return body.slice(2) + String(rem === 0 ? 0 : 10 - rem);
}

/** Belgium: bank 3, account 7, check = first ten digits mod 97 (97 for 0). */
function beRest(r: Random, bank: string): string {
  const body = bank + r.digits(7);
  const rem = Number(body) % 97;
  return body.slice(3) + pad(rem === 0 ? 97 : rem, 2);
}

/** Netherlands: the 10-digit account number passes the old "elfproef" (weights 10…1, mod 11). */
function nlAccount(r: Random): string {
  return until(r, () => {
    const n = r.digits(10);
    if (n.startsWith('0')) return undefined;
    return weightedSum(n, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0 ? n : undefined;
  });
}

/** Hungary: bank/branch 7 + check, account 15 + check (weights 9,7,3,1). */
function huRest(r: Random, bank: string): string {
  const check = (digits: string): string => {
    const w = [9, 7, 3, 1, 9, 7, 3, 1, 9, 7, 3, 1, 9, 7, 3];
    const rem = weightedSum(digits, w.slice(0, digits.length)) % 10;
    return String(rem === 0 ? 0 : 10 - rem);
  };
  const bb = bank + r.digits(4);
  const account = r.digits(15);
  return bb.slice(3) + check(bb) + account + check(account);
}

/** Czech Republic and Slovakia: bank 4, prefix 6 and account 10, each mod-11 weighted. */
function czRest(r: Random): string {
  const part = (length: number, weights: number[]): string =>
    until(r, () => {
      const body = r.digits(length - 1);
      const rem = weightedSum(body, weights) % 11;
      const c = rem === 0 ? 0 : rem === 1 ? 1 : 11 - rem;
      return c > 9 ? undefined : body + String(c);
    });
  return part(6, [10, 5, 8, 4, 2]) + part(10, [6, 3, 7, 9, 10, 5, 8, 4, 2]);
}

/** Croatia: bank 7 and account 10, each closed by an ISO 7064 MOD 11,10 digit. */
function mod1110(digits: string): number {
  let nr = 10;
  for (const ch of digits) {
    nr += Number(ch);
    if (nr % 10 !== 0) nr %= 10;
    nr = (nr * 2) % 11;
  }
  return 11 - nr === 10 ? 0 : 11 - nr;
}

/**
 * BBAN layouts of the countries the world uses, from the SWIFT IBAN Registry:
 * the bank identifier in its national form and the national check digits that
 * ibantools verifies (BE, ES, FR, PT, PL, EE, NO, HU, CZ, SK, HR, SI, RS, ME,
 * BA, MK, MC). Countries not listed get a BBAN drawn from ibantools' own spec.
 */
const IBAN_LAYOUTS: Record<string, IbanLayout> = {
  de: { bank: (r) => r.pick(['100', '200', '370', '500', '600', '700', '760']) + r.digits(5), rest: D(10) },
  nl: { bank: (r) => r.pick(['ABNA', 'INGB', 'RABO', 'TRIO', 'SNSB', 'ASNB', 'KNAB', 'BUNQ', 'FVLB', 'TRIO']), rest: nlAccount },
  be: { bank: (r) => r.pick(['001', '068', '097', '230', '310', '363', '539', '735']), rest: beRest },
  fr: { bank: (r) => r.pick(['30004', '30003', '10278', '20041', '30002', '11315', '18206']), rest: frRest },
  gb: { bank: (r) => r.pick(['BARC', 'HBUK', 'LOYD', 'NWBK', 'MIDL', 'RBOS', 'SRLG', 'CLRB']), rest: (r) => r.digits(6) + r.digits(8) },
  ie: { bank: (r) => r.pick(['AIBK', 'BOFI', 'IPBS', 'ULSB']), rest: (r) => r.digits(6) + r.digits(8) },
  // 30000-31999 are Swiss QR-IIDs, reserved for QR bills: never an account's IBAN.
  ch: { bank: (r) => pad(r.pick([100, 230, 235, 483, 700, 762, 767, 8390, 8401, 9000]), 5), rest: (r) => r.digits(12) },
  li: { bank: (r) => pad(r.pick([8800, 8805, 8810]), 5), rest: (r) => r.digits(12) },
  at: { bank: (r) => pad(r.pick([11000, 12000, 14000, 20111, 32000, 34000, 60000]), 5), rest: D(11) },
  cy: { bank: (r) => r.pick(['002', '005', '007', '018', '003']) + r.digits(5), rest: D(16) },
  gr: { bank: (r) => r.pick(['011', '014', '017', '026']) + r.digits(4), rest: D(16) },
  it: {
    bank: (r) => r.pick(['03069', '02008', '05034', '03062', '01030', '05696']),
    rest: (r) => r.digits(5) + r.digits(12), // CAB (branch) and account; the CIN letter goes in front (itBban)
  },
  es: { bank: (r) => r.pick(['0049', '0075', '0081', '0128', '0182', '2100', '2038', '0487']), rest: esRest },
  pt: {
    bank: (r) => r.pick(['0007', '0010', '0018', '0033', '0035', '0036', '0045']),
    rest: (r, bank) => {
      const body = r.digits(4) + r.digits(11);
      return body + mod97Tail(bank + body);
    },
  },
  pl: { bank: plBankBranch, rest: D(16) },
  ee: { bank: (r) => r.pick(['22', '10', '17', '42', '96']), rest: eeRest },
  lv: { bank: (r) => r.pick(['HABA', 'UNLA', 'PARX', 'RIKO', 'NDEA']), rest: D(13) },
  lt: { bank: (r) => pad(r.pick([73000, 70440, 72300, 40100, 21400]), 5), rest: D(11) },
  fi: { bank: (r) => r.pick(['100', '157', '400', '500', '800']), rest: D(11) },
  dk: { bank: (r) => pad(r.pick([3000, 5301, 9570, 1551, 2000, 6471]), 4), rest: D(10) },
  se: { bank: (r) => r.pick(['500', '600', '800', '300', '120', '957']), rest: D(17) },
  no: { bank: (r) => r.pick(['1503', '1607', '3000', '6011', '8601', '9710']), rest: noRest },
  lu: { bank: (r) => r.pick(['001', '002', '003', '014', '019', '030']), rest: D(13) },
  mt: { bank: (r) => r.pick(['VALL', 'MALT', 'APSB', 'LOMB']), rest: (r) => r.digits(5) + r.digits(18) },
  hu: { bank: (r) => r.pick(['117', '104', '116', '120', '107']), rest: huRest },
  cz: { bank: (r) => r.pick(['0800', '0100', '0300', '2010', '5500']), rest: czRest },
  sk: { bank: (r) => r.pick(['0900', '0200', '1100', '7500', '1111']), rest: czRest },
  hr: {
    bank: (r) => {
      const b = pad(r.pick([234000, 236000, 248400, 240200, 230000]), 6);
      return b + String(mod1110(b));
    },
    rest: (r) => {
      const a = r.digits(9);
      return a + String(mod1110(a));
    },
  },
  si: { bank: (r) => r.pick(['02', '03', '04', '05']) + r.digits(3), rest: (r, bank) => { const a = r.digits(8); return a + mod97Tail(bank + a); } },
  rs: { bank: (r) => r.pick(['160', '170', '205', '265', '325', '340']), rest: (r, bank) => { const a = r.digits(13); return a + mod97Tail(bank + a); } },
  me: { bank: (r) => r.pick(['505', '510', '520', '530']), rest: (r, bank) => { const a = r.digits(13); return a + mod97Tail(bank + a); } },
  ba: { bank: (r) => r.pick(['129', '134', '154', '338']), rest: (r, bank) => { const a = r.digits(11); return a + mod97Tail(bank + a); } },
  mk: { bank: (r) => r.pick(['200', '250', '300', '380']), rest: (r, bank) => { const a = r.digits(10); return a + mod97Tail(bank + a); } },
  ro: { bank: (r) => r.pick(['BTRL', 'RNCB', 'BRDE', 'INGB', 'RZBR']), rest: (r) => r.digits(16) },
  bg: { bank: (r) => r.pick(['UNCR', 'BPBI', 'STSA', 'FINV']), rest: (r) => r.digits(6) + r.digits(8) },
  // Gulf, Levant, Turkey, the Caucasus and Central Asia (IBAN Registry entries).
  ae: { bank: (r) => r.pick(['033', '035', '026', '030', '044', '046', '050']), rest: D(16) },
  tr: { bank: (r) => pad(r.pick([10, 12, 15, 46, 62, 64, 67, 111, 134, 205]), 5), rest: (r) => '0' + r.digits(16) },
  ge: { bank: (r) => r.pick(['TB', 'BG', 'LB', 'CR', 'BS']), rest: D(16) },
  az: { bank: (r) => r.pick(['NABZ', 'IBAZ', 'PAHA', 'AIIB', 'UBAZ']), rest: (r) => r.digits(20) },
  kz: { bank: (r) => r.pick(['601', '722', '826', '998', '914', '965']), rest: D(13) },
  sa: { bank: (r) => r.pick(['10', '20', '30', '45', '55', '60', '80']), rest: D(18) },
  qa: { bank: (r) => r.pick(['QNBA', 'DOHB', 'CBQA', 'QIIB', 'QISB']), rest: (r) => r.digits(21) },
  bh: { bank: (r) => r.pick(['NBOB', 'BBKU', 'AUBB', 'KFHB']), rest: (r) => r.digits(14) },
  kw: { bank: (r) => r.pick(['NBOK', 'CBKU', 'GULB', 'KFHO', 'BBYN']), rest: (r) => r.digits(22) },
  il: { bank: (r) => r.pick(['010', '012', '011', '020', '031']), rest: D(16) },
  jo: { bank: (r) => r.pick(['ARAB', 'HBHO', 'JONB', 'CAAB']), rest: (r) => r.digits(4) + r.digits(18) },
  lb: { bank: (r) => pad(r.pick([1, 7, 12, 22, 56, 75]), 4), rest: D(20) },
  iq: { bank: (r) => r.pick(['RAFB', 'RDBA', 'NBIQ']), rest: (r) => r.digits(15) },
  eg: { bank: (r) => pad(r.pick([3, 2, 19, 37, 57]), 4), rest: D(21) },
  ru: { bank: (r) => r.pick(RU_BIK_PREFIXES) + r.digits(3), rest: (r, bik) => ruAccount(r, bik, r.chance(0.85) ? 'company' : 'person') },
  by: { bank: (r) => r.pick(['AKBB', 'BPSB', 'ALFA', 'BLBB', 'PJCB']), rest: (r) => r.digits(4) + r.digits(16) },
  ua: { bank: (r) => pad(r.pick([305299, 300528, 322001, 380805, 300465]), 6), rest: (r) => '00000' + r.digits(14) },
  md: { bank: (r) => r.pick(['AG', 'ML', 'MO']), rest: (r) => r.digits(18) },
  ir: { bank: (r) => pad(r.pick([10, 12, 17, 18, 55, 57, 62]), 3), rest: (r) => r.digits(19) },
  pk: { bank: (r) => r.pick(['HABB', 'MUCB', 'UNIL', 'SCBL']), rest: (r) => r.digits(16) },
  mu: { bank: (r) => r.pick(['MCBL', 'BOMM', 'SBMM']) + r.digits(2), rest: (r) => r.digits(2) + r.digits(12) + '000MUR' },
  sc: { bank: (r) => r.pick(['BAHL', 'MCBL', 'NOVH']) + r.digits(2), rest: (r) => r.digits(2) + r.digits(16) + 'SCR' },
  vg: { bank: (r) => r.pick(['VPVG', 'FCIB', 'BVIG']), rest: D(16) },
  gi: { bank: (r) => r.pick(['NWBK', 'GIBB']), rest: (r) => r.digits(15) },
  xk: { bank: (r) => r.pick(['1212', '1301', '1502']), rest: D(12) },
};

/**
 * A Russian 20-digit account (Bank of Russia Regulation 579-P): balance account
 * (40702 companies, 40817 individuals), currency (810 rouble, 840, 978, 156),
 * the control key, a 4-digit branch and a 7-digit serial. The key makes the
 * 7-1-3 weighted sum of the BIK's last three digits and the account divisible
 * by ten.
 */
function ruAccount(r: Random, bik: string, holder: 'company' | 'person'): string {
  const balance = holder === 'company' ? r.weighted(['40702', '40701', '40802'], [0.85, 0.05, 0.1]) : '40817';
  const currency = r.weighted(['810', '840', '978', '156'], [0.75, 0.1, 0.07, 0.08]);
  const branch = r.chance(0.7) ? '0000' : r.digits(4);
  const withoutKey = balance + currency + '0' + branch + r.digits(7);
  const probe = bik.slice(-3) + withoutKey;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < probe.length; i++) sum += (Number(probe[i]) * weights[i % 3]!) % 10;
  const key = ((sum % 10) * 3) % 10;
  return withoutKey.slice(0, 8) + String(key) + withoutKey.slice(9);
}

/** A BBAN from ibantools' pattern (e.g. "^[A-Z]{4}[0-9]{10}$") for countries with no layout above. */
function bbanFromPattern(r: Random, pattern: string): string {
  let out = '';
  for (const m of pattern.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)) {
    const n = Number(m[2]);
    const cls = m[1]!;
    out += cls === '0-9' ? r.digits(n) : cls === 'A-Z' ? r.letters(n) : r.digits(n);
  }
  return out;
}

function specFor(country: string): { chars?: number; bban_regexp?: string } | undefined {
  return (countrySpecs as Record<string, { chars?: number; bban_regexp?: string }>)[country.toUpperCase()];
}

/**
 * Countries whose accounts are written as IBANs on cross-border payments. Russia
 * is in the IBAN Registry (RU, 33 characters) but its banks quote the 20-digit
 * account with the BIK, so a Russian account is a local number here; Iran's
 * "Sheba" numbers are IBAN-shaped and in everyday use though Iran is not in the
 * Registry.
 */
const LOCAL_ACCOUNT_COUNTRIES = new Set(['ru']);

export function isIbanCountry(country: string): boolean {
  if (LOCAL_ACCOUNT_COUNTRIES.has(country)) return false;
  const spec = specFor(country);
  return spec?.chars !== undefined && spec.bban_regexp !== undefined;
}

/** A national bank identifier (BLZ, sort-code bank, BIK, ABA routing…) to share between one bank's accounts. */
export function makeBankCode(r: Random, country: string): string {
  if (country === 'us') return abaRouting(r);
  const layout = IBAN_LAYOUTS[country];
  if (layout) return layout.bank(r);
  if (country === 'ru') return r.pick(RU_BIK_PREFIXES) + r.digits(3);
  return r.digits(3);
}

/**
 * A valid IBAN (ISO 13616) for a country, compact electronic form. `bankCode`
 * (from makeBankCode) pins the bank so that one bank's accounts share it.
 */
export function makeIban(r: Random, country: string, opts: { bankCode?: string } = {}): string {
  const cc = country.toUpperCase();
  const spec = specFor(country);
  if (!spec?.chars || !spec.bban_regexp) throw new Error(`no IBAN format for country ${country}`);
  const layout = IBAN_LAYOUTS[country];
  let bban: string;
  if (layout) {
    bban = until(r, () => {
      const bank = opts.bankCode ?? layout.bank(r);
      const rest = layout.rest(r, bank);
      const candidate = country === 'it' ? itBban(bank, rest) : bank + rest;
      return isValidBBAN(candidate, cc) ? candidate : undefined;
    });
  } else {
    bban = until(r, () => {
      const candidate = bbanFromPattern(r, spec.bban_regexp!);
      return isValidBBAN(candidate, cc) ? candidate : undefined;
    });
  }
  const check = 98 - mod97(bban + cc + '00');
  return cc + pad(check, 2) + bban;
}

/** Italian BBAN: CIN letter, ABI (bank), CAB (branch), 12-character account. */
function itBban(abi: string, rest: string): string {
  return itCin(abi + rest) + abi + rest;
}

/**
 * A local account number where IBANs are not used: the Russian 20-digit
 * account, a US account (8–12 digits), Chinese bank accounts (16–19 digits),
 * Hong Kong bank-branch-account (3+3+6–9), Singapore (10), India (11–16),
 * Malaysia (12–14), Armenia and Kyrgyzstan (16), Uzbekistan (20, Russian-style)…
 */
export function makeAccountNumber(r: Random, country: string, opts: { holder?: 'company' | 'person'; bankCode?: string } = {}): string {
  switch (country) {
    case 'ru':
      return ruAccount(r, opts.bankCode ?? makeBankCode(r, 'ru'), opts.holder ?? 'company');
    case 'us':
      return r.digits(1).replace('0', '4') + r.digits(r.int(7, 11));
    case 'cn':
      return r.pick(['6222', '6228', '6217', '6216', '4367']) + r.digits(r.int(12, 15));
    case 'hk':
      return r.pick(['004', '012', '024', '003', '015']) + r.digits(3) + r.digits(r.pick([6, 9]));
    case 'sg':
      return r.digits(10).replace(/^0/, '1');
    case 'in':
      return r.digits(r.pick([11, 12, 14, 15, 16])).replace(/^0/, '3');
    case 'my':
      return r.digits(r.pick([12, 14])).replace(/^0/, '5');
    case 'am':
      return r.pick(['1570', '2470', '1930', '2050', '2200']) + r.digits(12);
    case 'kg':
      return r.pick(['1030', '1090', '1280', '1180']) + r.digits(12);
    case 'uz':
    case 'tj':
    case 'tm':
      return r.pick(['20208', '20210', '22618']) + r.pick(['000', '840', '978']) + r.digits(12);
    case 'th':
      return r.digits(10).replace(/^0/, '1');
    case 'kr':
      return r.digits(3) + r.digits(r.int(8, 11));
    case 'jp':
      return r.digits(7);
    case 'au':
      return r.digits(3) + r.digits(3) + r.digits(r.int(6, 9));
    case 'ca':
      return r.digits(r.int(7, 12));
    default:
      return r.digits(r.int(10, 14)).replace(/^0/, '1');
  }
}

// ---------------------------------------------------------------- LEI, IMO, MMSI, call signs

/**
 * Prefixes of LEI-issuing organisations (the first four characters of an LEI
 * name its issuer, ISO 17442): GMEI/DTCC, London Stock Exchange, WM Datenservice,
 * INSEE, InfoCamere, Bundesanzeiger, NSD (Russia), and others seen on GLEIF.
 */
const LOU_PREFIXES = ['5493', '2138', '5299', '9695', '8156', '3912', '2534', '5967', '6354', '9845', '2549', '7245', '8945', '3157', '2221', '3003'];

/** A Legal Entity Identifier: issuer prefix, 14 entity characters, two MOD 97-10 check digits. */
export function makeLei(r: Random): string {
  const prefix = r.pick(LOU_PREFIXES);
  // Before 2017 characters 5-6 were "00"; many LEIs still carry them.
  const middle = r.chance(0.5) ? '00' + lettersFrom(r, ALNUM, 12) : lettersFrom(r, ALNUM, 14);
  const base = prefix + middle;
  return base + pad(98 - mod97(base + '00'), 2);
}

/** IMO ship number: 7 digits, the last the 7-6-5-4-3-2 weighted check; ships built since 1990 begin with 9. */
export function makeImo(r: Random): string {
  const first = r.weighted(['9', '8', '7'], [0.9, 0.08, 0.02]);
  const body = first + r.digits(5);
  return body + String(weightedSum(body, [7, 6, 5, 4, 3, 2]) % 10);
}

const MIDS_BY_COUNTRY = new Map<string, string[]>();
for (const [mid, cc] of Object.entries(MID_COUNTRIES)) {
  const list = MIDS_BY_COUNTRY.get(cc) ?? [];
  list.push(mid);
  MIDS_BY_COUNTRY.set(cc, list);
}

/**
 * A ship-station MMSI: an ITU MID allocated to the flag and six digits. Never
 * one of the defaults transponders ship with or crews key in (123456789,
 * 111111111, MID + 000000…) that AIS data is full of: the world must be clean
 * where the scheme does not make it dirty.
 */
export function makeMmsi(r: Random, flag: string): string {
  const mids = MIDS_BY_COUNTRY.get(flag);
  if (!mids) throw new Error(`no Maritime Identification Digits are allocated to ${flag}`);
  return until(r, () => {
    const mmsi = r.pick(mids) + r.digits(6);
    const tail = mmsi.slice(3);
    if (/^(\d)\1{5}$/.test(tail) || tail.endsWith('000') || mmsi === '123456789') return undefined;
    return mmsi;
  });
}

/**
 * ITU call-sign prefixes (Radio Regulations Appendix 42) for flags ships sail
 * under. Ships' call signs are four characters in most registers (H3RC, 9HAB4,
 * V7XY9, A8QZ5), letters after the prefix and often a digit at the end.
 */
const CALL_SIGN_PREFIXES: Record<string, string[]> = {
  pa: ['3E', '3F', 'H3', 'H8', 'H9', 'HO', 'HP'], lr: ['A8', 'D5', '5L', '5M', '6Z', 'EL'], mh: ['V7'],
  mt: ['9H'], bs: ['C6'], gr: ['SV', 'SW', 'SX', 'SY', 'SZ', 'J4'], cy: ['5B', 'C4', 'H2', 'P3'],
  sg: ['9V', 'S6'], hk: ['VR'], no: ['LA', 'LB', 'LC', 'LD', 'LF', 'LG', 'LH', 'LJ', 'LK', 'LM', 'LN'],
  dk: ['OU', 'OV', 'OW', 'OX', 'OY', 'OZ', '5P', '5Q'], de: ['DA', 'DB', 'DC', 'DD', 'DE', 'DF', 'DG', 'DH', 'DJ', 'DK', 'DL'],
  nl: ['PA', 'PB', 'PC', 'PD', 'PE', 'PF', 'PG', 'PH', 'PI'], gb: ['M', 'G', '2'], it: ['I'], tr: ['TA', 'TB', 'TC', 'YM'],
  cn: ['B'], jp: ['JA', 'JD', 'JE', 'JF', 'JG', 'JH', 'JI', 'JJ', 'JK', 'JL', 'JM', 'JN', 'JO', 'JP', 'JQ', 'JR', 'JS', '7J', '8J'],
  in: ['AT', 'AU', 'AV', 'AW', 'VT', 'VU', 'VV', 'VW', '8T', '8U', '8V', '8W', '8X', '8Y'], ae: ['A6'],
  ru: ['UA', 'UB', 'UC', 'UD', 'UE', 'UF', 'UG', 'UH', 'UI', 'R'], fr: ['F'], es: ['EA', 'EB', 'EC', 'ED', 'EE', 'EF', 'EG', 'EH'],
  pt: ['CQ', 'CR', 'CS', 'CT', 'CU'], be: ['ON', 'OO', 'OP', 'OQ', 'OR', 'OS', 'OT'], se: ['SA', 'SB', 'SC', 'SD', 'SE', 'SF', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM'],
  fi: ['OF', 'OG', 'OH', 'OI', 'OJ'], pl: ['SN', 'SO', 'SP', 'SQ', 'SR', '3Z'], ee: ['ES'], lv: ['YL'], lt: ['LY'],
  ie: ['EI', 'EJ'], us: ['K', 'N', 'W'], sa: ['HZ', '7Z', '8Z'], ir: ['EP', 'EQ', '9B', '9C', '9D'], kr: ['DS', 'DT', 'D7', 'D8', 'D9', 'HL', '6K', '6L', '6M', '6N'],
  kp: ['HM', 'P5', 'P6', 'P7', 'P8', 'P9'], km: ['D6'], ga: ['TR'], cm: ['TJ'], tg: ['5V'], sl: ['9L'], pw: ['T8'], vu: ['YJ'],
  tv: ['T2'], st: ['S9'], mn: ['JT', 'JU', 'JV'], kn: ['V4'], vc: ['J8'], bz: ['V3'], ag: ['V2'], bb: ['8P'], my: ['9M', '9W'],
  th: ['HS', 'E2'], id: ['PK', 'PL', 'PM', 'PN', 'PO', '7A', '8A'], ph: ['DU', 'DV', 'DW', 'DX', 'DY', 'DZ', '4D', '4E', '4F', '4G', '4H', '4I'],
  vn: ['3W', 'XV'], eg: ['SS', 'SU', '6A', '6B'], ua: ['EM', 'EN', 'EO', 'UR', 'US', 'UT', 'UU', 'UV', 'UW', 'UX', 'UY', 'UZ'],
  ge: ['4L'], az: ['4J', '4K'], kz: ['UN', 'UO', 'UP', 'UQ'], tz: ['5H', '5I'], cw: ['PJ'], bm: ['VR'], ky: ['ZF'],
};

/** A plausible ship call sign: the flag's ITU prefix filled to 4 characters, a trailing digit half the time. */
export function makeCallSign(r: Random, flag: string): string {
  const prefixes = CALL_SIGN_PREFIXES[flag];
  // A flag whose prefixes are not in the table gets letters only: shaped like a call sign, not claiming a series.
  const prefix = prefixes ? r.pick(prefixes) : r.letters(2);
  let sign = prefix + r.letters(Math.max(1, 4 - prefix.length));
  if (r.chance(0.5)) sign += r.digits(1);
  return sign;
}

// ---------------------------------------------------------------- company registration numbers

/** Russian OGRN: 1 (legal entity), 2-digit year, 2-digit region, 7-digit serial; check = (first 12 mod 11) mod 10. */
export function makeOgrn(r: Random, region?: string): string {
  const body = '1' + pad(r.int(2, 24), 2) + (region ?? r.pick(['77', '97', '78', '50', '66', '54', '16', '61', '23', '25', '39'])) + r.digits(7);
  return body + String(Number(BigInt(body) % 11n) % 10);
}

/** Russian INN: 10 digits for an organisation, 12 for a person, each with its published check digits. */
export function makeInn(r: Random, kind: 'company' | 'person' = 'company', region?: string): string {
  const reg = region ?? r.pick(['77', '78', '50', '66', '54', '16', '61', '23', '25', '39']);
  const check = (digits: string, weights: number[]): string => String((weightedSum(digits, weights) % 11) % 10);
  if (kind === 'company') {
    const body = reg + r.digits(2) + r.digits(5);
    return body + check(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
  }
  const body = reg + r.digits(2) + r.digits(6);
  const c1 = check(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  const c2 = check(body + c1, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return body + c1 + c2;
}

/** Swiss UID (CHE-123.456.789): mod-11 check over weights 5,4,3,2,7,6,5,4; a check of 10 is never issued. */
function chUid(r: Random): string {
  return until(r, () => {
    const body = r.digits(8).replace(/^0/, '1');
    const rem = weightedSum(body, [5, 4, 3, 2, 7, 6, 5, 4]) % 11;
    const c = rem === 0 ? 0 : 11 - rem;
    if (c === 10) return undefined;
    const d = body + String(c);
    return `CHE-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}`;
  });
}

/**
 * Chinese unified social credit code (GB 32100-2015): authority 9 (market
 * regulation), category 1 (enterprise), 6-digit division code, 9-character
 * organisation code (GB 11714, its own check), and a base-31 check character.
 */
function cnCreditCode(r: Random): string {
  const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const division = r.pick(['110000', '310000', '440300', '440100', '330200', '370200', '120000', '350200', '330782', '441900', '330100', '320500']);
  const orgBody = lettersFrom(r, '0123456789ABCDEFGHJKLMNPQRTUWXY', 8).replace(/^[^0-9]/, 'M');
  let orgSum = 0;
  const orgW = [3, 7, 9, 10, 5, 8, 4, 2];
  for (let i = 0; i < 8; i++) orgSum += parseInt(orgBody[i]!, 36) * orgW[i]!;
  const oc = 11 - (orgSum % 11);
  const orgCode = orgBody + (oc === 10 ? 'X' : oc === 11 ? '0' : String(oc));
  const body = '91' + division + orgCode;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(body[i]!) * weights[i]!;
  const c = 31 - (sum % 31);
  return body + CHARS[c === 31 ? 0 : c];
}

/** Kazakhstan BIN: YYMM of registration, 4 (resident legal entity), attribute, serial, check (weights 1–11 then 3–11,1,2). */
function kzBin(r: Random): string {
  return until(r, () => {
    const body = pad(r.int(0, 24), 2) + pad(r.int(1, 12), 2) + '4' + r.pick(['0', '0', '1']) + r.digits(5);
    const check = kzCheck(body);
    return check === undefined ? undefined : body + check;
  });
}

function kzCheck(body: string): string | undefined {
  let c = weightedSum(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (c === 10) c = weightedSum(body, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  return c === 10 ? undefined : String(c);
}

/** Ukraine EDRPOU: 8 digits, check digit by the State Statistics Service's weights. */
function uaEdrpou(r: Random): string {
  return until(r, () => {
    const body = String(r.int(1, 4)) + r.digits(6);
    const n = Number(body) * 10;
    const [w1, w2] = n < 30000000 || n > 60000000 ? [[1, 2, 3, 4, 5, 6, 7], [3, 4, 5, 6, 7, 8, 9]] : [[7, 1, 2, 3, 4, 5, 6], [9, 3, 4, 5, 6, 7, 8]];
    let c = weightedSum(body, w1!) % 11;
    if (c === 10) c = weightedSum(body, w2!) % 11;
    if (c === 10) c = 0;
    return body + String(c);
  });
}

/** Thai juristic person id: 13 digits (0105 = Bangkok company), check = (11 − Σ dᵢ·(13−i) mod 11) mod 10. */
function th13(prefix: string, r: Random): string {
  const body = prefix + r.digits(12 - prefix.length);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (13 - i);
  return body + String((11 - (sum % 11)) % 10);
}

/** Korean business registration number (123-45-67890): weights 1,3,7,1,3,7,1,3,5 plus ⌊5·d₉/10⌋. */
function krBusiness(r: Random): string {
  const body = String(r.int(1, 6)) + r.digits(2) + r.pick(['81', '86', '87', '88']) + r.digits(4);
  const sum = weightedSum(body, [1, 3, 7, 1, 3, 7, 1, 3, 5]) + Math.floor((Number(body[8]) * 5) / 10);
  const d = body + String((10 - (sum % 10)) % 10);
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

/** Israel: companies are 51-xxxxxx-x, closed by the same 1-2 alternating check as the identity number. */
function israeliCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let v = Number(body[i]) * (i % 2 === 0 ? 1 : 2);
    if (v > 9) v -= 9;
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Spanish NIF of a company: letter (B S.L., A S.A.), province + serial, control digit. */
function esNif(r: Random, letter: string): string {
  const body = pad(r.int(1, 99), 2) + r.digits(5);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(body[i]);
    if (i % 2 === 1) even += d;
    else odd += Math.floor((d * 2) / 10) + ((d * 2) % 10);
  }
  return letter + body + String((10 - ((even + odd) % 10)) % 10);
}

/** Registration numbers in the shape each jurisdiction's register prints, without the `cc:` prefix. */
const REGISTRATIONS: Record<string, (r: Random, legalForm?: string) => string> = {
  // Cyprus Registrar of Companies: HE (limited company) + serial, now in the 400 000s.
  cy: (r) => 'HE' + r.int(100000, 460000),
  // Companies House: 8 digits (England & Wales), SC (Scotland), NI, OC for LLPs.
  gb: (r, form) => (form === 'LLP' ? 'OC' + r.int(300000, 450000) : r.chance(0.08) ? 'SC' + r.int(100000, 800000) : r.chance(0.03) ? 'NI' + r.int(600000, 700000) : pad(r.int(1000000, 15900000), 8)),
  ru: (r) => makeOgrn(r),
  by: (r) => r.pick(['19', '69', '10', '29', '39', '49', '59']) + r.digits(7),
  ua: uaEdrpou,
  kz: kzBin,
  // Kyrgyz INN of a legal entity: 0 or 1, registration date (DDMMYYYY), 5 digits.
  kg: (r) => r.pick(['0', '1']) + pad(r.int(1, 28), 2) + pad(r.int(1, 12), 2) + String(r.int(1996, 2024)) + r.digits(5),
  // Uzbek STIR of a legal entity: 9 digits starting 2 or 3.
  uz: (r) => r.pick(['2', '3']) + r.digits(8),
  // Georgian identification code: 9 digits (4xx… for Tbilisi companies).
  ge: (r) => r.pick(['4', '2', '2', '4', '4']) + r.digits(8),
  // Armenian State Register number: 3-digit office, 3-digit type, serial (e.g. 286.110.02524).
  am: (r) => `${r.pick(['222', '264', '273', '278', '286', '290'])}.${r.pick(['110', '120', '140'])}.${r.digits(r.pick([5, 6]))}`,
  // Azerbaijani VÖEN: 10 digits, the last 2 for a legal entity.
  az: (r) => r.pick(['1', '9', '1', '2']) + r.digits(8) + '2',
  tr: (r) => '0' + r.digits(15), // MERSIS number: 16 digits
  // UAE: Dubai Economy commercial licence (CN-1234567), DMCC and free-zone licence numbers.
  ae: (r, form) => (form === 'DMCC' ? `DMCC-${r.int(30000, 990000)}` : form && /^FZ/.test(form) ? r.pick(['', 'L-']) + r.int(10000, 99999) : `CN-${r.int(1000000, 4999999)}`),
  sa: (r) => r.pick(['1010', '4030', '2050', '5855']) + r.digits(6), // commercial registration, city prefix
  qa: (r) => String(r.int(10000, 199999)),
  ir: (r) => '10' + r.digits(9), // national id of a legal entity (11 digits)
  il: (r) => { const b = '51' + r.digits(6); return b + israeliCheck(b); },
  hk: (r) => String(r.chance(0.8) ? r.int(1000000, 3499999) : r.int(100000, 999999)),
  cn: cnCreditCode,
  // India CIN: listing, NIC industry code, state, year, type (PTC private, PLC public), serial.
  in: (r, form) =>
    (form === 'Limited' ? 'L' : 'U') + r.pick(['74999', '51909', '51100', '52100', '29299', '24299', '63090', '72900', '01100']) +
    r.pick(['MH', 'DL', 'KA', 'TN', 'GJ', 'WB', 'TG', 'HR']) + r.int(1985, 2024) + (form === 'Limited' ? 'PLC' : 'PTC') + r.digits(6),
  // Singapore UEN (local company): year of registration, 5 digits, check letter.
  sg: (r) => String(r.int(1990, 2024)) + r.digits(5) + r.pick(['C', 'D', 'E', 'G', 'H', 'K', 'M', 'N', 'R', 'W', 'Z']),
  // Malaysia SSM (since 2019): year, entity type 01 (company), 6-digit serial.
  my: (r) => String(r.int(2000, 2024)) + '01' + r.digits(6),
  th: (r) => th13('0105', r),
  kr: krBusiness,
  rs: (r) => '2' + r.pick(['0', '1']) + r.digits(6), // matični broj
  // Shipping registries: Marshall Islands and Liberian corporation numbers, Panama folio.
  mh: (r) => String(r.int(10000, 130000)),
  lr: (r) => 'C-' + r.int(100000, 199999),
  pa: (r) => (r.chance(0.7) ? '155' + r.digits(6) : String(r.int(300000, 899999))),
  vg: (r) => String(r.int(1000000, 2149999)),
  sc: (r) => String(r.int(100000, 240000)),
  bz: (r) => String(r.int(100000, 199999)),
  us: (r) => String(r.int(2000000, 7999999)), // Delaware file number
  ch: chUid,
  de: (r, form) => (form === 'KG' || form === 'GmbH & Co. KG' ? `HRA ${r.int(1000, 99999)}` : `HRB ${r.int(1000, 250000)}`),
  at: (r) => `FN ${r.int(10000, 599999)}${r.pick(['a', 'b', 'd', 'f', 'g', 'h', 'i', 'k', 'm', 'p', 's', 't', 'v', 'w', 'x', 'y', 'z'])}`,
  nl: (r) => pad(r.int(10000000, 99999999), 8), // KvK number
  be: (r) => {
    const body = '0' + r.int(200000000, 999999999).toString().slice(0, 7);
    const rem = 97 - (Number(body) % 97);
    const d = body + pad(rem, 2);
    return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
  },
  lu: (r) => 'B' + r.int(10000, 290000),
  fr: (r) => { const b = String(r.int(30000000, 99999999)); return b + String(luhnDigit(b)); }, // SIREN
  it: (r) => { const b = r.digits(7) + pad(r.int(1, 100), 3); return b + String(luhnDigit(b)); }, // partita IVA
  es: (r, form) => esNif(r, form === 'S.A.' ? 'A' : 'B'),
  pt: (r) => {
    const body = '5' + r.digits(7);
    const rem = weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    return body + String(rem < 2 ? 0 : 11 - rem);
  },
  gr: (r) => r.digits(9).replace(/^0/, '1') + r.pick(['000', '000', '001']), // G.E.MI. number
  mt: (r) => 'C ' + r.int(1000, 110000),
  ie: (r) => String(r.int(100000, 760000)), // CRO number
  pl: (r) => pad(r.int(1, 1100000), 10), // KRS number, zero-padded to 10 digits
  ee: (r) => until(r, () => {
    const body = r.pick(['10', '11', '12', '14', '16']) + r.digits(5);
    let c = weightedSum(body, [1, 2, 3, 4, 5, 6, 7]) % 11;
    if (c === 10) c = weightedSum(body, [3, 4, 5, 6, 7, 8, 9]) % 11;
    return body + String(c === 10 ? 0 : c);
  }),
  lv: (r) => r.pick(['40003', '40103', '50003']) + r.digits(6),
  lt: (r) => r.pick(['1', '3']) + r.digits(8),
  fi: (r) => until(r, () => {
    const body = pad(r.int(1000000, 3499999), 7);
    const rem = weightedSum(body, [7, 9, 10, 5, 8, 4, 2]) % 11;
    if (rem === 1) return undefined;
    return `${body}-${rem === 0 ? 0 : 11 - rem}`;
  }),
  dk: (r) => until(r, () => {
    const body = String(r.int(1000000, 4499999));
    const rem = weightedSum(body, [2, 7, 6, 5, 4, 3, 2]) % 11;
    const c = rem === 0 ? 0 : 11 - rem;
    return c === 10 ? undefined : body + String(c);
  }),
  se: (r) => { const b = r.pick(['556', '559']) + r.digits(6); return `${b.slice(0, 6)}-${b.slice(6)}${luhnDigit(b)}`; },
  no: (r) => until(r, () => {
    const body = r.pick(['8', '9']) + r.digits(7);
    const rem = weightedSum(body, [3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    const c = rem === 0 ? 0 : 11 - rem;
    return c === 10 ? undefined : body + String(c);
  }),
};

export function registrationJurisdictions(): string[] {
  return Object.keys(REGISTRATIONS);
}

/**
 * A company registration number as the jurisdiction's register writes it (the
 * world's registry prints it as `cc:NUMBER`). `legalForm` selects the series
 * where a register numbers forms apart (UK LLPs, German KGs, DMCC companies).
 * An unknown jurisdiction gets an 8-digit number.
 */
export function makeRegistration(r: Random, jurisdiction: string, opts: { legalForm?: string } = {}): string {
  const make = REGISTRATIONS[jurisdiction];
  return make ? make(r, opts.legalForm) : pad(r.int(10000000, 99999999), 8);
}

// ---------------------------------------------------------------- passports and national ids

/**
 * Passport number shapes (the number as printed in the MRZ): L a letter, D a
 * digit, * a letter or digit; other characters are literal. Several shapes mean
 * older and newer series in circulation.
 */
const PASSPORT_SHAPES: Record<string, string[]> = {
  ru: ['75DDDDDDD', '76DDDDDDD', '72DDDDDDD', '65DDDDDDD', '53DDDDDDD'], ua: ['FLDDDDDD', 'ELDDDDDD'], by: ['MPDDDDDDD', 'KHDDDDDDD', 'ABDDDDDDD'],
  kz: ['NDDDDDDDD'], kg: ['ACDDDDDDD', 'PEDDDDDDD'], uz: ['FADDDDDDD', 'AADDDDDDD'], ge: ['DDLLDDDDD'], am: ['AKDDDDDDD', 'ATDDDDDDD', 'ANDDDDDDD'],
  az: ['CDDDDDDDD'], tr: ['UDDDDDDDD'], ir: ['LDDDDDDDD'], ae: ['LDDDDDDD'], sa: ['LDDDDDDD'], qa: ['LDDDDDDD'], kw: ['LDDDDDDDD'],
  bh: ['DDDDDDDD'], jo: ['LDDDDDDD'], lb: ['RLDDDDDDD'], sy: ['NDDDDDDDD'], iq: ['ADDDDDDD'], il: ['DDDDDDDD'], eg: ['ADDDDDDDD'],
  cn: ['EDDDDDDDD', 'ELDDDDDDD'], hk: ['KDDDDDDDD', 'HDDDDDDDD'], tw: ['3DDDDDDDD'], in: ['LDDDDDDD'], sg: ['KDDDDDDDL', 'EDDDDDDDL'],
  my: ['ADDDDDDDD'], th: ['AADDDDDDD'], kr: ['MDDDDDDDD'], jp: ['TLDDDDDDD'], de: ['C********'], gb: ['5DDDDDDDD', '1DDDDDDDD'],
  us: ['5DDDDDDDD', 'ADDDDDDDD'], fr: ['DDLLDDDDD'], it: ['LLDDDDDDD'], es: ['PAADDDDDD', 'LLLDDDDDD'], nl: ['LL******D'],
  be: ['LLDDDDDD'], ch: ['XDDDDDDD'], at: ['PDDDDDDD', 'UDDDDDDD'], gr: ['LLDDDDDDD'], cy: ['KDDDDDDDD'], mt: ['DDDDDDD'],
  pl: ['LLDDDDDDD'], pt: ['LDDDDDD'], ie: ['LLDDDDDDD'], se: ['DDDDDDDD'], no: ['DDDDDDDD'], dk: ['DDDDDDDDD'], fi: ['LLDDDDDDD'],
  ee: ['LLDDDDDDD'], lv: ['LLDDDDDDD'], lt: ['DDDDDDDD'], lu: ['LLLDDDDD'], rs: ['DDDDDDDDD'], pa: ['PADDDDDDD'], mx: ['LDDDDDDDD'],
  ar: ['DDDDDDDDL'], co: ['LLDDDDDD'], ve: ['DDDDDDDDD'], mh: ['DDDDDD'], lr: ['LDDDDDDD'],
};

/** Letters a passport series avoids for legibility (I, O, Q in most issuing states). */
const PASSPORT_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function fillShape(r: Random, shape: string): string {
  let out = '';
  for (const ch of shape) {
    if (ch === 'D') out += r.digits(1);
    else if (ch === 'L') out += lettersFrom(r, PASSPORT_LETTERS, 1);
    else if (ch === '*') out += lettersFrom(r, '0123456789CFGHJKLMNPRTVWXYZ', 1);
    else out += ch;
  }
  return out;
}

/** A passport number in the issuing country's shape; an unknown country gets a letter and eight digits. */
export function makePassport(r: Random, country: string): string {
  const shapes = PASSPORT_SHAPES[country] ?? ['LDDDDDDDD'];
  return fillShape(r, r.pick(shapes));
}

export interface NationalIdOptions {
  birthDate?: string;
  gender?: 'male' | 'female';
}

interface BirthParts {
  yyyy: string;
  yy: string;
  mm: string;
  dd: string;
  year: number;
  male: boolean;
}

function birthParts(r: Random, opts: NationalIdOptions): BirthParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(opts.birthDate ?? '');
  const year = m ? Number(m[1]) : r.int(1950, 2000);
  const mm = m ? m[2]! : pad(r.int(1, 12), 2);
  const dd = m ? m[3]! : pad(r.int(1, 28), 2);
  const male = opts.gender ? opts.gender === 'male' : r.chance(0.5);
  return { yyyy: String(year), yy: String(year).slice(2), mm, dd, year, male };
}

/** Verhoeff check digit (Aadhaar). */
function verhoeff(digits: string): string {
  const d = (j: number, k: number): number => {
    if (j < 5 && k < 5) return (j + k) % 5;
    if (j < 5) return ((j + k - 5) % 5) + 5;
    if (k < 5) return ((j - 5 - k + 5) % 5) + 5;
    return (j - k + 5) % 5;
  };
  const p1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
  const p = (i: number, n: number): number => {
    let v = n;
    for (let t = 0; t < i % 8; t++) v = p1[v]!;
    return v;
  };
  const inv = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
  let c = 0;
  const rev = digits.split('').reverse();
  for (let i = 0; i < rev.length; i++) c = d(c, p(i + 1, Number(rev[i])));
  return String(inv[c]);
}

/** National identity numbers, with the published check digits and birth-date encodings where they have them. */
const NATIONAL_IDS: Record<string, (r: Random, b: BirthParts) => string> = {
  // Russia: internal passport series (region + year of issue) and number.
  ru: (r) => `${pad(r.int(1, 99), 2)}${pad(r.int(0, 24), 2)} ${r.digits(6)}`,
  ua: (r) => r.digits(9), // ID card (document) number
  by: (r, b) => `${b.year >= 2000 ? (b.male ? 5 : 6) : b.male ? 3 : 4}${b.dd}${b.mm}${b.yy}${r.pick(['A', 'B', 'C', 'E', 'H', 'K', 'M'])}${r.digits(3)}PB${r.digits(1)}`,
  kz: (r, b) => until(r, () => {
    const body = b.yy + b.mm + b.dd + String(b.year >= 2000 ? (b.male ? 5 : 6) : b.male ? 3 : 4) + r.digits(4);
    const c = kzCheck(body);
    return c === undefined ? undefined : body + c;
  }),
  tr: (r) => {
    const d = [r.int(1, 9), ...Array.from({ length: 8 }, () => r.int(0, 9))];
    const d10 = (((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10 + 10) % 10;
    const d11 = (d.reduce((a, v) => a + v, 0) + d10) % 10;
    return d.join('') + String(d10) + String(d11);
  },
  ir: (r) => until(r, () => {
    const body = r.digits(9);
    if (/^(\d)\1+$/.test(body)) return undefined;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const rem = sum % 11;
    return body + String(rem < 2 ? rem : 11 - rem);
  }),
  cn: (r, b) => {
    const body = r.pick(['110101', '310104', '440305', '440106', '330106', '370202', '120101', '510107']) + b.yyyy + b.mm + b.dd + r.digits(2) + String(r.int(0, 4) * 2 + (b.male ? 1 : 0));
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    return body + '10X98765432'[weightedSum(body, weights) % 11];
  },
  hk: (r) => {
    const letter = lettersFrom(r, 'ACDEGHKMPRVYZ', 1);
    const digits = r.digits(6);
    let sum = 9 * 36 + 8 * (letter.charCodeAt(0) - 55);
    for (let i = 0; i < 6; i++) sum += (7 - i) * Number(digits[i]);
    const c = (11 - (sum % 11)) % 11;
    return `${letter}${digits}(${c === 10 ? 'A' : String(c)})`;
  },
  kr: (r, b) => {
    const body = b.yy + b.mm + b.dd + String(b.year >= 2000 ? (b.male ? 3 : 4) : b.male ? 1 : 2) + r.digits(5);
    const c = (11 - (weightedSum(body, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10;
    return `${body.slice(0, 6)}-${body.slice(6)}${c}`;
  },
  in: (r) => { const body = String(r.int(2, 9)) + r.digits(10); return body + verhoeff(body); },
  sg: (r, b) => {
    const prefix = b.year >= 2000 ? 'T' : 'S';
    const digits = (b.year >= 2000 ? b.yy : r.digits(2)) + r.digits(5);
    const rem = (weightedSum(digits, [2, 7, 6, 5, 4, 3, 2]) + (prefix === 'T' ? 4 : 0)) % 11;
    return prefix + digits + 'JZIHGFEDCBA'[rem];
  },
  my: (r, b) => `${b.yy}${b.mm}${b.dd}-${r.pick(['14', '10', '01', '07', '08'])}-${r.digits(3)}${r.int(0, 4) * 2 + (b.male ? 1 : 0)}`,
  th: (r) => th13(String(r.int(1, 8)), r),
  ae: (r, b) => { const body = '784' + b.yyyy + r.digits(7); return `${body.slice(0, 3)}-${body.slice(3, 7)}-${body.slice(7)}-${luhnDigit(body)}`; },
  sa: (r) => { const body = r.pick(['1', '2']) + r.digits(8); return body + String(luhnDigit(body)); },
  il: (r) => { const body = r.digits(8).replace(/^0/, '3'); return body + israeliCheck(body); },
  us: (r) => {
    let area = r.int(1, 899);
    if (area === 666) area = 665;
    return `${pad(area, 3)}-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`;
  },
  gb: (r) => lettersFrom(r, 'ABCEGHJKLMNPRSTWXYZ', 1) + lettersFrom(r, 'ABCEGHJKLMNPRSTWXYZ', 1) + r.digits(6) + r.pick(['A', 'B', 'C', 'D']),
  es: (r) => { const n = r.int(10000000, 79999999); return String(n) + 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]; },
  nl: (r) => until(r, () => {
    const body = String(r.int(1, 7)) + r.digits(7);
    const c = weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    return c === 10 ? undefined : body + String(c);
  }),
  pl: (r, b) => {
    const month = Number(b.mm) + (b.year >= 2000 ? 20 : 0);
    const body = b.yy + pad(month, 2) + b.dd + r.digits(3) + String(r.int(0, 4) * 2 + (b.male ? 1 : 0));
    return body + String((10 - (weightedSum(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10);
  },
  ee: (r, b) => {
    const body = String(b.year >= 2000 ? (b.male ? 5 : 6) : b.male ? 3 : 4) + b.yy + b.mm + b.dd + r.digits(3);
    let c = weightedSum(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if (c === 10) c = weightedSum(body, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
    return body + String(c === 10 ? 0 : c);
  },
  fi: (r, b) => {
    const serial = pad(r.int(2, 899), 3);
    const n = Number(b.dd + b.mm + b.yy + serial);
    return `${b.dd}${b.mm}${b.yy}${b.year >= 2000 ? 'A' : '-'}${serial}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[n % 31]}`;
  },
  se: (r, b) => { const body = b.yy + b.mm + b.dd + r.digits(3); return `${body.slice(0, 6)}-${body.slice(6)}${luhnDigit(body)}`; },
  dk: (r, b) => `${b.dd}${b.mm}${b.yy}-${r.digits(3)}${r.int(0, 4) * 2 + (b.male ? 1 : 0)}`,
  be: (r, b) => {
    const body = b.yy + b.mm + b.dd + pad(r.int(1, 499) * 2 - (b.male ? 1 : 0), 3);
    const n = BigInt((b.year >= 2000 ? '2' : '') + body);
    return body + pad(97 - Number(n % 97n), 2);
  },
  ch: (r) => { const body = '756' + r.digits(9); let s = 0; for (let i = 0; i < 12; i++) s += Number(body[i]) * (i % 2 === 0 ? 1 : 3); const d = body + String((10 - (s % 10)) % 10); return `${d.slice(0, 3)}.${d.slice(3, 7)}.${d.slice(7, 11)}.${d.slice(11)}`; },
  de: (r) => {
    const body = lettersFrom(r, 'LMNPRTVWXY', 1) + lettersFrom(r, 'CFGHJKLMNPRTVWXYZ0123456789', 8);
    const w = [7, 3, 1];
    let s = 0;
    for (let i = 0; i < 9; i++) s += parseInt(body[i]!, 36) * w[i % 3]!;
    return body + String(s % 10);
  },
  fr: (r) => r.digits(12),
  it: (r) => 'C' + lettersFrom(r, 'ABCDEFGHJKLMNPRSTUVWXYZ', 1) + r.digits(5) + lettersFrom(r, 'ABCDEFGHJKLMNPRSTUVWXYZ', 2),
  gr: (r) => lettersFrom(r, 'ABEZHIKMNOPTYX', 2) + r.digits(6),
  cy: (r) => String(r.int(100000, 1400000)),
  pt: (r) => { const body = String(r.int(1, 3)) + r.digits(7); const rem = weightedSum(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11; return body + String(rem < 2 ? 0 : 11 - rem); },
  ie: (r) => { const body = r.digits(7); return body + 'WABCDEFGHIJKLMNOPQRSTUV'[weightedSum(body, [8, 7, 6, 5, 4, 3, 2]) % 23]; },
  mt: (r) => r.digits(7).replace(/^0/, '1') + r.pick(['M', 'G', 'A']),
  rs: (r, b) => until(r, () => {
    const body = b.dd + b.mm + b.yyyy.slice(1) + r.pick(['71', '72', '80', '85']) + pad(r.int(0, 499) + (b.male ? 0 : 500), 3);
    const d = body.split('').map(Number);
    const m = 11 - ((7 * (d[0]! + d[6]!) + 6 * (d[1]! + d[7]!) + 5 * (d[2]! + d[8]!) + 4 * (d[3]! + d[9]!) + 3 * (d[4]! + d[10]!) + 2 * (d[5]! + d[11]!)) % 11);
    return m > 9 ? (m === 11 ? body + '0' : undefined) : body + String(m);
  }),
  ge: (r) => r.pick(['01', '60', '61', '62']) + r.digits(9),
  am: (r) => r.digits(10).replace(/^0/, '3'),
  az: (r) => lettersFrom(r, '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 7),
  uz: (r, b) => String(b.male ? 3 : 4) + b.dd + b.mm + b.yy + r.digits(7),
  kg: (r, b) => String(b.male ? 2 : 1) + b.dd + b.mm + b.yyyy + r.digits(5),
  qa: (r, b) => '2' + b.yy + r.pick(['634', '356', '586', '818', '608']) + r.digits(5),
  pa: (r) => `${r.int(1, 9)}-${r.int(100, 999)}-${r.int(100, 9999)}`,
};

/**
 * A national identity number (id card, personal code, resident id) in the
 * country's shape. `birthDate` and `gender` are encoded where the number
 * carries them (China, Korea, Kazakhstan, Poland, the Nordics…). An unknown
 * country gets ten digits.
 */
export function makeNationalId(r: Random, country: string, opts: NationalIdOptions = {}): string {
  const make = NATIONAL_IDS[country];
  const birth = birthParts(r, opts);
  return make ? make(r, birth) : r.digits(10).replace(/^0/, '1');
}
