import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredPayment } from '../../store/events.ts';
import { PaymentGraph } from './graph.ts';
import { defaults } from '../indicator.ts';
import { passLinks, passParams, passThrough } from './pass-through.ts';
import { inputsOf, pay, run } from './testkit.ts';

function alerts(payments: StoredPayment[], over = {}) {
  return run(passThrough, inputsOf({ payments }), over);
}

describe('finance.pass_through', () => {
  it('follows money through thin accounts hop by hop and scores a long, fast chain high', () => {
    const chain = [pay('ACC-A', 'ACC-B', 100_000, 0), pay('ACC-B', 'ACC-C', 96_000, 6), pay('ACC-C', 'ACC-D', 93_000, 30), pay('ACC-D', 'ACC-E', 90_500, 52), pay('ACC-E', 'ACC-F', 88_000, 70)];
    const found = alerts(chain);
    assert.equal(found.length, 1);
    const a = found[0]!;
    assert.ok(a.score >= 0.85, `score ${a.score}`);
    assert.equal(a.details!.hops, 5);
    // Subjects: the pass-through accounts and their holders, not the source and the sink.
    const accounts = a.subjects.filter((s) => s.schema === 'BankAccount').map((s) => s.identifiers.account);
    assert.deepEqual(accounts, ['ACCB', 'ACCC', 'ACCD', 'ACCE']);
    assert.ok(a.subjects.some((s) => s.name === 'Holder C Ltd' && s.schema === 'LegalEntity'));
    // Evidence: every payment of the chain, in order.
    assert.deepEqual(a.evidence.map((e) => e.record), chain.map((p) => p.source_record));
    assert.equal(a.window.start, chain[0]!.ts.replace(/\.000Z$/, '.000Z'));
    assert.match(a.explanation, /passed through 4 accounts .* in 5 payments/);
  });

  it('a chain of three payments (A → B → C → D) is the shortest that counts', () => {
    const three = [pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-C', 45_000, 10), pay('ACC-C', 'ACC-D', 41_000, 20)];
    const found = alerts(three);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score >= 0.5);
    assert.deepEqual(alerts(three.slice(0, 2)), []);
    assert.equal(alerts(three, { min_hops: 4 }).length, 0);
  });

  it('breaks the chain when less than 80% moves on or it moves on after 72 h', () => {
    const slow = [pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-C', 48_000, 10), pay('ACC-C', 'ACC-D', 47_000, 10 + 73)];
    assert.deepEqual(alerts(slow), []);
    const kept = [pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-C', 35_000, 10), pay('ACC-C', 'ACC-D', 34_000, 20)];
    assert.deepEqual(alerts(kept), []);
    // Split in two parts that together pass 90%: the main part (≥ half) is followed.
    const split = [pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-C', 30_000, 5), pay('ACC-B', 'ACC-X', 15_000, 6), pay('ACC-C', 'ACC-D', 29_000, 20)];
    const found = alerts(split);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.details!.accounts, ['ACCA', 'ACCB', 'ACCC', 'ACCD']);
    // Straight back to the sender is a refund, not a hop.
    assert.deepEqual(alerts([pay('ACC-A', 'ACC-B', 50_000, 0), pay('ACC-B', 'ACC-A', 50_000, 5), pay('ACC-A', 'ACC-B', 50_000, 10)]), []);
  });

  it("tolerates banks' booking times: an onward payment recorded a few hours before the inbound one still follows it", () => {
    // Bank X books the inbound payment at 17:00, bank Y the onward one at 13:00 the same day.
    const skewed = [pay('ACC-A', 'ACC-B', 50_000, 8), pay('ACC-B', 'ACC-C', 48_000, 4, { dataset: 'payments/bank-y.csv' }), pay('ACC-C', 'ACC-D', 47_000, 30)];
    assert.equal(alerts(skewed).length, 1);
    assert.deepEqual(alerts(skewed, { clock_skew_hours: 0 }), []);
    // A day before is not a booking difference.
    assert.deepEqual(alerts([pay('ACC-A', 'ACC-B', 50_000, 30), pay('ACC-B', 'ACC-C', 48_000, 4), pay('ACC-C', 'ACC-D', 47_000, 40)]), []);
  });

  it('compares amounts across currencies in approximate dollars', () => {
    const mixed = [pay('ACC-A', 'ACC-B', 100_000, 0), pay('ACC-B', 'ACC-C', 105_000, 4, { currency: 'USD' }), pay('ACC-C', 'ACC-D', 3_300_000, 8, { currency: 'TRY' })];
    assert.equal(alerts(mixed).length, 1);
    // A currency without a reference rate is compared only with itself.
    const exotic = [pay('ACC-A', 'ACC-B', 100_000, 0, { currency: 'XAF' }), pay('ACC-B', 'ACC-C', 95_000, 4, { currency: 'XAF' }), pay('ACC-C', 'ACC-D', 94_000, 8, { currency: 'XAF' })];
    assert.equal(alerts(exotic).length, 1);
    const unlike = [pay('ACC-A', 'ACC-B', 100_000, 0, { currency: 'XAF' }), pay('ACC-B', 'ACC-C', 95_000, 4, { currency: 'XOF' }), pay('ACC-C', 'ACC-D', 94_000, 8, { currency: 'XOF' })];
    assert.deepEqual(alerts(unlike), []);
  });

  it("does not follow money into a bank's normal throughput", () => {
    // A settlement account takes in and pays out hundreds of payments a day; one of its inbound payments
    // is followed by an outbound of the same size to an account that passes it on: not the same money.
    const payments: StoredPayment[] = [];
    for (let h = 0; h < 24 * 10; h++) {
      for (let k = 0; k < 4; k++) {
        payments.push(pay(`ACC-CUST${(h * 7 + k) % 300}`, 'ACC-BANK', 40_000 + ((h * 13 + k * 7919) % 20_000), h + k * 0.2));
        payments.push(pay('ACC-BANK', `ACC-SUPP${(h * 11 + k) % 300}`, 40_000 + ((h * 17 + k * 104_729) % 20_000), h + k * 0.2 + 0.1));
      }
    }
    payments.push(pay('ACC-A', 'ACC-BANK', 60_000, 50.05));
    payments.push(pay('ACC-BANK', 'ACC-Y', 58_000, 52.05));
    payments.push(pay('ACC-Y', 'ACC-Z', 57_000, 60));
    payments.push(pay('ACC-Z', 'ACC-W', 56_000, 70));
    const found = alerts(payments);
    assert.ok(!found.some((a) => a.score >= 0.5 && (a.details!.accounts as string[]).slice(1, -1).includes('ACCBANK')), 'chain through the settlement account');
    // The part of the chain after the bank stands on its own: Y and Z pass the money on (BANK → Y → Z → W).
    assert.ok(found.some((a) => (a.details!.accounts as string[]).join(',') === 'ACCBANK,ACCY,ACCZ,ACCW'));
    // And the work stays linear: none of the settlement account's ~1,000 inbound payments is followed, so its
    // outbound ones are never scanned for them (a scan of every pair would be a million checks).
    const g = new PaymentGraph(payments);
    const links = passLinks(g, passParams(defaults(passThrough)));
    const bank = g.accountOf('ACC-BANK');
    let followed = 0;
    for (let e = 0; e < g.edges; e++) if (g.to[e] === bank && links.succStart[e + 1]! > links.succStart[e]!) followed++;
    assert.equal(followed, 0);
  });

  it('ordinary trade through busy accounts stays below the threshold', () => {
    // A customer pays a distributor, who pays its supplier: each account does business with many others.
    const payments: StoredPayment[] = [pay('ACC-CUST', 'ACC-DIST', 20_000, 0), pay('ACC-DIST', 'ACC-SUPP', 19_000, 30), pay('ACC-SUPP', 'ACC-RAW', 18_500, 60)];
    for (let d = 0; d < 60; d++) {
      for (const a of ['ACC-CUST', 'ACC-DIST', 'ACC-SUPP', 'ACC-RAW']) payments.push(pay(a, `ACC-OTHER${d % 17}`, 500 + d * 37, 200 + d * 24));
    }
    const found = alerts(payments);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score < 0.5, `score ${found[0]!.score}`);
  });

  it('takes the same payment reported by both banks as one, citing both records', () => {
    const a = pay('ACC-A', 'ACC-B', 50_000, 0);
    const copy = { ...a, dataset: 'payments/bank-y.csv', source_record: 'Y-77', agency: 'bank-y' };
    const chain = [a, copy, pay('ACC-B', 'ACC-C', 45_000, 10), pay('ACC-C', 'ACC-D', 41_000, 20)];
    assert.equal(new PaymentGraph(chain).edges, 3);
    const found = alerts(chain);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.evidence.slice(0, 2).map((e) => `${e.source}:${e.record}`), [`${a.dataset}:${a.source_record}`, 'payments/bank-y.csv:Y-77']);
  });
});
