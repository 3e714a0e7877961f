// The fuzz test's operations on the operator and integrator surface of issue 14 (fuzz.e2e.spec.ts
// draws them like its other categories): the webhook endpoint mutations and reads, publishPolicy,
// the order feed's batch, the orders / disputes / mediationCases filters and sellerPerformance.
// Every operation here is refused (or is a read): none may store an endpoint, a policy version,
// an order or an idempotency record, which the spec checks after each refusal phase.
import { getNamedType, type GraphQLInputObjectType } from 'graphql';
import { defaultPolicy, toPolicyDocument } from '../../../libs/domain/src';
import { contentText, inputPaths, PUBLIC_CODES, SCHEMA, toJson, unicodeText, unknownId, unstorableText, withValueAt, wrongValueFor, type Expectation, type FuzzRequest, type GraphQLBody, type Rng } from './fuzz';

export interface OperatorParty {
  role: string;
  id: string;
  authorization: string;
}

export interface OperatorOp {
  category: 'webhooks' | 'operator';
  request: FuzzRequest;
  expect: Expectation;
  /** Problems beyond the expectation, for answers that carry refusals as data (the batch's items). */
  check?: (body: GraphQLBody) => string[];
}

export interface OperatorFacts {
  rng: Rng;
  /** Paused endpoints, each with its owner (one is SYSTEM's platform-wide endpoint). */
  endpoints: { owner: OperatorParty; endpointId: string }[];
  /** Deliveries held for a paused endpoint: redelivering one is INVALID_STATE. */
  heldDeliveries: { owner: OperatorParty; deliveryId: string }[];
  people: Record<'admin' | 'system' | 'auditor' | 'mediator' | 'strangerBuyer' | 'strangerSeller', OperatorParty>;
  /** Parties of real disputes (buyers and sellers). */
  party: () => OperatorParty;
  /** A fresh idempotency key. */
  key: () => string;
}

const VALIDATION: Expectation = { outcome: 'refused', codes: ['VALIDATION'] };
const post = (query: string, variables: Record<string, unknown>, authorization?: string): FuzzRequest => ({ body: toJson({ query, variables }), authorization });
const inputType = (name: string) => getNamedType(SCHEMA.getMutationType()!.getFields()[name].args[0].type) as GraphQLInputObjectType;

const WEBHOOK_SELECTION: Record<string, string> = {
  registerWebhookEndpoint: 'endpoint { id url eventTypes paused } secret',
  updateWebhookEndpoint: 'id url eventTypes paused',
  removeWebhookEndpoint: 'id',
  rotateWebhookSecret: 'endpoint { id previousSecretValidUntil } secret',
  redeliverWebhook: 'id status attempts',
};
const WEBHOOK_MUTATIONS = Object.keys(WEBHOOK_SELECTION);
const mutation = (name: string, selection: string) => `mutation Run($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`;

export const OPERATOR_READS = {
  endpoints: `{ webhookEndpoints { id url eventTypes paused platform } }`,
  deliveries: `query W($endpointId: ID!, $first: Int!, $after: String) { webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) { edges { cursor node { id status attempts lastError } } pageInfo { endCursor hasNextPage } } }`,
  performance: `query P($sellerId: ID!, $from: String!, $to: String!) { sellerPerformance(sellerId: $sellerId, from: $from, to: $to) { sellerId disputes orders } }`,
  orders: `query Or($filter: OrderFilter, $first: Int!, $after: String) { orders(filter: $filter, first: $first, after: $after) { totalCount edges { node { id } } } }`,
  disputes: `query L($filter: DisputeFilter, $first: Int!, $after: String) { disputes(filter: $filter, first: $first, after: $after) { edges { node { id } } } }`,
  cases: `query C($filter: MediationQueueFilter, $first: Int!, $after: String) { mediationCases(filter: $filter, first: $first, after: $after) { totalCount edges { node { id } } } }`,
};

/** URLs no endpoint may have outside production either: not https (http only to loopback), credentials, fragments, not URLs, too long once normalised. */
function badUrl(rng: Rng): string {
  return rng.pick<() => string>([
    () => rng.pick(['http://hooks.example.com/disputes', 'http://10.0.0.7/hook', 'http://169.254.169.254/latest/meta-data', 'http://[fd00::1]/x', 'http://example.com:443/']),
    () => rng.pick(['ftp://hooks.example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,hi', 'ws://127.0.0.1/x', 'gopher://127.0.0.1:25/']),
    () => rng.pick(['https://user:pass@hooks.example.com/', 'https://token@hooks.example.com/', 'https://hooks.example.com/#frag', 'https://hooks.example.com/x#']),
    () => rng.pick(['', ' ', 'hooks.example.com', '//hooks.example.com/x', 'https://', 'https://exa mple.com/', 'https://[::1/', 'https://%zz/', 'http://']),
    () => `https://hooks.example.com/${'a'.repeat(rng.int(2_040, 5_000))}`,
    // Under the limit as sent, beyond it once the WHATWG parser percent-encodes it (each é becomes %C3%A9).
    () => `https://hooks.example.com/${'é'.repeat(rng.int(700, 2_000))}`,
    () => `https://hooks.example.com/${rng.pick(['\u0000', '\ud800', 'a\udfff'])}`,
    () => unicodeText(rng, 1, 60),
  ])();
}

function badEventTypes(rng: Rng): unknown {
  return rng.pick<unknown>([[], ['DisputeOpen'], ['disputeopened'], ['DisputeOpened', 'NoSuchEvent'], [''], [' DisputeOpened'], [unicodeText(rng, 1, 20)], Array.from({ length: rng.int(1, 300) }, () => `E${rng.int(0, 9)}`)]);
}

const badGrace = (rng: Rng) => rng.pick([-1, 169, 1_000, 2_147_483_647, -2_147_483_648]);
const badKey = (rng: Rng) => rng.pick(['', 'k'.repeat(rng.int(201, 5_000)), `k-${unstorableText(rng)}`]);

/** A policy that passes GraphQL's types, with one rule of the policy broken. */
function brokenPolicy(rng: Rng): { input: Record<string, unknown>; what: string } {
  const policy = { ...toPolicyDocument(defaultPolicy), version: 'fuzz' } as Record<string, unknown>;
  const line = `fz-${rng.hex(6)}`;
  const [what, change] = rng.pick<[string, Record<string, unknown>]>([
    ['a window that is no duration', { policy: { ...policy, [rng.pick(['appealWindow', 'negotiationWindow', 'mediationSla', 'sellerResponseWindow'])]: rng.pick(['7 days', '', 'P', 'PT', 'P-1D', 'P1Y', 'p7d', '\u0660', unicodeText(rng, 1, 10)]) } }],
    ['a zero or negative window', { policy: { ...policy, negotiationWindow: rng.pick(['PT0S', 'P0D', 'PT0.0001S']) } }],
    ['a default information window under its minimum', { policy: { ...policy, informationRequestDefault: 'PT1M' } }],
    ['a maximum information window under the default', { policy: { ...policy, informationRequestMax: 'PT1H' } }],
    ['a limit out of range', { policy: { ...policy, [rng.pick(['maxOffersPerParty', 'maxDisputesPerOrder', 'maxTextLength', 'maxEvidencePerParty', 'maxExtensionsPerDeadline'])]: rng.pick([0, -1, -2_147_483_648, 2_147_483_647]) } }],
    ['a clause id twice', { policy: { ...policy, clauses: [{ id: 'A-1', text: 'One.' }, { id: 'A-1', text: 'Two.' }] } }],
    ['a blank clause text', { policy: { ...policy, clauses: [{ id: 'A-1', text: rng.pick(['', '  ', '\n\t']) }] } }],
    ['a malformed clause id', { policy: { ...policy, clauses: [{ id: rng.pick(['a 1', '', 'x'.repeat(300), 'NR_1', unicodeText(rng, 1, 6)]), text: 'One.' }] } }],
    ['no clauses', { policy: { ...policy, clauses: [] } }],
    ['a blank version label', { policy: { ...policy, version: rng.pick(['', '   ']) } }],
    ['a malformed line', { line: rng.pick(['', 'Default', 'Electronics!', '1eu', '-eu', 'x'.repeat(41), 'eu us', unicodeText(rng, 1, 10)]) }],
    ['a note too long', { note: contentText(rng, 1_001, 3_000) }],
    ['unstorable text', rng.chance(0.5) ? { note: unstorableText(rng) } : { policy: { ...policy, clauses: [{ id: 'A-1', text: unstorableText(rng) }] } }],
    ['a bad idempotency key', { idempotencyKey: badKey(rng) }],
  ]);
  return { input: { line, policy, ...change }, what };
}

/** One order of the feed that passes GraphQL's types with one of its rules broken; it must be refused on its own. */
function refusedOrder(rng: Rng): Record<string, unknown> {
  const order: Record<string, unknown> = {
    orderId: `order-fzop-${rng.hex(10)}`,
    buyerId: `buyer-fzop-${rng.hex(4)}`,
    sellerId: `seller-fzop-${rng.hex(4)}`,
    amountPaid: { amountMinor: 5000, currency: 'EUR' },
    shippedAt: '2026-11-01T00:00:00Z',
    deliveryDeadlineAt: '2026-11-20T00:00:00Z',
  };
  const line = (changes: Record<string, unknown> = {}) => ({ lineId: 'l1', sku: 'SKU-1', title: 'A thing', quantity: 1, unitPrice: { amountMinor: 1000, currency: 'EUR' }, ...changes });
  const change = rng.pick<Record<string, unknown>>([
    { amountPaid: { amountMinor: rng.pick([-1, -2_147_483_648]), currency: 'EUR' } },
    { amountPaid: { amountMinor: 5000, currency: rng.pick(['', 'eur', 'EURO', '€', 'E\u0301U']) } },
    { deliveryDeadlineAt: rng.pick(['tomorrow', '', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', unicodeText(rng, 1, 20)]) },
    { shippedAt: rng.pick(['yesterday', '2026-11-01', '+275760-09-13T00:00:00Z']) },
    { placedAt: rng.pick(['now', '2026-11-01T25:00:00Z', '-000001-01-01T00:00:00Z']) },
    { deliveredAt: rng.pick(['soon', '99999-01-01T00:00:00Z']) },
    { title: rng.pick(['', '   ', 'x'.repeat(501)]) },
    { orderId: rng.pick(['', ' ', 'x'.repeat(rng.int(201, 2_000))]) },
    { buyerId: rng.pick(['', '   ']) },
    { sellerId: rng.pick(['', '   ']) },
    { lines: [line({ quantity: rng.pick([0, -1]) })] },
    { lines: [line({ unitPrice: { amountMinor: 6000, currency: 'EUR' } })] },
    { lines: [line(), line()] },
    { lines: [line({ unitPrice: { amountMinor: 100, currency: 'USD' } })] },
    { lines: [line({ title: rng.pick(['', '  ']) })] },
    { lines: [line({ quantity: 2_000_000_000, unitPrice: { amountMinor: 2_000_000_000, currency: 'EUR' } })] },
    { policyLine: rng.pick([`fz-never-${rng.hex(6)}`, 'Not A Line', '', 'x'.repeat(41)]) },
    { returnAddress: { name: '', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', countryCode: rng.pick(['DE', 'XX', 'de', '']) } },
    { amountRefundedMinorUnits: rng.pick([5001, '6000', 2 ** 53 - 1]) },
  ]);
  return { ...order, ...change };
}

/** Checks a batch whose every item must be refused: nothing registered, each refusal a public code with a sentence. */
const allItemsRefused = (count: number) => (body: GraphQLBody): string[] => {
  const result = body.data?.registerOrders as { registeredCount?: number; refusedCount?: number; items?: { order: unknown; refusal: { code?: unknown; message?: unknown } | null }[] } | undefined;
  if (!result) return [];
  const problems: string[] = [];
  if (result.registeredCount !== 0 || result.refusedCount !== count) problems.push(`registered ${result.registeredCount} and refused ${result.refusedCount} of ${count} orders that break a rule`);
  for (const [index, item] of (result.items ?? []).entries()) {
    if (item.order !== null) problems.push(`item ${index} answered an order`);
    const code = item.refusal?.code;
    if (typeof code !== 'string' || !PUBLIC_CODES.has(code)) problems.push(`item ${index} refused with code ${String(code)}`);
    if (typeof item.refusal?.message !== 'string' || item.refusal.message.trim() === '') problems.push(`item ${index} refused without a sentence`);
  }
  return problems;
};

/** Times a filter, a cursor or a window cannot hold. */
const badTime = (rng: Rng) => rng.pick(['tomorrow', '', ' ', '2026-13-01T00:00:00Z', '2026-01-01T24:61:00Z', '0000-12-31T23:59:59Z', '10000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '1e309', unstorableText(rng)]);

export function operatorGenerators(facts: OperatorFacts): Record<'webhooks' | 'operator', () => OperatorOp> {
  const { rng, people } = facts;
  const managers = () => rng.pick([facts.party(), people.mediator, people.system, people.strangerBuyer]);

  const webhooks = (): OperatorOp => {
    const op = (name: string, input: Record<string, unknown>, caller: OperatorParty, expect: Expectation = VALIDATION): OperatorOp => ({ category: 'webhooks', request: post(mutation(name, WEBHOOK_SELECTION[name]), { input }, caller.authorization), expect });
    const own = rng.pick(facts.endpoints);
    // Registrations are sent paused: should one be accepted by mistake, its deliveries are held, never sent (no network in tests).
    switch (rng.int(0, 9)) {
      case 0: {
        // A value of the wrong type at any path of any endpoint mutation's input.
        const name = rng.pick(WEBHOOK_MUTATIONS);
        const valid: Record<string, unknown> = { url: 'https://hooks.example.com/x', paused: true, endpointId: own.endpointId, deliveryId: rng.pick(facts.heldDeliveries)?.deliveryId ?? 'none', idempotencyKey: facts.key() };
        const target = rng.pick(inputPaths(inputType(name)));
        const base = Object.fromEntries(Object.keys(inputType(name).getFields()).filter((field) => field in valid).map((field) => [field, valid[field]]));
        return op(name, withValueAt(base, target.path, wrongValueFor(rng, target.type, target.hasDefault)), own.owner);
      }
      case 1:
        return op('registerWebhookEndpoint', { url: badUrl(rng), paused: true, ...(rng.chance(0.3) ? { eventTypes: ['DisputeOpened'] } : {}), idempotencyKey: facts.key() }, managers());
      case 2:
        return op('registerWebhookEndpoint', { url: 'https://hooks.example.com/fuzz', paused: true, eventTypes: badEventTypes(rng), idempotencyKey: facts.key() }, managers());
      case 3: {
        // The owner changing its own endpoint with one bad field (or nothing, or contradicting fields).
        const change = rng.pick<Record<string, unknown>>([{ url: badUrl(rng) }, { eventTypes: badEventTypes(rng) }, {}, { allEventTypes: false }, { allEventTypes: true, eventTypes: ['DisputeOpened'] }, { idempotencyKey: badKey(rng), paused: true }]);
        return op('updateWebhookEndpoint', { endpointId: own.endpointId, ...change }, own.owner);
      }
      case 4:
        return op('rotateWebhookSecret', { endpointId: own.endpointId, graceHours: badGrace(rng), idempotencyKey: facts.key() }, own.owner);
      case 5: {
        // Ids that name no endpoint of the caller's: unknown, malformed, or another account's.
        const name = rng.pick(['updateWebhookEndpoint', 'removeWebhookEndpoint', 'rotateWebhookSecret']);
        const other = facts.endpoints.find((endpoint) => endpoint.owner.id !== own.owner.id) ?? own;
        const [endpointId, caller] = rng.chance(0.5) ? [unknownId(rng), own.owner] : [other.endpointId, rng.pick([own.owner, people.strangerSeller, people.mediator].filter((p) => p.id !== other.owner.id))];
        return op(name, { endpointId, ...(name === 'updateWebhookEndpoint' ? { paused: true } : {}), idempotencyKey: facts.key() }, caller, { outcome: 'refused', codes: ['NOT_FOUND', 'VALIDATION'] });
      }
      case 6: {
        // Redelivering: an unknown or malformed id, another account's delivery, or one still held (not yet sent).
        const held = rng.pick(facts.heldDeliveries);
        const [deliveryId, caller, codes] = rng.pick<[string, OperatorParty, readonly [string, ...string[]]]>([
          [unknownId(rng), rng.pick([own.owner, people.system]), ['NOT_FOUND', 'VALIDATION']],
          [rng.pick(['', 'x'.repeat(rng.int(201, 3_000))]), own.owner, ['VALIDATION']],
          [held.deliveryId, rng.pick([people.strangerBuyer, people.strangerSeller, people.mediator].filter((p) => p.id !== held.owner.id)), ['NOT_FOUND']],
          [held.deliveryId, held.owner, ['INVALID_STATE']],
        ]);
        return op('redeliverWebhook', { deliveryId, idempotencyKey: facts.key() }, caller, { outcome: 'refused', codes });
      }
      case 7: {
        // Accounts that manage no endpoints (auditors; administrators publish policies) may call none of the mutations.
        const name = rng.pick(WEBHOOK_MUTATIONS);
        const input = { url: 'https://hooks.example.com/x', endpointId: own.endpointId, deliveryId: rng.pick(facts.heldDeliveries).deliveryId, paused: true, idempotencyKey: facts.key() };
        const fields = Object.keys(inputType(name).getFields());
        return op(name, Object.fromEntries(Object.entries(input).filter(([field]) => fields.includes(field))), rng.pick([people.auditor, people.admin]), { outcome: 'refused', codes: ['FORBIDDEN'] });
      }
      case 8: {
        // The delivery log: someone else's endpoint or none, page sizes out of range, cursors never handed out.
        const [variables, caller, codes] = rng.pick<[Record<string, unknown>, OperatorParty, readonly [string, ...string[]]]>([
          [{ endpointId: unknownId(rng), first: 5 }, own.owner, ['NOT_FOUND', 'VALIDATION']],
          [{ endpointId: own.endpointId, first: 5 }, rng.pick([people.strangerSeller, people.mediator].filter((p) => p.id !== own.owner.id)), ['NOT_FOUND']],
          [{ endpointId: own.endpointId, first: rng.pick([0, -1, 101, 2_147_483_647]) }, own.owner, ['VALIDATION']],
          [{ endpointId: own.endpointId, first: 5, after: rng.pick(['x', unstorableText(rng), Buffer.from(JSON.stringify([badTime(rng), 'd'])).toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) }, own.owner, ['VALIDATION']],
          [{ endpointId: own.endpointId, first: 5 }, rng.pick([people.auditor, people.admin]), ['FORBIDDEN']],
        ]);
        return { category: 'webhooks', request: post(OPERATOR_READS.deliveries, variables, caller.authorization), expect: { outcome: 'refused', codes } };
      }
      default:
        // Bad keys on otherwise valid requests (a valid registration would be accepted without them).
        return op('registerWebhookEndpoint', { url: 'https://hooks.example.com/keyed', paused: true, idempotencyKey: badKey(rng) }, managers());
    }
  };

  const operator = (): OperatorOp => {
    const op = (request: FuzzRequest, expect: Expectation = VALIDATION, check?: OperatorOp['check']): OperatorOp => ({ category: 'operator', request, expect, check });
    switch (rng.int(0, 9)) {
      case 0: {
        // publishPolicy: a wrong type at any path, or a policy that breaks one rule.
        if (rng.chance(0.4)) {
          const base = { line: `fz-${rng.hex(6)}`, policy: { ...toPolicyDocument(defaultPolicy), version: 'fuzz' }, idempotencyKey: facts.key() };
          const target = rng.pick(inputPaths(inputType('publishPolicy')));
          return op(post(mutation('publishPolicy', 'line lineVersion'), { input: withValueAt(base, target.path, wrongValueFor(rng, target.type, target.hasDefault)) }, people.admin.authorization));
        }
        return op(post(mutation('publishPolicy', 'line lineVersion'), { input: brokenPolicy(rng).input }, people.admin.authorization));
      }
      case 1: {
        // Only administrators publish, whatever the policy.
        const input = { line: `fz-${rng.hex(6)}`, policy: { ...toPolicyDocument(defaultPolicy), version: 'fuzz' } };
        return op(post(mutation('publishPolicy', 'line lineVersion'), { input }, rng.pick([people.system, people.auditor, people.mediator, facts.party()]).authorization), { outcome: 'refused', codes: ['FORBIDDEN'] });
      }
      case 2: {
        // The order feed's batch refused whole: no orders, too many, a bad key, or a wrong type in one order.
        const orders = Array.from({ length: rng.int(1, 3) }, () => refusedOrder(rng));
        const variant = rng.int(0, 3);
        const input =
          variant === 0
            ? { orders: [] }
            : variant === 1
              ? { orders: Array.from({ length: 101 }, () => orders[0]) }
              : variant === 2
                ? { orders, idempotencyKey: badKey(rng) }
                : (() => {
                    const type = SCHEMA.getType('RegisterOrderInput') as GraphQLInputObjectType;
                    const target = rng.pick(inputPaths(type));
                    return { orders: [withValueAt(orders[0], target.path, wrongValueFor(rng, target.type, target.hasDefault)), ...orders.slice(1)] };
                  })();
        return op(post(mutation('registerOrders', 'registeredCount refusedCount'), { input }, people.system.authorization));
      }
      case 3: {
        // The same orders one at a time, through registerOrder (issue 14 gave it title, lines, placedAt and policyLine): refused whole.
        if (rng.chance(0.3)) return op(post(mutation('registerOrder', 'id title'), { input: refusedOrder(rng) }, people.system.authorization));
        // A batch each of whose orders breaks one rule: answered, every item refused with a code and a sentence, none stored.
        const orders = Array.from({ length: rng.int(1, 5) }, () => refusedOrder(rng));
        return op(
          post(mutation('registerOrders', 'registeredCount refusedCount items { index orderId order { id } refusal { code field message } }'), { input: { orders } }, people.system.authorization),
          { outcome: 'data' },
          allItemsRefused(orders.length),
        );
      }
      case 4: {
        // My Orders' filter with times it cannot hold, or an unstorable prefix.
        const filter = rng.pick<Record<string, unknown>>([{ placedFrom: badTime(rng) }, { placedBefore: badTime(rng) }, { orderIdPrefix: unstorableText(rng) }]);
        return op(post(OPERATOR_READS.orders, { filter, first: 10 }, rng.pick([facts.party(), people.strangerBuyer]).authorization));
      }
      case 5: {
        const filter = rng.pick<Record<string, unknown>>([{ openedFrom: badTime(rng) }, { openedBefore: badTime(rng) }, { reasons: rng.pick([['not_received'], ['NOT_RECEIVED', 'OTHER'], [''], 'NOT_RECEIVED!']) }]);
        return op(post(OPERATOR_READS.disputes, { filter, first: 10 }, rng.pick([facts.party(), people.auditor, people.mediator]).authorization));
      }
      case 6: {
        // The queue: page sizes out of range, cursors never handed out, enum values that are none.
        const variables = rng.pick<Record<string, unknown>>([
          { first: rng.pick([0, -1, 101, 2_147_483_647]) },
          { first: 10, after: rng.pick(['x', unstorableText(rng), Buffer.from(JSON.stringify([true, badTime(rng), 'x'])).toString('base64url'), Buffer.from(JSON.stringify(['yes', '2026-01-01T00:00:00Z', 'not-a-uuid'])).toString('base64url')]) },
          { first: 10, filter: rng.pick([{ stages: ['FIRST_INSTANCE'] }, { escalationReasons: ['BORED'] }, { claimed: 'no' }, { slaBreached: 1 }]) },
        ]);
        return op(post(OPERATOR_READS.cases, variables, rng.pick([people.mediator]).authorization));
      }
      case 7: {
        // sellerPerformance: times that are none, a window backwards or over 366 days, an id that is none.
        const from = '2026-01-01T00:00:00Z';
        const [sellerId, window] = rng.pick<[string, { from: unknown; to: unknown }]>([
          ['seller-x', { from: badTime(rng), to: '2026-02-01T00:00:00Z' }],
          ['seller-x', { from, to: badTime(rng) }],
          ['seller-x', { from, to: rng.pick([from, '2025-12-31T00:00:00Z', '2027-01-03T00:00:00Z', '9999-12-31T23:59:59Z']) }],
          ['seller-x', { from: rng.pick([2026, true, null]), to: '2026-02-01T00:00:00Z' }],
          [rng.pick(['', '   ', 'x'.repeat(rng.int(201, 3_000)), unstorableText(rng)]), { from, to: '2026-02-01T00:00:00Z' }],
        ]);
        return op(post(OPERATOR_READS.performance, { sellerId, ...window }, rng.pick([people.mediator, people.auditor]).authorization));
      }
      case 8: {
        // sellerPerformance for someone who may not read it: another seller, a buyer, the feed, an administrator.
        const reader = rng.pick([people.strangerSeller, people.strangerBuyer, people.system, people.admin, facts.party()]);
        const sellerId = reader.role === 'SELLER' ? `${reader.id}-other` : 'seller-x';
        return op(post(OPERATOR_READS.performance, { sellerId, from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, reader.authorization), { outcome: 'refused', codes: ['FORBIDDEN'] });
      }
      default: {
        // Valid reads of the same surface: answered.
        const own = rng.pick(facts.endpoints);
        const [document, variables, caller] = rng.pick<[string, Record<string, unknown>, OperatorParty]>([
          [OPERATOR_READS.endpoints, {}, own.owner],
          [OPERATOR_READS.deliveries, { endpointId: own.endpointId, first: rng.int(1, 100) }, own.owner],
          [OPERATOR_READS.performance, { sellerId: rng.pick(['seller-x', unicodeText(rng, 1, 40)]), from: '2026-01-01T00:00:00Z', to: rng.pick(['2026-01-01T00:00:00.001Z', '2027-01-02T00:00:00Z']) }, rng.pick([people.mediator, people.auditor])],
          [OPERATOR_READS.orders, { filter: { orderIdPrefix: unicodeText(rng, 1, 40), hasDispute: rng.pick([true, false, null]) }, first: rng.int(1, 100) }, facts.party()],
          [OPERATOR_READS.disputes, { filter: { openedFrom: '0001-01-01T00:00:00Z', openedBefore: '9999-12-31T23:59:59Z', reasons: ['NOT_RECEIVED'] }, first: rng.int(1, 100) }, people.auditor],
          [OPERATOR_READS.cases, { filter: { claimed: rng.pick([true, false]), slaBreached: rng.pick([true, false]), stages: ['MEDIATION', 'APPEAL'] }, first: rng.int(1, 100) }, people.mediator],
        ]);
        return op(post(document, variables, caller.authorization), { outcome: 'data' });
      }
    }
  };

  return { webhooks, operator };
}

