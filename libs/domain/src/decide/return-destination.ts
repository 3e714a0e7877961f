// Second edition: where a return goes. The seller names the address (on their RETURN_AND_REFUND
// offer or when accepting the buyer's request) or a mediator's ruling does; otherwise the order's
// address from the order feed applies. A command that would start a return with no address
// from any of them is refused, so no buyer is ever asked to ship to nowhere.
import type { DecisionOutcome } from '../commands';
import { isRecord } from '../records';
import type { Checked } from '../result';
import { invalid, valid } from '../result';
import { readPrepaidLabel, readReturnAddress, type ReturnTo } from '../return-address';
import type { OfferKind, Party, ResolvedTerms } from '../types';
import type { GuardInput } from './context';

const NEEDS_ADDRESS =
  'A return needs the address the item goes back to; give a returnAddress, or have the order feed register the order\u2019s return address.';

const given = (value: unknown): boolean => value !== undefined && value !== null;

/** The address and label `raw` carries (under `prefix`), refused when this sender may not give one or the resolution is not a return. */
function readGiven(raw: unknown, prefix: string, giver: boolean, returning: boolean): Checked<Partial<ReturnTo>> {
  const data = isRecord(raw) ? raw : {};
  for (const key of ['returnAddress', 'prepaidLabel'] as const) {
    if (!given(data[key])) continue;
    if (!giver) return invalid(prefix + key, 'Only the seller, or a mediator\u2019s ruling, names where a return goes; the buyer does not know the address.');
    if (!returning) return invalid(prefix + key, 'A return address and a prepaid label go only with a RETURN_AND_REFUND resolution.');
  }
  const out: Partial<ReturnTo> = {};
  if (given(data.returnAddress)) {
    const address = readReturnAddress(data.returnAddress, `${prefix}returnAddress`);
    if (!address.ok) return address;
    out.returnAddress = address.value;
  }
  if (given(data.prepaidLabel)) {
    const label = readPrepaidLabel(data.prepaidLabel, `${prefix}prepaidLabel`);
    if (!label.ok) return label;
    out.prepaidLabel = label.value;
  }
  return valid(out);
}

/**
 * Where the return a command starts goes: what the command gives (if its sender may give it),
 * else what the accepted offer named, else the order's address. Null when the command starts no
 * return, and always under the first edition, which knew no addresses.
 */
export function returnDestination(
  kind: OfferKind | DecisionOutcome,
  raw: unknown,
  prefix: string,
  giver: boolean,
  offered: Partial<ReturnTo> | null,
  input: GuardInput,
): Checked<ReturnTo | null> {
  if (input.rulebook < 2) return valid(null);
  const returning = kind === 'RETURN_AND_REFUND';
  const read = readGiven(raw, prefix, giver, returning);
  if (!read.ok) return read;
  if (!returning) return valid(null);
  const returnAddress = read.value.returnAddress ?? offered?.returnAddress ?? (input.state.order ?? input.order)?.returnAddress;
  if (!returnAddress) return invalid(`${prefix}returnAddress`, NEEDS_ADDRESS);
  return valid({ returnAddress, prepaidLabel: read.value.prepaidLabel ?? offered?.prepaidLabel ?? null });
}

/**
 * An offer's terms with where its return would go: the seller's RETURN_AND_REFUND offer carries
 * the resolved address (so the buyer sees it before accepting); the buyer's request carries
 * none, and a buyer who gives one is refused.
 */
export function offeredTerms(terms: ResolvedTerms, raw: unknown, field: string, party: Party, input: GuardInput): Checked<ResolvedTerms> {
  if (input.rulebook < 2) return valid(terms);
  if (party === 'BUYER') {
    const read = readGiven(raw, `${field}.`, false, false);
    return read.ok ? valid(terms) : read;
  }
  const to = returnDestination(terms.kind, raw, `${field}.`, true, null, input);
  if (!to.ok) return to;
  return valid(to.value ? { ...terms, ...to.value } : terms);
}
