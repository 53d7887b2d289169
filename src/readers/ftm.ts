import { createReadStream } from 'node:fs';
import type { FtmEntity } from '../model/entity.ts';
import type { Reader, ReaderInput, ReadItem } from './types.ts';
import { utf8Lines } from './utf8.ts';

/**
 * FollowTheMoney JSON lines (FORMATS.md §1), as OpenSanctions and Aleph publish
 * them. Streams line by line; ids are kept as written, because other records
 * refer to them and because an export must round-trip to the same statements.
 */
export const ftmReader: Reader = {
  format: 'ftm',
  description: 'FollowTheMoney entities, one JSON object per line',
  isList: false,
  detect(input: ReaderInput): boolean {
    if (input.isDirectory) return false;
    const first = input.head.toString('utf8').split('\n').find((l) => l.trim() !== '') ?? '';
    return first.trimStart().startsWith('{') && /"schema"\s*:/.test(first);
  },
  async *read(input: ReaderInput): AsyncGenerator<ReadItem> {
    const file = input.path;
    for await (const { line, text, valid } of utf8Lines(createReadStream(file))) {
      if (text.trim() === '') continue;
      if (!valid) {
        yield { kind: 'reject', file, line, reason: 'invalid UTF-8' };
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        yield { kind: 'reject', file, line, reason: `not JSON: ${(err as Error).message}` };
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        yield { kind: 'reject', file, line, reason: 'a line must hold one JSON object' };
        continue;
      }
      const entity = parsed as FtmEntity;
      const record = typeof entity.id === 'string' ? entity.id : `line ${line}`;
      yield { kind: 'entity', entity, file, line, record };
    }
  },
};
