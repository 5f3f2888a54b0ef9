// The words for each key mismatch (docs/bridge-protocol.md §4 "mismatch.reason", plus
// envelope_rejected: the bridge could not open our envelope). The bridge sends a remedy of its own
// too; the client keeps it as bridge_remedy, but these name the extension's own controls (the
// lock icon, "Forget key", Reconnect), which the bridge cannot know about.

/**
 * {message, remedy} for `reason`, given the bridge's key kind and our key ({kind} or null),
 * so that a mismatch involving a custom key says so.
 */
export function mismatchProblem(reason, bridgeKeyKind, ourKey) {
  const setCustom = 'select the lock icon here and enter a custom key, then run ' +
    '`postern set-key <the same key>` on this computer';
  switch (reason) {
    case 'custom_key_required':
      return { message: 'The Postern bridge uses a custom key, and this browser does not have it yet.',
        remedy: 'Select the lock icon and enter the key that was set with `postern set-key` on this computer.' };
    case 'extension_has_no_key':
      return { message: 'This browser was paired with the bridge before and has lost its key ' +
          '(or another browser with the same extension paired first).',
        remedy: `To fix it, ${setCustom}. Or delete the bridge's key file (key.json; \`postern doctor\` shows where) and select Reconnect to pair again.` };
    case 'bridge_has_no_key':
      return { message: 'The bridge has no key (its key file was removed) and cannot pair now.',
        remedy: 'Run `postern doctor` on this computer.' };
    case 'envelope_rejected':
      return { message: 'The bridge could not open a message from this extension: the keys differ.',
        remedy: `Select Reconnect. If it persists, ${setCustom}.` };
    default:
      if (bridgeKeyKind === 'custom' || ourKey?.kind === 'custom')
        return { message: 'The custom key in this browser differs from the one on this computer.',
          remedy: 'Select the lock icon and enter exactly the key given to `postern set-key`, ' +
            'or run `postern set-key <the key you entered here>` on this computer.' };
      return { message: 'The extension and the bridge hold different keys.',
        remedy: `To fix it, ${setCustom}. Or select "Forget key" and delete the bridge's key file to pair again.` };
  }
}
