import { useEffect, useState, type FormEvent } from 'react';
import { startSession, takeNotice, type Role } from '../api/session';
import { navigate } from '../router';
import { ErrorNote, Loading } from '../ui/states';

interface DemoAccount {
  role: Role;
  id: string;
  lead?: boolean;
}

type Accounts = { status: 'loading' } | { status: 'none' } | { status: 'ready'; accounts: DemoAccount[] };

const ROLE_NAMES: Record<Role, string> = { BUYER: 'Buyer', SELLER: 'Seller', MEDIATOR: 'Mediator', AUDITOR: 'Auditor', SYSTEM: 'Marketplace system', ADMIN: 'Administrator' };

/**
 * Development lists the demo accounts (GET /dev/accounts) and mints their tokens (POST /dev/tokens);
 * neither endpoint exists in production, where the marketplace's sign-in hands the console a token.
 */
export function SignIn() {
  const [notice] = useState(takeNotice);
  const [accounts, setAccounts] = useState<Accounts>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    fetch('/dev/accounts')
      .then(async (response) => (response.ok ? setAccounts({ status: 'ready', accounts: (await response.json()) as DemoAccount[] }) : setAccounts({ status: 'none' })))
      .catch(() => setAccounts({ status: 'none' }));
  }, []);

  const signInAs = async (account: DemoAccount) => {
    setError(null);
    const response = await fetch('/dev/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: account.role, id: account.id }) }).catch(() => null);
    const body = response?.ok ? ((await response.json()) as { token: string }) : null;
    if (!body || !startSession(body.token)) return setError('The demo sign-in did not answer. Is the service running in development?');
    navigate('/', true);
  };

  const usePasted = (event: FormEvent) => {
    event.preventDefault();
    if (!startSession(pasted.trim())) return setError('That is not a token the console can read: paste the whole bearer token (three parts separated by dots).');
    navigate('/', true);
  };

  return (
    <main className="sign-in">
      <h1>Sign in to the disputes console</h1>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      {error && <ErrorNote error={{ code: 'SIGN_IN', message: error }} />}
      {accounts.status === 'loading' && <Loading what="demo accounts" />}
      {accounts.status === 'ready' && (
        <section aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">Demo accounts</h2>
          <p>This service runs in development: pick an account to act as.</p>
          <ul className="accounts">
            {accounts.accounts.map((account) => (
              <li key={`${account.role}:${account.id}`}>
                <button type="button" onClick={() => void signInAs(account)}>
                  <span className="account-id">{account.id}</span>
                  <span className="account-role">
                    {ROLE_NAMES[account.role]}
                    {account.lead ? ' (lead)' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {accounts.status === 'none' && <p>Open the console from the marketplace: it signs you in and brings you here.</p>}
      <form onSubmit={usePasted} className="paste-token">
        <label htmlFor="token">Or paste a bearer token</label>
        <input id="token" name="token" autoComplete="off" spellCheck={false} value={pasted} onChange={(event) => setPasted(event.target.value)} />
        <button type="submit" disabled={pasted.trim() === ''}>
          Sign in with token
        </button>
      </form>
    </main>
  );
}
