// End-to-end test of storage safety (issue 3): the Storage panel in Settings, and a simulated quota failure through
// the page store's test hook — the status bar turns red and says so, "Download backup" there delivers the whole
// database, the retry stores the customer once the failure ends, and a reload finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, setUpBrowserTest } from './harness.mjs';

test('a quota failure loses nothing: warning, backup download, retry, and the customer after reload', { timeout: 120000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;

  fixture.session = await openApp(profile, url, { problems });
  const { app, page } = fixture.session;

  // ---- the Storage panel ------------------------------------------------------------------------------------------
  await app.click('###nav-settings');
  let state = await app.waitForState('the persistence answer', (s) => s.screen === 'settings' && s.persistenceKnown);
  assert.equal(state.persistent, false, 'headless Chromium does not grant persistent storage');
  assert.ok(await app.waitForItem('###settings-download-backup'));
  const fromSettings = page.waitForEvent('download');
  await app.click('###settings-download-backup');
  const settingsDownload = await fromSettings;
  assert.match(settingsDownload.suggestedFilename(), /^fieldcrm-backup-\d{4}-\d{2}-\d{2}\.sqlite3$/);
  await app.click('###nav-customers');

  // ---- storing fails with QuotaExceededError ------------------------------------------------------------------------
  assert.equal(await app.rect('###status-bar-download-backup'), null, 'no backup button while saving works');
  await page.evaluate(() => {
    const hooks = window.fieldcrm.store.testHooks;
    hooks.abortWrites = 1000;
    hooks.error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
  const ada = await app.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  state = await app.waitForState('the failed save', (s) => s.saveState === 'failed');
  assert.match(state.saveError, /storage is full \(quota exceeded\)/);
  assert.ok(await app.waitForItem('###status-bar-download-backup'), 'the status bar offers the backup');

  const download = page.waitForEvent('download');
  await app.click('###status-bar-download-backup');
  const backup = fs.readFileSync(await (await download).path());
  assert.equal(backup.subarray(0, 16).toString('latin1'), 'SQLite format 3\0', 'the backup is an SQLite file');
  assert.ok(backup.includes(Buffer.from('Ada Lovelace')), 'the backup holds the customer not yet stored');
  assert.equal((await app.state()).saveState, 'failed', 'still failing while the hook aborts writes');

  // ---- the failure ends: the retry stores everything ------------------------------------------------------------------
  await page.evaluate(() => { window.fieldcrm.store.testHooks.abortWrites = 0; });
  await app.waitForState('the retry to store it', (s) => s.saveState === 'saved', 20000);
  await app.waitFrames(2);
  assert.equal(await app.rect('###status-bar-download-backup'), null, 'the warning is gone');

  await page.reload();
  await app.waitReady();
  assert.deepEqual((await app.customers()).map((c) => [c.id, c.name]), [[ada.id, 'Ada Lovelace']]);
  assert.equal((await app.call('fieldcrm_test_integrity')), 'ok');
  assert.deepEqual(problems, [], 'the page reported no errors');
});
