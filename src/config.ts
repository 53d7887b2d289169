import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SextantError } from './errors.ts';
import { AGENCY_ID, DEFAULT_LEVELS, PURPOSE_TAG } from './policy/markings.ts';
import type { DbTarget } from './store/db.ts';

/**
 * Settings, read and validated once at start. Sources, in order of precedence:
 * command-line flags, environment (SEXTANT_*, DATABASE_URL), the JSON config
 * file (SEXTANT_CONFIG or ./sextant.config.json when present), defaults.
 */
export interface ListSource {
  /** Dataset the list is ingested under. */
  dataset: string;
  /** Reader format. */
  format: string;
  /** URLs of the files that make up the list; fetched into one directory, named by `files`. */
  urls: string[];
  files: string[];
}

export interface Config {
  db: DbTarget;
  /** Where rejected records are written, one JSON line each. */
  quarantineDir: string;
  host: string;
  port: number;
  /** Largest accepted HTTP request body, bytes. */
  bodyLimit: number;
  defaultAgency: string;
  logLevel: string;
  listSources: ListSource[];
  governance: GovernanceConfig;
}

/** Community settings the policy module enforces; see docs/GOVERNANCE.md. */
export interface GovernanceConfig {
  /** Classification ladder, lowest first. */
  levels: string[];
  /** Purposes a viewer may declare for access (header X-Sextant-Purpose, --purpose). */
  purposes: string[];
  defaultPurpose: string;
  /** The agency bootstrapped on a new store (its id is `defaultAgency`). */
  agency: { id: string; name: string; country: string; sector: string };
  /** User the CLI acts as when --as is not given: the bootstrapped administrator. */
  operator: string;
  auth: { maxFailures: number; lockMinutes: number; sessionHours: number; tokenMaxDays: number; secureCookies: boolean };
}

export const DEFAULT_PURPOSES = ['sanctions', 'aml', 'customs', 'law_enforcement', 'export_control', 'research', 'oversight'];

export const DEFAULT_DATA_DIR = '.sextant/db';

/** Official publishers' download addresses; overridable in the config file. */
export const DEFAULT_LIST_SOURCES: ListSource[] = [
  {
    dataset: 'ofac_sdn',
    format: 'ofac_sdn',
    urls: [
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV',
    ],
    files: ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'],
  },
  {
    dataset: 'ofac_cons',
    format: 'ofac_cons',
    urls: [
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV',
      'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_COMMENTS.CSV',
    ],
    files: ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'],
  },
  {
    dataset: 'un_sc',
    format: 'un_sc',
    urls: ['https://scsanctions.un.org/resources/xml/en/consolidated.xml'],
    files: ['consolidated.xml'],
  },
  {
    dataset: 'bis_dpl',
    format: 'bis_dpl',
    urls: ['https://www.bis.doc.gov/dpl/dpl.txt'],
    files: ['dpl.txt'],
  },
];

export interface ConfigOverrides {
  data?: string;
  databaseUrl?: string;
  port?: number | string;
  host?: string;
  configFile?: string;
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const file = readConfigFile(overrides.configFile ?? env.SEXTANT_CONFIG);
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? str(file, 'databaseUrl');
  const dataDir = resolve(overrides.data ?? env.SEXTANT_DATA ?? str(file, 'data') ?? DEFAULT_DATA_DIR);
  const port = toPort(overrides.port ?? env.SEXTANT_PORT ?? file.port ?? 7300);
  const host = overrides.host ?? env.SEXTANT_HOST ?? str(file, 'host') ?? '127.0.0.1';
  const db: DbTarget = databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir };
  const quarantineDir = resolve(env.SEXTANT_QUARANTINE ?? str(file, 'quarantine') ?? `${dataDir}-quarantine`);
  const listSources = file.listSources === undefined ? DEFAULT_LIST_SOURCES : parseListSources(file.listSources);
  const defaultAgency = env.SEXTANT_AGENCY ?? str(file, 'agency') ?? 'local';
  const governance = parseGovernance(file, defaultAgency, env);
  return {
    db,
    quarantineDir,
    host,
    port,
    bodyLimit: 10 * 1024 * 1024,
    defaultAgency,
    logLevel: env.SEXTANT_LOG_LEVEL ?? str(file, 'logLevel') ?? 'info',
    listSources,
    governance,
  };
}

function readConfigFile(path: string | undefined): Record<string, unknown> {
  const candidate = path ?? 'sextant.config.json';
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch (err) {
    if (path === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SextantError('config_invalid', `cannot read config file ${candidate}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new SextantError('config_invalid', `config file ${candidate} is not valid: ${(err as Error).message}`);
  }
}

function str(file: Record<string, unknown>, key: string): string | undefined {
  const v = file[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SextantError('config_invalid', `config setting ${key} must be a string`);
  return v;
}

function toPort(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new SextantError('config_invalid', `port must be a whole number from 0 to 65535, got ${JSON.stringify(v)}`);
  }
  return n;
}

function parseListSources(v: unknown): ListSource[] {
  if (!Array.isArray(v)) throw new SextantError('config_invalid', 'config setting listSources must be an array');
  return v.map((s, i) => {
    const o = s as Partial<ListSource>;
    const ok =
      typeof o?.dataset === 'string' &&
      typeof o.format === 'string' &&
      Array.isArray(o.urls) &&
      Array.isArray(o.files) &&
      o.urls.length === o.files.length &&
      o.urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u)) &&
      o.files.every((f) => typeof f === 'string' && /^[A-Za-z0-9._-]+$/.test(f));
    if (!ok) {
      throw new SextantError(
        'config_invalid',
        `config setting listSources[${i}] needs dataset, format, and urls (http/https) with a plain file name for each in files`,
      );
    }
    return o as ListSource;
  });
}

function strList(file: Record<string, unknown>, key: string, pattern: RegExp): string[] | undefined {
  const v = file[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && pattern.test(x))) {
    throw new SextantError('config_invalid', `config setting ${key} must be a non-empty array of strings matching ${pattern}`);
  }
  return [...new Set(v as string[])];
}

function num(file: Record<string, unknown>, key: string, def: number, min: number, max: number): number {
  const v = file[key] ?? def;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new SextantError('config_invalid', `config setting ${key} must be a number from ${min} to ${max}`);
  }
  return v;
}

function parseGovernance(file: Record<string, unknown>, agencyId: string, env: NodeJS.ProcessEnv): GovernanceConfig {
  if (!AGENCY_ID.test(agencyId)) {
    throw new SextantError('config_invalid', `agency id "${agencyId}" must be lower-case letters, digits and dashes (2–63 characters)`);
  }
  const levels = strList(file, 'classificationLevels', /^[A-Z][A-Z0-9_ ]{0,31}$/) ?? [...DEFAULT_LEVELS];
  const purposes = strList(file, 'purposes', PURPOSE_TAG) ?? DEFAULT_PURPOSES;
  const defaultPurpose = str(file, 'defaultPurpose') ?? purposes[0]!;
  if (!purposes.includes(defaultPurpose)) throw new SextantError('config_invalid', `config setting defaultPurpose must be one of purposes (${purposes.join(', ')})`);
  const country = (env.SEXTANT_AGENCY_COUNTRY ?? str(file, 'agencyCountry') ?? 'ZZ').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new SextantError('config_invalid', 'config setting agencyCountry must be an ISO 3166 alpha-2 code');
  return {
    levels,
    purposes,
    defaultPurpose,
    agency: {
      id: agencyId,
      name: str(file, 'agencyName') ?? 'Local agency',
      country,
      sector: str(file, 'agencySector') ?? 'sanctions_authority',
    },
    operator: env.SEXTANT_OPERATOR ?? str(file, 'operator') ?? 'admin',
    auth: {
      maxFailures: num(file, 'loginMaxFailures', 5, 1, 100),
      lockMinutes: num(file, 'loginLockMinutes', 15, 1, 24 * 60),
      sessionHours: num(file, 'sessionHours', 8, 0.1, 24 * 30),
      tokenMaxDays: num(file, 'tokenMaxDays', 365, 1, 3650),
      secureCookies: file.secureCookies === true || env.SEXTANT_SECURE_COOKIES === '1',
    },
  };
}
