import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ROLES, type Role } from '../../../../libs/domain/src';
import { APP_CONFIG, type AppConfig } from '../../../../libs/platform/src';
import { DEMO_ACCOUNTS, mintToken } from '../../../../libs/platform/src/dev-accounts';

/**
 * The console's demo sign-in. Registered only outside production (ApiModule), and only while a
 * development signing secret is configured: in production these routes do not exist (404) and
 * tokens come from the marketplace's identity provider.
 */
@Controller('dev')
export class DevSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('accounts')
  accounts() {
    return DEMO_ACCOUNTS;
  }

  /** Mints a one-hour token for a demo account; any other account is refused. */
  @Post('tokens')
  @HttpCode(200)
  async token(@Body() body: { role?: unknown; id?: unknown } | undefined) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === body?.role && candidate.id === body?.id);
    if (!account || !ROLES.includes(account.role as Role)) {
      throw new BadRequestException({ code: 'VALIDATION', message: 'Only the demo accounts listed at GET /dev/accounts can sign in here.' });
    }
    const { jwtSecret, issuer, audience } = this.config.auth;
    return { token: await mintToken(jwtSecret!, account.role, account.id, '1h', issuer, audience, account.lead === true) };
  }
}
