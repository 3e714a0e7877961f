import type { DisputeFilter, DisputeStatus } from '../../gql/graphql';
import { DISPUTE_STATUSES } from '../../../../../libs/domain/src/state';

// The search lives in the URL's query string, so a search is a link an auditor can keep, share or
// come back to with the browser's Back button.

/** What the form holds: text as typed, dates as YYYY-MM-DD (whole UTC days). */
export interface CaseSearch {
  orderId: string;
  buyerId: string;
  sellerId: string;
  status: DisputeStatus | '';
  openedFrom: string;
  openedTo: string;
  /** Cases per page, one of PAGE_SIZES. */
  perPage: string;
}

export const PAGE_SIZES = ['10', '20', '50', '100'];
const DEFAULT_PAGE_SIZE = '20';

export const pageSizeOf = (search: CaseSearch): number => Number(search.perPage);

// Every status in lifecycle order, from the rulebook itself.
export const STATUSES: readonly DisputeStatus[] = DISPUTE_STATUSES;

const KEYS: Record<keyof CaseSearch, string> = { orderId: 'order', buyerId: 'buyer', sellerId: 'seller', status: 'status', openedFrom: 'from', openedTo: 'to', perPage: 'size' };

export function searchFromQuery(query: URLSearchParams): CaseSearch {
  const status = query.get(KEYS.status) ?? '';
  const perPage = query.get(KEYS.perPage) ?? '';
  return {
    orderId: query.get(KEYS.orderId) ?? '',
    buyerId: query.get(KEYS.buyerId) ?? '',
    sellerId: query.get(KEYS.sellerId) ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as DisputeStatus) : '',
    openedFrom: query.get(KEYS.openedFrom) ?? '',
    openedTo: query.get(KEYS.openedTo) ?? '',
    perPage: PAGE_SIZES.includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
  };
}

/** The query string of a search and the pages walked so far (their cursors, oldest first). */
export function queryOf(search: CaseSearch, trail: string[] = []): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof CaseSearch)[]) {
    const value = search[key].trim();
    // The default page size stays out of the address: the plain search is the plain link.
    if (value && !(key === 'perPage' && value === DEFAULT_PAGE_SIZE)) query.set(KEYS[key], value);
  }
  for (const cursor of trail) query.append('after', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const trailOf = (query: URLSearchParams): string[] => query.getAll('after');

// A day that is not a date (typed into the URL by hand) goes to the API as written, which refuses it with its sentence.
const dayStart = (day: string): string => `${day}T00:00:00.000Z`;
const nextDay = (day: string): string => {
  const date = new Date(dayStart(day));
  if (Number.isNaN(date.getTime())) return dayStart(day);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
};

/** The API's filter: "opened to" a day includes that whole day (UTC), so it becomes "before the next day". */
export function filterOf(search: CaseSearch): DisputeFilter {
  const filter: DisputeFilter = {};
  if (search.orderId.trim()) filter.orderId = search.orderId.trim();
  if (search.buyerId.trim()) filter.buyerId = search.buyerId.trim();
  if (search.sellerId.trim()) filter.sellerId = search.sellerId.trim();
  if (search.status) filter.statuses = [search.status];
  if (search.openedFrom) filter.openedFrom = dayStart(search.openedFrom);
  if (search.openedTo) filter.openedBefore = nextDay(search.openedTo);
  return filter;
}

/** The one mistake the form refuses before asking: a range that ends before it starts. */
export function rangeProblem(search: CaseSearch): string | null {
  if (search.openedFrom && search.openedTo && search.openedTo < search.openedFrom) return 'The last opening day is before the first: swap the dates or clear one.';
  return null;
}
