import { useEffect } from 'react';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../gql';

// What the parties said outside the messages (a seller's answer, a rejection's reason, why a case
// went to a mediator) lives only in the event history; the conversation reads it from there.

const PartyStatements = graphql(`
  query PartyStatements($disputeId: ID!) {
    disputeEvents(disputeId: $disputeId, first: 100) {
      edges {
        node {
          sequence
          type
          occurredAt
          payload
        }
      }
    }
  }
`);

export interface Statement {
  sequence: number;
  at: string;
  /** BUYER, SELLER or MEDIATOR: who said it. */
  role: string;
  /** What the statement came with, e.g. "rejecting offer #2". */
  context: string;
  text: string;
}

type Payload = Record<string, unknown> & { by?: unknown };

const roleOf = (by: unknown): string => (typeof by === 'string' ? by : typeof by === 'object' && by !== null && 'role' in by ? String((by as { role: unknown }).role) : 'BUYER');

const RESPONSE_WORDS: Record<string, string> = { ACCEPT_REQUEST: 'accepting the request', COUNTER_OFFER: 'with a counter-offer', REJECT: 'rejecting the dispute' };

/** A statement when the party wrote something (optional texts are often left empty). */
const said = (value: unknown, role: string, context: string): Omit<Statement, 'sequence' | 'at'> | null =>
  typeof value === 'string' && value.trim() !== '' ? { role, context, text: value } : null;

/** One event's statement, if it carries one a party wrote. */
function statementOf(type: string, data: Payload): Omit<Statement, 'sequence' | 'at'> | null {
  switch (type) {
    case 'SellerResponded':
      return said(data.explanation, 'SELLER', `answering the dispute ${RESPONSE_WORDS[String(data.response)] ?? ''}`.trim());
    case 'OfferRejected':
      return said(data.reason, roleOf(data.by), `rejecting offer #${String(data.offerNumber)}`);
    case 'DisputeEscalated':
      return said(data.note, roleOf(data.by), 'asking a mediator to step in');
    case 'ReturnContested':
      return said(data.explanation, 'SELLER', 'contesting the return');
    case 'ReplacementDisputed':
      return said(data.explanation, 'BUYER', 'reporting a problem with the replacement');
    case 'SellerConceded':
      return said(data.message, 'SELLER', 'conceding');
    case 'DisputeWithdrawn':
      return said(data.reason, 'BUYER', 'withdrawing the dispute');
    default:
      return null;
  }
}

/** The statements of the dispute's history, read again whenever the dispute's version moves. */
export function useStatements(disputeId: string, version: number): Statement[] {
  const state = useQuery(PartyStatements, { disputeId });
  const { reload } = state;
  useEffect(() => reload(), [version, reload]);
  if (state.status !== 'ready') return [];
  return state.data.disputeEvents.edges.flatMap(({ node }) => {
    const data = JSON.parse(node.payload) as Payload;
    const statement = statementOf(node.type, data);
    return statement ? [{ ...statement, sequence: node.sequence, at: node.occurredAt }] : [];
  });
}
