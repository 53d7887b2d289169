/**
 * AIS payload armouring (ITU-R M.1371 carried in NMEA 0183 VDM/VDO): each
 * payload character stands for six bits. The character's code minus 48, less
 * another 8 when above 40, gives 0–63; the valid characters are `0`–`W` and
 * `` ` ``–`w`. The last character of a message carries 0–5 fill bits that are
 * not part of it.
 */

/** Index of the first character that is not a valid armouring character, -1 when there is none. */
export function firstInvalidArmour(payload: string): number {
  for (let i = 0; i < payload.length; i++) {
    const c = payload.charCodeAt(i);
    if (!((c >= 48 && c <= 87) || (c >= 96 && c <= 119))) return i;
  }
  return -1;
}

/** The six-bit value of an armouring character (the caller has checked it). */
function sixBits(code: number): number {
  const v = code - 48;
  return v > 40 ? v - 8 : v;
}

/** AIS six-bit text: value 0 is `@` (padding), 1–31 `A`–`_`, 32–63 space to `?`. */
const SIXBIT_TEXT = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?';

/**
 * The bits of one message, read MSB first. Reads past the end give zero bits:
 * decoders check a message's length against its type before reading it.
 */
export class Bits {
  private readonly bits: Uint8Array;
  /** Number of bits in the message (fill bits excluded). */
  readonly length: number;

  /** From an armoured payload (valid characters only) and its fill-bit count. */
  constructor(payload: string, fill: number) {
    this.bits = new Uint8Array(payload.length * 6);
    for (let i = 0; i < payload.length; i++) {
      const v = sixBits(payload.charCodeAt(i));
      for (let b = 0; b < 6; b++) this.bits[i * 6 + b] = (v >> (5 - b)) & 1;
    }
    this.length = Math.max(0, this.bits.length - fill);
  }

  private bit(i: number): number {
    return i < this.length ? this.bits[i]! : 0;
  }

  /** Unsigned integer of `width` bits (at most 48) from bit `start`. */
  uint(start: number, width: number): number {
    let n = 0;
    for (let i = 0; i < width; i++) n = n * 2 + this.bit(start + i);
    return n;
  }

  /** Two's-complement signed integer of `width` bits from bit `start`. */
  int(start: number, width: number): number {
    const n = this.uint(start, width);
    return this.bit(start) === 1 ? n - 2 ** width : n;
  }

  /** `chars` six-bit characters from bit `start`, trailing `@` padding and spaces removed. */
  text(start: number, chars: number): string {
    let s = '';
    for (let i = 0; i < chars; i++) s += SIXBIT_TEXT[this.uint(start + i * 6, 6)];
    return s.replace(/[@\s]+$/, '');
  }
}
