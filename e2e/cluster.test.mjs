// Cluster mode in the browser (issue 17): three gateway nodes from the bundle sharing a real Redis, behind a real
// HAProxy running the shipped configuration (distribution/src/conf/haproxy-cluster-example.cfg: least connections,
// no stickiness, PROXY protocol, /readyz checks). Two pages on different nodes call each other with video; the
// callee's node is killed with SIGKILL. Its page reconnects through HAProxy to another node, resumes with
// `interrupted: true` (PROTOCOL.md §10, resuming through another node), renegotiates the call with an ICE restart,
// and the same call's video keeps being decoded on both sides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startClusterNodes } from './lib/cluster.mjs';
import { startClusterHaproxy, serverName } from './lib/haproxy.mjs';
import { startRedis } from './lib/redis.mjs';
import {
  openPhone, call, answer, waitFor, waitForVideo, noticeWith, closeAll,
} from './lib/softphone.mjs';

const ALL_UP_MS = 20000;

let redis;
let nodes = [];
let haproxy;
let browser;
const phones = [];
/** Indexes of the nodes killed: they answer nothing any more. */
const killed = new Set();

before(async () => {
  redis = await startRedis();
  // handshake-timeout: a page load's idle keep-alive connections are closed after it (10 s by default), so a
  // login's WebSocket finds HAProxy counting only the other pages' WebSockets (see loginThroughHaproxy).
  const [started, launched] = await Promise.allSettled([
    startClusterNodes(3, { redisUri: redis.uri, extraArgs: ['--websocket.handshake-timeout', '2s'] }),
    launchBrowser(),
  ]);
  // Whatever started is stopped by after(), even when the other failed.
  if (started.status === 'fulfilled') nodes = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  haproxy = await startClusterHaproxy(nodes.map((node) => node.port));
  await haproxy.awaitAllUp(ALL_UP_MS);
}, { timeout: 90000 });

after(async () => {
  await closeAll(phones);
  await browser?.close();
  await haproxy?.stop();
  await Promise.all(nodes.map((node) => node.stop()));
  await redis?.stop();
});

/** Sessions each node holds now, from its /health (null for a node that is not running). */
async function sessionsPerNode() {
  return Promise.all(nodes.map((node, i) => (killed.has(i) ? null : node.sessions())));
}

/** The node (index) of each page logged in through loginThroughHaproxy, in order. */
const nodeOfPage = [];

/**
 * Opens the page through HAProxy and logs `name` in; returns the phone and the index of the node it landed on.
 * The login waits until HAProxy holds nothing but the logged-in pages' WebSockets (the page load's keep-alive
 * connections closed), so least connections sends its WebSocket to a node with the fewest users.
 */
async function loginThroughHaproxy(name) {
  const was = await sessionsPerNode();
  const webSockets = nodes.map((_, i) => nodeOfPage.filter((n) => n === i).length);
  const phone = await openPhone(browser, haproxy.url, name,
    { beforeLogin: () => haproxy.awaitConnections(webSockets, 10000) });
  phones.push(phone);
  const now = await sessionsPerNode();
  const gained = now.map((n, i) => n - was[i]);
  const node = gained.findIndex((n) => n === 1);
  assert.ok(node >= 0 && gained.filter((n) => n !== 0).length === 1,
    `${name}'s login shows on exactly one node's /health: before ${was}, after ${now}`);
  nodeOfPage.push(node);
  // Every login and resume from now on, as gateway.js reports it to the page ({name, resumed, interrupted}).
  await phone.page.evaluate(() => {
    window.loginEvents = [];
    window.softphone.gw.addEventListener('login', ({ detail }) => window.loginEvents.push(detail));
  });
  return { phone, node };
}

/** The call with `peer` on `phone`: its id and state, and the ICE user fragments of both descriptions. */
function callWith(phone, peer) {
  return phone.page.evaluate((p) => {
    const calls = [...window.softphone.gw.calls.values()];
    const c = calls.find((x) => x.peer === p);
    if (!c) return null;
    const ufrag = (description) => /a=ice-ufrag:(\S+)/.exec(description?.sdp ?? '')?.[1] ?? null;
    return {
      id: c.id,
      state: c.state,
      calls: calls.length,
      signaling: c.pc.signalingState,
      ice: c.pc.iceConnectionState,
      localUfrag: ufrag(c.pc.localDescription),
      remoteUfrag: ufrag(c.pc.remoteDescription),
    };
  }, peer);
}

const loginEvents = (phone) => phone.page.evaluate(() => window.loginEvents);

test('the callee\'s node is killed: its page resumes on another node through HAProxy, interrupted, and after an ICE restart the same call\'s video keeps being decoded on both sides', { timeout: 60000 }, async (t) => {
  const { phone: alice, node: aliceNode } = await loginThroughHaproxy('alice');
  const { phone: bob, node: bobNode } = await loginThroughHaproxy('bob');
  assert.notEqual(bobNode, aliceNode,
    `least connections put alice and bob on different nodes (HAProxy: ${JSON.stringify(await haproxy.servers())})`);
  t.diagnostic(`alice on ${serverName(aliceNode)}, bob on ${serverName(bobNode)}`);

  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(alice, 'bob');
  await waitForVideo(bob, 'alice');
  const aliceCall = await callWith(alice, 'bob');
  const bobCall = await callWith(bob, 'alice');
  assert.equal(bobCall.id, aliceCall.id, 'one call, the same id on both sides');
  assert.equal(aliceCall.remoteUfrag, bobCall.localUfrag);

  // bob's node dies: no close frame, no handover; the cluster learns it from the missing heartbeats.
  const killedAt = Date.now();
  await nodes[bobNode].kill();
  killed.add(bobNode);

  assert.match(await noticeWith(bob, 'resumed'), /^Reconnected to another server\. Your session and calls were resumed/);
  const resumedAfterMs = Date.now() - killedAt;
  const [resume] = await loginEvents(bob);
  assert.deepEqual({ name: resume.name, resumed: resume.resumed, interrupted: resume.interrupted },
    { name: 'bob', resumed: true, interrupted: true }, 'the resume reply said the session\'s node had died');
  assert.equal(await bob.page.textContent('#me'), 'bob');
  const sessions = await sessionsPerNode();
  assert.equal(sessions.filter((n) => n !== null).reduce((a, b) => a + b, 0), 2,
    `alice and the resumed bob are on the nodes left: ${sessions}`);

  // bob's page restarts ICE on the call (new user fragment), alice answers it through her node.
  await waitFor(bob.page, 'bob\'s ICE restart offered, answered and connected', ({ peer, old }) => {
    const c = [...window.softphone.gw.calls.values()].find((x) => x.peer === peer);
    const ufrag = /a=ice-ufrag:(\S+)/.exec(c?.pc.localDescription?.sdp ?? '')?.[1];
    return c && ufrag && ufrag !== old && c.pc.signalingState === 'stable'
      && ['connected', 'completed'].includes(c.pc.iceConnectionState);
  }, { peer: 'alice', old: bobCall.localUfrag });
  const bobAfter = await callWith(bob, 'alice');
  await waitFor(alice.page, 'alice has bob\'s restarted ICE credentials', ({ peer, ufrag }) => {
    const c = [...window.softphone.gw.calls.values()].find((x) => x.peer === peer);
    return c && c.pc.signalingState === 'stable' && c.pc.remoteDescription?.sdp.includes(`a=ice-ufrag:${ufrag}`);
  }, { peer: 'bob', ufrag: bobAfter.localUfrag });
  const restartedAfterMs = Date.now() - killedAt;

  // The same call on both sides, nothing else; and video decoded after the restart, on both sides.
  const aliceAfter = await callWith(alice, 'bob');
  for (const [who, c] of [['alice', aliceAfter], ['bob', bobAfter]]) {
    assert.equal(c.id, aliceCall.id, `${who} still has the same call`);
    assert.equal(c.calls, 1, `${who} has that one call`);
    assert.equal(c.state, 'connected', `${who}'s call is connected`);
  }
  const framesAtAlice = (await waitForVideo(alice, 'bob')).framesDecoded;
  const framesAtBob = (await waitForVideo(bob, 'alice')).framesDecoded;
  await Promise.all([waitForVideo(alice, 'bob', framesAtAlice), waitForVideo(bob, 'alice', framesAtBob)]);

  // alice's own connection never dropped; HAProxy took the dead node out of its pool.
  assert.deepEqual(await loginEvents(alice), [], 'alice did not reconnect');
  await haproxy.awaitDown(serverName(bobNode), 5000);
  t.diagnostic(`bob resumed ${resumedAfterMs} ms after the kill, ICE restarted after ${restartedAfterMs} ms`);
});
