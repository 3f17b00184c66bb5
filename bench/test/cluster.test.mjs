// The cluster benchmark, tiny (bench/cluster/bench.mjs, profile "ci", ~30 s, most of it starting JVMs): a
// single gateway, then two nodes of the bundle on a real redis-server, under the load generator at a few pairs
// for a second per run. It proves the harness measures what docs/benchmarks.md says it does, not how fast
// anything is: every run moves messages without an error or a loss, pairs placed on different nodes really go
// through Redis (an inbox entry per message) and pairs on one node never do, the servers' CPU is split between
// the nodes and Redis, no server dies or logs an ERROR, and the section renders from the result.
//
// Needs the bundle (distribution/target/gateway, or GATEWAY_BIN) and redis-server; scripts/test-all.sh runs it
// inside the loopback-only namespace, after the Maven build:  node --test bench/test/cluster.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { runClusterBench } from '../cluster/bench.mjs';
import { clusterFigures, clusterSection } from '../lib/cluster.mjs';

test('the cluster benchmark relays between nodes through Redis and within a node without it, and reports both', { timeout: 120000 }, async () => {
  const result = await runClusterBench('ci', { log: () => {} });
  const problems = result.configs.filter((c) => !c.alive || c.log.errors).map((c) => `${c.name}: ${c.log.samples.join('\n')}`);
  assert.deepEqual(problems, [], 'every server stays up without an ERROR line');

  const { rows, relay } = clusterFigures(result);
  assert.equal(rows.length, 2 + 5, 'single gateway: relay and latency; 2 nodes: relay same, cross, spread, latency same, cross');
  for (const r of rows) {
    const what = `${r.nodes} nodes, ${r.placement}, ${r.scenario}`;
    assert.ok(r.msgsPerS > 0 && r.rtt.n > 0, `${what}: messages moved`);
    assert.equal(r.errors, 0, `${what}: no errors, nothing lost`);
    if (r.nodes === 0) continue;
    assert.ok(r.redisUs !== null && r.nodesUs > 0, `${what}: CPU per message split between the nodes and Redis`);
    if (r.placement === 'same') assert.equal(r.crossed, 0, `${what}: a pair on one node never goes through Redis`);
    else assert.ok(r.crossed > 0, `${what}: a pair on two nodes goes through Redis`);
    // Each delivery between nodes is one inbox entry; the run's entries also count warm-up and drain.
    if (r.placement === 'cross') assert.ok(r.crossed >= r.msgsPerS * result.params.durationS * 0.9, `${what}: ${r.crossed} entries`);
  }
  const spread = relay(2, 'spread');
  assert.ok(spread.crossed < spread.msgsPerS * result.params.durationS, `2 nodes, spread: ${spread.crossed} inbox entries for `
    + `${spread.msgsPerS * result.params.durationS} deliveries: half the pairs stay on one node`);

  const section = clusterSection(result, { command: 'node bench/cluster/bench.mjs ci', at: new Date(result.startedAt) });
  assert.match(section, /^## Cluster \(issue 17\)$/m);
  assert.match(section, /\| 2 nodes \| different nodes \| [\d,]+/);
  assert.match(section, /Redis per cross-node message.*\n.*EVALSHA ×[\d.]+/);
});
