// The states a BridgeClient is in (state.status), shared by the client and its message handlers.

export const PROTOCOL_VERSION = 1;

export const Status = Object.freeze({
  connecting: 'connecting',
  pairing: 'pairing',
  paired: 'paired',
  keyMismatch: 'key_mismatch',
  notConnected: 'not_connected',
});
