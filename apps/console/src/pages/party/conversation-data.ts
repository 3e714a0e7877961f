import { useEffect, useState } from 'react';
import { request, type ApiError } from '../../api/client';
import { graphql } from '../../gql';

// The conversation: every message, and what the parties said outside the messages (a seller's
// answer, a rejection's reason, why a case went to a mediator), which lives only in the event
// history. Both are read again, page after page, whenever the dispute's version moves.

const PartyMessages = graphql(`
  query PartyMessages($id: ID!, $after: String) {
    dispute(id: $id) {
      id
      messages(first: 100, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            messageId
            sequence
            authorRole
            body
            at
          }
        }
      }
    }
  }
`);

const PartyStatements = graphql(`
  query PartyStatements($disputeId: ID!, $after: String) {
    disputeEvents(disputeId: $disputeId, first: 100, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
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

/** What a party said with a step: who, with which step ("rejecting offer #2"), and the text. */
type Statement = { role: string; context: string; text: string };

type Payload = Record<string, unknown> & { by?: unknown };

const roleOf = (by: unknown): string => (typeof by === 'string' ? by : typeof by === 'object' && by !== null && 'role' in by ? String((by as { role: unknown }).role) : 'BUYER');

const RESPONSE_WORDS: Record<string, string> = { ACCEPT_REQUEST: 'accepting the buyer’s request', COUNTER_OFFER: 'answering the dispute with a counter-offer', REJECT: 'rejecting the buyer’s request' };

/** A statement when the party wrote something (optional texts are often left empty). */
const said = (value: unknown, role: string, context: string): Statement | null =>
  typeof value === 'string' && value.trim() !== '' ? { role, context, text: value } : null;

/** One event's statement, if it carries one a party wrote. */
function statementOf(type: string, data: Payload): Statement | null {
  switch (type) {
    case 'SellerResponded':
      return said(data.explanation, 'SELLER', RESPONSE_WORDS[String(data.response)] ?? 'answering the dispute');
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

export interface Entry {
  key: string;
  sequence: number;
  at: string;
  /** Who said it: BUYER, SELLER or MEDIATOR. */
  role: string;
  /** The step a statement came with; null for a message. */
  context: string | null;
  text: string;
}

/** Every page of one connection, following endCursor until the last. */
async function allPages<T>(read: (after: string | null) => Promise<{ ok: true; items: T[]; next: string | null } | { ok: false; error: ApiError }>): Promise<{ ok: true; items: T[] } | { ok: false; error: ApiError }> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page = await read(after);
    if (!page.ok) return page;
    items.push(...page.items);
    after = page.next;
  } while (after !== null);
  return { ok: true, items };
}

async function readConversation(disputeId: string): Promise<{ ok: true; entries: Entry[] } | { ok: false; error: ApiError }> {
  const [messages, events] = await Promise.all([
    allPages(async (after) => {
      const result = await request(PartyMessages, { id: disputeId, after });
      if (!result.ok) return result;
      const { edges, pageInfo } = result.data.dispute.messages;
      return { ok: true, items: edges.map((edge) => edge.node), next: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null };
    }),
    allPages(async (after) => {
      const result = await request(PartyStatements, { disputeId, after });
      if (!result.ok) return result;
      const { edges, pageInfo } = result.data.disputeEvents;
      return { ok: true, items: edges.map((edge) => edge.node), next: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null };
    }),
  ]);
  if (!messages.ok) return messages;
  if (!events.ok) return events;
  const said = events.items.flatMap((event) => {
    const statement = statementOf(event.type, JSON.parse(event.payload) as Payload);
    return statement ? [{ key: `s${event.sequence}`, sequence: event.sequence, at: event.occurredAt, ...statement }] : [];
  });
  // A seller's rejection records its explanation twice (the response and the offer it rejects): show it once.
  const once = said.filter((statement, index) => index === 0 || said[index - 1]!.text !== statement.text || said[index - 1]!.role !== statement.role);
  const written = messages.items.map((message) => ({ key: message.messageId, sequence: message.sequence, at: message.at, role: message.authorRole, context: null, text: message.body }));
  return { ok: true, entries: [...written, ...once].sort((a, b) => a.sequence - b.sequence) };
}

export type ConversationState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; entries: Entry[] };

/** The conversation in history order, read again when the dispute's version moves (a live change). */
export function useConversation(disputeId: string, version: number): ConversationState {
  const [state, setState] = useState<ConversationState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void readConversation(disputeId).then((result) => {
      // A re-read keeps the conversation on screen until the new one is in.
      if (current) setState(result.ok ? { status: 'ready', entries: result.entries } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [disputeId, version]);
  return state;
}
