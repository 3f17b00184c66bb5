// An independent browser Jingle client: StanzaJS 12 (e2e/lib/stanza-page.html) in a Chromium page,
// logged in to Prosody over WebSocket. The page and the bundle (built by e2e/install.sh through
// build-bundles.mjs) are served from a small HTTP server on 127.0.0.1 of our own.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const STANZA_BUNDLE = path.join(here, '../node_modules/.e2e-bundles/stanza.js');
const PAGE = path.join(here, 'stanza-page.html');
const WAIT_MS = 20000;

/** Serves /stanza.js and /stanza.html on a free loopback port. Returns {url, close()}. */
export async function startStanzaServer() {
  if (!fs.existsSync(STANZA_BUNDLE)) {
    throw new Error(`no StanzaJS bundle at ${STANZA_BUNDLE}: run e2e/install.sh (outside the namespace)`);
  }
  const routes = {
    '/stanza.js': ['text/javascript', fs.readFileSync(STANZA_BUNDLE)],
    '/stanza.html': ['text/html; charset=utf-8', fs.readFileSync(PAGE)],
    '/favicon.ico': ['image/x-icon', ''],
  };
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': route[0], 'cache-control': 'no-store' });
    res.end(route[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/**
 * A new browser context with the StanzaJS page logged in as `user`@`domain` (its roster fetched and
 * its presence sent). Returns {name, jid, context, page, problems}.
 */
export async function openStanza(browser, serverUrl, { user, password, websocketUrl, domain = 'localhost' }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  const query = new URLSearchParams({ user, pw: password, ws: websocketUrl, domain });
  await page.goto(`${serverUrl}/stanza.html?${query}`);
  const peer = { name: `StanzaJS ${user}`, jid: `${user}@${domain}`, context, page, problems };
  await waitForState(peer, `${user}@${domain} online over ${websocketUrl}`, () => window.xmpp.state.online || window.xmpp.state.authFailed);
  if (await page.evaluate(() => window.xmpp.state.authFailed)) throw new Error(`${user}@${domain}: authentication failed`);
  return peer;
}

/** Waits for `fn(arg)` to be truthy in the StanzaJS page; fails naming `what`, with the page's log. */
export async function waitForState(peer, what, fn, arg, timeout = WAIT_MS) {
  try {
    return await peer.page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (err) {
    throw new Error(`timeout waiting for ${peer.name}: ${what} (${err.message.split('\n')[0]}); ${await describe(peer)}`);
  }
}

/** The full JIDs `bare` is online with, as the StanzaJS page has seen in presence. */
export async function waitForOnline(peer, bare) {
  const handle = await waitForState(peer, `presence of ${bare}`,
    (b) => { const p = window.xmpp.state.presence[b]; return p && p.full.length > 0 && p.full; }, bare);
  return handle.jsonValue();
}

/** ICE connected and video frames decoded (more than `after`) on the page's Jingle session. */
export async function waitForStanzaVideo(peer, after = 0, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await peer.page.evaluate(() => window.xmpp.inbound());
    if (s && ['connected', 'completed'].includes(s.ice) && s.framesDecoded > after) return s;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timeout waiting for ${peer.name}: ICE connected and > ${after} video frames decoded (${timeout} ms); ${await describe(peer)}`);
}

export async function describe(peer) {
  const s = await peer.page.evaluate(() => ({ state: window.xmpp.state, log: window.xmpp.log.slice(-30), wire: window.xmpp.wire.slice(-6).map((w) => w.slice(0, 500)) }))
    .catch((err) => ({ error: err.message }));
  return `page: ${JSON.stringify(s)}${peer.problems.length ? ` problems: ${JSON.stringify(peer.problems.slice(-10))}` : ''}`;
}
