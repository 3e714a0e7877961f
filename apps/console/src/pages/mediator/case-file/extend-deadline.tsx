import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import type { DeadlineKind } from '../../../gql/graphql';
import { dateTime } from '../../../format/time';
import { ErrorNote } from '../../../ui/states';
import { parseDuration } from '../../../../../../libs/domain/src/policy-durations';
import { humanTime } from '../../../../../../libs/domain/src/time';
import { readText } from '../../../../../../libs/domain/src/validate';
import { DEADLINES } from './turn-and-deadlines';
import type { CaseDispute } from './types';
import { fromInput, toInput } from './utc-input';

const ExtendDeadlineMutation = graphql(`
  mutation CaseFileExtendDeadline($input: ExtendDeadlineInput!) {
    extendDeadline(input: $input) {
      id
      deadlines {
        kind
        dueAt
      }
    }
  }
`);

const EXTENDABLE = ['MEDIATION_SLA', 'INFORMATION_REQUEST', 'RETURN_SHIPMENT', 'RETURN_RECEIPT', 'REPLACEMENT_SHIPMENT', 'REPLACEMENT_CONFIRMATION'];

interface Choice {
  key: string;
  kind: DeadlineKind;
  dueAt: string;
  requestId: string | null;
  label: string;
}

/** The running deadlines a mediator may move; an information request's is named by its request. */
function choicesOf(dispute: CaseDispute): Choice[] {
  const choices: Choice[] = [];
  for (const deadline of dispute.deadlines) {
    if (!EXTENDABLE.includes(deadline.kind)) continue;
    if (deadline.kind === 'INFORMATION_REQUEST') {
      for (const request of dispute.informationRequests.filter((candidate) => candidate.status === 'OPEN' && candidate.dueAt === deadline.dueAt)) {
        choices.push({ key: request.requestId, kind: deadline.kind, dueAt: request.dueAt, requestId: request.requestId, label: `Answer from the ${request.from.toLowerCase()} (due ${dateTime(request.dueAt)})` });
      }
    } else {
      choices.push({ key: deadline.kind, kind: deadline.kind, dueAt: deadline.dueAt, requestId: null, label: `${DEADLINES[deadline.kind] ?? deadline.kind} (due ${dateTime(deadline.dueAt)})` });
    }
  }
  return choices;
}

/** Moving a running deadline later, with the reason the ledger keeps. */
export function ExtendDeadline({ dispute, onDone }: { dispute: CaseDispute; onDone: () => void }) {
  const send = useMutation(ExtendDeadlineMutation);
  const [chosen, setChosen] = useState('');
  const [due, setDue] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!dispute.availableActions.includes('EXTEND_DEADLINE')) return null;
  const choices = choicesOf(dispute);
  if (choices.length === 0) return null;
  const choice = choices.find((candidate) => candidate.key === chosen) ?? choices[0]!;
  const most = dispute.policy ? parseDuration(dispute.policy.maxDeadlineExtension) : null;
  const current = Date.parse(choice.dueAt);
  const latest = most === null ? null : current + most;

  // The domain's rule (libs/domain/src/decide/extension.ts): later than now's due time, at most one extension's length later.
  const check = (): ApiError | null => {
    const at = fromInput(due);
    if (due === '' || Number.isNaN(at)) return { code: 'VALIDATION', message: 'The new deadline must be an ISO-8601 timestamp.', field: 'dueAt' };
    if (at <= current || (latest !== null && at > latest)) {
      return { code: 'VALIDATION', message: `The new deadline must be after ${humanTime(choice.dueAt)} and no later than ${humanTime(new Date(latest ?? current).toISOString())}.`, field: 'dueAt' };
    }
    const text = readText(reason, 'reason', 'reason for the extension', dispute.policy?.maxTextLength ?? Number.MAX_SAFE_INTEGER);
    return text.ok ? null : text.rejection;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    send.clear();
    const problem = check();
    setRefusal(problem);
    if (problem) return;
    const result = await send.run({
      input: { disputeId: dispute.id, deadline: choice.kind, requestId: choice.requestId, dueAt: new Date(fromInput(due)).toISOString(), reason, idempotencyKey: idempotencyKey() },
    });
    if (result.ok) {
      setDue('');
      setReason('');
      setDone(`Moved to ${dateTime(new Date(fromInput(due)).toISOString())}.`);
      onDone();
    }
  };
  const error = refusal ?? send.error;

  return (
    <section className="panel" aria-labelledby="extend-deadline">
      <h2 id="extend-deadline">Extend a deadline</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="ext-which">Deadline</label>
        <select id="ext-which" value={choice.key} onChange={(event) => setChosen(event.target.value)}>
          {choices.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
        </select>
        <label htmlFor="ext-due">New due time (UTC)</label>
        <input
          id="ext-due"
          type="datetime-local"
          value={due}
          min={toInput(current + 60_000)}
          max={latest === null ? undefined : toInput(latest)}
          onChange={(event) => setDue(event.target.value)}
          aria-invalid={error?.field === 'dueAt' ? true : undefined}
          aria-describedby="ext-window ext-error"
        />
        <p className="hint" id="ext-window">
          After {dateTime(choice.dueAt)}
          {latest === null ? '' : `, no later than ${dateTime(new Date(latest).toISOString())}`}.
        </p>
        <label htmlFor="ext-reason">Why</label>
        <textarea id="ext-reason" value={reason} onChange={(event) => setReason(event.target.value)} aria-invalid={error?.field === 'reason' ? true : undefined} />
        <button type="submit" disabled={send.pending}>
          {send.pending ? 'Extending…' : 'Extend deadline'}
        </button>
        <div id="ext-error">
          <ErrorNote error={error} />
        </div>
        {done ? (
          <p className="ok-note" role="status">
            {done}
          </p>
        ) : null}
      </form>
    </section>
  );
}
