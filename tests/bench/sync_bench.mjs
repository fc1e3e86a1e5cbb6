// Sync benchmark driver (run by scripts/bench-sync): the same workload (tests/bench/sync_bench_workload.h) in the
// wasm module in headless Chromium and in the native program, in the same run, one after the other:
//   device A commits N customers × 5 fields (N = 20000: 100,000 changes), exports everything, device B imports it.
// Prints one markdown table: median times of the rounds, the wasm/native ratio, and the ≤ 2 s target for wasm.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium } from '../e2e/harness.mjs';


const root = resolve(process.env.FIELDCRM_WEB_BUILD || 'build/web');
const native = resolve(process.env.SYNC_BENCH_NATIVE || 'build/native/bench/sync_bench_native');
const customers = Number(process.env.BENCH_CUSTOMERS || 20000);
const rounds = Number(process.env.BENCH_ROUNDS || 3);
const targetMs = 2000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => x.toFixed(0) + ' ms';
const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';
const log = (text) => console.error('[bench-sync] ' + text);
const check = (side, r) => {
  if (r.error) throw new Error(`${side}: ${r.error}`);
  if (r.changes !== customers * 5 || r.imported !== r.changes || r.customersOnB !== customers)
    throw new Error(`${side}: unexpected result ${JSON.stringify(r)}`);
  return r;
};

// ---- native ------------------------------------------------------------------------------------------------------
log(`native: ${rounds} rounds of ${customers} customers…`);
const nativeRuns = execFileSync(native, [String(customers), String(rounds)], { encoding: 'utf8' })
  .trim().split('\n').map((line) => check('native', JSON.parse(line)));

// ---- wasm in headless Chromium -----------------------------------------------------------------------------------
const { server, url: baseUrl } = await startServer({ root, port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'fieldcrm-bench-'));
const context = await launchChromium(profile);
let wasmRuns, browserVersion;
try {
  browserVersion = context.browser()?.version() ?? '';
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${baseUrl}bench/sync.html`);
  await page.evaluate(() => window.benchReady);
  log(`wasm: ${rounds} rounds of ${customers} customers…`);
  wasmRuns = [];
  for (let r = 0; r < rounds; r++) {
    const run = await page.evaluate((customers) => {
      const { module } = window.bench;
      const out = JSON.parse(module.UTF8ToString(module._bench_sync_round(customers)));
      // The file handed to JavaScript as the app's download does: bytes out of wasm memory into a Blob.
      const t = performance.now();
      const ptr = module._bench_sync_file();
      const blob = new Blob([module.HEAPU8.slice(ptr, ptr + module._bench_sync_file_bytes())],
                            { type: 'application/json' });
      out.toBlobMs = performance.now() - t;
      out.blobBytes = blob.size;
      module._bench_sync_release_file();
      return out;
    }, customers);
    wasmRuns.push(check('wasm', run));
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

// ---- the table ---------------------------------------------------------------------------------------------------
const m = (runs, key) => median(runs.map((x) => x[key]));
const row = (name, key, target) => {
  const w = m(wasmRuns, key), n = m(nativeRuns, key);
  const verdict = target ? (w <= target ? ` ✅ ≤ ${target / 1000} s` : ` ❌ > ${target / 1000} s`) : '';
  return `| ${name} | ${ms(w)}${verdict} | ${ms(n)} | ${(w / n).toFixed(2)}× |`;
};
const changes = customers * 5;
console.log(`\nSync benchmark — ${changes.toLocaleString('en')} changes (${customers.toLocaleString('en')} customers × 5 ` +
            `fields), sync file ${mb(wasmRuns[0].fileBytes)}; wasm in headless Chromium ${browserVersion} vs native, ` +
            `${cpus().length} cores, median of ${rounds} rounds\n`);
console.log('| step | wasm (Chromium) | native | wasm / native |');
console.log('|---|---|---|---|');
console.log(row(`export everything (change log → sync file text)`, 'exportMs', targetMs));
console.log(row(`import (check the whole file, merge in one transaction)`, 'importMs', targetMs));
console.log(row(`setup: device A commits ${customers.toLocaleString('en')} customers in one write`, 'buildMs'));
console.log(`| sync file size | ${mb(m(wasmRuns, 'fileBytes'))} | ${mb(m(nativeRuns, 'fileBytes'))} | ` +
            `${(m(wasmRuns, 'fileBytes') / m(nativeRuns, 'fileBytes')).toFixed(2)}× |`);
console.log(`| wasm only: file handed to JavaScript as a Blob (download) | ${ms(m(wasmRuns, 'toBlobMs'))} | — | — |`);
console.log(`\nper round (ms) — wasm export ${wasmRuns.map((x) => x.exportMs.toFixed(0)).join(' / ')}, ` +
            `import ${wasmRuns.map((x) => x.importMs.toFixed(0)).join(' / ')}; native export ` +
            `${nativeRuns.map((x) => x.exportMs.toFixed(0)).join(' / ')}, import ` +
            `${nativeRuns.map((x) => x.importMs.toFixed(0)).join(' / ')}`);
