import { signWebhook, verifyWebhook } from '../../libs/webhooks/src';

const BODY = '{"id":"d:2:e","disputeId":"d","sequence":2}';
const NOW = 1_760_000_000;

describe('webhook signatures (signWebhook, verifyWebhook)', () => {
  it('signs with one v1 per secret, current first, in the Stripe format', () => {
    expect(signWebhook(['new-secret-0123456789'], NOW, BODY)).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
    expect(signWebhook(['new-secret-0123456789', 'old-secret-0123456789'], NOW, BODY)).toMatch(/^t=1760000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(() => signWebhook([], NOW, BODY)).toThrow();
  });

  it('accepts a delivery signed with any secret the receiver holds, during and after a rotation', () => {
    const during = signWebhook(['new-secret-0123456789', 'old-secret-0123456789'], NOW, BODY);
    expect(verifyWebhook({ header: during, body: BODY, secrets: ['old-secret-0123456789'], nowSeconds: NOW })).toEqual({ ok: true, timestamp: NOW });
    expect(verifyWebhook({ header: during, body: BODY, secrets: ['new-secret-0123456789'], nowSeconds: NOW }).ok).toBe(true);
    const after = signWebhook(['new-secret-0123456789'], NOW, BODY);
    expect(verifyWebhook({ header: after, body: BODY, secrets: ['old-secret-0123456789'], nowSeconds: NOW })).toEqual({ ok: false, reason: 'no v1 signature matches a secret you hold' });
  });

  it('refuses an altered body, a stale or future timestamp, and malformed headers', () => {
    const header = signWebhook(['a-secret-0123456789'], NOW, BODY);
    const check = (overrides: Partial<Parameters<typeof verifyWebhook>[0]>) => verifyWebhook({ header, body: BODY, secrets: ['a-secret-0123456789'], nowSeconds: NOW, ...overrides });
    expect(check({}).ok).toBe(true);
    expect(check({ body: BODY.replace('2', '3') }).ok).toBe(false);
    expect(check({ nowSeconds: NOW + 301 })).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    expect(check({ nowSeconds: NOW - 301 }).ok).toBe(false);
    expect(check({ nowSeconds: NOW + 3600, toleranceSeconds: 7200 }).ok).toBe(true);
    expect(check({ header: undefined }).ok).toBe(false);
    expect(check({ header: 'v1=abc' }).ok).toBe(false);
    expect(check({ header: `t=${NOW},t=${NOW},v1=${'0'.repeat(64)}` }).ok).toBe(false);
    expect(check({ header: `t=${NOW}` })).toMatchObject({ ok: false, reason: 'the signature has no v1 entry' });
    expect(check({ header: header.replace(/v1=.{4}/, 'v1=0000') }).ok).toBe(false);
    // The timestamp is signed: moving it breaks the signature.
    expect(check({ header: header.replace(`t=${NOW}`, `t=${NOW + 1}`) }).ok).toBe(false);
  });
});
