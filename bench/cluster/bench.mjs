// The cluster benchmark (issue 17): relay throughput and round-trip latency of signals between users on
// different gateway nodes (through Redis) and on the same node, beside a single gateway without cluster mode,
// with 1, 2 and 3 nodes. The load generator is bench/loadgen (--ports, --placement); the servers (the nodes
// and one redis-server) are pinned to CPU 0 and the load generator to CPU 1, as bench/run.sh pins a single
// server and the load generator, so every configuration gets the same one core for its whole server side.
//
// For each configuration: the servers start, the load generator warms them up (the JIT compiles the paths
// the runs take; not measured), then each run: the closed-loop relay (--pairs, --window in flight each) and the
// open loop at a fixed rate (latency without coordinated omission), with the users of each pair on the same
// node ("same"), on two different nodes ("cross"), or each on a node as a round-robin load balancer would
// place them ("spread": (N-1)/N of the pairs cross). Redis's command counts are read before and after each
// run; each server's CPU time at the measured window's edges (the load generator's --server-pid).
//
//   node bench/cluster/bench.mjs PROFILE [RESULT.json [LOG_DIR]]     PROFILE: bench (8-20 min) or ci (~30 s)
//
// Run it through bench/cluster.sh (bench) or bench/test/cluster.test.mjs (ci). Loopback only; every run
// bounded in time (the load generator gives up by itself), the servers stopped by their own pids.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { benchArgs, pinning, redisCalls, startNode, startRedis } from './servers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const loadgen = path.resolve(here, '../loadgen/loadgen.mjs');

export const PROFILES = {
  // bench/run.sh --cluster: the figures of docs/benchmarks.md, section "Cluster (issue 17)".
  bench: {
    nodes: [1, 2, 3],
    jitWarmupS: 30, // as bench/run.sh: ~30 s until C2 has compiled the hot paths on one core
    warmupS: 5,
    durationS: 10,
    latencyDurationS: 20,
    drainS: 15, // a cross-node closed loop holds hundreds of messages in Redis and the nodes' queues
    pairs: 64,
    window: 8,
    // Round trips per second in the open loop: low enough for every configuration to keep up, cross-node on
    // three nodes included (its closed loop reaches about three times this; see the section's first table).
    rate: 200,
    maxOther: 0.15,
    attempts: 3, // a run that other programs disturbed is tried again, while less than budgetS have passed
    budgetS: 1200,
    quietWaitS: 30,
  },
  // bench/test/cluster.test.mjs: the same harness end to end at tiny counts; its figures mean nothing.
  ci: {
    nodes: [2],
    jitWarmupS: 0.5,
    warmupS: 0.3,
    durationS: 1,
    latencyDurationS: 1,
    drainS: 5,
    pairs: 4,
    window: 2,
    rate: 50,
    maxOther: Infinity,
    attempts: 1,
    budgetS: 60,
    quietWaitS: 0,
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Cores the whole machine spent busy over one second (all but idle and iowait), from /proc/stat. */
async function busyCores() {
  const busy = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return f.reduce((a, b) => a + b, 0) - f[3] - f[4];
  };
  const a = busy();
  await sleep(1000);
  return (busy() - a) / 100; // /proc/stat counts in USER_HZ
}

/** Waits (at most `seconds`) until the machine uses less than `max` cores, as run-baselines.sh does (the idle servers count too). */
async function waitQuiet(seconds, max, log) {
  for (let i = 0; i < seconds; i++) {
    const cores = await busyCores();
    if (cores < max) return;
    if (i === 0) log(`machine busy (${cores.toFixed(2)} cores in use), waiting up to ${seconds} s`);
  }
  log('still busy: running anyway (see other_util in the results)');
}

/** One load generator run, pinned to CPU 1; resolves with its JSON line, or its failure. */
function runLoadgen(args) {
  const argv = [loadgen, '--target', 'gateway', ...args];
  const child = spawn(pinning ? 'taskset' : process.execPath, pinning ? ['-c', '1', process.execPath, ...argv] : argv,
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { err = (err + d).slice(-4000); });
  return new Promise((resolve) => child.once('exit', (code) => {
    try {
      resolve({ code, result: JSON.parse(out.trim().split('\n').at(-1)), summary: err.trim() });
    } catch {
      resolve({ code, failed: `loadgen exited with ${code}: ${err.trim().slice(-1000)}` });
    }
  }));
}

/** The runs of one configuration: closed-loop relay and open loop per placement that fits its node count. */
function plan(nodes) {
  const placements = nodes >= 2 ? ['same', 'cross', 'spread'] : ['same'];
  return [
    ...placements.map((placement) => ({ scenario: 'relay', placement })),
    ...placements.filter((p) => p !== 'spread').map((placement) => ({ scenario: 'latency', placement })),
  ];
}

/**
 * Runs the benchmark. `nodes` 0 is the single gateway without cluster mode (the baseline), then each count of
 * `profile.nodes` is a cluster of that many nodes on one Redis. Returns everything measured (bench/lib/cluster.mjs
 * makes the section of docs/benchmarks.md from it).
 */
export async function runClusterBench(profileName, { log = (line) => console.error(`[cluster] ${line}`), logDir } = {}) {
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`no profile ${profileName}: ${Object.keys(PROFILES).join(', ')}`);
  const dir = logDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  if (pinning) execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const result = {
    profile: profileName, startedAt: new Date().toISOString(), pinned: pinning, cores: os.cpus().length,
    redisVersion: execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim(),
    gatewayArgs: benchArgs(), params: { ...profile, maxOther: Number.isFinite(profile.maxOther) ? profile.maxOther : null },
    configs: [],
  };
  const started = Date.now();
  const redis = await startRedis(dir);
  try {
    for (const nodes of [0, ...profile.nodes]) {
      result.configs.push(await runConfig(nodes, profile, redis, dir, log, started));
    }
  } finally {
    await redis.stop();
  }
  result.redisLog = { warnings: redis.log.warnings, errors: redis.log.errors };
  result.durationMs = Date.now() - started;
  return result;
}

async function runConfig(nodes, profile, redis, dir, log, startedAt) {
  const cluster = nodes > 0;
  const name = cluster ? `${nodes} node${nodes > 1 ? 's' : ''}` : 'single gateway';
  const keyPrefix = `bench${nodes}:`; // each configuration its own keys, so none sees an earlier one's names
  log(`${name}: starting`);
  const servers = await Promise.all(Array.from({ length: Math.max(1, nodes) }, (_, i) =>
    startNode({ id: cluster ? `n${nodes}-${i + 1}` : 'single', redis: cluster ? redis : null, keyPrefix, logDir: dir })));
  const pids = [...servers.map((s) => s.pid), ...(cluster ? [redis.pid] : [])];
  const serverNames = [...servers.map((s) => s.name), ...(cluster ? ['redis'] : [])];
  const base = ['--ports', servers.map((s) => s.port).join(','), '--server-pid', pids.join(','),
    '--pairs', String(profile.pairs), '--drain', String(profile.drainS)];
  const config = { nodes, cluster, name, serverNames, runs: [] };
  try {
    log(`${name}: warming up for ${profile.jitWarmupS} s (not measured)`);
    const warm = await runLoadgen([...base, '--scenario', 'relay', '--window', String(profile.window),
      '--placement', nodes >= 2 ? 'spread' : 'same', '--warmup', '0', '--duration', String(profile.jitWarmupS), '--label', 'warm-up']);
    if (warm.failed) throw new Error(`${name}: the warm-up failed: ${warm.failed}`);
    for (const { scenario, placement } of plan(nodes)) {
      const label = `${cluster ? `${nodes}n` : 'single'} ${placement}`;
      const args = [...base, '--scenario', scenario, '--placement', placement, '--label', label,
        '--warmup', String(profile.warmupS), '--duration', String(scenario === 'latency' ? profile.latencyDurationS : profile.durationS),
        ...(scenario === 'relay' ? ['--window', String(profile.window)] : ['--rate', String(profile.rate)]),
        ...(Number.isFinite(profile.maxOther) ? ['--max-other', String(profile.maxOther)] : [])];
      let run;
      for (let attempt = 1; attempt <= profile.attempts; attempt++) {
        if (profile.quietWaitS) await waitQuiet(profile.quietWaitS, profile.maxOther, log);
        const before = cluster ? redisCalls(redis) : null;
        const got = await runLoadgen(args);
        const after = cluster ? redisCalls(redis) : null;
        if (got.failed) throw new Error(`${label} ${scenario}: ${got.failed}`);
        run = { scenario, placement, attempts: attempt, result: got.result, redisCalls: cluster ? delta(before, after) : null };
        log(got.summary.split('\n').at(-1));
        if (!got.result.disturbed) break;
        if (Date.now() - startedAt > profile.budgetS * 1000) { log(`${label} ${scenario}: disturbed, no time left to try again`); break; }
        if (attempt < profile.attempts) log(`${label} ${scenario}: disturbed by other programs, again`);
      }
      config.runs.push(run);
    }
  } finally {
    config.alive = servers.every((s) => s.alive());
    await Promise.all(servers.map((s) => s.stop()));
    config.log = {
      warnings: servers.reduce((n, s) => n + s.log.warnings, 0), errors: servers.reduce((n, s) => n + s.log.errors, 0),
      samples: servers.flatMap((s) => s.log.samples).slice(0, 12),
    };
  }
  return config;
}

/** Calls per command between two INFO commandstats readings (commands called 0 times left out). */
function delta(before, after) {
  return Object.fromEntries(Object.entries(after).map(([cmd, n]) => [cmd, n - (before[cmd] ?? 0)]).filter(([, n]) => n > 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [profileName = 'bench', out, logDir] = process.argv.slice(2);
  const result = await runClusterBench(profileName, { logDir });
  const json = JSON.stringify(result, null, 1);
  if (out) fs.writeFileSync(out, `${json}\n`); else console.log(json);
  process.exit(0);
}
