import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeDisconnect, describeHandshakeTimeout, HostErrorCode } from '../lib/host_errors.js';
import { describeState, Title } from '../lib/status_view.js';

test('the popup titles for each state', () => {
  const cases = [
    [{ status: 'paired', runtime: { connected: true } }, Title.connected, 'ok'],
    [{ status: 'paired', runtime: { connected: false, message: 'the runtime is not running' } }, Title.runtimeDown, 'warn'],
    [{ status: 'paired', runtime: null }, Title.runtimeDown, 'warn'],
    [{ status: 'not_connected', problem: describeDisconnect('Specified native messaging host not found.') }, Title.notConnected, 'error'],
    [{ status: 'key_mismatch', problem: { message: 'm', remedy: 'r' } }, Title.keyMismatch, 'error'],
    [{ status: 'pairing' }, Title.pairing, 'busy'],
    [{ status: 'connecting' }, Title.connecting, 'busy'],
    [undefined, Title.connecting, 'busy'],
  ];
  for (const [state, title, tone] of cases) {
    const view = describeState(state);
    assert.equal(view.title, title);
    assert.equal(view.tone, tone);
  }
  assert.equal(Title.runtimeDown, 'Bridge connected, runtime not running');
});

test('Not connected and Key mismatch carry the reason and the remedy', () => {
  const notFound = describeState({ status: 'not_connected', problem: describeDisconnect('Specified native messaging host not found.') });
  assert.match(notFound.detail, /cannot find the Postern bridge/);
  assert.match(notFound.remedy, /`postern setup`/);
  const mismatch = describeState({ status: 'key_mismatch', problem: { message: 'keys differ', remedy: 'run `postern set-key`' } });
  assert.equal(mismatch.detail, 'keys differ');
  assert.equal(mismatch.remedy, 'run `postern set-key`');
  assert.match(describeState({ status: 'paired', runtime: { connected: false } }).remedy, /postern doctor/);
});

test('the lastError catalogue of recipes/chromium-e2e.md §3', () => {
  assert.equal(describeDisconnect('Specified native messaging host not found.').code, HostErrorCode.notFound);
  assert.equal(describeDisconnect('Access to the specified native messaging host is forbidden.').code, 'ORIGIN_NOT_ALLOWED');
  assert.equal(describeDisconnect('Native host has exited.').code, HostErrorCode.exited);
  assert.equal(describeDisconnect('Error when communicating with the native messaging host.').code, HostErrorCode.communication);
  assert.equal(describeDisconnect('Invalid native messaging host name specified.').code, HostErrorCode.invalidName);
  const unknown = describeDisconnect('Brand new text.');
  assert.equal(unknown.code, HostErrorCode.unknown);
  assert.match(unknown.message, /Brand new text\./);
  assert.equal(describeHandshakeTimeout(10000).code, HostErrorCode.timeout);
  assert.match(describeHandshakeTimeout(10000).message, /10 s/);
});
