import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { request, type ApiError } from '../../api/client';
import { graphql } from '../../gql';
import type { MyOrdersQuery } from '../../gql/graphql';
import { Empty, ErrorNote, Loading } from '../../ui/states';
import { OrderCard } from './order-card';
import './orders.css';

const PAGE_SIZE = 10;

const MyOrdersQueryDocument = graphql(`
  query MyOrders($first: Int!, $after: String, $filter: OrderFilter) {
    orders(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          title
          lines {
            lineId
            title
            quantity
          }
          amountPaid {
            minorUnits
            currency
          }
          placedAt
          shippedAt
          deliveredAt
          deliveryDeadlineAt
          disputeEligibility {
            canOpen
            opensUntil
            reason {
              code
              message
            }
          }
          disputes {
            id
            status
            openedAt
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

export type MyOrder = MyOrdersQuery['orders']['edges'][number]['node'];

type Pages = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; orders: MyOrder[]; endCursor: string | null; hasNextPage: boolean; more: 'idle' | 'loading' | ApiError };

/** My Orders: newest first, a page at a time, narrowed by the start of an order id. */
export function MyOrders() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState<Pages>({ status: 'loading' });

  const load = useCallback(async (after: string | null, prefix: string) => {
    const filter = prefix === '' ? null : { orderIdPrefix: prefix };
    return request(MyOrdersQueryDocument, { first: PAGE_SIZE, after, filter });
  }, []);

  useEffect(() => {
    let current = true;
    setPages({ status: 'loading' });
    void load(null, search).then((result) => {
      if (!current) return;
      if (!result.ok) return setPages({ status: 'error', error: result.error });
      const { edges, pageInfo } = result.data.orders;
      setPages({ status: 'ready', orders: edges.map((edge) => edge.node), endCursor: pageInfo.endCursor ?? null, hasNextPage: pageInfo.hasNextPage, more: 'idle' });
    });
    return () => {
      current = false;
    };
  }, [load, search]);

  const loadMore = async () => {
    if (pages.status !== 'ready') return;
    setPages({ ...pages, more: 'loading' });
    const result = await load(pages.endCursor, search);
    setPages((now) => {
      if (now.status !== 'ready') return now;
      if (!result.ok) return { ...now, more: result.error };
      const { edges, pageInfo } = result.data.orders;
      return { status: 'ready', orders: [...now.orders, ...edges.map((edge) => edge.node)], endCursor: pageInfo.endCursor ?? null, hasNextPage: pageInfo.hasNextPage, more: 'idle' };
    });
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(typed.trim());
  };

  return (
    <section className="my-orders" aria-labelledby="my-orders-title">
      <h1 id="my-orders-title">My orders</h1>
      <form className="order-search" role="search" onSubmit={onSearch}>
        <label htmlFor="order-search">Find an order by its id</label>
        <div className="row">
          <input id="order-search" type="search" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="order-1001" autoComplete="off" spellCheck={false} />
          <button type="submit">Search</button>
          {search !== '' && (
            <button
              type="button"
              className="quiet"
              onClick={() => {
                setTyped('');
                setSearch('');
              }}
            >
              Show all
            </button>
          )}
        </div>
      </form>
      {pages.status === 'loading' && <Loading what="your orders" />}
      {pages.status === 'error' && <ErrorNote error={pages.error} />}
      {pages.status === 'ready' && pages.orders.length === 0 && (
        <Empty>{search === '' ? 'You have no orders yet.' : `No order of yours has an id starting with “${search}”.`}</Empty>
      )}
      {pages.status === 'ready' && pages.orders.length > 0 && (
        <>
          <p className="hint" role="status">
            {search === '' ? `Showing your ${pages.orders.length} latest orders, newest first.` : `Orders whose id starts with “${search}”: ${pages.orders.length}${pages.hasNextPage ? ' so far' : ''}.`}
          </p>
          <ul className="orders">
            {pages.orders.map((order) => (
              <OrderCard key={order.id} order={order} />
            ))}
          </ul>
          {pages.more !== 'idle' && pages.more !== 'loading' && <ErrorNote error={pages.more} />}
          {pages.hasNextPage && (
            <button type="button" className="quiet load-more" onClick={() => void loadMore()} disabled={pages.more === 'loading'}>
              {pages.more === 'loading' ? 'Loading more…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
