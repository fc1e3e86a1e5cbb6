// End-to-end test of the stored layout (issue 3): an image stored the way the first FieldCRM release stored it
// (IndexedDB version 1: one record per 4 KiB page, no segments) opens in this one, streamed in many small batches;
// the edits after it are stored in the current layout (segments plus single pages), and a reload reads that back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchChromium, openApp, setUpBrowserTest } from './harness.mjs';

// Writes `image` (the bytes of an SQLite database) into the origin's IndexedDB exactly as version 1 of the page
// store did: database "fieldcrm-fieldcrm" version 1, "pages" (page index -> 4 KiB) and "meta" ("image" -> record).
function storeAsVersion1(image) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('fieldcrm-fieldcrm', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('pages');
      open.result.createObjectStore('meta');
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['pages', 'meta'], 'readwrite');
      const bytes = new Uint8Array(image);
      for (let page = 0; page * 4096 < bytes.length; page++)
        tx.objectStore('pages').put(bytes.slice(page * 4096, (page + 1) * 4096).buffer, page);
      tx.objectStore('meta').put({ generation: 7, bytes: bytes.length }, 'image');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  });
}

// How many records each object store of the page store holds now.
function countRecords() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('fieldcrm-fieldcrm');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const counts = {};
      for (const name of names) {
        const req = tx.objectStore(name).count();
        req.onsuccess = () => { counts[name] = req.result; };
      }
      tx.oncomplete = () => { db.close(); resolve({ version: db.version, counts }); };
      tx.onabort = () => reject(tx.error);
    };
  });
}

test('an image in the version-1 layout opens, streams in batches, and is stored in segments once edited', { timeout: 240000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, problems } = fixture;

  // ---- a database with two customers, taken as a backup file from a first profile ----------------------------------
  fixture.session = await openApp(fixture.profile, url, { problems });
  let { app, page } = fixture.session;
  const ada = await app.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  const wang = await app.addCustomer({ name: '王小明', city: '上海' });
  await app.waitSaved();
  await app.click('###nav-settings');
  const download = page.waitForEvent('download');
  await app.click('###settings-download-backup');
  const image = fs.readFileSync(await (await download).path());
  assert.equal(image.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  await fixture.session.context.close();
  fixture.session = null;

  // ---- a second profile holding that image in the version-1 layout -----------------------------------------------
  const profile = fs.mkdtempSync(fixture.profile + '-v1');
  t.after(() => fs.rmSync(profile, { recursive: true, force: true }));
  const plain = await launchChromium(profile);
  const blank = plain.pages()[0] || (await plain.newPage());
  await blank.goto(url + 'favicon.svg');  // any document of the app's origin, without the app
  await blank.evaluate(storeAsVersion1, [...image]);
  const before = await blank.evaluate(countRecords);
  assert.equal(before.version, 1);
  assert.equal(before.counts.pages, Math.ceil(image.length / 4096));
  await plain.close();

  // ---- the app opens it (upgrading IndexedDB to version 2), streamed in batches of 3 pages ------------------------
  fixture.session = await openApp(profile, url, { problems, loadBatchPages: 3 });
  ({ app, page } = fixture.session);
  assert.ok(image.length / 4096 > 3, 'the image takes more than one batch');
  assert.deepEqual((await app.customers()).map((c) => [c.id, c.name, c.city]).sort(),
    [[ada.id, 'Ada Lovelace', 'London'], [wang.id, '王小明', '上海']].sort());
  assert.equal(await app.call('fieldcrm_test_integrity'), 'ok');

  // ---- an edit is stored in the current layout; a reload reads the mix back -----------------------------------------
  const grace = await app.addCustomer({ name: 'Grace Hopper', city: 'New York' });
  await app.waitSaved();
  const after = await page.evaluate(countRecords);
  assert.equal(after.version, 2);
  assert.ok(after.counts.segments >= 1, `touched segments are stored whole: ${JSON.stringify(after)}`);
  assert.ok(after.counts.pages < before.counts.pages, `their single pages are gone: ${JSON.stringify(after)}`);
  await page.reload();
  await app.waitReady();
  assert.deepEqual((await app.customers()).map((c) => c.id).sort(), [ada.id, wang.id, grace.id].sort());
  assert.equal(await app.call('fieldcrm_test_integrity'), 'ok');
  assert.deepEqual(problems, [], 'the page reported no errors');
});
