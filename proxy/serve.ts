import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadProxyConfig, type ProxyConfig } from './config.ts';
import { appSecurityHeaders } from './app-headers.ts';
import { createHostCheck, hostRefusal } from './host-check.ts';
import { createUwsProxy } from './middleware.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The regular file `pathname` names inside `dist`, with its size. */
async function fileIn(dist: string, pathname: string): Promise<{ file: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = resolve(dist, `.${decoded}`);
  if (file !== dist && !file.startsWith(dist + sep)) return undefined;
  try {
    const stats = await stat(file);
    return stats.isFile() ? { file, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the built app from `dist` (with index.html for the app's client-side routes) and the proxy at /proxy/. */
export function createAppServer(options: { dist: string; config: ProxyConfig }): Server {
  const dist = resolve(options.dist);
  const proxy = createUwsProxy(options.config);
  const hostAllowed = createHostCheck(options.config);
  const security = appSecurityHeaders('build');

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: string, size: number, immutable: boolean) => {
    res.writeHead(200, {
      ...security,
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...security, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://app.invalid').pathname;
    const found = await fileIn(dist, pathname);
    if (found) {
      sendFile(req, res, found.file, found.size, pathname.startsWith('/assets/'));
      return;
    }
    // Client-side routes (no file extension) get the app; missing files get 404.
    const index = extname(pathname) === '' ? await fileIn(dist, '/index.html') : undefined;
    if (index) {
      sendFile(req, res, index.file, index.size, false);
      return;
    }
    res.writeHead(404, { ...security, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  };

  return createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`${hostRefusal(req.headers.host)}\n`);
      return;
    }
    proxy(req, res, () => {
      serveStatic(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    });
  });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      dist: { type: 'string', default: 'dist' },
      config: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run serve -- [--port 8000] [--host 127.0.0.1] [--dist dist] [--config proxy.config.json]\n' +
        'Serves the built app and its proxy to the services listed in the proxy config.',
    );
    return;
  }
  const dist = resolve(values.dist);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${dist}/index.html is missing: run "npm run build" first.`);
    process.exit(1);
  }
  const config = loadProxyConfig(process.cwd(), process.env, values.config);
  const port = Number(values.port);
  const server = createAppServer({ dist, config });
  server.listen(port, values.host, () => {
    const host = values.host.includes(':') ? `[${values.host}]` : values.host;
    console.log(`uws-desk on http://${host}:${port}/`);
    console.log(
      config.targets.length > 0
        ? `proxy forwards to: ${config.targets.join(', ')}${config.file ? ` (from ${config.file})` : ''}`
        : 'proxy allowlist is empty: every proxied request will be refused',
    );
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
