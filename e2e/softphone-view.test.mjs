// The softphone page's view functions (websocket-frontend/.../static/view.mjs) in plain node: what the
// voice-mail button, the busy lamps, the hold state and why a call ended show, with values no real peer
// sends on demand (250 messages, malformed counts, every SIP failure). softphone.test.mjs drives the page
// in Chromium browser to browser, pbx.test.mjs against Kamailio, sipp phones and rtpengine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIAL_PAD, toneOfKey, lampView, mailboxView, holdView, tonesLine, callEndedView,
} from '../websocket-frontend/src/main/resources/static/view.mjs';

test('the voice-mail button is hidden until a mailbox arrives', () => {
  assert.equal(mailboxView(null).hidden, true);
  assert.equal(mailboxView(undefined).hidden, true);
});

test('new voice messages light the button, show their count and say what pressing it does', () => {
  assert.deepEqual(mailboxView({ from: 'sip:*97@pbx.example.org', new: 2, old: 5 }), {
    hidden: false,
    lit: true,
    count: '2',
    label: '2 new voice messages, 5 old. Call voice mail (sip:*97@pbx.example.org).',
    title: '2 new voice messages, 5 old',
  });
  assert.equal(mailboxView({ from: 'sip:*97@pbx', new: 1, old: 0 }).label, '1 new voice message. Call voice mail (sip:*97@pbx).');
});

test('no new messages: the button stays, unlit, with a zero count', () => {
  const view = mailboxView({ from: 'sip:*97@pbx', new: 0, old: 3 });
  assert.equal(view.lit, false);
  assert.equal(view.count, '0');
  assert.equal(view.title, 'No new voice messages, 3 old');
});

test('a count over 99 is shown as 99+, and counts that are not counts as zero', () => {
  assert.equal(mailboxView({ from: 'v', new: 250, old: 0 }).count, '99+');
  assert.equal(mailboxView({ from: 'v', new: -1, old: 'x' }).title, 'No new voice messages');
  assert.equal(mailboxView({ from: 'v', new: 1.5 }).lit, false);
});

test('a lamp shows each presence status with an accessible label naming the contact', () => {
  assert.deepEqual(lampView('carol', { status: 'available' }), { status: 'available', text: 'Available', label: 'carol: Available' });
  assert.deepEqual(lampView('carol', { status: 'busy', note: 'on the phone' }),
    { status: 'busy', text: 'Busy (on the phone)', label: 'carol: Busy (on the phone)' });
  assert.equal(lampView('sip:1003@pbx', { status: 'offline' }).label, 'sip:1003@pbx: Offline');
});

test('a lamp whose status is not known yet (or not one of the four) says so instead of guessing', () => {
  assert.equal(lampView('sip:1003@pbx').status, 'unknown');
  assert.equal(lampView('x', { status: 'toString' }).status, 'unknown');
  assert.equal(lampView('x', { status: 'ringing' }).text, 'Not known yet');
});

test('hold reads who holds the call', () => {
  assert.deepEqual(holdView({ local: false, remote: false }, 'bob'), { state: 'none', text: '' });
  assert.deepEqual(holdView({ local: true, remote: false }, 'bob'), { state: 'local', text: 'on hold' });
  assert.deepEqual(holdView({ local: false, remote: true }, 'bob'), { state: 'remote', text: 'held by bob' });
  assert.deepEqual(holdView({ local: true, remote: true }, 'bob'), { state: 'both', text: 'on hold (both sides)' });
});

test('the dial pad has the sixteen DTMF keys, and only those keys of a keyboard are tones', () => {
  assert.deepEqual(DIAL_PAD.flat().map(([tone]) => tone).sort(), [...'#*0123456789ABCD'].sort());
  assert.equal(toneOfKey('5'), '5');
  assert.equal(toneOfKey('#'), '#');
  assert.equal(toneOfKey('b'), 'B');
  for (const key of ['e', 'Enter', '12', '', ' ', undefined]) assert.equal(toneOfKey(key), null);
  assert.equal(tonesLine('alice', '12#'), 'alice sent tones 1 2 #');
});

test('a call that failed on the SIP side says why, naming the number', () => {
  assert.deepEqual(callEndedView('not-found', 'sip:1009@pbx'),
    { kind: 'error', code: 'not-found', text: 'sip:1009@pbx does not exist: no such number or address.' });
  assert.equal(callEndedView('unavailable', 'sip:1002@pbx').text, 'sip:1002@pbx is not available right now.');
  assert.equal(callEndedView('not-acceptable', 'sip:1002@pbx').text, 'sip:1002@pbx cannot take this call\'s media (no codec in common).');
  assert.match(callEndedView('media-relay-unreachable', 'sip:1002@pbx').text, /needs the media relay/);
  // Every reason the gateway itself gives (docs/protocol.md, "bye reasons") has words, except those shown elsewhere.
  for (const reason of ['decline', 'busy', 'gone', 'timeout', 'unreachable', 'not-found', 'unavailable', 'forbidden',
    'address-incomplete', 'not-acceptable', 'server-error', 'failed', 'overloaded', 'media-relay-unreachable']) {
    assert.ok(callEndedView(reason, 'x')?.text, reason);
  }
});

test('a hang-up is news, the user\'s own end of a call or a reason nobody defined is not', () => {
  assert.deepEqual(callEndedView('bye', 'bob'), { kind: 'info', code: 'bye', text: 'bob hung up.' });
  assert.equal(callEndedView('gone', 'bob').kind, 'info');
  for (const reason of ['hangup', 'logout', 'cancel', 'toString', 'whatever the peer said', undefined]) {
    assert.equal(callEndedView(reason, 'bob'), null, String(reason));
  }
});
