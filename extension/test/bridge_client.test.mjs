// Transcripts of docs/bridge-protocol.md §7 with the test playing the bridge through a fake
// port: what the client sends, what it stores, and which state (and remedy) it shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FakePort, FakeStorage, FakeTimers, SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK } from './helpers.mjs';
import { BridgeClient, Status } from '../lib/bridge_client.js';
import { splitMessage } from '../lib/chunking.js';
import { AAD_TO_BRIDGE, AAD_TO_EXTENSION, keyToBase64, open, randomKey, seal } from '../lib/crypto.js';
import { STORAGE_NAME } from '../lib/key_storage.js';
import { Title } from '../lib/status_view.js';

const CUSTOM_TEXT = 'abcdefghij1234567890';
const CUSTOM_CHECK = 'f01eea8f7d935696'; // the C++ test's vector for this text
const RUNTIME_DOWN = { connected: false, code: 'RUNTIME_NOT_RUNNING', message: 'the Postern runtime is not running' };
const RUNTIME_UP = { connected: true, code: null, message: 'connected' };

// The bridge's messages, shaped as protocol.cpp builds them.
const bridgeFields = (keyKind, keyCheck, canPair) =>
  ({ protocol: 1, bridge_version: '0.1.0', key_kind: keyKind, key_check: keyCheck, can_pair: canPair });
const helloAck = ({ paired, keyKind = null, keyCheck = null, canPair = false, runtime = RUNTIME_DOWN }) =>
  ({ type: 'hello_ack', paired, runtime, ...bridgeFields(keyKind, keyCheck, canPair) });
const pairAck = (key, check) => ({ type: 'pair_ack', key_kind: 'install', key_b64: keyToBase64(key), key_check: check });
const mismatch = (reason, { keyKind = 'install', keyCheck = '1111111111111111', canPair = false, extensionCheck = null } = {}) =>
  ({ type: 'key_mismatch', code: 'KEY_MISMATCH', reason, extension_key_check: extensionCheck,
    message: 'the extension and the bridge do not share a key', remedy: 'bridge remedy', ...bridgeFields(keyKind, keyCheck, canPair) });
const bridgeError = (code, message = 'it failed', remedy = 'do this', inReplyTo = null) =>
  ({ type: 'error', code, message, remedy, in_reply_to: inReplyTo });
const installRecord = (key) => ({ version: 1, kind: 'install', key_b64: keyToBase64(key) });

function harness({ storage = new FakeStorage(), connect, ...options } = {}) {
  const timers = new FakeTimers();
  const ports = [];
  const client = new BridgeClient({
    connect: connect ?? (() => {
      const port = new FakePort();
      ports.push(port);
      return port;
    }),
    storage, timers, extensionVersion: '0.1.0', ...options,
  });
  const h = {
    client, ports, storage, timers,
    get port() { return ports.at(-1); },
    get state() { return client.state; },
    async start() { await client.start(); await client.settled(); },
    async reply(message) { h.port.deliver(message); await client.settled(); },
    async drop(text) { h.port.drop(text); await client.settled(); },
    async advance(ms) { timers.advance(ms); await client.settled(); await client.settled(); },
    async storedRecord() { return (await storage.get(STORAGE_NAME))[STORAGE_NAME]; },
  };
  return h;
}

async function openSent(message, key = SEQUENTIAL_KEY) {
  assert.equal(message.type, 'sealed');
  return JSON.parse(await open(key, message, AAD_TO_BRIDGE));
}

const sealedForExtension = async (message, key = SEQUENTIAL_KEY) =>
  seal(key, JSON.stringify(message), AAD_TO_EXTENSION);

async function pairedHarness(options = {}) {
  const h = harness({ storage: new FakeStorage({ [STORAGE_NAME]: installRecord(SEQUENTIAL_KEY) }), ...options });
  await h.start();
  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  return h;
}

test('first connect: hello → pair → pair_ack (stored) → hello → paired → sealed status.get', async () => {
  const h = harness();
  await h.start();
  assert.equal(h.state.status, Status.connecting);
  assert.deepEqual(h.port.sent, [{ type: 'hello', protocol: 1, key_check: null, extension_version: '0.1.0' }]);

  await h.reply(helloAck({ paired: false, canPair: true }));
  assert.equal(h.state.status, Status.pairing);
  assert.deepEqual(h.port.last, { type: 'pair' });

  await h.reply(pairAck(SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK));
  assert.deepEqual(await h.storedRecord(), installRecord(SEQUENTIAL_KEY));
  assert.deepEqual(h.port.last, { type: 'hello', protocol: 1, key_check: SEQUENTIAL_KEY_CHECK, extension_version: '0.1.0' });

  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  assert.equal(h.state.status, Status.paired);
  assert.equal(h.state.summary, Title.runtimeDown);
  assert.deepEqual(h.state.key, { kind: 'install', check: SEQUENTIAL_KEY_CHECK });
  const statusGet = await openSent(h.port.last);
  assert.equal(statusGet.type, 'status.get');
  assert.ok(statusGet.id);

  await h.reply(await sealedForExtension({ type: 'status', paired: true, runtime: RUNTIME_UP, ...bridgeFields('install', SEQUENTIAL_KEY_CHECK, false) }));
  assert.equal(h.state.runtime.connected, true);
  assert.equal(h.state.summary, Title.connected);
  assert.equal(h.ports.length, 1, 'one connection throughout');
  assert.equal(h.state.problem, null);
});

test('a pair_ack whose key check does not match its key is refused and not stored', async () => {
  const h = harness();
  await h.start();
  await h.reply(helloAck({ paired: false, canPair: true }));
  await h.reply(pairAck(SEQUENTIAL_KEY, '0000000000000000'));
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.problem.code, 'PROTOCOL_ERROR');
  assert.equal(await h.storedRecord(), undefined);
});

test('later connects: the stored key is reused, no pairing', async () => {
  const h = await pairedHarness();
  assert.equal(h.port.sent[0].key_check, SEQUENTIAL_KEY_CHECK);
  assert.equal(h.port.sentOfType('pair').length, 0);
  assert.equal(h.state.status, Status.paired);
  // A reconnect (new bridge process) says hello with the same key again.
  await h.client.reconnect();
  await h.client.settled();
  assert.equal(h.ports.length, 2);
  assert.equal(h.ports[0].disconnected, true, 'the old port is closed');
  assert.equal(h.port.sent[0].key_check, SEQUENTIAL_KEY_CHECK);
});

test('bridge_has_no_key with can_pair: the stored key is dropped and pairing happens', async () => {
  const h = harness({ storage: new FakeStorage({ [STORAGE_NAME]: installRecord(randomKey()) }) });
  await h.start();
  await h.reply(mismatch('bridge_has_no_key', { keyKind: null, keyCheck: null, canPair: true }));
  assert.equal(await h.storedRecord(), undefined);
  assert.deepEqual(h.port.last, { type: 'pair' });
  assert.equal(h.state.status, Status.pairing);
  await h.reply(pairAck(SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK));
  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  assert.equal(h.state.status, Status.paired);
  assert.deepEqual(await h.storedRecord(), installRecord(SEQUENTIAL_KEY));
});

test('keys_differ with a new install key we may pair with: pairs again (the race of §6)', async () => {
  const h = harness({ storage: new FakeStorage({ [STORAGE_NAME]: installRecord(randomKey()) }) });
  await h.start();
  await h.reply(mismatch('keys_differ', { keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK, canPair: true }));
  assert.deepEqual(h.port.last, { type: 'pair' });
  await h.reply(pairAck(SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK));
  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  assert.equal(h.state.status, Status.paired);
});

test('keys_differ without can_pair: a named key mismatch, the port stays open', async () => {
  const h = harness({ storage: new FakeStorage({ [STORAGE_NAME]: installRecord(randomKey()) }) });
  await h.start();
  await h.reply(mismatch('keys_differ'));
  assert.equal(h.state.status, Status.keyMismatch);
  assert.equal(h.state.summary, Title.keyMismatch);
  assert.equal(h.state.problem.code, 'KEY_MISMATCH');
  assert.equal(h.state.problem.reason, 'keys_differ');
  assert.match(h.state.problem.remedy, /postern set-key/);
  assert.equal(h.state.problem.bridge_remedy, 'bridge remedy');
  assert.equal(h.state.needs_custom_key, true);
  assert.equal(h.port.disconnected, false);
  assert.ok(await h.storedRecord(), 'our key is kept: the user decides');
  assert.equal(h.port.sentOfType('pair').length, 0);
});

test('custom_key_required: named, then the typed key is tried on the same port', async () => {
  const h = harness();
  await h.start();
  await h.reply(mismatch('custom_key_required', { keyKind: 'custom', keyCheck: CUSTOM_CHECK }));
  assert.equal(h.state.status, Status.keyMismatch);
  assert.equal(h.state.problem.reason, 'custom_key_required');
  assert.match(h.state.problem.remedy, /lock icon/);
  assert.equal(h.state.needs_custom_key, true);

  assert.deepEqual(await h.client.setCustomKey('short'), { ok: false, error: 'the key has 5 characters; it needs at least 10' });
  const result = await h.client.setCustomKey(CUSTOM_TEXT);
  assert.deepEqual(result, { ok: true, key_check: CUSTOM_CHECK });
  const record = await h.storedRecord();
  assert.equal(record.kind, 'custom');
  assert.ok(!JSON.stringify(record).includes(CUSTOM_TEXT), 'the typed text is never stored');
  assert.equal(h.ports.length, 1);
  assert.deepEqual(h.port.last, { type: 'hello', protocol: 1, key_check: CUSTOM_CHECK, extension_version: '0.1.0' });
  assert.equal(h.state.status, Status.connecting);

  await h.reply(helloAck({ paired: true, keyKind: 'custom', keyCheck: CUSTOM_CHECK }));
  assert.equal(h.state.status, Status.paired);
  assert.deepEqual(h.state.key, { kind: 'custom', check: CUSTOM_CHECK });
});

test('a different custom key on each side: keys_differ names the custom key', async () => {
  const h = harness();
  await h.start();
  await h.reply(helloAck({ paired: false, canPair: true }));
  await h.client.setCustomKey('anotherKey12345');
  await h.reply(mismatch('keys_differ', { keyKind: 'custom', keyCheck: CUSTOM_CHECK }));
  assert.equal(h.state.status, Status.keyMismatch);
  assert.match(h.state.problem.message, /custom key in this browser differs/);
  assert.equal(h.port.sentOfType('pair').length, 1, 'no pairing attempt for a custom key');
});

test('extension_has_no_key: named with what to do', async () => {
  const h = harness();
  await h.start();
  await h.reply(mismatch('extension_has_no_key'));
  assert.equal(h.state.status, Status.keyMismatch);
  assert.equal(h.state.problem.reason, 'extension_has_no_key');
  assert.match(h.state.problem.remedy, /postern set-key/);
});

test('a mismatch is retried with a fresh hello now and then (postern set-key may fix it)', async () => {
  const h = harness({ pollIntervalMs: 30000 });
  await h.start();
  await h.reply(mismatch('custom_key_required', { keyKind: 'custom', keyCheck: CUSTOM_CHECK }));
  const hellos = h.port.sentOfType('hello').length;
  await h.advance(30000);
  assert.equal(h.port.sentOfType('hello').length, hellos + 1);
  await h.reply(mismatch('custom_key_required', { keyKind: 'custom', keyCheck: CUSTOM_CHECK }));
  assert.equal(h.state.status, Status.keyMismatch);
});

test('forgetKey: the stored key goes and hello carries no key', async () => {
  const h = await pairedHarness();
  await h.client.forgetKey();
  assert.equal(await h.storedRecord(), undefined);
  assert.equal(h.port.last.key_check, null);
  assert.equal(h.state.key, null);
});

test('error frames: ORIGIN_NOT_ALLOWED keeps the bridge\'s words over "Native host has exited."', async () => {
  const h = harness();
  await h.start();
  await h.reply(bridgeError('ORIGIN_NOT_ALLOWED', 'the caller chrome-extension://x/ is not allowed', 'install the Postern extension'));
  await h.drop('Native host has exited.');
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.problem.code, 'ORIGIN_NOT_ALLOWED');
  assert.equal(h.state.problem.remedy, 'install the Postern extension');
  assert.equal(h.state.last_error.code, 'ORIGIN_NOT_ALLOWED');
});

test('error frames: a damaged key file on the bridge is Not connected with its remedy', async () => {
  const h = harness();
  await h.start();
  await h.reply(bridgeError('KEY_STORE_CORRUPT', 'the bridge key file is damaged', 'move it aside and pair again'));
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.summary, Title.notConnected);
  assert.equal(h.state.problem.code, 'KEY_STORE_CORRUPT');
  assert.equal(h.state.problem.remedy, 'move it aside and pair again');
  assert.equal(h.ports[0].disconnected, true, 'closed, to retry later');
  assert.equal(h.state.retry_in_ms, 1000);
});

test('error frames: CUSTOM_KEY_REQUIRED and ALREADY_PAIRED answering pair are key mismatches', async () => {
  for (const [code, reason] of [['CUSTOM_KEY_REQUIRED', 'custom_key_required'], ['ALREADY_PAIRED', 'extension_has_no_key']]) {
    const h = harness();
    await h.start();
    await h.reply(helloAck({ paired: false, canPair: true }));
    await h.reply(bridgeError(code));
    assert.equal(h.state.status, Status.keyMismatch, code);
    assert.equal(h.state.problem.reason, reason);
  }
});

test('error frames after pairing: RUNTIME_NOT_RUNNING for a relayed message reaches onRelayError', async () => {
  const h = await pairedHarness();
  await h.reply(await sealedForExtension({ type: 'status', paired: true, runtime: RUNTIME_UP, ...bridgeFields('install', SEQUENTIAL_KEY_CHECK, false) }));
  const relayErrors = [];
  h.client.onRelayError((error) => relayErrors.push(error));
  assert.equal(await h.client.sendToRuntime({ type: 'runtime.relay', id: 'r1', payload: { hi: 1 } }), true);
  assert.deepEqual(await openSent(h.port.last), { type: 'runtime.relay', id: 'r1', payload: { hi: 1 } });
  await h.reply(bridgeError('RUNTIME_NOT_RUNNING', 'the runtime is not running', 'start it', 'r1'));
  assert.equal(relayErrors.length, 1);
  assert.equal(relayErrors[0].in_reply_to, 'r1');
  assert.equal(h.state.runtime.connected, false);
  assert.equal(h.state.status, Status.paired);
  assert.throws(() => h.client.sendToRuntime({ type: 'hello' }), /not a relayed type/);
});

test('a sealed relay_ack from the runtime reaches the runtime listeners, not the error log', async () => {
  const h = await pairedHarness();
  const fromRuntime = [];
  h.client.onRuntimeMessage((message) => fromRuntime.push(message));
  await h.client.sendToRuntime({ type: 'runtime.relay', id: 'r2', payload: {} });
  await h.reply(await sealedForExtension({ type: 'relay_ack', id: 'r2', of: 'runtime.relay' }));
  assert.deepEqual(fromRuntime, [{ type: 'relay_ack', id: 'r2', of: 'runtime.relay' }]);
  assert.equal(h.state.status, Status.paired);
});

test('error frames after pairing: the bridge could not open our envelope → hello again', async () => {
  const h = await pairedHarness();
  const hellos = h.port.sentOfType('hello').length;
  await h.reply(bridgeError('KEY_MISMATCH', 'the message did not authenticate'));
  assert.equal(h.port.sentOfType('hello').length, hellos + 1);
  await h.reply(mismatch('keys_differ'));
  assert.equal(h.state.status, Status.keyMismatch);
});

test('sealed messages from the bridge: tampered or reflected envelopes are a key mismatch', async () => {
  const h = await pairedHarness();
  // Our own status.get sent back at us: sealed for the other direction, so it must not open.
  await h.reply(h.port.sentOfType('sealed')[0]);
  assert.equal(h.state.status, Status.keyMismatch);
  assert.equal(h.state.problem.reason, 'envelope_rejected');

  const h2 = await pairedHarness();
  await h2.reply({ type: 'sealed', v: 1, iv: 'short', ct: '', tag: '' });
  assert.equal(h2.state.status, Status.paired, 'a malformed envelope is noted, not a mismatch');
  assert.equal(h2.state.last_error.code, 'ENVELOPE_INVALID');
});

test('runtime messages (sealed cookies.sync) reach onRuntimeMessage', async () => {
  const h = await pairedHarness();
  const received = [];
  h.client.onRuntimeMessage((message) => received.push(message));
  await h.reply(await sealedForExtension({ type: 'cookies.sync', id: 7, domain: 'site.test', cookies: [] }));
  assert.deepEqual(received, [{ type: 'cookies.sync', id: 7, domain: 'site.test', cookies: [] }]);
});

test('a chunked sealed status is reassembled; a broken chunk sequence is noted', async () => {
  const h = await pairedHarness();
  const status = { type: 'status', paired: true, runtime: RUNTIME_UP, padding: 'p'.repeat(5000), ...bridgeFields('install', SEQUENTIAL_KEY_CHECK, false) };
  const chunks = splitMessage(JSON.stringify(await sealedForExtension(status)), 1024, 1);
  assert.ok(chunks.length > 5);
  for (const c of chunks) h.port.deliver(c);
  await h.client.settled();
  assert.equal(h.state.runtime.connected, true);
  await h.reply({ type: 'chunk', id: 2, seq: 3, last: true, data: 'x' });
  assert.equal(h.state.last_error.code, 'CHUNK_INVALID');
  assert.equal(h.state.status, Status.paired);
});

test('large outgoing messages are chunked, sealed first', async () => {
  const h = await pairedHarness({ maxFrame: 4096 });
  const payload = { body: 'b'.repeat(20000) };
  await h.client.sendToRuntime({ type: 'runtime.relay', id: 'big', payload });
  const chunks = h.port.sent.filter((m) => m.type === 'chunk');
  assert.ok(chunks.length >= 5);
  chunks.forEach((c, i) => {
    assert.equal(c.seq, i);
    assert.equal(c.id, 1);
    assert.ok(Buffer.byteLength(JSON.stringify(c)) <= 4096);
  });
  const envelope = JSON.parse(chunks.map((c) => c.data).join(''));
  assert.deepEqual(await openSent(envelope), { type: 'runtime.relay', id: 'big', payload });
});

test('nothing is sealed or relayed before pairing', async () => {
  const h = harness();
  await h.start();
  assert.equal(await h.client.sendToRuntime({ type: 'cookies.sync', id: 1, domain: 'x', cookies: [] }), false);
  assert.equal(h.port.sentOfType('sealed').length, 0);
});

const DISCONNECTS = [
  ['Specified native messaging host not found.', 'HOST_NOT_FOUND', /postern setup/],
  ['Access to the specified native messaging host is forbidden.', 'ORIGIN_NOT_ALLOWED', /postern setup/],
  ['Native host has exited.', 'HOST_EXITED', /postern doctor/],
  ['Error when communicating with the native messaging host.', 'HOST_COMMUNICATION_ERROR', /postern setup/],
  ['Invalid native messaging host name specified.', 'HOST_NAME_INVALID', /extension/],
  ['Something new in a later Chromium.', 'HOST_DISCONNECTED', /postern doctor/],
  [null, 'HOST_DISCONNECTED', /Reconnect/],
];

test('each lastError text becomes Not connected with a code and a remedy', async () => {
  for (const [text, code, remedy] of DISCONNECTS) {
    const h = harness();
    await h.start();
    await h.drop(text);
    assert.equal(h.state.status, Status.notConnected, String(text));
    assert.equal(h.state.summary, Title.notConnected);
    assert.equal(h.state.problem.code, code);
    assert.match(h.state.problem.remedy, remedy);
    assert.equal(h.state.problem.browser_text, text);
  }
});

test('a lost port while paired is Not connected too, then reconnects by itself', async () => {
  const h = await pairedHarness();
  await h.drop('Native host has exited.');
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.paired, false);
  await h.advance(1000);
  assert.equal(h.ports.length, 2);
  assert.equal(h.state.status, Status.connecting);
});

test('reconnects back off 1, 2, 4, … 60 s, and a successful pairing resets the backoff', async () => {
  const h = harness();
  await h.start();
  const delays = [];
  for (let i = 0; i < 9; i++) {
    await h.drop('Specified native messaging host not found.');
    delays.push(h.state.retry_in_ms);
    await h.advance(h.state.retry_in_ms);
    assert.equal(h.ports.length, i + 2);
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  await h.reply(helloAck({ paired: false, canPair: true }));
  await h.reply(pairAck(SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK));
  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  await h.drop('Native host has exited.');
  assert.equal(h.state.retry_in_ms, 1000);
});

test('the popup\'s Reconnect connects at once and resets the backoff', async () => {
  const h = harness();
  await h.start();
  await h.drop('Specified native messaging host not found.');
  await h.client.reconnect();
  await h.client.settled();
  assert.equal(h.ports.length, 2);
  assert.deepEqual(h.timers.delays(), [10000], 'only the handshake timer; the retry was cancelled');
});

test('connectNative throwing (no permission) is NATIVE_MESSAGING_UNAVAILABLE', async () => {
  const h = harness({ connect: () => { throw new TypeError('chrome.runtime.connectNative is not a function'); } });
  await h.start();
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.problem.code, 'NATIVE_MESSAGING_UNAVAILABLE');
});

test('a bridge that never answers hello times out', async () => {
  const h = harness({ handshakeTimeoutMs: 5000 });
  await h.start();
  await h.advance(5000);
  assert.equal(h.state.status, Status.notConnected);
  assert.equal(h.state.problem.code, 'HANDSHAKE_TIMEOUT');
  assert.equal(h.ports[0].disconnected, true);
});

test('paired: status.get is polled', async () => {
  const h = await pairedHarness({ pollIntervalMs: 30000 });
  const before = h.port.sentOfType('sealed').length;
  await h.advance(30000);
  await h.advance(30000);
  assert.equal(h.port.sentOfType('sealed').length, before + 2);
  assert.equal((await openSent(h.port.last)).type, 'status.get');
});

test('a damaged stored key is ignored (and pairing offered), not a crash', async () => {
  const h = harness({ storage: new FakeStorage({ [STORAGE_NAME]: { version: 1, kind: 'install', key_b64: 'broken' } }) });
  await h.start();
  assert.equal(h.port.sent[0].key_check, null);
});

test('every state change is reported with its summary', async () => {
  const states = [];
  const h = harness({ onState: (state) => states.push(state) });
  await h.start();
  await h.reply(helloAck({ paired: false, canPair: true }));
  await h.reply(pairAck(SEQUENTIAL_KEY, SEQUENTIAL_KEY_CHECK));
  await h.reply(helloAck({ paired: true, keyKind: 'install', keyCheck: SEQUENTIAL_KEY_CHECK }));
  const summaries = [...new Set(states.map((s) => s.summary))];
  assert.deepEqual(summaries, [Title.connecting, Title.pairing, Title.runtimeDown]);
  assert.ok(states.every((s) => !JSON.stringify(s).includes(keyToBase64(SEQUENTIAL_KEY))), 'the key never appears in a state');
});
