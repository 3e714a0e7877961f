import type { ApiError } from '../../../api/client';
import { formatMoney } from '../../../format/money';
import type { DisputeReason, DisputeSubReason, OfferKind } from '../../../gql/graphql';
import { EvidenceUpload, type EvidenceList } from '../../../ui/evidence-upload';
import { ErrorNote } from '../../../ui/states';
import { REASON_WORDS, RESOLUTION_WORDS, SUB_REASON_WORDS } from '../words';
import { ceilingOf, DESCRIPTION_LIMIT, kindRefusal, offerKinds, stepOfField, subReasonsOf, type Draft, type FormOrder } from './draft';

export interface StepProps {
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  order: FormOrder;
  /** The last refusal, shown by the step that holds its field. */
  error: ApiError | null;
}

/** The refusal when it is about `field` (or a path inside it). */
const at = (error: ApiError | null, ...fields: string[]): ApiError | null => (error && fields.some((field) => error.field === field || error.field?.startsWith(`${field}.`) || error.field?.startsWith(`${field}[`)) ? error : null);

const REASONS: DisputeReason[] = ['NOT_RECEIVED', 'NOT_AS_DESCRIBED'];

export function ReasonStep({ draft, change, error }: StepProps) {
  const subReasons = subReasonsOf(draft.reason);
  return (
    <>
      <p className="notice">The reason cannot be changed after you submit, so pick the one that fits best.</p>
      <fieldset aria-describedby={at(error, 'reason') ? 'reason-error' : undefined}>
        <legend>What went wrong?</legend>
        {REASONS.map((reason) => (
          <div className="choice" key={reason}>
            <input
              type="radio"
              id={`reason-${reason}`}
              name="reason"
              value={reason}
              checked={draft.reason === reason}
              onChange={() => change({ reason, subReason: draft.subReason && subReasonsOf(reason).includes(draft.subReason) ? draft.subReason : null })}
              aria-describedby={`reason-${reason}-hint`}
            />
            <label htmlFor={`reason-${reason}`}>{REASON_WORDS[reason].label}</label>
            <p className="hint" id={`reason-${reason}-hint`}>
              {REASON_WORDS[reason].hint}
            </p>
          </div>
        ))}
      </fieldset>
      <ErrorNote error={at(error, 'reason')} id="reason-error" />
      {draft.reason && (
        <>
          <label htmlFor="sub-reason">More precisely (optional)</label>
          <select id="sub-reason" value={draft.subReason ?? ''} onChange={(event) => change({ subReason: event.target.value === '' ? null : (event.target.value as DisputeSubReason) })}>
            <option value="">Choose one, or leave it out</option>
            {subReasons.map((sub) => (
              <option key={sub} value={sub}>
                {SUB_REASON_WORDS[sub]}
              </option>
            ))}
          </select>
          <ErrorNote error={at(error, 'subReason')} />
        </>
      )}
    </>
  );
}

export function DescribeStep({ draft, change, error }: StepProps) {
  const length = draft.description.trim().length;
  const over = length - DESCRIPTION_LIMIT;
  const refusal = at(error, 'description');
  return (
    <>
      <label htmlFor="description">What happened? Give the details the seller and a mediator need.</label>
      <textarea
        id="description"
        rows={8}
        value={draft.description}
        onChange={(event) => change({ description: event.target.value })}
        aria-describedby="description-count"
        aria-invalid={over > 0 || refusal !== null}
      />
      <p id="description-count" className={over > 0 ? 'counter over' : 'counter'}>
        {length} of {DESCRIPTION_LIMIT} characters{over > 0 ? `: ${over} too many` : ''}
      </p>
      <ErrorNote error={refusal} />
    </>
  );
}

export function EvidenceStep({ draft, error, evidence }: StepProps & { evidence: EvidenceList }) {
  const required = draft.reason === 'NOT_AS_DESCRIBED';
  return (
    <>
      <p>{required ? 'A “not as described” dispute needs at least one piece of evidence: photos of the item, its packaging, the listing.' : 'Evidence is optional here, but tracking pages or messages help the seller and a mediator.'}</p>
      <EvidenceUpload evidence={evidence} label="Add evidence" />
      <ErrorNote error={error && stepOfField(error.field) === 2 ? error : null} />
    </>
  );
}

export function ResolutionStep({ draft, change, order, error }: StepProps) {
  const currency = order.amountPaid.currency;
  const ceiling = formatMoney(ceilingOf(order), currency);
  return (
    <>
      <fieldset>
        <legend>What would resolve it for you?</legend>
        {offerKinds.map((kind: OfferKind) => {
          const refused = kindRefusal(kind, order, draft.reason!);
          return (
            <div className="choice" key={kind}>
              <input type="radio" id={`kind-${kind}`} name="resolution" value={kind} checked={draft.resolution === kind} disabled={refused !== null} onChange={() => change({ resolution: kind })} aria-describedby={`kind-${kind}-hint`} />
              <label htmlFor={`kind-${kind}`}>{RESOLUTION_WORDS[kind].label}</label>
              <p className="hint" id={`kind-${kind}-hint`}>
                {refused ?? RESOLUTION_WORDS[kind].hint}
                {!refused && (kind === 'FULL_REFUND' || kind === 'RETURN_AND_REFUND') ? ` That is ${ceiling}.` : ''}
              </p>
            </div>
          );
        })}
      </fieldset>
      <ErrorNote error={at(error, 'requestedResolution.kind') ?? (error?.field === 'requestedResolution' ? error : null)} />
      {draft.resolution === 'PARTIAL_REFUND' && (
        <div className="amount-field">
          <label htmlFor="amount">Amount ({currency})</label>
          <input id="amount" inputMode="decimal" autoComplete="off" value={draft.amount} onChange={(event) => change({ amount: event.target.value })} aria-describedby="amount-ceiling" aria-invalid={at(error, 'requestedResolution.amount') !== null} />
          <p className="hint" id="amount-ceiling">
            At most <strong>{ceiling}</strong> is still refundable on this order.
          </p>
          <ErrorNote error={at(error, 'requestedResolution.amount')} />
        </div>
      )}
    </>
  );
}
