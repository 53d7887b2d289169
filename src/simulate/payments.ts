import { csvField, DAY_MS, fixed2, flat, isoSeconds, LineFile } from './output.ts';
import { WeightedPicker } from './picker.ts';
import { byTime, type PlannedPayment } from './plans.ts';
import type { Random } from './random.ts';
import type { Account, Party, World } from './world.ts';

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
  const files = world.banks.map((bank) => bank.agency);
  const lineFiles: LineFile[] = [];
  for (const agency of files) lineFiles.push(await LineFile.open(root, `payments/${agency}.csv`, 'transactions', agency, TRANSACTIONS_HEADER));
  const seqs = files.map(() => 0);
  const prefixes = files.map(bankPrefix);
  const bankCountry = new Map(world.banks.map((b) => [b.agency, b.country]));
  const book = new AccountBook(world, bankCountry);
  const active = world.accounts.filter((a) => !a.holder.quiet);
  const activeIndex = Int32Array.from(active, (a) => book.indexOf(a));
  const picker = new WeightedPicker(active, (a) => a.holder.activity);
  const days = Math.max(1, Math.round((world.endMs - world.startMs) / DAY_MS));
  const backgroundTotal = Math.max(0, total - planned.length);
  const perDay = backgroundTotal / days / meanDayFactor(world.startMs, days);
  const queue = byTime(planned);
  let q = 0;
  const day = new DayPayments();

  for (let d = 0; d < days; d++) {
    const dayStart = world.startMs + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    day.clear();
    const n = r.poisson(perDay * dayFactor(dayStart));
    for (let i = 0; i < n; i++) backgroundPayment(r, picker, activeIndex, book, dayStart, day);
    while (q < queue.length && queue[q]!.atMs < dayEnd) day.addPlanned(queue[q++]!);
    const order = day.inTimeOrder();
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const p = day.planned[i];
      let bank: number;
      let fromBlock: string;
      let toBlock: string;
      let amount: number;
      let currency: string;
      let purpose: string | undefined;
      let reference: string | undefined;
      if (p) {
        const agency = p.from.bank ?? p.to.bank;
        if (!agency) continue;
        bank = files.indexOf(agency);
        if (bank < 0) throw new Error(`payment recorded by ${agency}, which is not a bank of the exercise`);
        fromBlock = book.blockOfAccount(p.from);
        toBlock = book.blockOfAccount(p.to);
        amount = p.amount;
        currency = p.currency;
        purpose = p.purpose;
        reference = p.reference;
      } else {
        const from = day.from[i]!;
        const to = day.to[i]!;
        bank = book.bank[from]! >= 0 ? book.bank[from]! : book.bank[to]!;
        fromBlock = book.block[from]!;
        toBlock = book.block[to]!;
        amount = day.amount[i]!;
        currency = book.currency[from]!;
        purpose = day.purpose[i];
        reference = day.reference[i];
      }
      const file = lineFiles[bank]!;
      const seq = ++seqs[bank]!;
      const timestamp = isoSeconds(day.atMs[i]!);
      const txn = `${prefixes[bank]}${compactDate(timestamp)}${String(seq).padStart(7, '0')}`;
      p?.trace?.push(`${file.path}:${txn}`);
      const row = txn + ',' + timestamp + ',' + fixed2(amount) + ',' + currency + ',' + fromBlock + ',' + toBlock + ',' + csvField(purpose) + ',' + csvField(reference);
      const pending = file.write(row);
      if (pending) await pending;
    }
    onRows(day.size);
  }
  if (q < queue.length) throw new Error(`${queue.length - q} planned payments fall after the world's window`);
  for (const f of lineFiles) await f.close();
  return lineFiles;
}

/**
 * Every account of the world by index, with what a payment row needs of it
 * precomputed: the bank that records it, its currency, whether its holder is a
 * company, its holder's regular counterparties' accounts, and its four columns
 * of the row ("number,name,bic,COUNTRY", the same on either side). A million
 * background payments then draw and print from a few dense arrays instead of
 * chasing accounts, holders and partners across the world's heap.
 */
class AccountBook {
  readonly accounts: Account[] = [];
  /** Index of the account's holder among the holders. */
  readonly holder: number[] = [];
  /** Index of the bank (in world.banks) that holds the account, or -1 outside the exercise. */
  readonly bank: number[] = [];
  readonly currency: string[] = [];
  readonly block: string[] = [];
  private readonly accountIndex = new Map<Account, number>();
  private readonly partyIndex = new Map<Party, number>();
  private readonly parties: Party[] = [];
  /** Per holder: is it a company; its partners (holder indices) and its accounts (account indices), as flat lists. */
  readonly company: boolean[] = [];
  readonly partners: number[][] = [];
  readonly holderAccounts: number[][] = [];

  constructor(
    private readonly world: World,
    private readonly bankCountry: Map<string, string>,
  ) {
    for (const a of world.accounts) this.indexOf(a);
  }

  indexOf(a: Account): number {
    let i = this.accountIndex.get(a);
    if (i === undefined) {
      i = this.accounts.length;
      this.accountIndex.set(a, i);
      this.accounts.push(a);
      this.holder.push(this.partyOf(a.holder));
      this.bank.push(a.bank ? this.world.banks.findIndex((b) => b.agency === a.bank) : -1);
      this.currency.push(a.currency);
      this.block.push(this.blockOfAccount(a));
    }
    return i;
  }

  /** The account's four columns: number, holder's name, BIC, country (the bank's for the exercise's banks, else the holder's). */
  blockOfAccount(a: Account): string {
    const country = (a.bank && this.bankCountry.get(a.bank)) || a.holder.country;
    return flat(a.number + ',' + csvField(a.holder.name) + ',' + a.bic + ',' + upper(country));
  }

  /** A holder's partners and accounts, indexed on first need (partners of partners are not followed further). */
  partnersOf(holder: number): number[] {
    let list = this.partners[holder];
    if (!list) {
      list = this.parties[holder]!.partners.map((p) => this.partyOf(p));
      this.partners[holder] = list;
    }
    return list;
  }

  accountsOf(holder: number): number[] {
    let list = this.holderAccounts[holder];
    if (!list) {
      list = this.parties[holder]!.accounts.map((a) => this.indexOf(a));
      this.holderAccounts[holder] = list;
    }
    return list;
  }

  private partyOf(p: Party): number {
    let i = this.partyIndex.get(p);
    if (i === undefined) {
      i = this.parties.length;
      this.partyIndex.set(p, i);
      this.parties.push(p);
      this.company.push(p.schema === 'Company');
    }
    return i;
  }
}

/** One day's payments before they are sorted: background ones as columns, planned ones as themselves. */
class DayPayments {
  atMs: number[] = [];
  from: number[] = [];
  to: number[] = [];
  amount: number[] = [];
  purpose: Array<string | undefined> = [];
  reference: Array<string | undefined> = [];
  planned: Array<PlannedPayment | undefined> = [];

  get size(): number {
    return this.atMs.length;
  }

  clear(): void {
    this.atMs.length = 0;
    this.from.length = 0;
    this.to.length = 0;
    this.amount.length = 0;
    this.purpose.length = 0;
    this.reference.length = 0;
    this.planned.length = 0;
  }

  add(atMs: number, from: number, to: number, amount: number, purpose: string, reference: string | undefined): void {
    this.atMs.push(atMs);
    this.from.push(from);
    this.to.push(to);
    this.amount.push(amount);
    this.purpose.push(purpose);
    this.reference.push(reference);
    this.planned.push(undefined);
  }

  addPlanned(p: PlannedPayment): void {
    this.atMs.push(p.atMs);
    this.from.push(-1);
    this.to.push(-1);
    this.amount.push(p.amount);
    this.purpose.push(p.purpose);
    this.reference.push(p.reference);
    this.planned.push(p);
  }

  /** Indices in time order, ties in the order added (a stable sort by time, as the day's rows have always been). */
  inTimeOrder(): number[] {
    const at = this.atMs;
    const order = Array.from({ length: at.length }, (_, i) => i);
    return order.sort((i, j) => at[i]! - at[j]! || i - j);
  }
}

/** A background payment (or none after four unlucky draws), added to the day. The draws are those of the planned-payment form it replaces. */
function backgroundPayment(r: Random, picker: WeightedPicker<Account>, activeIndex: Int32Array, book: AccountBook, dayStart: number, day: DayPayments): void {
  for (let attempt = 0; attempt < 4; attempt++) {
    const from = activeIndex[picker.pickIndex(r)]!;
    const holder = book.holder[from]!;
    let to = -1;
    const partners = book.partnersOf(holder);
    if (partners.length > 0 && r.chance(0.8)) {
      const accounts = book.accountsOf(partners[Math.floor(r.next() * partners.length)]!);
      if (accounts.length > 0) to = accounts[Math.floor(r.next() * accounts.length)]!;
    }
    if (to < 0) to = activeIndex[picker.pickIndex(r)]!;
    const toHolder = book.holder[to]!;
    if (to === from || toHolder === holder) continue;
    if (book.bank[from]! < 0 && book.bank[to]! < 0) continue;
    const fromSchema = book.company[holder] ? 'Company' : 'Person';
    const toSchema = book.company[toHolder] ? 'Company' : 'Person';
    const amount = amountFor(r, fromSchema, toSchema);
    const atMs = dayStart + timeOfDay(r);
    const purpose = purposeFor(r, fromSchema, toSchema);
    const reference = fromSchema === 'Company' && toSchema === 'Company' && r.chance(0.6) ? `INV-${r.digits(7)}` : undefined;
    day.add(atMs, from, to, amount, purpose, reference);
    return;
  }
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
  if (from === 'Company' && to === 'Company') return r.pick(PURPOSES_B2B);
  if (from === 'Company') return r.pick(PURPOSES_B2P);
  if (to === 'Company') return r.pick(PURPOSES_P2B);
  return r.pick(PURPOSES_P2P);
}

const PURPOSES_B2B = ['Invoice payment', 'Goods delivery', 'Services agreement', 'Freight charges', 'Consulting fees', 'Advance payment'];
const PURPOSES_B2P = ['Salary', 'Expense reimbursement', 'Dividend'];
const PURPOSES_P2B = ['Purchase', 'Subscription', 'Rent', 'Utilities'];
const PURPOSES_P2P = ['Gift', 'Loan', 'Family support', 'Rent share'];

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

/** "20250106" from "2025-01-06T…". */
function compactDate(timestamp: string): string {
  return timestamp.slice(0, 4) + timestamp.slice(5, 7) + timestamp.slice(8, 10);
}

/** Country codes as the file prints them (upper case), converted once per code. */
const UPPER = new Map<string, string>();
function upper(code: string): string {
  let u = UPPER.get(code);
  if (u === undefined) {
    u = code.toUpperCase();
    UPPER.set(code, u);
  }
  return u;
}

