import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { appSecurityHeaders } from './app-headers.ts';
import { loadProxyConfig, type ProxyConfig } from './config.ts';
import { createUwsProxy, type ProxyHandler } from './middleware.ts';
import { parseProxyPath } from './targets.ts';

/**
 * Mounts the proxy at /proxy/ in the dev server (`npm start`, `npm run dev`) and in
 * `vite preview`, with the app's security headers on everything else. The allowlist is
 * read from proxy.config.json in the project root (or the file named by
 * UWS_DESK_PROXY_CONFIG) when the server starts. Vite's own Host check (allowedHosts)
 * also admits publicOrigin's host and the config's allowedHosts; the proxy checks the
 * Host again itself.
 */
export function uwsDeskProxy(): Plugin {
  let handler: ProxyHandler | undefined;
  let proxyConfig: (ProxyConfig & { saveTo: string }) | undefined;
  let root = process.cwd();
  const getConfig = (): ProxyConfig & { saveTo: string } => {
    proxyConfig ??= loadProxyConfig(root);
    return proxyConfig;
  };
  const getHandler = (): ProxyHandler => {
    const config = getConfig();
    handler ??= createUwsProxy(config, { configFile: config.saveTo });
    return handler;
  };
  const withHeaders = (mode: 'build' | 'dev') => {
    const headers = appSecurityHeaders(mode);
    return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (parseProxyPath(req.url ?? '/').kind === 'other') {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      }
      next();
    };
  };
  return {
    name: 'uws-desk-proxy',
    config(userConfig, env) {
      if (env.command !== 'serve' || env.mode === 'test') return;
      root = resolve(userConfig.root ?? process.cwd());
      const config = getConfig();
      const hosts = [...(config.allowedHosts ?? []), ...(config.publicOrigin ? [new URL(config.publicOrigin).hostname] : [])];
      if (hosts.length === 0) return;
      return { server: { allowedHosts: hosts }, preview: { allowedHosts: hosts } };
    },
    configureServer(server) {
      server.middlewares.use(withHeaders('dev'));
      server.middlewares.use(getHandler());
    },
    configurePreviewServer(server) {
      server.middlewares.use(withHeaders('build'));
      server.middlewares.use(getHandler());
    },
  };
}
