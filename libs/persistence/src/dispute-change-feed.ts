import { Client } from 'pg';

/** What the `disputes` trigger announces on every projection write (see the live-updates migration). */
export interface DisputeChange {
  disputeId: string;
  version: number;
  status: string;
  previousStatus: string | null;
  mediatorId: string | null;
  previousMediatorId: string | null;
}

export const DISPUTE_CHANGES_CHANNEL = 'dispute_changes';

type Listener = (change: DisputeChange) => void;

/**
 * One LISTEN connection per process, fanned out to in-process listeners. Because the
 * NOTIFY comes from the database, a change written through any API instance or worker reaches
 * the subscribers of every instance. The connection is re-opened after a failure; changes
 * announced while it was down are not replayed (subscribers re-read the dispute on the next one).
 */
export class DisputeChangeFeed {
  private client: Client | null = null;
  private readonly listeners = new Set<Listener>();
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly reconnectDelayMs = 1_000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'disputes-live' });
    client.on('notification', (message) => {
      if (message.channel !== DISPUTE_CHANGES_CHANNEL || !message.payload) return;
      let change: DisputeChange;
      try {
        change = JSON.parse(message.payload) as DisputeChange;
      } catch (error) {
        this.onError(error);
        return;
      }
      for (const listener of [...this.listeners]) listener(change);
    });
    client.on('error', (error) => {
      this.onError(error);
      this.reconnectLater(client);
    });
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${DISPUTE_CHANGES_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.listeners.clear();
    await client?.end().catch(() => undefined);
  }

  /** Re-opens the connection after `failed` broke, and keeps trying while the database is down. */
  private reconnectLater(failed: Client): void {
    if (this.stopped || this.client !== failed) return;
    this.client = null;
    failed.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().then(
        () => {
          // stop() may have run while connecting: that connection must not outlive it.
          if (this.stopped) void this.stop();
        },
        (error: unknown) => {
          this.onError(error);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectDelayMs);
  }
}
