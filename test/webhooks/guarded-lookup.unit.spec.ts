import type { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { guardedLookup } from '../../apps/worker/src/notifications/safe-post';

/** A resolver that answers what a (re-binding) DNS server would, without the network. */
const resolvingTo = (...addresses: string[]) =>
  ((_hostname: string, _options: unknown, callback: (error: Error | null, addresses: LookupAddress[]) => void) =>
    callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))) as unknown as typeof dnsLookup;

function lookUp(rules: { production: boolean; plainHttp: boolean }, resolver: typeof dnsLookup, all = true): Promise<{ error: Error | null; result: unknown }> {
  return new Promise((resolve) => {
    guardedLookup(rules, resolver)('hooks.example.com', { all }, (error: Error | null, address: unknown) => resolve({ error, result: address }));
  });
}

describe('the delivery-time DNS check (guardedLookup)', () => {
  const production = { production: true, plainHttp: false };

  it('lets a public address through to the connection', async () => {
    expect(await lookUp(production, resolvingTo('93.184.216.34'))).toEqual({ error: null, result: [{ address: '93.184.216.34', family: 4 }] });
    expect(await lookUp(production, resolvingTo('93.184.216.34'), false)).toEqual({ error: null, result: '93.184.216.34' });
  });

  it.each([['10.0.0.7'], ['169.254.169.254'], ['127.0.0.1'], ['fd00:ec2::254'], ['100.100.100.200'], ['::ffff:192.168.1.1']])(
    'refuses a name that (re-)binds to %s in production, even beside a public address',
    async (internal) => {
      const { error } = await lookUp(production, resolvingTo('93.184.216.34', internal));
      expect(error?.message).toMatch(new RegExp(`hooks.example.com resolves to ${internal.replace(/[.]/g, '\\.')}, `));
      expect((error as Error & { code?: string }).code).toBe('EWEBHOOKADDRESS');
    },
  );

  it('outside production, https may reach any address, and plain http only loopback', async () => {
    expect((await lookUp({ production: false, plainHttp: false }, resolvingTo('10.0.0.7'))).error).toBeNull();
    expect((await lookUp({ production: false, plainHttp: true }, resolvingTo('127.0.0.1'))).error).toBeNull();
    expect((await lookUp({ production: false, plainHttp: true }, resolvingTo('10.0.0.7'))).error?.message).toMatch(/not a loopback address/);
  });
});
