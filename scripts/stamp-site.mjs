// Stamps the assembled site with its build: hashes every file (SHA-256), derives the version from those hashes,
// and writes sw.js from shell/sw.js with the version and the file list (URLs relative to the site, SRI integrity).
// Any changed file gives a new version, which browsers see as a new service worker (shell/offline.js asks to reload).
// Usage: node scripts/stamp-site.mjs SITE_DIR SW_TEMPLATE
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [siteDir, template] = process.argv.slice(2);
if (!siteDir || !template) {
  console.error('usage: node scripts/stamp-site.mjs SITE_DIR SW_TEMPLATE');
  process.exit(2);
}
// Fetched by the app only when a rare character needs it: cached when it can be, never a reason to fail.
const OPTIONAL = new Set(['fonts/fallback.otf']);
const SKIP = new Set(['sw.js']);

function walk(dir, prefix = '') {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) files.push(...walk(path.join(dir, entry.name), rel + '/'));
    else if (!SKIP.has(rel)) files.push(rel);
  }
  return files;
}

const source = fs.readFileSync(template, 'utf8');
const version = crypto.createHash('sha256').update(source);
const build = { version: '', files: [], optional: [] };
for (const url of walk(siteDir)) {
  const digest = crypto.createHash('sha256').update(fs.readFileSync(path.join(siteDir, url))).digest();
  version.update(`${url}\0${digest.toString('hex')}\n`);
  (OPTIONAL.has(url) ? build.optional : build.files).push({ url, integrity: `sha256-${digest.toString('base64')}` });
}
build.version = version.digest('hex').slice(0, 16);
if (!source.includes('/*BUILD*/null')) throw new Error(`${template} has no /*BUILD*/null marker`);
const out = path.join(siteDir, 'sw.js');
fs.writeFileSync(out + '.tmp', source.replace('/*BUILD*/null', JSON.stringify(build, null, 1)));
fs.renameSync(out + '.tmp', out);
console.log(`site build ${build.version}: ${build.files.length} files precached, ${build.optional.length} optional`);
