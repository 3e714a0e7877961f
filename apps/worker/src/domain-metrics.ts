// The platform's domain metrics, on the worker's /metrics (docs/operating.md, "Seller performance
// and domain metrics"). The worker runs every append, so it counts there: after the append's
// transaction committed, and only the events that append inserted. An activity retry after a
// lost reply finds its events stored and inserts none, so nothing is counted twice; a crash
// between the commit and the count loses that count (never doubles it), like any counter reset.
// Queue depth is a state, not an event: it is read from the projection at each scrape.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { domainObservationsOf, type DisputeEvent, type SentState } from '../../../libs/domain/src';
import { countMediationQueue } from '../../../libs/persistence/src';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Opened → resolved: from an hour (an accepted request) to two months (an appeal after extensions); 15 days is the default target. */
export const RESOLUTION_BUCKETS = [HOUR, 6 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 10 * DAY, 15 * DAY, 20 * DAY, 30 * DAY, 45 * DAY, 60 * DAY];

export class DomainMetrics {
  private readonly slaBreaches: Counter<'stage'>;
  private readonly timeToResolution: Histogram;
  private readonly resolutions: Counter;
  private readonly resolutionsWithinTarget: Counter;
  private readonly refunds: Counter<'outcome' | 'currency'>;
  private readonly refundedMinorUnits: Counter<'outcome' | 'currency'>;

  constructor(registry: Registry, dataSource: DataSource, logger: Logger) {
    const registers = [registry];
    new Gauge({
      name: 'dispute_mediation_queue_depth',
      help: 'Cases waiting in the mediation queue (escalated or appealed, claimed or not), by stage; read from the disputes projection at each scrape.',
      labelNames: ['stage'],
      registers,
      async collect() {
        try {
          const depth = await countMediationQueue(dataSource);
          for (const [stage, cases] of Object.entries(depth)) this.set({ stage }, cases);
        } catch (error) {
          // A scrape while PostgreSQL is away keeps the last values rather than failing /metrics.
          logger.warn({ err: error }, 'mediation queue depth not read');
        }
      },
    });
    this.slaBreaches = new Counter({ name: 'dispute_mediation_sla_breaches_total', help: 'Mediation SLAs breached (MediationSlaBreached), by stage.', labelNames: ['stage'], registers });
    this.timeToResolution = new Histogram({
      name: 'dispute_time_to_resolution_seconds',
      help: 'Time from DisputeOpened to DisputeResolved, in seconds (withdrawn disputes are not resolutions).',
      buckets: RESOLUTION_BUCKETS,
      registers,
    });
    this.resolutions = new Counter({ name: 'dispute_resolutions_total', help: 'Disputes resolved (DisputeResolved).', registers });
    this.resolutionsWithinTarget = new Counter({
      name: 'dispute_resolutions_within_target_total',
      help: 'Disputes resolved by their resolution target (resolutionTargetAt, 15 days by default); divide by dispute_resolutions_total for the share.',
      registers,
    });
    this.refunds = new Counter({ name: 'dispute_refunds_total', help: 'Refunds that reached the buyer (RefundSucceeded), by the outcome they pay and currency.', labelNames: ['outcome', 'currency'], registers });
    this.refundedMinorUnits = new Counter({
      name: 'dispute_refunded_minor_units_total',
      help: 'Money refunded (RefundSucceeded), in the currency\u2019s minor units, by outcome and currency; never add different currencies.',
      labelNames: ['outcome', 'currency'],
      registers,
    });
    // Every stage shows from the first scrape, at 0, so rate() and alerts see the series before the first breach.
    for (const stage of ['MEDIATION', 'APPEAL']) this.slaBreaches.inc({ stage }, 0);
  }

  /** Counts the events an append just committed (only those it inserted); `state` is the dispute after them. */
  recordCommitted(events: readonly DisputeEvent[], state: SentState): void {
    const observed = domainObservationsOf(events, state);
    for (const breach of observed.slaBreaches) this.slaBreaches.inc({ stage: breach.stage });
    for (const resolution of observed.resolutions) {
      this.timeToResolution.observe(resolution.seconds);
      this.resolutions.inc();
      if (resolution.withinTarget) this.resolutionsWithinTarget.inc();
    }
    for (const refund of observed.refunds) {
      this.refunds.inc({ outcome: refund.outcome, currency: refund.currency });
      this.refundedMinorUnits.inc({ outcome: refund.outcome, currency: refund.currency }, refund.amountMinor);
    }
  }
}
