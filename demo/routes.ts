/** Request routing: CORS and preflights, faults, then VOSI, sync and the UWS endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ownerOf } from './auth.ts';
import type { ServiceContext } from './context.ts';
import { answerPreflight, applyCors } from './cors.ts';
import { examplesXhtml } from './examples.ts';
import { catalogueWith } from './extra-tables.ts';
import { everyOtherRequest, injectFault, pickFault, sendEveryOtherFault } from './faults.ts';
import { HttpError, MULTIPART_LIMIT, readParams, sendText, sendXml } from './http-util.ts';
import { createJob, jobRoute, listJobs } from './job-routes.ts';
import { syncQuery } from './sync.ts';
import { availabilityXml, capabilitiesXml, tablesXml } from './vosi.ts';

/** Table sets larger than this default to detail=min, as VOSI 1.1 allows. */
const LARGE_TABLESET = 1000;

const JOB_PATH = /^\/tap\/async\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/;

/** The service's request handler; `port` gives the port listened on, for URLs when a request has no usable Host. */
export function createHandler(ctx: ServiceContext, port: () => number): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { o, pool } = ctx;
  const upSince = new Date();
  const faultPicker = o.faultPicker ?? (o.faults > 0 ? pickFault(o.faults) : () => undefined);
  const failsNow = o.failEveryOther ? everyOtherRequest() : () => false;
  // Documents that do not depend on the request are written once.
  const examplesDoc = examplesXhtml();
  const catalogue = catalogueWith(o.extraTables);
  // A large table set (VizieR-sized) answers with names only unless asked for detail=max.
  const large = catalogue.tables.length > LARGE_TABLESET;
  const tableSet = large ? undefined : tablesXml(true, undefined, catalogue);
  const tableSetMin = tablesXml(false, undefined, catalogue);
  const owner = (req: IncomingMessage) => ownerOf(req, o.auth);

  return async (req, res) => {
    const method = req.method ?? 'GET';
    res.setHeader('Server', 'uws-desk-demo');
    const host = req.headers.host && /^[A-Za-z0-9.[\]:-]+$/.test(req.headers.host) ? req.headers.host : `${o.host}:${port()}`;
    const url = new URL(req.url ?? '/', `http://${host}`);
    const base = `http://${host}/tap`;
    applyCors(o.cors, req, res);
    const path = url.pathname.replace(/\/+$/, '') || '/';

    if (method === 'OPTIONS') return answerPreflight(o.cors, req, res);
    if (path !== '/tap/availability') {
      if (failsNow(path)) return sendEveryOtherFault(res);
      if (await injectFault(req, res, faultPicker)) return;
    }

    const allow = (...methods: string[]) => {
      if (!methods.includes(method) && !(method === 'HEAD' && methods.includes('GET'))) {
        throw new HttpError(405, `Method ${method} is not allowed on ${path}; use ${methods.join(' or ')}`, {
          Allow: methods.join(', '),
        });
      }
    };

    if (path === '/' || path === '/tap') {
      allow('GET');
      return sendText(
        res,
        200,
        `uws-desk demo TAP service\n\nTAP base URL: ${base}\nEndpoints: ${base}/sync ${base}/async ${base}/availability ${base}/capabilities ${base}/tables\n`,
      );
    }
    if (path === '/tap/availability') {
      allow('GET');
      const ready = pool.readyCount > 0;
      return sendXml(res, availabilityXml(ready, ready ? 'The service is accepting queries' : 'The query engine is starting', upSince));
    }
    if (path === '/tap/capabilities') {
      allow('GET');
      return sendXml(res, capabilitiesXml(base, { ...o, uploadLimitBytes: MULTIPART_LIMIT, auth: o.auth !== undefined, noTables: o.vosiTables === 'missing' }));
    }
    if (path === '/tap/examples') {
      allow('GET');
      return sendText(res, 200, examplesDoc, 'application/xhtml+xml; charset=utf-8');
    }
    if (path === '/tap/tables' || path.startsWith('/tap/tables/')) {
      allow('GET');
      if (o.vosiTables === 'missing') throw new HttpError(404, `No resource ${path}; this service publishes its tables in TAP_SCHEMA only`);
      if (o.vosiTables === 'html') return sendText(res, 200, '<!DOCTYPE html><html><head><title>Portal</title></head><body><p>Please log in.</p></body></html>', 'text/html; charset=utf-8');
      if (path === '/tap/tables') {
        const detail = url.searchParams.get('detail')?.toLowerCase();
        if (detail === 'min' || (large && detail !== 'max')) return sendXml(res, tableSetMin);
        return sendXml(res, tableSet ?? tablesXml(true, undefined, catalogue));
      }
      let name: string;
      try {
        name = decodeURIComponent(path.slice('/tap/tables/'.length));
      } catch {
        throw new HttpError(400, 'Malformed table name in the URL');
      }
      const xml = tablesXml(true, name, catalogue);
      if (!xml) throw new HttpError(404, `No table ${path.slice('/tap/tables/'.length)}`);
      return sendXml(res, xml);
    }
    if (path === '/tap/sync') {
      allow('GET', 'POST');
      owner(req);
      return syncQuery(ctx, req, res, await readParams(req, url));
    }
    if (path === '/tap/async') {
      allow('GET', 'POST');
      const who = owner(req);
      const p = await readParams(req, url);
      if (method === 'POST') return createJob(ctx, res, p, who, base);
      return listJobs(ctx, res, p, who, base);
    }
    const m = JOB_PATH.exec(path);
    if (m) return jobRoute(ctx, req, res, url, m, owner(req), base);
    throw new HttpError(404, `No resource ${path}; the TAP service is at ${base}`);
  };
}
