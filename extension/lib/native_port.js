// Adapts Chromium's native-messaging Port to the port BridgeClient expects. The only
// difference: Chromium reports why a port closed through chrome.runtime.lastError, which is
// readable only inside the onDisconnect callback, so it is read there and handed on as text.
// Reading it also stops Chromium from logging "Unchecked runtime.lastError".

/** The host name in the host manifest (docs/bridge-protocol.md, recipes §3). */
export const HOST_NAME = 'com.postern.bridge';

/** Opens a port to `hostName` through `runtime` (chrome.runtime); throws as connectNative does. */
export function connectNativePort(runtime, hostName = HOST_NAME) {
  const port = runtime.connectNative(hostName);
  return {
    postMessage: (message) => port.postMessage(message),
    disconnect: () => port.disconnect(),
    onMessage: { addListener: (listener) => port.onMessage.addListener((message) => listener(message)) },
    onDisconnect: {
      addListener: (listener) =>
        port.onDisconnect.addListener(() => listener(runtime.lastError?.message ?? null)),
    },
  };
}
