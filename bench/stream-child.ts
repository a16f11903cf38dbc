/**
 * One streaming decode, in its own process (run by votable-bench.ts):
 * the file is read first, then fed to createStreamingDecoder in 64 kB
 * chunks, as a download would arrive. Prints JSON: time and CPU to the
 * first 1000 rows (row batches out of push), and to the whole document
 * (end()).
 */

import { readFileSync } from 'node:fs';
import { createStreamingDecoder } from '../src/protocol/votable/streaming-decoder';

const file = process.argv[2]!;
const CHUNK = 64 * 1024;
const FIRST = 1000;
const buf = readFileSync(file);
const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const dec = createStreamingDecoder();
let rows = 0;
let firstMs = -1;
let firstCpuMs = -1;
let firstBytes = 0;
for (let i = 0; i < bytes.length; i += CHUNK) {
  for (const ev of dec.push(bytes.subarray(i, i + CHUNK))) if (ev.kind === 'rows') rows += ev.rowCount;
  if (firstMs < 0 && rows >= FIRST) {
    firstMs = performance.now() - t0;
    firstCpuMs = cpuMs(cpu0);
    firstBytes = Math.min(bytes.length, i + CHUNK);
  }
}
const doc = dec.end();
const allMs = performance.now() - t0;
const allCpuMs = cpuMs(cpu0);
console.log(JSON.stringify({ rows: doc.tables[0]!.rowCount, batchedRows: rows, firstMs, firstCpuMs, firstBytes, allMs, allCpuMs }));
