import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NotificationInput } from '../../libs/contracts/src';
import { initialState } from '../../libs/domain/src';
import { EventSequenceConflict, EventStore, NotificationEndpointStore, type DisputeProjection, type EventToAppend } from '../../libs/persistence/src';
import { eventsOf, openTestDataSource } from '../support/database';

const actor = { role: 'BUYER', id: 'buyer-1' };

function event(sequence: number, type = 'MessagePosted', body = `message ${sequence}`): EventToAppend {
  return { sequence, type, payload: { body }, actor, occurredAt: '2026-11-27T10:00:00.000Z', commandId: `command-${sequence}`, schemaVersion: 1 };
}

function projection(version: number): DisputeProjection {
  return {
    orderId: 'order-1',
    buyerId: 'buyer-1',
    sellerId: 'seller-1',
    status: 'OPEN',
    reason: 'NOT_RECEIVED',
    version,
    state: { ...initialState, status: 'OPEN', version },
    nextDeadlineAt: null,
    openedAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  };
}

interface OutboxRow {
  delivery_id: string;
  account_id: string;
  payload: NotificationInput;
  attempts: number;
  delivered_at: Date | null;
}

describe('the notification outbox, written by the append', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let endpoints: NotificationEndpointStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource);
    endpoints = new NotificationEndpointStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  /** A dispute whose buyer and seller registered webhooks; its mediator did not. */
  async function dispute() {
    const disputeId = randomUUID();
    const [buyer, seller, mediator] = ['buyer', 'seller', 'mediator'].map((role) => `${role}-${disputeId}`);
    const endpointOf: Record<string, string> = {};
    for (const accountId of [buyer, seller]) endpointOf[accountId] = (await endpoints.register({ accountId, url: 'http://127.0.0.1:9/hooks', secret: 'a-secret-of-16-chars-or-more' })).endpointId;
    const notify = (sequence: number, eventTypes: string[], status = 'OPEN'): NotificationInput[] =>
      [buyer, seller, mediator].map((accountId) => ({ accountId, disputeId, sequence, eventTypes, status, occurredAt: '2026-11-27T10:00:00.000Z' }));
    return { disputeId, buyer, seller, mediator, notify, endpointOf };
  }

  const outboxOf = (disputeId: string): Promise<OutboxRow[]> =>
    dataSource.query('SELECT delivery_id, account_id, payload, attempts, delivered_at FROM notification_outbox WHERE dispute_id = $1 ORDER BY delivery_id', [disputeId]);

  it('stores one pending delivery per recipient with an endpoint, in the transaction of the events', async () => {
    const { disputeId, buyer, seller, notify, endpointOf } = await dispute();

    await store.append(disputeId, [event(1, 'DisputeOpened'), event(2, 'OfferMade')], projection(2), notify(2, ['DisputeOpened', 'OfferMade']));

    expect(await eventsOf(dataSource, disputeId)).toHaveLength(2);
    const rows = await outboxOf(disputeId);
    expect(rows).toEqual(
      [buyer, seller].sort((a, b) => (endpointOf[a] < endpointOf[b] ? -1 : 1)).map((accountId) => ({
        delivery_id: `${disputeId}:2:${endpointOf[accountId]}`,
        account_id: accountId,
        payload: { accountId, disputeId, sequence: 2, eventTypes: ['DisputeOpened', 'OfferMade'], status: 'OPEN', occurredAt: '2026-11-27T10:00:00.000Z' },
        attempts: 0,
        delivered_at: null,
      })),
    );
  });

  it('adds nothing when a retried append finds its events stored', async () => {
    const { disputeId, notify } = await dispute();
    await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1), notify(1, ['DisputeOpened']));
    await dataSource.query('UPDATE notification_outbox SET attempts = 1 WHERE dispute_id = $1', [disputeId]);

    const retry = await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1), notify(1, ['DisputeOpened']));

    expect(retry.inserted).toBe(0);
    const rows = await outboxOf(disputeId);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.attempts)).toEqual([1, 1]);
  });

  it('leaves neither events nor deliveries when the append is refused as conflicting', async () => {
    const { disputeId, notify } = await dispute();
    await store.append(disputeId, [event(1, 'DisputeOpened'), event(2)], projection(2), notify(2, ['DisputeOpened', 'MessagePosted']));

    const refused = store.append(disputeId, [event(2, 'MessagePosted', 'a different message'), event(3)], projection(3), notify(3, ['MessagePosted', 'MessagePosted']));

    await expect(refused).rejects.toBeInstanceOf(EventSequenceConflict);
    expect((await eventsOf(dataSource, disputeId)).map((row) => row.sequence)).toEqual([1, 2]);
    expect((await outboxOf(disputeId)).map((row) => row.delivery_id.split(':')[1])).toEqual(['2', '2']);
  });

  it('stores no events when writing the deliveries fails: the transaction is rolled back as a whole', async () => {
    const { disputeId, notify } = await dispute();
    // PostgreSQL refuses a NUL character in jsonb, so the outbox insert (the last statement) fails.
    const unstorable = notify(1, ['DisputeOpened'], 'OPEN\u0000');

    await expect(store.append(disputeId, [event(1, 'DisputeOpened')], projection(1), unstorable)).rejects.toThrow(/unicode|\\u0000/i);

    expect(await eventsOf(dataSource, disputeId)).toEqual([]);
    expect(await dataSource.query('SELECT 1 FROM disputes WHERE dispute_id = $1', [disputeId])).toEqual([]);
    expect(await outboxOf(disputeId)).toEqual([]);
    // The same batch with a storable notification then goes through.
    await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1), notify(1, ['DisputeOpened']));
    expect(await outboxOf(disputeId)).toHaveLength(2);
  });

  it('writes no deliveries for an append without notifications (runs from before the outbox)', async () => {
    const { disputeId } = await dispute();
    await store.append(disputeId, [event(1, 'DisputeOpened')], projection(1));
    expect(await eventsOf(dataSource, disputeId)).toHaveLength(1);
    expect(await outboxOf(disputeId)).toEqual([]);
  });
});
