// The browser tests render the shipped HAProxy configuration for loopback in JS (lib/haproxy.mjs); the Java tests
// in Java (gateway-testing's ClusterTemplate). Both are compared with one rendering, so they cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderClusterConfig } from './lib/haproxy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('the JS renderer of the shipped HAProxy configuration renders what the Java one does', () => {
  const template = fs.readFileSync(path.join(root, 'distribution/src/conf/haproxy-cluster-example.cfg'), 'utf8');
  const rendered = renderClusterConfig(template, { port: 4000, nodePorts: [5001, 5002, 5003], statsSocket: '/tmp/haproxy-stats.sock' });
  assert.equal(rendered, fs.readFileSync(path.join(root, 'e2e/lib/haproxy-cluster-rendered.golden.cfg'), 'utf8'));
});
