// Test doubles for BridgeClient: a port the test plays the bridge through, chrome.storage.local
// in memory, and a clock the test moves by hand (so backoff and timeouts run in no time).

import { webcrypto } from 'node:crypto';

// Node 18 has WebCrypto only as require('crypto').webcrypto; 19+ also as globalThis.crypto.
if (!globalThis.crypto?.subtle) globalThis.crypto = webcrypto;

/** The sequential key 00 01 … 1f that tests/runtime/bridge/envelope_test.cpp uses too. */
export const SEQUENTIAL_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
/** key_check(SEQUENTIAL_KEY), as the C++ test checks it. */
export const SEQUENTIAL_KEY_CHECK = '4ce71360654af477';

/** A port whose other end is the test. */
export class FakePort {
  constructor() {
    this.sent = [];
    this.messageListeners = [];
    this.disconnectListeners = [];
    this.disconnected = false;
    this.onMessage = { addListener: (fn) => this.messageListeners.push(fn) };
    this.onDisconnect = { addListener: (fn) => this.disconnectListeners.push(fn) };
  }

  postMessage(message) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    // Through JSON, as Chromium does: the test sees what the bridge would.
    this.sent.push(JSON.parse(JSON.stringify(message)));
  }

  disconnect() {
    this.disconnected = true;
  }

  /** The bridge sends `message`. */
  deliver(message) {
    for (const fn of this.messageListeners) fn(JSON.parse(JSON.stringify(message)));
  }

  /** The port closes with chrome.runtime.lastError.message = `text`. */
  drop(text) {
    this.disconnected = true;
    for (const fn of this.disconnectListeners) fn(text);
  }

  /** Messages sent so far of `type`. */
  sentOfType(type) {
    return this.sent.filter((m) => m.type === type);
  }

  get last() {
    return this.sent.at(-1);
  }
}

/** chrome.storage.local's promise API over a Map. */
export class FakeStorage {
  constructor(initial = {}) {
    this.items = new Map(Object.entries(initial));
  }
  async get(name) {
    return this.items.has(name) ? { [name]: structuredClone(this.items.get(name)) } : {};
  }
  async set(items) {
    for (const [name, value] of Object.entries(items)) this.items.set(name, structuredClone(value));
  }
  async remove(name) {
    this.items.delete(name);
  }
}

/** setTimeout/clearTimeout/now on a clock that only moves with advance(). */
export class FakeTimers {
  constructor() {
    this.clock = 1000000;
    this.pending = new Map();
    this.nextId = 1;
  }
  setTimeout(fn, ms) {
    const id = this.nextId++;
    this.pending.set(id, { at: this.clock + ms, fn });
    return id;
  }
  clearTimeout(id) {
    this.pending.delete(id);
  }
  now() {
    return this.clock;
  }
  /** Delays of the timers still pending, from now. */
  delays() {
    return [...this.pending.values()].map((t) => t.at - this.clock).sort((a, b) => a - b);
  }
  /** Moves the clock by `ms`, running every timer that falls due, in order. */
  advance(ms) {
    const end = this.clock + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.clock = due[1].at;
      due[1].fn();
    }
    this.clock = end;
  }
}
