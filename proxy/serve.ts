import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadProxyConfig, type ProxyConfig } from './config.ts';
import { appSecurityHeaders } from './app-headers.ts';
import { createHostCheck, hostRefusal } from './host-check.ts';
import { createUwsProxy } from './middleware.ts';
import { createStaticHandler } from './static-files.ts';

/** Serves the built app from `dist` (with index.html for the app's client-side routes) and the proxy at /proxy/. */
export function createAppServer(options: {
  dist: string;
  config: ProxyConfig;
  /** The config file the allowlist is saved to when the app adds an origin. */
  configFile?: string;
}): Server & { warm(): Promise<void> } {
  const dist = resolve(options.dist);
  const proxy = createUwsProxy(options.config, options.configFile === undefined ? {} : { configFile: options.configFile });
  const hostAllowed = createHostCheck(options.config);

  const serveStatic = createStaticHandler({ dist, headers: appSecurityHeaders('build') });

  const server = createServer((req, res) => {
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
  return Object.assign(server, { warm: () => serveStatic.warm() });
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
  const server = createAppServer({ dist, config, configFile: config.saveTo });
  server.listen(port, values.host, () => {
    // Compressed copies of the app's files, made while nobody waits for them.
    server.warm().catch((error: unknown) => console.error(`could not precompress the app: ${String(error)}`));
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
