import { readOrderLines } from '../../libs/domain/src';
import { demoOrders } from '../../scripts/demo-data';

// The seed is what a newcomer sees first on My Orders: every order reads like a real one, and
// its lines pass the order feed's own rule (the seed writes to the store, past the API's checks).
describe('the demo orders', () => {
  const orders = demoOrders(Date.parse('2026-12-05T12:00:00Z'));

  it.each(orders.map((order) => [order.orderId, order] as const))('%s has a title and lines the order feed would accept, adding up to the amount paid', (_id, order) => {
    expect(order.title?.trim().length).toBeGreaterThan(3);
    expect(order.lines?.length).toBeGreaterThan(0);
    const checked = readOrderLines(order.lines, 'lines', order.amountPaidMinor, order.currency);
    expect(checked).toEqual({ ok: true, value: order.lines });
    const total = order.lines!.reduce((sum, line) => sum + line.quantity * line.unitPrice.amountMinor, 0);
    expect(total).toBe(order.amountPaidMinor);
  });

  it('gives every order its own title and every line an id unique across the seed', () => {
    expect(new Set(orders.map((order) => order.title)).size).toBe(orders.length);
    const lineIds = orders.flatMap((order) => order.lines!.map((line) => line.lineId));
    expect(new Set(lineIds).size).toBe(lineIds.length);
  });
});
