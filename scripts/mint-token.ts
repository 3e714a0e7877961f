import { ROLES, type Role } from '../libs/domain/src';
import { loadConfigOrExit } from '../libs/platform/src';
import { DEMO_ACCOUNTS, mintToken } from '../libs/platform/src/dev-accounts';

export { mintToken };

if (require.main === module) {
  const args = process.argv.slice(2);
  const lead = args.includes('--lead');
  const [role, subject] = args.filter((arg) => arg !== '--lead');
  if (!role || !ROLES.includes(role.toUpperCase() as Role) || !subject || (lead && role.toUpperCase() !== 'MEDIATOR')) {
    console.error(
      `usage: npm run token -- <${ROLES.join('|')}> <account id> [--lead (MEDIATOR only)]\ndemo accounts: ${DEMO_ACCOUNTS.map((a) => `${a.role} ${a.id}${a.lead ? ' --lead' : ''}`).join(', ')}`,
    );
    process.exit(2);
  }
  const config = loadConfigOrExit();
  if (!config.auth.jwtSecret) {
    console.error('AUTH_JWT_SECRET is not set; tokens for a JWKS-configured deployment come from your identity provider.');
    process.exit(2);
  }
  mintToken(config.auth.jwtSecret, role.toUpperCase() as Role, subject, '12h', config.auth.issuer, config.auth.audience, lead).then((token) => console.log(token));
}
