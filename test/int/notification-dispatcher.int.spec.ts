import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { NotificationDispatcher, type NotificationDispatcherOptions } from '../../apps/worker/src/notifications/notification-dispatcher';
import type { RetrySchedule } from '../../apps/worker/src/notifications/retry-schedule';
import type { NotificationInput } from '../../libs/contracts/src';
import { initialState } from '../../libs/domain/src';
import { EventStore, NotificationEndpointStore, NotificationOutbox } from '../../libs/persistence/src';
import { createLogger } from '../../libs/platform/src';
import { eventually } from '../support/commands';
import { openTestDataSource } from '../support/database';
import { TEST_DATABASE_URL } from '../support/environment';
import { hasValidSignature, startWebhookReceiver } from '../support/webhook-receiver';

const SECRET = 'dispatcher-test-secret-0123456789';
const OCCURRED_AT = '2026-11-27T10:00:00.000Z';
const FAST: RetrySchedule = { initialDelayMs: 300, backoffCoefficient: 2, maximumDelayMs: 10_000, maximumAttempts: 5 };

interface OutboxRow {
  attempts: number;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  last_error: string | null;
}

describe('the notification dispatcher, against a real webhook receiver', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let endpoints: NotificationEndpointStore;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** Per path: the answer to the n-th request for a delivery id, and an optional delay. */
  const behaviour = new Map<string, { status: (nth: number) => number; delayMs?: number }>();
  const running: NotificationDispatcher[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource(10);
    store = new EventStore(dataSource);
    endpoints = new NotificationEndpointStore(dataSource);
    receiver = await startWebhookReceiver(async ({ path, nthForDelivery }) => {
      const rule = behaviour.get(path);
      if (rule?.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      return rule ? rule.status(nthForDelivery) : 204;
    });
  });
  beforeEach(async () => {
    // A dispatcher claims every due row of the shared test database; rows other files left
    // pending (to receivers long gone) are parked so the outcomes counted here are this file's.
    await dataSource.query(`UPDATE notification_outbox SET next_attempt_at = NULL, last_error = 'parked by the dispatcher test' WHERE next_attempt_at IS NOT NULL`);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((dispatcher) => dispatcher.stop()));
  });
  afterAll(async () => {
    await receiver?.close();
    await dataSource?.destroy();
  });

  async function startDispatcher(options: Partial<NotificationDispatcherOptions> = {}) {
    const registry = new Registry();
    const dispatcher = new NotificationDispatcher({ dataSource, databaseUrl: TEST_DATABASE_URL, logger: createLogger('test-dispatcher', 'silent'), registry, retries: FAST, pollIntervalMs: 50, production: false, ...options });
    await dispatcher.start();
    running.push(dispatcher);
    const count = async (outcome: string) => (await registry.getSingleMetric('dispute_notification_deliveries_total')!.get()).values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    return { dispatcher, count };
  }

  /** Appends a dispute's opening through the real event store, notifying `recipients` (each with an endpoint at `path`). */
  async function appendOpening(path: string, recipients = 1): Promise<{ disputeId: string; deliveryIds: string[]; notifications: NotificationInput[] }> {
    const disputeId = randomUUID();
    const accounts = Array.from({ length: recipients }, (_, index) => `account-${index}-${disputeId}`);
    const endpointIds: string[] = [];
    for (const accountId of accounts) endpointIds.push((await endpoints.register({ accountId, url: receiver.url(path), secret: SECRET })).endpointId);
    const notifications = accounts.map((accountId) => ({ accountId, disputeId, sequence: 1, eventTypes: ['DisputeOpened'], status: 'OPEN', occurredAt: OCCURRED_AT }));
    await store.append(
      disputeId,
      [{ sequence: 1, type: 'DisputeOpened', payload: {}, actor: { role: 'BUYER', id: 'buyer-1' }, occurredAt: OCCURRED_AT, commandId: 'open', schemaVersion: 1 }],
      { orderId: `order-${disputeId}`, buyerId: 'buyer-1', sellerId: 'seller-1', status: 'OPEN', reason: 'NOT_RECEIVED', version: 1, state: { ...initialState, version: 1 }, nextDeadlineAt: null, openedAt: OCCURRED_AT, updatedAt: OCCURRED_AT },
      notifications,
    );
    return { disputeId, deliveryIds: endpointIds.map((endpointId) => `${disputeId}:1:${endpointId}`), notifications };
  }

  const rowOf = async (deliveryId: string): Promise<OutboxRow> =>
    (await dataSource.query('SELECT attempts, delivered_at, next_attempt_at, last_error FROM notification_outbox WHERE delivery_id = $1', [deliveryId]))[0];
  const settled = (deliveryId: string) => eventually(() => rowOf(deliveryId), (row) => row.next_attempt_at === null, 20_000);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('delivers a new row once, signed, as soon as the insert wakes it (no poll needed), and records it delivered', async () => {
    const { count } = await startDispatcher({ pollIntervalMs: 60_000 });
    const { disputeId, deliveryIds: [deliveryId], notifications: [notification] } = await appendOpening('/once');

    const row = await settled(deliveryId);
    await pause(300);

    const attempts = receiver.attemptsOf(deliveryId);
    expect(attempts).toHaveLength(1);
    expect(hasValidSignature(attempts[0], SECRET)).toBe(true);
    expect(JSON.parse(attempts[0].body)).toEqual({ id: deliveryId, disputeId, sequence: 1, eventTypes: ['DisputeOpened'], status: 'OPEN', occurredAt: notification.occurredAt });
    expect(row).toMatchObject({ attempts: 1, delivered_at: expect.any(Date), last_error: null });
    expect(await count('delivered')).toBe(1);
  });

  it('retries a delivery the receiver answers 500 with growing waits, then delivers it', async () => {
    behaviour.set('/flaky', { status: (nth) => (nth <= 2 ? 500 : 204) });
    const { count } = await startDispatcher();
    const { deliveryIds: [deliveryId] } = await appendOpening('/flaky');

    const row = await settled(deliveryId);

    const attempts = receiver.attemptsOf(deliveryId);
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 204]);
    // FAST waits 300 ms after the first failure and 600 ms after the second (clocks differ by a few ms).
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(280);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(580);
    expect(row).toMatchObject({ attempts: 3, delivered_at: expect.any(Date) });
    expect(row.last_error).toContain('answered 500');
    expect([await count('retry_scheduled'), await count('delivered')]).toEqual([2, 1]);
  });

  it('with two dispatchers claiming at once (SKIP LOCKED), delivers every row exactly once', async () => {
    behaviour.set('/shared', { status: () => 204, delayMs: 25 });
    const [first, second] = [await startDispatcher({ batchSize: 3 }), await startDispatcher({ batchSize: 3 })];
    const { deliveryIds } = await appendOpening('/shared', 30);

    await eventually(
      async () => (await dataSource.query('SELECT count(*)::int AS n FROM notification_outbox WHERE delivery_id = ANY($1) AND delivered_at IS NOT NULL', [deliveryIds]))[0].n,
      (delivered) => delivered === 30,
      20_000,
    );
    await pause(500);

    expect(deliveryIds.map((deliveryId) => receiver.attemptsOf(deliveryId).length)).toEqual(deliveryIds.map(() => 1));
    const [byFirst, bySecond] = [await first.count('delivered'), await second.count('delivered')];
    expect(byFirst + bySecond).toBe(30);
    // Both took part: the rows were split between them, not handed to one while the other waited.
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
  });

  it('claims past rows another claim holds locked (SKIP LOCKED) instead of waiting for them or taking them', async () => {
    const { deliveryIds } = await appendOpening('/locked', 4);
    const [held, free] = [deliveryIds.slice(0, 2), deliveryIds.slice(2)];
    const otherDispatcher = dataSource.createQueryRunner();
    await otherDispatcher.startTransaction();
    try {
      await otherDispatcher.query('SELECT delivery_id FROM notification_outbox WHERE delivery_id = ANY($1) FOR UPDATE', [held]);

      const claim = new NotificationOutbox(dataSource).claimDue(100, 60_000);
      const claimed = await Promise.race([claim, pause(3_000).then(() => 'waited for the locked rows')]);

      expect(Array.isArray(claimed) ? claimed.map((row) => row.deliveryId).filter((id) => deliveryIds.includes(id)).sort() : claimed).toEqual([...free].sort());
    } finally {
      await otherDispatcher.rollbackTransaction();
      await otherDispatcher.release();
    }
    const later = await new NotificationOutbox(dataSource).claimDue(100, 60_000);
    expect(later.map((row) => row.deliveryId).sort()).toEqual([...held].sort());
  });

  it('gives up once the retry budget is spent, keeping the last error, and sends nothing more', async () => {
    behaviour.set('/down', { status: () => 500 });
    const { count } = await startDispatcher({ retries: { initialDelayMs: 50, backoffCoefficient: 2, maximumDelayMs: 200, maximumAttempts: 4 } });
    const { deliveryIds: [deliveryId] } = await appendOpening('/down');

    const row = await settled(deliveryId);
    await pause(600);

    expect(receiver.attemptsOf(deliveryId)).toHaveLength(4);
    expect(row).toMatchObject({ attempts: 4, delivered_at: null, next_attempt_at: null });
    expect(row.last_error).toMatch(/answered 500$/);
    expect([await count('retry_scheduled'), await count('gave_up')]).toEqual([3, 1]);
  });

  it('settles without sending when the endpoint was removed since', async () => {
    const { deliveryIds: [deliveryId] } = await appendOpening('/removed');
    await dataSource.query('DELETE FROM webhook_endpoints WHERE endpoint_id = $1', [deliveryId.split(':')[2]]);
    const { count } = await startDispatcher();

    const row = await settled(deliveryId);

    expect(receiver.attemptsOf(deliveryId)).toEqual([]);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row.last_error).toMatch(/the webhook endpoint was removed/);
    expect(await count('no_endpoint')).toBe(1);
  });

  it('on stop, lets the delivery in flight finish and record its outcome', async () => {
    behaviour.set('/slow', { status: () => 204, delayMs: 700 });
    const { dispatcher } = await startDispatcher();
    const { deliveryIds: [deliveryId] } = await appendOpening('/slow');
    // The request is in the receiver's hands once the row is claimed; stop while it waits.
    await eventually(() => rowOf(deliveryId), (row) => row.attempts === 1, 10_000);

    await dispatcher.stop();

    expect(receiver.attemptsOf(deliveryId)).toHaveLength(1);
    expect(await rowOf(deliveryId)).toMatchObject({ attempts: 1, delivered_at: expect.any(Date), next_attempt_at: null });
  });
});
