import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext } from '../../../libs/platform/src';

const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Gives every request an id (the caller's X-Request-Id when sane) and puts it on every log line. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header('x-request-id');
  const requestId = given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  (request as Request & { requestId: string }).requestId = requestId;
  response.setHeader('x-request-id', requestId);
  withLogContext({ requestId }, next);
}
