/** The TAP sync endpoint: runs one query and streams its result to the client. */
import { createReadStream, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ServiceContext } from './context.ts';
import { HttpError, type RequestParams } from './http-util.ts';
import { badRequestOnUserError, prepareQuery, resolveUploads } from './query.ts';

/**
 * How long a query whose client went away may take to notice it (between
 * batches of rows) before its thread is terminated and replaced.
 */
export const DISCONNECT_GRACE_MS = 2000;

let syncCounter = 0;

export async function syncQuery(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse, p: RequestParams): Promise<void> {
  const { o, pool } = ctx;
  const params = new Map([...p.params].map(([k, v]) => [k, v[v.length - 1]!]));
  const prepared = await badRequestOnUserError(async () =>
    prepareQuery(params, await resolveUploads(params.get('upload'), p.files, { allowPrivate: o.allowPrivateUploads }), o),
  );
  const client = new AbortController();
  const gone = () => client.abort();
  res.on('close', gone);
  let leave: () => void;
  try {
    leave = await ctx.syncGate.enter(client.signal);
  } catch (e) {
    res.off('close', gone);
    if (e instanceof HttpError) throw e;
    return; // The client left while waiting for a turn.
  }
  const outPath = join(ctx.resultDir, `sync-${++syncCounter}.result`);
  const run = pool.run({ ...prepared, outPath });
  // The turn ends when the thread is free again, not when the answer is decided.
  void run.released.then(leave);
  const onGone = () => run.cancel('the client went away', { graceMs: DISCONNECT_GRACE_MS });
  if (client.signal.aborted) onGone();
  else client.signal.addEventListener('abort', onGone, { once: true });
  const timer = setTimeout(() => run.cancel('timeout'), o.syncTimeoutSeconds * 1000);
  try {
    const outcome = await run.result;
    if (!outcome.ok) {
      if (outcome.message === 'the client went away') return;
      if (outcome.message === 'timeout') {
        throw new HttpError(500, `Query ran out of time: synchronous queries may run at most ${o.syncTimeoutSeconds} s; use /async`);
      }
      throw new HttpError(400, `Query failed: ${outcome.message}`);
    }
    res.off('close', gone);
    await new Promise<void>((resolve) => {
      res.writeHead(200, { 'Content-Type': prepared.mime, 'Content-Length': statSync(outPath).size });
      if (req.method === 'HEAD') {
        res.end();
        resolve();
        return;
      }
      const stream = createReadStream(outPath);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      res.on('close', () => resolve());
      stream.pipe(res);
    });
  } finally {
    clearTimeout(timer);
    rmSync(outPath, { force: true });
  }
}
