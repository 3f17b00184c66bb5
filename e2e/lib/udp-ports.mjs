// Free UDP ports on 127.0.0.1 for peers that take a whole range (coturn's relays, rtpengine's media, sipp's echo).
import dgram from 'node:dgram';

/** The first port of `count` consecutive free UDP ports on 127.0.0.1 (none of them in `avoid`). */
export async function freeUdpRange(count, avoid = []) {
  const avoided = new Set([avoid].flat());
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = 20000 + Math.floor(Math.random() * 30000);
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if (ports.some((port) => avoided.has(port))) continue;
    const free = await Promise.all(ports.map(udpFree));
    if (free.every(Boolean)) return first;
  }
  throw new Error(`no ${count} consecutive free UDP ports on 127.0.0.1 after 20 tries`);
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}
