import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The console is served by the API under /console from the same origin, so every asset path is
// rooted there and the build lands beside the compiled services (dist/console).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  // JSX is compiled by Vite's own transformer (React's automatic runtime); no plugin is needed
  // for a production build, and the React plugin's optional Babel peers conflict with jest's.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    // The strict Content-Security-Policy forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
