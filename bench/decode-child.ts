/**
 * Decodes one VOTable file in a fresh process and prints one JSON line with
 * timings, memory figures and a fingerprint of the cells (run by
 * votable-bench.ts with --expose-gc).
 *
 * Time: `decodeMs` is parseVotable on the file's bytes (read beforehand, as
 * a caller holds the downloaded bytes); `readyMs` adds making the strings of
 * every string column (table.column() on every column: the most a caller
 * that reads every string waits for). Both are the first decode in the process, so
 * they include JIT warm-up, like every decode in the app (each one runs in a
 * new worker). CPU times are the process's user + system time over the same
 * span (all threads: compiler and GC threads count too).
 *
 * Memory: after the file is read and a full GC, the kernel's peak-RSS mark is
 * reset (/proc/self/clear_refs) and the RSS noted. The decode's peak is the
 * peak-RSS mark after the decode minus that RSS: the result plus everything
 * allocated on the way (base64 windows, column growth, garbage not yet
 * collected). Where the mark cannot be reset, getrusage's lifetime maximum
 * is used instead (which can only overstate the peak).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { parseVotable } from '../src/protocol/votable/parse-votable';
import type { VoTable } from '../src/protocol/votable/types';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const file = process.argv[2]!;
const warmRuns = Number(process.argv[3] ?? '0');
const buf = readFileSync(file);
const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);

function statusBytes(key: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${key}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return statusBytes('VmHWM') !== null;
  } catch {
    return false;
  }
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

gc();
gc();
const base = process.memoryUsage();
const exactPeak = resetPeak();
const baseRss = (exactPeak ? statusBytes('VmRSS') : null) ?? base.rss;
const peakNow = (): number => (exactPeak ? statusBytes('VmHWM')! : process.resourceUsage().maxRSS * 1024) - baseRss;

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let doc: VoTable | null = parseVotable(bytes);
const decodeMs = performance.now() - t0;
const decodeCpuMs = cpuMs(cpu0);
const peakDecode = peakNow();
const table = doc.tables[0]!;
for (let c = 0; c < table.fields.length; c++) table.column(c);
const readyMs = performance.now() - t0;
const readyCpuMs = cpuMs(cpu0);
const peakReady = peakNow();

/** Bytes of the decoded columns: values, offsets, null flags and string bytes (views, not their buffers). */
let columnBytes = 0;
for (const col of table.columns) {
  if (col.nulls) columnBytes += col.nulls.byteLength;
  if (col.kind === 'string-bytes') {
    columnBytes += col.bytes.byteLength + col.offsets.byteLength;
    continue;
  }
  if (col.kind === 'array') columnBytes += col.offsets.byteLength;
  if (!Array.isArray(col.values)) columnBytes += (col.values as Uint8Array).byteLength;
}

/**
 * FNV-1a over the cells of every 7th row, as cell() returns them: the three
 * serializations of one table must give the same fingerprint.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
let hash = 0x811c9dc5;
const mix = (x: number): void => {
  hash = Math.imul(hash ^ (x >>> 0), 16777619);
};
const mixCell = (v: unknown): void => {
  if (v === null) mix(1);
  else if (typeof v === 'number') {
    f64[0] = v;
    mix(u32[0]!);
    mix(u32[1]!);
  } else if (typeof v === 'boolean') mix(v ? 3 : 2);
  else if (typeof v === 'string' || typeof v === 'bigint') for (const ch of String(v)) mix(ch.codePointAt(0)!);
  else if (Array.isArray(v)) for (const x of v) mixCell(x);
};
for (let r = 0; r < table.rowCount; r += 7) {
  for (let c = 0; c < table.fields.length; c++) mixCell(table.cell(r, c));
}
const rows = table.rowCount;
doc = null;

const warm: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  gc();
  const t = performance.now();
  parseVotable(bytes);
  warm.push(performance.now() - t);
}

console.log(
  JSON.stringify({
    bytes: bytes.length,
    rows,
    decodeMs,
    decodeCpuMs,
    readyMs,
    readyCpuMs,
    warmMs: warm.length ? Math.min(...warm) : null,
    peakDecode,
    peakReady,
    exactPeak,
    columnBytes,
    fingerprint: (hash >>> 0).toString(16),
  }),
);
