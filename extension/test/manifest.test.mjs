// The packaging facts Chromium checks only at load time, checked here in milliseconds.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}/manifest.json`, 'utf8'));
const BUILT_IN_ID = 'ocnfmjcdllbpfolgffoeocfckfbaakgm'; // docs/bridge-protocol.md §5

// Chromium's rule (recipes/chromium-e2e.md §2): SHA-256 of the DER key, first 16 bytes, nibbles → a..p.
function extensionIdFromKey(base64Key) {
  const digest = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...digest].map((nibble) => String.fromCharCode(97 + parseInt(nibble, 16))).join('');
}

test('the "key" gives the built-in extension ID the bridge allows', () => {
  assert.equal(extensionIdFromKey(manifest.key), BUILT_IN_ID);
});

test('Manifest V3 with a module service worker and a popup', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.name, 'Postern');
  assert.deepEqual(manifest.background, { service_worker: 'sw.js', type: 'module' });
  assert.equal(manifest.action.default_popup, 'popup.html');
  for (const permission of ['nativeMessaging', 'storage']) assert.ok(manifest.permissions.includes(permission));
});

test('every file the manifest names exists; icons are PNGs of the stated size', () => {
  for (const file of [manifest.background.service_worker, manifest.action.default_popup, 'popup.js', 'popup.css'])
    assert.ok(existsSync(`${root}/${file}`), file);
  for (const [size, file] of Object.entries({ ...manifest.icons, ...manifest.action.default_icon })) {
    const png = readFileSync(`${root}/${file}`);
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG', file);
    assert.equal(png.readUInt32BE(16), Number(size), `${file} width`);
    assert.equal(png.readUInt32BE(20), Number(size), `${file} height`);
  }
});

test('no remote code: every script the pages load is a local file', () => {
  const html = readFileSync(`${root}/popup.html`, 'utf8');
  for (const [, src] of html.matchAll(/<script[^>]*src="([^"]+)"/g)) {
    assert.ok(!/^[a-z]+:/i.test(src), src);
    assert.ok(existsSync(`${root}/${src}`), src);
  }
  assert.doesNotMatch(html, /<script(?![^>]*src=)[^>]*>/, 'no inline scripts (MV3 CSP forbids them)');
});
