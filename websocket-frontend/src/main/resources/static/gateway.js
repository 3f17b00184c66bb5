// gateway.js: a small, dependency-free browser client for the webrtc-gateway
// signaling protocol (PROTOCOL.md, version 1). Two ways to load it:
//
//   <script src="/gateway.js"></script>   then   const { Gateway } = window.WebRTCGateway;
//   import { Gateway } from '/gateway.mjs';        (an ES module re-exporting the same)
//
//   const gw = new Gateway();                      // ws://<page host>/ws
//   await gw.connect('alice');
//   const call = gw.call('bob', stream);           // or 'sip:1001@host', 'xmpp:bob@host'
//   gw.addEventListener('incoming', (e) => e.detail.call.accept(stream));
//
//   call.sendDtmf('123#');  call.hold();  call.resume();  await call.transfer('carol');
//   gw.addEventListener('mailbox', (e) => showVoiceMail(e.detail.new));
//
// Design notes (why it is built this way):
// - Every request carries an `id`; `ok`/`error` replies are matched by it, so the
//   page can show *which* action failed (peer unknown, room full...).
// - An unexpected socket drop keeps the session on the gateway for a grace period.
//   We reconnect with backoff and log in with `resume`, so calls survive. Signaling
//   sent while disconnected waits in an outbox and goes out after the resume.
// - A deliberate `logout()` closes with a close frame, which ends the session at once.
// - Each call is one RTCPeerConnection using "perfect negotiation" (the W3C pattern):
//   the callee is polite and rolls back its own offer on glare, so both sides may
//   renegotiate (add video, ICE restart) at any time without coordinating.
// - Hold is a renegotiation like any other (RFC 3264 section 8.4): the holder's transceivers go
//   sendonly (inactive where they only received) and send nothing; the far side's answer then
//   sends nothing back. Whoever holds is read from the directions of the far side's descriptions,
//   so a SIP phone's hold shows the same way as a browser's.
// - A `transfer` that arrives on a call is a cancelable event: unless the app calls
//   preventDefault(), the library follows it (calls `to` with the same media, and ends the old
//   call with reason `transferred` once the new one is answered), as a desk phone does.

(() => {
'use strict';

  const CALL_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const REQUEST_TIMEOUT_MS = 15000;
  // A transfer's reply waits for the far side's verdict: a SIP REFER's is known only once the target
  // answered (or failed), which may take as long as a phone rings.
  const TRANSFER_TIMEOUT_MS = 120000;
  const HEARTBEAT_MS = 20000;
  const RECONNECT_MIN_MS = 250;
  const RECONNECT_MAX_MS = 5000;
  const ICE_DISCONNECTED_GRACE_MS = 3000;
  const FINAL_LOGIN_ERRORS = ['name-taken', 'bad-name', 'unauthorized', 'forbidden', 'bad-message'];
  // Room calls get ids with this prefix, so the other member can tell a mesh leg
  // (answered automatically) from a person calling (which rings).
  const ROOM_CALL_PREFIX = 'room.';

  function randomId(length) {
    const bytes = new Uint8Array(length);
    crypto.getRandomValues(bytes);
    let out = '';
    for (const b of bytes) out += CALL_ID_CHARS[b % CALL_ID_CHARS.length];
    return out;
  }

  const REASON_TRANSFERRED = 'transferred';
  const HOLD_DIRECTION = { sendrecv: 'sendonly', recvonly: 'inactive' };

  /**
   * True when a description from the far side offers to send us no audio or video at all: every audio and
   * video section it has not rejected (port 0) is sendonly or inactive, which is how RFC 3264 holds a stream.
   */
  function sendsNothing(sdp) {
    const sections = String(sdp || '').split(/\r?\nm=/);
    const sessionDirection = direction(sections[0], 'sendrecv');
    let media = 0;
    for (const section of sections.slice(1)) {
      const [, kind, port] = /^(\w+) (\d+)/.exec(section) || [];
      if ((kind !== 'audio' && kind !== 'video') || port === '0') continue;
      media++;
      const d = direction(section, sessionDirection);
      if (d !== 'sendonly' && d !== 'inactive') return false;
    }
    return media > 0;
  }

  function direction(section, fallback) {
    const m = /\na=(sendrecv|sendonly|recvonly|inactive)\r?(?:\n|$)/.exec('\n' + section);
    return m ? m[1] : fallback;
  }

  function emit(target, type, detail) {
    target.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** An `error` reply from the gateway, with its protocol `code` (e.g. `unknown-peer`). */
  class GatewayError extends Error {
    constructor(code, message) {
      super(message ? `${code}: ${message}` : code);
      this.name = 'GatewayError';
      this.code = code;
    }
  }

  /**
   * One signaling connection and session. Events (CustomEvent, data in `detail`):
   *  state     {state: 'connecting'|'connected'|'reconnecting'|'closed', attempt?, delayMs?}
   *  login     {name, resumed, interrupted, iceServers}  after every login or resume (interrupted: the
   *                                             session's node died; every call renegotiates)
   *  ice-servers {iceServers}                    fresh TURN credentials (already in use for new calls)
   *  session-lost {reason}                       a resume was refused; we logged in fresh
   *  incoming  {call}                            an offer for a new call (not a room leg)
   *  message   {from, room?, data}
   *  presence  {from, status, note?}
   *  mailbox   {from, new, old}                  voice messages waiting (new) and heard (old), e.g. from a
   *                                             SIP account's message-waiting notice; the last one is in `gw.mailbox`
   *  transfer-call {call, replaces, to, from}     a call placed to follow a transfer (see Call's `transfer` event);
   *                                             `replaces` ends with reason `transferred` once `call` is answered
   *  peer-joined / peer-left {room, name}
   *  room-call {room, call}                      a mesh leg of a room was set up
   *  error     {code, message}                   an error no request was waiting for
   */
  class Gateway extends EventTarget {
    constructor(options = {}) {
      super();
      this.url = options.url || Gateway.defaultUrl();
      this.token = options.token || null;
      this.name = null;
      this.session = null;
      this.iceServers = [];
      this.state = 'closed';
      this.calls = new Map();       // call id -> Call
      this.rooms = new Map();       // room -> Set of member names (others, not us)
      this.subscriptions = new Set();
      this.presence = null;         // our own last presence, re-sent after a fresh login
      this.mailbox = null;          // the last `mailbox` delivery: {from, new, old}
      this._ws = null;
      this._nextId = 1;
      this._pending = new Map();    // request id -> {resolve, reject, timer}
      this._outbox = [];            // messages waiting for a (re)connected session
      this._wanted = false;         // true between connect() and logout()
      this._attempt = 0;
      this._reconnectTimer = null;
      this._heartbeat = null;
      this._wantedName = null;
    }

    /** ws(s)://<page host>/ws: the gateway serves both the page and the socket. */
    static defaultUrl() {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      return `${scheme}//${location.host}/ws`;
    }

    /** Opens the socket and logs in; resolves with the login reply. */
    connect(name) {
      this._wanted = true;
      this._wantedName = name || null;
      return this._open();
    }

    /** Ends the session at once (close frame): calls get `bye`, rooms `peer-left`. */
    logout() {
      this._wanted = false;
      clearTimeout(this._reconnectTimer);
      for (const call of [...this.calls.values()]) call._end('logout', false);
      this._failPending(new GatewayError('closed', 'logged out'));
      this._outbox = [];
      this.session = null;
      this.mailbox = null;
      if (this._ws) {
        const ws = this._ws;
        this._detach();
        ws.close(1000, 'logout');
      }
      this._setState('closed');
    }

    // ---- requests -------------------------------------------------------------

    /** Sends a request with an `id`; resolves with the `ok` reply, rejects with GatewayError. */
    request(message, { queue = true, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
      const id = String(this._nextId++);
      const framed = { ...message, id };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this._pending.delete(id);
          reject(new GatewayError('timeout', `no reply to ${message.type}`));
        }, timeoutMs);
        this._pending.set(id, { resolve, reject, timer });
        this._send(framed, queue);
      });
    }

    /** Fire-and-forget signaling; queued while reconnecting so the session sees it in order. */
    send(message) {
      this._send(message, true);
    }

    sendMessage(target, data) {
      const to = target.startsWith('#') ? { room: target.slice(1) } : { to: target };
      return this.request({ type: 'message', ...to, data });
    }

    setPresence(status, note) {
      this.presence = note ? { status, note } : { status };
      return this.request({ type: 'presence', ...this.presence });
    }

    /** Follows an address; its current presence (from the `ok` reply) arrives as a `presence` event. */
    async subscribe(address) {
      this.subscriptions.add(address);
      const reply = await this.request({ type: 'subscribe', to: address });
      this._presenceFromReply(address, reply);
      return reply;
    }

    _presenceFromReply(address, reply) {
      // A bridged address (sip:, xmpp:) may not know yet: no status, a later `presence` tells.
      if (reply && reply.status) emit(this, 'presence', { from: reply.to || address, status: reply.status, note: reply.note });
    }

    async unsubscribe(address) {
      this.subscriptions.delete(address);
      return this.request({ type: 'unsubscribe', to: address });
    }

    // ---- calls ------------------------------------------------------------------

    /**
     * Calls an address with a local MediaStream (may be null for receive-only).
     * Returns the Call at once; failures (unknown-peer, busy...) end it with that reason.
     */
    call(address, stream, options = {}) {
      const call = new Call(this, {
        id: options.callId || randomId(20),
        peer: address,
        direction: 'outgoing',
        polite: false,
      });
      this.calls.set(call.id, call);
      call._start(stream);
      return call;
    }

    // ---- rooms ------------------------------------------------------------------

    /**
     * Joins (or creates) a room and calls every member already there: a full mesh.
     * The members that were there answer the newcomer's offers on their own.
     */
    async join(room, stream, options = {}) {
      const reply = await this.request({
        type: 'join', room, ...(options.capacity ? { capacity: options.capacity } : {}),
      });
      const members = new Set(reply.peers || []);
      this.rooms.set(room, members);
      this._roomStreams = this._roomStreams || new Map();
      this._roomStreams.set(room, stream);
      for (const peer of members) {
        const call = new Call(this, {
          id: ROOM_CALL_PREFIX + randomId(20), peer, direction: 'outgoing', polite: false, room,
        });
        this.calls.set(call.id, call);
        emit(this, 'room-call', { room, call });
        call._start(stream);
      }
      return { room, peers: [...members], initiator: !!reply.initiator };
    }

    async leave(room) {
      this._endRoomCalls(room, 'left');
      this.rooms.delete(room);
      if (this._roomStreams) this._roomStreams.delete(room);
      return this.request({ type: 'leave', room });
    }

    _endRoomCalls(room, reason) {
      for (const call of [...this.calls.values()]) if (call.room === room) call.hangup(reason);
    }

    // ---- socket -----------------------------------------------------------------

    _open() {
      this._setState(this._attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this._attempt });
      return new Promise((resolve, reject) => {
        let ws;
        try {
          ws = new WebSocket(this._socketUrl());
        } catch (e) {
          reject(e);
          return;
        }
        this._ws = ws;
        let opened = false;
        ws.onopen = () => {
          opened = true;
          this._login().then(resolve, (err) => {
            if (FINAL_LOGIN_ERRORS.includes(err.code)) {
              // name-taken, bad-name...: trying again would fail the same way. Stop.
              this._wanted = false;
              this._detach();
              ws.close(1000, 'login refused');
              this._setState('closed', { code: err.code });
            } else if (this._ws === ws) {
              // No reply in time: try again on a new connection.
              this._detach();
              ws.close(4000, 'login timeout');
              this._onDrop({ code: err.code });
            }
            reject(err);
          });
        };
        ws.onmessage = (event) => this._onFrame(event.data);
        ws.onclose = (event) => {
          if (this._ws !== ws) return;
          this._onDrop(event);
          if (!opened) reject(new GatewayError('connection-lost', 'could not connect'));
        };
      });
    }

    _socketUrl() {
      if (!this.token) return this.url;
      const sep = this.url.includes('?') ? '&' : '?';
      return `${this.url}${sep}token=${encodeURIComponent(this.token)}`;
    }

    /** Logs in, resuming the old session when we have its token. */
    async _login() {
      let reply;
      let resumed = false;
      if (this.session) {
        try {
          reply = await this.request({ type: 'login', resume: this.session }, { queue: false });
          resumed = reply.resumed !== false;
        } catch (err) {
          if (err.code !== 'unauthorized') throw err;
          // The gateway forgot us (restarted, or the grace period ran out).
          this._afterSessionLost('resume refused: ' + err.code);
          reply = await this._freshLogin();
        }
      } else {
        reply = await this._freshLogin();
      }
      this.name = reply.name;
      this.session = reply.session || null;
      this._useIceServers(reply.iceServers || []);
      this._attempt = 0;
      this._setState('connected');
      this._startHeartbeat();
      this._flushOutbox();
      // interrupted: the node that held our session died (a cluster); what it held for us may be lost,
      // so every call renegotiates, whatever its ICE state says now.
      const interrupted = resumed && reply.interrupted === true;
      emit(this, 'login', { name: this.name, resumed, interrupted, iceServers: this.iceServers });
      if (resumed) {
        for (const call of this.calls.values()) call._afterResume(interrupted);
      } else {
        this._restoreAfterFreshLogin();
      }
      return reply;
    }

    /** Logs in without resume, under the name we had (or asked for) if any. */
    _freshLogin() {
      const name = this.name || this._wantedName;
      return this.request({ type: 'login', ...(name ? { name } : {}) }, { queue: false });
    }

    /** The old session is gone: its calls and room legs cannot be reached any more. */
    _afterSessionLost(reason) {
      this.session = null;
      for (const call of [...this.calls.values()]) call._end('session-lost', false);
      // Anything queued belonged to the old session's calls.
      this._outbox = [];
      emit(this, 'session-lost', { reason });
    }

    /** After a fresh login (first one, or after the gateway forgot us): set things up again. */
    _restoreAfterFreshLogin() {
      const ignore = () => {};
      if (this.presence) this.request({ type: 'presence', ...this.presence }).catch(ignore);
      for (const address of this.subscriptions) {
        this.request({ type: 'subscribe', to: address }).then((r) => this._presenceFromReply(address, r), ignore);
      }
      for (const room of [...this.rooms.keys()]) {
        const stream = this._roomStreams && this._roomStreams.get(room);
        this.rooms.delete(room);
        this.join(room, stream).catch((err) => emit(this, 'error', { code: err.code, message: `rejoin ${room}: ${err.message}` }));
      }
    }

    _onDrop(event) {
      this._detach();
      this._stopHeartbeat();
      this._failPending(new GatewayError('connection-lost', 'connection lost'));
      if (!this._wanted) {
        this._setState('closed');
        return;
      }
      // Any close we did not ask for (no close frame, gateway restart, going away):
      // reconnect and try to resume. Backoff with jitter so many clients do not
      // hammer a restarting gateway in lockstep.
      const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this._attempt);
      const delayMs = Math.round(base / 2 + Math.random() * base / 2);
      this._attempt++;
      this._setState('reconnecting', { attempt: this._attempt, delayMs, code: event && event.code });
      clearTimeout(this._reconnectTimer);
      this._reconnectTimer = setTimeout(() => {
        this._open().catch(() => { /* the next drop schedules the next attempt */ });
      }, delayMs);
    }

    /** Forgets the socket without closing it (closing would send a close frame). */
    _detach() {
      if (!this._ws) return;
      this._ws.onopen = this._ws.onmessage = this._ws.onclose = null;
      this._ws = null;
    }

    _setState(state, extra = {}) {
      this.state = state;
      emit(this, 'state', { state, ...extra });
    }

    _send(message, queue) {
      const ready = this._ws && this._ws.readyState === WebSocket.OPEN
        && (this.state === 'connected' || message.type === 'login');
      if (ready) {
        this._ws.send(JSON.stringify(message));
      } else if (queue) {
        this._outbox.push(message);
      }
      // Not queued and not sent: the caller's request times out or the drop fails it.
    }

    _flushOutbox() {
      const waiting = this._outbox;
      this._outbox = [];
      for (const message of waiting) this._send(message, true);
    }

    _failPending(error) {
      for (const [id, p] of this._pending) {
        // Requests still in the outbox are sent after the resume; keep waiting for them.
        if (this._outbox.some((m) => m.id === id)) continue;
        clearTimeout(p.timer);
        p.reject(error);
        this._pending.delete(id);
      }
    }

    _startHeartbeat() {
      this._stopHeartbeat();
      // Application-level ping: notices a dead connection the browser has not noticed
      // (a half-open TCP connection after a network change). On timeout we abandon the
      // socket without a close frame, so the gateway keeps the session for our resume.
      this._heartbeat = setInterval(() => {
        const ws = this._ws;
        if (!ws || this.state !== 'connected') return;
        this.request({ type: 'ping' }, { queue: false }).catch((err) => {
          if (err.code === 'timeout' && this._ws === ws) this._onDrop({ code: 'heartbeat' });
        });
      }, HEARTBEAT_MS);
    }

    _stopHeartbeat() {
      clearInterval(this._heartbeat);
      this._heartbeat = null;
    }

    // ---- incoming frames ----------------------------------------------------------

    _onFrame(text) {
      let msg;
      try {
        msg = JSON.parse(text);
      } catch (e) {
        return;
      }
      if (msg.id !== undefined && this._pending.has(String(msg.id))) {
        this._settle(msg);
        return;
      }
      switch (msg.type) {
        case 'offer': return this._onOffer(msg);
        case 'answer':
        case 'candidate':
        case 'ringing':
        case 'dtmf':
          return this._forCall(msg, (call) => call._onSignal(msg));
        case 'bye': return this._forCall(msg, (call) => call._end(msg.reason || 'bye', false));
        case 'transfer': return this._forCall(msg, (call) => call._onTransfer(msg));
        case 'mailbox': return this._onMailbox(msg);
        case 'message': return emit(this, 'message', { from: msg.from, room: msg.room, data: msg.data });
        case 'presence': return emit(this, 'presence', { from: msg.from, status: msg.status, note: msg.note });
        case 'peer-joined': return this._onPeerJoined(msg);
        case 'peer-left': return this._onPeerLeft(msg);
        case 'error': return this._onUnmatchedError(msg);
        case 'ice-servers':
          this._useIceServers(msg.iceServers || []);
          return emit(this, 'ice-servers', { iceServers: this.iceServers });
        default: return undefined; // pong and future types
      }
    }

    /**
     * TURN credentials expire (the gateway mints them for `ice.turn-ttl` and sends fresh ones half-way through):
     * new calls use the latest, and so do ICE restarts of the calls we are in, which allocate new relays.
     */
    _useIceServers(iceServers) {
      this.iceServers = iceServers;
      for (const call of this.calls.values()) {
        if (!call.pc || call.pc.signalingState === 'closed') continue;
        try {
          call.pc.setConfiguration({ ...call.pc.getConfiguration(), iceServers });
        } catch (err) {
          // The call keeps the servers it had; it still works until those credentials expire.
          emit(this, 'error', { code: 'ice-servers', message: `call ${call.id}: ${err.message}` });
        }
      }
    }

    _settle(msg) {
      const id = String(msg.id);
      const p = this._pending.get(id);
      this._pending.delete(id);
      clearTimeout(p.timer);
      if (msg.type === 'error') {
        p.reject(new GatewayError(msg.code, msg.message));
      } else {
        p.resolve(msg);
      }
    }

    _onUnmatchedError(msg) {
      // `unknown-call` for a fire-and-forget candidate/answer/bye is a race, not a fault:
      // the call ended on the other side (or its offer failed) while ours was on its way.
      if (msg.code === 'unknown-call') {
        if (msg.call && this.calls.has(msg.call)) this.calls.get(msg.call)._end('unknown-call', false);
        return;
      }
      emit(this, 'error', { code: msg.code, message: msg.message });
    }

    _onMailbox(msg) {
      const count = (n) => (Number.isInteger(n) && n >= 0 ? n : 0);
      this.mailbox = { from: msg.from, new: count(msg.new), old: count(msg.old) };
      emit(this, 'mailbox', { ...this.mailbox });
    }

    _forCall(msg, fn) {
      const call = this.calls.get(msg.call);
      if (call) fn(call);
    }

    _onOffer(msg) {
      const known = this.calls.get(msg.call);
      if (known) {
        known._onSignal(msg); // renegotiation (or glare, handled by the call)
        return;
      }
      const room = this._roomOf(msg);
      const call = new Call(this, {
        id: msg.call, peer: msg.from, direction: 'incoming', polite: true, room,
      });
      this.calls.set(call.id, call);
      call._remoteOffer = msg.sdp;
      if (room) {
        emit(this, 'room-call', { room, call });
        call.accept(this._roomStreams && this._roomStreams.get(room));
      } else {
        this.send({ type: 'ringing', call: call.id });
        emit(this, 'incoming', { call });
      }
    }

    /** A mesh leg: a room call id from someone who is in one of our rooms. */
    _roomOf(msg) {
      if (!String(msg.call).startsWith(ROOM_CALL_PREFIX)) return null;
      for (const [room, members] of this.rooms) if (members.has(msg.from)) return room;
      // The offer can overtake `peer-joined` only if the gateway reorders; accept it anyway
      // for our single room rather than ringing the user for a mesh leg.
      return this.rooms.size === 1 ? [...this.rooms.keys()][0] : null;
    }

    _onPeerJoined(msg) {
      const members = this.rooms.get(msg.room);
      if (members) members.add(msg.from || msg.name);
      emit(this, 'peer-joined', { room: msg.room, name: msg.from || msg.name });
    }

    _onPeerLeft(msg) {
      const name = msg.from || msg.name;
      const members = this.rooms.get(msg.room);
      if (members) members.delete(name);
      for (const call of [...this.calls.values()]) {
        if (call.room === msg.room && call.peer === name) call._end('left', false);
      }
      emit(this, 'peer-left', { room: msg.room, name });
    }
  }

  /**
   * One call: an RTCPeerConnection plus its signaling. Events:
   *  state  {state: 'calling'|'ringing'|'incoming'|'connecting'|'connected'|'ended', reason?}
   *  track  {track, stream}                       remote media arrived (or changed)
   *  ice    {state}                               iceConnectionState changes
   *  dtmf   {tones, duration, from}               tones the far side sent (the `dtmf` message)
   *  hold   {local, remote}                       who holds the call changed: we (hold()), the far side, both
   *  transfer {to, from, follow(stream?)}         the far side asks us to call `to` instead (cancelable:
   *                                               preventDefault() and the library does nothing; the app may
   *                                               call follow() later, or never, which declines)
   *  transfer-failed {to, reason}                 the call placed to follow a transfer ended before it was
   *                                               answered; this call goes on
   */
  class Call extends EventTarget {
    constructor(gateway, { id, peer, direction, polite, room = null }) {
      super();
      this.gateway = gateway;
      this.id = id;
      this.peer = peer;
      this.direction = direction;
      this.room = room;
      this.polite = polite;
      this.state = direction === 'incoming' ? 'incoming' : 'calling';
      this.endReason = null;
      this.held = false;            // we hold the call (hold())
      this.remoteHeld = false;      // the far side holds it (its last description sends us nothing)
      this.transferredTo = null;    // the Call that follows a transfer of this one, once placed
      this.localStream = null;
      this.remoteStream = new MediaStream();
      this.pc = null;
      this._makingOffer = false;
      this._ignoreOffer = false;
      this._sentFirstOffer = false;
      this._remoteOffer = null;
      this._pendingCandidates = [];
      this._iceTimer = null;
      this._signals = Promise.resolve();
      this._beforeHold = new Map(); // transceiver -> {direction, track} to restore on resume()
    }

    /** Answers an incoming call with a local stream (null = receive only). */
    async accept(stream) {
      if (this.state !== 'incoming') return;
      this._setState('connecting');
      this._createPeerConnection();
      // Tracks are added once the offer is applied (see _onDescription), so they reuse
      // the offer's transceivers instead of asking for a second negotiation.
      this._acceptStream = stream;
      await this._onSignal({ type: 'offer', sdp: this._remoteOffer });
    }

    reject(reason = 'decline') {
      if (this.state !== 'incoming') return;
      this.gateway.send({ type: 'reject', call: this.id, reason });
      this._end(reason, false);
    }

    hangup(reason) {
      if (this.state === 'ended') return;
      this.gateway.send({ type: 'bye', call: this.id, ...(reason ? { reason } : {}) });
      this._end(reason || 'hangup', false);
    }

    /** Adds the tracks of a stream (e.g. a camera to an audio call); renegotiates. */
    addStream(stream) {
      this._addStream(stream);
    }

    /** Mutes or unmutes our audio (or video) without renegotiating. */
    setMuted(kind, muted) {
      if (!this.localStream) return;
      for (const t of this.localStream.getTracks()) if (t.kind === kind) t.enabled = !muted;
    }

    sendDtmf(tones, duration) {
      this.gateway.send({ type: 'dtmf', call: this.id, tones, ...(duration ? { duration } : {}) });
    }

    /**
     * Puts the call on hold: every transceiver that sends goes sendonly (one that only receives goes
     * inactive) and sends nothing, not even silence; the far side's answer then sends nothing back.
     * Renegotiates. Returns false if there is nothing to hold (not set up yet, ended, already held).
     */
    hold() {
      if (!this.pc || this.state === 'ended' || this.held) return false;
      for (const t of this._liveTransceivers()) {
        this._beforeHold.set(t, { direction: t.direction, track: t.sender.track });
        t.direction = HOLD_DIRECTION[t.direction] || t.direction;
        if (t.sender.track) t.sender.replaceTrack(null).catch((err) => console.warn('gateway.js: hold', err));
      }
      this.held = true;
      emit(this, 'hold', { local: true, remote: this.remoteHeld });
      return true;
    }

    /** Takes the call off hold: directions and tracks as before hold(). Renegotiates. */
    resume() {
      if (!this.pc || this.state === 'ended' || !this.held) return false;
      for (const t of this._liveTransceivers()) {
        const before = this._beforeHold.get(t);
        if (!before) continue;
        t.direction = before.direction;
        if (before.track) t.sender.replaceTrack(before.track).catch((err) => console.warn('gateway.js: resume', err));
      }
      this._beforeHold.clear();
      this.held = false;
      emit(this, 'hold', { local: false, remote: this.remoteHeld });
      return true;
    }

    /**
     * Blind transfer: asks the far side to call `to` instead. Resolves with the `ok` reply once the far side
     * accepted (a browser at once; a SIP phone once the new call is answered, which may take a while), after
     * which this call ends with reason `transferred`. Rejects with GatewayError (forbidden, unreachable...);
     * the call then goes on.
     */
    transfer(to, { timeoutMs = TRANSFER_TIMEOUT_MS } = {}) {
      return this.gateway.request({ type: 'transfer', call: this.id, to }, { timeoutMs });
    }

    /**
     * Follows a transfer of this call: calls `to` with `stream` (by default this call's own media) and ends
     * this call with reason `transferred` once the new call is answered; if the new call fails first, this
     * call goes on and emits `transfer-failed`. Returns the new Call (the same one if called again).
     */
    followTransfer(to, stream = this.localStream) {
      if (this.transferredTo && this.transferredTo.state !== 'ended') return this.transferredTo;
      const next = this.gateway.call(to, stream);
      this.transferredTo = next;
      const onState = ({ detail }) => {
        if (detail.state === 'connecting' || detail.state === 'connected') {
          next.removeEventListener('state', onState);
          this.hangup(REASON_TRANSFERRED); // no-op if this call ended meanwhile
        } else if (detail.state === 'ended') {
          next.removeEventListener('state', onState);
          if (this.transferredTo === next) this.transferredTo = null;
          if (this.state !== 'ended') emit(this, 'transfer-failed', { to, reason: detail.reason });
        }
      };
      next.addEventListener('state', onState);
      emit(this.gateway, 'transfer-call', { call: next, replaces: this, to, from: this.peer });
      return next;
    }

    /** New ICE credentials and candidates: for a changed network. Renegotiates. */
    restartIce() {
      if (this.pc && this.state !== 'ended') this.pc.restartIce();
    }

    // ---- internals ---------------------------------------------------------------

    _liveTransceivers() {
      return this.pc.getTransceivers().filter((t) => !t.stopped && t.currentDirection !== 'stopped');
    }

    _onTransfer(msg) {
      if (this.state === 'ended') return;
      const follow = (stream) => this.followTransfer(msg.to, stream);
      const event = new CustomEvent('transfer', { detail: { to: msg.to, from: msg.from, follow }, cancelable: true });
      // dispatchEvent is false when a listener called preventDefault(): the app decides.
      if (this.dispatchEvent(event)) follow();
    }

    _start(stream) {
      this._createPeerConnection();
      this._addStream(stream);
      // With no tracks at all, nothing triggers negotiationneeded: ask to receive.
      if (!stream || stream.getTracks().length === 0) {
        this.pc.addTransceiver('audio', { direction: 'recvonly' });
        this.pc.addTransceiver('video', { direction: 'recvonly' });
      }
    }

    _addStream(stream) {
      if (!stream) return;
      if (!this.localStream) this.localStream = new MediaStream();
      for (const track of stream.getTracks()) {
        if (this.localStream.getTracks().includes(track)) continue;
        this.localStream.addTrack(track);
        this.pc.addTrack(track, this.localStream);
      }
    }

    _createPeerConnection() {
      const pc = new RTCPeerConnection({ iceServers: this.gateway.iceServers });
      this.pc = pc;
      pc.onicecandidate = ({ candidate }) => {
        // `null` tells the far side there are no more candidates.
        this.gateway.send({ type: 'candidate', call: this.id, candidate: candidate ? candidate.toJSON() : null });
      };
      pc.onnegotiationneeded = () => this._negotiate();
      pc.ontrack = ({ track, streams }) => {
        if (!this.remoteStream.getTracks().includes(track)) this.remoteStream.addTrack(track);
        emit(this, 'track', { track, stream: this.remoteStream });
        track.onunmute = () => emit(this, 'track', { track, stream: this.remoteStream });
      };
      pc.oniceconnectionstatechange = () => this._onIceState(pc.iceConnectionState);
    }

    async _negotiate() {
      // negotiationneeded can be queued before an offer from the far side is applied;
      // it fires again once we are back in 'stable' if still needed.
      if (this.state === 'ended' || this.pc.signalingState !== 'stable') return;
      try {
        this._makingOffer = true;
        await this.pc.setLocalDescription();
        const offer = { type: 'offer', to: this.peer, call: this.id, sdp: this.pc.localDescription.sdp };
        if (!this._sentFirstOffer && this.direction === 'outgoing') {
          this._sentFirstOffer = true;
          // Only the first offer can fail with unknown-peer/busy/unreachable; wait for its reply.
          this.gateway.request(offer).catch((err) => {
            if (err.code !== 'timeout' && err.code !== 'connection-lost') this._end(err.code, false);
          });
        } else {
          this.gateway.send(offer);
        }
      } catch (err) {
        console.warn('gateway.js: negotiation failed', err);
      } finally {
        this._makingOffer = false;
      }
    }

    /**
     * offer / answer / candidate / ringing from the far side, handled one at a time in
     * arrival order: each step awaits the peer connection, and a candidate must not
     * overtake the offer it belongs to.
     */
    _onSignal(msg) {
      this._signals = this._signals.then(() => this._handleSignal(msg));
      return this._signals;
    }

    async _handleSignal(msg) {
      if (this.state === 'ended') return;
      try {
        if (msg.type === 'ringing') {
          if (this.state === 'calling') this._setState('ringing');
        } else if (msg.type === 'offer' || msg.type === 'answer') {
          if (!this.pc) { this._remoteOffer = msg.sdp; return; } // still ringing: keep newest offer
          await this._onDescription({ type: msg.type, sdp: msg.sdp });
        } else if (msg.type === 'candidate') {
          await this._onCandidate(msg.candidate);
        } else if (msg.type === 'dtmf') {
          emit(this, 'dtmf', { tones: msg.tones, duration: msg.duration, from: msg.from });
        }
      } catch (err) {
        console.warn('gateway.js: signaling failed', msg.type, err);
      }
    }

    async _onDescription(description) {
      const pc = this.pc;
      const collision = description.type === 'offer'
        && (this._makingOffer || pc.signalingState !== 'stable');
      this._ignoreOffer = !this.polite && collision;
      if (this._ignoreOffer) return; // impolite: our offer wins, theirs is dropped
      await pc.setRemoteDescription(description); // polite: rolls back our offer implicitly
      this._noteRemoteHold(description.sdp);
      if (this._acceptStream !== undefined) {
        this._addStream(this._acceptStream);
        delete this._acceptStream;
      }
      if (description.type === 'answer' && (this.state === 'calling' || this.state === 'ringing')) {
        this._setState('connecting');
      }
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        this.gateway.send({ type: 'answer', call: this.id, sdp: pc.localDescription.sdp });
      }
      for (const c of this._pendingCandidates.splice(0)) await this._addCandidate(c);
    }

    async _onCandidate(candidate) {
      if (!this.pc || !this.pc.remoteDescription) {
        this._pendingCandidates.push(candidate);
        return;
      }
      await this._addCandidate(candidate);
    }

    async _addCandidate(candidate) {
      // null or an empty candidate string = end of candidates; Chromium needs no signal for it.
      if (!candidate || !candidate.candidate) return;
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (err) {
        if (!this._ignoreOffer) throw err; // candidates of an offer we dropped fail harmlessly
      }
    }

    _onIceState(state) {
      emit(this, 'ice', { state });
      clearTimeout(this._iceTimer);
      if (state === 'connected' || state === 'completed') {
        if (this.state !== 'ended') this._setState('connected');
      } else if (state === 'failed') {
        this._restartIceWhenSignaling();
      } else if (state === 'disconnected') {
        // Often recovers by itself within a second or two (a lost packet burst);
        // if not, the network changed under us: restart ICE.
        this._iceTimer = setTimeout(() => this._restartIceWhenSignaling(), ICE_DISCONNECTED_GRACE_MS);
      }
    }

    _noteRemoteHold(sdp) {
      const remoteHeld = sendsNothing(sdp);
      if (remoteHeld === this.remoteHeld) return;
      this.remoteHeld = remoteHeld;
      emit(this, 'hold', { local: this.held, remote: remoteHeld });
    }

    /** ICE restart now if we can signal; otherwise _afterResume does it. */
    _restartIceWhenSignaling() {
      if (this.gateway.state === 'connected') this.restartIce();
    }

    /** Called after the session was resumed on a new connection (interrupted: its node had died). */
    _afterResume(interrupted) {
      if (!this.pc || this.state === 'ended') return;
      const ice = this.pc.iceConnectionState;
      if (interrupted || (ice !== 'connected' && ice !== 'completed')) this.restartIce();
    }

    _end(reason, notify) {
      if (this.state === 'ended') return;
      if (notify) this.gateway.send({ type: 'bye', call: this.id, reason });
      clearTimeout(this._iceTimer);
      this.endReason = reason;
      if (this.pc) this.pc.close();
      this.gateway.calls.delete(this.id);
      this._setState('ended', { reason });
    }

    _setState(state, extra = {}) {
      this.state = state;
      emit(this, 'state', { state, ...extra });
    }
  }

  globalThis.WebRTCGateway = Object.freeze({ Gateway, Call, GatewayError, ROOM_CALL_PREFIX, REASON_TRANSFERRED });
})();
