/**
 * Vessel classes for the simulated fleet: what each broadcasts as its AIS ship
 * type (ITU-R M.1371 type codes as MarineCadastre publishes them in VesselType
 * and Cargo), how fast it goes and how big it is.
 *
 * Figures are typical of the world fleet: a VLCC steams at 12–14 kn and cannot
 * do much over 16; container ships 16–21 kn, the fastest about 25; LNG carriers
 * 17–19.5; product tankers and bulkers 12–14.5. Draughts: laden is the summer
 * load line range of the class, ballast roughly 40–60 % of it.
 */
import { SextantError } from '../../errors.ts';
import type { PortRole } from '../../model/ports.ts';

export type VesselKind =
  | 'crude_tanker'
  | 'product_tanker'
  | 'lng'
  | 'bulk'
  | 'container'
  | 'general_cargo'
  | 'fishing'
  | 'passenger'
  | 'tug';

export type Range = readonly [number, number];

export interface VesselClass {
  kind: VesselKind;
  label: string;
  /** AIS ship type most of the class broadcasts (80–89 tanker, 70–79 cargo, 30 fishing, 60–69 passenger, 52 tug). */
  aisType: number;
  /** Other type codes members of the class broadcast (hazardous-cargo categories, towing). */
  aisTypeVariants: readonly number[];
  /** MarineCadastre `Cargo` column: usually the type code again. */
  cargoCode: number;
  serviceSpeedKn: Range;
  /** Never exceeded by a simulated vessel of the class. */
  maxSpeedKn: number;
  lengthM: Range;
  widthM: Range;
  draughtLadenM: Range;
  draughtBallastM: Range;
  /** Share of the class fitted with a class B transceiver instead of class A. */
  classBShare: number;
  /** Port roles the class trades between. */
  trades: readonly PortRole[];
}

export const VESSEL_CLASSES: Readonly<Record<VesselKind, VesselClass>> = Object.freeze({
  'crude_tanker': {
    kind: 'crude_tanker',
    label: 'Crude oil tanker (Aframax to VLCC)',
    aisType: 80,
    aisTypeVariants: [81, 82, 83, 84],
    cargoCode: 80,
    serviceSpeedKn: [11.5, 14.5],
    maxSpeedKn: 16.5,
    lengthM: [230, 333],
    widthM: [42, 60],
    draughtLadenM: [14.5, 22.5],
    draughtBallastM: [7.5, 10.5],
    classBShare: 0,
    trades: ['crude'],
  },
  'product_tanker': {
    kind: 'product_tanker',
    label: 'Product / chemical tanker (MR, LR1)',
    aisType: 80,
    aisTypeVariants: [81, 82, 83, 84, 89],
    cargoCode: 80,
    serviceSpeedKn: [12, 14.5],
    maxSpeedKn: 16,
    lengthM: [180, 230],
    widthM: [30, 40],
    draughtLadenM: [11, 13.8],
    draughtBallastM: [6, 8],
    classBShare: 0,
    trades: ['products'],
  },
  lng: {
    kind: 'lng',
    label: 'LNG carrier',
    aisType: 84,
    aisTypeVariants: [80, 81],
    cargoCode: 84,
    serviceSpeedKn: [16.5, 19.5],
    maxSpeedKn: 21,
    lengthM: [280, 300],
    widthM: [43, 50],
    draughtLadenM: [11.3, 12.5],
    draughtBallastM: [9.3, 10.5],
    classBShare: 0,
    trades: ['lng'],
  },
  bulk: {
    kind: 'bulk',
    label: 'Bulk carrier (Handysize to Capesize)',
    aisType: 70,
    aisTypeVariants: [79],
    cargoCode: 70,
    serviceSpeedKn: [11.5, 14.5],
    maxSpeedKn: 15.5,
    lengthM: [170, 300],
    widthM: [28, 50],
    draughtLadenM: [10, 18.1],
    draughtBallastM: [5, 9],
    classBShare: 0,
    trades: ['bulk'],
  },
  container: {
    kind: 'container',
    label: 'Container ship',
    aisType: 70,
    aisTypeVariants: [71, 72, 74, 79],
    cargoCode: 70,
    serviceSpeedKn: [15, 21],
    maxSpeedKn: 25,
    lengthM: [200, 400],
    widthM: [32, 61],
    draughtLadenM: [11, 16],
    draughtBallastM: [8, 11],
    classBShare: 0,
    trades: ['container'],
  },
  general_cargo: {
    kind: 'general_cargo',
    label: 'General cargo ship',
    aisType: 70,
    aisTypeVariants: [79, 71],
    cargoCode: 70,
    serviceSpeedKn: [10.5, 13.5],
    maxSpeedKn: 15,
    lengthM: [90, 160],
    widthM: [14, 25],
    draughtLadenM: [6, 9.5],
    draughtBallastM: [3.5, 5.5],
    classBShare: 0.05,
    trades: ['general', 'container', 'bulk'],
  },
  fishing: {
    kind: 'fishing',
    label: 'Fishing vessel',
    aisType: 30,
    aisTypeVariants: [],
    cargoCode: 30,
    serviceSpeedKn: [9, 12],
    maxSpeedKn: 14,
    lengthM: [15, 70],
    widthM: [5, 13],
    draughtLadenM: [3.5, 6.5],
    draughtBallastM: [2.8, 5.5],
    classBShare: 0.35,
    trades: ['general'],
  },
  passenger: {
    kind: 'passenger',
    label: 'Passenger / ro-pax ferry',
    aisType: 60,
    aisTypeVariants: [69],
    cargoCode: 60,
    serviceSpeedKn: [17, 23],
    maxSpeedKn: 27,
    lengthM: [100, 230],
    widthM: [18, 32],
    draughtLadenM: [5.5, 7.2],
    draughtBallastM: [5, 6.5],
    classBShare: 0,
    trades: ['general'],
  },
  tug: {
    kind: 'tug',
    label: 'Tug',
    aisType: 52,
    aisTypeVariants: [31, 32],
    cargoCode: 52,
    serviceSpeedKn: [8, 11],
    maxSpeedKn: 13,
    lengthM: [25, 40],
    widthM: [9, 13],
    draughtLadenM: [4, 6],
    draughtBallastM: [3.5, 5.5],
    classBShare: 0.1,
    trades: ['general'],
  },
});

export const VESSEL_KINDS: readonly VesselKind[] = Object.freeze(Object.keys(VESSEL_CLASSES) as VesselKind[]);

export function vesselClass(kind: VesselKind): VesselClass {
  const cls = VESSEL_CLASSES[kind];
  if (!cls) throw new SextantError('validation_failed', `unknown vessel kind "${String(kind)}" (one of ${VESSEL_KINDS.join(', ')})`);
  return cls;
}

export { isTankerType } from '../../model/ais.ts';
