// Real audio between a browser and a plain-RTP phone through rtpengine (issue 18, ADR 0027). The phone is sipp,
// registered at a real Kamailio as 1002, speaking RTP/AVP PCMU only, and echoing each RTP packet it gets back to
// its sender (-rtp_echo). The gateway relays alice's (1001, media `rtp`) and bob's (1003, media `auto`) calls
// through a real rtpengine in userspace. The phone sends nothing of its own, so audio packets arriving in the
// browser went browser -> (ICE, DTLS-SRTP) -> rtpengine -> (plain RTP) -> phone and all the way back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway, freePort } from './lib/gateway-process.mjs';
import { startKamailio } from './lib/kamailio.mjs';
import { startRtpengine } from './lib/rtpengine.mjs';
import { registeredPhone, startSipp, DOMAIN } from './lib/sipp.mjs';
import { openPhone, call, answer, waitFor, closeAll } from './lib/softphone.mjs';
import { freeUdpRange } from './lib/udp-ports.mjs';

const PHONE = `sip:1002@${DOMAIN}`;
const REGISTERED_MS = 15000;
const MEDIA_MS = 15000;
const FORGOTTEN_MS = 10000;

let kamailio;
let rtpengine;
let gateway;
let browser;
let alice;
let bob;
let phone;

before(async () => {
  [kamailio, rtpengine] = await Promise.all([freeUdpRange(1).then((port) => startKamailio({ port })), startRtpengine()]);
  gateway = await startGateway({ extraArgs: ['--sip.enabled', 'true', '--sip.port', String(await freePort()),
    '--sip.transports', 'udp', '--sip.proxy', `127.0.0.1:${kamailio.port}`, '--sip.rtpengine.ng', rtpengine.ng,
    '--sip.account.alice.aor', `sip:1001@${DOMAIN}`, '--sip.account.alice.password', 'pw1001', '--sip.account.alice.media', 'rtp',
    '--sip.account.bob.aor', `sip:1003@${DOMAIN}`, '--sip.account.bob.password', 'pw1003', '--sip.account.bob.media', 'auto'] });
  const deadline = Date.now() + REGISTERED_MS;
  for (const aor of [`sip:1001@${DOMAIN}`, `sip:1003@${DOMAIN}`]) {
    while (!gateway.logs().includes(`${aor} registered`)) {
      if (Date.now() > deadline) throw new Error(`${aor} not registered within ${REGISTERED_MS} ms:\n${gateway.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  browser = await launchBrowser();
  [alice, bob] = await Promise.all(['alice', 'bob'].map((name) => openPhone(browser, gateway.url, name)));
});

after(async () => {
  await closeAll([alice, bob]);
  await browser?.close();
  await phone?.stop();
  await gateway?.stop();
  await Promise.all([kamailio?.stop(), rtpengine?.stop()]);
});

/**
 * The browser's view of the call with `peer`: its inbound and outbound audio RTP streams (packets, codec) and the
 * remote end of the ICE pair it uses, from getStats().
 */
function audioOf(browserPhone, peer) {
  return browserPhone.page.evaluate(async (p) => {
    const c = [...window.softphone.gw.calls.values()].find((x) => x.peer === p && x.pc && x.state !== 'ended');
    if (!c) return null;
    const stats = [...(await c.pc.getStats()).values()];
    const byId = new Map(stats.map((s) => [s.id, s]));
    const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
    const outbound = stats.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio');
    const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const remote = byId.get(byId.get(transport?.selectedCandidatePairId)?.remoteCandidateId);
    return {
      ice: c.pc.iceConnectionState,
      dtls: transport?.dtlsState ?? null,
      received: inbound?.packetsReceived ?? 0,
      receivedCodec: byId.get(inbound?.codecId)?.mimeType ?? null,
      sent: outbound?.packetsSent ?? 0,
      remote: remote ? `${remote.address}:${remote.port}` : null,
    };
  }, peer);
}

/** Polls getStats() until audio packets from `peer` have arrived and their codec is known; fails with the stats, the SDP and the peers' logs. */
async function waitForAudio(browserPhone, peer) {
  const deadline = Date.now() + MEDIA_MS;
  for (let audio = await audioOf(browserPhone, peer); ; audio = await audioOf(browserPhone, peer)) {
    // Chromium names the codec of an inbound stream (codecId) a little after its first packets.
    if (audio?.received > 0 && audio.receivedCodec) return audio;
    if (Date.now() > deadline) {
      const sdp = await browserPhone.page.evaluate((p) => [...window.softphone.gw.calls.values()]
        .find((c) => c.peer === p)?.pc?.remoteDescription?.sdp, peer);
      throw new Error(`${browserPhone.name} got no audio packets from ${peer} within ${MEDIA_MS} ms: ${JSON.stringify(audio)}\n`
        + `remote SDP:\n${sdp}\n--- phone ---\n${phone?.messages()}\n${phone?.output()}\n--- rtpengine ---\n${rtpengine.logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function inRtpengineMediaRange(address) {
  if (!address) return false;
  const [host, port] = address.split(':');
  return host === '127.0.0.1' && Number(port) >= rtpengine.mediaPorts[0] && Number(port) <= rtpengine.mediaPorts[1];
}

async function waitUntilRtpengineHoldsNoSession() {
  const deadline = Date.now() + FORGOTTEN_MS;
  for (let calls = await rtpengine.calls(); calls.length > 0; calls = await rtpengine.calls()) {
    if (Date.now() > deadline) throw new Error(`rtpengine still holds ${JSON.stringify(calls)} after ${FORGOTTEN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('alice\'s browser calls a plain-RTP phone through Kamailio and rtpengine, and her audio comes back from it', { timeout: 45000 }, async () => {
  phone = await registeredPhone(kamailio, 'uas.xml', { number: '1002', password: 'pw1002', rtpEcho: true });
  await call(alice, PHONE, { video: false });

  const audio = await waitForAudio(alice, PHONE);
  assert.ok(audio.received > 0 && audio.sent > 0, `alice sent ${audio.sent} and got back ${audio.received} audio packets`);
  assert.equal(audio.receivedCodec, 'audio/PCMU', 'the phone speaks PCMU only');
  assert.ok(inRtpengineMediaRange(audio.remote), `alice's media goes to rtpengine (${rtpengine.mediaPorts.join('-')}), not ${audio.remote}`);
  assert.equal((await rtpengine.calls()).length, 1, 'rtpengine holds the call\'s session');
  const invite = phone.messages();
  assert.match(invite, /m=audio \d+ RTP\/AVP /, 'the phone was offered plain RTP');
  assert.doesNotMatch(invite, /a=fingerprint|a=ice-ufrag/, 'with nothing of WebRTC in it');
});

test('alice hanging up ends the phone\'s call and rtpengine holds no session afterwards', { timeout: 30000 }, async () => {
  await alice.page.click('#hangup-button');
  await waitFor(alice.page, 'alice\'s call ended', () => window.softphone.gw.calls.size === 0);
  await phone.succeeded(); // it got the BYE
  await phone.stop();
  phone = null;
  await waitUntilRtpengineHoldsNoSession();
});

test('a plain-RTP phone calls bob\'s browser through Kamailio and rtpengine, and bob\'s audio comes back from it', { timeout: 45000 }, async () => {
  phone = await startSipp('uac-until-bye.xml', { remote: `127.0.0.1:${kamailio.port}`, rtpEcho: true,
    args: ['-s', '1003', '-key', 'caller', '1002', '-au', '1002', '-ap', 'pw1002'] });
  await answer(bob, PHONE);

  const audio = await waitForAudio(bob, PHONE);
  assert.ok(audio.received > 0 && audio.sent > 0, `bob sent ${audio.sent} and got back ${audio.received} audio packets`);
  assert.equal(audio.receivedCodec, 'audio/PCMU', 'the phone speaks PCMU only');
  assert.ok(inRtpengineMediaRange(audio.remote), `bob's media goes to rtpengine (${rtpengine.mediaPorts.join('-')}), not ${audio.remote}`);
  assert.equal((await rtpengine.calls()).length, 1, 'rtpengine holds the call\'s session');
  const ok = phone.messages().slice(phone.messages().indexOf('SIP/2.0 200 OK'));
  assert.match(ok, /m=audio \d+ RTP\/AVP 0/, 'the phone got a plain-RTP PCMU answer');
  assert.doesNotMatch(ok, /a=fingerprint|a=ice-ufrag/, 'with nothing of WebRTC in it');
});

test('bob hanging up ends the phone\'s call and rtpengine holds no session afterwards', { timeout: 30000 }, async () => {
  await bob.page.click('#hangup-button');
  await waitFor(bob.page, 'bob\'s call ended', () => window.softphone.gw.calls.size === 0);
  await phone.succeeded(); // it got the BYE
  await phone.stop();
  phone = null;
  await waitUntilRtpengineHoldsNoSession();
});
