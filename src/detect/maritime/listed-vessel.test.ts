import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LISTS } from '../../../test/support/paths.ts';
import type { AlertDraft } from '../alert.ts';
import { PositionTableBuilder, type DetectInputs, type KnownVessel, type PositionTable, type VesselDesignation } from '../inputs.ts';
import { checkImo } from '../../model/normalize/identifiers.ts';
import { OFAC_SDN_FILES, readOfacSet } from '../../readers/ofac/sdn.ts';
import { listedVessel, type KnownVesselDetails } from './listed-vessel.ts';
import { H, inputsOf, reported, runIndicator, sail, T0, tableOf, type Fix } from './testkit.ts';

const AT = { lat: 26.2, lon: 56.4 };

function ofac(entNum: string, program = 'IRAN'): VesselDesignation {
  return {
    sanctionId: `us_ofac_sdn-${entNum}-sanction`,
    dataset: 'us_ofac_sdn',
    authority: 'Office of Foreign Assets Control',
    program,
    marking: 'TLP:CLEAR',
    agency: 'ofac',
  };
}

const ARTAVIL: KnownVesselDetails = {
  id: 'us_ofac_sdn-15036',
  name: 'ARTAVIL',
  imo: '9187629',
  mmsi: '572469210',
  flag: 'ir',
  aliases: ['ALPHA'],
  vesselType: 'Crude/Oil Products Tanker',
  callSign: 'T2EU4',
  designations: [ofac('15036')],
};

const ARK: KnownVesselDetails = {
  id: 'us_ofac_sdn-15037',
  name: 'ARK III',
  imo: '9187655',
  mmsi: null,
  flag: 'ir',
  aliases: ['ABADEH', 'CRYSTAL', 'SUNDIAL'],
  vesselType: 'Crude/Oil Products Tanker',
  designations: [ofac('15037')],
};

function withListed(inputs: DetectInputs, listed: KnownVessel[]): DetectInputs {
  return { ...inputs, listedVessels: listed };
}

async function run(tracks: Array<{ mmsi: string; fixes: Fix[] }>, listed: KnownVessel[], known: KnownVessel[] = []): Promise<AlertDraft[]> {
  return runIndicator(listedVessel, withListed(inputsOf(tableOf(tracks), known), listed));
}

/** A table whose fixes carry call signs (the testkit's fixes have none). */
function tableWithCallSigns(vessels: Array<{ mmsi: string; fixes: Fix[]; callSign: string }>): PositionTable {
  const b = new PositionTableBuilder(16);
  let line = 2;
  for (const v of [...vessels].sort((a, b) => a.mmsi.localeCompare(b.mmsi))) {
    for (const f of v.fixes) {
      b.add({
        mmsi: v.mmsi, t: f.t, lat: f.lat, lon: f.lon, sog: f.sog ?? null, cog: f.cog ?? null, draft: null, status: null,
        name: f.name ?? null, imo: f.imo ?? null, callSign: v.callSign, vesselType: f.type ?? null,
        dataset: 'test-ais', agency: 'test', marking: 'TLP:GREEN', record: String(line++),
      });
    }
  }
  return b.build();
}

test('an IMO number of a listed vessel, broadcast under another name and MMSI: strong alert citing fixes and the designation', async () => {
  const fixes = sail(AT, 120, 11, T0, 12, 60, { name: 'NOBLE SPIRIT', imo: '9187629', type: 80 });
  const alerts = await run([{ mmsi: '636019825', fixes }], [ARTAVIL, ARK]);
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.equal(a.indicator, 'maritime.listed_vessel');
  assert.equal(a.details!.match, 'imo');
  assert.equal(a.score, 0.95);
  assert.equal(a.key, '636019825:us_ofac_sdn-15036');
  assert.deepEqual(a.subjects.map((s) => s.id), ['mmsi:636019825', 'us_ofac_sdn-15036']);
  assert.deepEqual(a.subjects[0]!.identifiers, { mmsi: '636019825', imo: '9187629' });
  assert.deepEqual(a.subjects[1]!.identifiers, { imo: '9187629', mmsi: '572469210' });
  assert.deepEqual(a.window, { start: '2025-03-01T00:00:00Z', end: '2025-03-01T12:00:00Z' });
  const positions = a.evidence.filter((e) => e.schema === 'VesselPosition');
  assert.deepEqual(positions.map((e) => e.record), ['2', '14']);
  const sanction = a.evidence.find((e) => e.schema === 'Sanction')!;
  assert.deepEqual(sanction, {
    source: 'us_ofac_sdn',
    record: 'us_ofac_sdn-15036-sanction',
    agency: 'ofac',
    note: 'designation of ARTAVIL by Office of Foreign Assets Control (program IRAN)',
    dataset: 'us_ofac_sdn',
    marking: 'TLP:CLEAR',
    schema: 'Sanction',
  });
  assert.match(a.explanation, /^MMSI 636019825 broadcast IMO 9187629 as "NOBLE SPIRIT", which Office of Foreign Assets Control \(program IRAN\) lists as ARTAVIL \(IMO 9187629, MMSI 572469210\)/);
  // The name agreeing too raises it a little.
  const named = await run([{ mmsi: '636019825', fixes: sail(AT, 120, 11, T0, 12, 60, { name: 'ARTAVIL', imo: '9187629' }) }], [ARTAVIL]);
  assert.equal(named[0]!.score, 0.98);
});

test('a look-alike: the listed name on a hull with another valid IMO number does not alert; without an IMO number it does', async () => {
  const OCEAN_STAR: KnownVesselDetails = { id: 'gb-hmt-ocean-star', name: 'OCEAN STAR', imo: '9466996', mmsi: null, flag: 'ir', vesselType: 'Tanker', designations: [ofac('99001')] };
  // Flag (MID 422: Iran) and type both corroborate, and still: another hull.
  const other = sail(AT, 120, 11, T0, 6, 60, { name: 'OCEAN STAR', imo: '9180700', type: 80 });
  assert.deepEqual(await run([{ mmsi: '422000001', fixes: other }], [OCEAN_STAR]), []);
  // The same broadcast without its IMO number is a name match.
  const anonymous = sail(AT, 120, 11, T0, 6, 60, { name: 'OCEAN STAR', type: 80 });
  const alerts = await run([{ mmsi: '422000001', fixes: anonymous }], [OCEAN_STAR]);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.details!.match, 'name');
  assert.ok(alerts[0]!.score >= 0.5 && alerts[0]!.score < 0.95, String(alerts[0]!.score));
  assert.match(alerts[0]!.explanation, /broadcast the name "OCEAN STAR".*no IMO number broadcast.*flag IR by its MMSI agrees/);
  // An IMO number seen earlier on the same MMSI still says which hull it is.
  const both = [...sail(AT, 120, 11, T0, 6, 60, { name: 'OCEAN STAR', imo: '9180700', type: 80 }), ...sail(AT, 120, 11, T0 + 24 * H, 6, 60, { name: 'OCEAN STAR', type: 80 })];
  assert.deepEqual(await run([{ mmsi: '422000001', fixes: both }], [OCEAN_STAR]), []);
});

test('a default MMSI never matches; a real one does, lower than an IMO number, higher with the name', async () => {
  const DEFAULTED: KnownVesselDetails = { id: 'ls-default', name: 'KAPITAN ZORIN', imo: null, mmsi: '123456789', flag: null, designations: [ofac('99002')] };
  const ZERO: KnownVesselDetails = { id: 'ls-zero', name: 'MARLIN GLORY', imo: null, mmsi: '000000000', flag: null, designations: [ofac('99003')] };
  // 555555555 passes the MMSI check (MID 555 is allocated): only the list of defaults keeps it out.
  const FIVES: KnownVesselDetails = { id: 'ls-fives', name: 'SILVER TIDE', imo: null, mmsi: '555555555', flag: null, designations: [ofac('99005')] };
  const tracks = [
    { mmsi: '123456789', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'SEA BREEZE' }) },
    { mmsi: '000000000', fixes: sail(AT, 90, 11, T0, 6, 60, { name: 'MORNING DEW' }) },
    { mmsi: '555555555', fixes: sail(AT, 60, 11, T0, 6, 60, { name: 'EVENING CALM' }) },
  ];
  assert.deepEqual(await run(tracks, [DEFAULTED, ZERO, FIVES]), []);

  const bare = await run([{ mmsi: '572469210', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'PACIFIC DAWN' }) }], [ARTAVIL]);
  assert.equal(bare.length, 1);
  assert.equal(bare[0]!.details!.match, 'mmsi');
  assert.equal(bare[0]!.score, 0.8);
  const named = await run([{ mmsi: '572469210', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'ARTAVIL' }) }], [ARTAVIL]);
  assert.equal(named[0]!.score, 0.9);
  // Both sides give IMO numbers and they differ: the MMSI has passed to another hull; reported below the threshold for review.
  const reassigned = await run([{ mmsi: '572469210', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'PACIFIC DAWN', imo: '9654608' }) }], [ARTAVIL]);
  assert.equal(reassigned.length, 1);
  assert.ok(reassigned[0]!.score < 0.5);
  assert.equal(reassigned[0]!.details!.imoConflict, true);
  assert.match(reassigned[0]!.explanation, /may now belong to another hull/);
});

test('a transliterated, reordered name: reported when the flag corroborates, not when it differs', async () => {
  const HAPPY: KnownVesselDetails = { id: 'ls-happy', name: 'HAPPY VOYAGER', imo: null, mmsi: null, flag: 'ir', designations: [ofac('99004')] };
  const fixes = sail(AT, 120, 11, T0, 6, 60, { name: 'VOYAJER HAPI' });
  const alerts = await run([{ mmsi: '422000002', fixes }, { mmsi: '636000002', fixes }], [HAPPY]);
  const byMmsi = new Map(alerts.map((a) => [a.subjects[0]!.identifiers.mmsi, a]));
  const iranian = byMmsi.get('422000002')!;
  const liberian = byMmsi.get('636000002');
  assert.equal(iranian.details!.match, 'name');
  assert.equal(iranian.details!.flag, 'agrees');
  assert.ok(iranian.score >= 0.5, String(iranian.score));
  assert.ok((iranian.details!.name as { score: number }).score < 1);
  assert.ok(!liberian || liberian.score < 0.5, String(liberian?.score));
  assert.deepEqual(reported(alerts).map((a) => a.key), ['422000002:ls-happy']);
});

test('a call sign that agrees raises a name match', async () => {
  const HAPPY: KnownVesselDetails = { id: 'ls-happy', name: 'HAPPY VOYAGER', imo: null, mmsi: null, flag: 'ir', callSign: '9BQX7', designations: [ofac('99004')] };
  const fixes = sail(AT, 120, 11, T0, 6, 60, { name: 'VOYAJER HAPI' });
  const table = tableWithCallSigns([{ mmsi: '636000003', fixes, callSign: '9BQX7' }, { mmsi: '636000004', fixes, callSign: 'A8ZZ9' }]);
  const alerts = await runIndicator(listedVessel, withListed(inputsOf(table), [HAPPY]));
  const byMmsi = new Map(alerts.map((a) => [a.subjects[0]!.identifiers.mmsi, a]));
  assert.equal(byMmsi.get('636000003')!.details!.callSign, 'agrees');
  assert.ok(byMmsi.get('636000003')!.score >= 0.5);
  assert.ok((byMmsi.get('636000004')?.score ?? 0) < 0.5);
});

test("a listed vessel's alias (a former name) matches", async () => {
  const alerts = await run([{ mmsi: '636000005', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'MT ABADEH', type: 84 }) }], [ARTAVIL, ARK]);
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.equal(a.subjects[1]!.id, 'us_ofac_sdn-15037');
  assert.equal(a.details!.match, 'name');
  assert.equal((a.details!.name as { observed: string }).observed, 'MT ABADEH');
  assert.equal(a.details!.type, 'agrees');
  assert.ok(a.score >= 0.5);
});

test('the MMSI of a listed vessel, when the registry behind the MMSI is that listed entity: an MMSI match about the MMSI', async () => {
  // The loader puts list vessels among the known vessels too: the listed entity must not corroborate itself.
  const alerts = await run([{ mmsi: '572469210', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'PACIFIC DAWN' }) }], [ARTAVIL], [ARTAVIL]);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.details!.match, 'mmsi');
  assert.deepEqual(alerts[0]!.subjects.map((s) => s.id), ['mmsi:572469210', 'us_ofac_sdn-15036']);
});

test('registry vessels are matched without positions; a listed vessel in the registry is not matched with itself', async () => {
  const registry: KnownVesselDetails = {
    id: 'reg-1',
    name: 'NOBLE SPIRIT',
    imo: '9187629',
    mmsi: '636019825',
    flag: 'lr',
    firstSeen: '2025-01-10T00:00:00Z',
    lastSeen: '2025-02-20T00:00:00Z',
    source: { dataset: 'registry', record: 'R-17', agency: 'maritime-authority', marking: 'TLP:AMBER' },
  };
  const alerts = await run([], [ARTAVIL, ARK], [registry, ARTAVIL]);
  assert.equal(alerts.length, 1);
  const a = alerts[0]!;
  assert.equal(a.key, 'registry:reg-1:us_ofac_sdn-15036');
  assert.equal(a.details!.match, 'imo');
  assert.deepEqual(a.window, { start: '2025-01-10T00:00:00Z', end: '2025-02-20T00:00:00Z' });
  assert.deepEqual(a.evidence.map((e) => e.schema).sort(), ['Sanction', 'Vessel']);
  assert.deepEqual(a.subjects.map((s) => s.id), ['reg-1', 'us_ofac_sdn-15036']);
  assert.match(a.explanation, /^registry vessel NOBLE SPIRIT is registered with IMO 9187629, which Office of Foreign Assets Control \(program IRAN\) lists as ARTAVIL/);
  // When the vessel broadcasts, the MMSI's alert carries the registry's knowledge and there is no second alert.
  const broadcasting = await run([{ mmsi: '636019825', fixes: sail(AT, 120, 11, T0, 6, 60, {}) }], [ARTAVIL], [registry]);
  assert.equal(broadcasting.length, 1);
  assert.equal(broadcasting[0]!.key, '636019825:us_ofac_sdn-15036');
  assert.equal(broadcasting[0]!.subjects[0]!.id, 'reg-1');
  assert.equal(broadcasting[0]!.evidence.filter((e) => e.schema === 'VesselPosition').length, 2);
});

test('re-running gives the same keys and scores, whatever the order of the lists', async () => {
  const tracks = [
    { mmsi: '636019825', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'NOBLE SPIRIT', imo: '9187629' }) },
    { mmsi: '636000005', fixes: sail(AT, 60, 11, T0, 6, 60, { name: 'ABADEH' }) },
  ];
  const one = await run(tracks, [ARTAVIL, ARK]);
  const two = await run([...tracks].reverse(), [ARK, ARTAVIL]);
  const summary = (alerts: AlertDraft[]) => alerts.map((a) => `${a.key} ${a.score}`).sort();
  // ABADEH by name alone (0.55), less 0.05 for the Liberian MID against the Iranian flag.
  assert.deepEqual(summary(one), ['636000005:us_ofac_sdn-15037 0.5', '636019825:us_ofac_sdn-15036 0.95']);
  assert.deepEqual(summary(two), summary(one));
});

test('no listed vessels (or none with a designation): nothing', async () => {
  const tracks = [{ mmsi: '572469210', fixes: sail(AT, 120, 11, T0, 6, 60, { name: 'ARTAVIL', imo: '9187629' }) }];
  assert.deepEqual(await run(tracks, []), []);
  assert.deepEqual(await run(tracks, [{ ...ARTAVIL, designations: [] }]), []);
  assert.deepEqual(await run([], []), []);
});

// ---------------------------------------------------------------- real data

/** The OFAC SDN list's vessels with their Sanction entities, as the loader would give them. */
async function sdnVessels(): Promise<KnownVesselDetails[]> {
  const dir = join(LISTS, 'ofac_sdn_2024-05-03');
  const input = { path: dir, isDirectory: true, files: readdirSync(dir), head: Buffer.alloc(0) };
  const vessels = new Map<string, KnownVesselDetails>();
  const designations = new Map<string, VesselDesignation[]>();
  for await (const item of readOfacSet(OFAC_SDN_FILES, input, { dataset: 'us_ofac_sdn' })) {
    if (item.kind !== 'entity') continue;
    const e = item.entity;
    const p = (name: string): string[] => e.properties[name] ?? [];
    if (e.schema === 'Vessel') {
      const imo = p('imoNumber').map((x) => checkImo(x)).find((c) => c.ok);
      vessels.set(e.id, {
        id: e.id,
        name: p('name')[0]!,
        imo: imo?.ok ? imo.value : null,
        mmsi: p('mmsi')[0] ?? null,
        flag: p('flag')[0] ?? null,
        aliases: [...p('alias'), ...p('previousName')],
        callSigns: p('callSign'),
        vesselType: p('type')[0] ?? null,
      });
    } else if (e.schema === 'Sanction') {
      for (const target of p('entity')) {
        const list = designations.get(target) ?? [];
        list.push({ sanctionId: e.id, dataset: 'us_ofac_sdn', authority: p('authority')[0] ?? null, program: p('program').join(', ') || null, marking: 'TLP:CLEAR', agency: 'ofac' });
        designations.set(target, list);
      }
    }
  }
  return [...vessels.values()].map((v) => ({ ...v, designations: designations.get(v.id) ?? [] })).filter((v) => v.designations!.length > 0);
}

test('real data: an OFAC SDN vessel broadcast under its IMO number and name is found; an unlisted IMO number is not', async () => {
  const listed = await sdnVessels();
  assert.ok(listed.length > 500, `only ${listed.length} SDN vessels`);
  const target = listed.find((v) => v.imo && v.name.split(' ').length >= 2 && /tanker/i.test(String(v.vesselType)))!;
  assert.ok(target);
  const imos = new Set(listed.map((v) => v.imo));
  // A valid IMO number no listed vessel carries, found by walking from a fixed start.
  let unlisted = '';
  for (let n = 934_500; !unlisted; n++) {
    const digits = String(n);
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
    const imo = digits + String(sum % 10);
    if (!imos.has(imo)) unlisted = imo;
  }
  assert.ok(checkImo(unlisted).ok);

  const tracks = [
    { mmsi: '636021001', fixes: sail(AT, 120, 11, T0, 24, 60, { name: target.name, imo: target.imo, type: 80 }) },
    { mmsi: '636021002', fixes: sail({ lat: 25.5, lon: 55.1 }, 300, 12, T0, 24, 60, { name: 'SEXTANT TESTBED', imo: unlisted, type: 70 }) },
    // The name alone, without an IMO number.
    { mmsi: '636021003', fixes: sail({ lat: 25.0, lon: 57.1 }, 200, 12, T0, 24, 60, { name: target.name, type: 80 }) },
  ];
  const alerts = await run(tracks, listed);
  const forMmsi = (mmsi: string) => alerts.filter((a) => a.subjects[0]!.identifiers.mmsi === mmsi);

  const hit = forMmsi('636021001').find((a) => a.subjects[1]!.id === target.id);
  assert.ok(hit, `no alert for ${target.name} (IMO ${target.imo})`);
  assert.equal(hit.details!.match, 'imo');
  assert.ok(hit.score >= 0.95);
  assert.ok(hit.evidence.some((e) => e.schema === 'Sanction' && e.record === `${target.id}-sanction`));
  assert.match(hit.explanation, new RegExp(`broadcast IMO ${target.imo}.*Office of Foreign Assets Control`));

  assert.deepEqual(reported(forMmsi('636021002')), [], JSON.stringify(forMmsi('636021002').map((a) => a.explanation)));

  const byName = reported(forMmsi('636021003'));
  assert.ok(byName.some((a) => a.subjects[1]!.id === target.id && a.details!.match === 'name'), JSON.stringify(forMmsi('636021003').map((a) => `${a.score} ${a.explanation}`)));
});
