// Calls forced through a real coturn (iceTransportPolicy "relay") with the TURN credentials the gateway
// mints at login from `ice.turn-secret-file` (coturn's use-auth-secret), refused once those expire, and
// working again with the ones the gateway renews (`ice-servers`) for a session that outlives them.
// Evidence comes from both ends: the browsers' getStats (the selected pair is relay, bytes flow both ways)
// and coturn's own log (an ALLOCATE granted to the minted user name; 401 for the expired one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startCoturn, restCredential } from './lib/coturn.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import { openPhone, call, answer, waitFor, waitForVideo, closeAll } from './lib/softphone.mjs';

// Runs in each page before gateway.js. Every RTCPeerConnection the page makes may use TURN relays only, so a
// call connects through coturn or not at all; the page's own iceServers (the gateway's) are kept. And every
// iceServers the gateway sends (the login reply, `ice-servers` renewals) is recorded as it came off the socket.
function relayOnlyRecordingIceServers() {
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration = {}) {
      super({ ...configuration, iceTransportPolicy: 'relay' });
    }
  };
  window.iceServersReceived = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        const message = JSON.parse(data);
        if (message.iceServers) window.iceServersReceived.push({ type: message.type, iceServers: message.iceServers });
      });
    }
  };
}

// The gateway that expires its credentials soon after login: long enough to see them work once first.
const SHORT_TTL_SECONDS = 3;

let turn;
let gateway;
let shortLived;
let browser;
const phones = [];

before(async () => {
  turn = await startCoturn();
  const iceArgs = ['--ice.turn-urls', turn.url, '--ice.turn-secret-file', turn.secretFile];
  [gateway, shortLived, browser] = await Promise.all([
    startGateway({ extraArgs: [...iceArgs, '--ice.turn-ttl', '1h'] }),
    startGateway({ extraArgs: [...iceArgs, '--ice.turn-ttl', `${SHORT_TTL_SECONDS}s`] }),
    launchBrowser(),
  ]);
});

after(async () => {
  await closeAll(phones);
  await browser?.close();
  await Promise.all([gateway?.stop(), shortLived?.stop()]);
  await turn?.stop();
});

async function relayPhone(url, name) {
  const phone = await openPhone(browser, url, name, { initScript: relayOnlyRecordingIceServers });
  phones.push(phone);
  return phone;
}

const turnEntry = (servers) => servers.find((s) => s.urls.some((u) => u.startsWith('turn:')));

/** The TURN entry of the iceServers the gateway gave this page in its login reply. */
async function loginTurnServer(phone) {
  const received = await phone.page.evaluate(() => window.iceServersReceived);
  const login = received.find((r) => r.type === 'ok');
  assert.ok(login && turnEntry(login.iceServers), `no TURN server in the login reply: ${JSON.stringify(received)}`);
  return turnEntry(login.iceServers);
}

/** The TURN entry of the iceServers the page uses now (gateway.js's), which new calls get. */
async function currentTurnServer(phone) {
  return turnEntry(await phone.page.evaluate(() => window.softphone.gw.iceServers));
}

/** The selected candidate pair of the page's call: local and remote candidate types and bytes both ways. */
function selectedPair(phone) {
  return phone.page.evaluate(async () => {
    const callWithPc = [...window.softphone.gw.calls.values()].find((c) => c.pc);
    const stats = [...(await callWithPc.pc.getStats()).values()];
    const byId = new Map(stats.map((s) => [s.id, s]));
    const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = transport && byId.get(transport.selectedCandidatePairId);
    if (!pair) return null;
    return {
      local: byId.get(pair.localCandidateId)?.candidateType,
      relayProtocol: byId.get(pair.localCandidateId)?.relayProtocol,
      remote: byId.get(pair.remoteCandidateId)?.candidateType,
      bytesSent: pair.bytesSent,
      bytesReceived: pair.bytesReceived,
    };
  });
}

/**
 * Gathers candidates in `phone`'s page with `iceServers`, relay only, until gathering completes. Returns the
 * candidate types gathered and the STUN error codes of the icecandidateerror events (401: not authenticated).
 */
function gatherRelay(phone, iceServers) {
  return phone.page.evaluate(async (servers) => {
    const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
    const types = [];
    const errors = [];
    pc.onicecandidate = ({ candidate }) => { if (candidate) types.push(candidate.type); };
    pc.onicecandidateerror = (e) => errors.push(e.errorCode);
    const complete = new Promise((resolve) => {
      pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    });
    pc.createDataChannel('probe');
    await pc.setLocalDescription();
    await complete;
    pc.close();
    return { types, errors };
  }, iceServers);
}

/**
 * Two relay-only RTCPeerConnections in `phone`'s page, both with `iceServers`, offer and answer and trickle
 * to each other. Resolves once both have finished gathering: their candidates, 401s and ICE states then.
 */
function relayOnlyCall(phone, iceServers) {
  return phone.page.evaluate(async (servers) => {
    const configuration = { iceServers: servers, iceTransportPolicy: 'relay' };
    const sides = [new RTCPeerConnection(configuration), new RTCPeerConnection(configuration)];
    const report = sides.map(() => ({ candidates: 0, errors: [] }));
    const gathered = sides.map((pc, i) => new Promise((resolve) => {
      const other = sides[1 - i];
      pc.onicecandidate = ({ candidate }) => {
        if (candidate) report[i].candidates += 1;
        other.addIceCandidate(candidate).catch(() => {});
      };
      pc.onicecandidateerror = (e) => report[i].errors.push(e.errorCode);
      pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    }));
    sides[0].createDataChannel('media');
    await sides[0].setLocalDescription();
    await sides[1].setRemoteDescription(sides[0].localDescription);
    await sides[1].setLocalDescription();
    await sides[0].setRemoteDescription(sides[1].localDescription);
    await Promise.all(gathered);
    const result = sides.map((pc, i) => ({ ...report[i], ice: pc.iceConnectionState, connection: pc.connectionState }));
    sides.forEach((pc) => pc.close());
    return result;
  }, iceServers);
}

const expiryOf = (username) => Number(username.split(':')[0]);

test('a relay-only call between two browsers goes through coturn with the credentials the gateway minted at login', { timeout: 40000 }, async () => {
  const [alice, bob] = await Promise.all([relayPhone(gateway.url, 'alice'), relayPhone(gateway.url, 'bob')]);
  const now = Math.floor(Date.now() / 1000);
  for (const [phone, name] of [[alice, 'alice'], [bob, 'bob']]) {
    const server = await loginTurnServer(phone);
    assert.deepEqual(server.urls, [turn.url]);
    assert.match(server.username, new RegExp(`^\\d+:${name}$`));
    const expiry = expiryOf(server.username);
    assert.ok(Math.abs(expiry - (now + 3600)) <= 60, `expiry ${expiry} is not about ice.turn-ttl (1h) from now (${now})`);
    assert.equal(server.credential, restCredential(turn.secret, server.username), 'password is not base64(HMAC-SHA1(secret, user name))');
  }

  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(bob, 'alice');
  await waitForVideo(alice, 'bob');
  for (const phone of [alice, bob]) {
    const pair = await selectedPair(phone);
    assert.ok(pair, `${phone.name}: no selected candidate pair`);
    assert.equal(pair.local, 'relay', `${phone.name}: local candidate of the selected pair: ${JSON.stringify(pair)}`);
    assert.equal(pair.remote, 'relay', `${phone.name}: remote candidate of the selected pair: ${JSON.stringify(pair)}`);
    assert.ok(pair.bytesSent > 0 && pair.bytesReceived > 0, `${phone.name}: media both ways: ${JSON.stringify(pair)}`);
  }

  // coturn's side of it: each browser authenticated with its minted user name and got an allocation.
  for (const phone of [alice, bob]) {
    const { username } = await loginTurnServer(phone);
    assert.ok(turn.allocationsFor(username).length > 0, `coturn logged no ALLOCATE for ${username}:\n${turn.logs()}`);
    assert.deepEqual(turn.refusalsOf(username), []);
  }

  await alice.page.click('#hangup-button');
  await waitFor(bob.page, 'call ended on bob', () => window.softphone.gw.calls.size === 0);
});

test('credentials minted with the gateway\'s secret but an expiry in the past are refused by coturn with 401', { timeout: 20000 }, async () => {
  const phone = phones[0];
  const username = `${Math.floor(Date.now() / 1000) - 60}:carol`;
  const expired = [{ urls: [turn.url], username, credential: restCredential(turn.secret, username) }];

  const gathered = await gatherRelay(phone, expired);

  assert.deepEqual(gathered.types, [], 'no relay candidate with expired credentials');
  assert.ok(gathered.errors.includes(401), `icecandidateerror codes: ${JSON.stringify(gathered.errors)}`);
  assert.ok(turn.refusalsOf(username).length > 0, `coturn logged no refusal for ${username}:\n${turn.logs()}`);
  assert.deepEqual(turn.allocationsFor(username), []);
});

let expiredAtLogin;
/**
 * dave, logged in to the gateway with the short ttl, once the TURN credentials of his login reply have expired
 * (having got a relay with them before). Made once, for the tests that need it.
 */
function daveWithExpiredLoginCredentials() {
  expiredAtLogin ??= (async () => {
    const dave = await relayPhone(shortLived.url, 'dave');
    const server = await loginTurnServer(dave);
    const expiry = expiryOf(server.username);
    assert.ok(expiry - Date.now() / 1000 <= SHORT_TTL_SECONDS, `expiry ${expiry} is not within ice.turn-ttl (${SHORT_TTL_SECONDS}s)`);
    // Before the expiry the same credentials get a relay: what fails later fails for the expiry, nothing else.
    const fresh = await gatherRelay(dave, [server]);
    assert.ok(fresh.types.includes('relay'), `no relay candidate before the expiry: ${JSON.stringify(fresh)}`);
    assert.ok(turn.allocationsFor(server.username).length > 0, `coturn logged no ALLOCATE for ${server.username}`);
    // coturn accepts a user name while its expiry is not before the current second: wait for the next one.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expiry + 1) * 1000 - Date.now())));
    return { dave, atLogin: server };
  })();
  return expiredAtLogin;
}

test('the gateway\'s minted credentials stop working at their expiry: coturn answers 401 and a relay-only call cannot connect', { timeout: 30000 }, async () => {
  const { dave, atLogin } = await daveWithExpiredLoginCredentials();

  const sides = await relayOnlyCall(dave, [atLogin]);

  for (const [i, side] of sides.entries()) {
    assert.equal(side.candidates, 0, `side ${i} gathered candidates with expired credentials: ${JSON.stringify(side)}`);
    assert.ok(side.errors.includes(401), `side ${i}: icecandidateerror codes ${JSON.stringify(side.errors)}`);
    // Nothing to check on either side: ICE never even starts, so the call cannot connect.
    assert.equal(side.ice, 'new', `side ${i}: ${JSON.stringify(side)}`);
    assert.equal(side.connection, 'new', `side ${i}: ${JSON.stringify(side)}`);
  }
  assert.ok(turn.refusalsOf(atLogin.username).length > 0, `coturn logged no refusal for ${atLogin.username} after its expiry:\n${turn.logs()}`);
});

test('a session that outlives its login\'s TURN credentials gets fresh ones from the gateway and still calls through the relay', { timeout: 30000 }, async () => {
  const { dave, atLogin } = await daveWithExpiredLoginCredentials();
  const erin = await relayPhone(shortLived.url, 'erin');

  // The gateway sent dave renewed credentials (ice-servers) while his session went on, and gateway.js uses them.
  const renewals = (await dave.page.evaluate(() => window.iceServersReceived)).filter((r) => r.type === 'ice-servers');
  assert.ok(renewals.length > 0, 'no ice-servers message from the gateway');
  const current = await currentTurnServer(dave);
  assert.deepEqual(current, turnEntry(renewals.at(-1).iceServers), 'gateway.js uses the latest credentials');
  assert.match(current.username, /^\d+:dave$/);
  assert.ok(expiryOf(current.username) > expiryOf(atLogin.username), `${current.username} is not newer than ${atLogin.username}`);
  assert.equal(current.credential, restCredential(turn.secret, current.username));

  await call(dave, 'erin');
  await answer(erin, 'dave');
  await waitForVideo(erin, 'dave');
  await waitForVideo(dave, 'erin');
  for (const phone of [dave, erin]) {
    const pair = await selectedPair(phone);
    assert.equal(pair?.local, 'relay', `${phone.name}: selected pair ${JSON.stringify(pair)}`);
    assert.ok(pair.bytesSent > 0 && pair.bytesReceived > 0, `${phone.name}: media both ways: ${JSON.stringify(pair)}`);
  }
  // coturn granted dave relays under renewed user names, after refusing the login's.
  const renewedAllocations = turn.logs().split('\n')
    .filter((line) => /user <\d+:dave>: incoming packet ALLOCATE processed, success/.test(line) && !line.includes(`<${atLogin.username}>`));
  assert.ok(renewedAllocations.length > 0, `coturn logged no ALLOCATE for a renewed dave:\n${turn.logs()}`);

  await dave.page.click('#hangup-button');
  await waitFor(erin.page, 'call ended on erin', () => window.softphone.gw.calls.size === 0);
});
