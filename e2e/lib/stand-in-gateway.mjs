#!/usr/bin/env node
// A stand-in for the Java gateway: PROTOCOL.md in ~250 lines of Node, with the same
// command line and log line as the real bundle, so the browser tests can check the
// page and gateway.js on their own:  GATEWAY_BIN=e2e/lib/stand-in-gateway.mjs ./run.sh
// It is not the product and proves nothing about the Java server; the default for the
// tests is the real bundle (distribution/target/gateway/bin/gateway).
//
// Usage: stand-in-gateway.mjs --bind 127.0.0.1 --port N [--static DIR] [--grace-seconds S]
// Supports: login (name, resume), offer/answer/candidate/ringing/reject/bye, join/leave,
// message (to/room), presence/subscribe/unsubscribe, dtmf, ping; static files at /.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const bind = args.bind || '127.0.0.1';
const port = Number(args.port || 8080);
const staticDir = path.resolve(args.static || path.join(here, '../../websocket-frontend/src/main/resources/static'));
const graceMs = Number(args['grace-seconds'] || 30) * 1000;
const DEFAULT_CAPACITY = 2;
const QUEUE_LIMIT = 256;

const NAME = /^[A-Za-z0-9._\-@+]{1,64}$/;
const CALL = /^[A-Za-z0-9._-]{1,64}$/;
const sessions = new Map(); // name -> session
const calls = new Map();    // call id -> {a, b} names
const rooms = new Map();    // room -> {capacity, members: Set<name>}
let counter = 0;

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

// ---- static files ------------------------------------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png' };
const server = http.createServer((req, res) => {
  const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(staticDir, urlPath === '/' ? 'index.html' : urlPath);
  if (!file.startsWith(staticDir + path.sep)) { res.writeHead(403); res.end(); return; }
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  });
});

// ---- delivery ----------------------------------------------------------------------
function sendWs(ws, msg) { if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg)); }
function reply(ws, m, msg) { sendWs(ws, m.id === undefined ? msg : { ...msg, id: m.id }); }
function fail(ws, m, code) { reply(ws, m, { type: 'error', code, message: code }); }
function ok(ws, m, extra = {}) { if (m.id !== undefined) reply(ws, m, { type: 'ok', ...extra }); }

/** To a session: at once when connected, queued while it is in its grace period. */
function deliver(name, msg) {
  const s = sessions.get(name);
  if (!s) return;
  if (s.ws) sendWs(s.ws, msg);
  else if (s.queue.length < QUEUE_LIMIT) s.queue.push(msg);
}

// ---- sessions ----------------------------------------------------------------------
function newSession(name, ws) {
  const s = { name, token: crypto.randomBytes(18).toString('base64url'), ws, calls: new Set(), rooms: new Set(), queue: [], grace: null, presence: { status: 'available' }, subscribers: new Set(), follows: new Set() };
  sessions.set(name, s);
  return s;
}

function endSession(s) {
  if (sessions.get(s.name) !== s) return;
  clearTimeout(s.grace);
  sessions.delete(s.name);
  for (const id of [...s.calls]) endCall(id, s.name, 'gone');
  for (const room of [...s.rooms]) leaveRoom(s, room);
  for (const sub of s.subscribers) deliver(sub, { type: 'presence', from: s.name, status: 'offline' });
  for (const f of s.follows) sessions.get(f)?.subscribers.delete(s.name);
}

function endCall(id, byName, reason) {
  const c = calls.get(id);
  if (!c) return;
  calls.delete(id);
  const other = c.a === byName ? c.b : c.a;
  sessions.get(c.a)?.calls.delete(id);
  sessions.get(c.b)?.calls.delete(id);
  deliver(other, { type: 'bye', from: byName, call: id, ...(reason ? { reason } : {}) });
}

function leaveRoom(s, room) {
  const r = rooms.get(room);
  s.rooms.delete(room);
  if (!r) return;
  r.members.delete(s.name);
  for (const m of r.members) deliver(m, { type: 'peer-left', room, from: s.name });
  if (r.members.size === 0) rooms.delete(room);
}

// ---- handlers ----------------------------------------------------------------------
const handlers = {
  login(ws, m) {
    if (ws.session) return fail(ws, m, 'bad-message');
    if (m.resume !== undefined) {
      const s = [...sessions.values()].find((x) => x.token === m.resume);
      if (!s) return fail(ws, m, 'unauthorized');
      if (s.ws && s.ws !== ws) { s.ws.session = null; s.ws.terminate(); }
      clearTimeout(s.grace);
      s.ws = ws;
      ws.session = s;
      reply(ws, m, { type: 'ok', name: s.name, iceServers: [], session: s.token, resumed: true, rooms: [...s.rooms], calls: [...s.calls] });
      for (const msg of s.queue.splice(0)) sendWs(ws, msg);
      return undefined;
    }
    const name = m.name ?? `guest-${(++counter).toString(36)}${crypto.randomBytes(2).toString('hex')}`;
    if (typeof name !== 'string' || !NAME.test(name)) return fail(ws, m, 'bad-name');
    if (sessions.has(name)) return fail(ws, m, 'name-taken');
    ws.session = newSession(name, ws);
    return reply(ws, m, { type: 'ok', name, iceServers: [], session: ws.session.token, resumed: false, rooms: [], calls: [] });
  },
  offer(ws, m, s) {
    if (typeof m.sdp !== 'string') return fail(ws, m, 'bad-message');
    if (m.call !== undefined && calls.has(m.call)) {
      const c = calls.get(m.call);
      if (c.a !== s.name && c.b !== s.name) return fail(ws, m, 'unknown-call');
      deliver(c.a === s.name ? c.b : c.a, { type: 'offer', from: s.name, call: m.call, sdp: m.sdp });
      return ok(ws, m, { call: m.call });
    }
    if (m.call !== undefined && (typeof m.call !== 'string' || !CALL.test(m.call))) return fail(ws, m, 'bad-message');
    if (typeof m.to !== 'string') return fail(ws, m, 'bad-message');
    if (!sessions.has(m.to)) return fail(ws, m, /^(sips?|tel|xmpp):/.test(m.to) ? 'unreachable' : 'unknown-peer');
    const id = m.call ?? `c${(++counter).toString(36)}`;
    calls.set(id, { a: s.name, b: m.to });
    s.calls.add(id);
    sessions.get(m.to).calls.add(id);
    deliver(m.to, { type: 'offer', from: s.name, call: id, sdp: m.sdp });
    return reply(ws, m, { type: 'ok', call: id });
  },
  answer: inCall('sdp'),
  candidate: inCall('candidate'),
  ringing: inCall(),
  dtmf: inCall('tones'),
  reject(ws, m, s) { const id = callOf(s, m); if (!id) return fail(ws, m, 'unknown-call'); endCall(id, s.name, m.reason ?? 'decline'); return ok(ws, m); },
  bye(ws, m, s) { const id = callOf(s, m); if (!id) return fail(ws, m, 'unknown-call'); endCall(id, s.name, m.reason); return ok(ws, m); },
  join(ws, m, s) {
    if (typeof m.room !== 'string' || !m.room) return fail(ws, m, 'bad-message');
    let r = rooms.get(m.room);
    const initiator = !r;
    if (!r) { r = { capacity: Number(m.capacity) || DEFAULT_CAPACITY, members: new Set() }; rooms.set(m.room, r); }
    if (r.members.has(s.name)) return ok(ws, m, { room: m.room, peers: [...r.members].filter((x) => x !== s.name), initiator: false });
    if (r.members.size >= r.capacity) return fail(ws, m, 'room-full');
    const peers = [...r.members];
    r.members.add(s.name);
    s.rooms.add(m.room);
    for (const p of peers) deliver(p, { type: 'peer-joined', room: m.room, from: s.name });
    return reply(ws, m, { type: 'ok', room: m.room, peers, initiator });
  },
  leave(ws, m, s) { if (!s.rooms.has(m.room)) return fail(ws, m, 'bad-message'); leaveRoom(s, m.room); return ok(ws, m); },
  message(ws, m, s) {
    if (m.room !== undefined) {
      const r = rooms.get(m.room);
      if (!r || !r.members.has(s.name)) return fail(ws, m, 'forbidden');
      for (const p of r.members) if (p !== s.name) deliver(p, { type: 'message', from: s.name, room: m.room, data: m.data });
      return ok(ws, m);
    }
    if (!sessions.has(m.to)) return fail(ws, m, 'unknown-peer');
    deliver(m.to, { type: 'message', from: s.name, data: m.data });
    return ok(ws, m);
  },
  presence(ws, m, s) {
    s.presence = { status: m.status, ...(m.note ? { note: m.note } : {}) };
    for (const sub of s.subscribers) deliver(sub, { type: 'presence', from: s.name, ...s.presence });
    return ok(ws, m);
  },
  subscribe(ws, m, s) {
    if (typeof m.to !== 'string') return fail(ws, m, 'bad-message');
    s.follows.add(m.to);
    const target = sessions.get(m.to);
    target?.subscribers.add(s.name);
    // The current state in the reply, so a contact list is correct from the start.
    return ok(ws, m, { to: m.to, ...(target ? target.presence : { status: 'offline' }) });
  },
  unsubscribe(ws, m, s) { s.follows.delete(m.to); sessions.get(m.to)?.subscribers.delete(s.name); return ok(ws, m); },
  ping(ws, m) { reply(ws, m, { type: 'pong' }); },
};

function callOf(s, m) {
  if (m.call !== undefined) return s.calls.has(m.call) ? m.call : null;
  for (const id of s.calls) { const c = calls.get(id); if (c && (c.a === m.to || c.b === m.to)) return id; }
  return null;
}

function inCall(field) {
  return (ws, m, s) => {
    const id = callOf(s, m);
    if (!id) return fail(ws, m, 'unknown-call');
    const c = calls.get(id);
    const msg = { type: m.type, from: s.name, call: id };
    if (field) msg[field] = m[field];
    deliver(c.a === s.name ? c.b : c.a, msg);
    return ok(ws, m);
  };
}

// ---- sockets -----------------------------------------------------------------------
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) { ws.close(1003); return; }
    let m;
    try { m = JSON.parse(data); } catch { fail(ws, {}, 'bad-json'); return; }
    if (typeof m?.type !== 'string') { fail(ws, m ?? {}, 'bad-message'); return; }
    const handle = Object.hasOwn(handlers, m.type) ? handlers[m.type] : null;
    if (!handle) { fail(ws, m, 'unknown-type'); return; }
    if (!ws.session && m.type !== 'login' && m.type !== 'ping') { fail(ws, m, 'not-logged-in'); return; }
    handle(ws, m, ws.session);
  });
  ws.on('close', (code) => {
    const s = ws.session;
    if (!s || s.ws !== ws) return;
    s.ws = null;
    // 1006 = the TCP connection ended without a close frame: keep the session a while.
    if (code === 1006) s.grace = setTimeout(() => endSession(s), graceMs);
    else endSession(s);
  });
});

server.listen(port, bind, () => console.log(`stand-in gateway listening on http://${bind}:${port}/ (static ${staticDir})`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
