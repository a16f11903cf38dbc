/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, normalizePath } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { uwsDeskProxy } from './proxy/vite-plugin.ts';

/** The app's own source folder, as module ids name it. */
const appSource = normalizePath(fileURLToPath(new URL('./src/', import.meta.url)));

export default defineConfig({
  plugins: [react(), tailwindcss(), uwsDeskProxy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    // Read by `npm run bundle-report`: what each screen loads.
    manifest: true,
    rolldownOptions: {
      // The app's own modules do nothing when imported but define things (the one bare import is
      // the stylesheet), so a screen that imports a barrel such as src/api/index.ts takes only the
      // modules whose exports it uses, not every module behind the barrel.
      treeshake: { moduleSideEffects: (id: string) => !(id.startsWith(appSource) && /\.tsx?$/.test(id)) },
      output: {
        // Libraries in chunks of their own, so that a new release of the app's code leaves them
        // cached: React with the router, the query cache, class merging (every screen), and the
        // XML parser (screens that read UWS or VOSI documents; the home page loads it after its
        // first paint).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
            { name: 'class-names', test: /[\\/]node_modules[\\/](tailwind-merge|clsx)[\\/]/ },
            { name: 'xml-parser', test: /[\\/]node_modules[\\/](fast-xml-parser|strnum|anynum|is-unsafe|path-expression-matcher|xml-naming|@nodable[\\/]entities)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.ts', 'proxy/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
