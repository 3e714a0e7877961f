import { useId, useState, type FormEvent } from 'react';
import { CARRIER_CODES, CARRIERS, readTracking, type CarrierCode } from '../../../../../libs/domain/src/tracking';
import type { ApiError } from '../../api/client';
import { ErrorNote } from '../../ui/states';

// The 2nd edition's longest tracking number; the domain takes the smaller of this and the policy's.
const MAX_TRACKING_NUMBER = 40;

export interface Shipment {
  carrierCode: CarrierCode;
  carrierName?: string;
  trackingNumber: string;
}

/**
 * A carrier and a tracking number, checked by the domain's own rule (readTracking) before sending,
 * so the person reads the same sentence the API would answer; the API's answer still shows when
 * it refuses for another reason (a window that closed).
 */
export function ShipmentForm({ heading, button, pending, error, send }: { heading: string; button: string; pending: boolean; error: ApiError | null; send: (shipment: Shipment) => void }) {
  const id = useId();
  const [carrierCode, setCarrierCode] = useState<CarrierCode>('DHL');
  const [carrierName, setCarrierName] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const shipment = { carrierCode, carrierName: carrierCode === 'OTHER' ? carrierName : undefined, trackingNumber };
    const checked = readTracking(shipment, MAX_TRACKING_NUMBER);
    if (!checked.ok) return setProblem({ code: checked.rejection.code, message: checked.rejection.message, field: checked.rejection.field });
    setProblem(null);
    send(shipment);
  };
  const shown = problem ?? error;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <label htmlFor={`${id}-carrier`}>Carrier</label>
      <select id={`${id}-carrier`} value={carrierCode} onChange={(event) => setCarrierCode(event.target.value as CarrierCode)}>
        {CARRIER_CODES.map((code) => (
          <option key={code} value={code}>
            {code === 'OTHER' ? 'Another carrier' : CARRIERS[code]}
          </option>
        ))}
      </select>
      {carrierCode === 'OTHER' && (
        <>
          <label htmlFor={`${id}-carrier-name`}>Carrier’s name</label>
          <input id={`${id}-carrier-name`} value={carrierName} onChange={(event) => setCarrierName(event.target.value)} aria-invalid={shown?.field === 'carrierName' || undefined} />
        </>
      )}
      <label htmlFor={`${id}-tracking`}>Tracking number</label>
      <p className="hint" id={`${id}-tracking-hint`}>
        8 to 40 letters and digits; spaces and dashes are ignored.
      </p>
      <input id={`${id}-tracking`} autoComplete="off" value={trackingNumber} aria-describedby={`${id}-tracking-hint`} aria-invalid={shown?.field === 'trackingNumber' || undefined} onChange={(event) => setTrackingNumber(event.target.value)} />
      <ErrorNote error={shown} />
      <button type="submit" disabled={pending}>
        {button}
      </button>
    </form>
  );
}
