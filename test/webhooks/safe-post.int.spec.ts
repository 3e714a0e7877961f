import { deliverWebhook } from '../../apps/worker/src/notifications/webhook';
import { safePost } from '../../apps/worker/src/notifications/safe-post';
import { startWebhookReceiver } from '../support/webhook-receiver';

const NOTIFICATION = { accountId: 'buyer-1', disputeId: '00000000-0000-4000-8000-000000000001', sequence: 2, eventTypes: ['DisputeOpened'], status: 'OPEN', occurredAt: '2026-01-01T00:00:00.000Z' };

describe('sending a webhook (safePost, deliverWebhook) to a real local receiver', () => {
  it('never follows a redirect: a 3xx is a failed attempt and the target of the redirect gets nothing', async () => {
    const receiver = await startWebhookReceiver(({ path }) => (path === '/moved' ? 302 : 204));
    try {
      await expect(deliverWebhook({ url: receiver.url('/moved'), secrets: ['a-secret-0123456789'] }, NOTIFICATION, 'd:2:e', new Date(), { timeoutMs: 2_000, production: false })).rejects.toThrow(
        /answered 302 \(redirects are not followed\)/,
      );
      expect(receiver.received.map((request) => request.path)).toEqual(['/moved']);
    } finally {
      await receiver.close();
    }
  });

  it('refuses, without a request, URLs the rules forbid at delivery time', async () => {
    const receiver = await startWebhookReceiver();
    try {
      // Registered outside production, delivered by a production worker: plain http to loopback is refused.
      await expect(safePost(receiver.url('/x'), { headers: {}, body: '{}', timeoutMs: 1_000, production: true })).rejects.toThrow(/must use https in production/);
      await expect(safePost('https://169.254.169.254/latest', { headers: {}, body: '{}', timeoutMs: 1_000, production: true })).rejects.toThrow(/link-local/);
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const receiver = await startWebhookReceiver(() => new Promise((resolve) => setTimeout(() => resolve(204), 1_500)));
    try {
      await expect(safePost(receiver.url('/slow'), { headers: {}, body: '{}', timeoutMs: 200, production: false })).rejects.toThrow(/no answer within 200 ms/);
    } finally {
      await receiver.close();
    }
  });
});
