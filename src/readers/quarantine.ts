import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** One refused record or value, as written to the quarantine file. */
export interface QuarantineEntry {
  file: string;
  line: number;
  field?: string;
  reason: string;
  record?: string;
  value?: string;
}

/**
 * Rejected records go to a JSON-lines file beside the data directory, one
 * file per run, created only when something is rejected.
 */
export class Quarantine {
  /** Entries kept in memory for the run summary; the file has them all. */
  private static readonly KEEP = 50;
  private stream: WriteStream | null = null;
  readonly entries: QuarantineEntry[] = [];
  count = 0;
  readonly path: string;

  constructor(
    private readonly dir: string,
    runName: string,
  ) {
    this.path = join(dir, `${runName}.jsonl`);
  }

  add(entry: QuarantineEntry): void {
    if (!this.stream) {
      mkdirSync(this.dir, { recursive: true });
      this.stream = createWriteStream(this.path, { flags: 'a' });
    }
    this.stream.write(JSON.stringify(entry) + '\n');
    this.count++;
    if (this.entries.length < Quarantine.KEEP) this.entries.push(entry);
  }

  get written(): string | null {
    return this.stream ? this.path : null;
  }

  async close(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

export function formatEntry(e: QuarantineEntry): string {
  return `${e.file}:${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.reason}`;
}
