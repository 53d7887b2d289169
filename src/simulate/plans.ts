import type { Account, Party } from './world.ts';

/**
 * Events a scheme (or the trade background) plans before the streams are
 * written. Writers merge them into the background in time order and, when one
 * is written, note where (`file:record`) in `trace`, so that truth.json can
 * point at the very records a scheme planted.
 */
export interface Traced {
  trace?: string[];
}

export interface PlannedPayment extends Traced {
  atMs: number;
  from: Account;
  to: Account;
  amount: number;
  currency: string;
  purpose?: string;
  reference?: string;
}

export type Direction = 'export' | 'import';

export interface PlannedDeclaration extends Traced {
  dateMs: number;
  /** The customs service it is declared to: the hub's or the destination's. */
  declaredIn: 'hub' | 'dest';
  direction: Direction;
  exporter: Party;
  importer: Party;
  consignee?: Party;
  declarant?: string;
  origin: string;
  destination: string;
  hsCode: string;
  description: string;
  quantity?: number;
  unit?: string;
  value: number;
  currency: string;
  vesselImo?: string;
  portOfLoading?: string;
  portOfDischarge?: string;
  transportDocument?: string;
  invoiceReference?: string;
}

/** Sort planned events by time, stable for equal times (determinism). */
export function byTime<T extends { atMs?: number; dateMs?: number }>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, i, t: item.atMs ?? item.dateMs ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.item);
}
