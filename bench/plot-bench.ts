/**
 * Plot benchmark: `npm run bench:plot`. Time to the first frame of a plot of
 * one million points (and of 100 000), and the longest main-thread task while
 * the plot is panned and zoomed, in the production build, in headless Chromium.
 *
 * Starts the demo service and a production build of the app (served by
 * `vite preview`), runs a one-million-row and a 100 000-row query on the demo
 * (demo.numbers with ra and dec made from n, spread over the whole sky), opens
 * each job page once per run in a fresh browser context, waits for the sky
 * plot's canvas to say data-ready="true", and reads the app's performance
 * measures:
 *
 * - uws-desk:points-ready: from asking the analysis worker for the plot's
 *   points (projected, in typed arrays) to having them on the main thread;
 * - uws-desk:plot-drawn: regl-scatterplot's draw of those points, to the frame;
 * - first frame: from the points request to the end of the draw (both above,
 *   and the wait between them: loading the WebGL chunk, React's commit).
 *
 * Then it drags the plot about and turns the wheel over it for a few seconds
 * (pan and zoom) and reports the longest task the page's main thread ran
 * meanwhile (Long Tasks API: tasks of 50 ms and more) and the longest gap
 * between two animation frames.
 *
 * Options: --repeat=3  --demo-port=9150  --app-port=9151  --no-build (reuse bench/out/plot-app)
 * Chromium is Debian's /usr/bin/chromium when present (as in the e2e suite),
 * started with --disable-gpu: WebGL then runs on SwiftShader, on the CPU. A
 * machine with a GPU draws faster; the figures here are an upper bound.
 */

import { spawnSync } from 'node:child_process';
import { start, stopAll, waitFor } from './servers';
import { availableParallelism as cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { launchOptions } from '../e2e/browser';
import { jobPath } from '../src/lib/routes';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const REPEAT = Math.max(1, Number(option('repeat') ?? '3'));
const DEMO_PORT = Number(option('demo-port') ?? '9150');
const APP_PORT = Number(option('app-port') ?? '9151');
const BUILD = !args.includes('--no-build');
const TAP = `http://127.0.0.1:${DEMO_PORT}/tap`;
const APP = `http://127.0.0.1:${APP_PORT}`;
const OUT = join(here, 'out', 'plot-app');
const SIZES = [1_000_000, 100_000];
/** A million points over the whole sky, uniform in RA and in sin Dec (an R2 low-discrepancy sequence of the integers of demo.numbers). */
const QUERY =
  'SELECT n, 360 * (n * 0.6180339887 - FLOOR(n * 0.6180339887)) AS ra, ' +
  'DEGREES(ASIN(2 * (n * 0.7548776662 - FLOOR(n * 0.7548776662)) - 1)) AS dec FROM demo.numbers';

async function runQuery(rows: number): Promise<string> {
  const query = `${QUERY} WHERE n <= ${rows}`;
  const body = new URLSearchParams({ REQUEST: 'doQuery', LANG: 'ADQL', QUERY: query, MAXREC: String(rows), RESPONSEFORMAT: 'votable/b2', PHASE: 'RUN' });
  const created = await fetch(`${TAP}/async`, { method: 'POST', body, redirect: 'manual' });
  const jobUrl = new URL(created.headers.get('location') ?? '', `${TAP}/async`).href;
  if (created.status !== 303) throw new Error(`creating the job answered ${created.status}`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const phase = (await (await fetch(`${jobUrl}/phase`)).text()).trim();
    if (phase === 'COMPLETED') return jobUrl;
    if (['ERROR', 'ABORTED'].includes(phase) || Date.now() > deadline) throw new Error(`the job ended ${phase}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Run {
  pointsReadyMs: number;
  drawMs: number;
  firstFrameMs: number;
  tableMs: number;
  /** Longest main-thread task during pan and zoom (0: none of 50 ms or more). */
  longestTaskMs: number;
  /** Longest gap between animation frames during pan and zoom. */
  longestFrameGapMs: number;
}

/**
 * Watches the page's long tasks and animation frames from before the app starts; `__bench` reads them.
 * Plain JavaScript in a string: the compiled form of a TypeScript function may call helpers the page lacks.
 */
const WATCH_MAIN_THREAD = `
window.__bench = { tasks: [], frames: [], framing: false };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bench.tasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
const frame = (t) => {
  if (window.__bench.framing) window.__bench.frames.push(t);
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
`;

/** Drag the plot about and zoom in and out with the wheel over it, as a user looking around does. */
async function panAndZoom(page: Page, canvas: Locator): Promise<{ longestTaskMs: number; longestFrameGapMs: number }> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the plot has no size on the page');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const since = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { framing: boolean; frames: number[] } }).__bench;
    b.frames = [];
    b.framing = true;
    return performance.now();
  });
  for (let round = 0; round < 3; round++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 20; step++) {
      await page.mouse.move(cx + Math.sin(step / 3) * box.width * 0.3, cy + Math.cos(step / 3) * box.height * 0.3);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    await page.mouse.move(cx, cy);
    for (let step = 0; step < 10; step++) {
      await page.mouse.wheel(0, round % 2 === 0 ? -120 : 120);
      await page.waitForTimeout(16);
    }
  }
  await page.waitForTimeout(300);
  return page.evaluate((from) => {
    const b = (window as unknown as { __bench: { tasks: { start: number; duration: number }[]; frames: number[]; framing: boolean } }).__bench;
    b.framing = false;
    const tasks = b.tasks.filter((t) => t.start + t.duration >= from);
    let gap = 0;
    for (let i = 1; i < b.frames.length; i++) gap = Math.max(gap, b.frames[i]! - b.frames[i - 1]!);
    return { longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)), longestFrameGapMs: gap };
  }, since);
}

const fmt = (ms: number) => ms.toFixed(0);

async function measure(browser: Browser, rows: number, jobUrl: string, i: number): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`console: ${message.text()}`);
    });
    await page.addInitScript({ content: WATCH_MAIN_THREAD });
    await page.goto(`${APP}${jobPath(TAP, jobUrl)}`);
    const started = Date.now();
    const canvas = page.getByRole('img', { name: new RegExp(`^All-sky map: ${rows.toLocaleString('en')} points`) });
    await canvas.and(page.locator('[data-ready="true"]')).waitFor({ timeout: 180_000 });
    const tableMs = Date.now() - started;
    const measures = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('uws-desk:'))
        .map((m) => ({ name: m.name, start: m.startTime, duration: m.duration })),
    );
    const ready = measures.find((m) => m.name === 'uws-desk:points-ready');
    const drawn = measures.find((m) => m.name === 'uws-desk:plot-drawn');
    if (!ready || !drawn) throw new Error(`the app recorded no plot measures: ${JSON.stringify(measures)}`);
    const interaction = await panAndZoom(page, canvas);
    const run = { pointsReadyMs: ready.duration, drawMs: drawn.duration, firstFrameMs: drawn.start + drawn.duration - ready.start, tableMs, ...interaction };
    console.log(
      `  run ${i + 1}: points ready ${fmt(run.pointsReadyMs)} ms, draw ${fmt(run.drawMs)} ms, first frame ${fmt(run.firstFrameMs)} ms after the points were asked for ` +
        `(page open to frame: ${run.tableMs} ms, download and decode included); pan and zoom: longest task ${run.longestTaskMs ? `${fmt(run.longestTaskMs)} ms` : 'none of 50 ms or more'}, longest frame gap ${fmt(run.longestFrameGapMs)} ms`,
    );
    return run;
  } finally {
    await context.close();
  }
}

async function main() {
  console.log(`Plot benchmark: ${SIZES.map((n) => n.toLocaleString('en')).join(' and ')} points, ${REPEAT} runs each; ${cpus()} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  if (BUILD) {
    console.log('Building the app (production) into bench/out/plot-app…');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', OUT, '--emptyOutDir'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, VITE_DEMO_TAP_URL: TAP },
    });
    if (build.status !== 0) throw new Error('the build failed');
  }
  start(root, 'npx', ['tsx', 'demo/main.ts', '--port', String(DEMO_PORT)]);
  start(root, 'npx', ['vite', 'preview', '--outDir', OUT, '--port', String(APP_PORT), '--strictPort']);
  await Promise.all([waitFor(`${TAP}/availability`, 180), waitFor(APP, 120)]);

  const browser = await chromium.launch(launchOptions);
  const summary: string[] = [];
  try {
    for (const rows of SIZES) {
      const jobUrl = await runQuery(rows);
      console.log(`${rows.toLocaleString('en')} points (${jobUrl}):`);
      const runs: Run[] = [];
      try {
        for (let i = 0; i < REPEAT; i++) runs.push(await measure(browser, rows, jobUrl, i));
      } finally {
        await fetch(jobUrl, { method: 'POST', body: new URLSearchParams({ ACTION: 'DELETE' }), redirect: 'manual' }).catch(() => undefined);
      }
      const best = runs.reduce((a, b) => (b.firstFrameMs < a.firstFrameMs ? b : a));
      const median = [...runs].sort((a, b) => a.firstFrameMs - b.firstFrameMs)[Math.floor(runs.length / 2)]!;
      const longest = Math.max(...runs.map((r) => r.longestTaskMs));
      const gap = Math.max(...runs.map((r) => r.longestFrameGapMs));
      summary.push(
        `${rows.toLocaleString('en')} points: first frame best ${fmt(best.firstFrameMs)} ms (points ${fmt(best.pointsReadyMs)} + draw ${fmt(best.drawMs)}), median ${fmt(median.firstFrameMs)} ms` +
          `${rows === 1_000_000 ? ` (target 1000 ms: ${best.firstFrameMs <= 1000 ? 'met' : 'NOT met'})` : ''}; ` +
          `pan and zoom: longest task ${longest ? `${fmt(longest)} ms` : 'none of 50 ms or more'}, longest frame gap ${fmt(gap)} ms.`,
      );
    }
  } finally {
    await browser.close();
  }
  console.log(`\n${summary.join('\n')}\nLoad average at the end: ${loadavg()[0]!.toFixed(2)} (other work on this machine slows every figure).`);
}

main().then(
  () => {
    stopAll();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopAll();
    process.exit(1);
  },
);
