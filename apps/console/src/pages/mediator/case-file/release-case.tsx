import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { ErrorNote } from '../../../ui/states';
import { readText } from '../../../../../../libs/domain/src/validate';
import type { CaseDispute } from './types';

const ReleaseCaseMutation = graphql(`
  mutation CaseFileRelease($input: ReleaseCaseInput!) {
    releaseCase(input: $input) {
      id
      mediation {
        mediatorId
      }
    }
  }
`);

/** Handing the case back to the queue, with why (another mediator then claims it). */
export function ReleaseCase({ dispute, onDone }: { dispute: CaseDispute; onDone: () => void }) {
  const send = useMutation(ReleaseCaseMutation);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  if (!dispute.availableActions.includes('RELEASE_CASE')) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    send.clear();
    const text = readText(reason, 'reason', 'reason for releasing the case', dispute.policy?.maxTextLength ?? Number.MAX_SAFE_INTEGER);
    setRefusal(text.ok ? null : text.rejection);
    if (!text.ok) return;
    const result = await send.run({ input: { disputeId: dispute.id, reason, idempotencyKey: idempotencyKey() } });
    if (result.ok) {
      setReason('');
      onDone();
    }
  };
  const error = refusal ?? send.error;

  return (
    <section className="panel" aria-labelledby="release-case">
      <h2 id="release-case">Release the case</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="release-reason">Why it goes back to the queue</label>
        <textarea id="release-reason" value={reason} onChange={(event) => setReason(event.target.value)} aria-invalid={error?.field === 'reason' ? true : undefined} aria-describedby="release-error" />
        <button type="submit" className="quiet" disabled={send.pending}>
          {send.pending ? 'Releasing…' : 'Release to the queue'}
        </button>
        <div id="release-error">
          <ErrorNote error={error} />
        </div>
      </form>
    </section>
  );
}
