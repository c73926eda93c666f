/**
 * The staff workspace's build: React with Ant Design, served by the API at `/app/`. Run by
 * `scripts/build-web.ts` (on `npm start`'s first run, and by the test setup), never by hand.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    // Every browser the pages support preloads modules itself: one request fewer on a slow phone line.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Two entries, two bundles: the staff workspace, and the complainant's light tracking page.
      input: { workspace: `${import.meta.dirname}/index.html`, track: `${import.meta.dirname}/track.html` },
      // antd marks its modules "use client" (for React Server Components); a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
  clearScreen: false,
});
