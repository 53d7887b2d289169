/**
 * The maritime indicators (DESIGN.md idea 3), over the in-memory position
 * table (idea 4). They share tracks (tracks.ts), port calls (port-calls.ts)
 * and gaps (ais-gap.ts), each computed once per table and cached.
 */
import type { Indicator } from '../indicator.ts';
import { aisGap } from './ais-gap.ts';
import { draughtChange } from './draught.ts';
import { encounter } from './encounter.ts';
import { identity } from './identity.ts';
import { listedVessel } from './listed-vessel.ts';
import { loitering } from './loitering.ts';
import { portCallOfConcern } from './port-call-of-concern.ts';
import { spoofing } from './spoofing.ts';

export const MARITIME_INDICATORS: Indicator[] = [aisGap, encounter, loitering, spoofing, identity, draughtChange, portCallOfConcern, listedVessel];

export { aisGap, draughtChange, encounter, identity, listedVessel, loitering, portCallOfConcern, spoofing };
export { tracksOf, buildTracks, Tracks, TRACK_DEFAULTS } from './tracks.ts';
export { portCallsOf, type PortCall } from './port-calls.ts';
export type { KnownVesselHistory, FlagPeriod } from './identity.ts';
