import type { Role } from '../../../../libs/domain/src';
import { ApiError, unauthenticated } from '../graphql/errors';
import type { RequestContext, Viewer } from './viewer';

export function requireViewer(context: RequestContext, ...roles: Role[]): Viewer {
  if (context.authError) throw context.authError;
  if (!context.viewer) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw new ApiError('FORBIDDEN', `This operation is for ${roles.join(' or ')} accounts; you are signed in as ${context.viewer.role}.`);
  }
  return context.viewer;
}
