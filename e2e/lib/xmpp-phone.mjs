// The softphone page as an XMPP user: what the XMPP browser tests (xmpp.test.mjs, xmpp-component.test.mjs)
// do with it (follow, presence, chat, ring, answer, hang up), and failures that say why: the gateway's
// warnings meanwhile, what the pages refused, the gateway's own error frames.
import { login, call, answer, waitFor } from './softphone.mjs';

export const RING_MS = 20000;

/**
 * The softphone page logged in as `name` (as softphone.openPhone), also recording every frame the
 * gateway sends it (`frames`), so a failure can show the gateway's own error text, and every message
 * it gets (window.received).
 */
export async function openXmppPhone(browser, baseUrl, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  const problems = [];
  const frames = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // gateway.js reports a description the browser refused as a console warning: keep it for the failure message.
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(String(payload))));
  await page.goto(baseUrl);
  await login(page, name);
  await page.evaluate(() => {
    window.received = [];
    window.softphone.gw.addEventListener('message', ({ detail }) => window.received.push(detail));
  });
  return { name, context, page, problems, frames };
}

/**
 * Runs a test body; a failure gets the gateways' warnings and errors logged meanwhile appended (a
 * stanza the bridge could not parse, a call it refused), which say more than a timeout in a page, and
 * what `phones` refused. `more()`, when given, adds text of the caller's own (e.g. the stanzas seen).
 */
export async function explained(gateways, phones, body, more) {
  const from = gateways.map((g) => (g ? g.logs().split('\n').length : 0));
  try {
    await body();
  } catch (err) {
    const lines = [...new Set(gateways.flatMap((g, i) => (g ? g.logs().split('\n').slice(from[i]) : []))
      .filter((l) => /\b(WARN|ERROR|SEVERE)\b|Exception: /.test(l) && !/^\s*Caused by/.test(l))
      .map((l) => l.slice(0, 300)))];
    if (lines.length > 0) {
      err.message += `\n--- gateway warnings and errors during the test (${Math.min(lines.length, 12)} of ${lines.length}) ---\n`
        + lines.slice(0, 12).join('\n');
    }
    // What the pages refused (a description setRemoteDescription would not take, say).
    const refused = phones.filter((p) => p?.problems.length).map((p) => `${p.name}: ${p.problems.slice(-5).join(' / ')}`);
    if (refused.length > 0) err.message += `\n--- browser warnings ---\n${refused.join('\n')}`;
    const extra = more?.();
    if (extra) err.message += `\n${extra}`;
    throw err;
  }
}

/** Follows an address through the page's contact form. */
export async function follow(phone, address) {
  await phone.page.fill('#follow-address', address);
  await phone.page.click('#follow-button');
}

export async function contactStatus(phone, address, status) {
  await waitFor(phone.page, `${phone.name} sees ${address} ${status}`,
    ([a, s]) => [...document.querySelectorAll('#contacts li')].some((li) => li.dataset.address === a && li.dataset.status === s),
    [address, status]);
}

export async function received(phone, from, data) {
  await waitFor(phone.page, `${phone.name} receives ${JSON.stringify(data)} from ${from}`,
    ([f, d]) => window.received.some((m) => m.from === f && JSON.stringify(m.data) === JSON.stringify(d)), [from, data]);
}

/** Why the phone's last call failed (the notice, and the gateway's error frame), or null while it has not. */
export async function callFailure(phone) {
  const notice = await phone.page.evaluate(() => {
    const n = document.querySelector('#notice');
    return !n.hidden && n.dataset.kind === 'error' ? `${n.dataset.code}: ${document.querySelector('#notice-text').textContent}` : null;
  });
  if (!notice) return null;
  const errors = phone.frames.filter((f) => f.includes('"error"') || f.includes('"bye"'));
  return `${notice}; gateway said: ${errors.slice(-3).join(' ') || '(no error frame)'}`;
}

/** Waits for the ringing banner from `from` at `callee`, failing at once when `failed()` names a reason. */
export async function ringingOrFail(callee, from, failed) {
  const deadline = Date.now() + RING_MS;
  for (;;) {
    const ringing = await callee.page.evaluate((f) => !document.querySelector('#incoming').hidden
      && document.querySelector('#incoming-from').textContent === f, from);
    if (ringing) return;
    const reason = await failed();
    if (reason) throw new Error(`no call from ${from} rang at ${callee.name}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`no call from ${from} rang at ${callee.name} within ${RING_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** `caller` calls `address`; `callee` rings with the call from `from` and answers it. */
export async function callAndAnswer(caller, address, callee, from) {
  await call(caller, address);
  await ringingOrFail(callee, from, async () => {
    const why = await callFailure(caller);
    return why && `${caller.name}'s call to ${address} failed: ${why}`;
  });
  await answer(callee, from);
}

/** `phone` hangs up; every call ends, there and at `others`. */
export async function hangUpAndCheck(phone, others) {
  await phone.page.click('#hangup-button');
  for (const p of [phone, ...others]) {
    await waitFor(p.page, `${p.name}'s call ended`, () => window.softphone.gw.calls.size === 0);
  }
}
