/**
 * The finance indicators on a simulated world (src/simulate), checked against
 * its truth: the planted pass-through chains and payment cycles must be found
 * above the threshold, the layered ownership's payments to a blocked company
 * too; the hard negatives (a listed person's 49% stake, namesakes of listed
 * people) and the background must stay below it. Recall and the background's
 * strong alerts are printed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simulate } from '../../simulate/index.ts';
import type { AlertDraft } from '../alert.ts';
import { listedCounterparty, listedCounterpartyAlerts } from './listed-counterparty.ts';
import { passThrough } from './pass-through.ts';
import { inputsOf, PROFILE, readSimWorld, recall, run, simOwnership, type SimWorld } from './testkit.ts';
import { defaults } from '../indicator.ts';
import { thirdPartyPayer } from './third-party-payer.ts';
import { typology } from './typology.ts';

const THRESHOLD = PROFILE.alertThreshold;

describe('finance indicators on a simulated world', () => {
  let dir: string;
  let sim: SimWorld;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sextant-finance-'));
    // Scale 4: four instances of each scheme, 40,000 payments over 90 days.
    const manifest = await simulate({
      out: dir,
      seed: 7,
      scale: 4,
      days: 90,
      schemes: ['pass_through', 'payment_cycle', 'ownership_layering', 'stake_49', 'common_names', 'chpl_transshipment', 'mis_invoicing', 'licensed_dual_use'],
    });
    sim = await readSimWorld(dir, manifest);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  /** Strong alerts whose evidence touches no planted scheme: the background's false positives. */
  function background(alerts: AlertDraft[]): AlertDraft[] {
    const planted = new Set(sim.truth.flatMap((s) => s.records));
    return alerts.filter((a) => a.score >= THRESHOLD && !a.evidence.some((e) => planted.has(`${e.source}:${e.record}`)));
  }

  /** Schemes of a type one of whose payments is in an alert at or above the threshold. */
  function paymentsFlagged(type: string, alerts: AlertDraft[]): { found: number; of: number } {
    const flagged = new Set(alerts.filter((a) => a.score >= THRESHOLD).flatMap((a) => a.evidence.filter((e) => e.schema === 'Payment').map((e) => `${e.source}:${e.record}`)));
    const schemes = sim.truth.filter((s) => s.type === type);
    return { found: schemes.filter((s) => s.records.some((r) => flagged.has(r))).length, of: schemes.length };
  }

  it('finds the planted pass-through chains and payment cycles', () => {
    const inputs = inputsOf({ payments: sim.payments });
    const pass = run(passThrough, inputs);
    const shapes = run(typology, inputs);
    const cycles = shapes.filter((a) => a.details!.pattern === 'cycle');
    const chains = recall(sim.truth, 'pass_through', pass, 4);
    const rings = recall(sim.truth, 'payment_cycle', cycles, 3);
    const passBackground = background(pass);
    const shapeBackground = background(shapes);
    console.log(
      `finance on a simulated world: ${sim.payments.length} payments; pass_through ${chains.found}/${chains.of} by finance.pass_through, ` +
        `payment_cycle ${rings.found}/${rings.of} by finance.typology (cycle); strong background alerts: pass_through ${passBackground.length}, typology ${shapeBackground.length} ` +
        `(${[...new Set(shapeBackground.map((a) => a.details!.pattern))].join(', ') || 'none'}) of ${shapes.length} typology alerts`,
    );
    assert.ok(chains.of > 0 && chains.found === chains.of, `pass_through recall ${chains.found}/${chains.of}, missed ${chains.missed.join(', ')}`);
    assert.ok(rings.of > 0 && rings.found === rings.of, `payment_cycle recall ${rings.found}/${rings.of}, missed ${rings.missed.join(', ')}`);
    assert.ok(passBackground.length <= 2, `${passBackground.length} strong pass-through alerts in the background`);
    assert.ok(shapeBackground.length <= Math.max(5, sim.payments.length / 2000), `${shapeBackground.length} strong typology alerts in the background`);
  });

  it('flags payments to companies blocked by aggregation, not the 49% stake nor the namesakes', async () => {
    const { world, listed } = await simOwnership(dir);
    const inputs = inputsOf({ payments: sim.payments, declarations: sim.declarations, ownership: world, listedParties: listed });
    // The run's names screened ahead in worker threads, as a large run has them: the same alerts as in one thread.
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(w.code ?? w.message);
    process.on('warning', onWarning);
    const ahead = listedCounterpartyAlerts(inputs, defaults(listedCounterparty), { workers: 2, minQueries: 0 });
    assert.ok(ahead instanceof Promise, 'the names were screened ahead');
    const alerts = await ahead;
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(warnings, [], 'the worker threads ran (a failed one warns SEXTANT_SCREEN_WORKER)');
    const inThread = listedCounterpartyAlerts(inputs, defaults(listedCounterparty), { workers: 1 });
    assert.ok(Array.isArray(inThread));
    assert.deepEqual(alerts, inThread);
    const layering = paymentsFlagged('ownership_layering', alerts);
    const stake49 = paymentsFlagged('stake_49', alerts);
    const namesakes = paymentsFlagged('common_names', alerts);
    const noise = background(alerts);
    console.log(
      `listed_counterparty on a simulated world: ownership_layering ${layering.found}/${layering.of}; hard negatives flagged: stake_49 ${stake49.found}/${stake49.of}, ` +
        `common_names ${namesakes.found}/${namesakes.of}; strong background alerts ${noise.length}`,
    );
    assert.ok(layering.of > 0 && layering.found === layering.of, `ownership_layering ${layering.found}/${layering.of}`);
    assert.equal(stake49.found, 0, 'a 49% stake flagged above the threshold');
    assert.equal(namesakes.found, 0, 'a namesake flagged above the threshold');
    assert.equal(noise.length, 0, noise.map((a) => a.explanation).join('\n'));
  });

  it('the simulated trade is paid by its own parties: no third-party payer above the threshold', () => {
    const alerts = run(thirdPartyPayer, inputsOf({ payments: sim.payments, declarations: sim.declarations }));
    const strong = alerts.filter((a) => a.score >= THRESHOLD);
    console.log(`third_party_payer on a simulated world: ${sim.declarations.length} declarations, ${alerts.length} alerts, ${strong.length} at or above the threshold`);
    assert.ok(strong.length <= Math.max(2, sim.declarations.length / 1000), strong.map((a) => a.explanation).join('\n'));
  });
});
