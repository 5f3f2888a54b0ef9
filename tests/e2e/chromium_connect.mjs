// Starts Debian's headless Chromium on an existing user-data-dir with the real extension, waits
// until the extension's state matches what the caller expects, and prints that state as JSON.
// Used by setup_chromium_e2e.sh after `postern setup` wrote the host manifest, so what is tested
// is exactly what a user gets. HOME, POSTERN_HOME and TMPDIR come from the environment.
// Usage: node chromium_connect.mjs <user-data-dir> <expect> [--custom-key KEY]
//   <expect>: "paired", or "key_mismatch:<reason>"
// Exit 0 when the state was reached within 15 s, 1 when not, 77 when Chromium or
// playwright-core is missing. Always closes the browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.POSTERN_CHROMIUM || '/usr/lib/chromium/chromium';
const PLAYWRIGHT = join(repo, 'tests/e2e/chromium/node_modules/playwright-core/index.mjs');
const EXTENSION_ID = 'ocnfmjcdllbpfolgffoeocfckfbaakgm';
const [udd, expect, flag, customKey] = process.argv.slice(2);

for (const [what, path] of [['Chromium', CHROMIUM], ['playwright-core', PLAYWRIGHT]]) {
  if (!existsSync(path)) {
    console.log(`skip: ${what} not found at ${path}`);
    process.exit(77);
  }
}
const { chromium } = await import(PLAYWRIGHT);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const matches = (state) => {
  if (expect === 'paired') return state?.status === 'paired';
  const [status, reason] = expect.split(':');
  return state?.status === status && state?.problem?.reason === reason;
};

async function waitFor(worker, ms) {
  const deadline = performance.now() + ms;
  let state = null;
  while (performance.now() < deadline) {
    state = await worker.evaluate(() => globalThis.posternState ?? null);
    if (matches(state)) return state;
    await sleep(200);
  }
  return state;
}

let context;
const watchdog = setTimeout(() => {
  console.log('FAIL: over 60 s');
  context?.close().catch(() => {});
  process.exit(1);
}, 60000);
let ok = false;
try {
  context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],  // it would cancel --load-extension (recipe §3)
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND', `--load-extension=${join(repo, 'extension')}`],
  });
  const worker = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    await context.waitForEvent('serviceworker', { timeout: 10000 });
  if (flag === '--custom-key') {
    // The user's path: the lock icon in the popup, then Save.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.waitForFunction(() => document.getElementById('status-title').textContent !== 'Connecting…',
      null, { timeout: 10000 });
    // The popup opens the key field by itself when the bridge asks for a custom key.
    if (await popup.isHidden('#key-panel')) await popup.click('#lock');
    await popup.fill('#key-input', customKey);
    await popup.click('#key-save');
  }
  const state = await waitFor(worker, 15000);
  console.log(JSON.stringify(state));
  ok = matches(state);
} catch (error) {
  console.log(`FAIL: ${error?.stack ?? error}`);
} finally {
  await context?.close().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(ok ? 0 : 1);
