// The extension's side of docs/bridge-protocol.md as a state machine that knows nothing of
// chrome.*: it is given a way to open a port, a storage object and timers, so node runs every
// conversation against a fake port (test/bridge_client.test.mjs) and against the real bridge
// binary (test/bridge_interop.test.mjs). sw.js plugs in chrome.runtime.connectNative and
// chrome.storage.local.
//
// A port is {postMessage(obj), disconnect(), onMessage.addListener(fn(obj)),
// onDisconnect.addListener(fn(lastErrorText|null))} — Chromium's Port, except that the
// disconnect listener is handed lastError's text (native_port.js does that adaptation).
//
// States (state.status):
//   connecting    port opened, hello sent, waiting for the answer
//   pairing       pair sent (first connect, or the bridge lost its key), waiting for pair_ack
//   paired        keys agree; sealed messages flow; state.runtime says whether the runtime is up
//   key_mismatch  the bridge named a mismatch we cannot fix alone; the port stays open so a
//                 typed custom key is tried at once with another hello
//   not_connected the port is gone or the bridge refused us; a reconnect is scheduled
//
// Everything that touches the conversation (messages, disconnects, user commands, timers) runs
// through one promise queue, so the async crypto never lets two handlers interleave.

import { bridgeHandlers } from './bridge_handlers.js';
import { ChunkAssembler, MAX_FRAME, splitMessage } from './chunking.js';
import { PROTOCOL_VERSION, Status } from './client_status.js';
import { AAD_TO_BRIDGE, customKeyProblem, deriveCustomKey, seal } from './crypto.js';
import { describeConnectFailure, describeDisconnect, describeHandshakeTimeout } from './host_errors.js';
import { loadKey, removeKey, saveKey } from './key_storage.js';
import { isRelayedType } from './relay_messages.js';
import { describeState } from './status_view.js';

export { PROTOCOL_VERSION, Status };

const DEFAULTS = {
  extensionVersion: null,
  retryInitialMs: 1000, // first reconnect after a lost port
  retryMaxMs: 60000, // backoff ceiling: `postern setup` may be run at any time
  handshakeTimeoutMs: 10000, // the bridge answers in milliseconds; this is a hung process
  pollIntervalMs: 30000, // status.get when paired, a fresh hello when keys mismatch; 0 = off
  maxFrame: MAX_FRAME,
};

export class BridgeClient {
  /**
   * @param {object} options
   * @param {() => object} options.connect opens a port (may throw)
   * @param {object} options.storage chrome.storage.local-like
   * @param {object} [options.timers] {setTimeout, clearTimeout, now}
   * @param {(state) => void} [options.onState] called with every new state
   * @param {(text) => void} [options.log]
   */
  constructor({ connect, storage, timers = globalThis, onState = () => {}, log = () => {}, ...options }) {
    this.connectPort = connect;
    this.storage = storage;
    this.timers = {
      setTimeout: timers.setTimeout.bind(timers),
      clearTimeout: timers.clearTimeout.bind(timers),
      now: timers.now ? timers.now.bind(timers) : () => Date.now(),
    };
    this.onState = onState;
    this.log = log;
    this.options = { ...DEFAULTS, ...options };
    this.queue = Promise.resolve();
    this.conn = null; // the live connection: {port, assembler, nextChunkId, ...}
    this.key = null; // {kind, bytes, check} or null
    this.failures = 0; // consecutive failed connects, for the backoff
    this.timersById = { retry: null, handshake: null, poll: null };
    this.runtimeListeners = [];
    this.relayErrorListeners = [];
    this.nextRequestId = 1;
    this.stateChanged = false; // set by update(), cleared when listeners have been told
    this.state = {
      status: Status.notConnected, summary: '', paired: false, key: null, bridge: null,
      runtime: null, problem: null, needs_custom_key: false, last_error: null,
      attempt: 0, retry_in_ms: null, since: this.timers.now(), updated_at: this.timers.now(),
    };
  }

  // ---- public API --------------------------------------------------------------------------

  /** Connects (once); later calls do nothing while a connection is up or being made. */
  start() {
    return this.enqueue(async () => {
      if (!this.conn) await this.connectNow();
    });
  }

  /** Drops any connection and connects at once, with the backoff reset (the popup's button). */
  reconnect() {
    return this.enqueue(async () => {
      this.failures = 0;
      await this.connectNow();
    });
  }

  /**
   * Validates and derives a custom key, stores it and tries it at once. Resolves
   * {ok: true, key_check} or {ok: false, error}.
   */
  setCustomKey(text) {
    const problem = customKeyProblem(text);
    if (problem) return Promise.resolve({ ok: false, error: problem });
    return this.enqueue(async () => {
      const bytes = await deriveCustomKey(text);
      this.key = await saveKey(this.storage, 'custom', bytes);
      this.log(`custom key set (key check ${this.key.check})`);
      await this.rehello();
      return { ok: true, key_check: this.key.check };
    });
  }

  /** Forgets the stored key and says hello without one (pairs when the bridge allows it). */
  forgetKey() {
    return this.enqueue(async () => {
      await removeKey(this.storage);
      this.key = null;
      await this.rehello();
      return { ok: true };
    });
  }

  /** Asks the bridge for its status (sealed); the answer updates state.runtime. */
  requestStatus() {
    return this.enqueue(() => this.sendSealed({ type: 'status.get', id: this.requestId('status') }));
  }

  /**
   * Sends a relayed message (relay_messages.js) to the runtime. Resolves false when not paired.
   * Errors the bridge answers with (in_reply_to = the message's id) reach onRelayError.
   */
  sendToRuntime(message) {
    if (!isRelayedType(message?.type)) throw new Error(`${message?.type} is not a relayed type`);
    return this.enqueue(() => this.sendSealed(message));
  }

  /** Listens for sealed messages from the runtime (cookies.sync, runtime.relay). */
  onRuntimeMessage(listener) {
    this.runtimeListeners.push(listener);
  }

  /** Listens for bridge errors answering a relayed message. */
  onRelayError(listener) {
    this.relayErrorListeners.push(listener);
  }

  /** Closes the connection and stops all timers (tests; the service worker never stops). */
  stop() {
    return this.enqueue(async () => {
      this.clearAllTimers();
      this.closePort();
    });
  }

  /** Resolves once everything queued so far has run (tests). */
  settled() {
    return this.enqueue(async () => {});
  }

  // ---- connection ---------------------------------------------------------------------------

  enqueue(task) {
    // Listeners hear the state once per event, after its handler, not once per field changed.
    const run = this.queue.then(task).finally(() => this.flushState());
    // One failing task must not wedge the queue; it is logged and recorded.
    this.queue = run.catch((error) => {
      this.log(`internal error: ${error?.stack ?? error}`);
      this.update({ last_error: { code: 'EXTENSION_INTERNAL_ERROR', message: String(error?.message ?? error),
        at: this.timers.now() } });
      this.flushState();
    });
    return run;
  }

  async connectNow() {
    this.clearAllTimers();
    this.closePort();
    this.key = await loadKey(this.storage, (text) => this.log(text));
    this.update({ status: Status.connecting, attempt: this.state.attempt + 1, retry_in_ms: null,
      problem: null, needs_custom_key: false, paired: false, key: this.keySummary() });
    let port;
    try {
      port = this.connectPort();
    } catch (error) {
      this.fail(describeConnectFailure(error));
      return;
    }
    const conn = { port, assembler: new ChunkAssembler(), nextChunkId: 1, repairTried: false };
    this.conn = conn;
    port.onMessage.addListener((message) => {
      this.enqueue(() => (this.conn === conn ? this.handleMessage(message) : undefined));
    });
    port.onDisconnect.addListener((lastErrorText) => {
      this.enqueue(() => (this.conn === conn ? this.handleDisconnect(lastErrorText) : undefined));
    });
    this.sendHello();
  }

  closePort() {
    const conn = this.conn;
    this.conn = null; // first, so the port's own disconnect event is ignored
    if (!conn) return;
    try {
      conn.port.disconnect();
    } catch {
      // already closed
    }
  }

  // Sends hello on the open port, or connects when there is none.
  async rehello() {
    if (this.conn) {
      this.update({ status: Status.connecting, key: this.keySummary(), problem: null, needs_custom_key: false });
      this.sendHello();
    } else {
      await this.connectNow();
    }
  }

  sendHello() {
    this.post({ type: 'hello', protocol: PROTOCOL_VERSION, key_check: this.key?.check ?? null,
      extension_version: this.options.extensionVersion });
    this.armHandshakeTimer();
  }

  sendPair() {
    this.update({ status: Status.pairing });
    this.post({ type: 'pair' });
    this.armHandshakeTimer();
  }

  // Posts one plain message, chunked when its JSON text is over one frame.
  post(message) {
    const conn = this.conn;
    if (!conn) return false;
    const text = JSON.stringify(message);
    // Six bytes per UTF-16 unit is the most any JSON writer spends (\uXXXX), so below that
    // the message surely fits one frame whichever writer Chromium uses; above it, chunks.
    const frames = text.length * 6 <= this.options.maxFrame ? [message]
      : splitMessage(text, this.options.maxFrame, conn.nextChunkId++);
    try {
      for (const frame of frames) conn.port.postMessage(frame);
      return true;
    } catch (error) {
      // Chromium throws on a port that disconnected before the event reached us.
      this.log(`cannot post ${message.type}: ${error.message}`);
      return false;
    }
  }

  async sendSealed(message) {
    if (!this.conn || this.state.status !== Status.paired || !this.key) return false;
    return this.post(await seal(this.key.bytes, JSON.stringify(message), AAD_TO_BRIDGE));
  }

  requestId(prefix) {
    return `${prefix}-${this.nextRequestId++}`;
  }

  // ---- incoming ------------------------------------------------------------------------------

  handleDisconnect(lastErrorText) {
    this.conn = null;
    this.log(`disconnected: ${lastErrorText ?? '(no error)'}`);
    this.fail(describeDisconnect(lastErrorText));
  }

  // ---- state and timers ----------------------------------------------------------------------

  // Not connected: close what is left, say why, and try again later.
  fail(problem) {
    this.clearAllTimers();
    this.closePort();
    this.failures++;
    const delay = Math.min(this.options.retryInitialMs * 2 ** (this.failures - 1), this.options.retryMaxMs);
    this.update({ status: Status.notConnected, paired: false, problem, needs_custom_key: false,
      retry_in_ms: delay });
    this.timersById.retry = this.timers.setTimeout(() => {
      this.timersById.retry = null;
      this.enqueue(() => (this.conn ? undefined : this.connectNow()));
    }, delay);
  }

  noteError(code, message, extra = {}) {
    this.log(`${code}: ${message}`);
    this.update({ last_error: { code, message, ...extra, at: this.timers.now() } });
  }

  armHandshakeTimer() {
    this.clearTimer('handshake');
    const ms = this.options.handshakeTimeoutMs;
    this.timersById.handshake = this.timers.setTimeout(() => {
      this.timersById.handshake = null;
      this.enqueue(() => {
        if (this.state.status === Status.connecting || this.state.status === Status.pairing)
          this.fail(describeHandshakeTimeout(ms));
      });
    }, ms);
  }

  armPollTimer() {
    this.clearTimer('poll');
    const ms = this.options.pollIntervalMs;
    if (!ms) return;
    this.timersById.poll = this.timers.setTimeout(() => {
      this.timersById.poll = null;
      this.enqueue(async () => {
        if (!this.conn) return;
        if (this.state.status === Status.paired) {
          await this.sendSealed({ type: 'status.get', id: this.requestId('status') });
          this.armPollTimer();
        } else if (this.state.status === Status.keyMismatch) {
          this.sendHello(); // the answer re-arms this timer if the mismatch persists
        }
      });
    }, ms);
  }

  clearTimer(name) {
    if (this.timersById[name] !== null) this.timers.clearTimeout(this.timersById[name]);
    this.timersById[name] = null;
  }

  clearAllTimers() {
    for (const name of Object.keys(this.timersById)) this.clearTimer(name);
  }

  keySummary() {
    return this.key ? { kind: this.key.kind, check: this.key.check } : null;
  }

  update(changes) {
    const now = this.timers.now();
    const next = { ...this.state, ...changes, updated_at: now };
    if (changes.status && changes.status !== this.state.status) next.since = now;
    next.summary = describeState(next).title;
    this.state = next;
    this.stateChanged = true;
  }

  flushState() {
    if (!this.stateChanged) return;
    this.stateChanged = false;
    try {
      this.onState(this.state);
    } catch (error) {
      this.log(`a state listener failed: ${error?.message ?? error}`);
    }
  }
}

// The handlers for what the bridge sends live in bridge_handlers.js.
Object.assign(BridgeClient.prototype, bridgeHandlers);
