// A seller's figures for a window, from the facts of the disputes opened in it and the count of
// the seller's orders in it. Which date counts: a dispute belongs to the window it was opened
// in, an order to the window the order feed first registered it in; every figure describes
// that cohort of disputes as it stands at `now`.
import { rejection } from '../result';
import type { OutcomeKind } from '../events';
import type { Money, Rejection } from '../types';
import { countBy, epochMs, median, secondsBetween, share, sumByCurrency } from './arithmetic';
import type { SellerDisputeFacts } from './seller-facts';

/** The longest window one query may ask for: a year, leap day included. */
export const MAX_PERFORMANCE_WINDOW_DAYS = 366;

export interface SellerPerformance {
  /** Disputes opened in the window. */
  disputes: number;
  /** The seller's orders registered in the window. */
  orders: number;
  /** disputes / orders; null without orders. */
  disputesPerOrder: number | null;
  /** Disputes the seller answered (SellerResponded). */
  responded: number;
  /** Disputes whose response window passed, or that ended, without an answer: not in the median, counted here. */
  unanswered: number;
  /** Median of SellerResponded − DisputeOpened over the answered disputes, in seconds; null when none was answered. */
  medianFirstResponseSeconds: number | null;
  escalated: number;
  escalatedShare: number | null;
  /** Resolved disputes by the outcome they resolved with. */
  outcomes: { kind: OutcomeKind; count: number }[];
  withdrawn: number;
  /** Disputes whose target is settled: resolved, or still unresolved after their target (withdrawn ones are not). */
  targetDue: number;
  resolvedWithinTarget: number;
  /** resolvedWithinTarget / targetDue; null when no dispute's target is settled yet. */
  resolvedWithinTargetShare: number | null;
  /** Refunds that reached buyers, one amount per currency. */
  refunded: Money[];
}

/** The figures of a cohort of disputes (all opened in the window) and the seller's order count, as of `now`. */
export function sellerPerformanceOf(facts: readonly SellerDisputeFacts[], orders: number, now: string): SellerPerformance {
  const nowMs = epochMs(now);
  const responded = facts.filter((fact) => fact.firstResponseAt !== null);
  const unanswered = facts.filter(
    (fact) => fact.firstResponseAt === null && (epochMs(fact.sellerResponseDueAt) <= nowMs || fact.escalated || fact.resolvedAt !== null || fact.withdrawnAt !== null),
  );
  const escalated = facts.filter((fact) => fact.escalated).length;
  const resolved = facts.filter((fact) => fact.resolvedAt !== null);
  const withinTarget = resolved.filter((fact) => epochMs(fact.resolvedAt as string) <= epochMs(fact.resolutionTargetAt)).length;
  const overdue = facts.filter((fact) => fact.resolvedAt === null && fact.withdrawnAt === null && epochMs(fact.resolutionTargetAt) < nowMs).length;
  const targetDue = resolved.length + overdue;
  return {
    disputes: facts.length,
    orders,
    disputesPerOrder: share(facts.length, orders),
    responded: responded.length,
    unanswered: unanswered.length,
    medianFirstResponseSeconds: median(responded.map((fact) => secondsBetween(fact.openedAt, fact.firstResponseAt as string))),
    escalated,
    escalatedShare: share(escalated, facts.length),
    outcomes: countBy(resolved.flatMap((fact) => (fact.outcomeKind === null ? [] : [fact.outcomeKind]))).map(({ key, count }) => ({ kind: key, count })),
    withdrawn: facts.filter((fact) => fact.withdrawnAt !== null).length,
    targetDue,
    resolvedWithinTarget: withinTarget,
    resolvedWithinTargetShare: share(withinTarget, targetDue),
    refunded: sumByCurrency(facts.flatMap((fact) => (fact.refunded === null ? [] : [fact.refunded]))),
  };
}

/** A window [from, to) one may ask figures for: from before to, at most MAX_PERFORMANCE_WINDOW_DAYS long. */
export function checkPerformanceWindow(from: string, to: string): Rejection | null {
  const start = epochMs(from);
  const end = epochMs(to);
  if (!Number.isFinite(start)) return rejection('VALIDATION', 'The window\u2019s start is not an ISO-8601 instant.', 'from');
  if (!Number.isFinite(end)) return rejection('VALIDATION', 'The window\u2019s end is not an ISO-8601 instant.', 'to');
  if (start >= end) return rejection('VALIDATION', 'The window must end after it starts: give a "to" later than "from".', 'to');
  if (end - start > MAX_PERFORMANCE_WINDOW_DAYS * 24 * 3600 * 1000) {
    return rejection('VALIDATION', `The window may span at most ${MAX_PERFORMANCE_WINDOW_DAYS} days; ask for a shorter one.`, 'to');
  }
  return null;
}
