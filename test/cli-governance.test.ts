import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sextant } from './support/cli.ts';
import { freshDataDir } from './support/stores.ts';

/** The governance commands, run as a user would, on a fresh embedded store. */
describe('sextant governance commands', () => {
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    env = { SEXTANT_DATA: await freshDataDir() };
    dir = await mkdtemp(join(tmpdir(), 'sextant-cligov-'));
  });

  it('has --help on every governance command', async () => {
    for (const cmd of [['agency'], ['agency', 'add'], ['user', 'add'], ['user', 'update'], ['token', 'create'], ['agreement', 'create'], ['agreement', 'export'], ['audit', 'verify'], ['audit', 'log'], ['retention', 'run'], ['retention', 'set']]) {
      const r = await sextant([...cmd, '--help'], env);
      assert.equal(r.code, 0, `${cmd.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage: sextant/);
    }
  });

  it('bootstraps, adds agencies and users, shares under an agreement, audits it all', async () => {
    const first = await sextant(['agency', 'list', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /one-time password for admin: \S{20}/, 'the first start prints the one-time password');
    assert.deepEqual(JSON.parse(first.stdout).map((a: { id: string }) => a.id), ['local']);
    assert.doesNotMatch((await sextant(['agency', 'list'], env)).stderr, /one-time password/, 'only once');

    assert.equal((await sextant(['agency', 'add', 'fiu-nl', '--name', 'FIU-NL', '--country', 'NL', '--sector', 'financial_intelligence_unit'], env)).code, 0);
    const badCountry = await sextant(['agency', 'add', 'fiu-xx', '--name', 'X', '--country', 'QQ', '--sector', 'bank'], env);
    assert.equal(badCountry.code, 2);
    assert.match(badCountry.stderr, /unknown country code QQ/);
    const vera = await sextant(['user', 'add', 'vera', '--agency', 'fiu-nl', '--roles', 'analyst,supervisor', '--clearance', 'confidential', '--json'], env);
    assert.equal(vera.code, 0, vera.stderr);
    assert.equal(JSON.parse(vera.stdout).oneTimePassword.length, 20);

    // Marked data of the home agency: invisible to fiu-nl until an agreement both approved.
    const file = join(dir, 'leads.ftm.json');
    await writeFile(file, JSON.stringify({ id: 'lead-1', schema: 'Company', properties: { name: ['Shellco Trading FZE'], registrationNumber: ['FZ-778812'] } }) + '\n');
    assert.equal((await sextant(['ingest', file, '--dataset', 'leads', '--marking', 'tlp:amber//confidential'], env)).code, 0);
    const badMarking = await sextant(['ingest', file, '--dataset', 'leads', '--marking', 'TLP:PURPLE'], env);
    assert.equal(badMarking.code, 1);
    assert.match(badMarking.stderr, /invalid marking "TLP:PURPLE"/);
    const local = await sextant(['entity', 'lead-1', '--json'], env);
    assert.equal(JSON.parse(local.stdout).provenance.name[0].marking, 'TLP:AMBER//CONFIDENTIAL');
    const hidden = await sextant(['entity', 'lead-1', '--as', 'vera'], env);
    assert.equal(hidden.code, 1);
    assert.match(hidden.stderr, /no entity lead-1/);

    const agreementFile = join(dir, 'mou.json');
    await writeFile(agreementFile, JSON.stringify({ name: 'MoU', parties: ['local', 'fiu-nl'], categories: [{ dataset: 'leads' }], purposes: ['sanctions'], maxTlp: 'AMBER', maxLevel: 'CONFIDENTIAL', minimisation: [{ property: 'registrationNumber', action: 'hash' }] }));
    const created = await sextant(['agreement', 'create', agreementFile, '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    const id = JSON.parse(created.stdout).id as string;
    assert.equal((await sextant(['agreement', 'approve', id], env)).code, 0);
    const seen = await sextant(['entity', 'lead-1', '--as', 'vera', '--json'], env);
    assert.equal(seen.code, 0, seen.stderr);
    const props = JSON.parse(seen.stdout).properties;
    assert.deepEqual(props.name, ['Shellco Trading FZE']);
    assert.match(props.registrationNumber[0], /^hmac-sha256:/);
    const hashed = await sextant(['agreement', 'hash', id, 'fz 778812'], env);
    assert.ok(hashed.stdout.startsWith(props.registrationNumber[0]), 'the partner matches its own identifier with the key');

    const exported = await sextant(['agreement', 'export', id, '--to', 'fiu-nl', '--dataset', 'leads'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const out = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 1);
    assert.ok(!exported.stdout.includes('FZ-778812'), 'the clear identifier never leaves');

    const who = await sextant(['audit', 'log', '--entity', 'lead-1', '--json'], env);
    const actions = JSON.parse(who.stdout).records.map((r: { actor: string; action: string }) => `${r.actor} ${r.action}`);
    assert.ok(actions.includes('vera entity.read') && actions.includes('admin share.export'), actions.join('; '));
    const partner = await sextant(['audit', 'log', '--partner', 'fiu-nl', '--action', 'share.export', '--json'], env);
    assert.equal(JSON.parse(partner.stdout).total, 1);
    const denied = await sextant(['audit', 'log', '--as', 'vera'], env);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /audit:read/);

    const verify = await sextant(['audit', 'verify', '--json'], env);
    assert.equal(verify.code, 0);
    const head = JSON.parse(verify.stdout).head as { seq: number; hash: string };
    assert.equal((await sextant(['audit', 'verify', '--anchor', `${head.seq}:${head.hash}`], env)).code, 0);
    assert.equal((await sextant(['audit', 'verify', '--anchor', `${head.seq}:${'0'.repeat(64)}`], env)).code, 1);

    // Ingest needs data:write, for the user's own agency.
    assert.equal((await sextant(['user', 'add', 'otto', '--roles', 'auditor'], env)).code, 0);
    const auditorIngest = await sextant(['ingest', file, '--dataset', 'leads', '--as', 'otto'], env);
    assert.equal(auditorIngest.code, 1);
    assert.match(auditorIngest.stderr, /data:write/);
    const foreign = await sextant(['ingest', file, '--dataset', 'nl_leads', '--agency', 'local', '--as', 'vera'], env);
    assert.equal(foreign.code, 1);
    assert.match(foreign.stderr, /ingests for fiu-nl only/);

    assert.equal((await sextant(['dataset', 'set', 'leads', '--default-marking', 'tlp:red'], env)).code, 0);
    assert.equal((await sextant(['dataset', 'set', 'leads', '--default-marking', 'TLP:RED', '--as', 'vera'], env)).code, 1, "another agency's dataset");
    const file2 = join(dir, 'leads2.ftm.json');
    await writeFile(file2, JSON.stringify({ id: 'lead-2', schema: 'Company', properties: { name: ['Second Lead'] } }) + '\n');
    assert.equal((await sextant(['ingest', file2, '--dataset', 'leads'], env)).code, 0);
    assert.equal(JSON.parse((await sextant(['entity', 'lead-2', '--json'], env)).stdout).provenance.name[0].marking, 'TLP:RED');

    assert.equal((await sextant(['retention', 'set', 'leads', '30'], env)).code, 0);
    const dry = await sextant(['retention', 'run', '--dry-run', '--json'], env);
    assert.deepEqual(JSON.parse(dry.stdout), { dryRun: true, items: [] });
  });
});
