// Starts a real Prosody from the project's own cfg (xmpp-bridge/src/test/resources/prosody/prosody.cfg.lua,
// the one the XMPP bridge's Java tests run through ProsodyExtension), as that extension does: free
// loopback ports, its state (data, a certificate made for this run, the log) in a fresh temp dir,
// users alice, bob, carol and dave (password: the name and "pw"), c2s with STARTTLS required, the
// component gw.localhost (secret gw-test-secret). Beyond the extension it sets ENV_XMPP_HTTP_PORT, so
// browser clients (StanzaJS) reach it over WebSocket at ws://127.0.0.1:<httpPort>/xmpp-websocket.
// Prosody will not run as root: as root it runs as the `prosody` user of the Debian package.
// Only inside the loopback-only namespace.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInsideNamespace } from './browser.mjs';
import { freePort } from './gateway-process.mjs';
import { stopProcess } from './processes.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROSODY_CFG = path.join(repo, 'xmpp-bridge/src/test/resources/prosody/prosody.cfg.lua');
export const DOMAIN = 'localhost';
export const COMPONENT_DOMAIN = 'gw.localhost';
export const COMPONENT_SECRET = 'gw-test-secret';
export const USERS = { alice: 'alicepw', bob: 'bobpw', carol: 'carolpw', dave: 'davepw' };
const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 5000;
const STEP_TIMEOUT_MS = 30000;

const isRoot = () => process.getuid?.() === 0;
/** The command line, run as the prosody user when we are root. */
const asProsody = (cmd) => (isRoot() ? ['setpriv', '--reuid=prosody', '--regid=prosody', '--init-groups', ...cmd] : cmd);

/**
 * Starts Prosody. Returns {c2sPort, componentPort, httpPort, c2sHostPort, websocketUrl, certificate,
 * dir, logs(), stop()}.
 */
export async function startProsody() {
  assertInsideNamespace();
  for (const tool of ['prosody', 'prosodyctl', 'openssl', ...(isRoot() ? ['setpriv'] : [])]) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} not found: run scripts/install-test-deps.sh (outside the namespace)`);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-prosody-'));
  const [c2sPort, componentPort, httpPort] = await distinctFreePorts(3);
  const env = {
    ...process.env,
    PROSODY_STATE: dir,
    XMPP_C2S_PORT: String(c2sPort),
    XMPP_COMPONENT_PORT: String(componentPort),
    XMPP_COMPONENT_SECRET: COMPONENT_SECRET,
    XMPP_HTTP_PORT: String(httpPort),
  };
  const cfg = path.join(dir, 'prosody.cfg.lua');
  const certificate = path.join(dir, 'certs', `${DOMAIN}.crt`);
  const logFile = path.join(dir, 'prosody.log');
  fs.mkdirSync(path.join(dir, 'data'));
  fs.mkdirSync(path.join(dir, 'certs'));
  fs.copyFileSync(PROSODY_CFG, cfg);
  const run = (cmd) => execFileSync(cmd[0], cmd.slice(1), { env, stdio: 'pipe', timeout: STEP_TIMEOUT_MS });
  run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${DOMAIN}`,
    '-addext', `subjectAltName=DNS:${DOMAIN},DNS:${COMPONENT_DOMAIN}`,
    '-keyout', path.join(dir, 'certs', `${DOMAIN}.key`), '-out', certificate]);
  if (isRoot()) {
    // Prosody drops root for its own user: let it own its state (mkdtemp made the dir 0700, ours).
    run(['chown', '-R', 'prosody:prosody', dir]);
  }
  for (const [user, password] of Object.entries(USERS)) {
    run(asProsody(['prosodyctl', '--config', cfg, 'register', user, DOMAIN, password]));
  }
  const log = fs.openSync(logFile, 'a');
  const cmd = asProsody(['prosody', '-F', '--config', cfg]);
  const child = spawn(cmd[0], cmd.slice(1), { env, stdio: ['ignore', log, log] });
  const logs = () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prosody exited with ${child.exitCode}:\n${logs()}`);
    if (await accepts(c2sPort) && await accepts(componentPort) && await accepts(httpPort)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prosody not listening on ${c2sPort}, ${componentPort} and ${httpPort} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    c2sPort,
    componentPort,
    httpPort,
    c2sHostPort: `127.0.0.1:${c2sPort}`,
    websocketUrl: `ws://127.0.0.1:${httpPort}/xmpp-websocket`,
    certificate,
    dir,
    logs,
    async stop() {
      await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS });
      fs.closeSync(log);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function distinctFreePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Whether 127.0.0.1:port accepts a TCP connection within 200 ms. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => { clearTimeout(timer); socket.destroy(); resolve(ok); };
    const timer = setTimeout(() => done(false), 200);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
