// A TCP forwarder on loopback between the browser and the gateway. cut() resets every
// connection through it: the browser's WebSocket and the gateway's both end without a
// close frame, exactly like a network loss, while the proxy keeps accepting new ones.
//
// Why not Playwright's context.setOffline(true) (DevTools network emulation)? In
// Chromium 156 it fails new requests but leaves an open WebSocket untouched (checked
// in e2e/offline-probe: the socket stayed OPEN and kept delivering frames), so it
// cannot simulate the drop. Resetting the TCP connection does, and works the same
// whatever gateway is behind it.
import net from 'node:net';

export async function startProxy(targetPort) {
  const pairs = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => { pairs.delete(pair); client.destroy(); upstream.destroy(); };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Resets (TCP RST) every open connection; returns how many there were. */
    cut() {
      const n = pairs.size;
      for (const { client, upstream } of [...pairs]) { client.resetAndDestroy(); upstream.resetAndDestroy(); }
      pairs.clear();
      return n;
    },
    close() {
      this.cut();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
