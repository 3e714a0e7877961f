/**
 * A token handed over in the fragment (`/graphql#token=...`), as the console takes one: the
 * fragment never reaches the server or its logs, and it is removed from the address bar at once
 * so it is not left in the history or copied with the link.
 */
export function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token === null) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token.trim() === '' ? null : token;
}

/** The request headers editor's text: the API reads the bearer token from `Authorization`, over HTTP and graphql-ws alike. */
export const headersWith = (token: string | null): string => JSON.stringify({ Authorization: `Bearer ${token ?? 'paste a token here'}` }, null, 2);
