import { log, proxyActivities } from '@temporalio/workflow';
import { refundDue, type Actor, type DisputeState } from '../../libs/domain/src';
import type { CommandEnvelope, CommandResult, DisputeActivities } from '../../libs/contracts/src';

// Money moves once per refund id (the port is idempotent on it), so retrying a transient
// failure is safe; a definite refusal comes back as a DECLINED outcome, not an error.
const payments = proxyActivities<DisputeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const REFUNDS: Actor = { role: 'SYSTEM', id: 'refunds' };

/** What the saga carries from one run to the next (part of the dispute's memory). */
export interface RefundMemory {
  /** When a failed refund may be retried (epoch ms); null when none is waiting. */
  refundRetryAt: number | null;
  /** Every retry failed: the dispute stays RESOLVED with a failed refund for an operator. */
  refundGivenUp?: boolean;
}

/** Runs before the explicit flag marked "given up" with this retry time. */
const GIVEN_UP_BEFORE_FLAG = Number.MAX_SAFE_INTEGER;

/**
 * The refund an outcome owes: RequestRefund, the payment port, then RecordRefundSucceeded
 * (which closes the dispute) or RecordRefundFailed, after which a retry is scheduled with a new
 * refund id, until the retry delays run out. Its commands go through the dispute's single
 * command path like any other.
 */
export class RefundSaga {
  private retryAt: number | null;
  private givenUp: boolean;

  constructor(
    private readonly dispute: { disputeId: string; orderId: string },
    private readonly stateOf: () => DisputeState,
    private readonly execute: (envelope: CommandEnvelope) => Promise<CommandResult>,
    carried: RefundMemory,
  ) {
    this.givenUp = carried.refundGivenUp ?? carried.refundRetryAt === GIVEN_UP_BEFORE_FLAG;
    this.retryAt = this.givenUp ? null : carried.refundRetryAt;
  }

  memory(): RefundMemory {
    return { refundRetryAt: this.retryAt, refundGivenUp: this.givenUp };
  }

  /**
   * True when the resolved outcome owes money and no attempt is running or waiting to retry, or
   * when an operator ordered a retry (RetryRefund): that attempt is made at once, even after the
   * automatic retries gave up. Histories without such an order decide exactly as before.
   */
  ready(now: number): boolean {
    if (refundDue(this.stateOf()) === null) return false;
    return this.retryOrdered() || (!this.givenUp && (this.retryAt === null || this.retryAt <= now));
  }

  private retryOrdered(): boolean {
    return this.stateOf().refund?.retryOrderedAt !== undefined;
  }

  /** When the workflow must wake to retry, if a retry is waiting. */
  nextRetryAt(): number | null {
    return this.givenUp ? null : this.retryAt;
  }

  async settle(retryDelaysMs: number[]): Promise<void> {
    const amount = refundDue(this.stateOf());
    if (!amount) return;
    const attempt = (this.stateOf().refund?.attempts ?? 0) + 1;
    const refundId = `${this.dispute.disputeId}:refund:${attempt}`;
    await this.execute({ command: { type: 'RequestRefund', actor: REFUNDS, data: { refundId } }, commandId: `refund-request:${refundId}` });
    const outcome = await payments.executeRefund({ refundId, disputeId: this.dispute.disputeId, orderId: this.dispute.orderId, amountMinor: amount.amountMinor, currency: amount.currency });
    if (outcome.status === 'SUCCEEDED') {
      this.retryAt = null;
      await this.execute({ command: { type: 'RecordRefundSucceeded', actor: REFUNDS, data: { refundId, providerReference: outcome.providerReference } }, commandId: `refund-result:${refundId}` });
      return;
    }
    await this.execute({ command: { type: 'RecordRefundFailed', actor: REFUNDS, data: { refundId, failureReason: outcome.reason } }, commandId: `refund-result:${refundId}` });
    const delay = retryDelaysMs[attempt - 1];
    // Out of retries: the dispute stays RESOLVED with a failed refund for an operator to act on.
    this.givenUp = delay === undefined;
    this.retryAt = delay === undefined ? null : Date.now() + delay;
    log.error('Refund failed', { refundId, reason: outcome.reason, retryAt: this.retryAt === null ? 'never' : new Date(this.retryAt).toISOString() });
  }
}
