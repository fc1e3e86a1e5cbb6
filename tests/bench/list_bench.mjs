// List-scrolling benchmark driver (run by scripts/bench-list): the real app (the built site) in headless Chromium,
// on a fresh profile. First the empty app, then the same app filled with N generated customers through the core
// import path (fieldcrm_bench_fill_customers); in both the customer list is scrolled like a person does it — real
// mouse-wheel events over the table and a drag of its scroll bar from top to bottom — sorted by name, by last
// update and by a custom number field (each sort chosen by clicking its column header). Per gesture it reports the
// app's own frame time (timed in C++ around each frame, fieldcrm_test_frame_times), p50 / p95 / max: per input
// (the slowest frame until the next input) and over every frame drawn.
import { loadavg, cpus } from 'node:os';
import { resolve } from 'node:path';
import { openApp, setUpBrowserTest } from '../e2e/harness.mjs';

const customers = Number(process.env.BENCH_CUSTOMERS || 100000);
const STEPS = Number(process.env.BENCH_STEPS || 120);  // inputs per gesture
const WHEEL_PX = 400;  // per input: four wheel notches, a quick flick (ImGui scrolls ~5 lines a notch)
process.env.FIELDCRM_SITE ||= resolve('build/web/site');

const log = (text) => console.error('[bench-list] ' + text);

// ---- gestures ------------------------------------------------------------------------------------------------------

// Waits for the next animation frame: the app's frame (also rAF-driven, registered earlier) has run by then.
function nextFrame(page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done())));
}

// The app's frame times from frame `first` on (fieldcrm_test_frame_times), after the next frame when `wait` (one
// round trip for both: each one lets the app draw frames that handle no input).
async function frameTimes(page, first, wait = false) {
  const times = await page.evaluate(async ([f, w]) => {
    if (w) await new Promise((done) => requestAnimationFrame(() => done()));
    return JSON.parse(window.fieldcrm.module.ccall('fieldcrm_test_frame_times', 'string', ['number'], [f]));
  }, [first, wait]);
  if (!times) throw new Error('the frame times of the gesture are no longer kept (too many frames)');
  return times;
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

// Runs `gesture(step)`, which calls step() after each input it gives (a wheel flick, a move of the drag). Each
// step waits for the next frame; between two inputs the app may draw more than one frame (the driver's round trips
// take longer than a frame), and only one of them handles the input, so per input the slowest of its frames counts
// ("per input": an upper bound of the frame that scrolled). Also the figures over every frame of the gesture.
async function measure(app, gesture) {
  const { page } = app;
  await nextFrame(page);
  const start = (await app.state()).frame;
  let first = start;
  const perInput = [];
  await gesture(async () => {
    const t = await frameTimes(page, first, true);
    if (t.frames > 0) perInput.push(t.max);
    first = t.end;
  });
  await nextFrame(page);
  const all = await frameTimes(page, start);
  const stats = perInput.length
    ? { frames: perInput.length, p50: percentile(perInput, 0.5), p95: percentile(perInput, 0.95), max: percentile(perInput, 1) }
    : null;
  return { perInput: stats, all };
}

// Mouse-wheel scrolling down over the list, one flick per input.
async function wheel(app, at) {
  await app.page.mouse.move(at.x, at.y);
  await nextFrame(app.page);
  return measure(app, async (step) => {
    for (let i = 0; i < STEPS; i++) {
      await app.page.mouse.wheel(0, WHEEL_PX);
      await step();
    }
  });
}

// ImGui takes clicks on a scroll bar only inside its track, 3 px in from each edge of the bar's rectangle.
const INSET = 6;

// The scroll bar pressed at its top and dragged to its bottom in STEPS moves, then released.
async function drag(app, bar) {
  const x = bar.x + bar.w / 2;
  await app.page.mouse.move(x, bar.y + INSET);
  await nextFrame(app.page);
  return measure(app, async (step) => {
    await app.page.mouse.down();
    await step();
    for (let i = 1; i <= STEPS; i++) {
      await app.page.mouse.move(x, bar.y + INSET + ((bar.h - 2 * INSET) * i) / STEPS);
      await step();
    }
    await app.page.mouse.up();
    await step();
  });
}

const list = (app) => app.call('fieldcrm_test_list');

// ---- the run -------------------------------------------------------------------------------------------------------

async function run({ app, page }) {
  page.setDefaultTimeout(0);
  const out = { browser: page.context().browser()?.version() ?? '' };

  // The empty app: the same gestures over the empty list, where the table's scroll bar will be.
  await app.waitForItem('###empty-state-import');
  const area = { x: 1244, y: 147, w: 12, h: 602 };  // where the bar is at 1280×800
  log('the empty app…');
  out.empty = { wheel: await wheel(app, { x: 700, y: 450 }), drag: await drag(app, area) };

  log(`filling the app with ${customers.toLocaleString('en')} customers through the import path…`);
  const t0 = Date.now();
  const fill = JSON.parse(await page.evaluate(
    (n) => window.fieldcrm.module.ccall('fieldcrm_bench_fill_customers', 'string', ['number'], [n]), customers));
  if (fill.error || fill.created !== customers) throw new Error(`fill: ${JSON.stringify(fill)}`);
  out.fill = { ...fill, wallMs: Date.now() - t0 };
  await app.waitForState('the list of every customer', (s) => s.customerCount === customers, 60000);
  log(`filled in ${(out.fill.wallMs / 1000).toFixed(1)} s; waiting until it is stored…`);
  await app.waitForState('the data stored', (s) => s.saveState === 'saved', 30 * 60000);
  out.dbBytes = (await app.state()).storedBytes;

  const sorts = [
    { name: 'name', header: null, check: (s) => s.sort === 'name' && s.ascending },
    { name: 'updated', header: '###header-updated', check: (s) => s.sort === 'updated' },
    { name: 'custom', header: `###header-custom-${fill.visitsFieldId}`, check: (s) => s.sort === 'custom' },
  ];
  out.sorts = {};
  for (const sort of sorts) {
    log(`sorted by ${sort.name}…`);
    const r = {};
    if (sort.header) r.resort = await measure(app, () => app.click(sort.header));
    await app.waitForState(`sorted by ${sort.name}`, sort.check);
    const bar = await app.waitForItem('##customer-list-scrollbar');
    const top = (await list(app)).rows[0]?.id;
    r.wheel = await wheel(app, { x: bar.x - 400, y: bar.y + bar.h / 2 });
    const wheeled = (await list(app)).rows[0]?.id;
    r.drag = await drag(app, bar);
    const end = await list(app);
    if (end.rowCount !== customers || !end.rows.length || wheeled === top || end.rows[0].id === wheeled)
      throw new Error(`the list did not scroll (sorted by ${sort.name}): top ${top}, after the wheel ${wheeled}, after the drag ${end.rows[0]?.id} of ${end.rowCount}`);
    // Back to the top for the next sort, by the scroll bar as well.
    await page.mouse.move(bar.x + bar.w / 2, bar.y + INSET);
    await page.mouse.down();
    await nextFrame(page);
    await page.mouse.up();
    out.sorts[sort.name] = r;
  }
  return out;
}

// ---- the table -----------------------------------------------------------------------------------------------------

function print(r) {
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const cell = (t, target = 8) => (t ? `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.max)}${t.p95 <= target ? '' : ' ❌'}` : '–');
  const n = customers.toLocaleString('en');
  const [before, after] = load;
  console.log(`\nList-scrolling benchmark — the real app (build/web/site) in headless Chromium ${r.browser}, ` +
              `viewport 1280×800, ${cpus().length} cores, load average ${before.map((x) => x.toFixed(1)).join(' ')} ` +
              `at the start, ${after.map((x) => x.toFixed(1)).join(' ')} at the end`);
  console.log(`${n} customers filled through the import path in ${(r.fill.wallMs / 1000).toFixed(1)} s ` +
              `(CSV ${(r.fill.fileBytes / 1048576).toFixed(1)} MB), stored ${(r.dbBytes / 1048576).toFixed(0)} MB; ` +
              `${STEPS} inputs per gesture\n`);
  console.log("App frame time, ms (the app's own code per frame, timed in C++): p50 / p95 / max; ❌ where p95 (for a sort click: the slowest frame) is over 8 ms\n");
  console.log(`| gesture | empty app (baseline) | ${n} by name | by last update | by custom number field |`);
  console.log('|---|---|---|---|---|');
  const s = r.sorts;
  const line = (what, get) => console.log(`| ${what} | ${[r.empty, s.name, s.updated, s.custom].map((x) => cell(get(x))).join(' | ')} |`);
  line(`mouse wheel (${WHEEL_PX / 100} notches an input): per input`, (x) => x.wheel.perInput);
  line('mouse wheel: every frame', (x) => x.wheel.all);
  line('scroll bar dragged top to bottom: per input', (x) => x.drag.perInput);
  line('scroll bar drag: every frame', (x) => x.drag.all);
  const slowest = (t) => `${ms(t.all.max)}${t.all.max <= 8 ? '' : ' ❌'}`;
  console.log(`| click on the header that sorts: the slowest frame | – | (the default order) | ${slowest(s.updated.resort)} | ${slowest(s.custom.resort)} |`);
  const frames = (g) => [r.empty[g], s.name[g], s.updated[g], s.custom[g]].map((t) => t.all.frames).join(' / ');
  console.log(`\n${STEPS} inputs per gesture; frames drawn (empty / name / last update / custom): wheel ${frames('wheel')}, ` +
              `drag ${frames('drag')}. "Per input": the slowest frame between one input and the next (the one that ` +
              'scrolled, or slower). Times are performance.now() in the page (0.1 ms steps).');
}

// ---- main ----------------------------------------------------------------------------------------------------------

// setUpBrowserTest wants node:test's `t` only for its clean-up; this script cleans up itself.
const cleanups = [];
const fixture = await setUpBrowserTest({ after: (fn) => cleanups.push(fn) });
const load = [loadavg()];
let results;
try {
  fixture.session = await openApp(fixture.profile, fixture.url, { problems: fixture.problems });
  results = await run(fixture.session);
  load.push(loadavg());
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
if (fixture.problems.length) log(`the page reported problems:\n  ${fixture.problems.join('\n  ')}`);
print(results);
