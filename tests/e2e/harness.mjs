// Shared harness for FieldCRM's end-to-end tests: serves the built site (FIELDCRM_SITE, default build/web/site),
// launches Debian's headless Chromium through playwright-core on a given profile folder, and drives the app like a
// person (mouse clicks at widget centres found through the app's test API, real keyboard typing, the real file
// picker, downloads and drag-and-drop of files). It never reaches
// into the app's data except to read it back through the test API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = path.resolve(repo, process.env.FIELDCRM_SITE || 'build/web/site');
export const artifactsDir = path.join(repo, 'build/e2e-artifacts');

export const CHROMIUM = process.env.FIELDCRM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Debian's headless Chromium on a profile folder, with the flags this closed network needs (also for the benchmarks).
export function launchChromium(profileDir, options = {}) {
  return chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}

// ---- site and browser -------------------------------------------------------------------------------------------------
export async function serveSite() {
  if (!fs.existsSync(path.join(siteDir, 'index.html')) || !fs.existsSync(path.join(siteDir, 'fieldcrm.wasm')))
    throw new Error(`no built site in ${siteDir}: run scripts/build.sh web (or set FIELDCRM_SITE)`);
  return startServer({ root: siteDir, port: 0 });  // one server (one origin) for the whole test
}

export function newProfileDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fieldcrm-e2e-'));
}

// One browser test's surroundings: the served site, a fresh profile, the problems list. Whatever browser the test
// leaves in `fixture.session` is closed when the test ends; then the server stops and the profile is deleted.
export async function setUpBrowserTest(t) {
  const { server, url } = await serveSite();
  const fixture = { url, profile: newProfileDir(), problems: [], session: null };
  t.after(async () => {
    if (fixture.session) await fixture.session.context.close();
    server.close();
    fs.rmSync(fixture.profile, { recursive: true, force: true });
  });
  return fixture;
}

// Problems the page reports (console errors, uncaught errors, failed requests) are collected in `problems`.
// `locale` sets navigator.language (e.g. 'zh-CN'); `permissions` are granted to the site (e.g. clipboard-read).
// `loadBatchPages` makes the page store stream the stored image in batches of that many pages (any number),
// so that small test databases load in many batches, as large ones do.
export async function openApp(profileDir, url, { deviceScaleFactor = 1, problems, locale = 'en-US', permissions = [], loadBatchPages } = {}) {
  const context = await launchChromium(profileDir, { viewport: { width: 1280, height: 800 }, deviceScaleFactor, locale });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
  if (loadBatchPages) await context.addInitScript((pages) => { globalThis.fieldcrmTestLoadBatchPages = pages; }, loadBatchPages);
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const app = new App(page);
  await page.goto(url);
  await app.waitReady();
  return { context, page, app };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- the app, driven like a person ------------------------------------------------------------------------------------
export class App {
  constructor(page) {
    this.page = page;
  }

  async call(name) {
    const text = await this.page.evaluate((fn) => window.fieldcrm.module.ccall(fn, 'string', [], []), name);
    return JSON.parse(text);
  }

  state() { return this.call('fieldcrm_test_state'); }
  customers() { return this.call('fieldcrm_test_customers'); }
  items() { return this.call('fieldcrm_test_items'); }

  async rect(label) {
    const text = await this.page.evaluate(
      (l) => window.fieldcrm.module.ccall('fieldcrm_test_item_rect', 'string', ['string'], [l]), label);
    return JSON.parse(text);
  }

  async waitReady(timeout = 60000) {
    await this.page.waitForFunction(() => window.fieldcrmReady === true, null, { timeout });
  }

  // Polls the app state until `check(state)` is true; fails with the last state seen.
  async waitForState(what, check, timeout = 10000) {
    const end = Date.now() + timeout;
    let state;
    for (;;) {
      state = await this.state();
      if (check(state)) return state;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(state)}`);
      await sleep(30);
    }
  }

  async waitFrames(count) {
    const start = (await this.state()).frame;
    await this.waitForState(`${count} frames`, (s) => s.frame >= start + count);
  }

  // Waits until the item is on screen; an item scrolled (partly) out of its window (a long form) is first brought
  // into view with the mouse wheel over that window, as a person scrolls to it.
  async waitForItem(label, timeout = 10000) {
    const end = Date.now() + timeout;
    for (let wheels = 0; ; ) {
      const away = wheels < 30 && JSON.parse(await this.page.evaluate(
        (l) => window.fieldcrm.module.ccall('fieldcrm_test_item_out_of_view', 'string', ['string'], [l]), label));
      if (away) {
        const { item, view } = away;
        await this.page.mouse.move(view.x + view.w / 2, view.y + view.h / 2);
        await this.waitFrames(1);
        const below = item.y + item.h > view.y + view.h;
        const distance = below ? item.y + item.h - (view.y + view.h) : view.y - item.y;
        await this.page.mouse.wheel(0, (below ? 1 : -1) * Math.min(300, Math.max(60, distance + 20)));
        await this.waitFrames(2);
        wheels++;
        continue;
      }
      const r = await this.rect(label);
      if (r) return r;
      if (Date.now() > end) {
        const labels = (await this.items()).map((i) => i.label);
        throw new Error(`no item "${label}" on screen; items: ${JSON.stringify(labels)}`);
      }
      await sleep(30);
    }
  }

  // Moves to the widget, lets the app see the hover (some ImGui widgets, like table headers, only take a click
  // on an item hovered in the previous frame), then presses and releases like a person does.
  // If the widget moved meanwhile (the layout changed with the last keys typed), it follows it.
  async click(label) {
    let r = await this.waitForItem(label);
    for (let tries = 0; tries < 5; tries++) {
      await this.page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
      await this.waitFrames(2);
      const now = await this.waitForItem(label);
      if (now.x === r.x && now.y === r.y && now.w === r.w && now.h === r.h) break;
      r = now;
    }
    await this.page.mouse.down();
    await this.waitFrames(1);
    await this.page.mouse.up();
    await this.waitFrames(2);  // the release is handled in the next frame; its result shows in the one after
  }

  // Clicks a text field and types into it, as a person would (keys go to the page's focused text input).
  // A click that did not start the typing (the form moved under the mouse at that moment) is repeated once.
  async type(label, text) {
    await this.click(label);
    try {
      await this.waitForState(`text input in ${label}`, (s) => s.wantTextInput, 2000);
    } catch {
      await this.click(label);
      await this.waitForState(`text input in ${label}`, (s) => s.wantTextInput);
    }
    await this.page.waitForFunction(() => document.activeElement?.id === 'fieldcrm-text-input');
    await this.page.keyboard.type(text);
    await this.waitFrames(2);
  }

  async press(keys) {
    await this.page.keyboard.press(keys);
    await this.waitFrames(2);
  }

  // Clicks `label`, which starts a download, and saves the file into `dir` under the name the app gave it.
  async download(label, dir) {
    const started = this.page.waitForEvent('download', { timeout: 30000 });
    await this.click(label);
    const download = await started;
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  }

  // Clicks `label`, which opens the browser's file picker, and chooses `file` there (a path, or
  // {name, mimeType, buffer}) as a person would.
  async pickFile(label, file) {
    const chooser = this.page.waitForEvent('filechooser', { timeout: 30000 });
    await this.click(label);
    await (await chooser).setFiles(file);
  }

  // Drags the file at `filePath` from outside the browser onto the middle of the window and drops it (trusted
  // drag events through the DevTools protocol, as from a desktop file manager).
  async dropFile(filePath) {
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: [path.resolve(filePath)], dragOperationsMask: 1 };
    const at = { x: 640, y: 400 };
    for (const type of ['dragEnter', 'dragOver']) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await this.waitFrames(2);
    await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data });
    await cdp.detach();
  }

  async waitSaved() {
    return this.waitForState('saveState "saved"', (s) => s.saveState === 'saved');
  }

  // Fills the customer form opened with "Add customer" and saves it (by clicking Save, or with a key such as
  // 'Enter' or 'Control+S' pressed in the last field); returns the stored customer.
  async addCustomer(fields, saveWith = 'click') {
    await this.click('###add-customer');
    await this.waitForState('the new-customer form', (s) => s.form === 'new');
    for (const [field, value] of Object.entries(fields)) await this.type(`##customer-${field}`, value);
    if (saveWith === 'click') await this.click('###customer-form-save');
    else await this.press(saveWith);
    const state = await this.waitForState('the saved customer in the form', (s) => s.form === 'edit' && s.selectedId);
    const stored = (await this.customers()).find((c) => c.id === state.selectedId);
    if (!stored) throw new Error(`saved customer ${state.selectedId} not found`);
    return stored;
  }
}
