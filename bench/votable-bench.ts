/**
 * VOTable decoder benchmark: `npm run bench`.
 *
 * Generates deterministic tables (100 000 and 1 000 000 rows x 12 columns) in
 * TABLEDATA, BINARY and BINARY2 into bench/out/ (reused when present), decodes
 * each in a fresh Node process, and, where Debian's python3-astropy is
 * installed, times astropy.io.votable on the same files.
 *
 * Options: --rows=100000,1000000  --no-astropy  --astropy-all (also the 1M TABLEDATA file)
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism as cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type BenchSerialization } from './generate-votables';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const rowsArg = args.find((a) => a.startsWith('--rows='))?.slice(7);
const ROWS = rowsArg ? rowsArg.split(',').map(Number) : [100_000, 1_000_000];
const SERIALIZATIONS: BenchSerialization[] = ['TABLEDATA', 'BINARY', 'BINARY2'];
const PYTHON = '/usr/bin/python3';

interface ChildResult {
  bytes: number;
  rows: number;
  coldMs: number;
  coldCpuMs: number;
  stringsMs: number;
  warmMs: number | null;
  peakRss: number;
  decoded: number;
  typedBytes: number;
  strings: number;
  stringChars: number;
  check: number;
}

const MB = 1024 * 1024;
const fmtMB = (n: number) => (n / MB).toFixed(1);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

function hasAstropy(): boolean {
  if (flag('no-astropy') || !existsSync(PYTHON)) return false;
  const r = spawnSync(PYTHON, ['-c', 'import astropy.io.votable'], { encoding: 'utf8' });
  return r.status === 0;
}

const ASTROPY_SCRIPT = `
import sys, time, resource, warnings
warnings.simplefilter('ignore')
from astropy.io.votable import parse
t = time.perf_counter()
v = parse(sys.argv[1])
a = v.get_first_table().array
n = len(a)
dt = time.perf_counter() - t
print(dt, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

function runAstropy(file: string): { seconds: number; rows: number } | { error: string } {
  const r = spawnSync(PYTHON, ['-c', ASTROPY_SCRIPT, file], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return { error: (r.stderr || 'timeout').trim().split('\n').pop() ?? 'failed' };
  const [s, n] = r.stdout.trim().split(/\s+/);
  return { seconds: Number(s), rows: Number(n) };
}

function runChild(file: string, warmRuns: number): ChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(here, 'decode-child.ts'), file, String(warmRuns)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`decode of ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

function mark(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

mkdirSync(outDir, { recursive: true });
const astropy = hasAstropy();
console.log(`VOTable decoder benchmark (Node ${process.version}, ${process.platform}/${process.arch})`);
console.log(
  'Method: each file is decoded in a fresh Node process (parseVotable on the file bytes, which are read first).\n' +
    '  cold ms = the first decode in that process (includes JIT warm-up, what a user sees); warm ms = best of 2 more.\n' +
    '  peak = max RSS (getrusage) during the first decode minus RSS after reading the file and a full GC.\n' +
    '  decoded = heap + ArrayBuffer growth with the result alive after a full GC (the size of the decoded table).\n' +
    '  Target: peak < 2 x decoded.' +
    (astropy
      ? '\n  astropy: astropy.io.votable.parse + .array in /usr/bin/python3, import excluded.'
      : flag('no-astropy')
        ? '\n  astropy: skipped (--no-astropy).'
        : '\n  astropy: not installed (apt-get install -y python3-astropy), skipped.'),
);

let allPass = true;
for (const n of ROWS) {
  for (const s of SERIALIZATIONS) {
    const file = join(outDir, `bench-${n}-${s.toLowerCase()}.vot`);
    if (!existsSync(file)) {
      const t = performance.now();
      process.stdout.write(`generating ${relative(process.cwd(), file)} ... `);
      generate(file, n, s);
      console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`\nLoad average before: ${load()} (on ${cpus()} cores; other processes slow the wall-clock figures, CPU time less so)\n`);
for (const n of ROWS) {
  for (const s of SERIALIZATIONS) {
    const file = join(outDir, `bench-${n}-${s.toLowerCase()}.vot`);
    const size = statSync(file).size;
    const r = runChild(file, n >= 1_000_000 ? 1 : 2);
    if (r.rows !== n) throw new Error(`${file}: decoded ${r.rows} rows, expected ${n}`);
    const rowsPerSec = r.rows / (r.coldMs / 1000);
    const memOk = r.peakRss < 2 * r.decoded;
    const lines = [
      `${relative(process.cwd(), file)}  ${s}  ${fmtInt(n)} rows  ${fmtMB(size)} MB`,
      `  decode ${r.coldMs.toFixed(0)} ms cold (CPU ${r.coldCpuMs.toFixed(0)} ms), ${r.warmMs === null ? '-' : r.warmMs.toFixed(0) + ' ms warm'}  ->  ${fmtInt(rowsPerSec)} rows/s`,
      `  making all ${fmtInt(r.strings)} strings of the string column afterwards: ${r.stringsMs.toFixed(0)} ms`,
    ];
    const timeTarget = (label: string, limit: number) => {
      const ok = r.coldMs < limit;
      allPass &&= ok;
      lines.push(
        `    target ${label} < ${limit} ms: ${r.coldMs.toFixed(0)} ms  ${mark(ok)}` +
          `   (CPU time ${r.coldCpuMs.toFixed(0)} ms: ${mark(r.coldCpuMs < limit)})`,
      );
    };
    if (s === 'BINARY2' && n === 1_000_000) timeTarget('1M BINARY2 rows', 1000);
    if (s === 'TABLEDATA' && n === 100_000) timeTarget('100k TABLEDATA rows', 300);
    allPass &&= memOk;
    lines.push(
      `  memory: peak ${fmtMB(r.peakRss)} MB, decoded ${fmtMB(r.decoded)} MB (typed arrays ${fmtMB(r.typedBytes)} MB, of which ${fmtMB(r.stringChars)} MB string bytes), ratio ${(r.peakRss / r.decoded).toFixed(2)}`,
      `    target peak < 2 x decoded (${fmtMB(2 * r.decoded)} MB): ${mark(memOk)}`,
    );
    if (astropy) {
      if (s === 'TABLEDATA' && n >= 1_000_000 && !flag('astropy-all')) {
        lines.push('  astropy: skipped for the 1M TABLEDATA file (takes minutes; --astropy-all to include)');
      } else {
        const a = runAstropy(file);
        if ('error' in a) lines.push(`  astropy: failed (${a.error})`);
        else {
          lines.push(
            `  astropy: ${(a.seconds * 1000).toFixed(0)} ms (${fmtInt(a.rows / a.seconds)} rows/s); ours is ${(a.seconds * 1000 / r.coldMs).toFixed(1)}x faster`,
          );
        }
      }
    }
    console.log(lines.join('\n') + '\n');
  }
}
console.log(`Load average after: ${load()}`);
console.log(allPass ? 'All targets met.' : 'Some targets missed (see MISS above).');
