import type { Indicator } from '../indicator.ts';
import { listedCounterparty } from './listed-counterparty.ts';
import { passThrough } from './pass-through.ts';
import { thirdPartyPayer } from './third-party-payer.ts';
import { typology } from './typology.ts';

/** The finance indicators (issue: finance), in catalogue order. */
export const FINANCE_INDICATORS: Indicator[] = [listedCounterparty, passThrough, typology, thirdPartyPayer];
