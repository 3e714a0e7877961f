import type { Viewer } from './viewer';

/**
 * Tokens this API verified lately, with the viewer each carries: a client sends the same token
 * with every request, and checking its signature again is about 7 % of the API's CPU per
 * command (docs/performance.md). Only verified tokens enter, so a stream of forged ones costs
 * each its full check and cannot fill the cache. An entry lasts until the token expires or for
 * at most `maxAgeMs`, which bounds how long a key withdrawn from the JWKS keeps admitting a
 * token it signed (docs/decisions.md). The oldest entry goes when the cache is full.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The viewer of a token verified earlier and still inside its time, or undefined. */
  viewerOf(token: string): Viewer | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.viewer;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a verified token; `expiresAt` is its `exp` claim (seconds), when it has one. */
  remember(token: string, viewer: Viewer, expiresAt: unknown): void {
    const verifiedAt = this.now();
    const until = Math.min(verifiedAt + this.maxAgeMs, typeof expiresAt === 'number' ? expiresAt * 1000 : Infinity);
    if (until <= verifiedAt) return;
    if (this.entries.size >= this.capacity && !this.entries.has(token)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { viewer, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
