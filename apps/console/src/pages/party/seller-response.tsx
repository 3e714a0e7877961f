import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { ErrorNote } from '../../ui/states';
import { ConfirmDialog } from './confirm-dialog';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { EvidencePicker, type Citation } from './evidence-picker';
import { offerTerms } from './offers';
import { NO_TERMS, resolutionInput, TermsFields } from './terms-fields';

const RespondToDispute = graphql(`
  mutation PartyRespond($input: RespondToDisputeInput!) {
    respondToDispute(input: $input) {
      id
      version
    }
  }
`);

const ConcedeDispute = graphql(`
  mutation PartyConcede($input: ConcedeDisputeInput!) {
    concedeDispute(input: $input) {
      id
      version
    }
  }
`);

type Choice = 'ACCEPT_REQUEST' | 'COUNTER_OFFER' | 'REJECT';

const CHOICES: { value: Choice; label: string }[] = [
  { value: 'ACCEPT_REQUEST', label: 'Accept the buyer’s request' },
  { value: 'COUNTER_OFFER', label: 'Make a counter-offer' },
  { value: 'REJECT', label: 'Reject, with evidence' },
];

/** The seller's first answer: one of three choices, each with what it needs. */
function Respond({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [choice, setChoice] = useState<Choice>('ACCEPT_REQUEST');
  const [terms, setTerms] = useState(NO_TERMS);
  const [note, setNote] = useState('');
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<Citation[]>([]);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const respond = useMutation(RespondToDispute);
  const request = dispute.offers.find((offer) => offer.offerNumber === 1);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const base = { disputeId: dispute.id, response: choice, idempotencyKey: idempotencyKey() };
    let input;
    if (choice === 'COUNTER_OFFER') {
      const offer = resolutionInput(terms, dispute.refunded.currency);
      if ('problem' in offer) return setProblem({ code: 'VALIDATION', message: offer.problem, field: 'offer.amount' });
      input = { ...base, offer, message: note.trim() || undefined };
    } else if (choice === 'REJECT') input = { ...base, explanation, evidence: files };
    else input = base;
    const result = await respond.run({ input });
    if (result.ok) changed();
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="respond-heading">
      <h2 id="respond-heading">Respond to the dispute</h2>
      {request && <p>The buyer asks for: {offerTerms(request)}.</p>}
      <fieldset className="choices">
        <legend>Your answer</legend>
        {CHOICES.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name="response" value={option.value} checked={choice === option.value} onChange={() => setChoice(option.value)} /> {option.label}
          </label>
        ))}
      </fieldset>
      {choice === 'COUNTER_OFFER' && (
        <>
          <TermsFields terms={terms} currency={dispute.refunded.currency} onChange={setTerms} invalid={problem !== null} />
          <label htmlFor="respond-note">A note with your counter-offer (optional)</label>
          <textarea id="respond-note" value={note} onChange={(event) => setNote(event.target.value)} />
        </>
      )}
      {choice === 'REJECT' && (
        <>
          <label htmlFor="respond-explanation">Why you reject the request</label>
          <textarea id="respond-explanation" value={explanation} onChange={(event) => setExplanation(event.target.value)} aria-invalid={respond.error?.field?.includes('explanation') || undefined} />
          <EvidencePicker label="Evidence (at least one file)" files={files} onChange={setFiles} />
        </>
      )}
      <ErrorNote error={problem ?? respond.error} />
      <button type="submit" disabled={respond.pending}>
        Send response
      </button>
    </form>
  );
}

/** The seller gives in at any stage the rules allow: the buyer's request, or a full refund. Final, so confirmed first. */
function Concede({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [remedy, setRemedy] = useState<'AS_REQUESTED' | 'FULL_REFUND'>('AS_REQUESTED');
  const [note, setNote] = useState('');
  const concede = useMutation(ConcedeDispute);
  const request = dispute.offers.find((offer) => offer.by === 'BUYER' && offer.status === 'OPEN') ?? dispute.offers.find((offer) => offer.offerNumber === 1);
  const confirm = async () => {
    const result = await concede.run({ input: { disputeId: dispute.id, remedy, message: note.trim() || undefined, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
    return result.ok;
  };
  return (
    <div className="concede">
      <h3>Concede</h3>
      <p className="hint">Settle the dispute in the buyer’s favour now; it ends with the refund.</p>
      <ConfirmDialog opener="Concede the dispute…" title="Concede this dispute?" keep="Keep the dispute open" confirm="Concede" pending={concede.pending} error={concede.error} onOpen={concede.clear} onConfirm={confirm}>
        <label htmlFor="concede-remedy">Give the buyer</label>
        <select id="concede-remedy" value={remedy} onChange={(event) => setRemedy(event.target.value as typeof remedy)}>
          <option value="AS_REQUESTED">What they asked for{request ? `: ${offerTerms(request)}` : ''}</option>
          <option value="FULL_REFUND">A full refund; they keep the item</option>
        </select>
        <label htmlFor="concede-note">A note to the buyer (optional)</label>
        <textarea id="concede-note" value={note} onChange={(event) => setNote(event.target.value)} />
      </ConfirmDialog>
    </div>
  );
}

/** The seller's own choices: the first response, and conceding wherever the rules allow it. */
export function SellerResponse({ dispute, changed }: PanelProps) {
  const canRespond = dispute.availableActions.includes('RESPOND_TO_DISPUTE');
  const canConcede = dispute.availableActions.includes('CONCEDE_DISPUTE');
  if (!canRespond && !canConcede) return null;
  return (
    <section className="panel seller-response">
      {canRespond && <Respond dispute={dispute} changed={changed} />}
      {canConcede && <Concede dispute={dispute} changed={changed} />}
    </section>
  );
}
