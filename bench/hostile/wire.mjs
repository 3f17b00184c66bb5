// Bytes on the wire for the hostile clients: HTTP upgrade requests and WebSocket frames, well formed
// or not, and a reader of what the server sends back (its HTTP status line, its frames, its close code).
import crypto from 'node:crypto';

export const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
export const OP = { CONTINUATION: 0x0, TEXT: 0x1, BINARY: 0x2, CLOSE: 0x8, PING: 0x9, PONG: 0xa };

/** An RFC 6455 upgrade of `path` with `headers` (more lines, each without its CRLF) added. */
export function upgrade(path = '/ws', headers = []) {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n`
    + `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
}

/**
 * One client frame. By default final, masked (as RFC 6455 requires of clients), with the length it has;
 * `announce` claims another payload length in the header (the bytes that follow are the caller's).
 */
export function frame(opcode, payload = Buffer.alloc(0), { fin = true, mask = true, rsv = 0, announce } = {}) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const length = announce ?? body.length;
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  head[1] = (mask ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) head.writeUInt16BE(length, 2);
  if (lengthBytes === 8) head.writeBigUInt64BE(BigInt(length), 2);
  if (!mask) return Buffer.concat([head, body]);
  const key = crypto.randomBytes(4);
  key.copy(head, 2 + lengthBytes);
  const masked = Buffer.from(body);
  for (let i = 0; i < masked.length; i++) masked[i] ^= key[i & 3];
  return Buffer.concat([head, masked]);
}

export const text = (s, options) => frame(OP.TEXT, Buffer.from(s), options);
export const closeFrame = (code) => { const b = Buffer.alloc(2); b.writeUInt16BE(code); return frame(OP.CLOSE, b); };

/**
 * Reads what a server sends on one connection: its HTTP response's status line, then (after a 101) its
 * frames. Keeps counts and the close code, never more than a few KB of bytes at a time (an attacker
 * that reads drops what it read).
 */
export class ServerReader {
  constructor() {
    this.status = null; // the status code of the HTTP response, once its head is in
    this.upgraded = false;
    this.closeCode = null; // the code of the server's close frame (1005 when it had none)
    this.texts = []; // the first text frames (JSON replies), at most KEPT_TEXTS
    this.textCount = 0;
    this.pings = 0;
    this.pending = Buffer.alloc(0);
    this.onUpgrade = null;
    this.onText = null;
  }

  push(chunk) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.status === null) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        // A head bigger than this is no answer we wait for; keep its start for the status line.
        this.pending = buf.length > 16384 ? buf.subarray(0, 16384) : buf;
        const line = /^HTTP\/1\.[01] (\d{3})/.exec(this.pending.toString('latin1', 0, 16));
        if (line && this.pending.length >= 16384) this.status = Number(line[1]);
        return;
      }
      const line = /^HTTP\/1\.[01] (\d{3})/.exec(buf.toString('latin1', 0, Math.min(end, 64)));
      this.status = line ? Number(line[1]) : 0;
      buf = buf.subarray(end + 4);
      if (this.status !== 101) { this.pending = Buffer.alloc(0); return; } // the body, if any, is of no interest
      this.upgraded = true;
      this.onUpgrade?.();
    }
    if (!this.upgraded) return;
    let o = 0;
    while (buf.length - o >= 2) {
      let len = buf[o + 1] & 127;
      let h = 2;
      if (len === 126) { if (buf.length - o < 4) break; len = buf.readUInt16BE(o + 2); h = 4; }
      else if (len === 127) { if (buf.length - o < 10) break; len = Number(buf.readBigUInt64BE(o + 2)); h = 10; }
      if (buf.length - o < h + len) break;
      const op = buf[o] & 15;
      const payload = buf.subarray(o + h, o + h + len);
      if (op === OP.CLOSE) this.closeCode ??= len >= 2 ? payload.readUInt16BE(0) : 1005;
      else if (op === OP.PING) this.pings++;
      else if (op === OP.TEXT) {
        this.textCount++;
        if (this.texts.length < ServerReader.KEPT_TEXTS) this.texts.push(payload.toString('utf8'));
        this.onText?.(payload);
      }
      o += h + len;
    }
    this.pending = o < buf.length ? Buffer.from(buf.subarray(o)) : Buffer.alloc(0);
  }
}
ServerReader.KEPT_TEXTS = 4;
