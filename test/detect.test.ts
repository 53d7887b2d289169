import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import type { AlertDraft } from '../src/detect/alert.ts';
import type { Indicator } from '../src/detect/indicator.ts';
import { num } from '../src/detect/indicator.ts';
import { defaultProfile, parseProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { ingest } from '../src/readers/ingest.ts';
import { buildApp } from '../src/server/app.ts';
import { freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';
import { governed } from './support/governance.ts';

const PASSWORD = 'correct horse battery staple 42';
const LEVELS = loadConfig({}, {}).governance.levels;

/**
 * A test indicator over the position table: one alert per vessel whose fastest
 * reported speed exceeds `min_kn`, with the fixes behind it as evidence.
 * It proves the plumbing (loading through the policy, storing, deduplicating,
 * hiding), not a detection rule.
 */
const FAST: Indicator = {
  code: 'test.fast',
  title: 'fast vessel',
  definition: 'a vessel reporting more than min_kn',
  sources: [{ name: 'test' }],
  params: { min_kn: { type: 'number', default: 20, unit: 'kn', min: 0, description: 'speed' } },
  inputs: ['positions'],
  run(inputs, params): AlertDraft[] {
    const p = inputs.positions;
    const out: AlertDraft[] = [];
    for (let v = 0; v < p.vessels; v++) {
      const rows: number[] = [];
      for (let r = p.vesselStart[v]!; r < p.vesselStart[v + 1]!; r++) if (p.sog[r]! > num(params, 'min_kn')) rows.push(r);
      if (rows.length === 0) continue;
      const mmsi = p.mmsi[v]!;
      const known = inputs.vesselsByMmsi.get(mmsi);
      out.push({
        indicator: 'test.fast',
        key: mmsi,
        score: Math.min(1, rows.length / 2),
        subjects: [{ id: known?.id ?? `mmsi:${mmsi}`, schema: 'Vessel', name: known?.name ?? '', identifiers: { mmsi } }],
        window: { start: new Date(p.t[rows[0]!]! * 1000).toISOString(), end: new Date(p.t[rows[rows.length - 1]!]! * 1000).toISOString() },
        evidence: rows.map((r) => p.evidence(r, `SOG ${p.sog[r]} kn`)),
        explanation: `${rows.length} fixes above ${num(params, 'min_kn')} kn`,
      });
    }
    return out;
  },
};
const CATALOGUE = [FAST];

const HEADER = 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';
const fix = (mmsi: string, time: string, sog: number) => `${mmsi},2025-03-01T${time},55.0,12.0,${sog},90,90,SEA BIRD,IMO9187629,ABCD,80,0,250,44,12.5,80,A`;

for (const kind of STORE_KINDS) {
  describe(`detection service on ${kind}`, () => {
    let t: TestStore;
    let dir: string;
    before(async () => {
      t = await freshStore(kind);
      dir = await mkdtemp(join(tmpdir(), 'sextant-detect-'));
      const { gov, admin } = await governed(t.store);
      await gov.identity.createAgency(admin, { id: 'coast-guard', name: 'Coast Guard', country: 'DK', sector: 'law_enforcement' });
      await gov.identity.createUser(admin, { username: 'cora', agency: 'coast-guard', roles: ['analyst'], clearance: 'SECRET', password: PASSWORD });
      // The home agency's positions: AMBER. Another agency's: GREEN, which the home agency may read.
      await writeFile(join(dir, 'home.csv'), [HEADER, fix('219000001', '00:00:00', 25), fix('219000001', '00:10:00', 26), fix('219000002', '00:00:00', 10)].join('\n') + '\n');
      await writeFile(join(dir, 'cg.csv'), [HEADER, fix('219000003', '01:00:00', 30)].join('\n') + '\n');
      await ingest(t.store, { path: join(dir, 'home.csv'), dataset: 'ais_home', marking: 'TLP:AMBER', quarantineDir: dir });
      await ingest(t.store, { path: join(dir, 'cg.csv'), dataset: 'ais_cg', agency: 'coast-guard', marking: 'TLP:GREEN', quarantineDir: dir });
    });
    after(async () => t?.dispose());

    it('runs the indicators over what the viewer may see, with evidence pointing at the input records', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new DetectService(t.store, LEVELS, CATALOGUE);
      const r = await service.run(await gov.scope(admin), { profile: defaultProfile(CATALOGUE), now: new Date('2025-03-02T00:00:00Z') });
      assert.equal(r.loaded.positions, 4);
      assert.deepEqual(r.byIndicator, { 'test.fast': 2 });
      assert.equal(r.created, 2);
      const home = r.alerts.find((a) => a.subjects[0]!.identifiers.mmsi === '219000001')!;
      assert.equal(home.score, 1);
      assert.equal(home.marking, 'TLP:AMBER');
      assert.deepEqual(home.evidence.map((e) => [e.source, e.record, e.agency]), [['ais_home', '2', 'local'], ['ais_home', '3', 'local']]);
      assert.deepEqual(home.window, { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T00:10:00.000Z' });
      assert.equal(r.alerts.find((a) => a.subjects[0]!.identifiers.mmsi === '219000003')!.marking, 'TLP:GREEN');
    });

    it('re-running updates the same alerts (same ids), keeps an analyst\'s status and applies the profile\'s parameters', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new DetectService(t.store, LEVELS, CATALOGUE);
      const scope = await gov.scope(admin);
      const before = (await service.list(scope, {}, { limit: 10, offset: 0 })).alerts;
      await service.setStatus(scope, before[0]!.id, 'triaged');
      await assert.rejects(service.setStatus(scope, before[0]!.id, 'closed'), /status must be one of/);
      const again = await service.run(scope, { profile: defaultProfile(CATALOGUE), now: new Date('2025-03-03T00:00:00Z') });
      assert.equal(again.created, 0);
      assert.equal(again.updated, 2);
      const after = (await service.list(scope, {}, { limit: 10, offset: 0 })).alerts;
      assert.deepEqual(after.map((a) => a.id).sort(), before.map((a) => a.id).sort());
      assert.equal(after.find((a) => a.id === before[0]!.id)!.status, 'triaged');
      assert.equal(after[0]!.firstSeen, '2025-03-02T00:00:00.000Z');
      assert.equal(after[0]!.lastSeen, '2025-03-03T00:00:00.000Z');
      // The run answers with its alerts as stored (not read back): the same as a read gives, the analyst's status included.
      const byId = new Map(after.map((a) => [a.id, a]));
      assert.equal(again.alerts.length, after.length);
      for (const a of again.alerts) assert.deepStrictEqual(a, byId.get(a.id));
      assert.equal(again.alerts.find((a) => a.id === before[0]!.id)!.status, 'triaged');
      // A stricter profile: only the 30 kn vessel crosses 28 kn.
      const strict = parseProfile({ indicators: { 'test.fast': { params: { min_kn: 28 } } } }, CATALOGUE, 'strict.json');
      const r = await service.run(scope, { profile: strict });
      assert.deepEqual(r.alerts.map((a) => a.subjects[0]!.identifiers.mmsi), ['219000003']);
      assert.deepEqual(r.alerts[0]!.details, {});
      const disabled = parseProfile({ indicators: { 'test.fast': { enabled: false } } }, CATALOGUE, 'off.json');
      assert.deepEqual((await service.run(scope, { profile: disabled })).byIndicator, {});
      await assert.rejects(service.run(scope, { profile: strict, only: ['nope.*'] }), /unknown indicator/);
    });

    it('filters by indicator prefix, subject, status, time and score', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new DetectService(t.store, LEVELS, CATALOGUE);
      const scope = await gov.scope(admin);
      const count = async (q: Parameters<DetectService['list']>[1]) => (await service.list(scope, q, { limit: 10, offset: 0 })).total;
      assert.equal(await count({ indicator: 'test.*' }), 2);
      assert.equal(await count({ indicator: 'maritime.*' }), 0);
      assert.equal(await count({ subject: '219000003' }), 1);
      assert.equal(await count({ status: 'triaged' }), 1);
      assert.equal(await count({ since: '2025-03-01T00:30:00Z' }), 1);
      assert.equal(await count({ until: '2025-03-01T00:30:00Z' }), 1);
      assert.equal(await count({ minScore: 0.9 }), 1);
      const page = await service.list(scope, {}, { limit: 1, offset: 1 });
      assert.equal(page.total, 2);
      assert.equal(page.alerts.length, 1);
    });

    it('refused: a viewer of another agency neither sees nor can triage an alert built on AMBER data they may not read', async () => {
      const { gov } = await governed(t.store);
      const cora = await gov.identity.cliViewer('cora', 'sanctions');
      const service = new DetectService(t.store, LEVELS, CATALOGUE);
      const scope = await gov.scope(cora);
      const seen = await service.list(scope, {}, { limit: 10, offset: 0 });
      assert.deepEqual(seen.alerts.map((a) => a.subjects[0]!.identifiers.mmsi), ['219000003']);
      const { admin } = await governed(t.store);
      const hidden = (await service.list(await gov.scope(admin), { subject: '219000001' }, { limit: 1, offset: 0 })).alerts[0]!;
      await assert.rejects(service.get(scope, hidden.id), /no alert/);
      await assert.rejects(service.setStatus(scope, hidden.id, 'dismissed'), /no alert/);
      // Cora's own run sees only her agency's positions (the AMBER ones are not loaded).
      const own = await service.run(scope, { profile: defaultProfile(CATALOGUE) });
      assert.equal(own.loaded.positions, 1);
    });

    it('GET /alerts and POST /alerts/:id/status: paged, filtered, hidden alerts answer 404, bad input 400', async () => {
      const { gov, admin } = await governed(t.store);
      const token = (await gov.identity.createToken(admin, { name: 'alerts test', scopes: ['data:read', 'data:write'] })).token;
      const { token: coraToken } = await gov.identity.createToken(await gov.identity.cliViewer('cora', 'sanctions'), { name: 'cora', scopes: ['data:read', 'data:write'] });
      const app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
      try {
        const as = (tok: string) => ({ authorization: `Bearer ${tok}` });
        const list = await app.inject({ url: '/alerts?indicator=test.*&limit=1', headers: as(token) });
        assert.equal(list.statusCode, 200, list.body);
        const body = list.json() as { total: number; limit: number; alerts: Array<{ id: string; indicator: string; subjects: unknown[]; evidence: unknown[]; window: unknown; explanation: string; score: number }> };
        assert.equal(body.total, 2);
        assert.equal(body.alerts.length, 1);
        const a = body.alerts[0]!;
        for (const k of ['id', 'indicator', 'score', 'subjects', 'window', 'evidence', 'explanation']) assert.ok(k in a, k);
        assert.equal((await app.inject({ url: `/alerts/${a.id}`, headers: as(token) })).statusCode, 200);
        assert.equal((await app.inject({ url: '/alerts?status=closed', headers: as(token) })).statusCode, 400);
        assert.equal((await app.inject({ url: '/alerts?indicator=DROP%20TABLE', headers: as(token) })).statusCode, 400);
        assert.equal((await app.inject({ url: '/alerts' })).statusCode, 401);
        const hidden = (await app.inject({ url: '/alerts?subject=219000001', headers: as(token) })).json() as { alerts: Array<{ id: string }> };
        const id = hidden.alerts[0]!.id;
        assert.equal((await app.inject({ url: `/alerts/${id}`, headers: as(coraToken) })).statusCode, 404);
        const refused = await app.inject({ method: 'POST', url: `/alerts/${id}/status`, headers: as(coraToken), payload: { status: 'dismissed' } });
        assert.equal(refused.statusCode, 404);
        const ok = await app.inject({ method: 'POST', url: `/alerts/${id}/status`, headers: as(token), payload: { status: 'escalated' } });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal((ok.json() as { status: string }).status, 'escalated');
        const coraList = (await app.inject({ url: '/alerts', headers: as(coraToken) })).json() as { total: number };
        assert.equal(coraList.total, 1);
      } finally {
        await app.close();
      }
    });
  });
}
