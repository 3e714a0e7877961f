import { DisputeActionEnum } from '../../apps/api/src/graphql/enums';
import type { OrderRecord } from '../../libs/persistence/src';
import { DEV_JWT_SECRET } from '../../libs/platform/src';
import { mintToken } from '../../scripts/mint-token';
import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventsOf } from '../support/database';
import { MUTATIONS, mutate, ok, openInput, readDispute, registerOrder, type MutationName } from './support/disputes';

/**
 * Every role against every operation, on its own dispute and on another party's, in two states.
 * Each mutation is sent with a payload that is well-formed GraphQL but breaks one domain rule
 * of the payload itself: the rules check visibility, role, state and windows before the payload,
 * so "PASS" (the payload's own VALIDATION or unknown-reference error) proves the caller was
 * authorized, and nothing is ever recorded.
 */
const PROBES: Record<MutationName, Record<string, unknown>> = {
  respondToDispute: { response: 'REJECT', explanation: '   ', evidence: [] },
  postMessage: { body: '   ' },
  addEvidence: { evidence: [{ evidenceId: 'ev-x', sha256: 'not-a-hash', kind: 'PHOTO' }] },
  makeOffer: { terms: { kind: 'PARTIAL_REFUND', amount: { amountMinor: -1, currency: 'EUR' } } },
  acceptOffer: { offerNumber: 999 },
  rejectOffer: { offerNumber: 999 },
  escalateDispute: { note: '   ' },
  withdrawDispute: { reason: 'x'.repeat(5000) },
  claimCase: {},
  requestInformation: { from: 'SELLER', question: '   ' },
  answerInformationRequest: { requestId: 'no-such-request', answer: 'Here it is.' },
  issueDecision: { outcome: 'NO_REFUND', rationale: 'No evidence.', citedPolicyClauses: [] },
  fileAppeal: { grounds: '   ' },
  decideAppeal: { outcome: 'NO_REFUND', rationale: 'No evidence.', citedPolicyClauses: [] },
  markReturnShipped: { carrier: '   ', trackingNumber: 'TRACK 1' },
  confirmReturnReceived: {},
  contestReturn: { explanation: '   ', evidence: [] },
  markReplacementShipped: { carrierCode: 'DHL', trackingNumber: '!' },
  confirmReplacementReceived: {},
  reportReplacementProblem: { explanation: '   ', evidence: [] },
  concedeDispute: { remedy: 'AS_REQUESTED', message: 'x'.repeat(5000) },
  releaseCase: { reason: '   ' },
  reassignCase: { mediatorId: 'mediator-mike', reason: '   ' },
  // A valid kind and a running deadline (the mediation SLA), so only the new due date is wrong.
  extendDeadline: { deadline: 'MEDIATION_SLA', dueAt: 'not-a-time', reason: 'More time for the photos.' },
  retryRefund: { reason: '   ' },
};

type Expect = 'PASS' | 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'CONFLICT' | 'UNAUTHENTICATED';
/** lena is a lead mediator (the token's `lead: true`) who holds no case. */
type Viewer = 'buyer' | 'seller' | 'otherBuyer' | 'otherSeller' | 'maria' | 'mike' | 'lena' | 'auditor' | 'system' | 'admin' | 'anonymous';
const [P, F, S, C] = ['PASS', 'FORBIDDEN', 'INVALID_STATE', 'CONFLICT'] as const;

// Columns follow MUTATIONS: respond, message, evidence, offer, accept, reject, escalate, withdraw, claim,
// requestInfo, answerInfo, decide, appeal, decideAppeal, returnShipped, returnReceived, contestReturn |
// replacementShipped, replacementReceived, replacementProblem | concede, release, reassign, extend | retryRefund.
const row = (...codes: Expect[]): Record<MutationName, Expect> => {
  if (codes.length !== MUTATIONS.length) throw new Error(`a matrix row needs ${MUTATIONS.length} cells, got ${codes.length}`);
  return Object.fromEntries(MUTATIONS.map((name, index) => [name, codes[index]])) as Record<MutationName, Expect>;
};
const all = (code: Expect) => row(...MUTATIONS.map(() => code));
/**
 * retryRefund is for SYSTEM accounts only, and the API checks that before looking the dispute up
 * (the system reads no dispute, so the reader's visibility does not apply): every other account
 * gets FORBIDDEN for it, even one that cannot see the dispute.
 */
const hidden = (): Record<MutationName, Expect> => ({ ...all('NOT_FOUND'), retryRefund: 'FORBIDDEN' });

/** In negotiation: the buyer's offer #1 and the seller's counter-offer #2 are open. */
const NEGOTIATING: Record<Viewer, Record<MutationName, Expect>> = {
  // No replacement was agreed (INVALID_STATE for the buyer's replacement commands); the seller may concede.
  buyer: row(F, P, P, P, P, P, P, P, F, F, S, F, S, F, S, F, F, /**/ F, S, S, /**/ F, F, F, F, /**/ F),
  seller: row(S, P, P, P, P, P, P, F, F, F, S, F, S, F, F, S, S, /**/ S, F, F, /**/ P, F, F, F, /**/ F),
  otherBuyer: hidden(),
  otherSeller: hidden(),
  maria: hidden(), // mediators see a dispute only once it was escalated
  mike: hidden(),
  lena: hidden(),
  auditor: all('FORBIDDEN'),
  // The API's dispute commands are for the accounts that read disputes (reassignment by SYSTEM is the
  // workforce tool's signal); retryRefund is the system's, refused here for the state (nothing was refunded).
  system: { ...all('FORBIDDEN'), retryRefund: 'INVALID_STATE' },
  // Administrators publish policies; they read no dispute and send no dispute command.
  admin: all('FORBIDDEN'),
  anonymous: all('UNAUTHENTICATED'),
};

/** Under mediation, held by maria, who asked the buyer for information. */
const MEDIATING: Record<Viewer, Record<MutationName, Expect>> = {
  // Edition 2: the parties may still make offers in mediation (none is open to answer here).
  buyer: row(F, P, P, P, S, S, S, P, F, F, P, F, S, F, S, F, F, /**/ F, S, S, /**/ F, F, F, F, /**/ F),
  // Edition 2: the seller may concede in mediation too.
  seller: row(S, P, P, P, S, S, S, F, F, F, S, F, S, F, F, S, S, /**/ S, F, F, /**/ P, F, F, F, /**/ F),
  otherBuyer: hidden(),
  otherSeller: hidden(),
  // The holder releases the case and extends its running deadlines; only a lead mediator reassigns.
  maria: row(F, P, F, F, F, F, F, F, C, P, F, P, F, S, F, F, F, /**/ F, F, F, /**/ F, P, F, P, /**/ F),
  mike: row(F, F, F, F, F, F, F, F, C, F, F, F, F, S, F, F, F, /**/ F, F, F, /**/ F, F, F, F, /**/ F),
  lena: row(F, F, F, F, F, F, F, F, C, F, F, F, F, S, F, F, F, /**/ F, F, F, /**/ F, F, P, F, /**/ F),
  auditor: all('FORBIDDEN'),
  system: { ...all('FORBIDDEN'), retryRefund: 'INVALID_STATE' },
  // Administrators publish policies; they read no dispute and send no dispute command.
  admin: all('FORBIDDEN'),
  anonymous: all('UNAUTHENTICATED'),
};

const READS: Record<'NEGOTIATING' | 'MEDIATING', Record<Viewer, 'OK' | Expect>> = {
  NEGOTIATING: { buyer: 'OK', seller: 'OK', otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', maria: 'NOT_FOUND', mike: 'NOT_FOUND', lena: 'NOT_FOUND', auditor: 'OK', system: 'FORBIDDEN', admin: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED' },
  MEDIATING: { buyer: 'OK', seller: 'OK', otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', maria: 'OK', mike: 'OK', lena: 'OK', auditor: 'OK', system: 'FORBIDDEN', admin: 'FORBIDDEN', anonymous: 'UNAUTHENTICATED' },
};

describe('the authorization matrix (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-authz');
  const tokens = {} as Record<Viewer, string | undefined>;
  const disputes = {} as Record<'NEGOTIATING' | 'MEDIATING', { id: string; version: number; events: number }>;

  async function negotiating(order: OrderRecord): Promise<string> {
    const id = (await ok(mutate(suite.api.url, tokens.buyer, 'openDispute', openInput(order)))).id;
    await ok(mutate(suite.api.url, tokens.seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } }));
    return id;
  }

  beforeAll(async () => {
    const system = await tokenFor('SYSTEM', 'order-feed');
    // Both disputes belong to the same buyer and seller, on two orders.
    const first = await registerOrder(suite.api.url, system);
    const second = await registerOrder(suite.api.url, system, { buyerId: first.buyerId, sellerId: first.sellerId });
    Object.assign(tokens, {
      buyer: await tokenFor('BUYER', first.buyerId),
      seller: await tokenFor('SELLER', first.sellerId),
      otherBuyer: await tokenFor('BUYER', 'buyer-of-something-else'),
      otherSeller: await tokenFor('SELLER', 'seller-of-something-else'),
      maria: await tokenFor('MEDIATOR', 'mediator-maria'),
      mike: await tokenFor('MEDIATOR', 'mediator-mike'),
      lena: await mintToken(DEV_JWT_SECRET, 'MEDIATOR', 'mediator-lena', '1h', undefined, undefined, true),
      auditor: await tokenFor('AUDITOR', 'auditor-ada'),
      system,
      admin: await tokenFor('ADMIN', 'admin-ava'),
      anonymous: undefined,
    });
    const n = await negotiating(first);
    const m = await negotiating(second);
    await ok(mutate(suite.api.url, tokens.buyer, 'escalateDispute', { disputeId: m, note: 'We cannot agree.' }));
    await ok(mutate(suite.api.url, tokens.maria, 'claimCase', { disputeId: m }));
    const asked = await ok(mutate(suite.api.url, tokens.maria, 'requestInformation', { disputeId: m, from: 'BUYER', question: 'Do you still have the packaging?' }));
    for (const [key, id] of [['NEGOTIATING', n], ['MEDIATING', m]] as const) {
      disputes[key] = { id, version: key === 'MEDIATING' ? asked.version : (await readDispute(suite.api.url, tokens.buyer!, id)).data!.dispute.version, events: (await eventsOf(suite.dataSource, id)).length };
    }
  });

  describe.each([
    ['NEGOTIATING', NEGOTIATING],
    ['MEDIATING', MEDIATING],
  ] as const)('a dispute %s', (state, matrix) => {
    const cases = (Object.keys(matrix) as Viewer[]).flatMap((viewer) => MUTATIONS.map((mutation) => ({ viewer, mutation, expected: matrix[viewer][mutation] })));

    it.each(cases)('$viewer → $mutation: $expected', async ({ viewer, mutation, expected }) => {
      const { id } = disputes[state];
      const response = await mutate(suite.api.url, tokens[viewer], mutation, { disputeId: id, ...PROBES[mutation] });

      expect(response.data ?? null).toBeNull();
      expect(response.errors).toHaveLength(1);
      const { code, field } = response.errors![0].extensions;
      if (expected === 'PASS') {
        // Authorized: the refusal is about the payload, never about the dispute or the caller.
        expect(['VALIDATION', 'NOT_FOUND']).toContain(code);
        expect(field).toBeDefined();
        expect(field).not.toBe('disputeId');
      } else {
        expect(code).toBe(expected);
        if (expected === 'NOT_FOUND') expect(field).toBe('disputeId');
      }
    });

    it('lists exactly the PASS cells as each party\u2019s and mediator\u2019s availableActions', async () => {
      for (const viewer of ['buyer', 'seller', 'maria', 'mike', 'lena'] as const) {
        if (READS[state][viewer] !== 'OK') continue;
        const read = await readDispute(suite.api.url, tokens[viewer]!, disputes[state].id);
        const passes = MUTATIONS.filter((mutation) => matrix[viewer][mutation] === 'PASS').map((name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
        // In the enum's order, which is the domain's lifecycle order.
        const expected = Object.keys(DisputeActionEnum).filter((action) => passes.includes(action));
        expect(expected).toHaveLength(passes.length);
        expect({ viewer, actions: read.data!.dispute.availableActions }).toEqual({ viewer, actions: expected });
      }
    });

    it.each(Object.keys(READS[state]) as Viewer[])('%s reading the dispute and its history', async (viewer) => {
      const expected = READS[state][viewer];
      const { id } = disputes[state];
      const dispute = await graphql(suite.api.url, `query($id: ID!) { dispute(id: $id) { id } }`, { id }, tokens[viewer]);
      const history = await graphql(suite.api.url, `query($id: ID!) { disputeEvents(disputeId: $id, first: 2) { edges { node { sequence } } } }`, { id }, tokens[viewer]);
      if (expected === 'OK') {
        expect(dispute).toEqual({ data: { dispute: { id } } });
        expect(history).toEqual({ data: { disputeEvents: { edges: [{ node: { sequence: 1 } }, { node: { sequence: 2 } }] } } });
      } else {
        expect([dispute.errors?.[0].extensions.code, history.errors?.[0].extensions.code]).toEqual([expected, expected]);
      }
    });

    it('recorded nothing for any refused command', async () => {
      const { id, version, events } = disputes[state];
      expect((await eventsOf(suite.dataSource, id)).length).toBe(events);
      expect((await readDispute(suite.api.url, tokens.auditor!, id)).data!.dispute.version).toBe(version);
    });
  });

  it.each(['buyer', 'seller', 'auditor', 'system', 'admin'] as const)('refuses the mediation queue to %s', async (viewer) => {
    const response = await graphql(suite.api.url, `{ mediationQueue { id } }`, {}, tokens[viewer]);
    expect(response.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('scopes the disputes list to what each caller may see', async () => {
    const list = async (viewer: Viewer) =>
      ((await graphql<{ disputes: { edges: { node: { id: string } }[] } }>(suite.api.url, `{ disputes(first: 100) { edges { node { id } } } }`, {}, tokens[viewer])).data?.disputes.edges ?? []).map((edge) => edge.node.id);
    const both = [disputes.MEDIATING.id, disputes.NEGOTIATING.id];
    expect((await list('buyer')).sort()).toEqual([...both].sort());
    expect((await list('seller')).sort()).toEqual([...both].sort());
    expect(await list('otherBuyer')).toEqual([]);
    expect(await list('maria')).toContain(disputes.MEDIATING.id);
    expect(await list('maria')).not.toContain(disputes.NEGOTIATING.id);
    expect(await list('auditor')).toEqual(expect.arrayContaining(both));
  });
});
