// How a client state reads to a person: one title, a tone for colour, a sentence and what to do.
// Kept apart from the popup's DOM code so node can test every wording, and shared with the
// service worker, which puts the title into each logged state for tests and bug reports.
// The titles follow what Interceptor users know (seed 000): "Connected", "Not connected", plus
// the two states Interceptor could not name: the runtime being down, and a key mismatch.

export const Title = Object.freeze({
  connected: 'Connected',
  runtimeDown: 'Bridge connected, runtime not running',
  notConnected: 'Not connected',
  keyMismatch: 'Key mismatch',
  connecting: 'Connecting…',
  pairing: 'Pairing…',
});

/** {title, tone: "ok"|"warn"|"error"|"busy", detail, remedy} for a BridgeClient state. */
export function describeState(state) {
  switch (state?.status) {
    case 'paired':
      if (state.runtime?.connected)
        return { title: Title.connected, tone: 'ok',
          detail: 'The extension, the Postern bridge and the Postern runtime are talking.', remedy: '' };
      return {
        title: Title.runtimeDown, tone: 'warn',
        detail: state.runtime?.message || 'The bridge is paired, but the Postern runtime is not running.',
        remedy: 'Start Postern on this computer. `postern doctor` shows why the runtime is not running.',
      };
    case 'key_mismatch':
      return { title: Title.keyMismatch, tone: 'error',
        detail: state.problem?.message ?? 'The extension and the bridge do not share a key.',
        remedy: state.problem?.remedy ?? '' };
    case 'not_connected':
      return { title: Title.notConnected, tone: 'error',
        detail: state.problem?.message ?? 'The extension is not connected to the Postern bridge.',
        remedy: state.problem?.remedy ?? 'Run `postern setup`, then select Reconnect.' };
    case 'pairing':
      return { title: Title.pairing, tone: 'busy', detail: 'Exchanging a key with the bridge.', remedy: '' };
    default:
      return { title: Title.connecting, tone: 'busy', detail: 'Starting the Postern bridge.', remedy: '' };
  }
}
