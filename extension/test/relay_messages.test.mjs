import assert from 'node:assert/strict';
import { test } from 'node:test';

import { captureRequest, captureResponse, cookiesSync, isRelayedType, runtimeRelay } from '../lib/relay_messages.js';

test('the relayed types are exactly the bridge\'s (runtime/bridge/protocol.cpp is_relayed_type)', () => {
  for (const type of ['capture.request', 'capture.response', 'cookies.sync', 'runtime.relay']) assert.ok(isRelayedType(type));
  for (const type of ['hello', 'status.get', 'sealed', 'chunk', undefined]) assert.ok(!isRelayedType(type));
});

test('capture messages: headers in order with repeats, bodies in base64', () => {
  const request = captureRequest({ id: 'c1', method: 'POST', url: 'https://site.test/a',
    headers: [{ name: 'Cookie', value: 'a=1' }, { name: 'X-Bin', binaryValue: [104, 105] }, { name: 'Cookie', value: 'b=2' }],
    body: new TextEncoder().encode('{"x":1}'), tabId: 3, time: 1700000000000.5 });
  assert.deepEqual(request, { type: 'capture.request', id: 'c1', request: { method: 'POST', url: 'https://site.test/a',
    headers: [{ name: 'Cookie', value: 'a=1' }, { name: 'X-Bin', value: 'hi' }, { name: 'Cookie', value: 'b=2' }],
    body_b64: 'eyJ4IjoxfQ==', tab: 3, time: 1700000000000.5 } });
  const response = captureResponse({ id: 'c1', status: 204, headers: [], time: 1 });
  assert.deepEqual(response.response, { status: 204, headers: [], body_b64: null, time: 1 });
});

test('cookies.sync: a full snapshot in the runtime\'s shape', () => {
  const message = cookiesSync({ id: 9, domain: 'site.test', cookies: [
    { name: 'srv', value: 'v', domain: 'site.test', path: '/', secure: true, httpOnly: true, sameSite: 'lax', hostOnly: true, session: false, expirationDate: 1800000000 },
    { name: 'js', value: 'w', domain: '.site.test', path: '/', secure: false, httpOnly: false, hostOnly: false, session: true },
  ] });
  assert.deepEqual(message.cookies, [
    { name: 'srv', value: 'v', domain: 'site.test', path: '/', secure: true, http_only: true, same_site: 'lax', host_only: true, expires: 1800000000 },
    { name: 'js', value: 'w', domain: '.site.test', path: '/', secure: false, http_only: false, same_site: 'unspecified', host_only: false, expires: null },
  ]);
  assert.deepEqual(runtimeRelay({ id: 1, payload: { any: ['json'] } }), { type: 'runtime.relay', id: 1, payload: { any: ['json'] } });
});
