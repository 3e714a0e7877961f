import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

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
  const depth = depthOf(operation.selectionSet, fragments, 0);
  if (depth > limits.maxDepth) return `This query nests ${depth} levels deep; the limit is ${limits.maxDepth}. Ask for less at once.`;
  const cost = costOf(operation, fragments, variables);
  if (cost > limits.maxComplexity) return `This query could read about ${cost} items; the limit is ${limits.maxComplexity}. Use smaller pages.`;
  return null;
}

const DEFAULT_PAGE = 20;

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
}

function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, depth: number, seen = new Set<string>()): number {
  let deepest = depth;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? depthOf(selection.selectionSet, fragments, depth + 1, seen) : depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, depth, seen));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, depth, new Set([...seen, fragment.name.value])));
    }
  }
  return deepest;
}

function costOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const visit = (selectionSet: SelectionSetNode, multiplier: number, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += multiplier;
        if (selection.selectionSet) {
          const first = selection.arguments?.find((argument) => argument.name.value === 'first');
          let size = 1;
          if (first) {
            const value = first.value.kind === Kind.VARIABLE ? variables[first.value.name.value] : first.value.kind === Kind.INT ? Number(first.value.value) : undefined;
            size = typeof value === 'number' && value > 0 ? value : DEFAULT_PAGE;
          } else if (['disputes', 'disputeEvents', 'disputeTimeline', 'mediationQueue', 'messages'].includes(selection.name.value)) {
            size = DEFAULT_PAGE;
          }
          total += visit(selection.selectionSet, multiplier * size, seen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += visit(selection.selectionSet, multiplier, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) total += visit(fragment.selectionSet, multiplier, new Set([...seen, fragment.name.value]));
      }
    }
    return total;
  };
  return visit(operation.selectionSet, 1, new Set());
}
