/**
 * Validates the demo service with STILTS taplint: starts it on a free port,
 * runs `stilts taplint`, prints the report's summary and exits non-zero on any
 * error (E) report. `npm run test:taplint`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { startDemoServer } from './server.ts';

const INSTALL_HINT = `STILTS is not installed; taplint is part of it. Install it with:

    apt-get install -y stilts

(on Debian/Ubuntu; elsewhere see https://www.star.bris.ac.uk/mbt/stilts/), then run npm run test:taplint again.
`;

function hasStilts(): boolean {
  const r = spawnSync('stilts', ['-version'], { stdio: 'ignore' });
  return !r.error;
}

/** Counts of report lines by type (E, W, I, S, F) in taplint output. */
function countReports(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const m = /^([EWISF])-[A-Z0-9]{3}-[A-Z0-9]{4}-/.exec(line);
    if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<number> {
  if (!hasStilts()) {
    process.stderr.write(INSTALL_HINT);
    return 1;
  }
  const demo = await startDemoServer({ port: 0 });
  process.stdout.write(`taplint against ${demo.url} (service ready in ${(demo.startupMs / 1000).toFixed(1)} s)\n`);
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('stilts', ['taplint', `tapurl=${demo.url}`, 'report=EWF', 'maxrepeat=3'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    const reports = output.split('\n').filter((l) => /^[EWF]-/.test(l));
    for (const line of reports) process.stdout.write(`${line}\n`);
    const totals = output.split('\n').find((l) => l.startsWith('Totals:'));
    process.stdout.write(`${totals ?? 'taplint printed no totals'}\n`);
    const counts = countReports(output);
    const errors = Number(/Errors:\s*(\d+)/.exec(totals ?? '')?.[1] ?? counts['E'] ?? 0);
    if (!totals) return 1;
    if (errors > 0 || (counts['E'] ?? 0) > 0) {
      process.stdout.write(`taplint reported ${errors} error(s)\n`);
      return 1;
    }
    process.stdout.write('taplint: no errors\n');
    return 0;
  } finally {
    await demo.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`taplint run failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
