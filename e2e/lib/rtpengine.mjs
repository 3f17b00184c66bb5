// Starts a real rtpengine (Debian's rtpengine-daemon) with the command line the SIP bridge's tests and README use
// (sip-bridge/src/test/.../testing/RtpengineExtension.java): userspace only (`--table=-1`, no kernel module), no
// config file, its ng control port and its media ports on 127.0.0.1 only, free ones of its own. It is up once it
// answers an ng `ping`. `calls()` asks it over ng which sessions it holds (`list`): rtpengine-ctl is not packaged
// with the daemon, and ng is what the gateway itself speaks. Only inside the loopback-only namespace.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bencode from 'bencode';
import { assertInsideNamespace } from './browser.mjs';
import { stopProcess } from './processes.mjs';
import { freeUdpRange } from './udp-ports.mjs';

const MEDIA_PORTS = 200;
const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 5000;

/** Starts rtpengine. Returns {ngPort, ng: '127.0.0.1:<port>', mediaPorts: [first, last], logs(), ping(), calls(), stop()}. */
export async function startRtpengine() {
  assertInsideNamespace();
  try {
    execFileSync('sh', ['-c', 'command -v rtpengine'], { stdio: 'ignore' });
  } catch {
    throw new Error('rtpengine not found: run scripts/install-test-deps.sh (outside the namespace)');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-e2e-rtpengine-'));
  const ngPort = await freeUdpRange(1);
  const firstMedia = await freeUdpRange(MEDIA_PORTS, ngPort);
  const logFile = path.join(dir, 'rtpengine.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn('rtpengine', ['--config-file=none', '--table=-1', '--foreground', '--log-stderr', '--log-level=6',
    '--interface=127.0.0.1', `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${firstMedia}`, `--port-max=${firstMedia + MEDIA_PORTS - 1}`], { stdio: ['ignore', log, log] });
  const logs = () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rtpengine exited with ${child.exitCode}:\n${logs()}`);
    const pong = await ngCommand(ngPort, { command: 'ping' }, 300).catch(() => null);
    if (pong?.result === 'pong') break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`rtpengine did not answer an ng ping on 127.0.0.1:${ngPort} within ${START_TIMEOUT_MS} ms:\n${logs()}`);
    }
  }
  return {
    ngPort,
    ng: `127.0.0.1:${ngPort}`,
    mediaPorts: [firstMedia, firstMedia + MEDIA_PORTS - 1],
    logs,
    ping: () => ngCommand(ngPort, { command: 'ping' }),
    /** The call-ids rtpengine holds a session for now (ng `list`). */
    async calls() {
      const reply = await ngCommand(ngPort, { command: 'list' });
      if (reply.result !== 'ok') throw new Error(`rtpengine refused ng list: ${JSON.stringify(reply)}`);
      return reply.calls ?? [];
    },
    async stop() {
      await stopProcess(child, { timeoutMs: STOP_TIMEOUT_MS });
      fs.closeSync(log);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One ng command over UDP: `<cookie> <bencoded dictionary>` to 127.0.0.1:port, sent again every 250 ms until the
 * reply with the same cookie arrives (a reply to an earlier send of it is as good), failing after `timeoutMs`.
 * The reply's byte strings come back as text.
 */
export function ngCommand(port, command, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const cookie = randomBytes(8).toString('hex');
    const request = Buffer.concat([Buffer.from(`${cookie} `), Buffer.from(bencode.encode(command))]);
    const socket = dgram.createSocket('udp4');
    const send = () => socket.send(request, port, '127.0.0.1');
    let retransmit;
    const timer = setTimeout(() => done(new Error(`no ng reply to ${command.command} from 127.0.0.1:${port} within ${timeoutMs} ms`)), timeoutMs);
    function done(err, reply) {
      clearInterval(retransmit);
      clearTimeout(timer);
      socket.close();
      if (err) reject(err); else resolve(reply);
    }
    socket.on('message', (msg) => {
      const space = msg.indexOf(0x20);
      if (space < 0 || msg.subarray(0, space).toString() !== cookie) return; // not ours: ignore
      try {
        done(null, asText(bencode.decode(msg.subarray(space + 1))));
      } catch (err) {
        done(new Error(`undecodable ng reply from 127.0.0.1:${port}: ${err.message}`));
      }
    });
    socket.once('error', (err) => done(err));
    socket.bind(0, '127.0.0.1', () => { send(); retransmit = setInterval(send, 250); });
  });
}

/**
 * bencode 4 decodes every byte string to a Uint8Array (its `encoding` argument fails on dictionaries), so this turns
 * them into text, through lists and dictionaries.
 */
function asText(value) {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(asText);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value;
}
