// The server side of the cluster benchmark: a redis-server and gateway nodes from the bundle, each a child
// process pinned to CPU 0 (when there are two cores and taskset), bound to 127.0.0.1 only, and stopped by
// this process's own handles (never by name). What the benchmark reads from Redis: its command counts.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '../../e2e/lib/gateway-process.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** taskset when there are two cores or more: the servers on CPU 0, the load generator on CPU 1. */
export const pinning = os.cpus().length >= 2 && fs.existsSync('/usr/bin/taskset');

/** The flags bench/run.sh gives the gateway under the load generator (rate limits off, one network thread). */
export function benchArgs() {
  return fs.readFileSync(path.join(repo, 'bench/gateway-bench.args'), 'utf8').split('\n')
    .filter((line) => line.trim() && !line.startsWith('#')).flatMap((line) => line.trim().split(/\s+/));
}

/**
 * What this process started and must not leave running should it be stopped (a time limit's SIGTERM, ^C).
 * Each entry kills one child by its own pid.
 */
const leftovers = new Set();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    for (const kill of leftovers) kill();
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}

/**
 * Starts `command` (pinned to CPU 0 if pinning) in a process group of its own, its output into `logFile`, and
 * resolves once a line matches `ready` (at most `timeoutMs`). taskset and bin/gateway exec what they start,
 * so the child's pid is the server's own (the JVM, redis-server): the pid whose CPU time is counted.
 */
async function startServer(name, command, { ready, logFile, timeoutMs = 90000 }) {
  const out = fs.createWriteStream(logFile);
  const child = spawn(pinning ? 'taskset' : command[0], pinning ? ['-c', '0', ...command] : command.slice(1),
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JAVA_OPTS: '' } });
  const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  leftovers.add(kill);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { leftovers.delete(kill); resolve({ code, signal }); }));
  const log = { warnings: 0, errors: 0, samples: [], tail: [] };
  let isReady;
  const up = new Promise((resolve) => { isReady = resolve; });
  let buffer = '';
  const onData = (chunk) => {
    out.write(chunk);
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (/^\S+ (WARN|ERROR) /.test(line)) {
        if (/ ERROR /.test(line)) log.errors++; else log.warnings++;
        if (log.samples.length < 8) log.samples.push(`${name}: ${line.slice(0, 300)}`);
      }
      log.tail.push(line.slice(0, 300));
      if (log.tail.length > 20) log.tail.shift();
      if (ready.test(line)) isReady();
    }
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  let giveUp;
  const started = await Promise.race([up.then(() => true), exited.then(() => false),
    new Promise((resolve) => { giveUp = setTimeout(() => resolve(false), timeoutMs); })]);
  clearTimeout(giveUp);
  if (!started) {
    kill();
    throw new Error(`${name} did not start:\n${log.tail.join('\n')}`);
  }
  return {
    name,
    pid: child.pid,
    log,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
        const timer = setTimeout(kill, 15000);
        await exited;
        clearTimeout(timer);
      }
      await new Promise((resolve) => out.end(resolve));
    },
  };
}

/** A redis-server on a free loopback port, no persistence (nothing written to disk), its files in `dir`. */
export async function startRedis(dir) {
  const port = await freePort();
  const server = await startServer('redis', ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], { ready: /Ready to accept connections/, logFile: path.join(dir, 'redis.log') });
  return { ...server, port, uri: `redis://127.0.0.1:${port}` };
}

/**
 * A gateway node from the bundle with bench/run.sh's flags; in a cluster (`redis` given) with its own node id
 * and the cluster's key prefix. Resolves once it listens (and, in a cluster, has joined it).
 */
export async function startNode({ id, redis, keyPrefix, logDir }) {
  const bin = process.env.GATEWAY_BIN || path.join(repo, 'distribution/target/gateway/bin/gateway');
  if (!fs.existsSync(bin)) throw new Error(`no gateway at ${bin}: build it (mvn -o -B -q package -pl distribution -am -DskipTests -DskipCds) or set GATEWAY_BIN`);
  const port = await freePort();
  const cluster = redis ? ['--cluster.enabled', 'true', '--cluster.redis-uri', redis.uri, '--cluster.key-prefix', keyPrefix,
    '--cluster.node-id', id] : [];
  const server = await startServer(id, [bin, '--bind', '127.0.0.1', '--port', String(port), ...benchArgs(), ...cluster],
    { ready: /listening on http:\/\/127\.0\.0\.1:/, logFile: path.join(logDir, `${id}.log`) });
  return { ...server, port };
}

/** Redis's count of calls per command since it started (INFO commandstats): {hmget: n, evalsha: n, ...}. */
export function redisCalls(redis) {
  const text = execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(redis.port), 'INFO', 'commandstats'], { encoding: 'utf8', timeout: 10000 });
  const calls = {};
  for (const m of text.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) calls[m[1]] = Number(m[2]);
  return calls;
}
