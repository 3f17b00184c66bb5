// The softphone page: wires the DOM in index.html to gateway.js. No framework, no build.
import { Gateway } from './gateway.mjs';
import { DIAL_PAD, toneOfKey, lampView, mailboxView, holdView, tonesLine, callEndedView } from './view.mjs';

const $ = (id) => document.getElementById(id);

const gw = new Gateway();
const ui = {
  media: null,          // our camera+microphone stream, asked for once
  room: null,           // the room we are in
  incoming: null,       // the Call ringing now
  muted: false,
  cameraOff: false,
  contacts: new Map(),  // address -> {status, note}
  roomMembers: new Set(),
  transfers: new Map(), // id of a call we asked to transfer -> the address it goes to
  presenceSent: null,   // the presence we last set, "status|note"
  toolsCall: null,      // the call the dial pad, hold and transfer act on
};
const CALL_LOG_LINES = 8;

// What the user reads for each protocol error code or call end reason.
const REASONS = {
  'unknown-peer': (who) => `${who} is not known to the gateway (not online, or no such address).`,
  'unreachable': (who) => `${who} cannot be reached right now.`,
  'busy': (who) => `${who} is busy.`,
  'decline': (who) => `${who} declined the call.`,
  'room-full': (room) => `Room "${room}" is full.`,
  'name-taken': (name) => `The name "${name}" is already in use. Pick another one.`,
  'bad-name': (name) => `"${name}" is not a valid name: use letters, digits and . _ - @ + (1 to 64).`,
  'unauthorized': () => 'The gateway refused the login (not authorized).',
  'forbidden': () => 'Not allowed.',
  'rate-limited': () => 'Too many requests; slow down a little.',
  'timeout': () => 'The gateway did not answer in time.',
  'connection-lost': () => 'The connection to the gateway is lost.',
  'bad-message': () => 'The gateway did not understand the request.',
  'unknown-call': () => 'That call has ended.',
};

function describe(code, subject) {
  const text = REASONS[code];
  return text ? text(subject) : `${subject ? subject + ': ' : ''}${code}`;
}

// ---- notices -------------------------------------------------------------------------

function notify(text, kind = 'error', code = '') {
  const box = $('notice');
  $('notice-text').textContent = text;
  box.dataset.kind = kind;
  box.dataset.code = code;
  box.hidden = false;
}

function clearNotice(kindOnly) {
  if (kindOnly && $('notice').dataset.kind !== kindOnly) return;
  $('notice').hidden = true;
}

$('notice-close').onclick = () => clearNotice();

// ---- connection and login ----------------------------------------------------------------

$('login-form').onsubmit = async (event) => {
  event.preventDefault();
  const name = $('login-name').value.trim();
  $('login-button').disabled = true;
  try {
    await gw.connect(name || undefined);
  } catch (err) {
    notify(describe(err.code || 'connection-lost', name), 'error', err.code || 'connection-lost');
  } finally {
    $('login-button').disabled = false;
  }
};

$('logout-button').onclick = () => {
  gw.logout();
  for (const id of [...document.querySelectorAll('.tile.remote')].map((t) => t.dataset.call)) removeTile(id);
  ui.room = null;
  ui.contacts.clear();
  ui.presenceSent = null;
  renderRoom();
  renderContacts();
  renderMailbox(null);
  showPhone(false);
};

gw.addEventListener('state', ({ detail }) => renderConnection(detail));

function renderConnection({ state, attempt, delayMs }) {
  const status = $('status');
  status.dataset.state = state;
  if (state === 'connected') {
    status.textContent = 'Connected';
  } else if (state === 'reconnecting') {
    const wait = delayMs ? ` in ${(delayMs / 1000).toFixed(1)} s` : '';
    status.textContent = `Reconnecting (attempt ${attempt})`;
    notify(`Connection lost. Retrying${wait}… Calls stay up while we reconnect.`, 'warn', 'connection-lost');
  } else if (state === 'connecting') {
    status.textContent = 'Connecting…';
  } else {
    status.textContent = 'Not connected';
  }
}

gw.addEventListener('login', ({ detail }) => {
  $('me').textContent = detail.name;
  $('login-name').value = detail.name;
  showPhone(true);
  if (detail.interrupted) {
    notify('Reconnected to another server. Your session and calls were resumed; '
      + 'a few messages sent at that moment may be missing.', 'info', 'resumed');
  } else if (detail.resumed) {
    notify('Reconnected. Your session and calls were resumed.', 'info', 'resumed');
  } else if ($('notice').dataset.code === 'connection-lost') {
    clearNotice();
  }
  syncOwnPresence(true);
  if (!detail.resumed) followSavedContacts();
});

gw.addEventListener('session-lost', () => {
  notify('Reconnected, but the gateway had forgotten this session (it restarted?). '
    + 'Calls in progress ended; you are logged in again.', 'warn', 'session-lost');
});

gw.addEventListener('error', ({ detail }) => notify(describe(detail.code), 'error', detail.code));

function showPhone(loggedIn) {
  $('login-view').hidden = loggedIn;
  $('phone-view').hidden = !loggedIn;
  $('logout-button').hidden = !loggedIn;
  if (!loggedIn) $('me').textContent = '';
}

// ---- local media ---------------------------------------------------------------------

/** Camera and microphone, asked for once; an audio-only call gets just the audio tracks. */
async function localMedia(withVideo) {
  if (!ui.media) {
    ui.media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    $('local-video').srcObject = ui.media;
  }
  return withVideo ? ui.media : new MediaStream(ui.media.getAudioTracks());
}

// ---- calls -----------------------------------------------------------------------------

$('call-form').onsubmit = async (event) => {
  event.preventDefault();
  const address = $('call-address').value.trim();
  if (!address) return;
  clearNotice('error');
  const stream = await localMedia($('call-video').checked);
  trackCall(gw.call(address, stream));
  if (!$('chat-to').value) $('chat-to').value = address;
};

gw.addEventListener('incoming', ({ detail: { call } }) => {
  // One ringing call at a time: a second caller gets busy.
  if (ui.incoming) {
    call.reject('busy');
    return;
  }
  ui.incoming = call;
  $('incoming-from').textContent = call.peer;
  $('incoming').hidden = false;
  call.addEventListener('state', ({ detail }) => {
    if (detail.state !== 'incoming' && ui.incoming === call) hideIncoming();
    syncOwnPresence();
  });
  syncOwnPresence(); // ringing counts as busy for those who follow us, as on a desk phone's busy lamp
});

function hideIncoming() {
  ui.incoming = null;
  $('incoming').hidden = true;
}

$('accept-button').onclick = async () => {
  const call = ui.incoming;
  if (!call) return;
  hideIncoming();
  trackCall(call);
  call.accept(await localMedia(true));
  if (!$('chat-to').value) $('chat-to').value = call.peer;
};

$('reject-button').onclick = () => {
  const call = ui.incoming;
  hideIncoming();
  if (call) call.reject('decline');
};

$('hangup-button').onclick = () => {
  const direct = [...gw.calls.values()].filter((c) => !c.room);
  for (const call of direct) call.hangup();
  if (direct.length === 0 && ui.room) leaveRoom();
};

$('mute-button').onclick = () => {
  ui.muted = !ui.muted;
  if (ui.media) for (const t of ui.media.getAudioTracks()) t.enabled = !ui.muted;
  renderCallBar();
};

$('camera-button').onclick = async () => {
  // An audio-only call gets video by renegotiating; otherwise the button just pauses the camera.
  const withoutVideo = [...gw.calls.values()].filter((c) => c.state !== 'ended' && !hasLocalVideo(c));
  if (withoutVideo.length > 0) {
    const media = await localMedia(true);
    for (const call of withoutVideo) call.addStream(new MediaStream(media.getVideoTracks()));
    ui.cameraOff = false;
  } else {
    ui.cameraOff = !ui.cameraOff;
  }
  if (ui.media) for (const t of ui.media.getVideoTracks()) t.enabled = !ui.cameraOff;
  renderCallBar();
};

function hasLocalVideo(call) {
  return !!call.localStream && call.localStream.getVideoTracks().length > 0;
}

/** Shows a call as a tile and keeps the call bar in step with it. */
function trackCall(call) {
  addTile(call);
  call.addEventListener('track', ({ detail }) => {
    const video = tileOf(call.id)?.querySelector('video');
    if (video && video.srcObject !== detail.stream) video.srcObject = detail.stream;
  });
  call.addEventListener('ice', ({ detail }) => setBadge(call, detail.state));
  call.addEventListener('state', ({ detail }) => {
    setBadge(call, detail.state);
    if (detail.state === 'ended') onCallEnded(call, detail.reason);
    renderCallBar();
  });
  call.addEventListener('dtmf', ({ detail }) => logCall(tonesLine(call.peer, detail.tones)));
  let remoteHoldShown = false;
  call.addEventListener('hold', ({ detail }) => {
    if (detail.remote !== remoteHoldShown) {
      remoteHoldShown = detail.remote;
      logCall(detail.remote ? `${call.peer} put the call on hold` : `${call.peer} resumed the call`);
    }
    setBadge(call, call.state);
    renderCallBar();
  });
  call.addEventListener('transfer-failed', ({ detail }) => {
    notify(`The transfer to ${detail.to} failed (${describe(detail.reason, detail.to)}). `
      + `You are still in the call with ${call.peer}.`, 'warn', 'transfer-failed');
    logCall(`Transfer to ${detail.to} failed`);
  });
  renderCallBar();
}

// gateway.js follows a transfer by itself (a call to the new address with the same media); show that call.
gw.addEventListener('transfer-call', ({ detail }) => {
  logCall(`${detail.from} transferred you to ${detail.to}: calling…`);
  trackCall(detail.call);
});

function onCallEnded(call, reason) {
  removeTile(call.id);
  if (reason === 'transferred') {
    notify(transferredText(call), 'info', 'transferred');
    ui.transfers.delete(call.id);
  } else {
    // A failed SIP call (no such number, 488...) says why, or the call would just vanish from the page.
    // In a room, members come and go: no notice for each one leaving.
    const view = callEndedView(reason, call.peer);
    if (view && !(call.room && view.kind === 'info')) notify(view.text, view.kind, view.kind === 'info' ? 'bye' : view.code);
  }
}

function transferredText(call) {
  const to = ui.transfers.get(call.id);
  if (to) return `${call.peer} was transferred to ${to}.`;
  if (call.transferredTo) return `Your call with ${call.peer} was handed over to ${call.transferredTo.peer}.`;
  return `${call.peer} transferred the call.`;
}

function renderCallBar() {
  const calls = [...gw.calls.values()].filter((c) => c.state !== 'ended');
  const live = calls.length > 0;
  $('hangup-button').disabled = !live && !ui.room;
  $('mute-button').disabled = !live;
  $('camera-button').disabled = !live;
  $('mute-button').textContent = ui.muted ? 'Unmute' : 'Mute';
  $('mute-button').classList.toggle('active', ui.muted);
  const needsVideo = calls.some((c) => !hasLocalVideo(c));
  $('camera-button').textContent = needsVideo ? 'Add video' : (ui.cameraOff ? 'Camera on' : 'Camera off');
  $('camera-button').classList.toggle('active', ui.cameraOff);
  $('stage-empty').hidden = live;
  $('call-status').textContent = live
    ? calls.map((c) => `${c.peer}: ${holdOf(c).text || STATE_TEXT[c.state] || c.state}`).join(' · ')
    : (ui.room ? `In room ${ui.room}, waiting for others` : 'Idle');
  renderCallTools();
  syncOwnPresence();
}

function holdOf(call) {
  return holdView({ local: call.held, remote: call.remoteHeld }, call.peer);
}

/**
 * While we are in a call (or one rings here), those who follow us see `busy`: the busy lamp of a desk phone.
 * Afterwards, the status chosen in "My status" again.
 */
function syncOwnPresence(force = false) {
  if (gw.state !== 'connected') return;
  const onThePhone = [...gw.calls.values()].some((c) => c.state !== 'ended');
  const [status, note] = onThePhone ? ['busy', 'on the phone'] : [$('my-presence').value, undefined];
  const key = `${status}|${note || ''}`;
  if (!force && key === ui.presenceSent) return;
  ui.presenceSent = key;
  gw.setPresence(status, note).catch(() => { ui.presenceSent = null; });
}

// ---- dial pad, hold and transfer: they act on the newest one-to-one call -----------------

function currentCall() {
  const direct = [...gw.calls.values()].filter((c) => !c.room && c.state !== 'ended' && c.state !== 'incoming');
  return direct[direct.length - 1] || null;
}

const TONE_NAMES = { '*': 'star', '#': 'hash' };

function buildDialPad() {
  const pad = $('dialpad');
  for (const row of DIAL_PAD) {
    for (const [tone, letters] of row) {
      const key = document.createElement('button');
      key.type = 'button';
      key.dataset.tone = tone;
      key.setAttribute('aria-label', `Tone ${TONE_NAMES[tone] || tone}`);
      key.append(span('key', tone), span('letters', letters));
      key.onclick = () => sendTone(tone);
      pad.append(key);
    }
  }
}
buildDialPad();

function sendTone(tone) {
  const call = currentCall();
  if (!call || !answered(call)) return;
  call.sendDtmf(tone);
  $('dtmf-display').textContent = ($('dtmf-display').textContent + tone).slice(-24);
}

function answered(call) {
  return call.state === 'connecting' || call.state === 'connected';
}

// Typing 0-9, * # or A-D while the call panel has the focus plays that key (not while typing an address).
$('call-tools').addEventListener('keydown', (event) => {
  if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
  const tone = toneOfKey(event.key);
  if (!tone) return;
  event.preventDefault();
  sendTone(tone);
});

$('hold-button').onclick = () => {
  const call = currentCall();
  if (!call) return;
  if (call.held) call.resume(); else call.hold();
  logCall(call.held ? `You put ${call.peer} on hold` : `You resumed the call with ${call.peer}`);
  renderCallBar();
};

$('transfer-button').onclick = () => {
  const open = $('transfer-form').hidden;
  $('transfer-form').hidden = !open;
  $('transfer-button').setAttribute('aria-expanded', String(open));
  if (open) $('transfer-address').focus();
};

$('transfer-cancel').onclick = () => hideTransferForm();

function hideTransferForm() {
  $('transfer-form').hidden = true;
  $('transfer-button').setAttribute('aria-expanded', 'false');
}

$('transfer-form').onsubmit = async (event) => {
  event.preventDefault();
  const call = currentCall();
  const to = $('transfer-address').value.trim();
  if (!call || !to) return;
  hideTransferForm();
  $('transfer-address').value = '';
  ui.transfers.set(call.id, to);
  logCall(`Transferring ${call.peer} to ${to}…`);
  $('transfer-button').disabled = true;
  try {
    await call.transfer(to);
    logCall(`${call.peer} accepted the transfer to ${to}`);
  } catch (err) {
    ui.transfers.delete(call.id);
    logCall(`Transfer of ${call.peer} to ${to} failed`);
    notify(`The transfer of ${call.peer} to ${to} failed: ${describe(err.code, to)}`, 'error', 'transfer-failed');
  } finally {
    renderCallTools();
  }
};

function renderCallTools() {
  const call = currentCall();
  $('call-tools').hidden = !call;
  if (call !== ui.toolsCall) {
    ui.toolsCall = call;
    $('dtmf-display').textContent = '';
    hideTransferForm();
  }
  if (!call) return;
  const ready = answered(call);
  $('call-tools').dataset.call = call.id;
  $('call-tools-title').textContent = `Call with ${call.peer}`;
  for (const key of $('dialpad').querySelectorAll('button')) key.disabled = !ready;
  $('hold-button').disabled = !ready;
  $('hold-button').textContent = call.held ? 'Resume' : 'Hold';
  $('hold-button').setAttribute('aria-pressed', String(call.held));
  $('hold-button').classList.toggle('active', call.held);
  $('transfer-button').disabled = !ready || ui.transfers.has(call.id);
}

function logCall(text) {
  const log = $('call-log');
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
  while (log.children.length > CALL_LOG_LINES) log.firstElementChild.remove();
}

const STATE_TEXT = {
  calling: 'calling…', ringing: 'ringing…', incoming: 'incoming', connecting: 'connecting…', connected: 'in call',
};

// ---- video tiles ------------------------------------------------------------------------

function tileOf(callId) {
  return document.querySelector(`.tile.remote[data-call="${CSS.escape(callId)}"]`);
}

function addTile(call) {
  if (tileOf(call.id)) return;
  const tile = document.createElement('figure');
  tile.className = 'tile remote';
  tile.dataset.call = call.id;
  tile.dataset.peer = call.peer;
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.srcObject = call.remoteStream;
  const caption = document.createElement('figcaption');
  caption.textContent = call.room ? `${call.peer} (room ${call.room})` : call.peer;
  const badge = document.createElement('span');
  badge.className = 'badge';
  tile.append(video, caption, badge);
  $('tiles').append(tile);
  setBadge(call, call.state);
}

function setBadge(call, state) {
  const badge = tileOf(call.id)?.querySelector('.badge');
  if (!badge) return;
  const ice = call.pc ? call.pc.iceConnectionState : 'new';
  const fine = ice === 'connected' || ice === 'completed';
  const hold = holdOf(call);
  badge.textContent = hold.text || (fine ? '' : (STATE_TEXT[call.state] || ice));
  badge.hidden = !badge.textContent;
  tileOf(call.id).dataset.ice = ice;
  tileOf(call.id).dataset.hold = hold.state;
}

function removeTile(callId) {
  tileOf(callId)?.remove();
}

// ---- rooms ---------------------------------------------------------------------------

$('room-form').onsubmit = async (event) => {
  event.preventDefault();
  const room = $('room-name').value.trim();
  if (!room) return;
  if (ui.room) await leaveRoom();
  clearNotice('error');
  try {
    const media = await localMedia(true);
    const reply = await gw.join(room, media, { capacity: Number($('room-capacity').value) || undefined });
    ui.room = room;
    ui.roomMembers = new Set(reply.peers);
    $('chat-to').value = `#${room}`;
  } catch (err) {
    notify(describe(err.code, room), 'error', err.code);
  }
  renderRoom();
};

$('leave-button').onclick = () => leaveRoom();

async function leaveRoom() {
  const room = ui.room;
  ui.room = null;
  ui.roomMembers.clear();
  renderRoom();
  if (room) await gw.leave(room).catch(() => {});
}

gw.addEventListener('room-call', ({ detail: { call } }) => trackCall(call));
gw.addEventListener('peer-joined', ({ detail }) => {
  if (detail.room !== ui.room) return;
  ui.roomMembers.add(detail.name);
  renderRoom();
});
gw.addEventListener('peer-left', ({ detail }) => {
  if (detail.room !== ui.room) return;
  ui.roomMembers.delete(detail.name);
  renderRoom();
});

function renderRoom() {
  $('room-panel').hidden = !ui.room;
  $('room-current').textContent = ui.room || '';
  const list = $('room-members');
  list.replaceChildren(...[gw.name, ...ui.roomMembers].filter(Boolean).map((name) => {
    const li = document.createElement('li');
    li.dataset.name = name;
    li.append(dot('available'), span('name', name === gw.name ? `${name} (you)` : name));
    return li;
  }));
  renderCallBar();
}

// ---- contacts and presence -------------------------------------------------------------

$('follow-form').onsubmit = async (event) => {
  event.preventDefault();
  const address = $('follow-address').value.trim();
  if (!address || ui.contacts.has(address)) return;
  $('follow-address').value = '';
  await follow(address);
  saveContacts();
};

async function follow(address) {
  ui.contacts.set(address, { status: 'unknown' });
  renderContacts();
  try {
    await gw.subscribe(address);
  } catch (err) {
    notify(describe(err.code, address), 'error', err.code);
  }
}

async function unfollow(address) {
  ui.contacts.delete(address);
  saveContacts();
  renderContacts();
  await gw.unsubscribe(address).catch(() => {});
}

// The followed addresses are kept per name in this browser, so the busy lamps are back after a reload.
function contactsKey() {
  return `webrtc-gateway.contacts.${gw.name}`;
}

function saveContacts() {
  try {
    localStorage.setItem(contactsKey(), JSON.stringify([...ui.contacts.keys()]));
  } catch { /* storage disabled or full: the list lasts as long as the page */ }
}

function followSavedContacts() {
  let saved = [];
  try {
    saved = JSON.parse(localStorage.getItem(contactsKey()) || '[]');
  } catch { /* unreadable: start empty */ }
  for (const address of Array.isArray(saved) ? saved : []) {
    if (typeof address === 'string' && !ui.contacts.has(address)) follow(address);
  }
}

$('my-presence').onchange = () => syncOwnPresence(true);

gw.addEventListener('presence', ({ detail }) => {
  if (!ui.contacts.has(detail.from)) return;
  ui.contacts.set(detail.from, { status: detail.status, note: detail.note });
  renderContacts();
});

function renderContacts() {
  $('contacts-empty').hidden = ui.contacts.size > 0;
  $('contacts').replaceChildren(...[...ui.contacts].map(([address, p]) => {
    const view = lampView(address, p);
    const li = document.createElement('li');
    li.dataset.address = address;
    li.dataset.status = view.status;
    const lamp = dot(view.status);
    lamp.classList.add('lamp');
    lamp.setAttribute('role', 'img');
    lamp.setAttribute('aria-label', view.label);
    lamp.title = view.label;
    const call = document.createElement('button');
    call.className = 'quiet';
    call.textContent = 'Call';
    call.setAttribute('aria-label', `Call ${address}`);
    call.onclick = () => {
      $('call-address').value = address;
      $('call-form').requestSubmit();
    };
    const remove = document.createElement('button');
    remove.className = 'quiet';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Stop following ${address}`);
    remove.onclick = () => unfollow(address);
    const presence = span('presence', view.text);
    presence.setAttribute('aria-hidden', 'true'); // the lamp's label says it
    const who = document.createElement('span');
    who.className = 'who';
    who.append(span('name', address), presence);
    li.append(lamp, who, call, remove);
    return li;
  }));
  $('contact-addresses').replaceChildren(...[...ui.contacts.keys()].map((address) => {
    const option = document.createElement('option');
    option.value = address;
    return option;
  }));
}

// ---- voice mail --------------------------------------------------------------------------

gw.addEventListener('mailbox', ({ detail }) => renderMailbox(detail));

function renderMailbox(mailbox) {
  const view = mailboxView(mailbox);
  const button = $('mailbox-button');
  button.hidden = view.hidden;
  button.classList.toggle('lit', view.lit);
  button.setAttribute('aria-label', view.label || 'Voice mail');
  button.title = view.title;
  $('mailbox-count').textContent = view.count;
}

$('mailbox-button').onclick = async () => {
  const box = gw.mailbox;
  if (!box || !box.from) return;
  clearNotice('error');
  trackCall(gw.call(box.from, await localMedia(false)));
};

// ---- chat ------------------------------------------------------------------------------

$('chat-form').onsubmit = async (event) => {
  event.preventDefault();
  const to = $('chat-to').value.trim();
  const text = $('chat-input').value;
  if (!to || !text) return;
  try {
    await gw.sendMessage(to, { text });
    addChatLine(gw.name, text, to, true);
    $('chat-input').value = '';
  } catch (err) {
    notify(describe(err.code, to), 'error', err.code);
  }
};

gw.addEventListener('message', ({ detail }) => {
  const text = detail.data && typeof detail.data.text === 'string' ? detail.data.text : JSON.stringify(detail.data);
  addChatLine(detail.from, text, detail.room ? `#${detail.room}` : null, false);
  if (!$('chat-to').value) $('chat-to').value = detail.room ? `#${detail.room}` : detail.from;
});

function addChatLine(from, text, where, mine) {
  const li = document.createElement('li');
  li.className = mine ? 'mine' : '';
  li.append(span('from', from), span('text', text));
  if (where) li.append(span('where', mine ? `→ ${where}` : where));
  $('chat-log').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

// ---- small DOM helpers ---------------------------------------------------------------------

function span(className, text) {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function dot(status) {
  const d = document.createElement('span');
  d.className = 'dot';
  d.dataset.status = status;
  return d;
}

// A handle for debugging in the console and for the end-to-end tests.
window.softphone = {
  gw,
  ui,
  /** framesDecoded and ICE state of the call with `peer` (the e2e tests read this). */
  async inbound(peer) {
    const call = [...gw.calls.values()].find((c) => c.peer === peer && c.pc);
    if (!call) return null;
    let framesDecoded = 0;
    let audioBytes = 0;
    (await call.pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded || 0;
      if (s.type === 'inbound-rtp' && s.kind === 'audio') audioBytes += s.bytesReceived || 0;
    });
    return { ice: call.pc.iceConnectionState, framesDecoded, audioBytes, callId: call.id, state: call.state };
  },
  /** Packets sent and received on the call with `peer`, and its transceivers' negotiated directions. */
  async media(peer) {
    const call = [...gw.calls.values()].find((c) => c.peer === peer && c.pc && c.state !== 'ended');
    if (!call) return null;
    let sent = 0;
    let received = 0;
    (await call.pc.getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp') sent += s.packetsSent || 0;
      if (s.type === 'inbound-rtp') received += s.packetsReceived || 0;
    });
    const directions = call.pc.getTransceivers().map((t) => t.currentDirection);
    return { sent, received, directions, held: call.held, remoteHeld: call.remoteHeld, state: call.state };
  },
};
