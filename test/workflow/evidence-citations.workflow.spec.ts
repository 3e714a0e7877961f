import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { commandSignals, disputeWorkflowId } from '../../libs/contracts/src';
import { eventually, openCalmDispute, send, sendWithFiles, stateOf } from '../support/commands';
import { eventsOf } from '../support/database';
import { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } from '../support/environment';
import { catalogUpload } from '../support/evidence';
import { withDisputeWorker } from '../support/temporal';

const run = promisify(execFile);

/**
 * The citation rule on the workflow's two doors: an Update carries the catalog's facts the API
 * read; a signal (an operator's, a service's) gets them from the catalog through an activity,
 * whatever it claims itself.
 */
describe('citing uploads in a dispute workflow (real Temporal, PostgreSQL catalog)', () => {
  const suite = withDisputeWorker('citations');
  const openDispute = () => openCalmDispute(suite);

  const evidenceEvents = async (disputeId: string) => (await eventsOf(suite.dataSource, disputeId)).filter((event) => event.type === 'EvidenceAdded');

  it('a signal may cite only its author\u2019s uploads, as uploaded; facts the signal claims are ignored', async () => {
    const { disputeId, who, handle } = await openDispute();
    const own = await catalogUpload(suite.dataSource, who.buyer, 'own photo');
    const sellers = await catalogUpload(suite.dataSource, who.seller, 'seller photo');
    const video = await catalogUpload(suite.dataSource, who.buyer, 'unboxing', 'VIDEO');

    const attempts = [
      { label: 'foreign', evidence: [sellers.citation] },
      { label: 'unknown', evidence: [{ ...own.citation, evidenceId: 'ev-never-uploaded' }] },
      { label: 'wrong-hash', evidence: [{ ...own.citation, sha256: '0'.repeat(64) }] },
      { label: 'kind', evidence: [{ ...video.citation, kind: 'PHOTO' }] },
    ];
    for (const attempt of attempts) await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: attempt.evidence }, commandId: `sig-${attempt.label}` });
    // Claimed facts travel in the payload: the workflow must read the catalog, not believe them.
    const forged = { ...own.file, evidenceId: 'ev-forged', uploader: who.buyer };
    await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: [{ ...own.citation, evidenceId: 'ev-forged' }] }, commandId: 'sig-forged', evidenceFiles: [forged] } as never);
    // The accepted one, and a message right behind it: signals keep their order while the first waits for the catalog.
    await handle.signal(commandSignals.AddEvidence, { actor: who.buyer, data: { evidence: [own.citation] }, commandId: 'sig-own' });
    await handle.signal(commandSignals.PostMessage, { actor: who.buyer, data: { messageId: 'after-own', body: 'That is the photo.' }, commandId: 'sig-message' });

    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.messageCount === 1);
    expect(state.evidence.map((item) => item.evidenceId)).toEqual([own.citation.evidenceId]);
    expect(state.evidence[0]).toMatchObject({ sha256: own.file.sha256, sizeBytes: own.file.sizeBytes, contentType: 'image/jpeg', addedBy: 'BUYER' });
    const events = await eventsOf(suite.dataSource, disputeId);
    expect(events.slice(2).map((event) => [event.type, event.command_id])).toEqual([
      ['EvidenceAdded', 'sig-own'],
      ['MessagePosted', 'sig-message'],
    ]);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('accepts an operator\u2019s AddEvidence signal from the real temporal CLI when it cites the actor\u2019s upload', async () => {
    const { disputeId, who } = await openDispute();
    const packing = await catalogUpload(suite.dataSource, who.seller, 'packing list', 'DOCUMENT');
    const cli = process.env.TEMPORAL_CLI_PATH ?? 'temporal';
    await run(cli, [
      'workflow', 'signal',
      '--address', TEMPORAL_ADDRESS,
      '--namespace', TEMPORAL_NAMESPACE,
      '--workflow-id', disputeWorkflowId(disputeId),
      '--name', 'AddEvidence',
      '--input', JSON.stringify({ actor: who.seller, data: { evidence: [packing.citation] }, commandId: 'ops-evidence-1' }),
    ]);
    const state = await eventually(() => stateOf(suite.client, disputeId), (s) => s.evidence.length === 1);
    expect(state.evidence[0]).toMatchObject({ evidenceId: packing.citation.evidenceId, kind: 'DOCUMENT', contentType: 'application/pdf', addedBy: 'SELLER' });
    expect((await evidenceEvents(disputeId)).map((event) => event.command_id)).toEqual(['ops-evidence-1']);
  });

  it('an Update is checked against the facts it carries: none, or someone else\u2019s, is refused before the history', async () => {
    const { disputeId, who } = await openDispute();
    const own = await catalogUpload(suite.dataSource, who.buyer, 'scratch');
    const command = { type: 'AddEvidence' as const, actor: who.buyer, data: { evidence: [own.citation] } };
    for (const sending of [() => send(suite.client, disputeId, command), () => sendWithFiles(suite.client, disputeId, command, [{ ...own.file, uploader: who.seller }])]) {
      const refusal = await sending().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refusal as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe('VALIDATION');
      expect(cause.message).toBe(`Evidence ${own.citation.evidenceId} is not a file you uploaded; upload the file (POST /evidence) and cite the evidenceId it answers.`);
    }
    expect(await evidenceEvents(disputeId)).toEqual([]);
    const accepted = await sendWithFiles(suite.client, disputeId, command, [own.file]);
    expect(accepted.state.evidence.map((item) => item.evidenceId)).toEqual([own.citation.evidenceId]);
  });
});
