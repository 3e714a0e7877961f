import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Role } from '../../../../libs/domain/src';
import type { AppConfig } from '../../../../libs/platform/src';
import { ApiError } from '../graphql/errors';
import { isStorableText } from '../../../../libs/domain/src';
import type { Viewer } from './viewer';
import { VerifiedTokens } from './verified-tokens';

/** How many verified tokens the API remembers, and for how long at most (docs/decisions.md). */
const VERIFIED_TOKENS_KEPT = 10_000;
const VERIFIED_TOKEN_MAX_AGE_MS = 60_000;

/**
 * Verifies bearer tokens: HS256 with a shared secret for local use, or keys from a JWKS URL
 * in production. The subject is the actor id; the `role` claim is one of the domain's roles; a
 * MEDIATOR token with `lead: true` is a lead mediator's (may reassign cases).
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;
  private readonly verified: VerifiedTokens;

  constructor(
    private readonly auth: AppConfig['auth'],
    now: () => number = Date.now,
  ) {
    this.verified = new VerifiedTokens(VERIFIED_TOKENS_KEPT, VERIFIED_TOKEN_MAX_AGE_MS, now);
    this.jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
    this.secret = !this.jwks && auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret) : undefined;
  }

  async verify(authorization: string | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new ApiError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    const token = match[1];
    const known = this.verified.viewerOf(token);
    if (known) return known;
    const options = { issuer: this.auth.issuer, audience: this.auth.audience };
    let payload;
    try {
      if (this.jwks) payload = (await jwtVerify(token, this.jwks, options)).payload;
      else if (this.secret) payload = (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      else throw new Error('no verification key configured');
    } catch {
      throw new ApiError('UNAUTHENTICATED', 'The bearer token is invalid or expired; sign in again.');
    }
    const role = payload.role;
    // The subject becomes the actor id in queries and stored events, so it must be text PostgreSQL can hold.
    if (typeof payload.sub !== 'string' || payload.sub === '' || !isStorableText(payload.sub) || typeof role !== 'string' || !ROLES.includes(role as Role)) {
      throw new ApiError('UNAUTHENTICATED', 'The bearer token must carry a subject and a role (BUYER, SELLER, MEDIATOR, AUDITOR, SYSTEM or ADMIN).');
    }
    // Only the exact claim `true` on a mediator's token counts; the flag is absent otherwise, so other viewers are unchanged.
    // Frozen: the cache hands the same viewer to every later request with this token.
    const viewer: Viewer = Object.freeze(role === 'MEDIATOR' && payload.lead === true ? { role, id: payload.sub, lead: true } : { role: role as Role, id: payload.sub });
    this.verified.remember(token, viewer, payload.exp);
    return viewer;
  }
}
