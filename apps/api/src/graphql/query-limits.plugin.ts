import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Refuses queries nested deeper than `maxDepth` or estimated to cost more than `maxComplexity`
 * before anything runs. Cost: each field counts 1, multiplied by the `first` argument of every
 * connection it sits under (default page sizes when not given), so `disputes(first: 100) {
 * messages(first: 100) }` is priced as the 10,000 rows it could read.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const refusal = queryLimitRefusal(document, operation, (request.variables ?? {}) as Record<string, unknown>, limits);
          if (refusal) throw new GraphQLError(refusal, { extensions: { code: 'VALIDATION', http: { status: 400 } } });
        },
      };
    },
  };
}

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/**
 * Why `operation` exceeds the limits, or null when it does not (introspection is exempt).
 * Shared by HTTP (the plugin above) and subscriptions over graphql-ws (ApiModule's onSubscribe).
 */
export function queryLimitRefusal(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, limits: QueryLimits): string | null {
  const fragments = fragmentsOf(document);
  const introspection = operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'));
  if (introspection) return null;
  const depth = depthOf(operation.selectionSet, fragments);
  if (depth > limits.maxDepth) return `This query nests ${depth} levels deep; the limit is ${limits.maxDepth}. Ask for less at once.`;
  const cost = costOf(operation, fragments, variables);
  if (cost > limits.maxComplexity) return `This query could read about ${cost} items; the limit is ${limits.maxComplexity}. Use smaller pages.`;
  return null;
}

const DEFAULT_PAGE = 20;
// Lists that read a page when no `first` is given (their default); issue 14 added orders and mediationCases.
const CONNECTIONS = ['disputes', 'disputeEvents', 'disputeTimeline', 'mediationQueue', 'mediationCases', 'orders', 'messages'];

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
}

/**
 * A measure of selection sets where each fragment is measured once: a fragment spread twice in
 * each of n fragments would otherwise be walked 2^n times (a 2 kB document froze the API). Both
 * measures are relative to where the selection sits (depth adds, cost multiplies), so a
 * fragment's value is the same wherever it is spread. A fragment being measured counts 0 where
 * it is spread again: cycles are refused by validation over HTTP, and subscriptions are checked
 * before validation.
 */
function measure(fragments: Map<string, FragmentDefinitionNode>, ofField: (field: FieldNode, child: number) => number, combine: (values: number[]) => number) {
  const known = new Map<string, number>();
  const visit = (selectionSet: SelectionSetNode): number =>
    combine(
      selectionSet.selections.map((selection) => {
        if (selection.kind === Kind.FIELD) return ofField(selection, selection.selectionSet ? visit(selection.selectionSet) : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment) return 0;
        if (!known.has(name)) {
          known.set(name, 0);
          known.set(name, visit(fragment.selectionSet));
        }
        return known.get(name)!;
      }),
    );
  return visit;
}

/** Levels of fields below the operation (a field without a selection is one level). */
function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  return measure(fragments, (_field, child) => 1 + child, (values) => Math.max(0, ...values))(selectionSet);
}

function costOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const pageOf = (field: FieldNode): number => {
    const first = field.arguments?.find((argument) => argument.name.value === 'first');
    if (first) {
      const value = first.value.kind === Kind.VARIABLE ? variables[first.value.name.value] : first.value.kind === Kind.INT ? Number(first.value.value) : undefined;
      return typeof value === 'number' && value > 0 ? value : DEFAULT_PAGE;
    }
    return CONNECTIONS.includes(field.name.value) ? DEFAULT_PAGE : 1;
  };
  // Each field counts once, and what it selects once per item of its page.
  const cost = measure(fragments, (field, child) => 1 + (field.selectionSet ? pageOf(field) * child : 0), (values) => values.reduce((sum, value) => sum + value, 0))(operation.selectionSet);
  // Infinity times an empty page (a cycle spread alone) would be NaN, which compares as "within the limit".
  return Number.isNaN(cost) ? Infinity : cost;
}
