/**
 * The Common High Priority List (EU, US, UK and Japan, version of 2024-02-23):
 * items that Russia's weapons programmes source abroad and that exporters and
 * banks are asked to watch. Tier 1: integrated circuits; Tier 2: electronics
 * for communication and navigation; Tier 3.A and 3.B: other electronic
 * components and mechanical/optical parts; Tier 4.A and 4.B: manufacturing and
 * test equipment, machine tools. Embedded, not read from shared data: the
 * product runs without the reference files (a test checks the two agree).
 */
export interface ChplEntry {
  hs6: string;
  tier: string;
  tierLabel: string;
  description: string;
}

const CHPL_ROWS: Array<[string, string, string]> = [
  ['854231', '1', 'Electronic integrated circuits: processors and controllers'],
  ['854232', '1', 'Electronic integrated circuits: memories'],
  ['854233', '1', 'Electronic integrated circuits: amplifiers'],
  ['854239', '1', 'Electronic integrated circuits: other'],
  ['851762', '2', 'Machines for the reception, conversion and transmission or regeneration of voice, images or other data'],
  ['852691', '2', 'Radio navigational aid apparatus'],
  ['853221', '2', 'Fixed capacitors: tantalum'],
  ['853224', '2', 'Fixed capacitors: ceramic dielectric, multilayer'],
  ['854800', '2', 'Electrical parts of machinery or apparatus, not specified elsewhere in chapter 85'],
  ['847150', '3.A', 'Processing units for automatic data-processing machines'],
  ['850440', '3.A', 'Static converters'],
  ['851769', '3.A', 'Other apparatus for transmission or reception of voice, images or other data'],
  ['852589', '3.A', 'Other television cameras, digital cameras and video camera recorders'],
  ['852910', '3.A', 'Aerials and aerial reflectors of all kinds; parts suitable for use therewith'],
  ['852990', '3.A', 'Other parts for apparatus of headings 8524-8528'],
  ['853669', '3.A', 'Plugs and sockets, for a voltage not exceeding 1,000 V'],
  ['853690', '3.A', 'Other apparatus for switching or protecting electrical circuits, for a voltage not exceeding 1,000 V'],
  ['854110', '3.A', 'Diodes, other than photosensitive or light-emitting diodes'],
  ['854121', '3.A', 'Transistors, other than photosensitive, with a dissipation rate of less than 1 W'],
  ['854129', '3.A', 'Other transistors, other than photosensitive'],
  ['854130', '3.A', 'Thyristors, diacs and triacs, other than photosensitive devices'],
  ['854149', '3.A', 'Other photosensitive semiconductor devices'],
  ['854151', '3.A', 'Other semiconductor devices: semiconductor-based transducers'],
  ['854159', '3.A', 'Other semiconductor devices: other'],
  ['854160', '3.A', 'Mounted piezo-electric crystals'],
  ['848210', '3.B', 'Ball bearings'],
  ['848220', '3.B', 'Tapered roller bearings, including cone and tapered roller assemblies'],
  ['848230', '3.B', 'Spherical roller bearings'],
  ['848250', '3.B', 'Other cylindrical roller bearings, including cage and roller assemblies'],
  ['880730', '3.B', 'Other parts of aeroplanes, helicopters or unmanned aircraft'],
  ['901310', '3.B', 'Telescopic sights for fitting to arms; periscopes; telescopes designed to form parts of machines or apparatus'],
  ['901380', '3.B', 'Other optical devices, appliances and instruments'],
  ['901420', '3.B', 'Instruments and appliances for aeronautical or space navigation (other than compasses)'],
  ['901480', '3.B', 'Other navigational instruments and appliances'],
  ['847180', '4.A', 'Other units of automatic data-processing machines'],
  ['848610', '4.A', 'Machines and apparatus for the manufacture of boules or wafers'],
  ['848620', '4.A', 'Machines and apparatus for the manufacture of semiconductor devices or of electronic integrated circuits'],
  ['848640', '4.A', 'Machines and apparatus specified in Note 11(C) to Chapter 84'],
  ['853400', '4.A', 'Printed circuits'],
  ['854320', '4.A', 'Signal generators'],
  ['902750', '4.A', 'Other instruments and apparatus using optical radiations (ultraviolet, visible, infrared)'],
  ['903020', '4.A', 'Oscilloscopes and oscillographs'],
  ['903032', '4.A', 'Multimeters with a recording device'],
  ['903039', '4.A', 'Other instruments and apparatus for measuring or checking voltage, current, resistance or power, with a recording device'],
  ['903082', '4.A', 'Other instruments and apparatus for measuring or checking semiconductor wafers or devices'],
  ['845710', '4.B', 'Machining centres for working metal'],
  ['845811', '4.B', 'Horizontal lathes for removing metal, numerically controlled'],
  ['845891', '4.B', 'Other lathes for removing metal, numerically controlled'],
  ['845961', '4.B', 'Other milling machines for metal, numerically controlled'],
  ['846693', '4.B', 'Parts and accessories for machines of headings 8456 to 8461'],
];

export const CHPL: readonly ChplEntry[] = CHPL_ROWS.map(([hs6, tier, description]) => ({ hs6, tier, tierLabel: `Tier ${tier}`, description }));

const CHPL_BY_HS6 = new Map(CHPL.map((c) => [c.hs6, c]));

/** The CHPL entry of a heading (first six digits of an HS code), or undefined. */
export function chplEntry(hsCode: string): ChplEntry | undefined {
  return CHPL_BY_HS6.get(hsCode.slice(0, 6));
}

export function isChpl(hs6: string): boolean {
  return CHPL_BY_HS6.has(hs6.slice(0, 6));
}

/** The CHPL tier ("1", "2", "3.A", "3.B", "4.A", "4.B") of a heading, or undefined. */
export function chplTier(hs6: string): string | undefined {
  return CHPL_BY_HS6.get(hs6.slice(0, 6))?.tier;
}

