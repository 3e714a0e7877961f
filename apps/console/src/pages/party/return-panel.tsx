import { useState, type FormEvent } from 'react';
import { CARRIER_CODES, CARRIERS, readTracking, type CarrierCode } from '../../../../../libs/domain/src/tracking';
import type { ApiError } from '../../api/client';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { Deadline } from '../../ui/deadline';
import { ErrorNote } from '../../ui/states';
import type { PanelProps, PartyDisputeView } from './dispute-page';
import { EvidencePicker, type Citation } from './evidence-picker';

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

// The 2nd edition's longest tracking number; the domain takes the smaller of this and the policy's.
const MAX_TRACKING_NUMBER = 40;

const RETURN_WORDS: Record<string, string> = {
  AWAITING_SHIPMENT: 'Waiting for the buyer to send the item back',
  IN_TRANSIT: 'On its way back to the seller',
  RECEIVED: 'Received by the seller',
  CONTESTED: 'Contested by the seller: a mediator looks at it',
  ABANDONED: 'Not shipped in time: the return was abandoned',
};

/** The buyer gives the carrier and tracking number; the domain's own rule checks them before sending. */
function ShipReturn({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [carrierCode, setCarrierCode] = useState<CarrierCode>('DHL');
  const [carrierName, setCarrierName] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const ship = useMutation(MarkReturnShipped);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { carrierCode, carrierName: carrierCode === 'OTHER' ? carrierName : undefined, trackingNumber };
    const checked = readTracking(input, MAX_TRACKING_NUMBER);
    if (!checked.ok) return setProblem({ code: checked.rejection.code, message: checked.rejection.message, field: checked.rejection.field });
    setProblem(null);
    const result = await ship.run({ input: { disputeId: dispute.id, ...input, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  const error = problem ?? ship.error;
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="ship-heading">
      <h3 id="ship-heading">You sent the item back: enter its tracking</h3>
      <label htmlFor="return-carrier">Carrier</label>
      <select id="return-carrier" value={carrierCode} onChange={(event) => setCarrierCode(event.target.value as CarrierCode)}>
        {CARRIER_CODES.map((code) => (
          <option key={code} value={code}>
            {code === 'OTHER' ? 'Another carrier' : CARRIERS[code]}
          </option>
        ))}
      </select>
      {carrierCode === 'OTHER' && (
        <>
          <label htmlFor="return-carrier-name">Carrier’s name</label>
          <input id="return-carrier-name" value={carrierName} onChange={(event) => setCarrierName(event.target.value)} aria-invalid={error?.field === 'carrierName' || undefined} />
        </>
      )}
      <label htmlFor="return-tracking">Tracking number</label>
      <p className="hint" id="return-tracking-hint">
        8 to 40 letters and digits; spaces and dashes are ignored.
      </p>
      <input id="return-tracking" autoComplete="off" value={trackingNumber} aria-describedby="return-tracking-hint" aria-invalid={error?.field === 'trackingNumber' || undefined} onChange={(event) => setTrackingNumber(event.target.value)} />
      <ErrorNote error={error} />
      <button type="submit" disabled={ship.pending}>
        Record the shipment
      </button>
    </form>
  );
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
