// Starts the gateway bundle as a child process on a free loopback port, waits for its
// "listening on http://..." log line, and can stop it or restart it on the same port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './processes.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = Number(process.env.GATEWAY_START_TIMEOUT_MS || 60000);
const STOP_TIMEOUT_MS = 10000;
const LISTENING = /listening on (https?:\/\/127\.0\.0\.1:(\d+))\/?/;

/** GATEWAY_BIN, or the bundle the Maven build leaves in distribution/target. */
export function gatewayBin() {
  return process.env.GATEWAY_BIN || path.join(repo, 'distribution/target/gateway/bin/gateway');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the gateway. Returns {url, port, logs(), stop(), kill(), restart()}.
 * `extraArgs` are passed on, e.g. ['--websocket.resume-grace', '30s'].
 */
export async function startGateway({ port, extraArgs = [] } = {}) {
  const bin = gatewayBin();
  if (!fs.existsSync(bin)) {
    throw new Error(`no gateway at ${bin}: build it (mvn -DskipTests package) or set GATEWAY_BIN`);
  }
  const chosenPort = port ?? await freePort();
  const lines = [];
  let child = null;

  async function start() {
    // Own process group, so stop() also reaches a JVM started by a wrapper script.
    child = spawn(bin, ['--bind', '127.0.0.1', '--port', String(chosenPort), ...extraArgs], {
      cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForListening(child, lines);
  }

  async function stop() {
    if (!child) return;
    await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS, signal: (name) => killGroup(child, name) });
  }

  /** SIGKILL, as a crash or the out-of-memory killer would: no shutdown, no close frames. Resolves once it has ended. */
  async function kill() {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGKILL');
    await exited;
  }

  await start();
  return {
    url: `http://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    logs: () => lines.join('\n'),
    stop,
    kill,
    async restart() { await stop(); await start(); },
  };
}

function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

function waitForListening(child, lines) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(new Error(`gateway did not log "listening on" within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    function fail(err) {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(new Error(`${err.message}\n--- gateway output ---\n${lines.join('\n')}`));
    }
    function onData(chunk) {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (process.env.GATEWAY_VERBOSE) console.log(`[gateway] ${line}`);
        if (LISTENING.test(line)) { clearTimeout(timer); resolve(); }
      }
    }
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`gateway exited (code ${code}, signal ${signal}) before listening`)));
  });
}
