// The hostile-client soak, short (bench/hostile/soak.mjs, profile "ci", ~40 s): the bundle under a
// couple of thousand malformed, oversized, half-open and slow connections from one address and then from
// five, while legitimate users call and message each other. It fails when a legitimate user sees an
// error, a close, a lost or reordered message or a call that does not complete, when the gateway dies,
// writes an ERROR line, passes the memory bound or keeps memory or sessions after the attack, or when a
// protection that should have refused something refused nothing (bench/lib/judge.mjs, judgeHostile).
// The gateway's bounds are scaled down (shorter timeouts, a smaller per-address limit and smaller totals
// for the write buffers and queues) so that a short run reaches every one of them.
//
// Needs the bundle (distribution/target/gateway, or GATEWAY_BIN) and e2e's npm packages; scripts/test-all.sh
// runs it inside the loopback-only namespace, after the Maven build:  node --test bench/test/hostile.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { judgeHostile } from '../lib/judge.mjs';
import { runSoak } from '../hostile/soak.mjs';

test('legitimate users lose nothing while thousands of hostile clients are held off within bounded memory', { timeout: 120000 }, async () => {
  const result = await runSoak('ci', { log: () => {} });
  const verdict = judgeHostile(result);
  const failed = verdict.checks.filter((c) => !c.met).map((c) => `${c.what}: ${c.measured} (bound: ${c.bound})`);
  const attack = result.phases.map((p) => `${p.name}: ${Object.values(p.kinds).reduce((n, k) => n + k.opened, 0)} connections`).join(', ');
  assert.deepEqual(failed, [], `the soak (${attack}) found:\n${failed.join('\n')}\nlog samples:\n${result.log.samples.join('\n')}`);
});
