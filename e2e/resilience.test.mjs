// Calls and sessions surviving a dropped connection and a gateway restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { startProxy } from './lib/tcp-proxy.mjs';
import {
  openPhone, call, answer, waitFor, waitForVideo, noticeWith, closeAll,
} from './lib/softphone.mjs';

let gateway;
let proxy;
let browser;
const phones = [];

before(async () => {
  gateway = await startGateway();
  proxy = await startProxy(gateway.port);
  browser = await launchBrowser();
});

after(async () => {
  await closeAll(phones);
  await browser?.close();
  await proxy?.close();
  await gateway?.stop();
});

const connectionState = (phone) => phone.page.$eval('#status', (s) => s.dataset.state);

test('a call survives the browser\'s connection dropping without a close frame: resumed, media still flowing, queued chat delivered', { timeout: 90000 }, async () => {
  // alice reaches the gateway through the proxy, so her connection can be cut.
  const alice = await openPhone(browser, proxy.url, 'alice');
  const bob = await openPhone(browser, gateway.url, 'bob');
  phones.push(alice, bob);
  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(bob, 'alice');
  await waitForVideo(alice, 'bob');

  assert.ok(proxy.down() >= 1, 'alice had a connection through the proxy');
  await waitFor(alice.page, 'alice reconnecting', () => document.querySelector('#status').dataset.state === 'reconnecting');
  assert.match(await noticeWith(alice, 'connection-lost'), /Connection lost\. Retrying/);

  // While alice is away the gateway keeps her session and queues what is sent to her.
  await bob.page.fill('#chat-to', 'alice');
  await bob.page.fill('#chat-input', 'sent while you were away');
  await bob.page.click('#chat-send');
  await waitFor(bob.page, 'bob\'s message accepted', () => document.querySelector('#chat-log').textContent.includes('sent while you were away'));
  const framesBefore = (await waitForVideo(bob, 'alice')).framesDecoded;

  proxy.up();
  assert.match(await noticeWith(alice, 'resumed'), /session and calls were resumed/);
  assert.equal(await connectionState(alice), 'connected');
  assert.equal(await alice.page.textContent('#me'), 'alice');
  await waitFor(alice.page, 'the queued chat message', () => document.querySelector('#chat-log').textContent.includes('sent while you were away'));

  // The same call, still up on both sides, media still arriving.
  await waitForVideo(bob, 'alice', framesBefore);
  const atAlice = await waitForVideo(alice, 'bob');
  assert.ok(atAlice.framesDecoded > 0);
  assert.equal(await bob.page.evaluate(() => window.softphone.gw.calls.size), 1);

  // Signaling works on the resumed session: a hang-up reaches the other side.
  await bob.page.click('#hangup-button');
  await waitFor(alice.page, 'bob\'s hang-up seen by alice after the resume', () => window.softphone.gw.calls.size === 0);
  assert.match(await noticeWith(alice, 'bye'), /bob hung up/);
  await closeAll([alice, bob]);
});

test('after a gateway restart the page logs in again under the same name and can call', { timeout: 120000 }, async () => {
  const carol = await openPhone(browser, gateway.url, 'carol');
  const dave = await openPhone(browser, gateway.url, 'dave');
  phones.push(carol, dave);

  await gateway.restart();

  // The new gateway does not know the old session: resume is refused, a fresh login follows.
  for (const phone of [carol, dave]) {
    assert.match(await noticeWith(phone, 'session-lost'), /forgotten this session/);
    await waitFor(phone.page, `${phone.name} connected again`, (n) => document.querySelector('#status').dataset.state === 'connected'
      && document.querySelector('#me').textContent === n, phone.name, 30000);
  }
  await call(carol, 'dave');
  await answer(dave, 'carol');
  const s = await waitForVideo(dave, 'carol');
  assert.ok(s.framesDecoded > 0);
});
