import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canonicalJson,
  GENESIS_HASH,
  MAX_REPORTED_BREAKS,
  recordHash,
  verifyChain,
  type AuditRecord,
  type AuditVerification,
  type ChainBreakKind,
} from './audit.ts';

type Content = Pick<AuditRecord, 'actor' | 'agency' | 'action' | 'purpose' | 'details'>;

const T0 = Date.parse('2026-11-24T09:00:00.000Z');

function content(i: number): Content {
  return {
    actor: `user-${i % 3}`,
    agency: i % 4 === 0 ? null : 'fiu-nl',
    action: ['entity.read', 'search', 'export'][i % 3]!,
    purpose: i % 2 ? 'sanctions' : null,
    details: { entities: [`e-${i}`, `e-${i + 1}`], n: i, nested: { z: 1, a: [true, null, 'x'] } },
  };
}

/** A valid chain of the given contents, numbered from 1. */
function chain(contents: Content[]): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  contents.forEach((c, i) => {
    const unhashed = { seq: i + 1, at: new Date(T0 + i * 1000).toISOString(), ...c, prevHash };
    const r = { ...unhashed, hash: recordHash(unhashed) };
    out.push(r);
    prevHash = r.hash;
  });
  return out;
}

const build = (n: number): AuditRecord[] => chain(Array.from({ length: n }, (_, i) => content(i)));
const rehash = (r: AuditRecord): AuditRecord => ({ ...r, hash: recordHash(r) });
const cp = (r: AuditRecord) => ({ seq: r.seq, hash: r.hash });

function assertBreak(v: AuditVerification, seq: number, kind: ChainBreakKind): void {
  assert.equal(v.ok, false, 'tampering not detected');
  assert.ok(v.firstBreak, 'no first break');
  assert.deepEqual({ seq: v.firstBreak.seq, kind: v.firstBreak.kind }, { seq, kind }, JSON.stringify(v.breaks));
  assert.ok(v.firstBreak.message.length > 0);
  assert.deepEqual(v.breaks[0], v.firstBreak);
}

describe('recordHash and canonical JSON', () => {
  it('sorts keys at every depth and leaves out undefined, as JSON does', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } }), '{"a":{"d":[3,{"x":2,"y":1}]},"b":1}');
    assert.equal(canonicalJson([undefined, NaN, -0]), '[null,null,0]');
  });

  it('does not depend on key order', () => {
    const r = chain([content(1)])[0]!;
    const reordered = { ...r, details: { nested: { a: [true, null, 'x'], z: 1 }, n: 1, entities: ['e-1', 'e-2'] } };
    assert.equal(recordHash(reordered), r.hash);
  });

  it('covers every field but hash', () => {
    const r = chain([content(1)])[0]!;
    assert.equal(recordHash(r), r.hash, 'an extra hash field is ignored');
    for (const change of [{ seq: 2 }, { at: '2026-11-24T09:00:00.001Z' }, { actor: 'x' }, { agency: 'x' }, { action: 'x' }, { purpose: 'x' }, { details: {} }, { prevHash: 'f'.repeat(64) }]) {
      assert.notEqual(recordHash({ ...r, ...change }), r.hash, JSON.stringify(change));
    }
    assert.match(r.hash, /^[0-9a-f]{64}$/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, its checkpoints and a matching anchor', () => {
    const rs = build(20);
    const v = verifyChain(rs, [cp(rs[9]!), cp(rs[19]!)], cp(rs[14]!));
    assert.deepEqual(v, {
      ok: true,
      records: 20,
      checkpoints: 2,
      head: { seq: 20, hash: rs[19]!.hash },
      firstBreak: null,
      breaks: [],
      omittedBreaks: 0,
    });
    assert.equal(verifyChain(rs, [], { seq: 0, hash: GENESIS_HASH }).ok, true);
  });

  it('accepts an empty log', () => {
    assert.deepEqual(verifyChain([], []), { ok: true, records: 0, checkpoints: 0, head: null, firstBreak: null, breaks: [], omittedBreaks: 0 });
  });

  it('names an edited field: altered', () => {
    const rs = build(10);
    rs[4] = { ...rs[4]!, details: { ...rs[4]!.details, n: 999 } };
    const v = verifyChain(rs, []);
    assertBreak(v, 5, 'altered');
    assert.equal(v.breaks.length, 1);
  });

  it('names a record edited and rehashed, through its successor: altered', () => {
    const rs = build(10);
    rs[4] = rehash({ ...rs[4]!, actor: 'mallory' });
    const v = verifyChain(rs, []);
    assertBreak(v, 5, 'altered');
    assert.equal(v.breaks.length, 1);
  });

  it('names a deleted middle record: deleted', () => {
    const rs = build(10);
    rs.splice(4, 1);
    assertBreak(verifyChain(rs, []), 5, 'deleted');
  });

  it('names deleted records when the rest were renumbered: deleted', () => {
    const rs = build(10);
    const moved = rs.slice(6).map((r) => ({ ...r, seq: r.seq - 2 })); // hashes kept: they no longer verify at their seq
    const v = verifyChain([...rs.slice(0, 4), ...moved], []);
    assertBreak(v, 5, 'deleted');
    assert.equal(v.breaks.length, 1, JSON.stringify(v.breaks));
  });

  it('names deleted first records: deleted', () => {
    assertBreak(verifyChain(build(10).slice(2), []), 1, 'deleted');
  });

  it('names a removed last record by a checkpoint past the head: truncated', () => {
    const rs = build(10);
    const cps = [cp(rs[9]!)];
    rs.pop();
    const v = verifyChain(rs, cps);
    assertBreak(v, 10, 'truncated');
    assert.deepEqual(v.head, { seq: 9, hash: rs[8]!.hash });
  });

  it('names a removed last record by an anchor past the head: truncated', () => {
    const rs = build(10);
    const anchor = cp(rs[9]!);
    assert.equal(verifyChain(rs.slice(0, 8), [], anchor).firstBreak?.kind, 'truncated');
    assertBreak(verifyChain(rs.slice(0, 8), [], anchor), 9, 'truncated');
  });

  it('cannot tell a removed last record without a checkpoint or anchor past it', () => {
    assert.equal(verifyChain(build(10).slice(0, 9), []).ok, true);
  });

  it('names a forged record inserted with the rest renumbered: inserted', () => {
    const rs = build(10);
    const forged = rehash({ ...rs[4]!, seq: 5, actor: 'mallory', prevHash: rs[3]!.hash, hash: '' });
    const renumbered = rs.slice(4).map((r) => ({ ...r, seq: r.seq + 1 }));
    const v = verifyChain([...rs.slice(0, 4), forged, ...renumbered], []);
    assertBreak(v, 5, 'inserted');
    assert.equal(v.breaks.length, 1, JSON.stringify(v.breaks));
  });

  it('names several forged records inserted with an unfitting prevHash: inserted', () => {
    const rs = build(10);
    const f1 = rehash({ ...rs[4]!, seq: 5, actor: 'mallory', prevHash: 'a'.repeat(64) });
    const f2 = rehash({ ...rs[4]!, seq: 6, actor: 'mallory', prevHash: f1.hash });
    const renumbered = rs.slice(4).map((r) => ({ ...r, seq: r.seq + 2 }));
    const v = verifyChain([...rs.slice(0, 4), f1, f2, ...renumbered], []);
    assertBreak(v, 5, 'inserted');
    assert.equal(v.breaks.length, 1, JSON.stringify(v.breaks));
  });

  it('names a forged record appended after a checkpointed head: inserted', () => {
    const rs = build(10);
    const forged = rehash({ ...rs[9]!, seq: 11, actor: 'mallory', prevHash: 'b'.repeat(64) });
    assertBreak(verifyChain([...rs, forged], [cp(rs[9]!)]), 11, 'inserted');
    // Without the checkpoint the record before it may as well have been rehashed.
    assertBreak(verifyChain([...rs, forged], []), 10, 'altered');
  });

  it('names a forged record with a duplicate or lower seq (in-memory lists only)', () => {
    const rs = build(5);
    assertBreak(verifyChain([...rs.slice(0, 3), rs[2]!, ...rs.slice(3)], []), 3, 'inserted');
    assertBreak(verifyChain([rs[0]!, rs[2]!, rs[1]!, rs[3]!, rs[4]!], []), 2, 'deleted');
  });

  for (const [a, b] of [
    [4, 5],
    [2, 7],
    [0, 9],
    [1, 45],
  ] as const) {
    it(`names two swapped records (${a + 1} and ${b + 1}): reordered`, () => {
      const rs = build(50);
      const swapped = rs.map((r) => ({ ...r }));
      swapped[a] = { ...rs[b]!, seq: a + 1 };
      swapped[b] = { ...rs[a]!, seq: b + 1 };
      const v = verifyChain(swapped, []);
      assertBreak(v, a + 1, 'reordered');
      assert.deepEqual(
        v.breaks.map((x) => [x.seq, x.kind]),
        [
          [a + 1, 'reordered'],
          [b + 1, 'reordered'],
        ],
      );
    });
  }

  it('names a checkpoint that does not match its record: checkpoint_mismatch', () => {
    const rs = build(10);
    assertBreak(verifyChain(rs, [cp(rs[2]!), { seq: 6, hash: rs[4]!.hash }]), 6, 'checkpoint_mismatch');
    assertBreak(verifyChain(rs.filter((r) => r.seq !== 6), [{ seq: 6, hash: rs[5]!.hash }]), 6, 'deleted');
  });

  it('catches a rewrite of every record from some point on by a checkpoint', () => {
    const rs = build(10);
    const forged = chain([...rs.slice(0, 9).map((r) => r as Content), { ...content(9), actor: 'mallory' }]);
    assertBreak(verifyChain(forged, [cp(rs[9]!)]), 10, 'checkpoint_mismatch');
  });

  it('names an anchor that does not match: anchor_mismatch', () => {
    const rs = build(10);
    assertBreak(verifyChain(rs, [], { seq: 7, hash: 'c'.repeat(64) }), 7, 'anchor_mismatch');
    assertBreak(verifyChain(rs, [], { seq: 0, hash: 'c'.repeat(64) }), 0, 'anchor_mismatch');
  });

  it(`lists at most ${MAX_REPORTED_BREAKS} breaks and counts the rest`, () => {
    const rs = build(300).map((r) => ({ ...r, actor: 'mallory' }));
    const v = verifyChain(rs, []);
    assert.equal(v.ok, false);
    assert.equal(v.breaks.length, MAX_REPORTED_BREAKS);
    assert.equal(v.omittedBreaks, 200);
    assert.deepEqual(
      v.breaks.map((b) => b.seq),
      Array.from({ length: MAX_REPORTED_BREAKS }, (_, i) => i + 1),
    );
    assert.match(v.breaks.at(-1)!.message, /and 200 more breaks not listed/);
  });
});

// ----------------------------------------------------------------- properties

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
const contentArb: fc.Arbitrary<Content> = fc.record({
  actor: fc.string({ minLength: 1, maxLength: 12 }),
  agency: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  action: fc.constantFrom('entity.read', 'search', 'export', 'login', 'agreement.approve'),
  purpose: fc.option(fc.constantFrom('aml', 'sanctions'), { nil: null }),
  details: fc.dictionary(fc.string({ maxLength: 6 }), jsonValue, { maxKeys: 4 }),
});
const chainArb = fc.array(contentArb, { minLength: 1, maxLength: 25 }).map(chain);
const FIELDS = ['seq', 'at', 'actor', 'agency', 'action', 'purpose', 'details', 'prevHash', 'hash'] as const;

/** A value for the field that differs from the record's. */
function edit(r: AuditRecord, field: (typeof FIELDS)[number], salt: string): AuditRecord {
  switch (field) {
    case 'seq':
      return { ...r, seq: r.seq + 1000 };
    case 'at':
      return { ...r, at: new Date(Date.parse(r.at) + 1).toISOString() };
    case 'details':
      return { ...r, details: { ...r.details, [`~${salt}`]: canonicalJson(r.details) } };
    case 'agency':
    case 'purpose':
      return { ...r, [field]: r[field] === null ? salt : null };
    default:
      return { ...r, [field]: `${r[field]}${salt}` };
  }
}

describe('verifyChain properties', () => {
  it('accepts every intact chain', () => {
    fc.assert(
      fc.property(chainArb, (rs) => {
        const v = verifyChain(rs, [cp(rs.at(-1)!)]);
        assert.equal(v.ok, true, JSON.stringify(v.breaks));
      }),
    );
  });

  it('detects any single-record edit, at that record', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 4 }), (rs, i, field, salt) => {
        const k = i % rs.length;
        const tampered = rs.map((r, j) => (j === k ? edit(r, field, salt) : r));
        const v = verifyChain(tampered, []);
        assert.equal(v.ok, false, `edit of ${field} at ${k + 1} not detected`);
        if (field !== 'seq') assert.equal(v.firstBreak!.seq, k + 1, JSON.stringify(v.breaks));
      }),
    );
  });

  it('detects any single-record edit with the hash recomputed, at that record, unless it is the unanchored head', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.constantFrom('at', 'actor', 'agency', 'action', 'purpose', 'details') as fc.Arbitrary<'at'>, fc.string({ minLength: 1, maxLength: 4 }), (rs, i, field, salt) => {
        const k = i % rs.length;
        const tampered = rs.map((r, j) => (j === k ? rehash(edit(r, field, salt)) : r));
        const v = verifyChain(tampered, [], cp(rs.at(-1)!));
        assert.equal(v.ok, false);
        assert.equal(v.firstBreak!.seq, k + 1, JSON.stringify(v.breaks));
        assert.equal(v.firstBreak!.kind, k + 1 === rs.length ? 'anchor_mismatch' : 'altered');
      }),
    );
  });

  it('detects the removal of any record, at its seq', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (rs, i) => {
        const k = i % rs.length;
        const v = verifyChain(
          rs.filter((_, j) => j !== k),
          [cp(rs.at(-1)!)],
        );
        assert.equal(v.ok, false);
        assert.equal(v.firstBreak!.seq, k + 1);
        assert.equal(v.firstBreak!.kind, k + 1 === rs.length ? 'truncated' : 'deleted');
      }),
    );
  });

  it('names any swap of two records with different content as reordered, at the first', () => {
    fc.assert(
      fc.property(chainArb.filter((rs) => rs.length >= 2), fc.nat(), fc.nat(), (rs, x, y) => {
        const a = x % rs.length;
        const b = y % rs.length;
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const swapped = rs.map((r, j) => (j === lo ? { ...rs[hi]!, seq: lo + 1 } : j === hi ? { ...rs[lo]!, seq: hi + 1 } : r));
        const v = verifyChain(swapped, []);
        assert.equal(v.ok, false);
        assert.deepEqual([v.firstBreak!.seq, v.firstBreak!.kind], [lo + 1, 'reordered'], JSON.stringify(v.breaks));
      }),
    );
  });
});
