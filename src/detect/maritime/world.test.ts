/**
 * All maritime indicators on a simulated world, checked against its truth:
 * each planted maritime scheme's vessels must be hit by the expected
 * indicator within the scheme's window, and the hard negative (a transfer in a
 * designated STS area) must raise no encounter at or above the threshold.
 * Recall per scheme and indicator is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertDraft } from '../alert.ts';
import { defaults } from '../indicator.ts';
import { simulate } from '../../simulate/index.ts';
import { MARITIME_INDICATORS } from './index.ts';
import type { PositionTable } from '../inputs.ts';
import { fastDistM, rowAtOrAfter } from './common.ts';
import { AIS_FILE, loadWorld, type TruthScheme } from './sim-world.ts';

/** Whether an alert names one of the scheme's vessels (by MMSI or IMO) and overlaps its window (with slack). */
function hits(alert: AlertDraft, scheme: TruthScheme, vessel: Record<string, string>, slackS = 12 * 3600): boolean {
  const mmsis = new Set((vessel.mmsi ?? '').split(','));
  const imos = new Set([vessel.imo, vessel.imo_broadcast].filter(Boolean));
  const named = alert.subjects.some((s) => mmsis.has(s.identifiers.mmsi ?? '') || imos.has(s.identifiers.imo ?? ''));
  if (!named) return false;
  const a0 = Date.parse(alert.window.start) / 1000;
  const a1 = Date.parse(alert.window.end) / 1000;
  const s0 = Date.parse(scheme.window.start) / 1000 - slackS;
  const s1 = Date.parse(scheme.window.end) / 1000 + slackS;
  return a0 <= s1 && a1 >= s0;
}

interface Expectation {
  indicator: string;
  /** Indexes into the scheme's Vessel subjects (all when omitted). */
  vessels?: number[];
  /** A miss fails the test (otherwise the recall is only printed). */
  required: boolean;
  /** Whether the behaviour shows in the positions at all (the generator's schedule can miss a planned meeting). */
  observable?: (table: PositionTable, vessels: Array<Record<string, string>>) => boolean;
}

/**
 * Whether two vessels were within 500 m of each other, both under 2 kn, for at
 * least 2 h by the raw fixes (nearest fix of the other within 10 minutes): an
 * encounter exists in the data, whatever the indicator finds.
 */
function metInData(table: PositionTable, vessels: Array<Record<string, string>>): boolean {
  const [a, b] = vessels.map((v) => table.mmsi.indexOf(v.mmsi!));
  if (a === undefined || b === undefined || a < 0 || b < 0) return false;
  let first = Infinity;
  let last = -Infinity;
  for (let r = table.vesselStart[a]!; r < table.vesselStart[a + 1]!; r++) {
    const q = rowAtOrAfter(table, b, table.t[r]! - 600);
    if (q >= table.vesselStart[b + 1]! || Math.abs(table.t[q]! - table.t[r]!) > 600) continue;
    const near = fastDistM(table.lat[r]!, table.lon[r]!, table.lat[q]!, table.lon[q]!) <= 500;
    if (near && table.sog[r]! < 2 && table.sog[q]! < 2) {
      first = Math.min(first, table.t[r]!);
      last = Math.max(last, table.t[r]!);
    }
  }
  return last - first >= 2 * 3600;
}

/** Which indicators each scheme is expected to raise, on which of its vessels. */
const EXPECTED: Record<string, Expectation[]> = {
  sts_dark_transfer: [
    { indicator: 'maritime.encounter', required: true, observable: metInData },
    { indicator: 'maritime.ais_gap', vessels: [0], required: false },
    { indicator: 'maritime.draught_change', required: false },
  ],
  shadow_fleet: [
    { indicator: 'maritime.identity', required: true },
    { indicator: 'maritime.ais_gap', required: false },
  ],
  // Borrowed MMSI (two vessels), invalid IMO (one), position jump (one): spoofing or identity.
  identity_manipulation: [{ indicator: 'maritime.spoofing|maritime.identity', required: true }],
};

test('all maritime indicators on a simulated world: planted schemes hit, the legitimate STS transfer not alerted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sextant-maritime-'));
  try {
    await simulate({ out: dir, seed: 11, scale: 0.1, days: 30, schemes: ['sts_dark_transfer', 'identity_manipulation', 'shadow_fleet', 'legit_sts'] });
    const { inputs, truth } = await loadWorld(dir);
    const table = inputs.positions;
    const profile = inputs.profile;
    const t0 = performance.now();
    const alerts: AlertDraft[] = [];
    const perIndicator: Record<string, number> = {};
    for (const ind of MARITIME_INDICATORS) {
      const found = await ind.run(inputs, defaults(ind));
      perIndicator[ind.code] = found.length;
      alerts.push(...found);
    }
    const seconds = (performance.now() - t0) / 1000;
    const threshold = profile.alertThreshold;
    const strong = alerts.filter((a) => a.score >= threshold);

    // Every alert is well formed.
    for (const a of alerts) {
      assert.ok(a.score >= 0 && a.score <= 1);
      assert.ok(a.evidence.length > 0 && a.evidence.length <= 10, `${a.indicator} evidence ${a.evidence.length}`);
      assert.ok(a.subjects.length > 0 && a.subjects.every((s) => s.schema === 'Vessel' && (s.identifiers.mmsi !== undefined || s.identifiers.imo !== undefined)));
      assert.ok(Date.parse(a.window.start) <= Date.parse(a.window.end));
      assert.ok(a.evidence.every((e) => e.source === AIS_FILE && /^\d+$/.test(e.record)));
    }
    const keys = alerts.map((a) => `${a.indicator}|${a.key}`);
    assert.equal(new Set(keys).size, keys.length, 'alert keys are unique');

    const lines: string[] = [];
    let missed = 0;
    for (const [type, expectations] of Object.entries(EXPECTED)) {
      const schemes = truth.schemes.filter((s) => s.type === type);
      assert.ok(schemes.length > 0, `the world has ${type}`);
      for (const exp of expectations) {
        const codes = exp.indicator.split('|');
        let total = 0;
        let observable = 0;
        let hitAny = 0;
        let hitStrong = 0;
        for (const s of schemes) {
          const vessels = s.subjects.filter((x) => x.schema === 'Vessel').map((x) => x.identifiers);
          const shows = exp.observable ? exp.observable(table, vessels) : true;
          const chosen = exp.vessels ? exp.vessels.map((i) => vessels[i]!).filter(Boolean) : vessels;
          for (const v of chosen) {
            total++;
            if (shows) observable++;
            if (alerts.some((a) => codes.includes(a.indicator) && hits(a, s, v))) hitAny++;
            if (strong.some((a) => codes.includes(a.indicator) && hits(a, s, v))) hitStrong++;
            else if (exp.required && shows) {
              missed++;
              console.log(`  missed: ${s.id} ${JSON.stringify(v)} by ${exp.indicator}`);
            }
          }
        }
        lines.push(
          `  ${type.padEnd(22)} ${exp.indicator.padEnd(36)} recall ${hitStrong}/${total} at ≥ ${threshold} (${hitAny}/${total} at any score)` +
            (exp.observable ? `; ${observable}/${total} show it in the positions` : '') +
            (exp.required ? '' : ' [reported, not required]'),
        );
      }
    }
    // Per scheme type, every indicator that names its vessels in its window (what else fires on them).
    for (const type of [...Object.keys(EXPECTED), 'legit_sts']) {
      const schemes = truth.schemes.filter((s) => s.type === type);
      const by: Record<string, number> = {};
      for (const s of schemes) {
        const vessels = s.subjects.filter((x) => x.schema === 'Vessel').map((x) => x.identifiers);
        for (const ind of MARITIME_INDICATORS) {
          if (strong.some((a) => a.indicator === ind.code && vessels.some((v) => hits(a, s, v)))) by[ind.code] = (by[ind.code] ?? 0) + 1;
        }
      }
      lines.push(`  ${type.padEnd(22)} instances ${schemes.length}; with an alert ≥ ${threshold} by: ${Object.entries(by).map(([k, n]) => `${k.replace('maritime.', '')} ${n}`).join(', ') || 'none'}`);
    }

    // Hard negative: no encounter at or above the threshold on a legitimate STS transfer.
    const legit = truth.schemes.filter((s) => s.type === 'legit_sts');
    assert.ok(legit.length > 0);
    let legitEncounters = 0;
    let legitAlerted = 0;
    for (const s of legit) {
      const vessels = s.subjects.filter((x) => x.schema === 'Vessel').map((x) => x.identifiers);
      const enc = alerts.filter((a) => a.indicator === 'maritime.encounter' && vessels.some((v) => hits(a, s, v, 0)));
      legitEncounters += enc.length;
      legitAlerted += enc.filter((a) => a.score >= threshold).length;
    }
    lines.push(`  legit_sts (negative)   encounters found ${legitEncounters}, at ≥ ${threshold}: ${legitAlerted}`);

    // Alerts at or above the threshold on vessels of no scheme (background traffic).
    const schemeIds = new Set(truth.schemes.flatMap((s) => s.subjects.filter((x) => x.schema === 'Vessel').flatMap((x) => [...(x.identifiers.mmsi ?? '').split(','), x.identifiers.imo])));
    const background: Record<string, number> = {};
    for (const a of strong) if (!a.subjects.some((s) => schemeIds.has(s.identifiers.mmsi ?? '') || schemeIds.has(s.identifiers.imo ?? ''))) background[a.indicator] = (background[a.indicator] ?? 0) + 1;

    console.log(
      [
        `maritime indicators on a simulated world (seed 11, scale 0.1, 30 days): ${table.length} positions, ${table.vessels} MMSIs, ${alerts.length} alerts (${strong.length} at ≥ ${threshold})`,
        `  alerts per indicator: ${JSON.stringify(perIndicator)}`,
        ...lines,
        `  alerts ≥ ${threshold} on background vessels: ${JSON.stringify(background)}`,
        `  one-off timing: ${seconds.toFixed(2)} s for all indicators (${Math.round(table.length / seconds).toLocaleString('en')} positions/s; includes building tracks and the coastline index)`,
      ].join('\n'),
    );
    assert.equal(legitAlerted, 0, 'no encounter at or above the threshold on a legitimate STS transfer');
    assert.equal(missed, 0, 'every planted scheme vessel is hit by its expected indicator (where the behaviour shows in the positions)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
