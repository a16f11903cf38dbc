/** Command-line options of the demo service. */
import { DEFAULTS, type DemoOptions } from './config.ts';

export const USAGE = `Usage: npm run demo -- [options]

Starts the uws-desk demo TAP service on loopback and prints its TAP URL.

  --port N             port to listen on (default ${DEFAULTS.port}; 0 picks a free one)
  --host H             address to bind (default ${DEFAULTS.host})
  --auth T:O[,T:O...]  require bearer tokens; token T belongs to owner O
  --faults X           answer this share (0..1) of requests with a fault: 500, 503,
                       a 1.5-4 s delay or a dropped connection (/availability exempt)
  --fail-every-other   answer every second request with a 503, counted separately for
                       /async and the jobs, /sync and the rest (/availability exempt)
  --no-cors            send no CORS headers at all
  --cors-origins A,B   allow exactly these origins (default: any loopback origin)
  --max-running N      jobs executing at once; the rest wait in QUEUED (default ${DEFAULTS.maxRunning})
  --max-sync N         sync queries running at once, on threads of their own (default ${DEFAULTS.maxSync})
  --sync-queue N       sync queries waiting for a turn; more get 503 (default ${DEFAULTS.syncQueue})
  --max-jobs N         jobs kept (default ${DEFAULTS.maxJobs}); with --auth each owner gets an
                       equal share; a full share deletes the owner's own oldest
                       finished jobs, and answers 429 (503 without --auth) when all are active
  --max-jobs-per-owner N
                       jobs one owner may keep (default: an equal share of --max-jobs)
  --max-param-mib N    MiB of parameters and uploads all jobs may hold, shared
                       equally among owners (default ${DEFAULTS.maxParamBytes / 1024 / 1024})
  --allow-private-uploads
                       read UPLOAD URLs on loopback, private and link-local
                       addresses too (default: public addresses only)
  --extra-tables N     also publish N synthetic tables without rows (in /tables and
                       TAP_SCHEMA), e.g. 30000 to look like VizieR (default 0)
  --vosi-tables MODE   VOSI /tables: served (default), missing (404, not advertised)
                       or html (a web page); TAP_SCHEMA is served either way
  --rows N             stars in demo.stars (default ${DEFAULTS.rows})
  --log                log each request to stderr
  --help               show this text
`;

export class UsageError extends Error {}

function int(flag: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`${flag} needs an integer between ${min} and ${max}, got ${v ?? 'nothing'}`);
  }
  return Number(v);
}

export function parseArgs(argv: readonly string[]): Partial<DemoOptions> & { help?: boolean } {
  const out: Partial<DemoOptions> & { help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        out.port = int(flag, value(), 0, 65535);
        break;
      case '--host': {
        const v = value();
        if (!v) throw new UsageError('--host needs an address');
        out.host = v;
        break;
      }
      case '--auth': {
        const v = value();
        if (!v) throw new UsageError('--auth needs token:owner pairs, e.g. --auth alice-token:alice,bob-token:bob');
        const map = new Map<string, string>();
        for (const pair of v.split(',').map((s) => s.trim()).filter(Boolean)) {
          const c = pair.indexOf(':');
          if (c <= 0 || c === pair.length - 1) throw new UsageError(`--auth: "${pair}" is not token:owner`);
          map.set(pair.slice(0, c), pair.slice(c + 1));
        }
        if (map.size === 0) throw new UsageError('--auth needs at least one token:owner pair');
        out.auth = map;
        break;
      }
      case '--faults': {
        const v = value();
        const n = Number(v);
        if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
          throw new UsageError(`--faults needs a share between 0 and 1, got ${v ?? 'nothing'}`);
        }
        out.faults = n;
        break;
      }
      case '--fail-every-other':
        out.failEveryOther = true;
        break;
      case '--no-cors':
        out.cors = false;
        break;
      case '--cors-origins': {
        const v = value();
        if (!v) throw new UsageError('--cors-origins needs a comma-separated list of origins');
        out.cors = v.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
        break;
      }
      case '--max-running':
        out.maxRunning = int(flag, value(), 1, 16);
        break;
      case '--max-sync':
        out.maxSync = int(flag, value(), 1, 16);
        break;
      case '--sync-queue':
        out.syncQueue = int(flag, value(), 0, 1000);
        break;
      case '--max-jobs':
        out.maxJobs = int(flag, value(), 1, 1_000_000);
        break;
      case '--max-jobs-per-owner':
        out.maxJobsPerOwner = int(flag, value(), 1, 1_000_000);
        break;
      case '--max-param-mib':
        out.maxParamBytes = int(flag, value(), 1, 65_536) * 1024 * 1024;
        break;
      case '--extra-tables':
        out.extraTables = int(flag, value(), 0, 100_000);
        break;
      case '--vosi-tables': {
        const v = value();
        if (v !== 'served' && v !== 'missing' && v !== 'html') throw new UsageError(`--vosi-tables needs served, missing or html, got ${v ?? 'nothing'}`);
        out.vosiTables = v;
        break;
      }
      case '--rows':
        out.rows = int(flag, value(), 1, 10_000_000);
        break;
      case '--allow-private-uploads':
        out.allowPrivateUploads = true;
        break;
      case '--log':
        out.log = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${raw}`);
    }
  }
  return out;
}
