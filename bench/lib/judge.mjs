// Judges one bench/run.sh run against the targets of issue 5: one row per target with what was
// measured, the goal, and met / not met / not measured (null). bench/targets.mjs renders the rows
// into docs/benchmarks.md; bench/test/judge.test.mjs pins the rules down.
//
//   judge({ runs, startup, idleMax, sipText, xmppText }) -> { rows: [{ what, measured, goal, met }], gateway, wsRelay, raw }
//   judgeXmpp(xmppText) -> { rows }: issue 19's targets for the XMPP bridge (judgeStorm, judgeHostile: their sections')
//     runs:    the harness's results.jsonl, parsed (one object per run)
//     startup: bench/startup.sh's start-up times in ms
//     idleMax: bench/idle-max.sh's result, or null
//     sipText: bench/sip-load.sh's output, or null when the run had no --sip
//     xmppText: bench/xmpp-load.sh's output, or null when the run had no --xmpp
//   met: true, false, null (not measured) or undefined (no target: a figure only)

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
export const fmt = (x, d = 0) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a'
  : Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const ratio = (a, b) => (a && b ? a / b : NaN);

/**
 * The median of a target's relay runs (by msgs/s), as run-baselines.sh reports it, with every run's msgs/s in `all`;
 * null without one.
 */
export function medianRelay(runs) {
  const rs = runs.map((r) => r.relay).filter(Boolean);
  if (!rs.length) return null;
  const m = median(rs.map((r) => r.msgs_per_s));
  return { ...rs.find((r) => r.msgs_per_s === m), all: rs.map((r) => r.msgs_per_s) };
}

/** The load generator at or above this share of its core has saturated (BASELINES.md). */
const SATURATED = 0.9;

export function judge({ runs, startup, idleMax = null, sipText = null, xmppText = null }) {
  const pick = (label, scenario, payload) =>
    runs.filter((r) => r.label === label && r.scenario === scenario && (!payload || r.params.payload === payload));
  const relay = (label, payload) => medianRelay(pick(label, 'relay', payload));
  const one = (label, scenario, key) => pick(label, scenario)[0]?.[key];

  const g = { relay: relay('gateway', 'candidate'), sdp: relay('gateway', 'sdp'), latency: one('gateway', 'latency', 'latency'),
    idle: one('gateway', 'idle', 'idle'), connect: one('gateway', 'setup', 'connect'), calls: one('gateway', 'setup', 'calls') };
  const ws = { relay: relay('ws-relay', 'candidate'), sdp: relay('ws-relay', 'sdp'), connect: one('ws-relay', 'setup', 'connect'), calls: one('ws-relay', 'setup', 'calls') };
  const raw = { relay: relay('raw', 'candidate'), latency: one('raw', 'latency', 'latency') };

  const rows = [];
  const target = (what, measured, goal, met) => rows.push({ what, measured, goal, met });

  if (g.relay && ws.relay && raw.relay) {
    const cpu = g.relay.server_cpu_us_per_op;
    target('Relay: server CPU per message', `${fmt(cpu, 2)} µs (ws-relay ${fmt(ws.relay.server_cpu_us_per_op, 2)}, raw ${fmt(raw.relay.server_cpu_us_per_op, 2)}): ${fmt(ratio(cpu, ws.relay.server_cpu_us_per_op), 2)}× ws-relay, ${fmt(ratio(cpu, raw.relay.server_cpu_us_per_op), 2)}× raw`,
      '≤ 0.5× ws-relay and < raw', cpu <= ws.relay.server_cpu_us_per_op / 2 && cpu < raw.relay.server_cpu_us_per_op);
    const r = ratio(g.relay.msgs_per_s, ws.relay.msgs_per_s);
    const saturated = g.relay.loadgen_util >= SATURATED;
    target('Relay: messages/s', `${fmt(g.relay.msgs_per_s)} (ws-relay ${fmt(ws.relay.msgs_per_s)}): ${fmt(r, 2)}×; load generator at ${fmt(g.relay.loadgen_util * 100)} %`,
      '≥ 1.8× ws-relay, or the load generator saturates first', r >= 1.8 || saturated);
  } else target('Relay', 'missing runs', '', null);
  if (g.sdp && ws.sdp) {
    const r = ratio(g.sdp.msgs_per_s, ws.sdp.msgs_per_s);
    target('SDP-sized (3 KB) relay: messages/s', `${fmt(g.sdp.msgs_per_s)} (ws-relay ${fmt(ws.sdp.msgs_per_s)}): ${fmt(r, 2)}×`, '≥ 3× ws-relay', r >= 3);
  } else target('SDP relay', 'missing runs', '', null);
  if (g.latency && raw.latency) {
    const [p99, p999, rawP99, rawP999] = [g.latency.rtt_us.p99, g.latency.rtt_us.p999, raw.latency.rtt_us.p99, raw.latency.rtt_us.p999];
    target('Open loop at 10k msgs/s: p99 round trip', `${fmt(p99)} µs (raw ${fmt(rawP99)} µs)`, '≤ raw forwarder\'s p99', p99 <= rawP99);
    // raw's p99.9 is the floor of this apparatus (load generator, loopback, VM scheduling): shown beside
    // the gateway's so a tail above 2 ms can be told apart from one that only the machine has.
    target('Open loop at 10k msgs/s: p99.9 round trip', `${fmt(p999)} µs (raw ${fmt(rawP999)} µs)`, '< 2,000 µs', p999 < 2000);
  } else target('Open loop', 'missing runs', '', null);
  if (g.idle) {
    const conns = pick('gateway', 'idle')[0].params.conns;
    target(`Resident memory per idle logged-in connection at ${fmt(conns)}`, `${fmt(g.idle.bytes_per_conn)} B (${g.idle.ok}/${conns} connected)`,
      '≤ 4,096 B', g.idle.bytes_per_conn <= 4096 && g.idle.failed === 0);
  }
  // bench/idle-max.sh: as many idle connections as the gateway's one process can hold here
  if (idleMax?.idle && idleMax.params.conns >= 50000) {
    target('… at 50,000 connections', `${fmt(idleMax.idle.bytes_per_conn)} B (${idleMax.idle.ok}/${idleMax.params.conns} connected)`, '≤ 4,096 B',
      idleMax.idle.bytes_per_conn <= 4096 && idleMax.idle.failed === 0);
  } else {
    const most = idleMax?.idle
      ? `; at ${fmt(idleMax.params.conns)}, the most that fits: ${fmt(idleMax.idle.bytes_per_conn)} B (${idleMax.idle.ok}/${idleMax.params.conns} connected)`
      : '';
    target('… at 50,000 connections', `not measurable here: every process is capped at ${fmt(idleMax?.fd_limit ?? 20000)} file descriptors (hard limit), the gateway included${most}`, '≤ 4,096 B', null);
  }
  // Per BASELINES.md: once the load generator saturates its core, the rate shows the load
  // generator's limit, and server CPU per operation is the figure to compare. Twice the rate per core
  // is then at most half the CPU per operation.
  const perCore = (label, field, unit, gv, wv) => {
    const r = ratio(gv[field], wv[field]);
    const cpu = ratio(gv.server_cpu_us_per_op, wv.server_cpu_us_per_op);
    const saturated = gv.loadgen_util >= SATURATED;
    target(label, `${fmt(gv[field])} (ws-relay ${fmt(wv[field])}): ${fmt(r, 2)}×; server CPU per ${unit} ${fmt(gv.server_cpu_us_per_op)} µs`
      + ` (ws-relay ${fmt(wv.server_cpu_us_per_op)}): ${fmt(cpu, 2)}×; load generator at ${fmt(gv.loadgen_util * 100)} %`
      + (saturated ? `, saturated: CPU per ${unit} decides` : ''),
      `≥ 2× ws-relay (≤ 0.5× its CPU per ${unit} when the load generator saturates)`, r >= 2 || (saturated && cpu <= 0.5));
  };
  if (g.connect && ws.connect) perCore('Logins/s', 'logins_per_s', 'login', g.connect, ws.connect);
  if (g.calls && ws.calls) perCore('Call setups/s', 'calls_per_s', 'call', g.calls, ws.calls);
  const startMedian = median(startup);
  target('Start to listening (bundle, pinned to one core)', `median ${fmt(startMedian)} ms of ${startup.map((t) => fmt(t)).join(', ')}`, '< 1,500 ms', startMedian < 1500);
  const sip = 'SIP: bridged call setups/s vs sipp-to-sipp through the same Kamailio';
  const sipNumbers = (kind) => {
    const m = new RegExp(`^${kind}\\b.*?(\\d+) ok, (\\d+) failed.*?([\\d.]+) call setups/s`, 'm').exec(sipText || '');
    return m ? { ok: +m[1], failed: +m[2], rate: +m[3] } : null;
  };
  const [bridged, direct] = [sipNumbers('bridged'), sipNumbers('baseline')];
  if (sipText && !(bridged && direct)) {
    target(sip, 'bench/sip-load.sh did not finish: see its output below', '≥ 0.5×', false);
  } else if (sipText) {
    const r = bridged.rate / direct.rate;
    target(sip, `${fmt(bridged.rate, 1)} vs ${fmt(direct.rate, 1)}: ${fmt(r, 2)}× (${bridged.failed} of ${bridged.ok + bridged.failed} bridged calls failed; all programs share the 2 cores, see below)`,
      '≥ 0.5×', r >= 0.5 && bridged.failed === 0);
  } else {
    target(sip, 'run with --sip', '≥ 0.5×', null);
  }
  judgeSipCpu(sipText, target);
  // The XMPP bridge's figure (issue 5 sets no target for it); issue 19's targets for it: judgeXmpp, in its own section.
  const xmpp = 'XMPP: Jingle call setups/s, gateway → Prosody → gateway';
  const noXmppTarget = 'none: issue 5 sets no target for the XMPP bridge (issue 19\'s: see "XMPP bridge")';
  if (xmppText) {
    const x = xmppFigures(xmppText);
    target(xmpp, x.bridged.length ? `${fmt(x.median('bridged', (r) => r.setupsPerS), 1)}`
      + ` (${x.baseline.length ? `client to client ${fmt(x.median('baseline', (r) => r.setupsPerS), 1)}; ` : ''}${x.failedText('bridged')}; setup p50 ${fmt(x.median('bridged', (r) => r.setupMs.p50))} ms, p99 ${fmt(x.median('bridged', (r) => r.setupMs.p99))} ms`
      + `${x.disturbed ? '; disturbed by other programs' : ''}; see below)` : 'bench/xmpp-load.sh did not finish: see its output below', noXmppTarget, undefined);
  } else {
    target(xmpp, 'run with --xmpp', noXmppTarget, undefined);
  }
  return { rows, gateway: g, wsRelay: ws, raw };
}

/** bench/sip-load.sh's "result <run> {json}" line of one run, or null. */
export function sipResult(sipText, run) {
  const m = new RegExp(`^result ${run} (\\{.*\\})\\s*$`, 'm').exec(sipText || '');
  return m ? JSON.parse(m[1]) : null;
}

/**
 * Issue 19: the gateway's CPU per bridged SIP call at most Kamailio's for the same calls, in the same run (both
 * counted over the measured bridged run; Kamailio's covers both legs it proxies, the gateway's includes the
 * WebSocket side of the call: the relay user's messages).
 */
function judgeSipCpu(sipText, target) {
  const what = 'SIP: gateway CPU per bridged call vs Kamailio\'s for the same calls (issue 19)';
  const goal = '≤ 1× Kamailio\'s';
  if (!sipText) {
    target(what, 'run with --sip', goal, null);
    return;
  }
  const r = sipResult(sipText, 'bridged');
  if (!r || !(r.calls_ok > 0) || !(r.cpu_s?.kamailio > 0)) {
    target(what, r ? 'no bridged call completed' : 'bench/sip-load.sh printed no result line (it did not finish, or is older than issue 19)', goal, r ? false : null);
    return;
  }
  const perCall = (s) => (1000 * s) / r.calls_ok;
  const ratioToKamailio = r.cpu_s.gateway / r.cpu_s.kamailio;
  target(what, `${fmt(perCall(r.cpu_s.gateway), 2)} vs ${fmt(perCall(r.cpu_s.kamailio), 2)} ms a call (${fmt(r.cpu_s.gateway, 1)} vs `
    + `${fmt(r.cpu_s.kamailio, 1)} CPU-s for ${fmt(r.calls_ok)} calls): ${fmt(ratioToKamailio, 2)}×`
    + (r.cpu_s.others > 0.5 ? `; other programs on the machine used ${fmt(r.cpu_s.others, 1)} CPU-s meanwhile` : ''),
  goal, ratioToKamailio <= 1);
}

// ------------------------------------------------------------------ the hostile-client soak

/** The protections the soak's attack must have set off, as /metrics counts them: [label, how to read it]. */
export const HOSTILE_PROTECTIONS = [
  ['per-address limit (websocket.max-connections-per-address)', (p) => p.refused['per-address']],
  ['handshake timeout (websocket.handshake-timeout)', (p) => p.refused['handshake-timeout']],
  ['idle timeout (websocket.idle-timeout)', (p) => p.refused['idle-timeout']],
  ['HTTP requests refused (400, 414, 431)', (p) => p.refused['bad-request']],
  ['upgrades refused (400, 426)', (p) => p.refused['bad-upgrade']],
  ['RFC 6455 broken (close 1002)', (p) => p.closed['1002']],
  ['frames over websocket.max-frame-size (close 1009)', (p) => p.closed['1009']],
  ['rate limit (close 1008)', (p) => p.rateLimited.closed],
  ['bounds on what waits for clients that read nothing (cut off, or their sessions ended too-slow)',
    (p) => (p.refused['not-reading'] ?? 0) + (p.sessionsEnded['too-slow'] ?? 0)],
];
/** More of what the gateway counted: shown, not required. */
export const HOSTILE_FIGURES = [
  ['clients that read nothing, cut off', (p) => p.refused['not-reading']],
  ['sessions ended for their queues (too-slow)', (p) => p.sessionsEnded['too-slow']],
  ['sessions dropped and not resumed', (p) => p.sessionsEnded.dropped],
  ['binary frames (close 1003)', (p) => p.closed['1003']],
  ['text that is not UTF-8 (close 1007)', (p) => p.closed['1007']],
  ['frames over the rate answered rate-limited', (p) => p.rateLimited.refused],
  ['bad-json / bad-message / unknown-type errors', (p) => (p.errors['bad-json'] ?? 0) + (p.errors['bad-message'] ?? 0) + (p.errors['unknown-type'] ?? 0)],
];

/**
 * Judges one hostile-client soak (bench/hostile/soak.mjs's result): the legitimate users saw no problem,
 * the gateway lived, its memory stayed within the bound and came back after, the attackers' sessions and
 * connections were all gone again, no ERROR line (a bug of ours), and each protection of HOSTILE_PROTECTIONS
 * refused something. Returns { ok, checks: [{ what, measured, bound, met }] }.
 */
export function judgeHostile(result) {
  const MiB = 2 ** 20;
  const checks = [];
  const check = (what, measured, bound, met) => checks.push({ what, measured, bound, met: Boolean(met) });
  const legit = result.legit;
  check('problems seen by the legitimate users (errors, closes, lost, repeated or reordered messages, calls not completed)',
    `${legit.problemCount}${legit.problems.length ? `: ${legit.problems.slice(0, 3).join('; ')}` : ''}`, '0', legit.problemCount === 0);
  check('the gateway ran to the end', result.alive && !result.log.outOfMemory ? 'yes' : result.log.outOfMemory ? 'ran out of memory' : 'it died', 'yes',
    result.alive && !result.log.outOfMemory);
  const errors = Object.values(result.log.errors ?? {}).reduce((a, b) => a + b, 0);
  check('ERROR lines in the gateway\'s log (a bug of ours)', String(errors), '0', errors === 0);
  const peakRss = Math.max(...Object.values(result.memory.peaks).map((p) => p.rss ?? 0));
  check('resident memory, highest sample', `${fmt(peakRss / MiB)} MiB`, `≤ ${fmt(result.memory.bounds.rss / MiB)} MiB`, peakRss <= result.memory.bounds.rss);
  const growth = result.memory.liveHeapAfter - result.memory.liveHeapBefore;
  check('live heap after a full collection, after the attack vs before',
    `${fmt(result.memory.liveHeapAfter / MiB, 1)} vs ${fmt(result.memory.liveHeapBefore / MiB, 1)} MiB`,
    `≤ ${fmt(result.memory.bounds.liveHeapGrowth / MiB)} MiB more`, growth <= result.memory.bounds.liveHeapGrowth);
  // Over bridge.heap-limit-percent after a collection, the gateway refuses new calls to SIP and XMPP: users
  // who call phones would see errors, though this soak's users (browser to browser) do not.
  const overloaded = Object.entries(result.memory.peaks).filter(([, p]) => p.overloaded > 0).map(([phase]) => phase);
  check('the heap stayed under bridge.heap-limit-percent after every collection (new bridged calls never refused)',
    overloaded.length ? `over it during ${overloaded.join(', ')}` : 'yes', 'yes', overloaded.length === 0);
  const drained = result.drain.sessions <= result.drain.legitimateSessions + result.legit.loginLoops;
  check('sessions and connections after the attack', `${result.drain.sessions} sessions, ${result.drain.connections} connections, ${fmt(result.drain.ms / 1000, 1)} s after it`,
    `the legitimate ones (${result.drain.legitimateSessions} sessions)`, drained);
  for (const [what, read] of HOSTILE_PROTECTIONS) {
    const n = read(result.protections) ?? 0;
    check(`held off by the ${what}`, fmt(n), '> 0', n > 0);
  }
  return { ok: checks.every((c) => c.met), checks };
}

/**
 * Judges the reconnect storm (bench/storm.sh's result; issue 19): every client of the storm in, on a server that has
 * just started, no later than the `ws` relay's last, median against median; the p99 of a login no worse; and every
 * gateway client's resume came back. Returns { rows: [{ what, measured, goal, met }] } like judge().
 */
export function judgeStorm(result) {
  const of = (label) => result.runs.filter((r) => r.label === label && r.storm).map((r) => r.storm);
  const gw = of('gateway');
  const ws = of('ws-relay');
  const rows = [];
  if (!gw.length || !ws.length) {
    rows.push({ what: `Reconnect storm: ${fmt(result.clients)} clients in, on a fresh server`, measured: 'not measured', goal: '≤ the ws relay', met: null });
    return { rows };
  }
  const complete = (s) => s.logged_in === s.clients;
  const last = (runs) => median(runs.map((s) => (complete(s) ? s.seconds_to_last_login : Infinity)));
  const gwLast = last(gw);
  const wsLast = last(ws);
  const secs = (x) => (Number.isFinite(x) ? `${fmt(x, 2)} s` : 'not all in');
  rows.push({
    what: `Reconnect storm: ${fmt(result.clients)} clients in, on a fresh server (time until the last, median of ${gw.length})`,
    measured: `${secs(gwLast)} vs ${secs(wsLast)} (${fmt(ratio(wsLast, gwLast), 2)}× the ws relay's speed)`,
    goal: '≤ the ws relay', met: Number.isFinite(gwLast) && gwLast <= wsLast,
  });
  const p99 = (runs) => median(runs.map((s) => s.login_us.p99));
  rows.push({
    what: 'Reconnect storm: p99 of one login (median of the runs)',
    measured: `${fmt(p99(gw) / 1000)} ms vs ${fmt(p99(ws) / 1000)} ms`, goal: '≤ the ws relay', met: p99(gw) <= p99(ws),
  });
  const resumed = gw.filter((s) => s.resumed !== undefined);
  const allBack = resumed.length && resumed.every((s) => s.resumed === s.logged_in);
  rows.push({
    what: 'Reconnect storm: every gateway client resumes its session after a drop (time until the last, median)',
    measured: resumed.length ? `${allBack ? 'all' : 'not all'}, ${fmt(median(resumed.map((s) => s.seconds_to_last_resume)), 2)} s` : 'not measured',
    goal: 'all (the ws relay has no resume)', met: resumed.length ? Boolean(allBack) : null,
  });
  return { rows };
}

// ------------------------------------------------------------------ XMPP: bridged Jingle calls beside client to client

/** The true median (the mean of the middle two of an even count): two rounds judge on both, not on the better. */
const middle = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/**
 * The runs of bench/xmpp-load.sh's output (its `summary-json:` line): { baseline: [runs], bridged: [runs], median(kind,
 * pick), failedText(kind), disturbed, summary }, each run { round, ok, failed, setupsPerS, setupMs, cpuMsPerCall, ... }.
 * The output of an older xmpp-load.sh (no summary line, a bridged run only) gives that run, read off its human lines.
 */
export function xmppFigures(text) {
  const line = /^summary-json: (\{.*\})$/m.exec(text ?? '');
  let summary = null;
  if (line) {
    try { summary = JSON.parse(line[1]); } catch { summary = null; }
  }
  let runs = summary?.runs.filter((r) => !r.notRun) ?? [];
  if (!summary) {
    const b = /^bridged\b.*?(\d+) ok, (\d+) failed.*?([\d.]+) call setups\/s/m.exec(text ?? '');
    const setup = /^setup\b.*?p50 ([\d.]+) ms, p99 ([\d.]+) ms/m.exec(text ?? '');
    runs = b ? [{ kind: 'bridged', round: 1, ok: +b[1], failed: +b[2], setupsPerS: +b[3], setupMs: setup ? { p50: +setup[1], p99: +setup[2] } : {},
      disturbed: /DISTURBED/.test(text) }] : [];
  }
  const of = (kind) => runs.filter((r) => r.kind === kind).sort((a, b) => a.round - b.round);
  const figures = { summary, baseline: of('baseline'), bridged: of('bridged'), disturbed: runs.some((r) => r.disturbed) };
  figures.median = (kind, pick) => middle(figures[kind].map(pick));
  figures.failedText = (kind) => {
    const rs = figures[kind];
    const failed = rs.reduce((n, r) => n + r.failed, 0);
    const most = kind === 'bridged' && !summary && /^failures \(calls, by reason\):\n\s+\d+ x (.+)$/m.exec(text)?.[1];
    return `${failed} of ${rs.reduce((n, r) => n + r.ok + r.failed, 0)} calls failed${most ? `, most as: ${most}` : ''}`;
  };
  return figures;
}

/**
 * Issue 19's targets for the XMPP bridge, from bench/xmpp-load.sh's output: (a) the gateway's CPU per bridged Jingle
 * call at most Prosody's in the same run (the gateway is both Jingle clients and the WebSocket side; Prosody routes the
 * same stanzas), and (b) the bridged set-up's p99 at most twice the client-to-client baseline's through the same
 * Prosody (the bridged path adds the WebSocket hop at each end and the gateway's translation). Each on the median of
 * its rounds, round by round shown; not met when a call of the runs judged failed. Returns { rows } like judge().
 */
export function judgeXmpp(text) {
  const x = xmppFigures(text);
  const cpuWhat = 'XMPP: gateway CPU per bridged Jingle call vs Prosody\'s in the same run';
  const p99What = 'XMPP: bridged call set-up p99 vs client to client (StanzaJS) through the same Prosody';
  const cpuGoal = '≤ 1× Prosody\'s';
  const p99Goal = '≤ 2× the baseline\'s';
  if (!x.summary) {
    const why = text ? (x.bridged.length ? 'no client-to-client baseline in this run (an older bench/xmpp-load.sh)' : 'bench/xmpp-load.sh did not finish: see its output below') : 'run with --xmpp';
    return { rows: [{ what: cpuWhat, measured: why, goal: cpuGoal, met: null }, { what: p99What, measured: why, goal: p99Goal, met: null }] };
  }
  const rows = [];
  const bridged = x.bridged.filter((r) => r.cpuMsPerCall?.gateway !== null && r.cpuMsPerCall?.prosody !== null);
  const bridgedFailed = x.bridged.some((r) => r.failed > 0);
  const failedNote = (kinds) => kinds.filter((k) => x[k].some((r) => r.failed > 0)).map((k) => `; ${k}: ${x.failedText(k)}`).join('');
  const disturbedNote = (kinds) => (kinds.some((k) => x[k].some((r) => r.disturbed)) ? '; disturbed by other programs' : '');
  if (bridged.length) {
    const ratios = bridged.map((r) => r.cpuMsPerCall.gateway / r.cpuMsPerCall.prosody);
    const r = middle(ratios);
    rows.push({
      what: cpuWhat,
      measured: `${fmt(middle(bridged.map((b) => b.cpuMsPerCall.gateway)), 1)} vs ${fmt(middle(bridged.map((b) => b.cpuMsPerCall.prosody)), 1)} ms: ${fmt(r, 2)}× `
        + `(rounds: ${bridged.map((b, i) => `${fmt(b.cpuMsPerCall.gateway, 1)} vs ${fmt(b.cpuMsPerCall.prosody, 1)}, ${fmt(ratios[i], 2)}×`).join('; ')})`
        + `${failedNote(['bridged'])}${disturbedNote(['bridged'])}`,
      goal: cpuGoal, met: r <= 1 && !bridgedFailed,
    });
  } else {
    rows.push({ what: cpuWhat, measured: 'no bridged run measured', goal: cpuGoal, met: null });
  }
  // Round by round: each bridged run beside the baseline run just before it.
  const pairs = x.bridged.map((b) => [b, x.baseline.find((a) => a.round === b.round)]).filter(([b, a]) => a && b.setupMs?.p99 && a.setupMs?.p99);
  if (pairs.length) {
    const ratios = pairs.map(([b, a]) => b.setupMs.p99 / a.setupMs.p99);
    const r = middle(ratios);
    rows.push({
      what: p99What,
      measured: `${fmt(middle(pairs.map(([b]) => b.setupMs.p99)))} vs ${fmt(middle(pairs.map(([, a]) => a.setupMs.p99)))} ms: ${fmt(r, 2)}× `
        + `(rounds: ${pairs.map(([b, a], i) => `${fmt(b.setupMs.p99)} vs ${fmt(a.setupMs.p99)}, ${fmt(ratios[i], 2)}×`).join('; ')})`
        + `${failedNote(['bridged', 'baseline'])}${disturbedNote(['bridged', 'baseline'])}`,
      goal: p99Goal, met: r <= 2 && !bridgedFailed && !x.baseline.some((a) => a.failed > 0),
    });
  } else {
    rows.push({ what: p99What, measured: 'no bridged and baseline run of the same round measured', goal: p99Goal, met: null });
  }
  return { rows };
}
