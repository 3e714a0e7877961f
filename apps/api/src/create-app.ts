import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { json } from 'express';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { requestIdMiddleware } from './request-id.middleware';

/** Largest GraphQL request body accepted; evidence files go through the upload endpoint, not here. */
export const MAX_REQUEST_BYTES = '256kb';

/** Builds the HTTP application (used by main and by the end-to-end tests). */
export async function createApiApp(options: ApiModuleOptions): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.register(options), { logger: ['error', 'warn'], bodyParser: false });
  app.use(requestIdMiddleware);
  app.use(json({ limit: MAX_REQUEST_BYTES }));
  return app;
}
