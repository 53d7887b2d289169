import type { Indicator } from '../indicator.ts';
import { chplItem } from './chpl_item.ts';
import { priceAnomaly } from './price_anomaly.ts';

/** The trade indicators (issue: triangulation), in catalogue order. */
export const TRADE_INDICATORS: Indicator[] = [chplItem, priceAnomaly];
