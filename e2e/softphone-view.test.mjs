// The softphone page's view functions (websocket-frontend/.../static/view.mjs) in plain node: what the
// voice-mail button, the busy lamps and the hold state show. The `mailbox` delivery comes from the SIP
// bridge's message-waiting subscription, which no browser test here can make a PBX send, so its
// rendering is proven here; softphone.test.mjs drives the rest of the page in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIAL_PAD, toneOfKey, lampView, mailboxView, holdView, tonesLine,
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
