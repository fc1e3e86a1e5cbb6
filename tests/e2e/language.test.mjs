// End-to-end tests of the languages (issue 5) in headless Chromium: a Chinese browser starts the app in Chinese;
// switching to English in Settings changes the visible labels at once and is remembered across a reload (and
// back); Chinese text is drawn with real glyphs from the UI font, not tofu: the pixels of a rendered label are
// compared with the same string drawn by the browser from the same font file, and must match it far better than
// they match replacement boxes or another Chinese string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, openApp, setUpBrowserTest } from './harness.mjs';

// The visible part of a ui::label() widget found by its "###id".
async function visible(app, id) {
  await app.waitForItem(id);
  const item = (await app.items()).find((i) => i.label.endsWith(id));
  return item.label.slice(0, item.label.length - id.length);
}

test('a Chinese browser starts in Chinese; switching to English is immediate and remembered', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems, locale: 'zh-CN' });
  let { app, page } = fixture.session;
  assert.equal((await app.state()).language, 'zh-CN', 'the first start follows navigator.language');
  assert.match(await visible(app, '###nav-customers'), /客户$/);
  assert.equal(await visible(app, '###empty-state-add-customer'), '添加客户');

  await app.click('###nav-settings');
  await app.waitForState('settings', (s) => s.screen === 'settings');
  await app.click('###language-en');
  await app.waitForState('English', (s) => s.language === 'en');
  assert.match(await visible(app, '###nav-customers'), /Customers$/);
  assert.match(await visible(app, '###nav-settings'), /Settings$/);
  assert.equal(await visible(app, '###settings-download-backup'), 'Download backup');

  await page.reload();
  await app.waitReady();
  assert.equal((await app.state()).language, 'en', 'the choice outlives a reload (over the browser language)');
  assert.match(await visible(app, '###nav-customers'), /Customers$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the shell follows the choice too');

  await app.click('###nav-settings');
  await app.click('###language-zh');
  await app.waitForState('Chinese', (s) => s.language === 'zh-CN');
  assert.match(await visible(app, '###nav-settings'), /设置$/);
  await app.click('###nav-customers');
  await app.click('###empty-state-add-customer');
  await app.waitForState('the form', (s) => s.form === 'new');
  assert.equal(await visible(app, '###customer-form-save'), '保存');
  assert.deepEqual(fixture.problems, []);
});

// Ink signature of an image region: the darker-than-background pixels inside their bounding box, averaged on a
// 16 x 8 grid. Runs in the page (canvas) so no image library is needed.
function signatureInPage({ png, text, font, px }) {
  const grid = (ctx, w, h) => {
    const data = ctx.getImageData(0, 0, w, h).data;
    const lum = new Float32Array(w * h);
    const counts = new Map();
    for (let i = 0; i < w * h; i++) {
      lum[i] = 0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2];
      const bucket = Math.round(lum[i] / 8);
      counts.set(bucket, (counts.get(bucket) || 0) + 1);
    }
    const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] * 8;
    const ink = lum.map((l) => Math.max(0, background - l) / Math.max(background, 1));
    let x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink[y * w + x] > 0.25) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    if (x1 < 0) return { cells: new Array(128).fill(0), coverage: 0 };
    const cells = [];
    for (let gy = 0; gy < 8; gy++) for (let gx = 0; gx < 16; gx++) {
      const ax = x0 + Math.floor((gx * (x1 - x0 + 1)) / 16), bx = x0 + Math.floor(((gx + 1) * (x1 - x0 + 1)) / 16);
      const ay = y0 + Math.floor((gy * (y1 - y0 + 1)) / 8), by = y0 + Math.floor(((gy + 1) * (y1 - y0 + 1)) / 8);
      let sum = 0, n = 0;
      for (let y = ay; y < Math.max(by, ay + 1); y++) for (let x = ax; x < Math.max(bx, ax + 1); x++) { sum += ink[y * w + x]; n++; }
      cells.push(sum / n);
    }
    return { cells, coverage: cells.reduce((a, b) => a + b, 0) / cells.length };
  };
  if (png) {
    return new Promise((resolve) => {
      const image = new Image();
      image.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(image, 0, 0);
        resolve(grid(ctx, image.width, image.height));
      };
      image.src = 'data:image/png;base64,' + png;
    });
  }
  return (async () => {
    const face = new FontFace('FieldCRMUiTest', `url(${font})`);
    await face.load();
    document.fonts.add(face);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(px * (text.length + 2));
    canvas.height = Math.ceil(px * 2);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#17202e';
    ctx.font = `${px}px FieldCRMUiTest`;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, px / 2, canvas.height / 2);
    return grid(ctx, canvas.width, canvas.height);
  })();
}

function correlation(a, b) {
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a), mb = mean(b);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return aa && bb ? ab / Math.sqrt(aa * bb) : 0;
}

test('Chinese labels are drawn with their glyphs, not tofu boxes (HiDPI)', { timeout: 300000 }, async (t) => {
  const fixture = await setUpBrowserTest(t);
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems, locale: 'zh-CN', deviceScaleFactor: 2 });
  const { app, page } = fixture.session;
  await app.addCustomer({ name: '王芳', city: '上海' });  // the table (and its headers) shows once there is a row
  await page.mouse.move(5, 795);
  await app.waitFrames(3);
  assert.equal(await visible(app, '###header-city'), '城市');

  // The header cell's text: left padding 10 px, two glyphs of 15 px; clear of the cell borders.
  const cell = await app.rect('###header-city');
  const clip = { x: cell.x + 4, y: cell.y + 3, width: 15 * 2 + 14, height: cell.h - 6 };
  const shot = await page.screenshot({ clip });
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, 'header-city-zh.png'), shot);
  const drawn = await page.evaluate(signatureInPage, { png: shot.toString('base64') });
  const reference = (text) => page.evaluate(signatureInPage, { text, font: 'fonts/ui.otf', px: 30 });
  const same = correlation(drawn.cells, (await reference('城市')).cells);
  const tofu = Math.max(...await Promise.all(['\uFFFD\uFFFD', '??', '\u25A1\u25A1'].map(async (s) => correlation(drawn.cells, (await reference(s)).cells))));
  const other = correlation(drawn.cells, (await reference('电话')).cells);
  const detail = JSON.stringify({ same, tofu, other, coverage: drawn.coverage });
  t.diagnostic(detail);
  assert.ok(drawn.coverage > 0.05, `ink where the label is: ${detail}`);
  assert.ok(same > 0.8, `the label looks like 城市 drawn from the font: ${detail}`);
  assert.ok(same - tofu > 0.25, `and not like replacement boxes: ${detail}`);
  assert.ok(same - other > 0.15, `and not like another Chinese string: ${detail}`);
  await page.screenshot({ path: path.join(artifactsDir, 'customers-zh.png') });
  assert.deepEqual(fixture.problems, []);
});
