import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DeclarationEvent } from '../../model/events.ts';
import { describeInput, readerFor } from '../../readers/index.ts';
import { simulate, type Manifest } from '../../simulate/index.ts';
import type { TruthScheme } from '../../simulate/truth.ts';
import type { StoredDeclaration } from '../../store/events.ts';
import type { AlertDraft } from '../alert.ts';
import { defaults, type Indicator } from '../indicator.ts';
import { PositionTableBuilder, type DetectInputs } from '../inputs.ts';
import { defaultProfile } from '../profile.ts';
import { chplItem } from './chpl_item.ts';
import { priceAnomaly } from './price_anomaly.ts';

const PROFILE = defaultProfile([chplItem, priceAnomaly]);

function inputs(declarations: StoredDeclaration[]): DetectInputs {
  return { profile: PROFILE, positions: new PositionTableBuilder(1).build(), payments: [], declarations, vesselsByMmsi: new Map(), vesselsByImo: new Map(), listedVessels: [], ownership: null };
}

function run(ind: Indicator, declarations: StoredDeclaration[]): AlertDraft[] {
  return ind.run(inputs(declarations), defaults(ind)) as AlertDraft[];
}

let n = 0;
function decl(over: Partial<DeclarationEvent>): StoredDeclaration {
  n++;
  return {
    type: 'declaration',
    declaration_id: `D${n}`,
    date: '2025-02-01',
    direction: 'export',
    exporter_name: 'Alpha GmbH',
    exporter_country: 'de',
    importer_name: 'Beta BV',
    importer_country: 'nl',
    consignee_name: null,
    consignee_country: null,
    declarant_name: null,
    origin_country: 'de',
    destination_country: 'nl',
    hs_code: '84713000',
    hs6: '847130',
    description: 'laptops',
    quantity: '100',
    unit: 'pcs',
    value: '50000',
    currency: 'EUR',
    vessel_imo: null,
    port_of_loading: null,
    port_of_discharge: null,
    transport_document: null,
    invoice_reference: null,
    extra: null,
    dataset: 'customs_x',
    source_record: `D${n}`,
    agency: 'customs-nl',
    marking: 'TLP:AMBER',
    first_seen: '2025-02-01T00:00:00Z',
    last_seen: '2025-02-01T00:00:00Z',
    ...over,
  } as StoredDeclaration;
}

describe('trade.chpl_item', () => {
  it('scores by tier and destination; a cited licence lowers it; other headings give nothing', () => {
    const ic = { hs_code: '85423100', hs6: '854231', description: 'processors' };
    const [ru, ae, nl, licensed, other] = [
      decl({ ...ic, destination_country: 'ru', importer_country: 'ru' }),
      decl({ ...ic, destination_country: 'ae', importer_country: 'ae' }),
      decl({ ...ic }),
      decl({ ...ic, destination_country: 'ae', importer_country: 'ae', description: 'processors; export licence NL-1234-56789' }),
      decl({}),
    ];
    const alerts = new Map(run(chplItem, [ru!, ae!, nl!, licensed!, other!]).map((a) => [a.key.split(':')[1], a]));
    assert.equal(alerts.size, 4);
    assert.ok(alerts.get(ru!.declaration_id)!.score >= 0.9);
    assert.ok(alerts.get(ae!.declaration_id)!.score >= 0.5);
    assert.ok(alerts.get(nl!.declaration_id)!.score < 0.5);
    assert.ok(alerts.get(licensed!.declaration_id)!.score < 0.5);
    assert.ok(!alerts.has(other!.declaration_id));
    assert.match(alerts.get(ru!.declaration_id)!.explanation, /CHPL Tier 1 goods \(854231/);
    // The consignee's country counts over the importer's: goods sold to a hub, consigned onwards.
    const onward = decl({ ...ic, destination_country: 'ae', importer_country: 'ae', consignee_name: 'Gamma OOO', consignee_country: 'ru' });
    assert.ok(run(chplItem, [onward])[0]!.score >= 0.9);
  });
});

describe('trade.price_anomaly', () => {
  it('flags a unit value far from its heading\'s median (robust to the outlier itself), not ordinary spread, not small groups', () => {
    const base = Array.from({ length: 40 }, (_, i) => decl({ value: String(50_000 * (0.8 + (i % 9) * 0.05)) }));
    const under = decl({ value: '4000' }); // 40 per piece against ~500
    const over = decl({ value: '900000' });
    const alerts = run(priceAnomaly, [...base, under, over]);
    const strong = alerts.filter((a) => a.score >= 0.5).map((a) => a.key.split(':')[1]);
    assert.deepEqual(strong.sort(), [under.declaration_id, over.declaration_id].sort());
    for (const a of alerts.filter((x) => x.score < 0.5)) assert.ok(a.score < 0.5 && a.score >= 0.3);
    const u = alerts.find((a) => a.key.endsWith(`:${under.declaration_id}`))!;
    assert.match(u.explanation, /below the median/);
    // Major currencies are pooled: the same low price in dollars stands out too.
    assert.equal(run(priceAnomaly, [...base, decl({ value: '4000', currency: 'USD' })]).filter((a) => a.score >= 0.5).length, 1);
    // Another unit, or a currency without a reference rate, is another distribution; fewer than min_group are not judged.
    assert.deepEqual(run(priceAnomaly, [...base.slice(0, 6), under]), []);
    assert.equal(run(priceAnomaly, [...base, decl({ value: '4000', currency: 'XAF' }), decl({ value: '4000', unit: 'kg' })]).filter((a) => a.score >= 0.5).length, 0);
  });
});

describe('trade indicators on a simulated world', () => {
  let dir: string;
  let manifest: Manifest;
  let truth: TruthScheme[];
  let declarations: StoredDeclaration[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sextant-trade-'));
    manifest = await simulate({ out: dir, seed: 11, scale: 1, days: 90, schemes: ['mis_invoicing', 'chpl_transshipment', 'licensed_dual_use'] });
    truth = (JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as { schemes: TruthScheme[] }).schemes;
    declarations = [];
    for (const f of manifest.files.filter((x) => x.format === 'customs')) {
      for await (const item of readerFor('customs').read(await describeInput(join(dir, f.path)), { dataset: f.path })) {
        if (item.kind !== 'event' || item.event.type !== 'declaration') continue;
        declarations.push({ ...item.event, dataset: f.path, source_record: item.record, agency: f.agency, marking: 'TLP:AMBER', first_seen: '', last_seen: '' });
      }
    }
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  /** Schemes of a type with at least one of their customs records behind an alert at or above the threshold. */
  function recall(type: string, alerts: AlertDraft[]): { found: number; of: number } {
    const flagged = new Set(alerts.filter((a) => a.score >= PROFILE.alertThreshold).flatMap((a) => a.evidence.map((e) => `${e.source}:${e.record}`)));
    const schemes = truth.filter((s) => s.type === type);
    return { found: schemes.filter((s) => s.records.some((r) => flagged.has(r))).length, of: schemes.length };
  }

  it('finds the planted mis-invoicing and the CHPL re-exports; the licensed dual-use trade stays below the threshold', () => {
    const price = run(priceAnomaly, declarations);
    const chpl = run(chplItem, declarations);
    const mis = recall('mis_invoicing', price);
    const transship = recall('chpl_transshipment', chpl);
    const licensed = recall('licensed_dual_use', chpl);
    console.log(`trade on a simulated world: ${declarations.length} declarations; mis_invoicing ${mis.found}/${mis.of} by price_anomaly; chpl_transshipment ${transship.found}/${transship.of} by chpl_item; licensed_dual_use flagged ${licensed.found}/${licensed.of}`);
    assert.ok(mis.of > 0 && mis.found / mis.of >= 0.9, `mis_invoicing recall ${mis.found}/${mis.of}`);
    assert.ok(transship.of > 0 && transship.found / transship.of >= 0.9, `chpl_transshipment recall ${transship.found}/${transship.of}`);
    assert.equal(licensed.found, 0, 'licensed dual-use trade above threshold');
    // Precision of the strong price alerts against the background: few legitimate declarations flagged.
    const strong = price.filter((a) => a.score >= PROFILE.alertThreshold).length;
    assert.ok(strong <= Math.max(10, declarations.length * 0.01), `${strong} strong price alerts among ${declarations.length} declarations`);
  });
});
