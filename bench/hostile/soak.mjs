// The hostile-client soak: the gateway bundle under thousands of malformed, oversized, half-open and slow
// connections while legitimate users keep logging in, calling and messaging. Phases, in order:
//
//   warm-up        legitimate users only, not measured (the JIT compiles the gateway's code)
//   quiet          legitimate users only: the latencies without an attack
//   one-address    the attack from one address (127.0.0.2): the realistic case for the per-address limit
//   many-addresses the attack spread over several addresses (127.0.0.10, .11, ...), each under the
//                  per-address limit: what holds then is the handshake and idle timeouts and the bounds
//                  on all write buffers and all session queues together
//   drain          the attackers are gone; until the gateway holds only the legitimate users again
//   after          legitimate users only, once more
//
// Throughout: the legitimate users' problems and latencies per phase (legit.mjs), the gateway's
// resident memory and /metrics sampled every second (probe.mjs), its log lines counted per phase; the
// live heap after a full collection before the attack and after the drain; and the gateway's counters
// of what it refused, cut off and closed, before and after. `judgeHostile` (bench/lib/judge.mjs) says
// whether it held.
//
//   node bench/hostile/soak.mjs PROFILE [RESULT.json [GATEWAY.log]]     PROFILE: bench (~6 min) or ci (~40 s)
//
// Run it through bench/hostile.sh (bench) or bench/test/hostile.test.mjs (ci). Loopback only; every
// phase bounded in time and every attacking process in connections and time (attacker.mjs).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '../../e2e/lib/gateway-process.mjs';
import { Recorder, startLegitimateUsers } from './legit.mjs';
import { Sampler, byLabel, liveHeap, scrape, sum } from './probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const MiB = 2 ** 20;

const range = (from, count) => Array.from({ length: count }, (_, i) => `127.0.0.${from + i}`);
/** One kind's schedule: at most `total` connections, `concurrent` open at a time, a new one every `everyMs`. */
const k = (total, concurrent, everyMs) => ({ total, concurrent, everyMs });

export const PROFILES = {
  // bench/run.sh's hostile section: the gateway at its shipped defaults.
  bench: {
    gatewayArgs: [],
    pairs: 20,
    loginLoops: 2,
    warmupMs: 30000,
    quietMs: 30000,
    afterMs: 30000,
    drainMaxMs: 90000,
    slowByteMs: 1000,
    phases: [
      {
        name: 'one-address', durationMs: 75000, processes: [range(2, 1)],
        kinds: {
          'garbage-before-upgrade': k(1500, 40, 40), 'garbage-after-upgrade': k(1500, 40, 40), 'bad-json': k(500, 20, 120),
          'bad-frames': k(1500, 40, 40), 'bad-http': k(1500, 40, 40), 'oversized-frame': k(600, 20, 100),
          'huge-headers': k(1200, 30, 50), 'connect-idle': k(3000, 500, 10), 'upgrade-idle': k(1000, 300, 20),
          slowloris: k(1500, 300, 20), 'never-reads': k(100, 50, 100), feeder: k(10, 10, 100),
        },
      },
      {
        name: 'many-addresses', durationMs: 75000, processes: [range(10, 10), range(20, 10)],
        kinds: {
          'garbage-before-upgrade': k(750, 20, 80), 'garbage-after-upgrade': k(750, 20, 80), 'bad-json': k(250, 10, 240),
          'bad-frames': k(750, 20, 80), 'bad-http': k(750, 20, 80), 'oversized-frame': k(300, 10, 200),
          'huge-headers': k(600, 15, 100), 'connect-idle': k(4000, 1500, 3), 'upgrade-idle': k(1500, 1000, 5),
          slowloris: k(2000, 1000, 5), 'never-reads': k(150, 75, 20), feeder: k(20, 20, 50),
        },
      },
    ],
    // Resident memory: the 256 MiB heap (pre-touched), at most as much direct memory (Netty's buffers; the
    // JVM's default MaxDirectMemorySize is the heap's size), and 128 MiB for the JVM's own (code, metaspace,
    // threads, GC). The live heap after the attack: within 24 MiB of before (JIT, pools, log buffers).
    bounds: { rss: 640 * MiB, liveHeapGrowth: 24 * MiB },
  },
  // bench/test/hostile.test.mjs: the same attack, smaller, faster, against bounds scaled down to match,
  // so that a 40-second run reaches every one of them.
  ci: {
    gatewayArgs: [
      '--websocket.handshake-timeout', '2s', '--websocket.idle-timeout', '4s', '--websocket.ping-interval', '2s',
      '--session.resume-grace', '2s', '--websocket.max-connections-per-address', '300',
      '--websocket.write-buffers-total', String(8 * MiB), '--session.queues-heap-percent', '3',
    ],
    pairs: 4,
    loginLoops: 1,
    warmupMs: 3000,
    quietMs: 4000,
    afterMs: 3000,
    drainMaxMs: 15000,
    slowByteMs: 200,
    phases: [
      {
        name: 'one-address', durationMs: 9000, processes: [range(2, 1)],
        kinds: {
          'garbage-before-upgrade': k(100, 10, 40), 'garbage-after-upgrade': k(100, 10, 40), 'bad-json': k(30, 5, 200),
          'bad-frames': k(100, 10, 40), 'bad-http': k(100, 10, 40), 'oversized-frame': k(40, 5, 100),
          'huge-headers': k(80, 10, 50), 'connect-idle': k(500, 150, 5), 'upgrade-idle': k(200, 80, 10),
          slowloris: k(200, 80, 10), 'never-reads': k(4, 4, 50), feeder: k(8, 8, 50),
        },
      },
      {
        name: 'many-addresses', durationMs: 9000, processes: [range(10, 5)],
        kinds: {
          'garbage-before-upgrade': k(100, 10, 40), 'garbage-after-upgrade': k(100, 10, 40), 'bad-json': k(30, 5, 200),
          'bad-frames': k(100, 10, 40), 'bad-http': k(100, 10, 40), 'oversized-frame': k(40, 5, 100),
          'huge-headers': k(80, 10, 50), 'connect-idle': k(600, 300, 3), 'upgrade-idle': k(300, 200, 5),
          slowloris: k(300, 200, 5), 'never-reads': k(12, 12, 20), feeder: k(20, 20, 20),
        },
      },
    ],
    bounds: { rss: 640 * MiB, liveHeapGrowth: 24 * MiB },
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const CLK_TCK = 100; // Linux's USER_HZ, what /proc counts CPU time in

/** CPU time (s) of `pid` (utime + stime), or null once it is gone. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** CPU time (s) the whole machine spent busy (all but idle and iowait), from /proc/stat. */
function machineBusySeconds() {
  const [, ...f] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3] - f[4]) / CLK_TCK;
}

/**
 * Where the CPU went in each phase: the gateway, this process (the legitimate users), the attackers
 * (their own count), and everything else on the machine (other programs: over 0.15 of a core, the
 * phase's latencies are disturbed).
 */
class CpuLedger {
  constructor(gatewayPid) {
    this.gatewayPid = gatewayPid;
    this.marks = [];
  }

  mark(phase) {
    const self = process.cpuUsage();
    this.marks.push({ phase, at: Date.now(), machine: machineBusySeconds(), gateway: cpuSeconds(this.gatewayPid),
      self: (self.user + self.system) / 1e6 });
  }

  perPhase(attackPhases) {
    const out = {};
    for (let i = 0; i + 1 < this.marks.length; i++) {
      const [a, b] = [this.marks[i], this.marks[i + 1]];
      const seconds = (b.at - a.at) / 1000;
      const attackers = (attackPhases.find((p) => p.name === a.phase)?.attackerCpuSeconds) ?? 0;
      const gateway = b.gateway - a.gateway;
      const clients = b.self - a.self;
      const cores = (x) => Math.round((x / seconds) * 100) / 100;
      out[a.phase] = { seconds, gateway: cores(gateway), legitimate: cores(clients), attackers: cores(attackers),
        others: cores(Math.max(0, b.machine - a.machine - gateway - clients - attackers)) };
    }
    return out;
  }
}
/**
 * What this process started and must not leave behind should it be stopped (a time limit's SIGTERM, ^C):
 * the gateway, which would run on, and the attackers, which would end by themselves but later.
 */
const leftovers = new Set();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const stop of leftovers) stop();
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}

/** taskset when there are two cores or more: the gateway on CPU 0, the clients on the others. */
const pinning = os.cpus().length >= 2 && fs.existsSync('/usr/bin/taskset');

/** The bundle as a process, pinned to CPU 0; its log lines counted by the phase they came in. */
async function startGateway(args, phaseOf, logFile) {
  const logOut = logFile ? fs.createWriteStream(logFile) : null;
  const bin = process.env.GATEWAY_BIN || path.join(repo, 'distribution/target/gateway/bin/gateway');
  if (!fs.existsSync(bin)) throw new Error(`no gateway at ${bin}: build it (mvn -o -B -q -DskipTests package) or set GATEWAY_BIN`);
  const port = await freePort();
  const command = [bin, '--bind', '127.0.0.1', '--port', String(port), ...args];
  const child = spawn(pinning ? 'taskset' : command[0], pinning ? ['-c', '0', ...command] : command.slice(1),
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JAVA_OPTS: '' } });
  const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  leftovers.add(kill);
  child.once('exit', () => leftovers.delete(kill));
  const log = { lines: {}, warnings: {}, errors: {}, samples: [], tail: [], outOfMemory: false };
  let listening;
  const up = new Promise((resolve) => { listening = resolve; });
  let buffer = '';
  const onData = (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const phase = phaseOf();
      logOut?.write(`${line}\n`);
      log.lines[phase] = (log.lines[phase] ?? 0) + 1;
      if (/^\S+ (WARN|ERROR) /.test(line)) {
        const level = / ERROR /.test(line) ? log.errors : log.warnings;
        level[phase] = (level[phase] ?? 0) + 1;
        if (log.samples.length < 12) log.samples.push(`[${phase}] ${line.slice(0, 300)}`);
      }
      if (/OutOf\w*MemoryError/.test(line)) log.outOfMemory = true;
      log.tail.push(line.slice(0, 300));
      if (log.tail.length > 20) log.tail.shift();
      if (/listening on http:\/\/127\.0\.0\.1:/.test(line)) listening();
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let giveUp;
  const started = await Promise.race([up.then(() => true), exited.then(() => false),
    new Promise((resolve) => { giveUp = setTimeout(() => resolve(false), 60000); })]);
  clearTimeout(giveUp);
  if (!started) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    throw new Error(`the gateway did not start:\n${log.tail.join('\n')}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid, // bin/gateway execs the JVM (taskset too): this is the JVM's pid
    log,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs one attacking process (attacker.mjs), niced and on the clients' CPU; resolves with its JSON report. */
function attack(config) {
  const script = path.join(here, 'attacker.mjs');
  const args = ['-n', '10', ...(pinning ? ['taskset', '-c', '1'] : []), process.execPath, script, JSON.stringify(config)];
  const child = spawn('nice', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => child.kill('SIGKILL');
  leftovers.add(kill);
  child.once('exit', () => leftovers.delete(kill));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { err = (err + d).slice(-4000); });
  return new Promise((resolve) => child.once('exit', (code) => {
    try {
      resolve(JSON.parse(out.trim().split('\n').at(-1)));
    } catch {
      resolve({ failed: `attacker exited with ${code}: ${err.trim().slice(-500)}`, kinds: {} });
    }
  }));
}

/** The attackers' reports of one phase, summed per kind. */
function merge(reports) {
  const kinds = {};
  for (const report of reports) {
    for (const [kind, r] of Object.entries(report.kinds)) {
      const m = (kinds[kind] ??= { opened: 0, outcomes: {}, heldMsP50: 0, heldMsMax: 0 });
      m.opened += r.opened;
      for (const [o, n] of Object.entries(r.outcomes)) m.outcomes[o] = (m.outcomes[o] ?? 0) + n;
      m.heldMsP50 = Math.max(m.heldMsP50, r.heldMs.p50);
      m.heldMsMax = Math.max(m.heldMsMax, r.heldMs.max);
    }
  }
  return {
    kinds, fed: reports.reduce((n, r) => n + (r.fed ?? 0), 0), failures: reports.filter((r) => r.failed).map((r) => r.failed),
    attackerCpuSeconds: reports.reduce((n, r) => n + (r.cpuSeconds ?? 0), 0),
  };
}

/** What the gateway counted of its protections: refusals and cut-offs, close codes, rate limits, session ends. */
function protections(m) {
  return {
    refused: byLabel(m, 'gateway_connections_refused_total', 'reason'),
    closed: byLabel(m, 'gateway_connections_closed_total', 'code'),
    rateLimited: byLabel(m, 'gateway_rate_limited_total', 'action'),
    sessionsEnded: byLabel(m, 'gateway_sessions_ended_total', 'end'),
    errors: byLabel(m, 'gateway_errors_total', 'code'),
    invalidMessages: sum(m, 'gateway_messages_received_total', { type: 'invalid' }),
    connections: sum(m, 'gateway_connections_total'),
  };
}

/** b - a, for every number in the (nested) objects. */
function delta(a, b) {
  if (typeof b === 'number') return b - (a ?? 0);
  return Object.fromEntries(Object.entries(b).map(([key, value]) => [key, delta(a?.[key], value)]));
}

const percentile = (xs, p) => {
  if (!xs.length) return null;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

export async function runSoak(profileName, { log = (line) => console.error(`[hostile] ${line}`), logFile } = {}) {
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`no profile ${profileName}: ${Object.keys(PROFILES).join(', ')}`);
  // The legitimate users (this process) share CPU 1 with the attackers, who are niced below them.
  if (pinning) execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const recorder = new Recorder();
  let phase = 'start';
  let cpu;
  const setPhase = (name) => { phase = name; recorder.phase = name; cpu?.mark(name); log(name); };
  // The legitimate pairs place a call every CALL_EVERY_MS (150 a minute) to keep call set-up measured under the
  // attack; the per-user attempt rate (call.attempts-per-minute, 30) is a toll-fraud guard with tests of its own.
  const gateway = await startGateway([...profile.gatewayArgs, '--call.attempts-per-minute', '0'], () => phase, logFile);
  cpu = new CpuLedger(gateway.pid);
  const started = Date.now();
  const result = { profile: profileName, gatewayArgs: profile.gatewayArgs, slowByteMs: profile.slowByteMs, pinned: pinning, phases: [], memory: { bounds: profile.bounds } };
  let users;
  let sampler;
  try {
    sampler = new Sampler(gateway.url, gateway.pid, () => phase);
    setPhase('warm-up');
    users = await startLegitimateUsers(`ws://127.0.0.1:${gateway.port}/ws`, recorder, { pairs: profile.pairs, loginLoops: profile.loginLoops });
    await sleep(profile.warmupMs);
    setPhase('quiet');
    await sleep(profile.quietMs);

    setPhase('pause'); // a full collection pauses the gateway: not counted in any measured phase
    result.memory.liveHeapBefore = liveHeap(gateway.pid);
    const before = protections(await scrape(gateway.url));

    for (const p of profile.phases) {
      setPhase(p.name);
      const t0 = Date.now();
      const reports = await Promise.all(p.processes.map((addresses, i) => attack({
        port: gateway.port, addresses, durationMs: p.durationMs, slowByteMs: profile.slowByteMs, tag: `${p.name[0]}${i}`, kinds: p.kinds,
      })));
      result.phases.push({ name: p.name, durationMs: Date.now() - t0, addresses: p.processes.flat().length, ...merge(reports) });
    }

    setPhase('drain');
    const t0 = Date.now();
    let held;
    while (Date.now() - t0 < profile.drainMaxMs) {
      const m = await scrape(gateway.url);
      held = { sessions: sum(m, 'gateway_sessions'), connections: sum(m, 'gateway_connections_open') };
      // The legitimate sessions, the login loops' at most, and this scrape's own connection.
      if (held.sessions <= users.sessions + profile.loginLoops && held.connections <= users.sessions + 2 * profile.loginLoops + 1) break;
      await sleep(500);
    }
    result.drain = { ms: Date.now() - t0, ...held, legitimateSessions: users.sessions };

    setPhase('after');
    await sleep(profile.afterMs);
    setPhase('pause');
    result.memory.liveHeapAfter = liveHeap(gateway.pid);
    result.protections = delta(before, protections(await scrape(gateway.url)));
    setPhase('stop');
    await users.stop();
  } catch (e) {
    // A scrape or a jcmd that failed because the gateway is gone says less than the gateway's last lines.
    if (!gateway.alive()) throw new Error(`the gateway died during ${phase}: its last lines:\n${gateway.log.tail.join('\n')}`, { cause: e });
    throw e;
  } finally {
    sampler?.stop();
    cpu.mark('end');
    result.alive = gateway.alive();
    await gateway.stop();
  }
  result.durationMs = Date.now() - started;
  result.memory.peaks = sampler.peaks;
  result.memory.scrapeFailures = sampler.failures;
  result.log = {
    lines: gateway.log.lines, warnings: gateway.log.warnings, errors: gateway.log.errors,
    samples: gateway.log.samples, outOfMemory: gateway.log.outOfMemory,
  };
  result.cpu = cpu.perPhase(result.phases);
  const stats = (xs) => (xs.length ? { n: xs.length, p50: percentile(xs, 0.5), p99: percentile(xs, 0.99), max: percentile(xs, 1) } : { n: 0 });
  result.legit = {
    pairs: profile.pairs,
    loginLoops: profile.loginLoops,
    problemCount: recorder.problemCount,
    problems: recorder.problems,
    counts: recorder.counts,
    latency: Object.fromEntries(Object.entries(recorder.latency).map(([ph, l]) =>
      [ph, { message: stats(l.message), setup: stats(l.setup), login: stats(l.login) }])),
  };
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [profileName = 'bench', out, logFile] = process.argv.slice(2);
  const result = await runSoak(profileName, { logFile });
  const json = JSON.stringify(result, null, 1);
  if (out) fs.writeFileSync(out, `${json}\n`); else console.log(json);
  process.exit(0);
}
