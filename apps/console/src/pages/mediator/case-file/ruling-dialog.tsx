import { useEffect, useRef } from 'react';
import type { ApiError } from '../../../api/client';
import { formatMoney } from '../../../format/money';
import { ErrorNote } from '../../../ui/states';
import { OUTCOME_LABELS, type CheckedRuling } from './ruling-rules';
import type { CaseDispute } from './types';

interface Props {
  title: string;
  ruling: CheckedRuling;
  currency: string;
  dispute: CaseDispute;
  pending: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * The last look before a ruling is recorded: exactly what the event will hold. A native modal
 * <dialog> keeps focus inside, closes on Escape, and gives focus back to the form's button.
 */
export function RulingDialog({ title, ruling, currency, dispute, pending, error, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const evidence = dispute.evidence.filter((item) => ruling.citedEvidenceIds.includes(item.evidenceId));
  const clauses = (dispute.policy?.clauses ?? []).filter((clause) => ruling.citedPolicyClauses.includes(clause.id));
  return (
    <dialog ref={ref} className="ruling-dialog" aria-labelledby="ruling-dialog-title" onClose={onClose}>
      <h2 id="ruling-dialog-title">{title}</h2>
      <p>This will be recorded in the dispute’s history and cannot be changed afterwards.</p>
      <dl className="facts">
        <dt>Outcome</dt>
        <dd data-testid="confirm-outcome">{OUTCOME_LABELS[ruling.outcome]}</dd>
        <dt>Refund</dt>
        <dd data-testid="confirm-refund">{ruling.refundMinor === null ? (ruling.outcome === 'NO_REFUND' || ruling.outcome === 'REPLACEMENT' ? 'none' : 'the whole refundable amount') : formatMoney(ruling.refundMinor, currency)}</dd>
        <dt>Cited evidence</dt>
        <dd data-testid="confirm-evidence">
          {evidence.length === 0 ? (
            'none'
          ) : (
            <ul>
              {evidence.map((item) => (
                <li key={item.evidenceId}>
                  {item.description ?? item.kind.toLowerCase()} <code>{item.sha256.slice(0, 12)}…</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Cited clauses</dt>
        <dd data-testid="confirm-clauses">
          <ul>
            {clauses.map((clause) => (
              <li key={clause.id}>
                <strong>{clause.id}</strong>: {clause.text}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Rationale</dt>
        <dd data-testid="confirm-rationale" className="message-body">
          {ruling.rationale}
        </dd>
      </dl>
      <div className="dialog-buttons">
        <button type="button" onClick={onConfirm} disabled={pending} autoFocus>
          {pending ? 'Recording…' : 'Record decision'}
        </button>
        <button type="button" className="quiet" onClick={() => ref.current?.close()}>
          Back to the form
        </button>
      </div>
      <ErrorNote error={error} />
    </dialog>
  );
}
