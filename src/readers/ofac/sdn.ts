import { constants as fsConstants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SextantError } from '../../errors.ts';
import { addValues, newEntity, type FtmEntity } from '../../model/entity.ts';
import { makeId } from '../../model/ids.ts';
import { readCsv, type CsvOptions } from '../csv.ts';
import type { ListMeta, ReadContext, ReadItem, Reader, ReaderInput, RejectItem } from '../types.ts';
import { applyRemarks, parseRemarks, putValue, type RemarkClause } from './remarks.ts';

/**
 * OFAC's CSV list sets: the SDN list (sdn.csv + alt.csv + add.csv + sdn_comments.csv)
 * and the consolidated non-SDN list (cons_prim.csv + cons_alt.csv + cons_add.csv +
 * cons_comments.csv). Same layout, different file names: one implementation,
 * parameterised by the file set.
 *
 * The side files (aliases, addresses, remarks continuations) are small: they
 * are loaded into maps keyed by ent_num first, then the primary file is
 * streamed and each row becomes its designated entity followed by its Sanction.
 */

export interface OfacFileSet {
  format: string;
  description: string;
  primary: string;
  alt: string;
  add: string;
  comments: string;
  sourceUrl: string;
}

export const OFAC_SDN_FILES: OfacFileSet = {
  format: 'ofac_sdn',
  description: 'US Treasury OFAC Specially Designated Nationals list (sdn.csv with alt.csv, add.csv, sdn_comments.csv)',
  primary: 'sdn.csv',
  alt: 'alt.csv',
  add: 'add.csv',
  comments: 'sdn_comments.csv',
  sourceUrl: 'https://sanctionslist.ofac.treas.gov/Home/SdnList',
};

export const OFAC_CONS_FILES: OfacFileSet = {
  format: 'ofac_cons',
  description: 'US Treasury OFAC Consolidated (non-SDN) list (cons_prim.csv with cons_alt.csv, cons_add.csv, cons_comments.csv)',
  primary: 'cons_prim.csv',
  alt: 'cons_alt.csv',
  add: 'cons_add.csv',
  comments: 'cons_comments.csv',
  sourceUrl: 'https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList',
};

const AUTHORITY = 'US Treasury OFAC';
const SANCTION_AUTHORITY = 'Office of Foreign Assets Control';
/** OFAC cuts the Remarks column at this length; the rest is in the comments file. */
const REMARKS_LIMIT = 1000;

const PRIMARY_COLUMNS = [
  'ent_num', 'SDN_Name', 'SDN_Type', 'Program', 'Title', 'Call_Sign',
  'Vess_type', 'Tonnage', 'GRT', 'Vess_flag', 'Vess_owner', 'Remarks',
] as const;
const ALT_COLUMNS = ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'] as const;
const ADD_COLUMNS = ['ent_num', 'add_num', 'address', 'city_state_postal', 'country', 'add_remarks'] as const;
const COMMENT_COLUMNS = ['ent_num', 'remarks_continued'] as const;

const SCHEMA_BY_TYPE: Record<string, string> = {
  '': 'Organization',
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
};

/** Counters a caller can pass to `readOfacSet` to see what was attached and what fell to notes. */
export interface OfacReadStats {
  rows: number;
  entities: number;
  sanctions: number;
  rejects: number;
  altRows: number;
  altAttached: number;
  /** a.k.a./f.k.a./n.k.a. names found in remarks and added as alias/previousName. */
  remarkAliases: number;
  addRows: number;
  addAttached: number;
  commentRows: number;
  commentsAttached: number;
  /** Remarks whose last clause was cut by the 1,000-character limit with no continuation. */
  truncatedRemarks: number;
  remarkClauses: number;
  structuredClauses: number;
  /** Clauses kept only in notes, by clause kind. */
  notesOnlyByKind: Map<string, number>;
  /** The subset of notesOnlyByKind that no rule recognised. */
  unrecognizedByKind: Map<string, number>;
}

export function newOfacStats(): OfacReadStats {
  return {
    rows: 0, entities: 0, sanctions: 0, rejects: 0,
    altRows: 0, altAttached: 0, remarkAliases: 0,
    addRows: 0, addAttached: 0, commentRows: 0, commentsAttached: 0,
    truncatedRemarks: 0, remarkClauses: 0, structuredClauses: 0,
    notesOnlyByKind: new Map(), unrecognizedByKind: new Map(),
  };
}

interface SideRow {
  line: number;
  fields: string[];
}

interface LocatedFiles {
  primary: string;
  alt?: string;
  add?: string;
  comments?: string;
}

function findName(names: string[], wanted: string): string | undefined {
  return names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted);
}

/** The primary file and whichever side files exist, for a directory or a primary-file input. */
async function locate(set: OfacFileSet, input: ReaderInput): Promise<LocatedFiles> {
  let dir: string;
  let names: string[];
  let primary: string;
  if (input.isDirectory) {
    dir = input.path;
    names = input.files;
    const name = findName(names, set.primary);
    if (!name) throw new SextantError('io_error', `${set.primary} not found in ${input.path}`, { path: input.path });
    primary = join(dir, name);
  } else {
    primary = input.path;
    dir = dirname(input.path);
    try {
      names = await readdir(dir);
    } catch {
      names = [];
    }
  }
  try {
    await access(primary, fsConstants.R_OK);
    if ((await stat(primary)).isDirectory()) throw new Error('is a directory');
  } catch (err) {
    throw new SextantError('io_error', `cannot open ${primary}: ${(err as Error).message}`, { path: primary }, { cause: err });
  }
  const out: LocatedFiles = { primary };
  for (const key of ['alt', 'add', 'comments'] as const) {
    const name = findName(names, set[key]);
    if (name) out[key] = join(dir, name);
  }
  return out;
}

async function* csvRows(path: string, options: CsvOptions) {
  try {
    yield* readCsv(path, options);
  } catch (err) {
    if (err instanceof SextantError) throw err;
    throw new SextantError('io_error', `cannot read ${path}: ${(err as Error).message}`, { path }, { cause: err });
  }
}

function columnName(columns: readonly string[], field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const idx = Number(field);
  return Number.isInteger(idx) && idx >= 1 && idx <= columns.length ? columns[idx - 1] : field;
}

function reject(file: string, line: number, reason: string, field?: string, record?: string): RejectItem {
  const item: RejectItem = { kind: 'reject', file, line, reason };
  if (field !== undefined) item.field = field;
  if (record !== undefined && record !== '') item.record = record;
  return item;
}

/** Load a side file into a map keyed by ent_num; bad rows become rejects. */
async function loadSide(
  path: string,
  columns: readonly string[],
  rejects: RejectItem[],
  options: CsvOptions,
): Promise<{ map: Map<string, SideRow[]>; rows: number }> {
  const map = new Map<string, SideRow[]>();
  let rows = 0;
  for await (const item of csvRows(path, options)) {
    if (item.kind === 'problem') {
      rejects.push(reject(path, item.line, item.reason, columnName(columns, item.field)));
      continue;
    }
    const entNum = (item.fields[0] ?? '').trim();
    if (item.fields.length !== columns.length) {
      rejects.push(reject(path, item.line, `expected ${columns.length} columns, found ${item.fields.length}`, undefined, entNum));
      continue;
    }
    if (!/^\d+$/.test(entNum)) {
      rejects.push(reject(path, item.line, entNum === '' ? 'missing ent_num' : `ent_num is not a number: ${entNum}`, 'ent_num', entNum));
      continue;
    }
    rows++;
    const list = map.get(entNum);
    if (list) list.push({ line: item.line, fields: item.fields });
    else map.set(entNum, [{ line: item.line, fields: item.fields }]);
  }
  return { map, rows };
}

/** "SDGT] [IFSR" → ["SDGT", "IFSR"]. */
export function splitPrograms(text: string): string[] {
  return text
    .split(/\]\s*\[/)
    .map((p) => p.replace(/^[\s[]+|[\s\]]+$/g, ''))
    .filter((p) => p !== '');
}

/** "1,234" → "1234"; undefined when not a number. */
function toNumber(text: string): string | undefined {
  const t = text.replace(/,/g, '').trim();
  return /^\d+(?:\.\d+)?$/.test(t) ? t : undefined;
}

const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV|V)\.?$/i;

/** Put a value on a property the schema has, or keep it as a labelled note. */
function putOrNote(entity: FtmEntity, prop: string, value: string, label: string): void {
  if (value === '') return;
  if (!putValue(entity, prop, value)) addValues(entity, 'notes', `${label}: ${value}`);
}

function setNames(entity: FtmEntity, name: string): void {
  addValues(entity, 'name', name);
  if (entity.schema !== 'Person') return;
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length < 2 || parts[0] === '' || parts[1] === '') return;
  const rest = parts.slice(2);
  if (!rest.every((p) => NAME_SUFFIX.test(p))) return; // an unusual shape: keep the name as written only
  addValues(entity, 'lastName', parts[0]);
  addValues(entity, 'firstName', parts[1]);
  addValues(entity, 'nameSuffix', ...rest);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Read one OFAC file set. Yields each designated entity followed by its
 * Sanction, and rejects for rows that cannot be used. Pass `stats` to receive
 * attachment and remarks counters.
 */
export async function* readOfacSet(
  set: OfacFileSet,
  input: ReaderInput,
  ctx: ReadContext,
  stats: OfacReadStats = newOfacStats(),
): AsyncGenerator<ReadItem> {
  const files = await locate(set, input);
  const sideRejects: RejectItem[] = [];
  const csvOptions: CsvOptions = { nullValues: ['-0-'] };
  // Remarks and their continuation are joined as written: trimming either half
  // would glue words together at the 1,000-character cut.
  const rawOptions: CsvOptions = { nullValues: ['-0-'], trim: false };

  const empty = { map: new Map<string, SideRow[]>(), rows: 0 };
  const alts = files.alt ? await loadSide(files.alt, ALT_COLUMNS, sideRejects, csvOptions) : empty;
  const adds = files.add ? await loadSide(files.add, ADD_COLUMNS, sideRejects, csvOptions) : empty;
  const comments = files.comments ? await loadSide(files.comments, COMMENT_COLUMNS, sideRejects, rawOptions) : empty;
  stats.altRows += alts.rows;
  stats.addRows += adds.rows;
  stats.commentRows += comments.rows;
  for (const r of sideRejects) {
    stats.rejects++;
    yield r;
  }

  const primary = files.primary;
  const seen = new Set<string>();
  const rejected = new Set<string>();

  for await (const item of csvRows(primary, rawOptions)) {
    if (item.kind === 'problem') {
      stats.rejects++;
      yield reject(primary, item.line, item.reason, columnName(PRIMARY_COLUMNS, item.field));
      continue;
    }
    stats.rows++;
    const raw = item.fields;
    const entNum = (raw[0] ?? '').trim();
    const fail = (reason: string, field?: string): RejectItem => {
      stats.rejects++;
      if (entNum !== '') rejected.add(entNum);
      return reject(primary, item.line, reason, field, entNum);
    };
    if (raw.length !== PRIMARY_COLUMNS.length) {
      yield fail(`expected ${PRIMARY_COLUMNS.length} columns, found ${raw.length}`);
      continue;
    }
    const f = raw.map((v) => v.trim());
    const [, name, sdnType, program, title, callSign, vessType, tonnage, grt, vessFlag, vessOwner] = f as [
      string, string, string, string, string, string, string, string, string, string, string, string,
    ];
    if (entNum === '') {
      yield fail('missing ent_num', 'ent_num');
      continue;
    }
    if (!/^\d+$/.test(entNum)) {
      yield fail(`ent_num is not a number: ${entNum}`, 'ent_num');
      continue;
    }
    if (seen.has(entNum)) {
      // Not added to `rejected`: the first row with this ent_num keeps its side rows.
      stats.rejects++;
      yield reject(primary, item.line, `duplicate ent_num ${entNum}`, 'ent_num', entNum);
      continue;
    }
    if (name === '') {
      yield fail('missing name', 'SDN_Name');
      continue;
    }
    const schema = SCHEMA_BY_TYPE[sdnType.toLowerCase()];
    if (!schema) {
      yield fail(`unknown SDN_Type: ${sdnType}`, 'SDN_Type');
      continue;
    }
    seen.add(entNum);

    const entity = newEntity(makeId(ctx.dataset, entNum), schema);
    setNames(entity, name);
    if (title !== '') putOrNote(entity, 'title', title, 'Title');
    putOrNote(entity, 'callSign', callSign, 'Call sign');
    putOrNote(entity, 'type', vessType, 'Vessel type');
    for (const [prop, value, label] of [
      ['tonnage', tonnage, 'Tonnage'],
      ['grossRegisteredTonnage', grt, 'GRT'],
    ] as const) {
      if (value === '') continue;
      const n = toNumber(value);
      if (n === undefined || !putValue(entity, prop, n)) addValues(entity, 'notes', `${label}: ${value}`);
    }
    putOrNote(entity, 'flag', vessFlag, 'Flag');
    if (vessOwner !== '') addValues(entity, 'notes', `Owner: ${vessOwner}`);

    // Aliases.
    for (const alt of alts.map.get(entNum) ?? []) {
      const [, , altType, altName, altRemarks] = alt.fields.map((v) => v.trim()) as [string, string, string, string, string];
      const type = altType.toLowerCase();
      const weak = /weak|low/i.test(altType) || /\b(?:weak|low quality)\b/i.test(altRemarks);
      const prop = weak ? 'weakAlias' : type === 'fka' ? 'previousName' : 'alias';
      if (altName === '') {
        stats.rejects++;
        yield reject(files.alt!, alt.line, 'missing alt_name', 'alt_name', entNum);
        continue;
      }
      addValues(entity, prop, altName);
      if (altRemarks !== '') addValues(entity, 'notes', `Alias ${altName}: ${altRemarks}`);
      stats.altAttached++;
    }
    alts.map.delete(entNum);

    // Addresses.
    for (const add of adds.map.get(entNum) ?? []) {
      const [, , street, cityLine, country, addRemarks] = add.fields.map((v) => v.trim()) as [
        string, string, string, string, string, string,
      ];
      const full = [street, cityLine, country].filter((p) => p !== '').join(', ');
      addValues(entity, 'address', full);
      // An unresolvable country stays in the address text (and in notes when there is no address).
      if (country !== '' && !putValue(entity, 'country', country) && full === '') addValues(entity, 'notes', `Country: ${country}`);
      if (addRemarks !== '') addValues(entity, 'notes', `Address ${full}: ${addRemarks}`);
      stats.addAttached++;
    }
    adds.map.delete(entNum);

    // Remarks, with their continuation.
    const rawRemarks = raw[11]!;
    const continuation = comments.map.get(entNum) ?? [];
    comments.map.delete(entNum);
    stats.commentsAttached += continuation.length;
    const remarks = (rawRemarks + continuation.map((c) => c.fields[1] ?? '').join('')).trim();
    let clauses: RemarkClause[] = [];
    if (remarks !== '') {
      const truncated = continuation.length === 0 && rawRemarks.trim().length >= REMARKS_LIMIT && !remarks.endsWith('.');
      if (truncated) stats.truncatedRemarks++;
      clauses = parseRemarks(remarks, { truncated });
      const applied = applyRemarks(entity, remarks, clauses);
      stats.remarkClauses += clauses.length;
      stats.structuredClauses += applied.structured.length;
      for (const c of applied.notesOnly) {
        bump(stats.notesOnlyByKind, c.kind);
        if (!c.recognized) bump(stats.unrecognizedByKind, c.kind);
      }
      stats.remarkAliases += applied.structured.reduce(
        (n, c) => n + c.values.filter((v) => v.props[0] === 'alias' || v.props[0] === 'previousName').length,
        0,
      );
    }

    const sanction = newEntity(makeId(ctx.dataset, entNum, 'sanction'), 'Sanction');
    addValues(sanction, 'entity', entity.id);
    addValues(sanction, 'authority', SANCTION_AUTHORITY);
    addValues(sanction, 'country', 'us');
    addValues(sanction, 'program', ...splitPrograms(program));
    addValues(sanction, 'authorityId', entNum);
    // The designation's remarks, as the list gives them (also the entity's notes, whose facts they carry).
    addValues(sanction, 'reason', remarks);
    addValues(sanction, 'sourceUrl', `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`);

    stats.entities++;
    stats.sanctions++;
    yield { kind: 'entity', entity, file: primary, line: item.line, record: entNum };
    yield { kind: 'entity', entity: sanction, file: primary, line: item.line, record: entNum };
  }

  // Side rows whose ent_num never appeared (or whose primary row was rejected).
  const leftovers: Array<[string, Map<string, SideRow[]>]> = [];
  if (files.alt) leftovers.push([files.alt, alts.map]);
  if (files.add) leftovers.push([files.add, adds.map]);
  if (files.comments) leftovers.push([files.comments, comments.map]);
  for (const [file, map] of leftovers) {
    const rows = [...map.entries()].flatMap(([ent, list]) => list.map((r) => ({ ent, line: r.line })));
    rows.sort((a, b) => a.line - b.line);
    for (const r of rows) {
      stats.rejects++;
      const reason = rejected.has(r.ent)
        ? `ent_num ${r.ent}: its ${set.primary} row was rejected`
        : `ent_num ${r.ent} is not in ${set.primary}`;
      yield reject(file, r.line, reason, 'ent_num', r.ent);
    }
  }
}

function looksLikeOfacCsv(head: Buffer): boolean {
  if (head.length === 0) return true;
  const text = head.subarray(0, 256).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*\d+\s*,/.test(text);
}

function makeOfacReader(set: OfacFileSet): Reader {
  return {
    format: set.format,
    description: set.description,
    isList: true,
    detect(input: ReaderInput): boolean {
      if (input.isDirectory) return findName(input.files, set.primary) !== undefined;
      return basename(input.path).toLowerCase() === set.primary && looksLikeOfacCsv(input.head);
    },
    read(input: ReaderInput, ctx: ReadContext): AsyncIterable<ReadItem> {
      return readOfacSet(set, input, ctx);
    },
    async meta(): Promise<ListMeta> {
      // The CSVs carry no publication date.
      return { authority: AUTHORITY, sourceUrl: set.sourceUrl };
    },
  };
}

export const ofacSdnReader: Reader = makeOfacReader(OFAC_SDN_FILES);
export const ofacConsReader: Reader = makeOfacReader(OFAC_CONS_FILES);
