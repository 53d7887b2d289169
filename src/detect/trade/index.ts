import type { Indicator } from '../indicator.ts';
import { chplItem } from './chpl_item.ts';
import { originMismatch } from './origin_mismatch.ts';
import { priceAnomaly } from './price_anomaly.ts';
import { reexport } from './reexport.ts';
import { transshipmentHub } from './transshipment_hub.ts';

/** The trade indicators (issue: triangulation), in catalogue order. */
export const TRADE_INDICATORS: Indicator[] = [chplItem, priceAnomaly, transshipmentHub, reexport, originMismatch];
