import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { CATALOGUE } from '../src/detect/catalogue.ts';
import { defaultProfile } from '../src/detect/profile.ts';
import { DetectService } from '../src/detect/service.ts';
import { ownershipReport, OwnershipService } from '../src/graph/service.ts';
import { ingest } from '../src/readers/ingest.ts';
import { ScreeningService } from '../src/screen/service.ts';
import { sextant } from './support/cli.ts';
import { governed } from './support/governance.ts';
import { freshDataDir, freshStore, STORE_KINDS, type TestStore } from './support/stores.ts';

const LEVELS = loadConfig({}, {}).governance.levels;
const line = (id: string, schema: string, properties: Record<string, string[]>) => JSON.stringify({ id, schema, properties });

/**
 * The list names X (a person) and K (a company by registration number) under its own ids.
 * The registry, under its ids: FAQ 401's second example (X 50% of A and 50% of B,
 * A and B 25% each of C → C blocked), a 49% decoy D, K 100% of L, and a stranger
 * who shares nothing with the list.
 */
const LIST = [
  line('l-x', 'Person', { name: ['Viktor Ivanovich Petrenko'], birthDate: ['1961-04-12'], nationality: ['ru'] }),
  line('l-x-s', 'Sanction', { entity: ['l-x'], authority: ['Exercise'], program: ['RUSSIA-EO14024'] }),
  line('l-k', 'Company', { name: ['Kestrel Shipping LLC'], jurisdiction: ['ae'], registrationNumber: ['DMCC-77123'] }),
  line('l-k-s', 'Sanction', { entity: ['l-k'], authority: ['Exercise'], program: ['RUSSIA-EO14024'] }),
  // Lifted: delisting gave the Sanction an end date. And one that ends only in the future.
  line('l-y', 'Person', { name: ['Yevgeny Arkadyevich Borodin'], birthDate: ['1958-09-30'], nationality: ['ru'] }),
  line('l-y-s', 'Sanction', { entity: ['l-y'], authority: ['Exercise'], program: ['RUSSIA-EO14024'], startDate: ['2022-03-15'], endDate: ['2024-05-03'] }),
  line('l-z', 'Person', { name: ['Zinaida Petrovna Kovalchuk'], birthDate: ['1966-01-21'], nationality: ['ru'] }),
  line('l-z-s', 'Sanction', { entity: ['l-z'], authority: ['Exercise'], program: ['RUSSIA-EO14024'], endDate: ['2199-12-31'] }),
].join('\n');

const REGISTRY = [
  line('x', 'Person', { name: ['Viktor Petrenko'], birthDate: ['1961-04-12'], nationality: ['ru'] }),
  line('a', 'Company', { name: ['Alder Holdings Ltd'], jurisdiction: ['cy'] }),
  line('b', 'Company', { name: ['Birch Invest Ltd'], jurisdiction: ['cy'] }),
  line('c', 'Company', { name: ['Cedar Trading FZE'], jurisdiction: ['ae'] }),
  line('d', 'Company', { name: ['Dogwood GmbH'], jurisdiction: ['de'] }),
  line('k', 'Company', { name: ['Kestrel Shipping'], jurisdiction: ['ae'], registrationNumber: ['DMCC 77123'] }),
  line('l', 'Company', { name: ['Linden Marine SA'], jurisdiction: ['pa'] }),
  line('s', 'Person', { name: ['Maria Jansen'], birthDate: ['1980-02-02'] }),
  line('o1', 'Ownership', { owner: ['x'], asset: ['a'], percentage: ['50'] }),
  line('o2', 'Ownership', { owner: ['x'], asset: ['b'], percentage: ['50'] }),
  line('o3', 'Ownership', { owner: ['a'], asset: ['c'], percentage: ['25'] }),
  line('o4', 'Ownership', { owner: ['b'], asset: ['c'], percentage: ['25'] }),
  line('o5', 'Ownership', { owner: ['x'], asset: ['d'], percentage: ['49'] }),
  line('o6', 'Ownership', { owner: ['s'], asset: ['d'], percentage: ['51'] }),
  line('o7', 'Ownership', { owner: ['k'], asset: ['l'], percentage: ['100'] }),
  // Control without ownership (a PSC-style nature of control): X appoints Maple's board; a stranger owns it.
  line('m', 'Company', { name: ['Maple Logistics Ltd'], jurisdiction: ['gb'] }),
  line('o8', 'Ownership', { owner: ['x'], asset: ['m'], role: ['right-to-appoint-and-remove-directors'] }),
  line('o9', 'Ownership', { owner: ['s'], asset: ['m'], percentage: ['100'] }),
  // A namesake of the listed Kestrel with its own registration number in the same jurisdiction is another company.
  line('k2', 'Company', { name: ['Kestrel Shipping LLC'], jurisdiction: ['ae'], registrationNumber: ['DMCC-99999'] }),
  line('q', 'Company', { name: ['Quince Marine SA'], jurisdiction: ['pa'] }),
  line('o11', 'Ownership', { owner: ['k2'], asset: ['q'], percentage: ['100'] }),
  // A director is not a controller.
  line('n', 'Company', { name: ['Nutmeg Trading Ltd'], jurisdiction: ['gb'] }),
  line('o10', 'Ownership', { owner: ['x'], asset: ['n'], role: ['director'] , percentage: ['10'] }),
  line('y', 'Person', { name: ['Yevgeny Borodin'], birthDate: ['1958-09-30'], nationality: ['ru'] }),
  line('p', 'Company', { name: ['Poplar Freight Ltd'], jurisdiction: ['cy'] }),
  line('o12', 'Ownership', { owner: ['y'], asset: ['p'], percentage: ['100'] }),
  line('z', 'Person', { name: ['Zinaida Kovalchuk'], birthDate: ['1966-01-21'], nationality: ['ru'] }),
  line('r', 'Company', { name: ['Rowan Bulk Carriers Ltd'], jurisdiction: ['mt'] }),
  line('o13', 'Ownership', { owner: ['z'], asset: ['r'], percentage: ['100'] }),
].join('\n');

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sextant-ownership-'));
  await writeFile(join(dir, 'exercise_list.ftm.json'), LIST + '\n');
  await writeFile(join(dir, 'registry.ftm.json'), REGISTRY + '\n');
});

for (const kind of STORE_KINDS) {
  describe(`ownership over the store on ${kind}`, () => {
    let t: TestStore;
    before(async () => {
      t = await freshStore(kind);
      await ingest(t.store, { path: join(dir, 'exercise_list.ftm.json'), quarantineDir: dir });
      await ingest(t.store, { path: join(dir, 'registry.ftm.json'), marking: 'TLP:AMBER', quarantineDir: dir });
    });
    after(async () => t?.dispose());

    it('links registry parties to listed ones (strong identifier, screening) and applies the rules with paths', async () => {
      const { gov, admin } = await governed(t.store);
      const world = await new OwnershipService(t.store, { screenNames: true }).load(await gov.scope(admin));
      const links = new Map(world.designations.map((d) => [d.id, d]));
      assert.match(links.get('k')!.reason, /same registrationNumber as listed l-k/);
      assert.match(links.get('x')!.reason, /screening match .* listed l-x/);
      assert.ok(!links.has('s'));
      assert.ok(!links.has('k2'), 'same name, another registration number in the same jurisdiction');
      // An FtM file with Sanction entities is a sanctions list to screening: `sanctions` finds the
      // listed person and not the registry's namesake.
      const hits = await new ScreeningService(t.store).match('sanctions', { q: { schema: 'Person', properties: { name: ['Viktor Petrenko'] } } }, { limit: 5, threshold: 0.7 }, await gov.scope(admin));
      assert.deepEqual(hits.q!.results.map((h) => h.id), ['l-x']);
      const authorities = { ofac: 'ofac', eu: 'eu', uk: 'uk' } as const;
      const c = ownershipReport(world, 'c', authorities);
      assert.deepEqual(c.blocked, { ofac: true, eu: true, uk: false });
      assert.ok(c.paths.some((p) => p.authority === 'ofac' && p.seed === 'x' && p.steps.map((s) => s.records[0]).join() === 'o1,o3'));
      assert.deepEqual(ownershipReport(world, 'd', authorities).blocked, { ofac: false, eu: false, uk: false });
      assert.deepEqual(ownershipReport(world, 'l', authorities).blocked, { ofac: true, eu: true, uk: true });
      assert.deepEqual(ownershipReport(world, 'nobody', authorities).blocked, { ofac: false, eu: false, uk: false });
      // Control counts under the EU and UK rules, never under OFAC's; a control record is not a stake.
      const m = ownershipReport(world, 'm', authorities);
      assert.deepEqual(m.blocked, { ofac: false, eu: true, uk: true });
      assert.ok(m.paths.some((p) => p.authority === 'eu' && p.steps.some((s) => s.via === 'control' && s.records.includes('o8'))));
      assert.equal(world.graph.ownersOf('m').length, 1, 'only the stranger\'s stake is a stake');
      assert.deepEqual(ownershipReport(world, 'n', authorities).blocked, { ofac: false, eu: false, uk: false });
      assert.deepEqual(ownershipReport(world, 'q', authorities).blocked, { ofac: false, eu: false, uk: false });
      // A lifted designation blocks nothing any more; one whose end date is still ahead does.
      assert.ok(!links.has('y'), 'delisted: its Sanction ended on 2024-05-03');
      assert.deepEqual(ownershipReport(world, 'p', authorities).blocked, { ofac: false, eu: false, uk: false });
      assert.match(links.get('z')!.reason, /listed l-z/);
      assert.deepEqual(ownershipReport(world, 'r', authorities).blocked, { ofac: true, eu: true, uk: true });
      // As of a day before the delisting, Borodin's company was blocked.
      const before = await new OwnershipService(t.store, { screenNames: true }).load(await gov.scope(admin), { asOf: '2024-01-31' });
      assert.deepEqual(ownershipReport(before, 'p', authorities).blocked, { ofac: true, eu: true, uk: true });
    });

    it('ownership.blocked_by_aggregation alerts on the blocked, not on the designated or the 49% decoy; a viewer without the registry sees none', async () => {
      const { gov, admin } = await governed(t.store);
      const service = new DetectService(t.store, LEVELS, CATALOGUE);
      const profile = defaultProfile(CATALOGUE);
      const r = await service.run(await gov.scope(admin), { profile, only: ['ownership.blocked_by_aggregation'] });
      const subjects = r.alerts.map((a) => `${a.details.rule}:${a.subjects[0]!.id}`).sort();
      assert.deepEqual(subjects, ['eu:a', 'eu:b', 'eu:c', 'eu:l', 'eu:m', 'eu:r', 'ofac:a', 'ofac:b', 'ofac:c', 'ofac:l', 'ofac:r', 'uk:l', 'uk:m', 'uk:r']);
      const c = r.alerts.find((a) => a.subjects[0]!.id === 'c' && a.details.rule === 'ofac')!;
      assert.deepEqual(c.evidence.map((e) => e.record).sort(), ['o1', 'o2', 'o3', 'o4']);
      assert.equal(c.marking, 'TLP:AMBER');
      // Refused: another agency's analyst may not read the AMBER registry: no stakes, no alert.
      await gov.identity.createAgency(admin, { id: 'bank-x', name: 'Bank X', country: 'DE', sector: 'bank' });
      await gov.identity.createUser(admin, { username: 'bea', agency: 'bank-x', roles: ['analyst'], clearance: 'SECRET', password: 'correct horse battery staple 42' });
      const bea = await gov.scope(await gov.identity.cliViewer('bea', 'sanctions'));
      assert.equal((await service.list(bea, { indicator: 'ownership.*' }, { limit: 10, offset: 0 })).total, 0);
      const own = await new OwnershipService(t.store).load(bea);
      assert.equal(own.graph.ownersOf('c').length, 0);
    });
  });
}

it('sextant ownership ID --json prints {"id", "blocked": {authority: bool}, "paths": [...]}', async () => {
  const env = { SEXTANT_DATA: await freshDataDir() };
  for (const f of ['exercise_list.ftm.json', 'registry.ftm.json']) {
    const r = await sextant(['ingest', join(dir, f)], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  }
  const r = await sextant(['ownership', 'c', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { id: string; blocked: Record<string, boolean>; paths: Array<{ authority: string; steps: unknown[] }> };
  assert.equal(out.id, 'c');
  assert.deepEqual(out.blocked, { ofac: true, eu: true, uk: false });
  assert.ok(out.paths.length >= 2 && out.paths.every((p) => p.steps.length === 2));
  const text = await sextant(['ownership', 'd'], env);
  assert.match(text.stdout, /ofac\s+not blocked/);
});
