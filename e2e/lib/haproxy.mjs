// Starts a real HAProxy (Debian's `haproxy` package) on a free loopback port in front of gateway nodes, running the
// configuration the project ships for operators, distribution/src/conf/haproxy-cluster-example.cfg (the README's),
// with only what is about the machine changed, exactly as gateway-testing's Java ClusterTemplate renders it:
//  - `global`: the lines about the machine (log, chroot, user, group, daemon, pidfile, stats socket) give way to a
//    log on standard output and a stats socket of the test's own;
//  - the frontend's `bind` lines become one `bind 127.0.0.1:PORT`;
//  - the backend's `server` lines become one per node, `server nodeN 127.0.0.1:PORT`, each with the options of the
//    template's first `server` line.
// Every line about balancing (leastconn, no stickiness), health checks (/readyz), retries, timeouts and the PROXY
// protocol runs as written, so the browser test proves the operators' file. Which servers are up, and how many
// connections each holds, come from HAProxy itself (its stats socket), so a test waits on what HAProxy decided.
// `-db`: in the foreground, a child of this process. Only inside the loopback-only namespace.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInsideNamespace } from './browser.mjs';
import { freePort } from './gateway-process.mjs';
import { stopProcess } from './processes.mjs';

export const HAPROXY = '/usr/sbin/haproxy';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHIPPED_CLUSTER_CFG = path.join(repo, 'distribution/src/conf/haproxy-cluster-example.cfg');
const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 5000;
const MACHINE_KEYWORDS = new Set(['log', 'chroot', 'user', 'group', 'daemon', 'pidfile']);

/** The server name HAProxy gives the node at `index` (from 0): node1, node2, ... */
export const serverName = (index) => `node${index + 1}`;

/** The line's words before any comment. */
function words(line) {
  const comment = line.indexOf('#');
  const content = (comment >= 0 ? line.slice(0, comment) : line).trim();
  return content ? content.split(/\s+/) : [];
}

/**
 * `template` (the text of the shipped configuration) for HAProxy on 127.0.0.1:`port` in front of nodes on
 * 127.0.0.1:`nodePorts`, its stats socket at `statsSocket`. The same rules as ClusterTemplate.render.
 */
export function renderClusterConfig(template, { port, nodePorts, statsSocket }) {
  if (nodePorts.length === 0) throw new Error('no gateway node to balance over');
  const out = [];
  let section = '';
  let bound = false;
  let serversWritten = false;
  for (const line of template.replace(/\n$/, '').split('\n')) {
    const w = words(line);
    if (w.length === 0) { out.push(line); continue; }
    if (!/^\s/.test(line)) {
      [section] = w;
      out.push(line);
      if (section === 'global') {
        out.push('    log stdout format raw local0');
        out.push(`    stats socket ${statsSocket} mode 600 level admin`);
      }
      continue;
    }
    const [keyword] = w;
    if (section === 'global') {
      const aboutTheMachine = MACHINE_KEYWORDS.has(keyword) || (keyword === 'stats' && w[1] === 'socket');
      if (!aboutTheMachine) out.push(line);
    } else if (section === 'frontend' && keyword === 'bind') {
      if (!bound) out.push(`    bind 127.0.0.1:${port}`);
      bound = true;
    } else if (section === 'backend' && keyword === 'server') {
      if (!serversWritten) {
        // server NAME ADDRESS OPTIONS...: the options of the first server line go to every node
        const options = w.slice(3).join(' ');
        nodePorts.forEach((nodePort, i) => out.push(`    server ${serverName(i)} 127.0.0.1:${nodePort} ${options}`.trimEnd()));
      }
      serversWritten = true;
    } else {
      out.push(line);
    }
  }
  if (!bound || !serversWritten) {
    throw new Error('the HAProxy template needs a frontend with a \'bind\' line and a backend with \'server\' lines');
  }
  out.push('');
  return out.join('\n');
}

/**
 * Starts HAProxy with the shipped cluster configuration in front of `nodePorts` and returns once it accepts
 * connections: {port, url, dir, configuration, logs(), servers(), awaitAllUp(ms), awaitDown(name, ms),
 * awaitConnections(counts, ms), stop()}.
 * Its health checks may not have found the nodes up yet: awaitAllUp waits for that.
 */
export async function startClusterHaproxy(nodePorts, { template = SHIPPED_CLUSTER_CFG } = {}) {
  assertInsideNamespace();
  if (!fs.existsSync(HAPROXY)) {
    throw new Error(`${HAPROXY} not found: run scripts/install-test-deps.sh (outside the namespace)`);
  }
  // Under os.tmpdir(): a Unix socket's path must fit in 108 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-haproxy-'));
  const port = await freePort();
  const statsSocket = path.join(dir, 'admin.sock');
  const configuration = renderClusterConfig(fs.readFileSync(template, 'utf8'), { port, nodePorts, statsSocket });
  const cfg = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(cfg, configuration);
  const logFile = path.join(dir, 'haproxy.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(HAPROXY, ['-db', '-f', cfg], { stdio: ['ignore', log, log] });
  const logs = () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(fs.existsSync(statsSocket) && await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${logs()}\n--- haproxy.cfg ---\n${configuration}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
    await sleep(50);
  }

  const names = nodePorts.map((_, i) => serverName(i));
  const servers = async () => parseShowStat(await command(statsSocket, 'show stat'));
  async function awaitServers(what, reached, names, timeoutMs) {
    const until = Date.now() + timeoutMs;
    let last = [];
    for (;;) {
      last = (await servers()).filter((s) => names.includes(s.server));
      if (last.length === names.length && last.every(reached)) return last;
      if (Date.now() > until) {
        throw new Error(`HAProxy did not mark ${names.join(', ')} ${what} within ${timeoutMs} ms: ${JSON.stringify(last)}\n--- haproxy log ---\n${logs()}`);
      }
      await sleep(50);
    }
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    configuration,
    logs,
    /** Every node as HAProxy sees it now: {server, status, lastCheck, current, total}. */
    servers,
    /** Waits until every node is UP and found so by a health check (HAProxy starts a checked server UP unchecked). */
    awaitAllUp: (timeoutMs) => awaitServers('UP', (s) => s.status === 'UP' && s.lastCheck.endsWith('OK'), names, timeoutMs),
    /** Waits until node `name` is marked DOWN by its health checks. */
    awaitDown: (name, timeoutMs) => awaitServers('DOWN', (s) => s.status === 'DOWN', [name], timeoutMs),
    /**
     * Waits until the nodes hold `counts[i]` client connections each (HAProxy's own count, the one least
     * connections balances on): e.g. until a browser's idle keep-alive connections from a page load are closed.
     */
    awaitConnections: (counts, timeoutMs) => awaitServers(`holding ${counts} connections`,
      (s) => s.current === counts[names.indexOf(s.server)], names, timeoutMs),
    async stop() {
      await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS });
      fs.closeSync(log);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The servers of `show stat` (CSV, its first line the column names after "# "), backends and frontends left out. */
function parseShowStat(text) {
  const lines = text.split('\n').filter(Boolean);
  if (!lines[0]?.startsWith('# ')) throw new Error(`not the CSV of 'show stat': ${text}`);
  const columns = lines[0].slice(2).split(',');
  const at = (name) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`'show stat' has no column ${name}: ${columns}`);
    return i;
  };
  const [px, sv, status, check, scur, stot] = ['pxname', 'svname', 'status', 'check_status', 'scur', 'stot'].map(at);
  return lines.slice(1).map((line) => line.split(','))
    .filter((f) => f.length >= columns.length && f[sv] !== 'FRONTEND' && f[sv] !== 'BACKEND')
    .map((f) => ({
      backend: f[px],
      server: f[sv],
      status: f[status],
      // "* L7OK": the star says a check is running now
      lastCheck: f[check].replace(/^\* /, ''),
      current: Number(f[scur]),
      total: Number(f[stot]),
    }));
}

/** One command on HAProxy's runtime API (non-interactive: it answers and closes), bounded to 2 s. */
function command(socketPath, cmd) {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(socketPath);
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`HAProxy's stats socket did not answer '${cmd}' within 2 s`)); }, 2000);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${cmd}\n`));
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('end', () => { clearTimeout(timer); resolve(answer); });
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(300, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
