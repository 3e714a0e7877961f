import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { Deadline } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-fields';
import { EvidencePicker, type Citation } from './evidence-picker';
import { ShipmentForm, type Shipment } from './shipment-form';

const MarkReturnShipped = graphql(`
  mutation PartyMarkReturnShipped($input: MarkReturnShippedInput!) {
    markReturnShipped(input: $input) {
      id
      version
    }
  }
`);

const ConfirmReturnReceived = graphql(`
  mutation PartyConfirmReturnReceived($input: ConfirmReturnReceivedInput!) {
    confirmReturnReceived(input: $input) {
      id
      version
    }
  }
`);

const ContestReturn = graphql(`
  mutation PartyContestReturn($input: ContestReturnInput!) {
    contestReturn(input: $input) {
      id
      version
    }
  }
`);

const RETURN_WORDS: Record<string, string> = {
  AWAITING_SHIPMENT: 'Waiting for the buyer to send the item back',
  IN_TRANSIT: 'On its way back to the seller',
  RECEIVED: 'Received by the seller',
  CONTESTED: 'Contested by the seller: a mediator looks at it',
  ABANDONED: 'Not shipped in time: the return was abandoned',
};

/** The buyer gives the carrier and tracking number of the parcel sent back. */
function ShipReturn({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const ship = useMutation(MarkReturnShipped);
  const send = async (shipment: Shipment) => {
    const result = await ship.run({ input: { disputeId: dispute.id, ...shipment, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return <ShipmentForm heading="You sent the item back: enter its tracking" button="Record the shipment" pending={ship.pending} error={ship.error} send={(shipment) => void send(shipment)} />;
}

/** The seller confirms the item arrived (the refund is paid) or contests it with evidence. */
function ReceiveReturn({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [explanation, setExplanation] = useState('');
  const [files, setFiles] = useState<Citation[]>([]);
  const confirm = useMutation(ConfirmReturnReceived);
  const contest = useMutation(ContestReturn);
  const canConfirm = dispute.availableActions.includes('CONFIRM_RETURN_RECEIVED');
  const canContest = dispute.availableActions.includes('CONTEST_RETURN');
  const confirmReceipt = async () => {
    const result = await confirm.run({ input: { disputeId: dispute.id, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  const submitContest = async (event: FormEvent) => {
    event.preventDefault();
    const result = await contest.run({ input: { disputeId: dispute.id, explanation, evidence: files, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <>
      {canConfirm && (
        <div>
          <h3>The item arrived as expected</h3>
          <button type="button" onClick={() => void confirmReceipt()} disabled={confirm.pending}>
            Confirm receipt
          </button>
          <ErrorNote error={confirm.error} />
        </div>
      )}
      {canContest && (
        <form onSubmit={(event) => void submitContest(event)} aria-labelledby="contest-heading">
          <h3 id="contest-heading">Something is wrong with what came back</h3>
          <label htmlFor="contest-explanation">What is wrong</label>
          <textarea id="contest-explanation" value={explanation} onChange={(event) => setExplanation(event.target.value)} aria-invalid={contest.error?.field?.includes('explanation') || undefined} />
          <EvidencePicker label="Evidence (at least one file)" files={files} onChange={setFiles} />
          <ErrorNote error={contest.error} />
          <button type="submit" className="quiet" disabled={contest.pending}>
            Contest the return
          </button>
        </form>
      )}
    </>
  );
}

/** An agreed or ruled return: where the item goes, its tracking, and each party's next step. */
export function ReturnPanel({ dispute, changed }: PanelProps) {
  const shipment = dispute.return;
  if (!shipment) return null;
  const address = shipment.returnAddress;
  return (
    <section className="panel" aria-labelledby="return-heading">
      <h2 id="return-heading">Return of the item</h2>
      <p>
        <span className="badge">{RETURN_WORDS[shipment.status] ?? shipment.status}</span>
      </p>
      {address ? (
        <address className="return-address">
          {[address.name, address.line1, address.line2, [address.postalCode, address.city].join(' '), address.region, address.countryCode].filter(Boolean).map((line) => (
            <span key={line}>{line}</span>
          ))}
        </address>
      ) : (
        <p className="empty">No return address was recorded for this return.</p>
      )}
      {shipment.prepaidLabel && <p>Prepaid label: {shipment.prepaidLabel}</p>}
      {shipment.trackingNumber && (
        <p>
          Sent with {shipment.carrier ?? shipment.carrierCode}, tracking number <span className="mono">{shipment.trackingNumber}</span>.
        </p>
      )}
      {shipment.status === 'AWAITING_SHIPMENT' && (
        <p>
          Ship by <Deadline at={shipment.shipmentDueAt} />; a return not shipped in time is abandoned and the dispute closes without a refund.
        </p>
      )}
      {shipment.receiptDueAt && shipment.status === 'IN_TRANSIT' && (
        <p>
          The seller confirms or contests by <Deadline at={shipment.receiptDueAt} />; silence counts as received and the refund is paid.
        </p>
      )}
      {dispute.availableActions.includes('MARK_RETURN_SHIPPED') && <ShipReturn dispute={dispute} changed={changed} />}
      <ReceiveReturn dispute={dispute} changed={changed} />
    </section>
  );
}
