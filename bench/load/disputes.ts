// Disputes over GraphQL, the way a client app drives them. Orders, and the photo each buyer
// uploaded, are registered in bulk with one INSERT each before the load (the order feed and the
// uploads are not what is measured); each dispute gets its own order, buyer and seller, so no two
// lanes ever contend for one dispute or one account.
import { createHash } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { GraphQLClient } from './graphql';


export interface BenchOrder {
  orderId: string;
  buyerId: string;
  sellerId: string;
  /** The catalogued upload of the buyer's the opening cites. */
  photoId: string;
}

/** The bytes every bench buyer "uploaded" (a JPEG by its first bytes); only the catalog row is needed. */
const PHOTO_SHA256 = createHash('sha256').update(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(' bench photo')])).digest('hex');

export class OrderPool {
  private next = 0;
  constructor(private readonly prefix: string, private readonly size: number) {}

  /** Registers `size` shipped, undelivered orders (4,999 EUR minor units) in one statement. */
  async register(databaseUrl: string): Promise<void> {
    const db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO orders (order_id, buyer_id, seller_id, amount_paid_minor, currency, shipped_at, delivery_deadline_at, delivered_at, updated_at)
         SELECT $1 || '-order-' || g, $1 || '-buyer-' || g, $1 || '-seller-' || g, 4999, 'EUR', now() - interval '3 days', now() + interval '5 days', NULL, now()
         FROM generate_series(0, $2 - 1) AS g`,
        [this.prefix, this.size],
      );
      await db.query(
        `INSERT INTO evidence_files (evidence_id, sha256, size_bytes, content_type, uploader_role, uploader_id)
         SELECT $1 || '-photo-' || g, $3, 16, 'image/jpeg', 'BUYER', $1 || '-buyer-' || g
         FROM generate_series(0, $2 - 1) AS g`,
        [this.prefix, this.size, PHOTO_SHA256],
      );
    } finally {
      await db.end();
    }
  }

  take(): BenchOrder {
    if (this.next >= this.size) throw new Error(`order pool of ${this.size} exhausted`);
    const n = this.next++;
    return { orderId: `${this.prefix}-order-${n}`, buyerId: `${this.prefix}-buyer-${n}`, sellerId: `${this.prefix}-seller-${n}`, photoId: `${this.prefix}-photo-${n}` };
  }
}

const FIELDS = '{ id status version }';
const mutation = (name: string) => `mutation Run($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) ${FIELDS} }`;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const ruling = { outcome: 'PARTIAL_REFUND', amount: eur(1500), rationale: 'The photos show damage that a partial refund fairly covers.', citedEvidenceIds: [], citedPolicyClauses: ['NAD-2'] };

export interface DisputeView {
  id: string;
  status: string;
  version: number;
}

/** One dispute's actors and the mutations the load uses, each a single GraphQL request. */
export class DisputeDriver {
  id = '';
  private keys = 0;
  constructor(private readonly api: GraphQLClient, readonly order: BenchOrder, private readonly mediators: [string, string]) {}

  private async send(role: string, account: string, name: string, input: Record<string, unknown>): Promise<DisputeView> {
    const token = await this.api.token(role, account);
    // An idempotency key per command, as a client that retries safely would send.
    const data = await this.api.request<Record<string, DisputeView>>(token, mutation(name), { input: { ...input, idempotencyKey: `k-${this.keys++}` } });
    return data[name];
  }

  private command(role: string, account: string, name: string, input: Record<string, unknown> = {}) {
    return this.send(role, account, name, { disputeId: this.id, ...input });
  }

  async open(): Promise<DisputeView> {
    const view = await this.send('BUYER', this.order.buyerId, 'openDispute', {
      orderId: this.order.orderId,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DAMAGED',
      description: 'The screen arrived cracked across the middle.',
      evidence: [{ evidenceId: this.order.photoId, sha256: PHOTO_SHA256, kind: 'PHOTO', description: 'As unpacked' }],
      requestedResolution: { kind: 'PARTIAL_REFUND', amount: eur(2000) },
    });
    this.id = view.id;
    return view;
  }

  message = () => this.command('BUYER', this.order.buyerId, 'postMessage', { body: 'The crack runs through the display; it is not cosmetic.' });
  respond = () => this.command('SELLER', this.order.sellerId, 'respondToDispute', { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: eur(1000) } });
  offer = () => this.command('BUYER', this.order.buyerId, 'makeOffer', { terms: { kind: 'PARTIAL_REFUND', amount: eur(1800) } });
  /** Accepts the buyer's counter (offer #3): the dispute resolves and the refund runs. */
  accept = () => this.command('SELLER', this.order.sellerId, 'acceptOffer', { offerNumber: 3 });
  escalate = () => this.command('BUYER', this.order.buyerId, 'escalateDispute', { note: 'We cannot agree on the amount.' });
  claim = (round: 0 | 1) => this.command('MEDIATOR', this.mediators[round], 'claimCase');
  decide = () => this.command('MEDIATOR', this.mediators[0], 'issueDecision', ruling);
  appeal = () => this.command('BUYER', this.order.buyerId, 'fileAppeal', { grounds: 'A repair shop quoted 25 euros for the screen.' });
  decideAppeal = () => this.command('MEDIATOR', this.mediators[1], 'decideAppeal', { ...ruling, amount: eur(2500) });
}

