// Crash-safety test of the storage engine (issue 3): commit customers, then interrupt storing — close the tab or the
// whole browser mid-write, or abort the IndexedDB transaction at a random page through the page store's test hook —
// and reopen. Every time, PRAGMA integrity_check must be "ok" and the customers must equal a committed state: the
// last one known stored or a later one. Random but reproducible: FIELDCRM_CRASH_SEED picks the sequence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, openApp, sleep, setUpBrowserTest } from './harness.mjs';

const ITERATIONS = 50;
const VIEWPORT = { width: 640, height: 480 };  // fewer pixels for the software renderer: faster frames
const SEED = Number(process.env.FIELDCRM_CRASH_SEED || 20261125);

// mulberry32: a small seeded generator, so a failing sequence can be replayed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const idsOf = (customers) => customers.map((c) => c.id).sort();

// Fills in only the name and saves with Enter; returns the app state with the new customer selected.
async function addQuickly(app, name) {
  await app.click('###add-customer');
  await app.type('##customer-name', name);
  await app.page.keyboard.press('Enter');
  const state = await app.waitForState('the saved customer', (s) => s.form === 'edit' && s.selectedId);
  assert.equal(state.draft.name, name);
  return state;
}

test(`${ITERATIONS} interrupted writes: the stored database is always sound and a committed state`, { timeout: 480000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;
  const rand = random(SEED);
  const counts = { abort: 0, 'close-tab': 0, 'close-browser': 0 };  // 'abort' also closes the tab afterwards
  let laterStates = 0;  // reopenings that found a state committed after the last one known stored

  fixture.session = await openApp(profile, url, { problems, loadBatchPages: 3 });
  let app = fixture.session.app;
  await app.page.setViewportSize(VIEWPORT);
  await app.waitFrames(2);  // the next click must see the layout of the new size, not the last frame before it
  let history = [[]];  // committed states in order; history[stored] is the last one known stored
  let stored = 0;

  for (let i = 0; i < ITERATIONS; i++) {
    const mode = i % 5 === 4 ? 'close-browser' : rand() < 0.5 ? 'abort' : 'close-tab';
    counts[mode]++;
    const commits = rand() < 0.2 ? 2 : 1;
    if (mode === 'abort') {
      // The next IndexedDB transaction aborts after a random number of page puts; the retry follows 0.5 s later.
      const hooks = { abortWrites: 1, abortAfterPuts: Math.floor(rand() * 6), error: null };
      await app.page.evaluate((h) => Object.assign(window.fieldcrm.store.testHooks, h), hooks);
    }
    for (let k = 0; k < commits; k++) {
      const state = await addQuickly(app, `Crash ${i}.${k}`);
      history.push([...history.at(-1), state.selectedId].sort());
      if (state.saveState === 'saved') stored = history.length - 1;
    }

    // ---- interrupt -----------------------------------------------------------------------------------------------------
    if (mode === 'abort') {  // close the tab before, during or after the retry
      await app.page.waitForFunction(() => window.fieldcrm.store.testHooks.abortWrites === 0);
      await sleep(Math.floor(rand() * 700));
    } else {
      await sleep(Math.floor(rand() * 30));  // somewhere in the middle of the IndexedDB transaction
    }
    if (mode === 'close-browser') await fixture.session.context.close();
    else await fixture.session.page.close();

    // ---- reopen and check ------------------------------------------------------------------------------------------------
    if (mode === 'close-browser') {
      fixture.session = await openApp(profile, url, { problems, loadBatchPages: 3 });
    } else {
      const page = await fixture.session.context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      fixture.session = { ...fixture.session, page, app: new App(page) };
      await page.goto(url);
      await fixture.session.app.waitReady();
    }
    app = fixture.session.app;
    await app.page.setViewportSize(VIEWPORT);
    await app.waitFrames(2);  // the next click must see the layout of the new size, not the last frame before it
    assert.equal(await app.call('fieldcrm_test_integrity'), 'ok', `integrity after iteration ${i} (${mode})`);
    const found = idsOf(await app.customers());
    const at = history.findIndex((state, index) => index >= stored &&
      JSON.stringify(state) === JSON.stringify(found));
    assert.ok(at >= 0, `iteration ${i} (${mode}, seed ${SEED}): ${found.length} customers stored, expected one of ` +
      `the committed states from #${stored} (${history[stored].length} customers) to #${history.length - 1}`);
    if (at > stored) laterStates++;
    history = history.slice(0, at + 1);  // what was committed after it is lost, as allowed: start again from here
    stored = at;
  }

  t.diagnostic(`seed ${SEED}; interruptions: ${JSON.stringify(counts)}; reopened at a later state than known ` +
    `stored: ${laterStates}; customers at the end: ${history[stored].length}`);
  assert.ok(history[stored].length > 0, 'some commits survived');
  assert.deepEqual(problems.filter((p) => p.startsWith('page error')), [], 'no uncaught errors in the page');
});
