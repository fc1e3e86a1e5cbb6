// End-to-end test of "one writer across tabs" (issue 3): a second tab of the same profile shows the "open in another
// tab" notice and starts nothing that could write; after "Use it here" the first tab stores what it committed,
// stops and says so, and the second tab opens with all of it, including a customer added just before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App, openApp, sleep, setUpBrowserTest } from './harness.mjs';

test('a second tab cannot write until it takes over; then the first stops and the second has the data', { timeout: 120000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  const { url, profile, problems } = fixture;

  fixture.session = await openApp(profile, url, { problems });
  const first = fixture.session.app;
  const grace = await first.addCustomer({ name: 'Grace Hopper', city: 'Arlington' });
  await first.waitSaved();

  // ---- the second tab waits behind the notice ---------------------------------------------------------------------
  const page2 = await fixture.session.context.newPage();
  page2.on('pageerror', (error) => problems.push(`page error (tab 2): ${error.message}`));
  await page2.goto(url);
  await page2.waitForSelector('#elsewhere', { state: 'visible' });
  assert.match(await page2.textContent('#elsewhere-title'), /open in another tab or window/);
  await sleep(500);
  assert.equal(await page2.evaluate(() => window.fieldcrm === undefined && window.fieldcrmReady === undefined), true,
    'the second tab has not started the app (it cannot write)');

  // The first tab still writes; this customer is committed but maybe not yet stored when the second tab takes over.
  // (Only the front tab gets animation frames, as in a real browser.)
  await fixture.session.page.bringToFront();
  const linus = await first.addCustomer({ name: 'Linus Berg', city: 'Stockholm' });

  // ---- take over ----------------------------------------------------------------------------------------------------
  await page2.bringToFront();
  await page2.click('#elsewhere-use');
  const second = new App(page2);
  await second.waitReady();
  const names = (await second.customers()).map((c) => [c.id, c.name]).sort();
  assert.deepEqual(names, [[grace.id, 'Grace Hopper'], [linus.id, 'Linus Berg']].sort(), 'the second tab has all the data');

  // ---- the first tab has stopped ------------------------------------------------------------------------------------
  const page1 = fixture.session.page;
  await page1.waitForSelector('#elsewhere', { state: 'visible' });
  await page1.bringToFront();
  assert.match(await page1.textContent('#elsewhere-title'), /now open in another tab/);
  assert.equal(await page1.evaluate(() => window.fieldcrm.store.closed), true);
  const framesBefore = (await first.state()).frame;
  const add = await first.rect('###add-customer');
  await page1.mouse.click(add.x + add.w / 2, add.y + add.h / 2);  // lands on the notice, not the canvas
  await sleep(500);
  const after = await first.state();
  assert.equal(after.frame, framesBefore, 'the first tab draws no more frames');
  assert.equal(after.form, 'edit', 'no new-customer form opened in the first tab');
  assert.equal(await page1.evaluate(() => window.fieldcrm.store.commit(1e9, 4096, [], new Uint8Array(0), [])), false,
    'the first tab\'s page store refuses commits');

  // The second tab writes, and what it writes is what a reload finds.
  await page2.bringToFront();
  const wang = await second.addCustomer({ name: 'Wang Fang', city: 'Shanghai' });
  await second.waitSaved();
  await page1.close();
  await page2.reload();
  await second.waitReady();
  assert.deepEqual((await second.customers()).map((c) => c.id).sort(), [grace.id, linus.id, wang.id].sort());

  assert.deepEqual(problems, [], 'the pages reported no errors');
});
