import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readFeedBatch, selectOrdersById, type OrderRecord, type OrderStore, type PolicyStore } from '../../../../libs/persistence/src';
import type { Viewer } from '../auth/viewer';
import { ApiError, DOMAIN_CODES } from '../graphql/errors';
import { parseOrderInput } from './order-input';
import { requirePublishedLine } from './order-policy-line';
import type { OrderRegistration, RegisterOrdersResult } from './order-list.types';
import type { RegisterOrderInput } from './order.types';
import { toOrder } from './order-reader';

export const MAX_BATCH = 100;
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** One item's outcome as remembered for retries: the order id, or the refusal. */
interface ItemOutcome {
  index: number;
  orderId: string;
  refusal: { code: string; message: string; field: string | null } | null;
}

/**
 * The order feed's batch: each order is checked on its own (a bad message must not hold back the
 * good ones of a replay), the accepted ones are stored in one transaction in the order given,
 * and a refused one stores nothing. With an idempotency key, the answer is kept: a retry gets it
 * again without re-applying the batch (so a retried old batch cannot undo a newer message).
 */
export class OrderFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderStore,
    private readonly policies: PolicyStore,
  ) {}

  async register(viewer: Viewer, inputs: RegisterOrderInput[], idempotencyKey: string | null | undefined): Promise<RegisterOrdersResult> {
    if (inputs.length === 0 || inputs.length > MAX_BATCH) throw new ApiError('VALIDATION', `A batch holds 1 to ${MAX_BATCH} orders; send more as further batches.`, 'orders');
    const commandId = commandIdOf(viewer, idempotencyKey);
    const requestHash = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
    if (commandId) {
      const earlier = await readFeedBatch(this.dataSource, commandId);
      if (earlier) return this.answer(sameRequest(earlier.requestHash, requestHash), earlier.answer as ItemOutcome[]);
    }
    const outcomes: ItemOutcome[] = [];
    const accepted: OrderRecord[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        const order = parseOrderInput(input);
        // The same policy-line rule as registerOrder: a line never published is refused for this item.
        await requirePublishedLine(this.policies, order);
        accepted.push(order);
        outcomes.push({ index, orderId: input.orderId, refusal: null });
      } catch (error) {
        outcomes.push({ index, orderId: input.orderId, refusal: refusalOf(error, index) });
      }
    }
    // The key's answer is recorded in the transaction that stores the orders: never one without the other.
    const memo = commandId ? { commandId, requestHash, answer: outcomes } : null;
    if (!(await this.orders.registerAll(accepted, memo)) && commandId) {
      // Another call with this key was recorded first (and applied): answer as it was answered.
      const first = await readFeedBatch(this.dataSource, commandId);
      if (first) return this.answer(sameRequest(first.requestHash, requestHash), first.answer as ItemOutcome[]);
    }
    return this.answer(true, outcomes);
  }

  /** The items with each registered order as stored now. */
  private async answer(same: boolean, outcomes: ItemOutcome[]): Promise<RegisterOrdersResult> {
    if (!same) throw new ApiError('CONFLICT', 'This idempotencyKey was used for a different batch; use a new key for new orders.', 'idempotencyKey');
    const stored = await selectOrdersById(this.dataSource, [...new Set(outcomes.filter((item) => !item.refusal).map((item) => item.orderId))]);
    const byId = new Map(stored.map((record) => [record.orderId, record]));
    const items: OrderRegistration[] = outcomes.map((item) => {
      const record = item.refusal ? undefined : byId.get(item.orderId);
      return { index: item.index, orderId: item.orderId, order: record ? toOrder(record) : null, refusal: item.refusal };
    });
    const refusedCount = items.filter((item) => item.refusal).length;
    return { items, registeredCount: items.length - refusedCount, refusedCount };
  }
}

const sameRequest = (stored: string, current: string): boolean => stored.trim() === current;

/** A refused item's typed error, its field a path inside the batch input. Anything not an ApiError is a bug and propagates. */
function refusalOf(error: unknown, index: number): ItemOutcome['refusal'] {
  if (!(error instanceof ApiError)) throw error;
  const code = String(error.extensions.code);
  const field = typeof error.extensions.field === 'string' ? `orders[${index}].${error.extensions.field}` : `orders[${index}]`;
  return { code: (DOMAIN_CODES as readonly string[]).includes(code) ? code : 'VALIDATION', message: error.message, field };
}

/** Keys are scoped to the caller, like the dispute commands' (`ROLE:id:key`). */
function commandIdOf(viewer: Viewer, key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw new ApiError('VALIDATION', `The idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, 'idempotencyKey');
  return `${viewer.role}:${viewer.id}:${key}`;
}
