import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request, subscribe, type ApiError, type Result } from './client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/** Runs a query when its variables change; `reload` runs it again (after a mutation or live change). */
export function useQuery<T, V>(document: TypedDocumentNode<T, V>, variables: V, skip = false): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let current = true;
    void request(document, JSON.parse(key) as V).then((result) => {
      if (!current) return;
      // A reload keeps the page on screen: only the first answer replaces "loading".
      setState(result.ok ? { status: 'ready', data: result.data } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [document, key, generation, skip]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

export interface MutationState<T> {
  pending: boolean;
  error: ApiError | null;
  run: (variables: unknown) => Promise<Result<T>>;
  clear: () => void;
}

/** Sends a mutation; the refusal stays on screen next to the control until the next try. */
export function useMutation<T, V>(document: TypedDocumentNode<T, V>): Omit<MutationState<T>, 'run'> & { run: (variables: V) => Promise<Result<T>> } {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (variables: V) => {
      setPending(true);
      setError(null);
      const result = await request(document, variables);
      setPending(false);
      if (!result.ok) setError(result.error);
      return result;
    },
    [document],
  );
  return { pending, error, run, clear: useCallback(() => setError(null), []) };
}

/**
 * Calls `onData` for each payload while mounted, and `catchUp` (re-read what the page shows) once
 * the subscription is live and after each reconnection; a lost connection is reported once.
 */
export function useSubscription<T, V>(document: TypedDocumentNode<T, V>, variables: V, onData: (data: T) => void, catchUp?: () => void): ApiError | null {
  const [error, setError] = useState<ApiError | null>(null);
  const handler = useRef(onData);
  handler.current = onData;
  const catchUpHandler = useRef(catchUp);
  catchUpHandler.current = catchUp;
  const key = JSON.stringify(variables);
  useEffect(() => subscribe(document, JSON.parse(key) as V, (data) => handler.current(data), setError, () => catchUpHandler.current?.()), [document, key]);
  return error;
}

/** A fresh idempotency key per attempt of a command (the API records each key once). */
export const idempotencyKey = (): string => crypto.randomUUID();
