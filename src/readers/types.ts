import type { FtmEntity } from '../model/entity.ts';
import type { SextantEvent } from '../model/events.ts';

/**
 * The contract every reader fulfils. A reader turns one input (a file, or a
 * directory holding a multi-file set such as OFAC's) into a stream of items:
 * entities in raw FtM form (values as written in the source; the model
 * normalises and validates them afterwards), events (payments, declarations,
 * positions: already normalised and checked by their reader, one per record),
 * or rejections naming file, line and field. A reader never throws for bad
 * content: it rejects the record and goes on. It only throws when the input
 * cannot be opened at all (SextantError 'io_error'), or when an event file's
 * header lacks a required column ('validation_failed': no record of it could be read).
 */
export interface ReadContext {
  /** Dataset name the records are ingested under; readers build ids with makeId(dataset, key). */
  dataset: string;
  /**
   * When the input was received (ISO 8601 UTC), for records that carry no full
   * time of their own: AIS NMEA sentences without tag block or timestamp prefix.
   */
  receivedAt?: string;
}

export interface EntityItem {
  kind: 'entity';
  entity: FtmEntity;
  /** File the record came from (path as given). */
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /** Source record id (e.g. SDN ent_num, UN DATAID, FtM id, DPL row number). */
  record: string;
}

export interface RejectItem {
  kind: 'reject';
  file: string;
  line: number;
  /** Field or column at fault, when one can be named. */
  field?: string;
  reason: string;
  record?: string;
}

/** A value an event reader dropped while keeping its record (a bad check digit, an unknown country). */
export interface ValueIssue {
  field: string;
  reason: string;
  /** The value as written. */
  value: string;
}

export interface EventItem {
  kind: 'event';
  event: SextantEvent;
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /** Source record id, stored with the event (txn_id, declaration_id, the line of an AIS report). */
  record: string;
  /** Values refused while the event was kept. */
  issues: ValueIssue[];
}

/**
 * A record read and accepted that stores nothing by itself: an AIS static
 * report, whose values the reader joins onto the vessel's later positions.
 * Ingest counts it as an accepted record; its issues are reported like an event's.
 */
export interface AcceptedItem {
  kind: 'accepted';
  file: string;
  line: number;
  record: string;
  /** What the record was and what became of it. */
  note: string;
  /** Values refused while the record was kept. */
  issues: ValueIssue[];
}

export type ReadItem = EntityItem | EventItem | RejectItem | AcceptedItem;

/** What a reader can tell about the list it reads, beyond the records. */
export interface ListMeta {
  /** Issuing authority, e.g. "US Treasury OFAC". */
  authority: string;
  /** ISO date the publisher gives the list, when the file says so. */
  versionDate?: string;
  /** Publisher's URL for the list. */
  sourceUrl?: string;
}

export interface ReaderInput {
  /** The path as given by the user. */
  path: string;
  isDirectory: boolean;
  /** For a directory: the file names (not paths) it holds. */
  files: string[];
  /** For a file: its first bytes (up to 64 KiB), for sniffing. */
  head: Buffer;
}

export interface Reader {
  /** Stable format name accepted by `sextant ingest --format`. */
  format: string;
  description: string;
  /** True when the input is a designation list (each ingest becomes a list version). */
  isList: boolean;
  /** True when the reader yields events, exactly one item (event, rejection, or an accepted record that is not an event) per record. */
  events?: boolean;
  /** Recognise the input from its name and first bytes. */
  detect(input: ReaderInput): boolean;
  read(input: ReaderInput, ctx: ReadContext): AsyncIterable<ReadItem>;
  /** List metadata (authority, version date), for list readers. Cheap: reads the head or a small file. */
  meta?(input: ReaderInput): Promise<ListMeta>;
}
