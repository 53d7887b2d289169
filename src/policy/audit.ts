import { createHash } from 'node:crypto';
import { SextantError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit-repository.ts';

/**
 * The tamper-evident audit log. Records are numbered 1, 2, 3, ... and chained:
 * each carries the hash of the one before it (the first carries GENESIS_HASH)
 * and its own hash over its content, so that changing, removing, inserting or
 * reordering records breaks the chain where it happened. Checkpoints (one every
 * `checkpointEvery` records, and on demand) pin the head's hash so that removing
 * the newest records shows too; an anchor kept outside the database does the
 * same against an attacker who also removes checkpoints. What the chain cannot
 * show: records appended at the end with correct hashes, after the last
 * checkpoint or anchor (there is no secret key), and a rewrite of every record
 * from some point on that also rewrites the checkpoints after it.
 *
 * The database refuses UPDATE and DELETE on audit_log (trigger
 * audit_log_no_update); verify() catches what someone who disabled it did.
 */

export interface AuditEntry {
  actor: string;
  agency: string | null;
  action: string;
  purpose?: string | null;
  details: Record<string, unknown>;
}

/** A record of the chain: the stored row (ISO 8601 UTC `at` with millisecond precision). */
export type AuditRecord = AuditRow;

export type ChainBreakKind = 'altered' | 'deleted' | 'inserted' | 'reordered' | 'checkpoint_mismatch' | 'truncated' | 'anchor_mismatch';

export interface ChainBreak {
  seq: number;
  kind: ChainBreakKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  checkpoints: number;
  head: { seq: number; hash: string } | null;
  firstBreak: ChainBreak | null;
  /** In seq order, at most MAX_REPORTED_BREAKS. */
  breaks: ChainBreak[];
  /**
   * Breaks found beyond those listed (0 when all are listed). When not 0 the
   * last listed break's message also ends with "(and N more breaks not listed)".
   */
  omittedBreaks: number;
}

/** Filters of an audit query (see AuditFilter): entity, actor, action(s), partner, agency, since, until, limit, offset. */
export type AuditQuery = AuditFilter;

export const GENESIS_HASH = '0'.repeat(64);

/** How many breaks a verification lists (the rest are counted in omittedBreaks). */
export const MAX_REPORTED_BREAKS = 100;
/** Records per query while verifying (keyset on seq: memory stays flat). */
const VERIFY_PAGE = 5000;

// ------------------------------------------------------------------ hashing

function canonical(value: unknown): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a bigint cannot be written as JSON');
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols: left out as JSON.stringify does
  }
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x) ?? 'null').join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o).sort()) {
    const c = canonical(o[k]);
    if (c !== undefined) parts.push(`${JSON.stringify(k)}:${c}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no
 * whitespace. jsonb reorders keys, so hashes are taken over this form: the same
 * value read back from the database gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

/** SHA-256 (hex) over the canonical JSON of the record's fields other than `hash`. */
export function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  const content = {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    agency: r.agency,
    action: r.action,
    purpose: r.purpose,
    details: r.details,
    prevHash: r.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

// ------------------------------------------------------------- verification

/** What the verifier remembers of a record it has read. */
interface RowInfo {
  seq: number;
  /** The seq its hash verifies under: its own when intact, another when renumbered or moved, null when its content was changed. */
  orig: number | null;
  hash: string;
}

const GENESIS_INFO: RowInfo = { seq: 0, orig: 0, hash: GENESIS_HASH };
/** Recent records kept to find what a record chains to (bounded: memory stays flat). */
const WINDOW = 10_000;
/** Renumbering by up to this many places is recognised from the record alone. */
const MAX_SHIFT = 32;
/** Breaks kept while reading (some are merged or reclassified later); beyond, only counted. */
const BREAKS_KEPT = 2 * MAX_REPORTED_BREAKS;
const PENDING_KEPT = 1000;

const hashAt = (r: AuditRecord, seq: number): string => recordHash({ ...r, seq });

/**
 * Reads a log in seq order, one record at a time, and names where the chain
 * breaks and how. Memory is bounded by WINDOW and the number of checkpoints.
 *
 * How breaks are named (seq is where the chain breaks):
 * - altered: a record's stored hash does not match its content (seq: that record);
 *   or a record does not carry the hash its successor chained to, i.e. it was
 *   changed and its hash recomputed or replaced outright (seq: that record).
 * - deleted: seq jumps (seq: the first missing one), or records were removed and
 *   the later ones renumbered (seq: where the first renumbered record now sits).
 * - inserted: records that do not belong between two that chain to each other
 *   (seq: the first of them, later ones renumbered); or a record that does not
 *   chain to a predecessor confirmed by a checkpoint or the anchor.
 * - reordered: a record holds content that belongs at another place in the chain
 *   (contents swapped or moved; seq: each such place).
 * - checkpoint_mismatch / anchor_mismatch: the record at the checkpoint's or
 *   anchor's seq has another hash, or is missing (seq: the checkpoint's/anchor's).
 * - truncated: a checkpoint or the anchor lies beyond the last record (seq: the
 *   first missing one).
 */
export class ChainVerifier {
  private prev: RowInfo = GENESIS_INFO;
  private readonly bySeq = new Map<number, RowInfo>();
  private readonly byHash = new Map<string, RowInfo>();
  private readonly chainBreaks = new Map<number, ChainBreak & { attributed?: boolean }>();
  private readonly pending = new Map<string, Array<{ seq: number; explain: (found: RowInfo) => string }>>();
  private pendingCount = 0;
  private overflow = 0;
  private records = 0;
  private head: { seq: number; hash: string } | null = null;
  private readonly cps: Map<number, string>;
  private readonly seenCps = new Set<number>();
  private anchorSeen = false;
  private readonly extra: ChainBreak[] = [];

  constructor(
    checkpoints: Array<{ seq: number; hash: string }>,
    private readonly anchor?: { seq: number; hash: string },
  ) {
    this.cps = new Map(checkpoints.map((c) => [c.seq, c.hash]));
  }

  push(r: AuditRecord): void {
    this.records++;
    const prev = this.prev;
    if (r.seq <= prev.seq) {
      // Only an in-memory list can do this (the table's seq is a primary key, read in order).
      this.addBreak(r.seq, r.seq === prev.seq ? 'inserted' : 'reordered', `record ${r.seq} is out of seq order (after ${prev.seq})`);
      return;
    }
    this.compareCheckpoint(r);
    const expected = prev.seq + 1;
    const gap = r.seq > expected;
    if (gap) {
      this.addBreak(expected, 'deleted', r.seq - 1 === expected ? `record ${expected} is missing` : `records ${expected}..${r.seq - 1} are missing`);
    }
    const loc = this.locate(r.prevHash);
    let orig: number | null = null;
    if (recordHash(r) === r.hash) orig = r.seq;
    else if (!this.saturated()) orig = this.originalSeq(r, loc);
    const info: RowInfo = { seq: r.seq, orig, hash: r.hash };
    const linked = r.prevHash === prev.hash;

    if (orig === null) {
      this.addBreak(r.seq, 'altered', `record ${r.seq} was changed: its content does not match its hash`);
      if (!loc) this.wait(r.prevHash, r.seq, (f) => `record ${r.seq} holds content that belongs after the record stored at seq ${f.seq}: records were swapped or moved`);
    } else if (orig === r.seq) {
      if (!linked && !gap) this.linkBreak(r, prev, loc);
    } else if (linked && prev.orig !== null && prev.orig === orig - 1) {
      // Continues a renumbering reported at its start.
    } else if (orig < r.seq) {
      // Intact content of record `orig`, now further down: records were inserted before it, or moved.
      if (loc && loc.seq < r.seq && loc.orig !== null && loc.orig + 1 === orig) {
        const first = this.bySeq.get(loc.seq + 1);
        if (first && first.orig === first.seq) this.inserted(loc.seq + 1, r.seq - 1, orig);
        else this.addBreak(r.seq, 'reordered', `record ${r.seq} holds the content of record ${orig}: records were swapped or moved`);
      } else {
        this.addBreak(r.seq, 'reordered', `record ${r.seq} holds the content of record ${orig}: records were swapped or moved`);
      }
    } else if (loc) {
      this.addBreak(r.seq, 'reordered', `record ${r.seq} holds the content of record ${orig}: records were swapped or moved`);
    } else {
      // Intact content of record `orig`, now further up, and what it chained to is gone: records removed and the rest renumbered.
      const from = prev.orig !== null ? prev.orig + 1 : null;
      const missing = from === null ? 'records' : from === orig - 1 ? `record ${from}` : `records ${from}..${orig - 1}`;
      this.addBreak(r.seq, 'deleted', `${missing} (original numbering) are missing; the records after them were renumbered from seq ${r.seq}`);
      this.wait(r.prevHash, r.seq, (f) => `record ${r.seq} holds the content of record ${orig}, whose predecessor is stored at seq ${f.seq}: records were swapped or moved`);
    }

    this.remember(info);
    this.resolve(info);
    this.prev = info;
    this.head = { seq: r.seq, hash: r.hash };
  }

  finish(): AuditVerification {
    const headSeq = this.head?.seq ?? 0;
    let beyond = 0;
    for (const [seq] of [...this.cps].sort((a, b) => a[0] - b[0])) {
      if (seq > headSeq) beyond = Math.max(beyond, seq);
      else if (!this.seenCps.has(seq)) {
        this.extra.push({ seq, kind: 'checkpoint_mismatch', message: `a checkpoint pins seq ${seq} but there is no record ${seq}` });
      }
    }
    if (beyond > 0) {
      this.extra.push({
        seq: headSeq + 1,
        kind: 'truncated',
        message: `the log ends at seq ${headSeq} but a checkpoint pins seq ${beyond}: records ${headSeq + 1}..${beyond} at least were removed`,
      });
    }
    const a = this.anchor;
    if (a) {
      if (a.seq === 0) {
        if (a.hash !== GENESIS_HASH) this.extra.push({ seq: 0, kind: 'anchor_mismatch', message: `the anchor at seq 0 is not the genesis hash` });
      } else if (a.seq > headSeq) {
        this.extra.push({
          seq: headSeq + 1,
          kind: 'truncated',
          message: `the log ends at seq ${headSeq} but the anchor is at seq ${a.seq}: records ${headSeq + 1}..${a.seq} at least were removed`,
        });
      } else if (!this.anchorSeen) {
        this.extra.push({ seq: a.seq, kind: 'anchor_mismatch', message: `the anchor is at seq ${a.seq} but there is no record ${a.seq}` });
      }
    }
    const all: ChainBreak[] = [...[...this.chainBreaks.values()].map(({ seq, kind, message }) => ({ seq, kind, message })), ...this.extra];
    all.sort((x, y) => x.seq - y.seq);
    const breaks = all.slice(0, MAX_REPORTED_BREAKS);
    const omittedBreaks = all.length - breaks.length + this.overflow;
    if (omittedBreaks > 0) {
      const last = breaks[breaks.length - 1]!;
      breaks[breaks.length - 1] = { ...last, message: `${last.message} (and ${omittedBreaks} more breaks not listed)` };
    }
    return {
      ok: breaks.length === 0,
      records: this.records,
      checkpoints: this.cps.size,
      head: this.head,
      firstBreak: breaks[0] ?? null,
      breaks,
      omittedBreaks,
    };
  }

  // ---------------------------------------------------------------- helpers

  private locate(hash: string): RowInfo | undefined {
    return hash === GENESIS_HASH ? GENESIS_INFO : this.byHash.get(hash);
  }

  /** The seq under which a record whose hash does not verify at its own seq does verify, if any. */
  private originalSeq(r: AuditRecord, loc: RowInfo | undefined): number | null {
    if (loc && loc.orig !== null) {
      const c = loc.orig + 1;
      return c !== r.seq && hashAt(r, c) === r.hash ? c : null;
    }
    for (let d = 1; d <= MAX_SHIFT; d++) {
      if (hashAt(r, r.seq + d) === r.hash) return r.seq + d;
      if (r.seq - d >= 1 && hashAt(r, r.seq - d) === r.hash) return r.seq - d;
    }
    return null;
  }

  /** `r` is intact but does not chain to the record before it (`prev`). */
  private linkBreak(r: AuditRecord, prev: RowInfo, loc: RowInfo | undefined): void {
    if (prev.seq === 0) {
      this.addBreak(r.seq, 'altered', `record ${r.seq} does not chain to the genesis hash: it was changed and its hash recomputed, or forged`);
    } else if (loc === GENESIS_INFO) {
      this.addBreak(r.seq, 'inserted', `record ${r.seq} chains to the genesis hash in the middle of the log: it was forged`);
    } else if (loc) {
      this.addBreak(prev.seq, 'reordered', `record ${prev.seq} is not the record that record ${r.seq} chained to; that one is stored at seq ${loc.seq}: records were swapped or moved`);
    } else if (this.vouched(prev)) {
      this.addBreak(r.seq, 'inserted', `record ${r.seq} does not chain to record ${prev.seq}, which a checkpoint or the anchor confirms: record ${r.seq} was forged`);
    } else {
      this.addBreak(
        prev.seq,
        'altered',
        `record ${prev.seq} does not carry the hash that record ${r.seq} chained to: it was changed and its hash recomputed, or replaced (or record ${r.seq} was forged)`,
        true,
      );
      this.wait(r.prevHash, prev.seq, (f) => `the original content of record ${prev.seq} is stored at seq ${f.seq}: records were swapped or moved`);
    }
  }

  /** Records from..to sit between two that chain to each other: they were inserted. */
  private inserted(from: number, to: number, orig: number): void {
    for (const [seq, b] of this.chainBreaks) {
      if ((seq >= from && seq <= to) || (seq === from - 1 && b.attributed)) this.chainBreaks.delete(seq);
    }
    const what = from === to ? `record ${from} was inserted` : `records ${from}..${to} were inserted`;
    this.setBreak(from, 'inserted', `${what} into the chain (record ${orig} and the ones after it were renumbered from seq ${to + 1})`);
  }

  private vouched(info: RowInfo): boolean {
    return this.cps.get(info.seq) === info.hash || (this.anchor?.seq === info.seq && this.anchor.hash === info.hash);
  }

  private compareCheckpoint(r: AuditRecord): void {
    const cp = this.cps.get(r.seq);
    if (cp !== undefined) {
      this.seenCps.add(r.seq);
      if (cp !== r.hash) this.extra.push({ seq: r.seq, kind: 'checkpoint_mismatch', message: `record ${r.seq}'s hash is not the one its checkpoint pinned` });
    }
    if (this.anchor && this.anchor.seq === r.seq) {
      this.anchorSeen = true;
      if (this.anchor.hash !== r.hash) this.extra.push({ seq: r.seq, kind: 'anchor_mismatch', message: `record ${r.seq}'s hash is not the anchored one` });
    }
  }

  private saturated(): boolean {
    return this.chainBreaks.size >= BREAKS_KEPT;
  }

  /** Add a break at seq unless one is there already (the first explanation stands). */
  private addBreak(seq: number, kind: ChainBreakKind, message: string, attributed = false): void {
    if (this.chainBreaks.has(seq)) return;
    if (this.saturated()) {
      this.overflow++;
      return;
    }
    this.chainBreaks.set(seq, { seq, kind, message, attributed });
  }

  private setBreak(seq: number, kind: ChainBreakKind, message: string): void {
    if (!this.chainBreaks.has(seq) && this.saturated()) {
      this.overflow++;
      return;
    }
    this.chainBreaks.set(seq, { seq, kind, message });
  }

  /** Reclassify the break at seq as 'reordered' should a later record carry `hash`. */
  private wait(hash: string, seq: number, explain: (found: RowInfo) => string): void {
    if (this.pendingCount >= PENDING_KEPT) return;
    const list = this.pending.get(hash) ?? [];
    list.push({ seq, explain });
    this.pending.set(hash, list);
    this.pendingCount++;
  }

  private resolve(info: RowInfo): void {
    const list = this.pending.get(info.hash);
    if (!list) return;
    this.pending.delete(info.hash);
    for (const w of list) {
      const b = this.chainBreaks.get(w.seq);
      if (b && b.kind !== 'reordered') this.chainBreaks.set(w.seq, { seq: w.seq, kind: 'reordered', message: w.explain(info) });
    }
  }

  private remember(info: RowInfo): void {
    this.bySeq.set(info.seq, info);
    this.byHash.set(info.hash, info);
    if (this.bySeq.size > WINDOW) {
      const [oldSeq, old] = this.bySeq.entries().next().value as [number, RowInfo];
      this.bySeq.delete(oldSeq);
      if (this.byHash.get(old.hash) === old) this.byHash.delete(old.hash);
    }
  }
}

/**
 * Verify a chain held in memory: `records` in seq order, the checkpoints, and
 * optionally an anchor (a seq and hash kept outside the database). Pure; the
 * same rules as AuditLog.verify (see ChainVerifier).
 */
export function verifyChain(
  records: AuditRecord[],
  checkpoints: Array<{ seq: number; hash: string }>,
  anchor?: { seq: number; hash: string },
): AuditVerification {
  const v = new ChainVerifier(checkpoints, anchor);
  for (const r of records) v.push(r);
  return v.finish();
}

// ------------------------------------------------------------------ service

/** NUL cannot be stored in text or jsonb; lone surrogates would not read back as written. */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

function checkText(value: unknown, field: string, nullable: boolean): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') throw new SextantError('validation_failed', `audit entry: ${field} must be a string${nullable ? ' or null' : ''}`, { field });
  if (UNSTORABLE.test(value)) throw new SextantError('validation_failed', `audit entry: ${field} contains a NUL or an unpaired surrogate`, { field });
}

function checkJson(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw new SextantError('validation_failed', `audit entry: ${path} contains a NUL or an unpaired surrogate`, { field: path });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkJson(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) throw new SextantError('validation_failed', `audit entry: a key in ${path} contains a NUL or an unpaired surrogate`, { field: path });
      checkJson(v, `${path}.${k}`);
    }
  }
}

/** The entry as it will be stored: details as plain JSON (what jsonb gives back). */
function prepare(entry: AuditEntry): Omit<AuditRecord, 'seq' | 'at' | 'prevHash' | 'hash'> {
  checkText(entry.actor, 'actor', false);
  checkText(entry.agency, 'agency', true);
  checkText(entry.action, 'action', false);
  checkText(entry.purpose ?? null, 'purpose', true);
  if (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details)) {
    throw new SextantError('validation_failed', 'audit entry: details must be an object', { field: 'details' });
  }
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(JSON.stringify(entry.details)) as Record<string, unknown>;
  } catch (err) {
    throw new SextantError('validation_failed', `audit entry: details are not JSON: ${(err as Error).message}`, { field: 'details' });
  }
  checkJson(details, 'details');
  return { actor: entry.actor, agency: entry.agency, action: entry.action, purpose: entry.purpose ?? null, details };
}

function instant(value: string, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new SextantError('bad_request', `${field} is not a date or time: ${value}`, { field });
  return new Date(t).toISOString();
}

function count(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new SextantError('bad_request', `${field} must be a whole number of at least 0`, { field });
  return value;
}

/** One promise chain per database handle: appends through any AuditLog on it run one at a time. */
const tails = new WeakMap<Db, Promise<unknown>>();

/** The chain's head as this process last wrote it, per database handle (null: the log is empty; absent: not read yet). */
const heads = new WeakMap<Db, { seq: number; hash: string } | null>();
const UNIQUE_VIOLATION = '23505';
/** Tries of one batch when other processes keep appending first. */
const APPEND_ATTEMPTS = 50;
/** After another process took a seq first, appends through this handle take the append lock for this long. */
const CONTENDED_MS = 1000;
/** Until when appends through a handle go under the append lock (see AuditLog.write). */
const contendedUntil = new WeakMap<Db, number>();

/** Appends waiting for the next group commit, per database handle. */
const queues = new WeakMap<Db, { pending: Array<{ p: ReturnType<typeof prepare>; resolve: (r: AuditRecord) => void; reject: (e: unknown) => void }>; scheduled: boolean }>();

export class AuditLog {
  private readonly checkpointEvery: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    opts: { checkpointEvery?: number; now?: () => Date } = {},
  ) {
    this.checkpointEvery = opts.checkpointEvery ?? 1000;
    if (!Number.isSafeInteger(this.checkpointEvery) || this.checkpointEvery < 1) {
      throw new SextantError('config_invalid', `checkpointEvery must be a whole number of at least 1, not ${opts.checkpointEvery}`);
    }
    this.now = opts.now ?? (() => new Date());
  }

  /**
   * Append one entry. Appends that arrive while a write is under way are
   * committed together in the next transaction (group commit): each caller
   * still gets its record only once it is durable, but concurrent requests do
   * not queue for one commit each.
   */
  append(entry: AuditEntry): Promise<AuditRecord> {
    let p: ReturnType<typeof prepare>;
    try {
      p = prepare(entry);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AuditRecord>((resolve, reject) => {
      let queue = queues.get(this.db);
      if (!queue) {
        queue = { pending: [], scheduled: false };
        queues.set(this.db, queue);
      }
      queue.pending.push({ p, resolve, reject });
      if (queue.scheduled) return;
      queue.scheduled = true;
      const q = queue;
      void this.serial(async () => {
        q.scheduled = false;
        const batch = q.pending.splice(0);
        try {
          const records = await this.write(batch.map((b) => b.p));
          batch.forEach((b, i) => b.resolve(records[i]!));
        } catch (err) {
          batch.forEach((b) => b.reject(err));
        }
      });
    });
  }

  /** Append entries in order, in one transaction: all or none. */
  async appendMany(entries: AuditEntry[]): Promise<AuditRecord[]> {
    const prepared = entries.map(prepare);
    if (prepared.length === 0) return [];
    return this.serial(() => this.write(prepared));
  }

  /**
   * Chain the entries onto the head and insert them in one statement. The head
   * is the one this handle last wrote (appends through one handle run one at a
   * time, see serial), read from the database only at first and after another
   * writer got there first. That other writer, another process on the same
   * PostgreSQL, took the next seq: the primary key refuses ours. One round trip
   * per group commit instead of five (BEGIN, lock, read the head, insert,
   * COMMIT) while this process writes alone.
   *
   * Once refused, the batch and every batch for the next second take the
   * append lock and read the head under it: with two processes appending
   * steadily, chaining again onto a head read without the lock lost the race
   * nearly every time (two server processes fell from about 670 to about 250
   * requests a second).
   */
  private async write(prepared: Array<ReturnType<typeof prepare>>): Promise<AuditRecord[]> {
    for (let attempt = 1; ; attempt++) {
      const contended = (contendedUntil.get(this.db) ?? 0) > Date.now();
      try {
        const records = contended ? await this.writeLocked(prepared) : await this.writeOnCachedHead(prepared);
        const last = records[records.length - 1]!;
        heads.set(this.db, { seq: last.seq, hash: last.hash });
        return records;
      } catch (err) {
        heads.delete(this.db);
        if ((err as { code?: string }).code === UNIQUE_VIOLATION && attempt < APPEND_ATTEMPTS) {
          contendedUntil.set(this.db, Date.now() + CONTENDED_MS);
          continue;
        }
        throw err;
      }
    }
  }

  /** The optimistic append: onto the head this handle last wrote (read once). */
  private async writeOnCachedHead(prepared: Array<ReturnType<typeof prepare>>): Promise<AuditRecord[]> {
    const repo = new AuditRepository(this.db);
    let head = heads.get(this.db);
    if (head === undefined) {
      head = await repo.head();
      heads.set(this.db, head);
    }
    const records = this.chain(head, prepared);
    await repo.insert(records, this.checkpointEvery);
    return records;
  }

  /** The append under the append lock, onto the head read under it (on PostgreSQL; PGlite has one writer). */
  private writeLocked(prepared: Array<ReturnType<typeof prepare>>): Promise<AuditRecord[]> {
    return this.db.transaction(async (tx) => {
      const repo = new AuditRepository(tx);
      await repo.lockForAppend();
      const records = this.chain(await repo.head(), prepared);
      await repo.insert(records, this.checkpointEvery);
      return records;
    });
  }

  private chain(head: { seq: number; hash: string } | null, prepared: Array<ReturnType<typeof prepare>>): AuditRecord[] {
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const records: AuditRecord[] = [];
    for (const p of prepared) {
      seq += 1;
      const unhashed = { seq, at: this.timestamp(), ...p, prevHash };
      const record: AuditRecord = { ...unhashed, hash: recordHash(unhashed) };
      records.push(record);
      prevHash = record.hash;
    }
    return records;
  }

  /** Pin the current head in audit_checkpoints; null when the log is empty. */
  async checkpoint(): Promise<{ seq: number; hash: string; at: string } | null> {
    return this.serial(() =>
      this.db.transaction(async (tx) => {
        const repo = new AuditRepository(tx);
        await repo.lockForAppend();
        const head = await repo.head();
        if (!head) return null;
        return repo.insertCheckpoint({ seq: head.seq, hash: head.hash, at: this.timestamp() });
      }),
    );
  }

  /**
   * Read the whole log in seq order, a page at a time, and check the chain, the
   * checkpoints and (if given) an anchor kept outside the database.
   */
  async verify(opts: { anchor?: { seq: number; hash: string } } = {}): Promise<AuditVerification> {
    const repo = new AuditRepository(this.db);
    const verifier = new ChainVerifier(await repo.checkpoints(), opts.anchor);
    let after: number | null = null;
    for (;;) {
      const page: AuditRow[] = await repo.page(after, VERIFY_PAGE);
      for (const r of page) verifier.push(r);
      if (page.length < VERIFY_PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    return verifier.finish();
  }

  /** Matching records, newest first, and how many match in all. */
  async query(q: AuditQuery): Promise<{ total: number; records: AuditRecord[] }> {
    const { total, rows } = await new AuditRepository(this.db).query({
      entity: q.entity,
      actor: q.actor,
      action: q.action,
      partner: q.partner,
      agency: q.agency,
      since: q.since === undefined ? undefined : instant(q.since, 'since'),
      until: q.until === undefined ? undefined : instant(q.until, 'until'),
      limit: count(q.limit, 'limit'),
      offset: count(q.offset, 'offset'),
    });
    return { total, records: rows };
  }

  private timestamp(): string {
    const at = this.now().toISOString();
    // Years beyond 0000..9999 would not read back in this form.
    if (!/^\d{4}-/.test(at)) throw new SextantError('internal', `audit clock gives a date out of range: ${at}`);
    return at;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = (tails.get(this.db) ?? Promise.resolve()).then(fn);
    tails.set(
      this.db,
      run.catch(() => undefined),
    );
    return run;
  }
}
