/**
 * FITS decoder benchmark: `npm run bench:fits`.
 *
 * Converts the VOTable benchmark's BINARY file (1 000 000 rows x 12 columns,
 * bench/out/, generated when missing) to a FITS BINTABLE with STILTS
 * (`stilts tcopy ofmt=fits-basic`), then decodes it in this process (best
 * of --repeat, wall and CPU), beside the BINARY VOTable of the same cells.
 * Checks on the way that both files decode to the same cells. (STILTS is
 * not timed here: `tpipe omode=count` reads a FITS table's row count from
 * its header, without reading a cell.)
 *
 * Options: --rows=1000000  --repeat=3
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFits } from '../src/protocol/fits/decode-fits';
import { decodeVotableData } from '../src/protocol/votable/parse-votable';
import { hydrate } from '../src/protocol/votable/table-access';
import type { VoTableData } from '../src/protocol/votable/types';
import { generate } from './generate-votables';
import { findStilts } from './other-runs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROWS = (option('rows') ?? '1000000').split(',').map(Number);
const REPEAT = Math.max(1, Number(option('repeat') ?? '3'));

const stilts = findStilts();
if (!stilts) {
  console.log('fits bench: STILTS is not installed (Debian: apt install stilts); it writes the FITS files. Skipped.');
  process.exit(0);
}
mkdirSync(outDir, { recursive: true });

function time(run: () => VoTableData): { ms: number; cpuMs: number; data: VoTableData } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const data = run();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, data };
}

function best(run: () => VoTableData) {
  let out = time(run);
  for (let i = 1; i < REPEAT; i++) {
    const next = time(run);
    if (next.cpuMs < out.cpuMs) out = next;
  }
  return out;
}

/** A few rows' cells as text, to see that both files hold the same table. */
function sample(data: VoTableData): string {
  const t = hydrate(data).tables[0]!;
  const rows = [0, 1, Math.floor(t.rowCount / 2), t.rowCount - 1];
  return JSON.stringify(
    rows.map((r) => t.fields.map((_, c) => t.cell(r, c))),
    (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v),
  );
}

const fmt = (ms: number) => ms.toFixed(0).padStart(6);

console.log(`rows       file MB   FITS ms (CPU)    BINARY VOTable ms (CPU)   FITS/BINARY CPU`);
for (const n of ROWS) {
  const vot = join(outDir, `bench-${n}-binary.vot`);
  if (!existsSync(vot)) generate(vot, n, 'BINARY');
  const fits = join(outDir, `bench-${n}.fits`);
  if (!existsSync(fits)) {
    const r = spawnSync(stilts, ['tcopy', `in=${vot}`, `out=${fits}`, 'ofmt=fits-basic'], { encoding: 'utf8', timeout: 900_000 });
    if (r.status !== 0) throw new Error(`stilts tcopy failed: ${r.stderr}`);
  }
  const fitsBytes = new Uint8Array(readFileSync(fits));
  const votBytes = new Uint8Array(readFileSync(vot));
  const f = best(() => decodeFits(fitsBytes));
  const v = best(() => decodeVotableData(votBytes));
  if (sample(f.data) !== sample(v.data)) throw new Error(`The FITS and VOTable files of ${n} rows decode to different cells.`);
  console.log(
    `${String(n).padEnd(9)} ${(fitsBytes.length / 2 ** 20).toFixed(1).padStart(8)}  ${fmt(f.ms)} (${fmt(f.cpuMs)})    ${fmt(v.ms)} (${fmt(v.cpuMs)})             ${(f.cpuMs / v.cpuMs).toFixed(2).padStart(5)}`,
  );
}
