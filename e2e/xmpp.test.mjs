// Real media through XMPP (issue 13). A real Prosody from the project's own cfg (e2e/lib/prosody.mjs);
// the gateway runs the documented example configuration, distribution/src/conf/xmpp-prosody-example.yaml
// (alice and bob log in as alice@localhost and bob@localhost), its ports overridden here.
//  - chat and presence between two browsers through Prosody;
//  - alice's browser calls xmpp:bob@localhost: gateway -> Jingle -> Prosody -> Jingle -> gateway -> bob's
//    browser, rung with XEP-0353 (both ends announce it);
//  - a second gateway with carol's account and xmpp.jingle-message-initiation false: calls to and from it
//    are direct session-initiates (alice and carol follow each other, so each gateway knows the other's
//    resource and capabilities);
//  - an independent browser Jingle client, StanzaJS 12 (no XEP-0353) logged in as dave over WebSocket,
//    calls bob and is called by bob.
// A call passes when the callee decodes the caller's video (and the caller the callee's).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { startProsody, USERS } from './lib/prosody.mjs';
import { call, answer, waitFor, waitForVideo, closeAll } from './lib/softphone.mjs';
import { startStanzaServer, openStanza, waitForState, waitForOnline, waitForStanzaVideo, describe as stanzaState } from './lib/stanza-peer.mjs';
import {
  RING_MS, openXmppPhone, explained, follow, contactStatus, received, callFailure, ringingOrFail, callAndAnswer, hangUpAndCheck,
} from './lib/xmpp-phone.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(repo, 'distribution/src/conf/xmpp-prosody-example.yaml');
const LOGGED_IN_MS = 15000;

let prosody;
let gateway;
let browser;
let stanzaServer;
let alice;
let bob;
let dave;

/** The gateway's command-line overrides that point it at this run's Prosody. */
const atProsody = () => ['--xmpp.server', prosody.c2sHostPort, '--xmpp.trust-certificate', prosody.certificate];

before(async () => {
  prosody = await startProsody();
  gateway = await startGateway({ extraArgs: ['--config', EXAMPLE, ...atProsody()] });
  await loggedIn(gateway, ['alice', 'bob']);
  browser = await launchBrowser();
  stanzaServer = await startStanzaServer();
  alice = await openXmppPhone(browser, gateway.url, 'alice');
  bob = await openXmppPhone(browser, gateway.url, 'bob');
});

after(async () => {
  await closeAll([alice, bob, dave]);
  await browser?.close();
  await stanzaServer?.close();
  await gateway?.stop();
  await prosody?.stop();
});

test('browsers follow each other through Prosody and see presence changes', { timeout: 30000 }, async () => {
  await follow(alice, 'xmpp:bob@localhost');
  await follow(bob, 'xmpp:alice@localhost');
  await contactStatus(alice, 'xmpp:bob@localhost', 'available');
  await contactStatus(bob, 'xmpp:alice@localhost', 'available');
  await bob.page.selectOption('#my-presence', 'away');
  await contactStatus(alice, 'xmpp:bob@localhost', 'away');
  await bob.page.selectOption('#my-presence', 'available');
  await contactStatus(alice, 'xmpp:bob@localhost', 'available');
});

test('browsers chat through Prosody', { timeout: 30000 }, async () => {
  await alice.page.evaluate(() => window.softphone.gw.sendMessage('xmpp:bob@localhost', 'hello bob'));
  await received(bob, 'xmpp:alice@localhost', 'hello bob');
  await bob.page.evaluate(() => window.softphone.gw.sendMessage('xmpp:alice@localhost', 'hello alice'));
  await received(alice, 'xmpp:bob@localhost', 'hello alice');
});

test('alice calls xmpp:bob@localhost (XEP-0353 ringing) and bob decodes her video; her hang-up ends his call', { timeout: 60000 }, () => explainedHere([gateway], async () => {
  await callAndAnswer(alice, 'xmpp:bob@localhost', bob, 'xmpp:alice@localhost');
  const atBob = await waitForVideo(bob, 'xmpp:alice@localhost');
  assert.ok(atBob.framesDecoded > 0, `bob decoded ${atBob.framesDecoded} frames`);
  const atAlice = await waitForVideo(alice, 'xmpp:bob@localhost');
  assert.ok(atAlice.framesDecoded > 0, `alice decoded ${atAlice.framesDecoded} frames`);
  await hangUpAndCheck(alice, [bob]);
}));

describe('a gateway without XEP-0353 (xmpp.jingle-message-initiation false): direct session-initiate', () => {
  let second;
  let carol;

  before(async () => {
    // carol's account only: every xmpp.* setting on the command line, not the example (it has alice and bob).
    second = await startGateway({
      extraArgs: ['--xmpp.enabled', 'true', ...atProsody(), '--xmpp.subscription-policy', 'accept',
        '--xmpp.account.carol.jid', 'carol@localhost', '--xmpp.account.carol.password', USERS.carol,
        '--xmpp.jingle-message-initiation', 'false'],
    });
    await loggedIn(second, ['carol']);
    carol = await openXmppPhone(browser, second.url, 'carol');
  });

  after(async () => {
    await closeAll([carol]);
    await second?.stop();
  });

  test('alice and carol (two gateways) follow each other through Prosody', { timeout: 30000 }, async () => {
    await follow(alice, 'xmpp:carol@localhost');
    await follow(carol, 'xmpp:alice@localhost');
    await contactStatus(alice, 'xmpp:carol@localhost', 'available');
    await contactStatus(carol, 'xmpp:alice@localhost', 'available');
  });

  test('alice calls xmpp:carol@localhost (direct session-initiate) and carol decodes her video', { timeout: 60000 }, () => explainedHere([gateway, second], async () => {
    await callAndAnswer(alice, 'xmpp:carol@localhost', carol, 'xmpp:alice@localhost');
    const atCarol = await waitForVideo(carol, 'xmpp:alice@localhost');
    assert.ok(atCarol.framesDecoded > 0, `carol decoded ${atCarol.framesDecoded} frames`);
    const atAlice = await waitForVideo(alice, 'xmpp:carol@localhost');
    assert.ok(atAlice.framesDecoded > 0, `alice decoded ${atAlice.framesDecoded} frames`);
    await hangUpAndCheck(carol, [alice]);
  }));

  test('carol calls xmpp:alice@localhost (direct session-initiate) and alice decodes her video', { timeout: 60000 }, () => explainedHere([gateway, second], async () => {
    await callAndAnswer(carol, 'xmpp:alice@localhost', alice, 'xmpp:carol@localhost');
    const atAlice = await waitForVideo(alice, 'xmpp:carol@localhost');
    assert.ok(atAlice.framesDecoded > 0, `alice decoded ${atAlice.framesDecoded} frames`);
    const atCarol = await waitForVideo(carol, 'xmpp:alice@localhost');
    assert.ok(atCarol.framesDecoded > 0, `carol decoded ${atCarol.framesDecoded} frames`);
    await hangUpAndCheck(alice, [carol]);
  }));
});

describe('an independent browser Jingle client: StanzaJS as dave@localhost over WebSocket', () => {
  let bobFullJid;

  test('dave logs in over WebSocket, follows bob and is followed by him, and they chat', { timeout: 30000 }, async () => {
    dave = await openStanza(browser, stanzaServer.url, { user: 'dave', password: USERS.dave, websocketUrl: prosody.websocketUrl });
    await dave.page.evaluate(() => window.xmpp.subscribe('bob@localhost'));
    [bobFullJid] = await waitForOnline(dave, 'bob@localhost');
    await follow(bob, 'xmpp:dave@localhost');
    await contactStatus(bob, 'xmpp:dave@localhost', 'available');
    await dave.page.evaluate(() => window.xmpp.sendPresence('away', 'at lunch'));
    await contactStatus(bob, 'xmpp:dave@localhost', 'away');
    await dave.page.evaluate(() => window.xmpp.sendPresence());
    await contactStatus(bob, 'xmpp:dave@localhost', 'available');
    await dave.page.evaluate(() => window.xmpp.chat('bob@localhost', 'hello from StanzaJS'));
    await received(bob, 'xmpp:dave@localhost', 'hello from StanzaJS');
    await bob.page.evaluate(() => window.softphone.gw.sendMessage('xmpp:dave@localhost', 'hello dave'));
    await waitForState(dave, 'chat from bob', () => window.xmpp.state.chats.some((c) => c.from === 'bob@localhost' && c.body === 'hello dave'));
  });

  test('dave (StanzaJS) calls bob\'s gateway resource and bob decodes his video', { timeout: 60000 }, () => explainedHere([gateway], async () => {
    assert.ok(bobFullJid, 'the test before found no resource of bob@localhost online');
    await dave.page.evaluate((jid) => window.xmpp.call(jid), bobFullJid);
    await ringingOrFail(bob, 'xmpp:dave@localhost', async () => {
      const s = await dave.page.evaluate(() => window.xmpp.state.session);
      return s && s.terminated ? `dave's Jingle session ended: ${s.reason}; ${await stanzaState(dave)}` : null;
    });
    await answer(bob, 'xmpp:dave@localhost');
    const atBob = await waitForVideo(bob, 'xmpp:dave@localhost');
    assert.ok(atBob.framesDecoded > 0, `bob decoded ${atBob.framesDecoded} frames`);
    const atDave = await waitForStanzaVideo(dave);
    assert.ok(atDave.framesDecoded > 0, `dave decoded ${atDave.framesDecoded} frames`);
    await dave.page.evaluate(() => window.xmpp.hangup());
    await waitFor(bob.page, 'bob\'s call with dave ended', () => window.softphone.gw.calls.size === 0);
  }));

  test('bob calls xmpp:dave@localhost (StanzaJS answers) and dave decodes his video', { timeout: 60000 }, () => explainedHere([gateway], async () => {
    assert.ok(dave, 'dave is not logged in (see the tests before)');
    const earlier = await dave.page.evaluate(() => window.xmpp.state.session?.sid ?? null);
    await call(bob, 'xmpp:dave@localhost');
    // StanzaJS accepts at once, with its camera: a new incoming session, or bob's call failing.
    const deadline = Date.now() + RING_MS;
    for (;;) {
      const s = await dave.page.evaluate(() => window.xmpp.state.session);
      if (s && s.sid !== earlier && s.direction === 'incoming') break;
      const refused = await callFailure(bob);
      if (refused) throw new Error(`bob's call to xmpp:dave@localhost failed: ${refused}`);
      if (Date.now() > deadline) throw new Error(`no Jingle session reached dave within ${RING_MS} ms; ${await stanzaState(dave)}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const atDave = await waitForStanzaVideo(dave);
    assert.ok(atDave.framesDecoded > 0, `dave decoded ${atDave.framesDecoded} frames`);
    const atBob = await waitForVideo(bob, 'xmpp:dave@localhost');
    assert.ok(atBob.framesDecoded > 0, `bob decoded ${atBob.framesDecoded} frames`);
    await bob.page.click('#hangup-button');
    await waitForState(dave, 'dave\'s session terminated by bob\'s hang-up', () => window.xmpp.state.session.terminated);
  }));
});

// ---- helpers ------------------------------------------------------------------------------------

/** explained() with this file's pages whose warnings tell (alice's and bob's). */
function explainedHere(gateways, body) {
  return explained(gateways, [alice, bob], body);
}

/** Waits until the gateway logged each user's XMPP account in (the bridge logs each login). */
async function loggedIn(gw, users) {
  const deadline = Date.now() + LOGGED_IN_MS;
  for (const user of users) {
    const line = new RegExp(`XMPP account ${user}@localhost of ${user} logged in`);
    while (!line.test(gw.logs())) {
      if (Date.now() > deadline) throw new Error(`${user}@localhost not logged in within ${LOGGED_IN_MS} ms:\n${gw.logs()}\n--- prosody ---\n${prosody.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
