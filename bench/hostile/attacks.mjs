// The hostile clients: one function per kind of attacking connection. Each opens one TCP connection
// from a given loopback address, does its harm, and resolves with how the connection ended, from the
// attacker's side (the gateway's side is its /metrics). Each kind sends a bounded number of bytes, or
// (the feeders, the clients that never read) a bounded rate of them, and every connection is closed by
// the attacker at its `deadline` at the latest.
//
//   run(kind, { port, localAddress, deadline, index, slowByteMs, pool }) -> Promise<outcome>
//
// Outcomes, the first that applies:
//   'no-answer-at-once'   the gateway closed it within a second, before any answer (over the per-address limit)
//   'http-NNN'            an HTTP response with that status, then the gateway closed it
//   'close-NNNN'          a WebSocket close frame with that code
//   'cut-off'             closed after the upgrade without a close frame (idle timeout, not reading)
//   'no-answer-later'     closed before any answer, later than a second (the handshake timeout)
//   'held'                still open at its deadline: the attacker closed it (the gateway did not)
import crypto from 'node:crypto';
import net from 'node:net';

import { OP, ServerReader, closeFrame, frame, text, upgrade } from './wire.mjs';

export const GROUPS = {
  malformed: ['garbage-before-upgrade', 'garbage-after-upgrade', 'bad-json', 'bad-frames', 'bad-http'],
  oversized: ['oversized-frame', 'huge-headers'],
  'half-open': ['connect-idle', 'upgrade-idle'],
  slow: ['slowloris', 'never-reads', 'feeder'],
};
export const groupOf = Object.fromEntries(Object.entries(GROUPS).flatMap(([g, kinds]) => kinds.map((k) => [k, g])));

/** A feeder's message to a client that never reads: 32 KB of data, half the largest frame. */
const FEED_DATA = 'x'.repeat(32 * 1024);
/** Frames a feeder sends a second: under the gateway's default rate limit (50/s), so the limit is not what stops it. */
const FEED_PER_SECOND = 40;
/** How long before its deadline a connection that stopped reading reads again (see Conn). */
const READ_AGAIN_MS = 3000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One attacking connection: the socket, what the server sent, and how it ended. */
class Conn {
  constructor({ port, localAddress, deadline }) {
    this.opened = Date.now();
    this.reader = new ServerReader();
    this.endedByServer = false;
    this.mine = false; // true once the attacker closes it itself
    this.socket = net.connect({ host: '127.0.0.1', port, localAddress });
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk) => this.reader.push(chunk));
    this.socket.on('error', () => {}); // a reset is an end like any other
    this.ended = new Promise((resolve) => this.socket.once('close', () => {
      this.endedByServer = !this.mine;
      this.closedAt = Date.now();
      resolve();
    }));
    this.connected = new Promise((resolve) => this.socket.once('connect', resolve));
    const left = Math.max(0, deadline - Date.now());
    this.timer = setTimeout(() => this.close(), left);
    // A socket that stopped reading sees no end of the connection: it reads again before its deadline, to
    // learn whether the gateway has closed it (what waits in front of the end is read and dropped).
    this.readAgain = setTimeout(() => { if (this.socket.isPaused()) this.socket.resume(); }, Math.max(0, left - READ_AGAIN_MS));
    this.ended.then(() => { clearTimeout(this.timer); clearTimeout(this.readAgain); });
  }

  get open() { return !this.socket.destroyed; }

  close() { if (this.open) { this.mine = true; this.socket.destroy(); } }

  /** Writes, waiting for the socket to drain when the server reads slower; false once the connection ended. */
  async write(bytes) {
    if (!this.open) return false;
    if (this.socket.write(bytes)) return true;
    await Promise.race([new Promise((resolve) => this.socket.once('drain', resolve)), this.ended]);
    return this.open;
  }

  /** Sends an upgrade and waits for the answer's status line: true on 101. */
  async upgrade(headers) {
    await Promise.race([this.connected, this.ended]);
    if (!(await this.write(upgrade('/ws', headers)))) return false;
    await this.until(() => this.reader.status !== null);
    return this.reader.status === 101;
  }

  /** Resolves once `condition` holds or the connection ended. */
  until(condition) {
    if (condition() || !this.open) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => { if (condition() || !this.open) { this.socket.off('data', check); resolve(); } };
      this.socket.on('data', check);
      this.ended.then(resolve);
    });
  }

  async login(name) {
    await this.write(text(JSON.stringify({ type: 'login', name, id: 'login' })));
    await this.until(() => this.reader.textCount > 0);
    return this.reader.texts[0]?.includes('"ok"') ?? false;
  }

  /** How it ended (see the top of this file); waits for the end. */
  async outcome() {
    await this.ended;
    const r = this.reader;
    if (!this.endedByServer) return 'held';
    if (r.closeCode !== null) return `close-${r.closeCode}`;
    if (r.upgraded) return 'cut-off';
    if (r.status !== null) return `http-${r.status}`;
    return this.closedAt - this.opened < 1000 ? 'no-answer-at-once' : 'no-answer-later';
  }
}

// ------------------------------------------------------------------ malformed

const garbage = (n) => crypto.randomBytes(n);

/** Bad JSON and bad messages, as a client might send by mistake or on purpose (each answered with an error). */
const BAD_JSON = [
  '{', '{"type":}', '{"type":"login",}', '[1,2,3]', '"just a string"', '{"type":"login","name":"a","name":"b"}',
  '{"type":"no-such-type"}', '{"type":1}', '{"id":{"nested":true},"type":"ping"}', `${'['.repeat(100)}${']'.repeat(100)}`,
  '{"type":"message","to":"","data":1}', '{"type":"offer","to":"../../etc","sdp":7}', '', ' ', 'null',
];

/** Frames against RFC 6455, one per connection, in turn. */
const BAD_FRAMES = [
  () => frame(OP.TEXT, '{"type":"ping"}', { mask: false }), // unmasked: 1002
  () => frame(0x3, 'reserved opcode'), // 1002
  () => frame(OP.TEXT, '{"type":"ping"}', { rsv: 4 }), // RSV1 without an extension: 1002
  () => closeFrame(999), // an invalid close code: 1002
  () => frame(OP.BINARY, garbage(64)), // 1003
  () => frame(OP.TEXT, Buffer.from([0x7b, 0xc0, 0x80, 0x7d])), // overlong UTF-8: 1007
  () => frame(OP.PING, 'fragmented', { fin: false }), // a fragmented control frame: 1002
  () => frame(OP.CONTINUATION, 'no start'), // a continuation of nothing: 1002
  () => frame(OP.PING, 'x'.repeat(126)), // a control frame over 125 bytes: 1002
];

/** HTTP that a strict server refuses, one per connection, in turn. */
const BAD_HTTP = [
  'GET /ws HTTP/1.1\nHost: 127.0.0.1\nConnection: Upgrade\nUpgrade: websocket\n\n', // bare LF
  'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: a\0b\r\n\r\n', // NUL in a header
  upgrade('/ws').replace(/Sec-WebSocket-Key: [^\r]*\r\n/, ''), // no key: 400
  upgrade('/ws').replace('Version: 13', 'Version: 8'), // hybi-08: 426
  'POST /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', // smuggling
  'G\x01T / HTTP/1.1\r\n\r\n', // a control character in the method
  'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', // two lengths
];

// ------------------------------------------------------------------ the kinds

export const KINDS = {
  /** Random bytes where an HTTP request should be. */
  async 'garbage-before-upgrade'(c) {
    await c.write(garbage(2048));
  },

  /** A proper upgrade, then random bytes where frames should be. */
  async 'garbage-after-upgrade'(c) {
    if (await c.upgrade()) await c.write(garbage(4096));
  },

  /** A burst of malformed JSON, faster than the rate limit allows, as a broken or hostile script sends it. */
  async 'bad-json'(c) {
    if (!(await c.upgrade())) return;
    const frames = Array.from({ length: 500 }, (_, i) => text(BAD_JSON[i % BAD_JSON.length]));
    await c.write(Buffer.concat(frames));
  },

  /** One frame that breaks RFC 6455. */
  async 'bad-frames'(c, { index }) {
    if (await c.upgrade()) await c.write(BAD_FRAMES[index % BAD_FRAMES.length]());
  },

  /** A request the HTTP parser must refuse. */
  async 'bad-http'(c, { index }) {
    await c.write(Buffer.from(BAD_HTTP[index % BAD_HTTP.length], 'latin1'));
  },

  /** A message over websocket.max-frame-size: announced as 1 MiB and streamed, or fragmented past it. */
  async 'oversized-frame'(c, { index }) {
    if (!(await c.upgrade())) return;
    const chunk = Buffer.alloc(16 * 1024, 'a');
    if (index % 2 === 0) {
      // The header says 1 MiB; what follows is sent (unmasked body bytes are as good as any) until the gateway stops it.
      await c.write(frame(OP.TEXT, Buffer.alloc(0), { announce: 1 << 20 }));
      for (let sent = 0; sent < 1 << 20 && c.open; sent += chunk.length) await c.write(chunk);
    } else {
      // Fragments of 16 KB, each fine alone, 1 MiB together.
      await c.write(frame(OP.TEXT, chunk, { fin: false }));
      for (let i = 1; i < 64 && c.open; i++) await c.write(frame(OP.CONTINUATION, chunk, { fin: i === 63 }));
    }
  },

  /** HTTP headers far over the gateway's 8 KiB, or a request line over its 4 KiB. */
  async 'huge-headers'(c, { index }) {
    const variants = [
      () => upgrade('/ws', [`X-Padding: ${'a'.repeat(9000)}`]),
      () => upgrade('/ws', Array.from({ length: 2000 }, (_, i) => `X-${i}: ${'b'.repeat(30)}`)), // 70 KB of headers
      () => upgrade(`/ws?${'c'.repeat(5000)}`),
      () => upgrade('/ws', [`Cookie: ${'d'.repeat(60000)}`]),
    ];
    await c.write(Buffer.from(variants[index % variants.length](), 'latin1'));
  },

  /** Connects and sends nothing at all. */
  async 'connect-idle'() {},

  /** Upgrades (every other one also logs in), then sends nothing, pongs included. */
  async 'upgrade-idle'(c, { index, name }) {
    if ((await c.upgrade()) && index % 2 === 1) await c.login(name);
  },

  /** The upgrade request a byte at a time, `slowByteMs` apart: a slowloris. */
  async slowloris(c, { slowByteMs }) {
    await Promise.race([c.connected, c.ended]);
    const request = Buffer.from(upgrade('/ws'), 'latin1');
    for (let i = 0; i < request.length && c.open; i++) {
      await c.write(request.subarray(i, i + 1));
      await Promise.race([sleep(slowByteMs), c.ended]);
    }
  },

  /**
   * Logs in and never reads again, while feeders send it 32 KB messages: what the gateway cannot write
   * piles up in its write buffer, then in the session's queue. It pings once a second, so that it never
   * looks idle: only its not reading can give it away.
   */
  async 'never-reads'(c, { name, pool }) {
    if (!(await c.upgrade()) || !(await c.login(name))) return;
    c.socket.pause(); // from here on the kernel's receive buffer fills, then the gateway's side
    pool.targets.push(name);
    while (c.open) {
      await Promise.race([sleep(1000), c.ended]);
      if (c.open) await c.write(frame(OP.PING, 'still here'));
    }
  },

  /**
   * Logs in and sends 32 KB messages to the clients that never read, round robin, within the rate
   * limit, reading (and dropping) the errors that come back once their sessions have ended.
   */
  async feeder(c, { name, pool }) {
    if (!(await c.upgrade()) || !(await c.login(name))) return;
    for (let i = 0; c.open; i++) {
      if (pool.targets.length > 0) {
        const to = pool.targets[(i * 7 + name.length) % pool.targets.length];
        await c.write(text(`{"type":"message","to":"${to}","data":"${FEED_DATA}"}`));
        pool.fed++;
      }
      await Promise.race([sleep(1000 / FEED_PER_SECOND), c.ended]);
    }
  },
};

/** Opens one connection of `kind`, runs it, and resolves with its outcome and how long it was open. */
export async function run(kind, options) {
  const c = new Conn(options);
  try {
    await KINDS[kind](c, options);
  } catch {
    // a write after the gateway closed: the outcome says how it ended
  }
  // What it sent is sent: it now stays open, holding whatever the gateway keeps for it, until either ends it.
  const outcome = await c.outcome();
  return { outcome, heldMs: (c.closedAt ?? Date.now()) - c.opened };
}
