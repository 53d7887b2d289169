import { DAY_MS } from '../output.ts';
import type { Party } from '../world.ts';
import type { SchemeContext } from './context.ts';

/**
 * The people and companies schemes are built from. Kept here so that every
 * scheme's shells look alike in the ways real shells do (a mass-registration
 * address, a nominee director who sits on many boards, recent incorporation,
 * an account at one of the exercise's banks) and differ where real ones differ.
 */

/** A designated person or company of the exercise's sanctions list, outside the background's trade. */
export function designatedPerson(ctx: SchemeContext, program = 'RUSSIA-EO14024'): Party {
  const person = ctx.world.addPerson({ culture: ctx.r.pick(['russian', 'russian', 'ukrainian', 'arabic_gulf', 'arabic_levant', 'persian']), quiet: true });
  const listedMs = ctx.startMs - ctx.r.int(60, 900) * DAY_MS;
  ctx.world.designate(person, program, listedMs, 'Acting for or on behalf of a designated government', []);
  return person;
}

const nominees = new WeakMap<object, Party[]>();

/** Nominee directors: the same few people sit on the boards of every shell. */
export function nominee(ctx: SchemeContext): Party {
  let pool = nominees.get(ctx.world);
  if (!pool) {
    pool = [];
    for (let i = 0; i < 3; i++) pool.push(ctx.world.addPerson({ culture: ctx.r.pick(['english', 'greek', 'russian']), quiet: true }));
    nominees.set(ctx.world, pool);
  }
  return ctx.r.pick(pool);
}

/** A shell: recently incorporated at a mass-registration address, a nominee on the board, one account at an exercise bank. */
export function shell(ctx: SchemeContext, jurisdiction: string, opts: { incorporatedMs?: number; sector?: string; name?: string } = {}): Party {
  const incorporatedMs = opts.incorporatedMs ?? ctx.startMs - ctx.r.int(20, 400) * DAY_MS;
  const company = ctx.world.addCompany({
    jurisdiction,
    incorporatedMs,
    sector: opts.sector ?? 'trading',
    address: ctx.world.massAddress(jurisdiction),
    quiet: true,
    ...(opts.name ? { name: opts.name } : {}),
  });
  ctx.world.direct(nominee(ctx), company, 'director', incorporatedMs);
  ctx.world.addAccount(company, ctx.world.pickBank(), ctx.r.chance(0.5) ? 'USD' : 'EUR');
  return company;
}

/** An ordinary, established company of a jurisdiction, with an account at an exercise bank. */
export function established(ctx: SchemeContext, jurisdiction: string, sector = 'trading'): Party {
  const company = ctx.world.addCompany({ jurisdiction, sector, incorporatedMs: ctx.startMs - ctx.r.int(2500, 9000) * DAY_MS, quiet: true });
  ctx.world.direct(ctx.world.addPerson({ quiet: true }), company, 'director', company.incorporationMs);
  ctx.world.own(ctx.world.addPerson({ quiet: true }), company, '100', company.incorporationMs);
  ctx.world.addAccount(company, ctx.world.pickBank(), ctx.r.chance(0.5) ? 'USD' : 'EUR');
  return company;
}

/** An account outside the exercise's banks (the far end of a chain). */
export function foreignAccountHolder(ctx: SchemeContext, jurisdiction: string): Party {
  const company = ctx.world.addCompany({ jurisdiction, sector: 'trading', quiet: true });
  ctx.world.addAccount(company, null, 'USD');
  return company;
}
