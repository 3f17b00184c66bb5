// What the hostile-client soak reads from the gateway: its Prometheus exposition (/metrics), its
// resident memory (/proc/PID/status) and its live heap after a full collection (jcmd).
import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';

/** Parses the Prometheus text format into a Map of 'name{labels}' (labels as written) -> value. */
export function parseMetrics(textFormat) {
  const values = new Map();
  for (const line of textFormat.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

/** The sum of every series of `name` whose labels include each of `labels` (e.g. {reason: 'per-address'}). */
export function sum(metrics, name, labels = {}) {
  let total = 0;
  for (const [series, value] of metrics) {
    const m = /^([^{]+)(?:\{(.*)\})?$/.exec(series);
    if (m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += value;
  }
  return total;
}

/** Every label value of `label` among the series of `name`, with its value: {value: number}. */
export function byLabel(metrics, name, label) {
  const out = {};
  for (const [series, value] of metrics) {
    if (!series.startsWith(`${name}{`)) continue;
    const v = new RegExp(`${label}="([^"]*)"`).exec(series)?.[1];
    if (v !== undefined) out[v] = (out[v] ?? 0) + value;
  }
  return out;
}

/**
 * GET /metrics on a connection of its own, closed after the response: the gateway closes HTTP connections
 * kept alive after websocket.handshake-timeout, and a reused one could be closed under the request.
 */
export function scrape(baseUrl) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/metrics`, { agent: false, timeout: 10000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (d) => { body += d; });
      response.on('end', () => (response.statusCode === 200 ? resolve(parseMetrics(body)) : reject(new Error(`/metrics: ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('/metrics: no answer within 10 s')));
    request.on('error', reject);
  });
}

/** Resident memory of `pid` in bytes, or null once it is gone. */
export function rss(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Bytes in use on the heap of JVM `pid` right after a full collection, as the JVM counts them. */
export function liveHeap(pid) {
  const jcmd = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/jcmd` : 'jcmd';
  execFileSync(jcmd, [String(pid), 'GC.run'], { timeout: 30000, stdio: 'ignore' });
  const info = execFileSync(jcmd, [String(pid), 'GC.heap_info'], { timeout: 30000, encoding: 'utf8' });
  const used = [...info.matchAll(/total \d+K, used (\d+)K/g)].reduce((kb, m) => kb + Number(m[1]), 0);
  if (!used) throw new Error(`no heap figures in jcmd GC.heap_info: ${info}`);
  return used * 1024;
}

/**
 * Samples the gateway every `everyMs` while the soak runs: resident memory, and from /metrics the heap in
 * use, Netty's direct memory, open connections, sessions, the bytes in all write buffers and all
 * session queues, and whether the gateway was overloaded. Keeps the largest of each per phase.
 */
export class Sampler {
  constructor(baseUrl, pid, phaseOf, everyMs = 1000) {
    this.peaks = {}; // phase -> { rss, heap, direct, connections, sessions, writeBuffers, queues, overloaded }
    this.failures = 0;
    const take = async () => {
      const phase = phaseOf();
      const peak = (this.peaks[phase] ??= {});
      const keep = (key, value) => { if (value !== null && !(peak[key] >= value)) peak[key] = value; };
      keep('rss', rss(pid));
      try {
        const m = await scrape(baseUrl);
        keep('heap', sum(m, 'jvm_memory_used_bytes', { area: 'heap' }));
        keep('direct', sum(m, 'gateway_netty_buffer_memory_used_bytes', { type: 'direct' }));
        keep('connections', sum(m, 'gateway_connections_open'));
        keep('sessions', sum(m, 'gateway_sessions'));
        keep('writeBuffers', sum(m, 'gateway_write_buffers_used_bytes'));
        keep('queues', sum(m, 'gateway_session_queues_used_bytes'));
        keep('overloaded', sum(m, 'gateway_overloaded')); // the heap over bridge.heap-limit-percent after a collection
      } catch {
        this.failures++; // a scrape that failed under the attack is a figure too
      }
    };
    this.timer = setInterval(() => { void take(); }, everyMs);
  }

  stop() { clearInterval(this.timer); }
}
