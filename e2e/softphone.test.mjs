// The softphone's PBX controls, browser to browser through a real gateway: the dial pad (dtmf), hold and
// resume, a blind transfer that the transferred page follows by itself, and the busy lamps of followed
// contacts. Three people: alice, bob and carol, each in their own browser context.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { screenshot } from './lib/screenshots.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { openPhone, call, answer, waitFor, waitForAsync, waitForVideo, noticeWith, closeAll } from './lib/softphone.mjs';


let gateway;
let browser;
let alice;
let bob;
let carol;

before(async () => {
  gateway = await startGateway();
  browser = await launchBrowser();
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((name) => openPhone(browser, gateway.url, name)));
});

after(async () => {
  await closeAll([alice, bob, carol]);
  await browser?.close();
  await gateway?.stop();
});

/** The lamp of `address` in `phone`'s contact list: its status and its accessible label. */
function lamp(phone, address) {
  return phone.page.evaluate((a) => {
    const dot = document.querySelector(`#contacts li[data-address="${a}"] .lamp`);
    return dot && { status: dot.dataset.status, label: dot.getAttribute('aria-label'), role: dot.getAttribute('role') };
  }, address);
}

function waitForLamp(phone, address, status) {
  return waitFor(phone.page, `${phone.name} shows ${address}'s lamp ${status}`,
    ({ a, s }) => document.querySelector(`#contacts li[data-address="${a}"] .lamp`)?.dataset.status === s,
    { a: address, s: status });
}

async function follow(phone, address) {
  await phone.page.fill('#follow-address', address);
  await phone.page.click('#follow-button');
}

function callLog(phone) {
  return phone.page.$$eval('#call-log li', (items) => items.map((li) => li.textContent));
}

/** Packets received on the call with `peer` stop growing: two readings `gapMs` apart are equal. */
function waitForSilenceFrom(phone, peer, gapMs = 600) {
  return waitForAsync(phone.page, `${phone.name} receives no more packets from ${peer}`, async ({ p, gap }) => {
    const first = await window.softphone.media(p);
    await new Promise((resolve) => setTimeout(resolve, gap));
    const second = await window.softphone.media(p);
    return first && second && second.received === first.received ? second : null;
  }, { p: peer, gap: gapMs }, 15000);
}

function waitForPacketsFrom(phone, peer) {
  return waitForAsync(phone.page, `${phone.name} receives packets from ${peer} again`, async (p) => {
    const first = await window.softphone.media(p);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await window.softphone.media(p);
    return first && second && second.received > first.received ? second : null;
  }, peer, 15000);
}

test('busy lamps: a followed contact shows available with an accessible label', { timeout: 30000 }, async () => {
  await follow(alice, 'bob');
  await follow(alice, 'carol');
  await waitForLamp(alice, 'carol', 'available');
  await waitForLamp(alice, 'bob', 'available');
  assert.deepEqual(await lamp(alice, 'carol'), { status: 'available', label: 'carol: Available', role: 'img' });
});

test('during a call the dial pad sends tones that the other page receives as dtmf', { timeout: 60000 }, async () => {
  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(bob, 'alice');
  await waitFor(alice.page, 'alice\'s dial pad enabled',
    () => !document.querySelector('#call-tools').hidden && !document.querySelector('#dialpad button[data-tone="1"]').disabled);
  // bob is in a call: its lamp at alice turns busy.
  await waitForLamp(alice, 'bob', 'busy');
  assert.match((await lamp(alice, 'bob')).label, /^bob: Busy/);

  for (const tone of ['1', '2', '3', '#']) await alice.page.click(`#dialpad button[data-tone="${tone}"]`);
  // A key typed while the call panel has the focus is a tone too.
  await alice.page.focus('#dialpad button[data-tone="1"]');
  await alice.page.keyboard.press('9');
  await waitFor(bob.page, 'bob\'s call log lists the five tones in order', () => {
    const lines = [...document.querySelectorAll('#call-log li')].map((li) => li.textContent);
    return lines.filter((l) => l.startsWith('alice sent tones')).length === 5;
  });
  assert.deepEqual((await callLog(bob)).filter((l) => l.startsWith('alice sent tones')),
    ['alice sent tones 1', 'alice sent tones 2', 'alice sent tones 3', 'alice sent tones #', 'alice sent tones 9']);
  assert.equal(await alice.page.textContent('#dtmf-display'), '123#9');
});

test('hold: both pages show it, the directions say it, and no media flows until resume', { timeout: 60000 }, async () => {
  await alice.page.click('#hold-button');
  await waitFor(alice.page, 'alice shows the call on hold', () =>
    document.querySelector('.tile.remote')?.dataset.hold === 'local'
    && document.querySelector('#call-status').textContent === 'bob: on hold'
    && document.querySelector('#hold-button').getAttribute('aria-pressed') === 'true');
  await waitFor(bob.page, 'bob shows alice holding the call', () =>
    document.querySelector('.tile.remote')?.dataset.hold === 'remote'
    && document.querySelector('#call-status').textContent === 'alice: held by alice');
  // RFC 3264 hold: the holder offers sendonly, the held side answers recvonly.
  await waitForAsync(alice.page, 'alice\'s transceivers negotiated sendonly',
    async () => (await window.softphone.media('bob')).directions.every((d) => d === 'sendonly'));
  await waitForAsync(bob.page, 'bob\'s transceivers negotiated recvonly',
    async () => (await window.softphone.media('alice')).directions.every((d) => d === 'recvonly'));
  await waitForSilenceFrom(bob, 'alice');
  await waitForSilenceFrom(alice, 'bob');
  assert.ok((await callLog(bob)).includes('alice put the call on hold'));

  await alice.page.click('#hold-button');
  await waitFor(bob.page, 'bob shows the call resumed', () =>
    document.querySelector('.tile.remote')?.dataset.hold === 'none'
    && document.querySelector('#call-status').textContent === 'alice: in call');
  await waitForAsync(alice.page, 'alice\'s transceivers back to sendrecv',
    async () => (await window.softphone.media('bob')).directions.every((d) => d === 'sendrecv'));
  await waitForPacketsFrom(bob, 'alice');
  await waitForPacketsFrom(alice, 'bob');
  await waitForVideo(bob, 'alice', (await waitForVideo(bob, 'alice')).framesDecoded);
  assert.equal(await alice.page.textContent('#hold-button'), 'Hold');
});

test('transfer: alice transfers bob to carol, bob\'s page calls carol, alice\'s call ends as transferred; carol\'s lamp is busy meanwhile', { timeout: 60000 }, async () => {
  // The picture for docs: alice mid-call, tones sent, the transfer form filled in, bob busy and carol free.
  await alice.page.click('#transfer-button');
  await alice.page.fill('#transfer-address', 'carol');
  await waitFor(alice.page, 'remote video playing', () => {
    const v = document.querySelector('.tile.remote video');
    return v && v.currentTime > 0.5 && v.videoWidth > 0;
  });
  await screenshot(alice.page, 'softphone-pbx.png');

  await alice.page.click('#transfer-submit');
  await answer(carol, 'bob');
  assert.match(await noticeWith(alice, 'transferred'), /^bob was transferred to carol\.$/);
  assert.match(await noticeWith(bob, 'transferred'), /^Your call with alice was handed over to carol\.$/);
  await waitFor(alice.page, 'no call left on alice', () => window.softphone.gw.calls.size === 0);
  assert.ok((await callLog(bob)).includes('alice transferred you to carol: calling…'));
  await waitForAsync(carol.page, 'carol receives bob\'s audio', async () => {
    const s = await window.softphone.inbound('bob');
    return s && ['connected', 'completed'].includes(s.ice) && s.audioBytes > 0;
  });
  assert.deepEqual(await bob.page.evaluate(() => [...window.softphone.gw.calls.values()].map((c) => c.peer)), ['carol']);

  await waitForLamp(alice, 'carol', 'busy');
  assert.equal((await lamp(alice, 'carol')).label, 'carol: Busy (on the phone)');
  await bob.page.click('#hangup-button');
  await waitForLamp(alice, 'carol', 'available');
  await waitForLamp(alice, 'bob', 'available');
});
