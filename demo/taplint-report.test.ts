import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { judgeTaplint } from './taplint-report.ts';

const HEADER = 'This is STILTS taplint, 3.4.7-debian/?\nTimestamp: 2026-11-21 20:46:41 UTC\n\n';

describe('judging a taplint report', () => {
  test('a clean report passes and keeps the totals line', () => {
    const v = judgeTaplint(`${HEADER}Section TMV: Validate table metadata\n\nTotals: Errors: 0; Warnings: 0; Failures: 0\n`);
    expect(v).toMatchObject({ ok: true, problems: [], totals: 'Totals: Errors: 0; Warnings: 0; Failures: 0' });
  });

  test('what each stage checked is kept in order with the problems; infos are left out', () => {
    const lines = ['S-QGE-QNUM-1 Successful/submitted TAP queries: 7/7', 'W-QGE-TOUT-1 Slow query', 'S-QGE-QTIM-1 Average successful query time: 0.019s'];
    const v = judgeTaplint(`${HEADER}I-QGE-QSUB-1 Submitting query: SELECT 1\n${lines.join('\n')}\n\nTotals: Errors: 0; Warnings: 1; Failures: 0\n`);
    expect(v.report).toEqual(lines);
    expect(v.problems).toEqual([lines[1]]);
  });

  test('warnings alone pass, and are listed', () => {
    const w = 'W-CAP-TOUT-1 No output limit declared';
    const v = judgeTaplint(`${HEADER}${w}\n\nTotals: Errors: 0; Warnings: 1; Failures: 0\n`);
    expect(v.ok).toBe(true);
    expect(v.problems).toEqual([w]);
  });

  test('any error fails the run and is listed, repeats summarised by taplint included', () => {
    const lines = [
      'E-MDQ-QERR-2 Failed TAP query SELECT TOP 1 * FROM TAP_SCHEMA.tables [Connection refused]',
      'E-MDQ-QERR-x (4 more)',
    ];
    const v = judgeTaplint(`${HEADER}I-MDQ-QSUB-1 Submitting query\n${lines.join('\n')}\n\nTotals: Errors: 6; Warnings: 0; Failures: 0\n`);
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual(lines);
    expect(v.reason).toBe('taplint reported 6 error(s)');
  });

  test('an error line fails the run even if the totals were to say otherwise', () => {
    const v = judgeTaplint(`${HEADER}E-UWS-PHUR-1 Incorrect phase\nTotals: Errors: 0; Warnings: 0; Failures: 0\n`);
    expect(v.ok).toBe(false);
  });

  test('a failure (a test taplint could not run) fails the run', () => {
    const v = judgeTaplint(`${HEADER}F-LOC-NOTP-1 No table with name ivoa.obsplan\n\nTotals: Errors: 0; Warnings: 0; Failures: 1\n`);
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/could not run 1 of its tests/);
  });

  test('a report without totals (taplint stopped or never started) fails the run', () => {
    const v = judgeTaplint('Error: Could not find or load main class uk.ac.starlink.ttools.Stilts\n');
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/did not finish/);
  });
});

const script = fileURLToPath(new URL('./taplint.ts', import.meta.url));
const hasStilts = !spawnSync('stilts', ['-version'], { stdio: 'ignore' }).error;

function runScript(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('npm run test:taplint', () => {
  test('without STILTS it fails and says how to install it', async () => {
    const r = await runScript([], { STILTS: '/nonexistent/stilts' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('apt-get install -y --no-install-recommends stilts');
  });

  test.skipIf(!hasStilts)('it fails when taplint cannot reach the service', async () => {
    const r = await runScript(['--url', `http://127.0.0.1:${await closedPort()}/tap`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^E-PRE-TAP0-1 TAP service not present/m);
    expect(r.out).toMatch(/^Totals: Errors: 1;/m);
  });
});
