// Who is signed in. The token lives in sessionStorage: it survives a reload, not the tab, and is
// never put in a URL query string or a log. Production hands it over in the URL fragment
// (#token=...), read once at start and removed from the address bar (docs/console.md).

export type Role = 'BUYER' | 'SELLER' | 'MEDIATOR' | 'AUDITOR' | 'SYSTEM' | 'ADMIN';

export interface Session {
  token: string;
  role: Role;
  accountId: string;
  lead: boolean;
  /** Epoch milliseconds; the console signs out when it passes. */
  expiresAt: number | null;
}

const KEY = 'disputes.console.token';
const NOTICE_KEY = 'disputes.console.notice';

/** The claims a signed-in page needs; the signature is the API's to check, not the console's. */
export function readToken(token: string): Session | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown; sub?: unknown; exp?: unknown; lead?: unknown };
    if (typeof claims.role !== 'string' || typeof claims.sub !== 'string') return null;
    return { token, role: claims.role as Role, accountId: claims.sub, lead: claims.lead === true, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null };
  } catch {
    return null;
  }
}

/** Takes a token handed over in the fragment, then forgets the fragment. */
export function adoptTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  const session = readToken(decodeURIComponent(match[1]!));
  if (session) sessionStorage.setItem(KEY, session.token);
  else sessionStorage.setItem(NOTICE_KEY, 'The sign-in link carried a token the console cannot read. Sign in again.');
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
}

export function currentSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  const session = token ? readToken(token) : null;
  if (session?.expiresAt !== null && session !== null && session.expiresAt <= Date.now()) {
    endSession('Your session has expired. Sign in again.');
    return null;
  }
  return session;
}

export function startSession(token: string): Session | null {
  const session = readToken(token);
  if (session) {
    sessionStorage.setItem(KEY, token);
    window.dispatchEvent(new Event('disputes:session'));
  }
  return session;
}

/** Signs out, leaving a sentence for the sign-in page to show. */
export function endSession(notice?: string): void {
  sessionStorage.removeItem(KEY);
  if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
  window.dispatchEvent(new Event('disputes:session'));
}

/** The sentence left by the last sign-out, shown once. */
export function takeNotice(): string | null {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}
