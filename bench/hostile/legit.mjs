// The legitimate users of the hostile-client soak: pairs of clients that call each other (offer,
// answer, trickled candidates both ways, bye) and message each other ten times a second, and a prober
// that logs in and out over and over. Everything a legitimate client sees is checked: every request
// gets its `ok`, no `error`, no close it did not ask for, every message arrives, once, in order (each
// carries a sequence number), every candidate of a call in order, every call completes. What is not
// so is a problem, kept with the phase of the soak it happened in. Latencies (message sent -> delivered,
// offer sent -> answer received, connect -> login's ok) are kept per phase.
//
// The clients speak through `ws` (e2e's copy), as a browser's WebSocket would, from 127.0.0.1.
import { performance } from 'node:perf_hooks';

import WebSocket from '../../e2e/node_modules/ws/wrapper.mjs';
import { sdp } from '../loadgen/lib/payloads.mjs';

const REPLY_TIMEOUT_MS = 10000;
const CALL_TIMEOUT_MS = 10000;
const MESSAGE_EVERY_MS = 100;
/**
 * Between two calls of a pair. A call costs its caller 5 frames (offer, candidates, bye) and its callee 4:
 * with the messages, each client sends ~25 frames a second, half the gateway's rate limit.
 */
const CALL_EVERY_MS = 400;
const CANDIDATES = 3;
const PROBLEMS_KEPT = 30;
const OFFER_SDP = JSON.parse(sdp.offer).replace('@'.repeat(16), '4611731400430051336');
const ANSWER_SDP = JSON.parse(sdp.answer).replace('@'.repeat(16), '4611731400430051337');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latencies and problems, by the phase of the soak they happened in. */
export class Recorder {
  constructor() {
    this.phase = 'start';
    this.latency = {}; // phase -> { message: [ms], setup: [ms], login: [ms] }
    this.counts = {}; // phase -> { messages, calls, logins }
    this.problems = [];
    this.problemCount = 0;
  }

  sample(kind, ms, phase = this.phase) {
    ((this.latency[phase] ??= { message: [], setup: [], login: [] })[kind]).push(ms);
  }

  count(what, phase = this.phase) {
    const c = (this.counts[phase] ??= { messages: 0, calls: 0, logins: 0 });
    c[what]++;
  }

  problem(who, what) {
    this.problemCount++;
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(`[${this.phase}] ${who}: ${what}`);
  }
}

/** One logged-in user: requests with ids and their replies, deliveries to handlers, every surprise a problem. */
class Client {
  constructor(url, name, recorder) {
    this.url = url;
    this.name = name;
    this.rec = recorder;
    this.nextId = 1;
    this.pending = new Map(); // id -> { resolve, timer }
    this.on = {}; // delivery type -> handler(message)
    this.closing = false;
  }

  async connect() {
    const started = performance.now();
    this.ws = new WebSocket(this.url, { localAddress: '127.0.0.1', perMessageDeflate: false, handshakeTimeout: REPLY_TIMEOUT_MS });
    this.ws.on('message', (data) => this.receive(String(data)));
    this.ws.on('error', (e) => this.rec.problem(this.name, `socket error: ${e.message}`));
    this.ws.on('close', (code, reason) => {
      if (!this.closing) this.rec.problem(this.name, `closed by the gateway: ${code} ${reason}`);
      for (const { resolve, timer } of this.pending.values()) { clearTimeout(timer); resolve(null); }
      this.pending.clear();
    });
    await new Promise((resolve, reject) => { this.ws.once('open', resolve); this.ws.once('error', reject); });
    const ok = await this.request({ type: 'login', name: this.name });
    if (!ok) throw new Error(`${this.name} could not log in`);
    return performance.now() - started;
  }

  /** Sends `message` with an id; resolves with the `ok` (null on an error or a time-out, both problems). */
  request(message) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.rec.problem(this.name, `no reply within ${REPLY_TIMEOUT_MS} ms to ${message.type}`);
        resolve(null);
      }, REPLY_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      this.send({ ...message, id });
    });
  }

  send(message) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  receive(text) {
    let m;
    try { m = JSON.parse(text); } catch { this.rec.problem(this.name, `not JSON: ${text.slice(0, 80)}`); return; }
    if (m.type === 'ok' || m.type === 'error') {
      const waiting = this.pending.get(m.id);
      if (m.type === 'error') this.rec.problem(this.name, `error ${m.code}: ${m.message}`);
      if (!waiting) { if (m.type === 'ok') this.rec.problem(this.name, `an ok nobody waits for: ${text.slice(0, 80)}`); return; }
      clearTimeout(waiting.timer);
      this.pending.delete(m.id);
      waiting.resolve(m.type === 'ok' ? m : null);
    } else if (this.on[m.type]) {
      this.on[m.type](m);
    } else if (m.type !== 'presence') {
      this.rec.problem(this.name, `unexpected ${m.type}: ${text.slice(0, 80)}`);
    }
  }

  /** Closes with 1000 and waits for the gateway's close. */
  async close() {
    this.closing = true;
    if (this.ws.readyState === WebSocket.CLOSED) return;
    let timer;
    const closed = new Promise((resolve) => { this.ws.once('close', resolve); timer = setTimeout(resolve, REPLY_TIMEOUT_MS); });
    this.ws.close(1000);
    await closed;
    clearTimeout(timer);
    if (this.ws.readyState !== WebSocket.CLOSED) this.rec.problem(this.name, `not closed within ${REPLY_TIMEOUT_MS} ms of its close frame`);
  }
}

/**
 * Two users that message each other with sequence numbers and, one call at a time, call each other:
 * the caller offers, the callee answers, each trickles CANDIDATES numbered candidates and the end of
 * them, the caller hangs up once it has the callee's, the callee checks it had all of the caller's.
 */
class Pair {
  constructor(url, index, recorder) {
    this.rec = recorder;
    this.a = new Client(url, `legit-${index}-a`, recorder);
    this.b = new Client(url, `legit-${index}-b`, recorder);
    this.sent = new Map(); // sender name -> last seq sent
    this.received = new Map(); // sender name -> last seq received
    this.running = false;
  }

  async start() {
    await this.a.connect();
    await this.b.connect();
    for (const me of [this.a, this.b]) {
      this.sent.set(me.name, 0);
      this.received.set(me.name, 0);
      me.on.message = (m) => this.onMessage(me, m);
      me.on.candidate = (m) => this.call?.candidate(me, m);
      me.on.offer = (m) => this.call?.offer(me, m);
      me.on.answer = (m) => this.call?.answer(me, m);
      me.on.bye = (m) => this.call?.bye(me, m);
    }
    this.running = true;
    this.loops = [this.messages(this.a, this.b), this.messages(this.b, this.a), this.calls()];
  }

  onMessage(me, m) {
    const { seq, t, phase } = m.data ?? {};
    const expected = this.received.get(m.from) + 1;
    if (seq !== expected) this.rec.problem(me.name, `message ${seq} from ${m.from} where ${expected} was due (${seq > expected ? 'lost' : 'repeated or reordered'})`);
    this.received.set(m.from, Math.max(seq, this.received.get(m.from)));
    this.rec.sample('message', performance.now() - t, phase);
    this.rec.count('messages', phase);
  }

  async messages(me, peer) {
    while (this.running) {
      const seq = this.sent.get(me.name) + 1;
      this.sent.set(me.name, seq);
      void me.request({ type: 'message', to: peer.name, data: { seq, t: performance.now(), phase: this.rec.phase } });
      await sleep(MESSAGE_EVERY_MS);
    }
  }

  async calls() {
    while (this.running) {
      await this.oneCall();
      await sleep(CALL_EVERY_MS);
    }
  }

  /** One whole call from a to b; every step checked, the whole bounded by CALL_TIMEOUT_MS. */
  oneCall() {
    const { a, b, rec } = this;
    const phase = rec.phase;
    const started = performance.now();
    return new Promise((resolve) => {
      const state = { id: null, aGot: 0, bGot: 0, answered: false };
      const done = (problem) => {
        clearTimeout(timer);
        if (problem) rec.problem(a.name, `call: ${problem}`); else rec.count('calls', phase);
        this.call = null;
        resolve();
      };
      const timer = setTimeout(() => done(`not complete within ${CALL_TIMEOUT_MS} ms`), CALL_TIMEOUT_MS);
      const trickle = (me, call) => {
        for (let k = 1; k <= CANDIDATES; k++) {
          void me.request({ type: 'candidate', call, candidate: { candidate: `candidate:${k} 1 udp 2122260223 127.0.0.1 ${50000 + k} typ host`, sdpMid: '0', sdpMLineIndex: 0 } });
        }
        void me.request({ type: 'candidate', call, candidate: null });
      };
      this.call = {
        offer: (me, m) => {
          if (me !== b || m.from !== a.name) return rec.problem(me.name, `an offer from ${m.from}`);
          state.id = m.call;
          void b.request({ type: 'answer', call: m.call, sdp: ANSWER_SDP }).then(() => trickle(b, m.call));
        },
        answer: (me, m) => {
          if (me !== a || m.call !== state.id) return rec.problem(me.name, `an answer for ${m.call}`);
          state.answered = true;
          rec.sample('setup', performance.now() - started, phase);
          trickle(a, m.call);
        },
        candidate: (me, m) => {
          const got = me === a ? ++state.aGot : ++state.bGot;
          const k = m.candidate === null ? CANDIDATES + 1 : Number(/^candidate:(\d+)/.exec(m.candidate?.candidate ?? '')?.[1]);
          if (k !== got) return done(`${me.name} got candidate ${k} where ${got} was due`);
          if (me === a && k === CANDIDATES + 1) void a.request({ type: 'bye', call: state.id });
        },
        bye: (me, m) => {
          if (me !== b || m.call !== state.id) return done(`${me.name} got a bye for ${m.call}`);
          done(state.bGot === CANDIDATES + 1 ? null : `the callee had ${state.bGot} of the caller's ${CANDIDATES + 1} candidates at the bye`);
        },
      };
      void a.request({ type: 'offer', to: b.name, sdp: OFFER_SDP }).then((ok) => {
        if (!ok) done('the offer was refused');
      });
    });
  }

  /** Stops sending, waits (bounded) for the last messages to arrive, checks none is missing, closes. */
  async stop() {
    this.running = false;
    await Promise.all(this.loops);
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    const allIn = () => [...this.sent].every(([from, last]) => this.received.get(from) === last);
    while (!allIn() && Date.now() < deadline) await sleep(50);
    for (const [from, last] of this.sent) {
      if (this.received.get(from) !== last) this.rec.problem(from, `${last - this.received.get(from)} of its last messages never arrived`);
    }
    await this.a.close();
    await this.b.close();
  }
}

/** Logs in and out over and over, as users opening and closing the page do: connect -> login's ok, timed. */
async function loginLoop(url, recorder, control, loop, everyMs) {
  for (let n = 0; control.running; n++) {
    const client = new Client(url, `legit-login-${loop}-${n}`, recorder);
    const phase = recorder.phase;
    try {
      recorder.sample('login', await client.connect(), phase);
      recorder.count('logins', phase);
    } catch (e) {
      recorder.problem(client.name, `login failed: ${e.message}`);
    }
    await client.close();
    await sleep(everyMs);
  }
}

/** Starts `pairs` calling pairs and `loginLoops` login loops against `url`; resolves once all are logged in. */
export async function startLegitimateUsers(url, recorder, { pairs, loginLoops = 1, loginEveryMs = 200 }) {
  const all = Array.from({ length: pairs }, (_, i) => new Pair(url, i, recorder));
  for (const pair of all) await pair.start();
  const control = { running: true };
  const loops = Array.from({ length: loginLoops }, (_, i) => loginLoop(url, recorder, control, i, loginEveryMs));
  return {
    sessions: 2 * pairs,
    async stop() {
      control.running = false;
      await Promise.all(loops);
      await Promise.all(all.map((pair) => pair.stop()));
    },
  };
}
