// Byte helpers shared by the crypto, chunking and client modules. Base64 is written out here
// rather than taken from atob/btoa because the bridge's decoder (runtime/bridge/base64.cpp) is
// strict: padding required, canonical final group, no whitespace. Using the same rules on both
// sides means an envelope one side accepts is never refused by the other.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE_TABLE = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Thrown for text that is not canonical, padded base64. */
export class Base64Error extends Error {
  constructor(why) {
    super(`invalid base64: ${why}`);
    this.name = 'Base64Error';
  }
}

/** Standard base64 with padding, as the bridge writes it. */
export function base64Encode(bytes) {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] +
      ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += rest === 2 ? ALPHABET[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/** Decodes canonical padded base64; throws Base64Error on anything else (same rules as C++). */
export function base64Decode(text) {
  if (typeof text !== 'string') throw new Base64Error('not a string');
  if (text.length % 4 !== 0) throw new Base64Error(`length ${text.length} is not a multiple of 4`);
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const finalGroup = i + 4 === text.length;
    const dataChars = finalGroup ? 4 - padding : 4;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const value = j < dataChars ? (c < 256 ? DECODE_TABLE[c] : -1) : (c === 61 ? 0 : -1);
      if (value < 0) throw new Base64Error(`unexpected character at offset ${i + j}`);
      n = (n << 6) | value;
    }
    // Canonical form only: the bits below the last whole byte must be zero.
    if (finalGroup && ((padding === 1 && (n & 0xff) !== 0) || (padding === 2 && (n & 0xffff) !== 0)))
      throw new Base64Error('non-zero bits in the final group');
    out[at++] = (n >> 16) & 0xff;
    if (dataChars > 2) out[at++] = (n >> 8) & 0xff;
    if (dataChars > 3) out[at++] = n & 0xff;
  }
  return out;
}

/** Lowercase hex of `bytes`. */
export function hexEncode(bytes) {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Bytes of an even-length hex string; throws on anything else. */
export function hexDecode(text) {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text))
    throw new Error('invalid hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
// fatal: a sealed message that is not UTF-8 is a broken message, not one to repair silently.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8Encode(text) {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes; throws TypeError on invalid UTF-8. */
export function utf8Decode(bytes) {
  return decoder.decode(bytes);
}

/** Bytes the UTF-8 encoding of `text` takes, without building it (lone surrogates count 3,
 *  as TextEncoder writes them as U+FFFD). */
export function utf8Length(text) {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length &&
             (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/** True when `a` and `b` hold the same bytes. */
export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
