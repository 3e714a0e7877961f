import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { EVENT_SEQUENCE_CONFLICT, type DisputeActivities } from '../../../libs/contracts/src';
import type { DataSource } from 'typeorm';
import { EventSequenceConflict, EventStore, EvidenceCatalog, NotificationEndpointStore, PostgresRefundLedger, type RefundGateway } from '../../../libs/persistence/src';
import { withLogContext } from '../../../libs/platform/src';
import type { DisputeEvent } from '../../../libs/domain/src';
import type { DomainMetrics } from './domain-metrics';
import { deliverWebhook, legacyDeliveryId } from './notifications/webhook';

export interface ActivityDependencies {
  eventStore: EventStore;
  refunds: RefundGateway;
  endpoints: NotificationEndpointStore;
  evidence: EvidenceCatalog;
  logger: Logger;
  webhookTimeoutMs?: number;
  /** The platform's domain metrics (the worker's /metrics); none in tests that do not read them. */
  metrics?: DomainMetrics;
  /** Production URL rules for webhook deliveries (see NotificationDispatcherOptions). */
  production?: boolean;
}

/** Runs an activity with the dispute and workflow ids on every log line it writes. */
function inActivityContext<T>(disputeId: string, work: () => Promise<T>): Promise<T> {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  return withLogContext({ disputeId, workflowId }, work);
}

/** The activities bound to their dependencies once; the workflow only ever sees their type. */
export function createDisputeActivities(deps: ActivityDependencies): DisputeActivities {
  return {
    appendEvents(input) {
      return inActivityContext(input.disputeId, async () => {
        try {
          const result = await deps.eventStore.append(input.disputeId, input.events, input.projection, input.notifications ?? []);
          deps.logger.debug({ headSequence: result.headSequence, inserted: result.inserted }, 'events appended');
          if (deps.metrics && result.inserted > 0) {
            // The store skips events already stored, which are the batch's first ones (a dispute's
            // events are stored in sequence order and a retry resends its batch): the inserted
            // ones are its last `inserted`, and only they are counted.
            const committed = input.events.slice(input.events.length - result.inserted).map((event) => ({ type: event.type, data: event.payload }) as DisputeEvent);
            deps.metrics.recordCommitted(committed, input.projection.state);
          }
          return result;
        } catch (error) {
          if (error instanceof EventSequenceConflict) {
            deps.logger.error({ sequence: error.sequence }, error.message);
            throw ApplicationFailure.create({ type: EVENT_SEQUENCE_CONFLICT, message: error.message, nonRetryable: true });
          }
          throw error;
        }
      });
    },

    storedEventsAfter(disputeId, afterSequence) {
      return inActivityContext(disputeId, async () => {
        const stored = await deps.eventStore.eventsAfter(disputeId, afterSequence);
        // The fields the workflow recorded them with; the chain link and storage position stay here.
        const events = stored.map(({ sequence, type, payload, actor, occurredAt, commandId, schemaVersion }) => ({ sequence, type, payload, actor, occurredAt, commandId, schemaVersion }));
        return { events, headHash: stored.length > 0 ? stored[stored.length - 1].hash : null };
      });
    },

    executeRefund(input) {
      return inActivityContext(input.disputeId, async () => {
        const outcome = await deps.refunds.refund(input);
        deps.logger.info({ refundId: input.refundId, amountMinor: input.amountMinor, currency: input.currency, outcome: outcome.status }, 'refund executed');
        return outcome;
      });
    },

    // Only runs started before the notification-outbox patch schedule this (their replays need
    // it registered); newer runs hand notifications to the append, and the dispatcher sends them.
    deliverNotification(input) {
      return inActivityContext(input.disputeId, async () => {
        const targets = await deps.endpoints.targetsOf(input.accountId, input.eventTypes);
        if (targets.length === 0) return 'NO_ENDPOINT';
        // Every endpoint again on a retry: receivers dedupe by the (per-account) delivery id.
        const sending = { timeoutMs: deps.webhookTimeoutMs ?? 5_000, production: deps.production ?? false };
        for (const target of targets) await deliverWebhook(target, input, legacyDeliveryId(input), new Date(), sending);
        return 'DELIVERED';
      });
    },

    lookupEvidenceFiles(evidenceIds) {
      return deps.evidence.uploadsOf(evidenceIds);
    },
  };
}

/** The production wiring: every port backed by the service's PostgreSQL. */
export function postgresActivityDependencies(dataSource: DataSource, logger: Logger, metrics?: DomainMetrics, production = false): ActivityDependencies {
  return {
    metrics,
    production,
    eventStore: new EventStore(dataSource),
    refunds: new PostgresRefundLedger(dataSource),
    endpoints: new NotificationEndpointStore(dataSource),
    evidence: new EvidenceCatalog(dataSource),
    logger,
  };
}
