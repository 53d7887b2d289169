import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import type { AlertDraft } from '../src/detect/alert.ts';
import type { Indicator } from '../src/detect/indicator.ts';
import type { DetectInputs } from '../src/detect/inputs.ts';
import type { KnownVesselHistory } from '../src/detect/maritime/identity.ts';
import { defaultProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { parseVesselKey, VesselService } from '../src/detect/vessels.ts';
import { ingest } from '../src/readers/ingest.ts';
import { buildApp } from '../src/server/app.ts';
import { governed } from './support/governance.ts';
import { sextant } from './support/cli.ts';
import { freshDataDir, freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

const PASSWORD = 'correct horse battery staple 42';
const LEVELS = loadConfig({}, {}).governance.levels;

const HEADER = 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';
const fix = (mmsi: string, time: string, lat: number, name: string, imo: string) => `${mmsi},${time},${lat},12.0,8,0,0,${name},${imo},ABCD,80,0,250,44,12.5,80,A`;

const entity = (id: string, schema: string, properties: Record<string, string[]>) => JSON.stringify({ id, schema, properties });

/** Captures what the detection service loads for vessels, without producing alerts. */
let captured: DetectInputs | null = null;
const CAPTURE: Indicator = {
  code: 'test.capture',
  title: 'capture',
  definition: 'records the inputs',
  sources: [{ name: 'test' }],
  params: {},
  inputs: ['positions', 'entities'],
  run(inputs): AlertDraft[] {
    captured = inputs;
    // One alert on the home vessel's MMSI, so that the vessel view lists it.
    const p = inputs.positions;
    const v = p.mmsi.indexOf('219000001');
    if (v < 0) return [];
    const row = p.vesselStart[v]!;
    return [{
      indicator: 'test.capture',
      key: 'home',
      score: 0.8,
      subjects: [{ id: 'mmsi:219000001', schema: 'Vessel', name: 'SEA BIRD', identifiers: { mmsi: '219000001' } }],
      window: { start: '2025-03-01T00:00:00.000Z', end: '2025-03-01T01:00:00.000Z' },
      evidence: [p.evidence(row, 'first fix')],
      explanation: 'test alert',
    }];
  },
};

for (const kind of STORE_KINDS) {
  describe(`vessels on ${kind}`, () => {
    let t: TestStore;
    let dir: string;
    before(async () => {
      t = await freshStore(kind);
      dir = await mkdtemp(join(tmpdir(), 'sextant-vessels-'));
      const { gov, admin } = await governed(t.store);
      await gov.identity.createAgency(admin, { id: 'coast-guard', name: 'Coast Guard', country: 'DK', sector: 'law_enforcement' });
      await gov.identity.createUser(admin, { username: 'cora', agency: 'coast-guard', roles: ['analyst'], clearance: 'SECRET', password: PASSWORD });
      // The registry (AMBER, the home agency's): delivered twice, the second time under a new flag.
      const registry = (flag: string) =>
        [
          entity('ve-1', 'Vessel', { name: ['SEA BIRD'], imoNumber: ['9187629'], mmsi: ['219000001'], flag: [flag], callSign: ['ABCD'], operator: ['co-2'], pastNames: ['OLD BIRD'] }),
          entity('co-1', 'Company', { name: ['Sea Bird Shipping ApS'], jurisdiction: ['dk'] }),
          entity('co-2', 'Company', { name: ['Bird Ship Management Ltd'], jurisdiction: ['cy'] }),
          entity('own-1', 'Ownership', { owner: ['co-1'], asset: ['ve-1'], percentage: ['100'], role: ['registered owner'] }),
        ].join('\n') + '\n';
      await writeFile(join(dir, 'registry.ftm.json'), registry('dk'));
      await ingest(t.store, { path: join(dir, 'registry.ftm.json'), dataset: 'registry', marking: 'TLP:AMBER', quarantineDir: dir });
      await new Promise((r) => setTimeout(r, 20));
      await writeFile(join(dir, 'registry.ftm.json'), registry('pa'));
      await ingest(t.store, { path: join(dir, 'registry.ftm.json'), dataset: 'registry', marking: 'TLP:AMBER', quarantineDir: dir });
      // A list (public) designating a vessel with the same IMO number.
      await writeFile(
        join(dir, 'list.ftm.json'),
        [
          entity('lv-1', 'Vessel', { name: ['SEA BIRD'], imoNumber: ['9187629'], alias: ['SEABIRD I'] }),
          entity('sa-1', 'Sanction', { entity: ['lv-1'], authority: ['Exercise Authority'], program: ['SHIPPING'], listingDate: ['2024-05-01'] }),
        ].join('\n') + '\n',
      );
      await ingest(t.store, { path: join(dir, 'list.ftm.json'), dataset: 'exercise_list', marking: 'TLP:CLEAR', quarantineDir: dir });
      // Home positions (AMBER): 219000001 renames itself and goes silent for 10 h; 219000009 borrows the IMO.
      await writeFile(
        join(dir, 'home.csv'),
        [
          HEADER,
          fix('219000001', '2025-03-01T00:00:00', 55.0, 'SEA BIRD', 'IMO9187629'),
          fix('219000001', '2025-03-01T00:10:00', 55.02, 'SEA BIRD', 'IMO9187629'),
          fix('219000001', '2025-03-01T10:10:00', 55.3, 'SEA BYRD', 'IMO9187629'),
          fix('219000001', '2025-03-01T10:20:00', 55.32, 'SEA BYRD', 'IMO9187629'),
          fix('219000009', '2025-03-01T05:00:00', 40.0, 'SEA BIRD', 'IMO9187629'),
        ].join('\n') + '\n',
      );
      await ingest(t.store, { path: join(dir, 'home.csv'), dataset: 'ais_home', marking: 'TLP:AMBER', quarantineDir: dir });
      // The coast guard's own positions (GREEN).
      await writeFile(join(dir, 'cg.csv'), [HEADER, fix('219000003', '2025-03-01T01:00:00', 56.0, 'NORDIC', '')].join('\n') + '\n');
      await ingest(t.store, { path: join(dir, 'cg.csv'), dataset: 'ais_cg', agency: 'coast-guard', marking: 'TLP:GREEN', quarantineDir: dir });
      await new DetectService(t.store, LEVELS, [CAPTURE]).run(await gov.scope(admin), { profile: defaultProfile([CAPTURE]) });
    });
    after(async () => t?.dispose());

    it('detection loads registry flag history, other names and the designations of listed vessels', () => {
      assert.ok(captured);
      const ve1 = captured.vesselsByMmsi.get('219000001') as KnownVesselHistory;
      assert.equal(ve1.flag, 'pa');
      assert.deepEqual(ve1.flagHistory?.map((p) => p.flag), ['dk', 'pa']);
      assert.deepEqual(ve1.pastNames, ['OLD BIRD']);
      assert.equal(ve1.designations, undefined);
      assert.deepEqual(captured.listedVessels.map((v) => v.id), ['lv-1']);
      const listed = captured.listedVessels[0]!;
      assert.deepEqual(listed.aliases, ['SEABIRD I']);
      assert.deepEqual(listed.designations?.map((d) => [d.sanctionId, d.dataset, d.authority, d.program]), [['sa-1', 'exercise_list', 'Exercise Authority', 'SHIPPING']]);
    });

    it('a vessel by IMO: every radio that broadcast it, registry and list entities, identifier history, owners, designations, alerts', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new VesselService(t.store, new DetectService(t.store, LEVELS));
      const v = await service.get(await gov.scope(admin), 'IMO9187629');
      assert.equal(v.key, 'imo:9187629');
      assert.deepEqual(v.mmsis, ['219000001', '219000009']);
      assert.deepEqual(v.entities.map((e) => e.id).sort(), ['lv-1', 've-1']);
      assert.equal(v.flag, 'pa');
      assert.deepEqual(v.history.flag.filter((r) => !r.past).map((r) => r.value), ['dk', 'pa']);
      assert.ok(v.history.flag.every((r) => r.source === 'registry' && r.dataset === 'registry'));
      const aisNames = v.history.name.filter((r) => r.source === 'ais' && r.mmsi === '219000001');
      assert.deepEqual(aisNames.map((r) => [r.value, r.from, r.to, r.fixes]), [
        ['SEA BIRD', '2025-03-01T00:00:00.000Z', '2025-03-01T00:10:00.000Z', 2],
        ['SEA BYRD', '2025-03-01T10:10:00.000Z', '2025-03-01T10:20:00.000Z', 2],
      ]);
      assert.ok(v.history.name.some((r) => r.value === 'OLD BIRD' && r.past));
      assert.deepEqual(v.owners.map((o) => [o.role, o.id, o.percentage ?? null]).sort(), [['operator', 'co-2', null], ['owner', 'co-1', '100']]);
      assert.deepEqual(v.designations.map((d) => [d.sanctionId, d.entity, d.authority, d.listingDate]), [['sa-1', 'lv-1', 'Exercise Authority', '2024-05-01']]);
      assert.equal(v.positions.count, 5);
      assert.equal(v.positions.segments, 3, 'two radios, and the 10 h silence cuts 219000001 in two');
      assert.equal(v.alerts.total, 1);
    });

    it('by MMSI, only that radio; by entity id, the entity and the radios of its identifiers', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new VesselService(t.store, new DetectService(t.store, LEVELS));
      const scope = await gov.scope(admin);
      const byMmsi = await service.get(scope, '219000001');
      assert.deepEqual(byMmsi.mmsis, ['219000001']);
      assert.deepEqual(byMmsi.entities.map((e) => e.id), ['ve-1']);
      assert.equal(byMmsi.name, 'SEA BIRD');
      const borrower = await service.get(scope, '219000009');
      assert.deepEqual(borrower.entities, [], 'the borrower is not the registry vessel whose IMO it broadcast');
      assert.equal(borrower.imo, '9187629');
      const byId = await service.get(scope, 've-1');
      assert.deepEqual(byId.mmsis, ['219000001', '219000009']);
    });

    it('bad keys are refused with the reason; an unknown vessel is not found', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new VesselService(t.store, new DetectService(t.store, LEVELS));
      const scope = await gov.scope(admin);
      await assert.rejects(service.get(scope, '9187628'), /check digit/);
      await assert.rejects(service.get(scope, '12345'), /neither an IMO number/);
      await assert.rejects(service.get(scope, 'IMO9074729'), /no vessel/);
      await assert.rejects(service.get(scope, 'co-1'), /no vessel/);
      assert.deepEqual(parseVesselKey('imo 9187629'), { kind: 'imo', imo: '9187629' });
      assert.deepEqual(parseVesselKey('MMSI:219000001'), { kind: 'mmsi', mmsi: '219000001' });
    });

    it('refused: another agency sees neither the AMBER registry nor the AMBER positions of a vessel', async () => {
      const { gov } = await governed(t.store);
      const cora = await gov.identity.cliViewer('cora', 'sanctions');
      const service = new VesselService(t.store, new DetectService(t.store, LEVELS));
      const scope = await gov.scope(cora);
      await assert.rejects(service.get(scope, '219000001'), /no vessel/);
      await assert.rejects(service.track(scope, '219000001', {}), /no vessel/);
      // The public list's vessel is there, and nothing else of the hull.
      const v = await service.get(scope, 'IMO9187629');
      assert.deepEqual(v.entities.map((e) => e.id), ['lv-1']);
      assert.deepEqual(v.mmsis, []);
      assert.equal(v.positions.count, 0);
      assert.deepEqual(v.owners, []);
      assert.equal(v.alerts.total, 0);
      assert.ok(v.history.flag.length === 0 && v.history.name.every((r) => r.source === 'registry' && r.dataset === 'exercise_list'));
      const own = await service.get(scope, '219000003');
      assert.equal(own.positions.count, 1);
    });

    it('track: GeoJSON LineStrings per segment, cut at the 10 h silence, filtered by time and limited', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new VesselService(t.store, new DetectService(t.store, LEVELS));
      const scope = await gov.scope(admin);
      const all = await service.track(scope, '219000001', {});
      assert.equal(all.type, 'FeatureCollection');
      assert.equal(all.features.length, 2);
      assert.deepEqual(all.features.map((f) => f.properties?.['startedBy']), ['first', 'after_gap']);
      assert.deepEqual(all.features[0]!.geometry.coordinates, [[12, 55], [12, 55.02]]);
      assert.deepEqual(all.features[1]!.properties?.['times'], ['2025-03-01T10:10:00Z', '2025-03-01T10:20:00Z']);
      const later = await service.track(scope, '219000001', { from: '2025-03-01T05:00:00Z' });
      assert.equal(later.features.length, 1);
      const cut = await service.track(scope, '219000001', { limit: 3 });
      assert.equal((cut as unknown as { truncated: boolean }).truncated, true);
      assert.equal(cut.features.reduce((n, f) => n + (f.properties?.['fixes'] as number), 0), 3);
      await assert.rejects(service.track(scope, '219000001', { from: 'yesterday' }), /ISO 8601/);
      await assert.rejects(service.track(scope, '219000001', { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }), /before/);
      await assert.rejects(service.track(scope, '219000001', { limit: 0 }), /limit/);
    });

    it('GET /vessels/{id} and /vessels/{id}/track over HTTP: 200, GeoJSON, 400, 404, 401 and a refused viewer', async () => {
      const { gov, admin } = await governed(t.store);
      const token = (await gov.identity.createToken(admin, { name: 'vessels test', scopes: ['data:read'] })).token;
      const { token: coraToken } = await gov.identity.createToken(await gov.identity.cliViewer('cora', 'sanctions'), { name: 'cora', scopes: ['data:read'] });
      const app = await buildApp(gov, { bodyLimit: 1024 * 1024, logLevel: 'silent' });
      try {
        const as = (tok: string) => ({ authorization: `Bearer ${tok}` });
        const ok = await app.inject({ url: '/vessels/IMO9187629', headers: as(token) });
        assert.equal(ok.statusCode, 200, ok.body);
        const body = ok.json() as { key: string; mmsis: string[]; history: { name: unknown[] }; owners: unknown[]; portCalls: unknown[]; alerts: { total: number } };
        assert.equal(body.key, 'imo:9187629');
        assert.deepEqual(body.mmsis, ['219000001', '219000009']);
        assert.ok(body.history.name.length >= 3);
        assert.equal(body.owners.length, 2);
        assert.equal(body.alerts.total, 1);
        const track = await app.inject({ url: '/vessels/219000001/track?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z', headers: as(token) });
        assert.equal(track.statusCode, 200, track.body);
        assert.match(String(track.headers['content-type']), /application\/geo\+json/);
        assert.equal((track.json() as { features: unknown[] }).features.length, 2);
        assert.equal((await app.inject({ url: '/vessels/9187628', headers: as(token) })).statusCode, 400);
        assert.equal((await app.inject({ url: '/vessels/219000001/track?from=soon', headers: as(token) })).statusCode, 400);
        assert.equal((await app.inject({ url: '/vessels/219000001/track?limit=0', headers: as(token) })).statusCode, 400);
        assert.equal((await app.inject({ url: '/vessels/IMO9074729', headers: as(token) })).statusCode, 404);
        assert.equal((await app.inject({ url: '/vessels/219000001' })).statusCode, 401);
        assert.equal((await app.inject({ url: '/vessels/219000001', headers: as(coraToken) })).statusCode, 404);
        assert.equal((await app.inject({ url: '/vessels/219000001/track', headers: as(coraToken) })).statusCode, 404);
        const audit = await t.store.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'vessels.%' ORDER BY seq`);
        assert.ok(audit.some((a) => a.action === 'vessels.read') && audit.some((a) => a.action === 'vessels.track'));
      } finally {
        await app.close();
      }
    });
  });
}

it('sextant vessel IMO --json, the text view, --track GeoJSON; a bad IMO is refused with exit 2 and no stack trace', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-vessel-cli-'));
  const env = { SEXTANT_DATA: await freshDataDir() };
  await writeFile(join(dir, 'registry.ftm.json'), entity('ve-1', 'Vessel', { name: ['SEA BIRD'], imoNumber: ['9187629'], mmsi: ['219000001'], flag: ['dk'] }) + '\n');
  await writeFile(
    join(dir, 'home.csv'),
    [HEADER, fix('219000001', '2025-03-01T00:00:00', 55.0, 'SEA BIRD', 'IMO9187629'), fix('219000001', '2025-03-01T00:10:00', 55.02, 'SEA BYRD', 'IMO9187629')].join('\n') + '\n',
  );
  for (const f of ['registry.ftm.json', 'home.csv']) assert.equal((await sextant(['ingest', join(dir, f)], env)).code, 0);
  const json = await sextant(['vessel', 'IMO9187629', '--json'], env);
  assert.equal(json.code, 0, json.stderr);
  const v = JSON.parse(json.stdout) as { key: string; mmsis: string[]; history: { name: Array<{ value: string; source: string }> } };
  assert.equal(v.key, 'imo:9187629');
  assert.deepEqual(v.mmsis, ['219000001']);
  assert.deepEqual(v.history.name.filter((r) => r.source === 'ais').map((r) => r.value), ['SEA BIRD', 'SEA BYRD']);
  const text = await sextant(['vessel', '219000001'], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /SEA BIRD — mmsi:219000001/);
  assert.match(text.stdout, /identifiers over time/);
  const track = await sextant(['vessel', '219000001', '--track'], env);
  assert.equal((JSON.parse(track.stdout) as { type: string; features: unknown[] }).features.length, 1);
  const bad = await sextant(['vessel', '9187628'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /check digit/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});
