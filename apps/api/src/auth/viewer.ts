import type { Actor } from '../../../../libs/domain/src';

/** The authenticated caller: a domain actor. */
export type Viewer = Actor;

export interface RequestContext {
  viewer: Viewer | null;
  requestId: string;
  /** The caller's network address; keys the rate limit of anonymous requests. */
  clientAddress?: string;
  /** Why the bearer token was refused; raised when an operation needs the viewer. */
  authError?: Error;
}
