// Starts a real, throw-away redis-server (Debian's `redis-server` package) on a free loopback port, as the shared
// state of gateways in cluster mode: a child of this process (never daemonized), no persistence (`--save ""`,
// no append-only file), so nothing outlives the test; its folder and log in a fresh temp dir. Only inside the
// loopback-only namespace. The Java tests' counterpart is gateway-testing's RedisExtension.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertInsideNamespace } from './browser.mjs';
import { freePort } from './gateway-process.mjs';
import { stopProcess } from './processes.mjs';

export const REDIS_SERVER = '/usr/bin/redis-server';
const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 5000;

/** Starts Redis and returns once it answers PING: {port, uri, logs(), stop()}. */
export async function startRedis() {
  assertInsideNamespace();
  if (!fs.existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} not found: run scripts/install-test-deps.sh (outside the namespace)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-redis-'));
  const port = await freePort();
  const logFile = path.join(dir, 'redis.log');
  const log = fs.openSync(logFile, 'a');
  // --dir: no file should be written, but a stray BGSAVE or a crash report lands here, not in the repository.
  const child = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no',
    '--daemonize', 'no', '--protected-mode', 'yes', '--dir', dir, '--logfile', ''], { stdio: ['ignore', log, log] });
  const logs = () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${logs()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    uri: `redis://127.0.0.1:${port}`,
    logs,
    async stop() {
      await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS });
      fs.closeSync(log);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether Redis on 127.0.0.1:port answers an inline PING (RESP allows one) with +PONG within 300 ms. */
function answersPing(port) {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok) => { clearTimeout(timer); socket.destroy(); resolve(ok); };
    const timer = setTimeout(() => done(false), 300);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}
