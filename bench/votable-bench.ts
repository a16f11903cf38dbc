/**
 * VOTable decoder benchmark: `npm run bench`.
 *
 * Generates deterministic tables (100 000 and 1 000 000 rows x 12 columns) in
 * TABLEDATA, BINARY and BINARY2 into bench/out/ (reused when present), decodes
 * each in fresh Node processes (best of --repeat), and, where Debian's
 * python3-astropy is installed, times astropy.io.votable on the same files,
 * and where STILTS is installed, `stilts tpipe omode=count` (less its
 * start-up). The largest files are also fed to the streaming decoder in
 * 64 kB chunks: time to the first 1000 rows. See bench/README.md for what
 * each column means.
 *
 * Options: --rows=100000,1000000  --repeat=3  --no-astropy  --no-stilts  --no-stream
 *          --astropy-max-rows=N (skip astropy on larger files; default all)
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism as cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type BenchSerialization } from './generate-votables';
import { findStilts, runStilts, runStream, stiltsNet, type StiltsResult, type StreamResult } from './other-runs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROWS = (option('rows') ?? '100000,1000000').split(',').map(Number);
const REPEAT = Math.max(1, Number(option('repeat') ?? '3'));
const ASTROPY_MAX_ROWS = Number(option('astropy-max-rows') ?? Infinity);
const SERIALIZATIONS: BenchSerialization[] = ['TABLEDATA', 'BINARY', 'BINARY2'];
const PYTHON = '/usr/bin/python3';

interface ChildResult {
  bytes: number;
  rows: number;
  decodeMs: number;
  decodeCpuMs: number;
  readyMs: number;
  readyCpuMs: number;
  warmMs: number | null;
  peakDecode: number;
  peakReady: number;
  exactPeak: boolean;
  columnBytes: number;
  fingerprint: string;
}

interface AstropyResult {
  seconds: number;
  cpuSeconds: number;
  rows: number;
  peak: number;
}

const MB = 1024 * 1024;
const fmtMB = (n: number) => (n / MB).toFixed(1);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => n.toFixed(0);

function hasAstropy(): boolean {
  if (flag('no-astropy') || !existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import astropy.io.votable'], { encoding: 'utf8' }).status === 0;
}

// Same footing as ours: the bytes are read first, the table is complete (strings made) when the clock stops.
const ASTROPY_SCRIPT = `
import io, sys, time, warnings
warnings.simplefilter('ignore')
from astropy.io.votable import parse
def status(key):
    for line in open('/proc/self/status'):
        if line.startswith(key + ':'):
            return int(line.split()[1]) * 1024
data = open(sys.argv[1], 'rb').read()
open('/proc/self/clear_refs', 'w').write('5')
base = status('VmRSS')
t, c = time.perf_counter(), time.process_time()
a = parse(io.BytesIO(data)).get_first_table().array
n = len(a)
print(time.perf_counter() - t, time.process_time() - c, n, status('VmHWM') - base)
`;

function runAstropy(file: string): AstropyResult | { error: string } {
  const r = spawnSync(PYTHON, ['-c', ASTROPY_SCRIPT, file], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) return { error: (r.stderr || 'timeout').trim().split('\n').pop() ?? 'failed' };
  const [s, c, n, p] = r.stdout.trim().split(/\s+/).map(Number);
  return { seconds: s!, cpuSeconds: c!, rows: n!, peak: p! };
}

function runChild(file: string, warmRuns: number): ChildResult {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(here, 'decode-child.ts'), file, String(warmRuns)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`decode of ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** Fixed-width text table. */
function render(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

mkdirSync(outDir, { recursive: true });
const astropy = hasAstropy();
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`VOTable decoder benchmark (Node ${process.version}, ${process.platform}/${process.arch}, ${cpus()} cores)`);
if (!astropy) {
  console.log(flag('no-astropy') ? 'astropy: skipped (--no-astropy).' : 'astropy: not installed (apt-get install -y --no-install-recommends python3-astropy), skipped.');
}

for (const n of ROWS) {
  for (const s of SERIALIZATIONS) {
    const file = join(outDir, `bench-${n}-${s.toLowerCase()}.vot`);
    if (existsSync(file)) continue;
    const t = performance.now();
    process.stdout.write(`generating ${relative(process.cwd(), file)} ... `);
    generate(file, n, s);
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

const stilts = flag('no-stilts') ? null : findStilts();
let stiltsStartup: StiltsResult | null = null;
if (stilts) {
  const tiny = join(outDir, 'bench-10-tabledata.vot');
  if (!existsSync(tiny)) generate(tiny, 10, 'TABLEDATA');
  const r = runStilts(stilts, tiny);
  if ('error' in r) console.log(`stilts: failed on a tiny file (${r.error}), skipped.`);
  else {
    stiltsStartup = r;
    console.log(`stilts: ${stilts}, start-up ${fmtMs(r.ms)} ms (${fmtMs(r.cpuMs)} ms CPU), subtracted below.`);
  }
} else console.log(flag('no-stilts') ? 'stilts: skipped (--no-stilts).' : 'stilts: not installed, skipped.');
const streamRows = flag('no-stream') ? -1 : Math.max(...ROWS);

console.log(`Load average before: ${load()}\n`);
interface Line {
  n: number;
  s: BenchSerialization;
  size: number;
  best: ChildResult;
  all: ChildResult[];
  astro: AstropyResult | { error: string } | null;
  stilts: StiltsResult | { error: string } | null;
  stream: StreamResult | null;
}
const results: Line[] = [];
for (const n of ROWS) {
  for (const s of SERIALIZATIONS) {
    const file = join(outDir, `bench-${n}-${s.toLowerCase()}.vot`);
    process.stdout.write(`${relative(process.cwd(), file)}: ${REPEAT} decode${REPEAT > 1 ? 's' : ''}`);
    const all: ChildResult[] = [];
    for (let k = 0; k < REPEAT; k++) {
      const r = runChild(file, k === 0 ? (n >= 1_000_000 ? 1 : 2) : 0);
      if (r.rows !== n) throw new Error(`${file}: decoded ${r.rows} rows, expected ${n}`);
      all.push(r);
    }
    const best = all.reduce((a, b) => (b.readyMs < a.readyMs ? b : a));
    best.warmMs = all[0]!.warmMs;
    // Memory hardly varies between runs; report the largest peak, not the fastest run's.
    best.peakDecode = Math.max(...all.map((x) => x.peakDecode));
    best.peakReady = Math.max(...all.map((x) => x.peakReady));
    let astro: Line['astro'] = null;
    if (astropy && n <= ASTROPY_MAX_ROWS) {
      process.stdout.write(', astropy');
      astro = runAstropy(file);
    }
    let st: Line['stilts'] = null;
    if (stilts && stiltsStartup) {
      process.stdout.write(', stilts');
      const r = runStilts(stilts, file);
      st = 'error' in r ? r : stiltsNet(r, stiltsStartup);
    }
    let stream: StreamResult | null = null;
    if (n === streamRows) {
      process.stdout.write(', streaming');
      stream = runStream(file);
      if (stream.rows !== n || stream.batchedRows !== n) throw new Error(`${file}: streamed ${stream.rows} rows (${stream.batchedRows} in batches), expected ${n}`);
    }
    console.log('');
    results.push({ n, s, size: statSync(file).size, best, all, astro, stilts: st, stream });
  }
}
const loadAfter = load();

const head = ['rows', 'format', 'MB', 'decode ms (CPU)', 'ready ms (CPU)', 'all runs ms', 'warm ms', 'rows/s', 'peak MB', 'column MB', 'peak/col', 'ready peak MB'];
if (astropy) head.push('astropy ms (CPU)', 'astropy peak MB', 'astropy/ours (CPU)');
if (stiltsStartup) head.push('stilts ms (CPU)', 'stilts/ours (CPU)');
const ratio = (ours: number, theirs: number) => `${(theirs / ours).toFixed(1)}x`;
const body = results.map(({ n, s, size, best: r, all, astro, stilts: st }) => {
  const cells = [
    fmtInt(n),
    s,
    fmtMB(size),
    `${fmtMs(r.decodeMs)} (${fmtMs(r.decodeCpuMs)})`,
    `${fmtMs(r.readyMs)} (${fmtMs(r.readyCpuMs)})`,
    all.map((x) => fmtMs(x.readyMs)).join('/'),
    r.warmMs === null ? '-' : fmtMs(r.warmMs),
    fmtInt(n / (r.readyMs / 1000)),
    fmtMB(r.peakDecode),
    fmtMB(r.columnBytes),
    (r.peakDecode / r.columnBytes).toFixed(2),
    fmtMB(r.peakReady),
  ];
  if (astropy) {
    if (astro === null) cells.push('skipped', '-', '-');
    else if ('error' in astro) cells.push(`failed: ${astro.error}`, '-', '-');
    else {
      cells.push(
        `${fmtMs(astro.seconds * 1000)} (${fmtMs(astro.cpuSeconds * 1000)})`,
        fmtMB(astro.peak),
        `${ratio(r.readyMs, astro.seconds * 1000)} (${ratio(r.readyCpuMs, astro.cpuSeconds * 1000)})`,
      );
    }
  }
  if (stiltsStartup) {
    if (st === null) cells.push('skipped', '-');
    else if ('error' in st) cells.push(`failed: ${st.error}`, '-');
    else cells.push(`${fmtMs(st.ms)} (${fmtMs(st.cpuMs)})`, `${ratio(r.readyMs, st.ms)} (${ratio(r.readyCpuMs, st.cpuMs)})`);
  }
  return cells;
});
console.log('\n' + render(head, body));
const streamed = results.filter((x) => x.stream);
if (streamed.length > 0) {
  console.log('\nStreaming decoder, the file fed in 64 kB chunks:');
  console.log(
    render(
      ['rows', 'format', 'first 1000 rows ms (CPU)', 'after MB', 'all rows ms (CPU)', 'all / one-shot ready (CPU)'],
      streamed.map(({ n, s, best, stream: x }) => [
        fmtInt(n),
        s,
        `${fmtMs(x!.firstMs)} (${fmtMs(x!.firstCpuMs)})`,
        fmtMB(x!.firstBytes),
        `${fmtMs(x!.allMs)} (${fmtMs(x!.allCpuMs)})`,
        `${(x!.allMs / best.readyMs).toFixed(2)} (${(x!.allCpuMs / best.readyCpuMs).toFixed(2)})`,
      ]),
    ),
  );
}
console.log(`\nLoad average after: ${loadAfter}`);
console.log(
  'decode = parseVotable on bytes in memory; ready = decode + the strings of every string column made (the most a caller reading every string waits for);\n' +
    'first decode in a fresh process, best of the runs by ready time (CPU = user + system of all threads). rows/s from ready.\n' +
    'peak = peak RSS during the decode above the RSS before it; column = bytes of the decoded columns (values, offsets, nulls, string bytes);\n' +
    'ready peak = the same peak once the strings are made too.' +
    (astropy ? '\nastropy/ours = astropy time (parse of the same bytes + .array, strings made) / our ready time, wall (CPU).' : '') +
    (stiltsStartup ? '\nstilts = `stilts tpipe in=F omode=count` less a start-up run on a 10-row file; stilts/ours = that / our ready time, wall (CPU).' : ''),
);
if (results.some((x) => !x.best.exactPeak)) console.log('(peak RSS could not be reset here: peaks are lifetime maxima, overstated)');

// The same seed gives the same cells in every serialization.
let allPass = true;
for (const n of ROWS) {
  const prints = new Set(results.filter((x) => x.n === n).map((x) => x.best.fingerprint));
  if (prints.size !== 1) {
    allPass = false;
    console.log(`MISMATCH: the ${fmtInt(n)}-row files do not decode to the same cells (${[...prints].join(', ')})`);
  }
}

console.log('\nTargets:');
const target = (label: string, ok: boolean, detail: string) => {
  allPass &&= ok;
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${label}: ${detail}`);
};
const find = (n: number, s: BenchSerialization) => results.find((x) => x.n === n && x.s === s)?.best;
const timed = (n: number, s: BenchSerialization, label: string, limit: number) => {
  const r = find(n, s);
  if (!r) return;
  target(label, r.readyMs < limit, `ready ${fmtMs(r.readyMs)} ms wall, ${fmtMs(r.readyCpuMs)} ms CPU (limit ${limit} ms)`);
};
timed(1_000_000, 'BINARY2', '1 000 000 BINARY2 rows < 1 s', 1000);
const cpuTarget = (s: BenchSerialization, limit: number) => {
  const r = find(1_000_000, s);
  if (r) target(`1 000 000 ${s} rows decoded in <= ${limit} ms CPU`, r.decodeCpuMs <= limit, `decode ${fmtMs(r.decodeCpuMs)} ms CPU`);
};
cpuTarget('TABLEDATA', 1000);
cpuTarget('BINARY', 450);
cpuTarget('BINARY2', 550);
timed(100_000, 'TABLEDATA', '100 000 TABLEDATA rows < 0.3 s', 300);
const worst = results.reduce((a, b) => (b.best.peakDecode / b.best.columnBytes > a.best.peakDecode / a.best.columnBytes ? b : a));
target(
  'peak memory < 2 x column bytes, every file',
  results.every((x) => x.best.peakDecode < 2 * x.best.columnBytes),
  `worst ${(worst.best.peakDecode / worst.best.columnBytes).toFixed(2)} (${fmtInt(worst.n)} ${worst.s})`,
);
console.log(allPass ? 'All targets met.' : 'Some targets missed.');
