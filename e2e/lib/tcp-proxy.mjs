// A TCP forwarder on loopback between a browser and the gateway, to cut the browser's
// connection the way a network loss does: down() resets every connection through it
// (TCP RST), so the browser's WebSocket and the gateway's both end WITHOUT a close
// frame, and refuses new ones until up(). With `tap`, it also hands every chunk it forwards to
// tap('up' | 'down', Buffer): 'up' from the connecting side to the target, 'down' back (e.g. to read a
// plain-text XEP-0114 component stream between the gateway and Prosody).
//
// Why not Playwright's context.setOffline(true) or CDP Network.emulateNetworkConditions
// {offline: true}? Probed with Chromium 156: both leave an open WebSocket OPEN (no close
// event, readyState 1) and merely hold its frames back until back online, where they are
// delivered; the gateway sees no drop either. They cannot simulate a dropped connection.
import net from 'node:net';

export async function startProxy(targetPort, { tap } = {}) {
  const pairs = new Set();
  let accepting = true;
  const server = net.createServer((client) => {
    if (!accepting) { client.resetAndDestroy(); return; }
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    if (tap) {
      client.on('data', (chunk) => tap('up', chunk));
      upstream.on('data', (chunk) => tap('down', chunk));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => { pairs.delete(pair); client.destroy(); upstream.destroy(); };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  function resetAll() {
    const n = pairs.size;
    for (const { client, upstream } of [...pairs]) { client.resetAndDestroy(); upstream.resetAndDestroy(); }
    pairs.clear();
    return n;
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** The network goes away: resets open connections; returns how many there were. */
    down() { accepting = false; return resetAll(); },
    /** The network is back. */
    up() { accepting = true; },
    close() {
      accepting = false;
      resetAll();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
