import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { currentSession, endSession } from './session';

/** An error as the API reports it: a stable code, a sentence, and the input field it is about. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

interface WireError {
  message: string;
  extensions?: { code?: string; field?: string };
}

const UNREACHABLE: ApiError = { code: 'UNAVAILABLE', message: 'The dispute service cannot be reached. Check your connection and try again.' };

/** Expired or unreadable tokens send the person back to sign-in with the API's sentence. */
function signOutOn(error: ApiError): ApiError {
  if (error.code === 'UNAUTHENTICATED') endSession(error.message);
  return error;
}

const texts = new WeakMap<object, string>();
const textOf = (document: object): string => {
  let text = texts.get(document);
  if (!text) texts.set(document, (text = print(document as Parameters<typeof print>[0])));
  return text;
};

/** Sends one operation over HTTP with the session's bearer token. */
export async function request<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<Result<T>> {
  const token = currentSession()?.token;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: textOf(document), variables }),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  let body: { data?: T | null; errors?: WireError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { ok: false, error: { ...UNREACHABLE, message: `The dispute service answered ${response.status} without a GraphQL body.` } };
  }
  const first = body.errors?.[0];
  if (first) return { ok: false, error: signOutOn({ code: first.extensions?.code ?? 'INTERNAL', message: first.message, field: first.extensions?.field }) };
  if (!body.data) return { ok: false, error: { code: 'INTERNAL', message: 'The dispute service answered without data.' } };
  return { ok: true, data: body.data };
}

let socket: { client: Client; token: string | undefined; open: boolean } | null = null;

/** One graphql-ws connection per token, authenticated in connection_init as every client does. */
function liveClient(): Client {
  const token = currentSession()?.token;
  if (socket && socket.token === token) return socket.client;
  void socket?.client.dispose();
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const client = createClient({ url, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 5, lazy: true });
  const current = { token, client, open: false };
  client.on('connected', () => (current.open = true));
  client.on('closed', () => (current.open = false));
  socket = current;
  return client;
}

/** How long after its subscribe message a subscription is taken to be held by the server. */
const SETTLE_MS = 500;

/**
 * Subscribes; returns the function that ends the subscription. graphql-ws acknowledges no single
 * subscription, so a change made between a page's first read and the moment the server holds the
 * subscription would be missed: `catchUp` is called once the subscription has settled, and again
 * after every reconnection (changes made while the socket was down are not replayed either).
 */
export function subscribe<T, V>(document: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void, onError: (error: ApiError) => void, catchUp?: () => void): () => void {
  const client = liveClient();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const settleThenCatchUp = () => catchUp && timers.push(setTimeout(catchUp, SETTLE_MS));
  const offConnected = client.on('connected', settleThenCatchUp);
  if (socket?.open) settleThenCatchUp();
  const stop = subscribeOn(client, document, variables, onData, onError);
  return () => {
    offConnected();
    timers.forEach(clearTimeout);
    stop();
  };
}

function subscribeOn<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void, onError: (error: ApiError) => void): () => void {
  return client.subscribe<T>(
    { query: textOf(document), variables: variables as Record<string, unknown> },
    {
      next: (message) => {
        const first = message.errors?.[0];
        if (first) onError(signOutOn({ code: (first.extensions?.code as string | undefined) ?? 'INTERNAL', message: first.message }));
        else if (message.data) onData(message.data);
      },
      error: () => onError({ code: 'UNAVAILABLE', message: 'Live updates stopped: the connection to the dispute service was lost. Reload to resume.' }),
      complete: () => undefined,
    },
  );
}
