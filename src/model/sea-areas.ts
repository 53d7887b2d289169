/**
 * Named sea areas that give a position its meaning for sanctions work:
 *
 * - `sts`: where ship-to-ship transfers are done routinely — designated
 *   lightering zones and anchorages known from port-state notices and from
 *   public investigations of Russian, Iranian and Venezuelan oil trade. A
 *   transfer here is ordinary business; the same transfer with AIS off, far
 *   from these areas, is an indicator.
 * - `poor-reception`: where ordinary AIS gaps are frequent and long because no
 *   terrestrial receiver is in range and satellite reception is degraded (dense
 *   traffic saturating the satellite's field of view, or few passes). Gap
 *   detection must expect gaps here (true negatives).
 * - `concern`: waters repeatedly named in sanctions advisories (OFAC/State/
 *   Treasury maritime advisories 2019–2024, UN Panel of Experts on the DPRK,
 *   OFSI/EU notices) for dark activity.
 *
 * Boundaries are deliberately generous approximations (centre + radius or a
 * simple polygon), not legal limits: they serve simulation and context, not
 * enforcement. Polygons are given as [lat, lon] vertices, span less than 180° of
 * longitude and may cross the antimeridian.
 */
import type { LatLon } from './geo.ts';
import { haversineM, lonDelta } from './geo.ts';
import type { Port } from './ports.ts';
import { portByLocode } from './ports.ts';

export type SeaAreaKind = 'sts' | 'poor-reception' | 'concern';

export type SeaAreaShape =
  | { type: 'circle'; center: LatLon; radiusKm: number }
  | { type: 'polygon'; points: LatLon[] }
  /** Every longitude between two latitudes (polar waters). */
  | { type: 'band'; minLat: number; maxLat: number };

export interface SeaArea {
  id: string;
  name: string;
  kind: SeaAreaKind;
  /** ISO alpha-2 (lower case) of the coastal state, when the area lies in or off one state's waters. */
  country?: string;
  shape: SeaAreaShape;
  /** A representative point at sea inside the area (for STS areas: where transfers are done). */
  centre?: LatLon;
  /** STS areas: the port (UN/LOCODE) the area's traffic usually comes from. */
  port?: string;
  /** Why the area is listed. */
  note: string;
}

function circle(lat: number, lon: number, radiusKm: number): SeaAreaShape {
  return { type: 'circle', center: { lat, lon }, radiusKm };
}

function polygon(points: Array<[number, number]>): SeaAreaShape {
  return { type: 'polygon', points: points.map(([lat, lon]) => ({ lat, lon })) };
}

export const SEA_AREAS: readonly SeaArea[] = Object.freeze([
  // Ship-to-ship transfer areas
  {
    id: 'laconian-gulf',
    name: 'Laconian Gulf STS area',
    kind: 'sts',
    country: 'gr',
    shape: polygon([[36.78, 22.55], [36.78, 22.78], [36.5, 22.88], [36.4, 22.75], [36.45, 22.5]]),
    centre: { lat: 36.62, lon: 22.7 },
    port: 'GRPIR',
    note: 'Greek STS area off Gytheio/Vatika; the busiest Mediterranean transfer site for Russian crude and products in 2022–2023.',
  },
  {
    id: 'kalamata',
    name: 'Messinian Gulf (Kalamata) STS area',
    kind: 'sts',
    country: 'gr',
    shape: circle(36.9, 22.05, 14),
    centre: { lat: 36.92, lon: 22.05 },
    port: 'GRKLX',
    note: 'Anchorage off Kalamata used for STS transfers, notably of Russian oil and Iranian-linked cargoes.',
  },
  {
    id: 'fujairah-opl',
    name: 'Fujairah / Khor Fakkan anchorage and OPL',
    kind: 'sts',
    country: 'ae',
    shape: polygon([[25.45, 56.38], [25.45, 56.75], [24.95, 56.75], [24.95, 56.38]]),
    centre: { lat: 25.2, lon: 56.5 },
    port: 'AEFJR',
    note: 'One of the largest bunkering and STS anchorages in the world, outside port limits off the UAE east coast.',
  },
  {
    id: 'eastern-opl',
    name: 'Eastern OPL (off Johor / Singapore)',
    kind: 'sts',
    country: 'my',
    shape: polygon([[1.55, 104.35], [1.55, 104.85], [1.25, 104.85], [1.28, 104.35]]),
    centre: { lat: 1.4, lon: 104.6 },
    port: 'SGSIN',
    note: 'Outside-port-limits anchorage east of Singapore Strait, used for floating storage and STS of Iranian and Venezuelan oil bound for China.',
  },
  {
    id: 'linggi',
    name: 'Linggi (Tanjung Bruas) STS hub',
    kind: 'sts',
    country: 'my',
    shape: circle(2.3, 101.8, 20),
    centre: { lat: 2.3, lon: 101.8 },
    port: 'MYPKG',
    note: 'Designated Malaysian STS hub in the Malacca Strait off Port Dickson.',
  },
  {
    id: 'lome-anchorage',
    name: 'Lomé anchorage',
    kind: 'sts',
    country: 'tg',
    shape: circle(5.95, 1.3, 25),
    centre: { lat: 5.95, lon: 1.3 },
    port: 'TGLFW',
    note: 'West African STS and floating-storage anchorage, used for Russian products to West Africa.',
  },
  {
    id: 'skaw',
    name: 'Skaw (Skagen) anchorage',
    kind: 'sts',
    country: 'dk',
    shape: circle(57.8, 10.75, 18),
    centre: { lat: 57.8, lon: 10.75 },
    port: 'DKSKA',
    note: 'Anchorage off Skagen used for bunkering and STS at the entrance of the Baltic.',
  },
  {
    id: 'hurd-bank',
    name: 'Hurd Bank (Malta)',
    kind: 'sts',
    country: 'mt',
    shape: circle(35.85, 14.68, 12),
    centre: { lat: 35.85, lon: 14.68 },
    port: 'MTMAR',
    note: 'Designated bunkering/STS area east of Malta; linked to Libyan fuel smuggling.',
  },
  {
    id: 'ceuta',
    name: 'Bay of Ceuta / Gibraltar bunkering area',
    kind: 'sts',
    shape: circle(35.95, -5.3, 15),
    centre: { lat: 35.95, lon: -5.3 },
    port: 'GIGIB',
    note: 'Bunkering and STS anchorages on both sides of the Strait of Gibraltar.',
  },
  {
    id: 'kola-bay',
    name: 'Kola Bay (Murmansk) floating storage',
    kind: 'sts',
    country: 'ru',
    shape: circle(69.2, 33.45, 15),
    centre: { lat: 69.2, lon: 33.45 },
    port: 'RUMMK',
    note: 'Floating storage units (e.g. the Umba) where Arctic crude is transferred to conventional tankers.',
  },
  {
    id: 'southwest-pass-lightering',
    name: 'Southwest Pass lightering area (approx.)',
    kind: 'sts',
    country: 'us',
    shape: circle(28.6, -89.75, 30),
    centre: { lat: 28.6, lon: -89.75 },
    port: 'USMSY',
    note: 'US Gulf lightering zone off the Mississippi mouths (33 CFR 156, approximated).',
  },
  {
    id: 'galveston-lightering',
    name: 'Galveston / Southtex lightering area (approx.)',
    kind: 'sts',
    country: 'us',
    shape: circle(28.55, -94.5, 35),
    centre: { lat: 28.55, lon: -94.5 },
    port: 'USHOU',
    note: 'US Gulf lightering zone where VLCCs are lightened for Houston and Texas City (approximated).',
  },
  {
    id: 'south-sabine-point-lightering',
    name: 'South Sabine Point lightering area (approx.)',
    kind: 'sts',
    country: 'us',
    shape: circle(29.2, -93.7, 25),
    centre: { lat: 29.2, lon: -93.7 },
    port: 'USLCH',
    note: 'US Gulf lightering zone off Sabine Pass (approximated).',
  },
  // Poor AIS reception
  {
    id: 'south-china-sea-central',
    name: 'Central South China Sea',
    kind: 'poor-reception',
    shape: polygon([[20.0, 110.5], [20.0, 119.0], [7.0, 116.0], [7.0, 109.5]]),
    note: 'Very dense AIS traffic saturates satellite receivers (message collisions), far from terrestrial stations.',
  },
  {
    id: 'bay-of-bengal',
    name: 'Bay of Bengal offshore',
    kind: 'poor-reception',
    shape: polygon([[20.0, 84.5], [20.0, 92.0], [8.0, 92.0], [8.0, 82.5]]),
    note: 'Dense small-craft AIS traffic degrades satellite reception; few terrestrial receivers offshore.',
  },
  {
    id: 'gulf-of-guinea-offshore',
    name: 'Gulf of Guinea offshore',
    kind: 'poor-reception',
    shape: polygon([[4.0, -12.0], [4.0, 9.0], [-6.0, 9.0], [-6.0, -12.0]]),
    note: 'Sparse terrestrial coverage along West Africa; long satellite revisit gaps offshore.',
  },
  {
    id: 'south-atlantic-mid',
    name: 'Mid South Atlantic',
    kind: 'poor-reception',
    shape: polygon([[-8.0, -30.0], [-8.0, 5.0], [-40.0, 10.0], [-40.0, -35.0]]),
    note: 'Thousands of km from any terrestrial receiver; satellite-only coverage with long revisit gaps.',
  },
  {
    id: 'indian-ocean-central',
    name: 'Central and southern Indian Ocean',
    kind: 'poor-reception',
    shape: polygon([[2.0, 55.0], [2.0, 92.0], [-38.0, 105.0], [-38.0, 45.0]]),
    note: 'Far from terrestrial receivers; satellite-only coverage with long revisit gaps.',
  },
  {
    id: 'north-pacific-mid',
    name: 'Mid North Pacific',
    kind: 'poor-reception',
    shape: polygon([[50.0, 160.0], [50.0, -135.0], [15.0, -135.0], [15.0, 160.0]]),
    note: 'Trans-Pacific lanes thousands of km from terrestrial receivers; satellite-only coverage.',
  },
  {
    id: 'southern-ocean',
    name: 'Southern Ocean approaches',
    kind: 'poor-reception',
    shape: { type: 'band', minLat: -70, maxLat: -40 },
    note: 'Few satellite passes reach polar latitudes with enough dwell; no terrestrial coverage.',
  },
  // Areas of concern
  {
    id: 'strait-of-hormuz',
    name: 'Strait of Hormuz',
    kind: 'concern',
    shape: polygon([[27.2, 55.6], [27.2, 57.2], [25.9, 57.2], [25.9, 55.6]]),
    note: 'Chokepoint next to Iranian waters; seizures, spoofing and dark departures of Iranian crude.',
  },
  {
    id: 'gulf-of-oman-iran',
    name: 'Gulf of Oman off Iran',
    kind: 'concern',
    country: 'ir',
    shape: polygon([[25.9, 57.0], [25.9, 61.6], [24.6, 61.6], [24.6, 57.0]]),
    note: 'Loading and STS of Iranian crude with AIS disabled (Jask, Chabahar approaches).',
  },
  {
    id: 'kerch-strait',
    name: 'Kerch Strait',
    kind: 'concern',
    shape: polygon([[45.55, 36.35], [45.55, 36.85], [44.9, 36.85], [44.9, 36.35]]),
    note: 'Russian-controlled passage to the Sea of Azov; STS of grain taken from occupied Ukraine and of sanctioned oil.',
  },
  {
    id: 'east-china-sea-dprk',
    name: 'East China Sea / Yellow Sea transfer areas',
    kind: 'concern',
    shape: polygon([[38.5, 122.5], [38.5, 125.0], [30.0, 125.0], [30.0, 122.5]]),
    note: 'UN Panel of Experts reports STS transfers of refined petroleum and coal to or from DPRK vessels here.',
  },
  {
    id: 'syria-coast',
    name: 'Eastern Mediterranean off Syria',
    kind: 'concern',
    country: 'sy',
    shape: polygon([[36.0, 34.5], [36.0, 36.0], [34.6, 36.0], [34.6, 34.5]]),
    note: 'Iranian crude delivered to Baniyas with AIS switched off, often after spoofed positions elsewhere.',
  },
  {
    id: 'red-sea-houthi',
    name: 'Red Sea off Hodeidah',
    kind: 'concern',
    country: 'ye',
    shape: polygon([[16.5, 41.5], [16.5, 43.2], [13.5, 43.4], [13.5, 41.5]]),
    note: 'Deliveries to Houthi-controlled ports outside the UN verification mechanism; spoofing near Hodeidah.',
  },
  {
    id: 'gulf-of-finland',
    name: 'Gulf of Finland (Russian export ports)',
    kind: 'concern',
    shape: polygon([[60.7, 26.5], [60.7, 30.5], [59.5, 30.5], [59.5, 26.5]]),
    note: 'Departures of shadow-fleet tankers from Primorsk and Ust-Luga.',
  },
]);

const BY_ID = new Map(SEA_AREAS.map((a) => [a.id, a]));

export function seaAreaById(id: string): SeaArea | undefined {
  return BY_ID.get(id);
}

/** Whether p lies in the area (circle: great-circle distance; polygon: even–odd rule on unwrapped longitudes). */
export function containsPoint(area: SeaArea, p: LatLon): boolean {
  const shape = area.shape;
  if (shape.type === 'circle') return haversineM(shape.center, p) <= shape.radiusKm * 1000;
  if (shape.type === 'band') return p.lat >= shape.minLat && p.lat <= shape.maxLat;
  const pts = shape.points;
  const ref = pts[0]!.lon;
  // Longitudes relative to the first vertex, so a polygon across the antimeridian stays contiguous.
  const x = lonDelta(ref, p.lon);
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const yi = pts[i]!.lat;
    const yj = pts[j]!.lat;
    if (yi > p.lat === yj > p.lat) continue;
    const xi = lonDelta(ref, pts[i]!.lon);
    const xj = lonDelta(ref, pts[j]!.lon);
    if (x < xi + ((p.lat - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

/** Every area containing p, optionally of one kind. */
export function areasContaining(p: LatLon, kind?: SeaAreaKind): SeaArea[] {
  return SEA_AREAS.filter((a) => (kind === undefined || a.kind === kind) && containsPoint(a, p));
}

/** Every STS area with the point where transfers are done and the port its traffic comes from. */
export function stsAreaCentres(): Array<{ area: SeaArea; at: LatLon; port: Port }> {
  return SEA_AREAS.filter((a) => a.kind === 'sts' && a.centre && a.port).map((area) => ({
    area,
    at: { lat: area.centre!.lat, lon: area.centre!.lon },
    port: portByLocode(area.port!)!,
  }));
}
