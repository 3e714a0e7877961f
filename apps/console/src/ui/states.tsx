import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import type { QueryState } from '../api/hooks';

/** A refusal or failure in the API's own words, next to what caused it. */
export function ErrorNote({ error, id }: { error: ApiError | null; id?: string }) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert" id={id}>
      <strong>{error.message}</strong>
      <span className="code">
        {error.code}
        {error.field ? ` · ${error.field}` : ''}
      </span>
    </p>
  );
}

export const Loading = ({ what }: { what: string }) => (
  <p className="loading" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** Loading, error or the page: every list and page goes through the same three states. */
export function Loaded<T>({ state, what, children }: { state: QueryState<T>; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorNote error={state.error} />;
  return <>{children(state.data)}</>;
}
