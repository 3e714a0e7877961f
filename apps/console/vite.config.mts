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
    // The explorer's editor (Monaco, about 2.8 MB) is one chunk loaded only on that page; the
    // console's own chunks stay far below the default 500 kB warning.
    chunkSizeWarningLimit: 3000,
    // Two pages: the console, and the offline API explorer (GraphiQL) that the API serves at
    // GET /graphql in development.
    rolldownOptions: {
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
      // GraphiQL's dependencies mark React Server Components modules "use client", which means
      // nothing in a browser-only bundle; every other warning still shows.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // GraphiQL's editor (Monaco) runs its language services in web workers; Vite bundles each as a
  // file of its own (graphiql/setup-workers/vite), as ES modules like the pages.
  worker: { format: 'es' },
});
