// Reads the cluster benchmark's result (bench/cluster/bench.mjs) into figures, and renders the "Cluster (issue 17)"
// section of docs/benchmarks.md from them (bench/targets.mjs calls clusterSection).
//
//   clusterFigures(result) -> { rows, relay(nodes, placement), latency(nodes, placement), crossCalls, redisPerCross }
//     rows: one per run, in the order run: { nodes, placement, scenario, msgsPerS, rtt, serverUs, nodesUs, redisUs,
//           serverCores, loadgenCores, otherCores, errors, disturbed, crossed }
//     nodes 0 is the single gateway without cluster mode.
import { fmt } from './judge.mjs';

/** Other programs above this many cores during a window: its figures show the machine as much as the servers. */
const DISTURBED = 0.15;

export function clusterFigures(result) {
  const rows = [];
  for (const config of result.configs) {
    const redisAt = config.serverNames.indexOf('redis');
    for (const run of config.runs) {
      const s = run.result[run.scenario];
      const each = s.servers ?? [{ cpu_us_per_op: s.server_cpu_us_per_op }];
      const redisUs = redisAt >= 0 ? each[redisAt]?.cpu_us_per_op ?? null : null;
      rows.push({
        nodes: config.nodes, placement: run.placement, scenario: run.scenario,
        msgsPerS: s.msgs_per_s, rtt: s.rtt_us, serverUs: s.server_cpu_us_per_op,
        nodesUs: each.filter((_, i) => i !== redisAt).reduce((n, x) => n + (x.cpu_us_per_op ?? 0), 0),
        redisUs, redisCores: redisAt >= 0 ? each[redisAt]?.util ?? null : null, serverCores: s.server_util, loadgenCores: s.loadgen_util, otherCores: s.other_util,
        errors: Object.values(s.errors ?? {}).reduce((a, b) => a + b, 0), disturbed: (s.other_util ?? 0) > DISTURBED,
        // inbox entries appended during the whole run (logins, warm-up and drain included): one per cross-node message
        crossed: run.redisCalls?.xadd ?? 0, calls: run.redisCalls,
      });
    }
  }
  const find = (scenario) => (nodes, placement) => rows.find((r) => r.scenario === scenario && r.nodes === nodes && r.placement === placement);
  // Redis's commands per cross-node message, from the cross-node relay run with the most nodes.
  const crossRun = rows.filter((r) => r.scenario === 'relay' && r.placement === 'cross').at(-1);
  const crossCalls = crossRun?.crossed ? Object.fromEntries(['evalsha', 'hmget', 'xadd', 'xread']
    .map((cmd) => [cmd, (crossRun.calls[cmd] ?? 0) / crossRun.crossed])) : null;
  return { rows, relay: find('relay'), latency: find('latency'), crossRun, crossCalls };
}

const PLACEMENT = {
  same: 'same node',
  cross: 'different nodes',
  spread: 'spread (as a load balancer places them)',
};
const nodesName = (n) => (n === 0 ? 'single gateway, cluster off' : `${n} node${n > 1 ? 's' : ''}`);
const us = (x) => (x === null || x === undefined ? 'n/a' : fmt(x, x < 10 ? 2 : x < 100 ? 1 : 0));
const ms = (x) => (x === null || x === undefined ? 'n/a' : fmt(x / 1000, x < 10000 ? 2 : x < 100000 ? 1 : 0));
const pct = (x) => (x === null || x === undefined ? 'n/a' : `${fmt(100 * x)} %`);

/** The "Cluster (issue 17)" section. `command`: how this run was started; `at`: when it started (a Date). */
export function clusterSection(result, { command, at }) {
  const f = clusterFigures(result);
  const p = result.params;
  const single = f.relay(0, 'same');
  const times = (r) => (r && single?.msgsPerS ? `${fmt(r.msgsPerS / single.msgsPerS, r.msgsPerS / single.msgsPerS < 0.1 ? 3 : 2)}×` : 'n/a');
  const mark = (r) => (r.disturbed ? ' ⚠' : '');
  const relayRows = f.rows.filter((r) => r.scenario === 'relay').map((r) =>
    `| ${nodesName(r.nodes)} | ${PLACEMENT[r.placement]} | ${fmt(r.msgsPerS)}${mark(r)} | ${times(r)} | ${us(r.serverUs)} | ${r.nodes ? us(r.nodesUs) : us(r.serverUs)} | ${r.nodes ? us(r.redisUs) : '–'} | ${ms(r.rtt.p50)} / ${ms(r.rtt.p99)} | ${pct(r.serverCores)} | ${pct(r.loadgenCores)} | ${pct(r.otherCores)} | ${fmt(r.errors)} |`);
  const latencyRows = f.rows.filter((r) => r.scenario === 'latency').map((r) =>
    `| ${nodesName(r.nodes)} | ${PLACEMENT[r.placement]} | ${fmt(r.rtt.p50)} / ${fmt(r.rtt.p99)} / ${fmt(r.rtt.p999)}${mark(r)} | ${fmt(r.rtt.n)} | ${pct(r.serverCores)} | ${r.nodes ? pct(r.redisCores) : '–'} | ${pct(r.otherCores)} | ${fmt(r.errors)} |`);
  const counts = result.configs.filter((c) => c.nodes > 0).map((c) => c.nodes);
  const grow = (placement) => {
    const cells = counts.map((n) => {
      const r = f.relay(n, n === 1 ? 'same' : placement);
      if (!r) return 'n/a';
      const first = f.relay(counts[0], counts[0] === 1 ? 'same' : placement);
      return n === counts[0] || !first ? fmt(r.msgsPerS) : `${fmt(r.msgsPerS)} (${fmt(r.msgsPerS / first.msgsPerS, 2)}×)`;
    });
    return `| ${PLACEMENT[placement]} | ${cells.join(' | ')} |`;
  };
  const disturbed = f.rows.filter((r) => r.disturbed);
  const cross = f.crossRun;
  const c = f.crossCalls;
  const perCross = c ? `EVALSHA ×${fmt(c.evalsha, 2)}, HMGET ×${fmt(c.hmget, 2)}, XADD ×${fmt(c.xadd, 2)}, XREAD ×${fmt(c.xread, 2)} (Redis counts the commands a script calls too)` : 'n/a';
  const ceiling = cross?.redisUs ? Math.round(1e6 / cross.redisUs) : null;
  const problems = result.configs.filter((cfg) => !cfg.alive || cfg.log.errors > 0);
  return `
## Cluster (issue 17)

Cross-node relay against same-node relay and a single gateway without cluster mode, with 1, 2 and 3 nodes of the
bundle on one real \`redis-server\` (${result.redisVersion.split(' ').slice(0, 3).join(' ')}, no persistence), all on loopback (\`${command}\`, ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC,
${fmt(result.durationMs / 60000, 1)} minutes). Each node has \`cluster.enabled: true\`, its own \`cluster.node-id\` and the flags of the
other sections (\`bench/gateway-bench.args\`: rate limits off, one network thread). The load generator is the one above
(\`bench/loadgen\`), given every node's port: the two users of a pair log in to the **same node**, to **different
nodes** (every message and every echo goes through Redis: the sender's node runs \`to-user.lua\`, which appends it to
the other node's inbox stream, read there by its XREAD BLOCK thread), or are **spread** as a round-robin load balancer
would place them (each user on a node of its own, so ${counts.length > 1 ? `${fmt(100 * (counts.at(-1) - 1) / counts.at(-1))} % of the pairs cross with ${counts.at(-1)} nodes` : 'some pairs cross'}).

**This machine has ${result.cores} cores${result.pinned ? ': every server (the nodes and Redis) is pinned to CPU 0 and the load generator to CPU 1' : ' and nothing was pinned'},
so each configuration gets the same single core for its whole server side as the single gateway does.** Three nodes,
Redis and the load generator on two cores measure what the cluster path *costs*, not how it scales out: more nodes on
one core cannot add throughput, they share it. Scale-out needs nodes on machines (or cores) of their own; the CPU
per message below is the figure that carries over to them. Each configuration was warmed up first for
${fmt(p.jitWarmupS)} s (not measured), then each run measured for ${fmt(p.durationS)} s (open loop ${fmt(p.latencyDurationS)} s) after ${fmt(p.warmupS)} s of warm-up.

### Relay, closed loop (${fmt(p.pairs)} pairs, ${fmt(p.window)} messages in flight each)

Messages/s counts each delivery (a message and its echo are two). "Server CPU" is every server process's CPU time in
the measured window (the nodes' and Redis's, from \`/proc\`) per delivered message; the round trip of a closed loop is
mostly queueing (in flight / rate).

| nodes | users of a pair on | msgs/s | × single gateway | server CPU µs per msg | of which the nodes | of which Redis | RTT p50 / p99 ms | server side CPU | load gen CPU | other programs | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|
${relayRows.join('\n')}

### Round-trip latency, open loop at ${fmt(p.rate)} round trips/s (${fmt(2 * p.rate)} msgs/s)

Messages are due on a fixed schedule spread over the pairs and each round trip counts from when it was due (no
coordinated omission), so this is the latency at a load every configuration carries. The load generator spins
between messages by design (its CPU is near 100 %); "server side CPU" is the nodes' and Redis's together.

| nodes | users of a pair on | RTT p50 / p99 / p99.9 µs | round trips | server side CPU | of which Redis | other programs | errors |
|---|---|---|---|---|---|---|---|
${latencyRows.join('\n')}

### From one node to three (closed-loop relay, msgs/s; × the first)

| users of a pair on | ${counts.map(nodesName).join(' | ')} |
|---|${counts.map(() => '---').join('|')}|
${['same', 'spread', 'cross'].map(grow).join('\n')}

With 1 node every pair is on it. The single gateway without cluster mode did ${fmt(single?.msgsPerS)} msgs/s in the same run.

**Redis per cross-node message** (${cross ? `${nodesName(cross.nodes)}, different nodes: its \`INFO commandstats\` over the whole run divided by the ${fmt(cross.crossed)} inbox entries appended` : 'n/a'}):
${perCross}; Redis's CPU ${cross ? `${us(cross.redisUs)} µs per cross-node message, the nodes' ${us(cross.nodesUs)} µs (a same-node message: ${us(f.relay(cross.nodes, 'same')?.nodesUs)} µs)` : 'n/a'}.
${ceiling ? `One Redis core at that cost carries at most ~${fmt(Math.round(ceiling / 1000) * 1000)} cross-node messages/s, whatever the number of nodes: an
estimate from the CPU time, not a measurement (Redis runs commands on one thread; on its own core it would not share
with the nodes as it does here).` : ''}
${disturbed.length ? `\n> ⚠ ${disturbed.length} of ${f.rows.length} runs were disturbed (other programs used more than ${DISTURBED} of a core during the window, after ${p.attempts} tries): their figures are not to be trusted.\n` : ''}${problems.length ? `\n> **${problems.map((cfg) => `${cfg.name}: ${cfg.alive ? '' : 'a server died; '}${cfg.log.errors} ERROR lines`).join('; ')}.** ${problems.flatMap((cfg) => cfg.log.samples).slice(0, 3).join(' / ')}\n` : ''}
See docs/performance.md ("Cluster: where a cross-node message's time goes") for what these figures show.
`;
}
