import { drawQuantity, drawUnitValue, pickHeading, tariffCode, type Heading } from './goods.ts';
import { csvField, DAY_MS, isoDate, LineFile } from './output.ts';
import { WeightedPicker } from './picker.ts';
import { byTime, type PlannedDeclaration, type PlannedPayment } from './plans.ts';
import type { Random } from './random.ts';
import { AGENCIES, DESTINATION_COUNTRY, HUB_COUNTRY, type Party, type World } from './world.ts';

export const CUSTOMS_HEADER =
  'declaration_id,date,direction,exporter_name,exporter_country,importer_name,importer_country,consignee_name,consignee_country,declarant_name,origin_country,destination_country,hs_code,description,quantity,unit,value,currency,vessel_imo,port_of_loading,port_of_discharge,transport_document,invoice_reference';

/** A vessel's stay in port, from the AIS pass: customs declarations of seaborne goods hang on these. */
export interface PortCall {
  imo: string;
  locode: string;
  country: string;
  arriveMs: number;
  departMs: number;
  previous?: string;
  next?: string;
}

/**
 * Customs declarations, one CSV per customs service (FORMATS.md §5): the
 * transshipment hub's and the final destination's. Background trade draws
 * headings by trade weight and season, quantities and unit values from the
 * heading's log-normal distribution, and hangs bulk and liquid cargo on real
 * port calls of the world's vessels so that a declared port of loading agrees
 * with the ship's track. Most declarations carry an invoice reference, and the
 * importer's payment for it is planned into the payment stream (returned).
 */
export async function writeDeclarations(
  world: World,
  r: Random,
  root: string,
  total: number,
  planned: PlannedDeclaration[],
  calls: PortCall[],
  onRows: (n: number) => void,
): Promise<{ files: LineFile[]; payments: PlannedPayment[] }> {
  const files = {
    hub: await LineFile.open(root, `customs/${AGENCIES.customsHub}.csv`, 'customs', AGENCIES.customsHub, CUSTOMS_HEADER),
    dest: await LineFile.open(root, `customs/${AGENCIES.customsDest}.csv`, 'customs', AGENCIES.customsDest, CUSTOMS_HEADER),
  };
  const seq = { hub: 0, dest: 0 };
  const payments: PlannedPayment[] = [];
  const traders = world.companies.filter((c) => !c.quiet && c.accounts.length > 0);
  const local = {
    hub: new WeightedPicker(traders.filter((c) => c.country === HUB_COUNTRY), (c) => c.activity),
    dest: new WeightedPicker(traders.filter((c) => c.country === DESTINATION_COUNTRY), (c) => c.activity),
  };
  const foreign = new WeightedPicker(traders.filter((c) => c.country !== HUB_COUNTRY && c.country !== DESTINATION_COUNTRY), (c) => c.activity);
  const callsByCountry = new Map<string, PortCall[]>();
  for (const c of calls) (callsByCountry.get(c.country) ?? callsByCountry.set(c.country, []).get(c.country)!).push(c);

  const days = Math.max(1, Math.round((world.endMs - world.startMs) / DAY_MS));
  const perDay = Math.max(0, total - planned.length) / days / 0.8;
  const queue = byTime(planned);
  let q = 0;
  const nearCalls = new Map<string, PortCall[]>();
  for (let day = 0; day < days; day++) {
    // Background declarations of a day share its date: their candidate port calls are found once per country and direction.
    nearCalls.clear();
    const dayStart = world.startMs + day * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const rows: PlannedDeclaration[] = [];
    const n = r.poisson(perDay * (weekday === 0 || weekday === 6 ? 0.3 : 1));
    for (let i = 0; i < n; i++) {
      const d = backgroundDeclaration(r, dayStart, local, foreign, callsByCountry, nearCalls, payments);
      if (d) rows.push(d);
    }
    while (q < queue.length && queue[q]!.dateMs < dayStart + DAY_MS) rows.push(queue[q++]!);
    for (const d of rows) {
      const side = d.declaredIn;
      seq[side]++;
      const id = `${String(new Date(d.dateMs).getUTCFullYear()).slice(2)}${(side === 'hub' ? HUB_COUNTRY : DESTINATION_COUNTRY).toUpperCase()}${String(seq[side]).padStart(12, '0')}`;
      d.trace?.push(`${files[side].path}:${id}`);
      const pending = files[side].write(declarationRow(id, d));
      if (pending) await pending;
    }
    onRows(rows.length);
  }
  if (q < queue.length) throw new Error(`${queue.length - q} planned declarations fall after the world's window`);
  await files.hub.close();
  await files.dest.close();
  return { files: [files.hub, files.dest], payments };
}

function backgroundDeclaration(
  r: Random,
  dayStart: number,
  local: { hub: WeightedPicker<Party>; dest: WeightedPicker<Party> },
  foreign: WeightedPicker<Party>,
  callsByCountry: Map<string, PortCall[]>,
  nearCalls: Map<string, PortCall[]>,
  payments: PlannedPayment[],
): PlannedDeclaration | null {
  const side: 'hub' | 'dest' = r.chance(0.55) ? 'dest' : 'hub';
  const direction = r.chance(0.5) ? 'import' : 'export';
  if (local[side].size === 0 || foreign.size === 0) return null;
  const here = local[side].pick(r);
  const there = foreign.pick(r);
  const exporter = direction === 'export' ? here : there;
  const importer = direction === 'export' ? there : here;
  const heading = pickHeading(r, { month: new Date(dayStart).getUTCMonth() + 1 });
  const quantity = roundQuantity(drawQuantity(r, heading), heading);
  const unitValue = drawUnitValue(r, heading);
  const currency = side === 'dest' ? 'EUR' : 'USD';
  const value = Math.max(1, Math.round(quantity * unitValue * (currency === 'EUR' ? 0.92 : 1)));
  const country = side === 'hub' ? HUB_COUNTRY : DESTINATION_COUNTRY;
  const d: PlannedDeclaration = {
    dateMs: dayStart,
    declaredIn: side,
    direction,
    exporter,
    importer,
    origin: exporter.country,
    destination: importer.country,
    hsCode: tariffCode(r, heading, country),
    description: heading.description,
    quantity,
    unit: heading.unit,
    value,
    currency,
  };
  if (r.chance(0.3)) d.declarant = `${r.pick(['Global', 'Swift', 'Blue Line', 'Harbour', 'Delta'])} Customs Brokers`;
  if (isSeaborne(heading)) hangOnPortCall(r, d, country, callsByCountry, nearCalls);
  if (!d.transportDocument) d.transportDocument = r.chance(0.5) ? `${r.digits(3)}-${r.digits(8)}` : `CMR${r.digits(7)}`;
  if (r.chance(0.75)) {
    d.invoiceReference = `INV-${r.digits(7)}`;
    const payer = importer.accounts[0];
    const payee = exporter.accounts[0];
    if (payer && payee && (payer.bank || payee.bank)) {
      payments.push({ atMs: dayStart + r.int(1, 30) * DAY_MS + r.int(8 * 3600, 17 * 3600) * 1000, from: payer, to: payee, amount: value, currency, purpose: `Payment for ${heading.description}`.slice(0, 120), reference: d.invoiceReference });
    }
  }
  return d;
}

/** Bulk and liquid cargo moves by sea; so does containerised trade, most of the time. */
function isSeaborne(h: Heading): boolean {
  return h.unit === 'bbl' || h.unit === 't' || h.unit === 'l';
}

/**
 * Put the cargo on a vessel whose AIS track really called at a port of the
 * declaring country around the date: on import the port of loading is the
 * ship's previous call, on export the port of discharge its next one.
 */
function hangOnPortCall(r: Random, d: PlannedDeclaration, country: string, callsByCountry: Map<string, PortCall[]>, nearCalls: Map<string, PortCall[]>): void {
  const key = `${country}|${d.direction}|${d.dateMs}`;
  let near = nearCalls.get(key);
  if (!near) {
    const calls = callsByCountry.get(country) ?? [];
    near = calls.filter((c) => Math.abs((d.direction === 'import' ? c.arriveMs : c.departMs) - d.dateMs) < 4 * DAY_MS);
    nearCalls.set(key, near);
  }
  if (near.length === 0) return;
  const call = r.pick(near);
  d.vesselImo = call.imo;
  if (d.direction === 'import') {
    d.portOfDischarge = call.locode;
    if (call.previous) d.portOfLoading = call.previous;
  } else {
    d.portOfLoading = call.locode;
    if (call.next) d.portOfDischarge = call.next;
  }
  d.transportDocument = `BL${r.digits(9)}`;
}

function roundQuantity(q: number, h: Heading): number {
  if (h.unit === 'pcs') return Math.max(1, Math.round(q));
  return Math.max(0.001, Math.round(q * 1000) / 1000);
}

export function declarationRow(id: string, d: PlannedDeclaration): string {
  return [
    id,
    isoDate(d.dateMs),
    d.direction,
    csvField(d.exporter.name),
    d.exporter.country.toUpperCase(),
    csvField(d.importer.name),
    d.importer.country.toUpperCase(),
    csvField(d.consignee?.name),
    d.consignee ? d.consignee.country.toUpperCase() : '',
    csvField(d.declarant),
    d.origin.toUpperCase(),
    d.destination.toUpperCase(),
    d.hsCode,
    csvField(d.description),
    d.quantity ?? '',
    d.unit ?? '',
    d.value.toFixed(2),
    d.currency,
    d.vesselImo ?? '',
    d.portOfLoading ?? '',
    d.portOfDischarge ?? '',
    csvField(d.transportDocument),
    csvField(d.invoiceReference),
  ].join(',');
}
