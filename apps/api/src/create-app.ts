import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { apiExplorer } from './console/api-explorer';
import { CONSOLE_PATH, consoleFiles } from './console/console-files';
import { requestIdMiddleware } from './request-id.middleware';

/** Largest GraphQL request body accepted; evidence files go through the upload endpoint, not here. */
export const MAX_REQUEST_BYTES = '256kb';

const GRAPHQL_PATH = '/graphql';
const KEEP_ALIVE_MS = 65_000;
const isGraphQLPath = (request: Request) => request.path.replace(/\/+$/, '') === GRAPHQL_PATH;

/** A refusal shaped like every other GraphQL answer: `errors` with a stable code and a sentence. */
function refuse(response: Response, status: number, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code: 'VALIDATION' } }] });
}

/**
 * The body parser's refusals (malformed JSON, an unsupported charset or encoding, a body over
 * the limit) happen before GraphQL; on /graphql they are answered as VALIDATION errors with the
 * parser's status, instead of Nest's own error shape that GraphQL clients cannot read.
 */
function bodyErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const status = (error as { status?: unknown } | null)?.status;
  if (!isGraphQLPath(request) || typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  if (status === 413) return refuse(response, 413, `The request body is larger than ${MAX_REQUEST_BYTES}; evidence files go through POST /evidence.`);
  const detail = (error as { expose?: unknown; message?: unknown }).expose === true && typeof (error as { message?: unknown }).message === 'string' ? `: ${(error as { message: string }).message}` : '';
  refuse(response, status, `The request body is not a JSON GraphQL request${detail}.`);
}

/**
 * This API does not take automatic persisted queries (hash-only requests): clients send the query
 * text. Refused here because Apollo's own answers to them carry no code a client can rely on.
 */
function noPersistedQueries(request: Request, response: Response, next: NextFunction): void {
  if (!isGraphQLPath(request)) return next();
  let extensions: unknown = request.method === 'GET' ? request.query.extensions : (request.body as { extensions?: unknown } | undefined)?.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return next(); // Apollo refuses malformed extensions itself
    }
  }
  if (typeof extensions === 'object' && extensions !== null && 'persistedQuery' in extensions) {
    return refuse(response, 400, 'Persisted queries are not supported; send the query text.');
  }
  next();
}

/** Builds the HTTP application (used by main and by the end-to-end tests). */
export async function createApiApp(options: ApiModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.register(options), { logger: ['error', 'warn'], bodyParser: false });
  // Idle keep-alive connections stay open longer than clients and load balancers keep theirs
  // (60 s is the common balancer default): when the server closes first, a client that reuses the
  // connection at that moment gets ECONNRESET on a request the server never saw (seen under load).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  app.use(requestIdMiddleware);
  app.use(json({ limit: MAX_REQUEST_BYTES }));
  app.use(bodyErrors);
  app.use(noPersistedQueries);
  // The offline API explorer replaces Apollo's landing page, which loads from a CDN.
  if (options.config.api.landingPage) app.use(apiExplorer(options.config.api.consoleDir));
  app.use(CONSOLE_PATH, consoleFiles(options.config.api.consoleDir));
  return app;
}
