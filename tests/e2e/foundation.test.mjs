// End-to-end test of the foundation (issue 2) in headless Chromium: add a customer by clicking and typing on the
// canvas, see it in the list, keep it across a reload and a browser restart on the same profile, delete it (Undo
// brings it back; a second delete outlives its toast) and find it gone after a reload, all without a console error.
// Plus sorting, a kept draft, IME input, and a screenshot of the list at devicePixelRatio 2 (build/e2e-artifacts/customers.png). Run: node --test tests/e2e/  (needs the built site).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, openApp, setUpBrowserTest } from './harness.mjs';

const ADA = {
  name: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  phone: '+44 20 7946 0958',
  email: 'ada@example.com',
  city: 'London',
  tags: 'vip, math',
  notes: 'Met at the trade fair.',
};

test('a customer added in the browser survives reload and restart, and delete (with undo) sticks', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;

  // ---- first visit: empty list, add a customer by mouse and keyboard -------------------------------------------
  fixture.session = await openApp(profile, url, { problems });
  let app = fixture.session.app;
  let state = await app.state();
  assert.equal(state.screen, 'customers');
  assert.equal(state.customerCount, 0);
  assert.ok(await app.rect('###empty-state-add-customer'), 'the empty state offers "Add customer"');

  await app.click('###add-customer');
  await app.waitForState('the new-customer form', (s) => s.form === 'new');

  // Validation shows when a field is left, not only on save.
  await app.type('##customer-email', 'ada@');
  await app.click('##customer-city');
  state = await app.waitForState('an email error', (s) => s.formErrors.some((e) => e.field === 'email'));
  assert.equal(state.formErrors.find((e) => e.field === 'email').code, 'email_syntax');
  await app.click('##customer-email');
  await app.press('Control+A');
  await app.page.keyboard.type(ADA.email);
  for (const field of ['name', 'company', 'phone', 'city', 'tags', 'notes']) await app.type(`##customer-${field}`, ADA[field]);
  state = await app.state();
  assert.deepEqual(state.formErrors, []);
  assert.equal(state.draft.name, ADA.name);
  assert.equal(state.draft.email, ADA.email);

  await app.click('###customer-form-save');
  state = await app.waitForState('the saved customer', (s) => s.form === 'edit' && s.selectedId !== '');
  const id = state.selectedId;
  let customers = await app.customers();
  assert.equal(customers.length, 1);
  assert.deepEqual(
    { ...customers[0], id: undefined, createdAtMs: undefined, updatedAtMs: undefined },
    // Tags are a set of tag links, listed in name order.
    { ...ADA, phone: '+442079460958', tags: 'math, vip', id: undefined, createdAtMs: undefined, updatedAtMs: undefined });
  assert.equal(customers[0].id, id);
  assert.ok(await app.waitForItem(`##row-${id}`), 'the customer has a row in the list');
  assert.equal((await app.state()).customerCount, 1);
  await app.waitSaved();

  // ---- reload: still there ---------------------------------------------------------------------------------------
  await fixture.session.page.reload();
  await app.waitReady();
  customers = await app.customers();
  assert.deepEqual(customers.map((c) => [c.id, c.name]), [[id, ADA.name]], 'after reload');
  assert.ok(await app.waitForItem(`##row-${id}`));

  // ---- new browser on the same profile: still there ----------------------------------------------------------------
  await fixture.session.context.close();
  fixture.session = await openApp(profile, url, { problems });
  app = fixture.session.app;
  customers = await app.customers();
  assert.deepEqual(customers.map((c) => [c.id, c.name, c.email]), [[id, ADA.name, ADA.email]], 'after restart');

  // ---- delete, undo, delete again ------------------------------------------------------------------------------------
  await app.click(`##row-${id}`);
  await app.waitForState('the customer open in the form', (s) => s.form === 'edit' && s.selectedId === id);
  await app.click('###customer-form-delete');
  state = await app.waitForState('the undo toast', (s) => s.toast.startsWith('Deleted'));
  assert.equal(state.customerCount, 0);
  assert.deepEqual(await app.customers(), []);
  assert.equal(await app.rect(`##row-${id}`), null, 'the row is gone');

  await app.click('###toast-undo');
  state = await app.waitForState('the restored customer', (s) => s.customerCount === 1 && s.toast === '');
  assert.deepEqual((await app.customers()).map((c) => c.id), [id], 'undo restores the same customer');
  assert.ok(await app.waitForItem(`##row-${id}`));

  await app.click(`##row-${id}`);
  await app.waitForState('the customer open in the form', (s) => s.form === 'edit' && s.selectedId === id);
  await app.click('###customer-form-delete');
  await app.waitForState('the undo toast', (s) => s.toast.startsWith('Deleted'));
  await app.waitForState('the toast to expire', (s) => s.toast === '', 12000);
  await app.waitSaved();

  await fixture.session.page.reload();
  await app.waitReady();
  assert.deepEqual(await app.customers(), [], 'deleted customer gone after reload');
  assert.equal((await app.state()).customerCount, 0);
  assert.ok(await app.waitForItem('###empty-state-add-customer'));

  assert.deepEqual(problems, [], 'the page reported no errors');
});

test('a list of a few customers: sorting, a draft kept across screens, and a screenshot at 2x', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;

  fixture.session = await openApp(profile, url, { problems });
  let app = fixture.session.app;
  const people = [
    { name: 'Grace Hopper', company: 'Navy Systems', phone: '+1 202 555 0143', email: 'grace@example.com', city: 'Arlington', tags: 'cobol' },
    { name: 'Linus Berg', company: 'Nordic Timber AB', phone: '+46 8 123 456 78', email: 'linus@nordic.example', city: 'Stockholm', tags: 'wood, export' },
    { name: 'Wang Fang', company: 'Harbour Tea Co.', phone: '+86 21 5555 0101', email: 'fang@harbour.example', city: 'Shanghai', tags: 'tea, vip' },
    { name: 'Ada Lovelace', company: 'Analytical Engines Ltd', phone: '+44 20 7946 0958', email: 'ada@example.com', city: 'London', tags: 'vip, math' },
  ];
  // Saved by clicking Save, by Enter in a field, and by Ctrl+S.
  const saveKeys = ['click', 'Enter', 'Control+S', 'click'];
  for (const [i, person] of people.entries()) await app.addCustomer(person, saveKeys[i]);
  assert.equal((await app.state()).customerCount, people.length);

  // Sorting by a header click re-orders the rows (Name ascending is the default).
  const namesTopToBottom = async () => {
    const rows = (await app.items()).filter((i) => i.label.startsWith('##row-'));
    const byId = new Map((await app.customers()).map((c) => [c.id, c.name]));
    return rows.sort((a, b) => a.y - b.y).map((r) => byId.get(r.label.slice('##row-'.length)));
  };
  assert.deepEqual(await namesTopToBottom(), ['Ada Lovelace', 'Grace Hopper', 'Linus Berg', 'Wang Fang']);
  await app.click('###header-city');
  await app.waitForState('sort by city', (s) => s.sort === 'city' && s.ascending);
  assert.deepEqual(await namesTopToBottom(), ['Grace Hopper', 'Ada Lovelace', 'Wang Fang', 'Linus Berg']);
  await app.click('###header-city');
  await app.waitForState('sort by city, descending', (s) => s.sort === 'city' && !s.ascending);
  assert.deepEqual(await namesTopToBottom(), ['Linus Berg', 'Wang Fang', 'Ada Lovelace', 'Grace Hopper']);
  await app.click('###header-name');
  await app.waitForState('sort by name', (s) => s.sort === 'name' && s.ascending);

  // A half-filled new customer survives a visit to Settings.
  await app.click('###add-customer');
  await app.type('##customer-name', 'Half Filled');
  await app.click('###nav-settings');
  await app.waitForState('the settings screen', (s) => s.screen === 'settings');
  await app.click('###nav-customers');
  const state = await app.waitForState('the customers screen', (s) => s.screen === 'customers');
  assert.equal(state.form, 'new');
  assert.equal(state.draft.name, 'Half Filled');

  // Text from an input method arrives when the composition ends, and is shown at the caret while composing.
  await app.click('##customer-company');
  await app.waitForState('text input in company', (s) => s.wantTextInput);
  const cdp = await fixture.session.context.newCDPSession(fixture.session.page);
  await cdp.send('Input.imeSetComposition', { text: 'zhang', selectionStart: 5, selectionEnd: 5 });
  await app.waitFrames(2);
  assert.equal((await app.state()).draft.company, '', 'nothing is committed while composing');
  assert.ok(await fixture.session.page.evaluate(() => document.getElementById('fieldcrm-text-input').classList.contains('composing')));
  await cdp.send('Input.insertText', { text: '张三' });
  await app.waitForState('the composed text', (s) => s.draft.company === '张三');
  await app.press('Escape');
  await app.waitForState('the form closed', (s) => s.form === 'closed');
  await app.waitSaved();
  await fixture.session.context.close();

  // The same profile on a HiDPI screen: the list is still there; open one customer and take the screenshot.
  fixture.session = await openApp(profile, url, { problems, deviceScaleFactor: 2 });
  app = fixture.session.app;
  assert.equal((await app.state()).customerCount, people.length);
  const wang = (await app.customers()).find((c) => c.name === 'Wang Fang');
  await app.click(`##row-${wang.id}`);
  await app.waitForState('Wang Fang open', (s) => s.selectedId === wang.id && s.form === 'edit');
  fs.mkdirSync(artifactsDir, { recursive: true });
  await fixture.session.page.screenshot({ path: path.join(artifactsDir, 'customers.png') });

  assert.deepEqual(problems, [], 'the page reported no errors');
});
