/**
 * The community profile: the thresholds and lists partners agree on, so that
 * every node applies the same indicator the same way. A JSON file, validated
 * against the catalogue: an unknown indicator, parameter or list, a value of
 * the wrong type or out of range is an error naming the file and the path in it
 * (`indicators.maritime.ais_gap.params.min_gap_hours`). What the file does not
 * set keeps the catalogue's default.
 */
import { readFileSync } from 'node:fs';
import { isCountryCode } from '../model/normalize/countries.ts';
import { portByLocode } from '../model/ports.ts';
import { SEA_AREAS, seaAreaById } from '../model/sea-areas.ts';
import { SextantError } from '../errors.ts';
import { defaults, type Indicator, type Params, type ParamSpec } from './indicator.ts';

export type OwnershipRuleName = 'ofac' | 'eu' | 'uk';

export interface Profile {
  name: string;
  /** Alerts scored below this are stored but not reported unless asked (`detect --all`). */
  alertThreshold: number;
  lists: ProfileLists;
  /** Which ownership rule each authority applies (`ofac`, `eu`, `uk`), by authority name. */
  authorities: Record<string, OwnershipRuleName>;
  indicators: Record<string, { enabled: boolean; params: Params }>;
  /** Where the profile came from: a path, or "built-in". */
  origin: string;
}

export interface ProfileLists {
  /** Transshipment hubs (ISO alpha-2, lower case). */
  hubJurisdictions: string[];
  destinationsOfConcern: string[];
  /** Ports of concern (UN/LOCODE). */
  portsOfConcern: string[];
  /** Designated ship-to-ship transfer areas (sea area ids, src/model/sea-areas.ts). */
  stsAreas: string[];
  /** Areas where AIS reception is known to be poor (a gap there is not suspicious). */
  poorReceptionAreas: string[];
  /** Secrecy jurisdictions (ISO alpha-2), for shell-company indicators. */
  secrecyJurisdictions: string[];
}

/**
 * Defaults: the hubs and destinations of the joint guidance on Russia-related
 * export-control evasion (FinCEN/BIS alerts FIN-2022-Alert003 and
 * FIN-2023-Alert004 name Armenia, China, Georgia, India, Kazakhstan,
 * Kyrgyzstan, Turkey, UAE, Uzbekistan among transshipment points), ports of
 * the sanctioned states in the port table, every STS and poor-reception area of
 * the sea-area table, and the Tax Justice Network's FSI top secrecy scores.
 */
export const DEFAULT_LISTS: ProfileLists = {
  hubJurisdictions: ['ae', 'am', 'az', 'cn', 'ge', 'hk', 'in', 'kg', 'kz', 'my', 'rs', 'th', 'tr', 'uz'],
  destinationsOfConcern: ['by', 'ir', 'kp', 'ru', 'sy'],
  portsOfConcern: [
    'RUMMK', 'RUKGD', 'RUPRM', 'RUULU', 'RULED', 'RUVYS', 'RUNVS', 'RUTUA', 'RUKAV', 'RUMCX', 'RUVVO', 'RUNJK', 'RUKOZ', 'RUVNN',
    'SYLTK', 'SYBAN', 'IRKHK', 'IRBKM', 'IRBUZ', 'IRBND', 'IRZBR', 'KPNAM', 'VEPBL',
  ],
  stsAreas: SEA_AREAS.filter((a) => a.kind === 'sts').map((a) => a.id),
  poorReceptionAreas: SEA_AREAS.filter((a) => a.kind === 'poor-reception').map((a) => a.id),
  secrecyJurisdictions: ['ae', 'bs', 'bz', 'ch', 'cy', 'hk', 'ky', 'lr', 'mh', 'pa', 'sc', 'sg', 'vg'],
};

const LIST_CHECK: Record<keyof ProfileLists, (v: string) => string | null> = {
  hubJurisdictions: country,
  destinationsOfConcern: country,
  secrecyJurisdictions: country,
  portsOfConcern: (v) => (portByLocode(v) ? null : `${JSON.stringify(v)} is not a port in the port table (UN/LOCODE)`),
  stsAreas: (v) => (seaAreaById(v)?.kind === 'sts' ? null : `${JSON.stringify(v)} is not a ship-to-ship area in the sea-area table`),
  poorReceptionAreas: (v) => (seaAreaById(v) ? null : `${JSON.stringify(v)} is not a sea area in the sea-area table`),
};

function country(v: string): string | null {
  return isCountryCode(v) ? null : `${JSON.stringify(v)} is not an ISO 3166 alpha-2 country code (lower case)`;
}

/** The profile every node starts from: the catalogue's defaults. */
export function defaultProfile(catalogue: readonly Indicator[]): Profile {
  const indicators: Profile['indicators'] = {};
  for (const ind of catalogue) indicators[ind.code] = { enabled: true, params: defaults(ind) };
  return {
    name: 'built-in defaults',
    alertThreshold: 0.5,
    lists: structuredClone(DEFAULT_LISTS),
    authorities: { ofac: 'ofac', eu: 'eu', uk: 'uk' },
    indicators,
    origin: 'built-in',
  };
}

/** A profile file read and validated; what it leaves out keeps the defaults. */
export function loadProfile(path: string, catalogue: readonly Indicator[]): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SextantError('io_error', `cannot read profile ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SextantError('validation_failed', `profile ${path} is not JSON: ${(err as Error).message}`, { path });
  }
  return parseProfile(json, catalogue, path);
}

/** Validate a profile object (from a file or a request); errors name the path in it. */
export function parseProfile(json: unknown, catalogue: readonly Indicator[], origin: string): Profile {
  const errors: string[] = [];
  const at = (path: string, msg: string) => errors.push(`${path}: ${msg}`);
  const p = defaultProfile(catalogue);
  p.origin = origin;
  if (!isObject(json)) throw invalid(origin, ['(top level): must be an object']);
  for (const key of Object.keys(json)) if (!['name', 'alertThreshold', 'lists', 'authorities', 'indicators'].includes(key)) at(key, 'unknown setting (known: name, alertThreshold, lists, authorities, indicators)');
  if (json.name !== undefined) {
    if (typeof json.name === 'string' && json.name.length > 0 && json.name.length <= 200) p.name = json.name;
    else at('name', 'must be a non-empty string');
  }
  if (json.alertThreshold !== undefined) {
    if (typeof json.alertThreshold === 'number' && json.alertThreshold >= 0 && json.alertThreshold <= 1) p.alertThreshold = json.alertThreshold;
    else at('alertThreshold', 'must be a number from 0 to 1');
  }
  if (json.lists !== undefined) {
    if (!isObject(json.lists)) at('lists', 'must be an object');
    else {
      for (const [name, value] of Object.entries(json.lists)) {
        const check = LIST_CHECK[name as keyof ProfileLists];
        if (!check) {
          at(`lists.${name}`, `unknown list (known: ${Object.keys(LIST_CHECK).join(', ')})`);
          continue;
        }
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
          at(`lists.${name}`, 'must be a list of strings');
          continue;
        }
        const bad = value.map((v, i) => [i, check(v)] as const).filter(([, r]) => r !== null);
        for (const [i, r] of bad) at(`lists.${name}[${i}]`, r!);
        if (bad.length === 0) p.lists[name as keyof ProfileLists] = [...new Set(value as string[])];
      }
    }
  }
  if (json.authorities !== undefined) {
    if (!isObject(json.authorities)) at('authorities', 'must be an object mapping an authority to ofac, eu or uk');
    else {
      for (const [name, rule] of Object.entries(json.authorities)) {
        if (rule === 'ofac' || rule === 'eu' || rule === 'uk') p.authorities[name] = rule;
        else at(`authorities.${name}`, 'must be "ofac", "eu" or "uk"');
      }
    }
  }
  if (json.indicators !== undefined) {
    if (!isObject(json.indicators)) at('indicators', 'must be an object keyed by indicator code');
    else {
      for (const [code, setting] of Object.entries(json.indicators)) {
        const ind = catalogue.find((i) => i.code === code);
        if (!ind) {
          at(`indicators.${code}`, 'unknown indicator (see `sextant indicators`)');
          continue;
        }
        if (!isObject(setting)) {
          at(`indicators.${code}`, 'must be an object with enabled and/or params');
          continue;
        }
        for (const key of Object.keys(setting)) if (key !== 'enabled' && key !== 'params') at(`indicators.${code}.${key}`, 'unknown setting (known: enabled, params)');
        const target = p.indicators[code]!;
        if (setting.enabled !== undefined) {
          if (typeof setting.enabled === 'boolean') target.enabled = setting.enabled;
          else at(`indicators.${code}.enabled`, 'must be true or false');
        }
        if (setting.params !== undefined) {
          if (!isObject(setting.params)) at(`indicators.${code}.params`, 'must be an object');
          else {
            for (const [name, value] of Object.entries(setting.params)) {
              const spec = ind.params[name];
              const path = `indicators.${code}.params.${name}`;
              if (!spec) {
                at(path, `unknown parameter (known: ${Object.keys(ind.params).join(', ') || 'none'})`);
                continue;
              }
              const problem = checkParam(spec, value);
              if (problem) at(path, problem);
              else target.params[name] = value as Params[string];
            }
          }
        }
      }
    }
  }
  if (errors.length > 0) throw invalid(origin, errors);
  return p;
}

function checkParam(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be a list of strings';
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number${spec.unit ? ` (${spec.unit})` : ''}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}${spec.unit ? ` ${spec.unit}` : ''}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`;
      return null;
    }
  }
}

function invalid(origin: string, errors: string[]): SextantError {
  return new SextantError('validation_failed', `profile ${origin} is invalid:\n  ${errors.join('\n  ')}`, { path: origin, errors });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
