// BridgeClient's answers to what the bridge sends (docs/bridge-protocol.md §4): hello_ack, pair_ack,
// key_mismatch, error and sealed messages. Kept apart from the connection, queue and timer logic in
// bridge_client.js, which installs these methods on BridgeClient.prototype; `this` is the client.

import { AAD_TO_EXTENSION, EnvelopeError, keyCheck, keyFromBase64, open } from './crypto.js';
import { removeKey, saveKey } from './key_storage.js';
import { mismatchProblem } from './mismatch_problems.js';
import { isRelayedType } from './relay_messages.js';
import { Status } from './client_status.js';

export const bridgeHandlers = {
  async handleMessage(message) {
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') {
      this.noteError('MESSAGE_INVALID', 'the bridge sent a message without a type');
      return;
    }
    if (message.type === 'chunk') {
      const outcome = this.conn.assembler.add(message);
      if (outcome.error) {
        this.noteError('CHUNK_INVALID', outcome.detail);
        return;
      }
      if (outcome.message === undefined) return;
      let whole;
      try {
        whole = JSON.parse(outcome.message);
      } catch (error) {
        this.noteError('FRAME_INVALID', `chunked message: ${error.message}`);
        return;
      }
      if (whole?.type === 'chunk') {
        this.noteError('MESSAGE_INVALID', 'a chunked message cannot hold chunks');
        return;
      }
      await this.handleMessage(whole);
      return;
    }
    switch (message.type) {
      case 'hello_ack': return this.handleHelloAck(message);
      case 'pair_ack': return this.handlePairAck(message);
      case 'key_mismatch': return this.handleKeyMismatch(message);
      case 'error': return this.handleBridgeError(message);
      case 'sealed': return this.handleSealed(message);
      default:
        this.noteError('MESSAGE_UNKNOWN', `unexpected plain message "${message.type}"`);
    }
  },

  async handleHelloAck(ack) {
    this.clearTimer('handshake');
    this.update({ bridge: bridgeInfo(ack), runtime: ack.runtime ?? null });
    if (ack.paired === true) {
      if (!this.key || ack.key_check !== this.key.check) {
        // The bridge would have sent key_mismatch; never send sealed data on a doubtful key.
        this.showMismatch('keys_differ', ack, null);
        return;
      }
      this.failures = 0;
      this.update({ status: Status.paired, paired: true, problem: null, needs_custom_key: false });
      this.armPollTimer();
      await this.sendSealed({ type: 'status.get', id: this.requestId('status') });
      return;
    }
    if (!this.key && ack.can_pair === true) {
      this.sendPair();
      return;
    }
    this.fail({ code: 'PROTOCOL_ERROR', message: 'The bridge answered hello in a way this extension does not understand.',
      remedy: 'Update Postern and the extension to matching versions (`postern setup`).', browser_text: null });
  },

  async handlePairAck(ack) {
    this.clearTimer('handshake');
    let bytes;
    try {
      if (ack.key_kind !== 'install') throw new Error(`key_kind ${ack.key_kind}`);
      bytes = keyFromBase64(ack.key_b64);
      if ((await keyCheck(bytes)) !== ack.key_check) throw new Error('the key check does not match the key');
    } catch (error) {
      this.fail({ code: 'PROTOCOL_ERROR', message: `The bridge's pairing answer is invalid: ${error.message}.`,
        remedy: 'Run `postern doctor` on this computer.', browser_text: null });
      return;
    }
    this.key = await saveKey(this.storage, 'install', bytes);
    this.log(`paired: install key stored (key check ${this.key.check})`);
    // A second hello proves both sides now hold the same key before anything is sealed.
    this.update({ key: this.keySummary() });
    this.sendHello();
  },

  async handleKeyMismatch(mismatch) {
    this.clearTimer('handshake');
    this.update({ bridge: bridgeInfo(mismatch) });
    const reason = mismatch.reason;
    const bridgeLostKey = reason === 'bridge_has_no_key';
    // Another install key exists that we were never given (the pairing race of §6): pair again.
    const freshInstallKey = reason === 'keys_differ' && mismatch.key_kind === 'install' &&
      this.key?.kind === 'install';
    if (mismatch.can_pair === true && (bridgeLostKey || freshInstallKey) && !this.conn.repairTried) {
      this.conn.repairTried = true;
      this.log(`key mismatch (${reason}): dropping the stored key and pairing again`);
      await removeKey(this.storage);
      this.key = null;
      this.update({ key: null });
      this.sendPair();
      return;
    }
    this.showMismatch(reason, mismatch, mismatch.remedy ?? null);
  },

  showMismatch(reason, message, bridgeRemedy) {
    const words = mismatchProblem(reason, message?.key_kind ?? null, this.key);
    this.update({
      status: Status.keyMismatch, paired: false,
      problem: { code: 'KEY_MISMATCH', reason, ...words, bridge_remedy: bridgeRemedy },
      needs_custom_key: reason !== 'bridge_has_no_key',
    });
    this.armPollTimer(); // a fresh hello now and then notices `postern set-key` on the computer
  },

  async handleBridgeError(error) {
    const problem = { code: String(error.code ?? 'UNKNOWN'), message: String(error.message ?? ''),
      remedy: String(error.remedy ?? ''), in_reply_to: error.in_reply_to ?? null };
    this.noteError(problem.code, problem.message, problem);
    if (problem.in_reply_to !== null && this.state.status === Status.paired) {
      if (problem.code === 'RUNTIME_NOT_RUNNING')
        this.update({ runtime: { connected: false, code: problem.code, message: problem.message } });
      for (const listener of this.relayErrorListeners) listener(problem);
      return;
    }
    switch (problem.code) {
      case 'CUSTOM_KEY_REQUIRED': // answer to pair
        this.clearTimer('handshake');
        this.showMismatch('custom_key_required', this.state.bridge, problem.remedy);
        return;
      case 'ALREADY_PAIRED': // answer to pair after we dropped our key
        this.clearTimer('handshake');
        this.showMismatch('extension_has_no_key', this.state.bridge, problem.remedy);
        return;
      case 'KEY_MISMATCH': // our envelope did not open: hello again, the answer names the reason
      case 'NOT_PAIRED':
        if (this.state.status === Status.paired) {
          this.update({ status: Status.connecting, paired: false });
          this.sendHello();
        }
        return;
      case 'RUNTIME_NOT_RUNNING':
        this.update({ runtime: { connected: false, code: problem.code, message: problem.message } });
        return;
      default:
        break;
    }
    if (this.state.status === Status.connecting || this.state.status === Status.pairing) {
      // The bridge could not complete the handshake (a damaged key file, our origin refused, …).
      // Failing now, and closing the port, keeps its words: the "Native host has exited." that
      // may follow belongs to a port we no longer listen to.
      this.fail({ ...problem, browser_text: null });
    }
  },

  async handleSealed(envelope) {
    if (!this.key || this.state.status !== Status.paired) {
      this.noteError('NOT_PAIRED', 'a sealed message arrived before pairing');
      return;
    }
    let inner;
    try {
      inner = JSON.parse(await open(this.key.bytes, envelope, AAD_TO_EXTENSION));
    } catch (error) {
      if (error instanceof EnvelopeError && error.code === 'KEY_MISMATCH') {
        this.showMismatch('envelope_rejected', this.state.bridge, null);
        return;
      }
      this.noteError(error.code ?? 'ENVELOPE_INVALID', error.message);
      return;
    }
    if (inner?.type === 'status') {
      this.update({ bridge: bridgeInfo(inner), runtime: inner.runtime ?? null,
        last_status_at: this.timers.now() });
      return;
    }
    // relay_ack: the runtime took a relayed message (docs/bridge-protocol.md §8); listeners that
    // track delivery get it like any other message from the runtime.
    if (isRelayedType(inner?.type) || inner?.type === 'relay_ack') {
      for (const listener of this.runtimeListeners) listener(inner);
      return;
    }
    this.noteError('MESSAGE_UNKNOWN', `unexpected sealed message "${inner?.type}"`);
  }
};

export function bridgeInfo(message) {
  if (!message) return null;
  return {
    version: message.bridge_version ?? null,
    protocol: message.protocol ?? null,
    key_kind: message.key_kind ?? null,
    key_check: message.key_check ?? null,
    can_pair: message.can_pair ?? null,
  };
}
