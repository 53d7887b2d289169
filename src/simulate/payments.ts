import { csvField, DAY_MS, isoSeconds, LineFile } from './output.ts';
import { WeightedPicker } from './picker.ts';
import { byTime, type PlannedPayment } from './plans.ts';
import type { Random } from './random.ts';
import type { Account, World } from './world.ts';

export const TRANSACTIONS_HEADER =
  'txn_id,timestamp,amount,currency,originator_account,originator_name,originator_bank,originator_country,beneficiary_account,beneficiary_name,beneficiary_bank,beneficiary_country,purpose,reference';

/**
 * Payments, one CSV per bank (FORMATS.md §4). A payment is recorded by the
 * originator's bank when that bank takes part in the exercise, otherwise by the
 * beneficiary's: each bank sees only its own customers' side, so chains that
 * cross banks can only be followed by putting the banks' files together.
 *
 * The background has the rhythms real payment flows have: fewer payments at
 * weekends, business hours during the day, a December peak and a summer dip,
 * heavy-tailed activity per party (Pareto) and log-normal amounts per kind of
 * relationship; most payments go to a party's regular counterparties.
 */
export async function writePayments(
  world: World,
  r: Random,
  root: string,
  total: number,
  planned: PlannedPayment[],
  onRows: (n: number) => void,
): Promise<LineFile[]> {
  const files = new Map<string, LineFile>();
  for (const bank of world.banks) files.set(bank.agency, await LineFile.open(root, `payments/${bank.agency}.csv`, 'transactions', bank.agency, TRANSACTIONS_HEADER));
  const seqs = new Map<string, number>();
  const bankCountry = new Map(world.banks.map((b) => [b.agency, b.country]));
  const active = world.accounts.filter((a) => !a.holder.quiet);
  const picker = new WeightedPicker(active, (a) => a.holder.activity);
  const days = Math.max(1, Math.round((world.endMs - world.startMs) / DAY_MS));
  const backgroundTotal = Math.max(0, total - planned.length);
  const perDay = backgroundTotal / days / meanDayFactor(world.startMs, days);
  const queue = byTime(planned);
  let q = 0;

  for (let day = 0; day < days; day++) {
    const dayStart = world.startMs + day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const rows: PlannedPayment[] = [];
    const n = r.poisson(perDay * dayFactor(dayStart));
    for (let i = 0; i < n; i++) {
      const p = backgroundPayment(r, picker, dayStart);
      if (p) rows.push(p);
    }
    while (q < queue.length && queue[q]!.atMs < dayEnd) rows.push(queue[q++]!);
    rows.sort((a, b) => a.atMs - b.atMs);
    for (const p of rows) {
      const bank = p.from.bank ?? p.to.bank;
      if (!bank) continue;
      const file = files.get(bank)!;
      const seq = (seqs.get(bank) ?? 0) + 1;
      seqs.set(bank, seq);
      const txn = `${bankPrefix(bank)}${isoSeconds(p.atMs).slice(0, 10).replace(/-/g, '')}${String(seq).padStart(7, '0')}`;
      p.trace?.push(`${file.path}:${txn}`);
      const pending = file.write(paymentRow(txn, p, bankCountry));
      if (pending) await pending;
    }
    onRows(rows.length);
  }
  if (q < queue.length) throw new Error(`${queue.length - q} planned payments fall after the world's window`);
  for (const f of files.values()) await f.close();
  return [...files.values()];
}

function backgroundPayment(r: Random, picker: WeightedPicker<Account>, dayStart: number): PlannedPayment | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const from = picker.pick(r);
    const holder = from.holder;
    let to: Account | undefined;
    if (holder.partners.length > 0 && r.chance(0.8)) {
      const partner = r.pick(holder.partners);
      to = partner.accounts.length > 0 ? r.pick(partner.accounts) : undefined;
    }
    to ??= picker.pick(r);
    if (to === from || to.holder === holder) continue;
    if (!from.bank && !to.bank) continue;
    const amount = amountFor(r, holder.schema, to.holder.schema);
    return {
      atMs: dayStart + timeOfDay(r),
      from,
      to,
      amount,
      currency: from.currency,
      purpose: purposeFor(r, holder.schema, to.holder.schema),
      ...(holder.schema === 'Company' && to.holder.schema === 'Company' && r.chance(0.6) ? { reference: `INV-${r.digits(7)}` } : {}),
    };
  }
  return null;
}

function amountFor(r: Random, from: string, to: string): number {
  let amount: number;
  if (from === 'Company' && to === 'Company') amount = r.logNormal(18_000, 1.5);
  else if (from === 'Company') amount = r.logNormal(2_800, 0.5);
  else if (to === 'Company') amount = r.logNormal(250, 1.2);
  else amount = Math.max(10, Math.round(r.logNormal(400, 1.0) / 10) * 10);
  return Math.max(1, Math.round(amount * 100) / 100);
}

function purposeFor(r: Random, from: string, to: string): string {
  if (from === 'Company' && to === 'Company') return r.pick(['Invoice payment', 'Goods delivery', 'Services agreement', 'Freight charges', 'Consulting fees', 'Advance payment']);
  if (from === 'Company') return r.pick(['Salary', 'Expense reimbursement', 'Dividend']);
  if (to === 'Company') return r.pick(['Purchase', 'Subscription', 'Rent', 'Utilities']);
  return r.pick(['Gift', 'Loan', 'Family support', 'Rent share']);
}

/** Seconds into the day: business hours weigh most, nights least (UTC, a European bank's day). */
function timeOfDay(r: Random): number {
  const hour = r.weighted(HOURS, HOUR_WEIGHTS);
  return hour * 3_600_000 + r.int(0, 3_599) * 1000;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const HOUR_WEIGHTS = [0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 2.5, 5, 7, 8, 8, 6.5, 7, 8, 7.5, 6, 4, 2.5, 1.8, 1.4, 1, 0.7, 0.5];

/** Weekly and seasonal rhythm: weekends quiet, December busy, August slow. */
export function dayFactor(dayStartMs: number): number {
  const d = new Date(dayStartMs);
  const weekday = d.getUTCDay();
  const week = weekday === 0 ? 0.25 : weekday === 6 ? 0.4 : 1.15;
  const season = [0.95, 0.97, 1.05, 1.0, 1.0, 1.02, 0.95, 0.8, 1.0, 1.05, 1.08, 1.15][d.getUTCMonth()]!;
  return week * season;
}

function meanDayFactor(startMs: number, days: number): number {
  let sum = 0;
  for (let i = 0; i < days; i++) sum += dayFactor(startMs + i * DAY_MS);
  return sum / days;
}

function bankPrefix(agency: string): string {
  return agency.replace(/^bank-/, '').slice(0, 3).toUpperCase();
}

/** `bankCountry`: where each of the exercise's banks is; an account elsewhere is in its holder's country. */
function paymentRow(txn: string, p: PlannedPayment, bankCountry: Map<string, string>): string {
  const fromCountry = (p.from.bank && bankCountry.get(p.from.bank)) || p.from.holder.country;
  const toCountry = (p.to.bank && bankCountry.get(p.to.bank)) || p.to.holder.country;
  return [
    txn,
    isoSeconds(p.atMs),
    p.amount.toFixed(2),
    p.currency,
    p.from.number,
    csvField(p.from.holder.name),
    p.from.bic,
    fromCountry.toUpperCase(),
    p.to.number,
    csvField(p.to.holder.name),
    p.to.bic,
    toCountry.toUpperCase(),
    csvField(p.purpose),
    csvField(p.reference),
  ].join(',');
}
