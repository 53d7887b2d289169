import { drawQuantity, HEADINGS, tariffCode, type Heading } from '../goods.ts';
import { DAY_MS } from '../output.ts';
import type { PlannedDeclaration } from '../plans.ts';
import { DESTINATION_COUNTRY, HUB_COUNTRY, SANCTIONED_DESTINATION, type Party } from '../world.ts';
import { established, shell } from './cast.ts';
import { momentIn, type Scheme, type SchemeContext } from './context.ts';
import { pay } from './ownership.ts';

const INVASION_MS = Date.UTC(2022, 1, 24);

/**
 * Common High Priority List goods routed through a hub: an established EU
 * exporter sells CHPL items to a hub company incorporated after 2022-02-24;
 * the hub's customs sees the import and, days later, the export of the same
 * HS6 heading to the sanctioned destination. The hub company pays the EU
 * exporter; the Russian buyer pays the hub company from a bank outside the
 * exercise.
 */
export const chplTransshipment: Scheme = {
  name: 'chpl_transshipment',
  negative: false,
  description: 'CHPL goods exported to a transshipment hub by a company incorporated after 2022-02-24 and re-exported to the sanctioned destination',
  plant(ctx) {
    const { r, world } = ctx;
    const chpl = HEADINGS.filter((h) => h.chplTier);
    for (let i = 0; i < ctx.instances; i++) {
      const heading = r.pick(chpl);
      const exporter = established(ctx, DESTINATION_COUNTRY, 'electronics');
      const hubCo = shell(ctx, HUB_COUNTRY, { incorporatedMs: INVASION_MS + r.int(60, 900) * DAY_MS, sector: 'electronics' });
      const buyer = world.addCompany({ jurisdiction: SANCTIONED_DESTINATION, sector: 'machinery', quiet: true });
      world.addAccount(buyer, null, 'USD');
      const day = dayOf(momentIn(ctx, 0.05, 0.6));
      const quantity = Math.max(1, Math.round(drawQuantity(r, heading)));
      const unitValue = heading.unitValueUsd.median * r.range(0.8, 1.3);
      const value = Math.round(quantity * unitValue);
      const invoiceIn = `INV-${r.digits(7)}`;
      const invoiceOut = `INV-${r.digits(7)}`;
      const entry = ctx.truth.add('chpl_transshipment', false, day, day).subject(hubCo).subject(exporter).goods(heading.hs6).registry(hubCo.id);
      const reexportDay = Math.min(day + r.int(5, 25) * DAY_MS, dayOf(ctx.endMs - 2 * DAY_MS));
      entry.traced(declare(ctx, { dateMs: day, declaredIn: 'dest', direction: 'export', exporter, importer: hubCo, origin: DESTINATION_COUNTRY, destination: HUB_COUNTRY, heading, quantity, value: Math.round(value * 0.92), currency: 'EUR', invoiceReference: invoiceIn }));
      entry.traced(declare(ctx, { dateMs: day + r.int(3, 6) * DAY_MS, declaredIn: 'hub', direction: 'import', exporter, importer: hubCo, origin: DESTINATION_COUNTRY, destination: HUB_COUNTRY, heading, quantity, value, currency: 'USD', invoiceReference: invoiceIn }));
      entry.traced(declare(ctx, { dateMs: reexportDay, declaredIn: 'hub', direction: 'export', exporter: hubCo, importer: buyer, origin: DESTINATION_COUNTRY, destination: SANCTIONED_DESTINATION, heading, quantity, value: Math.round(value * r.range(1.15, 1.6)), currency: 'USD', invoiceReference: invoiceOut }));
      entry.traced(pay(ctx, hubCo, exporter, Math.round(value * 0.92), day + r.int(1, 10) * DAY_MS, { reference: invoiceIn, currency: 'EUR', purpose: `Payment for ${heading.description}`.slice(0, 100) }));
      entry.traced(pay(ctx, buyer, hubCo, Math.round(value * 1.4), reexportDay + r.int(0, 5) * DAY_MS, { reference: invoiceOut, currency: 'USD', purpose: 'Payment for equipment' }));
      entry.widen(day, reexportDay + 6 * DAY_MS);
    }
  },
};

/**
 * Hard negative: a high-value CHPL export by a long-established exporter to a
 * long-established, licensed end user in a country that is neither a hub nor
 * a destination of concern.
 */
export const licensedDualUse: Scheme = {
  name: 'licensed_dual_use',
  negative: true,
  description: 'high-value dual-use (CHPL) trade with a licensed end user outside the hubs',
  plant(ctx) {
    const { r } = ctx;
    const chpl = HEADINGS.filter((h) => h.chplTier);
    for (let i = 0; i < ctx.instances; i++) {
      const heading = r.pick(chpl);
      const exporter = established(ctx, DESTINATION_COUNTRY, 'electronics');
      const endUser = established(ctx, r.pick(['jp', 'us', 'ch', 'no', 'kr']), 'machinery');
      const day = dayOf(momentIn(ctx, 0.05, 0.8));
      const quantity = Math.max(1, Math.round(drawQuantity(r, heading) * 5));
      const value = Math.round(quantity * heading.unitValueUsd.median * 0.92);
      const invoice = `INV-${r.digits(7)}`;
      const entry = ctx.truth.add('licensed_dual_use', true, day, day + 20 * DAY_MS).subject(exporter).subject(endUser).goods(heading.hs6);
      entry.traced(
        declare(ctx, {
          dateMs: day,
          declaredIn: 'dest',
          direction: 'export',
          exporter,
          importer: endUser,
          origin: DESTINATION_COUNTRY,
          destination: endUser.country,
          heading,
          quantity,
          value,
          currency: 'EUR',
          invoiceReference: invoice,
          description: `${heading.description}; export licence ${DESTINATION_COUNTRY.toUpperCase()}-${r.digits(4)}-${r.digits(5)}`,
        }),
      );
      entry.traced(pay(ctx, endUser, exporter, value, day + r.int(5, 20) * DAY_MS, { reference: invoice, currency: 'EUR' }));
    }
  },
};

/**
 * Mis-invoicing: unit values far outside the heading's distribution (over-
 * or under-invoicing by a factor of 6 to 20), the payment matching the
 * inflated invoice.
 */
export const misInvoicing: Scheme = {
  name: 'mis_invoicing',
  negative: false,
  description: "unit values far outside the heading's distribution",
  plant(ctx) {
    const { r } = ctx;
    const ordinary = HEADINGS.filter((h) => !h.chplTier && h.unit !== 'bbl');
    for (let i = 0; i < ctx.instances; i++) {
      const heading = r.pick(ordinary);
      const side = r.chance(0.5) ? 'hub' : 'dest';
      const local = shell(ctx, side === 'hub' ? HUB_COUNTRY : DESTINATION_COUNTRY, { sector: 'trading' });
      const foreign = shell(ctx, r.pick(['hk', 'cn', 'tr', 'in', 'sg']), { sector: 'trading' });
      const quantity = Math.max(1, Math.round(drawQuantity(r, heading)));
      const factor = r.chance(0.6) ? r.range(6, 20) : 1 / r.range(6, 20);
      const value = Math.max(1, Math.round(quantity * heading.unitValueUsd.median * factor));
      const day = dayOf(momentIn(ctx, 0.05, 0.85));
      const invoice = `INV-${r.digits(7)}`;
      const importing = r.chance(0.5);
      const exporter = importing ? foreign : local;
      const importer = importing ? local : foreign;
      const entry = ctx.truth.add('mis_invoicing', false, day, day + 20 * DAY_MS).subject(local).subject(foreign).goods(heading.hs6);
      entry.traced(declare(ctx, { dateMs: day, declaredIn: side, direction: importing ? 'import' : 'export', exporter, importer, origin: exporter.country, destination: importer.country, heading, quantity, value, currency: 'USD', invoiceReference: invoice }));
      entry.traced(pay(ctx, importer, exporter, value, day + r.int(1, 20) * DAY_MS, { reference: invoice, currency: 'USD' }));
    }
  },
};

function dayOf(ms: number): number {
  return ms - (ms % DAY_MS);
}

export function declare(
  ctx: SchemeContext,
  d: Omit<PlannedDeclaration, 'hsCode' | 'description' | 'unit'> & { heading: Heading; description?: string; exporter: Party; importer: Party },
): PlannedDeclaration {
  const { heading, ...rest } = d;
  const country = d.declaredIn === 'hub' ? HUB_COUNTRY : DESTINATION_COUNTRY;
  const declaration: PlannedDeclaration = {
    ...rest,
    hsCode: tariffCode(ctx.r, heading, country),
    description: d.description ?? heading.description,
    unit: heading.unit,
  };
  ctx.declarations.push(declaration);
  return declaration;
}
