import { stat } from 'node:fs/promises';
import { addValues, newEntity } from '../model/entity.ts';
import { makeId } from '../model/ids.ts';
import {
  addCountry,
  assertReadable,
  collapse,
  designation,
  headFirstLine,
  joinParts,
  newSanction,
  readKeyedTable,
  readTable,
  standardOrder,
  usDate,
  type TableRow,
} from './shared.ts';
import { today } from '../model/normalize/dates.ts';
import type { ListMeta, Reader, ReaderInput, ReadItem, RejectItem } from './types.ts';

/**
 * The US BIS Denied Persons List (`dpl.txt`): tab-separated, quoted, one header
 * row. Persons and firms are mixed with no type column, so every record is a
 * LegalEntity. There is no id column either: ids come from name + effective
 * date, extended with the address (and then the rest of the row) only for the
 * records that would otherwise collide — see RecordKeys.
 */

const AUTHORITY = 'US Bureau of Industry and Security';
const SOURCE_URL = 'https://www.bis.gov/dpl';
const PROGRAM = 'Denied Persons List';
const TABLE = { delimiter: '\t', quote: '"', trim: true, required: ['Name', 'Effective_Date'] };
/** meta() scans the file for its latest Last_Update only up to this size. */
const META_SCAN_LIMIT = 16 * 1024 * 1024;

export const bisDplReader: Reader = {
  format: 'bis_dpl',
  description: 'US BIS Denied Persons List (dpl.txt, tab-separated)',
  isList: true,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory) return false;
    return headFirstLine(input).replace(/"/g, '').startsWith('Name\tStreet_Address');
  },
  async meta(input: ReaderInput): Promise<ListMeta> {
    const meta: ListMeta = { authority: AUTHORITY, sourceUrl: SOURCE_URL };
    const versionDate = await latestUpdate(input);
    if (versionDate) meta.versionDate = versionDate;
    return meta;
  },
  read(input: ReaderInput, ctx): AsyncIterable<ReadItem> {
    return readDpl(input, ctx.dataset);
  },
};

/** The key levels of a row: name + effective date, then the address, then the rest. */
function keyLevels(row: TableRow): string[][] {
  const up = (col: string) => collapse(row.get(col)).toUpperCase();
  const effective = row.get('Effective_Date');
  return [
    [up('Name'), usDate(effective) ?? collapse(effective)],
    ['Street_Address', 'City', 'State', 'Country', 'Postal_Code'].map(up),
    ['Expiration_Date', 'Standard_Order', 'Last_Update', 'Action', 'FR_Citation'].map(up),
  ];
}

function checkRow(file: string, row: TableRow): RejectItem | undefined {
  if (collapse(row.get('Name')) === '') {
    return { kind: 'reject', file, line: row.line, field: 'Name', reason: 'empty name', record: String(row.row) };
  }
  return undefined;
}

async function* readDpl(input: ReaderInput, dataset: string): AsyncGenerator<ReadItem> {
  await assertReadable(input);
  const file = input.path;
  const now = today();
  for await (const item of readKeyedTable(file, TABLE, checkRow, keyLevels)) {
    if (item.kind === 'reject') {
      yield item;
      continue;
    }
    const { row, key: parts } = item;
    const entity = newEntity(makeId(dataset, ...parts), 'LegalEntity');
    addValues(entity, 'name', collapse(row.get('Name')));

    const street = row.get('Street_Address');
    const city = row.get('City');
    const region = joinParts([row.get('State'), row.get('Postal_Code')], ' ');
    const country = collapse(row.get('Country'));
    const placed = addCountry(entity, 'country', country);
    if (joinParts([street, city, region]) !== '' || (country && !placed)) {
      addValues(entity, 'address', joinParts([street, city, region, country]));
    }

    const description: string[] = [];
    const dateOf = (column: string): string | undefined => {
      const raw = collapse(row.get(column));
      if (raw === '') return undefined;
      const date = usDate(raw);
      if (date === undefined) description.push(`${column.replace(/_/g, ' ')} (as published): ${raw}`);
      return date;
    };
    const effective = dateOf('Effective_Date');
    const expiration = dateOf('Expiration_Date');
    let modifiedAt = dateOf('Last_Update');
    if (modifiedAt !== undefined && modifiedAt > now) {
      // "3017-08-22": a typo in the source; a last update cannot lie in the future.
      description.push(`Last update (as published, not a plausible date): ${collapse(row.get('Last_Update'))}`);
      modifiedAt = undefined;
    }
    const order = standardOrder(row.get('Standard_Order'));
    const sanction = newSanction(dataset, parts, entity.id, {
      authority: AUTHORITY,
      program: [PROGRAM],
      ...(effective ? { startDate: effective, listingDate: effective } : {}),
      ...(expiration ? { endDate: expiration } : {}),
      ...(modifiedAt ? { modifiedAt } : {}),
      reason: joinParts([row.get('Action'), row.get('FR_Citation')], '; '),
      ...(order ? { provisions: [order] } : {}),
      description,
      sourceUrl: SOURCE_URL,
    });
    yield* designation(file, row.line, String(row.row), entity, sanction);
  }
}

/** The latest plausible Last_Update of a small file, as the list's version date. */
async function latestUpdate(input: ReaderInput): Promise<string | undefined> {
  if (input.isDirectory) return undefined;
  try {
    if ((await stat(input.path)).size > META_SCAN_LIMIT) return undefined;
    const now = today();
    let latest: string | undefined;
    for await (const item of readTable(input.path, TABLE)) {
      if (item.kind !== 'row') continue;
      const date = usDate(item.get('Last_Update'));
      if (date !== undefined && date <= now && (latest === undefined || date > latest)) latest = date;
    }
    return latest;
  } catch {
    return undefined;
  }
}
