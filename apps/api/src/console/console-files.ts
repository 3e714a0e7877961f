import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { EXPLORER_PAGE } from './api-explorer';

export const CONSOLE_PATH = '/console';

/**
 * The console's only origin is this service: scripts, styles, images and connections all come
 * from 'self' (evidence previews are fetched with the bearer token and shown as blob: URLs), no
 * inline code runs, and no other site may frame it.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secureHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', CONSOLE_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * Serves the built console (dist/console, from `npm run build`) under /console: hashed assets
 * cached for good, every other path answered with index.html so the console's own router shows
 * the page (a reload of /console/mediator/cases/d-1 works).
 */
export function consoleFiles(directory: string): Router {
  const root = resolve(directory);
  const router = express.Router();
  router.use((_request: Request, response: Response, next: NextFunction) => {
    secureHeaders(response);
    next();
  });
  router.use(
    '/assets',
    express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  // The API explorer's page is a page of this build but not of the console: it is served at
  // GET /graphql in development only, with its own policy, and never from here.
  router.use(`/${EXPLORER_PAGE}`, (_request: Request, _response: Response, next: NextFunction) => next('router'));
  router.use(express.static(root, { index: false, maxAge: 0 }));
  router.get(/.*/, (_request: Request, response: Response) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      response.status(404).type('text/plain').send('The console is not built. Run `npm run build` (or `npm start`, which builds it).\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}
