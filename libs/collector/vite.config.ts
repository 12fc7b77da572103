import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(__dirname, '../..');

/** The browser collector as one minified ES module: dist/collector/collector.js (+ .map). */
export default defineConfig({
  root: __dirname,
  logLevel: 'warn',
  resolve: {
    alias: [{ find: /^@attune\/protocol\/(.*)$/, replacement: resolve(root, 'libs/protocol/src/$1') }],
  },
  build: {
    outDir: resolve(root, 'dist/collector'),
    emptyOutDir: true,
    target: 'es2020',
    // esbuild leaves whitespace in library ES output (for consumers' tree-shaking); this file is served as is.
    minify: 'terser',
    sourcemap: true,
    lib: {
      entry: resolve(__dirname, 'src/index.ts'),
      formats: ['es'],
      fileName: () => 'collector.js',
    },
  },
});
