import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEntity } from '../../model/entity.ts';
import {
  applyRemarks,
  isValidLei,
  parseOfacDate,
  parseRemarkClause,
  parseRemarks,
  splitRemarks,
  type RemarkClause,
} from './remarks.ts';

/** The values a clause list proposes, as "prop=value" (first candidate property). */
function proposed(clauses: RemarkClause[]): string[] {
  return clauses.flatMap((c) => c.values.map((v) => `${v.props[0]}=${v.value}`));
}

/** Parse and apply to a fresh entity of `schema`; returns the entity's properties. */
function applied(schema: string, remarks: string): Record<string, string[]> {
  const entity = newEntity('t-1', schema);
  applyRemarks(entity, remarks, parseRemarks(remarks));
  return entity.properties;
}

test('parseOfacDate: the forms OFAC writes', () => {
  assert.deepEqual(parseOfacDate('10 Dec 1948'), ['1948-12-10']);
  assert.deepEqual(parseOfacDate('1 Apr 2003'), ['2003-04-01']);
  assert.deepEqual(parseOfacDate('Sep 1938'), ['1938-09']);
  assert.deepEqual(parseOfacDate('1946'), ['1946']);
  assert.deepEqual(parseOfacDate('circa 1951'), ['1951']);
  assert.deepEqual(parseOfacDate('circa 07 Jul 1966'), ['1966']);
  assert.deepEqual(parseOfacDate('1951 to 1953'), ['1951', '1953']);
  assert.deepEqual(parseOfacDate('01 Jan 1961 to 31 Dec 1962'), ['1961-01-01', '1962-12-31']);
  assert.deepEqual(parseOfacDate('Mar 1962 to Feb 1963'), ['1962-03', '1963-02']);
  assert.deepEqual(parseOfacDate('circa 1979-1982'), ['1979', '1982']);
  assert.equal(parseOfacDate('31 Feb 1960'), undefined);
  assert.equal(parseOfacDate('sometime in 1960'), undefined);
  assert.equal(parseOfacDate('10 Foo 1960'), undefined);
});

test('splitRemarks keeps abbreviation periods and drops sentence periods', () => {
  assert.deepEqual(splitRemarks("a.k.a. 'BNC'."), ["a.k.a. 'BNC'"]);
  assert.deepEqual(splitRemarks('DOB 1962; POB Shati.'), ['DOB 1962', 'POB Shati']);
  assert.deepEqual(
    splitRemarks('Aircraft Tail Number YV2851; Linked To: CONSORCIO VENEZOLANO DE INDUSTRIAS AERONAUTICAS Y SERVICIOS AEREOS, S.A.'),
    ['Aircraft Tail Number YV2851', 'Linked To: CONSORCIO VENEZOLANO DE INDUSTRIAS AERONAUTICAS Y SERVICIOS AEREOS, S.A.'],
  );
  assert.deepEqual(splitRemarks('Linked To: ANGLO-CARIBBEAN CO., LTD.'), ['Linked To: ANGLO-CARIBBEAN CO., LTD.']);
  assert.deepEqual(splitRemarks('possibly Palestinian;arrested 23 Apr 2002'), ['possibly Palestinian', 'arrested 23 Apr 2002']);
});

test('individual: DOB circa, nationality, a.k.a. (SDN 12023)', () => {
  const r = "DOB circa 1972; nationality Algeria; a.k.a. 'DJAAFAR ABOU MOHAMED'; a.k.a. 'ABOU MOUHADJI'.";
  const clauses = parseRemarks(r);
  assert.deepEqual(proposed(clauses), [
    'birthDate=1972',
    'nationality=Algeria',
    'alias=DJAAFAR ABOU MOHAMED',
    'alias=ABOU MOUHADJI',
  ]);
  const p = applied('Person', r);
  assert.deepEqual(p.birthDate, ['1972']);
  assert.deepEqual(p.nationality, ['dz']);
  assert.deepEqual(p.alias, ['DJAAFAR ABOU MOHAMED', 'ABOU MOUHADJI']);
  assert.deepEqual(p.notes, [r]);
});

test('individual: DOB range and POB with province (SDN 17765)', () => {
  const r = 'DOB 1970 to 1972; POB Dishu District, Helmand Province, Afghanistan; Maulawi.';
  const p = applied('Person', r);
  assert.deepEqual(p.birthDate, ['1970', '1972']);
  assert.deepEqual(p.birthPlace, ['Dishu District, Helmand Province, Afghanistan']);
  assert.deepEqual(p.birthCountry, ['af']);
  // "Maulawi" is an honorific no rule knows: it stays, as a note of its own.
  assert.deepEqual(p.notes, [r]); // unplaced clauses stay inside the full remarks
});

test('individual: DOB full-date range (SDN 15962)', () => {
  const r =
    'DOB 01 Jan 1961 to 31 Dec 1962; nationality Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Passport U14624657 (Iran); Finance Director, National Iranian Oil Company.';
  const p = applied('Person', r);
  assert.deepEqual(p.birthDate, ['1961-01-01', '1962-12-31']);
  assert.deepEqual(p.passportNumber, ['U14624657']);
  assert.ok(p.notes!.some((n) => n.includes('Additional Sanctions Information - Subject to Secondary Sanctions')));
  assert.ok(p.notes!.some((n) => n.includes('Finance Director, National Iranian Oil Company')));
});

test('individual: DOB month-year, Gender, National ID with words in it (SDN 23278)', () => {
  const r = 'DOB Mar 1964; nationality Burma; Gender Male; National ID No. Tatmadaw Kyee 19571 (Burma).';
  const clauses = parseRemarks(r);
  const id = clauses[3]!;
  assert.equal(id.kind, 'National ID No.');
  assert.equal(id.country, 'Burma');
  const p = applied('Person', r);
  assert.deepEqual(p.birthDate, ['1964-03']);
  assert.deepEqual(p.nationality, ['mm']);
  assert.deepEqual(p.gender, ['male']);
  assert.deepEqual(p.idNumber, ['Tatmadaw Kyee 19571']);
});

test('individual: passport keeps its issuing country and dates (SDN 15692)', () => {
  const r =
    'DOB 15 Sep 1978; POB Dammam, Saudi Arabia; Passport E126785 (Saudi Arabia) issued 27 May 2002 expires 03 Apr 2007; Interpol: Red Notice. File No. 2009/3599. March 24, 2009. Orange Notice. File No. 2009/52/OS/CCC. February 10, 2009.';
  const clauses = parseRemarks(r);
  const passport = clauses.find((c) => c.kind === 'Passport')!;
  assert.deepEqual(passport.values, [{ props: ['passportNumber'], value: 'E126785' }]);
  assert.equal(passport.country, 'Saudi Arabia');
  assert.equal(passport.issued, '2002-05-27');
  assert.equal(passport.expires, '2007-04-03');
  const interpol = clauses.at(-1)!;
  assert.equal(interpol.recognized, false);
  assert.equal(interpol.kind, 'Interpol');
  const p = applied('Person', r);
  assert.deepEqual(p.birthDate, ['1978-09-15']);
  assert.deepEqual(p.birthCountry, ['sa']);
  assert.deepEqual(p.passportNumber, ['E126785']);
});

test('individual: female, unrecognised position kept as a note (SDN 35490)', () => {
  const r =
    'DOB 13 Jan 1969; nationality Russia; Gender Female; Member of the State Duma of the Federal Assembly of the Russian Federation.';
  const p = applied('Person', r);
  assert.deepEqual(p.gender, ['female']);
  assert.deepEqual(p.nationality, ['ru']);
  assert.deepEqual(p.notes, [r]); // unplaced clauses stay inside the full remarks
});

test('vessel: IMO, MMSI, Linked To (SDN 37933)', () => {
  const r =
    'Vessel Registration Identification IMO 9294795; MMSI 626061000; Linked To: TRUONG PHAT LOC SHIPPING TRADING JOINT STOCK COMPANY.';
  const p = applied('Vessel', r);
  assert.deepEqual(p.imoNumber, ['IMO9294795']);
  assert.deepEqual(p.mmsi, ['626061000']);
  assert.deepEqual(p.notes, [r]); // unplaced clauses stay inside the full remarks
});

test('vessel: f.k.a. names and former flags (SDN 15082, 15729)', () => {
  const p = applied(
    'Vessel',
    "Additional Sanctions Information - Subject to Secondary Sanctions; Vessel Registration Identification IMO 9171450; f.k.a. 'SEMNAN'; f.k.a. 'CLOVE'; f.k.a. 'SPARROW'; Linked To: NATIONAL IRANIAN TANKER COMPANY.",
  );
  assert.deepEqual(p.previousName, ['SEMNAN', 'CLOVE', 'SPARROW']);
  assert.deepEqual(p.imoNumber, ['IMO9171450']);
  const q = applied(
    'Vessel',
    'Former Vessel Flag Panama; alt. Former Vessel Flag Mongolia; Additional Sanctions Information - Subject to Secondary Sanctions; Vessel Registration Identification IMO 9180281.',
  );
  assert.deepEqual(q.pastFlags, ['pa', 'mn']);
});

test('organization: website, email, registration numbers (SDN 13109)', () => {
  const r =
    'Website www.pouyaair.com; Email Address info@pouyaair.com; Additional Sanctions Information - Subject to Secondary Sanctions; Organization Type: Passenger air transport; National ID No. 10102315647 (Iran); Registration Number 189556 (Iran); Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE.';
  const p = applied('Organization', r);
  assert.deepEqual(p.website, ['http://www.pouyaair.com']);
  assert.deepEqual(p.email, ['info@pouyaair.com']);
  assert.deepEqual(p.idNumber, ['10102315647']);
  assert.deepEqual(p.registrationNumber, ['189556']);
  assert.ok(p.notes!.some((n) => n.includes('Organization Type: Passenger air transport')));
  assert.ok(p.notes!.some((n) => n.includes('Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE')));
});

test('organization: SWIFT/BIC, LEI, established date, tax id (SDN 40877)', () => {
  const r =
    'SWIFT/BIC UNEPRU8V; Website https://www.primbank.ru/; Organization Established Date 27 Jul 1994; Target Type Financial Institution; Tax ID No. 2536020789 (Russia); Legal Entity Number 25340019U0SFT4YC9G79 (Russia); Registration Number 1022500000566 (Russia).';
  const p = applied('Organization', r);
  assert.deepEqual(p.swiftBic, ['UNEPRU8V']);
  assert.deepEqual(p.website, ['https://www.primbank.ru/']);
  assert.deepEqual(p.incorporationDate, ['1994-07-27']);
  assert.deepEqual(p.taxNumber, ['2536020789']);
  assert.deepEqual(p.leiCode, ['25340019U0SFT4YC9G79']);
  assert.deepEqual(p.registrationNumber, ['1022500000566']);
  assert.ok(p.notes!.some((n) => n.includes('Target Type Financial Institution')));
});

test('organization: a "Legal Entity Number" that is not an LEI is a registration number', () => {
  assert.equal(isValidLei('25340019U0SFT4YC9G79'), true);
  assert.equal(isValidLei('25340019U0SFT4YC9G78'), false);
  const p = applied('Organization', 'Legal Entity Number 851683897 (Netherlands).');
  assert.equal(p.leiCode, undefined);
  assert.deepEqual(p.registrationNumber, ['851683897']);
});

test('organization: company IMO numbers (SDN 23510); birth data on an organization goes to notes', () => {
  // A company number does not carry the ship number's check digit: kept as a registration number.
  const p = applied('Organization', 'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Company Number IMO 5055293.');
  assert.equal(p.imoNumber, undefined);
  assert.deepEqual(p.registrationNumber, ['IMO5055293']);
  // One that passes the check goes to imoNumber, which Organization has.
  assert.deepEqual(applied('Organization', 'Identification Number IMO 9187629.').imoNumber, ['IMO9187629']);
  const q = applied('Organization', 'DOB 1962; Gender Male.');
  assert.equal(q.birthDate, undefined);
  assert.equal(q.gender, undefined);
  assert.deepEqual(q.notes, ['DOB 1962; Gender Male.']);
});

test('aircraft: model, serial number, tail number, Linked To ending in S.A. (SDN 28409)', () => {
  const r =
    "Aircraft Model ERJ190; Aircraft Manufacturer's Serial Number (MSN) 19000515; Aircraft Tail Number YV2851; Linked To: CONSORCIO VENEZOLANO DE INDUSTRIAS AERONAUTICAS Y SERVICIOS AEREOS, S.A.";
  const p = applied('Airplane', r);
  assert.deepEqual(p.model, ['ERJ190']);
  assert.deepEqual(p.serialNumber, ['19000515']);
  assert.deepEqual(p.registrationNumber, ['YV2851']);
  assert.ok(p.notes!.some((n) => n.includes('Linked To: CONSORCIO VENEZOLANO DE INDUSTRIAS AERONAUTICAS Y SERVICIOS AEREOS, S.A.')));
});

test('phones and contact forms (SDN 16835 and others)', () => {
  assert.deepEqual(parseRemarkClause('Telephone: 7812 3358979').values, [{ props: ['phone'], value: '7812 3358979' }]);
  assert.deepEqual(parseRemarkClause('alt. Phone Number 982188526301').values, [{ props: ['phone'], value: '982188526301' }]);
  assert.deepEqual(parseRemarkClause('Email:adelb@shabakah.net.sa').values, [{ props: ['email'], value: 'adelb@shabakah.net.sa' }]);
  assert.deepEqual(parseRemarkClause('http://www.sanabel.org.uk (website)').values, [
    { props: ['website'], value: 'http://www.sanabel.org.uk' },
  ]);
  assert.equal(parseRemarkClause('Fax: 0097282858208').values.length, 0);
  assert.deepEqual(parseRemarkClause('Website sb24.ir').values, [{ props: ['website'], value: 'http://sb24.ir' }]);
  // Not one dialable number / no domain: notes only.
  assert.equal(parseRemarkClause('PHONE 850 2 18111 ext. 8221').values.length, 0);
  assert.equal(parseRemarkClause('Email Address PRIYEMNAYA@YGDU').values.length, 0);
  assert.deepEqual(parseRemarkClause('Government Gazette Number 72426791').values, [{ props: ['okpoCode'], value: '72426791' }]);
});

test('identifier tails: qualifier before the country, glued check digits, prose is not an identifier', () => {
  const folio = parseRemarkClause('Folio Mercantil No. 22839 (Jalisco) (Mexico)');
  assert.deepEqual(folio.values, [{ props: ['registrationNumber'], value: '22839' }]);
  assert.equal(folio.country, 'Mexico');
  assert.equal(folio.qualifier, 'Jalisco');
  assert.deepEqual(parseRemarkClause('National ID No. D489833(9) (Hong Kong)').values, [{ props: ['idNumber'], value: 'D489833(9)' }]);
  const prose = parseRemarkClause("Passport OR801168 and Kuwaiti National ID No. 281020505755 issued under the name Said Jan 'Abd al-Salam");
  assert.equal(prose.values.length, 0);
  assert.equal(prose.recognized, false);
  const noNumber = parseRemarkClause('U.S.A. Passport issued 21 Jun 1992 in Amman, Jordan');
  assert.equal(noNumber.values.length, 0);
});

test('unresolvable nationality stays in notes, not in the country property', () => {
  const p = applied('Person', 'nationality Atlantis; citizen Mexico.');
  assert.equal(p.nationality, undefined);
  assert.deepEqual(p.citizenship, ['mx']);
  assert.ok(p.notes!.some((n) => n.includes('nationality Atlantis')));
});

test('a truncated remark does not yield a partial identifier', () => {
  const r = 'DOB 1970; Passport A12345';
  const clauses = parseRemarks(r, { truncated: true });
  assert.equal(clauses[1]!.kind, 'truncated');
  assert.deepEqual(proposed(clauses), ['birthDate=1970']);
});
