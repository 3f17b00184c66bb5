// Writes docs/benchmarks.md from one bench/run.sh run: the machine, the commands, the harness's own
// tables, start-up time, and each target of issue 5 marked met or not with the measured ratio (the
// rules: lib/judge.mjs).
// Usage: node bench/targets.mjs RESULTS_DIR HARNESS_DIR GATEWAY_CMD [HARNESS_ARGS] > docs/benchmarks.md
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';

import { HOSTILE_FIGURES, HOSTILE_PROTECTIONS, fmt, judge, judgeHostile, judgeStorm, judgeXmpp, median, xmppFigures } from './lib/judge.mjs';
import { GROUPS, groupOf } from './hostile/attacks.mjs';
import { clusterSection } from './lib/cluster.mjs';
import { coldSection } from './lib/cold.mjs';

const [dir, harness, gatewayCmd, harnessArgs = ''] = process.argv.slice(2);
const runs = fs.readFileSync(path.join(dir, 'results.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const startup = JSON.parse(fs.readFileSync(path.join(dir, 'startup.json'), 'utf8')).startup_ms;
const readIfThere = (name) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : null);
const table = readIfThere('table.md') ?? '';
const warmup = /--warmup (\d+)/.exec(harnessArgs)?.[1];

const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'n/a'; } };
const idleMaxText = readIfThere('idle-max.json');
const sipText = readIfThere('sip.txt');
const xmppText = readIfThere('xmpp.txt');
const hostileText = readIfThere('hostile.json');
const hostile = hostileText && JSON.parse(hostileText);
const clusterText = readIfThere('cluster.json');
const cluster = clusterText && JSON.parse(clusterText);
const stormText = readIfThere('storm.json');
const storm = stormText && JSON.parse(stormText);
const boundsText = readIfThere('bounds.json');
const bounds = boundsText && JSON.parse(boundsText);
const coldText = readIfThere('cold.json');
const cold = coldText && JSON.parse(coldText);
// bench/run.sh --hostile-only or --cluster-only: the other figures were copied from an earlier full run (reused-from.txt
// names it), and the other partial section, if any, from the run that made it (hostile-from.txt, cluster-from.txt).
const reusedFrom = readIfThere('reused-from.txt')?.trim();
const hostileFrom = readIfThere('hostile-from.txt')?.trim();
const clusterFrom = readIfThere('cluster-from.txt')?.trim();
const stormFrom = readIfThere('storm-from.txt')?.trim();
const boundsFrom = readIfThere('bounds-from.txt')?.trim();
const coldFrom = readIfThere('cold-from.txt')?.trim();
// bench/run.sh --sip-only and --xmpp-only measure sip.txt or xmpp.txt themselves (ran.txt says which section a
// partial run measured); a later partial run copies it with sip-from.txt or xmpp-from.txt naming that run.
const sipFrom = readIfThere('sip-from.txt')?.trim();
const xmppFrom = readIfThere('xmpp-from.txt')?.trim();
const ranNote = readIfThere('ran.txt')?.trim();
const utc = (date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const mtime = (name) => fs.statSync(path.join(dir, name)).mtime; // copies keep their time (cp -p)
const fullRunAt = reusedFrom ? utc(mtime('results.jsonl')) : null;
// What this run measured itself: everything, or the one section it was asked for.
const ran = !reusedFrom ? 'full' : ranNote || (cluster && !clusterFrom ? 'cluster' : storm && !stormFrom ? 'storm'
  : bounds && !boundsFrom ? 'bounds' : cold && !coldFrom ? 'cold' : 'hostile');
const SECTION = { hostile: '"Hostile clients"', cluster: '"Cluster (issue 17)"', storm: '"Reconnect storm (issue 19)"',
  bounds: '"What the protections cost (issue 19)"', cold: '"Cold start: the first seconds after a start (issue 19)"',
  xmpp: '"XMPP bridge"', sip: '"SIP bridge"' };
const copied = [
  ...(hostile && hostileFrom ? [`the ${SECTION.hostile} section from the run of ${utc(mtime('hostile.json'))} (\`${hostileFrom}\`)`] : []),
  ...(cluster && clusterFrom ? [`the ${SECTION.cluster} section from the run of ${utc(new Date(cluster.startedAt))} (\`${clusterFrom}\`)`] : []),
  ...(storm && stormFrom ? [`the ${SECTION.storm} section from the run of ${utc(new Date(storm.startedAt))} (\`${stormFrom}\`)`] : []),
  ...(bounds && boundsFrom ? [`the ${SECTION.bounds} section from the run of ${utc(new Date(bounds.startedAt))} (\`${boundsFrom}\`)`] : []),
  ...(cold && coldFrom ? [`the ${SECTION.cold} section from the run of ${utc(new Date(cold.startedAt))} (\`${coldFrom}\`)`] : []),
  ...(xmppText && xmppFrom ? [`the ${SECTION.xmpp} section from the run of ${utc(mtime('xmpp.txt'))} (\`${xmppFrom}\`)`] : []),
  ...(sipText && sipFrom ? [`the ${SECTION.sip} section from the run of ${utc(mtime('sip.txt'))} (\`${sipFrom}\`)`] : []),
];
// Whether the full run the other figures come from had --xmpp: its xmpp.txt is this one unless a partial run measured it.
const fullRunHad = (t, text, from) => (ran === t || from ? Boolean(readIfThere(`full-run-${t}.txt`)) : Boolean(text));
const fullRunHadXmpp = fullRunHad('xmpp', xmppText, xmppFrom);
const fullRunHadSip = fullRunHad('sip', sipText, sipFrom);
/** The command of a partial run: the folder it was told to --reuse, from its notes (reuse.txt, else reused-from.txt). */
const partialCommand = (what, folder) => {
  const note = (name) => (fs.existsSync(path.join(folder, name)) ? fs.readFileSync(path.join(folder, name), 'utf8').trim() : null);
  const reused = note('reuse.txt') ?? note('reused-from.txt');
  return `bench/run.sh --${what}-only${reused ? ` --reuse ${reused}` : ''}`;
};
const thisCommand = reusedFrom ? partialCommand(ran, dir) : `bench/run.sh${sipText ? ' --sip' : ''}${xmppText ? ' --xmpp' : ''}${cluster ? ' --cluster' : ''}`;
const xmppCommand = xmppFrom ? partialCommand('xmpp', xmppFrom) : thisCommand;
const clusterCommand = clusterFrom ? partialCommand('cluster', clusterFrom) : thisCommand;
const { rows: judged, gateway: g, wsRelay: ws, raw } = judge({ runs, startup, idleMax: idleMaxText && JSON.parse(idleMaxText), sipText, xmppText });
const rows = judged.map(({ what, measured, goal, met }) =>
  `| ${what} | ${measured} | ${goal} | ${met === undefined ? 'no target' : met === null ? 'not measured' : met ? '**met**' : '**not met**'} |`);

const disturbed = runs.filter((r) => r.disturbed);
const warning = disturbed.length
  ? `> **${disturbed.length} of ${runs.length} runs were disturbed** (other processes used more than 0.15 of a core during the measured window, after the harness's retries): ${[...new Set(disturbed.map((r) => `${r.label} ${r.scenario}${r.params.payload === 'sdp' ? ' sdp' : ''}`))].join(', ')}. Their figures are not to be trusted; run \`bench/run.sh\` again on a quiet machine.\n`
  : '';
const java = sh('java -version 2>&1 | head -1');
const cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2");
const spread = (r) => (r ? `${fmt(Math.min(...r.all))}–${fmt(Math.max(...r.all))} over ${r.all.length} runs` : 'n/a');

console.log(`# Benchmarks

${reusedFrom
    ? `Generated by \`bench/run.sh --${ran}-only\` on ${utc(new Date())}: the ${SECTION[ran]} section comes from that run, ${copied.length ? `${copied.join(', ')}, ` : ''}every other figure from the full run of ${fullRunAt} (\`${reusedFrom}\`), copied as ${copied.length ? 'they were' : 'it was'}. Do not edit by hand: run it again.`
    : `Generated by \`bench/run.sh\` on ${utc(new Date())}. Do not edit by hand: run it again.`}

## Targets (issue 5)

${warning}
Each server pinned to CPU 0, the load generator to CPU 1, in the same run of the same harness${warmup ? `, each measured window after ${warmup} s of warm-up (steady state; see bench/run.sh)` : ''}.

| target | measured | goal | |
|---|---|---|---|
${rows.join('\n')}

Relay spread (msgs/s): gateway ${spread(g.relay)}, ws-relay ${spread(ws.relay)}, raw ${spread(raw.relay)}.
Differences under ~10 % are noise on this machine (see docs/performance.md, "Noise on this machine").

## Machine and versions

- ${os.type()} ${os.release()}, ${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30)} GiB
- ${java}; Node ${process.version}
- Gateway JVM options: \`distribution/src/conf/jvm.options\` (${sh("grep -v '^#' distribution/src/conf/jvm.options | tr '\\n' ' '")})

## Commands

\`\`\`
${[
  ...(reusedFrom ? [`bench/run.sh${fullRunHadSip ? ' --sip' : ''}${fullRunHadXmpp ? ' --xmpp' : ''}          # ${fullRunAt}`] : []),
  ...(sipText && sipFrom ? [`${partialCommand('sip', sipFrom)}          # ${utc(mtime('sip.txt'))}`] : []),
  ...(xmppText && xmppFrom ? [`${partialCommand('xmpp', xmppFrom)}          # ${utc(mtime('xmpp.txt'))}`] : []),
  ...(hostile && hostileFrom ? [`${partialCommand('hostile', hostileFrom)}          # ${utc(mtime('hostile.json'))}`] : []),
  ...(cluster && clusterFrom ? [`${partialCommand('cluster', clusterFrom)}          # ${utc(new Date(cluster.startedAt))}`] : []),
  ...(storm && stormFrom ? [`${partialCommand('storm', stormFrom)}          # ${utc(new Date(storm.startedAt))}`] : []),
  ...(bounds && boundsFrom ? [`${partialCommand('bounds', boundsFrom)}          # ${utc(new Date(bounds.startedAt))}`] : []),
  ...(cold && coldFrom ? [`${partialCommand('cold', coldFrom)}          # ${utc(new Date(cold.startedAt))}`] : []),
  thisCommand,
].join('\n')}
\`\`\`

which ran \`${path.relative(process.cwd(), harness) || harness}/run-baselines.sh --targets raw,ws-relay --gateway-name gateway --gateway-cmd '${gatewayCmd.replace(process.cwd() + '/', '')}' ${harnessArgs}\`
and \`bench/startup.sh\`, \`bench/idle-max.sh\`${xmppText ? ', `bench/xmpp-load.sh`' : ''}${hostile ? ', `bench/hostile.sh`' : ''}${cluster ? ', `bench/cluster.sh`' : ''}${storm ? ', `bench/storm.sh`' : ''}${bounds ? ', `bench/bounds.sh`' : ''}${cold ? ', `bench/cold.sh`' : ''}. Raw results: \`${path.relative(process.cwd(), dir)}/results.jsonl\` (not committed).

## The harness's tables

${table}
${sipText ? `## SIP bridge (bench/sip-load.sh)

sipp calls through Kamailio into the gateway (account 1001, whose relay user re-offers each call to
sip:1003) and out again to a sipp answering as 1003, against sipp calling sipp through the same
Kamailio; each call INVITE (digest) → 180 → 200 → ACK → BYE. Both runs in a loopback-only namespace,
unpinned: Kamailio, both sipps, the relay bot and the gateway share the machine's cores, and the
bridged path costs Kamailio twice the work (two INVITE transactions with digest per call). The CPU
lines below show where the time went; see docs/performance.md ("SIP bridge") for what that means for
the 0.5× goal on two cores. CPU is counted per process the script started (the gateway, Kamailio, the
sipps, the relay bot) over each measured run, after 40,000 warm-up calls; the \`result\` lines are what
the judge reads for issue 19's target (the gateway's CPU per bridged call at most Kamailio's for the
same calls), and "gateway threads" splits the gateway's CPU by thread (docs/performance.md, section 9).

\`\`\`
${sipText.trim()}
\`\`\`
` : ''}${xmppText ? xmppSection(xmppText) : ''}${hostile ? hostileSection(hostile) : ''}${cluster ? clusterSection(cluster, {
  command: clusterCommand,
  at: new Date(cluster.startedAt) }) : ''}${cold ? coldSection({ ...cold, warmWarmup: warmup }, runs, { utc }) : ''}${storm ? stormSection(storm) : ''}${bounds ? boundsSection(bounds) : ''}`);

/** The protections' cost: the gateway's relay with the rate limit and the per-address cap off and on, each run. */
function boundsSection(r) {
  const of = (variant) => r.runs.filter((x) => x.label === `protections-${variant}` && x.relay).map((x) => x.relay);
  const row = (variant, s) => `| ${variant} | ${fmt(s.msgs_per_s)} | ${fmt(s.rtt_us.p50 / 1000, 2)} / ${fmt(s.rtt_us.p99 / 1000, 2)} ms | ` +
    `${fmt(s.server_cpu_us_per_op, 2)} µs | ${fmt(100 * s.server_util)} % | ${fmt(100 * s.loadgen_util)} % |`;
  const off = of('off');
  const on = of('on');
  const med = (xs, k) => median(xs.map((s) => s[k]));
  const range = (xs, k, d = 0) => `${fmt(Math.min(...xs.map((x) => x[k])), d)}–${fmt(Math.max(...xs.map((x) => x[k])), d)}`;
  const summary = off.length && on.length
    ? `Medians, on vs off: ${fmt(med(on, 'msgs_per_s'))} vs ${fmt(med(off, 'msgs_per_s'))} msgs/s (${fmt(100 * (med(on, 'msgs_per_s') / med(off, 'msgs_per_s') - 1), 1)} %), `
      + `${fmt(med(on, 'server_cpu_us_per_op'), 2)} vs ${fmt(med(off, 'server_cpu_us_per_op'), 2)} µs of server CPU per message; the runs of one variant `
      + `spread over ${range(on, 'msgs_per_s')} (on) and ${range(off, 'msgs_per_s')} (off) msgs/s, so a difference inside that spread is `
      + 'noise (docs/performance.md, "Noise on this machine"). A figure: issue 19 sets no target for it.'
    : 'Not measured.';
  return `
## What the protections cost (issue 19)

\`bench/bounds.sh\`, run ${utc(new Date(r.startedAt))}: the gateway's closed-loop relay (64 pairs, 8 messages in flight each,
30 s of warm-up, 10 s measured, the gateway pinned to CPU 0 and the load generator to CPU 1) with the per-connection
message rate limit and the per-address connection cap off, as every other figure here is measured
(\`bench/gateway-bench.args\`), and on at bounds this load never reaches (\`websocket.messages-per-second 100000\`,
\`websocket.max-connections-per-address 10000\`). Pings, idle timeouts and the frame and write-buffer bounds are on in
both. ${summary}

| protections | msgs/s | round trip p50 / p99 | server CPU per message | server | load generator |
|---|---|---|---|---|---|
${[...off.map((s) => row('off', s)), ...on.map((s) => row('on', s))].join('\n')}
`;
}

/** The "Reconnect storm" section: each run's figures, gateway beside the ws relay, and the targets of issue 19. */
function stormSection(r) {
  const rows = judgeStorm(r).rows.map(({ what, measured, goal, met }) =>
    `| ${what} | ${measured} | ${goal} | ${met === null ? 'not measured' : met ? '**met**' : '**not met**'} |`);
  const runRows = r.runs.filter((x) => x.storm).map(({ label, storm: s }) => `| ${label} | ${fmt(s.logged_in)} of ${fmt(s.clients)} | ` +
    `${fmt(s.seconds_to_last_login, 2)} s | ${fmt(s.logins_per_s)} | ${fmt(s.login_us.p50 / 1000)} / ${fmt(s.login_us.p99 / 1000)} ms | ` +
    `${s.resumed === undefined ? '—' : `${fmt(s.resumed)} in ${fmt(s.seconds_to_last_resume, 2)} s, p99 ${fmt(s.resume_us.p99 / 1000)} ms`} | ` +
    `${s.server_cpu_s === null ? 'n/a' : `${fmt(s.server_cpu_s, 2)} s`} |`);
  return `
## Reconnect storm (issue 19)

\`bench/storm.sh\`, run ${utc(new Date(r.startedAt))}: what a restart sends a server. A fresh server pinned to CPU 0 (the
gateway's bundle with \`bench/gateway-bench.args\`, and the \`ws\` tutorial relay); the moment it listens,
${fmt(r.clients)} clients of \`bench/loadgen\` (scenario \`storm\`, pinned to CPU 1) connect and log in, 500 at a time.
Then every gateway client's network drops at once, without a close frame, and each resumes its session with its token
(the \`ws\` relay has no resume). Server CPU: the whole storm, logins and resumes.

| target | in | until the last | logins/s | login p50 / p99 | resumed | server CPU |
|---|---|---|---|---|---|---|
${runRows.join('\n')}

| target | measured | goal | |
|---|---|---|---|
${rows.join('\n')}

Why the gateway is slower in its first seconds, and what was tried: docs/performance.md, "Cold start".
`;
}

/** The "Hostile clients" section: what the attack was, the verdict, who held what off, latencies, memory. */
function hostileSection(r) {
  const MiB = 2 ** 20;
  const verdict = judgeHostile(r);
  const attackPhases = r.phases.map((p) => p.name);
  const opened = (p) => Object.values(p.kinds).reduce((n, k) => n + k.opened, 0);
  const total = r.phases.reduce((n, p) => n + opened(p), 0);
  const phaseText = r.phases.map((p) => `${p.name} (${p.addresses} address${p.addresses > 1 ? 'es' : ''}): ${fmt(opened(p))} connections in ${fmt(p.durationMs / 1000)} s`).join('; ');
  const mark = (met) => (met ? '**met**' : '**not met**');
  const checks = verdict.checks.map((c) => `| ${c.what} | ${c.measured} | ${c.bound} | ${mark(c.met)} |`).join('\n');
  const ms = (x) => (x === null || x === undefined ? 'n/a' : fmt(x, x < 10 ? 1 : 0));
  const lat = (l) => (l?.n ? `${ms(l.p50)} / ${ms(l.p99)}` : 'n/a');
  const shown = ['quiet', ...attackPhases, 'drain', 'after'];
  const latency = shown.filter((ph) => r.legit.latency[ph]).map((ph) => {
    const l = r.legit.latency[ph];
    const c = r.cpu?.[ph];
    const n = r.legit.counts[ph] ?? {};
    return `| ${ph} | ${lat(l.message)} (${fmt(n.messages ?? 0)}) | ${lat(l.setup)} (${fmt(n.calls ?? 0)}) | ${lat(l.login)} (${fmt(n.logins ?? 0)}) | `
      + (c ? `${fmt(c.gateway, 2)} / ${fmt(c.legitimate, 2)} / ${fmt(c.attackers, 2)} / ${fmt(c.others, 2)}` : 'n/a') + ' |';
  }).join('\n');
  const disturbed = shown.filter((ph) => (r.cpu?.[ph]?.others ?? 0) > 0.15);
  const memory = shown.filter((ph) => r.memory.peaks[ph]).map((ph) => {
    const m = r.memory.peaks[ph];
    const mb = (x) => (x === undefined ? 'n/a' : fmt(x / MiB, x < 10 * MiB ? 1 : 0));
    const overloaded = m.overloaded === undefined ? 'n/a' : m.overloaded > 0 ? 'yes' : 'no';
    return `| ${ph} | ${mb(m.rss)} | ${mb(m.heap)} | ${mb(m.direct)} | ${mb(m.writeBuffers)} | ${mb(m.queues)} | ${overloaded} | ${fmt(m.connections)} | ${fmt(m.sessions)} | ${fmt(r.log.lines[ph] ?? 0)} |`;
  }).join('\n');
  const kinds = Object.values(GROUPS).flat().filter((kind) => r.phases.some((p) => p.kinds[kind]));
  const outcomes = (p, kind) => {
    const k = p.kinds[kind];
    if (!k) return 'n/a';
    const o = Object.entries(k.outcomes).sort((a, b) => b[1] - a[1]).map(([what, n]) => `${fmt(n)} ${what}`).join(', ');
    return `${fmt(k.opened)}: ${o}; held ${fmt(k.heldMsP50 / 1000, 1)} s median, ${fmt(k.heldMsMax / 1000, 1)} s longest`;
  };
  const perKind = kinds.map((kind) => `| ${kind} (${groupOf[kind]}) | ${r.phases.map((p) => outcomes(p, kind)).join(' | ')} |`).join('\n');
  const counted = [...HOSTILE_PROTECTIONS, ...HOSTILE_FIGURES].map(([what, read]) => `| ${what} | ${fmt(read(r.protections) ?? 0)} |`).join('\n');
  const settings = r.gatewayArgs.length ? `\`${r.gatewayArgs.join(' ')}\`` : 'none: the shipped defaults (`conf/gateway.yaml`, `conf/jvm.options`)';
  return `
## Hostile clients (bench/hostile.sh)

**${verdict.ok ? 'Held' : `Not met: ${verdict.checks.filter((c) => !c.met).map((c) => c.what).join('; ')}`}.** ${fmt(total)} hostile connections in ${fmt(r.phases.reduce((n, p) => n + p.durationMs, 0) / 1000)} s (${phaseText}),
while ${r.legit.pairs} pairs of legitimate users called each other (offer, answer, three candidates each way and the end of them, bye,
one call after another) and messaged each other ten times a second with numbered messages, and ${r.legit.loginLoops} more logged
in and out over and over, all from 127.0.0.1. The attackers: malformed (random bytes before and after the upgrade, 500 bad JSON
frames at once, frames against RFC 6455, HTTP a strict parser refuses), oversized (a 1 MiB frame announced and streamed, 1 MiB in
16 KB fragments, headers of 9 to 70 KB, a 5 KB request line), half-open (connect and send nothing; upgrade, log in or not, then
nothing, not even a pong) and slow (the upgrade a byte every ${fmt(r.slowByteMs ?? 1000)} ms; clients that log in, ping every
second and never read, while others of theirs send them 32 KB messages at 40 a second each), each kind keeping a number of
connections open and replacing those the gateway ends. Gateway settings changed: ${settings}; ${r.pinned ? 'the gateway pinned to CPU 0, the legitimate users and the attackers (niced) to CPU 1' : 'unpinned'}.
Warm-up first (legitimate users only, not measured), then ${fmt(r.legit.latency.quiet?.message?.n ?? 0)} messages without an attack
("quiet"), the attack, the drain (until only the legitimate users' sessions and connections are left), and "after".

| check | measured | bound | |
|---|---|---|---|
${checks}

What the gateway counted during the attack and the drain (its \`/metrics\`, after minus before):

| protection | connections or frames |
|---|---|
${counted}

Each kind of hostile connection, as the attackers saw it (connections opened: how they ended; "no-answer-at-once" is a close
within a second with no response, which is what the per-address limit does; "held" is open until the attacker's own time
limit, the end of the phase):

| kind (group) | ${r.phases.map((p) => p.name).join(' | ')} |
|---|${r.phases.map(() => '---').join('|')}|
${perKind}

Legitimate users' latencies, p50 / p99 in ms (how many), and where the CPU went (cores: gateway / legitimate users / attackers /
everything else on the machine):

| phase | message sent → delivered | offer sent → answer received | connect → login's ok | CPU |
|---|---|---|---|---|
${latency}
${disturbed.length ? `\n> Everything else on the machine (other programs, and kernel work charged to no process) used more than 0.15 of a core during ${disturbed.join(', ')}: those phases' latencies show the machine as much as the gateway.\n` : ''}
Memory, the highest of the samples taken every second (MiB), and the gateway's log lines per phase. The heap is fixed at 256 MiB
and touched at start, so resident memory starts near its top, and it does not come down after the attack: the JVM keeps
what it touched, and Netty keeps the chunks of its buffer pools for the next burst (direct memory ${fmt((r.memory.peaks.after?.direct ?? 0) / MiB)} MiB after, ${fmt((r.memory.peaks.quiet?.direct ?? 0) / MiB)} MiB
before). What comes back is what the gateway holds: the live heap after a full collection was ${fmt(r.memory.liveHeapBefore / MiB, 1)} MiB before the
attack and ${fmt(r.memory.liveHeapAfter / MiB, 1)} MiB after the drain, and all write buffers and session queues held at most
${fmt(r.memory.peaks.after?.writeBuffers ?? 0)} and ${fmt(r.memory.peaks.after?.queues ?? 0)} bytes after it. "Heap in use" counts garbage not yet collected; "overloaded" is
\`gateway_overloaded\`: a collection left the heap over \`bridge.heap-limit-percent\` (85 %), and new calls to SIP and XMPP were refused
meanwhile (calls between browsers, as here, go on).

| phase | resident | heap in use | Netty direct | all write buffers | all session queues | overloaded | connections | sessions | log lines |
|---|---|---|---|---|---|---|---|---|---|
${memory}
`;
}

/** The "XMPP bridge" section: the two paths, issue 19's targets marked, the driver's output. */
function xmppSection(text) {
  const x = xmppFigures(text);
  const p = x.summary;
  const rows = judgeXmpp(text).rows.map(({ what, measured, goal, met }) =>
    `| ${what} | ${measured} | ${goal} | ${met === null ? 'not measured' : met ? '**met**' : '**not met**'} |`);
  const setting = p ? `${fmt(p.calls)} calls a run, at most ${p.concurrent} at a time, after ${fmt(p.warmup)} calls of each path; ${p.rounds} rounds, `
    + 'each the client-to-client run then the bridged one' : 'CALLS calls, at most CONCURRENT at a time, after WARMUP calls';
  return `
## XMPP bridge (bench/xmpp-load.sh)

\`${xmppCommand}\`, run ${utc(mtime('xmpp.txt'))}: Jingle calls through a real Prosody (0.12, the project's own cfg, STARTTLS
required on every client connection), bridged by the gateway and, beside them, made client to client without it, the
nearest peer: what the same XMPP server does for two Jingle clients that are not the gateway.

- **Bridged**: two WebSocket clients on the gateway, alice and bob, logged in to Prosody as alice@localhost and
  bob@localhost by the shipped example configuration (distribution/src/conf/xmpp-prosody-example.yaml); alice calls
  xmpp:bob@localhost. Each call: alice's offer (Chromium's audio+video SDP) → XEP-0353 propose, ringing, proceed →
  session-initiate → bob's offer → answer → session-accept (+ XEP-0353 accept) → alice's answer → bye →
  session-terminate (+ XEP-0353 finish) → bob's bye, every XMPP step through Prosody.
- **Client to client** (the baseline): carol@localhost calls dave@localhost, two StanzaJS 12 clients in the driver
  (one Node thread for both), logged in as the gateway's accounts are (XMPP over TCP, STARTTLS, SCRAM, stream
  management, carbons, presence), exchanging the same stanzas through the same Prosody: the same XEP-0353 messages
  and Jingle IQs in the same order, the same SDP as Jingle (StanzaJS's own conversion, about a fifth shorter than the
  gateway's; Prosody's bytes read and written per call, in the output below, show how close the two loads are).

${setting}. Setups/s: answers / seconds from the first offer sent to the last answer received; set-up latency: the
caller's offer sent → its answer received (alice's offer → her answer; carol's propose → her session-accept). CPU per
call: a program's CPU time during the run / the calls placed; the driver is the two Jingle clients in the baseline and
the two WebSocket clients in the bridged run. Loopback-only namespace, unpinned: Prosody, the gateway and the driver
share the machine's cores; the output shows whether other programs took some of them.

| target (issue 19) | measured | goal | |
|---|---|---|---|
${rows.join('\n')}

Why these goals. *CPU*: in a bridged call the gateway does the work of both Jingle clients of the baseline (two XMPP
client connections with TLS, every stanza parsed and serialized at both ends, SDP translated to Jingle and back) and
the WebSocket side of both users, while Prosody routes each of those stanzas once; a gateway that spends no more than
the XMPP server routing for it keeps the bridge from being the expensive half of a deployment. *Latency*: the bridged
set-up crosses two more hops than the client-to-client one (alice → gateway and gateway → bob for the offer, and back
for the answer) and the gateway's SDP ↔ Jingle translation at each end; the baseline is the floor this Prosody sets for
the same stanzas, and twice that floor is the bound. The floor is what two StanzaJS clients sharing one Node thread
make of it, not an ideal client: where the baseline's p99 is above the bridged one's, the gateway's two Java clients
were the quicker pair.

\`\`\`
${text.trim()}
\`\`\`
`;
}
