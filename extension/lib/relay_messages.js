// The messages the extension will relay to the Postern runtime once capture and cookie sync
// arrive (a later issue). The types and outer fields are fixed by docs/bridge-protocol.md §4;
// the inner shapes are settled here so the runtime side can be written against them:
//   - headers are a list of {name, value} in wire order (webRequest's HttpHeaders), because
//     names repeat (Set-Cookie) and order matters to some servers;
//   - bodies are base64 (body_b64), because they are bytes, not text; null when absent or not
//     captured;
//   - times are milliseconds since the epoch, as webRequest's timeStamp;
//   - cookies use the runtime's snake_case names with expires in seconds (null = session).
// All of them are sealed, and chunked by the client when over one frame.

import { base64Encode } from './codec.js';

export const RelayedType = Object.freeze({
  captureRequest: 'capture.request',
  captureResponse: 'capture.response',
  cookiesSync: 'cookies.sync',
  runtimeRelay: 'runtime.relay',
});

const RELAYED = new Set(Object.values(RelayedType));

/** True for the types the bridge relays to the runtime unchanged. */
export function isRelayedType(type) {
  return RELAYED.has(type);
}

const headerList = (headers = []) =>
  headers.map(({ name, value, binaryValue }) => ({
    name: String(name),
    // webRequest gives binaryValue (bytes) for headers that are not valid UTF-8.
    value: value ?? (binaryValue ? String.fromCharCode(...binaryValue) : ''),
  }));

const bodyField = (body) => (body ? base64Encode(body) : null);

/** capture.request: one request seen by webRequest. `body` is a Uint8Array or null. */
export function captureRequest({ id, method, url, headers, body = null, tabId = -1, time }) {
  return { type: RelayedType.captureRequest, id,
    request: { method, url, headers: headerList(headers), body_b64: bodyField(body), tab: tabId, time } };
}

/** capture.response: the answer to the capture.request with the same `id`. */
export function captureResponse({ id, status, headers, body = null, time }) {
  return { type: RelayedType.captureResponse, id,
    response: { status, headers: headerList(headers), body_b64: bodyField(body), time } };
}

/** One chrome.cookies.Cookie in the runtime's shape. */
export function cookieRecord(cookie) {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain,
    path: cookie.path,
    secure: Boolean(cookie.secure),
    http_only: Boolean(cookie.httpOnly),
    same_site: cookie.sameSite ?? 'unspecified',
    host_only: Boolean(cookie.hostOnly),
    expires: cookie.session || cookie.expirationDate === undefined ? null : cookie.expirationDate,
  };
}

/** cookies.sync: every cookie of `domain` now (a full snapshot, so deletions carry over). */
export function cookiesSync({ id, domain, cookies }) {
  return { type: RelayedType.cookiesSync, id, domain, cookies: cookies.map(cookieRecord) };
}

/** runtime.relay: anything else between the extension and the runtime. */
export function runtimeRelay({ id, payload }) {
  return { type: RelayedType.runtimeRelay, id, payload };
}
