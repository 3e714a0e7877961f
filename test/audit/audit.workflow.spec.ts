import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { compareProjections, disputeAsOf, disputeTimeline, rebuildProjections, verifyDisputeHistory } from '../../libs/audit/src';
import { replayWorkflows } from '../../libs/audit/src/workflow-replay';
import { disputeStateQuery, disputeWorkflowId, executeCommandUpdate, type CommandResult } from '../../libs/contracts/src';
import { fold, withPinnedPolicy, type Actor, type DisputeCommand, type DisputeEvent, type DisputeState } from '../../libs/domain/src';
import { OrderStore, readStream, type OrderRecord } from '../../libs/persistence/src';
import { openDisputeWorkflow } from '../support/commands';
import { compiled } from '../support/compiled';
import { TEMPORAL_ADDRESS } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { withDisputeWorker, workflowBundle } from '../support/temporal';
import { runScript } from './support/recorded';

type Step = (parties: { buyer: Actor; seller: Actor }) => DisputeCommand;

/** A dispute through mediation and an appeal decided by a second mediator; the workflow then refunds and closes it itself. */
const LIFECYCLE: Step[] = [
  ({ seller }) => ({ type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1500, currency: 'EUR' } } } }),
  ({ buyer }) => ({ type: 'PostMessage', actor: buyer, data: { messageId: 'm-1', body: 'Half is not enough, nothing arrived.' } }),
  ({ buyer }) => ({ type: 'RejectOffer', actor: buyer, data: { offerNumber: 2, reason: 'Too low.' } }),
  ({ buyer }) => ({ type: 'EscalateDispute', actor: buyer, data: { note: 'The seller will not refund.' } }),
  () => ({ type: 'ClaimCase', actor: { role: 'MEDIATOR', id: 'mediator-ana' }, data: {} }),
  () => ({ type: 'RequestInformation', actor: { role: 'MEDIATOR', id: 'mediator-ana' }, data: { requestId: 'r-1', from: 'SELLER', question: 'Tracking number?' } }),
  ({ seller }) => ({ type: 'AnswerInformationRequest', actor: seller, data: { requestId: 'r-1', answer: 'We have none.' } }),
  () => ({ type: 'IssueDecision', actor: { role: 'MEDIATOR', id: 'mediator-ana' }, data: { outcome: 'FULL_REFUND', rationale: 'No proof of delivery.', citedEvidenceIds: [], citedPolicyClauses: ['NR-1'] } }),
  ({ seller }) => ({ type: 'FileAppeal', actor: seller, data: { grounds: 'The courier confirms delivery today.' } }),
  () => ({ type: 'ClaimCase', actor: { role: 'MEDIATOR', id: 'mediator-ben' }, data: {} }),
  () => ({ type: 'DecideAppeal', actor: { role: 'MEDIATOR', id: 'mediator-ben' }, data: { outcome: 'FULL_REFUND', rationale: 'Delivery is still unproven.', citedEvidenceIds: [], citedPolicyClauses: ['NR-1'] } }),
];

function send(client: Client, disputeId: string, command: DisputeCommand): Promise<CommandResult> {
  return client.workflow.getHandle(disputeWorkflowId(disputeId)).executeUpdate(executeCommandUpdate, { args: [{ command, commandId: randomUUID() }] });
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('auditing disputes run by the real workflow on Temporal and PostgreSQL', () => {
  const suite = withDisputeWorker('audit');
  const { taskQueue } = suite;
  let orders: OrderStore;

  beforeAll(async () => {
    orders = new OrderStore(suite.dataSource);
  });

  const openOn = async (order: OrderRecord) => {
    await orders.register(order);
    return openDisputeWorkflow(suite.client, taskQueue, order);
  };

  describe('a full lifecycle', () => {
    let disputeId: string;
    const reported = new Map<number, DisputeState>();

    beforeAll(async () => {
      const order = anOrder();
      const parties = { buyer: { role: 'BUYER', id: order.buyerId } as Actor, seller: { role: 'SELLER', id: order.sellerId } as Actor };
      const opened = await openOn(order);
      disputeId = opened.disputeId;
      reported.set(opened.recordedSequences.at(-1)!, withPinnedPolicy(opened.state, null));
      for (const step of LIFECYCLE) {
        const result = await send(suite.client, disputeId, step(parties));
        // Answers after the opening leave out the pinned policy, which the opening's answer carries.
        reported.set(result.recordedSequences.at(-1)!, withPinnedPolicy(result.state, opened.state.policy ?? null));
      }
      // The refund and the closing are the workflow's own commands: its state query reports them.
      const handle = suite.client.workflow.getHandle(disputeWorkflowId(disputeId));
      const closed = await eventually(() => handle.query(disputeStateQuery), (state) => state.status === 'CLOSED');
      reported.set(closed.version, closed);
    }, 60_000);

    it('ends closed, with a history whose chain verifies', async () => {
      expect([...reported.values()].at(-1)!.status).toBe('CLOSED');
      const verification = await verifyDisputeHistory(suite.dataSource, disputeId);
      expect(verification).toMatchObject({ valid: true, length: Math.max(...reported.keys()), firstBrokenSequence: null });
      expect(verification!.projection).toEqual({ version: verification!.length, headHash: verification!.headHash });
    });

    it('disputeAsOf at every step equals the state the workflow reported then, and at every sequence the fold of the prefix', async () => {
      for (const [sequence, state] of reported) {
        expect((await disputeAsOf(suite.dataSource, disputeId, { sequence }))!.state).toEqual(state);
      }
      const events = (await readStream(suite.dataSource, disputeId)).map((event) => ({ type: event.type, data: event.payload }) as DisputeEvent);
      for (let sequence = 1; sequence <= events.length; sequence += 1) {
        expect((await disputeAsOf(suite.dataSource, disputeId, { sequence }))!.state).toEqual(fold(events.slice(0, sequence)));
      }
      const escalated = [...reported].find(([, state]) => state.status === 'UNDER_MEDIATION')![0];
      const before = await disputeAsOf(suite.dataSource, disputeId, { sequence: escalated - 1 });
      expect(before!.parties.find((p) => p.party === 'MEDIATOR')!.canRead).toBe(false);
      const after = await disputeAsOf(suite.dataSource, disputeId, { sequence: escalated });
      expect(after!.parties.find((p) => p.party === 'MEDIATOR')).toMatchObject({ canRead: true, theirTurn: true });
    });

    it('has a timeline whose statuses are the ones the workflow went through', async () => {
      const timeline = await disputeTimeline(suite.dataSource, disputeId);
      for (const [sequence, state] of reported) expect(timeline!.entries[sequence - 1].status).toBe(state.status);
      expect(timeline!.entries.map((entry) => entry.actor.role)).toEqual(expect.arrayContaining(['BUYER', 'SELLER', 'MEDIATOR', 'SYSTEM']));
      expect(timeline!.entries.map((entry) => entry.type).slice(-3)).toEqual(['RefundRequested', 'RefundSucceeded', 'DisputeClosed']);
    });

    it('replays its real workflow history against the current code without non-determinism', async () => {
      const report = await replayWorkflows({ client: suite.client, workflows: { workflowBundle: await workflowBundle() }, target: { disputeId } });
      expect(report.results).toEqual([expect.objectContaining({ workflowId: disputeWorkflowId(disputeId), ok: true, nondeterministic: false, error: null })]);
      expect(report.failures).toBe(0);
    });

    it('reports non-determinism when the workflow code changed incompatibly', async () => {
      const altered = await bundleWorkflowCode({ workflowsPath: require.resolve('./support/altered-workflows'), logger: Runtime.instance().logger });
      const report = await replayWorkflows({ client: suite.client, workflows: { workflowBundle: altered }, target: { disputeId } });
      expect(report.failures).toBe(1);
      expect(report.results[0]).toMatchObject({ workflowId: disputeWorkflowId(disputeId), ok: false, nondeterministic: true });
      expect(report.results[0].error).toMatch(/DeterminismViolationError/);
    });

    it('runs the replay as a command: exit 0 for sound histories, 1 when nothing matched', async () => {
      const env = { TEMPORAL_ADDRESS };
      const replayed = await runScript(compiled('scripts/audit/replay-workflows.js'), ['--dispute', disputeId], env);
      // The deployed workflow code: the bundle the build wrote and the worker loads.
      expect(replayed.stdout).toContain(`workflow code: prebuilt bundle ${compiled('workflows/bundle.js')}`);
      expect(replayed.stdout).toContain(`OK     ${disputeWorkflowId(disputeId)}`);
      expect(replayed.code).toBe(0);
      const none = await runScript(compiled('scripts/audit/replay-workflows.js'), ['--query', `WorkflowId = 'no-such-${randomUUID()}'`], env);
      expect(none.code).toBe(1);
      expect((await runScript(compiled('scripts/audit/replay-workflows.js'), ['--query', `WorkflowId = 'no-such-${randomUUID()}'`, '--allow-empty'], env)).code).toBe(0);
    }, 120_000);
  });

  describe('after a busy run', () => {
    const disputeIds: string[] = [];

    beforeAll(async () => {
      // Ten disputes at once, each taking commands concurrently (the workflow serialises them).
      await Promise.all(
        Array.from({ length: 10 }, async (_, n) => {
          const order = anOrder();
          const buyer: Actor = { role: 'BUYER', id: order.buyerId };
          const seller: Actor = { role: 'SELLER', id: order.sellerId };
          const { disputeId } = await openOn(order);
          disputeIds.push(disputeId);
          if (n % 5 === 4) return; // some stay OPEN
          await send(suite.client, disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'ACCEPT_REQUEST' } }).catch(() =>
            send(suite.client, disputeId, { type: 'RespondToDispute', actor: seller, data: { response: 'COUNTER_OFFER', offer: { kind: 'REPLACEMENT' } } }),
          );
          await Promise.all(
            Array.from({ length: 4 }, (_, m) => send(suite.client, disputeId, { type: 'PostMessage', actor: m % 2 ? buyer : seller, data: { messageId: `m-${m}`, body: `message ${m}` } }).catch(() => null)),
          );
          if (n % 3 === 0) await send(suite.client, disputeId, { type: 'WithdrawDispute', actor: buyer, data: {} }).catch(() => null);
        }),
      );
      // Let the workflows finish what they do on their own (refunds of agreed disputes).
      await eventually(
        () => suite.dataSource.query(`SELECT count(*)::int AS busy FROM disputes WHERE dispute_id = ANY($1::uuid[]) AND status IN ('AGREED', 'RESOLVED')`, [disputeIds]),
        ([{ busy }]: { busy: number }[]) => busy === 0,
      );
    }, 90_000);

    it('rebuilds projections from the events that equal the live ones', async () => {
      const report = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds });
      expect(report.disputes).toBe(10);
      expect(report.events).toBeGreaterThan(20);
      expect(report.differences).toEqual([]);
      // Seller performance's facts, written by the appends, equal those folded from the events.
      expect(report.factDifferences).toEqual([]);
      for (const disputeId of disputeIds) expect(await verifyDisputeHistory(suite.dataSource, disputeId)).toMatchObject({ valid: true });
    });

    it('finds a live row that drifted, and swaps the rebuilt one in', async () => {
      // An OPEN dispute: its workflow only waits for the seller, so nothing else writes its row.
      const [{ dispute_id: drifted }] = await suite.dataSource.query(`SELECT dispute_id FROM disputes WHERE dispute_id = ANY($1::uuid[]) AND status = 'OPEN' LIMIT 1`, [disputeIds]);
      await suite.dataSource.query(`UPDATE disputes SET status = 'UNDER_APPEAL', state = jsonb_set(state, '{messageCount}', '99') WHERE dispute_id = $1`, [drifted]);
      const found = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds });
      expect(found.differences).toEqual([{ disputeId: drifted, kind: 'DIFFERENT', columns: ['status', 'state'] }]);

      const swapped = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds, swap: true });
      expect(swapped.swapped).toBe(1);
      const again = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds });
      expect(again.differences).toEqual([]);
    });

    it('finds seller facts that drifted or went missing, and swaps the rebuilt ones in', async () => {
      const [first, second] = disputeIds;
      await suite.dataSource.query(`UPDATE seller_dispute_facts SET escalated = NOT escalated, refunded_minor = 1, refunded_currency = 'XXX' WHERE dispute_id = $1`, [first]);
      await suite.dataSource.query(`DELETE FROM seller_dispute_facts WHERE dispute_id = $1`, [second]);
      const found = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds });
      expect(found.differences).toEqual([]);
      expect(found.factDifferences).toEqual(
        [
          { disputeId: first, kind: 'DIFFERENT', columns: ['escalated', 'refunded_minor', 'refunded_currency'] },
          { disputeId: second, kind: 'MISSING_LIVE', columns: [] },
        ].sort((a, b) => (a.disputeId < b.disputeId ? -1 : 1)),
      );

      const swapped = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds, swap: true });
      expect(swapped.factsSwapped).toBe(2);
      const again = await rebuildProjections(suite.dataSource, { table: 'audit_rebuild_check', temporary: true, disputeIds });
      expect(again.factDifferences).toEqual([]);
    });

    it('compares whole tables, reporting rows missing on either side', async () => {
      const table = `audit_compare_${randomUUID().slice(0, 8)}`;
      await suite.dataSource.transaction(async (manager) => {
        await manager.query(`CREATE TEMPORARY TABLE ${table} (LIKE disputes INCLUDING ALL) ON COMMIT DROP`);
        await manager.query(`INSERT INTO ${table} SELECT * FROM disputes WHERE dispute_id = ANY($1::uuid[])`, [disputeIds.slice(1)]);
        const differences = await compareProjections(manager, { rebuilt: table, disputeIds });
        expect(differences).toEqual([{ disputeId: disputeIds[0], kind: 'MISSING_REBUILT', columns: [] }]);
      });
    });

    it('replays every workflow of the run, found by a visibility query', async () => {
      const query = `TaskQueue = '${taskQueue}' AND WorkflowType = 'disputeWorkflow'`;
      await eventually(
        async () => (await suite.client.workflow.count(query)).count,
        (count) => count >= disputeIds.length + 1,
      );
      const report = await replayWorkflows({ client: suite.client, workflows: { workflowBundle: await workflowBundle() }, target: { query } });
      expect(report.results.length).toBeGreaterThanOrEqual(disputeIds.length + 1);
      expect(report.results.filter((result) => !result.ok)).toEqual([]);
    }, 60_000);

    it('runs the rebuild as a command into a table it keeps', async () => {
      const table = `audit_rebuild_${randomUUID().slice(0, 8)}`;
      try {
        const run = await runScript(compiled('scripts/audit/rebuild-projections.js'), [...disputeIds.flatMap((id) => ['--dispute', id]), '--table', table]);
        expect(run.stdout).toContain(`Rebuilt 10 disputes from`);
        expect(run.stdout).toContain(`into ${table}: 0 differ from the live projection.`);
        expect(run.code).toBe(0);
        const [{ count }] = await suite.dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
        expect(count).toBe(10);
      } finally {
        await suite.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
      }
    });
  });
});
