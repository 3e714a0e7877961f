import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../libs/webhooks/src';

export interface ReceivedWebhook {
  path: string;
  deliveryId: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
  at: number;
}

/** Decides the answer to one request (by its path, e.g. one per test); 204 unless told otherwise. */
export type Answer = (request: { path: string; deliveryId: string; nthForDelivery: number }) => number | Promise<number>;

/** A real HTTP webhook receiver on a free local port that records every request it gets. */
export async function startWebhookReceiver(answer: Answer = () => 204) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const deliveryId = String(request.headers['x-dispute-delivery-id'] ?? '');
      const path = request.url ?? '/';
      const nthForDelivery = received.filter((entry) => entry.deliveryId === deliveryId).length + 1;
      const status = await answer({ path, deliveryId, nthForDelivery });
      received.push({ path, deliveryId, headers: request.headers, body, status, at: Date.now() });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    url: (path: string) => `${base}${path}`,
    /** Requests for one delivery id, in arrival order. */
    attemptsOf: (deliveryId: string) => received.filter((entry) => entry.deliveryId === deliveryId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Checks `x-dispute-signature` with the project's own receiver-side verify function (the one
 * docs/operating.md shows), at the time the request arrived: some `v1` matches one of the secrets.
 */
export function hasValidSignature(webhook: ReceivedWebhook, secret: string | readonly string[]): boolean {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return verifyWebhook({ header: webhook.headers['x-dispute-signature'], body: webhook.body, secrets, nowSeconds: Math.floor(webhook.at / 1000) }).ok;
}

/** The `v1` signatures a delivery carries, in order (two during a rotation's grace). */
export const signaturesOf = (webhook: ReceivedWebhook): string[] => String(webhook.headers['x-dispute-signature']).split(',').filter((part) => part.startsWith('v1='));
