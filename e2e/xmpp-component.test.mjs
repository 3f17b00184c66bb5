// The XMPP bridge in component mode (XEP-0114) with real media. A real Prosody from the project's own cfg
// (e2e/lib/prosody.mjs: Component "gw.localhost" with its secret); the gateway runs the shipped example,
// distribution/src/conf/xmpp-prosody-component-example.yaml, its ports and secret overridden here. Every
// browser user logged in to the gateway is <name>@gw.localhost/gateway (no accounts): erin and frank. The
// component stream goes through a tap of ours (plain TCP, as XEP-0114 is), so the test can see which
// stanzas crossed it. With an independent client, StanzaJS 12 as dave@localhost over WebSocket:
//  - presence both ways (the component approves dave's request, xmpp.subscription-policy accept) and chat;
//  - dave calls erin's full JID (learned from presence), erin calls xmpp:dave@localhost;
//  - erin calls xmpp:frank@gw.localhost: the call leaves the gateway for Prosody and comes back through
//    the component (seen on the component stream both ways), and frank's browser answers it.
// A call passes when the callee decodes the caller's video (and the caller the callee's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { startProsody, USERS, COMPONENT_DOMAIN, COMPONENT_SECRET } from './lib/prosody.mjs';
import { call, answer, waitFor, waitForVideo, closeAll } from './lib/softphone.mjs';
import { startStanzaServer, openStanza, waitForState, waitForOnline, waitForStanzaVideo, describe as stanzaState } from './lib/stanza-peer.mjs';
import { startProxy } from './lib/tcp-proxy.mjs';
import {
  RING_MS, openXmppPhone, explained, follow, contactStatus, received, callFailure, ringingOrFail, callAndAnswer, hangUpAndCheck,
} from './lib/xmpp-phone.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(repo, 'distribution/src/conf/xmpp-prosody-component-example.yaml');
const CONNECTED_MS = 15000;
/** What the component stream carried at most, each way, for the checks and failure messages. */
const WIRE_LIMIT = 4 * 1024 * 1024;

let prosody;
let tap;
let gateway;
let browser;
let stanzaServer;
let erin;
let frank;
let dave;
let erinFullJid;
/** The component stream as text: 'up' from the gateway to Prosody, 'down' from Prosody to the gateway. */
const wire = { up: '', down: '' };

before(async () => {
  prosody = await startProsody();
  tap = await startProxy(prosody.componentPort, {
    tap: (direction, chunk) => { if (wire[direction].length < WIRE_LIMIT) wire[direction] += chunk.toString('utf8'); },
  });
  gateway = await startGateway({
    extraArgs: ['--config', EXAMPLE, '--xmpp.component.server', `127.0.0.1:${tap.port}`, '--xmpp.component.secret', COMPONENT_SECRET],
  });
  await componentConnected();
  browser = await launchBrowser();
  stanzaServer = await startStanzaServer();
  [erin, frank] = await Promise.all([openXmppPhone(browser, gateway.url, 'erin'), openXmppPhone(browser, gateway.url, 'frank')]);
  dave = await openStanza(browser, stanzaServer.url, { user: 'dave', password: USERS.dave, websocketUrl: prosody.websocketUrl });
});

after(async () => {
  await closeAll([erin, frank, dave]);
  await browser?.close();
  await stanzaServer?.close();
  await gateway?.stop();
  await tap?.close();
  await prosody?.stop();
});

const ERIN = `erin@${COMPONENT_DOMAIN}`;
const FRANK = `frank@${COMPONENT_DOMAIN}`;

test('presence both ways: dave follows erin@gw.localhost (the component approves), erin follows xmpp:dave@localhost', { timeout: 30000 }, () => explainedHere(async () => {
  await dave.page.evaluate((jid) => window.xmpp.subscribe(jid), ERIN);
  const fullJids = await waitForOnline(dave, ERIN);
  assert.deepEqual(fullJids, [`${ERIN}/gateway`]);
  [erinFullJid] = fullJids;
  await follow(erin, 'xmpp:dave@localhost');
  await contactStatus(erin, 'xmpp:dave@localhost', 'available');
  // Changes, both ways.
  await dave.page.evaluate(() => window.xmpp.sendPresence('away', 'at lunch'));
  await contactStatus(erin, 'xmpp:dave@localhost', 'away');
  await dave.page.evaluate(() => window.xmpp.sendPresence());
  await contactStatus(erin, 'xmpp:dave@localhost', 'available');
  await erin.page.selectOption('#my-presence', 'away');
  await waitForState(dave, `${ERIN} away`, (b) => window.xmpp.state.presence[b]?.status === 'away', ERIN);
  await erin.page.selectOption('#my-presence', 'available');
  await waitForState(dave, `${ERIN} available`, (b) => window.xmpp.state.presence[b]?.status === 'available', ERIN);
}));

test('chat both ways between dave and erin@gw.localhost', { timeout: 30000 }, () => explainedHere(async () => {
  await dave.page.evaluate((to) => window.xmpp.chat(to, 'hello erin'), ERIN);
  await received(erin, 'xmpp:dave@localhost', 'hello erin');
  await erin.page.evaluate(() => window.softphone.gw.sendMessage('xmpp:dave@localhost', 'hello dave'));
  await waitForState(dave, `chat from ${ERIN}`, (f) => window.xmpp.state.chats.some((c) => c.from === f && c.body === 'hello dave'), ERIN);
}));

test('dave (StanzaJS) calls erin\'s full JID and each decodes the other\'s video', { timeout: 45000 }, () => explainedHere(async () => {
  assert.ok(erinFullJid, 'the presence test found no resource of erin@gw.localhost online');
  await dave.page.evaluate((jid) => window.xmpp.call(jid), erinFullJid);
  await ringingOrFail(erin, 'xmpp:dave@localhost', async () => {
    const s = await dave.page.evaluate(() => window.xmpp.state.session);
    return s && s.terminated ? `dave's Jingle session ended: ${s.reason}; ${await stanzaState(dave)}` : null;
  });
  await answer(erin, 'xmpp:dave@localhost');
  const atErin = await waitForVideo(erin, 'xmpp:dave@localhost');
  assert.ok(atErin.framesDecoded > 0, `erin decoded ${atErin.framesDecoded} frames`);
  const atDave = await waitForStanzaVideo(dave);
  assert.ok(atDave.framesDecoded > 0, `dave decoded ${atDave.framesDecoded} frames`);
  await dave.page.evaluate(() => window.xmpp.hangup());
  await waitFor(erin.page, 'erin\'s call with dave ended', () => window.softphone.gw.calls.size === 0);
}));

test('erin calls xmpp:dave@localhost (StanzaJS answers) and each decodes the other\'s video', { timeout: 45000 }, () => explainedHere(async () => {
  const earlier = await dave.page.evaluate(() => window.xmpp.state.session?.sid ?? null);
  await call(erin, 'xmpp:dave@localhost');
  // StanzaJS accepts at once, with its camera: a new incoming session, or erin's call failing.
  const deadline = Date.now() + RING_MS;
  for (;;) {
    const s = await dave.page.evaluate(() => window.xmpp.state.session);
    if (s && s.sid !== earlier && s.direction === 'incoming') break;
    const refused = await callFailure(erin);
    if (refused) throw new Error(`erin's call to xmpp:dave@localhost failed: ${refused}`);
    if (Date.now() > deadline) throw new Error(`no Jingle session reached dave within ${RING_MS} ms; ${await stanzaState(dave)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  const atDave = await waitForStanzaVideo(dave);
  assert.ok(atDave.framesDecoded > 0, `dave decoded ${atDave.framesDecoded} frames`);
  const atErin = await waitForVideo(erin, 'xmpp:dave@localhost');
  assert.ok(atErin.framesDecoded > 0, `erin decoded ${atErin.framesDecoded} frames`);
  await erin.page.click('#hangup-button');
  await waitForState(dave, 'dave\'s session terminated by erin\'s hang-up', () => window.xmpp.state.session.terminated);
}));

test('erin calls xmpp:frank@gw.localhost through Prosody and back through the component; frank decodes her video', { timeout: 45000 }, () => explainedHere(async () => {
  const from = { up: wire.up.length, down: wire.down.length };
  await callAndAnswer(erin, `xmpp:${FRANK}`, frank, `xmpp:${ERIN}`);
  const atFrank = await waitForVideo(frank, `xmpp:${ERIN}`);
  assert.ok(atFrank.framesDecoded > 0, `frank decoded ${atFrank.framesDecoded} frames`);
  const atErin = await waitForVideo(erin, `xmpp:${FRANK}`);
  assert.ok(atErin.framesDecoded > 0, `erin decoded ${atErin.framesDecoded} frames`);
  // The call left the gateway for Prosody and Prosody brought it back: rung with a XEP-0353 propose to
  // frank's bare JID, then the session-initiate and frank's session-accept, the same sid both ways.
  const up = wire.up.slice(from.up);
  const down = wire.down.slice(from.down);
  const sent = jingleIqs(up).filter((j) => j.action === 'session-initiate' && j.to.startsWith(`${FRANK}/`));
  assert.equal(sent.length, 1, `one session-initiate to ${FRANK} went to Prosody: ${JSON.stringify(sent)}`);
  const { sid } = sent[0];
  for (const [dir, text] of [['to Prosody', up], ['back from Prosody', down]]) {
    assert.equal(proposes(text).filter((p) => p.id === sid && p.to === FRANK).length, 1, `one propose ${sid} to ${FRANK} ${dir}`);
    for (const action of ['session-initiate', 'session-accept']) {
      assert.equal(jingleIqs(text).filter((j) => j.action === action && j.sid === sid).length, 1, `one ${action} ${sid} ${dir}`);
    }
  }
  await hangUpAndCheck(erin, [frank]);
}));

// ---- helpers ------------------------------------------------------------------------------------

/** explained() with this file's gateway and pages, and the call stanzas (and errors) the component stream carried. */
function explainedHere(body) {
  const from = { up: wire.up.length, down: wire.down.length };
  return explained([gateway], [erin, frank, dave], body, () => {
    const seen = (dir, label) => callStanzas(wire[dir].slice(from[dir])).map((line) => `${label} ${line}`);
    const all = [...seen('up', 'to Prosody:'), ...seen('down', 'from Prosody:')];
    return all.length ? `--- call stanzas and errors on the component stream during the test (last ${Math.min(all.length, 24)}) ---\n${all.slice(-24).join('\n')}` : null;
  });
}

/** Waits until the gateway logged its component stream to Prosody up ("XMPP component gw.localhost at ...: connected"). */
async function componentConnected() {
  const line = new RegExp(`XMPP component ${COMPONENT_DOMAIN.replaceAll('.', '\\.')} at 127\\.0\\.0\\.1:${tap.port}: connected`);
  const deadline = Date.now() + CONNECTED_MS;
  while (!line.test(gateway.logs())) {
    if (Date.now() > deadline) throw new Error(`the component did not connect within ${CONNECTED_MS} ms:\n${gateway.logs()}\n--- prosody ---\n${prosody.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w:-]+)=(?:'([^']*)'|"([^"]*)")/g)].map((m) => [m[1], m[2] ?? m[3]]));

/** The Jingle IQs in a piece of stream: {action, sid, from, to} of each. */
function jingleIqs(text) {
  return [...text.matchAll(/<iq\b([^>]*)>\s*<jingle\b([^>]*)>/g)].map((m) => {
    const iq = attrs(m[1]);
    const jingle = attrs(m[2]);
    return { action: jingle.action, sid: jingle.sid, from: iq.from, to: iq.to };
  });
}

/** The XEP-0353 proposes in a piece of stream (a message whose first child is the propose): {id, from, to} of each. */
function proposes(text) {
  return [...text.matchAll(/<message\b([^>]*)>\s*<propose\b([^>]*)>/g)].map((m) => {
    const message = attrs(m[1]);
    return { id: attrs(m[2]).id, from: message.from, to: message.to };
  });
}

/** One line for each Jingle IQ, XEP-0353 message and error stanza in a piece of stream, for failure messages. */
function callStanzas(text) {
  return [...text.matchAll(/<(iq|message|presence)\b([^>]*)>\s*<([\w:-]+)\b([^>]*)>/g)]
    .map(([, kind, stanza, child, childAttrs]) => ({ kind, stanza: attrs(stanza), child, of: attrs(childAttrs) }))
    .filter(({ stanza, child, of }) => child === 'jingle' || of.xmlns === 'urn:xmpp:jingle-message:0' || stanza.type === 'error')
    .map(({ kind, stanza, child, of }) => `<${kind} type=${stanza.type ?? '-'} id=${stanza.id}> ${stanza.from} -> ${stanza.to}: <${child}${of.action ? ` action=${of.action}` : ''}${of.sid || of.id ? ` sid=${of.sid || of.id}` : ''}>`);
}
