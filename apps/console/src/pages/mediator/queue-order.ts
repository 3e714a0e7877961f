import type { QueueCaseFragment } from '../../gql/graphql';
import { shortId } from './queue-labels';

/** The cases on screen: the pages read so far, kept in the API's order while live changes arrive. */
export interface QueuePage {
  rows: QueueCaseFragment[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Unclaimed first, then by SLA due time, then by id: the order mediationCases reads in. */
export function queueOrder(a: QueueCaseFragment, b: QueueCaseFragment): number {
  const claimed = Number(Boolean(a.mediation?.mediatorId)) - Number(Boolean(b.mediation?.mediatorId));
  if (claimed !== 0) return claimed;
  const due = Date.parse(a.mediation?.slaDueAt ?? '') - Date.parse(b.mediation?.slaDueAt ?? '');
  if (due !== 0) return due;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The next page read, merged in order; a case a live change already placed on screen is not shown twice. */
export function appendPage(page: QueuePage, next: QueuePage): QueuePage {
  const seen = new Set(page.rows.map((row) => row.id));
  return { ...next, rows: [...page.rows, ...next.rows.filter((row) => !seen.has(row.id))].sort(queueOrder) };
}

const holder = (dispute: QueueCaseFragment, me: string): string => (dispute.mediation?.mediatorId === me ? 'you' : (dispute.mediation?.mediatorId ?? ''));

/**
 * One case as a live change (or a claim's answer) shows it, applied to the page: replaced where it
 * is, inserted where the order puts it, or removed when it no longer belongs; with the sentence
 * that tells a screen-reader user what moved. An older version than the one on screen changes nothing.
 */
export function applyCase(page: QueuePage, dispute: QueueCaseFragment, belongsHere: boolean, me: string, viewName: string): { page: QueuePage; announcement: string | null } {
  const index = page.rows.findIndex((row) => row.id === dispute.id);
  const before = index >= 0 ? page.rows[index]! : null;
  if (before && before.version > dispute.version) return { page, announcement: null };
  const name = `Case ${shortId(dispute.id)}`;

  if (!belongsHere) {
    if (!before) return { page, announcement: null };
    const rows = page.rows.filter((row) => row.id !== dispute.id);
    const why = dispute.mediation?.mediatorId && dispute.mediation.mediatorId !== before.mediation?.mediatorId ? ` (claimed by ${holder(dispute, me)})` : '';
    return { page: { ...page, rows, totalCount: Math.max(0, page.totalCount - 1) }, announcement: `${name} left ${viewName}${why}.` };
  }

  if (before) {
    const rows = page.rows.map((row) => (row.id === dispute.id ? dispute : row)).sort(queueOrder);
    const was = before.mediation?.mediatorId ?? null;
    const now = dispute.mediation?.mediatorId ?? null;
    const announcement = was === now ? null : now ? `${name} was claimed by ${holder(dispute, me)}.` : `${name} is back in the queue, unclaimed.`;
    return { page: { ...page, rows }, announcement };
  }

  // Shown even when it sorts after the last row read while pages remain: a mediator watching the
  // queue sees what arrived (the next page skips it, appendPage keeps one of each).
  const rows = [...page.rows, dispute].sort(queueOrder);
  return { page: { ...page, rows, totalCount: page.totalCount + 1 }, announcement: `${name} entered ${viewName}.` };
}
