import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../api/client';

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface PagedList<T> {
  status: 'loading' | 'error' | 'ready';
  error: ApiError | null;
  items: T[];
  hasNextPage: boolean;
  /** The next page, on the person's request. */
  loadMore: () => void;
  /** What was appended since the last page ended (live updates): the list is append-only. */
  catchUp: () => void;
}

/**
 * An append-only list read a page at a time (the history, the conversation): new entries only
 * ever come after the last cursor, so catching up never re-reads what is on screen.
 */
export function usePagedList<T>(key: string, fetchPage: (after: string | null) => Promise<Result<Page<T>>>): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [hasNextPage, setHasNextPage] = useState(false);
  const cursor = useRef<string | null>(null);
  // One read at a time: a live update during a read is folded into the next one.
  const busy = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const read = useCallback(() => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = (async () => {
      do {
        again.current = false;
        const result = await fetcher.current(cursor.current);
        if (!result.ok) {
          setError(result.error);
          setStatus((previous) => (previous === 'loading' ? 'error' : previous));
          break;
        }
        const page = result.data;
        if (page.endCursor) cursor.current = page.endCursor;
        setItems((previous) => [...previous, ...page.items]);
        setHasNextPage(page.hasNextPage);
        setError(null);
        setStatus('ready');
      } while (again.current);
      busy.current = null;
    })();
  }, []);

  useEffect(() => {
    cursor.current = null;
    setItems([]);
    setStatus('loading');
    read();
  }, [key, read]);

  const hasNextPageRef = useRef(hasNextPage);
  hasNextPageRef.current = hasNextPage;
  const catchUp = useCallback(() => {
    // While older pages are still unread, the newest entries arrive when the person pages on.
    if (!hasNextPageRef.current) read();
  }, [read]);

  return { status, error, items, hasNextPage, loadMore: read, catchUp };
}
