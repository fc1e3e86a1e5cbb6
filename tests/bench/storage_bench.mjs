// Storage benchmark driver (run by scripts/bench-storage): headless Chromium on this machine, one fresh profile,
// three ways to persist the same ~100 MB database after a one-customer edit, measured in the same run:
//   ours (page VFS → IndexedDB pages), Emscripten IDBFS + FS.syncfs, and a whole-file put (sql.js style);
// plus bulk insert of 100k customers and the app's cold start on that database. Prints one markdown table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium } from '../e2e/harness.mjs';


const root = resolve(process.env.FIELDCRM_WEB_BUILD || 'build/web');
const customers = Number(process.env.BENCH_CUSTOMERS || 30000);    // defaults give the ~110 MB database of docs/
const activities = Number(process.env.BENCH_ACTIVITIES || 400000);
const onlyOurs = !!process.env.BENCH_ONLY_OURS;  // skip the baselines (they need 3 copies in memory: for 1 GB runs)
const rounds = Number(process.env.BENCH_ROUNDS || 10);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(1) + ' KB';
const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';
const ms = (x) => x.toFixed(1) + ' ms';

const { server, url: baseUrl } = await startServer({ root, port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'fieldcrm-bench-'));
const context = await launchChromium(profile);
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${baseUrl}bench/storage.html`);
  await page.evaluate(() => window.benchReady);
  const log = (text) => console.error('[bench-storage] ' + text);

  // ---- build the database: bulk insert through the app's write path, then activity rows -----------------------
  log(`adding ${customers} customers and ${activities} activities…`);
  const build = await page.evaluate(async ({ customers, activities }) => {
    const { module, store } = window.bench;
    module._bench_open_paged();
    let t = performance.now();
    const insertMs = module._bench_add_customers(customers);
    await store.whenIdle();
    const insertStoredMs = performance.now() - t;
    module._bench_add_activities(activities);
    await store.whenIdle();
    return { insertMs, insertStoredMs, bytes: module._bench_database_bytes() };
  }, { customers, activities });
  log(`database: ${mb(build.bytes)}`);

  // ---- ours: one edit, then until IndexedDB has it -----------------------------------------------------------
  const ours = await page.evaluate(async (rounds) => {
    const { module, store } = window.bench;
    const out = [];
    for (let r = 1; r <= rounds; r++) {
      window.idbBytes = 0;
      const t = performance.now();
      module._bench_edit_paged(r);
      const commitMs = performance.now() - t;
      await store.whenIdle();
      out.push({ bytes: window.idbBytes, ms: performance.now() - t, commitMs });
    }
    return out;
  }, rounds);

  // ---- whole-file put: serialize the database and put it as one value, as sql.js-based apps do ------------------
  const whole = onlyOurs ? [] : await page.evaluate(async (rounds) => {
    const { module } = window.bench;
    const db = await new Promise((ok, fail) => {
      const open = indexedDB.open('bench-whole-file', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('files');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const out = [];
    for (let r = 1; r <= Math.min(rounds, 3); r++) {
      module._bench_edit_paged(100 + r);
      window.idbBytes = 0;
      const t = performance.now();
      const ptr = module._bench_serialize_paged();
      const file = module.HEAPU8.slice(ptr, ptr + module._bench_serialized_bytes()).buffer;
      module._bench_release_serialized();
      await new Promise((ok, fail) => {
        const tx = db.transaction('files', 'readwrite');
        tx.objectStore('files').put(file, 'fieldcrm.db');
        tx.oncomplete = ok;
        tx.onabort = () => fail(tx.error);
      });
      out.push({ bytes: window.idbBytes, ms: performance.now() - t });
    }
    db.close();
    return out;
  }, rounds);

  // ---- Emscripten IDBFS + FS.syncfs: the same database as a file on an IDBFS mount ---------------------------------
  const idbfs = onlyOurs ? [] : await page.evaluate(async (rounds) => {
    const { module } = window.bench;
    const FS = module.FS;
    const sync = () => new Promise((ok, fail) => FS.syncfs(false, (e) => (e ? fail(e) : ok())));
    FS.mkdir('/idbfs');
    FS.mount(FS.filesystems.IDBFS, {}, '/idbfs');
    const ptr = module._bench_serialize_paged();
    FS.writeFile('/idbfs/bench.db', module.HEAPU8.subarray(ptr, ptr + module._bench_serialized_bytes()));
    module._bench_release_serialized();
    await sync();
    module.ccall('bench_open_idbfs', null, ['string'], ['/idbfs/bench.db']);
    const out = [];
    for (let r = 1; r <= Math.min(rounds, 3); r++) {
      module._bench_edit_idbfs(200 + r);
      window.idbBytes = 0;
      const t = performance.now();
      await sync();
      out.push({ bytes: window.idbBytes, ms: performance.now() - t });
    }
    return out;
  }, rounds);

  // ---- cold start: the real app, a new tab, on the database built above ------------------------------------------
  await page.close();
  const cold = [];
  let integrity = null;
  for (let r = 0; r < (process.env.BENCH_SKIP_COLD_START ? 0 : 3); r++) {
    const app = await context.newPage();
    await app.goto(`${baseUrl}site/index.html`);
    await app.waitForFunction(() => window.fieldcrmReady === true, null, { timeout: 300000 }).catch(async (e) => {
      const shown = await app.evaluate(() => ['loading-step', 'error-title', 'error-detail', 'elsewhere-title']
        .map((id) => `${id}: ${document.getElementById(id)?.textContent}`).join('; '));
      throw new Error(`the app did not become ready (${shown}): ${e.message}`);
    });
    cold.push(await app.evaluate(() => window.fieldcrmStartup));
    // The streamed image must be the stored one: check it once (at 1 GiB it has a hole, the lock-byte page).
    if (r === 0) integrity = await app.evaluate(() => JSON.parse(window.fieldcrm.module.ccall('fieldcrm_test_integrity', 'string', [], [])));
    await app.close();
  }

  // ---- the table -----------------------------------------------------------------------------------------------
  const oursBytes = median(ours.map((x) => x.bytes));
  const row = (name, runs) => {
    const bytes = median(runs.map((x) => x.bytes));
    const time = median(runs.map((x) => x.ms));
    return `| ${name} | ${kb(bytes)} | ${ms(time)} | ${(bytes / oursBytes).toFixed(0)}× |`;
  };
  console.log(`\nStorage benchmark — database ${mb(build.bytes)} (${customers} customers, ${activities} activities), ` +
              `headless Chromium ${context.browser()?.version() ?? ''}, median of runs\n`);
  console.log('| one-customer edit, persisted by | bytes written to IndexedDB | time until stored | bytes vs ours |');
  console.log('|---|---|---|---|');
  console.log(row('FieldCRM page VFS (ours)', ours));
  if (idbfs.length) console.log(row('Emscripten IDBFS + FS.syncfs', idbfs));
  if (whole.length) console.log(row('whole-file put (sql.js style)', whole));
  console.log(`\n| other | result |\n|---|---|`);
  console.log(`| SQLite commit of the edit (in memory, before IndexedDB) | ${ms(median(ours.map((x) => x.commitMs)))} |`);
  console.log(`| bulk insert of ${customers} customers (one commit through the write path) | ${ms(build.insertMs)} |`);
  console.log(`| … until stored in IndexedDB | ${ms(build.insertStoredMs)} |`);
  if (cold.length) {
    const at = (key) => median(cold.map((c) => c[key]));
    console.log(`| cold start with the ${mb(build.bytes)} database (navigation → first usable frame) | ${ms(at('readyAt'))} |`);
    console.log(`| … of which: navigation → module running (download, compile, WebGL) | ${ms(at('moduleAt'))} |`);
    console.log(`| … image streamed from IndexedDB into wasm memory | ${ms(median(cold.map((c) => c.imageAt - c.moduleAt)))} |`);
    console.log(`| … database opened, first frame drawn | ${ms(median(cold.map((c) => c.readyAt - c.imageAt)))} |`);
    console.log(`| integrity_check of the streamed image | ${integrity} |`);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
