// The rules by which docs/benchmarks.md marks issue 19's cold-start targets met or not.
//   node --test bench/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { coldSection, judgeCold, scenarioFigures } from '../lib/cold.mjs';

const rtt = (p99) => ({ p50: p99 / 4, p99, p999: p99 * 2 });
const relay = (label, payload, msgsPerS, p99) => ({ label, scenario: 'relay', params: { payload }, relay: { msgs_per_s: msgsPerS, rtt_us: rtt(p99) } });
const latency = (label, msgsPerS, p99) => ({ label, scenario: 'latency', params: { payload: 'candidate' }, latency: { msgs_per_s: msgsPerS, rtt_us: rtt(p99) } });
const setup = (label, loginsPerS, loginP99, callsPerS, callP99) => ({
  label, scenario: 'setup', params: {},
  connect: { logins_per_s: loginsPerS, login_us: rtt(loginP99) }, calls: { calls_per_s: callsPerS, offer_answer_us: rtt(callP99) },
});

/** A cold run in which the gateway is ahead of the ws relay in every scenario. */
function aheadEverywhere() {
  return [
    relay('ws-relay', 'candidate', 70000, 9000), relay('gateway', 'candidate', 120000, 8000),
    relay('ws-relay', 'candidate', 72000, 9000), relay('gateway', 'candidate', 140000, 7000),
    relay('ws-relay', 'candidate', 68000, 9500), relay('gateway', 'candidate', 130000, 7500),
    relay('ws-relay', 'sdp', 38000, 20000), relay('gateway', 'sdp', 70000, 15000),
    latency('ws-relay', 10000, 6200), latency('gateway', 10000, 6000),
    setup('ws-relay', 4800, 30000, 12500, 9000), setup('gateway', 5000, 25000, 13000, 8000),
  ];
}
const row = (runs, scenario) => judgeCold(runs).rows.find((r) => r.what.endsWith(scenario));

test('a gateway ahead of the ws relay in every scenario, with no worse a p99, meets every cold target', () => {
  for (const r of judgeCold(aheadEverywhere()).rows) assert.equal(r.met, true, `${r.what}: ${r.measured}`);
});

test('the closed-loop relay is judged on the median of its runs', () => {
  const [g] = scenarioFigures(aheadEverywhere(), 'gateway');
  assert.equal(g.rate, 130000);
  assert.equal(g.n, 3);
  assert.match(row(aheadEverywhere(), 'Relay (candidates)').measured, /130,000 vs 70,000 msgs\/s \(1\.86×\)/);
});

test('fewer logins than the ws relay, or a worse p99 at more of them, is not met', () => {
  const slower = aheadEverywhere().map((r) => (r.label === 'gateway' && r.scenario === 'setup' ? setup('gateway', 1054, 25000, 13000, 8000) : r));
  assert.equal(row(slower, 'Logins').met, false);
  assert.match(row(slower, 'Logins').measured, /0\.22×/);
  const worseTail = aheadEverywhere().map((r) => (r.label === 'gateway' && r.scenario === 'setup' ? setup('gateway', 6000, 300000, 13000, 8000) : r));
  assert.equal(row(worseTail, 'Logins').met, false);
  assert.equal(row(worseTail, 'Call set-ups').met, true);
});

test('the open loop is judged by its p99 at the pace the load generator set, not by its rate', () => {
  const tail = aheadEverywhere().map((r) => (r.label === 'gateway' && r.scenario === 'latency' ? latency('gateway', 10000, 462000) : r));
  assert.equal(row(tail, 'Open loop').met, false);
  assert.match(row(tail, 'Open loop').measured, /462 ms vs 6\.2 ms/);
  const fellBehind = aheadEverywhere().map((r) => (r.label === 'gateway' && r.scenario === 'latency' ? latency('gateway', 8000, 5000) : r));
  assert.equal(row(fellBehind, 'Open loop').met, false);
});

test('a scenario either server has no run of is not measured', () => {
  const noSetup = aheadEverywhere().filter((r) => !(r.label === 'ws-relay' && r.scenario === 'setup'));
  assert.equal(row(noSetup, 'Logins').met, null);
  assert.equal(row(noSetup, 'Call set-ups').met, null);
  assert.equal(row(noSetup, 'Relay (candidates)').met, true);
});

test('the section puts each scenario cold beside the same scenario warm', () => {
  const warm = aheadEverywhere().map((r) => (r.relay ? { ...r, relay: { ...r.relay, msgs_per_s: r.relay.msgs_per_s * 2 } } : r));
  const text = coldSection({ startedAt: '2026-12-07T04:00:00Z', duration: 5, repeat: 3, delay: 0.5, runs: aheadEverywhere() }, warm,
    { utc: (d) => d.toISOString() });
  const relayLine = text.split('\n').find((l) => l.startsWith('| Relay (candidates)'));
  assert.match(relayLine, /\| 130,000 \/ 7\.5 ms \| 70,000 \/ 9\.0 ms \| 1\.86× \/ 0\.83× \| 260,000 \/ 7\.5 ms \| 140,000 \/ 9\.0 ms \| 1\.86× \/ 0\.83× \|/);
  assert.match(text, /\*\*met\*\*/);
});
