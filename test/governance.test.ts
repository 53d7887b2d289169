import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { keyedHash } from '../src/policy/agreements.ts';
import { Governance } from '../src/policy/index.ts';
import type { Viewer } from '../src/policy/viewer.ts';
import { ingest } from '../src/readers/ingest.ts';
import { buildApp } from '../src/server/app.ts';
import { EntityService } from '../src/store/entity-service.ts';
import { governed } from './support/governance.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

/**
 * Authentication, sessions, CSRF, lock-out, tokens, agreements and retention
 * through the HTTP API, on both databases. Every access test has a case that
 * must be refused.
 */
const PASSWORD = 'correct horse battery staple';

for (const kind of STORE_KINDS) {
  describe(`governance on ${kind}`, () => {
    let t: TestStore;
    let gov: Governance;
    let admin: Viewer;
    let bootPassword: string;
    let app: FastifyInstance;
    let quarantineDir: string;

    before(async () => {
      t = await freshStore(kind);
      const g = await governed(t.store);
      gov = g.gov;
      admin = g.admin;
      bootPassword = g.password!;
      quarantineDir = await mkdtemp(join(tmpdir(), 'sextant-gov-'));
      await gov.identity.createAgency(admin, { id: 'fiu-nl', name: 'FIU Netherlands', country: 'NL', sector: 'financial_intelligence_unit' });
      await gov.identity.createUser(admin, { username: 'ana', roles: ['analyst'], clearance: 'SECRET', password: PASSWORD });
      await gov.identity.createUser(admin, { username: 'vera', agency: 'fiu-nl', roles: ['analyst', 'supervisor'], clearance: 'SECRET', password: PASSWORD });
      await gov.identity.createUser(admin, { username: 'otto', roles: ['auditor'], password: PASSWORD });
      app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
    });
    after(async () => {
      await app?.close();
      await t?.dispose();
    });

    async function login(username: string, password: string) {
      const r = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
      const cookie = r.cookies.find((c) => c.name === 'sextant_session');
      return { r, cookie: cookie ? `sextant_session=${cookie.value}` : '', raw: cookie, csrf: r.statusCode === 200 ? (r.json().csrfToken as string) : '' };
    }

    it('bootstraps one agency and an administrator once, with a one-time password to change first', async () => {
      assert.equal(await gov.identity.bootstrap(), null, 'a second start creates nothing');
      const s = await login('admin', bootPassword);
      assert.equal(s.r.statusCode, 200);
      assert.equal(s.r.json().user.mustChangePassword, true);
      assert.equal(s.raw?.httpOnly, true);
      assert.equal(s.raw?.sameSite, 'Strict');
      const blocked = await app.inject({ url: '/search?q=x', headers: { cookie: s.cookie } });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().details.passwordChange, true);
      const noCsrf = await app.inject({ method: 'POST', url: '/auth/password', headers: { cookie: s.cookie }, payload: { current: bootPassword, next: PASSWORD } });
      assert.equal(noCsrf.statusCode, 403, 'a changing request without the CSRF token is refused');
      const wrongCsrf = await app.inject({ method: 'POST', url: '/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' }, payload: { current: bootPassword, next: PASSWORD } });
      assert.equal(wrongCsrf.statusCode, 403);
      const wrongCurrent = await app.inject({ method: 'POST', url: '/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { current: 'not it', next: PASSWORD } });
      assert.equal(wrongCurrent.statusCode, 401);
      const ok = await app.inject({ method: 'POST', url: '/auth/password', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { current: bootPassword, next: PASSWORD } });
      assert.equal(ok.statusCode, 200);
      const me = await app.inject({ url: '/auth/me', headers: { cookie: (await login('admin', PASSWORD)).cookie } });
      assert.equal(me.json().mustChangePassword, false);
      assert.equal((await login('admin', bootPassword)).r.statusCode, 401, 'the one-time password is gone');
    });

    it('refuses wrong passwords and unknown users alike, and locks a name after repeated failures', async () => {
      const wrong = await login('ana', 'wrong password!');
      const unknown = await login('nobody-here', 'wrong password!');
      assert.equal(wrong.r.statusCode, 401);
      assert.deepEqual(wrong.r.json(), unknown.r.json(), 'no hint whether the user exists');
      for (let i = 0; i < 3; i++) assert.equal((await login('ana', 'wrong password!')).r.statusCode, 401);
      // The fifth failure locks the name: now even the right password is refused.
      assert.equal((await login('ana', 'wrong password!')).r.statusCode, 401);
      const locked = await login('ana', PASSWORD);
      assert.equal(locked.r.statusCode, 429);
      assert.equal(locked.r.json().code, 'too_many_requests');
      for (let i = 0; i < 5; i++) await login('nobody-here', 'wrong password!');
      assert.equal((await login('nobody-here', 'x')).r.statusCode, 429, 'unknown names lock the same way');
      const audit = await gov.audit.query({ action: 'auth.lockout', limit: 10, offset: 0 });
      assert.ok(audit.records.some((r) => r.actor === 'ana'));
      // An administrator's reset lifts the lock-out.
      const { oneTimePassword } = await gov.identity.changePassword(admin, 'ana', {});
      assert.equal((await login('ana', oneTimePassword!)).r.statusCode, 200);
      await gov.identity.changePassword(await gov.identity.cliViewer('ana', 'sanctions'), 'ana', { current: oneTimePassword!, next: PASSWORD });
    });

    it('rate-limits the login route', async () => {
      let last = 0;
      for (let i = 0; i < 25; i++) last = (await app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.9.8.7', payload: { username: `u${i}x`, password: 'x' } })).statusCode;
      assert.equal(last, 429);
    });

    it('API tokens: scoped, expiring, revocable, stored hashed', async () => {
      const ana = await gov.identity.cliViewer('ana', 'sanctions');
      const { token, info } = await gov.identity.createToken(ana, { name: 'reader', scopes: ['data:read'], expiresInDays: 1 });
      const auth = { authorization: `Bearer ${token}` };
      assert.equal((await app.inject({ url: '/search?q=zz', headers: auth })).statusCode, 200);
      assert.equal((await app.inject({ url: '/audit', headers: auth })).statusCode, 403, 'the token cannot exceed its scopes or the role');
      const rows = await t.store.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [info.id]);
      assert.notEqual(rows[0]!.token_hash, token);
      assert.ok(!rows[0]!.token_hash.includes(token.slice(4, 20)));
      // Expired: the same store seen two days later.
      const later = new Governance(t.store, gov.config, () => new Date(Date.now() + 2 * 86_400_000));
      const laterApp = await buildApp(later, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
      assert.equal((await laterApp.inject({ url: '/search?q=zz', headers: auth })).statusCode, 401);
      await laterApp.close();
      // Revoked.
      assert.equal((await app.inject({ method: 'DELETE', url: `/tokens/${info.id}`, headers: auth })).statusCode, 200);
      assert.equal((await app.inject({ url: '/search?q=zz', headers: auth })).statusCode, 401);
      assert.equal((await app.inject({ url: '/search?q=zz', headers: { authorization: 'Bearer sxt_not-a-token' } })).statusCode, 401);
      assert.equal((await app.inject({ url: '/search?q=zz' })).statusCode, 401);
      // Another agency's user cannot revoke it, nor learn that it exists.
      const vera = await gov.identity.cliViewer('vera', 'sanctions');
      const second = await gov.identity.createToken(ana, { name: 'second', scopes: ['data:read'] });
      await assert.rejects(gov.identity.revokeToken(vera, second.info.id), /no token/);
      await assert.rejects(gov.identity.revokeToken(vera, 'no-such-token'), /no token/);
    });

    it('administrators manage their own agency only; others are refused', async () => {
      const ana = await gov.identity.cliViewer('ana', 'sanctions');
      await assert.rejects(gov.identity.createUser(ana, { username: 'mallory', roles: ['administrator'] }), { code: 'forbidden' });
      await gov.identity.createUser(admin, { username: 'nl-admin', agency: 'fiu-nl', roles: ['administrator'], password: PASSWORD });
      const nlAdmin = await gov.identity.cliViewer('nl-admin', 'sanctions');
      await assert.rejects(gov.identity.createUser(nlAdmin, { username: 'intruder', agency: 'local', roles: ['analyst'] }), { code: 'forbidden' });
      await assert.rejects(gov.identity.updateUser(nlAdmin, 'ana', { roles: ['administrator'] }), { code: 'not_found' });
      await assert.rejects(gov.identity.createAgency(nlAdmin, { id: 'rogue', name: 'x', country: 'NL', sector: 'bank' }), { code: 'forbidden' });
      const created = await gov.identity.createUser(nlAdmin, { username: 'nl-analyst', roles: ['analyst'] });
      assert.equal(created.user.agency, 'fiu-nl');
      assert.ok(created.oneTimePassword && created.user.mustChangePassword);
      const actions = (await gov.audit.query({ action: ['user.create'], limit: 50, offset: 0 })).records.map((r) => r.details.username);
      assert.ok(actions.includes('nl-analyst'), 'administrative changes are audited');
    });

    it('an agreement shares a marked dataset with a partner only once the holder approved it, minimised as it says', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sextant-agr-'));
      const file = join(dir, 'cases.ftm.json');
      await writeFile(file, JSON.stringify({ id: 'p-1', schema: 'Person', properties: { name: ['Ivan Shellco'], passportNumber: ['K1234567'], birthDate: ['1971-03-04'] } }) + '\n');
      await ingest(t.store, { path: file, dataset: 'cases', agency: 'local', marking: 'TLP:AMBER', quarantineDir });
      const vera = await gov.identity.cliViewer('vera', 'sanctions');
      const ana = await gov.identity.cliViewer('ana', 'sanctions');
      await assert.rejects(new EntityService(t.store).get('p-1', await gov.scope(vera)), /no entity/, 'TLP:AMBER does not reach another agency without an agreement');
      const a = await gov.agreements.create(admin, {
        name: 'NL MoU',
        parties: ['local', 'fiu-nl'],
        categories: [{ dataset: 'cases' }],
        purposes: ['aml', 'sanctions'],
        maxTlp: 'AMBER',
        minimisation: [{ property: 'passportNumber', action: 'hash' }, { property: 'birthDate', action: 'mask' }],
        retentionDays: 30,
      });
      await gov.agreements.approve(vera, a.id);
      await assert.rejects(new EntityService(t.store).get('p-1', await gov.scope(vera)), /no entity/, 'the partner approving alone shares nothing of ours');
      await assert.rejects(gov.agreements.approve(ana, a.id), { code: 'forbidden' }, 'analysts do not approve');
      await gov.agreements.approve(admin, a.id);
      const seen = await new EntityService(t.store).get('p-1', await gov.scope(vera));
      assert.deepEqual(seen.properties.name, ['Ivan Shellco']);
      assert.match(seen.properties.passportNumber![0]!, /^hmac-sha256:/);
      assert.equal(seen.properties.birthDate![0], '1971');
      // The partner can match a passport number they already hold with the agreement's key.
      const key = await gov.agreements.hashKey(admin, a.id);
      assert.equal(keyedHash(key, 'k 123-4567', 'identifier'), seen.properties.passportNumber![0]);
      // Another purpose than the agreement permits: refused.
      const veraResearch = await gov.identity.cliViewer('vera', 'research');
      await assert.rejects(new EntityService(t.store).get('p-1', await gov.scope(veraResearch)), /no entity/);
      // Revoked: nothing flows any more.
      await gov.agreements.revoke(admin, a.id);
      await assert.rejects(new EntityService(t.store).get('p-1', await gov.scope(vera)), /no entity/);
    });

    it('retention: a dry run lists what would go and why; the run purges it and is audited', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sextant-ret-'));
      const file = join(dir, 'old.ftm.json');
      await writeFile(file, JSON.stringify({ id: 'o-1', schema: 'Company', properties: { name: ['Old Co'] } }) + '\n');
      await ingest(t.store, { path: file, dataset: 'old_data', agency: 'local', quarantineDir });
      await t.store.lists.setGovernance('old_data', { retention_days: 10 });
      const ana = await gov.identity.cliViewer('ana', 'sanctions');
      await assert.rejects(gov.retention.plan(ana), { code: 'forbidden' });
      assert.deepEqual(await gov.retention.plan(admin), [], 'nothing is past retention yet');
      const later = new Governance(t.store, gov.config, () => new Date(Date.now() + 11 * 86_400_000));
      const plan = await later.retention.plan(admin);
      assert.deepEqual(plan.map((p) => [p.dataset, p.rule, p.statements, p.entities]), [['old_data', 'dataset', 1, 1]]);
      assert.match(plan[0]!.reason, /10 days/);
      const run = await later.retention.run(admin);
      assert.equal(run[0]!.purged, 1);
      assert.deepEqual(await later.retention.plan(admin), []);
      const audited = await gov.audit.query({ action: 'retention.run', limit: 5, offset: 0 });
      assert.equal(audited.total, 1);
      assert.equal((await gov.audit.verify()).ok, true);
    });

    it('auditors query who saw an entity; others may not query the audit log', async () => {
      const ana = await gov.identity.cliViewer('ana', 'sanctions');
      const { token } = await gov.identity.createToken(ana, { name: 'r', scopes: ['data:read'] });
      await app.inject({ url: '/entities/p-1', headers: { authorization: `Bearer ${token}` } });
      const otto = await gov.identity.cliViewer('otto', 'oversight');
      const auditToken = (await gov.identity.createToken(otto, { name: 'audit', scopes: ['audit:read'] })).token;
      const r = await app.inject({ url: '/audit?entity=p-1&action=entity.read', headers: { authorization: `Bearer ${auditToken}`, 'x-sextant-purpose': 'oversight' } });
      assert.equal(r.statusCode, 200);
      assert.ok(r.json().records.some((x: { actor: string }) => x.actor === 'ana'));
      assert.equal((await app.inject({ url: '/audit', headers: { authorization: `Bearer ${token}` } })).statusCode, 403);
      assert.equal((await app.inject({ url: '/entities/p-1', headers: { authorization: `Bearer ${auditToken}` } })).statusCode, 403, 'auditors see who saw what, not the data');
      const v = await app.inject({ url: '/audit/verify', headers: { authorization: `Bearer ${auditToken}` } });
      assert.equal(v.json().ok, true);
      assert.equal((await app.inject({ url: '/search?q=x', headers: { authorization: `Bearer ${token}`, 'x-sextant-purpose': 'espionage' } })).statusCode, 400, 'an unknown purpose is refused');
    });
  });
}

describe('governance: refusals found in review', () => {
  let t: TestStore;
  let gov: Governance;
  let admin: Viewer;
  let app: FastifyInstance;
  let dir: string;
  before(async () => {
    t = await freshStore('pglite');
    ({ gov, admin } = await governed(t.store));
    dir = await mkdtemp(join(tmpdir(), 'sextant-review-'));
    await gov.identity.createAgency(admin, { id: 'fiu-nl', name: 'FIU', country: 'NL', sector: 'financial_intelligence_unit' });
    await gov.identity.createUser(admin, { username: 'lia', roles: ['liaison_officer'], clearance: 'UNCLASSIFIED', password: PASSWORD });
    await gov.identity.createUser(admin, { username: 'nl-sup', agency: 'fiu-nl', roles: ['supervisor'], clearance: 'SECRET', password: PASSWORD });
    await gov.identity.createUser(admin, { username: 'nl-admin', agency: 'fiu-nl', roles: ['administrator'], password: PASSWORD });
    app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
  });
  after(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('a token cannot mint a wider token; nobody mints tokens for others; administrators cannot raise themselves', async () => {
    const narrow = (await gov.identity.createToken(admin, { name: 'narrow', scopes: ['data:read'] })).token;
    const r = await app.inject({ method: 'POST', url: '/tokens', headers: { authorization: `Bearer ${narrow}` }, payload: { name: 'wide', scopes: ['admin'] } });
    assert.equal(r.statusCode, 403);
    const nlAdmin = await gov.identity.cliViewer('nl-admin', 'sanctions');
    await assert.rejects(gov.identity.createToken(nlAdmin, { name: 'x', scopes: ['data:read'] }), { code: 'forbidden' }, 'an administrator without data:read cannot give a token data:read');
    await assert.rejects(gov.identity.updateUser(nlAdmin, 'nl-admin', { roles: ['administrator', 'analyst'] }), { code: 'forbidden' });
    await assert.rejects(gov.identity.updateUser(nlAdmin, 'nl-admin', { clearance: 'SECRET' }), { code: 'forbidden' });
    const bad = await app.inject({ method: 'POST', url: '/tokens', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    assert.equal(bad.statusCode, 401, 'authentication comes before the body is read');
  });

  it('parallel wrong passwords cannot get past the lock-out', async () => {
    const attempts = await Promise.all([
      ...Array.from({ length: 12 }, () => gov.identity.login('lia', 'wrong password!', 'test').then(() => 200, (e: { code: string }) => e.code)),
      gov.identity.login('lia', PASSWORD, 'test').then(() => 200, (e: { code: string }) => e.code),
    ]);
    assert.ok(attempts.filter((a) => a === 'unauthorized' || a === 200).length <= gov.config.auth.maxFailures, attempts.join(','));
    await gov.identity.changePassword(admin, 'lia', {});
  });

  it('a password change ends other sessions; a reset revokes tokens', async () => {
    await gov.identity.createUser(admin, { username: 'sam', roles: ['analyst'], password: PASSWORD });
    const s1 = await gov.identity.login('sam', PASSWORD, 'a');
    const sam = await gov.identity.cliViewer('sam', 'sanctions');
    const tok = (await gov.identity.createToken(sam, { name: 't', scopes: ['data:read'] })).token;
    await gov.identity.changePassword(sam, 'sam', { current: PASSWORD, next: PASSWORD + '!' });
    assert.equal(await gov.identity.resolveSession(s1.sessionId), null);
    assert.ok(await gov.identity.resolveToken(tok));
    await gov.identity.changePassword(admin, 'sam', {});
    assert.equal(await gov.identity.resolveToken(tok), null);
  });

  it('nothing leaves through a user who may not read it; minimisation rules must name real properties and hash only identifiers', async () => {
    const file = join(dir, 'secret.ftm.json');
    await writeFile(file, JSON.stringify({ id: 's-1', schema: 'Person', properties: { name: ['Topsecret Person'], passportNumber: ['XY1234567'] } }) + '\n');
    await ingest(t.store, { path: file, dataset: 'secret_data', agency: 'local', marking: 'TLP:AMBER//SECRET', quarantineDir: dir });
    const nlSup = await gov.identity.cliViewer('nl-sup', 'sanctions');
    const a = await gov.agreements.create(admin, { name: 'x', parties: ['local', 'fiu-nl'], categories: [{ schema: 'Thing' }], purposes: ['sanctions'], maxTlp: 'AMBER', maxLevel: 'SECRET' });
    await gov.agreements.approve(admin, a.id);
    await gov.agreements.approve(nlSup, a.id);
    const { prepareRelease } = await import('../src/policy/release.ts');
    const lia = await gov.identity.cliViewer('lia', 'sanctions');
    const rows = await t.store.statements.forEntities(['s-1']);
    assert.equal((await prepareRelease(gov, lia, a.id, 'fiu-nl')).see(rows).length, 0, 'an UNCLASSIFIED liaison officer cannot release SECRET data');
    assert.ok((await prepareRelease(gov, admin, a.id, 'fiu-nl')).see(rows).length > 0);
    const base = { name: 'y', parties: ['local', 'fiu-nl'], categories: [{ schema: 'Thing' }], purposes: ['sanctions'], maxTlp: 'AMBER' };
    await assert.rejects(gov.agreements.create(admin, { ...base, minimisation: [{ property: 'idnumber', action: 'drop' }] }), /no schema has a property idnumber/);
    await assert.rejects(gov.agreements.create(admin, { ...base, minimisation: [{ property: 'birthDate', action: 'hash' }] }), /use mask or drop/);
    await assert.rejects(gov.agreements.create(admin, { ...base, validFrom: '0000-01-01' }), { code: 'bad_request' });
  });

  it('retention plans and purges only the datasets of the actor\'s agency', async () => {
    const file = join(dir, 'old.ftm.json');
    await writeFile(file, JSON.stringify({ id: 'o-9', schema: 'Company', properties: { name: ['Old Nine'] } }) + '\n');
    await ingest(t.store, { path: file, dataset: 'local_old', agency: 'local', quarantineDir: dir });
    await t.store.lists.setGovernance('local_old', { retention_days: 1 });
    const later = new Governance(t.store, gov.config, () => new Date(Date.now() + 3 * 86_400_000));
    const nlSup = await later.identity.cliViewer('nl-sup', 'sanctions');
    assert.deepEqual(await later.retention.plan(nlSup), []);
    assert.deepEqual(await later.retention.run(nlSup), []);
    assert.equal((await later.retention.plan(admin)).length, 1);
  });

  it("an agency's auditors see their agency's audit records; oversight bodies see the node", async () => {
    await gov.identity.createAgency(admin, { id: 'ombudsman', name: 'Oversight', country: 'NL', sector: 'oversight_body' });
    await gov.identity.createUser(admin, { username: 'nl-aud', agency: 'fiu-nl', roles: ['auditor'], password: PASSWORD });
    await gov.identity.createUser(admin, { username: 'ov-aud', agency: 'ombudsman', roles: ['auditor'], password: PASSWORD });
    const nlToken = (await gov.identity.createToken(await gov.identity.cliViewer('nl-aud', 'oversight'), { name: 'a', scopes: ['audit:read'] })).token;
    const ovToken = (await gov.identity.createToken(await gov.identity.cliViewer('ov-aud', 'oversight'), { name: 'a', scopes: ['audit:read'] })).token;
    const nl = (await app.inject({ url: '/audit?limit=1000', headers: { authorization: `Bearer ${nlToken}` } })).json();
    assert.ok(nl.total > 0 && nl.records.every((r: { agency: string }) => r.agency === 'fiu-nl'), 'only fiu-nl records');
    assert.equal((await app.inject({ url: '/audit?agency=local', headers: { authorization: `Bearer ${nlToken}` } })).json().total, 0);
    const ov = (await app.inject({ url: '/audit?limit=1000', headers: { authorization: `Bearer ${ovToken}` } })).json();
    assert.ok(ov.records.some((r: { agency: string }) => r.agency === 'local'));
    const nlAgreements = (await app.inject({ url: '/agreements', headers: { authorization: `Bearer ${nlToken}` } })).json().agreements;
    assert.ok(nlAgreements.every((a: { parties: string[] }) => a.parties.includes('fiu-nl')));
  });

  it('an export is on record before anything leaves, and when a reader stops early', async () => {
    async function* three() {
      yield 1;
      yield 2;
      yield 3;
    }
    const stream = gov.auditedStream(admin, 'export', { dataset: 'x' }, three(), () => ({ entities: ['e-1'] }));
    assert.deepEqual(await stream.next(), { value: 1, done: false });
    const start = await gov.audit.query({ action: 'export.start', limit: 1, offset: 0 });
    assert.equal(start.records[0]?.details.dataset, 'x');
    await stream.return(undefined); // the reader goes away
    const end = await gov.audit.query({ action: 'export', limit: 1, offset: 0 });
    assert.equal(end.records[0]?.details.complete, false);
    assert.deepEqual(end.records[0]?.details.entities, ['e-1']);
  });

  it('one agency cannot overwrite another\'s dataset; the audit log refuses TRUNCATE', async () => {
    const file = join(dir, 'nl.ftm.json');
    await writeFile(file, JSON.stringify({ id: 'n-1', schema: 'Company', properties: { name: ['NL One'] } }) + '\n');
    await ingest(t.store, { path: file, dataset: 'nl_data', agency: 'fiu-nl', marking: 'TLP:RED', quarantineDir: dir });
    await assert.rejects(ingest(t.store, { path: file, dataset: 'nl_data', agency: 'local', marking: 'TLP:CLEAR', quarantineDir: dir }), /held by fiu-nl/);
    await assert.rejects(t.store.db.exec('TRUNCATE audit_log'), /append-only/);
    await assert.rejects(t.store.db.exec('TRUNCATE audit_checkpoints'), /append-only/);
    assert.equal((await gov.audit.verify()).ok, true);
  });
});

describe('governance config', () => {
  it('refuses a bad ladder, purpose or agency id with the setting named', () => {
    assert.throws(() => loadConfig({}, { SEXTANT_AGENCY: 'Bad Agency' }), /agency id/);
  });
});
