import { useCallback, useEffect, useRef, useState } from 'react';
import { request, type ApiError } from '../../api/client';
import { useSubscription } from '../../api/hooks';
import { graphql } from '../../gql';
import type { QueueCaseFragment } from '../../gql/graphql';
import { apiFilter, belongs, type QueueFilter } from './queue-filter';
import { appendPage, applyCase, type QueuePage } from './queue-order';

// What one row of the queue shows; the list, the live changes and a claim's answer all read it,
// so a row looks the same whichever of them brought it.
graphql(`
  fragment QueueCase on Dispute {
    id
    version
    orderId
    reason
    status
    availableActions
    amountInDispute {
      minorUnits
      currency
    }
    mediation {
      stage
      reason
      mediatorId
      startedAt
      slaDueAt
      slaBreached
    }
  }
`);

const MediationCasesQuery = graphql(`
  query MediationCases($filter: MediationQueueFilter, $first: Int!, $after: String) {
    mediationCases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...QueueCase
        }
      }
    }
  }
`);

const QueueChangedSubscription = graphql(`
  subscription MediationQueueChanged {
    mediationQueueChanged {
      inQueue
      dispute {
        ...QueueCase
      }
    }
  }
`);

const PAGE_SIZE = 20;

export type QueueState = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; page: QueuePage };

export interface QueueCases {
  state: QueueState;
  /** The last live change, in words (shown and announced politely). */
  announcement: string | null;
  /** Set when live updates stopped. */
  liveError: ApiError | null;
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  moreError: ApiError | null;
  /** A case as a command on this page answered it (a claim). */
  update: (dispute: QueueCaseFragment) => void;
}

async function readPage(filter: QueueFilter, me: string, after: string | null): Promise<{ ok: true; page: QueuePage } | { ok: false; error: ApiError }> {
  const result = await request(MediationCasesQuery, { filter: apiFilter(filter, me), first: PAGE_SIZE, after });
  if (!result.ok) return result;
  const connection = result.data.mediationCases;
  return {
    ok: true,
    page: { rows: connection.edges.map((edge) => edge.node), totalCount: connection.totalCount, hasNextPage: connection.pageInfo.hasNextPage, endCursor: connection.pageInfo.endCursor ?? null },
  };
}

/** The queue (or "My cases") under a filter: read a page at a time, kept current by mediationQueueChanged. */
export function useQueueCases(filter: QueueFilter, me: string): QueueCases {
  const [state, setState] = useState<QueueState>({ status: 'loading' });
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  // Live changes and claims are applied to the latest page, not to the one a render closed over.
  const latest = useRef<{ state: QueueState; filter: QueueFilter }>({ state, filter });
  const commit = useCallback((next: QueueState) => {
    latest.current.state = next;
    setState(next);
  }, []);
  const key = JSON.stringify(filter);

  useEffect(() => {
    const current = JSON.parse(key) as QueueFilter;
    latest.current.filter = current;
    let live = true;
    commit({ status: 'loading' });
    // A sentence about the previous view would read as news about this one.
    setAnnouncement(null);
    setMoreError(null);
    void readPage(current, me, null).then((result) => {
      if (live) commit(result.ok ? { status: 'ready', page: result.page } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [key, me, commit]);

  const apply = useCallback(
    (dispute: QueueCaseFragment, inQueue: boolean) => {
      const { state: now, filter: shown } = latest.current;
      if (now.status !== 'ready') return;
      const viewName = shown.view === 'mine' ? 'your cases' : 'the queue';
      const next = applyCase(now.page, dispute, belongs(shown, dispute, inQueue, me, Date.now()), me, viewName);
      if (next.page !== now.page) commit({ status: 'ready', page: next.page });
      if (next.announcement) setAnnouncement(next.announcement);
    },
    [me, commit],
  );

  const liveError = useSubscription(QueueChangedSubscription, {}, (data) => apply(data.mediationQueueChanged.dispute, data.mediationQueueChanged.inQueue));

  const loadMore = useCallback(async () => {
    const { state: now, filter: shown } = latest.current;
    if (now.status !== 'ready' || !now.page.hasNextPage) return;
    setLoadingMore(true);
    setMoreError(null);
    const result = await readPage(shown, me, now.page.endCursor);
    setLoadingMore(false);
    const after = latest.current.state;
    if (!result.ok) setMoreError(result.error);
    else if (after.status === 'ready' && latest.current.filter === shown) commit({ status: 'ready', page: appendPage(after.page, result.page) });
  }, [me, commit]);

  const update = useCallback((dispute: QueueCaseFragment) => apply(dispute, dispute.status === 'UNDER_MEDIATION' || dispute.status === 'UNDER_APPEAL'), [apply]);

  return { state, announcement, liveError, loadMore, loadingMore, moreError, update };
}
