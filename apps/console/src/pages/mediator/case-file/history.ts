import { useCallback } from 'react';
import { request } from '../../../api/client';
import { graphql } from '../../../gql';
import type { OrderFacts } from '../../../../../../libs/domain/src/types';
import { usePagedList, type PagedList } from './paged';
import type { Opening } from './ruling-rules';

const HistoryPage = graphql(`
  query CaseFileHistory($disputeId: ID!, $after: String) {
    disputeEvents(disputeId: $disputeId, first: 50, after: $after) {
      edges {
        node {
          sequence
          type
          occurredAt
          payload
          actor {
            id
            role
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** One event of the history, its payload read. */
export interface HistoryEvent {
  sequence: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

export type History = PagedList<HistoryEvent>;

/** The dispute's event history, oldest first, 50 events a page. */
export function useHistory(disputeId: string): History {
  const fetchPage = useCallback(
    async (after: string | null) => {
      const result = await request(HistoryPage, { disputeId, after });
      if (!result.ok) return result;
      const { edges, pageInfo } = result.data.disputeEvents;
      const items = edges.map(({ node }) => ({ ...node, data: JSON.parse(node.payload) as Record<string, unknown> }));
      return { ok: true as const, data: { items, endCursor: pageInfo.endCursor ?? null, hasNextPage: pageInfo.hasNextPage } };
    },
    [disputeId],
  );
  return usePagedList(disputeId, fetchPage);
}

export function openingOf(history: History): Opening | null {
  const first = history.items[0];
  if (!first || first.type !== 'DisputeOpened') return null;
  const order = first.data.order as OrderFacts | undefined;
  if (!order) return null;
  return { order, lineIds: Array.isArray(first.data.lineIds) ? (first.data.lineIds as string[]) : null };
}

/** A party's or the platform's own words, in the order they were recorded. */
export interface Statement {
  sequence: number;
  at: string;
  who: string;
  what: string;
  text: string;
}

const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const RESPONSES: Record<string, string> = { ACCEPT_REQUEST: 'accepted the request', COUNTER_OFFER: 'made a counter-offer', REJECT: 'rejected the dispute' };

/** The statements the history holds beyond the buyer's description: responses, escalation notes, answers. */
export function statementsOf(history: History): Statement[] {
  const statements: Statement[] = [];
  for (const event of history.items) {
    const who = `${event.actor.role.toLowerCase()} ${event.actor.id}`;
    const base = { sequence: event.sequence, at: event.occurredAt, who };
    const d = event.data;
    if (event.type === 'SellerResponded') {
      const text = textOf(d.explanation);
      if (text) statements.push({ ...base, what: `Seller’s response (${RESPONSES[String(d.response)] ?? String(d.response)})`, text });
    } else if (event.type === 'DisputeEscalated') {
      const text = textOf(d.note);
      if (text) statements.push({ ...base, what: 'Escalation note', text });
    } else if (event.type === 'InformationProvided') {
      const text = textOf(d.answer);
      if (text) statements.push({ ...base, what: `Answer to information request (${String(d.from).toLowerCase()})`, text });
    } else if (event.type === 'OfferRejected') {
      const text = textOf(d.reason);
      // A seller's rejection records its explanation twice (response and rejected offer): say it once.
      if (text && statements.at(-1)?.text !== text) statements.push({ ...base, what: `Why offer #${String(d.offerNumber)} was rejected`, text });
    }
  }
  return statements;
}
