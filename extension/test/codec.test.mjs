import assert from 'node:assert/strict';
import { test } from 'node:test';

import { base64Decode, base64Encode, Base64Error, bytesEqual, hexDecode, hexEncode, utf8Decode,
  utf8Encode, utf8Length } from '../lib/codec.js';

const bytes = (text) => Uint8Array.from(Buffer.from(text, 'latin1'));

test('base64 encodes like RFC 4648 (its test vectors)', () => {
  const vectors = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
  for (const [plain, encoded] of vectors) {
    assert.equal(base64Encode(bytes(plain)), encoded);
    assert.ok(bytesEqual(base64Decode(encoded), bytes(plain)));
  }
});

test('base64 round-trips every byte value and agrees with Buffer', () => {
  const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) & 0xff);
  for (let n = 0; n < 40; n++) {
    const slice = all.subarray(0, n * 19);
    const encoded = base64Encode(slice);
    assert.equal(encoded, Buffer.from(slice).toString('base64'));
    assert.ok(bytesEqual(base64Decode(encoded), slice));
  }
});

test('base64 decoding is as strict as the bridge (runtime/bridge/base64.cpp)', () => {
  for (const bad of ['Zg', 'Zg=', 'Zm9', 'Zh==', 'Zm9=', 'Z===', '====', 'Zm 9v', 'Zm9v\n', 'Zm-v', 'Zm_v',
    'Zg==Zg==', 'Zm\u00e9v']) {
    assert.throws(() => base64Decode(bad), Base64Error, JSON.stringify(bad));
  }
  assert.throws(() => base64Decode(null), Base64Error);
});

test('hex', () => {
  assert.equal(hexEncode(Uint8Array.from([0, 1, 0xab, 0xff])), '0001abff');
  assert.deepEqual([...hexDecode('0001abFF')], [0, 1, 0xab, 0xff]);
  assert.throws(() => hexDecode('abc'));
  assert.throws(() => hexDecode('zz'));
});

test('utf8 helpers: lengths match the encoder, invalid bytes are refused', () => {
  for (const text of ['', 'ascii', 'café', '😀 and 中文', '\u2028', 'lone \ud800 surrogate']) {
    assert.equal(utf8Length(text), utf8Encode(text).length, text);
  }
  assert.equal(utf8Decode(utf8Encode('naïve 😀')), 'naïve 😀');
  assert.throws(() => utf8Decode(Uint8Array.from([0xc0, 0xaf]))); // overlong '/'
  assert.throws(() => utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))); // a surrogate
});
