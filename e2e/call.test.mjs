// One-to-one calls between two browser contexts through a real gateway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { screenshot } from './lib/screenshots.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import {
  openPhone, call, answer, reject, waitFor, waitForAsync, waitForVideo, noticeWith, remoteTiles, closeAll,
} from './lib/softphone.mjs';


let gateway;
let browser;
let alice;
let bob;

before(async () => {
  gateway = await startGateway();
  browser = await launchBrowser();
  alice = await openPhone(browser, gateway.url, 'alice');
  bob = await openPhone(browser, gateway.url, 'bob');
});

after(async () => {
  await closeAll([alice, bob]);
  await browser?.close();
  await gateway?.stop();
});

test('the page and gateway.js are served by the gateway', async () => {
  const page = await fetch(`${gateway.url}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>webrtc-gateway softphone<\/title>/);
  const lib = await fetch(`${gateway.url}/gateway.js`);
  assert.equal(lib.status, 200);
  assert.match(lib.headers.get('content-type'), /javascript/);
  const module = await fetch(`${gateway.url}/gateway.mjs`);
  assert.equal(module.status, 200);
  assert.match(module.headers.get('content-type'), /javascript/);
});

test('gateway.js works from a plain script tag and as an ES module', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${gateway.url}/health`);
    await page.addScriptTag({ url: '/gateway.js' });
    assert.equal(await page.evaluate(() => typeof window.WebRTCGateway.Gateway), 'function');
    const fromModule = await page.evaluate(async () => {
      const m = await import('/gateway.mjs');
      return typeof m.Gateway === 'function' && m.Gateway === window.WebRTCGateway.Gateway;
    });
    assert.equal(fromModule, true);
  } finally {
    await context.close();
  }
});

test('callee answers: both sides reach ICE connected and the callee decodes the caller\'s video', { timeout: 60000 }, async () => {
  await call(alice, 'bob');
  await answer(bob, 'alice');
  const atBob = await waitForVideo(bob, 'alice');
  const atAlice = await waitForVideo(alice, 'bob');
  assert.ok(atBob.framesDecoded > 0, `bob decoded ${atBob.framesDecoded} frames`);
  assert.ok(['connected', 'completed'].includes(atAlice.ice));
  assert.deepEqual(await remoteTiles(bob), ['alice']);

  // A picture of the page mid-call for people to look at (docs/images).
  await waitFor(bob.page, 'remote video playing', () => {
    const v = document.querySelector('.tile.remote video');
    return v && v.currentTime > 0.5 && v.videoWidth > 0;
  });
  // Chat both ways and a followed contact, so the picture shows the whole page at work.
  await alice.page.fill('#chat-to', 'bob');
  await alice.page.fill('#chat-input', 'Can you see me?');
  await alice.page.click('#chat-send');
  await waitFor(bob.page, 'alice\'s chat message', () => document.querySelector('#chat-log').textContent.includes('Can you see me?'));
  await bob.page.fill('#chat-input', 'Yes, loud and clear.');
  await bob.page.click('#chat-send');
  await waitFor(alice.page, 'bob\'s chat message', () => document.querySelector('#chat-log').textContent.includes('loud and clear'));
  await bob.page.fill('#follow-address', 'alice');
  await bob.page.click('#follow-button');
  // alice is in a call, so her page tells her followers she is busy (the softphone's busy lamp).
  await waitFor(bob.page, 'alice listed as busy', () => document.querySelector('#contacts li[data-address="alice"]')?.dataset.status === 'busy');
  await screenshot(bob.page, 'softphone-call.png');
});

test('hanging up on one side ends the call on the other side', { timeout: 30000 }, async () => {
  await alice.page.click('#hangup-button');
  await waitFor(bob.page, 'alice\'s tile removed on bob', () => document.querySelectorAll('.tile.remote').length === 0);
  assert.match(await noticeWith(bob, 'bye'), /alice hung up/);
  assert.equal(await bob.page.evaluate(() => window.softphone.gw.calls.size), 0);
  assert.equal(await alice.page.evaluate(() => window.softphone.gw.calls.size), 0);
});

test('a rejected call ends on the caller with a readable "declined"', { timeout: 30000 }, async () => {
  await call(alice, 'bob');
  await reject(bob, 'alice');
  assert.match(await noticeWith(alice, 'decline'), /bob declined the call/);
  await waitFor(alice.page, 'no call left on alice', () => window.softphone.gw.calls.size === 0);
});

test('calling a name nobody uses says the peer is unknown', { timeout: 30000 }, async () => {
  await call(alice, 'nobody-here');
  assert.match(await noticeWith(alice, 'unknown-peer'), /nobody-here is not known to the gateway/);
  await waitFor(alice.page, 'the failed call removed', () => document.querySelectorAll('.tile.remote').length === 0);
});

test('an audio-only call gains video by renegotiation ("Add video")', { timeout: 60000 }, async () => {
  await call(bob, 'alice', { video: false });
  await answer(alice, 'bob');
  await waitForAsync(alice.page, 'audio flowing from bob', async () => {
    const s = await window.softphone.inbound('bob');
    return s && s.ice === 'connected' && s.audioBytes > 0;
  });
  assert.equal((await alice.page.evaluate(() => window.softphone.inbound('bob'))).framesDecoded, 0);
  await waitFor(bob.page, 'the "Add video" button', () => document.querySelector('#camera-button').textContent === 'Add video');
  await bob.page.click('#camera-button');
  const s = await waitForVideo(alice, 'bob');
  assert.ok(s.framesDecoded > 0);
  await bob.page.click('#hangup-button');
  await waitFor(alice.page, 'call ended on alice', () => window.softphone.gw.calls.size === 0);
});

test('both sides renegotiating at once (glare) settles and media keeps flowing', { timeout: 60000 }, async () => {
  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(bob, 'alice');
  // Both restart ICE in the same instant: two crossing offers. The polite side (the
  // callee) rolls back its own, the impolite one ignores the other's.
  const ufrag = (phone) => phone.page.evaluate(() => {
    const call = [...window.softphone.gw.calls.values()][0];
    return /a=ice-ufrag:(\S+)/.exec(call.pc.remoteDescription.sdp)[1];
  });
  const before = await ufrag(bob);
  await Promise.all([alice, bob].map((p) => p.page.evaluate(() => {
    for (const c of window.softphone.gw.calls.values()) c.restartIce();
  })));
  await waitFor(bob.page, 'new ICE credentials from alice applied', (old) => {
    const call = [...window.softphone.gw.calls.values()][0];
    return call.pc.signalingState === 'stable' && !call.pc.remoteDescription.sdp.includes(`a=ice-ufrag:${old}`);
  }, before);
  await waitFor(alice.page, 'alice back to stable', () => [...window.softphone.gw.calls.values()][0].pc.signalingState === 'stable');
  const frames = (await waitForVideo(bob, 'alice')).framesDecoded;
  await waitForVideo(bob, 'alice', frames);
  assert.notEqual(await ufrag(bob), before);
  await alice.page.click('#hangup-button');
  await waitFor(bob.page, 'call ended on bob', () => window.softphone.gw.calls.size === 0);
});
