// End-to-end tests of offline start and updates (issue 5) in headless Chromium, on a copy of the site deployed
// under a sub-path (/field/crm/) of a plain static server: the manifest makes the app installable; after one online
// visit the service worker has the whole site cached, so with the network off a reload starts the app from the
// worker with the data intact; a new build deployed to the same folder is detected, the app says so, and its
// "Reload" brings the new version up with the data still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, newProfileDir, siteDir } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SUB_PATH = 'field/crm/';

// A deploy folder with the site copied under SUB_PATH, served on its own port (its own origin).
async function deploy(t) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldcrm-deploy-'));
  const dir = path.join(root, SUB_PATH);
  fs.cpSync(siteDir, dir, { recursive: true });
  const { server, url } = await startServer({ root, port: 0 });
  const profile = newProfileDir();
  const fixture = { dir, url: url + SUB_PATH, profile, problems: [], session: null };
  t.after(async () => {
    if (fixture.session) await fixture.session.context.close();
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  });
  return fixture;
}

// Waits until the service worker controls the page and its cache holds the whole build.
async function waitOfflineReady(page) {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const version = await FieldCRMOffline.version();
    const names = await caches.keys();
    return version !== '' && names.includes('fieldcrm-site-' + version);
  }, null, { timeout: 60000, polling: 200 });
  return page.evaluate(() => FieldCRMOffline.version());
}

test('installable, then starts and works offline from the service worker with the data intact', { timeout: 300000 }, async (t) => {
  const fixture = await deploy(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  let { page, app } = fixture.session;
  const ada = await app.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  await app.waitSaved();
  const version = await waitOfflineReady(page);
  assert.match(version, /^[0-9a-f]{16}$/);

  // Installable: Chromium finds the manifest, its icons and the worker good enough to install the app.
  const cdp = await fixture.session.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'Chromium sees no reason not to install');
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.errors.length, 0, JSON.stringify(manifest.errors));
  assert.ok(manifest.url.endsWith(`/${SUB_PATH}manifest.webmanifest`), manifest.url);
  const cached = await page.evaluate(async (v) => (await (await caches.open('fieldcrm-site-' + v)).keys()).map((r) => r.url), version);
  for (const file of ['index.html', 'fieldcrm.wasm', 'fieldcrm.js', 'fonts/ui.otf', 'fonts/icons.ttf', 'fonts/fallback.otf', 'icons/icon-192.png'])
    assert.ok(cached.some((u) => u.endsWith(`/${SUB_PATH}${file}`)), `${file} is cached`);

  // Network off: the reload comes from the worker, the app starts, the customer is there, and it can be edited.
  await fixture.session.context.setOffline(true);
  const fromWorker = [];
  page.on('response', (r) => fromWorker.push([r.url().slice(fixture.url.length), r.fromServiceWorker()]));
  await page.reload();
  await app.waitReady();
  assert.deepEqual((await app.customers()).map((c) => c.name), ['Ada Lovelace']);
  assert.equal((await app.state()).customerCount, 1);
  for (const file of ['', 'fieldcrm.js', 'fieldcrm.wasm', 'fonts/ui.otf'])
    assert.deepEqual(fromWorker.find(([u]) => u === file), [file, true], `${file || 'the page'} came from the service worker`);
  await app.addCustomer({ name: '张三', city: '上海' });
  await app.waitSaved();

  // A fresh browser on the same profile, still offline, starts as well.
  await fixture.session.context.close();
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  ({ page, app } = fixture.session);
  await fixture.session.context.setOffline(true);
  await page.reload();
  await app.waitReady();
  assert.deepEqual((await app.customers()).map((c) => c.name).sort(), ['Ada Lovelace', '张三']);
  assert.equal((await app.customers()).find((c) => c.name === 'Ada Lovelace').id, ada.id);

  // Only the worker was answering: a file it does not have fails while offline.
  assert.equal(await page.evaluate(() => fetch('not-cached.txt').then(() => 'answered', () => 'failed')), 'failed');
  fixture.problems.splice(0);  // the failed fetch above and offline noise are expected here
});

test('a new version deployed is detected, the user is asked, and Reload brings it up with the data intact', { timeout: 300000 }, async (t) => {
  const fixture = await deploy(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  let { page, app } = fixture.session;
  await app.addCustomer({ name: 'Grace Hopper', company: 'Navy' });
  await app.waitSaved();
  const oldVersion = await waitOfflineReady(page);
  assert.equal((await app.state()).updateReady, false);
  assert.equal(await app.rect('###update-reload'), null, 'no update banner yet');

  // Deploy a changed build into the same folder: a changed file, stamped again as the build does.
  fs.appendFileSync(path.join(fixture.dir, 'app.css'), '\n/* next release */\n');
  execFileSync('node', [path.join(repo, 'scripts/stamp-site.mjs'), fixture.dir, path.join(repo, 'shell/sw.js')]);

  // The page checks for updates (as it does every 30 minutes and when the network comes back).
  await page.evaluate(() => FieldCRMOffline.registration.update());
  await app.waitForState('the update to be offered', (s) => s.updateReady, 60000);
  // "Reload" (clicked by hand: the page goes away right after the click).
  const reload = await app.waitForItem('###update-reload');
  await page.mouse.move(reload.x + reload.w / 2, reload.y + reload.h / 2);
  await app.waitFrames(2);
  await page.mouse.down();
  await app.waitFrames(1);
  await Promise.all([page.waitForEvent('load', { timeout: 60000 }), page.mouse.up()]);
  await app.waitReady();
  await page.waitForFunction((v) => FieldCRMOffline.version().then((now) => now !== '' && now !== v), oldVersion,
    { timeout: 60000, polling: 200 });
  await app.waitReady();
  const newVersion = await page.evaluate(() => FieldCRMOffline.version());
  assert.notEqual(newVersion, oldVersion);
  assert.deepEqual((await app.customers()).map((c) => c.name), ['Grace Hopper'], 'data intact after the update');
  assert.equal((await app.state()).updateReady, false);
  const cacheNames = await page.evaluate(() => caches.keys());
  assert.deepEqual(cacheNames.filter((n) => n.startsWith('fieldcrm-site-')), ['fieldcrm-site-' + newVersion], 'the old cache is gone');
  assert.deepEqual(fixture.problems, []);
});
