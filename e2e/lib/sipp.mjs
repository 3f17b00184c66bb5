// sipp phones for the browser tests: one sipp process per phone, running one scenario for a single call on loopback
// (as sip-bridge's SippPhone does), with its SIP message log in a temp dir. Scenarios come from the SIP bridge's
// tests (sip-bridge/src/test/resources/sipp) or from e2e/sipp. A phone can speak plain RTP: `rtpEcho` makes sipp
// send every RTP packet it gets on its media port straight back to where it came from (`-rtp_echo`), so audio that
// reaches a browser from such a phone is audio that the browser sent to it first. Only inside the namespace.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInsideNamespace } from './browser.mjs';
import { stopProcess } from './processes.mjs';
import { freeUdpRange } from './udp-ports.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCENARIO_DIRS = [path.join(repo, 'e2e/sipp'), path.join(repo, 'sip-bridge/src/test/resources/sipp')];
/** The SIP domain of kamailio.cfg's users, which it serves on any port (sip-bridge's KamailioExtension.DOMAIN). */
export const DOMAIN = 'localhost';
const SCENARIO_TIMEOUT_S = 20;

function scenarioFile(name) {
  const file = SCENARIO_DIRS.map((dir) => path.join(dir, name)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no sipp scenario ${name} in ${SCENARIO_DIRS.join(' or ')}`);
  return file;
}

/**
 * Starts `sipp -sf <scenario> ... [remote]` for one call, bounded by sipp's own -timeout. With `rtpEcho`, it echoes
 * RTP on a free media port (its SDP's [media_port]). Returns {port, mediaPort, messages(), output(), exited, stop()};
 * `exited` resolves with sipp's exit code (0: the call went as the scenario says).
 */
export async function startSipp(scenario, { remote, rtpEcho = false, args = [] } = {}) {
  assertInsideNamespace();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gw-e2e-sipp-${scenario.replace('.xml', '')}-`));
  const port = await freeUdpRange(1);
  // -rtp_echo also echoes on mediaPort + 2 (video), and the far end sends RTCP to mediaPort + 1: keep all free.
  const mediaPort = rtpEcho ? await freeUdpRange(4, port) : null;
  const messagesFile = path.join(dir, 'messages.log');
  const outputFile = path.join(dir, 'sipp.out');
  const out = fs.openSync(outputFile, 'w');
  const command = ['-sf', scenarioFile(scenario), '-p', String(port), '-i', '127.0.0.1', '-m', '1', '-nostdin',
    '-timeout', `${SCENARIO_TIMEOUT_S}s`, '-timeout_error', '-trace_msg', '-message_file', messagesFile,
    '-key', 'domain', DOMAIN,
    ...(rtpEcho ? ['-mi', '127.0.0.1', '-mp', String(mediaPort), '-rtp_echo'] : []),
    ...args, ...(remote ? [remote] : [])];
  const child = spawn('sipp', command, { stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { fs.closeSync(out); resolve(code ?? signal); }));
  const read = (file) => { try { return fs.readFileSync(file, 'latin1'); } catch { return ''; } };
  return {
    port,
    mediaPort,
    messages: () => read(messagesFile),
    output: () => read(outputFile),
    exited,
    /** Waits for the scenario to end and fails with its log unless it succeeded. */
    async succeeded() {
      const code = await exited;
      if (code !== 0) throw new Error(`sipp ${scenario} failed (${code}):\n${read(messagesFile)}\n${read(outputFile)}`);
    },
    async stop() {
      await stopProcess(child);
      if (!process.env.E2E_KEEP_STATE) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A phone running `scenario` (one that waits for a call), registered at `kamailio` as `number` by a third-party
 * REGISTER (register.xml) whose Contact is the phone's port, and as its only contact: the contacts of an earlier
 * phone with that number are removed first (unregister-all.xml), since Kamailio would fork requests to them too.
 */
export async function registeredPhone(kamailio, scenario, { number, password, rtpEcho = false }) {
  const unregister = await startSipp('unregister-all.xml', { remote: `127.0.0.1:${kamailio.port}`,
    args: ['-s', number, '-au', number, '-ap', password] });
  try {
    await unregister.succeeded();
  } finally {
    await unregister.stop();
  }
  const phone = await startSipp(scenario, { rtpEcho });
  const register = await startSipp('register.xml', { remote: `127.0.0.1:${kamailio.port}`,
    args: ['-s', number, '-key', 'contact_port', String(phone.port), '-au', number, '-ap', password] });
  try {
    await register.succeeded();
  } catch (err) {
    await phone.stop();
    throw err;
  } finally {
    await register.stop();
  }
  return phone;
}
