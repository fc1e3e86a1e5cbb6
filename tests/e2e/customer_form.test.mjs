// End-to-end tests of customer entry (issue 4, item 2) in headless Chromium, by clicks and typing only: custom fields
// added in Settings appear in the customer form; every field of the form is stored and still there after a reload;
// required fields from Settings; invalid phone and email show their messages and saving is refused; a duplicate
// phone is warned about (and opens the other customer); a company is created, linked through the company picker,
// renamed (the customer shows the new name) and deleted with undo. Values are read back through the test API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, openApp, setUpBrowserTest } from './harness.mjs';

const form = (app) => app.call('fieldcrm_test_customer_form');
const records = (app) => app.call('fieldcrm_test_customer_records');
const customFields = (app) => app.call('fieldcrm_test_custom_fields');
const companiesScreen = (app) => app.call('fieldcrm_test_companies_screen');

async function waitFor(what, read, check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, name) });
}

// Picks `option` of the combo `combo` (both "###id" labels) as a person does: open it, click the entry.
async function choose(app, combo, option) {
  await app.click(combo);
  await app.click(option);
}

test('custom fields from Settings and every field of the customer form are stored and kept across a reload', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app, page } = fixture.session;

  // ---- Settings: two custom fields, and the city made required ------------------------------------------------
  await app.click('###nav-settings');
  await app.waitForState('the settings screen', (s) => s.screen === 'settings');
  await app.type('##new-custom-field-label', '微信号');
  await app.click('###add-custom-field');
  await app.type('##new-custom-field-label', 'Wine preference');
  await choose(app, '###new-custom-field-kind', '###kind-choice');
  await app.type('##new-custom-field-choices', 'Red, White, Sparkling');
  await app.click('###add-custom-field');
  const defined = await waitFor('two custom fields', () => customFields(app), (f) => f.fields.length === 2);
  const [wechat, wine] = defined.fields;
  assert.deepEqual([wechat.label, wechat.kind], ['微信号', 'text']);
  assert.deepEqual([wine.label, wine.kind, wine.choices], ['Wine preference', 'choice', ['Red', 'White', 'Sparkling']]);
  // A label that is taken is refused with a word on why.
  await app.type('##new-custom-field-label', '微信号');
  await app.click('###add-custom-field');
  assert.equal((await customFields(app)).fields.length, 2);
  await app.click('###required-city');
  await waitFor('city required', () => customFields(app), (f) => f.required.includes('city'));
  await screenshot(page, 'settings-customer-fields.png');

  // ---- the form: every section filled by typing and clicking ----------------------------------------------------
  await app.click('###nav-customers');
  await app.click('###add-customer');
  await app.waitForState('the new-customer form', (s) => s.form === 'new');
  assert.ok((await form(app)).required.includes('city'), 'the form knows the city is required');
  await app.type('##customer-name', '王芳');
  // Saving without the required city is refused, with the message under the field.
  await app.click('###customer-form-save');
  let state = await app.waitForState('the city required', (s) => s.formErrors.some((e) => e.field === 'city'));
  assert.equal(state.formErrors.find((e) => e.field === 'city').code, 'required');
  assert.equal(state.form, 'new');

  await app.type('##customer-title', '采购经理');
  await app.type('##customer-company', 'Harbour Tea');
  await app.type('##customer-phone', '13800138000');
  await app.type('##customer-other-phones', '010-65529988');
  await app.type('##customer-email', 'fang@harbour.example');
  await app.type('##customer-country', '中国');
  await app.type('##customer-province', '广东省');
  await app.type('##customer-city', '深圳');
  await app.type('##customer-district', '南山区');
  await app.type('##customer-address', '科技园路1号 A座 502');
  await choose(app, '###customer-source', '###source-referral');
  await app.type('##customer-owner', 'Li Lei');
  await app.type('##customer-tags', 'vip, 茶');
  await choose(app, '###consent-wechat', '###consent-wechat-given');
  await choose(app, '###consent-sms', '###consent-sms-refused');
  await app.type('##customer-notes', '喜欢乌龙茶');
  await app.type(`##custom-${wechat.id}`, 'wangfang88');
  await choose(app, `###custom-${wine.id}`, `###custom-${wine.id}-1`);
  let shown = await form(app);
  assert.equal(shown.draft.phone, '138 0013 8000', 'the phone is shown formatted once left');
  assert.equal(shown.draft.otherPhones, '010 6552 9988');
  assert.match(shown.draft.consent.wechat, /^yes:\d{4}-\d{2}-\d{2}$/, 'consent given today');
  assert.deepEqual((await app.state()).formErrors, []);
  await screenshot(page, 'customer-form.png');
  await app.click('###customer-form-save');
  state = await app.waitForState('the saved customer', (s) => s.form === 'edit' && s.selectedId !== '');
  await app.waitSaved();

  const expected = {
    name: '王芳', title: '采购经理', company: 'Harbour Tea', companyId: '', phone: '13800138000',
    otherPhones: '01065529988', email: 'fang@harbour.example', otherEmails: '', country: '中国', province: '广东省',
    city: '深圳', district: '南山区', address: '科技园路1号 A座 502', source: 'referral', owner: 'Li Lei', tags: 'vip, 茶',
    notes: '喜欢乌龙茶', custom: { [wechat.id]: 'wangfang88', [wine.id]: 'White' },
  };
  const check = (stored) => {
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(stored[key], value, key);
    assert.equal(stored.consent.wechat, shown.draft.consent.wechat);
    assert.match(stored.consent.sms, /^no:\d{4}-\d{2}-\d{2}$/);
    assert.equal(stored.consent.email, undefined);
  };
  let stored = (await records(app)).find((c) => c.id === state.selectedId);
  check(stored);

  // ---- reload: all still there, and the form shows it again ------------------------------------------------------
  await page.reload();
  await app.waitReady();
  stored = (await records(app)).find((c) => c.id === state.selectedId);
  check(stored);
  await app.click(`##row-${stored.id}`);
  await app.waitForState('the customer open', (s) => s.form === 'edit' && s.selectedId === stored.id);
  shown = await form(app);
  assert.equal(shown.draft.phone, '138 0013 8000');
  assert.equal(shown.draft.custom[wine.id], 'White');
  assert.equal(shown.draft.custom[wechat.id], 'wangfang88');

  // Editing a custom value: changed, saved, read back.
  await app.click(`##custom-${wechat.id}`);
  await app.press('Control+A');
  await app.page.keyboard.type('fang-2026');
  await app.press('Enter');
  await waitFor('the new WeChat id stored', () => records(app), (list) => list[0].custom[wechat.id] === 'fang-2026');
  assert.deepEqual(fixture.problems, []);
});

test('invalid phone and email show their messages and are refused; a duplicate phone is warned about', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app, page } = fixture.session;
  const ada = await app.addCustomer({ name: 'Ada Lovelace', phone: '+44 20 7946 0958', email: 'ada@example.com' });

  await app.click('###add-customer');
  await app.waitForState('the new-customer form', (s) => s.form === 'new');
  await app.type('##customer-name', 'Ada Again');
  await app.type('##customer-phone', '12345');
  await app.type('##customer-email', 'ada@@example');
  await app.click('##customer-name');
  let state = await app.waitForState('phone and email messages',
    (s) => s.formErrors.some((e) => e.field === 'phone') && s.formErrors.some((e) => e.field === 'email'));
  assert.equal(state.formErrors.find((e) => e.field === 'phone').code, 'phone_syntax');
  assert.equal(state.formErrors.find((e) => e.field === 'phone').message, 'a mainland mobile number has 11 digits and starts with 13 to 19');
  assert.equal(state.formErrors.find((e) => e.field === 'email').code, 'email_syntax');
  await screenshot(page, 'customer-form-errors.png');
  await app.click('###customer-form-save');
  await app.waitFrames(3);
  state = await app.state();
  assert.equal(state.form, 'new', 'saving is refused');
  assert.equal((await records(app)).length, 1);

  // The same number typed another way is the same number: the warning names Ada, saving is still allowed.
  await app.click('##customer-phone');
  await app.press('Control+A');
  await app.page.keyboard.type('0044 20 7946 0958');
  await app.click('##customer-email');
  await app.press('Control+A');
  await app.page.keyboard.type('ada.two@example.com');
  await app.click('##customer-name');
  const warned = await waitFor('the duplicate warning', () => form(app), (f) => f.duplicates.length === 1);
  assert.deepEqual(warned.duplicates, [{ field: 'phone', id: ada.id, name: 'Ada Lovelace' }]);
  assert.ok(await app.waitForItem(`###open-duplicate-phone-${ada.id}`), 'the warning offers to open Ada');
  assert.deepEqual((await app.state()).formErrors, []);
  await app.click('###customer-form-save');
  state = await app.waitForState('saved despite the warning', (s) => s.form === 'edit' && s.selectedId && s.selectedId !== ada.id);
  assert.equal((await records(app)).length, 2);

  // "Open" in the warning opens the other customer.
  await app.click(`###open-duplicate-phone-${ada.id}`);
  await app.waitForState('Ada open', (s) => s.form === 'edit' && s.selectedId === ada.id);
  assert.deepEqual(fixture.problems, []);
});

test('a company is created, a customer linked to it with the picker, the rename shows on the customer; delete has undo', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app, page } = fixture.session;

  // ---- the company ---------------------------------------------------------------------------------------------------
  await app.click('###nav-companies');
  await app.waitForState('the companies screen', (s) => s.screen === 'companies');
  await app.click('###empty-state-add-company');
  await waitFor('the new-company form', () => companiesScreen(app), (c) => c.mode === 'new');
  await app.type('##company-email', 'info@');
  await app.click('##company-name');
  let screen = await waitFor('an email message', () => companiesScreen(app), (c) => c.errors.some((e) => e.field === 'email'));
  assert.equal(screen.errors[0].code, 'email_syntax');
  await app.click('###company-form-save');
  screen = await waitFor('refused: no name, bad email', () => companiesScreen(app), (c) => c.errors.some((e) => e.field === 'name'));
  assert.equal(screen.mode, 'new');
  await app.click('##company-email');
  await app.press('Control+A');
  await app.page.keyboard.type('info@harbour.example');
  await app.type('##company-name', 'Harbour Tea');
  await app.type('##company-industry', '茶叶');
  await app.type('##company-phone', '021-5555 0101');
  await app.type('##company-city', '上海');
  await app.click('###company-form-save');
  screen = await waitFor('the saved company', () => companiesScreen(app), (c) => c.mode === 'edit' && c.selectedId);
  const companyId = screen.selectedId;
  assert.deepEqual(screen.rows.map((r) => [r.name, r.city, r.industry, r.phone]), [['Harbour Tea', '上海', '茶叶', '02155550101']]);

  // ---- a customer linked with the picker ------------------------------------------------------------------------------
  await app.click('###nav-customers');
  await app.click('###add-customer');
  await app.type('##customer-name', 'Wang Fang');
  await app.type('##customer-company', 'harb');
  await app.click(`###company-option-${companyId}`);
  let shown = await waitFor('the company picked', () => form(app), (f) => f.draft.companyId === companyId);
  assert.equal(shown.draft.company, 'Harbour Tea');
  await app.click('###customer-form-save');
  const saved = await app.waitForState('the saved customer', (s) => s.form === 'edit' && s.selectedId);
  const customerId = saved.selectedId;
  let customer = (await records(app)).find((c) => c.id === customerId);
  assert.deepEqual([customer.company, customer.companyId], ['Harbour Tea', companyId]);

  // ---- the company lists its customer; renamed, the customer shows the new name ----------------------------------------
  await app.click('###nav-companies');
  await app.click(`##company-row-${companyId}`);
  screen = await waitFor('the company open with its customer', () => companiesScreen(app), (c) => c.mode === 'edit' && c.customers.length === 1);
  assert.equal(screen.customers[0].name, 'Wang Fang');
  await screenshot(page, 'companies.png');
  await app.click('##company-name');
  await app.press('Control+A');
  await app.page.keyboard.type('Harbour Tea Co.');
  await app.press('Enter');
  await waitFor('the company renamed', () => app.call('fieldcrm_test_companies'), (list) => list[0]?.name === 'Harbour Tea Co.');
  customer = (await records(app)).find((c) => c.id === customerId);
  assert.equal(customer.company, 'Harbour Tea Co.');
  await app.click('###nav-customers');
  await app.click('###customer-form-cancel');
  await app.click(`##row-${customerId}`);
  shown = await waitFor('the customer open', () => form(app), (f) => f.draft.id === customerId);
  assert.equal(shown.draft.company, 'Harbour Tea Co.');

  // ---- delete the company: the customer loses the link; Undo links it again ------------------------------------------
  await app.click('###nav-companies');
  await app.click('###company-form-delete');
  await app.waitForState('the undo toast', (s) => s.toast.startsWith('Deleted'));
  customer = (await records(app)).find((c) => c.id === customerId);
  assert.deepEqual([customer.company, customer.companyId], ['Harbour Tea Co.', '']);
  await app.click('###toast-undo');
  await waitFor('the company back', () => app.call('fieldcrm_test_companies'), (list) => list.length === 1);
  customer = (await records(app)).find((c) => c.id === customerId);
  assert.equal(customer.companyId, companyId);
  await app.waitSaved();
  await page.reload();
  await app.waitReady();
  assert.equal((await records(app)).find((c) => c.id === customerId).companyId, companyId);
  assert.deepEqual(fixture.problems, []);
});
