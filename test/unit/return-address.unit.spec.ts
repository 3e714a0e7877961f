import type { OrderFacts, ReturnAddress } from '../../libs/domain/src';
import { COUNTRY_CODES, readPrepaidLabel, readReturnAddress } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, mediator, openData, order, RETURN_ADDRESS, seller, system } from './support/fixtures';
import { cmd, counterTerms, eur, histories, History, ruling } from './support/histories';
import { given } from './support/spec';

const SELLER_ADDRESS: ReturnAddress = { name: 'Acme Outlet', line1: '1 Dock Road', line2: 'Unit 4', city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 4AP', countryCode: 'GB' };
const LABEL = 'https://labels.example.com/l/RL-0042?format=pdf';
/** An order the feed registered without a return address. */
const bare: OrderFacts = { ...order, returnAddress: null };
const NEEDS = /^A return needs the address the item goes back to/;

const negotiating = (facts: OrderFacts = order) => histories.open('NOT_AS_DESCRIBED', facts).then(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: counterTerms }), at(DAY));
const buyerAskedReturn = (facts: OrderFacts = order) => negotiating(facts).then(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND' } }), at(DAY + HOUR));
const claimed = (facts: OrderFacts = order) => negotiating(facts).then(cmd('EscalateDispute', buyer, { note: 'No agreement.' }), at(2 * DAY)).then(cmd('ClaimCase', mediator, {}), at(2 * DAY));
const openedForReturn = (facts: OrderFacts) => new History([], facts).then(cmd('OpenDispute', buyer, openData({ requestedResolution: { kind: 'RETURN_AND_REFUND' } })), at(0));
const T = at(3 * DAY);

describe('where a return goes (second edition)', () => {
  it('the seller\u2019s return offer names the address and a prepaid label; the buyer sees them and accepting starts the return there', () => {
    const offered = negotiating().then(cmd('MakeOffer', seller, { terms: { kind: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS, prepaidLabel: LABEL } }), at(2 * DAY));
    expect(offered.state.offers[2].terms).toEqual({ kind: 'RETURN_AND_REFUND', amount: eur(10_000), returnAddress: SELLER_ADDRESS, prepaidLabel: LABEL });
    const { decision } = given(offered.events).when(cmd('AcceptOffer', buyer, { offerNumber: 3 }), { now: T });
    expect(decision.ok && decision.events[1]).toEqual({
      type: 'ReturnRequested',
      data: { refund: eur(10_000), returnShipmentDueAt: at(13 * DAY), returnAddress: SELLER_ADDRESS, prepaidLabel: LABEL, at: T },
    });
  });
  it('a seller\u2019s return offer without an address goes to the order\u2019s address', () => {
    const offered = negotiating().then(cmd('MakeOffer', seller, { terms: { kind: 'RETURN_AND_REFUND' } }), at(2 * DAY));
    expect(offered.state.offers[2].terms).toMatchObject({ returnAddress: RETURN_ADDRESS, prepaidLabel: null });
    const accepted = offered.then(cmd('AcceptOffer', buyer, { offerNumber: 3 }), T);
    expect(accepted.state.return).toMatchObject({ status: 'AWAITING_SHIPMENT', returnAddress: RETURN_ADDRESS, prepaidLabel: null });
  });
  it('the seller accepting the buyer\u2019s return request may name the address and a label', () => {
    const accepted = buyerAskedReturn().then(cmd('AcceptOffer', seller, { offerNumber: 3, returnAddress: SELLER_ADDRESS, prepaidLabel: 'RL-0042' }), T);
    expect(accepted.state.return).toMatchObject({ returnAddress: SELLER_ADDRESS, prepaidLabel: 'RL-0042' });
    // A label alone: the item goes to the order's address with the seller's label.
    const responded = openedForReturn(order).then(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST', prepaidLabel: LABEL }), T);
    expect(responded.state.return).toMatchObject({ returnAddress: RETURN_ADDRESS, prepaidLabel: LABEL });
    // A label does not stand in for an address.
    given(openedForReturn(bare).events).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST', prepaidLabel: LABEL }), { now: T }).rejects('VALIDATION', 'returnAddress');
  });
  it('with no address anywhere, the command that would start the return is refused and records nothing', () => {
    given(buyerAskedReturn(bare).events).when(cmd('AcceptOffer', seller, { offerNumber: 3 }), { now: T }).rejects('VALIDATION', 'returnAddress');
    expect(given(negotiating(bare).events).when(cmd('MakeOffer', seller, { terms: { kind: 'RETURN_AND_REFUND' } }), { now: T }).rejects('VALIDATION', 'terms.returnAddress')).toMatch(NEEDS);
    const open = openedForReturn(bare);
    given(open.events).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: T }).rejects('VALIDATION', 'returnAddress');
    given(histories.open('NOT_AS_DESCRIBED', bare).events).when(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: { kind: 'RETURN_AND_REFUND' } }), { now: T }).rejects('VALIDATION', 'offer.returnAddress');
    given(claimed(bare).events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND' })), { now: T }).rejects('VALIDATION', 'returnAddress');
    // ...and the seller can supply it.
    const responded = given(open.events).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST', returnAddress: SELLER_ADDRESS }), { now: T }).decision;
    expect(responded.ok && responded.events.at(-1)).toMatchObject({ type: 'ReturnRequested', data: { returnAddress: SELLER_ADDRESS, prepaidLabel: null } });
  });
  it('a seller conceding a return request sends the item to the address given with the concession, else the order’s; with none, the concession is refused', () => {
    const conceded = given(buyerAskedReturn(bare).events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED', returnAddress: SELLER_ADDRESS, prepaidLabel: LABEL }), { now: T }).decision;
    expect(conceded.ok && conceded.events.at(-1)).toEqual({
      type: 'ReturnRequested',
      data: { refund: eur(10_000), returnShipmentDueAt: at(13 * DAY), returnAddress: SELLER_ADDRESS, prepaidLabel: LABEL, at: T },
    });
    expect(buyerAskedReturn().then(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), T).state.return).toMatchObject({ returnAddress: RETURN_ADDRESS, prepaidLabel: null });
    expect(given(buyerAskedReturn(bare).events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), { now: T }).rejects('VALIDATION', 'returnAddress')).toMatch(NEEDS);
    // A full refund starts no return, so an address with it is a mistake, not a detail.
    given(buyerAskedReturn().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND', returnAddress: SELLER_ADDRESS }), { now: T }).rejects('VALIDATION', 'returnAddress');
  });
  it('the first edition knew no addresses: the same commands were accepted without one', () => {
    const first = { now: T, rulebook: 1 as const };
    const accepted = given(buyerAskedReturn(bare).events).when(cmd('AcceptOffer', seller, { offerNumber: 3 }), first).decision;
    expect(accepted.ok && accepted.events[1]).toEqual({ type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(13 * DAY), at: T } });
    const offered = given(negotiating(bare).events).when(cmd('MakeOffer', seller, { terms: { kind: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS } }), first).decision;
    expect(offered.ok && offered.events.at(-1)).toEqual({ type: 'OfferMade', data: { offerNumber: 3, by: 'SELLER', actorId: seller.id, terms: { kind: 'RETURN_AND_REFUND', amount: eur(10_000) }, at: T } });
    expect(given(claimed(bare).events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND' })), first).decision.ok).toBe(true);
    expect(given(negotiating().events).when(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS } }), first).decision.ok).toBe(true);
  });
  it('the buyer names no address: not on a request, an offer or an acceptance', () => {
    given(negotiating().events).when(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS } }), { now: T }).rejects('VALIDATION', 'terms.returnAddress');
    given([]).when(cmd('OpenDispute', buyer, openData({ requestedResolution: { kind: 'RETURN_AND_REFUND', prepaidLabel: 'RL-1' } })), { now: at(0) }).rejects('VALIDATION', 'requestedResolution.prepaidLabel');
    const offered = negotiating().then(cmd('MakeOffer', seller, { terms: { kind: 'RETURN_AND_REFUND' } }), at(2 * DAY));
    given(offered.events).when(cmd('AcceptOffer', buyer, { offerNumber: 3, prepaidLabel: 'RL-1' }), { now: T }).rejects('VALIDATION', 'prepaidLabel');
  });
  it('an address goes only with a return', () => {
    given(negotiating().events).when(cmd('AcceptOffer', buyer, { offerNumber: 2, returnAddress: SELLER_ADDRESS }), { now: T }).rejects('VALIDATION', 'returnAddress');
    const message = given(negotiating().events).when(cmd('MakeOffer', seller, { terms: { kind: 'FULL_REFUND', returnAddress: SELLER_ADDRESS } }), { now: T }).rejects('VALIDATION', 'terms.returnAddress');
    expect(message).toContain('RETURN_AND_REFUND');
    given(claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'FULL_REFUND', prepaidLabel: 'RL-1' })), { now: T }).rejects('VALIDATION', 'prepaidLabel');
  });
  it('a mediator\u2019s return ruling names the address; it is where the return goes once the ruling is final', () => {
    const decided = claimed().then(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS })), T);
    expect(decided.state.decision).toMatchObject({ returnAddress: SELLER_ADDRESS, prepaidLabel: null });
    const final = decided.then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY));
    expect(final.state.return).toMatchObject({ returnAddress: SELLER_ADDRESS });
    // Without one, the order's address.
    const byOrder = claimed().then(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND' })), T).then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY));
    expect(byOrder.state.return).toMatchObject({ returnAddress: RETURN_ADDRESS });
  });
  it('a return ruling recorded before addresses still starts its return when it becomes final, without an address', () => {
    const ruled = given(claimed(bare).events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND' })), { now: T, rulebook: 1 }).decision;
    if (!ruled.ok) throw new Error('fixture');
    const { decision } = given([...claimed(bare).events, ...ruled.events]).when(cmd('AppealWindowElapsed', system, {}), { now: at(10 * DAY) });
    expect(decision).toEqual({ ok: true, events: [{ type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(20 * DAY), at: at(10 * DAY) } }] });
  });
  it('an appeal ruling that orders a return names where it goes', () => {
    const h = histories.appealClaimed().then(cmd('DecideAppeal', { role: 'MEDIATOR', id: 'mediator-2' }, ruling({ outcome: 'RETURN_AND_REFUND', returnAddress: SELLER_ADDRESS, prepaidLabel: 'RL-7' })), at(5 * DAY));
    expect(h.state.return).toMatchObject({ status: 'AWAITING_SHIPMENT', returnAddress: SELLER_ADDRESS, prepaidLabel: 'RL-7' });
  });
  it('a bad address or label is refused with the field at fault', () => {
    const send = (extra: object) => given(buyerAskedReturn().events).when(cmd('AcceptOffer', seller, { offerNumber: 3, ...extra }), { now: T });
    send({ returnAddress: { ...SELLER_ADDRESS, countryCode: 'gb' } }).rejects('VALIDATION', 'returnAddress.countryCode');
    send({ prepaidLabel: 'http://labels.example.com/1' }).rejects('VALIDATION', 'prepaidLabel');
  });
});

describe('reading a return address', () => {
  const read = (change: Partial<Record<keyof ReturnAddress, unknown>>) => readReturnAddress({ ...SELLER_ADDRESS, ...change }, 'returnAddress');
  const fault = (change: Partial<Record<keyof ReturnAddress, unknown>>) => {
    const result = read(change);
    return result.ok ? null : result.rejection.field;
  };
  it('keeps a well-formed address; optional lines become null', () => {
    expect(read({})).toEqual({ ok: true, value: SELLER_ADDRESS });
    expect(read({ line2: undefined, region: '  ' })).toEqual({ ok: true, value: { ...SELLER_ADDRESS, line2: null, region: null } });
  });
  it('names the part at fault', () => {
    expect(readReturnAddress('Leeds', 'returnAddress')).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'returnAddress' } });
    expect(fault({ name: '' })).toBe('returnAddress.name');
    expect(fault({ line1: 'x'.repeat(201) })).toBe('returnAddress.line1');
    expect(fault({ line2: 7 })).toBe('returnAddress.line2');
    expect(fault({ city: undefined })).toBe('returnAddress.city');
    expect(fault({ region: 'x'.repeat(101) })).toBe('returnAddress.region');
    expect(fault({ postalCode: '' })).toBe('returnAddress.postalCode');
    expect(fault({ postalCode: 'LS1<4AP' })).toBe('returnAddress.postalCode');
    expect(fault({ postalCode: '12345678901234567' })).toBe('returnAddress.postalCode');
  });
  it('a country is an assigned ISO 3166-1 alpha-2 code in upper case', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    expect(['US', 'DE', 'JP', 'BR', 'AX', 'SS', 'ZW'].every((code) => COUNTRY_CODES.has(code))).toBe(true);
    expect(fault({ countryCode: 'de' })).toBe('returnAddress.countryCode');
    expect(fault({ countryCode: 'DEU' })).toBe('returnAddress.countryCode');
    expect(fault({ countryCode: 49 })).toBe('returnAddress.countryCode');
    const unassigned = read({ countryCode: 'XK' });
    expect(unassigned).toMatchObject({ ok: false, rejection: { field: 'returnAddress.countryCode', message: 'XK is not an assigned ISO 3166-1 alpha-2 country code.' } });
  });
});

describe('reading a prepaid label', () => {
  const ok = (label: unknown) => readPrepaidLabel(label, 'prepaidLabel').ok;
  it('takes a label id or an https URL', () => {
    expect(readPrepaidLabel('  RL-0042_a.1 ', 'prepaidLabel')).toEqual({ ok: true, value: 'RL-0042_a.1' });
    expect(ok(LABEL)).toBe(true);
    expect(ok('https://labels.example.com:8443')).toBe(true);
  });
  it('refuses other schemes, malformed URLs, odd characters and over-long labels', () => {
    expect(ok('http://labels.example.com/1')).toBe(false);
    expect(ok('javascript:alert(1)')).toBe(false);
    expect(ok('https://localhost/label')).toBe(false);
    expect(ok('https://labels.example.com/a b')).toBe(false);
    expect(ok(`https://labels.example.com/${'a'.repeat(480)}`)).toBe(false);
    expect(ok('label with spaces')).toBe(false);
    expect(ok('x'.repeat(129))).toBe(false);
    expect(ok('')).toBe(false);
    expect(ok(42)).toBe(false);
  });
});
