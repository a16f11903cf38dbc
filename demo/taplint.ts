/**
 * Validates the demo service with STILTS taplint: starts it on a free port (or
 * uses `--url <TAP base URL>` of a running service), runs `stilts taplint`,
 * prints what each stage checked, every error, warning and failure and
 * taplint's totals, and exits non-zero on any error or failure.
 * `npm run test:taplint`.
 *
 * The STILTS command is `stilts`, or the one named by the STILTS variable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { startDemoServer } from './server.ts';
import { judgeTaplint } from './taplint-report.ts';

const STILTS = process.env['STILTS'] || 'stilts';
const TIMEOUT_MS = 15 * 60 * 1000;

const installHint = (problem: string) => `taplint: ${problem}
taplint is part of STILTS. Install it (Debian/Ubuntu) with:

    sudo apt-get install -y --no-install-recommends stilts

(as root, without sudo). Elsewhere get it from https://www.star.bris.ac.uk/mbt/stilts/
(it needs Java) and put its stilts script on PATH, or set STILTS=/path/to/stilts.
Then run npm run test:taplint again.
`;

/** Why STILTS cannot run, or undefined when it can. */
function stiltsProblem(): string | undefined {
  const r = spawnSync(STILTS, ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return `cannot run "${STILTS}" (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0) return `"${STILTS} -version" failed (exit ${r.status}): ${r.stderr.trim().split('\n')[0] ?? ''}`;
  return undefined;
}

function runTaplint(url: string): Promise<string> {
  // LOC tests the ObsLocTAP model, which needs an ivoa.obsplan table; this
  // version of taplint runs it on every service and reports a failure when the
  // table is absent, so it is left out for a service that does not offer it.
  // (OBS, for ObsCore, skips itself when the capabilities declare no ObsCore.)
  const args = ['taplint', `tapurl=${url}`, 'stages=-LOC', 'report=EWSF', 'maxrepeat=3'];
  return new Promise<string>((resolve, reject) => {
    const child = spawn(STILTS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      out += `\ntaplint still running after ${TIMEOUT_MS / 60000} min; stopped\n`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

function urlArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('--url');
  if (i < 0) return undefined;
  const url = argv[i + 1];
  if (!url || !/^https?:\/\//.test(url)) throw new Error('--url needs the TAP base URL, e.g. --url http://127.0.0.1:8421/tap');
  return url;
}

async function main(): Promise<number> {
  const given = urlArgument(process.argv.slice(2));
  const problem = stiltsProblem();
  if (problem) {
    process.stderr.write(installHint(problem));
    return 1;
  }
  const demo = given ? undefined : await startDemoServer({ port: 0 });
  const url = given ?? demo!.url;
  process.stdout.write(`taplint against ${url}${demo ? ` (service ready in ${(demo.startupMs / 1000).toFixed(1)} s)` : ''}\n`);
  try {
    const output = await runTaplint(url);
    const verdict = judgeTaplint(output);
    for (const line of verdict.report) process.stdout.write(`${line}\n`);
    if (!verdict.totals) process.stdout.write(`${output.trim().split('\n').slice(-20).join('\n')}\n`);
    else process.stdout.write(`${verdict.totals}\n`);
    process.stdout.write(`${verdict.reason}\n`);
    return verdict.ok ? 0 : 1;
  } finally {
    await demo?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`taplint run failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
