import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { queryLimitRefusal, type QueryLimits } from '../../apps/api/src/graphql/query-limits.plugin';

/** The depth and cost checks on their own (query-limits.plugin.ts); the HTTP and WebSocket paths are e2e. */
const refusal = (query: string, limits: Partial<QueryLimits> = {}, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return queryLimitRefusal(document, operation, variables, { maxDepth: 10, maxComplexity: 2_000, ...limits });
};

describe('query limits', () => {
  it('prices each field once, times the page of every connection above it', () => {
    expect(refusal(`{ disputes(first: 10) { edges { node { id } } } }`, { maxComplexity: 30 })).toBe('This query could read about 31 items; the limit is 30. Use smaller pages.');
    expect(refusal(`query($n: Int!) { disputes(first: $n) { edges { node { id } } } }`, { maxComplexity: 30 }, { n: 10 })).toMatch(/about 31 items/);
    expect(refusal(`{ disputes(first: 10) { edges { node { id } } } }`, { maxComplexity: 31 })).toBeNull();
  });

  it('prices a fragment as the selections it stands for, once per spread', () => {
    const fragment = `fragment E on DisputeConnection { edges { node { id } } }`;
    expect(refusal(`{ disputes(first: 10) { ...E } } ${fragment}`, { maxComplexity: 30 })).toMatch(/about 31 items/);
    expect(refusal(`{ disputes(first: 10) { ...E ...E } } ${fragment}`, { maxComplexity: 30 })).toMatch(/about 61 items/);
  });

  it('measures depth through fragments and inline fragments', () => {
    const deep = `{ disputes(first: 1) { edges { ...N } } } fragment N on DisputeEdge { node { ... on Dispute { messages(first: 1) { edges { node { body } } } } } }`;
    expect(refusal(deep, { maxDepth: 6 })).toBe('This query nests 7 levels deep; the limit is 6. Ask for less at once.');
    expect(refusal(deep, { maxDepth: 7 })).toBeNull();
  });

  it('prices 200 fragments that each spread the next twice (2^200 selections) without walking them', () => {
    // Walked once per path, this never finished (2^60 froze the API); measured once per fragment it is instant.
    const fragments = Array.from({ length: 200 }, (_, i) => `fragment F${i} on Query { v${i}: viewer { id } ${i < 199 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ');
    expect(refusal(`query { ...F0 } ${fragments}`)).toMatch(/^This query could read about \S+ items; the limit is 2000/);
    expect(refusal(`query { ...F0 } ${fragments}`, { maxComplexity: Number.MAX_SAFE_INTEGER })).toMatch(/could read about/);
  });

  it('ends on fragments that spread each other (subscriptions are checked before validation refuses the cycle)', () => {
    expect(refusal(`query { ...A } fragment A on Query { viewer { id } ...B } fragment B on Query { ...A }`)).toBeNull();
    expect(refusal(`query { ...A } fragment A on Query { ...A }`, { maxDepth: 1 })).toBeNull();
  });
});
