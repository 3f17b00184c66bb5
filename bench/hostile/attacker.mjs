// One attacking process of the hostile-client soak (bench/hostile/soak.mjs starts it; run that).
// For each kind of bench/hostile/attacks.mjs it keeps up to `concurrent` connections open, opening a new
// one every `everyMs` while fewer are, until it has opened `total` of them or the attack's time is up;
// connections go round robin over `addresses` (loopback source addresses, bound locally). At the end it
// closes whatever is still open and prints one JSON line: per kind, how many connections ended how, and
// how long the gateway let them stay.
//
//   node bench/hostile/attacker.mjs '{"port":8080,"addresses":["127.0.0.2"],"durationMs":60000,
//     "slowByteMs":1000,"tag":"a","kinds":{"connect-idle":{"total":500,"concurrent":200,"everyMs":5}}}'
//
// Bounded: `total` connections a kind at most, the whole run at most durationMs (+15 s to wind down,
// after which the process exits whatever is left). Only loopback addresses are accepted.
import { KINDS, run } from './attacks.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const { port, addresses, durationMs, slowByteMs = 1000, tag = 'a', kinds = {} } = config;
const loopback = (a) => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
if (!Number.isInteger(port) || !Array.isArray(addresses) || !addresses.length || !addresses.every(loopback)
  || !(durationMs > 0 && durationMs <= 600000) || Object.keys(kinds).some((k) => !KINDS[k])) {
  console.error(`attacker.mjs: bad configuration (loopback addresses only, durationMs at most 600000, kinds of attacks.mjs): ${process.argv[2]}`);
  process.exit(2);
}
const MAX_TOTAL = 20000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const deadline = Date.now() + durationMs;
setTimeout(() => { console.error('attacker.mjs: still running 15 s after its time: exiting'); process.exit(3); }, durationMs + 15000).unref();

/** What the kinds that feed the clients that never read share: those clients' names, and messages sent. */
const pool = { targets: [], fed: 0 };

async function drive(kind, { total, concurrent, everyMs }) {
  total = Math.min(total, MAX_TOTAL);
  const outcomes = {};
  const held = [];
  const running = new Set();
  let opened = 0;
  while (opened < total && Date.now() < deadline - 1000) {
    if (running.size >= concurrent) {
      await Promise.race(running);
      continue;
    }
    const index = opened++;
    const connection = run(kind, {
      port, index, slowByteMs, pool, deadline,
      localAddress: addresses[index % addresses.length],
      name: `h${tag}-${kind}-${index}`,
    }).then(({ outcome, heldMs }) => {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      held.push(heldMs);
      running.delete(connection);
    });
    running.add(connection);
    await sleep(everyMs);
  }
  await Promise.all(running);
  held.sort((a, b) => a - b);
  return { opened, outcomes, heldMs: { p50: held[Math.floor((held.length - 1) / 2)] ?? 0, max: held.at(-1) ?? 0 } };
}

const results = Object.fromEntries(await Promise.all(Object.entries(kinds).map(async ([kind, spec]) => [kind, await drive(kind, spec)])));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ tag, addresses: addresses.length, kinds: results, fed: pool.fed, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
process.exit(0);
