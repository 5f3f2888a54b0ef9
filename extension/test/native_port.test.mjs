import assert from 'node:assert/strict';
import { test } from 'node:test';

import { connectNativePort, HOST_NAME } from '../lib/native_port.js';

// chrome.runtime as far as connectNative goes: lastError is set only while onDisconnect runs.
function fakeRuntime() {
  const runtime = { lastError: undefined, opened: [] };
  runtime.connectNative = (name) => {
    const listeners = { message: [], disconnect: [] };
    const port = {
      posted: [],
      postMessage: (m) => port.posted.push(m),
      disconnect: () => { port.closed = true; },
      onMessage: { addListener: (fn) => listeners.message.push(fn) },
      onDisconnect: { addListener: (fn) => listeners.disconnect.push(fn) },
      emit: (m) => listeners.message.forEach((fn) => fn(m, port)),
      drop: (text) => {
        runtime.lastError = text === null ? undefined : { message: text };
        listeners.disconnect.forEach((fn) => fn(port));
        runtime.lastError = undefined;
      },
    };
    runtime.opened.push({ name, port });
    return port;
  };
  return runtime;
}

test('connects to com.postern.bridge and hands lastError\'s text to the disconnect listener', () => {
  const runtime = fakeRuntime();
  const port = connectNativePort(runtime);
  assert.equal(HOST_NAME, 'com.postern.bridge');
  assert.equal(runtime.opened[0].name, HOST_NAME);
  const messages = [];
  const reasons = [];
  port.onMessage.addListener((m) => messages.push(m));
  port.onDisconnect.addListener((text) => reasons.push(text));
  port.postMessage({ type: 'hello' });
  assert.deepEqual(runtime.opened[0].port.posted, [{ type: 'hello' }]);
  runtime.opened[0].port.emit({ type: 'hello_ack' });
  assert.deepEqual(messages, [{ type: 'hello_ack' }]);
  runtime.opened[0].port.drop('Native host has exited.');
  runtime.opened[0].port.drop(null);
  assert.deepEqual(reasons, ['Native host has exited.', null]);
  port.disconnect();
  assert.equal(runtime.opened[0].port.closed, true);
});

test('connectNative throwing (no permission) propagates, for the client to name', () => {
  assert.throws(() => connectNativePort({}), TypeError);
});
