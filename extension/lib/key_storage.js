// The extension's half of the key: one record in chrome.storage.local (or any object with the
// same promise API: get(name) -> {name: value}, set({name: value}), remove(name)).
//   {"version":1,"kind":"install"|"custom","key_b64":"<32 bytes>"}
// Like the bridge's key.json it holds the key itself, never a typed custom key: the text stays
// with the user. storage.local is private to the extension; it is not synced to other devices
// (storage.sync would copy the key to every browser signed in to the account).

import { keyCheck, keyFromBase64, keyToBase64 } from './crypto.js';

export const STORAGE_NAME = 'postern.bridgeKey';
const RECORD_VERSION = 1;

/** A key in use: {kind, bytes, check}. */
async function makeKey(kind, bytes) {
  return { kind, bytes, check: await keyCheck(bytes) };
}

/**
 * The stored key, or null when there is none. A damaged record is reported through `onProblem`
 * and treated as no key, which leads to pairing or a named mismatch rather than a silent failure.
 */
export async function loadKey(storage, onProblem = () => {}) {
  const items = await storage.get(STORAGE_NAME);
  const record = items?.[STORAGE_NAME];
  if (record === undefined || record === null) return null;
  try {
    if (record.version !== RECORD_VERSION) throw new Error(`unknown version ${record.version}`);
    if (record.kind !== 'install' && record.kind !== 'custom') throw new Error('unknown kind');
    return await makeKey(record.kind, keyFromBase64(record.key_b64));
  } catch (error) {
    onProblem(`the stored key is damaged (${error.message}); it is ignored`);
    return null;
  }
}

/** Stores `bytes` as the key of `kind`; returns the key in use. */
export async function saveKey(storage, kind, bytes) {
  const key = await makeKey(kind, bytes);
  await storage.set({ [STORAGE_NAME]: { version: RECORD_VERSION, kind, key_b64: keyToBase64(bytes) } });
  return key;
}

/** Forgets the stored key. */
export async function removeKey(storage) {
  await storage.remove(STORAGE_NAME);
}
