// Drives the softphone page (websocket-frontend/.../static/index.html) like a person
// would, plus condition waits with timeouts. Every wait names what it waited for.
const WAIT_MS = 20000;

/** Waits for `fn(arg)` to be truthy in the page; fails naming `what`. */
export async function waitFor(page, what, fn, arg, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (err) {
    throw new Error(`timeout waiting for ${what} (${err.message.split('\n')[0]}); page: ${JSON.stringify(await pageState(page))}`);
  }
}

/**
 * Like waitFor, for an async `fn` (getStats() is async): page.waitForFunction would take
 * the returned Promise itself as truthy, so this polls from here, bounded by `timeout`.
 */
export async function waitForAsync(page, what, fn, arg, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(fn, arg);
    if (last) return last;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timeout waiting for ${what} (${timeout} ms); page: ${JSON.stringify(await pageState(page))}`);
}

async function pageState(page) {
  return page.evaluate(() => ({
    status: document.querySelector('#status')?.textContent,
    notice: document.querySelector('#notice')?.hidden ? null : document.querySelector('#notice-text')?.textContent,
    calls: window.softphone ? [...window.softphone.gw.calls.values()].map((c) => `${c.id} ${c.peer} ${c.state} ice=${c.pc?.iceConnectionState}`) : [],
  })).catch((err) => ({ error: err.message }));
}

/**
 * A new browser context (its own storage and media) with the page loaded and logged in.
 * `initScript` (a function) runs in the page before any of its own scripts, e.g. to wrap a browser API.
 * `beforeLogin` (an async function) runs once the page has loaded, before the login opens the WebSocket.
 */
export async function openPhone(browser, baseUrl, name, { initScript, beforeLogin } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
  await page.goto(baseUrl);
  if (beforeLogin) await beforeLogin(page);
  await login(page, name);
  return { name, context, page, problems };
}

export async function login(page, name) {
  await page.fill('#login-name', name);
  await page.click('#login-button');
  await waitFor(page, `logged in as ${name}`,
    (n) => document.querySelector('#status').dataset.state === 'connected'
      && document.querySelector('#me').textContent === n, name);
}

export async function call(phone, address, { video = true } = {}) {
  await phone.page.fill('#call-address', address);
  await phone.page.setChecked('#call-video', video);
  await phone.page.click('#call-button');
}

/** Waits for the ringing banner from `from` and answers it. */
export async function answer(phone, from) {
  await waitFor(phone.page, `incoming call from ${from}`,
    (f) => !document.querySelector('#incoming').hidden && document.querySelector('#incoming-from').textContent === f, from);
  await phone.page.click('#accept-button');
}

export async function reject(phone, from) {
  await waitFor(phone.page, `incoming call from ${from}`,
    (f) => !document.querySelector('#incoming').hidden && document.querySelector('#incoming-from').textContent === f, from);
  await phone.page.click('#reject-button');
}

/** Media stats of the call with `peer` as seen by `phone` (see window.softphone.inbound). */
export function inbound(phone, peer) {
  return phone.page.evaluate((p) => window.softphone.inbound(p), peer);
}

/** ICE connected and video frames decoded (more than `after`) on the call with `peer`. */
export async function waitForVideo(phone, peer, after = 0, timeout = WAIT_MS) {
  return waitForAsync(phone.page, `${phone.name}: ICE connected and > ${after} video frames decoded from ${peer}`,
    async ({ p, n }) => {
      const s = await window.softphone.inbound(p);
      return s && ['connected', 'completed'].includes(s.ice) && s.framesDecoded > n ? s : null;
    }, { p: peer, n: after }, timeout);
}

/** The text of the notice banner, once its data-code is `code`. */
export async function noticeWith(phone, code) {
  await waitFor(phone.page, `notice "${code}" on ${phone.name}`,
    (c) => !document.querySelector('#notice').hidden && document.querySelector('#notice').dataset.code === c, code);
  return phone.page.textContent('#notice-text');
}

export async function remoteTiles(phone) {
  return phone.page.$$eval('.tile.remote', (tiles) => tiles.map((t) => t.dataset.peer).sort());
}

export async function closeAll(phones) {
  await Promise.all(phones.filter(Boolean).map((p) => p.context.close().catch(() => {})));
}
