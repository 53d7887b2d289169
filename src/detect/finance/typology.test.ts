import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredPayment } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { inputsOf, pay, run } from './testkit.ts';
import { typology } from './typology.ts';

function alerts(payments: StoredPayment[], over = {}): AlertDraft[] {
  return run(typology, inputsOf({ payments }), over);
}

function pattern(found: AlertDraft[], name: string): AlertDraft[] {
  return found.filter((a) => a.details!.pattern === name);
}

const strong = (found: AlertDraft[]) => found.filter((a) => a.score >= 0.5);

describe('finance.typology', () => {
  it('fan-in into a funnel account that forwards the money at once is above the threshold; the same fan-in kept is not', () => {
    const senders = Array.from({ length: 8 }, (_, i) => pay(`ACC-S${i}`, 'ACC-FUNNEL', 9_000 + i * 50, i * 3));
    const forward = pay('ACC-FUNNEL', 'ACC-OUT', 70_000, 30);
    const found = alerts([...senders, forward]);
    const fanIn = pattern(found, 'fan_in');
    assert.equal(fanIn.length, 1);
    assert.ok(fanIn[0]!.score >= 0.5, `score ${fanIn[0]!.score}`);
    assert.match(fanIn[0]!.explanation, /8 senders paid Holder FUNNEL Ltd .*95% of it left within 72 h/);
    assert.equal(fanIn[0]!.evidence.length, 8);
    // Without the onward payment it is a pure fan-in: reported, below the threshold.
    const kept = pattern(alerts(senders), 'fan_in');
    assert.equal(kept.length, 1);
    assert.ok(kept[0]!.score < 0.5 && kept[0]!.score >= 0.3, `score ${kept[0]!.score}`);
    // Fewer senders than min_counterparties: no fan.
    assert.deepEqual(pattern(alerts(senders.slice(0, 4)), 'fan_in'), []);
  });

  it('payroll — one company paying the same employees every month — stays below the threshold', () => {
    const payments: StoredPayment[] = [];
    for (let month = 0; month < 3; month++) {
      const payday = month * 30 * 24;
      // The month's receipts from customers, two days before payday: the money moves on fast, as a dispersal account's would.
      payments.push(pay('ACC-CUSTOMER', 'ACC-EMPLOYER', 150_000, payday - 48));
      for (let k = 0; k < 40; k++) payments.push(pay('ACC-EMPLOYER', `ACC-EMP${k}`, 3_200 + (k % 5) * 150, payday + k * 0.05, { purpose: 'Salary' }));
    }
    const found = alerts(payments);
    const fanOut = pattern(found, 'fan_out');
    assert.equal(fanOut.length, 3);
    assert.deepEqual(strong(found), []);
    assert.match(fanOut[1]!.explanation, /100% of the counterparties recur outside the episode/);
  });

  it('a marketplace — a permanent fan-in, paying its sellers — stays below the threshold', () => {
    const payments: StoredPayment[] = [];
    for (let day = 0; day < 60; day++) {
      for (let k = 0; k < 12; k++) payments.push(pay(`ACC-BUYER${(day * 12 + k) % 150}`, 'ACC-MARKET', 1_000 + ((day * 31 + k * 977) % 4_000), day * 24 + k));
      for (let k = 0; k < 6; k++) payments.push(pay('ACC-MARKET', `ACC-SELLER${(day + k) % 40}`, 2_000 + ((day * 17 + k * 331) % 5_000), day * 24 + 14 + k));
    }
    const found = alerts(payments);
    assert.ok(found.length > 0);
    assert.deepEqual(strong(found), []);
  });

  it('finds money back at its origin through three accounts, each hop within 10% of the previous amount', () => {
    const ring = [pay('ACC-A', 'ACC-B', 120_000, 0), pay('ACC-B', 'ACC-C', 115_000, 20), pay('ACC-C', 'ACC-D', 112_000, 50), pay('ACC-D', 'ACC-A', 110_000, 90)];
    const cycles = pattern(alerts(ring), 'cycle');
    assert.equal(cycles.length, 1);
    assert.ok(cycles[0]!.score >= 0.7, `score ${cycles[0]!.score}`);
    assert.equal(cycles[0]!.evidence.length, 4);
    assert.deepEqual(cycles[0]!.subjects.filter((s) => s.schema === 'BankAccount').map((s) => s.identifiers.account), ['ACCA', 'ACCB', 'ACCC', 'ACCD']);
    // A hop 20% smaller breaks it; so does a hop after 72 h, or a return after the window.
    assert.deepEqual(pattern(alerts([ring[0]!, pay('ACC-B', 'ACC-C', 92_000, 20), ring[2]!, ring[3]!]), 'cycle'), []);
    assert.deepEqual(pattern(alerts([ring[0]!, ring[1]!, pay('ACC-C', 'ACC-D', 112_000, 100), pay('ACC-D', 'ACC-A', 110_000, 120)]), 'cycle'), []);
    assert.deepEqual(pattern(alerts(ring, { cycle_window_days: 3 }), 'cycle'), []);
    // A loan and its repayment is a cycle of two: not reported by default.
    assert.deepEqual(pattern(alerts([pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-A', 50_000, 40)]), 'cycle'), []);
  });

  it('a treasury sweep repeated every week is discounted below the threshold', () => {
    const payments: StoredPayment[] = [];
    for (let w = 0; w < 8; w++) {
      const t = w * 7 * 24;
      payments.push(pay('ACC-OPCO', 'ACC-POOL', 200_000, t), pay('ACC-POOL', 'ACC-HOLDCO', 199_000, t + 2), pay('ACC-HOLDCO', 'ACC-OPCO', 198_000, t + 30));
    }
    const cycles = pattern(alerts(payments), 'cycle');
    assert.equal(cycles.length, 8);
    for (const c of cycles) assert.ok(c.score < 0.5, `score ${c.score}`);
    assert.match(cycles[0]!.explanation, /cycled 8 times/);
  });

  it('scatter-gather: one account pays four intermediaries who each pass the amount to the same account', () => {
    const payments: StoredPayment[] = [];
    for (let i = 0; i < 4; i++) {
      payments.push(pay('ACC-SRC', `ACC-MID${i}`, 25_000 + i * 100, i * 2));
      payments.push(pay(`ACC-MID${i}`, 'ACC-SINK', 24_600 + i * 100, i * 2 + 20));
    }
    const sg = pattern(alerts(payments), 'scatter_gather');
    assert.equal(sg.length, 1);
    assert.ok(sg[0]!.score >= 0.7, `score ${sg[0]!.score}`);
    assert.equal(sg[0]!.details!.intermediaries, 4);
    assert.equal(sg[0]!.evidence.length, 8);
    // Two intermediaries are not a scatter-gather (min_intermediaries 3).
    assert.deepEqual(pattern(alerts(payments.slice(0, 4)), 'scatter_gather'), []);
  });

  it('gather-scatter: many fresh senders, then many recipients within hours — one alert, no separate fans', () => {
    const payments: StoredPayment[] = [];
    for (let i = 0; i < 7; i++) payments.push(pay(`ACC-IN${i}`, 'ACC-HUB', 14_000 + i * 30, i * 2));
    for (let i = 0; i < 6; i++) payments.push(pay('ACC-HUB', `ACC-OUT${i}`, 15_500 + i * 40, 20 + i * 2));
    const found = alerts(payments);
    const gs = pattern(found, 'gather_scatter');
    assert.equal(gs.length, 1);
    assert.ok(gs[0]!.score >= 0.5, `score ${gs[0]!.score}`);
    assert.deepEqual(pattern(found, 'fan_in'), []);
    assert.deepEqual(pattern(found, 'fan_out'), []);
    // Only the patterns asked for; a pattern the indicator does not know is an error naming the parameter.
    assert.deepEqual(alerts(payments, { patterns: ['cycle'] }), []);
    assert.throws(() => alerts(payments, { patterns: ['fan-in'] }), /unknown pattern "fan-in" in params\.patterns/);
  });

  it('leaves small payments out (min_amount, approximate dollars)', () => {
    const senders = Array.from({ length: 8 }, (_, i) => pay(`ACC-S${i}`, 'ACC-FUNNEL', 300, i * 3));
    assert.deepEqual(alerts([...senders, pay('ACC-FUNNEL', 'ACC-OUT', 2_300, 30)]), []);
  });
});
