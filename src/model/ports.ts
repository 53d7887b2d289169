/**
 * A built-in table of real ports for the scenario generator and for maritime
 * detection (port calls, "≥ 10 km from any port"). Positions are the main
 * terminals (to ~0.05°), not city centres; the radius covers the harbour area a
 * vessel is "in port" within.
 *
 * `approach` leads from the harbour out to open water through the channel ships
 * use, every point at sea in the 1:50m coastline (see coast.ts), the last one
 * clear of the coast: it is where a port joins the sea-lane network. Where that
 * coastline closes the way in — a river (Hamburg, New Orleans), a dredged
 * channel through a bay — `fairway` holds the points from the berth down to the
 * first approach point; they may fall on "land" at 1:50m and routes follow them
 * as they do a canal.
 *
 * LOCODEs are UN/LOCODE (country + 3 letters). Country is the LOCODE's prefix in
 * lower case (ISO 3166-1 alpha-2), as elsewhere in Sextant.
 */
import type { LatLon } from './geo.ts';

export type PortRole = 'crude' | 'products' | 'lng' | 'container' | 'bulk' | 'general' | 'hub';

/**
 * Trade regions, used to keep regional traffic (ferries, short-sea, feeder) regional.
 * `caspian` is a closed sea: its ports are not reachable from the ocean network.
 */
export type PortRegion =
  | 'nw-europe'
  | 'baltic'
  | 'norway-arctic'
  | 'iberia-atlantic'
  | 'west-med'
  | 'central-med'
  | 'east-med'
  | 'black-sea'
  | 'red-sea'
  | 'gulf'
  | 'arabian-sea'
  | 'south-asia'
  | 'se-asia'
  | 'china'
  | 'ne-asia'
  | 'russia-far-east'
  | 'oceania'
  | 'west-africa'
  | 'south-africa'
  | 'east-africa'
  | 'na-east'
  | 'us-gulf'
  | 'caribbean'
  | 'na-west'
  | 'sa-east'
  | 'sa-west'
  | 'caspian';

export interface Port {
  /** UN/LOCODE, 5 characters, e.g. "NLRTM". */
  locode: string;
  name: string;
  /** ISO 3166-1 alpha-2, lower case, e.g. "nl". */
  country: string;
  lat: number;
  lon: number;
  radiusKm: number;
  roles: PortRole[];
  region: PortRegion;
  /** From the port out to open water, each point at sea; the last one joins the lane network. */
  approach: LatLon[];
  /** River or channel points from the berth to approach[0] that the 1:50m coastline shows as land. */
  fairway?: LatLon[];
  /** False for ports on a closed sea (the Caspian): no sea route to the ocean. */
  oceanReachable: boolean;
}

type Pair = [number, number];

function port(
  locode: string,
  name: string,
  at: Pair,
  radiusKm: number,
  region: PortRegion,
  roles: PortRole[],
  approach: Pair[],
  fairway?: Pair[],
): Port {
  const p: Port = {
    locode,
    name,
    country: locode.slice(0, 2).toLowerCase(),
    lat: at[0],
    lon: at[1],
    radiusKm,
    roles,
    region,
    approach: approach.map(([lat, lon]) => ({ lat, lon })),
    oceanReachable: region !== 'caspian',
  };
  if (fairway) p.fairway = fairway.map(([lat, lon]) => ({ lat, lon }));
  return p;
}

export const PORTS: readonly Port[] = Object.freeze([
  // North-west Europe and the North Sea
  port('NLRTM', 'Rotterdam', [51.955, 4.08], 12, 'nw-europe', ['crude', 'products', 'lng', 'container', 'bulk', 'hub'], [[51.99, 3.95], [52.02, 3.6]]),
  port('BEANR', 'Antwerp', [51.28, 4.33], 8, 'nw-europe', ['container', 'products', 'general', 'hub'], [[51.43, 3.55], [51.5, 3.2]], [[51.35, 4.25], [51.4, 4.15], [51.43, 3.98], [51.38, 3.82]]),
  port('DEHAM', 'Hamburg', [53.535, 9.95], 8, 'nw-europe', ['container', 'general', 'products'], [[53.95, 8.55], [54.02, 8.1]], [[53.57, 9.66], [53.66, 9.48], [53.82, 9.32], [53.89, 9.1], [53.9, 8.8]]),
  port('DEBRV', 'Bremerhaven', [53.57, 8.55], 6, 'nw-europe', ['container', 'general'], [[53.75, 8.35], [53.95, 8.05]]),
  port('DEWVN', 'Wilhelmshaven', [53.58, 8.15], 6, 'nw-europe', ['crude', 'container', 'lng'], [[53.72, 8.1], [53.9, 7.95]]),
  port('FRLEH', 'Le Havre', [49.48, 0.12], 6, 'nw-europe', ['container', 'crude', 'products'], [[49.5, -0.05], [49.55, -0.35]]),
  port('FRDKK', 'Dunkirk', [51.05, 2.3], 6, 'nw-europe', ['bulk', 'lng', 'general'], [[51.1, 2.2], [51.2, 1.95]]),
  port('GBFXT', 'Felixstowe', [51.955, 1.32], 5, 'nw-europe', ['container'], [[51.92, 1.45], [51.85, 1.75]]),
  port('GBLGP', 'London Gateway', [51.505, 0.48], 6, 'nw-europe', ['container'], [[51.5, 0.9], [51.55, 1.4]]),
  port('GBDVR', 'Dover', [51.12, 1.33], 3, 'nw-europe', ['general'], [[51.09, 1.4]]),
  port('FRCQF', 'Calais', [50.965, 1.86], 3, 'nw-europe', ['general'], [[51.0, 1.8]]),
  port('GBMLF', 'Milford Haven', [51.7, -5.05], 6, 'nw-europe', ['crude', 'products', 'lng'], [[51.65, -5.2], [51.6, -5.4]]),
  port('GBIMM', 'Immingham', [53.63, -0.19], 6, 'nw-europe', ['bulk', 'products'], [[53.58, 0.1], [53.55, 0.4]]),
  port('FRSNR', 'Saint-Nazaire (Montoir-Donges)', [47.29, -2.15], 8, 'nw-europe', ['crude', 'lng', 'general'], [[47.22, -2.35], [47.15, -2.6]]),
  // Norway and the Arctic
  port('NOMON', 'Mongstad', [60.81, 5.03], 5, 'norway-arctic', ['crude', 'products'], [[60.8, 4.85], [60.75, 4.6]]),
  port('NOHFT', 'Hammerfest (Melkøya)', [70.69, 23.6], 5, 'norway-arctic', ['lng'], [[70.76, 23.5], [70.88, 23.45], [71.0, 23.3]]),
  port('RUMMK', 'Murmansk', [68.97, 33.05], 6, 'norway-arctic', ['crude', 'products', 'bulk', 'general'], [[69.2, 33.45], [69.45, 33.7]], [[69.05, 33.1], [69.12, 33.35]]),
  // Baltic
  port('DKAAR', 'Aarhus', [56.15, 10.23], 4, 'baltic', ['container', 'general'], [[56.14, 10.35], [56.05, 10.55]]),
  port('DKSKA', 'Skagen', [57.72, 10.6], 3, 'baltic', ['general'], [[57.75, 10.75], [57.8, 10.9]]),
  port('SEGOT', 'Gothenburg', [57.69, 11.85], 6, 'baltic', ['container', 'crude', 'products'], [[57.65, 11.65], [57.6, 11.4]]),
  port('SENYN', 'Nynäshamn', [58.9, 17.95], 4, 'baltic', ['products', 'general'], [[58.85, 18.1], [58.75, 18.3]]),
  port('FIHEL', 'Helsinki (Vuosaari)', [60.2, 25.18], 5, 'baltic', ['container', 'general'], [[60.1, 25.2], [59.95, 25.2]]),
  port('EETLL', 'Tallinn (Muuga)', [59.5, 24.95], 5, 'baltic', ['general', 'products'], [[59.55, 24.95], [59.65, 24.95]]),
  port('LVRIX', 'Riga', [57.04, 24.04], 6, 'baltic', ['general', 'bulk'], [[57.1, 24.0], [57.25, 23.9]]),
  port('LTKLJ', 'Klaipėda', [55.7, 21.12], 5, 'baltic', ['container', 'products', 'lng'], [[55.72, 21.0], [55.72, 20.8]]),
  port('PLGDN', 'Gdańsk', [54.4, 18.7], 6, 'baltic', ['crude', 'container', 'general'], [[54.45, 18.75], [54.55, 18.85]]),
  port('PLGDY', 'Gdynia', [54.53, 18.55], 4, 'baltic', ['container', 'general'], [[54.55, 18.65], [54.6, 18.8]]),
  port('DERSK', 'Rostock', [54.15, 12.1], 5, 'baltic', ['general', 'bulk'], [[54.2, 12.1], [54.3, 12.15]]),
  port('RUKGD', 'Kaliningrad (Baltiysk)', [54.64, 19.89], 5, 'baltic', ['general', 'products'], [[54.65, 19.75], [54.7, 19.6]]),
  port('RUPRM', 'Primorsk', [60.35, 28.65], 5, 'baltic', ['crude', 'products'], [[60.28, 28.55], [60.1, 28.0]]),
  port('RUULU', 'Ust-Luga', [59.68, 28.4], 5, 'baltic', ['crude', 'products', 'bulk', 'container'], [[59.72, 28.3], [59.8, 28.33], [59.9, 28.1]]),
  port('RULED', 'St Petersburg', [59.88, 30.2], 8, 'baltic', ['container', 'general', 'products'], [[59.97, 29.7], [60.05, 29.2]]),
  port('RUVYS', 'Vysotsk', [60.63, 28.57], 4, 'baltic', ['products', 'lng'], [[60.55, 28.45], [60.4, 28.2]]),
  // Atlantic Iberia and Morocco
  port('ESBIO', 'Bilbao', [43.36, -3.08], 5, 'iberia-atlantic', ['crude', 'products', 'general'], [[43.42, -3.1], [43.5, -3.15]]),
  port('PTSIE', 'Sines', [37.95, -8.87], 5, 'iberia-atlantic', ['crude', 'container', 'lng'], [[37.94, -8.95], [37.9, -9.1]]),
  port('PTLIS', 'Lisbon', [38.7, -9.12], 6, 'iberia-atlantic', ['container', 'general'], [[38.69, -9.2], [38.67, -9.3], [38.6, -9.45]]),
  port('MACAS', 'Casablanca', [33.61, -7.6], 4, 'iberia-atlantic', ['container', 'general'], [[33.65, -7.6], [33.7, -7.65]]),
  // Western Mediterranean
  port('ESALG', 'Algeciras', [36.13, -5.43], 5, 'west-med', ['container', 'products', 'hub'], [[36.1, -5.38], [36.02, -5.35]]),
  port('GIGIB', 'Gibraltar', [36.14, -5.365], 4, 'west-med', ['products', 'hub'], [[36.13, -5.33], [36.05, -5.3]]),
  port('MAPTM', 'Tanger Med', [35.89, -5.5], 4, 'west-med', ['container', 'hub'], [[35.93, -5.5], [35.98, -5.5]]),
  port('ESVLC', 'Valencia', [39.44, -0.32], 5, 'west-med', ['container'], [[39.44, -0.2], [39.4, 0.0]]),
  port('ESBCN', 'Barcelona', [41.35, 2.16], 5, 'west-med', ['container', 'general'], [[41.32, 2.25], [41.28, 2.4]]),
  port('FRMRS', 'Marseille', [43.33, 5.34], 5, 'west-med', ['container', 'general'], [[43.3, 5.27], [43.25, 5.2]]),
  port('FRFOS', 'Fos-sur-Mer', [43.42, 4.88], 6, 'west-med', ['crude', 'lng', 'container', 'bulk'], [[43.35, 4.88], [43.25, 4.88]]),
  port('ITGOA', 'Genoa', [44.4, 8.9], 5, 'west-med', ['container', 'crude', 'general'], [[44.37, 8.9], [44.3, 8.9]]),
  // Central Mediterranean and Adriatic
  port('ITTRS', 'Trieste', [45.62, 13.77], 5, 'central-med', ['crude', 'container'], [[45.62, 13.65], [45.55, 13.5]]),
  port('SIKOP', 'Koper', [45.56, 13.74], 4, 'central-med', ['container', 'general'], [[45.58, 13.65], [45.6, 13.5]]),
  port('ITAUG', 'Augusta', [37.2, 15.22], 5, 'central-med', ['crude', 'products'], [[37.2, 15.3], [37.2, 15.45]]),
  port('ITGIT', 'Gioia Tauro', [38.45, 15.9], 4, 'central-med', ['container', 'hub'], [[38.47, 15.85], [38.5, 15.7]]),
  port('MTMAR', 'Marsaxlokk', [35.82, 14.55], 4, 'central-med', ['container', 'hub'], [[35.8, 14.6], [35.75, 14.7]]),
  port('GRPIR', 'Piraeus', [37.94, 23.62], 5, 'east-med', ['container', 'general', 'hub'], [[37.9, 23.6], [37.8, 23.55]]),
  port('GRKLX', 'Kalamata', [37.02, 22.11], 3, 'east-med', ['general'], [[36.98, 22.1], [36.9, 22.05]]),
  port('GRSKG', 'Thessaloniki', [40.63, 22.92], 5, 'east-med', ['container', 'general'], [[40.55, 22.84], [40.45, 22.78], [40.3, 22.78], [40.1, 22.95]], [[40.59, 22.88]]),
  // Eastern Mediterranean and the Levant
  port('TRAMR', 'Ambarlı', [40.97, 28.69], 5, 'east-med', ['container'], [[40.93, 28.7], [40.85, 28.75]]),
  port('TRALI', 'Aliağa', [38.8, 26.95], 5, 'east-med', ['products', 'crude'], [[38.8, 26.85], [38.75, 26.65]]),
  port('TRMER', 'Mersin', [36.79, 34.64], 5, 'east-med', ['container', 'general'], [[36.75, 34.66], [36.65, 34.7]]),
  port('TRCEY', 'Ceyhan', [36.88, 35.93], 5, 'east-med', ['crude'], [[36.8, 35.9], [36.7, 35.85]]),
  port('TRISK', 'İskenderun', [36.6, 36.18], 5, 'east-med', ['bulk', 'general'], [[36.62, 36.05], [36.6, 35.9]]),
  port('CYLMS', 'Limassol', [34.65, 33.02], 4, 'east-med', ['container', 'general', 'hub'], [[34.6, 33.05], [34.5, 33.1]]),
  port('LBBEY', 'Beirut', [33.9, 35.52], 4, 'east-med', ['container', 'general'], [[33.92, 35.45], [33.95, 35.35]]),
  port('SYLTK', 'Latakia', [35.52, 35.77], 4, 'east-med', ['general'], [[35.52, 35.7], [35.5, 35.6]]),
  port('SYBAN', 'Baniyas', [35.23, 35.93], 4, 'east-med', ['crude', 'products'], [[35.23, 35.85], [35.2, 35.7]]),
  port('ILHFA', 'Haifa', [32.82, 35.0], 4, 'east-med', ['container', 'general'], [[32.85, 34.95], [32.9, 34.85]]),
  port('EGPSD', 'Port Said', [31.25, 32.3], 5, 'east-med', ['container', 'hub'], [[31.35, 32.35], [31.5, 32.35]]),
  port('EGALY', 'Alexandria', [31.18, 29.87], 5, 'east-med', ['container', 'general'], [[31.22, 29.82], [31.3, 29.75]]),
  // Black Sea and the Sea of Azov
  port('RUNVS', 'Novorossiysk', [44.72, 37.79], 6, 'black-sea', ['crude', 'products', 'container', 'bulk'], [[44.68, 37.85], [44.6, 37.9]]),
  port('RUTUA', 'Tuapse', [44.09, 39.07], 4, 'black-sea', ['products', 'crude'], [[44.07, 39.0], [44.0, 38.9]]),
  port('RUKAV', 'Kavkaz', [45.33, 36.67], 4, 'black-sea', ['general', 'products'], [[45.3, 36.6], [45.2, 36.58]]),
  port('UAODS', 'Odesa', [46.5, 30.75], 5, 'black-sea', ['bulk', 'general', 'container'], [[46.45, 30.8], [46.3, 30.9]]),
  port('ROCND', 'Constanța', [44.17, 28.66], 6, 'black-sea', ['container', 'bulk', 'products'], [[44.12, 28.72], [44.05, 28.8]]),
  port('BGVAR', 'Varna', [43.19, 27.95], 4, 'black-sea', ['general', 'bulk'], [[43.18, 28.0], [43.15, 28.1]]),
  port('BGBOJ', 'Burgas', [42.49, 27.48], 5, 'black-sea', ['crude', 'products'], [[42.48, 27.6], [42.45, 27.75]]),
  port('GEPTI', 'Poti', [42.155, 41.65], 4, 'black-sea', ['general', 'container'], [[42.17, 41.58], [42.2, 41.45]]),
  port('GEBUS', 'Batumi', [41.65, 41.65], 4, 'black-sea', ['products', 'crude'], [[41.67, 41.6], [41.7, 41.45]]),
  port('TRSSX', 'Samsun', [41.3, 36.34], 4, 'black-sea', ['general'], [[41.35, 36.4], [41.45, 36.5]]),
  // Caspian (closed sea: no ocean route)
  port('KZAKT', 'Aktau', [43.6, 51.2], 5, 'caspian', ['crude', 'general'], [[43.55, 51.1], [43.45, 50.9]]),
  port('AZBAK', 'Baku', [40.35, 49.87], 6, 'caspian', ['crude', 'general'], [[40.3, 49.95], [40.2, 50.1]]),
  port('TMKRW', 'Turkmenbashi', [39.99, 53.02], 5, 'caspian', ['products', 'general'], [[39.93, 53.1], [39.8, 53.05], [39.7, 52.9], [39.6, 52.6]]),
  port('RUMCX', 'Makhachkala', [42.98, 47.52], 4, 'caspian', ['crude', 'general'], [[42.98, 47.6], [42.95, 47.8]]),
  // Red Sea and the Gulf of Aden
  port('EGSOK', 'Ain Sokhna', [29.6, 32.35], 5, 'red-sea', ['crude', 'container'], [[29.58, 32.45], [29.5, 32.55]]),
  port('SAJED', 'Jeddah', [21.48, 39.16], 5, 'red-sea', ['container', 'hub'], [[21.47, 39.08], [21.45, 38.95]]),
  port('SAYNB', 'Yanbu', [24.08, 38.05], 5, 'red-sea', ['crude', 'products'], [[24.0, 38.0], [23.9, 37.9]]),
  port('JOAQJ', 'Aqaba', [29.5, 34.98], 4, 'red-sea', ['container', 'general'], [[29.45, 34.95], [29.3, 34.93], [29.0, 34.78]]),
  port('SDPZU', 'Port Sudan', [19.6, 37.23], 4, 'red-sea', ['general'], [[19.62, 37.3], [19.65, 37.45]]),
  port('DJJIB', 'Djibouti', [11.6, 43.13], 4, 'red-sea', ['container', 'hub'], [[11.65, 43.1], [11.75, 43.15]]),
  port('YEHOD', 'Hodeidah', [14.83, 42.93], 4, 'red-sea', ['general', 'products'], [[14.85, 42.85], [14.9, 42.7]]),
  port('YEADE', 'Aden', [12.8, 44.95], 5, 'red-sea', ['products', 'container'], [[12.75, 45.0], [12.7, 45.05]]),
  // The Gulf and the Gulf of Oman
  port('AEJEA', 'Jebel Ali', [25.01, 55.06], 6, 'gulf', ['container', 'products', 'hub'], [[25.05, 55.0], [25.15, 54.9]]),
  port('AEKHL', 'Khalifa Port (Abu Dhabi)', [24.81, 54.65], 5, 'gulf', ['container'], [[24.85, 54.6], [24.95, 54.5]]),
  port('AERUW', 'Ruwais', [24.12, 52.73], 5, 'gulf', ['crude', 'products'], [[24.2, 52.72], [24.35, 52.8]]),
  port('SARTA', 'Ras Tanura', [26.64, 50.16], 6, 'gulf', ['crude', 'products'], [[26.7, 50.25], [26.8, 50.4]]),
  port('SAJUB', 'Jubail', [27.0, 49.67], 6, 'gulf', ['products', 'bulk'], [[27.05, 49.8], [27.1, 50.0]]),
  port('BHKBS', 'Khalifa Bin Salman', [26.03, 50.72], 4, 'gulf', ['container'], [[26.05, 50.8], [26.1, 50.95]]),
  port('QAHMD', 'Hamad', [25.0, 51.62], 5, 'gulf', ['container'], [[25.0, 51.75], [25.05, 51.95]]),
  port('QARLF', 'Ras Laffan', [25.93, 51.58], 6, 'gulf', ['lng', 'products'], [[26.0, 51.7], [26.1, 51.9]]),
  port('KWMEA', 'Mina al Ahmadi', [29.07, 48.17], 6, 'gulf', ['crude', 'products'], [[29.07, 48.3], [29.05, 48.5]]),
  port('IQBSR', 'Basra Oil Terminal', [29.68, 48.81], 4, 'gulf', ['crude'], [[29.6, 48.85], [29.5, 48.95]]),
  port('IQUQR', 'Umm Qasr', [30.03, 47.95], 5, 'gulf', ['container', 'general'], [[29.6, 48.6]], [[29.95, 48.1], [29.8, 48.35]]),
  port('IRKHK', 'Kharg Island', [29.23, 50.31], 4, 'gulf', ['crude'], [[29.2, 50.2], [29.15, 50.05]]),
  port('IRBKM', 'Bandar Imam Khomeini', [30.43, 49.08], 5, 'gulf', ['products', 'bulk'], [[29.95, 49.2]], [[30.2, 49.1]]),
  port('IRBUZ', 'Bushehr', [28.98, 50.83], 4, 'gulf', ['general'], [[28.95, 50.75], [28.9, 50.6]]),
  port('IRBND', 'Bandar Abbas (Shahid Rajaee)', [27.1, 56.07], 6, 'gulf', ['container', 'general', 'products'], [[27.06, 56.15], [27.0, 56.3], [26.85, 56.45]]),
  port('AEFJR', 'Fujairah', [25.17, 56.36], 5, 'gulf', ['products', 'crude', 'hub'], [[25.17, 56.45], [25.15, 56.6]]),
  port('AEKLF', 'Khor Fakkan', [25.35, 56.36], 4, 'gulf', ['container', 'hub'], [[25.35, 56.42], [25.35, 56.55]]),
  port('OMSOH', 'Sohar', [24.5, 56.62], 5, 'gulf', ['container', 'products', 'bulk'], [[24.55, 56.7], [24.6, 56.85]]),
  port('OMMFH', 'Mina al Fahal', [23.63, 58.52], 4, 'gulf', ['crude'], [[23.7, 58.55], [23.8, 58.6]]),
  // Arabian Sea
  port('IRZBR', 'Chabahar', [25.3, 60.62], 4, 'arabian-sea', ['general'], [[25.25, 60.65], [25.15, 60.7]]),
  port('OMDQM', 'Duqm', [19.66, 57.72], 5, 'arabian-sea', ['products', 'general'], [[19.6, 57.8], [19.5, 57.9]]),
  port('OMSLL', 'Salalah', [16.94, 54.0], 5, 'arabian-sea', ['container', 'hub'], [[16.9, 54.05], [16.8, 54.1]]),
  port('PKKHI', 'Karachi', [24.83, 66.98], 5, 'arabian-sea', ['container', 'products', 'general'], [[24.78, 66.95], [24.7, 66.9]]),
  // South Asia
  port('INIXY', 'Kandla (Deendayal)', [23.0, 70.22], 5, 'south-asia', ['bulk', 'products'], [[22.85, 70.1], [22.75, 69.9]]),
  port('INMUN', 'Mundra', [22.74, 69.7], 5, 'south-asia', ['container', 'crude', 'bulk'], [[22.68, 69.68], [22.6, 69.5]]),
  port('INSIK', 'Sikka (Jamnagar)', [22.45, 69.82], 5, 'south-asia', ['crude', 'products'], [[22.55, 69.75], [22.6, 69.5]]),
  port('INNSA', 'Nhava Sheva (JNPT)', [18.95, 72.95], 6, 'south-asia', ['container'], [[18.93, 72.85], [18.9, 72.7]]),
  port('INCOK', 'Kochi', [9.97, 76.25], 4, 'south-asia', ['container', 'products'], [[9.97, 76.15], [9.95, 76.0]]),
  port('LKCMB', 'Colombo', [6.95, 79.84], 4, 'south-asia', ['container', 'hub'], [[6.95, 79.78], [6.95, 79.65]]),
  port('INMAA', 'Chennai', [13.1, 80.3], 4, 'south-asia', ['container', 'general'], [[13.1, 80.4], [13.1, 80.55]]),
  port('INVTZ', 'Visakhapatnam', [17.69, 83.28], 4, 'south-asia', ['bulk', 'crude'], [[17.65, 83.35], [17.6, 83.45]]),
  port('INPRT', 'Paradip', [20.26, 86.68], 4, 'south-asia', ['crude', 'bulk'], [[20.22, 86.78], [20.15, 86.9]]),
  port('BDCGP', 'Chittagong', [22.3, 91.8], 5, 'south-asia', ['container', 'general'], [[22.2, 91.78], [22.05, 91.75]]),
  // South-east Asia
  port('SGSIN', 'Singapore', [1.265, 103.82], 8, 'se-asia', ['container', 'products', 'crude', 'hub'], [[1.23, 103.83], [1.2, 103.85]]),
  port('MYTPP', 'Tanjung Pelepas', [1.36, 103.55], 4, 'se-asia', ['container', 'hub'], [[1.3, 103.55], [1.23, 103.55]]),
  port('MYPKG', 'Port Klang', [3.0, 101.36], 5, 'se-asia', ['container', 'products'], [[2.95, 101.3], [2.9, 101.2]]),
  port('MYBTU', 'Bintulu', [3.26, 113.07], 4, 'se-asia', ['lng'], [[3.3, 113.0], [3.4, 112.9]]),
  port('IDJKT', 'Jakarta (Tanjung Priok)', [-6.1, 106.88], 5, 'se-asia', ['container'], [[-6.05, 106.88], [-5.95, 106.9]]),
  port('IDBPN', 'Balikpapan', [-1.27, 116.8], 5, 'se-asia', ['crude', 'products'], [[-1.32, 116.85], [-1.4, 116.95]]),
  port('THLCH', 'Laem Chabang', [13.08, 100.88], 5, 'se-asia', ['container'], [[13.08, 100.8], [13.0, 100.7]]),
  port('THMTP', 'Map Ta Phut', [12.67, 101.15], 4, 'se-asia', ['products', 'lng'], [[12.6, 101.15], [12.5, 101.2]]),
  port('VNVUT', 'Vung Tau (Cai Mep)', [10.35, 107.07], 6, 'se-asia', ['crude', 'products', 'container'], [[10.3, 107.1], [10.2, 107.15]]),
  port('VNHPH', 'Haiphong (Lach Huyen)', [20.8, 106.9], 5, 'se-asia', ['container'], [[20.7, 106.95], [20.6, 107.05]]),
  port('PHMNL', 'Manila', [14.6, 120.95], 5, 'se-asia', ['container', 'general'], [[14.55, 120.85], [14.5, 120.7]]),
  // China, Hong Kong, Taiwan
  port('CNSHA', 'Shanghai (Yangshan)', [30.62, 122.07], 6, 'china', ['container', 'hub'], [[30.6, 122.2], [30.55, 122.4]]),
  port('CNNGB', 'Ningbo-Zhoushan', [29.93, 121.87], 6, 'china', ['container', 'crude', 'bulk'], [[29.92, 121.95], [29.9, 122.1], [29.84, 122.3], [29.85, 122.6]]),
  port('CNQDG', 'Qingdao', [36.07, 120.3], 6, 'china', ['crude', 'container', 'bulk'], [[36.0, 120.35], [35.9, 120.5]]),
  port('CNRZH', 'Rizhao', [35.35, 119.55], 5, 'china', ['crude', 'bulk'], [[35.3, 119.65], [35.2, 119.8]]),
  port('CNDLC', 'Dalian', [38.93, 121.65], 6, 'china', ['crude', 'container'], [[38.9, 121.75], [38.85, 121.9]]),
  port('CNTSN', 'Tianjin (Xingang)', [38.98, 117.8], 6, 'china', ['container', 'bulk', 'crude'], [[38.97, 117.95], [38.95, 118.2]]),
  port('CNXMN', 'Xiamen', [24.45, 118.05], 5, 'china', ['container'], [[24.4, 118.15], [24.35, 118.3]]),
  port('CNYTN', 'Yantian (Shenzhen)', [22.57, 114.28], 5, 'china', ['container'], [[22.5, 114.3], [22.4, 114.36], [22.25, 114.45]]),
  port('HKHKG', 'Hong Kong (Kwai Tsing)', [22.33, 114.12], 6, 'china', ['container', 'hub'], [[22.2, 114.05], [22.1, 114.1]]),
  port('TWKHH', 'Kaohsiung', [22.6, 120.28], 5, 'china', ['container', 'crude'], [[22.55, 120.25], [22.5, 120.15]]),
  port('TWKEL', 'Keelung', [25.15, 121.75], 4, 'china', ['container', 'general'], [[25.2, 121.75], [25.3, 121.8]]),
  // Korea, Japan, Russian Far East
  port('KRPUS', 'Busan', [35.08, 129.05], 6, 'ne-asia', ['container', 'hub'], [[35.03, 129.05], [34.95, 129.1]]),
  port('KRUSN', 'Ulsan', [35.48, 129.38], 5, 'ne-asia', ['crude', 'products'], [[35.45, 129.45], [35.4, 129.55]]),
  port('KRINC', 'Incheon', [37.45, 126.6], 6, 'ne-asia', ['container', 'lng'], [[37.3, 126.45], [37.2, 126.1]]),
  port('JPFUK', 'Fukuoka (Hakata)', [33.61, 130.4], 5, 'ne-asia', ['container', 'general'], [[33.68, 130.26], [33.8, 130.1]]),
  port('JPYOK', 'Yokohama', [35.45, 139.66], 5, 'ne-asia', ['container', 'general'], [[35.4, 139.72], [35.3, 139.76], [35.2, 139.78], [35.05, 139.75]]),
  port('JPCHB', 'Chiba', [35.57, 140.05], 6, 'ne-asia', ['crude', 'products', 'lng'], [[35.5, 139.95], [35.3, 139.77], [35.2, 139.78], [35.05, 139.75]]),
  port('JPNGO', 'Nagoya', [35.0, 136.85], 6, 'ne-asia', ['container', 'general'], [[34.9, 136.82], [34.7, 136.85], [34.5, 136.95]]),
  port('JPUKB', 'Kobe', [34.67, 135.2], 5, 'ne-asia', ['container'], [[34.6, 135.2], [34.4, 135.15], [34.2, 135.0], [33.95, 134.95]]),
  port('KPNAM', 'Nampo', [38.73, 125.38], 5, 'ne-asia', ['general', 'products'], [[38.7, 125.2], [38.6, 125.0]]),
  port('RUVVO', 'Vladivostok', [43.1, 131.9], 5, 'russia-far-east', ['container', 'general'], [[43.05, 131.85], [42.95, 131.8]]),
  port('RUNJK', 'Nakhodka', [42.8, 132.9], 5, 'russia-far-east', ['products', 'general', 'bulk'], [[42.75, 132.9], [42.65, 132.95]]),
  port('RUKOZ', 'Kozmino', [42.73, 133.0], 4, 'russia-far-east', ['crude'], [[42.7, 133.05], [42.6, 133.1]]),
  port('RUVNN', 'Vanino', [49.08, 140.27], 5, 'russia-far-east', ['bulk', 'general'], [[49.05, 140.35], [49.0, 140.5]]),
  // Oceania
  port('AUSYD', 'Sydney (Port Botany)', [-33.97, 151.22], 5, 'oceania', ['container'], [[-34.0, 151.25], [-34.0, 151.35]]),
  port('AUMEL', 'Melbourne', [-37.84, 144.92], 6, 'oceania', ['container', 'general'], [[-37.95, 144.9], [-38.15, 144.75], [-38.3, 144.63], [-38.4, 144.6]], [[-37.9, 144.91]]),
  port('AUNTL', 'Newcastle', [-32.92, 151.79], 5, 'oceania', ['bulk'], [[-32.95, 151.85], [-33.0, 151.95]]),
  port('AUGLT', 'Gladstone', [-23.83, 151.25], 6, 'oceania', ['lng', 'bulk'], [[-23.75, 151.35], [-23.7, 151.6]]),
  port('AUPHE', 'Port Hedland', [-20.31, 118.58], 5, 'oceania', ['bulk'], [[-20.2, 118.58], [-20.0, 118.55]]),
  port('NZAKL', 'Auckland', [-36.84, 174.78], 5, 'oceania', ['container', 'general'], [[-36.8, 174.9], [-36.7, 175.0]]),
  // West and southern Africa
  port('SNDKR', 'Dakar', [14.68, -17.42], 4, 'west-africa', ['container', 'general'], [[14.65, -17.38], [14.55, -17.35]]),
  port('CIABJ', 'Abidjan', [5.25, -4.02], 5, 'west-africa', ['container', 'products'], [[5.2, -4.0], [5.1, -4.0]]),
  port('GHTEM', 'Tema', [5.63, 0.01], 4, 'west-africa', ['container', 'general'], [[5.58, 0.02], [5.5, 0.05]]),
  port('TGLFW', 'Lomé', [6.13, 1.28], 4, 'west-africa', ['container', 'products', 'hub'], [[6.08, 1.28], [6.0, 1.28]]),
  port('NGLOS', 'Lagos (Apapa)', [6.44, 3.38], 5, 'west-africa', ['container', 'products'], [[6.38, 3.4], [6.3, 3.4]]),
  port('NGBON', 'Bonny', [4.43, 7.15], 5, 'west-africa', ['crude', 'lng'], [[4.35, 7.15], [4.2, 7.1]]),
  port('AOLAD', 'Luanda', [-8.8, 13.24], 5, 'west-africa', ['general', 'crude'], [[-8.75, 13.2], [-8.7, 13.1]]),
  port('ZACPT', 'Cape Town', [-33.9, 18.43], 5, 'south-africa', ['container', 'general'], [[-33.85, 18.4], [-33.75, 18.35]]),
  port('ZADUR', 'Durban', [-29.87, 31.03], 5, 'south-africa', ['container', 'general'], [[-29.88, 31.1], [-29.9, 31.2]]),
  port('ZARCB', 'Richards Bay', [-28.8, 32.08], 5, 'south-africa', ['bulk'], [[-28.85, 32.15], [-28.9, 32.3]]),
  // East Africa and the Indian Ocean
  port('KEMBA', 'Mombasa', [-4.06, 39.66], 4, 'east-africa', ['container', 'general'], [[-4.08, 39.7], [-4.1, 39.8]]),
  port('TZDAR', 'Dar es Salaam', [-6.83, 39.3], 4, 'east-africa', ['container', 'general'], [[-6.8, 39.35], [-6.75, 39.45]]),
  port('MUPLU', 'Port Louis', [-20.15, 57.49], 4, 'east-africa', ['container', 'hub'], [[-20.13, 57.45], [-20.1, 57.35]]),
  // North America, Atlantic coast
  port('CAHAL', 'Halifax', [44.65, -63.57], 5, 'na-east', ['container'], [[44.6, -63.52], [44.5, -63.5]]),
  port('USNYC', 'New York / New Jersey', [40.68, -74.14], 6, 'na-east', ['container', 'products'], [[40.45, -73.9], [40.4, -73.75]], [[40.645, -74.1], [40.64, -74.05], [40.6, -74.04], [40.52, -74.0]]),
  port('USORF', 'Norfolk', [36.93, -76.33], 6, 'na-east', ['container', 'bulk'], [[36.97, -76.3], [36.97, -76.1], [36.95, -75.9]]),
  port('USSAV', 'Savannah', [32.12, -81.14], 5, 'na-east', ['container'], [[31.98, -80.8], [31.95, -80.65]], [[32.08, -81.05], [32.03, -80.9]]),
  port('USMIA', 'Miami', [25.77, -80.17], 4, 'na-east', ['container', 'general'], [[25.76, -80.08], [25.75, -79.95]]),
  // US Gulf of Mexico
  port('USHOU', 'Houston', [29.73, -95.02], 8, 'us-gulf', ['crude', 'products', 'container'], [[29.3, -94.65], [29.2, -94.5]], [[29.6, -94.95], [29.45, -94.85], [29.35, -94.75]]),
  port('USCRP', 'Corpus Christi', [27.81, -97.4], 6, 'us-gulf', ['crude', 'products'], [[27.8, -96.95], [27.75, -96.8]], [[27.82, -97.2], [27.84, -97.05]]),
  port('USLCH', 'Lake Charles (Calcasieu)', [30.22, -93.25], 6, 'us-gulf', ['lng', 'products'], [[29.72, -93.35], [29.6, -93.4]], [[30.1, -93.3], [29.95, -93.33], [29.8, -93.34]]),
  port('USMSY', 'New Orleans', [29.93, -90.06], 8, 'us-gulf', ['general', 'container', 'bulk', 'crude'], [[28.85, -89.5], [28.7, -89.6]], [[29.93, -89.97], [29.87, -89.95], [29.58, -89.8], [29.27, -89.35], [29.15, -89.25], [29.0, -89.33], [28.92, -89.43]]),
  port('MXVER', 'Veracruz', [19.2, -96.13], 4, 'us-gulf', ['container', 'general'], [[19.22, -96.08], [19.25, -96.0]]),
  port('MXCOA', 'Coatzacoalcos', [18.15, -94.42], 4, 'us-gulf', ['crude', 'products'], [[18.2, -94.45], [18.3, -94.5]]),
  // Caribbean and Panama
  port('CUHAV', 'Havana', [23.14, -82.35], 4, 'caribbean', ['general', 'products'], [[23.17, -82.36], [23.25, -82.38]]),
  port('JMKIN', 'Kingston', [17.97, -76.8], 5, 'caribbean', ['container', 'hub'], [[17.93, -76.83], [17.85, -76.85]]),
  port('COCTG', 'Cartagena', [10.4, -75.53], 5, 'caribbean', ['container', 'products'], [[10.32, -75.58], [10.3, -75.7]]),
  port('VEPBL', 'Puerto Cabello', [10.48, -68.0], 4, 'caribbean', ['general', 'products'], [[10.52, -68.0], [10.6, -68.0]]),
  port('PAONX', 'Colón', [9.36, -79.88], 5, 'caribbean', ['container', 'hub'], [[9.4, -79.9], [9.45, -79.92]]),
  port('PABLB', 'Balboa', [8.95, -79.57], 5, 'sa-west', ['container', 'hub'], [[8.88, -79.52], [8.8, -79.5]]),
  // North America, Pacific coast
  port('USLAX', 'Los Angeles', [33.73, -118.26], 5, 'na-west', ['container', 'products'], [[33.7, -118.25], [33.6, -118.2]]),
  port('USLGB', 'Long Beach', [33.75, -118.2], 5, 'na-west', ['container', 'crude'], [[33.72, -118.18], [33.6, -118.15]]),
  port('USOAK', 'Oakland', [37.8, -122.3], 6, 'na-west', ['container'], [[37.78, -122.6], [37.75, -122.75]], [[37.81, -122.37], [37.81, -122.47]]),
  port('USSEA', 'Seattle', [47.58, -122.35], 5, 'na-west', ['container'], [[47.6, -122.42], [47.7, -122.45], [47.85, -122.45], [47.93, -122.45], [48.0, -122.58], [48.1, -122.68], [48.17, -122.78], [48.25, -123.0], [48.3, -123.6], [48.45, -124.6]]),
  port('CAVAN', 'Vancouver', [49.29, -123.1], 6, 'na-west', ['container', 'bulk'], [[49.3, -123.3], [49.2, -123.5], [48.8, -123.3], [48.4, -123.25], [48.3, -123.6], [48.45, -124.6]], [[49.31, -123.14]]),
  port('MXZLO', 'Manzanillo', [19.07, -104.3], 4, 'na-west', ['container'], [[19.04, -104.38], [19.0, -104.45]], [[19.06, -104.34]]),
  // South America
  port('BRSLZ', 'São Luís (Itaqui)', [-2.57, -44.37], 6, 'sa-east', ['bulk'], [[-2.4, -44.35], [-2.2, -44.3]]),
  port('BRVIX', 'Vitória (Tubarão)', [-20.29, -40.24], 5, 'sa-east', ['bulk'], [[-20.3, -40.18], [-20.35, -40.05]]),
  port('BRRIO', 'Rio de Janeiro', [-22.89, -43.2], 5, 'sa-east', ['container', 'general'], [[-22.93, -43.15], [-23.0, -43.13]]),
  port('BRSSZ', 'Santos', [-23.98, -46.3], 5, 'sa-east', ['container', 'bulk'], [[-24.02, -46.32], [-24.1, -46.35]]),
  port('BRPNG', 'Paranaguá', [-25.5, -48.5], 6, 'sa-east', ['bulk'], [[-25.55, -48.35], [-25.6, -48.25]]),
  port('UYMVD', 'Montevideo', [-34.9, -56.21], 4, 'sa-east', ['container'], [[-34.93, -56.2], [-35.0, -56.15]]),
  port('ARBUE', 'Buenos Aires', [-34.58, -58.37], 6, 'sa-east', ['container', 'general'], [[-34.6, -58.2], [-34.8, -57.8], [-35.1, -57.0], [-35.3, -56.3]]),
  port('CLVAP', 'Valparaíso', [-33.03, -71.63], 4, 'sa-west', ['container'], [[-33.0, -71.65], [-32.95, -71.75]]),
  port('PECLL', 'Callao', [-12.05, -77.15], 4, 'sa-west', ['container'], [[-12.05, -77.22], [-12.05, -77.35]]),
]);

const BY_LOCODE = new Map(PORTS.map((p) => [p.locode, p]));

/** The port with this UN/LOCODE (case-insensitive), or undefined. */
export function portByLocode(locode: string): Port | undefined {
  return BY_LOCODE.get(locode.toUpperCase());
}

/** Ports with a given role, in table order. */
export function portsWithRole(role: PortRole): Port[] {
  return PORTS.filter((p) => p.roles.includes(role));
}
