import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { LISTS, REPO_ROOT } from '../../test/support/paths.ts';
import { isSextantError } from '../errors.ts';
import type { PaymentEvent } from '../model/events.ts';
import { describeInput, detectReader } from './index.ts';
import { MAX_ELEMENT_CHARS, pacs008Reader } from './pacs008.ts';
import type { EventItem, ReadItem, RejectItem } from './types.ts';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'pacs008');
const tmp = mkdtempSync(join(tmpdir(), 'sextant-pacs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const IBAN_DE = 'DE89370400440532013000';
const IBAN_GB = 'GB29NWBK60161331926819';
const NS = (version: string): string => `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.${version}`;

/** The parts of a good transaction, in schema order; a test overrides or removes ('') some. */
const GOOD = {
  PmtId: '<PmtId><EndToEndId>E2E-1</EndToEndId><TxId>TX1</TxId></PmtId>',
  IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EUR">1500.00</IntrBkSttlmAmt>',
  IntrBkSttlmDt: '<IntrBkSttlmDt>2024-03-01</IntrBkSttlmDt>',
  AccptncDtTm: '',
  ChrgBr: '<ChrgBr>SHAR</ChrgBr>',
  Dbtr: '<Dbtr><Nm>Alpha Trading GmbH</Nm><PstlAdr><Ctry>DE</Ctry></PstlAdr></Dbtr>',
  DbtrAcct: `<DbtrAcct><Id><IBAN>${IBAN_DE}</IBAN></Id></DbtrAcct>`,
  DbtrAgt: '<DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>',
  CdtrAgt: '<CdtrAgt><FinInstnId><BICFI>NWBKGB2L</BICFI></FinInstnId></CdtrAgt>',
  Cdtr: '<Cdtr><Nm>Beta Ltd</Nm><PstlAdr><Ctry>GB</Ctry></PstlAdr></Cdtr>',
  CdtrAcct: `<CdtrAcct><Id><IBAN>${IBAN_GB}</IBAN></Id></CdtrAcct>`,
  Purp: '',
  RmtInf: '<RmtInf><Ustrd>Invoice 42</Ustrd></RmtInf>',
};
type Part = keyof typeof GOOD;

/** A transaction over several lines; `id` sets its TxId (and EndToEndId). */
function tx(over: Partial<Record<Part, string>> = {}, id?: string): string {
  const parts: Record<Part, string> = { ...GOOD, ...(id ? { PmtId: `<PmtId><EndToEndId>E2E-${id}</EndToEndId><TxId>${id}</TxId></PmtId>` } : {}), ...over };
  return `<CdtTrfTxInf>\n${Object.values(parts)
    .filter((p) => p !== '')
    .map((p) => `  ${p}`)
    .join('\n')}\n</CdtTrfTxInf>`;
}

const GROUP = (nb: number, extra = ''): string =>
  `<GrpHdr>\n  <MsgId>MSG-1</MsgId>\n  <CreDtTm>2024-03-01T09:00:00Z</CreDtTm>\n  <NbOfTxs>${nb}</NbOfTxs>${extra}\n  <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>\n</GrpHdr>`;

/** A Document holding the transactions. */
function message(txs: string[], opts: { version?: string; group?: string; xmlns?: string } = {}): string {
  const ns = opts.xmlns ?? ` xmlns="${NS(opts.version ?? '08')}"`;
  return `<Document${ns}>\n<FIToFICstmrCdtTrf>\n${opts.group ?? GROUP(txs.length)}\n${txs.join('\n')}\n</FIToFICstmrCdtTrf>\n</Document>\n`;
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

function fixture(text: string | Buffer, ext = 'xml'): string {
  const path = join(tmp, `pacs${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

async function read(path: string): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of pacs008Reader.read(await describeInput(path), { dataset: 'pacs' })) items.push(item);
  return items;
}

const events = (items: ReadItem[]) => items.filter((i): i is EventItem => i.kind === 'event');
const rejects = (items: ReadItem[]) => items.filter((i): i is RejectItem => i.kind === 'reject');
const payment = (item: EventItem) => item.event as PaymentEvent;
const payments = (items: ReadItem[]) => events(items).map(payment);

/** The 1-based lines on which a CdtTrfTxInf (any prefix) starts. */
function txLines(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/<(?:[\w.-]+:)?CdtTrfTxInf[\s>]/g)) out.push(text.slice(0, m.index).split('\n').length);
  return out;
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return text.slice(0, i).split('\n').length;
}

describe('pacs.008 reader: the fixtures', () => {
  test('a batch of three with a Business Application Header (.001.08): every column, and extra', async () => {
    const path = join(FIXTURES, 'batch_bah_v08.xml');
    const text = readFileSync(path, 'utf8');
    const items = await read(path);
    assert.deepEqual(
      items.map((i) => [i.kind, i.line]),
      txLines(text).map((l) => ['event', l]),
    );
    assert.deepEqual(txLines(text), [51, 171, 216]);
    for (const item of events(items)) assert.deepEqual(item.issues, []);
    const [first, second, third] = events(items);
    assert.equal(first!.record, '8a562c67-ca16-48ba-b074-65581be6f001');
    assert.deepEqual(payment(first!), {
      type: 'payment',
      txn_id: '8a562c67-ca16-48ba-b074-65581be6f001',
      // Settled the day after the message was created: the settlement date, not CreDtTm.
      ts: '2024-03-06T00:00:00.000Z',
      amount: '125000.00',
      currency: 'EUR',
      originator_account: IBAN_GB,
      originator_name: 'Northwind Components Ltd',
      originator_bank: 'NWBKGB2L',
      originator_country: 'gb',
      beneficiary_account: IBAN_DE,
      beneficiary_name: 'Kessler Maschinenbau GmbH',
      beneficiary_bank: 'DEUTDEFF',
      beneficiary_country: 'de',
      purpose: 'GDDS',
      reference: 'KM-2024-0117',
      extra: {
        message_definition: 'pacs.008.001.08',
        txn_id_source: 'PmtId/UETR',
        ts_source: 'IntrBkSttlmDt',
        originator_country_source: 'Dbtr/PstlAdr/Ctry',
        beneficiary_country_source: 'Cdtr/PstlAdr/Ctry',
        'PmtId/InstrId': 'NWBK/240305/0001',
        'PmtId/EndToEndId': 'INV-2024-0117',
        'PmtId/TxId': 'NWBK240305TX0001',
        'PmtTpInf/SvcLvl/Cd': 'G001',
        'PmtTpInf/CtgyPurp/Cd': 'SUPP',
        InstdAmt: '107000.00',
        'InstdAmt/@Ccy': 'GBP',
        XchgRate: '1.1682',
        ChrgBr: 'SHAR',
        'InstgAgt/FinInstnId/BICFI': 'NWBKGB2L',
        'InstdAgt/FinInstnId/BICFI': 'DEUTDEFF',
        'IntrmyAgt1/FinInstnId/BICFI': 'COBADEFF',
        'UltmtDbtr/Nm': 'Northwind Holdings Ltd',
        'UltmtDbtr/PstlAdr/TwnNm': 'Douglas',
        'UltmtDbtr/PstlAdr/Ctry': 'IM',
        'Dbtr/PstlAdr/StrtNm': 'Harbour Road',
        'Dbtr/PstlAdr/BldgNb': '12',
        'Dbtr/PstlAdr/PstCd': 'E14 5AB',
        'Dbtr/PstlAdr/TwnNm': 'London',
        'Dbtr/Id/OrgId/Othr/Id': 'GB000111222',
        'Dbtr/Id/OrgId/Othr/SchmeNm/Cd': 'TXID',
        'Cdtr/PstlAdr/StrtNm': 'Am Sandtorkai',
        'Cdtr/PstlAdr/BldgNb': '4',
        'Cdtr/PstlAdr/PstCd': '20457',
        'Cdtr/PstlAdr/TwnNm': 'Hamburg',
        'UltmtCdtr/Nm': 'Kessler Export GmbH',
        'RmtInf/Strd/RfrdDocInf/Tp/CdOrPrtry/Cd': 'CINV',
        'RmtInf/Strd/RfrdDocInf/RltdDt': '2024-02-20',
        'RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry/Cd': 'SCOR',
        'RmtInf/Strd/CdtrRefInf/Ref': 'RF18539007547034',
        'GrpHdr/MsgId': 'NWBK20240305-0001',
        'GrpHdr/CreDtTm': '2024-03-05T09:30:47+01:00',
        'GrpHdr/SttlmInf/SttlmMtd': 'INDA',
        'AppHdr/Fr/FIId/FinInstnId/BICFI': 'NWBKGB2LXXX',
        'AppHdr/To/FIId/FinInstnId/BICFI': 'DEUTDEFFXXX',
        'AppHdr/BizMsgIdr': 'NWBK20240305-0001',
        'AppHdr/MsgDefIdr': 'pacs.008.001.08',
        'AppHdr/BizSvc': 'swift.cbprplus.02',
        'AppHdr/CreDt': '2024-03-05T09:30:47+01:00',
      },
    });
    const p2 = payment(second!);
    assert.deepEqual(
      [p2.txn_id, p2.ts, p2.amount, p2.currency, p2.originator_name, p2.originator_country, p2.beneficiary_account, p2.beneficiary_name, p2.beneficiary_country, p2.purpose, p2.reference],
      [
        'NWBK240305TX0002',
        '2024-03-05T07:12:03.250Z',
        '48250.50',
        'CHF',
        'Alder & Finch LLP',
        'gb',
        'CH9300762011623852957',
        'Helvetia Präzision AG',
        'ch',
        'Invoice 2024/311 precision bearings Order PO-7781 partial shipment',
        null,
      ],
    );
    assert.deepEqual(
      [p2.extra!.txn_id_source, p2.extra!.ts_source, p2.extra!.originator_country_source, p2.extra!['PmtId/EndToEndId'], p2.extra!['Dbtr/PstlAdr/AdrLine[2]'], p2.extra!['IntrBkSttlmDt']],
      ['PmtId/TxId', 'AccptncDtTm', 'DbtrAcct/Id/IBAN (IBAN country)', 'NOTPROVIDED', 'Manchester M1 3HE', '2024-03-05'],
    );
    assert.equal(p2.extra!['RmtInf/Ustrd[1]'], undefined, 'the remittance lines went into purpose');
    const p3 = payment(third!);
    assert.deepEqual(
      [p3.txn_id, p3.ts, p3.originator_account, p3.originator_country, p3.beneficiary_account, p3.beneficiary_bank, p3.beneficiary_country, p3.purpose],
      ['LIS-PO-55120', '2024-03-05T08:30:47.000Z', '0012345678', 'gb', '7712340098', 'BOFAUS3N', 'us', '/INV/LIS-88412 20240301'],
    );
    assert.deepEqual(
      [p3.extra!.txn_id_source, p3.extra!.ts_source, p3.extra!.beneficiary_country_source, p3.extra!['IntrmyAgt2/FinInstnId/ClrSysMmbId/MmbId'], p3.extra!['UltmtCdtr/Nm'], p3.extra!.ChrgBr, p3.extra!['GrpHdr/CreDtTm']],
      ['PmtId/EndToEndId', 'GrpHdr/CreDtTm', 'CdtrAgt/FinInstnId/BICFI (BIC country)', '026009593', 'Lakeshore Holdings LLC', 'CRED', undefined],
    );
  });

  test('a bad IBAN and a missing amount among good transactions (.001.10, prefixed): the good ones are kept', async () => {
    const path = join(FIXTURES, 'bad_among_good_v10.xml');
    const items = await read(path);
    assert.deepEqual(
      events(items).map((i) => [i.line, i.record]),
      [
        [36, 'BNP20240412TX0001'],
        [147, 'BNP20240412TX0004'],
      ],
    );
    assert.deepEqual(
      rejects(items).map((r) => ({ ...r })),
      [
        {
          kind: 'reject',
          file: path,
          line: 78,
          field: 'CdtTrfTxInf[2]/DbtrAcct/Id/IBAN',
          reason: 'IBAN DE89370400440532013001 fails its checksum (ISO 7064 MOD 97-10)',
          record: 'BNP20240412TX0002',
        },
        { kind: 'reject', file: path, line: 113, field: 'CdtTrfTxInf[3]/IntrBkSttlmAmt', reason: 'IntrBkSttlmAmt is required', record: 'BNP20240412TX0003' },
      ],
    );
    const last = payments(items)[1]!;
    assert.equal(last.reference, 'ADS-2024-0098');
    assert.equal(last.extra!.message_definition, 'pacs.008.001.10');
    assert.equal(last.extra!['GrpHdr/SttlmInf/ClrSys/Prtry'], 'ST2');
    assert.equal(last.extra!['GrpHdr/NbOfTxs'], undefined, 'message totals are not a payment’s');
    assert.equal(last.extra!['GrpHdr/TtlIntrBkSttlmAmt'], undefined);
  });

  test('a file that is not pacs.008 (a pain.001 with CdtTrfTxInf, JSON, the UN list) is refused, naming the file', async () => {
    const cases: Array<[string, RegExp]> = [
      [join(FIXTURES, 'not_pacs_pain001.xml'), /root element is <Document> in namespace urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.09/],
      [join(REPO_ROOT, 'package.json'), /not XML/],
      [join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml'), /<CONSOLIDATED_LIST>/],
      [fixture(''), /not XML/],
      [fixture(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<\0D\0o\0c\0')])), /UTF-16/],
    ];
    for (const [path, why] of cases) {
      await assert.rejects(read(path), (err: unknown) => {
        assert.ok(isSextantError(err));
        assert.equal(err.code, 'validation_failed');
        assert.ok(err.message.startsWith(`${path}: not an ISO 20022 pacs.008 message`), err.message);
        assert.match(err.message, why);
        return true;
      });
    }
  });

  test('a directory or a missing file is an io_error', async () => {
    await assert.rejects(read(join(tmp, 'missing.xml')), (err: unknown) => isSextantError(err) && err.code === 'io_error');
  });
});

describe('pacs.008 reader: mapping', () => {
  test('the transaction id: UETR (lower-cased), else TxId, else EndToEndId; a bad UETR is dropped and reported', async () => {
    const text = message([
      tx({ PmtId: '<PmtId><EndToEndId>E1</EndToEndId><TxId>T1</TxId><UETR>8A562C67-CA16-48BA-B074-65581BE6F001</UETR></PmtId>' }),
      tx({ PmtId: '<PmtId><EndToEndId>E2</EndToEndId><TxId>T2</TxId><UETR>not-a-uuid</UETR></PmtId>' }),
      tx({ PmtId: '<PmtId><InstrId>I3</InstrId><EndToEndId>E3</EndToEndId></PmtId>' }),
      tx({ PmtId: '<PmtId><EndToEndId>E4</EndToEndId><TxId>NOTPROVIDED</TxId></PmtId>' }),
    ]);
    const items = await read(fixture(text));
    assert.deepEqual(
      payments(items).map((p) => [p.txn_id, p.extra!.txn_id_source]),
      [
        ['8a562c67-ca16-48ba-b074-65581be6f001', 'PmtId/UETR'],
        ['T2', 'PmtId/TxId'],
        ['E3', 'PmtId/EndToEndId'],
        ['E4', 'PmtId/EndToEndId'],
      ],
    );
    assert.deepEqual(
      events(items).map((e) => e.record),
      ['8a562c67-ca16-48ba-b074-65581be6f001', 'T2', 'E3', 'E4'],
    );
    const [first, second, third] = payments(items);
    assert.deepEqual([first!.extra!['PmtId/TxId'], first!.extra!['PmtId/EndToEndId'], first!.extra!['PmtId/UETR']], ['T1', 'E1', undefined]);
    assert.equal(third!.extra!['PmtId/InstrId'], 'I3');
    assert.equal(second!.extra!['PmtId/UETR'], 'not-a-uuid');
    assert.deepEqual(
      events(items)[1]!.issues.map((i) => [i.field, i.value]),
      [['CdtTrfTxInf[2]/PmtId/UETR', 'not-a-uuid']],
    );
  });

  test('the time: AccptncDtTm, else CreDtTm on the settlement day, else the settlement date (own, then the group’s) at midnight UTC', async () => {
    const group = (creDtTm: string, settle = '') =>
      `<GrpHdr><MsgId>M</MsgId>${creDtTm ? `<CreDtTm>${creDtTm}</CreDtTm>` : ''}<NbOfTxs>1</NbOfTxs>${settle ? `<IntrBkSttlmDt>${settle}</IntrBkSttlmDt>` : ''}<SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>`;
    const cases: Array<[string, string, Partial<Record<Part, string>>, string, string]> = [
      ['acceptance time wins', group('2024-03-01T09:00:00Z'), { AccptncDtTm: '<AccptncDtTm>2024-03-01T08:15:30.5+02:00</AccptncDtTm>' }, '2024-03-01T06:15:30.500Z', 'AccptncDtTm'],
      ['creation time on the settlement day', group('2024-03-01T09:00:00+01:00'), {}, '2024-03-01T08:00:00.000Z', 'GrpHdr/CreDtTm'],
      ['created on another day: the settlement date', group('2024-02-28T17:00:00Z'), {}, '2024-03-01T00:00:00.000Z', 'IntrBkSttlmDt'],
      ['the group’s settlement date', group('2024-02-28T17:00:00Z', '2024-03-04'), { IntrBkSttlmDt: '' }, '2024-03-04T00:00:00.000Z', 'GrpHdr/IntrBkSttlmDt'],
      ['no settlement date at all', group('2024-02-28T17:00:00Z'), { IntrBkSttlmDt: '' }, '2024-02-28T17:00:00.000Z', 'GrpHdr/CreDtTm'],
      ['acceptance time without offset: dropped', group('2024-02-28T17:00:00Z'), { AccptncDtTm: '<AccptncDtTm>2024-03-01T08:15:30</AccptncDtTm>' }, '2024-03-01T00:00:00.000Z', 'IntrBkSttlmDt'],
      ['creation time without offset: dropped', group('2024-03-01T09:00:00'), {}, '2024-03-01T00:00:00.000Z', 'IntrBkSttlmDt'],
    ];
    for (const [label, grp, over, ts, source] of cases) {
      const items = await read(fixture(message([tx(over)], { group: grp })));
      const [p] = payments(items);
      assert.ok(p, `${label}: ${JSON.stringify(items)}`);
      assert.deepEqual([p.ts, p.extra!.ts_source], [ts, source], label);
    }
    const dropped = events(await read(fixture(message([tx({ AccptncDtTm: '<AccptncDtTm>2024-03-01T08:15:30</AccptncDtTm>' })], { group: group('2024-03-01T09:00:00') }))))[0]!;
    assert.deepEqual(
      dropped.issues.map((i) => [i.field, i.value]),
      [
        ['CdtTrfTxInf[1]/AccptncDtTm', '2024-03-01T08:15:30'],
        ['GrpHdr/CreDtTm', '2024-03-01T09:00:00'],
      ],
    );
    assert.match(dropped.issues[0]!.reason, /no UTC offset/);
  });

  test('countries: the postal address, else the IBAN’s country, else the agent BIC’s; bad values dropped and reported', async () => {
    const text = message([
      tx({}, 'addr'),
      tx({ Dbtr: '<Dbtr><Nm>A</Nm></Dbtr>', Cdtr: '<Cdtr><Nm>B</Nm><PstlAdr><Ctry>Atlantis</Ctry></PstlAdr></Cdtr>' }, 'iban'),
      tx(
        {
          Dbtr: '<Dbtr><Nm>A</Nm></Dbtr>',
          DbtrAcct: '<DbtrAcct><Id><Othr><Id>0012-3456789</Id></Othr></Id></DbtrAcct>',
          Cdtr: '<Cdtr><Nm>B</Nm></Cdtr>',
          CdtrAcct: '<CdtrAcct><Id><Othr><Id>US12345678901234</Id></Othr></Id></CdtrAcct>',
          CdtrAgt: '<CdtrAgt><FinInstnId><BIC>BOFAUS3N</BIC></FinInstnId></CdtrAgt>',
        },
        'bic',
      ),
      tx(
        {
          Dbtr: '<Dbtr><Nm>A</Nm></Dbtr>',
          DbtrAcct: `<DbtrAcct><Id><Othr><Id>${IBAN_DE}</Id></Othr></Id></DbtrAcct>`,
          DbtrAgt: '<DbtrAgt><FinInstnId><BICFI>NOTABIC</BICFI></FinInstnId></DbtrAgt>',
          Cdtr: '<Cdtr><Nm>B</Nm></Cdtr>',
          CdtrAcct: '<CdtrAcct><Id><Othr><Id>77-1234</Id></Othr></Id></CdtrAcct>',
          CdtrAgt: '<CdtrAgt><FinInstnId><ClrSysMmbId><MmbId>026009593</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>',
        },
        'none',
      ),
    ]);
    const items = await read(fixture(text));
    assert.deepEqual(
      payments(items).map((p) => [p.txn_id, p.originator_country, p.extra!.originator_country_source ?? null, p.beneficiary_country, p.extra!.beneficiary_country_source ?? null]),
      [
        ['addr', 'de', 'Dbtr/PstlAdr/Ctry', 'gb', 'Cdtr/PstlAdr/Ctry'],
        ['iban', 'de', 'DbtrAcct/Id/IBAN (IBAN country)', 'gb', 'CdtrAcct/Id/IBAN (IBAN country)'],
        ['bic', 'de', 'DbtrAgt/FinInstnId/BICFI (BIC country)', 'us', 'CdtrAgt/FinInstnId/BIC (BIC country)'],
        ['none', 'de', 'DbtrAcct/Id/Othr/Id (IBAN country)', null, null],
      ],
    );
    const [, iban, bic, none] = events(items);
    assert.deepEqual(
      iban!.issues.map((i) => [i.field, i.value]),
      [['CdtTrfTxInf[2]/Cdtr/PstlAdr/Ctry', 'Atlantis']],
    );
    assert.deepEqual(
      [payment(bic!).originator_account, payment(bic!).beneficiary_account, payment(bic!).beneficiary_bank],
      ['0012-3456789', 'US12345678901234', 'BOFAUS3N'],
      'local account numbers as written; the old BIC element of .001.02 is read',
    );
    assert.deepEqual(
      [payment(none!).originator_account, payment(none!).originator_bank, payment(none!).beneficiary_bank, payment(none!).extra!['CdtrAgt/FinInstnId/ClrSysMmbId/MmbId']],
      [IBAN_DE, null, null, '026009593'],
    );
    assert.deepEqual(
      none!.issues.map((i) => [i.field, i.value]),
      [['CdtTrfTxInf[4]/DbtrAgt/FinInstnId/BICFI', 'NOTABIC']],
    );
    assert.match(none!.issues[0]!.reason, /BIC/);
  });

  test('purpose is the remittance text (else the purpose code), reference the invoice number (else the creditor reference)', async () => {
    const text = message([
      tx({ RmtInf: '<RmtInf><Ustrd>Invoice 42</Ustrd><Ustrd> part  two </Ustrd></RmtInf>', Purp: '<Purp><Cd>GDDS</Cd></Purp>' }, 'ustrd'),
      tx({ RmtInf: '<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf>', Purp: '<Purp><Cd>SUPP</Cd></Purp>' }, 'cdtrref'),
      tx(
        {
          RmtInf:
            '<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd><Strd><RfrdDocInf><Nb>INV-42</Nb></RfrdDocInf><RfrdDocInf><Nb>INV-43</Nb></RfrdDocInf></Strd></RmtInf>',
        },
        'invoice',
      ),
      tx({ RmtInf: '', Purp: '<Purp><Prtry>TRADE</Prtry></Purp>' }, 'prtry'),
    ]);
    const items = await read(fixture(text));
    assert.deepEqual(
      payments(items).map((p) => [p.txn_id, p.purpose, p.reference]),
      [
        ['ustrd', 'Invoice 42 part two', null],
        ['cdtrref', 'SUPP', 'RF18539007547034'],
        ['invoice', null, 'INV-42'],
        ['prtry', 'TRADE', null],
      ],
    );
    const [ustrd, cdtrref, invoice] = payments(items);
    assert.equal(ustrd!.extra!['Purp/Cd'], 'GDDS', 'a purpose code not used as purpose stays in extra');
    assert.equal(cdtrref!.extra!['Purp/Cd'], undefined);
    assert.deepEqual(
      [invoice!.extra!['RmtInf/Strd[1]/CdtrRefInf/Ref'], invoice!.extra!['RmtInf/Strd[2]/RfrdDocInf[2]/Nb'], invoice!.extra!['RmtInf/Strd[2]/RfrdDocInf[1]/Nb']],
      ['RF18539007547034', 'INV-43', undefined],
    );
  });

  test('extra: agents, ultimate parties, charges, amounts as instructed, by their paths; SplmtryData is not kept', async () => {
    const text = message([
      tx({
        ChrgBr:
          '<InstdAmt Ccy="GBP">1280.00</InstdAmt><XchgRate>1.171875</XchgRate><ChrgBr>DEBT</ChrgBr>' +
          '<ChrgsInf><Amt Ccy="EUR">12.50</Amt><Agt><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></Agt></ChrgsInf>' +
          '<PrvsInstgAgt1><FinInstnId><BICFI>EBILAEAD</BICFI></FinInstnId></PrvsInstgAgt1>' +
          '<IntrmyAgt1><FinInstnId><BICFI>COBADEFF</BICFI></FinInstnId></IntrmyAgt1>' +
          '<IntrmyAgt2><FinInstnId><BICFI>TCZBTR2A</BICFI><Nm>Second Intermediary</Nm></FinInstnId></IntrmyAgt2>' +
          '<UltmtDbtr><Nm>Gamma Holdings FZE</Nm><PstlAdr><Ctry>AE</Ctry></PstlAdr></UltmtDbtr>' +
          '<InitgPty><Nm>Gamma Treasury</Nm></InitgPty>',
        Cdtr: '<Cdtr><Nm>Beta Ltd</Nm><PstlAdr><Ctry>GB</Ctry></PstlAdr></Cdtr>',
        CdtrAcct: `<CdtrAcct><Id><IBAN>${IBAN_GB}</IBAN></Id></CdtrAcct><UltmtCdtr><Nm>Delta LLC</Nm><Id><OrgId><AnyBIC>DELTRUMM</AnyBIC></OrgId></Id></UltmtCdtr>`,
        RmtInf: '<RmtInf><Ustrd>x</Ustrd></RmtInf><SplmtryData><Envlp><Any>secret blob</Any></Envlp></SplmtryData>',
      }),
    ]);
    const [p] = payments(await read(fixture(text)));
    assert.ok(p);
    assert.deepEqual(
      Object.fromEntries(
        [
          'InstdAmt',
          'InstdAmt/@Ccy',
          'XchgRate',
          'ChrgBr',
          'ChrgsInf/Amt',
          'ChrgsInf/Amt/@Ccy',
          'ChrgsInf/Agt/FinInstnId/BICFI',
          'PrvsInstgAgt1/FinInstnId/BICFI',
          'IntrmyAgt1/FinInstnId/BICFI',
          'IntrmyAgt2/FinInstnId/BICFI',
          'IntrmyAgt2/FinInstnId/Nm',
          'UltmtDbtr/Nm',
          'UltmtDbtr/PstlAdr/Ctry',
          'InitgPty/Nm',
          'UltmtCdtr/Nm',
          'UltmtCdtr/Id/OrgId/AnyBIC',
          'GrpHdr/MsgId',
        ].map((k) => [k, p.extra![k]]),
      ),
      {
        InstdAmt: '1280.00',
        'InstdAmt/@Ccy': 'GBP',
        XchgRate: '1.171875',
        ChrgBr: 'DEBT',
        'ChrgsInf/Amt': '12.50',
        'ChrgsInf/Amt/@Ccy': 'EUR',
        'ChrgsInf/Agt/FinInstnId/BICFI': 'COBADEFF',
        'PrvsInstgAgt1/FinInstnId/BICFI': 'EBILAEAD',
        'IntrmyAgt1/FinInstnId/BICFI': 'COBADEFF',
        'IntrmyAgt2/FinInstnId/BICFI': 'TCZBTR2A',
        'IntrmyAgt2/FinInstnId/Nm': 'Second Intermediary',
        'UltmtDbtr/Nm': 'Gamma Holdings FZE',
        'UltmtDbtr/PstlAdr/Ctry': 'AE',
        'InitgPty/Nm': 'Gamma Treasury',
        'UltmtCdtr/Nm': 'Delta LLC',
        'UltmtCdtr/Id/OrgId/AnyBIC': 'DELTRUMM',
        'GrpHdr/MsgId': 'MSG-1',
      },
    );
    assert.ok(!Object.keys(p.extra!).some((k) => k.startsWith('SplmtryData')));
    // What went into a column is not repeated in extra.
    for (const k of ['IntrBkSttlmAmt', 'IntrBkSttlmAmt/@Ccy', 'Dbtr/Nm', 'Dbtr/PstlAdr/Ctry', 'DbtrAcct/Id/IBAN', 'DbtrAgt/FinInstnId/BICFI', 'PmtId/TxId', 'RmtInf/Ustrd', 'GrpHdr/CreDtTm']) {
      assert.equal(p.extra![k], undefined, k);
    }
  });

  test('names and text: entities and character references decoded, UTF-8 kept, whitespace collapsed', async () => {
    const text = DECL + message([tx({ Dbtr: '<Dbtr><Nm>  Société   Générale &amp; Fils\n  &#x2013; Est &lt;1&gt; </Nm></Dbtr>' })]);
    const [p] = payments(await read(fixture(text)));
    assert.equal(p!.originator_name, 'Société Générale & Fils – Est <1>');
  });
});

describe('pacs.008 reader: rejections', () => {
  test('each bad required value refuses its transaction, naming its line and path; the neighbours are kept', async () => {
    const bad: Array<[string, Partial<Record<Part, string>>, RegExp]> = [
      ['PmtId', { PmtId: '<PmtId><EndToEndId>NOTPROVIDED</EndToEndId></PmtId>' }, /no transaction id/],
      ['IntrBkSttlmAmt', { IntrBkSttlmAmt: '' }, /IntrBkSttlmAmt is required/],
      ['IntrBkSttlmAmt', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EUR"></IntrBkSttlmAmt>' }, /IntrBkSttlmAmt is required/],
      ['IntrBkSttlmAmt', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EUR">-5.00</IntrBkSttlmAmt>' }, /negative/],
      ['IntrBkSttlmAmt', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EUR">0.00</IntrBkSttlmAmt>' }, /must be positive/],
      ['IntrBkSttlmAmt', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EUR">1,500.00</IntrBkSttlmAmt>' }, /not a decimal/],
      ['IntrBkSttlmAmt/@Ccy', { IntrBkSttlmAmt: '<IntrBkSttlmAmt>1500.00</IntrBkSttlmAmt>' }, /no Ccy/],
      ['IntrBkSttlmAmt/@Ccy', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="EURO">1500.00</IntrBkSttlmAmt>' }, /ISO 4217/],
      ['IntrBkSttlmAmt/@Ccy', { IntrBkSttlmAmt: '<IntrBkSttlmAmt Ccy="XXX">1500.00</IntrBkSttlmAmt>' }, /ISO 4217/],
      ['IntrBkSttlmDt', { IntrBkSttlmDt: '<IntrBkSttlmDt>2024-02-30</IntrBkSttlmDt>' }, /day 30 does not exist/],
      ['IntrBkSttlmDt', { IntrBkSttlmDt: '<IntrBkSttlmDt>01/03/2024</IntrBkSttlmDt>' }, /not an ISO date/],
      ['AccptncDtTm', { AccptncDtTm: '<AccptncDtTm>yesterday</AccptncDtTm>' }, /not an ISO 8601 timestamp/],
      ['DbtrAcct/Id/IBAN', { DbtrAcct: '<DbtrAcct><Id><IBAN>DE89370400440532013001</IBAN></Id></DbtrAcct>' }, /checksum/],
      ['CdtrAcct/Id/IBAN', { CdtrAcct: '<CdtrAcct><Id><IBAN>GB29NWBK6016133192681</IBAN></Id></CdtrAcct>' }, /IBAN GB29NWBK6016133192681/],
      ['CdtrAcct/Id/IBAN', { CdtrAcct: '<CdtrAcct><Id><IBAN>12345678</IBAN></Id></CdtrAcct>' }, /IBAN 12345678/],
      ['DbtrAcct/Id/Othr/Id', { DbtrAcct: '<DbtrAcct><Id><Othr><Id>DE89 3704 0044 0532 0130 01</Id></Othr></Id></DbtrAcct>' }, /checksum/],
      ['DbtrAcct/Id', { DbtrAcct: '' }, /DbtrAcct\/Id \(IBAN or Othr\/Id\) is required/],
      ['CdtrAcct/Id', { CdtrAcct: '<CdtrAcct><Nm>no id</Nm></CdtrAcct>' }, /CdtrAcct\/Id \(IBAN or Othr\/Id\) is required/],
    ];
    const txs = [tx({}, 'first'), ...bad.map(([, over], i) => tx(over, `bad${i}`)), tx({}, 'last')];
    const text = message(txs);
    const items = await read(fixture(text));
    const lines = txLines(text);
    assert.deepEqual(
      events(items).map((i) => [i.record, i.line]),
      [
        ['first', lines[0]],
        ['last', lines.at(-1)],
      ],
    );
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field, r.record]),
      bad.map(([field], i) => [lines[i + 1], `CdtTrfTxInf[${i + 2}]/${field}`, i === 0 ? undefined : `bad${i}`]),
    );
    rejects(items).forEach((r, i) => assert.match(r.reason, bad[i]![2], `${r.field}: ${r.reason}`));
  });

  test('no usable time at all refuses the transaction', async () => {
    const group = '<GrpHdr><MsgId>M</MsgId><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>';
    const items = await read(fixture(message([tx({ IntrBkSttlmDt: '' }, 'T')], { group })));
    assert.deepEqual(
      rejects(items).map((r) => [r.field, r.record]),
      [['CdtTrfTxInf[1]/IntrBkSttlmDt', 'T']],
    );
    assert.match(rejects(items)[0]!.reason, /no time for the payment/);
    const badGroupDate = await read(
      fixture(message([tx({ IntrBkSttlmDt: '' }, 'T')], { group: '<GrpHdr><MsgId>M</MsgId><NbOfTxs>1</NbOfTxs><IntrBkSttlmDt>2024-13-01</IntrBkSttlmDt></GrpHdr>' })),
    );
    assert.deepEqual(
      rejects(badGroupDate).map((r) => r.field),
      ['GrpHdr/IntrBkSttlmDt'],
    );
  });

  test('malformed XML and invalid UTF-8 reject only their transaction', async () => {
    const broken = tx({ Dbtr: '<Dbtr><Nm>Alpha</Dbtr>' }, 'broken');
    const text = message([tx({}, 'a'), broken, tx({}, 'b')]);
    const bytes = Buffer.from(message([tx({}, 'c'), tx({ Dbtr: '<Dbtr><Nm>Al@pha</Nm></Dbtr>' }, 'badutf8'), tx({}, 'd')]));
    bytes[bytes.indexOf('Al@pha') + 2] = 0xff;
    for (const [content, id] of [
      [text, 'broken'],
      [bytes, 'badutf8'],
    ] as const) {
      const items = await read(fixture(content));
      const lines = txLines(content.toString('latin1'));
      assert.deepEqual(
        items.map((i) => [i.kind, i.line]),
        [
          ['event', lines[0]],
          ['reject', lines[1]],
          ['event', lines[2]],
        ],
      );
      const [r] = rejects(items);
      assert.deepEqual([r!.field, r!.record], ['CdtTrfTxInf[2]', id]);
      if (id === 'broken') assert.match(r!.reason, new RegExp(`^malformed XML at line ${lineOf(text, '<Nm>Alpha</Dbtr>')}: `));
      else assert.match(r!.reason, /invalid UTF-8/);
    }
  });

  test('a message whose NbOfTxs differs from its transactions is reported at its GrpHdr', async () => {
    const text = message([tx({}, 'a'), tx({}, 'b')], { group: GROUP(3) });
    const items = await read(fixture(text));
    assert.equal(events(items).length, 2);
    assert.deepEqual(
      rejects(items).map((r) => [r.line, r.field, r.record]),
      [[lineOf(text, '<GrpHdr>'), 'GrpHdr/NbOfTxs', 'MSG-1']],
    );
    assert.match(rejects(items)[0]!.reason, /NbOfTxs says 3 transactions, the message holds 2/);
  });

  test('a truncated file: every complete transaction, then one rejection for what is missing', async () => {
    const text = message([tx({}, 'a'), tx({}, 'b'), tx({}, 'c')]);
    const lines = txLines(text);
    const midThird = text.indexOf('<TxId>c</TxId>') + 3;
    const cut = await read(fixture(text.slice(0, midThird)));
    assert.deepEqual(
      cut.map((i) => [i.kind, i.line, i.kind === 'reject' ? i.field : i.record]),
      [
        ['event', lines[0], 'a'],
        ['event', lines[1], 'b'],
        ['reject', lines[2], 'CdtTrfTxInf[3]'],
      ],
    );
    assert.match(rejects(cut)[0]!.reason, /truncated XML/);
    const afterThird = text.indexOf('</CdtTrfTxInf>', text.indexOf('<TxId>c</TxId>')) + '</CdtTrfTxInf>'.length;
    const tail = await read(fixture(text.slice(0, afterThird)));
    assert.equal(events(tail).length, 3);
    assert.deepEqual(
      rejects(tail).map((r) => [r.line, r.reason]),
      [[lines[2]! + tx().split('\n').length - 1, 'truncated XML: <Document>, <FIToFICstmrCdtTrf> not closed; the file may be incomplete']],
    );
  });

  test('a transaction longer than the limit is refused without being buffered; the next one is read', async () => {
    const big = 'x'.repeat(MAX_ELEMENT_CHARS);
    const text = message([tx({}, 'a'), tx({ RmtInf: `<RmtInf><Ustrd>${big}</Ustrd></RmtInf>` }, 'huge'), tx({}, 'b')]);
    const items = await read(fixture(text));
    const lines = txLines(text);
    assert.deepEqual(
      items.map((i) => [i.kind, i.line, i.kind === 'reject' ? i.field : i.record]),
      [
        ['event', lines[0], 'a'],
        ['reject', lines[1], 'CdtTrfTxInf[2]'],
        ['event', lines[2], 'b'],
      ],
    );
    assert.match(rejects(items)[0]!.reason, /longer than/);
    assert.equal(rejects(items)[0]!.record, 'huge');
  });
});

describe('pacs.008 reader: versions, namespaces, envelopes', () => {
  test('versions .001.08 to .001.13 (and .001.02 with BIC) read alike; the version goes to extra', async () => {
    for (const version of ['08', '09', '10', '11', '12', '13']) {
      const uetr = `<PmtId><EndToEndId>E</EndToEndId><UETR>00000000-0000-4000-8000-0000000000${version}</UETR></PmtId>`;
      const [p] = payments(await read(fixture(message([tx({ PmtId: uetr })], { version }))));
      assert.ok(p, version);
      assert.deepEqual(
        [p.txn_id, p.amount, p.originator_bank, p.extra!.message_definition],
        [`00000000-0000-4000-8000-0000000000${version}`, '1500.00', 'DEUTDEFF', `pacs.008.001.${version}`],
      );
    }
    const v02 = message([tx({ DbtrAgt: '<DbtrAgt><FinInstnId><BIC>DEUTDEFF</BIC></FinInstnId></DbtrAgt>' })], { version: '02' });
    const [p] = payments(await read(fixture(v02)));
    assert.deepEqual([p!.originator_bank, p!.extra!.message_definition], ['DEUTDEFF', 'pacs.008.001.02']);
  });

  test('prefixes: on every element, declared on an envelope, or none at all', async () => {
    const prefixed = (xml: string, prefix: string) => xml.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}:$2`);
    const body = `<FIToFICstmrCdtTrf>\n${GROUP(2)}\n${tx({}, 'a')}\n${tx({}, 'b')}\n</FIToFICstmrCdtTrf>`;
    const variants: Array<[string, string, string]> = [
      ['prefix on every element', DECL + `<pacs:Document xmlns:pacs="${NS('09')}">\n${prefixed(body, 'pacs')}\n</pacs:Document>\n`, 'pacs.008.001.09'],
      [
        'prefix declared on the envelope',
        `<env:Envelope xmlns:env="urn:example:envelope" xmlns:p8="${NS('11')}">\n<env:Hdr/>\n<p8:Document>\n${prefixed(body, 'p8')}\n</p8:Document>\n</env:Envelope>\n`,
        'pacs.008.001.11',
      ],
      ['default namespace on the message element, no Document', `<Batch>\n<FIToFICstmrCdtTrf xmlns="${NS('12')}">${body.slice('<FIToFICstmrCdtTrf>'.length)}\n</Batch>\n`, 'pacs.008.001.12'],
      ['no namespace', `<Document>\n${body}\n</Document>\n`, 'pacs.008 (no namespace)'],
    ];
    for (const [label, text, definition] of variants) {
      const items = await read(fixture(text));
      assert.deepEqual(
        items.map((i) => [i.kind, i.line, i.kind === 'event' ? payment(i).extra!.message_definition : i.kind === 'reject' ? i.reason : i.kind]),
        txLines(text).map((l) => ['event', l, definition]),
        label,
      );
    }
  });

  test('a message in another namespace is refused with its transactions; the file’s pacs.008 messages are read', async () => {
    const foreign = message([tx({}, 'x')], { xmlns: ' xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"' });
    const text = `<Batch>\n${foreign}${message([tx({}, 'y')])}</Batch>\n`;
    const items = await read(fixture(text));
    assert.deepEqual(
      items.map((i) => [i.kind, i.line, i.kind === 'reject' ? i.field : i.record]),
      [
        ['reject', 3, 'FIToFICstmrCdtTrf'],
        ['event', txLines(text)[1], 'y'],
      ],
    );
    assert.match(rejects(items)[0]!.reason, /pacs\.009\.001\.08.* is not pacs\.008/);
  });

  test('several AppHdr + Document pairs, side by side without a root: each message with its own header, paths name the message', async () => {
    const appHdr = (id: string) =>
      `<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">\n  <Fr><FIId><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></FIId></Fr>\n  <To><FIId><FinInstnId><BICFI>NWBKGB2L</BICFI></FinInstnId></FIId></To>\n  <BizMsgIdr>${id}</BizMsgIdr>\n  <MsgDefIdr>pacs.008.001.08</MsgDefIdr>\n  <CreDt>2024-03-01T09:00:00Z</CreDt>\n</AppHdr>\n`;
    const second = message([tx({}, 'b1'), tx({ IntrBkSttlmAmt: '' }, 'b2')], { group: GROUP(2).replace('MSG-1', 'MSG-2') });
    const text = DECL + appHdr('BAH-1') + message([tx({}, 'a1')]) + appHdr('BAH-2') + second + appHdr('BAH-3') + message([tx({}, 'c1')], { version: '10' });
    const items = await read(fixture(text));
    const lines = txLines(text);
    assert.deepEqual(
      items.map((i) => [i.kind, i.line, i.kind === 'reject' ? i.field : i.record]),
      [
        ['event', lines[0], 'a1'],
        ['event', lines[1], 'b1'],
        ['reject', lines[2], 'FIToFICstmrCdtTrf[2]/CdtTrfTxInf[2]/IntrBkSttlmAmt'],
        ['event', lines[3], 'c1'],
      ],
    );
    assert.deepEqual(
      payments(items).map((p) => [p.extra!['AppHdr/BizMsgIdr'], p.extra!['GrpHdr/MsgId'], p.extra!.message_definition]),
      [
        ['BAH-1', 'MSG-1', 'pacs.008.001.08'],
        ['BAH-2', 'MSG-2', 'pacs.008.001.08'],
        ['BAH-3', 'MSG-1', 'pacs.008.001.10'],
      ],
    );
  });

  test('comments, CDATA and processing instructions do not cut or start transactions', async () => {
    const text =
      DECL +
      `<!-- <CdtTrfTxInf> in a comment is none -->\n<?proc <CdtTrfTxInf> ?>\n` +
      message([
        tx({ RmtInf: '<RmtInf><!-- </CdtTrfTxInf> --><Ustrd><![CDATA[a </CdtTrfTxInf> & <b>]]></Ustrd></RmtInf>' }, 'a'),
        tx({}, 'b'),
      ]);
    const items = await read(fixture(text));
    assert.deepEqual(
      items.map((i) => [i.kind, i.line]),
      [
        ['event', lineOf(text, '<CdtTrfTxInf>\n')],
        ['event', txLines(text).at(-1)],
      ],
    );
    assert.equal(payments(items)[0]!.purpose, 'a </CdtTrfTxInf> & <b>');
  });

  test('a file of many read chunks: tags cut at every chunk boundary still give every transaction at its line', async () => {
    // Transactions of varying length, so that tags, comments and the CdtTrfTxInf
    // boundaries fall across the 64 KiB reads at many different offsets.
    const txs = Array.from({ length: 1500 }, (_, i) =>
      tx({ RmtInf: `<RmtInf><!-- ${'c'.repeat(i % 37)} --><Ustrd>${'r'.repeat((i * 7) % 101)}</Ustrd></RmtInf>` }, `T${i}`),
    );
    const text = message(txs);
    assert.ok(text.length > 10 * 64 * 1024, `${text.length} characters`);
    const items = await read(fixture(text));
    assert.equal(rejects(items).length, 0);
    assert.deepEqual(
      events(items).map((e) => e.line),
      txLines(text),
    );
    assert.deepEqual(
      events(items).map((e) => e.record),
      txs.map((_, i) => `T${i}`),
    );
  });

  test('lines: CRLF files count alike; a minified file is all on line 1', async () => {
    const text = message([tx({}, 'a'), tx({}, 'b')]);
    const crlf = await read(fixture(text.replace(/\n/g, '\r\n')));
    assert.deepEqual(
      crlf.map((i) => i.line),
      txLines(text),
    );
    const minified = await read(fixture(text.replace(/\n\s*/g, '')));
    assert.deepEqual(
      minified.map((i) => [i.kind, i.line]),
      [
        ['event', 1],
        ['event', 1],
      ],
    );
  });

  test('detection: .xml files holding a FIToFICstmrCdtTrf; not the UN list, not a pain.001, not other extensions', async () => {
    const text = message([tx()]);
    assert.equal(detectReader(await describeInput(fixture(text))).format, 'pacs008');
    assert.equal(detectReader(await describeInput(join(FIXTURES, 'batch_bah_v08.xml'))).format, 'pacs008');
    assert.equal(pacs008Reader.detect(await describeInput(fixture(text, 'txt'))), false);
    assert.equal(pacs008Reader.detect(await describeInput(join(FIXTURES, 'not_pacs_pain001.xml'))), false);
    const un = join(LISTS, 'un_sc_consolidated_2026-02-27', 'consolidated.xml');
    assert.equal(pacs008Reader.detect(await describeInput(un)), false);
    assert.equal(detectReader(await describeInput(un)).format, 'un_sc');
  });
});

describe('pacs.008 reader: properties', () => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', 'DE89370400440532013000', 'DE89370400440532013001', 'EUR', 'XXX', '0', '12.5', '-1', '2024-02-30', 'NOTPROVIDED'));
  const txArb = fc.record({
    id: value,
    amount: value,
    ccy: fc.option(value, { nil: undefined }),
    date: value,
    name: value,
    iban: value,
    other: value,
    bic: value,
    ctry: value,
    ustrd: fc.array(value, { maxLength: 3 }),
    gap: fc.constantFrom('', '\n', '\r\n', '\n\n  ', ' '),
  });

  test('one item per transaction, at the line where it starts, whatever the values; the reader never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(txArb, { minLength: 1, maxLength: 6 }), async (records) => {
        const txs = records.map((r) =>
          [
            '<CdtTrfTxInf>',
            `<PmtId><EndToEndId>${esc(r.id)}</EndToEndId></PmtId>`,
            `<IntrBkSttlmAmt${r.ccy === undefined ? '' : ` Ccy="${esc(r.ccy)}"`}>${esc(r.amount)}</IntrBkSttlmAmt>`,
            `<IntrBkSttlmDt>${esc(r.date)}</IntrBkSttlmDt>`,
            `<Dbtr><Nm>${esc(r.name)}</Nm><PstlAdr><Ctry>${esc(r.ctry)}</Ctry></PstlAdr></Dbtr>`,
            `<DbtrAcct><Id><IBAN>${esc(r.iban)}</IBAN></Id></DbtrAcct>`,
            `<DbtrAgt><FinInstnId><BICFI>${esc(r.bic)}</BICFI></FinInstnId></DbtrAgt>`,
            `<CdtrAcct><Id><Othr><Id>${esc(r.other)}</Id></Othr></Id></CdtrAcct>`,
            `<RmtInf>${r.ustrd.map((u) => `<Ustrd>${esc(u)}</Ustrd>`).join(r.gap)}</RmtInf>`,
            '</CdtTrfTxInf>',
          ].join(r.gap),
        );
        const text = message(txs);
        const items = await read(fixture(text));
        assert.deepEqual(
          items.map((i) => i.line),
          txLines(text),
        );
        for (const item of items) {
          assert.ok(item.kind === 'event' || item.kind === 'reject');
          if (item.kind === 'reject') assert.ok(item.reason.length > 0 && item.field!.startsWith('CdtTrfTxInf['));
          else {
            const p = payment(item);
            assert.ok(Number(p.amount) > 0 && /^[A-Z]{3}$/.test(p.currency) && p.txn_id.length > 0 && !Number.isNaN(Date.parse(p.ts)));
          }
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 60) },
    );
  });

  test('on a soup of tags, comments, CDATA and text it yields items or refuses the file as not pacs.008, nothing else', async () => {
    const token = fc.oneof(
      fc.constantFrom(
        `<FIToFICstmrCdtTrf xmlns="${NS('08')}">`,
        '<FIToFICstmrCdtTrf>',
        '</FIToFICstmrCdtTrf>',
        '<p:FIToFICstmrCdtTrf xmlns:p="urn:x">',
        '<Document>',
        '</Document>',
        '<AppHdr><BizMsgIdr>B</BizMsgIdr></AppHdr>',
        '<AppHdr>',
        GROUP(1),
        '<GrpHdr>',
        '</GrpHdr>',
        tx(),
        '<CdtTrfTxInf>',
        '</CdtTrfTxInf>',
        '<CdtTrfTxInf/>',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '<?x',
        '?>',
        '<!DOCTYPE d [<!ENTITY e "x">]>',
        '<',
        '>',
        '"',
        "'",
        '\n',
        '\r\n',
        'é',
        '&amp;',
        '&bogus;',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), fc.uint8Array({ maxLength: 30 }), async (tokens, bytes) => {
        const path = fixture(Buffer.concat([Buffer.from(tokens.join('')), Buffer.from(bytes)]));
        try {
          for (const item of await read(path)) {
            assert.ok(item.kind === 'event' || item.kind === 'reject');
            assert.ok(item.line >= 1);
            if (item.kind === 'reject') assert.ok(item.reason.length > 0);
          }
        } catch (err) {
          assert.ok(isSextantError(err) && err.code === 'validation_failed' && err.message.includes('not an ISO 20022 pacs.008 message'), String(err));
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 60) * 5 },
    );
  });
});
