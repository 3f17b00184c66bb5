// The softphone page's PBX controls against a real PBX side (issue 18): Chromium runs the page as alice, whose SIP
// account (1001, media `rtp`) is registered by the gateway at a real Kamailio; the phones are sipp processes
// registered there too (1002, and bob as a transfer target), speaking plain RTP/AVP PCMU through a real rtpengine
// and echoing every RTP packet they get (-rtp_echo), so audio that reaches the page came from it through rtpengine
// and the phone. What the page shows is read as a person (or a screen reader) would: visible text and labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { screenshot } from './lib/screenshots.mjs';
import { startGateway, freePort } from './lib/gateway-process.mjs';
import { startKamailio } from './lib/kamailio.mjs';
import { startRtpengine } from './lib/rtpengine.mjs';
import { registeredPhone, startSipp, DOMAIN } from './lib/sipp.mjs';
import { openPhone, call, waitFor, waitForAsync, noticeWith, closeAll } from './lib/softphone.mjs';
import { freeUdpRange } from './lib/udp-ports.mjs';

// The page mid-call with a plain-RTP phone, voice mail lit and the transfer form filled in: written on every run
// under e2e/artifacts (not committed), to see what the test saw.

const ALICE = `sip:1001@${DOMAIN}`;
const PHONE = `sip:1002@${DOMAIN}`;
const TARGET = `sip:1003@${DOMAIN}`;
const BOB = `sip:bob@${DOMAIN}`;
const VOICE_MAIL = `sip:1003@${DOMAIN}`; // the voice-mail server's extension
const NOBODY = `sip:1009@${DOMAIN}`;
const REGISTERED_MS = 15000;
const MEDIA_MS = 15000;
const FORGOTTEN_MS = 10000;

let kamailio;
let rtpengine;
let gateway;
let browser;
let alice;
const phones = new Set(); // sipp processes still running, stopped after each test

before(async () => {
  [kamailio, rtpengine] = await Promise.all([freeUdpRange(1).then((port) => startKamailio({ port })), startRtpengine()]);
  gateway = await startGateway({ extraArgs: ['--sip.enabled', 'true', '--sip.port', String(await freePort()),
    '--sip.transports', 'udp', '--sip.proxy', `127.0.0.1:${kamailio.port}`, '--sip.rtpengine.ng', rtpengine.ng,
    '--sip.account.alice.aor', ALICE, '--sip.account.alice.password', 'pw1001', '--sip.account.alice.media', 'rtp',
    // No message-waiting SUBSCRIBE (it would go to alice's own address): the PBX's unsolicited NOTIFYs only.
    '--sip.account.alice.mailbox', 'none'] });
  const deadline = Date.now() + REGISTERED_MS;
  while (!gateway.logs().includes(`${ALICE} registered`)) {
    if (Date.now() > deadline) throw new Error(`${ALICE} not registered within ${REGISTERED_MS} ms:\n${gateway.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  browser = await launchBrowser();
  alice = await openPhone(browser, gateway.url, 'alice');
});

after(async () => {
  await closeAll([alice]);
  await browser?.close();
  await Promise.all([...phones].map((p) => p.stop()));
  await gateway?.stop();
  await Promise.all([kamailio?.stop(), rtpengine?.stop()]);
});

async function phone(promise) {
  const p = await promise;
  phones.add(p);
  return p;
}

async function stopPhone(p) {
  phones.delete(p);
  await p.stop();
}

/** Packets sent and received on alice's call with `peer`, and its state (window.softphone.media). */
function media(peer) {
  return alice.page.evaluate((p) => window.softphone.media(p), peer);
}

/** Audio packets from `peer` arrive (more than before): the phone echoes what alice sends, through rtpengine. */
async function waitForAudioFrom(peer) {
  return waitForAsync(alice.page, `alice receives audio from ${peer}`, async (p) => {
    const first = await window.softphone.media(p);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await window.softphone.media(p);
    return first && second && second.received > first.received ? second : null;
  }, peer, MEDIA_MS);
}

/** No more packets from `peer`: two readings 600 ms apart are equal (polled until then, bounded). */
function waitForSilenceFrom(peer) {
  return waitForAsync(alice.page, `alice receives no more packets from ${peer}`, async (p) => {
    const first = await window.softphone.media(p);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await window.softphone.media(p);
    return first && second && second.received === first.received ? second : null;
  }, peer, MEDIA_MS);
}

async function waitUntilRtpengineHoldsNoSession() {
  const deadline = Date.now() + FORGOTTEN_MS;
  for (let calls = await rtpengine.calls(); calls.length > 0; calls = await rtpengine.calls()) {
    if (Date.now() > deadline) throw new Error(`rtpengine still holds ${JSON.stringify(calls)} after ${FORGOTTEN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function waitForNoCall() {
  return waitFor(alice.page, 'no call left on alice\'s page', () => window.softphone.gw.calls.size === 0
    && document.querySelector('#call-tools').hidden && document.querySelector('#call-status').textContent === 'Idle');
}

function callLog() {
  return alice.page.$$eval('#call-log li', (items) => items.map((li) => li.textContent));
}

/** alice calls `peer` (audio only) from the call form, and the page shows it answered with its call tools ready. */
async function callAnswered(peer) {
  await call(alice, peer, { video: false });
  await waitFor(alice.page, `alice in call with ${peer}, hold and transfer enabled`, (p) =>
    document.querySelector('#call-status').textContent === `${p}: in call`
    && !document.querySelector('#call-tools').hidden
    && document.querySelector('#call-tools-title').textContent === `Call with ${p}`
    && !document.querySelector('#hold-button').disabled && !document.querySelector('#transfer-button').disabled, peer);
}

test('voice-mail light: a PBX\'s unsolicited message-summary NOTIFY shows the new messages on the page\'s voice-mail button', { timeout: 30000 }, async () => {
  assert.equal(await alice.page.isHidden('#mailbox-button'), true, 'no voice-mail button before any message-summary');
  // Asterisk-style: a NOTIFY outside any subscription, from the PBX through Kamailio to alice's registered contact;
  // a malformed summary first (400, nothing shown), then 2 new and 5 old messages in the voice-mail server's box.
  const pbx = await phone(startSipp('mwi-unsolicited.xml', { remote: `127.0.0.1:${kamailio.port}`,
    args: ['-s', '1001', '-key', 'mailbox', VOICE_MAIL] }));
  await pbx.succeeded();
  await stopPhone(pbx);

  await waitFor(alice.page, 'the voice-mail button lit', () =>
    !document.querySelector('#mailbox-button').hidden && document.querySelector('#mailbox-button').classList.contains('lit'));
  assert.equal(await alice.page.textContent('#mailbox-count'), '2');
  assert.equal(await alice.page.getAttribute('#mailbox-button', 'aria-label'),
    `2 new voice messages, 5 old. Call voice mail (${VOICE_MAIL}).`);
  assert.equal(await alice.page.getByRole('button', { name: /new voice messages/ }).count(), 1,
    'a screen reader finds the button by what it says');
});

test('pressing the voice-mail button calls the voice-mail server, with audio through rtpengine', { timeout: 30000 }, async () => {
  const voiceMail = await phone(registeredPhone(kamailio, 'uas.xml', { number: '1003', password: 'pw1003', rtpEcho: true }));
  await alice.page.getByRole('button', { name: /new voice messages/ }).click();

  await waitFor(alice.page, 'alice in call with voice mail', (v) =>
    document.querySelector('#call-status').textContent === `${v}: in call`, VOICE_MAIL);
  await waitForAudioFrom(VOICE_MAIL);
  await alice.page.click('#hangup-button');
  await waitForNoCall();
  await voiceMail.succeeded(); // answered, then the BYE
  assert.match(voiceMail.messages(), /m=audio \d+ RTP\/AVP /, 'the voice-mail server was offered plain RTP');
  await stopPhone(voiceMail);
  await waitUntilRtpengineHoldsNoSession();
});

test('a call to a number nobody has ends with a notice saying so (SIP 404 from Kamailio)', { timeout: 30000 }, async () => {
  await call(alice, NOBODY, { video: false });
  assert.equal(await noticeWith(alice, 'not-found'), `${NOBODY} does not exist: no such number or address.`);
  await waitForNoCall();
  await waitUntilRtpengineHoldsNoSession();
});

test('busy lamp: a followed sip: phone\'s dialog NOTIFYs turn its lamp busy while it is on a call and available after', { timeout: 30000 }, async () => {
  const watched = await phone(registeredPhone(kamailio, 'blf-call.xml', { number: '1002', password: 'pw1002' }));
  // Every status the lamp shows, in order: the busy second is short and a poll could miss it.
  await alice.page.evaluate((address) => {
    window.lampHistory = [];
    const record = () => {
      const status = document.querySelector(`#contacts li[data-address="${address}"] .lamp`)?.dataset.status;
      if (status && window.lampHistory.at(-1) !== status) window.lampHistory.push(status);
    };
    new MutationObserver(record).observe(document.querySelector('#contacts'), { childList: true, subtree: true, attributes: true });
  }, PHONE);

  await alice.page.fill('#follow-address', PHONE);
  await alice.page.click('#follow-button');

  await waitFor(alice.page, `${PHONE}'s lamp busy, then available`, () => {
    const h = window.lampHistory;
    const busy = h.indexOf('busy');
    return busy >= 0 && h.indexOf('available', busy) > busy;
  });
  const history = await alice.page.evaluate(() => window.lampHistory);
  assert.deepEqual(history.filter((s) => s !== 'unknown'), ['busy', 'available'], `the lamp went ${history.join(' -> ')}`);
  assert.equal(await alice.page.getAttribute(`#contacts li[data-address="${PHONE}"] .lamp`, 'aria-label'), `${PHONE}: Available`);

  await alice.page.click(`#contacts button[aria-label="Stop following ${PHONE}"]`);
  await watched.succeeded(); // it got the un-SUBSCRIBE (Expires: 0)
  const log = watched.messages();
  assert.match(log, /^SUBSCRIBE sip:/m);
  assert.match(log, /^Event: dialog/m);
  assert.match(log, /^Accept: application\/dialog-info\+xml/m);
  assert.match(log, /^From: .*sip:1001@localhost/m, 'subscribed from alice\'s account');
  await stopPhone(watched);
  assert.equal(await alice.page.locator(`#contacts li[data-address="${PHONE}"]`).count(), 0);
});

test('hold and resume through rtpengine: on hold no audio comes back from the plain-RTP phone, after resume it does again', { timeout: 45000 }, async () => {
  const echo = await phone(registeredPhone(kamailio, 'uas-hold-resume.xml', { number: '1002', password: 'pw1002', rtpEcho: true }));
  await callAnswered(PHONE);
  await waitForAudioFrom(PHONE);

  await alice.page.click('#hold-button');
  await waitFor(alice.page, 'alice shows the call on hold', (p) =>
    document.querySelector('#call-status').textContent === `${p}: on hold`
    && document.querySelector('#hold-button').getAttribute('aria-pressed') === 'true'
    && document.querySelector('#hold-button').textContent === 'Resume', PHONE);
  await waitForAsync(alice.page, 'alice\'s transceiver negotiated sendonly (the phone answered recvonly)',
    async (p) => (await window.softphone.media(p)).directions.every((d) => d === 'sendonly'), PHONE);
  await waitForSilenceFrom(PHONE);
  const heldInvite = echo.messages().split(/^INVITE sip:/m)[2] ?? '';
  assert.match(heldInvite, /m=audio \d+ RTP\/AVP /, 'the hold re-INVITE went to the phone as plain RTP');
  assert.match(heldInvite, /a=sendonly/);

  await alice.page.click('#hold-button');
  await waitFor(alice.page, 'alice shows the call resumed', (p) =>
    document.querySelector('#call-status').textContent === `${p}: in call`
    && document.querySelector('#hold-button').getAttribute('aria-pressed') === 'false', PHONE);
  await waitForAsync(alice.page, 'alice\'s transceiver back to sendrecv',
    async (p) => (await window.softphone.media(p)).directions.every((d) => d === 'sendrecv'), PHONE);
  await waitForAudioFrom(PHONE);
  assert.ok((await callLog()).includes(`You resumed the call with ${PHONE}`));

  await alice.page.click('#hangup-button');
  await waitForNoCall();
  await echo.succeeded(); // both re-INVITEs as the scenario wants them, and the BYE
  await stopPhone(echo);
  await waitUntilRtpengineHoldsNoSession();
});

test('transfer from the page: the plain-RTP phone takes the REFER, and the page shows the transfer done and the call ended as transferred', { timeout: 45000 }, async () => {
  const transferee = await phone(registeredPhone(kamailio, 'uas-refer-accepted.xml', { number: '1002', password: 'pw1002', rtpEcho: true }));
  await callAnswered(PHONE);
  await waitForAudioFrom(PHONE);

  await alice.page.click('#transfer-button');
  assert.equal(await alice.page.getAttribute('#transfer-button', 'aria-expanded'), 'true');
  await alice.page.fill('#transfer-address', TARGET);
  await screenshot(alice.page, 'softphone-sip-pbx.png');
  await alice.page.click('#transfer-submit');

  // The reply to `transfer` waits for the phone's NOTIFY 200 (after its 202 and NOTIFY 100).
  assert.equal(await noticeWith(alice, 'transferred'), `${PHONE} was transferred to ${TARGET}.`);
  await waitForNoCall();
  const log = await callLog();
  assert.ok(log.includes(`Transferring ${PHONE} to ${TARGET}…`), log.join(' | '));
  assert.ok(log.includes(`${PHONE} accepted the transfer to ${TARGET}`), log.join(' | '));
  await transferee.succeeded(); // REFER, 202, NOTIFY 100 and 200 taken, then the BYE
  const sip = transferee.messages();
  assert.match(sip, new RegExp(`^Refer-To: <${TARGET}>`, 'm'));
  assert.match(sip, new RegExp(`^Referred-By: <${ALICE}>`, 'm'));
  assert.match(sip, /^BYE sip:/m);
  await stopPhone(transferee);
  await waitUntilRtpengineHoldsNoSession();
});

test('a REFER from the phone: the page calls the target itself, with Referred-By, and the first call ends as transferred', { timeout: 45000 }, async () => {
  const target = await phone(registeredPhone(kamailio, 'uas.xml', { number: 'bob', password: 'bobpw', rtpEcho: true }));
  const referrer = await phone(registeredPhone(kamailio, 'uas-refers.xml', { number: '1002', password: 'pw1002', rtpEcho: true }));
  await call(alice, PHONE, { video: false });

  await waitFor(alice.page, `alice in call with ${BOB} instead`, (b) =>
    document.querySelector('#call-status').textContent === `${b}: in call`, BOB);
  assert.equal(await noticeWith(alice, 'transferred'), `Your call with ${PHONE} was handed over to ${BOB}.`);
  assert.ok((await callLog()).includes(`${PHONE} transferred you to ${BOB}: calling…`));
  await waitForAudioFrom(BOB);
  assert.deepEqual(await alice.page.evaluate(() => [...window.softphone.gw.calls.values()].map((c) => c.peer)), [BOB]);
  await referrer.succeeded(); // 202, NOTIFY 100, the BYE of the old call and the NOTIFY 200 of the new one
  assert.match(referrer.messages(), /^Subscription-State: terminated/m);

  await alice.page.click('#hangup-button');
  await waitForNoCall();
  await target.succeeded();
  assert.match(target.messages(), new RegExp(`^Referred-By: <${PHONE}>`, 'm'));
  await Promise.all([stopPhone(target), stopPhone(referrer)]);
  await waitUntilRtpengineHoldsNoSession();
});
