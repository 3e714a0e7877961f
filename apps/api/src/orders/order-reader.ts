import type { DataSource } from 'typeorm';
import { canRead, DEFAULT_POLICY_LINE, disputeEligibility, type Policy } from '../../../../libs/domain/src';
import {
  countOrders,
  disputeHistoryOf,
  disputesOfOrders,
  listOrders,
  orderFacts,
  type DisputeProjectionRow,
  type OrderRecord,
  type OrderScope,
} from '../../../../libs/persistence/src';
import type { RequestContext, Viewer } from '../auth/viewer';
import { toDispute } from '../disputes/dispute-reader';
import type { Dispute } from '../disputes/dispute.types';
import { ApiError } from '../graphql/errors';
import { decodeCursor, encodeCursor, page, pageSize } from '../graphql/pagination';
import { isoTime, optionalIsoTime } from '../graphql/times';
import type { PolicySource } from '../policies/policy-source';
import { isFeedId } from './order-input';
import { toOrderLines } from './order-lines';
import type { DisputeEligibility, OrderConnection, OrderFilter } from './order-list.types';
import type { Order } from './order.types';

/**
 * My Orders: a buyer's purchases or a seller's sales, newest first, each with the disputes the
 * viewer may read and whether a dispute can be opened (the domain's disputeEligibility, with the
 * policy an opening of THAT order would pin: its line's current version, from the source the
 * openings ask). A page's disputes are read in one query; a page may span policy lines, and each
 * line's current version is read once per request.
 */
export class OrderReader {
  /** Each request's lines, asked once: a request's answers agree with each other, and a page costs one probe per line. */
  private readonly linePolicies = new WeakMap<RequestContext, Map<string, Promise<Policy>>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly openingPolicies: PolicySource,
  ) {}

  async list(viewer: Viewer, filter: OrderFilter | null | undefined, first: number, after: string | null | undefined): Promise<OrderConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor<[string, string]>(after, ['string', 'string']);
    const scope: OrderScope = viewer.role === 'SELLER' ? { sellerId: viewer.id } : { buyerId: viewer.id };
    const checked = {
      orderIdPrefix: filter?.orderIdPrefix ?? null,
      placedFrom: optionalIsoTime(filter?.placedFrom, 'filter.placedFrom'),
      placedBefore: optionalIsoTime(filter?.placedBefore, 'filter.placedBefore'),
      hasDispute: filter?.hasDispute ?? null,
    };
    if (checked.orderIdPrefix !== null && (checked.orderIdPrefix.length === 0 || checked.orderIdPrefix.length > 128)) {
      throw new ApiError('VALIDATION', 'orderIdPrefix must be 1 to 128 characters.', 'filter.orderIdPrefix');
    }
    const afterOrder = cursor && afterCursor(cursor);
    const records = await listOrders(this.dataSource, scope, checked, { after: afterOrder, limit: size + 1 });
    const rows = await disputesOfOrders(this.dataSource, records.slice(0, size).map((record) => record.orderId));
    const connection = page(records, size, (record) => encodeCursor([record.placedAt ?? '', record.orderId]));
    return {
      edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: toOrder(edge.node, rows.filter((row) => row.orderId === edge.node.orderId)) })),
      pageInfo: connection.pageInfo,
      totalCount: () => countOrders(this.dataSource, scope, checked),
    };
  }

  /** The order's disputes, latest first: loaded with the page, else read now (a single order). */
  async disputeRows(order: Order): Promise<DisputeProjectionRow[]> {
    order.disputeRows ??= await disputesOfOrders(this.dataSource, [order.id]);
    return order.disputeRows;
  }

  async disputes(viewer: Viewer, order: Order): Promise<Dispute[]> {
    return (await this.disputeRows(order)).filter((row) => canRead(row.state, viewer)).map((row) => toDispute(row, viewer));
  }

  /** openDispute's rule, asked for this viewer now, with the policy an opening of this order would pin. */
  async eligibility(viewer: Viewer, order: Order, context: RequestContext, now = new Date().toISOString()): Promise<DisputeEligibility> {
    const facts = orderFacts(order.record, disputeHistoryOf(await this.disputeRows(order)));
    const policy = await this.policyOfLine(context, order.record.policyLine ?? DEFAULT_POLICY_LINE);
    const answer = disputeEligibility({ actor: { role: viewer.role, id: viewer.id }, order: facts, policy, now });
    return { ...answer, reason: answer.reason ? { code: answer.reason.code, message: answer.reason.message } : null };
  }

  /** The line's current version as the openings read it, asked at most once per request. */
  private policyOfLine(context: RequestContext, line: string): Promise<Policy> {
    let lines = this.linePolicies.get(context);
    if (!lines) this.linePolicies.set(context, (lines = new Map()));
    let policy = lines.get(line);
    if (!policy) lines.set(line, (policy = this.openingPolicies.forLine(line)));
    return policy;
  }
}

/** The order a list cursor names, checked: a cursor this API did not hand out is refused, not sent to the database. */
function afterCursor([placedAt, orderId]: [string, string]): { placedAt: string; orderId: string } {
  const refusal = 'The cursor is not one this API handed out.';
  if (!isFeedId(orderId)) throw new ApiError('VALIDATION', refusal, 'after');
  return { placedAt: isoTime(placedAt, 'after', refusal), orderId };
}

/** An order as the API shows it; `disputeRows` when the caller already read its disputes. */
export function toOrder(order: OrderRecord, disputeRows?: DisputeProjectionRow[]): Order {
  const money = (amountMinor: number) => ({ amountMinor, currency: order.currency });
  return {
    id: order.orderId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amountPaid: money(order.amountPaidMinor),
    amountRefundedMinor: order.amountRefundedMinor,
    amountRefunded: money(order.amountRefundedMinor),
    lines: toOrderLines(order.lines ?? []),
    shippedAt: order.shippedAt,
    deliveryDeadlineAt: order.deliveryDeadlineAt,
    deliveredAt: order.deliveredAt,
    returnAddress: order.returnAddress ?? null,
    policyLine: order.policyLine ?? DEFAULT_POLICY_LINE,
    title: order.title ?? null,
    placedAt: order.placedAt ?? '',
    record: order,
    ...(disputeRows ? { disputeRows } : {}),
  };
}
