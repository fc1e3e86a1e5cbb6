// End-to-end tests of the HTML shell in headless Chromium: without WebGL2 or without IndexedDB the page shows a
// readable error page (title, what to do) instead of a blank canvas. Run: node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, serveSite } from './harness.mjs';

async function errorPageWith(initScript) {
  const { server, url } = await serveSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript(initScript);
    await page.goto(url);
    await page.locator('#error').waitFor({ state: 'visible', timeout: 30000 });
    return {
      title: await page.locator('#error-title').textContent(),
      detail: await page.locator('#error-detail').textContent(),
      loadingHidden: await page.locator('#loading').isHidden(),
      ready: await page.evaluate(() => window.fieldcrmReady === true),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

test('without WebGL2 the page explains what is missing', { timeout: 60000 }, async () => {
  const shown = await errorPageWith(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
    };
  });
  assert.equal(shown.title, 'WebGL 2 is not available');
  assert.match(shown.detail, /hardware acceleration/);
  assert.ok(shown.loadingHidden);
  assert.equal(shown.ready, false);
});

test('without IndexedDB the page explains that data cannot be stored', { timeout: 60000 }, async () => {
  const shown = await errorPageWith(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  assert.equal(shown.title, 'Your data cannot be stored in this browser');
  assert.match(shown.detail, /IndexedDB/);
  assert.ok(shown.loadingHidden);
  assert.equal(shown.ready, false);
});
