import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../api/client';
import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { navigate } from '../../../router';
import { citationsOf, useEvidenceFiles } from '../../../ui/evidence-upload';
import { ErrorNote } from '../../../ui/states';
import { checkStep, EMPTY_DRAFT, EVIDENCE_LIMIT, openingInput, stepOfField, STEPS, type Draft, type FormOrder } from './draft';
import { DescribeStep, EvidenceStep, ReasonStep, ResolutionStep } from './steps';
import { ReviewStep } from './review-step';
import { Stepper } from './stepper';

const OpenDisputeMutation = graphql(`
  mutation OpenDisputeFromConsole($input: OpenDisputeInput!) {
    openDispute(input: $input) {
      id
      status
    }
  }
`);

/**
 * The guided opening, one step at a time. Everything typed lives here, above the steps, so going
 * back, a refused Next or a refused submit never loses it; the idempotency key is made once per
 * form, so a double click or a retry after a lost answer opens one dispute.
 */
export function OpenDisputeForm({ order }: { order: FormOrder }) {
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<ApiError | null>(null);
  const [key] = useState(idempotencyKey);
  const evidence = useEvidenceFiles({ limit: EVIDENCE_LIMIT, remaining: EVIDENCE_LIMIT });
  const opening = useMutation(OpenDisputeMutation);
  const sending = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Focus follows the step: a keyboard or screen-reader user lands on the new step's heading.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [step]);

  const go = (to: number) => {
    moved.current = true;
    setStep(to);
  };
  // A refusal stays until the person changes something: then it no longer describes what is on screen.
  const change = (patch: Partial<Draft>) => {
    setError(null);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const files = { ...evidence, add: (chosen: readonly File[]) => (setError(null), evidence.add(chosen)) };
  const citations = citationsOf(evidence.files);

  const submit = async () => {
    // The button is disabled while sending; the ref also stops a second click in the same frame.
    if (sending.current) return;
    sending.current = true;
    setError(null);
    const result = await opening.run({ input: openingInput(draft, order, citations, key) });
    if (result.ok) return navigate(`/disputes/${encodeURIComponent(result.data.openDispute.id)}`);
    sending.current = false;
    const onFile = evidence.refuse(result.error);
    setError(onFile ? { ...result.error, message: `${result.error.message} (shown on the file)` } : result.error);
    go(stepOfField(result.error.field));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (step === STEPS.length - 1) return void submit();
    const refusal = checkStep(step, draft, order, citations, evidence.busy);
    setError(refusal);
    if (!refusal) go(step + 1);
  };

  const stepProps = { draft, change, order, error };
  return (
    <form className="open-dispute-form" onSubmit={onSubmit} noValidate aria-labelledby="step-title">
      <Stepper step={step} onGo={go} />
      <div className="panel step">
        <h2 id="step-title" ref={heading} tabIndex={-1}>
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </h2>
        {step === 0 && <ReasonStep {...stepProps} />}
        {step === 1 && <DescribeStep {...stepProps} />}
        {step === 2 && <EvidenceStep {...stepProps} evidence={files} />}
        {step === 3 && <ResolutionStep {...stepProps} />}
        {step === 4 && <ReviewStep {...stepProps} citations={citations} files={evidence.files} />}
        {error && stepOfField(error.field) === step && step === 4 && <ErrorNote error={error} />}
        <div className="step-buttons">
          {step > 0 && (
            <button type="button" className="quiet" onClick={() => go(step - 1)} disabled={opening.pending}>
              Back
            </button>
          )}
          {step < STEPS.length - 1 ? (
            <button type="submit">Next</button>
          ) : (
            <button type="submit" disabled={opening.pending}>
              {opening.pending ? 'Submitting…' : 'Submit dispute'}
            </button>
          )}
        </div>
      </div>
    </form>
  );
}
