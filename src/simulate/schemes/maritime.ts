import { distanceToShoreKm } from '../../model/coast.ts';
import type { LatLon } from '../../model/geo.ts';
import { portByLocode, type Port } from '../../model/ports.ts';
import { stsAreaCentres } from '../../model/sea-areas.ts';
import { simVessel, type VoyagePlan } from '../ais.ts';
import { addVessel, vesselName } from '../background.ts';
import { makeMmsi } from '../identifiers.ts';
import { travelHours, type Activity, type SimVessel } from '../maritime/track.ts';
import { DAY_MS, HOUR_MS } from '../output.ts';
import type { Random } from '../random.ts';
import { DESTINATION_COUNTRY, HUB_COUNTRY, type WorldVessel } from '../world.ts';
import { established, shell } from './cast.ts';
import { momentIn, type Scheme, type SchemeContext } from './context.ts';
import { pay } from './ownership.ts';
import { declare } from './trade.ts';
import { HEADINGS } from '../goods.ts';

/** Russian crude and products export terminals, where shadow-fleet voyages begin. */
const LOAD_PORTS = ['RUPRM', 'RUULU', 'RUNVS'];
/** Where laundered cargo is discharged: the destination customs' main port. */
const DISCHARGE_PORT = 'NLRTM';
/**
 * Open-sea meeting points more than 50 nm from any shore, outside designated
 * STS areas, on or near the routes from the Baltic and the Black Sea: the
 * Atlantic off Iberia, the central Mediterranean, the Bay of Biscay.
 */
const OPEN_SEA: LatLon[] = [
  { lat: 39.2, lon: -11.8 },
  { lat: 44.8, lon: -8.9 },
  { lat: 35.2, lon: 18.2 },
  { lat: 34.6, lon: 21.6 },
  { lat: 36.4, lon: -12.6 },
];
/** Flags the shadow fleet hops between (open registries with light oversight). */
const SHADOW_FLAGS = ['pa', 'cm', 'ga', 'km', 'sl', 'pw', 'ck', 'mh', 'lr'];

/**
 * A ship-to-ship transfer at sea with AIS switched off before it: a laden
 * tanker from a Russian terminal goes dark for a day, reappears drifting at an
 * open-sea point beside a second tanker, transfers its cargo (its draught
 * falls, the other's rises) and sails home; the second tanker carries the
 * cargo to the destination, where the import is declared as of a third
 * country's origin loaded at a port it never called at.
 */
export const stsDarkTransfer: Scheme = {
  name: 'sts_dark_transfer',
  negative: false,
  description: 'ship-to-ship transfer at sea after the supplying tanker switched AIS off, then a discharge declared as third-country origin',
  plant(ctx) {
    const { r, world } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      const supplier = addVessel(world, 'crude_tanker', { flag: r.pick(SHADOW_FLAGS) });
      const receiver = addVessel(world, 'crude_tanker');
      const sv = simVessel(supplier, r);
      const rv = simVessel(receiver, r);
      const load = portByLocode(r.pick(LOAD_PORTS))!;
      const discharge = portByLocode(DISCHARGE_PORT)!;
      const receiverFrom = portByLocode(r.pick(['GRPIR', 'ESALG', 'MTMAR', 'EGPSD']))!;
      const wanted = momentIn(ctx, 0.3, 0.6);
      const hours = r.range(5, 9);
      // Slack: a voyage takes longer than its plan (speed changes, the way out of port),
      // so each tanker sails early enough to wait at the point — loitering before a
      // transfer is what such meetings look like.
      const [supplierSlack, receiverSlack] = [r.range(8, 16), r.range(6, 12)];
      // The meeting must leave both tankers the whole voyage to it inside the window
      // (and a day after it): a meeting planned earlier than they can sail there never
      // shows in the data. Try meeting points until one fits; else the nearest in time.
      let plan: { point: LatLon; meetStart: number; supplierTravelMs: number; receiverTravelMs: number } | undefined;
      for (let attempt = 0; attempt < 8; attempt++) {
        const point = openSeaPoint(r);
        const supplierTravelMs = Math.round((travelHours(load, point, sv.serviceSpeedKn) * 1.15 + supplierSlack) * HOUR_MS);
        const receiverTravelMs = Math.round((travelHours(receiverFrom, point, rv.serviceSpeedKn) * 1.15 + receiverSlack) * HOUR_MS);
        const earliest = Math.ceil((ctx.startMs + Math.max(supplierTravelMs + 60 * HOUR_MS, receiverTravelMs + 48 * HOUR_MS)) / 1000) * 1000;
        const candidate = { point, meetStart: Math.max(wanted, earliest), supplierTravelMs, receiverTravelMs };
        if (!plan || candidate.meetStart < plan.meetStart) plan = candidate;
        if (candidate.meetStart + (hours + 24) * HOUR_MS <= ctx.endMs) {
          plan = candidate;
          break;
        }
      }
      const { point, meetStart } = plan!;
      const meetEnd = meetStart + Math.round(hours * HOUR_MS);
      const supplierLeaves = meetStart - plan!.supplierTravelMs;
      const receiverLeaves = meetStart - plan!.receiverTravelMs;
      const supplierStart = Math.min(supplierLeaves - r.int(24, 60) * HOUR_MS, meetStart - 2 * DAY_MS);
      const darkStart = meetStart - Math.round(r.range(16, 30) * HOUR_MS);
      const darkEnd = meetStart + Math.round(r.range(0.5, 1.5) * HOUR_MS);
      const entry = ctx.truth.add('sts_dark_transfer', false, darkStart, meetEnd).subject(supplier).subject(receiver);
      const dark = {};
      const meeting = {};
      ctx.voyages.push({
        vessel: supplier,
        itinerary: {
          vessel: sv,
          startMs: Math.max(ctx.startMs, supplierStart),
          startAt: load,
          draught: sv.draughtBallast,
          activities: [
            { kind: 'stay', port: load, until: supplierLeaves, draughtAfter: sv.draughtLaden },
            { kind: 'sail', to: point },
            { kind: 'drift', at: point, until: meetEnd, draughtAfter: sv.draughtBallast },
            { kind: 'sail', to: load },
            ...tail(load, ctx.endMs),
          ],
        },
        broadcast: { darkWindows: [{ startMs: darkStart, endMs: darkEnd }] },
        evidence: [{ traced: entry.traced(meeting), startMs: meetStart, endMs: meetEnd }],
        edges: [{ traced: entry.traced(dark), startMs: darkStart, endMs: darkEnd }],
      });
      ctx.voyages.push({
        vessel: receiver,
        itinerary: {
          vessel: rv,
          startMs: Math.max(ctx.startMs, receiverLeaves - r.int(24, 48) * HOUR_MS),
          startAt: receiverFrom,
          draught: rv.draughtBallast,
          activities: [
            { kind: 'stay', port: receiverFrom, until: receiverLeaves },
            { kind: 'sail', to: point },
            { kind: 'drift', at: point, until: meetEnd + Math.round(r.range(0.2, 1) * HOUR_MS), draughtAfter: rv.draughtLaden },
            { kind: 'sail', to: discharge },
            { kind: 'stay', port: discharge, until: ctx.endMs + DAY_MS, draughtAfter: rv.draughtBallast },
          ],
        },
        broadcast: {},
        evidence: [{ traced: entry.traced(meeting), startMs: meetStart, endMs: meetEnd }],
      });
      // The discharge: declared in the destination as crude of a third country's origin.
      const arrival = meetEnd + Math.round(travelHours(point, discharge, rv.serviceSpeedKn) * HOUR_MS);
      const crude = HEADINGS.find((h) => h.hs6 === '270900')!;
      const trader = shell(ctx, HUB_COUNTRY, { sector: 'energy' });
      const refinery = established(ctx, DESTINATION_COUNTRY, 'energy');
      const barrels = Math.round(r.range(550_000, 750_000));
      const value = Math.round(barrels * r.range(68, 78));
      const origin = r.pick([
        { country: 'kz', port: 'RUNVS' },
        { country: 'om', port: 'OMSOH' },
        { country: 'ae', port: 'AEFJR' },
      ]);
      const invoice = `INV-${r.digits(7)}`;
      const declDay = Math.min(ctx.endMs - DAY_MS, arrival + DAY_MS);
      entry.traced(
        declare(ctx, {
          dateMs: declDay - (declDay % DAY_MS),
          declaredIn: 'dest',
          direction: 'import',
          exporter: trader,
          importer: refinery,
          origin: origin.country === 'kz' ? 'kz' : origin.country,
          destination: DESTINATION_COUNTRY,
          heading: crude,
          quantity: barrels,
          value,
          currency: 'USD',
          vesselImo: receiver.imo,
          portOfLoading: origin.country === 'kz' ? 'KZAKT' : origin.port,
          portOfDischarge: DISCHARGE_PORT,
          transportDocument: `BL${r.digits(9)}`,
          invoiceReference: invoice,
        }),
      );
      entry.traced(pay(ctx, refinery, trader, value, Math.min(ctx.endMs - 2 * HOUR_MS, declDay + r.int(1, 5) * DAY_MS), { reference: invoice, currency: 'USD', purpose: 'Crude oil cargo' }));
      entry.subject(trader).widen(darkStart, declDay + 6 * DAY_MS);
    }
  },
};

/**
 * Hard negative: a lightering operation in a designated STS area, both
 * tankers broadcasting throughout, no dark period, ordinary voyages before
 * and after.
 */
export const legitimateSts: Scheme = {
  name: 'legit_sts',
  negative: true,
  description: 'a ship-to-ship transfer inside a designated STS area, AIS on throughout',
  plant(ctx) {
    const { r, world } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      const area = r.pick(stsAreaCentres());
      const a = addVessel(world, 'crude_tanker');
      const b = addVessel(world, 'product_tanker');
      const av = simVessel(a, r);
      const bv = simVessel(b, r);
      const meetStart = momentIn(ctx, 0.3, 0.6);
      const meetEnd = meetStart + Math.round(r.range(6, 12) * HOUR_MS);
      const fromA = area.port;
      const fromB = area.port;
      const entry = ctx.truth.add('legit_sts', true, meetStart, meetEnd).subject(a).subject(b);
      const meeting = {};
      for (const [vessel, sim, from, draughtAfter] of [
        [a, av, fromA, av.draughtBallast],
        [b, bv, fromB, bv.draughtLaden],
      ] as const) {
        const leaves = meetStart - Math.round((travelHours(from, area.at, sim.serviceSpeedKn) + r.range(2, 5)) * HOUR_MS);
        ctx.voyages.push({
          vessel,
          itinerary: {
            vessel: sim,
            startMs: Math.max(ctx.startMs, leaves - r.int(12, 36) * HOUR_MS),
            startAt: from,
            draught: vessel === a ? sim.draughtLaden : sim.draughtBallast,
            activities: [{ kind: 'stay', port: from, until: leaves }, { kind: 'sail', to: area.at }, { kind: 'drift', at: area.at, until: meetEnd, draughtAfter }, { kind: 'sail', to: from }, ...tail(from, ctx.endMs)],
          },
          broadcast: {},
          evidence: [{ traced: entry.traced(meeting), startMs: meetStart, endMs: meetEnd }],
        });
      }
    }
  },
};

/**
 * A shadow-fleet tanker: an old hull bought by a newly incorporated
 * single-ship company, re-flagged again and again (each flag a new MMSI and
 * usually a new name), with dark periods on its voyages from Russian terminals.
 */
export const shadowFleet: Scheme = {
  name: 'shadow_fleet',
  negative: false,
  description: 'a tanker with repeated flag changes, a new single-ship owning company and dark periods',
  plant(ctx) {
    const { r, world } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      const boughtMs = ctx.startMs - r.int(20, 120) * DAY_MS;
      const owner = shell(ctx, r.pick(['mh', 'lr', 'ae', 'sc']), { incorporatedMs: boughtMs - r.int(5, 40) * DAY_MS, sector: 'shipping' });
      const flags = r.sample(SHADOW_FLAGS, 3);
      const names = [vesselName(r), vesselName(r), vesselName(r)];
      const mmsis = flags.map((f) => makeMmsi(r, f));
      const tanker = addVessel(world, 'crude_tanker', { flag: flags[2]!, owner, name: names[2]! });
      tanker.mmsi = mmsis[2]!;
      tanker.buildYear = r.int(2002, 2007);
      tanker.pastFlags = flags.slice(0, 2);
      tanker.pastNames = names.slice(0, 2);
      const sim = simVessel(tanker, r);
      const hop1 = momentIn(ctx, 0.15, 0.35);
      const hop2 = momentIn(ctx, 0.5, 0.7);
      const load = portByLocode(r.pick(LOAD_PORTS))!;
      const entry = ctx.truth.add('shadow_fleet', false, ctx.startMs, ctx.endMs).subject(tanker, { mmsi: mmsis.join(',') }).subject(owner).registry(tanker.id, `${tanker.id}-owner`, owner.id);
      const darks = [momentIn(ctx, 0.2, 0.45), momentIn(ctx, 0.55, 0.85)].map((s) => ({ startMs: s, endMs: s + Math.round(r.range(14, 40) * HOUR_MS) }));
      const itinerary = {
        vessel: sim,
        startMs: ctx.startMs,
        startAt: load,
        draught: sim.draughtBallast,
        activities: [{ kind: 'stay', port: load, until: ctx.startMs + r.int(12, 48) * HOUR_MS, draughtAfter: sim.draughtLaden } as Activity, ...shuttle(r, load, ['INSIK', 'TRCEY', 'EGPSD', 'CNQDG', 'INMUN'], ctx.startMs + 48 * HOUR_MS, ctx.endMs, sim)],
      };
      const evidence = {};
      const gaps = {};
      ctx.voyages.push({
        vessel: tanker,
        itinerary,
        broadcast: {
          darkWindows: darks,
          identity: [
            { fromMs: ctx.startMs, toMs: hop1, mmsi: mmsis[0]!, name: names[0]!, flag: flags[0]! },
            { fromMs: hop1, toMs: hop2, mmsi: mmsis[1]!, name: names[1]!, flag: flags[1]! },
          ],
        },
        evidence: [
          { traced: entry.traced(evidence), startMs: hop1 - 2 * DAY_MS, endMs: hop1 + 2 * DAY_MS, max: 4 },
          { traced: entry.traced(evidence), startMs: hop2 - 2 * DAY_MS, endMs: hop2 + 2 * DAY_MS, max: 4 },
        ],
        edges: darks.map((d) => ({ traced: entry.traced(gaps), ...d })),
      });
    }
  },
};

/**
 * Identity manipulation: a vessel broadcasting another vessel's MMSI while
 * that vessel sails elsewhere; a vessel broadcasting an IMO number whose check
 * digit is wrong; a vessel whose reported position jumps hundreds of miles and
 * back (spoofing).
 */
export const identityManipulation: Scheme = {
  name: 'identity_manipulation',
  negative: false,
  description: "a vessel broadcasting another vessel's MMSI, an invalid IMO, a position jump",
  plant(ctx) {
    const { r, world } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      // Borrowed MMSI: the victim is a background vessel that keeps sailing its own track.
      const victim = r.pick(world.vessels.filter((v) => !v.owner.quiet && v.kind !== 'fishing'));
      const borrower = addVessel(world, 'product_tanker', { flag: r.pick(SHADOW_FLAGS) });
      const from = momentIn(ctx, 0.2, 0.6);
      const to = from + r.int(3, 10) * DAY_MS;
      const borrowed = ctx.truth.add('identity_manipulation', false, from, to).subject(borrower).subject(victim);
      const ev = {};
      ctx.voyages.push(plainVoyage(ctx, borrower, { identity: [{ fromMs: from, toMs: to, mmsi: victim.mmsi, name: victim.name }] }, [{ traced: borrowed.traced(ev), startMs: from, endMs: to, max: 8 }]));

      // An IMO number with a wrong check digit, broadcast throughout.
      const liar = addVessel(world, 'general_cargo', { flag: r.pick(SHADOW_FLAGS) });
      const badImo = corruptImo(liar.imo, r);
      const invalid = ctx.truth.add('identity_manipulation', false, ctx.startMs, ctx.endMs).subject(liar, { imo_broadcast: badImo });
      const ev2 = {};
      ctx.voyages.push(plainVoyage(ctx, liar, { identity: [{ fromMs: ctx.startMs, imo: badImo }] }, [{ traced: invalid.traced(ev2), startMs: ctx.startMs, endMs: ctx.endMs, max: 4 }]));

      // A spoofed jump: positions far away for an hour or two, then back.
      const jumper = addVessel(world, 'bulk', { flag: r.pick(['pa', 'lr', 'mh']) });
      const at = momentIn(ctx, 0.2, 0.8);
      const duration = r.int(40, 150);
      const far = r.pick(OPEN_SEA);
      const jump = ctx.truth.add('identity_manipulation', false, at - HOUR_MS, at + duration * 60_000 + HOUR_MS).subject(jumper);
      const ev3 = {};
      ctx.voyages.push(plainVoyage(ctx, jumper, { jumps: [{ atMs: at, toLatLon: far, durationMin: duration }] }, [{ traced: jump.traced(ev3), startMs: at - HOUR_MS, endMs: at + duration * 60_000 + HOUR_MS, max: 10 }]));
    }
  },
};

function plainVoyage(ctx: SchemeContext, vessel: WorldVessel, broadcast: VoyagePlan['broadcast'], evidence: VoyagePlan['evidence']): VoyagePlan {
  const sim = simVessel(vessel, ctx.r);
  const start = portByLocode(ctx.r.pick(['NLRTM', 'BEANR', 'DEHAM', 'GRPIR', 'TRMER', 'AEJEA', 'SGSIN']))!;
  return {
    vessel,
    itinerary: { vessel: sim, startMs: ctx.startMs, startAt: start, draught: sim.draughtLaden, activities: [{ kind: 'stay', port: start, until: ctx.startMs + ctx.r.int(6, 40) * HOUR_MS } as Activity, ...shuttle(ctx.r, start, ['NLRTM', 'GRPIR', 'EGPSD', 'AEJEA', 'INMUN', 'SGSIN', 'ESALG'], ctx.startMs + 40 * HOUR_MS, ctx.endMs, sim)] },
    broadcast,
    ...(evidence ? { evidence } : {}),
  };
}

/**
 * Voyages between a home port and destinations until the window ends, with
 * port stays (absolute end times from an estimate of the clock; the track
 * generator waits in port when it arrives late) and cargo changes.
 */
function shuttle(r: Random, home: Port, destinations: string[], startMs: number, endMs: number, sim: SimVessel): Activity[] {
  const out: Activity[] = [];
  let t = startMs;
  let here = home;
  for (let leg = 0; t < endMs + 2 * DAY_MS && leg < 40; leg++) {
    const next = leg % 2 === 0 ? portByLocode(r.pick(destinations.filter((d) => d !== here.locode)))! : home;
    out.push({ kind: 'sail', to: next });
    t += travelHours(here, next, sim.serviceSpeedKn) * HOUR_MS;
    t += r.range(18, 60) * HOUR_MS;
    out.push({ kind: 'stay', port: next, until: Math.round(t), draughtAfter: leg % 2 === 0 ? sim.draughtBallast : sim.draughtLaden });
    here = next;
  }
  return out;
}

/** Stay in port past the window's end. */
function tail(port: Port, endMs: number): Activity[] {
  return [{ kind: 'stay', port, until: endMs + 2 * DAY_MS }];
}

function openSeaPoint(r: Random): LatLon {
  const candidates = OPEN_SEA.filter((p) => distanceToShoreKm(p) > 100);
  return r.pick(candidates.length > 0 ? candidates : OPEN_SEA);
}

/** The same number with its check digit changed: looks like an IMO number, fails the check. */
function corruptImo(imo: string, r: Random): string {
  const digit = Number(imo[6]);
  return imo.slice(0, 6) + String((digit + r.int(1, 9)) % 10);
}

