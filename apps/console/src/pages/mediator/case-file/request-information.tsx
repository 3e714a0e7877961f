import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { dateTime } from '../../../format/time';
import { useNow } from '../../../ui/deadline';
import { ErrorNote } from '../../../ui/states';
import { parseDuration } from '../../../../../../libs/domain/src/policy-durations';
import { humanTime } from '../../../../../../libs/domain/src/time';
import { readText } from '../../../../../../libs/domain/src/validate';
import { fromInput, toInput } from './utc-input';
import type { CaseDispute } from './types';

const RequestInformationMutation = graphql(`
  mutation CaseFileRequestInformation($input: RequestInformationInput!) {
    requestInformation(input: $input) {
      id
      informationRequests {
        requestId
      }
    }
  }
`);


/** The window the pinned policy allows for an answer, from now; null when it names none. */
function allowedWindow(policy: CaseDispute['policy'], now: number): { earliest: number; latest: number; usual: string } | null {
  if (!policy) return null;
  const min = parseDuration(policy.informationRequestMin);
  const max = parseDuration(policy.informationRequestMax);
  const usual = parseDuration(policy.informationRequestDefault);
  if (min === null || max === null || usual === null) return null;
  return { earliest: now + min, latest: now + max, usual: dateTime(new Date(now + usual).toISOString()) };
}

/** Asking the buyer or the seller a question with a deadline for the answer. */
export function RequestInformation({ dispute, onDone }: { dispute: CaseDispute; onDone: () => void }) {
  const send = useMutation(RequestInformationMutation);
  const [from, setFrom] = useState<'BUYER' | 'SELLER'>('BUYER');
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const now = useNow(60_000);
  if (!dispute.availableActions.includes('REQUEST_INFORMATION')) return null;
  const window = allowedWindow(dispute.policy, now);

  // The form refuses what the API would refuse: an empty question, a deadline outside the policy's window.
  const check = (): ApiError | null => {
    const text = readText(question, 'question', 'question', dispute.policy?.maxTextLength ?? Number.MAX_SAFE_INTEGER);
    if (!text.ok) return text.rejection;
    if (due !== '') {
      const at = fromInput(due);
      if (Number.isNaN(at)) return { code: 'VALIDATION', message: 'The deadline must be a date and time.', field: 'dueAt' };
      const allowed = allowedWindow(dispute.policy, Date.now());
      if (allowed && (at < allowed.earliest || at > allowed.latest)) {
        return { code: 'VALIDATION', message: `The deadline must be between ${humanTime(new Date(allowed.earliest).toISOString())} and ${humanTime(new Date(allowed.latest).toISOString())}.`, field: 'dueAt' };
      }
    }
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAsked(null);
    send.clear();
    const problem = check();
    setRefusal(problem);
    if (problem) return;
    const result = await send.run({
      input: { disputeId: dispute.id, from, question, dueAt: due === '' ? null : new Date(fromInput(due)).toISOString(), idempotencyKey: idempotencyKey() },
    });
    if (result.ok) {
      setQuestion('');
      setDue('');
      setAsked(`Asked the ${from.toLowerCase()}.`);
      onDone();
    }
  };
  const error = refusal ?? send.error;
  const fieldError = (field: string) => (error?.field === field ? true : undefined);

  return (
    <section className="panel" aria-labelledby="request-information">
      <h2 id="request-information">Request information</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="ri-from">Ask</label>
        <select id="ri-from" value={from} onChange={(event) => setFrom(event.target.value as 'BUYER' | 'SELLER')}>
          <option value="BUYER">the buyer ({dispute.buyerId})</option>
          <option value="SELLER">the seller ({dispute.sellerId})</option>
        </select>
        <label htmlFor="ri-question">Question</label>
        <textarea id="ri-question" value={question} onChange={(event) => setQuestion(event.target.value)} aria-invalid={fieldError('question')} aria-describedby="ri-error" />
        <label htmlFor="ri-due">Answer due (UTC)</label>
        <input
          id="ri-due"
          type="datetime-local"
          value={due}
          min={window ? toInput(window.earliest) : undefined}
          max={window ? toInput(window.latest) : undefined}
          onChange={(event) => setDue(event.target.value)}
          aria-invalid={fieldError('dueAt')}
          aria-describedby="ri-window ri-error"
        />
        <p className="hint" id="ri-window">
          {window
            ? `Between ${dateTime(new Date(window.earliest).toISOString())} and ${dateTime(new Date(window.latest).toISOString())}; left empty, ${window.usual}.`
            : 'Left empty, the policy’s usual window applies.'}
        </p>
        <button type="submit" disabled={send.pending}>
          {send.pending ? 'Asking…' : 'Send request'}
        </button>
        <div id="ri-error">
          <ErrorNote error={error} />
        </div>
        {asked ? (
          <p className="ok-note" role="status">
            {asked}
          </p>
        ) : null}
      </form>
    </section>
  );
}
