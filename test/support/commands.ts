import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { defaultPolicy, type Actor, type DisputeCommand, type Policy, type UploadedFile } from '../../libs/domain/src';
import type { Citation } from './evidence';
import { anOrder } from './fixtures';
import type { DisputeWorkerSuite } from './temporal';
import { disputeStateQuery, disputeWorkflowId, executeCommandUpdate, type CommandResult, type DisputeWorkflowInput, type WorkflowTuning } from '../../libs/contracts/src';
import { sendCommandUpdate } from '../../libs/contracts/src/command-client';
import { OrderStore, orderFacts, type OrderRecord } from '../../libs/persistence/src';
import type { disputeWorkflow } from '../../workflows';

export interface OpeningOptions {
  disputeId?: string;
  description?: string;
  commandId?: string;
  policy?: Policy;
  tuning?: WorkflowTuning;
  requestedResolution?: { kind: 'FULL_REFUND' | 'PARTIAL_REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT'; amount?: { amountMinor: number; currency: string } };
  /** The buyer's upload a NOT_AS_DESCRIBED opening (a return) cites (catalogUpload). */
  photo?: { citation: Citation; file: UploadedFile };
}

/** The buyer's opening command as `openDisputeWorkflow` sends it. */
export function openingCommand(order: OrderRecord, disputeId: string, options: OpeningOptions = {}): Extract<DisputeCommand, { type: 'OpenDispute' }> {
  return {
    type: 'OpenDispute',
    actor: { role: 'BUYER', id: order.buyerId },
    data: {
      disputeId,
      orderId: order.orderId,
      // A return only makes sense for an item that arrived, so those disputes are NOT_AS_DESCRIBED.
      ...(options.requestedResolution?.kind === 'RETURN_AND_REFUND'
        ? { reason: 'NOT_AS_DESCRIBED' as const, description: options.description ?? 'The jacket is a different colour.', evidence: options.photo ? [options.photo.citation] : [] }
        : { reason: 'NOT_RECEIVED' as const, description: options.description ?? 'The parcel has not moved for a week.', evidence: [] }),
      requestedResolution: options.requestedResolution ?? { kind: 'FULL_REFUND' },
    },
  };
}

/** Opens a dispute the way the API does: update-with-start on the dispute's workflow. */
export function openDisputeWorkflow(client: Client, taskQueue: string, order: OrderRecord, options: OpeningOptions = {}): Promise<CommandResult> {
  if (options.requestedResolution?.kind === 'RETURN_AND_REFUND' && !options.photo) throw new Error('a return needs a NOT_AS_DESCRIBED opening, which cites the buyer\u2019s photo: pass options.photo (catalogUpload)');
  const disputeId = options.disputeId ?? randomUUID();
  const input: DisputeWorkflowInput = { disputeId, order: orderFacts(order), policy: options.policy ?? defaultPolicy, ...(options.tuning ? { tuning: options.tuning } : {}) };
  const commandId = options.commandId ?? randomUUID();
  return client.workflow.executeUpdateWithStart(executeCommandUpdate, {
    args: [
      {
        commandId,
        // What the API reads from the catalog for the files the opening cites.
        ...(options.photo ? { evidenceFiles: [options.photo.file] } : {}),
        command: openingCommand(order, disputeId, options),
      },
    ],
    updateId: commandId,
    startWorkflowOperation: new WithStartWorkflowOperation<typeof disputeWorkflow>('disputeWorkflow', {
      workflowId: disputeWorkflowId(disputeId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}

/** Sends one command to a running dispute as the API does (a validated Update). */
export function send(client: Client, disputeId: string, command: DisputeCommand, commandId: string = randomUUID()): Promise<CommandResult> {
  return sendCommandUpdate(client.workflow.getHandle(disputeWorkflowId(disputeId)), { command, commandId });
}

/** Sends a command citing files, with the catalog's facts of them as the API hands them over. */
export function sendWithFiles(client: Client, disputeId: string, command: DisputeCommand, evidenceFiles: UploadedFile[], commandId: string = randomUUID()): Promise<CommandResult> {
  return sendCommandUpdate(client.workflow.getHandle(disputeWorkflowId(disputeId)), { command, commandId, evidenceFiles });
}

export const stateOf = (client: Client, disputeId: string) => client.workflow.getHandle(disputeWorkflowId(disputeId)).query(disputeStateQuery);

/** Polls the workflow's state until `ready` holds (timers fire on their own schedule). */
export async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ready(last)) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

export const actors = (order: OrderRecord) => ({
  buyer: { role: 'BUYER', id: order.buyerId } as Actor,
  seller: { role: 'SELLER', id: order.sellerId } as Actor,
  mediator: { role: 'MEDIATOR', id: 'mediator-maria' } as Actor,
  appealMediator: { role: 'MEDIATOR', id: 'mediator-mike' } as Actor,
});

const SECOND = 1000;

/** The default policy with every window shrunk to seconds, so each timer path runs in a test. */
export function shortPolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    ...defaultPolicy,
    version: 'test-seconds',
    sellerResponseWindowMs: 2 * SECOND,
    negotiationWindowMs: 2 * SECOND,
    mediationSlaMs: 2 * SECOND,
    informationRequestDefaultMs: 2 * SECOND,
    informationRequestMinMs: 1 * SECOND,
    appealWindowMs: 2 * SECOND,
    returnShipmentWindowMs: 2 * SECOND,
    returnReceiptWindowMs: 2 * SECOND,
    replacementShipmentWindowMs: 2 * SECOND,
    replacementConfirmationWindowMs: 2 * SECOND,
    ...overrides,
  };
}

/** A window long enough that it never fires during a test. */
export const NEVER = 24 * 60 * 60 * SECOND;

/** Windows that never close within a test: only the commands sent move the dispute. */
export const calmPolicy = shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER, mediationSlaMs: NEVER });

/** A fresh order and a dispute opened on it with the calm policy, with its people and workflow handle. */
export async function openCalmDispute(suite: Pick<DisputeWorkerSuite, 'client' | 'dataSource' | 'taskQueue'>) {
  const order = await new OrderStore(suite.dataSource).register(anOrder());
  const opened = await openDisputeWorkflow(suite.client, suite.taskQueue, order, { policy: calmPolicy });
  return { order, disputeId: opened.disputeId, who: actors(order), handle: suite.client.workflow.getHandle(disputeWorkflowId(opened.disputeId)) };
}

/** The fields of each search-attribute upsert a run recorded, in order, with their values; the SDK's own record of patches (TemporalChangeVersion) left out. */
export async function searchAttributeUpsertsOf(client: Client, disputeId: string, runId?: string): Promise<Record<string, unknown>[]> {
  const history = await client.workflow.getHandle(disputeWorkflowId(disputeId), runId).fetchHistory();
  return (history.events ?? [])
    .map((event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields)
    .filter((fields): fields is NonNullable<typeof fields> => fields !== null && fields !== undefined)
    .map((fields) => Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'TemporalChangeVersion').map(([key, payload]) => [key, JSON.parse(Buffer.from(payload.data!).toString())])))
    .filter((fields) => Object.keys(fields).length > 0);
}
