// Real media through SIP: alice's browser calls bob's SIP account. The call leaves the gateway as
// a SIP INVITE, Kamailio (digest auth, registrar) routes it back to the gateway where bob's account
// is registered, and bob's browser gets it: gateway -> SIP -> Kamailio -> SIP -> gateway.
// The gateway runs the documented example configuration, distribution/src/conf/sip-kamailio-example.yaml.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway, freePort } from './lib/gateway-process.mjs';
import { startKamailio } from './lib/kamailio.mjs';
import { openPhone, call, answer, waitFor, waitForVideo, closeAll } from './lib/softphone.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(repo, 'distribution/src/conf/sip-kamailio-example.yaml');
const REGISTERED_MS = 15000;

let kamailio;
let gateway;
let browser;
let alice;
let bob;

before(async () => {
  kamailio = await startKamailio({ port: 5060 });
  // OPTIONS every second: the readiness test below sees Kamailio go and come back within seconds.
  gateway = await startGateway({ extraArgs: ['--config', EXAMPLE, '--sip.port', String(await freePort()),
    '--sip.options-interval', '1s', '--sip.register-retry-min', '1s', '--sip.register-retry-max', '2s'] });
  // Both accounts registered at Kamailio (the bridge logs each registration).
  const deadline = Date.now() + REGISTERED_MS;
  for (const aor of ['sip:1001@127.0.0.1', 'sip:1002@127.0.0.1']) {
    while (!new RegExp(`${aor} registered`).test(gateway.logs())) {
      if (Date.now() > deadline) throw new Error(`${aor} not registered within ${REGISTERED_MS} ms:\n${gateway.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  browser = await launchBrowser();
  alice = await openPhone(browser, gateway.url, 'alice');
  bob = await openPhone(browser, gateway.url, 'bob');
});

after(async () => {
  await closeAll([alice, bob]);
  await browser?.close();
  await gateway?.stop();
  await kamailio?.stop();
});

test('alice calls bob\'s SIP account through Kamailio and bob decodes her video', { timeout: 60000 }, async () => {
  await call(alice, 'sip:1002@127.0.0.1');
  await answer(bob, 'sip:1001@127.0.0.1');
  const atBob = await waitForVideo(bob, 'sip:1001@127.0.0.1');
  assert.ok(atBob.framesDecoded > 0, `bob decoded ${atBob.framesDecoded} frames`);
  const atAlice = await waitForVideo(alice, 'sip:1002@127.0.0.1');
  assert.ok(atAlice.framesDecoded > 0, `alice decoded ${atAlice.framesDecoded} frames`);
});

test('alice hanging up ends the call in bob\'s browser through SIP BYE', { timeout: 30000 }, async () => {
  await alice.page.click('#hangup-button');
  await waitFor(bob.page, 'bob\'s call ended', () => window.softphone.gw.calls.size === 0);
  await waitFor(alice.page, 'alice\'s call ended', () => window.softphone.gw.calls.size === 0);
});

test('/readyz is 503 naming the proxy while Kamailio is down, and 200 when it is back', { timeout: 60000 }, async () => {
  const readyz = async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    return { status: response.status, body: await response.json() };
  };
  const until = async (what, ms, predicate) => {
    const deadline = Date.now() + ms;
    for (let now = await readyz(); ; now = await readyz()) {
      if (predicate(now)) return now;
      if (Date.now() > deadline) throw new Error(`${what} not within ${ms} ms: ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  assert.equal((await readyz()).status, 200);

  await kamailio.stop();
  const down = await until('not ready', 20000, (r) => r.status === 503);
  assert.match(JSON.stringify(down.body.problems), /127\.0\.0\.1:5060/);

  kamailio = await startKamailio({ port: 5060 });
  const back = await until('ready again', 30000, (r) => r.status === 200);
  assert.equal(back.body.status, 'ready');
});
