import { sanctionInForce } from '../model/sanction.ts';
import type { StatementRow } from '../store/statements.ts';

/** A value with the statement class it came from (what the policy decides on). */
export interface Valued<T> {
  value: T;
  cls: number;
}

/** One Sanction naming a screened entity, as a viewer may see it. */
export interface SanctionView {
  id: string;
  authority: string | null;
  program: string | null;
  startDate: string | null;
  endDate: string | null;
  /** No end date, or the latest one after the day screened (sanctionInForce). */
  inForce: boolean;
}

interface SanctionRecord {
  id: string;
  targets: Array<Valued<string>>;
  authority: Array<Valued<string>>;
  program: Array<Valued<string>>;
  startDate: Array<Valued<string>>;
  endDate: Array<Valued<string>>;
}

const FIELDS = { authority: 'authority', program: 'program', startDate: 'startDate', listingDate: 'startDate', endDate: 'endDate' } as const;

/**
 * The Sanctions of the store, by the entity each names, kept beside the
 * candidate index and updated with it. A hit is then shown with its
 * designations, and one whose every designation was lifted (delisted: the
 * Sanction kept, with an end date) says so. Without this, an entity delisted
 * years ago was returned like a listed one.
 */
export class DesignationRegistry {
  private readonly sanctions = new Map<string, SanctionRecord>();
  private readonly byTarget = new Map<string, Set<string>>();

  /** Add or replace a Sanction from all its statements; `classOf` numbers each statement's class. */
  upsert(id: string, rows: StatementRow[], classOf: (r: StatementRow) => number): void {
    this.remove(id);
    const rec: SanctionRecord = { id, targets: [], authority: [], program: [], startDate: [], endDate: [] };
    for (const r of rows) {
      if (r.prop === 'entity') rec.targets.push({ value: r.value, cls: classOf(r) });
      else if (r.prop in FIELDS) rec[FIELDS[r.prop as keyof typeof FIELDS]].push({ value: r.value, cls: classOf(r) });
    }
    if (rec.targets.length === 0) return;
    this.sanctions.set(id, rec);
    for (const t of rec.targets) {
      const set = this.byTarget.get(t.value);
      if (set) set.add(id);
      else this.byTarget.set(t.value, new Set([id]));
    }
  }

  /** Whether this id is a Sanction held here (to tell it from an entity). */
  has(id: string): boolean {
    return this.sanctions.has(id);
  }

  remove(id: string): void {
    const rec = this.sanctions.get(id);
    if (!rec) return;
    for (const t of rec.targets) {
      const set = this.byTarget.get(t.value);
      set?.delete(id);
      if (set?.size === 0) this.byTarget.delete(t.value);
    }
    this.sanctions.delete(id);
  }

  /**
   * The Sanctions naming `entityId` through a statement the viewer may see,
   * judged on `asOf` (YYYY-MM-DD). An end date the viewer may not see does
   * not count, so a hidden delisting leaves the designation shown as in force.
   */
  of(entityId: string, visible: (cls: number) => boolean, asOf: string): SanctionView[] {
    const ids = this.byTarget.get(entityId);
    if (!ids) return [];
    const out: SanctionView[] = [];
    for (const id of ids) {
      const rec = this.sanctions.get(id)!;
      if (!rec.targets.some((t) => t.value === entityId && visible(t.cls))) continue;
      const seen = (vs: Array<Valued<string>>) => vs.filter((v) => visible(v.cls)).map((v) => v.value).sort();
      const ends = seen(rec.endDate);
      out.push({
        id,
        authority: seen(rec.authority)[0] ?? null,
        program: seen(rec.program)[0] ?? null,
        startDate: seen(rec.startDate)[0] ?? null,
        endDate: ends[ends.length - 1] ?? null,
        inForce: sanctionInForce(ends.map((value) => ({ prop: 'endDate', value })), asOf),
      });
    }
    return out.sort((a, b) => Number(b.inForce) - Number(a.inForce) || (a.authority ?? '').localeCompare(b.authority ?? '') || a.id.localeCompare(b.id));
  }
}

/** Designated once, and by no Sanction in force any more. */
export function delisted(sanctions: SanctionView[]): boolean {
  return sanctions.length > 0 && sanctions.every((s) => !s.inForce);
}

/** The latest end date among these Sanctions, or null when none has one. */
export function lastEndDate(sanctions: SanctionView[]): string | null {
  let last: string | null = null;
  for (const s of sanctions) if (s.endDate !== null && (last === null || s.endDate > last)) last = s.endDate;
  return last;
}
