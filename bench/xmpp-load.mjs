// The driver of bench/xmpp-load.sh (run that, not this): Jingle call setups per second through a real
// Prosody, bridged by the gateway and, beside them, client to client without it. It starts Prosody from the
// project's own cfg (e2e/lib/prosody.mjs: users alice, bob, carol, dave) and the gateway bundle with the shipped
// example, distribution/src/conf/xmpp-prosody-example.yaml (gateway users alice and bob are alice@localhost and
// bob@localhost), its Prosody address, certificate and limits overridden on the command line (e2e/xmpp.test.mjs
// does the same). Then two WebSocket clients log in as alice and bob, and alice calls xmpp:bob@localhost, at most
// CONCURRENT calls at a time:
//
//   alice: offer (Chromium's audio+video SDP, a fresh ICE ufrag per call) --> gateway (alice@localhost)
//     --> XEP-0353 propose --> Prosody --> gateway (bob@localhost): ringing, proceed --> Prosody -->
//     session-initiate --> Prosody --> bob: offer;  bob: answer --> session-accept --> Prosody --> alice:
//     answer;  alice: bye --> session-terminate (+ XEP-0353 finish) --> Prosody --> bob: bye.
//
// A call's slot is free once bob has its bye. Bob tells calls apart by the ICE ufrag, which the
// gateway carries through Jingle unchanged.
// The baseline: two XMPP clients that are not the gateway, carol@localhost and dave@localhost (StanzaJS over TCP
// with STARTTLS, as the gateway's accounts log in: bench/lib/jingle-client.mjs), make the same calls through the
// same Prosody, stanza for stanza what the gateway's two accounts exchange (bench/lib/jingle-baseline.mjs), the
// same SDP as Jingle, CONCURRENT at a time. Its set-up is the caller's propose sent -> its session-accept received
// (the offer sent -> the answer received), its whole call the propose sent -> the callee's session-terminate.
// WARMUP calls of each first (not counted; the JITs of the gateway and of Node compile meanwhile), then ROUNDS
// rounds of CALLS measured calls each way, baseline then bridged, so that a disturbance of the machine shows as a
// spread between rounds rather than as a difference between the two. It prints each run's figures (see
// bench/xmpp-load.sh), the CPU each program used in it (gateway, Prosody, this driver) and how much the rest of the
// machine took meanwhile, the bytes Prosody read and wrote, the failed calls by cause, the gateway's WARN/ERROR lines
// and the bridge's call notices logged during the measured bridged runs (the same notice once, with how often), and a
// last line `summary-json: {...}` for bench/lib/judge.mjs; and leaves the gateway's and Prosody's logs in STATE_DIR.
//
// Usage: node bench/xmpp-load.mjs CALLS CONCURRENT WARMUP ROUNDS STATE_DIR     (inside scripts/netns-run.sh)
// Bounded: each call at most CALL_TIMEOUT_MS, each run (warm-up, measured) at most RUN_TIMEOUT_MS, and all runs
// together at most RUNS_BUDGET_MS from the driver's start (a run that would start later is not run, and says so).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from '../e2e/node_modules/ws/wrapper.mjs';
import { gatewayBin, startGateway } from '../e2e/lib/gateway-process.mjs';
import { USERS, startProsody } from '../e2e/lib/prosody.mjs';
import { connectClient } from './lib/jingle-client.mjs';
import { runBaseline, sdpToJingle } from './lib/jingle-baseline.mjs';
import { CallRun, count } from './lib/call-run.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(repo, 'distribution/src/conf/xmpp-prosody-example.yaml');
const SDP = path.join(repo, 'xmpp-bridge/src/test/resources/sdp');
const OFFER = fs.readFileSync(path.join(SDP, 'chromium-audio-video-offer.sdp'), 'utf8');
const ANSWER = fs.readFileSync(path.join(SDP, 'chromium-audio-video-answer.sdp'), 'utf8');
const OFFER_UFRAG = /a=ice-ufrag:(\S+)/.exec(OFFER)[1];
const ANSWER_UFRAG = /a=ice-ufrag:(\S+)/.exec(ANSWER)[1];
const CALLEE = 'xmpp:bob@localhost';
const LOGGED_IN_MS = 20000;
const CALL_TIMEOUT_MS = 10000;
const RUN_TIMEOUT_MS = 150000;
// bench/xmpp-load.sh gives the driver 330 s: the runs end in time for Prosody's and the gateway's stop.
const RUNS_BUDGET_MS = 290000;
const driverStart = performance.now();
const PATHS = {
  baseline: 'carol -> Prosody -> dave (two StanzaJS clients, no gateway)',
  bridged: 'alice -> gateway -> Jingle -> Prosody -> gateway -> bob',
};
// The bridge's own notices of a call that went wrong (at INFO, on its thread).
const CALL_NOTICE = /\[xmpp-bridge\] .* - .*(failed|refused|not answered|not sent|not given|forgotten|the call ends)/;

const [calls, concurrent, warmup, rounds] = process.argv.slice(2, 6).map(Number);
const stateDir = process.argv[6];
if (![calls, concurrent, warmup, rounds].every(Number.isInteger) || !stateDir || concurrent < 1 || rounds < 1) {
  console.error('usage: node bench/xmpp-load.mjs CALLS CONCURRENT WARMUP ROUNDS STATE_DIR');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The pid of the first process whose command line contains every one of `parts` (a bounded /proc scan). */
function pidOf(...parts) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline;
    try { cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '); } catch { continue; }
    if (parts.every((p) => cmdline.includes(p))) return Number(entry);
  }
  return null;
}

/** CPU seconds (user + system) a process has used so far; null when it is gone. */
function cpuSeconds(pid) {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;        // utime (14th), stime (15th)
  } catch { return null; }
}

/** CPU seconds all processes of the machine have used so far (/proc/stat: user, nice, system, irq, softirq, steal). */
function machineBusySeconds() {
  const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

/** Bytes a process has read and written so far (/proc/<pid>/io: rchar, wchar, its sockets' TLS bytes included); null when not readable. */
function ioBytes(pid) {
  if (!pid) return null;
  try {
    const io = Object.fromEntries(fs.readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n').map((l) => l.split(': ')));
    return { read: Number(io.rchar), written: Number(io.wchar) };
  } catch { return null; }
}

/** A logged-in WebSocket client: `on(type, handler)`, `send(message)`. */
async function client(url, name) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  const handlers = new Map();
  const c = {
    ws,
    send: (m) => ws.send(JSON.stringify(m)),
    on: (type, handler) => handlers.set(type, handler),
  };
  ws.on('message', (raw) => {
    const m = JSON.parse(raw);
    handlers.get(m.type)?.(m);
  });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const ok = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no reply to login within 5 s`)), 5000);
    c.on('ok', (m) => { if (m.name === name) { clearTimeout(timer); resolve(); } });
    c.on('error', (m) => { clearTimeout(timer); reject(new Error(`${name}: login refused: ${m.code} ${m.message}`)); });
  });
  c.send({ type: 'login', name, id: 'login' });
  await ok;
  return c;
}

/** Waits until the gateway logged each user's XMPP account in (the bridge logs each login). */
async function loggedIn(gateway, prosody, users) {
  for (let i = 0; i < LOGGED_IN_MS / 100; i++) {
    if (users.every((u) => new RegExp(`XMPP account ${u}@localhost of ${u} logged in`).test(gateway.logs()))) return;
    await sleep(100);
  }
  throw new Error(`${users.join(', ')} not all logged in within ${LOGGED_IN_MS} ms:\n${gateway.logs()}\n--- prosody ---\n${prosody.logs()}`);
}

/** One text for the same trouble of many calls: call ids and the resources of JIDs left out. */
const general = (text) => text.replace(/'(warmup|call\d)-\d+'/g, "'<call>'").replace(/(@[\w.]+\/)[\w-]+/g, '$1<resource>');
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const ms = (x) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

/**
 * One run of `n` calls, at most `concurrent` at a time, ids `${label}-<i>`. Resolves to {ok (whole calls),
 * answered, failed (calls), failures: Map(reason -> calls), strays: Map(what -> times), firstFailures, setupMs (sorted),
 * cycleMs (sorted), seconds (first offer to last answer)} (bench/lib/call-run.mjs).
 */
function run(alice, bob, label, n, runTimeoutMs) {
  const byUfrag = new Map();   // the offer's ICE ufrag -> call
  const byBobCall = new Map(); // bob's call id (the gateway's) -> call
  const tally = new CallRun({
    label, n, concurrent, callTimeoutMs: CALL_TIMEOUT_MS, runTimeoutMs,
    runTimeoutText: `the run's ${(runTimeoutMs / 1000).toFixed(0)} s ran out`, general,
    stage: (call) => (!call.bobCall ? 'no offer reached bob' : !call.answered ? 'alice got no answer' : 'bob got no bye'),
    place: (call, i) => {
      const ufrag = `${label}${i.toString(36).padStart(5, '0')}`; // 4-256 ice-chars, unique per call and run
      byUfrag.set(ufrag, call);
      alice.send({ type: 'offer', id: call.id, to: CALLEE, call: call.id, sdp: OFFER.replaceAll(`a=ice-ufrag:${OFFER_UFRAG}`, `a=ice-ufrag:${ufrag}`) });
    },
    // Ends what is left of the call at the gateway, so it does not hold a slot of call.max-per-user.
    // (ids 'cleanup-...': the gateway may have ended it meanwhile, and its 'unknown-call' is no news).
    onFail: (call) => {
      if (!call.aliceBye && !call.aliceEnded) alice.send({ type: 'bye', id: `cleanup-${call.id}`, call: call.id });
      if (call.bobCall && !call.bobGotBye) bob.send({ type: 'bye', id: `cleanup-${call.id}`, call: call.bobCall });
    },
  });

  alice.on('answer', (m) => {
    const call = tally.live(m.call);
    if (!call || call.answered) return;
    tally.answerArrived(call);
    call.aliceBye = true;
    alice.send({ type: 'bye', call: call.id });
  });
  alice.on('bye', (m) => {
    const call = tally.live(m.call);
    if (!call) return;
    call.aliceEnded = true;
    tally.fail(call, `alice got bye (reason ${m.reason ?? 'none'}) ${call.answered ? 'after' : 'before'} the answer`);
  });
  alice.on('error', (m) => {
    const call = tally.live(m.id);
    if (call) {
      call.aliceEnded = true;
      tally.fail(call, `alice's offer refused: ${m.code}: ${m.message}`);
    } else if (!(m.code === 'unknown-call' && String(m.id).startsWith('cleanup-'))) {
      tally.stray(general(`alice got error ${m.code}: ${m.message}`));
    }
  });
  bob.on('offer', (m) => {
    const ufrag = /a=ice-ufrag:(\S+)/.exec(m.sdp ?? '')?.[1];
    const call = byUfrag.get(ufrag);
    if (!call || call.done) {
      // Not one of this run's live calls (one that failed already, say): refuse it.
      bob.send({ type: 'bye', id: 'cleanup-stray', call: m.call, reason: 'decline' });
      tally.stray('bob got an offer of no live call (declined)');
      return;
    }
    if (m.from !== 'xmpp:alice@localhost') { tally.fail(call, `bob's offer came from ${m.from}`); return; }
    call.bobCall = m.call;
    byBobCall.set(m.call, call);
    bob.send({ type: 'answer', id: `answer-${call.id}`, call: m.call, sdp: ANSWER.replaceAll(`a=ice-ufrag:${ANSWER_UFRAG}`, `a=ice-ufrag:b${ufrag}`) });
  });
  bob.on('bye', (m) => {
    const call = byBobCall.get(m.call);
    if (!call || call.done) return;
    call.bobGotBye = true;
    if (call.aliceBye) tally.succeed(call);
    else tally.fail(call, `bob got bye (reason ${m.reason ?? 'none'}) before alice hung up`);
  });
  bob.on('error', (m) => {
    const call = tally.live(String(m.id ?? '').replace(/^answer-/, ''));
    if (call) tally.fail(call, `bob's answer refused: ${m.code}: ${m.message}`);
    else if (!(m.code === 'unknown-call' && String(m.id).startsWith('cleanup-'))) tally.stray(general(`bob got error ${m.code}: ${m.message}`));
  });
  return tally.start();
}

let prosody;
let gateway;
let alice;
let bob;
let carol;
let dave;
const keep = (name, text) => fs.writeFileSync(path.join(stateDir, name), text);
let stopping = null;
async function stopAll() {
  stopping ??= (async () => {
    for (const c of [alice, bob]) c?.ws.close();
    await Promise.all([carol, dave].map((c) => c?.close()));
    await gateway?.stop();
    if (gateway) keep('gateway.log', gateway.logs());
    if (prosody) keep('prosody.log', prosody.logs());
    await prosody?.stop();
  })();
  return stopping;
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    console.error(`xmpp-load.mjs: ${signal}: stopping the gateway and Prosody`);
    stopAll().finally(() => process.exit(1));
  });
}
try {
  prosody = await startProsody();
  gateway = await startGateway({
    extraArgs: ['--config', EXAMPLE, '--xmpp.server', prosody.c2sHostPort, '--xmpp.trust-certificate', prosody.certificate,
      // alice holds up to CONCURRENT calls, bob as many, and a few that end late: above the default 8.
      '--call.max-per-user', String(Math.max(8, 2 * concurrent)),
      '--call.attempts-per-minute', '0', // thousands of calls a minute from one user is the point here
      // Two clients send every call's messages: no per-connection rate limit (a protection against abusers).
      '--websocket.messages-per-second', '0'],
  });
  await loggedIn(gateway, prosody, ['alice', 'bob']);
  const gatewayPid = pidOf('org.webrtcgateway.server.Main', `--port ${gateway.port}`);
  const prosodyPid = pidOf('prosody', path.join(prosody.dir, 'prosody.cfg.lua'));
  // For bench/xmpp-load.sh, which ends them should this driver be killed before it stops them.
  keep('pids', `${gatewayPid ?? ''} org.webrtcgateway.server.Main\n${prosodyPid ?? ''} ${prosody.dir}\n`);
  alice = await client(gateway.url, 'alice');
  bob = await client(gateway.url, 'bob');
  const at = { host: '127.0.0.1', port: prosody.c2sPort, ca: prosody.certificate };
  carol = await connectClient({ jid: 'carol@localhost', password: USERS.carol, ...at });
  dave = await connectClient({ jid: 'dave@localhost', password: USERS.dave, ...at });
  // The bridged run's SDP, as Jingle (StanzaJS's SDP code): what the gateway's session-initiate and -accept carry.
  const jingleOffer = sdpToJingle(OFFER, 'initiator');
  const jingleAnswer = sdpToJingle(ANSWER, 'responder');

  const budgetLeft = () => RUNS_BUDGET_MS - (performance.now() - driverStart);
  const MIN_RUN_MS = 5000;
  /** One run of `n` calls on `kind`'s path, or null when the driver's budget has no room left for it. */
  const runOf = (kind, label, n) => {
    const runTimeoutMs = Math.min(RUN_TIMEOUT_MS, budgetLeft());
    if (runTimeoutMs < MIN_RUN_MS) return null;
    return kind === 'bridged' ? run(alice, bob, label, n, runTimeoutMs)
      : runBaseline(carol, dave, { label, n, concurrent, callTimeoutMs: CALL_TIMEOUT_MS, runTimeoutMs, offer: jingleOffer, answer: jingleAnswer });
  };
  const warm = {};
  for (const kind of ['baseline', 'bridged']) warm[kind] = warmup > 0 ? await runOf(kind, kind === 'bridged' ? 'warmup' : 'warmupb', warmup) : null;

  const snapshot = () => ({ gateway: cpuSeconds(gatewayPid), prosody: cpuSeconds(prosodyPid), driver: process.cpuUsage(),
    machine: machineBusySeconds(), io: ioBytes(prosodyPid), logLines: gateway.logs().split('\n').length, at: performance.now() });
  const measured = [];
  const bridgedLogLines = [];
  for (let round = 1; round <= rounds; round++) {
    for (const kind of ['baseline', 'bridged']) {
      const before = snapshot();
      const pending = runOf(kind, `${kind === 'bridged' ? 'call' : 'base'}${round}`, calls);
      if (!pending) { measured.push({ kind, round, notRun: `the driver's ${RUNS_BUDGET_MS / 1000} s for all runs ran out` }); continue; }
      const r = await pending;
      const after = snapshot();
      if (kind === 'bridged') bridgedLogLines.push(...gateway.logs().split('\n').slice(before.logLines));
      const delta = (k) => (before[k] === null || after[k] === null ? null : after[k] - before[k]);
      const driver = process.cpuUsage(before.driver);
      const cpu = { gateway: delta('gateway'), prosody: delta('prosody'), driver: (driver.user + driver.system) / 1e6 };
      const wall = (after.at - before.at) / 1000;
      const others = Math.max(0, after.machine - before.machine - cpu.driver - (cpu.gateway ?? 0) - (cpu.prosody ?? 0));
      const io = before.io && after.io ? { read: after.io.read - before.io.read, written: after.io.written - before.io.written } : null;
      measured.push({ kind, round, ...r, cpu, io, wall, others });
    }
  }

  const jvm = [fs.readFileSync(path.join(path.dirname(gatewayBin()), '../conf/jvm.options'), 'utf8').match(/^-Xm[sx]\S+/gm)?.join(' '), process.env.JAVA_OPTS]
    .filter(Boolean).join(' ');
  const prosodyVersion = (() => {
    try { return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'prosody'], { encoding: 'utf8' }); } catch { return '?'; }
  })();
  const warmText = (w) => (w ? `${w.ok} ok` : 'none');
  console.log(`calls=${calls} concurrent=${concurrent} rounds=${rounds}; warmed up with ${warmup} calls each way (baseline ${warmText(warm.baseline)}, bridged ${warmText(warm.bridged)}), `
    + `gateway JVM ${jvm}; Prosody ${prosodyVersion}; Node ${process.version}, StanzaJS 12.22.1`);
  const perCall = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(1)}s (${((1000 * x) / calls).toFixed(1)} ms a call placed)`);
  const reasons = (r) => [...r].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([reason, n]) => `    ${n} x ${reason}`).join('\n');
  const cores = os.cpus().length;
  const runs = [];
  for (const m of measured) {
    const head = `${m.kind.padEnd(9)} ${PATHS[m.kind]}, round ${m.round}:`;
    if (m.notRun) { console.log(`${head} not run: ${m.notRun}`); runs.push({ kind: m.kind, round: m.round, notRun: m.notRun }); continue; }
    const rate = m.answered / m.seconds;
    const disturbed = m.others > 0.15 * m.wall;
    console.log(`${head} ${m.ok} ok, ${m.failed} failed, ${Number.isNaN(m.seconds) ? 'n/a' : m.seconds.toFixed(1)}s, ${Number.isNaN(rate) ? 'n/a' : rate.toFixed(1)} call setups/s`);
    console.log(`  setup (offer sent -> answer received, ${m.answered} calls): p50 ${ms(percentile(m.setupMs, 50))}, p99 ${ms(percentile(m.setupMs, 99))}, max ${ms(m.setupMs.at(-1) ?? NaN)}`
      + `; whole call (to the callee's hang-up, ${m.ok} calls): p50 ${ms(percentile(m.cycleMs, 50))}, p99 ${ms(percentile(m.cycleMs, 99))}`);
    console.log(`  CPU: gateway (java) ${perCall(m.cpu.gateway)}, prosody ${perCall(m.cpu.prosody)}, this driver (node) ${perCall(m.cpu.driver)}`
      + `; Prosody read ${m.io ? (m.io.read / calls / 1024).toFixed(1) : 'n/a'} KiB and wrote ${m.io ? (m.io.written / calls / 1024).toFixed(1) : 'n/a'} KiB a call`);
    // Other programs (another session's tests, say) take cores from Prosody and the gateway: the figure is then
    // lower than the machine gives. The limit is the load harness's (bench/loadgen): 0.15 of a core.
    console.log(`  everything else on the machine: ${m.others.toFixed(1)} CPU-s of ${(m.wall * cores).toFixed(1)} (${m.wall.toFixed(1)}s on ${cores} cores)`
      + (disturbed ? ': DISTURBED, more than 0.15 of a core; run again on a quiet machine' : ', quiet'));
    if (m.failed) console.log(`  failures (calls, by reason):\n${reasons(m.failures)}\n    e.g. ${m.firstFailures.join('; ')}`);
    if (m.strays.size) console.log(`  messages for no call of the run:\n${reasons(m.strays)}`);
    const msPerCall = (x) => (x === null ? null : +((1000 * x) / calls).toFixed(3));
    runs.push({ kind: m.kind, round: m.round, ok: m.ok, failed: m.failed, seconds: +m.seconds.toFixed(2), setupsPerS: +rate.toFixed(1),
      setupMs: { p50: +percentile(m.setupMs, 50).toFixed(1), p99: +percentile(m.setupMs, 99).toFixed(1), max: +(m.setupMs.at(-1) ?? NaN).toFixed(1) },
      callMs: { p50: +percentile(m.cycleMs, 50).toFixed(1), p99: +percentile(m.cycleMs, 99).toFixed(1) },
      cpuMsPerCall: { gateway: msPerCall(m.cpu.gateway), prosody: msPerCall(m.cpu.prosody), driver: msPerCall(m.cpu.driver) },
      prosodyBytesPerCall: m.io ? { read: Math.round(m.io.read / calls), written: Math.round(m.io.written / calls) } : null,
      othersCpuS: +m.others.toFixed(2), wallS: +m.wall.toFixed(2), disturbed });
  }
  for (const kind of ['baseline', 'bridged']) {
    if (warm[kind]?.failed) console.log(`${kind} warm-up failures: ${warm[kind].failed} of ${warmup} calls:\n${reasons(warm[kind].failures)}`);
  }
  const notable = bridgedLogLines.filter((l) => /\b(WARN|ERROR)\b|Exception/.test(l) || CALL_NOTICE.test(l));
  // The same notice for many calls once, with how often (time stamps, call ids, resources and all after 240
  // characters left out); the whole lines are in $state/gateway.log.
  const notices = new Map();
  for (const l of notable) {
    count(notices, general(l.replace(/^\S+ /, '').replace(/call (warmup|call\d|xmpp)-\w+/g, 'call <id>').replace(/\(Jingle \w+\)/g, '(Jingle <sid>)')).slice(0, 240));
  }
  console.log(`gateway log during the measured bridged runs: ${bridgedLogLines.filter(Boolean).length} lines, ${notable.length} WARN/ERROR or call failure notices${notable.length ? ':' : ''}`);
  for (const [l, n] of [...notices].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${n} x ${l}`);
  console.log(`summary-json: ${JSON.stringify({ calls, concurrent, warmup, rounds, runs })}`);
} finally {
  await stopAll();
}
