/**
 * The benchmark's other runs on the same files: STILTS (`stilts tpipe
 * omode=count`, where installed, less a start-up run on a tiny file) and
 * our streaming decoder fed in 64 kB chunks.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface StiltsResult {
  ms: number;
  cpuMs: number;
}

export interface StreamResult {
  rows: number;
  batchedRows: number;
  firstMs: number;
  firstCpuMs: number;
  firstBytes: number;
  allMs: number;
  allCpuMs: number;
}

/** The stilts command on PATH, or null. */
export function findStilts(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    const path = join(dir, 'stilts');
    if (dir && existsSync(path)) return path;
  }
  return null;
}

/** Wall and CPU (user + system of the JVM and its threads, from bash's `times`) of one count of the file's rows. */
export function runStilts(stilts: string, file: string): StiltsResult | { error: string } {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', '"$0" tpipe in="$1" omode=count >/dev/null || exit 1; times', stilts, file], {
    encoding: 'utf8',
    timeout: 900_000,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) return { error: (r.stderr || 'failed').trim().split('\n').pop() ?? 'failed' };
  // `times`: the shell's user and system time, then its children's.
  const lines = r.stdout.trim().split('\n');
  const secs = (lines[lines.length - 1] ?? '').split(/\s+/).map((x) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(x);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  });
  const cpuMs = ((secs[0] ?? NaN) + (secs[1] ?? NaN)) * 1000;
  if (!Number.isFinite(cpuMs)) return { error: `unexpected output: ${r.stdout.trim()}` };
  return { ms, cpuMs };
}

/** runStilts less its start-up (the same on a tiny file), never below zero. */
export function stiltsNet(run: StiltsResult, startup: StiltsResult): StiltsResult {
  return { ms: Math.max(0, run.ms - startup.ms), cpuMs: Math.max(0, run.cpuMs - startup.cpuMs) };
}

export function runStream(file: string): StreamResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', join(here, 'stream-child.ts'), file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`streaming decode of ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as StreamResult;
}
