// Builds long, valid dispute histories in memory: every event comes from the domain's decide,
// and each is chained the way the event store chains it.
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, eventHash, type ChainedEvent } from '../../libs/audit/src';
import { addMs, decide, defaultPolicy, evolve, initialState, type Actor, type DisputeCommand, type DisputeEvent, type OrderFacts } from '../../libs/domain/src';

export interface BuiltHistory {
  disputeId: string;
  events: DisputeEvent[];
  chain: ChainedEvent[];
}

const OPENED_AT = '2026-11-25T10:00:00.000Z';

/** Open (DisputeOpened + OfferMade), the seller's counter-offer, then messages alternating between buyer and seller. */
export function buildMessageHistory(length: number, disputeId: string = randomUUID()): BuiltHistory {
  const buyer: Actor = { role: 'BUYER', id: 'buyer-bench' };
  const seller: Actor = { role: 'SELLER', id: 'seller-bench' };
  const order: OrderFacts = {
    orderId: 'order-bench',
    buyerId: buyer.id,
    sellerId: seller.id,
    amountPaid: { amountMinor: 10_000, currency: 'EUR' },
    amountRefundedMinor: 0,
    shippedAt: '2026-11-20T10:00:00.000Z',
    deliveryDeadlineAt: '2026-12-10T10:00:00.000Z',
    deliveredAt: null,
    disputesOpened: 0,
    activeDisputeId: null,
  };
  let state = initialState;
  const events: DisputeEvent[] = [];
  const chain: ChainedEvent[] = [];
  let previousHash = GENESIS_HASH;
  let step = 0;

  const send = (command: DisputeCommand) => {
    const now = addMs(OPENED_AT, step * 1000);
    const decision = decide(command, state, { now, order, policy: defaultPolicy });
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.rejection.message}`);
    const commandId = `command-${step}`;
    for (const event of decision.events) {
      state = evolve(state, event);
      events.push(event);
      const fields = {
        disputeId,
        sequence: events.length,
        type: event.type,
        payload: event.data,
        actor: { role: command.actor.role, id: command.actor.id },
        occurredAt: now,
        commandId,
        schemaVersion: 1,
        previousHash,
      };
      previousHash = eventHash(fields);
      chain.push({ ...fields, hash: previousHash });
    }
    step += 1;
  };

  send({
    type: 'OpenDispute',
    actor: buyer,
    data: {
      disputeId,
      orderId: order.orderId,
      reason: 'NOT_RECEIVED',
      subReason: 'STUCK_IN_TRANSIT',
      description: 'Tracking has not moved for six days.',
      evidence: [],
      requestedResolution: { kind: 'FULL_REFUND' },
    },
  });
  send({ type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 3_000, currency: 'EUR' } } } });
  while (events.length < length) {
    const author = step % 2 === 0 ? buyer : seller;
    send({ type: 'PostMessage', actor: author, data: { messageId: `message-${step}`, body: `Message ${step}: the parcel is still at the sorting centre, see tracking.` } });
  }
  return { disputeId, events: events.slice(0, length), chain: chain.slice(0, length) };
}
