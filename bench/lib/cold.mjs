// Cold start (issue 19): the harness's scenarios in the first seconds after each server starts (bench/cold.sh), judged
// against the `ws` relay measured the same way, and rendered beside the warm figures of the same bench/run.sh run.
//
//   scenarioFigures(runs, label) -> [{ scenario, rate, unit, p99, p99What }]   one per scenario the label has a run of
//   judgeCold(coldRuns) -> { rows: [{ what, measured, goal, met }] }         like judge(): met true, false or null
//   coldSection(cold, warmRuns, { utc }) -> the markdown of the "Cold start" section
import { fmt, medianRelay } from './judge.mjs';

export const GATEWAY = 'gateway';
export const WS_RELAY = 'ws-relay';

/**
 * The scenarios of the harness a server is compared in, each with its throughput and its p99: the closed-loop relays
 * (median run by msgs/s, as run-baselines.sh reports it), the open loop (its p99 is the figure: the rate is fixed),
 * and the setup scenario's logins and call set-ups.
 */
const SCENARIOS = [
  { name: 'Relay (candidates)', unit: 'msgs/s', p99What: 'round trip', of: (runs) => relayMedian(runs, 'candidate') },
  { name: '3 KB SDP relay', unit: 'msgs/s', p99What: 'round trip', of: (runs) => relayMedian(runs, 'sdp') },
  {
    name: 'Open loop', unit: 'msgs/s', p99What: 'round trip', rateFixed: true,
    of: (runs) => only(runs, 'latency', (r) => r.latency && { rate: r.latency.msgs_per_s, p99: r.latency.rtt_us.p99 }),
  },
  { name: 'Logins', unit: 'logins/s', p99What: 'login', of: (runs) => only(runs, 'setup', (r) => r.connect && { rate: r.connect.logins_per_s, p99: r.connect.login_us.p99 }) },
  { name: 'Call set-ups', unit: 'calls/s', p99What: 'offer → answer', of: (runs) => only(runs, 'setup', (r) => r.calls && { rate: r.calls.calls_per_s, p99: r.calls.offer_answer_us.p99 }) },
];

function relayMedian(runs, payload) {
  const run = medianRelay(runs.filter((r) => r.scenario === 'relay' && r.params.payload === payload));
  return run && { rate: run.msgs_per_s, p99: run.rtt_us.p99, n: run.all.length };
}

function only(runs, scenario, figures) {
  const run = runs.find((r) => r.scenario === scenario);
  return run ? figures(run) || null : null;
}

export function scenarioFigures(runs, label) {
  const mine = runs.filter((r) => r.label === label);
  return SCENARIOS.map((s) => ({ scenario: s.name, unit: s.unit, p99What: s.p99What, rateFixed: Boolean(s.rateFixed), ...(s.of(mine) ?? { missing: true }) }));
}

/**
 * Issue 19: in its first seconds, the gateway's throughput in every scenario at least the `ws` relay's, and no worse a
 * p99. The open loop's rate is set by the load generator, so only its p99 decides there (and that it kept the rate).
 */
export function judgeCold(runs) {
  const gw = scenarioFigures(runs, GATEWAY);
  const ws = scenarioFigures(runs, WS_RELAY);
  return {
    rows: gw.map((g, i) => {
      const w = ws[i];
      const what = `Cold, first seconds after start: ${g.scenario}`;
      if (g.missing || w.missing) return { what, measured: 'not measured', goal: '≥ the ws relay, p99 no worse', met: null };
      const rateRatio = g.rate / w.rate;
      const keptPace = g.rateFixed ? g.rate >= 0.95 * w.rate : rateRatio >= 1;
      const p99Ok = g.p99 <= w.p99;
      const rate = g.rateFixed
        ? `${fmt(g.rate)} vs ${fmt(w.rate)} ${g.unit} (the load generator's pace)`
        : `${fmt(g.rate)} vs ${fmt(w.rate)} ${g.unit} (${fmt(rateRatio, 2)}×)`;
      return {
        what,
        measured: `${rate}; p99 ${g.p99What} ${ms(g.p99)} vs ${ms(w.p99)} (${fmt(g.p99 / w.p99, 2)}×)`,
        goal: g.rateFixed ? 'p99 ≤ the ws relay\'s, at the same pace' : '≥ the ws relay, p99 no worse',
        met: keptPace && p99Ok,
      };
    }),
  };
}

const ms = (us) => (us >= 10000 ? `${fmt(us / 1000)} ms` : `${fmt(us / 1000, 1)} ms`);

/** The "Cold start" section: each scenario cold and warm, gateway beside the ws relay, and the targets of issue 19. */
export function coldSection(cold, warmRuns, { utc }) {
  const [gc, wc, gw, ww] = [scenarioFigures(cold.runs, GATEWAY), scenarioFigures(cold.runs, WS_RELAY),
    scenarioFigures(warmRuns, GATEWAY), scenarioFigures(warmRuns, WS_RELAY)];
  const cell = (f) => (f.missing ? '–' : `${fmt(f.rate)} / ${ms(f.p99)}`);
  const times = (a, b) => (a.missing || b.missing ? '–' : `${fmt(a.rate / b.rate, 2)}× / ${fmt(a.p99 / b.p99, 2)}×`);
  const table = gc.map((g, i) => `| ${g.scenario} (${g.unit} / p99 ${g.p99What}) | ${cell(g)} | ${cell(wc[i])} | ${times(g, wc[i])} | `
    + `${cell(gw[i])} | ${cell(ww[i])} | ${times(gw[i], ww[i])} |`);
  const rows = judgeCold(cold.runs).rows.map(({ what, measured, goal, met }) =>
    `| ${what} | ${measured} | ${goal} | ${met === null ? 'not measured' : met ? '**met**' : '**not met**'} |`);
  const disturbed = cold.runs.filter((r) => r.disturbed).map((r) => `${r.label} ${r.scenario}${r.params.payload === 'sdp' ? ' sdp' : ''}`);
  return `
## Cold start: the first seconds after a start (issue 19)

\`bench/cold.sh\`, run ${utc(new Date(cold.startedAt))}: the harness's scenarios again, each on a server started for it, measured
from ${fmt(cold.delay ?? 0.5, 1)} s after it listens for ${fmt(cold.duration)} s with no warm-up (\`run-baselines.sh --warmup 0 --duration
${cold.duration}\`; the relay ${cold.repeat} times, the median shown), gateway and \`ws\` relay pinned to CPU 0 as above. What a
restart (an upgrade, a crash) gives the clients that come straight back. The setup scenario's call set-ups follow its
${fmt(cold.duration)} s of logins, so they start ${fmt(cold.duration)} s later than the other scenarios. Beside them, the warm figures of
this document's tables (after ${cold.warmWarmup ?? 30} s of warm-up). Each cell: throughput / p99; the ratios are the gateway's over
the \`ws\` relay's (above 1 is better for throughput, below 1 for the p99).
${disturbed.length ? `\n> Disturbed by other programs (more than 0.15 of a core): ${disturbed.join(', ')}. Those figures show the machine as much as the servers.\n` : ''}
| scenario | gateway cold | ws relay cold | gateway ÷ ws, cold | gateway warm | ws relay warm | gateway ÷ ws, warm |
|---|---|---|---|---|---|---|
${table.join('\n')}

| target | measured | goal | |
|---|---|---|---|
${rows.join('\n')}

Where a fresh gateway's first seconds go, and what was tried: docs/performance.md, "Cold start".
`;
}
