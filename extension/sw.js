// Postern's background service worker: wires BridgeClient (lib/bridge_client.js) to
// chrome.runtime.connectNative and chrome.storage.local, and exposes its state:
//   - globalThis.posternState, for tests that evaluate in the worker over CDP;
//   - a "POSTERN-STATE {json}" console line per change, for tests that grep the browser log;
//   - chrome.runtime.onMessage {type: "state" | "set-key" | "forget-key" | "reconnect"}, and a
//     pushed update on every change to an open popup (port "postern-popup");
//   - the toolbar badge ("!" when something needs the user).
// Listeners are registered synchronously at the top level: an MV3 worker is started for an
// event and only sees it if its listener exists by the end of the first run.

import { BridgeClient, Status } from './lib/bridge_client.js';
import { connectNativePort } from './lib/native_port.js';

const POPUP_PORT = 'postern-popup';
// An open native port keeps the worker alive; without one Chromium stops it after ~30 s idle
// and its timers die with it. This alarm wakes it to retry while not connected.
const RECONNECT_ALARM = 'postern-reconnect';

const popupPorts = new Set();

const client = new BridgeClient({
  connect: () => connectNativePort(chrome.runtime),
  storage: chrome.storage.local,
  extensionVersion: chrome.runtime.getManifest().version,
  log: (text) => console.debug(`postern: ${text}`),
  onState: publish,
});

function publish(state) {
  globalThis.posternState = state;
  console.log('POSTERN-STATE ' + JSON.stringify(state));
  for (const port of popupPorts) port.postMessage({ type: 'state', state });
  showBadge(state);
}

function showBadge(state) {
  const attention = state.status === Status.notConnected || state.status === Status.keyMismatch;
  const runtimeDown = state.status === Status.paired && !state.runtime?.connected;
  chrome.action.setBadgeText({ text: attention ? '!' : runtimeDown ? '…' : '' }).catch(() => {});
  chrome.action.setBadgeBackgroundColor({ color: attention ? '#b3261e' : '#8a6d00' }).catch(() => {});
}

// Commands from the popup (and tests). Only this extension's own pages may send them.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const answer = (promise) => {
    promise.then((result) => sendResponse({ ok: true, ...result, state: client.state }),
      (error) => sendResponse({ ok: false, error: String(error?.message ?? error), state: client.state }));
    return true; // the answer is asynchronous
  };
  switch (message?.type) {
    case 'state':
      sendResponse({ ok: true, state: client.state });
      return false;
    case 'set-key':
      return answer(client.setCustomKey(message.key).then((result) =>
        result.ok ? result : Promise.reject(new Error(result.error))));
    case 'forget-key':
      return answer(client.forgetKey());
    case 'reconnect':
      return answer(client.reconnect().then(() => ({})));
    default:
      return false;
  }
});

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== POPUP_PORT || port.sender?.id !== chrome.runtime.id) return;
  popupPorts.add(port);
  port.onDisconnect.addListener(() => popupPorts.delete(port));
  port.postMessage({ type: 'state', state: client.state });
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RECONNECT_ALARM) client.start();
});
chrome.alarms.create(RECONNECT_ALARM, { periodInMinutes: 1 }).catch(() => {});

globalThis.posternClient = client; // for debugging from the worker's console
globalThis.posternState = client.state;
client.start();
