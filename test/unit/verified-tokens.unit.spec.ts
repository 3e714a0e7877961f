import { SignJWT } from 'jose';
import { TokenVerifier } from '../../apps/api/src/auth/token-verifier';
import { VerifiedTokens } from '../../apps/api/src/auth/verified-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const auth = { jwtSecret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined };
const refused = { extensions: { code: 'UNAUTHENTICATED' } };

async function token(claims: Record<string, unknown>, subject: string, expiresAt?: number, secret = SECRET): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject);
  if (expiresAt !== undefined) jwt.setExpirationTime(expiresAt);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('VerifiedTokens', () => {
  const buyer = { role: 'BUYER' as const, id: 'buyer-1' };

  it('keeps a token for at most its maximum age', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, 60_000, () => now);
    tokens.remember('t', buyer, undefined);
    now += 59_999;
    expect(tokens.viewerOf('t')).toBe(buyer);
    now += 1;
    expect(tokens.viewerOf('t')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps a token no longer than its exp claim', () => {
    let now = 1_000_000_000;
    const tokens = new VerifiedTokens(10, 60_000, () => now);
    tokens.remember('t', buyer, now / 1000 + 10);
    now += 9_999;
    expect(tokens.viewerOf('t')).toBe(buyer);
    now += 1;
    expect(tokens.viewerOf('t')).toBeUndefined();
  });

  it('does not keep a token that has expired already', () => {
    const now = 1_000_000_000;
    const tokens = new VerifiedTokens(10, 60_000, () => now);
    tokens.remember('t', buyer, now / 1000);
    expect(tokens.viewerOf('t')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('lets the oldest token go when full', () => {
    const tokens = new VerifiedTokens(2, 60_000, () => 0);
    tokens.remember('a', buyer, undefined);
    tokens.remember('b', buyer, undefined);
    tokens.remember('c', buyer, undefined);
    expect(tokens.size).toBe(2);
    expect(tokens.viewerOf('a')).toBeUndefined();
    expect(tokens.viewerOf('b')).toBe(buyer);
    expect(tokens.viewerOf('c')).toBe(buyer);
  });
});

describe('TokenVerifier with its cache of verified tokens', () => {
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  it('answers the same, frozen viewer for a token sent again', async () => {
    const verifier = new TokenVerifier(auth);
    const jwt = await token({ role: 'MEDIATOR', lead: true }, 'mediator-1', inAnHour());
    const first = await verifier.verify(`Bearer ${jwt}`);
    const again = await verifier.verify(`Bearer ${jwt}`);
    expect(first).toEqual({ role: 'MEDIATOR', id: 'mediator-1', lead: true });
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('still refuses a forged token after a good one was cached', async () => {
    const verifier = new TokenVerifier(auth);
    const good = await token({ role: 'BUYER' }, 'buyer-1', inAnHour());
    await verifier.verify(`Bearer ${good}`);
    const forged = await token({ role: 'ADMIN' }, 'buyer-1', inAnHour(), 'another-secret-that-is-long-enough-too');
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject(refused);
    // The good token's signature under another payload: the cache is keyed by the whole token.
    const [, , signature] = good.split('.');
    const [header, payload] = forged.split('.');
    await expect(verifier.verify(`Bearer ${header}.${payload}.${signature}`)).rejects.toMatchObject(refused);
  });

  it('refuses an expired token every time and keeps nothing of it', async () => {
    const now = Date.now();
    const verifier = new TokenVerifier(auth, () => now);
    const expired = await token({ role: 'BUYER' }, 'buyer-1', Math.floor(now / 1000) - 60);
    await expect(verifier.verify(`Bearer ${expired}`)).rejects.toMatchObject(refused);
    await expect(verifier.verify(`Bearer ${expired}`)).rejects.toMatchObject(refused);
  });

  it('checks the signature again once the cached entry has aged out', async () => {
    let now = Date.now();
    const verifier = new TokenVerifier(auth, () => now);
    const jwt = await token({ role: 'SELLER' }, 'seller-1', inAnHour());
    const first = await verifier.verify(`Bearer ${jwt}`);
    now += 60_000;
    const later = await verifier.verify(`Bearer ${jwt}`);
    expect(later).toEqual(first);
    expect(later).not.toBe(first);
  });
});
