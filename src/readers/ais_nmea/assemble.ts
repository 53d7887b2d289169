import type { Sentence } from './sentence.ts';

/**
 * Multi-sentence reassembly. The sentences of one message share their
 * sequential message id and radio channel (and formatter); they may arrive
 * out of order and interleaved with other messages. A group that is still
 * incomplete `span` lines after its first sentence, or whose key a new
 * message reuses (a part number seen twice, another sentence count), or that
 * is left at the end of the file, is given up: the reader rejects it, naming
 * its lines. At most one group per key is held, and none for longer than
 * `span` lines, so memory stays bounded on any input.
 */

/** A whole message: its payload, fill bits, lines and receive time. */
export interface Message {
  payload: string;
  fill: number;
  /** Lines of its sentences, ascending. */
  lines: number[];
  /** Receive time of its first sentence that has one (in part order), ms. */
  time: number | null;
}

export interface Incomplete {
  count: number;
  seqId: string;
  channel: string;
  /** Part numbers received. */
  have: number[];
  lines: number[];
  /** Why it was given up. */
  why: string;
}

interface Group {
  count: number;
  seqId: string;
  channel: string;
  firstLine: number;
  parts: Array<{ sentence: Sentence; line: number } | undefined>;
}

export class Assembler {
  /** Insertion order is first-line order: expiry looks at the front only. */
  private readonly groups = new Map<string, Group>();

  constructor(private readonly span: number) {}

  /** Groups to give up before `line` is read: those begun `span` lines or more before it. */
  expire(line: number): Incomplete[] {
    const out: Incomplete[] = [];
    for (const [key, g] of this.groups) {
      if (line - g.firstLine < this.span) break;
      this.groups.delete(key);
      out.push(incomplete(g, `no further part within ${this.span} lines`));
    }
    return out;
  }

  /** Add one sentence of a multi-sentence message: the message when complete, and any group it supersedes. */
  add(s: Sentence, line: number): { message: Message | null; dropped: Incomplete[] } {
    const key = `${s.formatter}\u0000${s.seqId}\u0000${s.channel}`;
    const dropped: Incomplete[] = [];
    let g = this.groups.get(key);
    if (g && (g.count !== s.count || g.parts[s.index - 1] !== undefined)) {
      this.groups.delete(key);
      const why = g.count !== s.count ? `line ${line} starts a ${s.count}-part message with the same id and channel` : `line ${line} repeats part ${s.index} with the same id and channel`;
      dropped.push(incomplete(g, why));
      g = undefined;
    }
    if (!g) {
      g = { count: s.count, seqId: s.seqId, channel: s.channel, firstLine: line, parts: new Array(s.count).fill(undefined) };
      this.groups.set(key, g);
    }
    g.parts[s.index - 1] = { sentence: s, line };
    if (g.parts.some((p) => p === undefined)) return { message: null, dropped };
    this.groups.delete(key);
    const parts = g.parts as Array<{ sentence: Sentence; line: number }>;
    return {
      message: {
        payload: parts.map((p) => p.sentence.payload).join(''),
        fill: parts[parts.length - 1]!.sentence.fill,
        lines: parts.map((p) => p.line).sort((a, b) => a - b),
        time: parts.find((p) => p.sentence.time !== null)?.sentence.time ?? null,
      },
      dropped,
    };
  }

  /** Every group still open (at the end of the input). */
  flush(): Incomplete[] {
    const out = [...this.groups.values()].map((g) => incomplete(g, 'the file ends'));
    this.groups.clear();
    return out;
  }
}

function incomplete(g: Group, why: string): Incomplete {
  const got = g.parts.flatMap((p, i) => (p ? [{ n: i + 1, line: p.line }] : []));
  return {
    count: g.count,
    seqId: g.seqId,
    channel: g.channel,
    have: got.map((p) => p.n),
    lines: got.map((p) => p.line).sort((a, b) => a - b),
    why,
  };
}
