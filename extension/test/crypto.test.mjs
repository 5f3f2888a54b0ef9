import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK } from './helpers.mjs';
import { base64Decode, base64Encode, hexEncode } from '../lib/codec.js';
import { AAD_TO_BRIDGE, AAD_TO_EXTENSION, customKeyProblem, deriveCustomKey, EnvelopeError, keyCheck,
  keyFromBase64, keyToBase64, open, randomKey, seal } from '../lib/crypto.js';

// Flips one bit of a base64 field, keeping it valid base64 of the same length.
function flipBit(envelope, field) {
  const raw = base64Decode(envelope[field]);
  raw[0] ^= 1;
  return { ...envelope, [field]: base64Encode(raw) };
}

async function rejects(promise, code) {
  await assert.rejects(promise, (error) => error instanceof EnvelopeError && error.code === code);
}

test('the AAD strings are the bridge\'s, byte for byte (runtime/bridge/protocol.hpp)', () => {
  assert.equal(AAD_TO_BRIDGE, 'postern-bridge/1 extension->bridge');
  assert.equal(AAD_TO_EXTENSION, 'postern-bridge/1 bridge->extension');
});

test('seal and open round-trip, with the envelope shape of §3', async () => {
  const key = randomKey();
  for (const plain of ['', '{"type":"status.get"}', 'é😀'.repeat(1000), 'x'.repeat(300000)]) {
    const envelope = await seal(key, plain, AAD_TO_BRIDGE);
    assert.deepEqual(Object.keys(envelope).sort(), ['ct', 'iv', 'tag', 'type', 'v']);
    assert.equal(envelope.type, 'sealed');
    assert.equal(envelope.v, 1);
    assert.equal(base64Decode(envelope.iv).length, 12);
    assert.equal(base64Decode(envelope.tag).length, 16);
    assert.equal(base64Decode(envelope.ct).length, Buffer.byteLength(plain));
    assert.equal(await open(key, envelope, AAD_TO_BRIDGE), plain);
  }
});

test('every IV is fresh', async () => {
  const a = await seal(SEQUENTIAL_KEY, 'same', AAD_TO_BRIDGE);
  const b = await seal(SEQUENTIAL_KEY, 'same', AAD_TO_BRIDGE);
  assert.notEqual(a.iv, b.iv);
});

test('the direction is enforced: an envelope never opens with the other AAD', async () => {
  const toBridge = await seal(SEQUENTIAL_KEY, '{"type":"status.get"}', AAD_TO_BRIDGE);
  await rejects(open(SEQUENTIAL_KEY, toBridge, AAD_TO_EXTENSION), 'KEY_MISMATCH');
  const toExtension = await seal(SEQUENTIAL_KEY, '{"type":"status"}', AAD_TO_EXTENSION);
  await rejects(open(SEQUENTIAL_KEY, toExtension, AAD_TO_BRIDGE), 'KEY_MISMATCH');
});

test('a wrong key or any altered byte is KEY_MISMATCH', async () => {
  const envelope = await seal(SEQUENTIAL_KEY, 'secret', AAD_TO_EXTENSION);
  await rejects(open(randomKey(), envelope, AAD_TO_EXTENSION), 'KEY_MISMATCH');
  for (const field of ['iv', 'ct', 'tag'])
    await rejects(open(SEQUENTIAL_KEY, flipBit(envelope, field), AAD_TO_EXTENSION), 'KEY_MISMATCH');
});

test('shape errors are ENVELOPE_INVALID, not a key mismatch', async () => {
  const envelope = await seal(SEQUENTIAL_KEY, 'secret', AAD_TO_EXTENSION);
  const broken = [
    { ...envelope, type: 'plain' }, { ...envelope, v: 2 }, { ...envelope, v: '1' },
    { ...envelope, iv: 'not base64!' }, { ...envelope, tag: base64Encode(new Uint8Array(5)) },
    { ...envelope, iv: base64Encode(new Uint8Array(16)) }, { ...envelope, ct: undefined },
    { ...envelope, ct: 'Zg' }, [], null, 'sealed',
  ];
  for (const bad of broken) await rejects(open(SEQUENTIAL_KEY, bad, AAD_TO_EXTENSION), 'ENVELOPE_INVALID');
});

test('an envelope sealed by the C++ seal() opens here, and not in the other direction', async () => {
  // Printed by a throwaway program linking build/runtime/bridge/libpostern_bridge_core.a:
  //   seal(key 00..1f, "{\"type\":\"status\",\"paired\":true,\"note\":\"café 😀\"}", kAadToExtension)
  const fromCpp = { ct: 'GKgbQJ4cMsRCiMAps1WkpqudAM7yU2NtIwHP+QHU2RM3dq4BhJVZGVFkkSfuQIEPMBVF',
    iv: '/o/IZSTAfNCgnxPo', tag: '6cNN+sTWVMWiy4MTQp7NwA==', type: 'sealed', v: 1 };
  assert.equal(await open(SEQUENTIAL_KEY, fromCpp, AAD_TO_EXTENSION),
    '{"type":"status","paired":true,"note":"café 😀"}');
  await rejects(open(SEQUENTIAL_KEY, fromCpp, AAD_TO_BRIDGE), 'KEY_MISMATCH');
});

test('key check: first 8 bytes of HMAC-SHA256(key, "postern-key-check") (C++ vectors)', async () => {
  assert.equal(await keyCheck(SEQUENTIAL_KEY), SEQUENTIAL_KEY_CHECK);
  assert.equal(await keyCheck(await deriveCustomKey('abcdefghij1234567890')), 'f01eea8f7d935696');
  assert.notEqual(await keyCheck(randomKey()), SEQUENTIAL_KEY_CHECK);
});

test('custom keys derive with PBKDF2 exactly as the bridge (tests/runtime/bridge vectors)', async () => {
  assert.equal(hexEncode(await deriveCustomKey('abcdefghij1234567890')),
    'd16a690dcc331eac29d18e66adacb2398af913a5fdc39e84d1a2f37733db349c');
  assert.equal(hexEncode(await deriveCustomKey('Postern2024Key')),
    'a1f2adc3b95de1a50d99bbb8ae990d56826620a6d41e21c3a000372c59bcfc38');
});

test('custom key validation: 10 to 256 ASCII letters and digits', async () => {
  assert.match(customKeyProblem('abcdefghi'), /9 characters; it needs at least 10/);
  for (const bad of ['abcdefghij!', 'abcde fghij', 'abcdefghié', 'abcdefghi-j', 'a'.repeat(257), '٣'.repeat(12)])
    assert.ok(customKeyProblem(bad), bad);
  assert.equal(customKeyProblem('abcdefghij'), null);
  assert.equal(customKeyProblem('A1'.repeat(128)), null);
  assert.equal(customKeyProblem(12345678901), 'the key must be text');
  await assert.rejects(deriveCustomKey('short'), /at least 10/);
});

test('keys in base64', () => {
  assert.deepEqual(keyFromBase64(keyToBase64(SEQUENTIAL_KEY)), SEQUENTIAL_KEY);
  assert.throws(() => keyFromBase64(base64Encode(new Uint8Array(31))), /32 bytes/);
  assert.throws(() => keyFromBase64('***'));
});
