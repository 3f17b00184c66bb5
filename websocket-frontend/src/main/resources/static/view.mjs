// What the softphone page shows for a piece of state, as plain data (text, accessible label, flags).
// No DOM and no gateway here: app.js puts the result on the page, and node tests these functions
// directly (e2e/softphone-view.test.mjs), with values the gateway cannot be made to send on demand.

/** The dial pad, row by row: each key's tone and the letters printed under it. */
export const DIAL_PAD = [
  [['1', ''], ['2', 'ABC'], ['3', 'DEF'], ['A', '']],
  [['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'], ['B', '']],
  [['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'], ['C', '']],
  [['*', ''], ['0', '+'], ['#', ''], ['D', '']],
];

const TONE = /^[0-9A-Da-d*#]$/;

/** The tone a key of the keyboard stands for (digits, * # and A-D), or null. */
export function toneOfKey(key) {
  return typeof key === 'string' && TONE.test(key) ? key.toUpperCase() : null;
}

const LAMP_TEXT = { available: 'Available', away: 'Away', busy: 'Busy', offline: 'Offline', unknown: 'Not known yet' };

/** A contact's busy lamp: its colour (`status`), the text beside it and what a screen reader says. */
export function lampView(address, presence = {}) {
  const status = Object.hasOwn(LAMP_TEXT, presence.status) ? presence.status : 'unknown';
  const text = presence.note ? `${LAMP_TEXT[status]} (${presence.note})` : LAMP_TEXT[status];
  return { status, text, label: `${address}: ${text}` };
}

/**
 * The voice-mail button from the last `mailbox` delivery ({from, new, old}), or hidden before any: the
 * count of new messages (lit while there are any), and a label that says what pressing it does.
 */
export function mailboxView(mailbox) {
  if (!mailbox) return { hidden: true, lit: false, count: '', label: '', title: '' };
  const fresh = countOf(mailbox.new);
  const old = countOf(mailbox.old);
  const heard = old > 0 ? `, ${old} old` : '';
  const summary = fresh > 0
    ? `${fresh} new voice ${fresh === 1 ? 'message' : 'messages'}${heard}`
    : `No new voice messages${heard}`;
  return {
    hidden: false,
    lit: fresh > 0,
    count: fresh > 99 ? '99+' : String(fresh),
    label: mailbox.from ? `${summary}. Call voice mail (${mailbox.from}).` : `${summary}.`,
    title: summary,
  };
}

function countOf(n) {
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Who holds a call ({local, remote} as gateway.js's `hold` event has it), for the call status and the tile. */
export function holdView({ local = false, remote = false } = {}, peer = 'the other side') {
  if (local && remote) return { state: 'both', text: 'on hold (both sides)' };
  if (local) return { state: 'local', text: 'on hold' };
  if (remote) return { state: 'remote', text: `held by ${peer}` };
  return { state: 'none', text: '' };
}

/** The line the call log shows when tones arrive. */
export function tonesLine(from, tones) {
  return `${from} sent tones ${[...String(tones)].join(' ')}`;
}

// Why a call ended, for the person who made or took it: the reasons a far end or the gateway gives in `bye`
// (docs/protocol.md, "bye reasons"), most of them a SIP failure status. Not here: an end the user chose (hang-up,
// reject) or one shown elsewhere (transferred, a room's peer leaving).
const CALL_ENDED = {
  'bye': (who) => ['info', `${who} hung up.`],
  'gone': (who) => ['info', `${who} hung up.`],
  'unknown-peer': (who) => ['error', `${who} is not known to the gateway (not online, or no such address).`],
  'unreachable': (who) => ['error', `${who} cannot be reached right now.`],
  'busy': (who) => ['error', `${who} is busy.`],
  'decline': (who) => ['error', `${who} declined the call.`],
  'not-found': (who) => ['error', `${who} does not exist: no such number or address.`],
  'unavailable': (who) => ['error', `${who} is not available right now.`],
  'timeout': (who) => ['error', `${who} stopped answering: the call timed out.`],
  'forbidden': (who) => ['error', `You may not call ${who}.`],
  'address-incomplete': (who) => ['error', `${who} is an incomplete number.`],
  'not-acceptable': (who) => ['error', `${who} cannot take this call's media (no codec in common).`],
  'server-error': (who) => ['error', `The phone system failed to connect the call with ${who}.`],
  'failed': (who) => ['error', `The call with ${who} failed.`],
  'bad-message': (who) => ['error', `${who} is not an address that can be called.`],
  'overloaded': () => ['error', 'The gateway takes no new phone calls right now; try again in a moment.'],
  'media-relay-unreachable': (who) => ['error', `The call with ${who} needs the media relay, which cannot be reached right now.`],
};

/** The notice for a call with `peer` that ended for `reason` ({kind, code, text}), or null when there is nothing to say. */
export function callEndedView(reason, peer) {
  const text = Object.hasOwn(CALL_ENDED, reason) ? CALL_ENDED[reason] : null;
  if (!text) return null;
  const [kind, line] = text(peer);
  return { kind, code: reason, text: line };
}
