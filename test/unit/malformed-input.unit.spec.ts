// Commands come from the network: whatever arrives, decide answers with a rejection naming
// the field, never an exception.
import type { Actor, DisputeCommand, DisputeEvent } from '../../libs/domain/src';
import { availableActions, canRead, COMMAND_TYPES, decide, evolve, initialState } from '../../libs/domain/src';
import { known } from '../../libs/domain/src/decide/common';
import { HANDLERS } from '../../libs/domain/src/decide/handlers';
import { at, auditor, buyer, ctx, DAY, mediator, openData, order, OPENED_AT, photo, secondMediator, seller, system } from './support/fixtures';
import { cmd, eur, histories } from './support/histories';
import { given } from './support/spec';

const ACTORS: Actor[] = [buyer, seller, mediator, secondMediator, system];
/** Commands whose data carries nothing the core reads. */
const DATA_FREE = new Set(['ClaimCase', 'ConfirmReturnReceived', 'WithdrawDispute', 'SellerResponseWindowElapsed', 'NegotiationWindowElapsed', 'MediationSlaElapsed', 'AppealWindowElapsed', 'ReturnShipmentWindowElapsed', 'ReturnReceiptWindowElapsed', 'ConfirmReplacementReceived', 'ReplacementShipmentWindowElapsed', 'ReplacementConfirmationWindowElapsed']);

describe('malformed commands', () => {
  it.each(Object.keys(histories) as Array<keyof typeof histories>)('in the %s fixture, every available command with non-object data is a VALIDATION of "data"', (name) => {
    const { state } = histories[name]();
    const lastAt = state.lastEventAt ?? OPENED_AT;
    for (const actor of ACTORS) {
      for (const type of availableActions(state, actor)) {
        if (DATA_FREE.has(type)) continue;
        const decision = decide({ type, actor, data: 'garbage' } as unknown as DisputeCommand, state, ctx(lastAt));
        expect(decision).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'data' } });
      }
    }
  });

  it('rejects a command without an actor', () => {
    const decision = decide({ type: 'PostMessage', data: {} } as unknown as DisputeCommand, initialState, ctx(OPENED_AT));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'actor' } });
    expect(decide(null as unknown as DisputeCommand, initialState, ctx(OPENED_AT)).ok).toBe(false);
  });

  it('rejects an unknown command type', () => {
    const decision = decide({ type: 'DeleteDispute', actor: buyer, data: {} } as unknown as DisputeCommand, histories.open().state, ctx(OPENED_AT));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'type' } });
  });

  it('an unknown role sees nothing', () => {
    given(histories.open().events).when(cmd('PostMessage', { role: 'ADMIN' as never, id: 'x' }, { messageId: 'm', body: 'x' })).rejects('NOT_FOUND');
  });

  it('reads evidence field by field', () => {
    const open = (evidence: unknown[]) => cmd('OpenDispute', buyer, openData({ evidence: evidence as never }));
    given([]).when(open([{ sha256: photo(1).sha256, kind: 'PHOTO' }]), { now: OPENED_AT }).rejects('VALIDATION', 'evidence[0].evidenceId');
    given([]).when(open([photo(1, { evidenceId: 'x'.repeat(201) })]), { now: OPENED_AT }).rejects('VALIDATION', 'evidence[0].evidenceId');
    given([]).when(open([photo(1, { description: 5 as never })]), { now: OPENED_AT }).rejects('VALIDATION', 'evidence[0].description');
    given([]).when(open([photo(1, { description: 'd'.repeat(501) })]), { now: OPENED_AT }).rejects('VALIDATION', 'evidence[0].description');
  });

  it('reads amounts field by field', () => {
    const asking = (requestedResolution: unknown) => cmd('OpenDispute', buyer, openData({ requestedResolution: requestedResolution as never }));
    given([]).when(asking({ kind: 'FULL_REFUND', amount: { amountMinor: 10_000, currency: 'USD' } }), { now: OPENED_AT }).rejects('VALIDATION', 'requestedResolution.amount.currency');
    given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: 500 }), { now: OPENED_AT }).rejects('VALIDATION', 'requestedResolution.amount');
    given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: { amountMinor: '500', currency: 'EUR' } }), { now: OPENED_AT }).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
  });

  it('treats missing optional parts as absent', () => {
    given(histories.open().events).when({ type: 'WithdrawDispute', actor: buyer } as unknown as DisputeCommand).then([{ type: 'DisputeWithdrawn', data: { buyerId: buyer.id, reason: null, at: at(60_000) } }]);
    const { decision } = given([]).when(cmd('OpenDispute', buyer, { ...openData({ reason: 'NOT_RECEIVED', subReason: undefined }), evidence: undefined as never }), { now: OPENED_AT });
    expect(decision.ok && decision.events[0].data).toMatchObject({ evidence: [], subReason: null });
  });

  it('reads optional texts', () => {
    const negotiating = histories.negotiating().events;
    given(negotiating).when(cmd('RejectOffer', buyer, { offerNumber: 2, reason: 42 as never })).rejects('VALIDATION', 'reason');
    given(negotiating).when(cmd('RejectOffer', buyer, { offerNumber: 9 })).rejects('NOT_FOUND', 'offerNumber');
    given(negotiating).when(cmd('WithdrawDispute', buyer, { reason: 'r'.repeat(5000) })).rejects('VALIDATION', 'reason');
    given(histories.refundRequested().events).when(cmd('RecordRefundSucceeded', system, { refundId: 'refund-1', providerReference: 7 as never })).rejects('VALIDATION', 'providerReference');
  });

  it('refuses text PostgreSQL cannot store (NUL, unpaired surrogates) in free text and ids, and keeps paired surrogates', () => {
    const negotiating = histories.negotiating().events;
    const message = (body: string, messageId = 'm-1') => cmd('PostMessage', buyer, { messageId, body });
    given(negotiating).when(message('before\u0000after')).rejects('VALIDATION', 'body');
    given(negotiating).when(message('lone high \ud83d here')).rejects('VALIDATION', 'body');
    given(negotiating).when(message('lone low \ude00 here')).rejects('VALIDATION', 'body');
    given(negotiating).when(message('reversed \ude00\ud83d pair')).rejects('VALIDATION', 'body');
    given(negotiating).when(message('fine', 'id\u0000')).rejects('VALIDATION', 'messageId');
    given(negotiating).when(cmd('WithdrawDispute', buyer, { reason: 'changed \ud800 mind' })).rejects('VALIDATION', 'reason');
    const { decision } = given(negotiating).when(message('An emoji 😀 and עברית are fine.'));
    expect(decision.ok).toBe(true);
  });

  it('reads rulings field by field', () => {
    const claimed = histories.claimed().events;
    given(claimed).when(cmd('IssueDecision', mediator, { outcome: 'FULL_REFUND', rationale: 'x', citedEvidenceIds: [], citedPolicyClauses: 'NAD-1' as never })).rejects('VALIDATION', 'citedPolicyClauses');
    given(claimed).when(cmd('IssueDecision', mediator, { outcome: 'FULL_REFUND', rationale: 'x', citedEvidenceIds: [7 as never], citedPolicyClauses: ['NAD-1'] })).rejects('VALIDATION', 'citedEvidenceIds[0]');
    const { decision } = given(claimed).when(cmd('IssueDecision', mediator, { outcome: 'FULL_REFUND', rationale: 'x', citedEvidenceIds: undefined as never, citedPolicyClauses: ['NAD-1'] }));
    expect(decision.ok && decision.events[0].data).toMatchObject({ citedEvidenceIds: [], refund: eur(10_000) });
  });

  it('a mediator cannot claim a case that is not in mediation', () => {
    given(histories.decided().events).when(cmd('ClaimCase', secondMediator, {}), { now: at(4 * DAY) }).rejects('INVALID_STATE');
  });
});

describe('read access (canRead)', () => {
  it('parties read their own disputes, mediators escalated ones, auditors all, the system none', () => {
    const open = histories.open().state;
    const escalated = histories.escalated().state;
    expect(canRead(open, buyer)).toBe(true);
    expect(canRead(open, seller)).toBe(true);
    expect(canRead(open, { role: 'BUYER', id: 'someone' })).toBe(false);
    expect(canRead(open, mediator)).toBe(false);
    expect(canRead(escalated, mediator)).toBe(true);
    expect(canRead(open, auditor)).toBe(true);
    expect(canRead(open, system)).toBe(false);
    expect(canRead(initialState, auditor)).toBe(false);
  });
});

describe('internal invariants', () => {
  it('a value the guard proved present that is missing is a corrupted history, reported loudly', () => {
    expect(known(1, 'x')).toBe(1);
    expect(() => known(null, 'the outcome')).toThrow('Inconsistent dispute state: the outcome is missing.');
  });
  it('the order snapshot is what opening pins', () => {
    expect(histories.open().state.order).toEqual(order);
  });
});

it('every command type has a handler and is listed once in COMMAND_TYPES', () => {
  expect([...COMMAND_TYPES].sort()).toEqual(Object.keys(HANDLERS).sort());
  for (const type of COMMAND_TYPES) {
    const decision = decide({ type, actor: auditor, data: {} } as unknown as DisputeCommand, histories.open().state, ctx(OPENED_AT));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'FORBIDDEN' } });
  }
});

describe('answering information requests, field by field', () => {
  const T = at(2 * DAY + 2 * 3_600_000);
  const asked = () =>
    histories
      .claimed()
      .then(cmd('RequestInformation', mediator, { requestId: 'rq-1', from: 'SELLER', question: 'Report?' }), T)
      .then(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'Here.' }), T)
      .then(cmd('RequestInformation', mediator, { requestId: 'rq-2', from: 'SELLER', question: 'Photos?' }), T);
  it('an earlier, answered request cannot be answered again', () => {
    given(asked().events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'Again.' }), { now: T }).rejects('CONFLICT', 'requestId');
  });
  it('evidence in an answer is checked like any evidence', () => {
    given(asked().events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-2', answer: 'See.', evidence: [photo(1)] }), { now: T }).rejects('CONFLICT', 'evidence[0].sha256');
    given(asked().events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-2', answer: 'See.', evidence: 'x' as never }), { now: T }).rejects('VALIDATION', 'evidence');
  });
  it('non-object data is a VALIDATION of "data"', () => {
    given(asked().events).when({ type: 'AnswerInformationRequest', actor: seller, data: 3 } as unknown as DisputeCommand, { now: T }).rejects('VALIDATION', 'data');
    given(asked().events).when({ type: 'WithdrawDispute', actor: buyer, data: 3 } as unknown as DisputeCommand, { now: T }).rejects('VALIDATION', 'data');
  });
  it('appeal evidence is checked like any evidence', () => {
    given(histories.decided().events).when(cmd('FileAppeal', buyer, { grounds: 'New.', evidence: [photo(1)] }), { now: at(4 * DAY) }).rejects('CONFLICT', 'evidence[0].sha256');
  });
});

describe('evolving histories from newer builds', () => {
  it('an unknown event type is counted and changes nothing else', () => {
    const state = histories.open().state;
    const next = evolve(state, { type: 'SomethingNew', data: { at: at(DAY) } } as unknown as DisputeEvent);
    expect(next).toEqual({ ...state, version: state.version + 1, lastEventAt: at(DAY) });
  });
});
