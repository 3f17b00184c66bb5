// Starts a real Kamailio (registrar + proxy, digest auth on) from the project's own cfg
// (sip-bridge/src/test/resources/kamailio/kamailio.cfg), with its state in a fresh temp dir,
// and waits until it answers an OPTIONS. Only inside the loopback-only namespace: it listens on
// 127.0.0.1:5060 there, so sip:1002@127.0.0.1 means this Kamailio (as in ../shared/peers).
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInsideNamespace } from './browser.mjs';
import { stopProcess } from './processes.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const KAMAILIO_CFG = path.join(repo, 'sip-bridge/src/test/resources/kamailio/kamailio.cfg');
const START_TIMEOUT_MS = 10000;

export async function startKamailio({ port = 5060 } = {}) {
  assertInsideNamespace();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-kamailio-'));
  const log = fs.openSync(path.join(dir, 'kamailio.log'), 'w');
  // -DD: foreground, so this process owns it; -E: log to stderr (the log file here).
  const child = spawn('kamailio', ['-DD', '-E', '-f', KAMAILIO_CFG, '-Y', dir, '-m', '64', '-M', '8',
    '-A', `SIP_PORT=${port}`, '-A', 'WITH_AUTH'], { stdio: ['ignore', log, log] });
  let lastLogs = null; // what it logged, kept once stop() removed its folder
  const logs = () => lastLogs ?? fs.readFileSync(path.join(dir, 'kamailio.log'), 'utf8');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answersOptions(port))) {
    if (child.exitCode !== null) throw new Error(`kamailio exited with ${child.exitCode}:\n${logs()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kamailio did not answer on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
  }
  return {
    port,
    logs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await stopProcess(child);
      fs.closeSync(log);
      lastLogs = logs();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Any answer to an OPTIONS over UDP within 300 ms. */
function answersOptions(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (ok) => { clearTimeout(timer); socket.close(); resolve(ok); };
    const timer = setTimeout(() => done(false), 300);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.bind(0, '127.0.0.1', () => {
      const { port: local } = socket.address();
      const id = `${Date.now()}${Math.random()}`.replace('.', '');
      const msg = `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${local};rport;branch=z9hG4bK${id}\r\n`
        + `From: <sip:probe@127.0.0.1>;tag=${id}\r\nTo: <sip:127.0.0.1:${port}>\r\nCall-ID: ${id}\r\nCSeq: 1 OPTIONS\r\n`
        + 'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n';
      socket.send(msg, port, '127.0.0.1');
    });
  });
}
