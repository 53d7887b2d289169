import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredPayment } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { listedCounterparty, type ListedParty } from './listed-counterparty.ts';
import { declaration, inputsOf, pay, run, worldOf } from './testkit.ts';

/**
 * Ivan Petrov is designated. He holds 50% of Northwind Holdings (blocked under OFAC and EU, not UK:
 * UK needs more than 50%), which holds 60% of Taurus Trading (blocked), which owns Orion Machinery
 * outright (blocked). He also holds 49% of Delta Trading (not blocked). Another Ivan Petrov, a
 * private person, banks with his own account.
 */
const WORLD = worldOf({
  entities: [
    { id: 'pe-x', schema: 'Person', name: 'Ivan Petrov' },
    { id: 'pe-nominee', schema: 'Person', name: 'John Smith' },
    { id: 'co-h1', schema: 'Company', name: 'Northwind Holdings Ltd' },
    { id: 'pe-other', schema: 'Person', name: 'Maria Lopez' },
    { id: 'co-t', schema: 'Company', name: 'Taurus Trading LLC' },
    { id: 'co-o', schema: 'Company', name: 'Orion Machinery GmbH' },
    { id: 'ac-o', schema: 'BankAccount', name: 'DE44 5001 0517 5407 3249 31' },
    { id: 'pe-namesake', schema: 'Person', name: 'Ivan Petrov' },
    { id: 'ac-n', schema: 'BankAccount', name: 'NL91ABNA0417164300' },
    { id: 'co-d', schema: 'Company', name: 'Delta Trading BV' },
    { id: 'pe-founder', schema: 'Person', name: 'Pieter de Vries' },
    { id: 'ac-d', schema: 'BankAccount', name: 'NL02RABO0123456789' },
    { id: 'co-m', schema: 'Company', name: 'Meridian LLC' },
  ],
  stakes: [
    { id: 'ow-1', owner: 'pe-x', asset: 'co-h1', percentage: '50' },
    { id: 'ow-2', owner: 'pe-nominee', asset: 'co-h1', percentage: '50' },
    { id: 'ow-3', owner: 'co-h1', asset: 'co-t', percentage: '60' },
    { id: 'ow-4', owner: 'pe-other', asset: 'co-t', percentage: '40' },
    { id: 'ow-5', owner: 'co-t', asset: 'co-o', percentage: '100' },
    { id: 'ac-o-holder', owner: 'co-o', asset: 'ac-o' },
    { id: 'ac-n-holder', owner: 'pe-namesake', asset: 'ac-n' },
    { id: 'ow-6', owner: 'pe-x', asset: 'co-d', percentage: '49' },
    { id: 'ow-7', owner: 'pe-founder', asset: 'co-d', percentage: '51' },
    { id: 'ac-d-holder', owner: 'co-d', asset: 'ac-d' },
    { id: 'ow-8', owner: 'pe-founder', asset: 'co-m', percentage: '100' },
  ],
  designations: [{ id: 'pe-x', listed: 'sa-1', reason: 'screening match 0.97 with listed sa-1 (Ivan Petrov)' }],
});

const sanction = (id: string) => ({ id: `${id}-sanction`, dataset: 'sanctions/exercise_list.ftm.json', record: `${id}-sanction`, agency: 'sanctions-authority', marking: 'TLP:CLEAR', authority: 'Sanctions Authority', program: 'RUSSIA-EO14024' });

const LISTED: ListedParty[] = [
  { id: 'sa-1', schema: 'Person', names: ['Ivan Petrov'], countries: ['ru'], birthDates: ['1961-04-02'], sanctions: [sanction('sa-1')] },
  { id: 'sa-2', schema: 'Company', names: ['Rosoboronexport Trading LLC'], countries: ['ru'], sanctions: [sanction('sa-2')] },
  { id: 'sa-3', schema: 'Company', names: ['OOO Meridian'], countries: ['ru'], sanctions: [sanction('sa-3')] },
];

function alerts(payments: StoredPayment[], parts: { listed?: boolean; world?: boolean } = {}): AlertDraft[] {
  return run(listedCounterparty, inputsOf({ payments, ownership: parts.world === false ? null : WORLD, ...(parts.listed === false ? {} : { listedParties: LISTED }) }));
}

const ordinary = { originator_name: 'Fresh Foods BV', originator_country: 'nl' };

describe('finance.listed_counterparty', () => {
  it('a payment into the account of a company blocked by aggregation, with the path from the designated owner', () => {
    const p = pay('NL39RABO0300065264', 'DE44500105175407324931', 40_000, 0, { ...ordinary, beneficiary_name: 'ORION MACHINERY', beneficiary_country: 'de' });
    const found = alerts([p]);
    assert.equal(found.length, 1);
    const a = found[0]!;
    assert.equal(a.score, 0.85);
    assert.match(a.explanation, /beneficiary: account DE44500105175407324931 is held by Orion Machinery GmbH; Orion Machinery GmbH is blocked under ofac, eu \(ofac: ≥ 50%\): Ivan Petrov —50%→ Northwind Holdings Ltd —60%→ Taurus Trading LLC —100%→ Orion Machinery GmbH; designated: Ivan Petrov/);
    // Evidence: the payment, the account holding and the stakes of the path, the designation.
    assert.deepEqual(a.evidence.map((e) => `${e.schema}:${e.record}`), ['Payment:' + p.source_record, 'Ownership:ac-o-holder', 'Ownership:ow-1', 'Ownership:ow-3', 'Ownership:ow-5', 'Sanction:sa-1-sanction']);
    assert.ok(a.subjects.some((s) => s.id === 'co-o'));
    assert.ok(a.subjects.some((s) => s.schema === 'BankAccount' && s.identifiers.account === 'DE44500105175407324931'));
    // Without the listed parties the world alone finds it (no Sanction record to cite).
    const worldOnly = alerts([p], { listed: false });
    assert.equal(worldOnly[0]!.score, 0.85);
    assert.ok(!worldOnly[0]!.evidence.some((e) => e.schema === 'Sanction'));
  });

  it('a namesake of a listed person paying from their own registered account is not the listed person', () => {
    const p = pay('NL91ABNA0417164300', 'NL39RABO0300065264', 250, 0, { originator_name: 'Ivan Petrov', originator_country: 'nl', beneficiary_name: 'Fresh Foods BV' });
    assert.deepEqual(alerts([p]), []);
    // The same name from an account nobody in the registry holds is a name match: the listed person.
    const unknown = pay('CH9300762011623852957', 'NL39RABO0300065264', 25_000, 0, { originator_name: 'Ivan Petrov', originator_country: 'ru', beneficiary_name: 'Fresh Foods BV' });
    const found = alerts([unknown]);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.score, 0.95);
    assert.ok(found[0]!.evidence.some((e) => e.schema === 'Sanction' && e.record === 'sa-1-sanction'));
    assert.match(found[0]!.explanation, /originator: name "Ivan Petrov" matches Ivan Petrov \(1\.00\)/);
    // The registry's Ivan Petrov and the list's entry are one party (the world links them): one hit, citing the designation.
    assert.equal((found[0]!.details!.hits as unknown[]).length, 1);
  });

  it("a listed person's minority stake (49%) is reported below the threshold, naming the owner", () => {
    const p = pay('NL02RABO0123456789', 'NL39RABO0300065264', 30_000, 0, { originator_name: 'Delta Trading B.V.', beneficiary_name: 'Fresh Foods BV' });
    const found = alerts([p]);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score < 0.5, `score ${found[0]!.score}`);
    assert.match(found[0]!.explanation, /Delta Trading BV is 49% owned by Ivan Petrov, who is designated .*not blocked under the ownership rules/);
  });

  it('a name look-alike in another country is not the listed company; the exact name or the same country is', () => {
    const from = (name: string, country: string) => pay('TR330006100519786457841326', 'NL39RABO0300065264', 80_000, 0, { originator_name: name, originator_country: country, beneficiary_name: 'Fresh Foods BV' });
    assert.deepEqual(alerts([from('Rosoboronexport Tradings LLC', 'tr')]).filter((a) => a.score >= 0.5), []);
    const same = alerts([from('Rosoboronexport Tradings LLC', 'ru')]);
    assert.equal(same.length, 1);
    assert.ok(same[0]!.score >= 0.85);
    const exact = alerts([from('ROSOBORONEXPORT TRADING L.L.C.', 'tr')]);
    assert.ok(exact[0]!.score >= 0.8, `score ${exact[0]!.score}`);
    // An unrelated name with a common word is nothing.
    assert.deepEqual(alerts([from('Trading Partners LLC', 'ru')]), []);
  });

  it('declaration parties are screened by name against the blocked and the listed', () => {
    const d = declaration({ importer_name: 'Taurus Trading L.L.C.', importer_country: 'ae' });
    const found = run(listedCounterparty, inputsOf({ declarations: [d], ownership: WORLD }));
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score >= 0.8);
    assert.equal(found[0]!.key, `${d.dataset}:${d.declaration_id}`);
    assert.match(found[0]!.explanation, /importer: name "Taurus Trading L\.L\.C\." matches Taurus Trading LLC/);
    assert.deepEqual(run(listedCounterparty, inputsOf({ declarations: [declaration({})], ownership: WORLD })), []);
    // A generic company name the registry also gives an unlisted company: the name alone does not say which.
    const generic = declaration({ exporter_name: 'Meridian LLC', exporter_country: 'ru' });
    const ambiguous = run(listedCounterparty, inputsOf({ declarations: [generic], ownership: WORLD, listedParties: LISTED }));
    assert.equal(ambiguous.length, 1);
    assert.ok(ambiguous[0]!.score < 0.5, `score ${ambiguous[0]!.score}`);
    assert.match(ambiguous[0]!.explanation, /exporter: name "Meridian LLC" matches OOO Meridian \(1\.00; the registry also holds an unlisted company of this name\)/);
    assert.ok(run(listedCounterparty, inputsOf({ declarations: [generic], listedParties: LISTED }))[0]!.score >= 0.9);
  });

  it('nothing to screen against: no alerts', () => {
    const p = pay('CH9300762011623852957', 'NL39RABO0300065264', 25_000, 0, { originator_name: 'Ivan Petrov' });
    assert.deepEqual(alerts([p], { world: false, listed: false }), []);
    assert.equal(alerts([p], { world: false }).length, 1);
  });
});

describe('finance.listed_counterparty: companies named after listed persons', () => {
  const world = worldOf({
    entities: [
      { id: 'co-front', schema: 'Company', name: 'Ali Mansur Al Halabi Invest LLC' },
      { id: 'ac-front', schema: 'BankAccount', name: 'AE070331234567890123456' },
      { id: 'co-surname', schema: 'Company', name: 'Al Halabi Trading LLC' },
      { id: 'ac-surname', schema: 'BankAccount', name: 'AE460331234567890123457' },
      { id: 'pe-same', schema: 'Person', name: 'Ali Mansour Al Halabi' },
      { id: 'ac-same', schema: 'BankAccount', name: 'AE190331234567890123458' },
    ],
    stakes: [
      { id: 'h1', owner: 'co-front', asset: 'ac-front' },
      { id: 'h2', owner: 'co-surname', asset: 'ac-surname' },
      { id: 'h3', owner: 'pe-same', asset: 'ac-same' },
    ],
    designations: [],
  });
  const listed: ListedParty[] = [{ id: 'sa-9', schema: 'Person', names: ['Ali Mansour Al Halabi'], countries: ['sy'], sanctions: [sanction('sa-9')] }];
  const run1 = (p: StoredPayment) => run(listedCounterparty, inputsOf({ payments: [p], ownership: world, listedParties: listed }));

  it('a company whose name is a listed person\'s, business words aside, is a possible front above the threshold', () => {
    const found = run1(pay('AE070331234567890123456', 'NL39RABO0300065264', 80_000, 0, { originator_name: 'ALI MANSUR AL HALABI INVEST L.L.C.', originator_country: 'ae', beneficiary_name: 'Fresh Foods BV' }));
    assert.equal(found.length, 1);
    assert.ok(found[0]!.score >= 0.5, String(found[0]!.score));
    assert.match(found[0]!.explanation, /carries the name of listed Ali Mansour Al Halabi .*possibly a front/);
    assert.ok(found[0]!.evidence.some((e) => e.schema === 'Sanction' && e.record === 'sa-9-sanction'));
  });

  it('a company named after a surname alone, and a person of the same name on their own account, are not fronts', () => {
    assert.deepEqual(run1(pay('AE460331234567890123457', 'NL39RABO0300065264', 80_000, 0, { originator_name: 'Al Halabi Trading LLC', originator_country: 'ae', beneficiary_name: 'Fresh Foods BV' })), []);
    assert.deepEqual(run1(pay('AE190331234567890123458', 'NL39RABO0300065264', 800, 0, { originator_name: 'Ali Mansour Al Halabi', originator_country: 'ae', beneficiary_name: 'Fresh Foods BV' })), []);
  });
});
