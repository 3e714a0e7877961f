import { SignJWT } from 'jose';
import { ROLES, type Role } from '../libs/domain/src';
import { loadConfigOrExit } from '../libs/platform/src';
import { DEMO_ACCOUNTS } from './demo-data';


/** Signs an HS256 token for local use with AUTH_JWT_SECRET (or the development default). */
export async function mintToken(secret: string, role: Role, subject: string, ttl = '12h', issuer?: string, audience?: string): Promise<string> {
  let token = new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime(ttl);
  if (issuer) token = token.setIssuer(issuer);
  if (audience) token = token.setAudience(audience);
  return token.sign(new TextEncoder().encode(secret));
}

if (require.main === module) {
  const [role, subject] = process.argv.slice(2);
  if (!role || !ROLES.includes(role.toUpperCase() as Role) || !subject) {
    console.error(`usage: npm run token -- <${ROLES.join('|')}> <account id>\ndemo accounts: ${DEMO_ACCOUNTS.map((a) => `${a.role} ${a.id}`).join(', ')}`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  if (!config.auth.jwtSecret) {
    console.error('AUTH_JWT_SECRET is not set; tokens for a JWKS-configured deployment come from your identity provider.');
    process.exit(2);
  }
  mintToken(config.auth.jwtSecret, role.toUpperCase() as Role, subject, '12h', config.auth.issuer, config.auth.audience).then((token) => console.log(token));
}
