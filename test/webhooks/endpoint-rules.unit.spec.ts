import { DISPUTE_EVENT_TYPES } from '../../libs/domain/src';
import { newSigningSecret, readEventTypes, readGraceHours } from '../../libs/webhooks/src';

describe('endpoint rules', () => {
  it('takes event types from the rulebook\u2019s list, in its order, without duplicates', () => {
    expect(DISPUTE_EVENT_TYPES).toContain('DisputeOpened');
    expect(DISPUTE_EVENT_TYPES).toHaveLength(new Set(DISPUTE_EVENT_TYPES).size);
    expect(readEventTypes(['DecisionIssued', 'DisputeOpened', 'DisputeOpened'])).toEqual({ ok: true, value: ['DisputeOpened', 'DecisionIssued'] });
  });

  it('refuses an empty list and names unknown event types', () => {
    expect(readEventTypes([])).toMatchObject({ ok: false, reason: expect.stringMatching(/at least one event type/) });
    expect(readEventTypes(['DisputeOpened', 'disputeopened'])).toMatchObject({ ok: false, reason: expect.stringMatching(/^Unknown event type "disputeopened"; the event types are DisputeOpened, /) });
    expect(readEventTypes(['__proto__'])).toMatchObject({ ok: false });
    expect(readEventTypes(['toString'])).toMatchObject({ ok: false });
  });

  it('bounds the rotation grace to 0..168 whole hours', () => {
    expect(readGraceHours(0)).toEqual({ ok: true, value: 0 });
    expect(readGraceHours(168)).toEqual({ ok: true, value: 168 });
    for (const hours of [-1, 169, 1.5, Number.NaN]) expect(readGraceHours(hours).ok).toBe(false);
  });

  it('makes long random secrets', () => {
    const [a, b] = [newSigningSecret(), newSigningSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});
