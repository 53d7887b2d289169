import { createReadStream } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { addValues, newEntity, type FtmEntity } from '../model/entity.ts';
import { makeId } from '../model/ids.ts';
import {
  addCountry,
  addDate,
  assertReadable,
  collapse,
  designation,
  headText,
  isoDate,
  joinParts,
  newSanction,
} from './shared.ts';
import type { ListMeta, Reader, ReaderInput, ReadItem, RejectItem } from './types.ts';

/**
 * The UN Security Council Consolidated List (XML, `<CONSOLIDATED_LIST>` with
 * `<INDIVIDUAL>` and `<ENTITY>` records). The file is streamed: each record is
 * cut out as a text chunk, with the line it starts on, and parsed on its own, so
 * memory stays flat, a malformed record rejects only itself, and a truncated
 * file yields every complete record before the cut and one reject for the rest.
 */

const AUTHORITY = 'United Nations Security Council';
const SOURCE_URL = 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list';

/** Repeated elements, always parsed as arrays. */
const ARRAY_TAGS = new Set([
  'VALUE',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'NOTE',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ARRAY_TAGS.has(name),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A record larger than this is not a UN record: it is rejected rather than buffered. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export const unScReader: Reader = {
  format: 'un_sc',
  description: 'UN Security Council Consolidated List (XML)',
  isList: true,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory || !/\.xml$/i.test(input.path)) return false;
    return headText(input).includes('<CONSOLIDATED_LIST');
  },
  async meta(input: ReaderInput): Promise<ListMeta> {
    const generated = /<CONSOLIDATED_LIST\b[^>]*\bdateGenerated\s*=\s*"([^"]*)"/.exec(headText(input));
    const versionDate = generated ? isoDate(generated[1]!.slice(0, 10)) : undefined;
    return { authority: AUTHORITY, sourceUrl: SOURCE_URL, ...(versionDate ? { versionDate } : {}) };
  },
  read(input: ReaderInput, ctx): AsyncIterable<ReadItem> {
    return readUn(input, ctx.dataset);
  },
};

async function* readUn(input: ReaderInput, dataset: string): AsyncGenerator<ReadItem> {
  await assertReadable(input);
  const file = input.path;
  const seen = new Map<string, number>();
  for await (const chunk of recordChunks(file)) {
    if (chunk.kind === 'reject') {
      yield chunk.reject;
      continue;
    }
    yield* parseRecord(file, chunk, dataset, seen);
  }
}

// ---------------------------------------------------------------------------
// Cutting the stream into records

interface RecordChunk {
  kind: 'record';
  tag: 'INDIVIDUAL' | 'ENTITY';
  /** The record's bytes as a latin1 string. */
  text: string;
  line: number;
}

type Chunk = RecordChunk | { kind: 'reject'; reject: RejectItem };

const OPEN_TAG = /<(INDIVIDUAL|ENTITY)(?=[\s>/])/g;
const OPEN_OR_CLOSE = /<\/(INDIVIDUAL|ENTITY)\s*>|<(INDIVIDUAL|ENTITY)(?=[\s>/])/g;
/** Longest partial tag that may straddle two stream chunks. */
const TAIL = 24;

function countLines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function dataIdOf(text: string): string | undefined {
  const m = /<DATAID>\s*([^<\s]+)\s*<\/DATAID>/.exec(text);
  return m ? m[1] : undefined;
}

function unclosed(file: string, tag: string, text: string, line: number, why: string): Chunk {
  const record = dataIdOf(text);
  return {
    kind: 'reject',
    reject: { kind: 'reject', file, line, field: tag, reason: `${why}: <${tag}> not closed`, ...(record ? { record } : {}) },
  };
}

/**
 * Scan the file for `<INDIVIDUAL>…</INDIVIDUAL>` and `<ENTITY>…</ENTITY>` chunks.
 * Only the record being cut (plus a short tail) is held in memory.
 */
async function* recordChunks(file: string): AsyncGenerator<Chunk> {
  let buf = '';
  /** Line number of buf[0]. */
  let bufLine = 1;
  let open: { tag: 'INDIVIDUAL' | 'ENTITY' } | null = null;
  /** Where to resume scanning in buf. */
  let scan = 0;
  let tail = '';

  // Scanned as latin1 (one char per byte, lossless): tags are ASCII, and each
  // record is decoded as UTF-8 on its own, so invalid bytes reject only their record.
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  for await (const bytes of stream as AsyncIterable<Buffer>) {
    const data = bytes.toString('latin1');
    buf += data;
    tail = (tail + data).slice(-64);
    for (;;) {
      if (!open) {
        OPEN_TAG.lastIndex = scan;
        const m = OPEN_TAG.exec(buf);
        if (!m) {
          // Drop what cannot hold a record start, keeping a possible partial tag.
          const keep = Math.max(0, buf.length - TAIL);
          bufLine += countLines(buf, 0, keep);
          buf = buf.slice(keep);
          scan = 0;
          break;
        }
        bufLine += countLines(buf, 0, m.index);
        buf = buf.slice(m.index);
        open = { tag: m[1] as 'INDIVIDUAL' | 'ENTITY' };
        scan = 1;
        continue;
      }
      OPEN_OR_CLOSE.lastIndex = scan;
      const m = OPEN_OR_CLOSE.exec(buf);
      if (!m) {
        if (buf.length > MAX_RECORD_CHARS) {
          yield unclosed(file, open.tag, buf, bufLine, `record longer than ${MAX_RECORD_CHARS} characters`);
          bufLine += countLines(buf, 0, buf.length - TAIL);
          buf = buf.slice(buf.length - TAIL);
          open = null;
          scan = 0;
          break;
        }
        scan = Math.max(1, buf.length - TAIL);
        break;
      }
      if (m[2] !== undefined) {
        // A new record starts before this one closed.
        yield unclosed(file, open.tag, buf.slice(0, m.index), bufLine, 'malformed XML');
        bufLine += countLines(buf, 0, m.index);
        buf = buf.slice(m.index);
        open = { tag: m[2] as 'INDIVIDUAL' | 'ENTITY' };
        scan = 1;
        continue;
      }
      const end = m.index + m[0].length;
      const text = buf.slice(0, end);
      yield { kind: 'record', tag: open.tag, text, line: bufLine };
      bufLine += countLines(text);
      buf = buf.slice(end);
      open = null;
      scan = 0;
    }
  }
  const lastLine = bufLine + countLines(buf);
  if (open) {
    yield unclosed(file, open.tag, buf, bufLine, 'truncated XML');
  } else if (!/<\/CONSOLIDATED_LIST\s*>\s*$/.test(tail)) {
    yield {
      kind: 'reject',
      reject: { kind: 'reject', file, line: lastLine, reason: 'truncated XML: </CONSOLIDATED_LIST> missing; the list may be incomplete' },
    };
  }
}

// ---------------------------------------------------------------------------
// One record

type XmlNode = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function nodes(parent: XmlNode, key: string): XmlNode[] {
  return asArray(parent[key]).filter((v): v is XmlNode => typeof v === 'object' && v !== null);
}

/** Text of a leaf (or of the `#text` of a mixed node), whitespace collapsed. */
function text(value: unknown): string {
  if (typeof value === 'string') return collapse(value);
  if (Array.isArray(value)) return collapse(value.map(text).join(' '));
  if (typeof value === 'object' && value !== null && '#text' in value) return text((value as XmlNode)['#text']);
  return '';
}

function field(node: XmlNode, key: string): string {
  return text(node[key]);
}

/** The `<VALUE>` children of `<KEY>` (NATIONALITY, TITLE, DESIGNATION, …). */
function values(node: XmlNode, key: string): string[] {
  return nodes(node, key)
    .flatMap((n) => asArray(n.VALUE).map(text))
    .filter((v) => v !== '');
}

function notesOf(node: XmlNode): string[] {
  return asArray(node.NOTE)
    .map(text)
    .filter((v) => v !== '');
}

function* parseRecord(file: string, chunk: RecordChunk, dataset: string, seen: Map<string, number>): Generator<ReadItem> {
  const { line, tag } = chunk;
  const fallbackId = dataIdOf(chunk.text);
  const reject = (reason: string, fieldName?: string): RejectItem => ({
    kind: 'reject',
    file,
    line,
    reason,
    ...(fieldName ? { field: fieldName } : {}),
    ...(fallbackId ? { record: fallbackId } : {}),
  });
  let xml: string;
  try {
    xml = utf8.decode(Buffer.from(chunk.text, 'latin1'));
  } catch {
    yield reject('invalid UTF-8 in record');
    return;
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    yield reject(`malformed XML at line ${line + Math.max(0, valid.err.line - 1)}: ${valid.err.msg}`);
    return;
  }
  let node: XmlNode;
  try {
    const parsed = parser.parse(xml) as XmlNode;
    node = (parsed[tag] ?? {}) as XmlNode;
    if (typeof node !== 'object' || node === null) node = {};
  } catch (err) {
    yield reject(`malformed XML: ${(err as Error).message}`);
    return;
  }

  const dataId = field(node, 'DATAID');
  const reference = field(node, 'REFERENCE_NUMBER');
  const key = reference || dataId;
  if (!key) {
    yield reject('record has neither REFERENCE_NUMBER nor DATAID', 'REFERENCE_NUMBER');
    return;
  }
  const first = seen.get(key);
  if (first !== undefined) {
    yield reject(`duplicate record ${key} (first at line ${first})`, reference ? 'REFERENCE_NUMBER' : 'DATAID');
    return;
  }
  const nameParts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => field(node, k));
  const name = joinParts(nameParts, ' ');
  if (!name) {
    yield reject('record has no name', 'FIRST_NAME');
    return;
  }
  seen.set(key, line);

  const schema = tag === 'INDIVIDUAL' ? 'Person' : 'Organization';
  const entity = newEntity(makeId(dataset, key), schema);
  addValues(entity, 'name', name);
  if (schema === 'Person') applyNameParts(entity, nameParts, reference);
  addValues(entity, 'alias', field(node, 'NAME_ORIGINAL_SCRIPT'));
  const comments = field(node, 'COMMENTS1');
  addValues(entity, 'notes', comments);

  for (const alias of [...nodes(node, 'INDIVIDUAL_ALIAS'), ...nodes(node, 'ENTITY_ALIAS')]) applyAlias(entity, alias);
  for (const address of [...nodes(node, 'INDIVIDUAL_ADDRESS'), ...nodes(node, 'ENTITY_ADDRESS')]) applyAddress(entity, address);
  if (schema === 'Person') {
    for (const nationality of values(node, 'NATIONALITY')) {
      addCountry(entity, 'nationality', nationality, { prop: 'notes', label: 'Nationality' });
    }
    addValues(entity, 'title', ...values(node, 'TITLE'));
    addValues(entity, 'position', ...values(node, 'DESIGNATION'));
    addValues(entity, 'gender', field(node, 'GENDER').toLowerCase());
    for (const dob of nodes(node, 'INDIVIDUAL_DATE_OF_BIRTH')) applyBirthDate(entity, dob);
    for (const pob of nodes(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) applyBirthPlace(entity, pob);
    for (const doc of nodes(node, 'INDIVIDUAL_DOCUMENT')) applyDocument(entity, doc);
  }

  const updates = values(node, 'LAST_DAY_UPDATED')
    .map((v) => isoDate(v))
    .filter((v): v is string => v !== undefined)
    .sort();
  const listedOn = field(node, 'LISTED_ON');
  const listingDate = isoDate(listedOn);
  const sanction = newSanction(dataset, [key], entity.id, {
    authority: AUTHORITY,
    program: [field(node, 'UN_LIST_TYPE')],
    authorityId: reference,
    unscId: reference,
    ...(listingDate ? { listingDate } : {}),
    ...(updates.length > 0 ? { modifiedAt: updates[updates.length - 1]! } : {}),
    reason: comments,
    ...(listedOn && !listingDate ? { description: [`Listed on: ${listedOn}`] } : {}),
    sourceUrl: SOURCE_URL,
  });
  yield* designation(file, line, dataId || key, entity, sanction);
}

/**
 * FIRST_NAME … FOURTH_NAME are positional. The first is the given name and the
 * last one present the family name, except on the DPRK list (KP…), whose
 * two-part names are written family name first (`RI` `HONG-SOP`).
 */
function applyNameParts(entity: FtmEntity, parts: string[], reference: string): void {
  const present = parts.map((p, i) => ({ p, i })).filter((x) => x.p !== '');
  if (present.length === 0) return;
  if (present.length === 1) {
    addValues(entity, 'firstName', present[0]!.p);
    return;
  }
  if (/^KP/i.test(reference) && present.length === 2) {
    addValues(entity, 'lastName', present[0]!.p);
    addValues(entity, 'firstName', present[1]!.p);
    return;
  }
  const last = present[present.length - 1]!;
  for (const { p, i } of present) {
    if (i === last.i) addValues(entity, 'lastName', p);
    else if (i === 0) addValues(entity, 'firstName', p);
    else if (i === 1) addValues(entity, 'secondName', p);
    else addValues(entity, 'middleName', p);
  }
}

const ALIAS_PROP: Record<string, string> = { good: 'alias', 'a.k.a.': 'alias', low: 'weakAlias', 'f.k.a.': 'previousName' };

function applyAlias(entity: FtmEntity, alias: XmlNode): void {
  const name = field(alias, 'ALIAS_NAME');
  if (!name) return;
  const quality = field(alias, 'QUALITY');
  const prop = ALIAS_PROP[quality.toLowerCase()];
  // The UN sometimes lists several spellings in one alias, joined by "; ": each is a name of its own.
  for (const one of name.split(/\s*;\s*/).filter(Boolean)) addValues(entity, prop ?? 'alias', one);
  if (!prop && quality) addValues(entity, 'notes', `Alias "${name}": quality ${quality}`);
  // Individual aliases may carry the birth data the person used under that name.
  if (entity.schema === 'Person') {
    addDate(entity, 'birthDate', field(alias, 'DATE_OF_BIRTH'), isoDate, 'notes', `Date of birth (alias "${name}")`);
    const city = field(alias, 'CITY_OF_BIRTH');
    const country = field(alias, 'COUNTRY_OF_BIRTH');
    addValues(entity, 'birthPlace', joinParts([city, country]));
    addCountry(entity, 'birthCountry', country);
  }
  for (const note of notesOf(alias)) addValues(entity, 'notes', `Alias "${name}": ${note}`);
}

function applyAddress(entity: FtmEntity, address: XmlNode): void {
  const parts = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE'].map((k) => field(address, k));
  const country = field(address, 'COUNTRY');
  const placed = addCountry(entity, 'country', country);
  const full = joinParts([...parts, country]);
  // A bare country is fully kept by `country`; anything more (or an unknown country) is an address.
  if (parts.some((p) => p !== '') || (country && !placed)) addValues(entity, 'address', full);
  for (const note of notesOf(address)) addValues(entity, 'notes', full ? `Address (${full}): ${note}` : `Address: ${note}`);
}

function applyBirthDate(entity: FtmEntity, dob: XmlNode): void {
  const type = field(dob, 'TYPE_OF_DATE').toUpperCase();
  const date = field(dob, 'DATE');
  const year = field(dob, 'YEAR');
  const from = field(dob, 'FROM_YEAR');
  const to = field(dob, 'TO_YEAR');
  addDate(entity, 'birthDate', date, isoDate, 'notes', 'Date of birth');
  addDate(entity, 'birthDate', year, isoDate, 'notes', 'Year of birth');
  if (from || to) {
    const a = isoDate(from);
    const b = isoDate(to);
    if (a && b && /^\d{4}$/.test(a) && /^\d{4}$/.test(b) && Number(a) <= Number(b) && Number(b) - Number(a) <= 20) {
      for (let y = Number(a); y <= Number(b); y++) addValues(entity, 'birthDate', String(y));
    } else {
      addDate(entity, 'birthDate', from, isoDate, 'notes', 'Born from');
      addDate(entity, 'birthDate', to, isoDate, 'notes', 'Born until');
    }
  }
  const which = joinParts([date, year, from || to ? `${from || '?'}-${to || '?'}` : ''], ' ');
  for (const note of notesOf(dob)) {
    // "Nov. 1973" in a note of an otherwise empty EXACT date is the date itself;
    // "Sep." beside YEAR 1958 is its month.
    const asDate = which === '' ? isoDate(note) : year && !date ? isoDate(`${note} ${year}`) : undefined;
    if (asDate) addValues(entity, 'birthDate', asDate);
    else addValues(entity, 'notes', `Date of birth${which ? ` ${which}` : ''}${type ? ` (${type.toLowerCase()})` : ''}: ${note}`);
  }
}

function applyBirthPlace(entity: FtmEntity, pob: XmlNode): void {
  const country = field(pob, 'COUNTRY');
  const place = joinParts(['STREET', 'CITY', 'STATE_PROVINCE'].map((k) => field(pob, k)).concat(country));
  const notes = notesOf(pob);
  addValues(entity, 'birthPlace', place && notes.length > 0 ? `${place} (${notes.join('; ')})` : place || notes.join('; '));
  addCountry(entity, 'birthCountry', country);
}

const PASSPORT = /passport|passeport|pasaporte/i;

function applyDocument(entity: FtmEntity, doc: XmlNode): void {
  const type = field(doc, 'TYPE_OF_DOCUMENT');
  const type2 = field(doc, 'TYPE_OF_DOCUMENT2');
  const number = field(doc, 'NUMBER');
  const label = joinParts([type, type2], ' / ') || 'Document';
  if (number) addValues(entity, PASSPORT.test(type) || PASSPORT.test(type2) ? 'passportNumber' : 'idNumber', number);
  const countries = [field(doc, 'ISSUING_COUNTRY'), field(doc, 'COUNTRY_OF_ISSUE')].filter((c, i, all) => c && all.indexOf(c) === i);
  const details: string[] = [];
  for (const c of countries) details.push(`country: ${c}`);
  const city = field(doc, 'CITY_OF_ISSUE');
  if (city) details.push(`issued in: ${city}`);
  const issued = field(doc, 'DATE_OF_ISSUE');
  if (issued) details.push(`issued on: ${isoDate(issued) ?? issued}`);
  details.push(...notesOf(doc));
  if (!number && details.length === 0 && !type && !type2) return;
  addValues(entity, 'notes', `${label}${number ? ` ${number}` : ''}${details.length > 0 ? ` (${details.join('; ')})` : ''}`);
}
