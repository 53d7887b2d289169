import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isoSeconds } from './output.ts';
import type { Traced } from './plans.ts';
import { REGISTRY_FILE } from './registry.ts';
import type { Account, Party, WorldVessel } from './world.ts';

/**
 * Ground truth: every planted scheme and every hard negative, with its
 * subjects by strong identifiers, the records that show it, and its window.
 * The shape is fixed (issue: evaluations read it):
 * `{"schemes": [{"id", "type", "negative", "subjects": [{"schema", "identifiers"}], "records": ["<file>:<record id>"], "window": {"start", "end"}}]}`.
 */
export interface TruthSubject {
  schema: string;
  identifiers: Record<string, string>;
}

export interface TruthScheme {
  id: string;
  type: string;
  negative: boolean;
  subjects: TruthSubject[];
  records: string[];
  window: { start: string; end: string };
}

interface Entry {
  id: string;
  type: string;
  negative: boolean;
  subjects: TruthSubject[];
  records: string[];
  traced: Traced[];
  startMs: number;
  endMs: number;
}

export class Truth {
  private entries: Entry[] = [];
  private counts = new Map<string, number>();

  /** Open an entry; the scheme then adds subjects, records and traced plans to it. */
  add(type: string, negative: boolean, startMs: number, endMs: number): TruthEntry {
    const n = (this.counts.get(type) ?? 0) + 1;
    this.counts.set(type, n);
    const entry: Entry = { id: `${type}-${n}`, type, negative, subjects: [], records: [], traced: [], startMs, endMs };
    this.entries.push(entry);
    return new TruthEntry(entry);
  }

  get size(): number {
    return this.entries.length;
  }

  build(): { schemes: TruthScheme[] } {
    return {
      schemes: this.entries.map((e) => ({
        id: e.id,
        type: e.type,
        negative: e.negative,
        subjects: e.subjects,
        records: [...new Set([...e.records, ...e.traced.flatMap((t) => t.trace ?? [])])],
        window: { start: isoSeconds(e.startMs), end: isoSeconds(e.endMs) },
      })),
    };
  }

  async write(root: string): Promise<void> {
    await writeFile(join(root, 'truth.json'), JSON.stringify(this.build(), null, 1) + '\n');
  }
}

export class TruthEntry {
  constructor(private readonly entry: Entry) {}

  get id(): string {
    return this.entry.id;
  }

  subject(thing: Party | WorldVessel | Account, extra: Record<string, string> = {}): this {
    this.entry.subjects.push({ ...subjectOf(thing), ...(Object.keys(extra).length ? { identifiers: { ...subjectOf(thing).identifiers, ...extra } } : {}) });
    return this;
  }

  goods(hs6: string): this {
    this.entry.subjects.push({ schema: 'Goods', identifiers: { hs6 } });
    return this;
  }

  /** Registry records (entities and links) by id. */
  registry(...ids: string[]): this {
    for (const id of ids) this.entry.records.push(`${REGISTRY_FILE}:${id}`);
    return this;
  }

  record(ref: string): this {
    this.entry.records.push(ref);
    return this;
  }

  /** A planned payment, declaration or designation: its record is known once written. */
  traced<T extends Traced>(item: T): T {
    item.trace ??= [];
    this.entry.traced.push(item);
    return item;
  }

  widen(startMs: number, endMs: number): this {
    this.entry.startMs = Math.min(this.entry.startMs, startMs);
    this.entry.endMs = Math.max(this.entry.endMs, endMs);
    return this;
  }
}

export function subjectOf(thing: Party | WorldVessel | Account): TruthSubject {
  if ('schema' in thing && thing.schema === 'Vessel') {
    return { schema: 'Vessel', identifiers: { imo: thing.imo, mmsi: thing.mmsi, id: thing.id } };
  }
  if ('holder' in thing) return { schema: 'BankAccount', identifiers: { account: thing.number, id: thing.id } };
  const party = thing as Party;
  const identifiers: Record<string, string> = { id: party.id };
  if (party.registration) identifiers.registration = party.registration;
  if (party.props.leiCode?.[0]) identifiers.lei = party.props.leiCode[0];
  if (party.accounts[0]) identifiers.account = party.accounts[0].number;
  return { schema: party.schema, identifiers };
}
