import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { Deadline } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { EvidencePicker, type Citation } from './evidence-picker';

const AnswerInformationRequest = graphql(`
  mutation PartyAnswerInformationRequest($input: AnswerInformationRequestInput!) {
    answerInformationRequest(input: $input) {
      id
      version
    }
  }
`);

type Request = PartyDisputeView['informationRequests'][number];

function Answer({ dispute, request, changed }: { dispute: PartyDisputeView; request: Request; changed: () => void }) {
  const [answer, setAnswer] = useState('');
  const [files, setFiles] = useState<Citation[]>([]);
  const send = useMutation(AnswerInformationRequest);
  const id = `answer-${request.requestId}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await send.run({ input: { disputeId: dispute.id, requestId: request.requestId, answer, evidence: files, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>Your answer</label>
      <textarea id={id} value={answer} onChange={(event) => setAnswer(event.target.value)} aria-invalid={send.error?.field?.includes('answer') || undefined} />
      <EvidencePicker label="Files that show it (optional)" files={files} onChange={setFiles} />
      <ErrorNote error={send.error} />
      <button type="submit" disabled={send.pending}>
        Send the answer
      </button>
    </form>
  );
}

/** The mediator's questions to this party: the open ones with an answer form, the rest as a record. */
export function InformationRequests({ dispute, me, changed }: PanelProps) {
  const mine = dispute.informationRequests.filter((request) => request.from === me);
  if (mine.length === 0) return null;
  const canAnswer = dispute.availableActions.includes('ANSWER_INFORMATION_REQUEST');
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">The mediator asks you</h2>
      <ol className="case-items">
        {mine.map((request) => (
          <li key={request.requestId} className="case-item">
            <p className="message-body">{request.question}</p>
            {request.status === 'OPEN' ? (
              <p>
                Answer by <Deadline at={request.dueAt} />.
              </p>
            ) : (
              <p className="hint">{request.status === 'ANSWERED' ? 'You answered.' : 'The time to answer passed.'}</p>
            )}
            {request.status === 'OPEN' && canAnswer && <Answer dispute={dispute} request={request} changed={changed} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
