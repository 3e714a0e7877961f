import type { OrderRecord } from '../../../libs/persistence/src';
import { graphql, tokenFor, type GraphQLResponse } from '../../support/api';
import { uploadEvidence, type Citation } from '../../support/evidence';
import { anOrder } from '../../support/fixtures';

/** Everything the end-to-end tests look at on a dispute. */
export const DISPUTE_FIELDS = `
  id orderId buyerId sellerId status reason subReason description version headHash messageCount
  availableActions
  whoseTurn { role reason dueAt }
  deadlines { kind dueAt }
  evidence { evidenceId sha256 kind addedBy sizeBytes contentType }
  offers { offerNumber by kind status amount { amountMinor currency } }
  informationRequests { requestId from question status dueAt }
  mediation { stage reason mediatorId slaDueAt slaBreached }
  decision { mediatorId outcome refund { amountMinor currency } citedPolicyClauses citedEvidenceIds appealDueAt }
  appeal { by grounds decidedBy upheld }
  return { status carrierCode carrier trackingNumber returnAddress { name line1 line2 city region postalCode countryCode } prepaidLabel }
  replacement { status shipmentDueAt carrierCode carrier trackingNumber confirmationDueAt }
  refund { refundId status amount { amountMinor currency } }
  refundedMinor
  outcome { kind refund { amountMinor currency } }
  resolvedVia resolvedAt closedAt withdrawnAt
  deadlineExtensions { deadline requestId previousDueAt dueAt reason mediatorId }
`;

export interface DisputeView {
  id: string;
  status: string;
  reason: string;
  version: number;
  headHash: string;
  messageCount: number;
  availableActions: string[];
  whoseTurn: { role: string; reason: string; dueAt: string | null } | null;
  deadlines: { kind: string; dueAt: string }[];
  evidence: { evidenceId: string; sha256: string; kind: string; addedBy: string; sizeBytes: number | null; contentType: string | null }[];
  offers: { offerNumber: number; by: string; kind: string; status: string; amount: { amountMinor: number; currency: string } | null }[];
  informationRequests: { requestId: string; from: string; question: string; status: string; dueAt: string }[];
  mediation: { stage: string; reason: string; mediatorId: string | null; slaDueAt: string; slaBreached: boolean } | null;
  decision: { mediatorId: string; outcome: string; refund: { amountMinor: number } | null; appealDueAt: string | null } | null;
  appeal: { by: string; grounds: string; decidedBy: string | null; upheld: boolean | null } | null;
  return: {
    status: string;
    carrierCode: string | null;
    carrier: string | null;
    trackingNumber: string | null;
    returnAddress: Record<string, string | null> | null;
    prepaidLabel: string | null;
  } | null;
  replacement: { status: string; shipmentDueAt: string; carrierCode: string | null; carrier: string | null; trackingNumber: string | null; confirmationDueAt: string | null } | null;
  refund: { refundId: string; status: string; amount: { amountMinor: number } } | null;
  refundedMinor: number;
  outcome: { kind: string; refund: { amountMinor: number } | null } | null;
  resolvedVia: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  deadlineExtensions: { deadline: string; requestId: string | null; previousDueAt: string; dueAt: string; reason: string; mediatorId: string }[];
}

/**
 * Every dispute mutation of the schema (openDispute and registerOrder aside): the columns of the
 * authorization matrix, the fuzz run's commands and the audit's refusals. retryRefund is the
 * one that answers with a RefundRetry instead of the dispute (mutate selects its fields).
 */
export const MUTATIONS = [
  'respondToDispute',
  'postMessage',
  'addEvidence',
  'makeOffer',
  'acceptOffer',
  'rejectOffer',
  'escalateDispute',
  'withdrawDispute',
  'claimCase',
  'requestInformation',
  'answerInformationRequest',
  'issueDecision',
  'fileAppeal',
  'decideAppeal',
  'markReturnShipped',
  'confirmReturnReceived',
  'contestReturn',
  // The replacement sub-flow (edition 2).
  'markReplacementShipped',
  'confirmReplacementReceived',
  'reportReplacementProblem',
  // Settling at any stage and the mediator's full job (edition 2).
  'concedeDispute',
  'releaseCase',
  'reassignCase',
  'extendDeadline',
  // The operator's refund retry (SYSTEM only).
  'retryRefund',
] as const;
export type MutationName = (typeof MUTATIONS)[number];
/** The mutations that answer with the dispute. */
export type DisputeMutationName = Exclude<MutationName, 'retryRefund'>;

/** What retryRefund answers: the dispute's refund as the order left it, not the dispute. */
export interface RefundRetryView {
  disputeId: string;
  status: string;
  version: number;
  refund: { refundId: string; status: string } | null;
}
const REFUND_RETRY_FIELDS = 'disputeId status version refund { refundId status }';

const inputTypeOf = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}Input`;

/** Sends one dispute mutation over HTTP; the answer is the raw GraphQL response. */
export function mutate(url: string, token: string | undefined, name: 'retryRefund', input: Record<string, unknown>): Promise<GraphQLResponse<{ retryRefund: RefundRetryView }>>;
export function mutate(url: string, token: string | undefined, name: DisputeMutationName | 'openDispute', input: Record<string, unknown>): Promise<GraphQLResponse<Record<string, DisputeView>>>;
export function mutate(url: string, token: string | undefined, name: MutationName | 'openDispute', input: Record<string, unknown>): Promise<GraphQLResponse<Record<string, DisputeView | RefundRetryView>>>;
export function mutate(url: string, token: string | undefined, name: MutationName | 'openDispute', input: Record<string, unknown>): Promise<GraphQLResponse<Record<string, DisputeView | RefundRetryView>>> {
  const fields = name === 'retryRefund' ? REFUND_RETRY_FIELDS : DISPUTE_FIELDS;
  return graphql<Record<string, DisputeView | RefundRetryView>>(url, `mutation Run($input: ${inputTypeOf(name)}!) { ${name}(input: $input) { ${fields} } }`, { input }, token);
}

/** The mutation's dispute, failing the test with the errors when there are any. */
export async function ok(response: Promise<GraphQLResponse<Record<string, DisputeView>>>): Promise<DisputeView> {
  const answer = await response;
  if (answer.errors) throw new Error(`unexpected errors: ${JSON.stringify(answer.errors)}`);
  return Object.values(answer.data!)[0];
}

export async function readDispute(url: string, token: string, id: string): Promise<GraphQLResponse<{ dispute: DisputeView }>> {
  return graphql<{ dispute: DisputeView }>(url, `query Read($id: ID!) { dispute(id: $id) { ${DISPUTE_FIELDS} } }`, { id }, token);
}

const REGISTER_ORDER = `mutation Register($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }`;

/** An order as the feed registered it, with the photo its buyer uploaded to cite when opening. */
export type RegisteredOrder = OrderRecord & { openingPhoto: Citation };

/** Registers an order through the API as the order feed does, and uploads the buyer's photo of the problem (POST /evidence). */
export async function registerOrder(url: string, systemToken: string, overrides: Partial<OrderRecord> = {}): Promise<RegisteredOrder> {
  const order = anOrder(overrides);
  const response = await graphql(
    url,
    REGISTER_ORDER,
    {
      input: {
        orderId: order.orderId,
        buyerId: order.buyerId,
        sellerId: order.sellerId,
        amountPaid: { amountMinor: order.amountPaidMinor, currency: order.currency },
        shippedAt: order.shippedAt,
        deliveryDeadlineAt: order.deliveryDeadlineAt,
        deliveredAt: order.deliveredAt,
        returnAddress: order.returnAddress,
        policyLine: order.policyLine,
      },
    },
    systemToken,
  );
  if (response.errors) throw new Error(`order not registered: ${JSON.stringify(response.errors)}`);
  return { ...order, openingPhoto: await uploadEvidence(url, await tokenFor('BUYER', order.buyerId), 'cracked-screen') };
}

/** A NOT_AS_DESCRIBED opening asking for a partial refund of 20.00 EUR, citing the buyer's uploaded photo. */
export const openInput = (order: OrderRecord & { openingPhoto?: Citation }, overrides: Record<string, unknown> = {}) => {
  if (!order.openingPhoto && !('evidence' in overrides)) throw new Error('openInput: register the order with registerOrder (its buyer uploads the photo to cite), or pass evidence');
  return {
    orderId: order.orderId,
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'DAMAGED',
    description: 'The screen arrived cracked across the middle.',
    evidence: order.openingPhoto ? [order.openingPhoto] : [],
    requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 2000, currency: 'EUR' } },
    ...overrides,
  };
};

/** A ruling citing a clause of the default policy. */
export const ruling = (disputeId: string, overrides: Record<string, unknown> = {}) => ({
  disputeId,
  outcome: 'PARTIAL_REFUND',
  amount: { amountMinor: 1500, currency: 'EUR' },
  rationale: 'The photos show damage that a partial refund fairly covers.',
  citedEvidenceIds: [],
  citedPolicyClauses: ['NAD-2'],
  ...overrides,
});

/** Polls until `ready` holds (timers and refunds move on their own schedule). */
export async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ready(last)) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    last = await read();
  }
  return last;
}
