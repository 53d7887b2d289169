import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { validateEntity } from '../model/validate.ts';
import { describeInput, READERS } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'sextant-prop-'));
let n = 0;

/** Bytes that look a little like each format, so that parsers get past their first checks. */
const prefixes: Record<string, string> = {
  ftm: '{"id": "x", "schema": "Person", "properties": {"name": ["a"]}}\n',
  ofac_sdn: '1,"A",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."\r\n',
  ofac_cons: '1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
  un_sc: '<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>',
  bis_dpl: '"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\n',
  us_csl: 'source,entity_number,type,programs,name,title,addresses\n',
  // Event formats refuse a file whose header lacks a required column (an error, by design): give them their header.
  transactions: 'txn_id,timestamp,amount,currency,originator_account,beneficiary_account,originator_bank,reference\nT1,2024-01-01Z,1,EUR,DE89370400440532013000,2,X,R\n',
  customs:
    'declaration_id,date,direction,exporter_name,exporter_country,importer_name,importer_country,origin_country,destination_country,hs_code,value,currency,vessel_imo\n' +
    'D1,2024-01-01,export,A,de,B,ru,de,ru,847130,10,EUR,9187629\n',
  // A file without a FIToFICstmrCdtTrf is refused as a whole (an error, by design): give it its message start.
  pacs008:
    '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M</MsgId>' +
    '<CreDtTm>2024-01-01T00:00:00Z</CreDtTm><NbOfTxs>2</NbOfTxs></GrpHdr><CdtTrfTxInf><PmtId><TxId>T1</TxId></PmtId>',
  'ais-csv': 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n',
  'ais-nmea': '\\c:1700000000*5F\\!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C\n!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E\n',
};

const fileFor: Record<string, string> = { ofac_sdn: 'sdn.csv', ofac_cons: 'cons_prim.csv' };

for (const reader of READERS) {
  test(`reader ${reader.format} never throws on arbitrary bytes: it yields entities, events or rejections`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 300 }), async (bytes, text) => {
        const sub = join(dir, String(n++));
        mkdirSync(sub);
        const path = join(sub, fileFor[reader.format] ?? 'input.txt');
        writeFileSync(path, Buffer.concat([Buffer.from(prefixes[reader.format] ?? ''), Buffer.from(text), Buffer.from(bytes)]));
        const input = await describeInput(path);
        for await (const item of reader.read(input, { dataset: 'prop' })) {
          assert.ok(item.kind === 'entity' || item.kind === 'event' || item.kind === 'reject' || item.kind === 'accepted');
          if (item.kind === 'reject') assert.ok(item.reason.length > 0 && item.line >= 0);
          else if (item.kind === 'entity') validateEntity(item.entity);
          else if (item.kind === 'accepted') assert.ok(item.note.length > 0);
          else for (const issue of item.issues) assert.ok(issue.field.length > 0 && issue.reason.length > 0);
        }
      }),
      { numRuns: Number(process.env.PROP_RUNS ?? 60) },
    );
  });
}

test('validateEntity never throws on arbitrary JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom('Person', 'Company', 'Ownership', 'Sanction', 'Vessel', 'Nope'), (props, schema) => {
      const r = validateEntity({ id: 'x-1', schema, properties: props as Record<string, string[]> });
      assert.ok(r.ok || r.reason.length > 0);
      const raw = validateEntity(props as never);
      assert.ok(raw.ok || raw.reason.length > 0);
    }),
    { numRuns: 500 },
  );
});

test('validateEntity reports a value whose toString is not a function instead of throwing (a found counterexample)', () => {
  const r = validateEntity({ id: 'x-1', schema: 'Person', properties: { name: ['Ann'], '': { toString: false } } as never });
  assert.ok(r.ok);
  assert.deepEqual(r.entity.issues.map((i) => [i.prop, i.value]), [['', '{"toString":false}']]);
});
