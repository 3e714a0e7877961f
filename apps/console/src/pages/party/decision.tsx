import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { OUTCOME_WORDS, partyName } from '../../format/dispute-words';
import { formatMoney } from '../../format/money';
import { dateTime } from '../../format/time';
import { Deadline } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { EvidencePicker, type Citation } from './evidence-picker';

const FileAppeal = graphql(`
  mutation PartyFileAppeal($input: FileAppealInput!) {
    fileAppeal(input: $input) {
      id
      version
    }
  }
`);

/** FAQ 5: one appeal per dispute, within its window, resting on new grounds (and new files). */
function Appeal({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [grounds, setGrounds] = useState('');
  const [files, setFiles] = useState<Citation[]>([]);
  const appeal = useMutation(FileAppeal);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await appeal.run({ input: { disputeId: dispute.id, grounds, evidence: files, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="appeal-heading">
      <h3 id="appeal-heading">Appeal the decision</h3>
      <p className="hint">
        Either party may appeal once{dispute.decision?.appealDueAt && <>, until <Deadline at={dispute.decision.appealDueAt} /></>}. A different mediator decides the appeal, and that ruling is final.
      </p>
      <label htmlFor="appeal-grounds">Your grounds: what is new since the decision</label>
      <textarea id="appeal-grounds" value={grounds} onChange={(event) => setGrounds(event.target.value)} aria-invalid={appeal.error?.field?.includes('grounds') || undefined} />
      <EvidencePicker label="New evidence (optional)" files={files} onChange={setFiles} />
      <ErrorNote error={appeal.error} />
      <button type="submit" disabled={appeal.pending}>
        File the appeal
      </button>
    </form>
  );
}

/** The mediator's ruling with its rationale, the files and policy clauses it cites, and the appeal. */
export function DecisionPanel({ dispute, me, changed }: PanelProps) {
  const decision = dispute.decision;
  if (!decision) return null;
  const clauses = new Map((dispute.policy?.clauses ?? []).map((clause) => [clause.id, clause.text]));
  const files = new Map(dispute.evidence.map((file) => [file.evidenceId, file]));
  return (
    <section className="panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">The mediator’s decision</h2>
      <p>
        <strong>
          {OUTCOME_WORDS[decision.outcome] ?? decision.outcome}
          {decision.refund && ` of ${formatMoney(decision.refund.minorUnits, decision.refund.currency)}`}
        </strong>
        , decided {dateTime(decision.at)}.
      </p>
      <h3>Rationale</h3>
      <p className="rationale">{decision.rationale}</p>
      <h3>Policy clauses cited</h3>
      <ul>
        {decision.citedPolicyClauses.map((id) => (
          <li key={id}>
            <strong>{id}</strong>: {clauses.get(id) ?? 'the clause text is not in the pinned policy'}
          </li>
        ))}
      </ul>
      <h3>Evidence cited</h3>
      {decision.citedEvidenceIds.length === 0 ? (
        <p className="empty">The decision cites no files.</p>
      ) : (
        <ul>
          {decision.citedEvidenceIds.map((id) => {
            const file = files.get(id);
            return (
              <li key={id}>
                {file ? `${file.description ?? file.kind.toLowerCase()} (${file.kind.toLowerCase()}, added by ${partyName(file.addedBy, me).toLowerCase()} ${dateTime(file.addedAt)})` : id}
              </li>
            );
          })}
        </ul>
      )}
      {dispute.appeal && (
        <p className="notice">
          {partyName(dispute.appeal.by, me)} appealed on {dateTime(dispute.appeal.filedAt)}: “{dispute.appeal.grounds}”.{' '}
          {dispute.appeal.upheld === null ? 'A second mediator is deciding the appeal.' : dispute.appeal.upheld ? 'The appeal kept the decision.' : 'The appeal changed the decision.'}
        </p>
      )}
      {dispute.availableActions.includes('FILE_APPEAL') && <Appeal dispute={dispute} changed={changed} />}
    </section>
  );
}
