// An XMPP client that is not the gateway, for bench/xmpp-load.sh's client-to-client baseline: StanzaJS 12
// (e2e's npm package), logged in to Prosody the way the gateway's accounts are (Smack, XMPPTCPConnection):
// over XMPP's TCP binding with STARTTLS required, SCRAM, resource binding, stream management, carbons and
// an available presence. StanzaJS ships only the WebSocket and BOSH bindings, so this module adds the
// TCP one as a StanzaJS transport (its `client.transports` table): one socket, upgraded in place by
// STARTTLS (RFC 6120 section 5) and verified against the given certificate, and StanzaJS's own stream
// parser over it. It also teaches StanzaJS the XEP-0353 messages (propose, ringing, proceed, accept,
// finish, ...), which it does not define, through its own definition machinery (jxt).
//
// Only StanzaJS's XMPP core and messaging plugins are used, not its Jingle session manager: the driver
// sends the Jingle IQs itself (the same actions and contents the bridged calls carry), so each client's
// cost is a Jingle client's stanza work, not a WebRTC stack's.
//
//   const c = await connectClient({ jid, password, host, port, ca });  // resolves once online
//   c.client: the StanzaJS client;  c.close(): logs out
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const e2e = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e');
const require = createRequire(path.join(e2e, 'package.json'));
const { Client } = require('stanza');
const messaging = require('stanza/plugins/messaging').default;
const roster = require('stanza/plugins/roster').default;
const jxt = require('stanza/jxt');
const NS = require('stanza/Namespaces');

export const JINGLE_MESSAGE = 'urn:xmpp:jingle-message:0'; // XEP-0353 (StanzaJS 12 has an older namespace only)
const LOGIN_TIMEOUT_MS = 10000;
const STREAM_HEADER = (domain) => "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
  + `xmlns:stream='http://etherx.jabber.org/streams' to='${domain}' version='1.0' xml:lang='en'>`;

/** XEP-0353's messages as StanzaJS definitions: message.jingleMessage = { action, id, media?, reason? }. */
const jingleMessageDefinitions = ['propose', 'ringing', 'proceed', 'accept', 'reject', 'retract', 'finish'].map((action) => ({
  element: action,
  namespace: JINGLE_MESSAGE,
  path: 'message.jingleMessage',
  type: action,
  typeField: 'action',
  fields: {
    id: jxt.attribute('id'),
    // propose: <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/> per medium
    media: jxt.multipleChildAttribute(NS.NS_JINGLE_RTP_1, 'description', 'media'),
    // finish, reject, retract: <reason xmlns='urn:xmpp:jingle:1'><success/></reason>, as ['reason', 'success']
    reason: jxt.childDoubleEnum(NS.NS_JINGLE_1, ['reason'], ['success', 'busy', 'decline', 'cancel', 'gone', 'general-error']),
  },
}));

/** A StanzaJS transport class for XMPP over TCP with STARTTLS to host:port, trusting `ca` (PEM) only. */
function tcpTransport({ host, port, ca }) {
  return class TcpStartTls extends Duplex {
    constructor(client, sm, stanzas) {
      super({ objectMode: true });
      Object.assign(this, { client, sm, stanzas, hasStream: false, closing: false });
      this.on('data', (e) => client.emit('stream:data', e.stanza, e.kind));
      this.on('error', () => this.end());
      this.on('end', () => { if (client.transport === this) client.emit('--transport-disconnected'); });
    }

    _read() {}

    // What StanzaJS writes while it handles one piece of input (an IQ result, the next request, their ack requests)
    // goes out in one write once that is done, as Smack's writer thread flushes once its queue is empty: so the
    // server reads these clients' stanzas in as few TLS records as it reads the gateway's, not one record each.
    _write(chunk, encoding, done) {
      // After the stream's close, what StanzaJS still has queued (an ack, say) is dropped, as a closed socket drops it.
      if (!this.socket || this.socket.destroyed) return done();
      if (this.client.config.raw) this.client.emit('raw', 'outgoing', chunk.toString()); // for debugging only: costs
      this.pending ??= [];
      if (this.pending.push(chunk) === 1) setImmediate(() => this.flush());
      done();
    }

    flush() {
      const data = this.pending.join('');
      this.pending = [];
      if (this.socket && !this.socket.destroyed) this.socket.write(data);
    }

    connect(config) {
      this.config = config;
      this.socket = net.connect({ host, port, noDelay: true });
      this.socket.once('connect', () => {
        this.sm.started = false;
        this.client.emit('connected');
        this.restart();
      });
      this.listen(this.socket);
    }

    /** Feeds what `socket` reads to the current parser; its end ends the transport. */
    listen(socket) {
      socket.on('data', (data) => {
        if (this.client.config.raw) this.client.emit('raw', 'incoming', data.toString('utf8'));
        this.parser?.write(data.toString('utf8'));
      });
      socket.on('close', () => { if (this.socket === socket) this.push(null); });
      socket.on('error', (err) => this.client.emit('stream:error', { condition: 'connection-timeout', text: err.message }));
    }

    /** A new stream (after connecting, STARTTLS and SASL): a new parser for the server's new stream header. */
    restart() {
      this.hasStream = false;
      this.parser = new jxt.StreamParser({ acceptLanguages: this.config.acceptLanguages, allowComments: false,
        lang: this.config.lang, registry: this.stanzas, wrappedStream: true });
      this.parser.on('data', (e) => {
        if (e.event === 'stream-start') {
          this.hasStream = true;
          this.stream = e.stanza;
          this.client.emit('stream:start', e.stanza);
        } else if (e.event === 'stream-end') {
          this.client.emit('stream:end');
          this.disconnect();
        } else {
          this.push({ kind: e.kind, stanza: e.stanza });
        }
      });
      this.parser.on('error', (err) => {
        this.client.emit('stream:error', { condition: 'invalid-xml' }, err);
        this.disconnect();
      });
      this.write(STREAM_HEADER(this.config.server));
    }

    /** The server said <proceed/>: the same socket, now in TLS, the certificate checked against `ca`. */
    upgrade() {
      const raw = this.socket;
      raw.removeAllListeners('data');
      raw.removeAllListeners('close');
      return new Promise((resolve, reject) => {
        const secure = tls.connect({ socket: raw, servername: this.config.server, ca }, () => resolve());
        secure.once('error', reject);
        this.socket = secure;
        this.listen(secure);
      });
    }

    async send(name, data) {
      const output = this.stanzas.export(name, data)?.toString();
      if (!output) return;
      await new Promise((resolve, reject) => this.write(output, 'utf8', (err) => (err ? reject(err) : resolve())));
    }

    disconnect(clean = true) {
      if (this.socket && !this.closing && this.hasStream && clean) {
        this.closing = true;
        this.write('</stream:stream>');
        this.closeTimer = setTimeout(() => this.disconnect(false), 1000);
        return;
      }
      clearTimeout(this.closeTimer);
      this.hasStream = false;
      if (this.socket) {
        this.end();
        this.socket.destroy();
        if (this.client.transport === this) this.client.emit('--transport-disconnected');
      }
      this.socket = undefined;
    }
  };
}

/**
 * Logs `jid` in at host:port (STARTTLS, `ca` a PEM file or text), enables carbons and sends an available
 * presence, as the gateway's accounts do. Resolves to { client, jid (the full JID), close() }.
 */
export async function connectClient({ jid, password, host, port, ca, raw = false }) {
  const pem = ca.includes('-----BEGIN') ? ca : fs.readFileSync(ca, 'utf8');
  const client = new Client({
    jid, password, raw, // raw: emit 'raw' events with what goes over the wire (debugging)
    transports: { tcp: `tcp://${host}:${port}` }, transportPreferenceOrder: ['tcp'],
    useStreamManagement: true, allowResumption: false,
    sendReceipts: false, chatMarkers: false, // as the gateway's accounts (Smack sends receipts only to subscribed contacts)
  });
  // The core plugins (the constructor's: SASL, bind, stream management, disco) and messaging (carbons) and the
  // roster; not StanzaJS's Jingle session manager, which would answer the Jingle IQs as sessions of its own, with a
  // WebRTC stack it does not have here: the driver answers them itself (client.on('iq:set:jingle')).
  client.use(messaging);
  client.use(roster);
  client.stanzas.define(jingleMessageDefinitions);
  client.transports.tcp = tcpTransport({ host, port, ca: pem });
  // STARTTLS before SASL (StanzaJS registers SASL at 100): Prosody offers nothing else before it, as c2s_require_encryption says.
  client.registerFeature('tls', 50, (features, done) => {
    client.once('tls', (answer) => {
      if (answer.type !== 'proceed') { done('disconnect', 'STARTTLS refused'); return; }
      client.transport.upgrade().then(() => done('restart'), (err) => done('disconnect', `TLS: ${err.message}`));
    });
    client.send('tls', { type: 'start' });
  });
  const online = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${jid}: not online within ${LOGIN_TIMEOUT_MS / 1000} s`)), LOGIN_TIMEOUT_MS);
    client.once('session:started', () => { clearTimeout(timer); resolve(); });
    client.once('auth:failed', () => { clearTimeout(timer); reject(new Error(`${jid}: authentication failed`)); });
    client.once('stream:error', (e, err) => { clearTimeout(timer); reject(new Error(`${jid}: stream error ${e.condition}${err ? `: ${err.message}` : ''}${e.text ? `: ${e.text}` : ''}`)); });
  });
  client.connect();
  await online;
  await client.getRoster();
  await client.enableCarbons();
  // Online once the server has the presence (it sends it back to the resource): a message to the bare JID
  // before that finds no resource to go to.
  const available = new Promise((resolve) => {
    const own = (p) => { if (p.from === client.jid) { client.off('available', own); resolve(); } };
    client.on('available', own);
  });
  client.sendPresence();
  await Promise.race([available, new Promise((resolve, reject) => setTimeout(() => reject(new Error(`${jid}: own presence not back within 5 s`)), 5000))]);
  return {
    client,
    jid: client.jid,
    close: () => new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      client.once('--transport-disconnected', () => { clearTimeout(timer); resolve(); });
      client.disconnect();
    }),
  };
}
