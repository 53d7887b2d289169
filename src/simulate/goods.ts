/**
 * Goods for customs declarations and trade payments: HS6 headings with the
 * units customs declare them in and realistic unit values and consignment
 * sizes, so that mis-invoicing and diversion stand out the way they do in real
 * data (a shipment of integrated circuits at a tenth of their usual price per
 * piece, a "tractor" at the value of a machining centre).
 *
 * Unit values are medians of the order seen in UN Comtrade and Eurostat Comext
 * unit values for 2022–2024 (USD per declared unit), with a log-space spread:
 * commodities priced on an exchange vary little (crude, copper, gold), finished
 * goods vary a lot (a medicament may be 20 or 5 000 USD a kilogram). The
 * headings are HS 2022, as the Common High Priority List is.
 */
import { chplEntry, type ChplEntry } from '../model/chpl.ts';
import { hashString, type Random } from './random.ts';

export type GoodsUnit = 'kg' | 'pcs' | 'bbl' | 't' | 'l';

// The Common High Priority List is reference data of the product (src/model/chpl.ts):
// the generator declares its headings, detection recognises them.
export { CHPL, chplTier, isChpl, type ChplEntry } from '../model/chpl.ts';

export interface Distribution {
  /** Median (e^μ of the log-normal). */
  median: number;
  /** Standard deviation in log space. */
  sigma: number;
  /** Upper bound (a ship's capacity, say), if any. */
  max?: number;
}

export interface Heading {
  hs6: string;
  description: string;
  unit: GoodsUnit;
  /** USD per unit. */
  unitValueUsd: Distribution;
  /** Units per declaration. */
  quantity: Distribution;
  /** Relative frequency among declarations. */
  tradeWeight: number;
  /** Month multipliers, January first (harvest and heating seasons). */
  seasonal?: number[];
  chplTier?: string;
  /** Typically controlled as dual-use (EU Regulation 2021/821 Annex I categories 2, 3, 5, 6, 7) in some of its forms. */
  dualUse?: boolean;
}

type Row = [hs6: string, unit: GoodsUnit, value: number, valueSigma: number, qty: number, qtySigma: number, weight: number, extra?: Partial<Heading>];

/**
 * Unit values and consignment sizes of the CHPL headings. Semiconductors are
 * declared per piece (the EU's supplementary unit for 8541–8542); bearings,
 * connectors, printed circuits and parts per kilogram; equipment per piece.
 * ICs run from cents (amplifiers, logic) to hundreds of dollars (processors):
 * the medians sit where the bulk of declared trade lies.
 */
const CHPL_GOODS: Row[] = [
  ['854231', 'pcs', 4, 1.4, 2000, 1.3, 4, { dualUse: true }],
  ['854232', 'pcs', 3, 1.2, 5000, 1.3, 3, { dualUse: true }],
  ['854233', 'pcs', 0.8, 1.0, 10000, 1.2, 2, { dualUse: true }],
  ['854239', 'pcs', 1.5, 1.3, 5000, 1.3, 3, { dualUse: true }],
  ['851762', 'pcs', 120, 1.0, 200, 1.2, 4],
  ['852691', 'pcs', 150, 1.1, 100, 1.2, 1.5, { dualUse: true }],
  ['853221', 'pcs', 0.15, 0.9, 100000, 1.2, 1],
  ['853224', 'pcs', 0.01, 1.0, 1000000, 1.2, 1.5],
  ['854800', 'kg', 60, 1.2, 50, 1.3, 1.5],
  ['847150', 'pcs', 600, 0.9, 50, 1.2, 1.5],
  ['850440', 'pcs', 60, 1.3, 300, 1.3, 4],
  ['851769', 'pcs', 80, 1.2, 200, 1.3, 2],
  ['852589', 'pcs', 150, 1.1, 100, 1.3, 2],
  ['852910', 'pcs', 25, 1.2, 500, 1.3, 1.5],
  ['852990', 'kg', 50, 1.2, 100, 1.3, 1.5],
  ['853669', 'kg', 25, 1.0, 200, 1.2, 2.5],
  ['853690', 'kg', 35, 1.0, 150, 1.2, 2.5],
  ['854110', 'pcs', 0.05, 1.2, 100000, 1.3, 1.5],
  ['854121', 'pcs', 0.05, 1.2, 100000, 1.3, 1.5],
  ['854129', 'pcs', 1.5, 1.2, 10000, 1.3, 1.5],
  ['854130', 'pcs', 3, 1.2, 2000, 1.3, 0.7],
  ['854149', 'pcs', 0.5, 1.5, 10000, 1.3, 0.8],
  ['854151', 'pcs', 2, 1.3, 5000, 1.3, 1],
  ['854159', 'pcs', 0.5, 1.4, 10000, 1.3, 1],
  ['854160', 'pcs', 0.2, 1.2, 20000, 1.2, 0.7],
  ['848210', 'kg', 10, 0.7, 2000, 1.0, 3],
  ['848220', 'kg', 8, 0.6, 2000, 1.0, 1.5],
  ['848230', 'kg', 12, 0.6, 1500, 1.0, 1],
  ['848250', 'kg', 14, 0.7, 1000, 1.0, 1],
  ['880730', 'kg', 500, 1.5, 20, 1.4, 0.8, { dualUse: true }],
  ['901310', 'pcs', 400, 1.0, 20, 1.2, 0.3, { dualUse: true }],
  ['901380', 'pcs', 60, 1.4, 200, 1.3, 1],
  ['901420', 'pcs', 2500, 1.2, 10, 1.2, 0.4, { dualUse: true }],
  ['901480', 'pcs', 800, 1.3, 20, 1.2, 0.6, { dualUse: true }],
  ['847180', 'pcs', 250, 1.2, 100, 1.3, 1.5],
  ['848610', 'pcs', 500000, 1.2, 1, 0.5, 0.1, { dualUse: true }],
  ['848620', 'pcs', 800000, 1.3, 1, 0.5, 0.15, { dualUse: true }],
  ['848640', 'pcs', 300000, 1.3, 1, 0.5, 0.1, { dualUse: true }],
  ['853400', 'kg', 45, 0.9, 200, 1.2, 2],
  ['854320', 'pcs', 3000, 1.2, 5, 1.0, 0.4, { dualUse: true }],
  ['902750', 'pcs', 15000, 1.2, 3, 0.9, 0.4],
  ['903020', 'pcs', 2500, 1.1, 10, 1.0, 0.4, { dualUse: true }],
  ['903032', 'pcs', 400, 1.0, 30, 1.0, 0.4],
  ['903039', 'pcs', 1200, 1.2, 10, 1.0, 0.4],
  ['903082', 'pcs', 150000, 1.3, 1, 0.5, 0.1, { dualUse: true }],
  ['845710', 'pcs', 150000, 0.8, 2, 0.7, 0.3, { dualUse: true }],
  ['845811', 'pcs', 90000, 0.8, 2, 0.7, 0.25, { dualUse: true }],
  ['845891', 'pcs', 70000, 0.9, 2, 0.7, 0.2, { dualUse: true }],
  ['845961', 'pcs', 80000, 0.9, 2, 0.7, 0.2, { dualUse: true }],
  ['846693', 'kg', 40, 1.0, 300, 1.2, 1],
];

/** Northern-hemisphere grain harvest (July–October exports), maize (October–December), soybeans (Brazil, March–June), citrus (winter), heating fuel (winter). */
const WHEAT_SEASON = [0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.3, 1.5, 1.4, 1.2, 1.0, 0.9];
const MAIZE_SEASON = [1.0, 1.0, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 1.0, 1.3, 1.3, 1.2];
const SOY_SEASON = [0.8, 0.9, 1.3, 1.4, 1.4, 1.2, 1.0, 0.9, 0.8, 0.9, 0.9, 0.8];
const CITRUS_SEASON = [1.4, 1.4, 1.3, 1.1, 0.8, 0.6, 0.6, 0.6, 0.8, 1.0, 1.2, 1.4];
const WINTER_FUEL = [1.2, 1.15, 1.05, 0.95, 0.9, 0.85, 0.85, 0.9, 0.95, 1.05, 1.15, 1.2];

/**
 * Ordinary trade: energy, grain, fertiliser, metals, vehicles, consumer goods.
 * Sea cargoes (crude, products, LNG, coal, grain, ore) are declared by the
 * cargo, capped at what a large tanker or bulker carries; containers of
 * consumer goods by the consignment.
 */
const ORDINARY_GOODS: Array<[string, string, ...Row]> = [
  // Energy: crude ~70-85 USD/bbl (Brent 2023-24), an Aframax/Suezmax cargo 0.6-1 M bbl; a VLCC carries about 2 M.
  ['Crude petroleum oils', 'energy', '270900', 'bbl', 78, 0.12, 700000, 0.4, 3, { quantity: { median: 700000, sigma: 0.4, max: 2200000 }, seasonal: WINTER_FUEL }],
  ['Gas oil and diesel fuel (petroleum oils, medium/heavy distillates)', 'energy', '271019', 't', 750, 0.15, 20000, 0.9, 4, { quantity: { median: 20000, sigma: 0.9, max: 120000 }, seasonal: WINTER_FUEL }],
  ['Light oils and preparations (naphtha, motor spirit)', 'energy', '271012', 't', 680, 0.15, 25000, 0.7, 2, { quantity: { median: 25000, sigma: 0.7, max: 100000 } }],
  // LNG ~10-12 USD/MMBtu x 52 MMBtu/t; a cargo is 60-75 thousand tonnes.
  ['Liquefied natural gas', 'energy', '271111', 't', 550, 0.25, 65000, 0.2, 1, { quantity: { median: 65000, sigma: 0.2, max: 90000 }, seasonal: WINTER_FUEL }],
  ['Bituminous coal, not agglomerated', 'energy', '270112', 't', 130, 0.25, 60000, 0.6, 2, { quantity: { median: 60000, sigma: 0.6, max: 180000 }, seasonal: WINTER_FUEL }],
  ['Petroleum coke, not calcined', 'energy', '271311', 't', 150, 0.3, 30000, 0.6, 0.5],
  // Grain and oilseeds: wheat ~230-280 USD/t FOB Black Sea, maize ~200-230, soybeans ~420-500.
  ['Wheat and meslin, other than durum and seed', 'agri', '100199', 't', 240, 0.12, 30000, 0.8, 3, { quantity: { median: 30000, sigma: 0.8, max: 80000 }, seasonal: WHEAT_SEASON }],
  ['Maize (corn), other than seed', 'agri', '100590', 't', 210, 0.12, 30000, 0.8, 2, { quantity: { median: 30000, sigma: 0.8, max: 80000 }, seasonal: MAIZE_SEASON }],
  ['Soya beans, whether or not broken, other than seed', 'agri', '120190', 't', 450, 0.12, 50000, 0.6, 2, { quantity: { median: 50000, sigma: 0.6, max: 80000 }, seasonal: SOY_SEASON }],
  ['Rice, semi-milled or wholly milled', 'agri', '100630', 't', 550, 0.2, 5000, 0.9, 1],
  ['Crude sunflower-seed oil', 'agri', '151211', 't', 900, 0.15, 15000, 0.8, 1.5],
  ['Raw cane sugar', 'agri', '170114', 't', 480, 0.15, 20000, 0.8, 1],
  // A container of green coffee: 320 bags of 60 kg; arabica/robusta 2024 ~4-6 USD/kg.
  ['Coffee, not roasted, not decaffeinated', 'agri', '090111', 'kg', 4.5, 0.25, 19200, 0.4, 1.5],
  ['Bananas, fresh', 'agri', '080390', 'kg', 0.8, 0.2, 20000, 0.3, 2],
  ['Oranges, fresh', 'agri', '080510', 'kg', 0.9, 0.3, 20000, 0.3, 1, { seasonal: CITRUS_SEASON }],
  ['Frozen fish, other', 'agri', '030389', 'kg', 3, 0.5, 25000, 0.4, 1.5],
  ['Frozen boneless bovine meat', 'agri', '020230', 'kg', 6, 0.3, 25000, 0.3, 1],
  ['Milk and cream in powder, fat content not exceeding 1.5%', 'agri', '040210', 'kg', 3, 0.2, 25000, 0.3, 1],
  ['Wine of fresh grapes in containers of 2 l or less', 'agri', '220421', 'l', 4, 0.8, 9000, 0.6, 1.5],
  // Fertilisers (2023-24): urea ~300-350 USD/t, ammonium nitrate ~250-400, potash ~280-320, NPK ~400-450.
  ['Urea', 'agri', '310210', 't', 330, 0.25, 25000, 0.7, 1.5],
  ['Ammonium nitrate', 'agri', '310230', 't', 300, 0.25, 10000, 0.8, 1.5],
  ['Potassium chloride', 'agri', '310420', 't', 300, 0.25, 30000, 0.7, 1.5],
  ['Mineral or chemical fertilisers containing nitrogen, phosphorus and potassium', 'agri', '310520', 't', 420, 0.2, 10000, 0.8, 1.5],
  ['Anhydrous ammonia', 'energy', '281410', 't', 400, 0.25, 10000, 0.6, 0.5],
  // Ores and metals: iron ore ~100-130 USD/t (62% Fe), aluminium ~2.2-2.5 thousand USD/t, copper cathodes ~8-9.5 thousand, gold ~65-75 thousand USD/kg.
  ['Iron ores and concentrates, non-agglomerated', 'machinery', '260111', 't', 110, 0.15, 80000, 0.5, 1.5, { quantity: { median: 80000, sigma: 0.5, max: 200000 } }],
  ['Semi-finished products of iron or non-alloy steel (slabs)', 'machinery', '720712', 't', 550, 0.15, 20000, 0.7, 1],
  ['Hot-rolled flat products of iron or non-alloy steel, 600 mm or wider, over 10 mm thick', 'machinery', '720851', 't', 700, 0.2, 3000, 0.9, 2],
  ['Unwrought aluminium, not alloyed', 'machinery', '760110', 't', 2300, 0.1, 2000, 0.9, 1.5],
  ['Refined copper cathodes and sections of cathodes', 'machinery', '740311', 't', 8600, 0.08, 500, 0.9, 1],
  ['Unwrought nickel, not alloyed', 'machinery', '750210', 't', 17000, 0.15, 100, 0.9, 0.4],
  ['Non-monetary gold, unwrought', 'trading', '710812', 'kg', 68000, 0.06, 20, 1.0, 0.3],
  ['Articles of jewellery of precious metal', 'retail', '711319', 'kg', 30000, 0.4, 5, 1.0, 0.3],
  // Wood and paper: sawn softwood ~250 USD/m3 at ~0.5 t/m3.
  ['Coniferous wood sawn or chipped lengthwise, thicker than 6 mm', 'construction', '440710', 't', 500, 0.2, 500, 0.8, 1.5],
  ['Chemical wood pulp, semi-bleached or bleached, coniferous', 'trading', '470321', 't', 750, 0.15, 5000, 0.8, 0.7],
  ['Uncoated paper and paperboard for writing or printing', 'trading', '480256', 't', 950, 0.2, 200, 0.8, 1],
  // Chemicals and plastics: polyethylene ~1.0-1.3 thousand USD/t, methanol ~300-350.
  ['Polyethylene having a specific gravity of 0.94 or more, in primary forms', 'trading', '390120', 't', 1100, 0.12, 500, 0.9, 2],
  ['Polyethylene having a specific gravity of less than 0.94, in primary forms', 'trading', '390110', 't', 1200, 0.12, 500, 0.9, 1.5],
  ['Methanol', 'energy', '290511', 't', 320, 0.2, 10000, 0.8, 0.7],
  ['Portland cement, other than white', 'construction', '252329', 't', 60, 0.25, 20000, 0.9, 1],
  ['Structures and parts of structures of iron or steel', 'construction', '730890', 'kg', 2, 0.6, 20000, 1.0, 1.5],
  ['Other articles of iron or steel', 'machinery', '732690', 'kg', 5, 0.9, 2000, 1.1, 2],
  ['Taps, cocks, valves and similar appliances', 'machinery', '848180', 'kg', 25, 0.8, 500, 1.1, 2],
  // Vehicles: a mid-size car 20-40 thousand USD declared; electric cars a little more.
  ['Motor cars, spark-ignition engine of 1 500 to 3 000 cc', 'retail', '870323', 'pcs', 28000, 0.45, 10, 1.2, 2.5],
  ['Motor cars with only an electric motor for propulsion', 'retail', '870380', 'pcs', 32000, 0.4, 20, 1.2, 1.5],
  ['Parts and accessories of motor vehicles, other', 'machinery', '870899', 'kg', 12, 0.8, 2000, 1.1, 3],
  ['Tractors, engine power 75 to 130 kW', 'agri', '870195', 'pcs', 60000, 0.4, 4, 0.8, 0.7],
  ['New pneumatic tyres of rubber, for motor cars', 'retail', '401110', 'pcs', 55, 0.4, 2000, 0.8, 2],
  ['Self-propelled excavators with a 360° revolving superstructure', 'construction', '842952', 'pcs', 120000, 0.5, 2, 0.8, 0.7],
  // Electronics and appliances (HS 2022: smartphones 851713, other cellular phones 851714; 851712 in HS 2017).
  ['Smartphones', 'electronics', '851713', 'pcs', 280, 0.7, 500, 1.0, 3],
  ['Telephones for cellular networks other than smartphones', 'electronics', '851714', 'pcs', 40, 0.6, 1000, 1.0, 0.7],
  ['Portable automatic data-processing machines (laptops)', 'electronics', '847130', 'pcs', 550, 0.5, 300, 1.0, 3],
  ['Parts and accessories of automatic data-processing machines', 'electronics', '847330', 'kg', 60, 1.2, 200, 1.2, 2],
  ['Reception apparatus for television (colour)', 'electronics', '852872', 'pcs', 250, 0.6, 300, 0.9, 2],
  ['Lithium-ion accumulators', 'electronics', '850760', 'kg', 25, 0.5, 2000, 1.0, 2],
  ['Photovoltaic cells assembled in modules or made up into panels', 'energy', '854143', 'pcs', 70, 0.4, 2000, 0.8, 1.5],
  ['Combined refrigerator-freezers, with separate external doors', 'retail', '841810', 'pcs', 300, 0.4, 200, 0.8, 1],
  ['Fully-automatic household washing machines, dry linen capacity not over 10 kg', 'retail', '845011', 'pcs', 250, 0.35, 200, 0.8, 1],
  // Consumer goods: container loads from Asian suppliers; t-shirts ~2-6 USD a piece declared.
  ['T-shirts, singlets and other vests, knitted, of cotton', 'retail', '610910', 'pcs', 3.5, 0.5, 20000, 1.0, 3],
  ["Men's or boys' trousers and shorts, of cotton", 'retail', '620342', 'pcs', 9, 0.5, 10000, 1.0, 2],
  ['Footwear with outer soles of rubber or plastics, other', 'retail', '640299', 'pcs', 8, 0.6, 10000, 1.0, 2],
  ['Footwear with outer soles of rubber/plastics/leather and uppers of leather, other', 'retail', '640399', 'pcs', 25, 0.6, 3000, 1.0, 1.5],
  ['Wooden furniture, other than for offices, kitchens or bedrooms', 'retail', '940360', 'pcs', 80, 0.9, 500, 1.0, 2],
  ['Toys; scale models; puzzles', 'retail', '950300', 'kg', 8, 0.7, 5000, 1.0, 2],
  ['Medicaments in measured doses, other', 'retail', '300490', 'kg', 120, 1.5, 500, 1.2, 2.5],
  ['Beauty or make-up preparations, other', 'retail', '330499', 'kg', 25, 0.8, 1000, 1.0, 1.5],
];

function heading(description: string, row: Row, chpl?: ChplEntry): Heading {
  const [hs6, unit, value, valueSigma, qty, qtySigma, weight, extra] = row;
  const h: Heading = {
    hs6,
    description,
    unit,
    unitValueUsd: { median: value, sigma: valueSigma },
    quantity: { median: qty, sigma: qtySigma },
    tradeWeight: weight,
    ...extra,
  };
  if (chpl) h.chplTier = chpl.tier;
  return h;
}

/** Every heading the generator declares: the 50 CHPL headings and the ordinary trade around them. */
export const HEADINGS: readonly Heading[] = [
  ...CHPL_GOODS.map((row) => heading(chplEntry(row[0])!.description, row, chplEntry(row[0]))),
  ...ORDINARY_GOODS.map(([description, , ...row]) => heading(description, row as Row)),
];

/** Sector of each heading (the sector names of background.ts), for matching goods to the companies that trade them. */
export const HEADING_SECTORS: ReadonlyMap<string, string> = new Map([
  ...CHPL_GOODS.map((row): [string, string] => [row[0], row[0].startsWith('84') && !row[0].startsWith('847') ? 'machinery' : 'electronics']),
  ...ORDINARY_GOODS.map(([, sector, hs6]): [string, string] => [hs6, sector]),
]);

const BY_HS6 = new Map(HEADINGS.map((h) => [h.hs6, h]));

export function headingOf(hs6: string): Heading | undefined {
  return BY_HS6.get(hs6.slice(0, 6));
}

function drawFrom(r: Random, d: Distribution): number {
  const x = r.logNormal(d.median, d.sigma);
  return d.max !== undefined ? Math.min(x, d.max) : x;
}

/** Units in one declaration (log-normal around the heading's median, capped by what one ship carries). */
export function drawQuantity(r: Random, heading: Heading): number {
  return drawFrom(r, heading.quantity);
}

/** USD per unit for one declaration (log-normal around the heading's median). */
export function drawUnitValue(r: Random, heading: Heading): number {
  return drawFrom(r, heading.unitValueUsd);
}

export interface PickOptions {
  /** true: CHPL headings only; false: none of them; undefined: all. */
  chpl?: boolean;
  /** 1-12: weights the seasonal headings (grain after harvest, fuel in winter). */
  month?: number;
}

/** A heading drawn by trade weight (and season, when a month is given). */
export function pickHeading(r: Random, opts: PickOptions = {}): Heading {
  const { pool, weights } = headingWeights(opts.chpl, opts.month);
  return r.weighted(pool, weights);
}

/** The pool and its weights for the options, computed once per combination (the customs writer draws hundreds of thousands). */
const HEADING_WEIGHTS = new Map<string, { pool: readonly Heading[]; weights: number[] }>();

function headingWeights(chpl: boolean | undefined, month: number | undefined): { pool: readonly Heading[]; weights: number[] } {
  const key = `${chpl}|${month}`;
  let w = HEADING_WEIGHTS.get(key);
  if (!w) {
    const pool = chpl === undefined ? HEADINGS : HEADINGS.filter((h) => (h.chplTier !== undefined) === chpl);
    const weights = pool.map((h) => h.tradeWeight * (month !== undefined && h.seasonal ? (h.seasonal[(month - 1) % 12] ?? 1) : 1));
    w = { pool, weights };
    HEADING_WEIGHTS.set(key, w);
  }
  return w;
}

/**
 * National tariff digits beyond HS6: EU Combined Nomenclature 8 (TARIC 10 on
 * import), UK 10 on import, US HTS 10, China 10, EAEU (Russia, Belarus,
 * Kazakhstan, Kyrgyzstan, Armenia) 10, Türkiye's GTIP (12, cut to the format's
 * 10), India's ITC-HS and Singapore, Hong Kong, UAE (GCC) 8.
 */
const EU = new Set(['at', 'be', 'bg', 'cy', 'cz', 'de', 'dk', 'ee', 'es', 'fi', 'fr', 'gr', 'hr', 'hu', 'ie', 'it', 'lt', 'lu', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'se', 'si', 'sk']);
const TEN_DIGITS = new Set(['us', 'ca', 'gb', 'cn', 'ru', 'by', 'kz', 'kg', 'am', 'tr', 'kr', 'my', 'ge', 'uz', 'ua']);
const EIGHT_SUFFIXES = ['00', '10', '90', '20', '80', '30', '19', '99', '50'];
const TEN_SUFFIXES = ['00', '10', '90', '20', '80', '19'];

/**
 * A national tariff code for a heading in a country: the HS6 and the national
 * subheading digits. Each heading has a few national subheadings per country
 * (derived from the heading and country, so they recur as in real declarations);
 * one is drawn.
 */
export function tariffCode(r: Random, heading: Heading, country: string): string {
  const digits = EU.has(country) ? (r.chance(0.4) ? 10 : 8) : TEN_DIGITS.has(country) ? 10 : 8;
  const seed = hashString(`${heading.hs6}:${country}`);
  const choice = r.int(0, 2);
  const cn = EIGHT_SUFFIXES[(seed + choice * 7) % EIGHT_SUFFIXES.length]!;
  if (digits === 8) return heading.hs6 + cn;
  const ext = TEN_SUFFIXES[((seed >>> 8) + choice) % TEN_SUFFIXES.length]!;
  return heading.hs6 + cn + ext;
}
