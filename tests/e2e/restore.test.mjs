// End-to-end test of backup and restore (issue 6, item 4) in headless Chromium: a backup downloaded from Settings,
// then changed data, then "Restore from backup" through the real file picker and the confirmation: after the
// restart the backed-up data is back (and stays after another reload), under a new sync identity. Bad backups
// (truncated, damaged, not a database) are refused with a clear message and change nothing; a restore whose storing
// fails, or whose restored data does not open after the restart, leaves the previous data in place and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, openApp, setUpBrowserTest, sleep } from './harness.mjs';

const names = async (app) => (await app.customers()).map((c) => `${c.name} (${c.city})`).sort();
const deviceId = async (app) => (await app.call('fieldcrm_test_sync')).deviceId;

// What the page store holds in IndexedDB besides the image: the previous image kept during a restore.
function keptPrevious(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('fieldcrm-fieldcrm');
    open.onsuccess = () => {
      const get = open.result.transaction('meta').objectStore('meta').get('previous-image');
      get.onsuccess = () => { resolve(get.result !== undefined); open.result.close(); };
      get.onerror = () => reject(get.error);
    };
    open.onerror = () => reject(open.error);
  }));
}

async function openRestore(app, file) {
  await app.click('###nav-settings');
  await app.pickFile('###restore-backup', file);
  return app.waitForState('the restore to decide', (s) => s.restore.step === 'confirm' || s.restore.error !== '', 30000);
}

// Confirms the restore and waits for the app to come back after the restart it does by itself.
async function confirmAndRestart(app, reloads = 1) {
  let loads = 0;
  const counted = () => loads++;
  app.page.on('load', counted);
  await app.click('###restore-confirm');
  const end = Date.now() + 60000;
  while (loads < reloads && Date.now() < end) await sleep(100);
  app.page.off('load', counted);
  assert.equal(loads, reloads, `the page restarted ${reloads} time(s)`);
  await app.waitReady();
}

async function setUp(t) {
  const fixture = await setUpBrowserTest(t);
  fixture.files = fs.mkdtempSync(path.join(fixture.profile, '..', 'fieldcrm-backups-'));
  t.after(() => fs.rmSync(fixture.files, { recursive: true, force: true }));
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  return fixture;
}

test('backup, change, restore: the backed-up data is back after the restart, under a new sync identity', { timeout: 300000 }, async (t) => {
  const fixture = await setUp(t);
  let { app } = fixture.session;
  const ada = await app.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  await app.waitSaved();
  await app.click('###nav-settings');
  const backup = await app.download('###settings-download-backup', fixture.files);
  const idBefore = await deviceId(app);

  // Changes after the backup: a new customer and an edit.
  await app.click('###nav-customers');
  await app.addCustomer({ name: 'Grace Hopper', city: 'Arlington' });
  await app.click(`##row-${ada.id}`);
  await app.click('##customer-city');
  await app.press('Control+A');
  await app.page.keyboard.type('Paris');
  await app.click('###customer-form-save');
  await app.waitSaved();
  assert.deepEqual(await names(app), ['Ada Lovelace (Paris)', 'Grace Hopper (Arlington)']);

  const state = await openRestore(app, backup);
  assert.equal(state.restore.error, '');
  fs.mkdirSync(artifactsDir, { recursive: true });
  await app.page.screenshot({ path: path.join(artifactsDir, 'restore-confirm.png') });
  await confirmAndRestart(app);

  assert.deepEqual(await names(app), ['Ada Lovelace (London)'], 'the backed-up data is back');
  assert.match((await app.state()).toast, /Backup restored from fieldcrm-backup-.*: 1 customers/);
  assert.notEqual(await deviceId(app), idBefore, 'a restored database takes a new device id');
  assert.equal(await app.call('fieldcrm_test_integrity'), 'ok');
  assert.equal(await keptPrevious(app.page), false, 'the previous image is dropped once the restored one opened');

  await app.page.reload();
  await app.waitReady();
  assert.deepEqual(await names(app), ['Ada Lovelace (London)'], 'still there after another reload');
  assert.deepEqual(fixture.problems, [], 'the page reported no errors');
});

test('bad backups are refused with a clear message and nothing is lost', { timeout: 300000 }, async (t) => {
  const fixture = await setUp(t);
  const { app } = fixture.session;
  await app.addCustomer({ name: 'Wang Fang', city: 'Shanghai' });
  await app.click('###nav-settings');
  const good = fs.readFileSync(await app.download('###settings-download-backup', fixture.files));
  const before = await names(app);
  const frame = (await app.state()).frame;

  const damaged = Buffer.from(good);
  for (let i = 4096; i < damaged.length; i++) damaged[i] = (i * 7) & 0xff;
  const cases = [
    { name: 'cut.sqlite3', buffer: good.subarray(0, good.length - 1000), says: /truncated/ },
    { name: 'damaged.sqlite3', buffer: damaged, says: /damaged/ },
    { name: 'notes.sqlite3', buffer: Buffer.from('Dear diary, today I met a customer.\n'), says: /not an SQLite database/ },
    { name: 'empty.db', buffer: Buffer.alloc(0), says: /empty/ },
  ];
  for (const bad of cases) {
    const state = await openRestore(app, { name: bad.name, mimeType: 'application/vnd.sqlite3', buffer: bad.buffer });
    assert.equal(state.restore.step, 'idle', `${bad.name} goes no further than the check`);
    assert.match(state.restore.error, new RegExp(`^${bad.name.replace('.', '\\.')} was not restored: `));
    assert.match(state.restore.error, bad.says);
    assert.match(state.restore.error, /Nothing was changed\.$/);
    assert.deepEqual(await names(app), before);
  }
  await app.page.screenshot({ path: path.join(artifactsDir, 'restore-refused.png') });
  assert.ok((await app.state()).frame > frame, 'no restart: the app went on running');
  assert.equal(await keptPrevious(app.page), false);

  // Cancel at the question changes nothing either.
  await openRestore(app, { name: 'good.sqlite3', mimeType: 'application/vnd.sqlite3', buffer: good });
  await app.click('###restore-cancel');
  await app.waitForState('the cancelled restore', (s) => s.restore.step === 'idle');
  assert.deepEqual(await names(app), before);
  assert.deepEqual(fixture.problems, [], 'the page reported no errors');
});

test('a restore that cannot be stored, or does not open after the restart, leaves the previous data', { timeout: 300000 }, async (t) => {
  const fixture = await setUp(t);
  const { app, page } = fixture.session;
  await app.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  await app.waitSaved();
  await app.click('###nav-settings');
  const backup = await app.download('###settings-download-backup', fixture.files);
  await app.click('###nav-customers');
  await app.addCustomer({ name: 'Grace Hopper', city: 'Arlington' });
  await app.waitSaved();
  const current = await names(app);

  // Storing the restored image fails (the quota runs out): one restart, the previous data, a message.
  await openRestore(app, backup);
  await page.evaluate(() => {
    const hooks = window.fieldcrm.store.testHooks;
    hooks.abortWrites = 1;
    hooks.error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
  await confirmAndRestart(app);
  assert.deepEqual(await names(app), current, 'the previous data is in place');
  assert.match((await app.state()).toast, /not restored: storing it failed \(the browser storage is full \(quota exceeded\)\)\. Your previous data is unchanged/);
  assert.equal(await keptPrevious(page), false);

  // The restored image is damaged in storage and does not open: the previous one is put back (a second restart).
  await openRestore(app, backup);
  await page.evaluate(() => { window.fieldcrm.store.testHooks.damageRestore = true; });
  await confirmAndRestart(app, 2);
  assert.deepEqual(await names(app), current, 'the previous data was put back');
  assert.match((await app.state()).toast, /restored backup could not be opened .*Your previous data was put back/);
  assert.equal(await app.call('fieldcrm_test_integrity'), 'ok');
  assert.equal(await keptPrevious(page), false);
  const pageErrors = fixture.problems.filter((p) => !/^console error/.test(p));
  assert.deepEqual(pageErrors, [], 'no uncaught errors');
});
