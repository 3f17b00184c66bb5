// Screenshots of the pages under test: written on every run under e2e/artifacts (not committed), and copied over
// the picture of the same name in docs/images only when UPDATE_DOC_IMAGES=1, so a test run leaves the tree clean.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2e = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = path.join(e2e, 'artifacts');
const DOC_IMAGES = path.resolve(e2e, '../docs/images');

/** Saves {@code page} as artifacts/<name>; with UPDATE_DOC_IMAGES=1 also as docs/images/<name>. */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ ...options, path: file });
  if (process.env.UPDATE_DOC_IMAGES === '1') fs.copyFileSync(file, path.join(DOC_IMAGES, name));
  return file;
}
