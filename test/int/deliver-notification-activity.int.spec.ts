import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDisputeActivities, postgresActivityDependencies } from '../../apps/worker/src/dispute-activities';
import type { DisputeActivities, NotificationInput } from '../../libs/contracts/src';
import { NotificationEndpointStore } from '../../libs/persistence/src';
import { createLogger } from '../../libs/platform/src';
import { openTestDataSource } from '../support/database';
import { hasValidSignature, startWebhookReceiver } from '../support/webhook-receiver';

/**
 * Runs created before the notification outbox still schedule deliverNotification (their
 * replays, test/replay, depend on it), so the activity stays registered and must still deliver.
 * Temporal's activity test environment supplies only the activity context; the endpoint store,
 * the HTTP call and the receiver are real.
 */
describe('the deliverNotification activity (runs from before the outbox)', () => {
  let dataSource: DataSource;
  let activities: DisputeActivities;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = 'activity-webhook-secret-0123456789';

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    activities = createDisputeActivities(postgresActivityDependencies(dataSource, createLogger('test-activities', 'silent')));
    receiver = await startWebhookReceiver(({ path }) => (path === '/failing' ? 500 : 204));
  });
  afterAll(async () => {
    await receiver?.close();
    await dataSource?.destroy();
  });

  async function notificationTo(path: string | null): Promise<NotificationInput> {
    const accountId = `account-${randomUUID()}`;
    if (path) await new NotificationEndpointStore(dataSource).register({ accountId, url: receiver.url(path), secret });
    return { accountId, disputeId: randomUUID(), sequence: 4, eventTypes: ['MessagePosted'], status: 'OPEN', occurredAt: '2026-11-27T10:00:00.000Z' };
  }

  const run = (notification: NotificationInput) => new MockActivityEnvironment({ activityType: 'deliverNotification' }, { logger: new DefaultLogger('ERROR') }).run(activities.deliverNotification, notification);

  it('POSTs the signed notification with its delivery id', async () => {
    const notification = await notificationTo('/ok');
    const deliveryId = `${notification.disputeId}:4:${notification.accountId}`;

    expect(await run(notification)).toBe('DELIVERED');

    const [delivery] = receiver.attemptsOf(deliveryId);
    expect(hasValidSignature(delivery, secret)).toBe(true);
    expect(JSON.parse(delivery.body)).toEqual({ id: deliveryId, disputeId: notification.disputeId, sequence: 4, eventTypes: ['MessagePosted'], status: 'OPEN', occurredAt: notification.occurredAt });
  });

  it('fails on a non-2xx answer, so Temporal retries it', async () => {
    await expect(run(await notificationTo('/failing'))).rejects.toThrow(/answered 500/);
  });

  it('answers NO_ENDPOINT for an account without a webhook', async () => {
    const before = receiver.received.length;
    expect(await run(await notificationTo(null))).toBe('NO_ENDPOINT');
    expect(receiver.received.length).toBe(before);
  });
});
