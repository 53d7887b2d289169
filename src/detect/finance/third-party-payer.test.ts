import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredDeclaration, StoredPayment } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { declaration, inputsOf, pay, run } from './testkit.ts';
import { thirdPartyPayer } from './third-party-payer.ts';

function alerts(declarations: StoredDeclaration[], payments: StoredPayment[], over = {}): AlertDraft[] {
  return run(thirdPartyPayer, inputsOf({ declarations, payments }), over);
}

const EXPORTER = { beneficiary_name: 'Alpha Electronics GmbH', beneficiary_country: 'de' };
const IMPORTER = { originator_name: 'Beta Trading LLC', originator_country: 'ae' };

describe('finance.third_party_payer', () => {
  it('a declared shipment paid by someone not on the declaration, citing its invoice', () => {
    const d = declaration({ invoice_reference: 'INV-1001', date: '2025-03-05' });
    const p = pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 0, { ...EXPORTER, originator_name: 'Gamma Holdings OOO', originator_country: 'ru', reference: 'INV 1001' });
    const found = alerts([d], [p]);
    assert.equal(found.length, 1);
    const a = found[0]!;
    assert.ok(a.score >= 0.9, `score ${a.score}`);
    assert.equal(a.key, `${d.dataset}:${d.declaration_id}`);
    assert.deepEqual(a.evidence.map((e) => e.schema), ['CustomsDeclaration', 'Payment']);
    assert.match(a.explanation, /by Gamma Holdings OOO \(ACCGAMMA\) \(ru\), a party not on the declaration, citing invoice INV-1001/);
    assert.ok(a.subjects.some((s) => s.schema === 'BankAccount' && s.identifiers.account === 'ACCGAMMA'));
    assert.ok(a.subjects.some((s) => s.name === 'Beta Trading LLC'));
  });

  it('a declaration paid by its own importer raises nothing, however the name is written', () => {
    const d = declaration({ invoice_reference: 'INV-1002' });
    assert.deepEqual(alerts([d], [pay('ACC-BETA', 'ACC-ALPHA', 50_000, 24, { ...EXPORTER, ...IMPORTER, reference: 'INV-1002' })]), []);
    assert.deepEqual(alerts([d], [pay('ACC-BETA', 'ACC-ALPHA', 50_000, 24, { ...EXPORTER, originator_name: 'BETA TRADING L.L.C.', reference: 'INV-1002' })]), []);
    // A consignee or the declarant paying is a party of the declaration too.
    const consigned = declaration({ invoice_reference: 'INV-1003', consignee_name: 'Delta Distribution FZE', consignee_country: 'ae' });
    assert.deepEqual(alerts([consigned], [pay('ACC-DELTA', 'ACC-ALPHA', 50_000, 24, { ...EXPORTER, originator_name: 'Delta Distribution FZE', reference: 'INV-1003' })]), []);
    // The importer's account, whatever name the payment writes beside it.
    const other = pay('ACC-BETA', 'ACC-ELSE', 700, -200, { ...IMPORTER, beneficiary_name: 'Office Supplies BV' });
    assert.deepEqual(alerts([d], [other, pay('ACC-BETA', 'ACC-ALPHA', 50_000, 24, { ...EXPORTER, originator_name: 'B.T. Treasury', reference: 'INV-1002' })]), []);
  });

  it('matches the exporter by the accounts its name is written with, the value within tolerance, across currencies', () => {
    const d = declaration({ invoice_reference: 'INV-1004' });
    const known = pay('ACC-ALPHA', 'ACC-LANDLORD', 4_000, -500, { originator_name: 'Alpha Electronics GmbH' });
    // The payment writes a trading name for the exporter; the account is the exporter's.
    const p = pay('ACC-GAMMA', 'ACC-ALPHA', 54_000, 10, { beneficiary_name: 'ALPHA-EL', originator_name: 'Gamma Holdings OOO', originator_country: 'ru', currency: 'USD', reference: 'INV-1004' });
    assert.equal(alerts([d], [known, p]).length, 1);
    // Beyond the tolerance (10% of the declared value) it pays something else.
    const far = pay('ACC-GAMMA', 'ACC-ALPHA', 70_000, 10, { ...EXPORTER, originator_name: 'Gamma Holdings OOO', reference: 'INV-1004' });
    assert.deepEqual(alerts([d], [far]), []);
    // Outside the window around the declaration date (30 days before, 90 after).
    const late = pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 24 * 100, { ...EXPORTER, originator_name: 'Gamma Holdings OOO', reference: 'INV-1004' });
    assert.deepEqual(alerts([d], [late]), []);
    assert.equal(alerts([d], [late], { days_after: 120 }).length, 1);
    // Names are compared as the screening engine prepares them: apostrophes, digits, legal forms.
    const irish = declaration({ exporter_name: "O'Brien Unit7 Ltd", exporter_country: 'ie', invoice_reference: 'INV-1006' });
    const paid = pay('ACC-GAMMA', 'ACC-OBRIEN', 50_000, 10, { beneficiary_name: 'OBRIEN UNIT 7 LIMITED', originator_name: 'Gamma Holdings OOO', originator_country: 'ru', reference: 'INV-1006' });
    assert.equal(alerts([irish], [paid]).length, 1);
  });

  it('a payment citing another invoice pays another invoice; an unreferenced one counts only when the own parties paid nothing', () => {
    const d = declaration({ invoice_reference: 'INV-1005' });
    const gamma = { ...EXPORTER, originator_name: 'Gamma Holdings OOO', originator_country: 'ru' };
    assert.deepEqual(alerts([d], [pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 10, { ...gamma, reference: 'INV-9999' })]), []);
    const unreferenced = pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 10, gamma);
    // Unreferenced, the one payment that fits, from a destination of concern, none from the declared parties: reported, below the threshold.
    const alone = alerts([d], [unreferenced]);
    assert.equal(alone.length, 1);
    assert.ok(alone[0]!.score >= 0.4 && alone[0]!.score < 0.5, `score ${alone[0]!.score}`);
    assert.match(alone[0]!.explanation, /matched by amount and date only/);
    // The importer paid the invoice: another customer's payment of a similar amount is not this shipment's.
    const own = pay('ACC-BETA', 'ACC-ALPHA', 50_000, 20, { ...EXPORTER, ...IMPORTER, reference: 'INV-1005' });
    assert.deepEqual(alerts([d], [unreferenced, own]), []);
    // A payer in the importer's own country, unreferenced, with the amount 8% off: weaker still.
    const local = pay('ACC-LOCAL', 'ACC-ALPHA', 54_000, 10, { ...EXPORTER, originator_name: 'Some Other LLC', originator_country: 'ae' });
    const weak = alerts([d], [local]);
    assert.equal(weak.length, 1);
    assert.ok(weak[0]!.score < alone[0]!.score, `score ${weak[0]!.score}`);
    // Two payments that fit by amount and date: neither is taken for this declaration's.
    assert.deepEqual(alerts([d], [unreferenced, local]), []);
  });

  it('a cited reference is found as words of its own in the reference or the purpose, however separated; not inside a longer word', () => {
    const d = declaration({ invoice_reference: 'INV/2025/0042' });
    const gamma = { ...EXPORTER, originator_name: 'Gamma Holdings OOO', originator_country: 'ru' };
    for (const purpose of ['payment for goods, invoice INV 2025 0042', 'INV-2025-0042 balance', 'inv/2025/0042']) {
      const found = alerts([d], [pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 10, { ...gamma, purpose })]);
      assert.equal(found.length, 1, purpose);
      assert.ok(found[0]!.score >= 0.75, `${purpose}: score ${found[0]!.score}`);
    }
    // Glued into another word, it is not a citation: the payment cites its own reference and pays another invoice.
    assert.deepEqual(alerts([d], [pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 10, { ...gamma, reference: 'XINV20250042' })]), []);
    // Among many payments of about the value, the citing one is still found and the others do not hide it.
    const others = Array.from({ length: 50 }, (_, i) => pay(`ACC-C${i}`, 'ACC-ALPHA', 49_000 + i * 40, 5, { ...EXPORTER, originator_name: `Customer ${i} LLC` }));
    const found = alerts([d], [...others, pay('ACC-GAMMA', 'ACC-ALPHA', 50_000, 10, { ...gamma, reference: 'INV 2025 0042' })]);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score >= 0.75);
  });
});
