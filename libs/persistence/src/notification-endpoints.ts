import type { DataSource } from 'typeorm';

export interface NotificationEndpoint {
  accountId: string;
  url: string;
  /** Shared secret for the HMAC-SHA256 signature of each delivery. */
  secret: string;
}

export class NotificationEndpointStore {
  constructor(private readonly dataSource: DataSource) {}

  async register(endpoint: NotificationEndpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_endpoints (account_id, url, secret) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = now()`,
      [endpoint.accountId, endpoint.url, endpoint.secret],
    );
  }

  async find(accountId: string): Promise<NotificationEndpoint | null> {
    const [row] = await this.dataSource.query('SELECT account_id, url, secret FROM notification_endpoints WHERE account_id = $1', [accountId]);
    return row ? { accountId: row.account_id, url: row.url, secret: row.secret } : null;
  }
}
