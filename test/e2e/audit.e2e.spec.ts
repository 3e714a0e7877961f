import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { defaultPolicy, toPolicyDocument } from '../../libs/domain/src';
import { graphql, startApi, tokenFor, type GraphQLResponse, type RunningApi } from '../support/api';
import { NEVER, shortPolicy, stateOf } from '../support/commands';
import { eventsOf, openTestDataSource, recordsForOrder, type StoredEventRow } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { uploadEvidence } from '../support/evidence';
import {
  MUTATIONS,
  mutate,
  ok,
  openInput,
  readDispute,
  registerOrder,
  ruling,
  until,
  type DisputeView,
  type MutationName,
} from './support/disputes';

/**
 * The audit queries over GraphQL (real API, worker, Temporal and PostgreSQL): a full-lifecycle
 * dispute is driven through the mutations, keeping the Dispute each one returned; the auditor
 * then replays the history to every one of those moments, verifies it, reads its timeline,
 * and sees a superuser's edit found at exactly its sequence.
 */

type Party = 'BUYER' | 'SELLER' | 'MEDIATOR';

/** The Dispute fields a snapshot's folded state has too (DISPUTE_FIELDS without the viewer's and the projection's). */
const STATE_FIELDS = `
  id orderId buyerId sellerId status reason subReason description version messageCount
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
  openedAt lastEventAt everEscalated policyVersion
`;

const CHAIN_FIELDS = `disputeId valid length headHash firstBrokenSequence problem projection { version headHash }`;

const AS_OF = `query AsOf($id: ID!, $sequence: Int, $at: String) {
  disputeAsOf(disputeId: $id, sequence: $sequence, at: $at) {
    disputeId sequence at headHash status version
    chain { ${CHAIN_FIELDS} }
    whoseTurn { role reason dueAt }
    deadlines { kind dueAt }
    state { ${STATE_FIELDS} }
    parties { party actorId canRead visibleEvents availableActions theirTurn state { id status version } }
  }
}`;

const VERIFY = `query Verify($id: ID!) { verifyDisputeHistory(disputeId: $id) { ${CHAIN_FIELDS} } }`;
const VERIFY_FILES = `query VerifyFiles($id: ID!) { verifyDisputeEvidence(disputeId: $id) { disputeId valid citations { sequence evidenceId sha256 status problem } firstBroken { evidenceId } } }`;

const TIMELINE = `query Timeline($id: ID!, $first: Int, $after: String) {
  disputeTimeline(disputeId: $id, first: $first, after: $after) {
    totalCount
    chain { ${CHAIN_FIELDS} }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { sequence type actor { role id } occurredAt recordedAt commandId hash status } }
  }
}`;

interface Chain {
  disputeId: string;
  valid: boolean;
  length: number;
  headHash: string;
  firstBrokenSequence: number | null;
  problem: string | null;
  projection: { version: number; headHash: string } | null;
}

type FoldedState = Omit<DisputeView, 'headHash' | 'availableActions' | 'whoseTurn' | 'deadlines'> & { orderId: string; buyerId: string; sellerId: string; openedAt: string; lastEventAt: string | null; everEscalated: boolean; policyVersion: string | null };

interface PartyView {
  party: Party;
  actorId: string | null;
  canRead: boolean;
  visibleEvents: number;
  availableActions: string[];
  theirTurn: boolean;
  state: { id: string; status: string; version: number } | null;
}

interface Snapshot {
  disputeId: string;
  sequence: number;
  at: string | null;
  headHash: string;
  status: string | null;
  version: number;
  chain: Chain;
  whoseTurn: DisputeView['whoseTurn'];
  deadlines: DisputeView['deadlines'];
  state: FoldedState | null;
  parties: PartyView[];
}

interface TimelineEntry {
  sequence: number;
  type: string;
  actor: { role: string; id: string };
  occurredAt: string;
  recordedAt: string;
  commandId: string | null;
  hash: string;
  status: string | null;
}

interface Timeline {
  totalCount: number;
  chain: Chain;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: TimelineEntry }[];
}

/** A moment the API reported: the Dispute a mutation (or a read) returned, and whose view it was. */
interface Step {
  label: string;
  party: Party;
  dispute: DisputeView;
}

/** Runs a SQL statement as the superuser the tests connect as, with the append-only triggers off for that transaction only. */
async function asSuperuser(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE dispute_events DISABLE TRIGGER USER');
    await manager.query(sql, parameters);
    await manager.query('ALTER TABLE dispute_events ENABLE TRIGGER USER');
  });
}

/** The story waits seconds for a timer and for the refund; each replay loop sends a few dozen queries. */
const STORY_TIMEOUT_MS = 60_000;
const LOOP_TIMEOUT_MS = 30_000;

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions;

describe('auditing over GraphQL (real API, worker, Temporal and PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-audit');
  // Windows that would race the story never fire; an information request may be given a due time of seconds.
  const policy = shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER, mediationSlaMs: NEVER, informationRequestDefaultMs: NEVER, appealWindowMs: NEVER });
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  let api: RunningApi;
  let tokens: Record<'buyer' | 'seller' | 'maria' | 'mike' | 'auditor' | 'system', string>;
  let id: string;
  let orderId: string;
  let buyerId: string;
  let bystander: string;
  const steps: Step[] = [];
  let closed: DisputeView;
  let stored: StoredEventRow[];

  const asAuditor = <T>(query: string, variables: Record<string, unknown>) => graphql<T>(api.url, query, variables, tokens.auditor);

  async function asOf(variables: { sequence?: number; at?: string }, disputeId = id): Promise<Snapshot> {
    const response = await asAuditor<{ disputeAsOf: Snapshot }>(AS_OF, { id: disputeId, ...variables });
    if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
    return response.data!.disputeAsOf;
  }

  async function verify(disputeId = id): Promise<Chain> {
    const response = await asAuditor<{ verifyDisputeHistory: Chain }>(VERIFY, { id: disputeId });
    if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
    return response.data!.verifyDisputeHistory;
  }

  async function timelinePage(first: number, after: string | null = null): Promise<Timeline> {
    const response = await asAuditor<{ disputeTimeline: Timeline }>(TIMELINE, { id, first, after });
    if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
    return response.data!.disputeTimeline;
  }

  /** The whole timeline, in pages small enough for the API's query cost limit. */
  async function timelineEntries(): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let after: string | null = null;
    do {
      const page: Timeline = await timelinePage(50, after);
      entries.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return entries;
  }

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    api = await startApi(dataSource, temporal, taskQueue, { policy });
    const system = await tokenFor('SYSTEM', 'order-feed');
    const order = await registerOrder(api.url, system);
    orderId = order.orderId;
    buyerId = order.buyerId;
    tokens = {
      buyer: await tokenFor('BUYER', order.buyerId),
      seller: await tokenFor('SELLER', order.sellerId),
      maria: await tokenFor('MEDIATOR', 'mediator-maria'),
      mike: await tokenFor('MEDIATOR', 'mediator-mike'),
      auditor: await tokenFor('AUDITOR', 'auditor-ada'),
      system,
    };
    const step = async (label: string, party: Party, dispute: Promise<DisputeView>) => {
      const answer = await dispute;
      steps.push({ label, party, dispute: answer });
      return answer;
    };
    const { buyer, seller, maria, mike } = tokens;

    // The story: opening, negotiation, mediation with an answered and an expired information
    // request, a decision, an appeal decided by a second mediator, the refund, the close.
    const opened = await step('open', 'BUYER', ok(mutate(api.url, buyer, 'openDispute', openInput(order, { idempotencyKey: 'audit-open' }))));
    id = opened.id;
    await step('counter-offer', 'SELLER', ok(mutate(api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } }, message: 'Ten euros?' })));
    await step('buyer message', 'BUYER', ok(mutate(api.url, buyer, 'postMessage', { disputeId: id, body: 'The crack runs through the display.' })));
    await step('seller message', 'SELLER', ok(mutate(api.url, seller, 'postMessage', { disputeId: id, body: 'Please send a photo with it switched on.' })));
    const switchedOn = await uploadEvidence(api.url, buyer, 'switched-on');
    await step('evidence', 'BUYER', ok(mutate(api.url, buyer, 'addEvidence', { disputeId: id, evidence: [switchedOn] })));
    await step('buyer offer', 'BUYER', ok(mutate(api.url, buyer, 'makeOffer', { disputeId: id, terms: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1800, currency: 'EUR' } } })));
    await step('escalate', 'BUYER', ok(mutate(api.url, buyer, 'escalateDispute', { disputeId: id, note: 'We cannot agree on the amount.' })));
    await step('claim', 'MEDIATOR', ok(mutate(api.url, maria, 'claimCase', { disputeId: id })));
    const asked = await step('ask seller', 'MEDIATOR', ok(mutate(api.url, maria, 'requestInformation', { disputeId: id, from: 'SELLER', question: 'Was it tested before shipping?' })));
    await step('answer', 'SELLER', ok(mutate(api.url, seller, 'answerInformationRequest', { disputeId: id, requestId: asked.informationRequests[0].requestId, answer: 'Yes, it worked when packed.' })));
    const dueAt = new Date(Date.now() + 2500).toISOString();
    await step('ask buyer', 'MEDIATOR', ok(mutate(api.url, maria, 'requestInformation', { disputeId: id, from: 'BUYER', question: 'Do you still have the box?', dueAt })));
    // The buyer stays silent: the workflow's timer expires the request (an event no mutation caused).
    await step(
      'request expired',
      'BUYER',
      until(
        async () => (await readDispute(api.url, buyer, id)).data!.dispute,
        (dispute) => dispute.informationRequests[1]?.status === 'EXPIRED',
      ),
    );
    await step('decision', 'MEDIATOR', ok(mutate(api.url, maria, 'issueDecision', ruling(id, { citedEvidenceIds: [switchedOn.evidenceId] }))));
    const repairQuote = await uploadEvidence(api.url, buyer, 'repair-quote', 'DOCUMENT');
    await step('appeal', 'BUYER', ok(mutate(api.url, buyer, 'fileAppeal', { disputeId: id, grounds: 'A repair shop quoted 25 euros.', evidence: [repairQuote] })));
    await step('appeal claimed', 'MEDIATOR', ok(mutate(api.url, mike, 'claimCase', { disputeId: id })));
    await step('appeal decided', 'MEDIATOR', ok(mutate(api.url, mike, 'decideAppeal', ruling(id, { amount: { amountMinor: 2500, currency: 'EUR' }, citedEvidenceIds: [repairQuote.evidenceId] }))));
    // The refund and the close are the workflow's own.
    closed = await step(
      'closed',
      'BUYER',
      until(
        async () => (await readDispute(api.url, buyer, id)).data!.dispute,
        (dispute) => dispute.status === 'CLOSED',
      ),
    );
    stored = await eventsOf(dataSource, id);

    // A second dispute nobody tampers with.
    bystander = (await ok(mutate(api.url, tokens.buyer, 'openDispute', openInput(await registerOrder(api.url, system, { buyerId: order.buyerId, sellerId: order.sellerId }))))).id;
  }, STORY_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  it('ran the story through every stage to a closed case, with events no mutation caused', () => {
    expect(steps.map((s) => [s.label, s.dispute.status])).toEqual([
      ['open', 'OPEN'],
      ['counter-offer', 'NEGOTIATING'],
      ['buyer message', 'NEGOTIATING'],
      ['seller message', 'NEGOTIATING'],
      ['evidence', 'NEGOTIATING'],
      ['buyer offer', 'NEGOTIATING'],
      ['escalate', 'UNDER_MEDIATION'],
      ['claim', 'UNDER_MEDIATION'],
      ['ask seller', 'UNDER_MEDIATION'],
      ['answer', 'UNDER_MEDIATION'],
      ['ask buyer', 'UNDER_MEDIATION'],
      ['request expired', 'UNDER_MEDIATION'],
      ['decision', 'DECIDED'],
      ['appeal', 'UNDER_APPEAL'],
      ['appeal claimed', 'UNDER_APPEAL'],
      ['appeal decided', expect.stringMatching(/^(RESOLVED|CLOSED)$/)],
      ['closed', 'CLOSED'],
    ]);
    expect(closed.version).toBe(stored.length);
    const types = stored.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['InformationRequestExpired', 'RefundSucceeded', 'DisputeClosed']));
  });

  it('replays every sequence: at each step the API reported, the snapshot is that Dispute', async () => {
    const reported = new Map(steps.map((s) => [s.dispute.version, s]));
    const timeline = await timelineEntries();
    expect(reported.size).toBeGreaterThanOrEqual(12);

    for (let sequence = 1; sequence <= stored.length; sequence += 1) {
      const snapshot = await asOf({ sequence });
      const event = timeline[sequence - 1];
      // Every moment: the prefix, its head, its chain and the status the timeline shows.
      expect({ sequence, got: [snapshot.sequence, snapshot.version, snapshot.state?.version, snapshot.headHash, snapshot.at, snapshot.state?.lastEventAt] }).toEqual({
        sequence,
        got: [sequence, sequence, sequence, stored[sequence - 1].hash, event.occurredAt, event.occurredAt],
      });
      expect(snapshot.chain).toEqual({ disputeId: id, valid: true, length: sequence, headHash: stored[sequence - 1].hash, firstBrokenSequence: null, problem: null, projection: null });
      expect(snapshot.status).toBe(event.status);
      expect(snapshot.state?.status).toBe(event.status);

      // What each participant could see then: the parties always, a mediator once the case was escalated.
      const escalated = snapshot.state!.everEscalated;
      const parties = Object.fromEntries(snapshot.parties.map((view) => [view.party, view])) as Record<Party, PartyView>;
      expect(snapshot.parties.map((view) => view.party)).toEqual(['BUYER', 'SELLER', 'MEDIATOR']);
      expect(parties.BUYER).toMatchObject({ actorId: snapshot.state!.buyerId, canRead: true, visibleEvents: sequence, state: { id, status: snapshot.status, version: sequence } });
      expect(parties.SELLER).toMatchObject({ actorId: snapshot.state!.sellerId, canRead: true, visibleEvents: sequence, state: { id, status: snapshot.status, version: sequence } });
      expect(parties.MEDIATOR).toMatchObject(
        escalated ? { actorId: snapshot.state!.mediation?.mediatorId ?? null, canRead: true, visibleEvents: sequence } : { actorId: null, canRead: false, visibleEvents: 0, state: null, availableActions: [] },
      );
      for (const view of snapshot.parties) expect(view.theirTurn).toBe(view.canRead && snapshot.whoseTurn?.role === view.party);

      // The moments a mutation (or a read) ended on: the snapshot is the Dispute the API returned, field for field.
      const step = reported.get(sequence);
      if (step) {
        const { openedAt, lastEventAt, everEscalated, policyVersion, ...state } = snapshot.state!;
        const replayed = { ...state, headHash: snapshot.headHash, whoseTurn: snapshot.whoseTurn, deadlines: snapshot.deadlines, availableActions: parties[step.party].availableActions };
        expect({ step: step.label, dispute: replayed }).toEqual({ step: step.label, dispute: step.dispute });
        expect([openedAt, lastEventAt, everEscalated, policyVersion]).toEqual([timeline[0].occurredAt, event.occurredAt, step.dispute.status !== 'OPEN' && step.dispute.status !== 'NEGOTIATING', policy.version]);
      }
    }
  }, LOOP_TIMEOUT_MS);

  it('replays sequence 0 as the moment before the opening, seen by nobody', async () => {
    const before = await asOf({ sequence: 0 });
    expect(before).toEqual({
      disputeId: id,
      sequence: 0,
      at: null,
      headHash: '0'.repeat(64),
      status: null,
      version: 0,
      chain: { disputeId: id, valid: true, length: 0, headHash: '0'.repeat(64), firstBrokenSequence: null, problem: null, projection: null },
      whoseTurn: null,
      deadlines: [],
      state: null,
      parties: (['BUYER', 'SELLER', 'MEDIATOR'] as const).map((party) => ({ party, actorId: null, canRead: false, visibleEvents: 0, availableActions: [], theirTurn: false, state: null })),
    });
  });

  it('replays to a time: every event that had occurred by then', async () => {
    const timeline = await timelineEntries();
    const times = [...new Set(timeline.map((event) => event.occurredAt))];
    for (const at of times) {
      const expected = Math.max(...timeline.filter((event) => event.occurredAt <= at).map((event) => event.sequence));
      const snapshot = await asOf({ at });
      expect({ at, sequence: snapshot.sequence, echoed: snapshot.at, hash: snapshot.headHash }).toEqual({ at, sequence: expected, echoed: at, hash: stored[expected - 1].hash });
    }
    const justBefore = new Date(Date.parse(timeline[0].occurredAt) - 1).toISOString();
    expect(await asOf({ at: justBefore })).toMatchObject({ sequence: 0, at: justBefore, status: null, state: null });
    const later = new Date(Date.parse(timeline[timeline.length - 1].occurredAt) + 60_000).toISOString();
    expect(await asOf({ at: later })).toMatchObject({ sequence: stored.length, status: 'CLOSED' });
  }, LOOP_TIMEOUT_MS);

  it('agrees at the head with the state the workflow itself reports', async () => {
    const workflow = await stateOf(temporal, id);
    const head = (await asOf({ sequence: stored.length })).state!;
    expect(workflow.version).toBe(stored.length);
    expect(head).toMatchObject({
      status: workflow.status,
      version: workflow.version,
      messageCount: workflow.messageCount,
      refundedMinor: workflow.refundedMinor,
      resolvedVia: workflow.resolvedVia,
      resolvedAt: workflow.resolvedAt,
      closedAt: workflow.closedAt,
      lastEventAt: workflow.lastEventAt,
      everEscalated: workflow.everEscalated,
    });
    expect(head.offers.map((offer) => [offer.offerNumber, offer.by, offer.status])).toEqual(workflow.offers.map((offer) => [offer.offerNumber, offer.by, offer.status]));
    expect(head.evidence.map((item) => item.evidenceId)).toEqual(workflow.evidence.map((item) => item.evidenceId));
    expect(head.informationRequests.map((request) => [request.requestId, request.status])).toEqual(workflow.informationRequests.map((request) => [request.requestId, request.status]));
    expect(head.decision?.outcome).toBe(workflow.decision?.outcome);
    expect(head.appeal?.upheld).toBe(workflow.appeal?.upheld);
  });

  it('verifies the whole history: valid, every event, ending at the head hash the Dispute reports', async () => {
    expect(await verify()).toEqual({
      disputeId: id,
      valid: true,
      length: stored.length,
      headHash: closed.headHash,
      firstBrokenSequence: null,
      problem: null,
      projection: { version: closed.version, headHash: closed.headHash },
    });
    expect(closed.headHash).toBe(stored[stored.length - 1].hash);
  });

  it('verifies the files the history cites: each stored file re-hashes to the hash its event recorded', async () => {
    const response = await asAuditor<{ verifyDisputeEvidence: { valid: boolean; citations: { sequence: number; evidenceId: string; sha256: string; status: string; problem: string | null }[]; firstBroken: unknown } }>(VERIFY_FILES, { id });
    // What the chain committed to: the opening's evidence and each EvidenceAdded, with the hash recorded.
    const rows: { sequence: number; type: string; payload: { evidence: { evidenceId: string; sha256: string } | { evidenceId: string; sha256: string }[] } }[] = await dataSource.query(
      `SELECT sequence, type, payload FROM dispute_events WHERE dispute_id = $1 AND type IN ('DisputeOpened', 'EvidenceAdded') ORDER BY sequence`,
      [id],
    );
    const cited = rows.flatMap((row) => [row.payload.evidence].flat().map((item) => ({ sequence: row.sequence, evidenceId: item.evidenceId, sha256: item.sha256 })));
    expect(cited.map((citation) => citation.evidenceId)).toEqual(closed.evidence.map((item) => item.evidenceId));
    expect(response.data!.verifyDisputeEvidence).toEqual({
      disputeId: id,
      valid: true,
      citations: cited.map((citation) => ({ ...citation, status: 'INTACT', problem: null })),
      firstBroken: null,
    });
  });

  it('lists every event in the timeline, page by page, with its actor, times and resulting status', async () => {
    const entries: TimelineEntry[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Timeline = await timelinePage(4, after);
      expect(page.totalCount).toBe(stored.length);
      expect(page.chain).toMatchObject({ valid: true, length: stored.length, headHash: closed.headHash, firstBrokenSequence: null });
      expect(page.edges.length).toBeLessThanOrEqual(4);
      entries.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(Math.ceil(stored.length / 4));

    expect(entries.map((entry) => [entry.sequence, entry.type, entry.hash, entry.commandId])).toEqual(stored.map((event) => [event.sequence, event.type, event.hash, event.command_id]));
    for (const entry of entries) {
      expect(Number.isNaN(Date.parse(entry.occurredAt))).toBe(false);
      expect(Date.parse(entry.recordedAt)).toBeGreaterThanOrEqual(Date.parse(entry.occurredAt) - 1000);
      expect(entry.status).not.toBeNull();
    }
    // The status each event led to is the status the API reported after it.
    for (const step of steps) expect({ step: step.label, status: entries[step.dispute.version - 1].status }).toEqual({ step: step.label, status: step.dispute.status });
    // The actors: who did what, and the workflow's own events as SYSTEM.
    const byType = (type: string) => entries.filter((entry) => entry.type === type).map((entry) => entry.actor);
    expect(byType('DisputeOpened')).toEqual([{ role: 'BUYER', id: buyerId }]);
    expect(byType('InformationRequestExpired')).toEqual([expect.objectContaining({ role: 'SYSTEM' })]);
    expect(byType('DisputeClosed')).toEqual([expect.objectContaining({ role: 'SYSTEM' })]);
    expect(entries.find((entry) => entry.type === 'AppealDecided')?.actor).toEqual({ role: 'MEDIATOR', id: 'mediator-mike' });
    expect(entries[0].commandId).toBe(`BUYER:${buyerId}:audit-open`);
    expect(entries[entries.length - 1].status).toBe('CLOSED');
  }, LOOP_TIMEOUT_MS);

  it('finds an event changed by a superuser directly in SQL at exactly its sequence', async () => {
    const timeline = await timelineEntries();
    const target = timeline.find((entry) => entry.type === 'MessagePosted' && entry.actor.role === 'BUYER')!.sequence;
    expect(target).toBeGreaterThan(1);
    const [{ original }] = await dataSource.query<{ original: string }[]>('SELECT payload::text AS original FROM dispute_events WHERE dispute_id = $1 AND sequence = $2', [id, target]);

    await asSuperuser(dataSource, `UPDATE dispute_events SET payload = jsonb_set(payload, '{body}', '"The screen was perfect."') WHERE dispute_id = $1 AND sequence = $2`, [id, target]);
    try {
      const verification = await verify();
      expect(verification).toMatchObject({ disputeId: id, valid: false, length: stored.length, firstBrokenSequence: target });
      expect(verification.problem).toMatch(new RegExp(`^Event ${target} was altered`));
      // The timeline's chain and every replay from that event on carry the same finding; the prefix before it still holds.
      expect((await timelinePage(50)).chain).toMatchObject({ valid: false, firstBrokenSequence: target });
      expect((await asOf({ sequence: target - 1 })).chain).toMatchObject({ valid: true, length: target - 1 });
      expect((await asOf({ sequence: target })).chain).toMatchObject({ valid: false, firstBrokenSequence: target });
      expect((await asOf({ sequence: stored.length })).chain).toMatchObject({ valid: false, firstBrokenSequence: target });
      // Only this dispute.
      expect(await verify(bystander)).toMatchObject({ valid: true, firstBrokenSequence: null });
      // The triggers are back on: the application cannot repeat the edit.
      await expect(dataSource.query(`UPDATE dispute_events SET payload = '{}' WHERE dispute_id = $1 AND sequence = $2`, [id, target])).rejects.toThrow(/append-only/);
    } finally {
      // Put the original back, so the shared test database keeps verifying as a whole.
      await asSuperuser(dataSource, 'UPDATE dispute_events SET payload = $3::jsonb WHERE dispute_id = $1 AND sequence = $2', [id, target, original]);
    }
    expect(await verify()).toMatchObject({ valid: true, firstBrokenSequence: null, headHash: closed.headHash });
  }, LOOP_TIMEOUT_MS);

  describe('who may audit', () => {
    const OPERATIONS = {
      verifyDisputeHistory: (disputeId: string) => [VERIFY, { id: disputeId }] as const,
      verifyDisputeEvidence: (disputeId: string) => [VERIFY_FILES, { id: disputeId }] as const,
      disputeAsOf: (disputeId: string) => [AS_OF, { id: disputeId, sequence: 1 }] as const,
      disputeTimeline: (disputeId: string) => [TIMELINE, { id: disputeId, first: 10 }] as const,
    };
    const cases = (['buyer', 'seller', 'maria', 'mike', 'system'] as const).flatMap((viewer) => (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]).map((operation) => ({ viewer, operation })));

    it.each(cases)('refuses $operation to $viewer (FORBIDDEN), even on a case they are party to', async ({ viewer, operation }) => {
      const [query, variables] = OPERATIONS[operation](id);
      const response = await graphql(api.url, query, variables, tokens[viewer]);
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(codeOf(response)).toEqual({ code: 'FORBIDDEN' });
      expect(response.errors![0].message).toMatch(/^This operation is for AUDITOR accounts; you are signed in as (BUYER|SELLER|MEDIATOR|SYSTEM)\.$/);
    });

    it.each(Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[])('asks anonymous callers of %s to sign in', async (operation) => {
      const [query, variables] = OPERATIONS[operation](id);
      expect(codeOf(await graphql(api.url, query, variables))).toEqual({ code: 'UNAUTHENTICATED' });
    });

    it.each(Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[])('answers %s for an unknown dispute, or an id that cannot be one, with NOT_FOUND on disputeId', async (operation) => {
      for (const unknown of ['00000000-0000-4000-8000-000000000000', 'not-a-dispute']) {
        const [query, variables] = OPERATIONS[operation](unknown);
        const response = await asAuditor(query, variables);
        expect(response.data ?? null).toBeNull();
        expect({ unknown, error: codeOf(response) }).toEqual({ unknown, error: { code: 'NOT_FOUND', field: 'disputeId' } });
      }
    });

    it.each([
      ['a negative sequence', { sequence: -1 }, 'sequence'],
      ['a sequence beyond the history', { sequence: 10_000 }, 'sequence'],
      ['neither a sequence nor a time', {}, 'sequence'],
      ['both a sequence and a time', { sequence: 1, at: '2026-11-25T10:00:00.000Z' }, 'at'],
      ['a time that is not ISO-8601', { at: 'yesterday' }, 'at'],
      ['a time without a zone', { at: '2026-11-25T10:00:00' }, 'at'],
    ])('refuses disputeAsOf with %s as VALIDATION on its field', async (_, moment, field) => {
      const response = await asAuditor(AS_OF, { id, ...moment });
      expect(response.data ?? null).toBeNull();
      expect(codeOf(response)).toEqual({ code: 'VALIDATION', field });
      expect(response.errors![0].message.length).toBeGreaterThan(10);
    });

    it('refuses a timeline page size or cursor it cannot serve as VALIDATION on its field', async () => {
      expect(codeOf(await asAuditor(TIMELINE, { id, first: 0 }))).toEqual({ code: 'VALIDATION', field: 'first' });
      // (A narrow selection, so the query's cost estimate lets it through to the page size check.)
      expect(codeOf(await asAuditor(`query($id: ID!) { disputeTimeline(disputeId: $id, first: 101) { totalCount } }`, { id }))).toEqual({ code: 'VALIDATION', field: 'first' });
      expect(codeOf(await asAuditor(TIMELINE, { id, first: 5, after: 'not-a-cursor' }))).toEqual({ code: 'VALIDATION', field: 'after' });
    });
  });

  describe('the auditor reads everything and changes nothing', () => {
    /** Well-formed commands someone in the right role could have sent. */
    const COMMANDS = (
      // A real upload (the buyer's), so the commands fail on who sends them, not on what they cite.
      cited = { evidenceId: closed.evidence[0].evidenceId, sha256: closed.evidence[0].sha256, kind: 'PHOTO' },
    ): Record<MutationName, Record<string, unknown>> => ({
      respondToDispute: { response: 'ACCEPT_REQUEST' },
      postMessage: { body: 'Audit note.' },
      addEvidence: { evidence: [cited] },
      makeOffer: { terms: { kind: 'FULL_REFUND' } },
      acceptOffer: { offerNumber: 1 },
      rejectOffer: { offerNumber: 1 },
      escalateDispute: { note: 'Audit.' },
      withdrawDispute: { reason: 'Audit.' },
      claimCase: {},
      requestInformation: { from: 'SELLER', question: 'Audit?' },
      answerInformationRequest: { requestId: closed.informationRequests[0].requestId, answer: 'Audit.' },
      issueDecision: { outcome: 'NO_REFUND', rationale: 'Audit.', citedPolicyClauses: ['GEN-1'] },
      fileAppeal: { grounds: 'Audit.' },
      decideAppeal: { outcome: 'NO_REFUND', rationale: 'Audit.', citedPolicyClauses: ['GEN-1'] },
      markReturnShipped: { carrierCode: 'DHL', trackingNumber: 'AUDIT0001' },
      confirmReturnReceived: {},
      contestReturn: { explanation: 'Audit.', evidence: [cited] },
      markReplacementShipped: { carrierCode: 'UPS', trackingNumber: 'AUDIT0001' },
      confirmReplacementReceived: {},
      reportReplacementProblem: { explanation: 'Audit.', evidence: [cited] },
      concedeDispute: { remedy: 'AS_REQUESTED', message: 'Audit.' },
      releaseCase: { reason: 'Audit.' },
      reassignCase: { mediatorId: 'mediator-mike', reason: 'Audit.' },
      extendDeadline: { deadline: 'MEDIATION_SLA', dueAt: '2030-01-01T00:00:00Z', reason: 'Audit.' },
      retryRefund: { reason: 'Audit.' },
    });

    it('reads the closed case, its history and its order', async () => {
      const read = await readDispute(api.url, tokens.auditor, id);
      expect(read.data!.dispute).toEqual(closed);
      const events = await asAuditor<{ disputeEvents: { edges: unknown[] } }>(`query($id: ID!) { disputeEvents(disputeId: $id, first: 100) { edges { node { sequence } } } }`, { id });
      expect(events.data!.disputeEvents.edges).toHaveLength(stored.length);
      const order = await asAuditor<{ order: { id: string; amountRefundedMinor: number } }>(`query($id: ID!) { order(id: $id) { id amountRefundedMinor } }`, { id: orderId });
      expect(order.data!.order).toEqual({ id: orderId, amountRefundedMinor: 2500 });
    });

    it('is refused every mutation the schema has, and nothing is recorded', async () => {
      // "Every" is the schema's list: a mutation added later must be added here too.
      const schema = await asAuditor<{ __schema: { mutationType: { fields: { name: string }[] } } }>(`{ __schema { mutationType { fields { name } } } }`, {});
      const webhookMutations = ['registerWebhookEndpoint', 'updateWebhookEndpoint', 'removeWebhookEndpoint', 'rotateWebhookSecret', 'redeliverWebhook'];
      expect(schema.data!.__schema.mutationType.fields.map((field) => field.name).sort()).toEqual([...MUTATIONS, 'openDispute', 'registerOrder', 'registerOrders', 'publishPolicy', ...webhookMutations].sort());

      // The dispute mutations on the closed case (the terminal path answers from the store,
      // not the workflow; authorization.e2e.spec.ts covers live cases in two states).
      const commands = COMMANDS();
      for (const mutation of MUTATIONS) {
        const response = await mutate(api.url, tokens.auditor, mutation, { disputeId: id, ...commands[mutation] });
        expect(response.data ?? null).toBeNull();
        expect({ mutation, error: codeOf(response) }).toEqual({ mutation, error: { code: 'FORBIDDEN' } });
      }
      // Opening a dispute on an order, and feeding an order in.
      const fresh = await registerOrder(api.url, tokens.system);
      const opening = await mutate(api.url, tokens.auditor, 'openDispute', openInput(fresh));
      expect(opening.data ?? null).toBeNull();
      expect(codeOf(opening)?.code).toBe('FORBIDDEN');
      expect(await recordsForOrder(dataSource, fresh.orderId)).toEqual({ disputes: 0, events: 0 });
      const feeding = await graphql(
        api.url,
        `mutation($input: RegisterOrderInput!) { registerOrder(input: $input) { id } }`,
        {
          input: {
            orderId: `audit-${fresh.orderId}`,
            buyerId: fresh.buyerId,
            sellerId: fresh.sellerId,
            amountPaid: { amountMinor: 100, currency: 'EUR' },
            shippedAt: fresh.shippedAt,
            deliveryDeadlineAt: fresh.deliveryDeadlineAt,
          },
        },
        tokens.auditor,
      );
      expect(codeOf(feeding)).toEqual({ code: 'FORBIDDEN' });
      expect(codeOf(await graphql(api.url, `query($id: ID!) { order(id: $id) { id } }`, { id: `audit-${fresh.orderId}` }, tokens.system))).toEqual({ code: 'NOT_FOUND', field: 'id' });
      const batch = await graphql(
        api.url,
        `mutation($input: RegisterOrdersInput!) { registerOrders(input: $input) { registeredCount } }`,
        {
          input: {
            orders: [{ orderId: `audit-batch-${fresh.orderId}`, buyerId: fresh.buyerId, sellerId: fresh.sellerId, amountPaid: { amountMinor: 100, currency: 'EUR' }, deliveryDeadlineAt: fresh.deliveryDeadlineAt }],
            idempotencyKey: `audit-${fresh.orderId}`,
          },
        },
        tokens.auditor,
      );
      expect(codeOf(batch)).toEqual({ code: 'FORBIDDEN' });
      expect(codeOf(await graphql(api.url, `query($id: ID!) { order(id: $id) { id } }`, { id: `audit-batch-${fresh.orderId}` }, tokens.system))).toEqual({ code: 'NOT_FOUND', field: 'id' });

      // Publishing a policy is for administrators (policies.e2e.spec.ts has the whole table).
      const lines = async () => (await asAuditor<{ policyLines: unknown[] }>(`{ policyLines { line lineVersion } }`, {})).data!.policyLines;
      const linesBefore = await lines();
      const publishing = await graphql(
        api.url,
        `mutation($input: PublishPolicyInput!) { publishPolicy(input: $input) { lineVersion } }`,
        { input: { line: 'default', policy: { ...toPolicyDocument(defaultPolicy), version: 'auditor-attempt' } } },
        tokens.auditor,
      );
      expect(codeOf(publishing)).toEqual({ code: 'FORBIDDEN' });
      expect(await lines()).toEqual(linesBefore);

      // Auditors receive no notifications: every webhook endpoint mutation is refused, nothing stored.
      const endpointId = '5b0d7c1e-3f7a-4d2b-9a51-0c8e6f4d2a10';
      const webhookInputs: Record<string, Record<string, unknown>> = {
        registerWebhookEndpoint: { url: 'https://hooks.example.com/audit', idempotencyKey: 'audit-hook' },
        updateWebhookEndpoint: { endpointId, paused: true },
        removeWebhookEndpoint: { endpointId },
        rotateWebhookSecret: { endpointId },
        redeliverWebhook: { deliveryId: `${id}:2:${endpointId}` },
      };
      for (const mutation of webhookMutations) {
        const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
        const response = await graphql(api.url, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`, { input: webhookInputs[mutation] }, tokens.auditor);
        expect({ mutation, data: response.data ?? null, error: codeOf(response) }).toEqual({ mutation, data: null, error: { code: 'FORBIDDEN' } });
      }
      expect(await dataSource.query('SELECT count(*)::int AS n FROM webhook_endpoints WHERE url = $1', ['https://hooks.example.com/audit'])).toEqual([{ n: 0 }]);

      // Nothing was recorded on the case.
      expect(await eventsOf(dataSource, id)).toEqual(stored);
      expect(await verify()).toMatchObject({ valid: true, length: stored.length, headHash: closed.headHash });
    }, LOOP_TIMEOUT_MS);
  });
});
