/**
 * What an indicator is (DESIGN.md idea 3): a stable dotted code, a definition a
 * person can read, the published source it follows, typed parameters with
 * defaults and units, the inputs it reads, and a function from those inputs to
 * alerts with evidence. Indicators are declared here and registered in
 * catalogue.ts; the catalogue and the community profile are derived from the
 * declarations, so partners apply the same indicator the same way.
 */
import type { AlertDraft } from './alert.ts';
import type { DetectInputs } from './inputs.ts';

export type ParamValue = number | boolean | string | string[];

export interface ParamSpec {
  type: 'number' | 'integer' | 'boolean' | 'string' | 'string[]';
  default: ParamValue;
  /** Unit of a number: 'h', 'kn', 'nm', 'm', 'km', '%', 'ratio', 'days'… */
  unit?: string;
  min?: number;
  max?: number;
  description: string;
}

export interface Source {
  /** Who published the definition: "Global Fishing Watch", "OFAC FAQ 401", "FATF". */
  name: string;
  url?: string;
  /** What of it this indicator follows. */
  note?: string;
}

/**
 * The streams and views an indicator reads; detection loads only what the enabled indicators need.
 * `registry`: registered companies and organisations (name, jurisdiction, incorporation date: detect/parties.ts).
 * `alerts`: the alerts the run's earlier indicators produced (triangulation runs last in the catalogue).
 * `lists`: the persons, companies and organisations visible Sanctions name.
 */
export type InputKind = 'positions' | 'payments' | 'declarations' | 'entities' | 'ownership' | 'registry' | 'alerts' | 'lists';

export type Params = Record<string, ParamValue>;

export interface Indicator {
  /** Stable dotted code: `maritime.ais_gap`. Never renamed: alerts, profiles and partners refer to it. */
  code: string;
  title: string;
  /** The definition, as the catalogue prints it. */
  definition: string;
  sources: Source[];
  params: Record<string, ParamSpec>;
  inputs: InputKind[];
  /**
   * Its alerts apply a rule (listed, blocked under an ownership rule) rather
   * than weigh a sign: below the alert threshold they say the rule did not
   * apply (a stake under 50%, a name short of a listed one), so triangulation
   * never adds such near-misses up (triangulate.network's corroboration).
   */
  appliesRule?: true;
  /** Alerts from the inputs, with the parameters the profile sets (defaults otherwise). */
  run(inputs: DetectInputs, params: Params): AlertDraft[] | Promise<AlertDraft[]>;
}

/** Typed access to an indicator's parameters (validated by the profile). */
export function num(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`parameter ${name} is not a number`);
  return v;
}

export function bool(params: Params, name: string): boolean {
  const v = params[name];
  if (typeof v !== 'boolean') throw new Error(`parameter ${name} is not a boolean`);
  return v;
}

export function strings(params: Params, name: string): string[] {
  const v = params[name];
  if (!Array.isArray(v)) throw new Error(`parameter ${name} is not a list`);
  return v;
}

/** The defaults of an indicator's parameters. */
export function defaults(indicator: Indicator): Params {
  const out: Params = {};
  for (const [k, spec] of Object.entries(indicator.params)) out[k] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  return out;
}
