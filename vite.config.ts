/**
 * The console's build (scripts/build.mjs runs it into dist/web, served by the server at /).
 * The sources are src/web; web code may import src/shared and src/core (their .js imports
 * resolve to the .ts files).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('src/web', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // antd is one large, shared chunk; the pages are small ones loaded on first use
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // named, long-lived vendor chunks: a change to a page does not change their hashes
        codeSplitting: {
          groups: [
            // ECharts (with zrender) only for the pages with charts, loaded with the first of them
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 3 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'antd', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
