import { formatMoney } from '../../../format/money';
import type { Citation, EvidenceFile } from '../../../ui/evidence-upload';
import { EVIDENCE_KIND_WORDS, REASON_WORDS, RESOLUTION_WORDS, SUB_REASON_WORDS } from '../words';
import { amountOf, ceilingOf, type Draft, type FormOrder } from './draft';

/** Everything that will be sent, in words, before the one thing that cannot be undone. */
export function ReviewStep({ draft, order, citations, files }: { draft: Draft; order: FormOrder; citations: Citation[]; files: EvidenceFile[] }) {
  const currency = order.amountPaid.currency;
  const amount = amountOf(draft, order);
  const refund =
    draft.resolution === 'PARTIAL_REFUND' ? (amount.ok && amount.minor !== null ? formatMoney(amount.minor, currency) : null) : draft.resolution === 'REPLACEMENT' ? null : formatMoney(ceilingOf(order), currency);
  const cited = files.filter((file) => citations.some((citation) => citation.evidenceId === file.uploaded?.evidenceId));
  return (
    <>
      <p>Check what will be sent to the seller. You can go back to any step; nothing is lost.</p>
      <dl className="review">
        <dt>Reason</dt>
        <dd>{draft.reason ? REASON_WORDS[draft.reason].label : '—'}</dd>
        <dt>More precisely</dt>
        <dd>{draft.subReason ? SUB_REASON_WORDS[draft.subReason] : 'Not given'}</dd>
        <dt>Description</dt>
        <dd className="description">{draft.description.trim()}</dd>
        <dt>Evidence</dt>
        <dd>
          {cited.length === 0 ? (
            'None'
          ) : (
            <ul>
              {cited.map((file) => (
                <li key={file.key}>
                  {file.name} ({file.kind ? EVIDENCE_KIND_WORDS[file.kind] : ''})
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Resolution</dt>
        <dd>
          {draft.resolution ? RESOLUTION_WORDS[draft.resolution].label : '—'}
          {refund ? `: ${refund}` : ''}
        </dd>
      </dl>
      <p className="notice">The reason cannot be changed after you submit. The seller has a few days to respond; you will see every deadline on the dispute page.</p>
    </>
  );
}
