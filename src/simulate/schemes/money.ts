import { HOUR_MS } from '../output.ts';
import type { Party } from '../world.ts';
import { foreignAccountHolder, shell } from './cast.ts';
import { momentIn, type Scheme } from './context.ts';
import { pay } from './ownership.ts';

/**
 * Rapid pass-through: money enters a chain of shells and leaves each one
 * within hours, almost whole (a small cut per hop), over four hops across the
 * exercise's banks, so no single bank sees more than a leg or two.
 */
export const passThrough: Scheme = {
  name: 'pass_through',
  negative: false,
  description: 'funds passing through a chain of shells: ≥ 80% of each inbound amount leaves within 72 h, over ≥ 3 hops',
  plant(ctx) {
    const { r } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      const source = foreignAccountHolder(ctx, r.pick(['ru', 'by', 'ir', 'hk']));
      const hops = r.int(4, 5);
      const chain: Party[] = [];
      for (let h = 0; h < hops; h++) chain.push(shell(ctx, r.pick(['cy', 'ae', 'gb', 'hk', 'tr', 'lv', 'ee'])));
      const sink = foreignAccountHolder(ctx, r.pick(['ae', 'cn', 'tr', 'kz']));
      let at = momentIn(ctx, 0.1, 0.75);
      let amount = Math.round(r.logNormal(250_000, 0.6));
      const entry = ctx.truth.add('pass_through', false, at, at);
      const reference = `CONTRACT ${r.letters(2)}-${r.digits(5)}`;
      entry.traced(pay(ctx, source, chain[0]!, amount, at, { purpose: 'Prepayment under contract', reference, currency: 'USD' }));
      const parties = [...chain, sink];
      for (let h = 0; h < parties.length - 1; h++) {
        at += Math.round(r.range(2, 40) * HOUR_MS);
        amount = Math.round(amount * r.range(0.9, 0.99) * 100) / 100;
        entry.traced(pay(ctx, parties[h]!, parties[h + 1]!, amount, at, { purpose: r.pick(['Services agreement', 'Loan', 'Consulting fees', 'Goods delivery']), currency: 'USD' }));
      }
      entry.widen(at, at);
      for (const p of parties) if (p.accounts[0]?.bank || p === chain[0]) entry.subject(p);
      entry.registry(...chain.map((c) => c.id));
    }
  },
};

/** A payment cycle: money goes round three or four shells and comes back to where it started, within days. */
export const paymentCycle: Scheme = {
  name: 'payment_cycle',
  negative: false,
  description: 'a payment cycle through shell companies, each leg within 10% of the first',
  plant(ctx) {
    const { r } = ctx;
    for (let i = 0; i < ctx.instances; i++) {
      const n = r.int(3, 4);
      const ring: Party[] = [];
      for (let k = 0; k < n; k++) ring.push(shell(ctx, r.pick(['cy', 'ae', 'gb', 'hk', 'mt', 'sc'])));
      let at = momentIn(ctx, 0.1, 0.8);
      const start = at;
      const first = Math.round(r.logNormal(120_000, 0.5));
      const entry = ctx.truth.add('payment_cycle', false, at, at);
      for (let k = 0; k < n; k++) {
        const amount = Math.round(first * r.range(0.92, 1.0) * 100) / 100;
        entry.traced(pay(ctx, ring[k]!, ring[(k + 1) % n]!, amount, at, { purpose: r.pick(['Loan', 'Loan repayment', 'Consulting fees', 'Commission']), currency: 'EUR' }));
        at += Math.round(r.range(6, 48) * HOUR_MS);
      }
      entry.widen(start, at);
      for (const p of ring) entry.subject(p);
      entry.registry(...ring.map((c) => c.id));
    }
  },
};
