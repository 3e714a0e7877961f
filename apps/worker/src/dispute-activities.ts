import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import { EVENT_SEQUENCE_CONFLICT, type DisputeActivities } from '../../../libs/contracts/src';
import { EventSequenceConflict, type EventStore } from '../../../libs/persistence/src';
import { withLogContext } from '../../../libs/platform/src';

/** The activities bound to their dependencies once; the workflow only ever sees their type. */
export function createDisputeActivities(deps: { eventStore: EventStore; logger: Logger }): DisputeActivities {
  return {
    async appendEvents(input) {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      return withLogContext({ disputeId: input.disputeId, workflowId }, async () => {
        try {
          const result = await deps.eventStore.append(input.disputeId, input.events, input.projection);
          deps.logger.debug({ headSequence: result.headSequence, inserted: result.inserted }, 'events appended');
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
  };
}
