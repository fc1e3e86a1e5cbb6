// End-to-end tests of customer import and export (issue 4) in headless Chromium. A GBK-encoded CSV from Chinese
// Excel (Chinese headers, one bad row) goes through the real file picker, and a .vcf with several cards is dropped
// on the window: each shows its format and first rows, the suggested mapping (changed once by hand), the dry run
// with its per-row errors (downloaded), and the commit; the customers then are in the list. On a fresh profile the
// empty list's own Import button opens the picker and the wizard. A commit cancelled midway writes nothing. The
// CSV export downloads a file Excel opens right (BOM, CRLF, the rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, setUpBrowserTest, sleep } from './harness.mjs';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
const importState = (app) => app.call('fieldcrm_test_import');

// Polls the import wizard's state until `check(state)` holds; fails with the last state seen.
async function waitForImport(app, what, check, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await importState(app);
    if (check(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last import state ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

// From the mapping step: dry run, then the review.
async function checkRows(app) {
  await app.click('###import-dry-run');
  return waitForImport(app, 'the dry-run summary', (s) => s.step === 'review' || s.step === 'failed');
}

async function commit(app) {
  await app.click('###import-commit');
  return waitForImport(app, 'the import result', (s) => s.step === 'done' || s.step === 'failed');
}

test('a GBK CSV through the picker and a vCard file by drop: preview, mapping, dry-run errors, commit, export', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const files = fs.mkdtempSync(path.join(fixture.profile, '..', 'fieldcrm-import-files-'));
  t.after(() => fs.rmSync(files, { recursive: true, force: true }));
  fixture.session = await openApp(profile, url, { problems });
  const app = fixture.session.app;

  // ---- the CSV, picked: what the file is, its first rows ---------------------------------------------------------
  await app.pickFile('###import-customers', path.join(dataDir, 'customers_gbk.csv'));
  let s = await waitForImport(app, 'the file step', (x) => x.step === 'file' || x.step === 'failed');
  assert.equal(s.step, 'file', JSON.stringify(s));
  assert.equal(s.streamed, true, 'the picked file is read in slices, not whole');
  assert.equal(s.format, 'CSV');
  assert.equal(s.encoding, 'GB18030');
  assert.equal(s.delimiter, ',');
  assert.deepEqual(s.columns, ['姓名', '手机', '邮箱', '公司', '城市', '备注']);
  assert.equal(s.previewRows, 4);
  assert.equal(s.preview[0], '张三');

  // ---- the mapping: suggested from the Chinese headers; one column changed by hand and back -------------------------
  await app.click('###import-next');
  s = await waitForImport(app, 'the mapping step', (x) => x.step === 'mapping');
  assert.deepEqual(s.mapping, ['name', 'phone', 'email', 'company', 'city', 'notes']);
  await app.click('##import-map-5');
  await app.click('###import-field-ignore');
  s = await waitForImport(app, 'the notes column ignored', (x) => x.mapping[5] === '');
  await app.click('##import-map-5');
  await app.click('###import-field-notes');
  s = await waitForImport(app, 'the notes column mapped again', (x) => x.mapping[5] === 'notes');

  // ---- the dry run: one bad row with two problems, nothing written; the errors download as CSV ------------------------
  s = await checkRows(app);
  assert.equal(s.step, 'review', JSON.stringify(s));
  assert.deepEqual(s.counts, { rows: 4, created: 3, updated: 0, duplicates: 0, failed: 1, companies: 3 });
  assert.deepEqual(s.errors.map((e) => `${e.row} ${e.field}`).sort(), ['4 email', '4 phone']);
  assert.equal(s.canCommit, false, 'all or nothing: the bad row blocks the commit');
  assert.equal((await app.customers()).length, 0, 'a dry run writes nothing');
  const errorsFile = await app.download('###import-download-errors', files);
  const errorsCsv = fs.readFileSync(errorsFile);
  assert.deepEqual([...errorsCsv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the errors CSV starts with a BOM for Excel');
  const errorLines = errorsCsv.toString('utf8').slice(1).split('\r\n');
  assert.equal(errorLines[0], 'row,field,reason');
  assert.deepEqual(errorLines.slice(1, 3).map((l) => l.split(',').slice(0, 2).join(',')).sort(), ['4,email', '4,phone']);

  // ---- the commit, leaving the bad row out; the list shows the customers ------------------------------------------------
  await app.click('###import-commit');  // disabled while the bad row is in
  await app.waitFrames(3);
  assert.equal((await importState(app)).step, 'review');
  await app.click('###import-skip-errors');
  s = await waitForImport(app, 'skip rows with errors', (x) => x.canCommit);
  s = await commit(app);
  assert.equal(s.step, 'done', JSON.stringify(s));
  assert.equal(s.counts.created, 3);
  await app.click('###import-close');
  await waitForImport(app, 'the dialog closed', (x) => x.step === 'closed');
  let customers = await app.customers();
  const byName = Object.fromEntries(customers.map((c) => [c.name, c]));
  assert.deepEqual(Object.keys(byName).sort(), ['张三', '李四', '赵六'].sort());
  assert.equal(byName['张三'].phone, '13800138000');
  assert.equal(byName['张三'].email, 'zhangsan@example.cn');
  assert.equal(byName['张三'].company, '华为');
  assert.equal(byName['张三'].city, '深圳');
  assert.equal(byName['赵六'].notes.replace(/\r\n/g, '\n'), '展会认识，\n两行备注', 'a quoted cell keeps its newline');
  await app.waitForState('the list with 3 customers', (x) => x.customerCount === 3);
  await app.waitSaved();

  // ---- the vCard file, dropped on the window --------------------------------------------------------------------------
  await app.dropFile(path.join(dataDir, 'contacts.vcf'));
  s = await waitForImport(app, 'the dropped vCard file', (x) => x.step === 'file' || x.step === 'failed');
  assert.equal(s.step, 'file', JSON.stringify(s));
  assert.equal(s.fileName, 'contacts.vcf');
  assert.equal(s.streamed, true, 'a dropped .vcf is read in slices');
  assert.equal(s.format, 'vCard');
  assert.equal(s.previewRows, 3);
  await app.click('###import-next');
  await waitForImport(app, 'the mapping step', (x) => x.step === 'mapping');
  s = await checkRows(app);
  assert.deepEqual(s.counts, { rows: 3, created: 3, updated: 0, duplicates: 0, failed: 0, companies: 1 });
  s = await commit(app);
  assert.equal(s.counts.created, 3);
  await app.click('###import-close');
  customers = await app.customers();
  assert.equal(customers.length, 6);
  const chen = customers.find((c) => c.name === '陈小红');
  assert.ok(chen, 'the first card is a customer');
  assert.equal(chen.phone, '13511112222');
  assert.equal(chen.company, '腾讯');
  assert.equal(chen.tags, 'VIP, 同事');
  assert.equal(customers.find((c) => c.name === 'Jane Doe').notes, 'met at the fair\nsecond line');
  assert.equal(customers.find((c) => c.name === '刘备').city, '北京');
  await app.waitForState('the list with 6 customers', (x) => x.customerCount === 6);

  // ---- the CSV export: BOM, CRLF, a header and every customer ------------------------------------------------------------
  await app.click('###export-customers');
  const exported = await app.download('###export-csv', files);
  assert.match(path.basename(exported), /^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync(exported);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const text = bytes.toString('utf8').slice(1);
  const outsideQuotes = text.split('"').filter((_, i) => i % 2 === 0).join('');  // a quoted cell may hold a newline
  assert.ok(outsideQuotes.endsWith('\r\n') && !/[^\r]\n/.test(outsideQuotes), 'every row ends in CRLF');
  const header = text.slice(0, text.indexOf('\r\n'));
  assert.match(header, /^Name,Company,Title,Phone,/);
  for (const name of ['张三', '李四', '赵六', '陈小红', 'Jane Doe', '刘备']) assert.ok(text.includes(name), `${name} exported`);
  assert.equal((await importState(app)).lastExport.format, 'csv');
  assert.deepEqual(problems, []);
});

test('the empty list offers Import: its button opens the picker and the wizard, and the imported CSV fills the list', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const dir = fs.mkdtempSync(path.join(fixture.profile, '..', 'fieldcrm-import-empty-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rows = ['姓名,手机,城市'];
  for (let i = 0; i < 30; i++) rows.push(`客户${String(i).padStart(2, '0')},139${String(20000000 + i)},杭州`);
  const csv = path.join(dir, 'first-customers.csv');
  fs.writeFileSync(csv, rows.join('\r\n') + '\r\n');

  fixture.session = await openApp(profile, url, { problems });
  const app = fixture.session.app;
  assert.equal((await app.state()).customerCount, 0, 'a fresh profile has no customers');
  assert.ok(await app.waitForItem('###empty-state-add-customer'), 'the empty list offers "Add customer"');

  // The empty state's own Import button, clicked on the canvas, opens the file picker; the file opens the wizard.
  await app.pickFile('###empty-state-import', csv);
  let s = await waitForImport(app, 'the file step', (x) => x.step === 'file' || x.step === 'failed');
  assert.equal(s.step, 'file', JSON.stringify(s));
  assert.equal(s.fileName, 'first-customers.csv');
  assert.deepEqual(s.columns, ['姓名', '手机', '城市']);
  await app.click('###import-next');
  s = await waitForImport(app, 'the mapping step', (x) => x.step === 'mapping');
  assert.deepEqual(s.mapping, ['name', 'phone', 'city']);
  s = await checkRows(app);
  assert.deepEqual(s.counts, { rows: 30, created: 30, updated: 0, duplicates: 0, failed: 0, companies: 0 });
  s = await commit(app);
  assert.equal(s.counts.created, 30);
  await app.click('###import-close');
  await waitForImport(app, 'the dialog closed', (x) => x.step === 'closed');

  // The list now shows the imported customers, drawn as rows; the empty state is gone.
  await app.waitForState('30 customers', (x) => x.customerCount === 30);
  const list = await app.call('fieldcrm_test_list');
  assert.equal(list.rowCount, 30);
  assert.deepEqual(list.rows.slice(0, 3).map((r) => `${r.name} ${r.city}`), ['客户00 杭州', '客户01 杭州', '客户02 杭州']);
  const drawn = (await app.items()).filter((i) => i.label.startsWith('##row-'));
  assert.ok(drawn.length >= 5, `rows drawn on the canvas (${drawn.length})`);
  assert.equal(await app.rect('###empty-state-import'), null, 'no empty state over a full list');
  await app.waitSaved();
  assert.deepEqual(problems, []);
});

test('a commit cancelled midway writes nothing', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const dir = fs.mkdtempSync(path.join(fixture.profile, '..', 'fieldcrm-import-big-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rows = ['Name,Mobile,Email,City,Company'];
  for (let i = 0; i < 40000; i++)
    rows.push(`Customer ${i},139${String(10000000 + i)},c${i}@example.com,City ${i % 50},Company ${i % 300}`);
  const big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, rows.join('\n') + '\n');

  fixture.session = await openApp(profile, url, { problems });
  const app = fixture.session.app;
  await app.addCustomer({ name: 'Kept Customer', city: 'Berlin' });
  await app.waitSaved();
  await app.pickFile('###import-customers', big);
  await waitForImport(app, 'the file step', (x) => x.step === 'file');
  await app.click('###import-next');
  await waitForImport(app, 'the mapping step', (x) => x.step === 'mapping');
  let s = await checkRows(app);
  assert.equal(s.counts.created, 40000);
  await app.click('###import-commit');
  s = await waitForImport(app, 'the commit under way', (x) => x.step === 'committing' && x.counts.rows > 0, 30000);
  await app.click('###import-cancel');
  s = await waitForImport(app, 'the commit cancelled', (x) => x.step !== 'committing');
  assert.equal(s.step, 'mapping', `cancelled before the end (${JSON.stringify(s.counts)})`);
  assert.match(s.notice, /Nothing was written/);
  const customers = await app.customers();
  assert.deepEqual(customers.map((c) => c.name), ['Kept Customer']);
  assert.equal(await app.call('fieldcrm_test_integrity'), 'ok');
  await app.waitSaved();
  // After a reload, still only the customer that was there before.
  await fixture.session.page.reload();
  await app.waitReady();
  assert.equal((await app.customers()).length, 1);
  assert.deepEqual(problems, []);
});
