import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext, Viewer } from '../auth/viewer';

/**
 * A token bucket per account (per client address when anonymous): `perMinute` operations a
 * minute, refilled continuously, bursts up to the same number. Kept in this instance's memory,
 * so N instances behind a balancer allow up to N times the rate; see docs/api.md.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns the seconds to wait when there is none. */
  take(key: string): number | null {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    const refilled = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return Math.ceil(((1 - refilled) * 60) / this.perMinute);
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return null;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute >= this.perMinute) this.buckets.delete(key);
    }
  }
}

/** One bucket per account; per client address when anonymous. */
export const rateLimitKey = (viewer: Viewer | null, clientAddress: string | undefined): string => (viewer ? `${viewer.role}:${viewer.id}` : `address:${clientAddress ?? 'unknown'}`);

export const rateLimitMessage = (wait: number): string => `Too many requests from your account; try again in ${wait} s.`;

export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation() {
          const wait = limiter.take(rateLimitKey(contextValue.viewer, contextValue.clientAddress));
          if (wait !== null) {
            throw new GraphQLError(rateLimitMessage(wait), { extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new Map([['retry-after', String(wait)]]) } } });
          }
        },
      };
    },
  };
}
