// What each way of losing the native-messaging port means, and what the user does about it.
// Chromium reports these only as chrome.runtime.lastError.message in port.onDisconnect; the
// texts below are the ones observed in recipes/chromium-e2e.md §3 ("Error catalogue"). Several
// different install faults collapse into one text (a missing, malformed or wrongly named manifest
// and a missing binary all read "not found"), so the remedy points at `postern doctor`, which
// looks at the files and names the exact fault (MANIFEST_MISSING, MANIFEST_INVALID,
// HOST_NOT_EXECUTABLE, …).

/** Extension-side codes for a lost or refused connection. */
export const HostErrorCode = Object.freeze({
  notFound: 'HOST_NOT_FOUND',
  forbidden: 'ORIGIN_NOT_ALLOWED',
  exited: 'HOST_EXITED',
  communication: 'HOST_COMMUNICATION_ERROR',
  invalidName: 'HOST_NAME_INVALID',
  unavailable: 'NATIVE_MESSAGING_UNAVAILABLE',
  timeout: 'HANDSHAKE_TIMEOUT',
  unknown: 'HOST_DISCONNECTED',
});

const CATALOGUE = [
  {
    text: 'Specified native messaging host not found.',
    code: HostErrorCode.notFound,
    message: 'The browser cannot find the Postern bridge (com.postern.bridge): it is not set up ' +
      'for this browser, or its host manifest or program is missing or damaged.',
    remedy: 'Run `postern setup` on this computer, then select Reconnect. If Postern is already ' +
      'set up, run `postern doctor`: it names the exact problem.',
  },
  {
    text: 'Access to the specified native messaging host is forbidden.',
    code: HostErrorCode.forbidden,
    message: 'The Postern bridge is installed, but its host manifest does not list this extension.',
    remedy: 'Run `postern setup` again (it writes this extension\'s ID into the manifest), or ' +
      'run `postern doctor` to see which manifest is wrong.',
  },
  {
    text: 'Native host has exited.',
    code: HostErrorCode.exited,
    message: 'The Postern bridge started but stopped at once (it may not be executable, or it ' +
      'refused this extension).',
    remedy: 'Run `postern doctor`: it checks that the bridge can run and shows the last handshake.',
  },
  {
    text: 'Error when communicating with the native messaging host.',
    code: HostErrorCode.communication,
    message: 'The browser could not talk to the Postern bridge (it may be broken, outdated, or ' +
      'not executable).',
    remedy: 'Run `postern setup` to reinstall the bridge, then `postern doctor` if it persists.',
  },
  {
    text: 'Invalid native messaging host name specified.',
    code: HostErrorCode.invalidName,
    message: 'This extension asked for an invalid native host name (a bug in the extension).',
    remedy: 'Update or reinstall the Postern extension.',
  },
];

/**
 * The problem behind a disconnect: {code, message, remedy, browser_text}. `lastErrorText` is
 * chrome.runtime.lastError?.message, or null when the port closed without an error.
 */
export function describeDisconnect(lastErrorText) {
  const known = CATALOGUE.find((entry) => entry.text === lastErrorText);
  if (known) {
    const { code, message, remedy } = known;
    return { code, message, remedy, browser_text: lastErrorText };
  }
  return {
    code: HostErrorCode.unknown,
    message: lastErrorText
      ? `The connection to the Postern bridge was lost: ${lastErrorText}`
      : 'The Postern bridge closed the connection.',
    remedy: 'Select Reconnect. If it keeps happening, run `postern doctor`.',
    browser_text: lastErrorText ?? null,
  };
}

/** The problem when connectNative itself throws (e.g. the permission is missing). */
export function describeConnectFailure(error) {
  return {
    code: HostErrorCode.unavailable,
    message: `Native messaging is not available to this extension: ${error?.message ?? error}`,
    remedy: 'Reinstall the Postern extension (it needs the "nativeMessaging" permission).',
    browser_text: String(error?.message ?? error),
  };
}

/** The problem when the bridge does not answer hello in time. */
export function describeHandshakeTimeout(ms) {
  return {
    code: HostErrorCode.timeout,
    message: `The Postern bridge started but did not answer within ${Math.round(ms / 1000)} s.`,
    remedy: 'Run `postern doctor`; if the bridge is outdated, run `postern setup` again.',
    browser_text: null,
  };
}
