/** The demo TAP service: starts the query engine and the HTTP server. See routes.ts for the endpoints. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, type DemoOptions } from './config.ts';
import type { ServiceContext } from './context.ts';
import { EnginePool } from './engine/pool.ts';
import { HttpError, sendError } from './http-util.ts';
import { createHandler } from './routes.ts';
import { SyncGate } from './sync-gate.ts';
import { JobStore } from './uws.ts';

export { DEFAULTS, defaultCacheDir, type DemoOptions } from './config.ts';
export type { FaultKind } from './faults.ts';

export interface DemoServer {
  url: string;
  port: number;
  server: Server;
  jobs: JobStore;
  pool: EnginePool;
  startupMs: number;
  close(): Promise<void>;
}

export async function startDemoServer(overrides: Partial<DemoOptions> = {}): Promise<DemoServer> {
  const t0 = Date.now();
  const o: DemoOptions = { ...DEFAULTS, ...overrides };
  const resultDir = mkdtempSync(join(tmpdir(), 'uws-desk-demo-'));
  // Async jobs and sync queries each have threads of their own, so neither waits for the other.
  const pool = new EnginePool({ rows: o.rows, cacheDir: o.cacheDir, extraTables: o.extraTables }, o.maxRunning + o.maxSync);
  const jobs = new JobStore(pool, { ...o, resultDir, ownerCount: o.auth ? new Set(o.auth.values()).size : 1 });
  const ctx: ServiceContext = { o, jobs, pool, resultDir, syncGate: new SyncGate(o.maxSync, o.syncQueue) };
  const handle = createHandler(ctx, () => port());

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    if (o.log) {
      res.on('finish', () => process.stderr.write(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms\n`));
    }
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        if (e.status === 413) res.setHeader('Connection', 'close');
        sendError(res, e.status, e.message, e.headers);
        if (e.status === 413) req.resume();
        return;
      }
      process.stderr.write(`demo: internal error on ${req.method} ${req.url}: ${e instanceof Error ? e.stack : e}\n`);
      sendError(res, 500, `Internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
  };
  const server = createServer(
    {
      requestTimeout: o.requestTimeoutMs,
      headersTimeout: Math.min(30_000, o.requestTimeoutMs),
      // How often the two limits above are checked.
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(o.requestTimeoutMs / 4))),
    },
    onRequest,
  );
  server.keepAliveTimeout = 5_000;
  const port = () => (server.address() as AddressInfo | null)?.port ?? o.port;

  await pool.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = port();
  const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${hostInUrl}:${actualPort}/tap`,
    port: actualPort,
    server,
    jobs,
    pool,
    startupMs: Date.now() - t0,
    async close() {
      jobs.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
      rmSync(resultDir, { recursive: true, force: true });
    },
  };
}
