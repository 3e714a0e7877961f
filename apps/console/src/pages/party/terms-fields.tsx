import { useId } from 'react';
import { parseAmountInput } from '../../format/amount-input';
import { OFFER_KIND_WORDS } from '../../format/dispute-words';

export type OfferKind = 'FULL_REFUND' | 'PARTIAL_REFUND' | 'REPLACEMENT' | 'RETURN_AND_REFUND';

export interface Terms {
  kind: OfferKind;
  /** As typed, in the currency's units ("12.50"). */
  amount: string;
}

export const NO_TERMS: Terms = { kind: 'PARTIAL_REFUND', amount: '' };

/**
 * The terms as ResolutionInput takes them; an amount only for a partial refund. An amount that is
 * not a number with the currency's decimals is sent as typed nowhere: the form says so first.
 */
export function resolutionInput(terms: Terms, currency: string): { kind: OfferKind; amount?: { minorUnits: string; currency: string } } | { problem: string } {
  if (terms.kind !== 'PARTIAL_REFUND') return { kind: terms.kind };
  const parsed = parseAmountInput(terms.amount, currency);
  if (!parsed.ok) return { problem: parsed.message };
  return { kind: terms.kind, amount: { minorUnits: String(parsed.minorUnits), currency } };
}

/** The kind of resolution and, for a partial refund, the amount. */
export function TermsFields({ terms, currency, onChange, invalid }: { terms: Terms; currency: string; onChange: (terms: Terms) => void; invalid?: boolean }) {
  const id = useId();
  return (
    <div className="terms-fields">
      <label htmlFor={`${id}-kind`}>Resolution</label>
      <select id={`${id}-kind`} value={terms.kind} onChange={(event) => onChange({ ...terms, kind: event.target.value as OfferKind })}>
        {Object.entries(OFFER_KIND_WORDS).map(([kind, words]) => (
          <option key={kind} value={kind}>
            {words}
          </option>
        ))}
      </select>
      {terms.kind === 'PARTIAL_REFUND' && (
        <>
          <label htmlFor={`${id}-amount`}>Amount ({currency})</label>
          <input id={`${id}-amount`} inputMode="decimal" autoComplete="off" value={terms.amount} aria-invalid={invalid || undefined} onChange={(event) => onChange({ ...terms, amount: event.target.value })} />
        </>
      )}
    </div>
  );
}
