import { useCallback, useEffect, useRef, useState } from 'react';
import { request, type ApiError } from '../../api/client';
import { graphql } from '../../gql';
import type { AuditorEventsQuery } from '../../gql/graphql';

export const EVENTS_PAGE = 50;

const AuditorEvents = graphql(`
  query AuditorEvents($disputeId: ID!, $first: Int!, $after: String) {
    disputeEvents(disputeId: $disputeId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          sequence
          type
          actor {
            role
            id
          }
          occurredAt
          recordedAt
          commandId
          schemaVersion
          hash
          previousHash
          payload
        }
      }
    }
  }
`);

export type HistoryEvent = AuditorEventsQuery['disputeEvents']['edges'][number]['node'];

export interface EventPages {
  status: 'loading' | 'ready' | 'error';
  events: HistoryEvent[];
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  /** The next page. */
  loadMore: () => Promise<void>;
  /** Pages until event `sequence` is on screen (to show the first broken one), or the history ends. */
  loadThrough: (sequence: number) => Promise<void>;
}

/** The history a page at a time, oldest first; pages accumulate so the table reads as one history. */
export function useEventPages(disputeId: string): EventPages {
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [status, setStatus] = useState<EventPages['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // The cursor is read by loadThrough's loop between renders, so it lives in a ref.
  const cursor = useRef<{ after: string | null; hasMore: boolean; events: HistoryEvent[] }>({ after: null, hasMore: true, events: [] });

  const fetchPage = useCallback(async (): Promise<boolean> => {
    const result = await request(AuditorEvents, { disputeId, first: EVENTS_PAGE, after: cursor.current.after });
    if (!result.ok) {
      setError(result.error);
      setStatus((current) => (current === 'loading' ? 'error' : current));
      return false;
    }
    const page = result.data.disputeEvents;
    cursor.current = { after: page.pageInfo.endCursor ?? null, hasMore: page.pageInfo.hasNextPage, events: [...cursor.current.events, ...page.edges.map((edge) => edge.node)] };
    setEvents(cursor.current.events);
    setError(null);
    setStatus('ready');
    return true;
  }, [disputeId]);

  useEffect(() => {
    cursor.current = { after: null, hasMore: true, events: [] };
    setStatus('loading');
    void fetchPage();
  }, [fetchPage]);

  const loadMore = useCallback(async () => {
    setLoadingMore(true);
    await fetchPage();
    setLoadingMore(false);
  }, [fetchPage]);

  const loadThrough = useCallback(
    async (sequence: number) => {
      setLoadingMore(true);
      while (cursor.current.hasMore && !cursor.current.events.some((event) => event.sequence >= sequence)) {
        if (!(await fetchPage())) break;
      }
      setLoadingMore(false);
    },
    [fetchPage],
  );

  return { status, events, error, hasMore: status === 'ready' && cursor.current.hasMore, loadingMore, loadMore, loadThrough };
}
