// Launches Debian's Chromium through playwright-core. Must run inside the loopback-only
// network namespace (netns-run.sh): with another interface present, WebRTC would gather
// and use candidates on it.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Why each flag:
//  --use-fake-ui-for-media-stream / --use-fake-device-for-media-stream: getUserMedia
//      succeeds without a prompt and yields a synthetic camera and a beeping microphone.
//  --allow-loopback-in-peer-connection: without it Chromium leaves loopback out of
//      WebRTC network enumeration, so a loopback-only host gathers no candidates at all.
//  --disable-features=WebRtcHideLocalIpsWithMdns: real addresses instead of <uuid>.local
//      mDNS names (nothing here could resolve those).
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export function assertInsideNamespace() {
  if (process.env.GW_NETNS !== '1') {
    throw new Error('refusing to start Chromium outside the loopback-only namespace: run through scripts/netns-run.sh');
  }
}

export async function launchBrowser() {
  assertInsideNamespace();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
