// End-to-end test of the Customers list (issue 4, item 5 and the UI of item 6) in headless Chromium, by real
// clicks and typing: customers added through the form (Chinese names through an IME composition), search as you
// type for a 1-2 character Chinese substring and for phone digits (Ctrl+K focuses the search box), a tag filter set
// from its picker and removed with its chip, the "no matches" state ("Clear search" or "Clear filters", never
// Import), sorting by a header, Ctrl+click and Shift+click selection, bulk add tag (and its undo), bulk delete and
// its undo, Del and arrows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setUpBrowserTest, sleep } from './harness.mjs';

const PEOPLE = [
  { name: '张三丰', phone: '13800138000', city: '十堰', tags: 'vip' },
  { name: 'Li Lei', phone: '13912345678', city: 'Shanghai', tags: 'trade' },
  { name: 'Ada Lovelace', phone: '+44 20 7946 0958', city: 'London', tags: 'vip' },
  { name: '张伟', phone: '010-6552-9988', city: '北京', tags: '' },
];

const isLatin = (text) => /^[\x20-\x7e]*$/.test(text);

// Text through an input method: a pinyin composition, then the committed characters (as text_input.test.mjs does).
async function compose(cdp, app, pinyin, committed) {
  await cdp.send('Input.imeSetComposition', { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
  await app.waitFrames(1);
  await cdp.send('Input.insertText', { text: committed });
  await app.waitFrames(2);
}

async function list(app) {
  return app.call('fieldcrm_test_list');
}

// Polls the list until `check(list)` holds; fails with the last list seen.
async function waitList(app, what, check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const l = await list(app);
    if (check(l)) return l;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last list: ${JSON.stringify(l)}`);
    await sleep(30);
  }
}

const names = (l) => l.rows.map((r) => r.name);
const sameSet = (a, b) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

// The names of the rows on screen, top to bottom, from the drawn row widgets (not from the list state).
async function namesOnScreen(app) {
  const byId = new Map((await app.customers()).map((c) => [c.id, c.name]));
  return (await app.items()).filter((i) => i.label.startsWith('##row-')).sort((a, b) => a.y - b.y)
    .map((r) => byId.get(r.label.slice('##row-'.length)));
}

// The visible text of the "no matches" state's button.
async function clearButtonText(app) {
  await app.waitForItem('###empty-clear-filters');
  const item = (await app.items()).find((i) => i.label.endsWith('###empty-clear-filters'));
  return item.label.slice(0, -'###empty-clear-filters'.length);
}

async function clickWith(app, modifier, label) {
  await app.page.keyboard.down(modifier);
  try {
    await app.click(label);
  } finally {
    await app.page.keyboard.up(modifier);
  }
}

test('the customer list: search, filter chips, sort, multi-select, bulk tag and bulk delete with undo', { timeout: 400000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  const { app, page, context } = fixture.session;
  const cdp = await context.newCDPSession(page);

  // ---- customers added through the form; Chinese names through the IME ---------------------------------------
  for (const person of PEOPLE) {
    await app.click('###add-customer');
    await app.waitForState('the new-customer form', (s) => s.form === 'new');
    for (const [field, value] of Object.entries(person)) {
      if (!value) continue;
      if (isLatin(value)) {
        await app.type(`##customer-${field}`, value);
      } else {
        await app.click(`##customer-${field}`);
        await app.waitForState(`text input in ${field}`, (s) => s.wantTextInput);
        await compose(cdp, app, 'zhang', value);
        await app.waitForState(`${value} typed`, (s) => s.draft[field] === value);
      }
    }
    await app.click('###customer-form-save');
    await app.waitForState(`${person.name} saved`, (s) => s.form === 'edit' && s.draft.name === person.name);
  }
  const stored = await app.customers();
  assert.equal(stored.length, PEOPLE.length);
  const id = Object.fromEntries(stored.map((c) => [c.name, c.id]));
  await app.press('Escape');
  await app.waitForState('the form closed', (s) => s.form === 'closed');
  let l = await waitList(app, 'all rows', (x) => x.rows.length === 4);
  assert.equal(l.rowCount, 4);
  assert.deepEqual(await namesOnScreen(app), ['Ada Lovelace', 'Li Lei', '张三丰', '张伟']);

  // ---- search as you type: Ctrl+K focuses the box; 1-2 Chinese characters; phone digits -----------------------
  await app.press('Control+K');
  await app.waitForState('the search box has the keyboard', (s) => s.wantTextInput && s.form === 'closed');
  await page.waitForFunction(() => document.activeElement?.id === 'fieldcrm-text-input');
  await compose(cdp, app, 'sanfeng', '三丰');
  l = await waitList(app, 'search 三丰', (x) => x.filters.search === '三丰');
  assert.deepEqual(names(l), ['张三丰']);
  assert.deepEqual(await namesOnScreen(app), ['张三丰'], 'only the matching row is drawn');
  await app.press('Control+A');
  await app.press('Backspace');
  await compose(cdp, app, 'zhang', '张');
  l = await waitList(app, 'search 张', (x) => x.filters.search === '张');
  assert.deepEqual(names(l), ['张三丰', '张伟']);
  await app.press('Control+A');
  await page.keyboard.type('912345');
  l = await waitList(app, 'search 912345', (x) => x.filters.search === '912345');
  assert.deepEqual(names(l), ['Li Lei'], 'found by digits inside the phone number');
  assert.equal(l.rows[0].phoneShown, '139 1234 5678', 'the phone is shown formatted');
  await app.press('Control+A');
  await page.keyboard.type('6552 99');
  l = await waitList(app, 'search 6552 99', (x) => x.filters.search === '6552 99');
  assert.deepEqual(names(l), ['张伟'], 'digits typed with a space still match the landline');

  // Nothing matches: the list says so and offers to clear the filters.
  await app.press('Control+A');
  await page.keyboard.type('zzzz');
  await waitList(app, 'no matches', (x) => x.rowCount === 0);
  assert.equal(await clearButtonText(app), 'Clear search', 'only a search is on: the way back clears it');
  assert.equal(await app.rect('###empty-state-import'), null, 'nothing matches: no Import offered');
  await app.click('###empty-clear-filters');
  l = await waitList(app, 'filters cleared', (x) => x.rowCount === 4 && x.filters.search === '');

  // ---- a tag filter from its picker, shown as a chip, removed with the chip -----------------------------------
  await app.click('###filter-tag');
  await app.click('###filter-tag-vip');
  l = await waitList(app, 'tag vip', (x) => x.filters.tag === 'vip');
  assert.deepEqual(names(l), ['Ada Lovelace', '张三丰']);
  assert.equal(l.rowCount, 2);
  assert.ok(await app.rect('###chip-tag'), 'the active filter has a chip');
  // A search under the filter that matches none of its rows: "Clear filters", not an import.
  await app.press('Control+K');
  await page.keyboard.type('Li Lei');
  await waitList(app, 'no vip Li Lei', (x) => x.filters.search === 'Li Lei' && x.rowCount === 0);
  assert.equal(await clearButtonText(app), 'Clear filters');
  assert.equal(await app.rect('###empty-state-import'), null, 'nothing matches: no Import offered');
  await app.press('Control+A');
  await app.press('Backspace');
  await waitList(app, 'search cleared, tag kept', (x) => x.filters.search === '' && x.rowCount === 2);
  await app.click('###chip-tag');
  l = await waitList(app, 'chip removed', (x) => x.filters.tagId === '' && x.rowCount === 4);
  assert.equal(await app.rect('###chip-tag'), null, 'the chip is gone');

  // ---- sort by a header --------------------------------------------------------------------------------------
  await app.click('###header-phone');
  await app.waitForState('sort by phone', (s) => s.sort === 'phone' && s.ascending);
  // By the stored (normalised) numbers: +442079460958, 01065529988, 13800138000, 13912345678.
  const byPhone = (await app.customers()).sort((a, b) => (a.phone < b.phone ? -1 : 1)).map((c) => c.name);
  assert.deepEqual(byPhone, ['Ada Lovelace', '张伟', '张三丰', 'Li Lei']);
  l = await waitList(app, 'rows by phone', (x) => x.sort === 'phone');
  assert.deepEqual(names(l), byPhone);
  assert.deepEqual(await namesOnScreen(app), names(l));
  await app.click('###header-name');
  l = await waitList(app, 'rows by name', (x) => x.sort === 'name' && names(x)[0] === 'Ada Lovelace');

  // ---- multi-select: click, Ctrl+click, Shift+click ---------------------------------------------------------
  await app.click(`##row-${id['Li Lei']}`);
  await app.waitForState('Li Lei open', (s) => s.selectedId === id['Li Lei'] && s.form === 'edit');
  await clickWith(app, 'Shift', `##row-${id['张伟']}`);
  l = await waitList(app, 'a range', (x) => x.selection.length === 3);
  assert.ok(sameSet(l.selection, [id['Li Lei'], id['张三丰'], id['张伟']]), 'Shift+click selects the range from the clicked row');
  await clickWith(app, 'Control', `##row-${id['张三丰']}`);
  l = await waitList(app, 'one toggled off', (x) => x.selection.length === 2);
  assert.ok(sameSet(l.selection, [id['Li Lei'], id['张伟']]));
  assert.equal((await app.state()).selectedId, id['Li Lei'], 'the form still shows the row clicked first');

  // ---- bulk add tag: one commit, one undo --------------------------------------------------------------------
  await app.click('###bulk-add-tag');
  await app.waitForState('the tag name box', (s) => s.wantTextInput);
  await page.keyboard.type('fair');
  await app.press('Enter');
  await app.waitForState('the tag toast', (s) => /fair/.test(s.toast));
  let tags = Object.fromEntries((await app.customers()).map((c) => [c.name, c.tags]));
  assert.equal(tags['Li Lei'], 'fair, trade');
  assert.equal(tags['张伟'], 'fair');
  assert.equal(tags['Ada Lovelace'], 'vip');
  l = await waitList(app, 'tags shown', (x) => x.rows.find((r) => r.name === '张伟')?.tags === 'fair');
  await app.click('###toast-undo');
  await app.waitForState('tag undone', (s) => s.toast === '');
  tags = Object.fromEntries((await app.customers()).map((c) => [c.name, c.tags]));
  assert.equal(tags['Li Lei'], 'trade', 'undo took the tag off again');
  assert.equal(tags['张伟'], '');
  // Added again, through the picker of existing tags this time.
  await app.click('###bulk-add-tag');
  await app.click('###bulk-add-tag-vip');
  await app.waitForState('the tag toast', (s) => /vip/.test(s.toast));
  tags = Object.fromEntries((await app.customers()).map((c) => [c.name, c.tags]));
  assert.equal(tags['Li Lei'], 'trade, vip');
  assert.equal(tags['张伟'], 'vip');

  // ---- bulk delete and undo ----------------------------------------------------------------------------------
  l = await list(app);
  assert.ok(sameSet(l.selection, [id['Li Lei'], id['张伟']]), 'the selection stays after a bulk change');
  await app.click('###bulk-delete');
  await app.waitForState('the delete toast', (s) => /Deleted 2 customers/.test(s.toast));
  l = await waitList(app, 'two left', (x) => x.rowCount === 2);
  assert.deepEqual(names(l), ['Ada Lovelace', '张三丰']);
  assert.equal((await app.customers()).length, 2);
  assert.equal((await app.state()).form, 'closed', 'the deleted customer\'s form closed');
  await app.click('###toast-undo');
  l = await waitList(app, 'all back', (x) => x.rowCount === 4);
  assert.equal((await app.customers()).length, 4);
  assert.ok(sameSet(l.selection, [id['Li Lei'], id['张伟']]), 'the restored customers are selected again');

  // ---- keys: arrows move the selection, Enter opens, Del deletes (with undo) --------------------------------
  await app.click(`##row-${id['Ada Lovelace']}`);
  await app.waitForState('Ada open', (s) => s.selectedId === id['Ada Lovelace']);
  await app.press('Escape');
  await app.waitForState('the form closed', (s) => s.form === 'closed');
  await app.press('ArrowDown');
  l = await waitList(app, 'the next row', (x) => x.selection.length === 1 && x.selection[0] === id['Li Lei']);
  await app.press('Enter');
  await app.waitForState('Li Lei open', (s) => s.selectedId === id['Li Lei'] && s.form === 'edit');
  await app.press('Delete');
  await app.waitForState('deleted by Del', (s) => /Li Lei/.test(s.toast) && s.customerCount === 3);
  await app.click('###toast-undo');
  await app.waitForState('Li Lei back', (s) => s.customerCount === 4);

  await app.waitSaved();
  assert.deepEqual(fixture.problems, [], 'the page reported no errors');
});
