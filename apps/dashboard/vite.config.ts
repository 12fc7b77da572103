import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The facilitator dashboard, built into dist/dashboard, which the API serves at `/`. */
export default defineConfig({
  root: __dirname,
  publicDir: false,
  base: '/',
  build: {
    outDir: resolve(__dirname, '../../dist/dashboard'),
    emptyOutDir: true,
    sourcemap: true,
  },
});
