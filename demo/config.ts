/** The demo service's settings and their defaults. */
import { fileURLToPath } from 'node:url';
import { DEFAULT_ROWS } from './catalogue.ts';
import type { FaultKind } from './faults.ts';

export interface DemoOptions {
  port: number;
  host: string;
  /** Stars in demo.stars. */
  rows: number;
  /** Synthetic extra tables published (see extra-tables.ts). */
  extraTables: number;
  /** VOSI /tables: served, missing (404, not advertised) or an HTML page (as a misconfigured portal sends); TAP_SCHEMA stays. */
  vosiTables: 'served' | 'missing' | 'html';
  /** Jobs executing at once; the rest wait in QUEUED. */
  maxRunning: number;
  /** Sync queries running at once, each on its own engine thread. */
  maxSync: number;
  /** Sync queries waiting for a turn; beyond this, 503 with Retry-After. */
  syncQueue: number;
  /** Bearer token to owner; undefined means anonymous access. */
  auth?: ReadonlyMap<string, string>;
  /** Share (0..1) of requests answered with a fault. */
  faults: number;
  /** Answer every second request of each path class (UWS, sync, the rest) with a 503. */
  failEveryOther: boolean;
  /** Picks the fault for a request, or none; replaceable in tests. */
  faultPicker?: () => FaultKind | undefined;
  /** false: no CORS headers; 'loopback': any loopback origin; or a list of origins. */
  cors: false | 'loopback' | string[];
  /** Jobs kept in all; when full, an owner's oldest finished jobs make room for their new ones. */
  maxJobs: number;
  /** Jobs one owner may keep (token mode); by default an equal share of maxJobs. */
  maxJobsPerOwner?: number;
  /** Bytes of parameters and uploads all jobs may hold; each owner gets an equal share. */
  maxParamBytes: number;
  maxrecDefault: number;
  maxrecLimit: number;
  executionDurationDefault: number;
  executionDurationMax: number;
  destructionDefaultSeconds: number;
  destructionMaxSeconds: number;
  syncTimeoutSeconds: number;
  /**
   * Time a client has to send a whole request (headers and body), in ms; a
   * body shorter than its Content-Length then gets 408 and the connection closes.
   */
  requestTimeoutMs: number;
  /** Read UPLOAD URLs on loopback, private and link-local addresses too (off: only public ones). */
  allowPrivateUploads: boolean;
  /** Longest WAIT honoured, in seconds. */
  waitCapSeconds: number;
  cacheDir: string;
  /** Log one line per request to stderr. */
  log: boolean;
}

export const defaultCacheDir = fileURLToPath(new URL('../.demo-data/', import.meta.url));

export const DEFAULTS: DemoOptions = {
  port: 8421,
  host: '127.0.0.1',
  rows: DEFAULT_ROWS,
  extraTables: 0,
  vosiTables: 'served',
  maxRunning: 2,
  maxSync: 2,
  syncQueue: 8,
  faults: 0,
  failEveryOther: false,
  cors: 'loopback',
  maxJobs: 10_000,
  maxParamBytes: 256 * 1024 * 1024,
  maxrecDefault: 100_000,
  maxrecLimit: 2_000_000,
  executionDurationDefault: 600,
  executionDurationMax: 3600,
  destructionDefaultSeconds: 7 * 24 * 3600,
  destructionMaxSeconds: 30 * 24 * 3600,
  syncTimeoutSeconds: 600,
  requestTimeoutMs: 60_000,
  allowPrivateUploads: false,
  waitCapSeconds: 60,
  cacheDir: defaultCacheDir,
  log: false,
};

