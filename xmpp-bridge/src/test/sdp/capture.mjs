// Captures real Chromium SDPs for the SDP <-> Jingle round-trip tests
// (src/test/resources/sdp/chromium-*.sdp). To capture again, from the repository root:
//
//   scripts/netns-run.sh node xmpp-bridge/src/test/sdp/capture.mjs
//
// (playwright-core resolves from e2e/node_modules through e2e/lib/browser.mjs: run
// e2e/install.sh first if it is missing.) It launches Chromium exactly as the e2e tests do
// (e2e/lib/browser.mjs: fake camera and microphone, loopback allowed in peer connections, no
// mDNS hiding) and therefore refuses to run outside the loopback-only namespace.
// Why an empty page served from 127.0.0.1 and not about:blank: about:blank is no secure
// context, so it has no getUserMedia, and without granted media access Chromium gathers only
// on the default route, which a loopback-only namespace lacks: the SDPs had no candidates.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../../../e2e/lib/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../resources/sdp');

// Runs in the page: one RTCPeerConnection per case; answer is made by a second connection.
async function captureAll() {
  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') resolve();
    });
  });
  async function offer({ audio, video, data }) {
    const pc = new RTCPeerConnection();
    if (audio || video) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: !!audio, video: !!video });
      stream.getTracks().forEach((t) => pc.addTrack(t, stream));
    }
    if (data) pc.createDataChannel('chat');
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return { pc, sdp: pc.localDescription.sdp };
  }
  const out = {};
  for (const [name, kinds] of Object.entries({
    'audio': { audio: true },
    'video': { video: true },
    'audio-video': { audio: true, video: true },
    'audio-video-data': { audio: true, video: true, data: true },
    'data': { data: true },
  })) {
    const { pc, sdp } = await offer(kinds);
    out[`${name}-offer`] = sdp;
    if (name === 'audio-video') {
      const answerer = new RTCPeerConnection();
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      await answerer.setRemoteDescription({ type: 'offer', sdp });
      stream.getTracks().forEach((t) => answerer.addTrack(t, stream));
      await answerer.setLocalDescription(await answerer.createAnswer());
      await gathered(answerer);
      out[`${name}-answer`] = answerer.localDescription.sdp;
      answerer.close();
    }
    pc.close();
  }
  return out;
}

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sdp capture</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const sdps = await page.evaluate(captureAll);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, sdp] of Object.entries(sdps)) {
    const file = path.join(outDir, `chromium-${name}.sdp`);
    fs.writeFileSync(file, sdp);
    console.log(`${file}: ${sdp.split('\r\n').length - 1} lines`);
  }
  console.log(`chromium ${browser.version()}`);
} finally {
  await browser.close();
  server.close();
}
