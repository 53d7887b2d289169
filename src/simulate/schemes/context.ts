import type { PlannedDeclaration, PlannedPayment } from '../plans.ts';
import type { Random } from '../random.ts';
import type { Truth } from '../truth.ts';
import type { World } from '../world.ts';
import type { VoyagePlan } from '../ais.ts';

/** What a scheme plants into: the world's cast, the planned events, and the truth file. */
export interface SchemeContext {
  world: World;
  r: Random;
  truth: Truth;
  payments: PlannedPayment[];
  declarations: PlannedDeclaration[];
  voyages: VoyagePlan[];
  startMs: number;
  endMs: number;
  /** How many instances of each scheme to plant. */
  instances: number;
}

export interface Scheme {
  /** The name `--schemes` takes and truth.json's `type`. */
  name: string;
  negative: boolean;
  description: string;
  plant(ctx: SchemeContext): void;
}

/** A moment inside the window, at a fraction of it (schemes spread over the window). */
export function momentIn(ctx: SchemeContext, fromFraction: number, toFraction: number): number {
  const span = ctx.endMs - ctx.startMs;
  const ms = ctx.startMs + span * ctx.r.range(fromFraction, toFraction);
  return Math.floor(ms / 1000) * 1000;
}
