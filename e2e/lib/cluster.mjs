// Gateway nodes in cluster mode (README: "Cluster mode: what the nodes share"), each a process of its own from
// the bundle on a free loopback port, sharing one Redis under one key prefix, each with its own node id, behind a
// load balancer on 127.0.0.1 that they trust to name the client with the PROXY protocol (as the shipped HAProxy
// configuration sends it). Each answers /health with its session count (websocket.health-counts), asked from
// 127.0.0.254: a client of its own, not the trusted proxy on 127.0.0.1 (whose connections must start with a PROXY
// header).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { startGateway } from './gateway-process.mjs';

const ASKED_FROM = '127.0.0.254';
const HEALTH_TIMEOUT_MS = 3000;

/**
 * Starts `count` nodes at once and returns once each listens: an array of gateways (see startGateway) with
 * `nodeId` and `sessions()` (the sessions it holds now, dropped ones waiting for a resume included).
 * Heartbeat and expiry are short, so a killed node counts as dead within about a second.
 */
export async function startClusterNodes(count, { redisUri, heartbeat = '200ms', nodeExpiry = '1s', extraArgs = [] }) {
  const keyPrefix = `e2e-${randomBytes(4).toString('hex')}:`;
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => {
    const nodeId = `e2e-node${i + 1}`;
    return startGateway({
      extraArgs: [
        '--cluster.enabled', 'true', '--cluster.redis-uri', redisUri, '--cluster.key-prefix', keyPrefix,
        '--cluster.node-id', nodeId, '--cluster.heartbeat', heartbeat, '--cluster.node-expiry', nodeExpiry,
        '--websocket.trusted-proxies', '127.0.0.1/32', '--websocket.proxy-protocol', 'true',
        '--websocket.health-counts', 'true', ...extraArgs,
      ],
    }).then((gateway) => Object.assign(gateway, { nodeId, sessions: () => sessionsOn(gateway.port) }));
  }));
  const failed = started.filter((s) => s.status === 'rejected');
  if (failed.length > 0) {
    await Promise.all(started.filter((s) => s.status === 'fulfilled').map((s) => s.value.stop()));
    throw failed[0].reason;
  }
  return started.map((s) => s.value);
}

/** The session count in the /health of the node on `port`. */
function sessionsOn(port) {
  return new Promise((resolve, reject) => {
    const request = http.get({
      host: '127.0.0.1', port, path: '/health', localAddress: ASKED_FROM, agent: false, timeout: HEALTH_TIMEOUT_MS,
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => {
        const sessions = /"sessions":(\d+)/.exec(body);
        if (sessions) resolve(Number(sessions[1]));
        else reject(new Error(`no session count in the /health of the node on port ${port}: ${response.statusCode} ${body}`));
      });
    });
    request.on('timeout', () => request.destroy(new Error(`the node on port ${port} did not answer /health within ${HEALTH_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}
