// Starts a real coturn (Debian's `coturn` package, turnserver 4.6) on free loopback ports with the TURN REST
// API scheme the gateway mints credentials for (`use-auth-secret`): user name `<expiry>:<name>`, password
// base64(HMAC-SHA1(secret, user name)). The config is generated into a fresh temp dir with the secret in a file
// beside it, so the gateway under test reads the same secret through `ice.turn-secret-file`.
// Relay addresses are on 127.0.0.1 as well, and `allow-loopback-peers` lets it relay to loopback peers (denied by
// default). Only inside the loopback-only namespace.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertInsideNamespace } from './browser.mjs';
import { freePort } from './gateway-process.mjs';
import { stopProcess } from './processes.mjs';
import { freeUdpRange } from './udp-ports.mjs';

export const REALM = 'gw.test';
const RELAY_PORTS = 40;
const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 5000;

/** TURN REST credentials for `username` as coturn's use-auth-secret checks them. */
export function restCredential(secret, username) {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * Starts coturn. Returns {port, url, secret, secretFile, dir, logs(), allocationsFor(username),
 * refusalsOf(username), stop()}.
 */
export async function startCoturn() {
  assertInsideNamespace();
  try {
    execFileSync('sh', ['-c', 'command -v turnserver'], { stdio: 'ignore' });
  } catch {
    throw new Error('turnserver not found: run scripts/install-test-deps.sh (outside the namespace)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-coturn-'));
  const port = await freePort();
  const minPort = await freeUdpRange(RELAY_PORTS, port);
  const secret = randomBytes(24).toString('base64url');
  const secretFile = path.join(dir, 'turn-secret');
  fs.writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  const logFile = path.join(dir, 'coturn.log');
  const conf = path.join(dir, 'turnserver.conf');
  fs.writeFileSync(conf, [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    `min-port=${minPort}`,
    `max-port=${minPort + RELAY_PORTS - 1}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    `realm=${REALM}`,
    'fingerprint',
    // Relaying between loopback peers is what this test does; coturn refuses it unless told.
    'allow-loopback-peers',
    'no-multicast-peers',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-software-attribute',
    // Each session's ALLOCATE, with its user name and result, is logged: the test reads them.
    'verbose',
    // Its own (empty) user database and pid file, not the system's /var/lib/turn and /var/run.
    `userdb=${path.join(dir, 'turndb')}`,
    `pidfile=${path.join(dir, 'turnserver.pid')}`,
    'log-file=stdout',
    'simple-log',
    '',
  ].join('\n'));
  const log = fs.openSync(logFile, 'a');
  const child = spawn('turnserver', ['-c', conf], { stdio: ['ignore', log, log] });
  const logs = () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answersBinding(port))) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}:\n${logs()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`turnserver did not answer a STUN binding on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
  }
  const linesAbout = (username) => logs().split('\n').filter((line) => line.includes(`<${username}>`));
  return {
    port,
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    secretFile,
    dir,
    logs,
    /** coturn's log lines of ALLOCATEs it granted to this user name. */
    allocationsFor: (username) => linesAbout(username).filter((line) => /ALLOCATE processed, success/.test(line)),
    /** coturn's log lines of requests from this user name it could not authenticate. */
    refusalsOf: (username) => linesAbout(username).filter((line) => /Cannot find credentials|error 401/.test(line)),
    async stop() {
      await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS });
      fs.closeSync(log);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a STUN Binding request (RFC 5389) to 127.0.0.1:port gets a success response within 300 ms. */
function answersBinding(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (ok) => { clearTimeout(timer); socket.close(); resolve(ok); };
    const timer = setTimeout(() => done(false), 300);
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request
    request.writeUInt16BE(0, 2); // no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8); // transaction id
    socket.once('message', (msg) => done(msg.length >= 20 && msg.readUInt16BE(0) === 0x0101
      && msg.subarray(8, 20).equals(request.subarray(8, 20))));
    socket.once('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}
