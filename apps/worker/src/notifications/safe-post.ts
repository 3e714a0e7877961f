import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, forbiddenAddress, isLoopbackAddress } from '../../../../libs/webhooks/src';

export class WebhookDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

export interface SafePostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  production: boolean;
  /** The resolver (tests substitute one that re-binds a name to an internal address). */
  lookup?: typeof dnsLookup;
}

/**
 * The connection's DNS lookup, checking what it found: every address must be one a webhook may
 * reach (public in production; loopback only for plain http outside production). The socket
 * connects to exactly the address checked here, so a name that re-binds between the URL check
 * and the connection cannot slip through.
 */
export function guardedLookup(rules: { production: boolean; plainHttp: boolean }, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.map((entry) => refusal(entry.address, rules)).find((reason) => reason !== null);
      if (list.length === 0 || refused) {
        const failure = Object.assign(new Error(`${hostname} resolves to ${refused ?? 'no address'}; webhooks are not sent there`), { code: 'EWEBHOOKADDRESS' });
        return callback(failure, '', 0);
      }
      if ((options as LookupOptions).all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function refusal(address: string, rules: { production: boolean; plainHttp: boolean }): string | null {
  if (rules.plainHttp) return isLoopbackAddress(address) ? null : `${address}, not a loopback address (plain http goes to loopback only)`;
  if (!rules.production) return null;
  const reason = forbiddenAddress(address);
  return reason ? `${address}, ${reason}` : null;
}

/**
 * POSTs a webhook body under the URL rules (checked again here: the rules may be stricter than
 * when the endpoint was registered, e.g. after moving a database to production). Redirects are
 * never followed: a 3xx is a failed attempt like any other non-2xx.
 */
export function safePost(target: string, options: SafePostOptions): Promise<number> {
  const checked = checkWebhookUrl(target, { production: options.production });
  if (!checked.ok) return Promise.reject(new WebhookDeliveryError(`not sent to ${target}: ${checked.reason}`));
  const url = checked.url;
  const plainHttp = url.protocol === 'http:';
  return new Promise<number>((resolvePost, rejectPost) => {
    // One deadline for the whole exchange (a socket timeout alone lets a trickling receiver hold a slot).
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    const resolve = (status: number) => {
      clearTimeout(deadline);
      resolvePost(status);
    };
    const reject = (error: Error) => {
      clearTimeout(deadline);
      rejectPost(error);
    };
    const onResponse = (response: IncomingMessage) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', (error) => reject(new WebhookDeliveryError(`POST ${target} failed: ${error.message}`)));
    };
    const requestOptions = {
      method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body).toString() },
      // IP literals skip the lookup; checkWebhookUrl has vetted them above.
      lookup: guardedLookup({ production: options.production, plainHttp }, options.lookup),
    };
    const request = plainHttp ? httpRequest(url, requestOptions, onResponse) : httpsRequest(url, requestOptions, onResponse);
    request.on('error', (error) => reject(new WebhookDeliveryError(`POST ${target} failed: ${error.message}`)));
    request.end(options.body);
  });
}
