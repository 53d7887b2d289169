import type { StatementRow } from '../store/statements.ts';
import { presentValue, type Policy, type StatementClass } from './decide.ts';
import type { Viewer } from './viewer.ts';

/** Statement classes a viewer may read as stored, as column arrays for an SQL filter. */
export interface ClassFilter {
  datasets: string[];
  agencies: string[];
  markings: string[];
  schemata: string[];
  props: string[];
}

/** What `see` decides on and transforms: a statement's class, value and type (bulk reads select no more; see POLICY_COLUMNS). */
export type SeeableRow = Pick<StatementRow, 'dataset' | 'agency' | 'marking' | 'schema' | 'prop' | 'prop_type' | 'value'>;

/**
 * One viewer's view of the store: every read path passes statements through
 * `see`, which drops what the viewer may not see and minimises what an
 * agreement says to minimise. It also counts marked values shown, so that the
 * caller can audit reads of marked data.
 */
export class ReadScope {
  private markedShown = 0;

  constructor(
    readonly viewer: Viewer,
    readonly policy: Policy,
  ) {}

  /** The statement as this viewer may see it, or null. Minimised values lose their original and match keys. */
  see<T extends SeeableRow>(row: T): T | null {
    const access = this.policy.read(this.viewer, row);
    if (!access.allow) return null;
    if (row.marking !== 'TLP:CLEAR') this.markedShown++;
    if (access.transform === null) return row;
    return { ...row, value: presentValue(row.value, row.prop_type, access), original: null, match: null };
  }

  seeAll<T extends SeeableRow>(rows: T[]): T[] {
    const out: T[] = [];
    for (const r of rows) {
      const s = this.see(r);
      if (s) out.push(s);
    }
    return out;
  }

  /**
   * The classes this viewer may read unminimised (with `minimised`, also those
   * they may read minimised: for fetching rows that `see` then transforms). Searching and counting run
   * only over these: a minimised value must not be searchable (a search for
   * the clear value would confirm it), and a hidden one must not be counted.
   */
  filter(classes: StatementClass[], opts: { minimised?: boolean } = {}): ClassFilter {
    const f: ClassFilter = { datasets: [], agencies: [], markings: [], schemata: [], props: [] };
    for (const c of classes) {
      const a = this.policy.read(this.viewer, c);
      if (!a.allow || (a.transform !== null && !opts.minimised)) continue;
      f.datasets.push(c.dataset);
      f.agencies.push(c.agency);
      f.markings.push(c.marking);
      f.schemata.push(c.schema);
      f.props.push(c.prop);
    }
    return f;
  }

  /** Whether every class given is readable unminimised (used for whole-dataset views such as list versions). */
  seesAll(classes: StatementClass[]): boolean {
    return classes.every((c) => {
      const a = this.policy.read(this.viewer, c);
      return a.allow && a.transform === null;
    });
  }

  /** Whether any of the classes is visible at all (a dataset with none is, for this viewer, no dataset). */
  seesAny(classes: StatementClass[]): boolean {
    return classes.some((c) => this.policy.read(this.viewer, c).allow);
  }

  /** Marked (not TLP:CLEAR) values shown since the last call. */
  takeMarkedCount(): number {
    const n = this.markedShown;
    this.markedShown = 0;
    return n;
  }
}
