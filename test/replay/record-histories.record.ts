import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { commandSignals, disputeWorkflowId } from '../../libs/contracts/src';
import type { DisputeState } from '../../libs/domain/src';
import { OrderStore, orderFacts } from '../../libs/persistence/src';
import { NEVER, actors, calmPolicy, eventually, openDisputeWorkflow, send, sendWithFiles, shortPolicy, stateOf } from '../support/commands';
import { storeCommandAhead, storeDeadlineAhead, storeOpeningAhead } from '../support/stored-ahead';
import { catalogUpload } from '../support/evidence';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_ADDRESS, uniqueTaskQueue } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { patchIdsOf, scheduledActivitiesOf } from '../support/workflow-history';

/**
 * Records replay fixtures in test/replay/histories from the current workflow code. Not part of
 * `npm test`; run one recorder with
 *   npm run build && TEMPORAL_ADDRESS=... npx jest --selectProjects record --runInBand -t '<name>'
 * or, with a dev server of its own, `bash scripts/test.sh --selectProjects record -t '<name>'`
 * (no `--` before -t: jest would take `-t` and the name as path patterns and find no suite).
 * Fixtures are only ever added (docs/versioning.md): they stand for disputes running on the code
 * they were recorded from, so a recorder refuses to overwrite one; record new paths under new names.
 */
const HISTORIES = join(__dirname, 'histories');

function newFixture(name: string): string {
  const path = join(HISTORIES, `${name}.json`);
  if (existsSync(path)) throw new Error(`${path} exists: fixtures are only added, never re-recorded (docs/versioning.md)`);
  return path;
}

describe('recording replay fixtures', () => {
  const taskQueue = uniqueTaskQueue('record');
  let dataSource: DataSource;
  let client: Client;
  let worker: RunningWorker;
  let orders: OrderStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    client = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    orders = new OrderStore(dataSource);
  });
  afterAll(async () => {
    await worker.stop();
    await client.connection.close();
    await dataSource.destroy();
  });

  const completed = (disputeId: string) =>
    eventually(async () => (await client.workflow.getHandle(disputeWorkflowId(disputeId)).describe()).status.name, (status) => status === 'COMPLETED');

  /** Through the same script operators use to capture a live case. */
  function record(disputeId: string, name: string): void {
    execFileSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'scripts', 'record-history.js'), disputeWorkflowId(disputeId), newFixture(name)], {
      env: { ...process.env, TEMPORAL_ADDRESS },
    });
  }

  it('records a mediated case with an information request, an appeal and a refund', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: 300, mediationSlaMs: 1000 }) });
    await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    await send(client, disputeId, { type: 'RequestInformation', actor: who.mediator, data: { requestId: 'q-1', from: 'BUYER', question: 'Photo of the label?' } });
    await send(client, disputeId, { type: 'AnswerInformationRequest', actor: who.buyer, data: { requestId: 'q-1', answer: 'Attached.' } });
    await send(client, disputeId, { type: 'IssueDecision', actor: who.mediator, data: { outcome: 'NO_REFUND', rationale: 'Tracking shows delivery.', citedEvidenceIds: [], citedPolicyClauses: ['NR-2'] } });
    await send(client, disputeId, { type: 'FileAppeal', actor: who.buyer, data: { grounds: 'The tracking shows a different city.' } });
    await send(client, disputeId, { type: 'ClaimCase', actor: who.appealMediator, data: {} });
    await send(client, disputeId, { type: 'DecideAppeal', actor: who.appealMediator, data: { outcome: 'FULL_REFUND', rationale: 'Delivered to the wrong city.', citedEvidenceIds: [], citedPolicyClauses: ['NR-1'] } });
    await completed(disputeId);
    record(disputeId, 'mediation-appeal-refund');
    expect((await stateOf(client, disputeId)).status).toBe('CLOSED');
  });

  it('records a negotiation with signals (one repeated, one refused), a return and an automatic refund', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, {
      policy: shortPolicy({ returnShipmentWindowMs: NEVER, returnReceiptWindowMs: 800 }),
      requestedResolution: { kind: 'RETURN_AND_REFUND' },
      photo: await catalogUpload(dataSource, who.buyer, 'different colour'),
    });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } } });
    await handle.signal(commandSignals.PostMessage, { actor: who.buyer, data: { messageId: 's-1', body: 'I prefer to return it.' }, commandId: 'sig-1' });
    await handle.signal(commandSignals.PostMessage, { actor: who.buyer, data: { messageId: 's-2', body: 'Repeated id' }, commandId: 'sig-1' });
    await handle.signal(commandSignals.IssueDecision, { actor: who.mediator, data: {} });
    await eventually(() => stateOf(client, disputeId), (s) => s.messageCount === 1);
    const offer = (await stateOf(client, disputeId)).offers.find((o) => o.by === 'BUYER' && o.status === 'OPEN')!;
    await send(client, disputeId, { type: 'AcceptOffer', actor: who.seller, data: { offerNumber: offer.offerNumber } });
    await send(client, disputeId, { type: 'MarkReturnShipped', actor: who.buyer, data: { carrier: 'DHL', trackingNumber: 'RT123' } });
    await completed(disputeId);
    record(disputeId, 'negotiation-return-auto-refund');
    expect((await stateOf(client, disputeId)).status).toBe('CLOSED');
  });

  it('records a long case across continue-as-new, ending in a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER }), tuning: { continueAsNewAfterHistoryEvents: 60 } });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    const firstRunId = (await handle.describe()).runId;
    for (let index = 0; index < 12; index += 1) {
      await send(client, disputeId, { type: 'PostMessage', actor: index % 2 ? who.seller : who.buyer, data: { messageId: `m-${index}`, body: `Message ${index}` } }, `m-${index}`);
    }
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel arrived.' } });
    await completed(disputeId);
    const firstRun = await client.workflow.getHandle(disputeWorkflowId(disputeId), firstRunId).fetchHistory();
    writeFileSync(newFixture('continued-as-new-first-run'), `${historyToJSON(firstRun)}\n`);
    record(disputeId, 'withdrawn-after-continue-as-new');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
  });

  it('records an outbox-era case: notifications through the outbox, messages across continue-as-new, an accepted offer and a refund', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER }), tuning: { continueAsNewAfterHistoryEvents: 40 } });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    const firstRunId = (await handle.describe()).runId;
    await send(client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1200, currency: 'EUR' } } } });
    for (let index = 0; index < 8; index += 1) {
      await send(client, disputeId, { type: 'PostMessage', actor: index % 2 ? who.seller : who.buyer, data: { messageId: `o-${index}`, body: `Message ${index}` } }, `o-${index}`);
    }
    const offer = (await stateOf(client, disputeId)).offers.find((o) => o.by === 'SELLER' && o.status === 'OPEN')!;
    await send(client, disputeId, { type: 'AcceptOffer', actor: who.buyer, data: { offerNumber: offer.offerNumber } });
    await completed(disputeId);
    const firstRun = await client.workflow.getHandle(disputeWorkflowId(disputeId), firstRunId).fetchHistory();
    writeFileSync(newFixture('outbox-first-run'), `${historyToJSON(firstRun)}\n`);
    record(disputeId, 'outbox-refund-after-continue-as-new');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect((await stateOf(client, disputeId)).status).toBe('CLOSED');
  });

  it('records a case citing uploads: evidence by Update and by signal (the catalog read by an activity), a foreign file refused', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, {
      policy: shortPolicy({ returnShipmentWindowMs: NEVER, returnReceiptWindowMs: 800 }),
      requestedResolution: { kind: 'RETURN_AND_REFUND' },
      photo: await catalogUpload(dataSource, who.buyer, 'opening photo'),
    });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    const packing = await catalogUpload(dataSource, who.seller, 'packing', 'DOCUMENT');
    await send(client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } } });
    await sendWithFiles(client, disputeId, { type: 'AddEvidence', actor: who.seller, data: { evidence: [packing.citation] } }, [packing.file]);
    const label = await catalogUpload(dataSource, who.buyer, 'label');
    await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: [label.citation] }, commandId: 'sig-label' });
    await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: [packing.citation] }, commandId: 'sig-foreign' });
    await eventually(() => stateOf(client, disputeId), (s) => s.evidence.length === 3);
    const offer = (await stateOf(client, disputeId)).offers.find((o) => o.by === 'BUYER' && o.status === 'OPEN')!;
    await send(client, disputeId, { type: 'AcceptOffer', actor: who.seller, data: { offerNumber: offer.offerNumber } });
    await send(client, disputeId, { type: 'MarkReturnShipped', actor: who.buyer, data: { carrier: 'DHL', trackingNumber: 'RT124' } });
    await completed(disputeId);
    record(disputeId, 'evidence-catalog-update-and-signal');
    expect((await stateOf(client, disputeId)).evidence.map((item) => item.evidenceId)).toEqual([expect.any(String), packing.citation.evidenceId, label.citation.evidenceId]);
  });

  // Rulebook edition 2 (the `rulebook-v2` patch): each of these histories carries the patch's
  // marker on its first batch and the second edition's events, so a later change to how those
  // events are decided, or to the timers they move, is caught by the replay test.

  it('records rulebook-v2-concession-in-mediation: an escalation by the clock, an extended SLA, a release, a SYSTEM reassignment (signals) and a concession', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    // An SLA long enough not to fire while the recorder works; the extension moves its timer.
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: 300, mediationSlaMs: 30_000 }) });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    const escalated = await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    expect(escalated.mediation?.reason).toBe('SELLER_NO_RESPONSE');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    const newDue = new Date(Date.parse(escalated.mediation!.slaDueAt) + 30_000).toISOString();
    await handle.signal(commandSignals.ExtendDeadline, { actor: who.mediator, data: { deadline: 'MEDIATION_SLA', dueAt: newDue, reason: 'Waiting for the courier\u2019s answer.' }, commandId: 'sig-extend' });
    await eventually(() => stateOf(client, disputeId), (s) => s.mediation?.slaDueAt === newDue);
    await send(client, disputeId, { type: 'ReleaseCase', actor: who.mediator, data: { reason: 'I know the seller.' } });
    await handle.signal(commandSignals.ReassignCase, { actor: { role: 'SYSTEM', id: 'workforce' }, data: { mediatorId: who.appealMediator.id, reason: 'Next in line.' }, commandId: 'sig-reassign' });
    await eventually(() => stateOf(client, disputeId), (s) => s.mediation?.mediatorId === who.appealMediator.id);
    await send(client, disputeId, { type: 'ConcedeDispute', actor: who.seller, data: { remedy: 'FULL_REFUND', message: 'You are right, sorry.' } });
    await completed(disputeId);
    record(disputeId, 'rulebook-v2-concession-in-mediation');
    expect(await stateOf(client, disputeId)).toMatchObject({
      status: 'CLOSED',
      resolvedVia: 'CONCESSION',
      deadlineExtensions: [expect.objectContaining({ deadline: 'MEDIATION_SLA', dueAt: newDue, mediatorId: who.mediator.id })],
      refund: { status: 'SUCCEEDED' },
    });
  });

  it('records rulebook-v2-replacement: a replacement agreed, shipped with a checked tracking number and confirmed', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    // The sub-flow's windows are armed (their timers are recorded) but never fire here.
    const policy = shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER, replacementShipmentWindowMs: 30_000, replacementConfirmationWindowMs: 30_000 });
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy, requestedResolution: { kind: 'REPLACEMENT' } });
    await send(client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'ACCEPT_REQUEST' } });
    const shipped = await send(client, disputeId, { type: 'MarkReplacementShipped', actor: who.seller, data: { carrierCode: 'DHL', trackingNumber: 'jd0146-0000-3828' } });
    expect(shipped.state).toMatchObject({ status: 'REPLACEMENT_IN_TRANSIT', replacement: { carrierCode: 'DHL', trackingNumber: 'JD014600003828' } });
    await send(client, disputeId, { type: 'ConfirmReplacementReceived', actor: who.buyer, data: {} });
    await completed(disputeId);
    record(disputeId, 'rulebook-v2-replacement');
    expect(await stateOf(client, disputeId)).toMatchObject({ status: 'CLOSED', outcome: { kind: 'REPLACEMENT', refund: null }, resolvedVia: 'AGREEMENT', replacement: { status: 'RECEIVED' } });
  });

  it('records rulebook-v2-refund-retry: a refund declined until the automatic retries ran out, then a SYSTEM retry (signal) that succeeds', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    // One automatic retry (a short timer) before the saga gives up.
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: NEVER }), tuning: { refundRetryDelaysMs: [300] } });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    // Another channel refunded the whole order: the payment port declines the dispute's refund.
    await dataSource.query('UPDATE orders SET amount_refunded_minor = amount_paid_minor WHERE order_id = $1', [order.orderId]);
    await send(client, disputeId, { type: 'RespondToDispute', actor: who.seller, data: { response: 'ACCEPT_REQUEST' } });
    await eventually(() => stateOf(client, disputeId), (s) => s.refund?.status === 'FAILED' && s.refund.attempts === 2);
    await dataSource.query('UPDATE orders SET amount_refunded_minor = 0 WHERE order_id = $1', [order.orderId]);
    await handle.signal(commandSignals.RetryRefund, { actor: { role: 'SYSTEM', id: 'ops-console' }, data: { reason: 'The other refund was reversed.' }, commandId: 'sig-retry' });
    await completed(disputeId);
    record(disputeId, 'rulebook-v2-refund-retry');
    expect((await stateOf(client, disputeId)).refund).toMatchObject({ status: 'SUCCEEDED', refundId: `${disputeId}:refund:3`, attempts: 3 });
  });

  // The `steady-wake-timer` patch: one timer for the next wake-up, kept across state changes.

  it('records steady-wake-timer: no grace timer for an accepted opening, one timer kept across messages, fired by the clock, moved by an extension, disarmed at the close', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    // Long enough for three messages under the seller-response timer, short enough to fire here.
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy: shortPolicy({ sellerResponseWindowMs: 4_000, mediationSlaMs: 30_000 }) });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    for (const n of [1, 2, 3]) await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: `m-${n}`, body: `Still waiting (${n}).` } });
    const escalated = await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    const newDue = new Date(Date.parse(escalated.mediation!.slaDueAt) + 30_000).toISOString();
    await handle.signal(commandSignals.ExtendDeadline, { actor: who.mediator, data: { deadline: 'MEDIATION_SLA', dueAt: newDue, reason: 'Waiting for the courier\u2019s answer.' }, commandId: 'sig-extend' });
    await eventually(() => stateOf(client, disputeId), (s) => s.mediation?.slaDueAt === newDue);
    await send(client, disputeId, { type: 'PostMessage', actor: who.mediator, data: { messageId: 'm-4', body: 'I have asked the courier.' } });
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel turned up.' } });
    await completed(disputeId);
    record(disputeId, 'steady-wake-timer');
    const history = await handle.fetchHistory();
    const { EventType } = temporal.api.enums.v1;
    const timerEvents = { [EventType.EVENT_TYPE_TIMER_STARTED]: 'started', [EventType.EVENT_TYPE_TIMER_FIRED]: 'fired', [EventType.EVENT_TYPE_TIMER_CANCELED]: 'cancelled' } as Record<number, string>;
    const timers = (history.events ?? []).flatMap((event) => (event.eventType && timerEvents[event.eventType] ? [timerEvents[event.eventType]] : []));
    // No grace timer for an accepted opening; the seller-response window (kept through three
    // messages, then fired), the SLA (kept through the claim, moved by the extension) and the
    // extended SLA (kept through a message, disarmed by the withdrawal).
    expect(timers).toEqual(['started', 'fired', 'started', 'started', 'cancelled', 'cancelled']);
    expect(await stateOf(client, disputeId)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('records consolidated-patches: one marker for the five patches, citations by Update and by signal, escalated by the clock, an extension by signal, a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, {
      policy: shortPolicy({ sellerResponseWindowMs: 4_000, mediationSlaMs: 30_000 }),
      photo: await catalogUpload(dataSource, who.buyer, 'opening photo'),
    });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Still waiting.' } });
    const label = await catalogUpload(dataSource, who.buyer, 'label');
    await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: [label.citation] }, commandId: 'sig-label' });
    await eventually(() => stateOf(client, disputeId), (s) => s.evidence.some((item) => item.evidenceId === label.citation.evidenceId));
    const escalated = await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    const newDue = new Date(Date.parse(escalated.mediation!.slaDueAt) + 30_000).toISOString();
    await handle.signal(commandSignals.ExtendDeadline, { actor: who.mediator, data: { deadline: 'MEDIATION_SLA', dueAt: newDue, reason: 'Waiting for the courier\u2019s answer.' }, commandId: 'sig-extend' });
    await eventually(() => stateOf(client, disputeId), (s) => s.mediation?.slaDueAt === newDue);
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel turned up.' } });
    await completed(disputeId);
    record(disputeId, 'consolidated-patches');
    const events = (await handle.fetchHistory()).events ?? [];
    const patches = patchIdsOf(events);
    expect(patches).toEqual(['consolidated-patches']);
    expect(await stateOf(client, disputeId)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('records deadline-in-one-task: an escalation a failed task stored ahead (caught up), a claim, the SLA breached by the clock in one task, a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const policy = shortPolicy({ sellerResponseWindowMs: 4_000, mediationSlaMs: 6_000 });
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Still waiting.' } });
    // The seller's window ends with its escalation already stored, as a failed task's local append leaves it.
    const ahead = await storeDeadlineAhead(dataSource, disputeId, (await stateOf(client, disputeId)) as DisputeState, { order: orderFacts(order), policy });
    const escalated = await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    expect(escalated.mediation?.slaDueAt).toBe(ahead.next.mediation?.slaDueAt);
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    // The SLA breached by the clock: a deadline stored in its timer's task.
    await eventually(() => stateOf(client, disputeId), (s) => s.mediation?.slaBreached === true);
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel turned up.' } });
    await completed(disputeId);
    record(disputeId, 'deadline-in-one-task');
    const events = (await handle.fetchHistory()).events ?? [];
    const activities = scheduledActivitiesOf(events);
    expect(activities).toContain('storedEventsAfter');
    expect(events.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity').length).toBeGreaterThanOrEqual(2);
  });

  it('records consolidated-patches-2: one marker for every patch, an opening stored ahead by a failed first task (adopted), a message, escalated by the clock in one task, a claim, a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const policy = shortPolicy({ sellerResponseWindowMs: 3_000, mediationSlaMs: NEVER });
    const disputeId = randomUUID();
    const commandId = randomUUID();
    await storeOpeningAhead(dataSource, order, disputeId, commandId, policy);
    await openDisputeWorkflow(client, taskQueue, order, { disputeId, commandId, policy });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Still waiting.' } });
    await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel turned up.' } });
    await completed(disputeId);
    record(disputeId, 'consolidated-patches-2');
    const events = (await handle.fetchHistory()).events ?? [];
    const patches = patchIdsOf(events);
    expect(patches).toEqual(['consolidated-patches-2']);
    expect(scheduledActivitiesOf(events)).toEqual(['storedEventsAfter', 'appendEvents', 'appendEvents', 'appendEvents']);
  });

  it('records opening-adopted-after-grace: a refused opening, the grace run out, an opening found stored and adopted, a message, a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const disputeId = randomUUID();
    await storeOpeningAhead(dataSource, order, disputeId, randomUUID(), calmPolicy);
    await openDisputeWorkflow(client, taskQueue, order, { disputeId, policy: calmPolicy, description: '   ', tuning: { openingGraceMs: 500 } }).catch(() => undefined);
    await eventually(() => stateOf(client, disputeId), (s) => s.version === 2);
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Hello?' } });
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'Sorted out with the seller.' } });
    await completed(disputeId);
    record(disputeId, 'opening-adopted-after-grace');
    expect(await stateOf(client, disputeId)).toMatchObject({ status: 'WITHDRAWN', version: 4 });
  });

  it('records command-in-one-task: one marker (the third), a message stored in its task, a message whose Update was lost (adopted by the next command, its retry answered from memory), escalated by the clock, a claim, a withdrawal', async () => {
    const order = await orders.register(anOrder());
    const who = actors(order);
    const policy = shortPolicy({ sellerResponseWindowMs: 3_000, mediationSlaMs: NEVER });
    const { disputeId } = await openDisputeWorkflow(client, taskQueue, order, { policy });
    const handle = client.workflow.getHandle(disputeWorkflowId(disputeId));
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-1', body: 'Still waiting.' } });
    const lost = { type: 'PostMessage' as const, actor: who.buyer, data: { messageId: 'm-2', body: 'Anyone there?' } };
    const lostCommandId = `BUYER:${who.buyer.id}:lost-1`;
    await storeCommandAhead(dataSource, disputeId, (await stateOf(client, disputeId)) as DisputeState, lost, lostCommandId, { order: orderFacts(order), policy });
    await send(client, disputeId, { type: 'PostMessage', actor: who.buyer, data: { messageId: 'm-3', body: 'Hello?' } });
    expect((await send(client, disputeId, lost, lostCommandId)).recordedSequences).toEqual([4]);
    await eventually(() => stateOf(client, disputeId), (s) => s.status === 'UNDER_MEDIATION');
    await send(client, disputeId, { type: 'ClaimCase', actor: who.mediator, data: {} });
    await send(client, disputeId, { type: 'WithdrawDispute', actor: who.buyer, data: { reason: 'The parcel turned up.' } });
    await completed(disputeId);
    record(disputeId, 'command-in-one-task');
    const events = (await handle.fetchHistory()).events ?? [];
    const patches = patchIdsOf(events);
    expect(patches).toEqual(['consolidated-patches-3']);
    expect(scheduledActivitiesOf(events)).toEqual(['storedEventsAfter']);
  });
});
