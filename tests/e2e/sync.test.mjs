// End-to-end test of sync between devices (issue 6) in headless Chromium: two browser profiles are two devices.
// Each adds and edits customers; they exchange files only through the real export download and the real import
// picker (and once by dropping the file on the window); both end with the same data. A concurrent edit of the same
// field shows on the Conflicts screen, where choosing the other value wins on both devices. Bad files (truncated,
// foreign JSON) say why and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, newProfileDir, openApp, setUpBrowserTest, sleep } from './harness.mjs';

const sync = (app) => app.call('fieldcrm_test_sync');
const conflicts = (app) => app.call('fieldcrm_test_conflicts');

// What a device holds, comparable between devices.
async function data(app) {
  return (await app.customers()).map((c) => ({ ...c })).sort((a, b) => a.id.localeCompare(b.id));
}

// Polls the Sync screen's state until `check(state)` holds; fails with the last state seen.
async function waitForSync(app, what, check, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await sync(app);
    if (check(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last sync state ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

async function nameDevice(app, name) {
  await app.click('###nav-sync');
  await app.type('##device-name-sync', name);
  await app.click('###device-name-save-sync');
  await waitForSync(app, `the device name "${name}"`, (s) => s.deviceName === name);
}

// Runs `action`, which imports a file, and waits until the Sync screen reports that import (a newer result, or an
// error); returns the sync state.
async function importing(app, action) {
  const before = (await sync(app)).lastImport?.atMs ?? 0;
  await action();
  return waitForSync(app, 'the import', (s) => s.importStep === 'idle' && (s.error || (s.lastImport?.atMs ?? 0) > before));
}

async function importByPicker(app, file) {
  await app.click('###nav-sync');
  return importing(app, () => app.pickFile('###sync-import', file));
}

async function setCity(app, id, city) {
  await app.click('###nav-customers');
  await app.click(`##row-${id}`);
  await app.waitForState('the customer open', (s) => s.form === 'edit' && s.selectedId === id);
  await app.click('##customer-city');
  await app.press('Control+A');
  await app.page.keyboard.type(city);
  await app.click('###customer-form-save');
  await app.waitForState('the saved city', (s) => !s.formDirty && s.draft.city === city);
}

test('two devices exchange files through download and picker, converge, and settle a conflict', { timeout: 600000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const profileB = newProfileDir();
  const files = fs.mkdtempSync(path.join(fixture.profile, '..', 'fieldcrm-sync-files-'));
  let sessionB = null;
  t.after(async () => {
    if (sessionB) await sessionB.context.close();
    fs.rmSync(profileB, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  fixture.session = await openApp(profile, url, { problems });
  const a = fixture.session.app;
  sessionB = await openApp(profileB, url, { problems });
  const b = sessionB.app;

  // ---- two named devices, each with its own customers ------------------------------------------------------------
  await nameDevice(a, 'sales laptop');
  await nameDevice(b, 'office desktop');
  const idA = (await sync(a)).deviceId;
  const idB = (await sync(b)).deviceId;
  assert.notEqual(idA, idB);
  await a.click('###nav-customers');
  const ada = await a.addCustomer({ name: 'Ada Lovelace', city: 'London' });
  const grace = await a.addCustomer({ name: 'Grace Hopper', city: 'Arlington' });
  await b.click('###nav-customers');
  const linus = await b.addCustomer({ name: 'Linus Berg', city: 'Stockholm' });

  // ---- a full file from A to B, then B's file for A back ---------------------------------------------------------
  await a.click('###nav-sync');
  const full = await a.download('###sync-export-all', files);
  assert.match(path.basename(full), /^fieldcrm-sync-sales-laptop-\d{4}-\d{2}-\d{2}-\d{6}\.json$/);
  assert.equal(JSON.parse(fs.readFileSync(full, 'utf8')).format, 'fieldcrm-sync');
  let s = await importByPicker(b, full);
  assert.equal(s.error, '');
  assert.equal(s.lastImport.fromName, 'sales laptop');
  assert.equal(s.lastImport.total.created, 2, 'two new customers on B');
  assert.deepEqual(s.peers.map((p) => [p.device, p.name]), [[idA, 'sales laptop']]);
  assert.ok(s.peers[0].lastImportAtMs > 0, 'B records when it last imported from A');
  assert.equal((await b.state()).customerCount, 3, 'the list shows the imported customers');
  await b.waitForItem(`##row-${ada.id}`).catch(async () => { await b.click('###nav-customers'); await b.waitForItem(`##row-${ada.id}`); });

  await b.click('###nav-sync');
  const forA = await b.download(`###sync-export-for-${idA}`, files);
  assert.match(path.basename(forA), /^fieldcrm-sync-office-desktop-for-sales-laptop-/);
  assert.equal(JSON.parse(fs.readFileSync(forA, 'utf8')).changes.length, 2, 'only what A has not seen: Linus');
  s = await importByPicker(a, forA);
  assert.equal(s.lastImport.total.created, 1);
  assert.deepEqual(await data(a), await data(b), 'both devices hold the same customers');
  assert.equal((await data(a)).length, 3);

  // ---- the same field edited on both before they exchange: a conflict ----------------------------------------------
  await setCity(a, ada.id, 'Shenzhen');
  await sleep(50);
  await setCity(b, ada.id, 'Guangzhou');  // later: wins on both
  await setCity(b, linus.id, 'Uppsala');   // an edit only B made
  await a.click('###nav-sync');
  const aForB = await a.download(`###sync-export-for-${idB}`, files);
  await b.click('###nav-sync');
  const bForA = await b.download(`###sync-export-for-${idA}`, files);
  s = await importByPicker(b, aForB);
  assert.equal(s.lastImport.total.conflicts, 1);

  // A gets B's file by drag-and-drop onto the window (from another screen: it opens Sync by itself).
  await a.click('###nav-customers');
  s = await importing(a, () => a.dropFile(bForA));
  assert.equal(s.lastImport.fileName, path.basename(bForA));
  assert.equal(s.error, '');
  assert.equal((await a.state()).screen, 'sync');
  assert.equal(s.lastImport.total.conflicts, 1);
  assert.equal(s.lastImport.total.updated, 2, 'Ada and Linus updated on A');
  assert.deepEqual(await data(a), await data(b), 'the same data after the conflicting edits');
  assert.equal((await data(a)).find((c) => c.id === ada.id).city, 'Guangzhou');
  assert.equal((await data(a)).find((c) => c.id === linus.id).city, 'Uppsala');

  // ---- the conflict screen: both values, who and when; choosing the other value wins everywhere -------------------
  for (const app of [a, b]) assert.equal((await app.state()).conflictCount, 1, 'the navigation badge counts it');
  await a.click('###nav-conflicts');
  await a.waitForState('the conflicts screen', (st) => st.screen === 'conflicts');
  const [conflict] = await conflicts(a);
  assert.deepEqual([conflict.recordName, conflict.field, conflict.value, conflict.device, conflict.currentValue, conflict.currentDevice],
    ['Ada Lovelace', 'city', 'Shenzhen', idA, 'Guangzhou', idB]);
  fs.mkdirSync(artifactsDir, { recursive: true });
  await a.page.screenshot({ path: path.join(artifactsDir, 'conflicts.png') });
  await a.click(`###conflict-use-${conflict.key}`);
  await a.waitForState('the conflict settled', (st) => st.conflictCount === 0);
  assert.equal((await data(a)).find((c) => c.id === ada.id).city, 'Shenzhen');

  await a.click('###nav-sync');
  const settled = await a.download(`###sync-export-for-${idB}`, files);
  s = await importByPicker(b, settled);
  assert.equal((await b.state()).conflictCount, 0, 'the chosen value closes the conflict on B too');
  assert.deepEqual(await data(a), await data(b));
  assert.equal((await data(b)).find((c) => c.id === ada.id).city, 'Shenzhen');
  await b.page.screenshot({ path: path.join(artifactsDir, 'sync.png') });

  // ---- importing the same file again changes nothing -----------------------------------------------------------------
  const before = await data(b);
  s = await importByPicker(b, settled);
  assert.equal(s.lastImport.total.changes, 0);
  assert.deepEqual(await data(b), before);
  assert.deepEqual(problems, [], 'the pages reported no errors');
});

test('a truncated or foreign file is refused with a clear message and changes nothing', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const files = fs.mkdtempSync(path.join(profile, '..', 'fieldcrm-sync-bad-'));
  t.after(() => fs.rmSync(files, { recursive: true, force: true }));
  fixture.session = await openApp(profile, url, { problems });
  const app = fixture.session.app;
  await app.addCustomer({ name: 'Wang Fang', city: 'Shanghai' });
  await app.click('###nav-sync');
  const good = await app.download('###sync-export-all', files);
  const text = fs.readFileSync(good, 'utf8');
  const before = await data(app);
  const peersBefore = (await sync(app)).peers;

  const cases = [
    { name: 'truncated.json', content: text.slice(0, Math.floor(text.length / 2)), says: /not valid JSON, it may be truncated/ },
    { name: 'package.json', content: '{"name": "left-pad", "version": "1.3.0"}', says: /not a FieldCRM sync file/ },
    { name: 'newer.json', content: text.replace('"version":1', '"version":7'), says: /newer FieldCRM/ },
  ];
  for (const bad of cases) {
    const s = await importing(app, () =>
      app.pickFile('###sync-import', { name: bad.name, mimeType: 'application/json', buffer: Buffer.from(bad.content) }));
    assert.match(s.error, new RegExp(bad.name.replace('.', '\\.')));
    assert.match(s.error, bad.says);
    assert.match(s.error, /Nothing was changed/);
    assert.deepEqual(await data(app), before, `${bad.name} changed nothing`);
    assert.deepEqual((await sync(app)).peers, peersBefore);
  }
  // The message is on screen, in the Import section.
  assert.ok((await app.items()).length > 0);
  await app.page.screenshot({ path: path.join(artifactsDir, 'sync-bad-file.png') });
  assert.deepEqual(problems, [], 'the page reported no errors');
});

// A sync file another device could have written: `count` new customers, each a name and a city.
function bigSyncFile(count) {
  const device = '7d2b4c1e-9a0f-4b6e-8c3d-5f1a2b3c4d5e';
  const hlc = (BigInt(Date.now() - 3600000) << 16n).toString(16).padStart(16, '0');
  const changes = [];
  for (let i = 0; i < count; i++) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    changes.push([0, 2 * i + 1, hlc, 'customer', id, 'name', `Customer ${i}`, 'rep', null, null]);
    changes.push([0, 2 * i + 2, hlc, 'customer', id, 'city', '上海', 'rep', null, null]);
  }
  return JSON.stringify({
    format: 'fieldcrm-sync', version: 1, device, for: null, exported_at_ms: Date.now(),
    devices: [{ id: device, name: 'regional office', seen: 2 * count, from: 0 }], changes,
  });
}

test('a large import shows its progress, can be cancelled without a trace, and then completes', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  fixture.session = await openApp(profile, url, { problems });
  const app = fixture.session.app;
  await app.addCustomer({ name: 'Already Here', city: 'Beijing' });
  await app.waitSaved();
  const file = { name: 'regional-office.json', mimeType: 'application/json', buffer: Buffer.from(bigSyncFile(50000)) };
  await app.click('###nav-sync');

  await app.pickFile('###sync-import', file);
  let s = await waitForSync(app, 'the merge under way', (st) => st.importStep === 'merging' && st.importProgress > 0);
  assert.ok(s.importProgress < 1);
  await app.waitForItem('###sync-import-cancel');
  await app.page.screenshot({ path: path.join(artifactsDir, 'sync-progress.png') });
  await app.click('###sync-import-cancel');
  s = await waitForSync(app, 'the cancelled import', (st) => st.importStep === 'idle');
  assert.equal(s.lastImport, null);
  assert.deepEqual(s.peers, [], 'a cancelled import leaves no trace, not even the device it came from');
  assert.deepEqual((await app.customers()).map((c) => c.name), ['Already Here']);
  await app.waitSaved();

  s = await importing(app, () => app.pickFile('###sync-import', file));
  assert.equal(s.error, '');
  assert.equal(s.lastImport.total.created, 50000);
  assert.equal(s.lastImport.fromName, 'regional office');
  assert.equal((await app.state()).customerCount, 50001);
  await app.waitSaved();
  assert.deepEqual(problems, [], 'the page reported no errors');
});
