import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sextant } from './support/cli.ts';
import { freshDataDir } from './support/stores.ts';

const CONTRACT = ['path', 'format', 'dataset', 'records', 'accepted', 'rejected', 'entities', 'statements'];

describe('sextant ingest of event streams', () => {
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    env = { SEXTANT_DATA: await freshDataDir() };
    dir = await mkdtemp(join(tmpdir(), 'sextant-cli-events-'));
  });

  it('detects a transactions CSV and prints the --json summary with its events, after the contract keys', async () => {
    const file = join(dir, 'bank_feed.csv');
    await writeFile(
      file,
      [
        'txn_id,timestamp,amount,currency,originator_account,beneficiary_account,reference',
        'T1,2024-03-01T10:15:00Z,1500.00,EUR,DE89370400440532013000,GB29NWBK60161331926819,INV-42',
        'T2,2024-03-02,20,EUR,12345678,GB29NWBK60161331926819,',
      ].join('\n') + '\n',
    );
    const r = await sextant(['ingest', '--json', file], env);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(summary).slice(0, 8), CONTRACT);
    assert.equal(Object.keys(summary).at(-1), 'events');
    assert.deepEqual(
      [summary.format, summary.dataset, summary.records, summary.accepted, summary.rejected, summary.entities, summary.statements, summary.version, summary.events],
      ['transactions', 'bank_feed', 2, 2, 0, 0, 0, null, 2],
    );
  });

  it('says what it wrote, and exits 3 when records were refused', async () => {
    const file = join(dir, 'declarations.csv');
    await writeFile(
      file,
      [
        'declaration_id,date,direction,exporter_name,exporter_country,importer_name,importer_country,origin_country,destination_country,hs_code,value,currency',
        'D1,2024-05-06,export,Alpha GmbH,DE,Gamma LLC,KG,DE,KG,847130,84000,EUR',
        'D2,2024-05-06,sideways,Alpha GmbH,DE,Gamma LLC,KG,DE,KG,847130,84000,EUR',
      ].join('\n') + '\n',
    );
    const r = await sextant(['ingest', file], env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /\[customs → declarations\]: 2 records, 1 accepted, 1 rejected; 1 events/);
    assert.match(r.stdout, /declarations\.csv:3 \[direction\]/);
  });

  it('refuses a file whose header lacks a required column, naming file and column, without a stack trace', async () => {
    const file = join(dir, 'positions.csv');
    await writeFile(file, 'MMSI,BaseDateTime,LAT,SOG\n367379190,2022-01-03T00:00:00,30.3706,0.0\n');
    const r = await sextant(['ingest', '--format', 'ais-csv', file], env);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(file), r.stderr);
    assert.match(r.stderr, /LON/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
