// Placeholder until the maritime indicators land (the maritime helper replaces this file).
import type { Indicator } from '../indicator.ts';

export const MARITIME_INDICATORS: Indicator[] = [];
