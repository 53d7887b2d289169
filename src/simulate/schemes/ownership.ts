import { transliterationVariants } from '../identities.ts';
import { DAY_MS, HOUR_MS } from '../output.ts';
import type { PlannedPayment } from '../plans.ts';
import type { Party, World } from '../world.ts';
import { designatedPerson, established, nominee, shell } from './cast.ts';
import { momentIn, type Scheme, type SchemeContext } from './context.ts';

/**
 * Layered ownership hiding a designated owner (OFAC FAQ 401's aggregation
 * case): X owns 50% of holding H1 and 60% of holding H2, so both are blocked;
 * H1 holds 30% and H2 25% of the trading company T. No single chain reaches
 * 50% (X's effective share in T is 0.5×0.3 + 0.6×0.25 = 30%), yet the blocked
 * holdings pass on their whole stakes, 55% in the aggregate: T is blocked, and
 * so is the operating company O that T wholly owns and that does business
 * with the exercise's banks.
 */
export const ownershipLayering: Scheme = {
  name: 'ownership_layering',
  negative: false,
  description: 'a designated owner hidden behind holdings: blocked only by aggregating stakes through blocked intermediaries (OFAC 50% rule)',
  plant(ctx) {
    for (let i = 0; i < ctx.instances; i++) {
      const { world, r } = ctx;
      const x = designatedPerson(ctx);
      const h1 = shell(ctx, r.pick(['cy', 'mt', 'gb']), { sector: 'holding' });
      const h2 = shell(ctx, r.pick(['ae', 'hk', 'sg']), { sector: 'holding' });
      const t = shell(ctx, r.pick(['tr', 'ae', 'kz', 'am']), { sector: 'trading' });
      const o = established(ctx, r.pick(['de', 'nl', 'it', 'pl']), 'machinery');
      const links = [
        world.own(x, h1, '50'),
        world.own(nominee(ctx), h1, '50'),
        world.own(x, h2, '60'),
        world.own(world.addPerson({ quiet: true }), h2, '40'),
        world.own(h1, t, '30'),
        world.own(h2, t, '25'),
        world.own(world.addPerson({ quiet: true }), t, '45'),
      ];
      // O was bought by T: its founder's stake ended when T's began.
      links.push(world.own(t, o, '100', ctx.startMs - r.int(30, 300) * DAY_MS));
      const entry = ctx.truth.add('ownership_layering', false, ctx.startMs, ctx.endMs).subject(t).subject(o).subject(x);
      entry.traced(world.designationOf(x)!);
      entry.registry(h1.id, h2.id, t.id, o.id, ...links.map((l) => l.id));
      // O trades with the ordinary economy: each payment is a dealing with a blocked company.
      for (let k = 0; k < 3; k++) {
        const partner = r.pick(tradingCompanies(world));
        const atMs = momentIn(ctx, 0.1, 0.9);
        entry.traced(pay(ctx, partner, o, r.logNormal(40_000, 0.8), atMs));
      }
    }
  },
};

/** Hard negative: a designated person's 49% stake, the rest with unrelated owners; not blocked under the 50% rule. */
export const stake49: Scheme = {
  name: 'stake_49',
  negative: true,
  description: 'a designated person owns 49% of an active company: not blocked under the 50% rule',
  plant(ctx) {
    for (let i = 0; i < ctx.instances; i++) {
      const { world, r } = ctx;
      const x = designatedPerson(ctx);
      const d = established(ctx, r.pick(['de', 'nl', 'at', 'cy']), 'trading');
      // established() gave d a 100% founder; the founder sold 49% to X.
      const founderStake = world.links[world.links.length - 1]!;
      founderStake.props.percentage = ['51'];
      const link = world.own(x, d, '49');
      const entry = ctx.truth.add('stake_49', true, ctx.startMs, ctx.endMs).subject(d).subject(x).registry(d.id, link.id, founderStake.id);
      entry.traced(world.designationOf(x)!);
      for (let k = 0; k < 2; k++) {
        const partner = r.pick(tradingCompanies(world));
        entry.traced(pay(ctx, d, partner, r.logNormal(30_000, 0.8), momentIn(ctx, 0.1, 0.9)));
      }
    }
  },
};

/**
 * A front company named with a transliterated variant of a designated
 * person's name ("Oleksandr Kovalenko Trading" for the listed "Aleksandr
 * Kovalenko"), incorporated in a hub, receiving money from the ordinary
 * economy and passing it on.
 */
export const frontCompany: Scheme = {
  name: 'front_company',
  negative: false,
  description: "a company named with a transliterated variant of a designated person's name",
  plant(ctx) {
    for (let i = 0; i < ctx.instances; i++) {
      const { world, r } = ctx;
      const y = designatedPerson(ctx);
      const culture = y.culture;
      const variants = transliterationVariants(y.name, culture ?? 'russian', r).filter((v) => v !== y.name);
      const base = variants.length > 0 ? r.pick(variants) : y.name;
      const front = shell(ctx, r.pick(['ae', 'tr', 'kz', 'am', 'ge']), { name: `${base} ${r.pick(['Trading', 'General Trading', 'Group', 'Invest'])}`, sector: 'trading' });
      const entry = ctx.truth.add('front_company', false, ctx.startMs, ctx.endMs).subject(front).subject(y).registry(front.id);
      entry.traced(world.designationOf(y)!);
      for (let k = 0; k < 3; k++) {
        const payer = r.pick(tradingCompanies(world));
        entry.traced(pay(ctx, payer, front, r.logNormal(60_000, 0.7), momentIn(ctx, 0.1, 0.9)));
      }
    }
  },
};

/**
 * Hard negative: ordinary people who share a designated person's name (and
 * nothing else: another birth date, often another nationality), with ordinary
 * payments. A screening engine that matches on the name alone flags them.
 */
export const commonNames: Scheme = {
  name: 'common_names',
  negative: true,
  description: 'namesakes of designated persons, with other birth dates and nationalities',
  plant(ctx) {
    const { world, r } = ctx;
    const listed = world.designations.map((d) => d.subject).filter((s): s is Party => s.schema === 'Person');
    const targets = r.sample(listed, Math.max(ctx.instances, Math.min(listed.length, ctx.instances * 2)));
    for (const person of targets) {
      const born = Number((person.props.birthDate?.[0] ?? '1970').slice(0, 4));
      const year = born + r.pick([-9, -6, -4, 5, 8, 12]);
      const namesake = world.addPerson({ name: person.name, birthDate: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` });
      namesake.props.firstName = person.props.firstName?.slice() ?? [];
      namesake.props.lastName = person.props.lastName?.slice() ?? [];
      world.addAccount(namesake, world.pickBank());
      const entry = ctx.truth.add('common_names', true, ctx.startMs, ctx.endMs).subject(namesake).registry(namesake.id);
      const shop = r.pick(tradingCompanies(world));
      entry.traced(pay(ctx, namesake, shop, Math.round(r.logNormal(300, 0.8)), momentIn(ctx, 0.05, 0.95)));
    }
  },
};

/** A payment between two parties' first accounts, at a business hour. */
export function pay(
  ctx: SchemeContext,
  from: Party,
  to: Party,
  amount: number,
  atMs: number,
  opts: { purpose?: string; reference?: string; currency?: string } = {},
): PlannedPayment {
  const fromAccount = from.accounts[0]!;
  const toAccount = to.accounts[0]!;
  const hour = new Date(atMs).getUTCHours();
  const at = hour < 7 || hour > 19 ? atMs - (atMs % (24 * HOUR_MS)) + ctx.r.int(8, 17) * HOUR_MS + ctx.r.int(0, 3599) * 1000 : atMs;
  const payment: PlannedPayment = {
    atMs: Math.min(at, ctx.endMs - HOUR_MS),
    from: fromAccount,
    to: toAccount,
    amount: Math.round(amount * 100) / 100,
    currency: opts.currency ?? fromAccount.currency,
    purpose: opts.purpose ?? ctx.r.pick(['Invoice payment', 'Services agreement', 'Advance payment', 'Consulting fees']),
    ...(opts.reference ? { reference: opts.reference } : {}),
  };
  ctx.payments.push(payment);
  return payment;
}

const trading = new WeakMap<World, { companies: number; accounts: number; list: Party[] }>();

/**
 * world.companies.filter((c) => !c.quiet && c.accounts.length > 0), computed
 * again only when a company or an account has been added since (while schemes
 * plant, nothing else changes the answer: quiet is set when a party is made).
 */
function tradingCompanies(world: World): Party[] {
  let t = trading.get(world);
  if (!t || t.companies !== world.companies.length || t.accounts !== world.accounts.length) {
    t = { companies: world.companies.length, accounts: world.accounts.length, list: world.companies.filter((c) => !c.quiet && c.accounts.length > 0) };
    trading.set(world, t);
  }
  return t.list;
}
