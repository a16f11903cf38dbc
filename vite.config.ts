/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { uwsDeskProxy } from './proxy/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), uwsDeskProxy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.ts', 'proxy/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
