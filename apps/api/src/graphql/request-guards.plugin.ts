import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { isStorableText } from '../../../../libs/domain/src';

// Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused before anything runs, in
// every variable and string of the document, not only in command fields the domain reads: filters
// and idempotency keys would otherwise reach the database as query errors. The rule is the domain's.

/** Where (a variable path such as `input.evidence[0].description`) a value holds text that cannot be stored; null when none. */
export function unstorableTextIn(value: unknown, path: string): string | null {
  // Iterative: variables may nest far deeper than the call stack allows.
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (!isStorableText(next.value)) return next.path;
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => pending.push({ value: item, path: `${next!.path}[${index}]` }));
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, member] of Object.entries(next.value)) {
        if (!isStorableText(key)) return `${next.path}.<key>`;
        pending.push({ value: member, path: `${next.path}.${key}` });
      }
    }
  }
  return null;
}

function unstorableTextInDocument(document: DocumentNode): string | null {
  // GraphQL's lexer refuses unpaired surrogates, raw or escaped; a NUL gets into a string raw or as
  // a \u escape (\u0000, \u{0}). Most documents have neither and need no walk.
  const source = document.loc?.source.body;
  if (source !== undefined && !source.includes('\u0000') && !/\\u/i.test(source)) return null;
  let found: string | null = null;
  visit(document, {
    [Kind.STRING](node) {
      if (isStorableText(node.value)) return undefined;
      found = `the string at line ${node.loc?.startToken.line ?? '?'} of the query`;
      return BREAK;
    },
  });
  return found;
}

/** Why the request cannot run as sent, or null. Shared by HTTP (the plugin below) and graphql-ws. */
export function requestGuardRefusal(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, transport: 'http' | 'ws'): string | null {
  // Over HTTP a subscription has no event stream to answer with (it would fail as a null Dispute).
  if (transport === 'http' && operation.operation === 'subscription') return 'Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP POST or GET.';
  const where = unstorableTextInDocument(document) ?? unstorableTextIn(variables, '$');
  return where === null ? null : `Text must not contain NUL characters or unpaired UTF-16 surrogates (found in ${where.replace(/^\$\./, '')}).`;
}

export function requestGuardsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const refusal = requestGuardRefusal(document, operation, (request.variables ?? {}) as Record<string, unknown>, 'http');
          if (refusal) throw new GraphQLError(refusal, { extensions: { code: 'VALIDATION', http: { status: 400 } } });
        },
      };
    },
  };
}
