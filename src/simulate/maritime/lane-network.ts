/**
 * The sea-lane network's data: ocean waypoints and the lanes joining them.
 *
 * Waypoints sit where real traffic converges — straits and their traffic
 * separation schemes, capes ships round, the open-ocean turning points of the
 * great-circle routes — each with open water around it. A lane is a chain of
 * waypoints; every consecutive pair is an edge sailed along its great circle,
 * and every edge is checked against the 1:50m coastline by the tests. Canals
 * (Suez, Panama) are passages: edges whose geometry is the canal's own course,
 * exempt from the land check because the coastline closes them.
 *
 * Kept apart from lanes.ts (the routing) so the table reads as a map.
 */

export interface Waypoint {
  lat: number;
  lon: number;
}

/** Chokepoints a route can be told to avoid (a Red Sea diversion, a closed canal). */
export type Chokepoint =
  | 'suez'
  | 'panama'
  | 'turkish-straits'
  | 'bab-el-mandeb'
  | 'hormuz'
  | 'malacca'
  | 'singapore'
  | 'gibraltar'
  | 'dover'
  | 'danish-straits'
  | 'kerch'
  | 'messina'
  | 'sunda'
  | 'lombok'
  | 'taiwan-strait'
  | 'tsugaru'
  | 'magellan-horn';

export interface Lane {
  name: string;
  /** Waypoint ids, in order; the lane is sailed both ways. */
  via: string[];
  chokepoint?: Chokepoint;
}

export interface Passage {
  name: string;
  chokepoint: Chokepoint;
  /** Waypoint ids at each end (both at sea). */
  from: string;
  to: string;
  /** The course between them, excluding the end waypoints. */
  course: Array<[number, number]>;
  /** Speed limit inside, knots. */
  maxKn: number;
}

const w = (lat: number, lon: number): Waypoint => ({ lat, lon });

export const WAYPOINTS: Readonly<Record<string, Waypoint>> = Object.freeze({
  // North Sea and the English Channel
  'north-sea-maas': w(52.1, 3.3), // off the Maas and Scheldt: Rotterdam/Antwerp traffic joins the deep-water route
  'north-sea-south': w(52.6, 2.9),
  'dover-strait': w(51.02, 1.5), // Dover TSS: all Channel–North Sea traffic
  'channel-east': w(50.45, 0.4),
  'channel-mid': w(50.15, -1.5),
  'channel-west': w(49.75, -3.6),
  ushant: w(48.75, -5.75), // Ushant TSS, the corner of the Channel
  'scilly-south': w(49.6, -6.5),
  'celtic-sea': w(50.7, -6.4),
  texel: w(53.3, 4.0),
  'german-bight': w(54.05, 7.2),
  'north-sea-central': w(55.5, 4.5),
  'north-sea-north': w(57.3, 4.3),
  'skagerrak-west': w(57.65, 7.5),
  skaw: w(57.95, 10.85), // off Grenen: Skagerrak turns into the Kattegat
  'kattegat-north': w(57.3, 11.5),
  'kattegat-south': w(56.35, 11.3),
  'great-belt-north': w(55.85, 10.95),
  'great-belt': w(55.35, 11.0), // Route T (deep-water) through the Great Belt
  'great-belt-south': w(54.88, 10.92), // between Langeland and Lolland
  'fehmarn-belt': w(54.6, 11.15),
  'kadet-channel': w(54.45, 12.1),
  arkona: w(54.95, 13.4),
  'bornholm-gat': w(55.35, 14.4), // between Sweden and Bornholm
  'baltic-south': w(55.5, 16.0),
  'gotland-south': w(56.4, 18.6),
  'gotland-east': w(57.6, 20.0),
  'baltic-north': w(58.6, 20.4),
  'gulf-finland-west': w(59.45, 22.6),
  'gulf-finland-mid': w(59.75, 24.6),
  'gulf-finland-east': w(59.95, 26.5),
  'gulf-finland-end': w(60.05, 27.7),
  irbe: w(57.82, 22.3), // Irbe Strait into the Gulf of Riga
  'irbe-east': w(57.85, 22.8), // clear of Cape Kolka
  'gulf-riga': w(57.45, 23.4),
  'baltic-se': w(55.4, 19.6),
  'gdansk-bay': w(54.8, 19.0),
  // Norway and the Barents Sea
  'norway-sw': w(58.8, 4.7),
  'norway-west': w(60.6, 4.3),
  stad: w(62.35, 4.7), // off Stad, the exposed corner of western Norway
  'norway-mid': w(64.5, 8.0),
  lofoten: w(67.6, 10.8),
  vesteralen: w(69.4, 14.6),
  'tromso-north': w(70.6, 18.5),
  'north-cape': w(71.5, 25.8),
  'barents-west': w(70.8, 31.0),
  kola: w(69.7, 34.0),
  // Atlantic Europe and North Africa
  'biscay-north': w(47.3, -6.5),
  biscay: w(45.0, -5.0),
  finisterre: w(43.2, -10.0), // Finisterre TSS
  'portugal-north': w(41.0, -9.9),
  roca: w(38.7, -9.8),
  'st-vincent': w(36.85, -9.2), // Cape St Vincent: Atlantic traffic turns for Gibraltar
  'cadiz-gulf': w(36.3, -7.2),
  'gibraltar-west': w(35.95, -6.1),
  gibraltar: w(35.97, -5.45), // Strait of Gibraltar TSS
  'morocco-north': w(34.3, -8.5),
  'agadir-off': w(30.5, -10.4),
  'canaries-east': w(28.0, -13.4), // between Fuerteventura and Cape Juby
  'sahara-off': w(24.5, -16.5), // off Dakhla
  'canaries-west': w(28.5, -19.0),
  'madeira-east': w(32.0, -14.0),
  'mauritania-off': w(20.5, -17.7),
  'cap-vert': w(14.4, -17.8),
  'guinea-bissau-off': w(11.0, -17.7),
  'sierra-leone-off': w(7.5, -14.0),
  'liberia-off': w(5.5, -10.5),
  'cape-palmas': w(3.9, -7.7),
  'abidjan-off': w(4.7, -4.0),
  'three-points-off': w(4.4, -2.1), // off Cape Three Points
  'tema-off': w(5.2, 0.3),
  'lome-off': w(5.7, 1.3),
  'lagos-off': w(6.0, 3.5),
  'niger-delta-off': w(3.8, 6.5),
  'bioko-west': w(3.5, 8.1),
  'gabon-off': w(-1.0, 8.3),
  'congo-off': w(-5.0, 11.2),
  'luanda-off': w(-8.6, 12.8),
  'angola-south': w(-15.0, 11.0),
  'skeleton-coast-off': w(-19.0, 11.5),
  'walvis-off': w(-23.0, 13.8),
  'luderitz-off': w(-26.8, 14.6),
  'namaqua-off': w(-30.0, 16.3),
  'cape-town-off': w(-33.8, 17.8),
  // Western Mediterranean
  'alboran-west': w(36.0, -4.6),
  alboran: w(36.3, -2.8),
  'cabo-gata': w(36.5, -1.6),
  'cartagena-es-off': w(37.4, -0.4),
  'nao-channel': w(38.7, 0.7), // between Cabo de la Nao and Ibiza
  'balearic-north': w(41.0, 2.8),
  'gulf-lion': w(42.3, 4.6),
  ligurian: w(43.8, 8.6),
  'corsica-north': w(43.3, 9.65),
  'elba-west': w(42.75, 9.85), // Corsica Channel, between Corsica and Elba
  'tyrrhenian-north': w(41.8, 11.0),
  tyrrhenian: w(40.0, 12.0),
  'sardinia-south': w(38.6, 9.0),
  'algeria-off': w(37.3, 4.0),
  'algeria-west-off': w(36.3, 0.0),
  'sicily-west': w(38.3, 12.3),
  'tyrrhenian-south': w(38.8, 14.5),
  'messina-north': w(38.33, 15.66),
  'messina-narrows': w(38.24, 15.645),
  'messina-south': w(38.08, 15.6),
  'sicily-channel': w(37.35, 11.4), // between Cape Bon and Sicily
  'sicily-south': w(36.6, 13.5),
  'malta-north': w(36.2, 14.3),
  'malta-east': w(35.8, 15.2),
  'sicily-east': w(37.1, 15.8),
  // Central and eastern Mediterranean
  ionian: w(36.5, 18.0),
  otranto: w(40.2, 18.9), // Strait of Otranto into the Adriatic
  'adriatic-south': w(41.8, 17.5),
  'adriatic-mid': w(43.0, 15.2),
  'adriatic-north': w(44.6, 13.0),
  'trieste-gulf': w(45.4, 13.3),
  matapan: w(36.0, 22.5), // south of Cape Matapan
  kithira: w(36.03, 23.15), // between Kythira and Antikythera
  'saronic-south': w(37.4, 23.75),
  'kea-channel': w(37.62, 24.17), // between Cape Sounion and Kea
  'kafireas-south': w(37.9, 24.62),
  kafireas: w(38.05, 24.63), // Kafireas Strait between Euboea and Andros
  'aegean-north': w(39.5, 25.6),
  'aegean-east': w(38.75, 26.1),
  'aegean-south': w(35.9, 25.7),
  'andros-northeast': w(38.05, 25.1),
  'mykonos-north': w(37.65, 25.4),
  'cyclades-southeast': w(37.3, 25.85), // between Mykonos and Ikaria, clear of the Cyclades
  'chios-north': w(38.72, 25.75),
  'chios-west': w(38.3, 25.7),
  'dodecanese-west': w(36.3, 26.9),
  'kasos-strait': w(35.4, 26.6),
  'karpathos-south': w(35.25, 27.3),
  'rhodes-south': w(35.6, 28.0),
  'crete-southwest': w(35.1, 23.3),
  'crete-south': w(34.6, 24.5),
  'egypt-north': w(32.2, 30.5),
  'port-said-north': w(31.6, 32.3),
  'cyprus-south': w(34.3, 33.0),
  'cyprus-west': w(34.8, 31.9),
  levant: w(33.4, 34.5),
  'syria-off': w(35.1, 35.2),
  cilicia: w(36.2, 34.8),
  'iskenderun-gulf': w(36.5, 35.6),
  'antalya-gulf': w(36.0, 31.0),
  anamur: w(35.75, 32.8),
  'turkey-southwest': w(35.9, 29.8),
  // Turkish Straits and the Black Sea
  'dardanelles-south': w(40.02, 26.2),
  'dardanelles-narrows': w(40.15, 26.4),
  'dardanelles-north': w(40.38, 26.65),
  'marmara-west': w(40.5, 27.1),
  marmara: w(40.78, 28.0),
  'marmara-east': w(40.9, 28.8),
  'bosporus-south': w(41.0, 28.99),
  'bosporus-1': w(41.06, 29.03),
  'bosporus-2': w(41.12, 29.06),
  'bosporus-3': w(41.18, 29.09),
  'bosporus-north': w(41.23, 29.12),
  'black-sea-bosporus': w(41.45, 29.2),
  'black-sea-west': w(42.9, 28.6),
  'constanta-off': w(44.0, 29.3),
  'odesa-off': w(45.8, 30.8),
  'black-sea-central': w(43.5, 33.0),
  'crimea-south': w(44.0, 34.0),
  'kerch-south': w(44.95, 36.55),
  kerch: w(45.25, 36.6), // Kerch Strait into the Sea of Azov
  'azov-south': w(45.6, 36.8),
  'novorossiysk-off': w(44.45, 37.6),
  'tuapse-off': w(43.9, 38.9),
  'black-sea-east': w(42.5, 40.5),
  'samsun-off': w(41.7, 36.5),
  sinop: w(42.4, 35.2),
  'black-sea-southwest': w(41.7, 31.0),
  'kerempe-off': w(42.25, 33.3),
  // Red Sea and the Gulf of Aden
  'suez-south': w(29.8, 32.55),
  'gulf-suez-mid': w(28.9, 32.95),
  'gulf-suez-south': w(27.75, 33.75),
  'red-sea-north': w(26.8, 34.6),
  tiran: w(27.98, 34.47), // Strait of Tiran into the Gulf of Aqaba
  'aqaba-gulf': w(28.6, 34.75),
  'red-sea-north-2': w(25.0, 35.9),
  'red-sea-mid': w(22.0, 37.9),
  'red-sea-mid-2': w(19.5, 38.9),
  'red-sea-south': w(16.2, 40.9),
  'hanish-west': w(13.8, 42.45),
  'mocha-off': w(13.1, 43.05),
  'bab-el-mandeb': w(12.5, 43.3), // west of Perim: the main channel
  'aden-west': w(12.2, 44.2),
  'aden-gulf': w(12.6, 46.5),
  'aden-east': w(13.2, 49.5),
  guardafui: w(11.95, 51.75), // off Cape Guardafui, between Somalia and Abd al Kuri
  'socotra-north': w(13.3, 54.0),
  // Arabian Sea, Gulf of Oman and the Gulf
  'arabian-sea-west': w(15.5, 57.0),
  'ras-al-hadd': w(22.7, 60.2), // Ras al Hadd: the turn into the Gulf of Oman
  'gulf-of-oman': w(24.3, 58.8),
  'fujairah-off': w(25.2, 56.8),
  'hormuz-east': w(26.0, 56.8),
  hormuz: w(26.6, 56.35), // Strait of Hormuz TSS
  'hormuz-west': w(26.45, 55.9),
  'gulf-ae': w(25.5, 54.7),
  'gulf-south': w(24.6, 52.9),
  'gulf-central': w(26.6, 52.5),
  'qatar-north': w(26.6, 51.8),
  'bahrain-east': w(26.5, 50.9),
  'gulf-northwest': w(28.2, 50.0),
  'gulf-north': w(29.0, 49.5),
  'karachi-off': w(24.4, 66.6),
  'kutch-gulf': w(22.65, 68.9), // entrance of the Gulf of Kutch: Sikka, Mundra, Kandla
  'kathiawar-southwest': w(21.0, 68.8),
  'mumbai-off': w(18.9, 72.3),
  'arabian-sea-central': w(16.0, 64.0),
  'arabian-sea-north': w(19.5, 62.0),
  'arabian-sea-south': w(10.5, 60.0),
  'india-southwest': w(12.5, 74.0),
  'eight-degree-channel': w(7.9, 73.3), // between Minicoy and the Maldives
  'kochi-off': w(9.9, 75.6),
  'cape-comorin': w(7.6, 77.5),
  dondra: w(5.7, 80.6), // Dondra Head TSS south of Sri Lanka
  'colombo-off': w(6.9, 79.5),
  'galle-off': w(5.85, 79.9),
  'sri-lanka-southeast': w(6.0, 81.8),
  'sri-lanka-east': w(7.5, 82.5),
  'bay-of-bengal-southwest': w(12.0, 82.5),
  'vizag-off': w(17.3, 83.8),
  'paradip-off': w(19.8, 87.2),
  'bengal-north': w(21.3, 91.3),
  'bay-of-bengal-central': w(13.0, 88.0),
  'six-degree-channel': w(6.1, 94.5), // between Great Nicobar and Sumatra
  'nicobar-west': w(7.2, 92.6),
  // Malacca, Singapore and the Indonesian straits
  'malacca-north': w(5.9, 97.6),
  'malacca-penang': w(4.5, 99.0),
  'one-fathom-bank': w(2.9, 100.9),
  'malacca-south': w(2.05, 101.95),
  'singapore-west': w(1.17, 103.55),
  'singapore-strait': w(1.2, 103.9), // Singapore Strait TSS
  'singapore-east': w(1.27, 104.2),
  horsburgh: w(1.38, 104.55), // past Horsburgh lighthouse: the turn into the South China Sea
  'scs-south': w(2.8, 105.0),
  'scs-southwest': w(6.0, 106.5),
  'vietnam-south': w(8.5, 107.5),
  'vietnam-southeast': w(10.8, 109.6),
  'scs-central': w(12.5, 111.5),
  'paracel-west': w(16.0, 110.7),
  'hainan-south': w(17.6, 110.2),
  tonkin: w(19.0, 107.5),
  'hong-kong-south': w(21.9, 114.2),
  'scs-north': w(19.5, 115.5),
  'scs-east': w(14.5, 117.0),
  'manila-off': w(14.3, 120.2),
  'luzon-strait': w(20.9, 120.9),
  'kaohsiung-off': w(22.3, 119.9),
  'taiwan-strait-south': w(23.3, 119.0),
  'taiwan-strait': w(24.6, 119.8),
  'taiwan-strait-north': w(25.6, 120.5),
  'taiwan-north': w(25.6, 121.9),
  'taiwan-east': w(23.0, 122.5),
  'sunda-strait': w(-5.95, 105.72), // Sunda Strait between Java and Sumatra
  'sunda-north': w(-5.5, 106.1),
  'sunda-south': w(-6.45, 105.05), // west of Panaitan
  'java-sea-west': w(-5.6, 106.8),
  'bangka-east': w(-2.6, 107.1), // Gaspar Strait, between Bangka and Belitung
  karimata: w(-2.0, 108.5),
  'riau-east': w(0.0, 105.2),
  'java-sea-central': w(-5.2, 110.5),
  'bawean-south': w(-6.2, 112.6),
  'java-sea-east': w(-6.3, 114.0),
  'lombok-north': w(-8.2, 115.8),
  'lombok-strait': w(-8.75, 115.8), // Lombok Strait: deep water for VLCCs and Capesizes
  'lombok-south': w(-9.3, 115.8),
  'makassar-south': w(-4.0, 117.8),
  'makassar-mid': w(-1.5, 118.0),
  'makassar-north': w(1.5, 119.3),
  'celebes-sea': w(3.5, 121.0),
  'mindanao-east': w(5.0, 127.5),
  'philippine-sea': w(12.0, 128.0),
  'philippine-sea-north': w(19.0, 125.0),
  // China, Korea, Japan and the Russian Far East
  'east-china-sea-south': w(27.5, 122.0),
  'ningbo-off': w(29.8, 123.0),
  'shanghai-off': w(30.8, 123.0),
  'yangtze-east': w(31.6, 123.5),
  'yellow-sea-south': w(33.5, 124.0),
  'yellow-sea': w(35.5, 123.0),
  'shandong-east': w(37.4, 123.0),
  'bohai-strait': w(38.4, 121.1), // Laotieshan channel into the Bohai
  'bohai': w(38.8, 119.5),
  'west-korea-bay': w(38.3, 124.5),
  'jeju-south': w(32.9, 126.5),
  'korea-strait': w(34.6, 128.9),
  'tsushima-east': w(34.0, 129.6),
  'japan-sea-south': w(36.0, 130.5),
  'japan-sea': w(38.5, 133.0),
  'vladivostok-off': w(42.4, 132.0),
  'nakhodka-off': w(42.45, 133.3),
  'primorye-off': w(43.3, 135.0),
  'primorye-north': w(44.5, 137.0),
  'tatar-south': w(46.5, 139.5),
  'tatar-strait': w(48.5, 140.8),
  'tsugaru-west': w(41.3, 140.05), // Tsugaru Strait between Honshu and Hokkaido
  'tsugaru-narrows': w(41.45, 140.6),
  'tsugaru-mid': w(41.62, 140.95), // between Cape Oma and Hokkaido
  'tsugaru-east': w(41.5, 141.6),
  'japan-east': w(39.5, 143.0),
  inubo: w(35.5, 141.2),
  'boso-south': w(34.7, 139.95),
  'kii-channel': w(33.6, 135.0),
  shionomisaki: w(33.3, 135.8), // off Cape Shionomisaki, the tip of the Kii peninsula
  'nagoya-off': w(34.3, 137.0),
  'shikoku-south': w(32.4, 133.3),
  'kyushu-south': w(30.95, 130.9),
  'kyushu-west': w(33.0, 128.9),
  'kyushu-southwest': w(31.6, 129.6),
  'satsuma-south': w(30.85, 130.3),
  'japan-south': w(31.0, 141.5),
  // Australia and the South-West Pacific
  'hedland-off': w(-19.4, 118.3),
  'montebello-north': w(-20.0, 115.3),
  'shark-bay-west': w(-25.8, 112.3),
  'australia-northwest': w(-16.0, 116.0),
  'nw-cape': w(-21.6, 113.3),
  'abrolhos-au': w(-28.8, 113.0),
  'cape-leeuwin': w(-35.2, 114.9),
  bight: w(-36.5, 128.0),
  'bass-strait-west': w(-39.2, 143.3),
  'port-phillip-off': w(-38.6, 144.6),
  'bass-strait': w(-39.5, 146.3),
  'bass-strait-east': w(-38.8, 148.8),
  'eden-off': w(-37.5, 150.5),
  'sydney-off': w(-34.0, 151.6),
  'newcastle-off': w(-33.0, 152.5),
  'nsw-north': w(-29.0, 154.0),
  'brisbane-off': w(-27.0, 153.9),
  'sandy-cape-off': w(-24.6, 153.8), // off Fraser Island and Breaksea Spit
  'capricorn-channel': w(-22.8, 152.5),
  'coral-sea': w(-18.0, 157.0),
  'solomons-east': w(-9.5, 163.5),
  'pacific-equator-west': w(0.0, 160.0),
  'marianas-west': w(15.0, 142.0),
  'tasman-sea': w(-35.0, 165.0),
  'nz-north': w(-34.0, 174.5),
  'auckland-off': w(-36.3, 175.7),
  // Indian Ocean and East Africa
  'good-hope': w(-34.75, 18.5), // Cape of Good Hope
  agulhas: w(-35.3, 20.0), // Cape Agulhas, southern tip of Africa
  'algoa-off': w(-34.3, 26.0),
  'east-london-off': w(-33.3, 28.2),
  'durban-off': w(-29.9, 31.5),
  'mozambique-south': w(-26.0, 34.0),
  'mozambique-channel-south': w(-22.5, 38.0),
  'mozambique-channel': w(-17.0, 41.3),
  'mozambique-channel-north': w(-12.0, 42.0),
  'dar-off': w(-6.5, 40.2),
  'mombasa-off': w(-4.1, 40.3),
  'somalia-south': w(0.0, 43.5),
  'somalia-mid': w(5.0, 50.0),
  'somalia-north': w(10.0, 52.5),
  'madagascar-south': w(-26.3, 45.2),
  'mauritius-west': w(-20.0, 57.0),
  'reunion-south': w(-22.0, 55.5),
  'madagascar-northeast': w(-11.5, 49.8),
  'indian-ocean-southwest': w(-28.0, 45.0),
  'indian-ocean-south': w(-25.0, 60.0),
  'indian-ocean-central': w(-10.0, 75.0),
  'indian-ocean-east': w(-5.0, 90.0),
  'sumatra-west': w(-2.0, 97.0),
  'enggano-south': w(-6.0, 102.0),
  'sunda-approach-south': w(-7.0, 104.8),
  'indian-ocean-southeast': w(-15.0, 105.0),
  // Atlantic Ocean
  'atlantic-northeast': w(48.5, -15.0),
  'atlantic-north-mid': w(45.0, -35.0),
  'atlantic-northwest': w(42.0, -55.0),
  'azores-north': w(40.5, -28.0),
  'azores-south': w(36.0, -28.0),
  'atlantic-central': w(32.0, -45.0),
  'bermuda-south': w(31.5, -65.0),
  'atlantic-southwest-n': w(25.0, -60.0),
  'atlantic-trade-wind': w(20.0, -40.0),
  'cape-verde-west': w(16.0, -26.5),
  'atlantic-equator-east': w(3.0, -20.0),
  'atlantic-equator': w(0.0, -28.0),
  'south-atlantic-north': w(-10.0, -5.0),
  'south-atlantic-west': w(-29.0, -30.0),
  'south-atlantic-east': w(-34.0, 0.0),
  'grand-banks-south': w(43.0, -50.0),
  'sable-south': w(43.4, -60.0),
  'halifax-off': w(44.3, -63.3),
  georges: w(41.5, -67.0),
  'nantucket-south': w(40.2, -69.5),
  'ny-off': w(40.3, -73.4),
  'delaware-off': w(38.5, -74.2),
  'chesapeake-off': w(36.9, -75.3),
  hatteras: w(35.0, -75.0), // off Cape Hatteras and Diamond Shoals
  'hatteras-south': w(33.3, -77.2),
  'savannah-off': w(31.8, -80.4),
  'jacksonville-off': w(30.5, -80.3),
  'florida-current-north': w(27.5, -79.8),
  'florida-strait-north': w(25.5, -79.7),
  'florida-strait-mid': w(24.2, -81.0),
  'havana-off': w(23.4, -82.4),
  'tortugas-south': w(24.3, -83.3),
  // Gulf of Mexico
  'gulf-mexico-central': w(25.5, -88.0),
  'yucatan-north': w(23.0, -86.0),
  'mississippi-off': w(28.5, -89.4),
  'sabine-off': w(29.2, -93.5),
  'galveston-off': w(28.9, -94.4),
  'corpus-off': w(27.6, -96.6),
  'tampico-off': w(22.5, -97.0),
  'veracruz-off': w(19.4, -95.8),
  'coatzacoalcos-off': w(18.5, -94.5),
  'campeche-west': w(21.0, -92.5),
  // Caribbean
  'yucatan-channel': w(21.75, -85.9), // between Cuba and Yucatán
  'cayman-west': w(19.0, -84.5),
  'caribbean-west': w(17.0, -82.0),
  'san-andres-east': w(13.0, -80.0),
  'colon-off': w(9.7, -79.9),
  'panama-canal-north': w(9.42, -79.92), // Limón Bay breakwater: the canal's Atlantic entrance
  'cartagena-off': w(10.3, -76.0),
  'magdalena-off': w(11.6, -74.8),
  'guajira-off': w(12.9, -72.0),
  'abc-north': w(13.0, -69.5),
  'venezuela-off': w(11.0, -67.5),
  'caribbean-east': w(12.5, -64.0),
  'grenada-passage': w(11.75, -61.3),
  'tobago-north': w(11.7, -60.4),
  'jamaica-south': w(17.3, -76.6),
  'jamaica-channel': w(18.6, -75.0), // between Jamaica and Haiti
  'windward-passage': w(20.0, -73.95), // between Cuba and Haiti
  'windward-north': w(20.6, -73.7),
  'old-bahama-west': w(23.6, -79.3),
  'old-bahama-channel': w(22.75, -77.8), // along the north coast of Cuba
  'old-bahama-east': w(21.7, -75.5),
  'mona-passage': w(18.45, -67.9), // between Hispaniola and Puerto Rico
  'anegada-passage': w(18.3, -64.0),
  'caribbean-central': w(15.0, -72.0),
  'atlantic-caribbean-north': w(20.5, -63.0),
  'guiana-off': w(8.5, -56.0),
  'amazon-off': w(4.5, -47.0),
  'sao-luis-off': w(-1.5, -43.5),
  'ceara-off': w(-2.3, -39.0),
  // South America
  'brazil-northeast-off': w(-5.0, -34.2), // off Cabo de São Roque
  'recife-off': w(-8.5, -34.2),
  'salvador-off': w(-13.2, -38.0),
  'abrolhos-off': w(-18.5, -38.0),
  'vitoria-off': w(-20.5, -39.6),
  'cabo-frio': w(-23.3, -41.8),
  'rio-off': w(-23.3, -43.2),
  'santos-off': w(-24.5, -46.0),
  'paranagua-off': w(-25.8, -47.9),
  'brazil-south': w(-29.0, -48.0),
  'rio-grande-off': w(-32.5, -51.2),
  'plata-mouth': w(-35.3, -54.8),
  'argentina-north': w(-38.6, -56.5),
  'valdes-off': w(-43.0, -62.5),
  'argentina-south': w(-48.0, -64.0),
  'staten-east': w(-55.2, -63.5),
  'cape-horn': w(-56.6, -67.0), // south of Cape Horn
  'horn-west': w(-56.5, -72.0),
  'chile-south': w(-50.0, -77.0),
  'chile-mid': w(-40.0, -75.5),
  'valparaiso-off': w(-33.0, -72.2),
  'chile-north': w(-23.0, -71.2),
  'peru-south': w(-17.5, -73.0),
  'marcona-off': w(-15.6, -75.6),
  'callao-off': w(-12.1, -77.6),
  'peru-north': w(-5.0, -81.8),
  'ecuador-off': w(-1.0, -81.6),
  'panama-south': w(6.5, -80.0),
  'panama-bay': w(7.6, -79.6),
  'panama-canal-south': w(8.85, -79.5), // Balboa anchorage: the canal's Pacific entrance
  // Pacific Ocean
  'azuero-south': w(6.9, -80.6),
  'burica-off': w(7.3, -83.2),
  'costa-rica-off': w(9.0, -86.0),
  'nicaragua-off': w(11.5, -88.3),
  'el-salvador-off': w(12.8, -90.0),
  'mexico-pacific-south': w(15.0, -95.0),
  'acapulco-off': w(16.5, -100.0),
  'manzanillo-off': w(18.8, -104.6),
  'cabo-corrientes': w(20.2, -106.0),
  'cabo-san-lucas': w(22.4, -110.0),
  'baja-mid': w(27.0, -115.5),
  'ensenada-off': w(31.5, -117.5),
  'la-south': w(33.0, -118.0),
  'san-pedro-channel': w(33.6, -118.45), // between Santa Catalina and the mainland
  'point-dume-off': w(33.92, -118.95),
  'santa-barbara-channel': w(34.2, -119.8),
  conception: w(34.3, -120.8),
  'sf-off': w(37.6, -123.2),
  mendocino: w(40.4, -124.9),
  'oregon-off': w(44.5, -124.9),
  'juan-de-fuca-west': w(48.5, -125.2),
  'pacific-northeast': w(49.0, -135.0),
  'pacific-north': w(50.0, -155.0),
  'aleutian-south': w(50.0, -175.0),
  'pacific-northwest': w(46.0, 165.0),
  'erimo-south': w(41.3, 144.0), // off Cape Erimo, Hokkaido
  'pacific-east': w(35.0, -135.0),
  'pacific-central': w(28.0, -145.0),
  'pacific-west': w(33.0, 160.0),
  'pacific-southeast': w(-5.0, -110.0),
  'pacific-equator': w(8.0, -150.0),
  'pacific-northwest-2': w(24.0, 165.0),
  // Caspian Sea (closed: joins only Caspian ports)
  'caspian-north': w(43.0, 50.0),
  'caspian-mid': w(41.5, 51.0),
  'caspian-south': w(39.5, 51.5),
});

export const LANES: readonly Lane[] = Object.freeze([
  // Europe
  { name: 'English Channel', via: ['ushant', 'channel-west', 'channel-mid', 'channel-east', 'dover-strait'], chokepoint: 'dover' },
  { name: 'Dover – Maas', via: ['dover-strait', 'north-sea-maas', 'north-sea-south', 'texel', 'german-bight'] },
  { name: 'North Sea north', via: ['texel', 'north-sea-central', 'north-sea-north', 'norway-sw'] },
  { name: 'Skagerrak', via: ['german-bight', 'north-sea-central', 'skagerrak-west', 'skaw'] },
  { name: 'North Sea – Skagerrak', via: ['north-sea-north', 'skagerrak-west'] },
  { name: 'Great Belt (Route T)', via: ['skaw', 'kattegat-north', 'kattegat-south', 'great-belt-north', 'great-belt', 'great-belt-south', 'fehmarn-belt', 'kadet-channel', 'arkona', 'bornholm-gat', 'baltic-south'], chokepoint: 'danish-straits' },
  { name: 'Baltic main', via: ['baltic-south', 'gotland-south', 'gotland-east', 'baltic-north', 'gulf-finland-west', 'gulf-finland-mid', 'gulf-finland-east', 'gulf-finland-end'] },
  { name: 'Baltic south-east', via: ['baltic-south', 'gdansk-bay', 'baltic-se', 'gotland-east'] },
  { name: 'Gulf of Riga', via: ['gotland-east', 'irbe', 'irbe-east', 'gulf-riga'] },
  { name: 'Norwegian coast', via: ['norway-sw', 'norway-west', 'stad', 'norway-mid', 'lofoten', 'vesteralen', 'tromso-north', 'north-cape', 'barents-west', 'kola'] },
  { name: 'Channel – Irish Sea approaches', via: ['channel-west', 'scilly-south', 'celtic-sea'] },
  { name: 'Ushant – Scilly', via: ['ushant', 'scilly-south'] },
  { name: 'Bay of Biscay', via: ['ushant', 'biscay-north', 'finisterre'] },
  { name: 'Biscay coast', via: ['biscay-north', 'biscay'] },
  { name: 'Iberian coast', via: ['finisterre', 'portugal-north', 'roca', 'st-vincent', 'cadiz-gulf', 'gibraltar-west', 'gibraltar', 'alboran-west'], chokepoint: 'gibraltar' },
  { name: 'Morocco coast', via: ['st-vincent', 'morocco-north', 'agadir-off', 'canaries-east', 'sahara-off', 'mauritania-off', 'cap-vert'] },
  { name: 'Gibraltar – Morocco', via: ['gibraltar-west', 'morocco-north'] },
  { name: 'Atlantic Europe – Canaries west', via: ['finisterre', 'madeira-east', 'canaries-west', 'cape-verde-west'] },
  { name: 'St Vincent – Madeira', via: ['st-vincent', 'madeira-east'] },
  // West Africa
  { name: 'West African coast', via: ['cap-vert', 'guinea-bissau-off', 'sierra-leone-off', 'liberia-off', 'cape-palmas', 'abidjan-off', 'three-points-off', 'tema-off', 'lome-off', 'lagos-off', 'niger-delta-off', 'bioko-west', 'gabon-off', 'congo-off', 'luanda-off', 'angola-south', 'skeleton-coast-off', 'walvis-off', 'luderitz-off', 'namaqua-off', 'cape-town-off'] },
  { name: 'Gulf of Guinea offshore', via: ['cape-palmas', 'atlantic-equator-east', 'cape-verde-west'] },
  { name: 'Atlantic to southern Africa', via: ['atlantic-equator-east', 'south-atlantic-north', 'walvis-off'] },
  { name: 'South Atlantic north', via: ['gabon-off', 'south-atlantic-north'] },
  // Mediterranean
  { name: 'Western Mediterranean', via: ['alboran-west', 'alboran', 'cabo-gata', 'cartagena-es-off', 'nao-channel', 'balearic-north', 'gulf-lion', 'ligurian', 'corsica-north', 'elba-west', 'tyrrhenian-north', 'tyrrhenian', 'tyrrhenian-south'] },
  { name: 'North African coast', via: ['alboran', 'algeria-west-off', 'algeria-off', 'sicily-channel', 'sicily-south', 'malta-north', 'malta-east', 'ionian', 'matapan', 'kithira', 'aegean-south'] },
  { name: 'Sardinia south', via: ['cabo-gata', 'sardinia-south', 'sicily-west', 'sicily-channel'] },
  { name: 'Sardinia – Algeria', via: ['algeria-off', 'sardinia-south', 'tyrrhenian'] },
  { name: 'Sicily north', via: ['sicily-west', 'tyrrhenian-south'] },
  { name: 'Strait of Messina', via: ['tyrrhenian-south', 'messina-north', 'messina-narrows', 'messina-south', 'sicily-east'], chokepoint: 'messina' },
  { name: 'Ionian – Sicily', via: ['malta-east', 'sicily-east', 'ionian'] },
  { name: 'Adriatic', via: ['ionian', 'otranto', 'adriatic-south', 'adriatic-mid', 'adriatic-north', 'trieste-gulf'] },
  { name: 'Aegean west', via: ['kithira', 'saronic-south', 'kea-channel', 'kafireas-south', 'kafireas', 'aegean-north'] },
  { name: 'Aegean east', via: ['kafireas', 'andros-northeast', 'mykonos-north', 'cyclades-southeast', 'dodecanese-west', 'rhodes-south'] },
  { name: 'Aegean Turkey', via: ['aegean-north', 'aegean-east', 'chios-north', 'chios-west', 'cyclades-southeast'] },
  { name: 'Dodecanese – Crete', via: ['aegean-south', 'dodecanese-west'] },
  { name: 'Crete south', via: ['matapan', 'crete-southwest', 'crete-south', 'egypt-north', 'port-said-north'] },
  { name: 'Crete east', via: ['aegean-south', 'kasos-strait', 'karpathos-south', 'rhodes-south', 'turkey-southwest', 'antalya-gulf', 'anamur', 'cilicia', 'iskenderun-gulf'] },
  { name: 'Levant', via: ['port-said-north', 'levant', 'syria-off', 'iskenderun-gulf'] },
  { name: 'Cyprus south', via: ['kasos-strait', 'cyprus-west', 'cyprus-south', 'levant'] },
  { name: 'Cyprus – Suez', via: ['cyprus-west', 'port-said-north'] },
  { name: 'Cyprus east', via: ['cyprus-south', 'syria-off'] },
  { name: 'Rhodes – Egypt', via: ['rhodes-south', 'egypt-north'] },
  { name: 'Crete – Cyprus', via: ['crete-south', 'cyprus-west'] },
  // Turkish Straits and the Black Sea
  { name: 'Turkish Straits', via: ['aegean-north', 'dardanelles-south', 'dardanelles-narrows', 'dardanelles-north', 'marmara-west', 'marmara', 'marmara-east', 'bosporus-south', 'bosporus-1', 'bosporus-2', 'bosporus-3', 'bosporus-north', 'black-sea-bosporus'], chokepoint: 'turkish-straits' },
  { name: 'Black Sea west', via: ['black-sea-bosporus', 'black-sea-west', 'constanta-off', 'odesa-off'] },
  { name: 'Black Sea crossing', via: ['black-sea-bosporus', 'black-sea-central', 'crimea-south', 'kerch-south', 'novorossiysk-off', 'tuapse-off', 'black-sea-east'] },
  { name: 'Kerch Strait', via: ['kerch-south', 'kerch', 'azov-south'], chokepoint: 'kerch' },
  { name: 'Black Sea south', via: ['black-sea-bosporus', 'black-sea-southwest', 'kerempe-off', 'sinop', 'samsun-off', 'black-sea-east'] },
  { name: 'Black Sea west–central', via: ['constanta-off', 'black-sea-central'] },
  { name: 'Black Sea – Odesa', via: ['odesa-off', 'crimea-south'] },
  { name: 'Black Sea central–east', via: ['black-sea-central', 'novorossiysk-off'] },
  { name: 'Black Sea central–south', via: ['black-sea-central', 'sinop'] },
  // Red Sea to Arabia
  { name: 'Red Sea', via: ['suez-south', 'gulf-suez-mid', 'gulf-suez-south', 'red-sea-north', 'red-sea-north-2', 'red-sea-mid', 'red-sea-mid-2', 'red-sea-south', 'hanish-west', 'mocha-off', 'bab-el-mandeb', 'aden-west', 'aden-gulf', 'aden-east'], chokepoint: 'bab-el-mandeb' },
  { name: 'Gulf of Aqaba', via: ['red-sea-north', 'tiran', 'aqaba-gulf'] },
  { name: 'Gulf of Aden east', via: ['aden-east', 'socotra-north', 'arabian-sea-west', 'ras-al-hadd', 'gulf-of-oman', 'fujairah-off', 'hormuz-east', 'hormuz', 'hormuz-west', 'gulf-ae', 'gulf-central', 'qatar-north', 'bahrain-east', 'gulf-northwest', 'gulf-north'], chokepoint: 'hormuz' },
  { name: 'Gulf south', via: ['gulf-ae', 'gulf-south'] },
  { name: 'Gulf south–central', via: ['gulf-south', 'gulf-central'] },
  { name: 'Guardafui', via: ['aden-east', 'guardafui', 'somalia-north', 'somalia-mid', 'somalia-south', 'mombasa-off', 'dar-off', 'mozambique-channel-north', 'mozambique-channel', 'mozambique-channel-south', 'mozambique-south', 'durban-off', 'east-london-off', 'algoa-off', 'agulhas', 'good-hope', 'cape-town-off'] },
  { name: 'Arabian Sea crossing', via: ['socotra-north', 'arabian-sea-central', 'karachi-off'] },
  { name: 'Arabian Sea north', via: ['socotra-north', 'arabian-sea-north', 'kutch-gulf'] },
  { name: 'Arabian Sea north – Karachi', via: ['arabian-sea-north', 'karachi-off'] },
  { name: 'Arabian Sea north – Mumbai', via: ['arabian-sea-north', 'mumbai-off'] },
  { name: 'Oman – Pakistan', via: ['ras-al-hadd', 'karachi-off', 'kutch-gulf', 'kathiawar-southwest', 'mumbai-off', 'india-southwest', 'kochi-off', 'cape-comorin', 'dondra'] },
  { name: 'Arabian Sea south', via: ['socotra-north', 'arabian-sea-south', 'eight-degree-channel', 'dondra'] },
  { name: 'Arabian Sea diagonal', via: ['ras-al-hadd', 'arabian-sea-central', 'mumbai-off'] },
  { name: 'Arabian Sea – India south', via: ['arabian-sea-central', 'india-southwest'] },
  { name: 'Eight Degree Channel – Kochi', via: ['eight-degree-channel', 'kochi-off'] },
  { name: 'Sri Lanka', via: ['cape-comorin', 'colombo-off', 'galle-off', 'dondra', 'sri-lanka-southeast', 'sri-lanka-east', 'bay-of-bengal-southwest', 'vizag-off', 'paradip-off', 'bengal-north'] },
  { name: 'Bay of Bengal', via: ['dondra', 'six-degree-channel', 'malacca-north'] },
  { name: 'Bay of Bengal central', via: ['sri-lanka-east', 'bay-of-bengal-central', 'bengal-north'] },
  { name: 'Bay of Bengal – Nicobar', via: ['bay-of-bengal-central', 'nicobar-west', 'six-degree-channel'] },
  // Malacca to East Asia
  { name: 'Strait of Malacca', via: ['malacca-north', 'malacca-penang', 'one-fathom-bank', 'malacca-south', 'singapore-west', 'singapore-strait', 'singapore-east', 'horsburgh'], chokepoint: 'malacca' },
  { name: 'South China Sea west', via: ['horsburgh', 'scs-south', 'scs-southwest', 'vietnam-south', 'vietnam-southeast', 'scs-central', 'paracel-west', 'hainan-south', 'tonkin'] },
  { name: 'South China Sea north', via: ['paracel-west', 'scs-north', 'hong-kong-south', 'kaohsiung-off', 'taiwan-strait-south', 'taiwan-strait', 'taiwan-strait-north', 'east-china-sea-south', 'ningbo-off', 'shanghai-off', 'yangtze-east', 'yellow-sea-south', 'yellow-sea', 'shandong-east', 'bohai-strait', 'bohai'], chokepoint: 'taiwan-strait' },
  { name: 'Hainan – Hong Kong', via: ['hainan-south', 'hong-kong-south'] },
  { name: 'South China Sea east', via: ['scs-central', 'scs-east', 'luzon-strait'] },
  { name: 'Manila', via: ['scs-east', 'manila-off'] },
  { name: 'Luzon Strait – Taiwan east', via: ['scs-north', 'luzon-strait', 'taiwan-east', 'east-china-sea-south'] },
  { name: 'Taiwan north', via: ['taiwan-strait-north', 'taiwan-north', 'east-china-sea-south'] },
  { name: 'Korea Bay', via: ['shandong-east', 'west-korea-bay'] },
  { name: 'Korea Strait', via: ['yellow-sea-south', 'jeju-south', 'korea-strait', 'japan-sea-south', 'japan-sea', 'vladivostok-off'] },
  { name: 'Tsushima', via: ['jeju-south', 'tsushima-east', 'japan-sea-south'] },
  { name: 'East China Sea – Kyushu', via: ['shanghai-off', 'kyushu-west', 'tsushima-east'] },
  { name: 'Kyushu west coast', via: ['kyushu-west', 'kyushu-southwest', 'satsuma-south', 'kyushu-south'] },
  { name: 'Kyushu south', via: ['east-china-sea-south', 'kyushu-south', 'shikoku-south', 'kii-channel', 'shionomisaki', 'nagoya-off', 'boso-south', 'inubo', 'japan-east', 'tsugaru-east', 'tsugaru-mid', 'tsugaru-narrows', 'tsugaru-west', 'japan-sea'], chokepoint: 'tsugaru' },
  { name: 'Tatar Strait', via: ['vladivostok-off', 'nakhodka-off', 'primorye-off', 'primorye-north', 'tatar-south', 'tatar-strait'] },
  { name: 'Japan Sea – Tatar', via: ['japan-sea', 'tatar-south'] },
  { name: 'Philippine Sea', via: ['taiwan-east', 'philippine-sea-north', 'philippine-sea', 'mindanao-east', 'celebes-sea', 'makassar-north', 'makassar-mid', 'makassar-south', 'lombok-north', 'lombok-strait', 'lombok-south'], chokepoint: 'lombok' },
  { name: 'Java Sea', via: ['horsburgh', 'riau-east', 'bangka-east', 'java-sea-west', 'sunda-north', 'sunda-strait', 'sunda-south', 'sunda-approach-south'], chokepoint: 'sunda' },
  { name: 'Java Sea east', via: ['java-sea-west', 'java-sea-central', 'bawean-south', 'java-sea-east', 'lombok-north'] },
  { name: 'Karimata', via: ['riau-east', 'karimata', 'java-sea-central'] },
  { name: 'Makassar – Java Sea', via: ['makassar-south', 'java-sea-east'] },
  // Indian Ocean
  { name: 'Indian Ocean west–east', via: ['madagascar-south', 'indian-ocean-south', 'indian-ocean-central', 'indian-ocean-east', 'sumatra-west', 'enggano-south', 'sunda-approach-south'] },
  { name: 'Cape – Madagascar', via: ['durban-off', 'indian-ocean-southwest', 'madagascar-south'] },
  { name: 'Agulhas – Indian Ocean', via: ['agulhas', 'indian-ocean-southwest'] },
  { name: 'Mauritius', via: ['madagascar-south', 'reunion-south', 'mauritius-west', 'madagascar-northeast', 'somalia-mid'] },
  { name: 'Mauritius – Indian Ocean', via: ['mauritius-west', 'indian-ocean-central', 'dondra'] },
  { name: 'Madagascar – Arabian Sea', via: ['madagascar-northeast', 'arabian-sea-south'] },
  { name: 'Indian Ocean – Sumatra', via: ['indian-ocean-central', 'six-degree-channel'] },
  { name: 'Indian Ocean southeast', via: ['indian-ocean-south', 'indian-ocean-southeast', 'sunda-approach-south'] },
  { name: 'Indian Ocean – Australia', via: ['indian-ocean-southeast', 'nw-cape'] },
  { name: 'Sumatra west', via: ['sumatra-west', 'six-degree-channel'] },
  // Australia and the Pacific islands
  { name: 'Western Australia', via: ['lombok-south', 'australia-northwest', 'hedland-off', 'montebello-north', 'nw-cape', 'shark-bay-west', 'abrolhos-au', 'cape-leeuwin', 'bight', 'bass-strait-west', 'port-phillip-off', 'bass-strait', 'bass-strait-east', 'eden-off', 'sydney-off', 'newcastle-off', 'nsw-north', 'brisbane-off', 'sandy-cape-off', 'capricorn-channel', 'coral-sea', 'solomons-east', 'pacific-equator-west', 'marianas-west', 'japan-south', 'boso-south'] },
  { name: 'Tasman Sea', via: ['sydney-off', 'tasman-sea', 'nz-north', 'auckland-off'] },
  { name: 'Tasman – Bass', via: ['bass-strait-east', 'tasman-sea'] },
  { name: 'Marianas – Philippine Sea', via: ['marianas-west', 'philippine-sea-north'] },
  { name: 'Equatorial Pacific – Philippine Sea', via: ['pacific-equator-west', 'mindanao-east'] },
  // Atlantic crossings
  { name: 'North Atlantic', via: ['ushant', 'atlantic-northeast', 'atlantic-north-mid', 'atlantic-northwest', 'grand-banks-south', 'sable-south', 'halifax-off'] },
  { name: 'North Atlantic south', via: ['atlantic-northwest', 'nantucket-south'] },
  { name: 'Channel – Azores', via: ['atlantic-northeast', 'azores-north', 'atlantic-central', 'bermuda-south', 'hatteras'] },
  { name: 'Gibraltar – Azores', via: ['st-vincent', 'azores-south', 'atlantic-central'] },
  { name: 'Trade-wind route', via: ['canaries-west', 'atlantic-trade-wind', 'atlantic-southwest-n', 'anegada-passage'] },
  { name: 'Mid-Atlantic – Caribbean', via: ['atlantic-central', 'atlantic-southwest-n', 'atlantic-caribbean-north', 'mona-passage'] },
  { name: 'Bermuda – Florida', via: ['bermuda-south', 'florida-current-north'] },
  { name: 'Cape Verde – Brazil', via: ['cape-verde-west', 'atlantic-equator', 'brazil-northeast-off'] },
  { name: 'Equatorial Atlantic', via: ['atlantic-equator-east', 'atlantic-equator'] },
  { name: 'South Atlantic', via: ['santos-off', 'south-atlantic-west', 'south-atlantic-east', 'good-hope'] },
  { name: 'South Atlantic – Agulhas', via: ['south-atlantic-east', 'agulhas'] },
  { name: 'Brazil – West Africa', via: ['recife-off', 'south-atlantic-north'] },
  { name: 'Brazil – Cape', via: ['abrolhos-off', 'south-atlantic-west'] },
  { name: 'Plate – Cape', via: ['plata-mouth', 'south-atlantic-west'] },
  { name: 'Guiana – Trade wind', via: ['guiana-off', 'atlantic-trade-wind'] },
  // North America
  { name: 'US East Coast', via: ['halifax-off', 'georges', 'nantucket-south', 'ny-off', 'delaware-off', 'chesapeake-off', 'hatteras', 'hatteras-south', 'savannah-off', 'jacksonville-off', 'florida-current-north', 'florida-strait-north', 'florida-strait-mid', 'tortugas-south', 'gulf-mexico-central', 'mississippi-off', 'sabine-off', 'galveston-off', 'corpus-off', 'tampico-off', 'veracruz-off', 'coatzacoalcos-off', 'campeche-west', 'yucatan-north', 'yucatan-channel', 'cayman-west', 'caribbean-west', 'san-andres-east', 'colon-off'] },
  { name: 'Havana', via: ['florida-strait-mid', 'havana-off', 'tortugas-south'] },
  { name: 'Yucatán – Gulf', via: ['yucatan-north', 'gulf-mexico-central'] },
  { name: 'Gulf – Galveston', via: ['gulf-mexico-central', 'galveston-off'] },
  { name: 'Campeche – Galveston', via: ['campeche-west', 'galveston-off'] },
  { name: 'Tortugas – Yucatán', via: ['tortugas-south', 'yucatan-north'] },
  // Caribbean
  { name: 'Old Bahama Channel', via: ['florida-strait-north', 'old-bahama-west', 'old-bahama-channel', 'old-bahama-east', 'windward-north', 'windward-passage', 'jamaica-channel', 'jamaica-south', 'caribbean-west'] },
  { name: 'Caribbean south', via: ['colon-off', 'cartagena-off', 'magdalena-off', 'guajira-off', 'abc-north', 'venezuela-off', 'caribbean-east', 'grenada-passage', 'tobago-north', 'guiana-off', 'amazon-off', 'sao-luis-off', 'ceara-off', 'brazil-northeast-off', 'recife-off', 'salvador-off', 'abrolhos-off', 'vitoria-off', 'cabo-frio', 'rio-off', 'santos-off', 'paranagua-off', 'brazil-south', 'rio-grande-off', 'plata-mouth', 'argentina-north', 'valdes-off', 'argentina-south', 'staten-east', 'cape-horn', 'horn-west', 'chile-south', 'chile-mid', 'valparaiso-off', 'chile-north', 'peru-south', 'marcona-off', 'callao-off', 'peru-north', 'ecuador-off', 'panama-south'], chokepoint: 'magellan-horn' },
  { name: 'Caribbean central', via: ['jamaica-channel', 'caribbean-central', 'guajira-off'] },
  { name: 'Jamaica – Cartagena', via: ['jamaica-south', 'cartagena-off'] },
  { name: 'Mona – Caribbean', via: ['mona-passage', 'caribbean-central', 'abc-north'] },
  { name: 'Anegada – Caribbean', via: ['anegada-passage', 'caribbean-east'] },
  { name: 'Windward – Atlantic', via: ['windward-north', 'atlantic-caribbean-north', 'anegada-passage'] },
  { name: 'Caribbean – Brazil offshore', via: ['grenada-passage', 'atlantic-trade-wind'] },
  // Pacific
  { name: 'Mexico Pacific coast', via: ['panama-bay', 'panama-south', 'azuero-south', 'burica-off', 'costa-rica-off', 'nicaragua-off', 'el-salvador-off', 'mexico-pacific-south', 'acapulco-off', 'manzanillo-off', 'cabo-corrientes', 'cabo-san-lucas', 'baja-mid', 'ensenada-off', 'la-south', 'san-pedro-channel', 'point-dume-off', 'santa-barbara-channel', 'conception', 'sf-off', 'mendocino', 'oregon-off', 'juan-de-fuca-west'] },
  { name: 'North Pacific great circle', via: ['juan-de-fuca-west', 'pacific-northeast', 'pacific-north', 'aleutian-south', 'pacific-northwest', 'japan-east'] },
  { name: 'North Pacific – Tsugaru', via: ['pacific-northwest', 'erimo-south', 'tsugaru-east'] },
  { name: 'California – Japan', via: ['conception', 'pacific-east', 'pacific-north'] },
  { name: 'California – Japan south', via: ['pacific-east', 'pacific-central', 'pacific-west', 'inubo'] },
  { name: 'Pacific west – Japan', via: ['pacific-west', 'japan-south'] },
  { name: 'SF – Pacific', via: ['sf-off', 'pacific-east'] },
  { name: 'Panama – Asia', via: ['mexico-pacific-south', 'pacific-equator', 'pacific-northwest-2', 'marianas-west'] },
  { name: 'Pacific central – equator', via: ['pacific-central', 'pacific-equator'] },
  { name: 'Pacific northwest 2 – west', via: ['pacific-northwest-2', 'pacific-west'] },
  { name: 'South America – Pacific', via: ['callao-off', 'pacific-southeast', 'pacific-equator'] },
  { name: 'Panama – South Pacific', via: ['panama-south', 'pacific-southeast'] },
  { name: 'Panama Canal approaches', via: ['colon-off', 'panama-canal-north'] },
  { name: 'Gulf of Panama', via: ['panama-canal-south', 'panama-bay'] },
  // Caspian (closed)
  { name: 'Caspian', via: ['caspian-north', 'caspian-mid', 'caspian-south'] },
]);

/** Canals: the 1:50m coastline closes them, so their course is given, not checked. */
export const PASSAGES: readonly Passage[] = Object.freeze([
  {
    name: 'Suez Canal',
    chokepoint: 'suez',
    from: 'port-said-north',
    to: 'suez-south',
    course: [[31.35, 32.33], [31.25, 32.31], [30.97, 32.32], [30.6, 32.3], [30.45, 32.35], [30.32, 32.4], [30.1, 32.56], [29.93, 32.56]],
    maxKn: 8,
  },
  {
    name: 'Panama Canal',
    chokepoint: 'panama',
    from: 'panama-canal-north',
    to: 'panama-canal-south',
    course: [[9.35, -79.9], [9.27, -79.92], [9.2, -79.87], [9.12, -79.75], [9.12, -79.69], [9.05, -79.66], [9.02, -79.61], [8.997, -79.59], [8.95, -79.57]],
    maxKn: 7,
  },
]);

/** Straits where traffic slows (pilotage, traffic separation, currents). */
export const SLOW_ZONES: ReadonlyArray<{ name: string; lat: number; lon: number; radiusKm: number; maxKn: number }> = Object.freeze([
  { name: 'Bosporus', lat: 41.12, lon: 29.06, radiusKm: 20, maxKn: 10 },
  { name: 'Dardanelles', lat: 40.2, lon: 26.42, radiusKm: 35, maxKn: 12 },
  { name: 'Kerch Strait', lat: 45.25, lon: 36.6, radiusKm: 25, maxKn: 9 },
  { name: 'Strait of Messina', lat: 38.2, lon: 15.6, radiusKm: 15, maxKn: 12 },
  { name: 'Great Belt', lat: 55.35, lon: 11.0, radiusKm: 30, maxKn: 13 },
  { name: 'Singapore Strait', lat: 1.2, lon: 103.9, radiusKm: 40, maxKn: 13 },
]);
