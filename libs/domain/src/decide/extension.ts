// ExtendDeadline: the mediator holding the case moves a running deadline later, within the
// pinned policy's bounds; the ledger keeps every extension and the workflow's timer follows.
import { EXTENDABLE_DEADLINE_KINDS, extendableDeadlines, extensionsOf, runningDeadline } from '../extensions';
import { accept, refuse, rejection } from '../result';
import { addMs, humanTime, parseIso } from '../time';
import { dataOf, readEnum, readId, readText } from '../validate';
import { assignedMediator } from './common';
import type { Handler } from './context';
import { before, firstOf, roleIn, visible } from './guards';

const LABELS: Record<(typeof EXTENDABLE_DEADLINE_KINDS)[number], string> = {
  MEDIATION_SLA: 'mediation SLA',
  INFORMATION_REQUEST: 'information request',
  RETURN_SHIPMENT: 'return shipment window',
  RETURN_RECEIPT: 'return receipt window',
  REPLACEMENT_SHIPMENT: 'replacement shipment window',
  REPLACEMENT_CONFIRMATION: 'window to confirm the replacement',
};

/** A due date from the state, always a well-formed ISO time. */
const dueMs = (iso: string): number => parseIso(iso) ?? 0;

export const extendDeadline: Handler<'ExtendDeadline'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['MEDIATOR'], 'extend a deadline'),
      // After a ruling the mediation record keeps its mediator, who may still extend the return windows.
      () => assignedMediator(input.state, input.actor, 'extend its deadlines'),
      () =>
        extendableDeadlines(input.state, input.policy.maxExtensionsPerDeadline).some((d) => input.now.ms < dueMs(d.dueAt))
          ? null
          : rejection('INVALID_STATE', 'No deadline that can still be extended is running on this dispute.'),
    ),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const d = data.value;
    const kind = readEnum(d.deadline, EXTENDABLE_DEADLINE_KINDS, 'deadline', 'deadline');
    if (!kind.ok) return refuse(kind.rejection);
    let requestId: string | null = null;
    if (kind.value === 'INFORMATION_REQUEST') {
      const id = readId(d.requestId, 'requestId', 'request id');
      if (!id.ok) return refuse(id.rejection);
      requestId = id.value;
    } else if (d.requestId !== undefined && d.requestId !== null) {
      return refuse(rejection('VALIDATION', 'Only an information request\u2019s deadline names a request.', 'requestId'));
    }
    const label = LABELS[kind.value];
    const running = runningDeadline(state, kind.value, requestId);
    if (!running) {
      return refuse(rejection('INVALID_STATE', requestId ? `Information request ${requestId} is not open.` : `No ${label} is running now.`, requestId ? 'requestId' : 'deadline'));
    }
    const passed = before(input, running.dueAt, label);
    if (passed) return refuse(passed);
    const done = extensionsOf(state, kind.value, requestId);
    if (done >= policy.maxExtensionsPerDeadline) {
      return refuse(rejection('CONFLICT', `The ${label} was already extended ${done} times, the most the policy allows.`, 'deadline'));
    }
    const due = parseIso(d.dueAt);
    if (due === null) return refuse(rejection('VALIDATION', 'The new deadline must be an ISO-8601 timestamp.', 'dueAt'));
    const current = dueMs(running.dueAt);
    const latest = addMs(running.dueAt, policy.maxDeadlineExtensionMs);
    if (due <= current || due > current + policy.maxDeadlineExtensionMs) {
      return refuse(rejection('VALIDATION', `The new deadline must be after ${humanTime(running.dueAt)} and no later than ${humanTime(latest)}.`, 'dueAt'));
    }
    const reason = readText(d.reason, 'reason', 'reason for the extension', policy.maxTextLength);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([
      {
        type: 'DeadlineExtended',
        data: { deadline: kind.value, requestId, previousDueAt: running.dueAt, dueAt: addMs(running.dueAt, due - current), reason: reason.value, mediatorId: actor.id, at: now.iso },
      },
    ]);
  },
};
