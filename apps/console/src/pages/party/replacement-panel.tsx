import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { Deadline } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { EvidencePicker, type Citation } from './evidence-picker';
import { ShipmentForm, type Shipment } from './shipment-form';

const MarkReplacementShipped = graphql(`
  mutation PartyMarkReplacementShipped($input: MarkReplacementShippedInput!) {
    markReplacementShipped(input: $input) {
      id
      version
    }
  }
`);

const ConfirmReplacementReceived = graphql(`
  mutation PartyConfirmReplacementReceived($input: ConfirmReplacementReceivedInput!) {
    confirmReplacementReceived(input: $input) {
      id
      version
    }
  }
`);

const ReportReplacementProblem = graphql(`
  mutation PartyReportReplacementProblem($input: ReportReplacementProblemInput!) {
    reportReplacementProblem(input: $input) {
      id
      version
    }
  }
`);

const REPLACEMENT_WORDS: Record<string, string> = {
  AWAITING_SHIPMENT: 'Waiting for the seller to ship the replacement',
  IN_TRANSIT: 'On its way to the buyer',
  RECEIVED: 'Received by the buyer',
  DISPUTED: 'The buyer reported a problem: a mediator looks at it',
  NOT_SHIPPED: 'Not shipped in time: a mediator looks at it',
};

function ShipReplacement({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const ship = useMutation(MarkReplacementShipped);
  const send = async (shipment: Shipment) => {
    const result = await ship.run({ input: { disputeId: dispute.id, ...shipment, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return <ShipmentForm heading="You shipped the replacement: enter its tracking" button="Record the shipment" pending={ship.pending} error={ship.error} send={(shipment) => void send(shipment)} />;
}

/** The buyer confirms the replacement arrived (the dispute closes) or reports a problem with evidence. */
function ReceiveReplacement({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<Citation[]>([]);
  const confirm = useMutation(ConfirmReplacementReceived);
  const report = useMutation(ReportReplacementProblem);
  const canConfirm = dispute.availableActions.includes('CONFIRM_REPLACEMENT_RECEIVED');
  const canReport = dispute.availableActions.includes('REPORT_REPLACEMENT_PROBLEM');
  const confirmReceipt = async () => {
    const result = await confirm.run({ input: { disputeId: dispute.id, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  const submitReport = async (event: FormEvent) => {
    event.preventDefault();
    const result = await report.run({ input: { disputeId: dispute.id, explanation, evidence: files, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <>
      {canConfirm && (
        <div>
          <h3>The replacement arrived and is fine</h3>
          <button type="button" onClick={() => void confirmReceipt()} disabled={confirm.pending}>
            Confirm the replacement arrived
          </button>
          <ErrorNote error={confirm.error} />
        </div>
      )}
      {canReport && (
        <form onSubmit={(event) => void submitReport(event)} aria-labelledby="report-heading">
          <h3 id="report-heading">Something is wrong with the replacement</h3>
          <label htmlFor="report-explanation">What is wrong</label>
          <textarea id="report-explanation" value={explanation} onChange={(event) => setExplanation(event.target.value)} aria-invalid={report.error?.field?.includes('explanation') || undefined} />
          <EvidencePicker label="Evidence (at least one file)" files={files} onChange={setFiles} />
          <ErrorNote error={report.error} />
          <button type="submit" className="quiet" disabled={report.pending}>
            Report a problem
          </button>
        </form>
      )}
    </>
  );
}

/** An agreed or ruled replacement: its status and deadlines, and each party's next step. */
export function ReplacementPanel({ dispute, changed }: PanelProps) {
  const replacement = dispute.replacement;
  if (!replacement) return null;
  return (
    <section className="panel" aria-labelledby="replacement-heading">
      <h2 id="replacement-heading">Replacement</h2>
      <p>
        <span className="badge">{REPLACEMENT_WORDS[replacement.status] ?? replacement.status}</span>
      </p>
      {replacement.trackingNumber && (
        <p>
          Sent with {replacement.carrier ?? replacement.carrierCode}, tracking number <span className="mono">{replacement.trackingNumber}</span>.
        </p>
      )}
      {replacement.status === 'AWAITING_SHIPMENT' && (
        <p>
          The seller ships by <Deadline at={replacement.shipmentDueAt} />; otherwise a mediator takes the case.
        </p>
      )}
      {replacement.status === 'IN_TRANSIT' && replacement.confirmationDueAt && (
        <p>
          The buyer confirms or reports a problem by <Deadline at={replacement.confirmationDueAt} />; silence counts as received.
        </p>
      )}
      {dispute.availableActions.includes('MARK_REPLACEMENT_SHIPPED') && <ShipReplacement dispute={dispute} changed={changed} />}
      <ReceiveReplacement dispute={dispute} changed={changed} />
    </section>
  );
}
