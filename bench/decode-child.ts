/**
 * Decodes one VOTable file in a fresh process and prints one JSON line with
 * timings and memory figures (run by votable-bench.ts with --expose-gc).
 *
 * Memory method: after the file is read and a full GC, the process's RSS,
 * heap and ArrayBuffer use are the baseline. The peak is the process's
 * maximum RSS (getrusage) after the first decode, minus the baseline RSS; it
 * includes everything the decoder allocates on the way (text windows,
 * base64 windows, growth of columns, garbage not yet collected). The
 * decoded size is what the result occupies once garbage is collected:
 * heapUsed + arrayBuffers with the result alive, minus the baseline.
 * String columns are kept as UTF-8 bytes; the time to make all their strings
 * (what sorting by a string column costs once) is measured separately.
 */

import { readFileSync } from 'node:fs';
import { parseVotable } from '../src/protocol/votable/parse-votable';
import type { VoTable } from '../src/protocol/votable/types';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const file = process.argv[2]!;
const warmRuns = Number(process.argv[3] ?? '2');
const buf = readFileSync(file);
const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);

gc();
gc();
const base = process.memoryUsage();

let t0 = performance.now();
const cpu0 = process.cpuUsage();
let doc: VoTable | null = parseVotable(bytes);
const coldMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const coldCpuMs = (cpu.user + cpu.system) / 1000;
const maxRssKb = process.resourceUsage().maxRSS;

gc();
gc();
const after = process.memoryUsage();
const table = doc.tables[0]!;
let typedBytes = 0;
let stringChars = 0;
let strings = 0;
for (const col of table.columns) {
  if (col.nulls) typedBytes += col.nulls.byteLength;
  if (col.kind === 'string-bytes') {
    typedBytes += col.bytes.byteLength + col.offsets.byteLength;
    strings += col.offsets.length - 1;
    stringChars += col.bytes.byteLength;
    continue;
  }
  if (col.kind === 'array') typedBytes += col.offsets.byteLength;
  if (!Array.isArray(col.values)) typedBytes += (col.values as Uint8Array).byteLength;
}
// Checksum over every cell, so that the decode cannot be lazy and figures are comparable.
let check = 0;
for (let r = 0; r < table.rowCount; r += 97) {
  for (let c = 0; c < table.fields.length; c++) {
    const v = table.cell(r, c);
    if (typeof v === 'number') check += v;
  }
}
const rows = table.rowCount;
// String columns keep UTF-8 bytes and make strings on access: time making all of them.
t0 = performance.now();
for (let c = 0; c < table.fields.length; c++) table.column(c);
const stringsMs = performance.now() - t0;
doc = null;

const warm: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  gc();
  t0 = performance.now();
  parseVotable(bytes);
  warm.push(performance.now() - t0);
}

console.log(
  JSON.stringify({
    file,
    bytes: bytes.length,
    rows,
    coldMs,
    coldCpuMs,
    stringsMs,
    warmMs: warm.length ? Math.min(...warm) : null,
    peakRss: maxRssKb * 1024 - base.rss,
    decoded: after.heapUsed + after.arrayBuffers - (base.heapUsed + base.arrayBuffers),
    typedBytes,
    strings,
    stringChars,
    check,
  }),
);
