// The client-to-client baseline of bench/xmpp-load.sh: the same Jingle call set-up the bridged calls make through
// Prosody, made by two XMPP clients that are not the gateway (bench/lib/jingle-client.mjs: StanzaJS over TCP with
// STARTTLS), so that the gateway's figures stand beside what Prosody and two plain Jingle clients do.
//
// Each call, as the gateway's two accounts exchange it in a bridged call (its stanzas, read off the wire with
// Smack's debugger):
//
//   caller -> callee's bare JID: XEP-0353 propose (audio, video), store hint, receipt request
//   callee -> caller: ringing, proceed
//   caller -> callee: IQ session-initiate (the offer SDP the bridged run sends, as Jingle); callee: IQ result
//   callee -> caller: IQ session-accept (the answer SDP, as Jingle), and XEP-0353 accept to its own bare JID;
//     caller: IQ result                                                          <- the set-up ends here
//   caller -> callee: IQ session-terminate (success) and XEP-0353 finish; callee: IQ result  <- the call ends here
//
// The SDP is turned into Jingle by StanzaJS's own SDP code once per run (a call differs in its ICE ufrag only, as
// the bridged calls' offers do); every stanza of every call is built, serialized, parsed and routed anew.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { JINGLE_MESSAGE } from './jingle-client.mjs';
import { CallRun } from './call-run.mjs';

const e2e = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e');
const require = createRequire(path.join(e2e, 'package.json'));
const { importFromSDP } = require('stanza/jingle/sdp/Intermediate');
const { convertIntermediateToRequest } = require('stanza/jingle/sdp/Protocol');
const NS = require('stanza/Namespaces');

export { JINGLE_MESSAGE };

/** An SDP as the contents and groups of a Jingle request, for `role` ('initiator' or 'responder'). */
export function sdpToJingle(sdp, role) {
  return convertIntermediateToRequest(importFromSDP(sdp), role, NS.NS_JINGLE_ICE_UDP_1);
}

/** `jingle` with every transport's ICE ufrag set to `ufrag`: what tells one call's offer from another's. */
const withUfrag = (jingle, ufrag) => ({
  ...jingle,
  contents: jingle.contents.map((c) => ({ ...c, transport: { ...c.transport, usernameFragment: ufrag } })),
});

/**
 * One run of `n` calls from `caller` to `callee` ({ client, jid } of jingle-client.mjs), at most `concurrent` at a
 * time, each at most `callTimeoutMs`, the run at most `runTimeoutMs`; sids `${label}-<i>`. Resolves to the shape of
 * xmpp-load.mjs's bridged runs: { ok, answered, failed, failures: Map(reason -> calls), strays: Map(what -> times),
 * firstFailures, setupMs (sorted), cycleMs (sorted), seconds (first propose to last session-accept) }.
 * Set-up: the propose sent -> the session-accept received (the caller's offer sent -> its answer received);
 * whole call: the propose sent -> the session-terminate received by the callee.
 */
export function runBaseline(caller, callee, { label, n, concurrent, callTimeoutMs, runTimeoutMs, offer, answer }) {
  const calleeBare = callee.jid.split('/')[0];
  const c = caller.client;
  const d = callee.client;
  const stage = (call) => (!call.proposed ? 'no propose reached the callee' : !call.proceeded ? 'no proceed reached the caller'
    : !call.initiated ? 'no session-initiate reached the callee' : !call.answered ? 'no session-accept reached the caller'
      : 'no session-terminate reached the callee');
  const tally = new CallRun({
    label, n, concurrent, callTimeoutMs, runTimeoutMs, runTimeoutText: `the run's ${runTimeoutMs / 1000} s ran out`, stage,
    general: (reason) => reason.replace(/'[\w-]+'/g, "'<sid>'"),
    place: (call, i) => {
      call.ufrag = `${label}${i.toString(36).padStart(5, '0')}`;
      c.send('message', {
        to: calleeBare, type: 'chat', id: `propose-${call.id}`,
        jingleMessage: { action: 'propose', id: call.id, media: ['audio', 'video'] },
        processingHints: { store: true }, receipt: { type: 'request' },
      });
    },
    // Stanzas that arrive after the run (in the same read as its last one, say) are none of its business.
    onFinish: () => { for (const [client, event, handler] of listeners) client.off(event, handler); },
  });

  /** Sends an IQ set; an error answer or none fails the call (StanzaJS rejects the promise then). */
  const request = (client, call, to, jingle) => client.sendIQ({ to, type: 'set', jingle }).catch((err) => {
    if (!call.done) tally.fail(call, `${jingle.action} answered ${err?.error?.condition ?? err?.message ?? err}`);
  });
  const jmi = (client, to, action, sid, extra = {}) => client.send('message', {
    to, type: 'chat', id: `${action}-${sid}`, jingleMessage: { action, id: sid, ...extra }, processingHints: { store: true },
  });
  /** The live call of `sid`, or null, counting `what` as a stray. */
  const live = (sid, what) => {
    const call = tally.live(sid);
    if (!call) tally.stray(`${what} for no live call of the run`);
    return call;
  };

  // The callee: proceeds at once (as the gateway does for a logged-in user), answers the offer with the answer.
  const calleeMessage = (m) => {
    const j = m.jingleMessage;
    if (!j || m.type === 'error' || m.from === callee.jid) return; // its own accept, back from its bare JID
    if (j.action !== 'propose') return; // finish: for call logs
    const call = live(j.id, 'a propose');
    if (!call) return;
    call.proposed = true;
    jmi(d, m.from, 'ringing', j.id);
    jmi(d, m.from, 'proceed', j.id);
  };
  const calleeJingle = (iq) => {
    const { action, sid } = iq.jingle;
    const call = tally.live(sid);
    if (!call) {
      d.sendIQError(iq, { error: { condition: 'item-not-found', type: 'cancel' } });
      tally.stray(`${action} for no live call of the run`);
      return;
    }
    d.sendIQResult(iq);
    if (action === 'session-initiate') {
      call.initiated = true;
      request(d, call, iq.from, { action: 'session-accept', sid, ...answer });
      jmi(d, calleeBare, 'accept', sid); // tells the callee's other devices the call was taken (the gateway does)
    } else if (action === 'session-terminate') {
      tally.succeed(call);
    }
  };
  // The caller: session-initiate on proceed; on session-accept, the set-up is done and it hangs up at once.
  const callerMessage = (m) => {
    const j = m.jingleMessage;
    if (!j) return;
    if (m.type === 'error') {
      const call = tally.live(j.id);
      if (call) tally.fail(call, `the ${j.action} came back as an error (${m.error?.condition ?? 'no condition'})`);
      return;
    }
    if (j.action !== 'proceed') return; // ringing: nothing to do
    const call = live(j.id, 'a proceed');
    if (!call) return;
    call.proceeded = true;
    request(c, call, m.from, { action: 'session-initiate', sid: j.id, initiator: caller.jid, ...withUfrag(offer, call.ufrag) });
  };
  const callerJingle = (iq) => {
    const { action, sid } = iq.jingle;
    const call = tally.live(sid);
    if (!call || action !== 'session-accept') {
      c.sendIQError(iq, { error: { condition: 'item-not-found', type: 'cancel' } });
      tally.stray(`${action} for no live call of the run`);
      return;
    }
    c.sendIQResult(iq);
    tally.answerArrived(call);
    request(c, call, iq.from, { action: 'session-terminate', sid, initiator: caller.jid, reason: { condition: 'success' } });
    jmi(c, iq.from, 'finish', sid, { reason: ['reason', 'success'] });
  };
  const listeners = [[d, 'message', calleeMessage], [d, 'iq:set:jingle', calleeJingle], [c, 'message', callerMessage], [c, 'iq:set:jingle', callerJingle]];
  for (const [client, event, handler] of listeners) client.on(event, handler);
  return tally.start();
}
