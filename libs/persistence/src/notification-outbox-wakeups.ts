import { Client } from 'pg';
import { NOTIFICATION_OUTBOX_CHANNEL } from './notification-outbox';

/**
 * LISTENs for outbox inserts on a connection of its own (a pooled one cannot hold a LISTEN).
 * A lost connection is only noted: the owner calls `ensureListening` on each poll, and the
 * poll itself covers what was announced while the connection was down.
 */
export class NotificationOutboxWakeUps {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onWake: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  ensureListening(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'disputes-outbox', connectionTimeoutMillis: 5_000 });
    const lost = (error?: unknown) => {
      if (error) this.onError(error);
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
    };
    client.on('notification', (message) => {
      if (message.channel === NOTIFICATION_OUTBOX_CHANNEL) this.onWake();
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_OUTBOX_CHANNEL}`);
    } catch (error) {
      lost(error);
      return;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
  }
}
