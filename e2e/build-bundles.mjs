// Bundles StanzaJS (an independent XMPP client with Jingle, for the XMPP browser test) into one browser
// script with the global `StanzaJS`: the npm package ships no browser bundle (CommonJS with a "browser"
// field). Output: node_modules/.e2e-bundles/stanza.js (under node_modules: rebuilt by install.sh after
// every npm ci, never committed). Skips a bundle newer than the installed package; --force rebuilds.
// Run by e2e/install.sh (outside the namespace); run.sh only reads the result.
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const STANZA_BUNDLE = `${here}node_modules/.e2e-bundles/stanza.js`;

const source = `${here}node_modules/stanza/package.json`;
const fresh = fs.existsSync(STANZA_BUNDLE) && fs.statSync(STANZA_BUNDLE).mtimeMs >= fs.statSync(source).mtimeMs;
if (!fresh || process.argv.includes('--force')) {
  const t0 = Date.now();
  await build({
    stdin: { contents: 'module.exports = require("stanza");', resolveDir: here },
    bundle: true, format: 'iife', globalName: 'StanzaJS', platform: 'browser',
    target: 'chrome110', outfile: STANZA_BUNDLE, logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  });
  const { version } = JSON.parse(fs.readFileSync(source, 'utf8'));
  console.log(`build-bundles: stanza ${version} -> node_modules/.e2e-bundles/stanza.js in ${Date.now() - t0} ms`);
}
