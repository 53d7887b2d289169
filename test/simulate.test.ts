import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateEntity } from '../src/model/validate.ts';
import { describeInput, readerFor } from '../src/readers/index.ts';
import { simulate, type Manifest } from '../src/simulate/index.ts';
import type { TruthScheme } from '../src/simulate/truth.ts';
import { schemeNames } from '../src/simulate/schemes/index.ts';
import { VESSEL_CLASSES } from '../src/simulate/maritime/vessel-types.ts';
import { haversineM, mpsToKnots } from '../src/model/geo.ts';
import type { PositionEvent } from '../src/model/events.ts';

/** A small world: what the demo generates, shrunk so that the suite stays quick. */
const SMALL = { scale: 0.1, days: 30 };

async function hashes(dir: string, m: Manifest): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of [...m.files.map((x) => x.path), 'truth.json', 'manifest.json']) {
    out[f] = createHash('sha256').update(await readFile(join(dir, f))).digest('hex');
  }
  return out;
}

describe('sextant simulate', () => {
  let a: string;
  let b: string;
  let c: string;
  let ma: Manifest;
  before(async () => {
    const root = await mkdtemp(join(tmpdir(), 'sextant-sim-'));
    a = join(root, 'a');
    b = join(root, 'b');
    c = join(root, 'c');
    ma = await simulate({ out: a, seed: 7, ...SMALL });
    await simulate({ out: b, seed: 7, ...SMALL });
    await simulate({ out: c, seed: 8, ...SMALL });
  });
  after(async () => {
    await rm(join(a, '..'), { recursive: true, force: true });
  });

  it('writes byte-identical files for the same seed, and another world for another seed', async () => {
    const ha = await hashes(a, ma);
    assert.deepEqual(await hashes(b, ma), ha);
    const hc = await hashes(c, ma);
    assert.notEqual(hc['payments/bank-alpha.csv'], ha['payments/bank-alpha.csv']);
    assert.notEqual(hc['registry/registry.ftm.json'], ha['registry/registry.ftm.json']);
  });

  it('lists every file with its format, agency and record count, and the agencies of the exercise', async () => {
    const m = JSON.parse(await readFile(join(a, 'manifest.json'), 'utf8')) as Manifest;
    assert.deepEqual(Object.keys(m).slice(0, 3), ['seed', 'scale', 'files']);
    const agencies = new Set(m.files.map((f) => f.agency));
    for (const id of ['companies-registry', 'sanctions-authority', 'bank-alpha', 'bank-beta', 'customs-hub', 'customs-dest', 'maritime-authority']) assert.ok(agencies.has(id), id);
    for (const f of m.files) assert.ok(f.records > 0, `${f.path} has records`);
  });

  it('is read by the readers with zero rejections, and every truth reference resolves to a record', async () => {
    const records = new Map<string, Set<string>>();
    for (const f of ma.files) {
      const input = await describeInput(join(a, f.path));
      const seen = new Set<string>();
      let n = 0;
      for await (const item of readerFor(f.format).read(input, { dataset: 'sim' })) {
        assert.notEqual(item.kind, 'reject', `${f.path}: ${JSON.stringify(item)}`);
        if (item.kind === 'entity') {
          const v = validateEntity(item.entity);
          assert.ok(v.ok, `${f.path}:${item.line} ${JSON.stringify(v)}`);
          assert.deepEqual(v.ok ? v.entity.issues : [], [], `${f.path}:${item.line}`);
        }
        if (item.kind === 'event' || item.kind === 'entity') {
          seen.add(item.record);
          n++;
        }
      }
      assert.equal(n, f.records, `${f.path} record count`);
      records.set(f.path, seen);
    }
    const truth = JSON.parse(await readFile(join(a, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    const types = new Set(truth.schemes.map((s) => s.type));
    for (const name of schemeNames()) assert.ok(types.has(name), `truth has ${name}`);
    assert.ok(truth.schemes.some((s) => s.negative) && truth.schemes.some((s) => !s.negative));
    for (const s of truth.schemes) {
      assert.ok(s.records.length > 0, `${s.id} has records`);
      assert.ok(s.subjects.length > 0, `${s.id} has subjects`);
      for (const ref of s.records) {
        const cut = ref.lastIndexOf(':');
        const file = ref.slice(0, cut);
        assert.ok(records.get(file)?.has(ref.slice(cut + 1)), `${s.id}: ${ref} resolves`);
      }
    }
  });

  it('sails every vessel within its type\'s top speed, except where a scheme plants a jump or a borrowed identity', async () => {
    // The top speed of each AIS ship type the generator uses.
    const maxKn = new Map<number, number>();
    for (const c of Object.values(VESSEL_CLASSES)) {
      for (const t of [c.aisType, ...c.aisTypeVariants]) maxKn.set(t, Math.max(maxKn.get(t) ?? 0, c.maxSpeedKn));
    }
    const ais = ma.files.find((f) => f.format === 'ais-csv')!;
    const tracks = new Map<string, PositionEvent[]>();
    for await (const item of readerFor('ais-csv').read(await describeInput(join(a, ais.path)), { dataset: 'sim' })) {
      if (item.kind !== 'event' || item.event.type !== 'position') continue;
      const list = tracks.get(item.event.mmsi) ?? [];
      list.push(item.event);
      tracks.set(item.event.mmsi, list);
    }
    const truth = JSON.parse(await readFile(join(a, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    const planted = new Set(
      truth.schemes.filter((s) => s.type === 'identity_manipulation').flatMap((s) => s.subjects.map((x) => x.identifiers.mmsi).filter((m): m is string => Boolean(m))),
    );
    const fast = new Map<string, number>();
    let pairs = 0;
    for (const [mmsi, fixes] of tracks) {
      fixes.sort((x, y) => x.ts.localeCompare(y.ts));
      const type = fixes.find((f) => f.vessel_type !== null)?.vessel_type;
      const top = type == null ? undefined : maxKn.get(type);
      assert.ok(top !== undefined, `MMSI ${mmsi} broadcasts ship type ${type}, which no vessel class uses`);
      for (let i = 1; i < fixes.length; i++) {
        const dt = (Date.parse(fixes[i]!.ts) - Date.parse(fixes[i - 1]!.ts)) / 1000;
        if (dt < 60) continue;
        pairs++;
        // 100 m allowance for position jitter between the two fixes.
        const kn = mpsToKnots(Math.max(0, haversineM(fixes[i - 1]!, fixes[i]!) - 100) / dt);
        const sog = fixes[i]!.sog ?? 0;
        if (kn > top * 1.05 || sog > top + 0.5) fast.set(mmsi, Math.max(fast.get(mmsi) ?? 0, kn, sog));
      }
    }
    assert.ok(pairs > 10_000, `${pairs} pairs of fixes checked`);
    const unexplained = [...fast.keys()].filter((m) => !planted.has(m));
    assert.deepEqual(unexplained.map((m) => `${m}: ${fast.get(m)!.toFixed(1)} kn`), [], 'vessels faster than their type allows without a planted jump');
    // The check can fail: the planted jumps and borrowed identities do show as impossible speeds.
    assert.ok([...planted].some((m) => fast.has(m)), `a planted jump shows (planted ${[...planted].join(', ')})`);
  });

  it('every planted ship-to-ship transfer shows in the positions: both tankers within 500 m for 2 h or more', async () => {
    const ais = ma.files.find((f) => f.format === 'ais-csv')!;
    const truth = JSON.parse(await readFile(join(a, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    const transfers = truth.schemes.filter((s) => s.type === 'sts_dark_transfer');
    assert.ok(transfers.length >= 2);
    const wanted = new Set(transfers.flatMap((s) => s.subjects.map((x) => x.identifiers.mmsi!)));
    const fixes = new Map<string, PositionEvent[]>();
    for await (const item of readerFor('ais-csv').read(await describeInput(join(a, ais.path)), { dataset: 'sim' })) {
      if (item.kind !== 'event' || item.event.type !== 'position' || !wanted.has(item.event.mmsi)) continue;
      fixes.set(item.event.mmsi, [...(fixes.get(item.event.mmsi) ?? []), item.event]);
    }
    for (const s of transfers) {
      const [x, y] = s.subjects.map((v) => (fixes.get(v.identifiers.mmsi!) ?? []).filter((f) => f.ts >= s.window.start && f.ts <= s.window.end));
      // Minutes in which a fix of one lies within 500 m of a fix of the other taken within 10 minutes.
      const together = new Set<number>();
      for (const f of x!) {
        const t = Date.parse(f.ts);
        if (y!.some((g) => Math.abs(Date.parse(g.ts) - t) <= 600_000 && haversineM(f, g) <= 500)) together.add(Math.floor(t / 600_000));
      }
      const spanH = together.size === 0 ? 0 : ((Math.max(...together) - Math.min(...together)) * 10) / 60;
      assert.ok(spanH >= 2, `${s.id}: the tankers are together for ${spanH.toFixed(1)} h in ${s.window.start} → ${s.window.end}`);
    }
  });

  it('plants only the schemes asked for', async () => {
    const dir = join(a, '..', 'only');
    await simulate({ out: dir, seed: 1, ...SMALL, schemes: ['pass_through'] });
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] };
    assert.deepEqual([...new Set(truth.schemes.map((s) => s.type))], ['pass_through']);
    await assert.rejects(simulate({ out: dir, seed: 1, ...SMALL, schemes: ['nonsense'] }), /unknown scheme/);
  });
});
