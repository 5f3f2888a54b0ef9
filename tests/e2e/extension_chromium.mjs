// The real extension in real headless Chromium, talking to the real postern-bridge:
//   temp HOME → host manifest com.postern.bridge.json in <udd>/NativeMessagingHosts/ pointing at
//   the bridge, allowed_origins = the built-in ID → Chromium with --load-extension=extension/ →
//   the service worker's globalThis.posternState reaches "paired" (the runtime is not running
//   yet, which is expected until the runtime issue) → the popup shows it, and its lock-icon form
//   sets a custom key, which the bridge (holding the install key) names as keys_differ.
// Prints the state JSON and timings. Exit 0 when all of that held, 1 otherwise, 77 when
// Chromium, the bridge or playwright-core is missing. Always closes the browser.
// Usage: node tests/e2e/extension_chromium.mjs   (POSTERN_BRIDGE, POSTERN_CHROMIUM override paths)
// Recipe: ../shared/recipes/chromium-e2e.md §1–3 (isolation, fixed ID, host manifest lookup).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const EXTENSION = join(repo, 'extension');
const BRIDGE = process.env.POSTERN_BRIDGE || join(repo, 'build/runtime/bridge/postern-bridge');
const CHROMIUM = process.env.POSTERN_CHROMIUM || '/usr/lib/chromium/chromium';
const PLAYWRIGHT = join(repo, 'tests/e2e/chromium/node_modules/playwright-core/index.mjs');
const EXTENSION_ID = 'ocnfmjcdllbpfolgffoeocfckfbaakgm';
const PAIRED_WITHIN_MS = 15000;
const WHOLE_RUN_MS = 60000;

for (const [what, path] of [['Chromium', CHROMIUM], ['postern-bridge', BRIDGE], ['playwright-core', PLAYWRIGHT]]) {
  if (!existsSync(path)) {
    console.log(`skip: ${what} not found at ${path}`);
    process.exit(77);
  }
}
const { chromium } = await import(PLAYWRIGHT);

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(2)} s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Isolation (recipe §1): everything Chromium and the bridge write goes under T.
const T = mkdtempSync(join(tmpdir(), 'postern-ext-chromium-'));
const udd = join(T, 'udd');
const env = { ...process.env, HOME: join(T, 'home'), TMPDIR: join(T, 'tmp'), POSTERN_HOME: join(T, 'postern') };
for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR', 'XDG_CACHE_HOME']) delete env[name];
for (const dir of [env.HOME, env.TMPDIR, join(udd, 'NativeMessagingHosts')]) mkdirSync(dir, { recursive: true });

// The host manifest, with the rules of recipe §3 (name = file name, description, stdio,
// absolute path, origin with the trailing slash).
writeFileSync(join(udd, 'NativeMessagingHosts', 'com.postern.bridge.json'), JSON.stringify({
  name: 'com.postern.bridge',
  description: 'Postern bridge (extension e2e test)',
  path: BRIDGE,
  type: 'stdio',
  allowed_origins: [`chrome-extension://${EXTENSION_ID}/`],
}, null, 2));

let context;
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures.push(what);
};

async function pollState(worker, predicate, ms) {
  const deadline = performance.now() + ms;
  let state;
  while (performance.now() < deadline) {
    state = await worker.evaluate(() => globalThis.posternState ?? null);
    if (state && predicate(state)) return state;
    await sleep(200);
  }
  return state;
}

async function run() {
  context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    env,
    // Playwright adds --disable-extensions, which silently cancels --load-extension (recipe §3).
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND', `--load-extension=${EXTENSION}`],
  });
  console.log(`browser up: ${elapsed()}`);
  const worker = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    await context.waitForEvent('serviceworker', { timeout: 10000 });
  console.log(`service worker: ${worker.url()} at ${elapsed()}`);
  check(worker.url() === `chrome-extension://${EXTENSION_ID}/sw.js`, 'the "key" gives the built-in extension ID');

  const state = await pollState(worker, (s) => s.status === 'paired', PAIRED_WITHIN_MS);
  console.log(`state at ${elapsed()}: ${JSON.stringify(state)}`);
  check(state?.status === 'paired', `paired with the real bridge within ${PAIRED_WITHIN_MS / 1000} s`);
  if (state?.status !== 'paired') return;
  const withStatus = await pollState(worker, (s) => s.last_status_at !== undefined, 5000);
  check(withStatus?.last_status_at !== undefined, 'the sealed status reply was opened');
  check(withStatus?.runtime?.code === 'RUNTIME_NOT_RUNNING', 'runtime not running (expected until the runtime issue)');
  const keyFile = JSON.parse(readFileSync(join(env.POSTERN_HOME, 'config/bridge/key.json'), 'utf8'));
  check(keyFile.kind === 'install' && keyFile.paired_origins.includes(`chrome-extension://${EXTENSION_ID}/`),
    'the bridge stored the install key and the paired origin');

  // The popup, opened as a page: it renders the worker's state and sets a custom key.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await popup.waitForFunction(() => document.getElementById('status-title').textContent !== 'Connecting…', null, { timeout: 5000 });
  const title = await popup.textContent('#status-title');
  check(title === 'Bridge connected, runtime not running', `popup title: "${title}"`);
  await popup.click('#lock');
  await popup.fill('#key-input', 'short');
  await popup.click('#key-save');
  const refusal = await popup.textContent('#key-error');
  check(/at least 10/.test(refusal), `popup refuses a short key: "${refusal}"`);
  await popup.fill('#key-input', 'PopupCustomKey2024');
  await popup.click('#key-save');
  await popup.waitForSelector('#key-next:not([hidden])', { timeout: 5000 });
  const mismatch = await pollState(worker, (s) => s.status === 'key_mismatch', 5000);
  console.log(`after setting a custom key in the popup, at ${elapsed()}: ${JSON.stringify(mismatch)}`);
  check(mismatch?.problem?.reason === 'keys_differ', 'a custom key only in the browser is named keys_differ');
  await popup.waitForFunction(() => document.getElementById('status-title').textContent === 'Key mismatch', null, { timeout: 5000 });
  check(true, 'the popup shows "Key mismatch"');
}

const watchdog = setTimeout(() => {
  console.log(`FAIL: the whole run took over ${WHOLE_RUN_MS / 1000} s`);
  context?.close().catch(() => {});
  process.exit(1);
}, WHOLE_RUN_MS);

try {
  await run();
} catch (error) {
  check(false, `unexpected error: ${error?.stack ?? error}`);
} finally {
  await context?.close().catch((error) => console.log(`closing the browser: ${error.message}`));
  console.log(`browser closed: ${elapsed()}`);
  clearTimeout(watchdog);
  rmSync(T, { recursive: true, force: true });
}
process.exit(failures.length === 0 ? 0 : 1);
