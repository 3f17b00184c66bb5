// The softphone page: wires the DOM in index.html to gateway.js. No framework, no build.
import { Gateway } from './gateway.mjs';

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
};

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
  renderRoom();
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
  gw.setPresence($('my-presence').value).catch(() => {});
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
  });
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
  renderCallBar();
}

function onCallEnded(call, reason) {
  removeTile(call.id);
  if (['unknown-peer', 'unreachable', 'busy', 'decline'].includes(reason)) {
    notify(describe(reason, call.peer), 'error', reason);
  } else if (reason === 'bye' || reason === 'gone') {
    if (!call.room) notify(`${call.peer} hung up.`, 'info', 'bye');
  }
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
    ? calls.map((c) => `${c.peer}: ${STATE_TEXT[c.state] || c.state}`).join(' · ')
    : (ui.room ? `In room ${ui.room}, waiting for others` : 'Idle');
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
  badge.textContent = fine ? '' : (STATE_TEXT[call.state] || ice);
  badge.hidden = fine;
  tileOf(call.id).dataset.ice = ice;
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
  ui.contacts.set(address, { status: 'offline' });
  $('follow-address').value = '';
  renderContacts();
  try {
    await gw.subscribe(address);
  } catch (err) {
    notify(describe(err.code, address), 'error', err.code);
  }
};

$('my-presence').onchange = () => gw.setPresence($('my-presence').value).catch(() => {});

gw.addEventListener('presence', ({ detail }) => {
  if (!ui.contacts.has(detail.from)) return;
  ui.contacts.set(detail.from, { status: detail.status, note: detail.note });
  renderContacts();
});

function renderContacts() {
  $('contacts-empty').hidden = ui.contacts.size > 0;
  $('contacts').replaceChildren(...[...ui.contacts].map(([address, p]) => {
    const li = document.createElement('li');
    li.dataset.address = address;
    li.dataset.status = p.status;
    const call = document.createElement('button');
    call.className = 'quiet';
    call.textContent = 'Call';
    call.onclick = () => {
      $('call-address').value = address;
      $('call-form').requestSubmit();
    };
    li.append(dot(p.status), span('name', address), span('presence', p.note || p.status), call);
    return li;
  }));
}

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
};
