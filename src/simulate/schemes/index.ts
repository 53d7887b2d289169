import type { Scheme } from './context.ts';
import { identityManipulation, legitimateSts, shadowFleet, stsDarkTransfer } from './maritime.ts';
import { passThrough, paymentCycle } from './money.ts';
import { commonNames, frontCompany, ownershipLayering, stake49 } from './ownership.ts';
import { chplTransshipment, licensedDualUse, misInvoicing } from './trade.ts';

/**
 * Every scheme the generator can plant, each switchable by name
 * (`--schemes`). Hard negatives are legitimate look-alikes, labelled
 * `negative: true` in truth.json: a detector that flags them is wrong.
 */
export const SCHEMES: readonly Scheme[] = [
  ownershipLayering,
  stsDarkTransfer,
  chplTransshipment,
  passThrough,
  paymentCycle,
  shadowFleet,
  misInvoicing,
  frontCompany,
  identityManipulation,
  legitimateSts,
  licensedDualUse,
  stake49,
  commonNames,
];

export function schemeNames(): string[] {
  return SCHEMES.map((s) => s.name);
}
