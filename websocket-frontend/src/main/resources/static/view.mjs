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
