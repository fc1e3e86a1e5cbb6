// End-to-end tests of the HTML shell in headless Chromium: without WebGL2 or without IndexedDB the page shows a
// readable error page (title, what to do) instead of a blank canvas, in English or, for a Chinese browser, in
// Chinese; every text of the shell (shell/*.js tr() calls, index.html data-tr) has a Chinese entry. Run: node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, serveSite } from './harness.mjs';

const shellDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shell');

async function errorPageWith(initScript, locale = 'en-US') {
  const { server, url } = await serveSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ locale });
    await page.addInitScript(initScript);
    await page.goto(url);
    await page.locator('#error').waitFor({ state: 'visible', timeout: 30000 });
    return {
      title: await page.locator('#error-title').textContent(),
      detail: await page.locator('#error-detail').textContent(),
      loadingHidden: await page.locator('#loading').isHidden(),
      ready: await page.evaluate(() => window.fieldcrmReady === true),
      chinese: await page.evaluate(() => FieldCRMTexts.chinese),
      language: await page.evaluate(() => document.documentElement.lang),
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

const noIndexedDB = () => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });

test('a Chinese browser gets the error page in Chinese', { timeout: 60000 }, async () => {
  const shown = await errorPageWith(noIndexedDB, 'zh-CN');
  assert.equal(shown.language, 'zh-CN');
  assert.equal(shown.title, '此浏览器无法存储您的数据');
  assert.match(shown.detail, /IndexedDB/);
  assert.match(shown.detail, /无痕窗口/);
  assert.match(shown.detail, /^此浏览器无法使用 IndexedDB/, 'the page store\'s reason is translated too');
});

// The English keys of the shell: tr('...' + '...') literals in shell/*.js and the data-tr elements of index.html.
function shellTexts() {
  const texts = [];
  const unquote = (literal) => JSON.parse('"' + literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"') + '"');
  for (const file of fs.readdirSync(shellDir).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(shellDir, file), 'utf8');
    for (const call of source.matchAll(/\btr\(((?:\s*'(?:[^'\\]|\\.)*'\s*\+?)+)/g))
      texts.push(call[1].match(/'(?:[^'\\]|\\.)*'/g).map(unquote).join(''));
  }
  const html = fs.readFileSync(path.join(shellDir, 'index.html'), 'utf8');
  for (const element of html.matchAll(/<[^>]* data-tr>([^<]*)</g)) texts.push(element[1].trim().replace('&hellip;', '\u2026'));
  return texts;
}

test('every text of the shell has a Chinese entry', { timeout: 60000 }, async () => {
  const { chinese } = await errorPageWith(noIndexedDB);
  const texts = shellTexts();
  assert.ok(texts.length >= 20, `found the shell's texts (${texts.length})`);
  const missing = texts.filter((t) => !(t in chinese));
  assert.deepEqual(missing, [], 'shell texts without a Chinese entry');
  for (const [english, text] of Object.entries(chinese))
    assert.equal(text.split('%s').length, english.split('%s').length, `same %s count: ${english}`);
});
