// End-to-end tests of text input (issue 5) in headless Chromium: a pinyin IME composition through the DevTools
// protocol ends up stored as 张三 (the composition shows at the caret while typing); the system clipboard works
// both ways (copy and cut from a field, paste of a phone number and of multi-line notes); Tab / Shift+Tab move
// between fields, Enter saves, Escape cancels, Ctrl+A selects all; emoji and characters beyond U+FFFF are stored
// without corruption; a rare character outside the UI font is drawn from the fallback font.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setUpBrowserTest } from './harness.mjs';

const CLIPBOARD = ['clipboard-read', 'clipboard-write'];

async function composition(cdp, app, steps, committed) {
  for (const text of steps) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await app.waitFrames(1);
  }
  await cdp.send('Input.insertText', { text: committed });
}

test('Chinese typed through an IME lands in the name field and is stored as 张三', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app, page, context } = fixture.session;
  await app.click('###add-customer');
  await app.waitForState('the new-customer form', (s) => s.form === 'new');
  await app.click('##customer-name');
  await app.waitForState('text input in the name field', (s) => s.wantTextInput);
  const cdp = await context.newCDPSession(page);

  await cdp.send('Input.imeSetComposition', { text: 'zhang', selectionStart: 5, selectionEnd: 5 });
  await app.waitFrames(2);
  const shown = await page.evaluate(() => {
    const input = document.getElementById('fieldcrm-text-input');
    const box = input.getBoundingClientRect();
    return { composing: input.classList.contains('composing'), value: input.value, x: box.x, y: box.y };
  });
  assert.equal(shown.composing, true, 'the composition is shown while typing');
  assert.equal(shown.value, 'zhang');
  const field = await app.rect('##customer-name');
  assert.ok(shown.x >= field.x && shown.x <= field.x + field.w && shown.y >= field.y - 4 && shown.y <= field.y + field.h,
    `the composition sits at the caret in the name field (${JSON.stringify(shown)} in ${JSON.stringify(field)})`);
  assert.equal((await app.state()).draft.name, '', 'nothing is committed while composing');
  await cdp.send('Input.insertText', { text: '张' });
  await composition(cdp, app, ['s', 'sa', 'san'], '三');
  await app.waitForState('the committed text', (s) => s.draft.name === '张三');
  assert.equal(await page.evaluate(() => document.getElementById('fieldcrm-text-input').classList.contains('composing')), false);

  // 客户 in the company field, the way the user does it.
  await app.click('##customer-company');
  await app.waitForState('text input in company', (s) => s.wantTextInput);
  await composition(cdp, app, ['k', 'ke', 'kehu'], '客户');
  await app.waitForState('客户 typed', (s) => s.draft.company === '客户');
  await app.press('Enter');
  const state = await app.waitForState('the saved customer', (s) => s.form === 'edit' && s.selectedId);
  await app.waitSaved();
  const stored = (await app.customers()).find((c) => c.id === state.selectedId);
  assert.equal(stored.name, '张三');
  assert.equal(stored.company, '客户');
  await page.reload();
  await app.waitReady();
  assert.deepEqual((await app.customers()).map((c) => [c.name, c.company]), [['张三', '客户']]);
  assert.deepEqual(fixture.problems, []);
});

test('clipboard, keys and 4-byte characters in the customer form', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems, permissions: CLIPBOARD });
  const { app, page } = fixture.session;
  const clipboard = {
    read: () => page.evaluate(() => navigator.clipboard.readText()),
    write: (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text),
  };
  await app.click('###add-customer');
  await app.waitForState('the new-customer form', (s) => s.form === 'new');

  // Tab moves to the next field in reading order (name, job title, company, phone), Shift+Tab back: a key typed
  // then lands in that field only (the form's draft has every field of the customer).
  const draft = async () => (await app.call('fieldcrm_test_customer_form')).draft;
  const fieldsChangedBy = async (key) => {
    const before = await draft();
    await app.page.keyboard.type(key);
    const end = Date.now() + 10000;
    let after = await draft();
    while (JSON.stringify(after) === JSON.stringify(before) && Date.now() < end) after = await draft();
    return Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  };
  await app.click('##customer-name');
  await app.waitForState('text input in name', (s) => s.wantTextInput);
  assert.deepEqual(await fieldsChangedBy('W'), ['name']);
  await app.press('Tab');
  assert.deepEqual(await fieldsChangedBy('H'), ['title']);
  await app.press('Tab');
  assert.deepEqual(await fieldsChangedBy('o'), ['company']);
  await app.press('Tab');
  assert.deepEqual(await fieldsChangedBy('1'), ['phone']);
  await app.press('Shift+Tab');
  assert.deepEqual(await fieldsChangedBy('a'), ['company']);

  // Paste a phone number copied from another program (with its trailing line break) over what is there.
  await clipboard.write('138 0013 8000\n');
  await app.click('##customer-phone');
  await app.waitForState('text input in phone', (s) => s.wantTextInput);
  await app.press('Control+A');
  await app.press('Control+V');
  await app.waitForState('the pasted phone', (s) => s.draft.phone === '138 0013 8000');

  // Copy it back out: select all, copy.
  await clipboard.write('something else');
  await app.press('Control+A');
  await app.press('Control+C');
  assert.equal(await clipboard.read(), '138 0013 8000', 'copied to the system clipboard');

  // Cut from the company field empties it and fills the clipboard; paste puts it back.
  await app.type('##customer-company', ' Tea');
  const company = (await app.state()).draft.company;  // "a Tea" ("a" replaced the selection Shift+Tab made)
  assert.ok(company.endsWith(' Tea'));
  await app.press('Control+A');
  await app.press('Control+X');
  await app.waitForState('the company cut', (s) => s.draft.company === '');
  assert.equal(await clipboard.read(), company);
  await app.press('Control+V');
  await app.press('Control+V');
  await app.waitForState('the company pasted twice', (s) => s.draft.company === company + company);

  // Multi-line paste keeps its line breaks in Notes, and becomes one line in a single-line field.
  await clipboard.write('first line\r\nsecond line');
  await app.click('##customer-notes');
  await app.waitForState('text input in notes', (s) => s.wantTextInput);
  await app.press('Control+V');
  await app.waitForState('notes pasted', (s) => s.draft.notes === 'first line\nsecond line');
  await app.click('##customer-city');
  await app.waitForState('text input in city', (s) => s.wantTextInput);
  await app.press('Control+V');
  await app.waitForState('city pasted on one line', (s) => s.draft.city === 'first line second line');
  await app.press('Control+A');
  await app.page.keyboard.type('Shanghai');
  await app.waitForState('city replaced', (s) => s.draft.city === 'Shanghai');

  await app.click('##customer-name');
  await app.waitForState('text input in name', (s) => s.wantTextInput);
  await app.press('Control+A');

  // Emoji and characters beyond U+FFFF (an extension-B Han character) are kept exactly.
  const name = '王芳 😀 𠀀 𝄞';
  await app.page.keyboard.insertText(name);
  await app.waitForState('the 4-byte name', (s) => s.draft.name === name);
  await app.press('Enter');
  const saved = await app.waitForState('saved with Enter', (s) => s.form === 'edit' && s.selectedId);
  await app.waitSaved();
  const stored = (await app.customers()).find((c) => c.id === saved.selectedId);
  assert.equal(stored.name, name);
  assert.equal(stored.phone, '13800138000');
  assert.equal(stored.notes, 'first line\nsecond line');

  // Escape cancels an edit: the stored record stays as it was.
  await app.type('##customer-city', ' Pudong');
  await app.press('Escape');
  await app.waitForState('the form closed', (s) => s.form === 'closed' || s.formDirty);
  await page.reload();
  await app.waitReady();
  const after = (await app.customers()).find((c) => c.id === saved.selectedId);
  assert.equal(after.name, name, 'the 4-byte name survives the reload');
  assert.equal(after.city, 'Shanghai');
  assert.deepEqual(fixture.problems, []);
});

test('a name with a character outside the UI font gets its glyph from the fallback font, also after a restart', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app } = fixture.session;
  assert.equal((await app.state()).fallbackGlyphs, 0);
  await app.click('###add-customer');
  await app.click('##customer-name');
  await app.waitForState('text input in name', (s) => s.wantTextInput);
  await app.page.keyboard.insertText('龘');  // not among the 3,500 common characters
  await app.waitForState('the fallback glyph in the atlas', (s) => s.fallbackGlyphs === 1, 60000);
  // An emoji (which no CJK font has) does not count; the next start has 龘 from the first frames on.
  await app.page.keyboard.insertText('😀');
  await app.waitForState('the emoji typed', (s) => s.draft.name === '龘😀');
  await app.page.reload();
  await app.waitReady();
  await app.waitForState('the remembered fallback glyph', (s) => s.fallbackGlyphs === 1, 60000);
  assert.deepEqual(fixture.problems, []);
});
