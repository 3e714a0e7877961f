import { SignJWT } from 'jose';
import type { Role } from '../../domain/src';

/** Demo accounts a newcomer can mint tokens for (`npm run token -- <role> <id>`). */
export const DEMO_ACCOUNTS: { role: Role; id: string; lead?: true }[] = [
  { role: 'BUYER', id: 'buyer-alice' },
  { role: 'BUYER', id: 'buyer-bob' },
  { role: 'SELLER', id: 'seller-acme' },
  { role: 'SELLER', id: 'seller-globex' },
  { role: 'MEDIATOR', id: 'mediator-maria' },
  { role: 'MEDIATOR', id: 'mediator-mike' },
  // A lead mediator: `npm run token -- MEDIATOR mediator-lena --lead` (may reassign cases).
  { role: 'MEDIATOR', id: 'mediator-lena', lead: true },
  { role: 'AUDITOR', id: 'auditor-ada' },
  { role: 'SYSTEM', id: 'order-feed' },
  // Trust and safety: publishes policies (`npm run token -- ADMIN admin-ava`).
  { role: 'ADMIN', id: 'admin-ava' },
];

/** Signs an HS256 token for local use with AUTH_JWT_SECRET (or the development default). */
export async function mintToken(secret: string, role: Role, subject: string, ttl = '12h', issuer?: string, audience?: string, lead = false): Promise<string> {
  let token = new SignJWT(lead ? { role, lead: true } : { role }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime(ttl);
  if (issuer) token = token.setIssuer(issuer);
  if (audience) token = token.setAudience(audience);
  return token.sign(new TextEncoder().encode(secret));
}
