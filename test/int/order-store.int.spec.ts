import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { initialState, type DisputeStatus } from '../../libs/domain/src';
import { EventStore, OrderStore, type DisputeProjection } from '../../libs/persistence/src';
import { openTestDataSource } from '../support/database';
import { anOrder } from '../support/fixtures';

const opened = { sequence: 1, type: 'DisputeOpened', payload: {}, actor: { role: 'BUYER', id: 'buyer-1' }, commandId: null, schemaVersion: 1 };

function projection(orderId: string, status: DisputeStatus, openedAt: string): DisputeProjection {
  return { orderId, buyerId: 'buyer-1', sellerId: 'seller-1', status, reason: 'NOT_RECEIVED', version: 1, state: { ...initialState, status, version: 1 }, nextDeadlineAt: null, openedAt, updatedAt: openedAt };
}

describe('the order store', () => {
  let dataSource: DataSource;
  let orders: OrderStore;
  let events: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    orders = new OrderStore(dataSource);
    events = new EventStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  describe('an order with its dispute history, in one read (what an opening reads)', () => {
    it('is null for an order the feed never described', async () => {
      expect(await orders.findWithDisputeHistory(`order-${randomUUID()}`)).toBeNull();
    });

    it('reads the order exactly as find does, with no disputes yet', async () => {
      const order = await orders.register(anOrder({ amountPaidMinor: 123_456_789, amountRefundedMinor: 5, returnAddress: { name: 'Returns', line1: '1 Dock Road', line2: null, city: 'Leeds', region: null, postalCode: 'LS1 1AA', countryCode: 'GB' } }));
      const found = await orders.findWithDisputeHistory(order.orderId);
      expect(found).toEqual({ order: await orders.find(order.orderId), history: { disputesOpened: 0, activeDisputeId: null } });
      expect(found?.order.amountPaidMinor).toBe(123_456_789);
    });

    // The first is RESOLVED too (data the rules never make) so that only the latest-first order picks the second.
    it('counts every dispute and names the latest one not withdrawn as active', async () => {
      const order = await orders.register(anOrder());
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      await events.append(first, [{ ...opened, occurredAt: '2026-11-01T10:00:00.000Z' }], projection(order.orderId, 'RESOLVED', '2026-11-01T10:00:00.000Z'));
      await events.append(second, [{ ...opened, occurredAt: '2026-11-02T10:00:00.000Z' }], projection(order.orderId, 'RESOLVED', '2026-11-02T10:00:00.000Z'));
      await events.append(third, [{ ...opened, occurredAt: '2026-11-03T10:00:00.000Z' }], projection(order.orderId, 'WITHDRAWN', '2026-11-03T10:00:00.000Z'));
      expect((await orders.findWithDisputeHistory(order.orderId))?.history).toEqual({ disputesOpened: 3, activeDisputeId: second });
    });
  });
});
