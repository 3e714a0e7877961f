import { randomUUID } from 'node:crypto';
import { defaultPolicy, toPolicyDocument, type Role } from '../../libs/domain/src';
import type { GraphQLInputObjectType } from 'graphql';
import { graphql, tokenFor, withDisputeApi, type GraphQLResponse } from '../support/api';
import { mutate, ok, openInput, registerOrder } from './support/disputes';
import { inputPaths, problemsOf, Rng, SCHEMA, send, toJson, unicodeText, withValueAt, wrongValueFor, type Expectation } from './support/fuzz';

// Policies as data, end to end: an administrator publishes versions of a line over GraphQL, orders
// name their line, openings pin the line's current version, and publishing never reaches a
// running dispute. Each test publishes on a line of its own, so none sees another's versions.

const PUBLISH = `mutation Publish($input: PublishPolicyInput!) {
  publishPolicy(input: $input) { line lineVersion publishedBy publishedAt note policy { line lineVersion version sellerResponseWindow clauses { id text } } }
}`;
const LINES = `query Lines { policyLines { line lineVersion policy { version } } }`;
const VERSIONS = `query Versions($line: String!) { policyVersions(line: $line) { lineVersion note policy { sellerResponseWindow } } }`;
const POST_MESSAGE_POLICY = `mutation Post($input: PostMessageInput!) { postMessage(input: $input) { policy { line lineVersion version sellerResponseWindow informationRequestMin maxDisputesPerOrder clauses { id text } } } }`;
const DISPUTE_POLICY = `query Pinned($id: ID!) { dispute(id: $id) { openedAt sellerResponseDueAt policy { line lineVersion version sellerResponseWindow informationRequestMin maxDisputesPerOrder clauses { id text } } } }`;

interface Published {
  line: string;
  lineVersion: number;
  publishedBy: string;
  note: string | null;
  policy: { line: string; lineVersion: number; version: string; sellerResponseWindow: string; clauses: { id: string; text: string }[] };
}

const HOUR_MS = 60 * 60 * 1000;
const aLine = () => `e2e-${randomUUID().slice(0, 8)}`;
/** The built-in policy as a publishPolicy input, with changes. */
const policyInput = (changes: Record<string, unknown> = {}) => ({ ...toPolicyDocument(defaultPolicy), version: 'e2e', ...changes });

describe('policies as versioned data (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-policies');
  let admin: string;
  let system: string;
  const url = () => suite.api.url;
  const publish = (input: Record<string, unknown>, token = admin) => graphql<{ publishPolicy: Published }>(url(), PUBLISH, { input }, token);
  const versionsOf = async (line: string) => (await graphql<{ policyVersions: unknown[] }>(url(), VERSIONS, { line }, admin)).data?.policyVersions ?? [];

  beforeAll(async () => {
    admin = await tokenFor('ADMIN', 'admin-ava');
    system = await tokenFor('SYSTEM', 'order-feed');
  });

  it('publishes versions 1, 2, ... of a line and lists them', async () => {
    const line = aLine();
    const first = await publish({ line, policy: policyInput({ sellerResponseWindow: 'P3D' }), note: 'Electronics: three days to respond.', idempotencyKey: randomUUID() });
    expect(first.errors).toBeUndefined();
    expect(first.data!.publishPolicy).toMatchObject({ line, lineVersion: 1, publishedBy: 'admin-ava', note: 'Electronics: three days to respond.', policy: { line, lineVersion: 1, version: 'e2e', sellerResponseWindow: 'P3D' } });
    expect(first.data!.publishPolicy.policy.clauses).toContainEqual({ id: 'NAD-2', text: defaultPolicy.clauses['NAD-2'] });
    await publish({ line, policy: policyInput({ sellerResponseWindow: 'P2D' }) });

    const lines = (await graphql<{ policyLines: { line: string; lineVersion: number; policy: { version: string } }[] }>(url(), LINES, {}, admin)).data!.policyLines;
    expect(lines).toContainEqual({ line, lineVersion: 2, policy: { version: 'e2e' } });
    expect(lines).toContainEqual({ line: 'default', lineVersion: expect.any(Number), policy: { version: expect.any(String) } });
    expect(await versionsOf(line)).toEqual([
      { lineVersion: 2, note: null, policy: { sellerResponseWindow: 'P2D' } },
      { lineVersion: 1, note: 'Electronics: three days to respond.', policy: { sellerResponseWindow: 'P3D' } },
    ]);
  });

  it('never changes a running dispute: it keeps its pinned policy and deadline, a new one pins the new version', async () => {
    const line = aLine();
    await publish({ line, policy: policyInput({ sellerResponseWindow: 'P3D' }) });
    const firstOrder = await registerOrder(url(), system, { policyLine: line });
    const buyer = await tokenFor('BUYER', firstOrder.buyerId);
    const running = await ok(mutate(url(), buyer, 'openDispute', openInput(firstOrder)));

    const shorter = await publish({ line, policy: policyInput({ version: 'e2e-shorter', sellerResponseWindow: 'PT12H' }), note: 'Faster answers.' });
    expect(shorter.data!.publishPolicy.lineVersion).toBe(2);

    type Pinned = { openedAt: string; sellerResponseDueAt: string; policy: { line: string; lineVersion: number; version: string; sellerResponseWindow: string; informationRequestMin: string; maxDisputesPerOrder: number; clauses: { id: string; text: string }[] } };
    const read = async (id: string, token: string) => (await graphql<{ dispute: Pinned }>(url(), DISPUTE_POLICY, { id }, token)).data!.dispute;
    const kept = await read(running.id, buyer);
    expect(kept.policy).toMatchObject({ line, lineVersion: 1, version: 'e2e', sellerResponseWindow: 'P3D', informationRequestMin: 'PT1H', maxDisputesPerOrder: 2 });
    expect(Date.parse(kept.sellerResponseDueAt) - Date.parse(kept.openedAt)).toBe(72 * HOUR_MS);
    // Parties read the clause texts a decision may cite.
    expect(kept.policy.clauses).toContainEqual({ id: 'GEN-1', text: defaultPolicy.clauses['GEN-1'] });

    const secondOrder = await registerOrder(url(), system, { policyLine: line, buyerId: firstOrder.buyerId });
    const opened = await ok(mutate(url(), buyer, 'openDispute', openInput(secondOrder)));
    const fresh = await read(opened.id, buyer);
    expect(fresh.policy).toMatchObject({ line, lineVersion: 2, version: 'e2e-shorter', sellerResponseWindow: 'PT12H' });
    expect(Date.parse(fresh.sellerResponseDueAt) - Date.parse(fresh.openedAt)).toBe(12 * HOUR_MS);

    // The running one, read again after the new opening, still has its own.
    expect(await read(running.id, buyer)).toEqual(kept);
    // So does a command's answer, whose policy the API puts back (the workflow's answer leaves it out).
    const posted = await graphql<{ postMessage: Pick<Pinned, 'policy'> }>(url(), POST_MESSAGE_POLICY, { input: { disputeId: running.id, body: 'Any news?' } }, buyer);
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postMessage.policy).toEqual(kept.policy);
  });

  it('pins the default line\u2019s current version for an order that names no line', async () => {
    const order = await registerOrder(url(), system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const opened = await ok(mutate(url(), buyer, 'openDispute', openInput(order)));
    const current = (await graphql<{ policyLines: { line: string; lineVersion: number }[] }>(url(), LINES, {}, admin)).data!.policyLines.find((entry) => entry.line === 'default')!;
    const pinned = (await graphql<{ dispute: { policy: { line: string; lineVersion: number } } }>(url(), DISPUTE_POLICY, { id: opened.id }, buyer)).data!.dispute.policy;
    expect(pinned).toMatchObject({ line: 'default', lineVersion: current.lineVersion });
  });

  it('refuses an order on a line never published, recording nothing', async () => {
    const line = aLine();
    const orderId = `order-${randomUUID()}`;
    await expect(registerOrder(url(), system, { orderId, policyLine: line })).rejects.toThrow(/VALIDATION.*policyLine/);
    await expect(registerOrder(url(), system, { orderId, policyLine: 'Not A Line' })).rejects.toThrow(/VALIDATION.*policyLine/);
    const read = await graphql(url(), `query($id: ID!) { order(id: $id) { id } }`, { id: orderId }, system);
    expect(read.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('answers a retry with the same idempotency key with the version it published', async () => {
    const line = aLine();
    const input = { line, policy: policyInput(), idempotencyKey: 'publish-once' };
    const [first, again] = [await publish(input), await publish({ ...input, policy: policyInput({ sellerResponseWindow: 'P1D' }) })];
    expect(again.data!.publishPolicy).toEqual(first.data!.publishPolicy);
    expect(await versionsOf(line)).toHaveLength(1);
    // Keys are the caller's own: another administrator's same key publishes theirs.
    const other = await publish(input, await tokenFor('ADMIN', 'admin-bo'));
    expect(other.data!.publishPolicy).toMatchObject({ lineVersion: 2, publishedBy: 'admin-bo' });
  });

  describe('refuses a bad policy whole, naming the field, and publishes nothing', () => {
    const line = aLine();
    beforeAll(async () => {
      await publish({ line, policy: policyInput() });
    });

    it.each([
      ['a window that is not a duration', { policy: policyInput({ appealWindow: '7 days' }) }, 'policy.appealWindow', /appealWindow must be an ISO-8601 duration/],
      ['a zero window', { policy: policyInput({ negotiationWindow: 'PT0S' }) }, 'policy.negotiationWindow', /must be a positive duration/],
      ['a default information window under the minimum', { policy: policyInput({ informationRequestDefault: 'PT30M' }) }, 'policy.informationRequestDefault', /shorter than the minimum/],
      ['a limit of zero', { policy: policyInput({ maxOffersPerParty: 0 }) }, 'policy.maxOffersPerParty', /whole number from 1/],
      ['a clause id twice', { policy: policyInput({ clauses: [{ id: 'A-1', text: 'One.' }, { id: 'A-1', text: 'Two.' }] }) }, 'policy.clauses[1].id', /appears twice/],
      ['an empty clause text', { policy: policyInput({ clauses: [{ id: 'A-1', text: '  ' }] }) }, 'policy.clauses[0].text', /must not be empty/],
      ['a malformed clause id', { policy: policyInput({ clauses: [{ id: 'a 1', text: 'One.' }] }) }, 'policy.clauses[0].id', /capital letters and digits/],
      ['no clauses', { policy: policyInput({ clauses: [] }) }, 'policy.clauses', /at least one clause/],
      ['an empty version label', { policy: policyInput({ version: '' }) }, 'policy.version', /version label/],
      ['a malformed line', { line: 'Electronics!' }, 'line', /not a policy line id/],
      ['a note too long', { note: 'x'.repeat(1001) }, 'note', /at most 1000 characters/],
      ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey', /1 to 200 characters/],
    ])('%s', async (_what, change, field, message) => {
      const response = await publish({ line, policy: policyInput(), ...change });
      expect(response.data ?? null).toBeNull();
      expect(response.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'VALIDATION', field }) })]);
      expect(await versionsOf(line)).toHaveLength(1);
    });

    it('says how many more problems there are', async () => {
      const response = await publish({ line, policy: policyInput({ appealWindow: 'P0D', maxOffersPerParty: 0, clauses: [{ id: 'A-1', text: '' }] }) });
      expect(response.errors![0]).toMatchObject({ message: expect.stringMatching(/\(2 more problems after this one; the policy is refused whole\.\)$/), extensions: { code: 'VALIDATION', field: 'policy.appealWindow' } });
    });

    it('refuses a policy missing a field in GraphQL itself', async () => {
      const { appealWindow: _dropped, ...partial } = policyInput();
      const response = await publish({ line, policy: partial });
      expect(response.errors?.[0].extensions.code).toBe('VALIDATION');
      expect(await versionsOf(line)).toHaveLength(1);
      // The server stays up and answers the next request.
      expect((await publish({ line, policy: policyInput() })).data?.publishPolicy.lineVersion).toBe(2);
    });
  });

  describe('who may publish and read policies', () => {
    type Who = Role | 'ANONYMOUS';
    const WHO: Who[] = ['BUYER', 'SELLER', 'MEDIATOR', 'AUDITOR', 'SYSTEM', 'ADMIN', 'ANONYMOUS'];
    // OK: allowed; otherwise the code every caller of that kind gets.
    const TABLE: Record<'publishPolicy' | 'policyLines' | 'policyVersions', Record<Who, string>> = {
      publishPolicy: { BUYER: 'FORBIDDEN', SELLER: 'FORBIDDEN', MEDIATOR: 'FORBIDDEN', AUDITOR: 'FORBIDDEN', SYSTEM: 'FORBIDDEN', ADMIN: 'OK', ANONYMOUS: 'UNAUTHENTICATED' },
      policyLines: { BUYER: 'FORBIDDEN', SELLER: 'FORBIDDEN', MEDIATOR: 'OK', AUDITOR: 'OK', SYSTEM: 'FORBIDDEN', ADMIN: 'OK', ANONYMOUS: 'UNAUTHENTICATED' },
      policyVersions: { BUYER: 'FORBIDDEN', SELLER: 'FORBIDDEN', MEDIATOR: 'OK', AUDITOR: 'OK', SYSTEM: 'FORBIDDEN', ADMIN: 'OK', ANONYMOUS: 'UNAUTHENTICATED' },
    };
    const line = aLine();
    const cases = Object.entries(TABLE).flatMap(([operation, row]) => WHO.map((who) => ({ operation, who, expected: row[who] })));

    it.each(cases)('$who → $operation: $expected', async ({ operation, who, expected }) => {
      const token = who === 'ANONYMOUS' ? undefined : await tokenFor(who, `${who.toLowerCase()}-policy`);
      const before = await versionsOf(line);
      let response: GraphQLResponse;
      // Sent as is: an anonymous caller sends no token at all.
      if (operation === 'publishPolicy') response = await graphql(url(), PUBLISH, { input: { line, policy: policyInput() } }, token);
      else if (operation === 'policyLines') response = await graphql(url(), LINES, {}, token);
      else response = await graphql(url(), VERSIONS, { line: 'default' }, token);
      if (expected === 'OK') {
        expect(response.errors).toBeUndefined();
      } else {
        expect(response.errors?.[0].extensions.code).toBe(expected);
        expect(await versionsOf(line)).toEqual(before);
      }
    });

    it('lets no administrator read or act on a dispute', async () => {
      const order = await registerOrder(url(), system);
      const buyer = await tokenFor('BUYER', order.buyerId);
      const { id } = await ok(mutate(url(), buyer, 'openDispute', openInput(order)));
      const read = await graphql(url(), DISPUTE_POLICY, { id }, admin);
      expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const message = await mutate(url(), admin, 'postMessage', { disputeId: id, body: 'Hello.' });
      expect(message.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const opening = await mutate(url(), admin, 'openDispute', openInput(await registerOrder(url(), system)));
      expect(opening.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  it('answers random and malformed publishPolicy inputs with typed errors only (fixed seed)', async () => {
    const rng = new Rng(14_014);
    const line = aLine();
    await publish({ line, policy: policyInput() });
    // An administrator of its own, so the rate limit (per account) is this test's alone.
    const fuzzer = await tokenFor('ADMIN', 'admin-fuzz');
    const paths = inputPaths(SCHEMA.getType('PublishPolicyInput') as GraphQLInputObjectType, 4);
    const texts = ['line', 'note', 'idempotencyKey', ...Object.keys(toPolicyDocument(defaultPolicy)).filter((key) => typeof (toPolicyDocument(defaultPolicy) as unknown as Record<string, unknown>)[key] === 'string').map((key) => `policy.${key}`)];
    const problems: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const valid: Record<string, unknown> = { line, policy: { ...policyInput(), clauses: [{ id: 'A-1', text: 'One.' }] } };
      let input: Record<string, unknown>;
      let expectation: Expectation;
      if (rng.chance(0.5)) {
        // A value GraphQL itself must refuse, anywhere in the input.
        const at = rng.pick(paths);
        input = withValueAt(valid, at.path, wrongValueFor(rng, at.type, at.hasDefault));
        expectation = { outcome: 'refused', codes: ['VALIDATION'] };
      } else {
        // Well-typed text of any kind where the domain reads it: refused with VALIDATION, or (rarely) a valid value.
        const path = rng.pick(texts).split('.');
        input = withValueAt(valid, path, rng.chance(0.3) ? rng.pick(['', ' ', 'P', 'PT', 'P0D', 'P-1D', 'P1M', 'PT1H ', '\u0000', 'x'.repeat(5000)]) : unicodeText(rng, 0, 40));
        expectation = { outcome: 'any', codes: ['VALIDATION'] };
      }
      const answer = await send(url(), { body: toJson({ query: PUBLISH, variables: { input } }), authorization: `Bearer ${fuzzer}` });
      problems.push(...problemsOf(answer, expectation).map((problem) => `#${i} ${JSON.stringify(input).slice(0, 200)}: ${problem}`));
    }
    expect(problems).toEqual([]);
    // Still serving.
    expect((await graphql<{ policyLines: unknown[] }>(url(), LINES, {}, admin)).data?.policyLines.length).toBeGreaterThan(0);
  });
});
