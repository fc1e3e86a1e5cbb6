// Customer-data benchmark driver (run by scripts/bench-data): the same workload (tests/bench/data_bench_workload.h)
// in the wasm module in headless Chromium and in the native program, in the same run, one after the other:
// import N CSV rows, search as you type (Chinese and Latin), scroll the sorted table. Prints one markdown table with
// the wasm and native figures, their ratio (the cost of wasm) and the targets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium } from '../e2e/harness.mjs';

const root = resolve(process.env.FIELDCRM_WEB_BUILD || 'build/web');
const native = resolve(process.env.DATA_BENCH_NATIVE || 'build/native/bench/data_bench_native');
const customers = Number(process.env.BENCH_CUSTOMERS || 100000);
const onlyWasm = process.env.BENCH_ONLY_WASM === '1';  // the largest-data-set runs: the browser side alone

const log = (text) => console.error('[bench-data] ' + text);
const check = (side, r) => {
  if (r.error) throw new Error(`${side}: ${r.error}`);
  if (r.created !== customers || r.failed !== 0) throw new Error(`${side}: unexpected result ${JSON.stringify(r)}`);
  return r;
};

// ---- native ------------------------------------------------------------------------------------------------------
let nativeRun = null;
if (!onlyWasm) {
  log(`native: ${customers} customers…`);
  nativeRun = check('native', JSON.parse(execFileSync(native, [String(customers), '1'], { encoding: 'utf8', maxBuffer: 1 << 20 })));
}

// ---- wasm in headless Chromium -----------------------------------------------------------------------------------
const { server, url: baseUrl } = await startServer({ root, port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'fieldcrm-bench-'));
const context = await launchChromium(profile);
let wasmRun, browserVersion;
try {
  browserVersion = context.browser()?.version() ?? '';
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.setDefaultTimeout(0);
  await page.goto(`${baseUrl}bench/data.html`);
  await page.evaluate(() => window.benchReady);
  log(`wasm: ${customers} customers…`);
  wasmRun = check('wasm', await page.evaluate((customers) => {
    const { module } = window.bench;
    return JSON.parse(module.UTF8ToString(module._bench_data_round(customers)));
  }, customers));
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

// ---- the table ---------------------------------------------------------------------------------------------------
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
const get = (run, path) => path.split('.').reduce((o, k) => o[k], run);
const row = (name, path, target) => {
  const w = get(wasmRun, path);
  const verdict = target === undefined ? '' : w <= target ? ` ✅ ≤ ${target} ms` : ` ❌ > ${target} ms`;
  if (!nativeRun) return `| ${name} | ${fmt(w)}${verdict} | – | – |`;
  const n = get(nativeRun, path);
  return `| ${name} | ${fmt(w)}${verdict} | ${fmt(n)} | ${(w / n).toFixed(2)}× |`;
};
const total = (run) => run.openMs + run.dryRunMs + run.commitMs;
if (nativeRun) nativeRun.importMs = total(nativeRun);
wasmRun.importMs = total(wasmRun);
console.log(`\nCustomer-data benchmark — ${customers.toLocaleString('en')} customers, CSV ${(wasmRun.fileBytes / 1048576).toFixed(1)} MB, ` +
            `database ${(wasmRun.dbBytes / 1048576).toFixed(0)} MB; wasm in headless Chromium ${browserVersion} vs native, ` +
            `${cpus().length} cores\n`);
console.log('| | wasm (Chromium) | native | wasm / native |');
console.log('|---|---|---|---|');
console.log(row('import: open (format, encoding, mapping)', 'openMs'));
console.log(row('import: dry run (every row read and checked)', 'dryRunMs'));
console.log(row('import: commit (all rows, one transaction)', 'commitMs'));
console.log(row(`import: total, ${customers.toLocaleString('en')} rows`, 'importMs', 3000));
console.log(row(`search as you type, Chinese: p50 (${wasmRun.searchChinese.n} keystrokes)`, 'searchChinese.p50'));
console.log(row('search as you type, Chinese: p95', 'searchChinese.p95', 10));
console.log(row(`search as you type, Latin and digits: p50 (${wasmRun.searchLatin.n} keystrokes)`, 'searchLatin.p50'));
console.log(row('search as you type, Latin and digits: p95', 'searchLatin.p95', 10));
console.log(row('scroll sorted by name: page read per frame, p95', 'scrollName.p95', 8));
console.log(row('scroll sorted by last update: page read per frame, p95', 'scrollUpdated.p95', 8));
console.log(row('scroll sorted by a custom number field: page read per frame, p95', 'scrollCustom.p95', 8));
console.log(row('scroll anchors by name (once per sort or filter)', 'anchorsMs.name'));
console.log(row('scroll anchors by custom field (once per sort or filter)', 'anchorsMs.custom'));
