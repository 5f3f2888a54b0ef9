// One page load in Debian's headless Chromium through the capture proxy, for
// capture_chromium_e2e.sh. Chromium sends only *.test hosts to the proxy (a PAC script; recipe
// §5 "clean capture"), so Chromium's own background requests (Google accounts, component
// updates, time) never reach the proxy or the network, and every other name fails to resolve.
// HOME, TMPDIR and so the NSS database (recipe §4) come from the environment: the caller decides
// whether the proxy CA is trusted.
// Usage: node capture_chromium.mjs <proxy port> <url> ok|cert_error
//   ok:         the page must load over HTTPS with its CSS, JS, PNG and API calls, from a
//               certificate issued by the Postern proxy CA; prints what the page saw as JSON.
//   cert_error: the load must fail with net::ERR_CERT_AUTHORITY_INVALID (CA not trusted).
// Exit 0 when that held, 1 when not, 77 when Chromium or playwright-core is missing. Always
// closes the browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.POSTERN_CHROMIUM || '/usr/lib/chromium/chromium';
const PLAYWRIGHT = join(repo, 'tests/e2e/chromium/node_modules/playwright-core/index.mjs');
const [proxyPort, url, expect] = process.argv.slice(2);

for (const [what, path] of [['Chromium', CHROMIUM], ['playwright-core', PLAYWRIGHT]]) {
  if (!existsSync(path)) {
    console.log(`skip: ${what} not found at ${path}`);
    process.exit(77);
  }
}
const { chromium } = await import(PLAYWRIGHT);

const pac = `function FindProxyForURL(u, h) {
  return dnsDomainIs(h, ".test") ? "PROXY 127.0.0.1:${proxyPort}" : "DIRECT"; }`;
const args = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
  `--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`,
  // No name resolves in Chromium itself; 127.0.0.1 (the proxy) is left alone (recipe §5).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

let browser;
const watchdog = setTimeout(() => {
  console.log('FAIL: over 60 s');
  browser?.close().catch(() => {});
  process.exit(1);
}, 60000);
let ok = false;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const page = await browser.newPage();  // a fresh context: empty cache, every file is fetched
  const failed = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  if (expect === 'cert_error') {
    const error = await page.goto(url).then(() => null, (e) => String(e.message));
    console.log(JSON.stringify({ error }));
    ok = error?.includes('net::ERR_CERT_AUTHORITY_INVALID') ?? false;
  } else {
    const response = await page.goto(url, { waitUntil: 'load' });
    const security = await response.securityDetails();
    // app.js sets window.shopDone once both API calls have answered.
    await page.waitForFunction(() => window.shopDone === true, null, { timeout: 15000 });
    const seen = await page.evaluate(() => ({
      title: document.title,
      background: getComputedStyle(document.body).backgroundColor,  // from site.css
      script: window.appRan === true,                                // app.js ran
      image: [document.getElementById('logo').naturalWidth, document.getElementById('logo').naturalHeight],
      products: window.products,                                     // GET /api/products.json
      order: window.order,                                           // POST /api/orders
    }));
    const result = {
      status: response.status(),
      protocol: security?.protocol ?? null,
      issuer: security?.issuer ?? null,
      subject: security?.subjectName ?? null,
      failed,
      ...seen,
    };
    console.log(JSON.stringify(result));
    ok = result.status === 200 && failed.length === 0;
  }
} catch (error) {
  console.log(`FAIL: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(ok ? 0 : 1);
