import type { Plugin } from 'vite';
import { loadProxyConfig } from './config.ts';
import { createUwsProxy, type ProxyHandler } from './middleware.ts';

/**
 * Mounts the proxy at /proxy/ in the dev server (`npm start`, `npm run dev`) and in
 * `vite preview`. The allowlist is read from proxy.config.json in the project root
 * (or the file named by UWS_DESK_PROXY_CONFIG) when the server starts.
 */
export function uwsDeskProxy(): Plugin {
  let handler: ProxyHandler | undefined;
  let root = process.cwd();
  const getHandler = (): ProxyHandler => {
    handler ??= createUwsProxy(loadProxyConfig(root));
    return handler;
  };
  return {
    name: 'uws-desk-proxy',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use(getHandler());
    },
    configurePreviewServer(server) {
      server.middlewares.use(getHandler());
    },
  };
}
