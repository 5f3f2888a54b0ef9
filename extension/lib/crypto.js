// The channel encryption of docs/bridge-protocol.md §3 and §6, in WebCrypto. Every function
// here has a twin in runtime/bridge/envelope.cpp and must produce the same bytes:
//   - AES-256-GCM, 96-bit random IV, 128-bit tag, additional data naming the direction;
//   - custom keys: PBKDF2-HMAC-SHA256, 200 000 iterations, salt "postern-bridge-key-v1";
//   - key check: first 8 bytes of HMAC-SHA256(key, "postern-key-check") as lowercase hex.
// Keys travel between modules as raw 32-byte Uint8Arrays (they are stored and compared that
// way); they are imported into CryptoKeys only at the point of use.

import { base64Decode, base64Encode, hexEncode, utf8Decode, utf8Encode } from './codec.js';

/** AAD bound into envelopes this extension seals. */
export const AAD_TO_BRIDGE = 'postern-bridge/1 extension->bridge';
/** AAD bound into envelopes the bridge seals (the only ones this extension opens). */
export const AAD_TO_EXTENSION = 'postern-bridge/1 bridge->extension';
/** Envelope format version ("v"). */
export const ENVELOPE_VERSION = 1;
/** Size of every key, in bytes. */
export const KEY_SIZE = 32;
/** PBKDF2 parameters for custom keys; fixed so both sides derive the same key from the text. */
export const CUSTOM_KEY_ITERATIONS = 200000;
export const CUSTOM_KEY_SALT = 'postern-bridge-key-v1';
export const MIN_CUSTOM_KEY_LENGTH = 10;
export const MAX_CUSTOM_KEY_LENGTH = 256;

const IV_SIZE = 12;
const TAG_SIZE = 16;
const KEY_CHECK_LABEL = 'postern-key-check';

const subtle = () => globalThis.crypto.subtle;

/**
 * Why an envelope did not open. `code` is the bridge's stable code:
 * ENVELOPE_INVALID (shape, version, base64, sizes) or KEY_MISMATCH (the tag did not verify:
 * another key, another direction, or altered bytes; GCM cannot tell these apart).
 */
export class EnvelopeError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'EnvelopeError';
    this.code = code;
  }
}

/** A fresh random key (tests and future use; the bridge makes the install key). */
export function randomKey() {
  return globalThis.crypto.getRandomValues(new Uint8Array(KEY_SIZE));
}

/** The 32-byte key in base64, as key_b64 in pair_ack and in storage. */
export function keyToBase64(key) {
  return base64Encode(key);
}

/** A key from base64; throws unless it is exactly 32 bytes. */
export function keyFromBase64(text) {
  const key = base64Decode(text);
  if (key.length !== KEY_SIZE) throw new Error(`a key is ${KEY_SIZE} bytes, this is ${key.length}`);
  return key;
}

/**
 * Checks the text a user typed as a custom key. Returns null when it is acceptable, else a
 * sentence saying what is wrong (the same rule as `postern set-key`: 10 to 256 ASCII letters
 * and digits).
 */
export function customKeyProblem(text) {
  if (typeof text !== 'string') return 'the key must be text';
  if (text.length < MIN_CUSTOM_KEY_LENGTH)
    return `the key has ${text.length} characters; it needs at least ${MIN_CUSTOM_KEY_LENGTH}`;
  if (text.length > MAX_CUSTOM_KEY_LENGTH)
    return `the key is longer than ${MAX_CUSTOM_KEY_LENGTH} characters`;
  const bad = text.search(/[^A-Za-z0-9]/);
  if (bad >= 0)
    return `the key has a character that is not a letter or digit at position ${bad + 1}`;
  return null;
}

/** Derives the AES key from a custom key's text (throws with customKeyProblem's sentence). */
export async function deriveCustomKey(text) {
  const problem = customKeyProblem(text);
  if (problem) throw new Error(problem);
  const material = await subtle().importKey('raw', utf8Encode(text), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: utf8Encode(CUSTOM_KEY_SALT), iterations: CUSTOM_KEY_ITERATIONS },
    material, KEY_SIZE * 8);
  return new Uint8Array(bits);
}

/** The key check of `key`: 16 lowercase hex digits exchanged in hello / hello_ack. */
export async function keyCheck(key) {
  const hmacKey = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await subtle().sign('HMAC', hmacKey, utf8Encode(KEY_CHECK_LABEL)));
  return hexEncode(mac.subarray(0, 8));
}

function importAesKey(key, usage) {
  if (!(key instanceof Uint8Array) || key.length !== KEY_SIZE)
    throw new Error(`an AES-256 key is ${KEY_SIZE} bytes`);
  return subtle().importKey('raw', key, 'AES-GCM', false, [usage]);
}

/** Seals `plaintext` (a string) into {"type":"sealed","v":1,"iv","ct","tag"}. */
export async function seal(key, plaintext, aad) {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_SIZE));
  const aesKey = await importAesKey(key, 'encrypt');
  const sealed = new Uint8Array(await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8Encode(aad), tagLength: TAG_SIZE * 8 },
    aesKey, utf8Encode(plaintext)));
  // WebCrypto appends the tag; the envelope carries it in its own field.
  const split = sealed.length - TAG_SIZE;
  return {
    type: 'sealed',
    v: ENVELOPE_VERSION,
    iv: base64Encode(iv),
    ct: base64Encode(sealed.subarray(0, split)),
    tag: base64Encode(sealed.subarray(split)),
  };
}

function decodedField(envelope, name, size) {
  const value = envelope[name];
  if (typeof value !== 'string')
    throw new EnvelopeError('ENVELOPE_INVALID', `envelope field "${name}" is missing or not a string`);
  let bytes;
  try {
    bytes = base64Decode(value);
  } catch (error) {
    throw new EnvelopeError('ENVELOPE_INVALID', `envelope field "${name}": ${error.message}`);
  }
  if (size > 0 && bytes.length !== size)
    throw new EnvelopeError('ENVELOPE_INVALID',
      `envelope field "${name}" is ${bytes.length} bytes, expected ${size}`);
  return bytes;
}

/** Opens an envelope; returns the inner JSON text or throws EnvelopeError. */
export async function open(key, envelope, aad) {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope))
    throw new EnvelopeError('ENVELOPE_INVALID', 'an envelope is an object');
  if (envelope.type !== 'sealed')
    throw new EnvelopeError('ENVELOPE_INVALID', 'envelope type is not "sealed"');
  if (envelope.v !== ENVELOPE_VERSION)
    throw new EnvelopeError('ENVELOPE_INVALID', 'unsupported envelope version (this extension reads v1)');
  const iv = decodedField(envelope, 'iv', IV_SIZE);
  const ct = decodedField(envelope, 'ct', 0);
  const tag = decodedField(envelope, 'tag', TAG_SIZE);
  const joined = new Uint8Array(ct.length + TAG_SIZE);
  joined.set(ct);
  joined.set(tag, ct.length);
  const aesKey = await importAesKey(key, 'decrypt');
  let plain;
  try {
    plain = await subtle().decrypt(
      { name: 'AES-GCM', iv, additionalData: utf8Encode(aad), tagLength: TAG_SIZE * 8 }, aesKey, joined);
  } catch {
    throw new EnvelopeError('KEY_MISMATCH',
      'the message did not authenticate: the extension and the bridge use different keys, ' +
      'or the message was altered');
  }
  try {
    return utf8Decode(new Uint8Array(plain));
  } catch {
    throw new EnvelopeError('ENVELOPE_INVALID', 'the sealed message is not UTF-8');
  }
}
