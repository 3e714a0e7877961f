import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from './api/hooks';
import { currentSession, endSession, type Session } from './api/session';
import { graphql } from './gql';
import { Link, match, navigate, usePath } from './router';
import { CaseHistory } from './pages/auditor/case-history';
import { FindCase } from './pages/auditor/find-case';
import { CaseFile } from './pages/mediator/case-file';
import { MediationQueue } from './pages/mediator/queue';
import { MyOrders } from './pages/buyer/my-orders';
import { OpenDisputePage } from './pages/buyer/open-dispute/open-dispute-page';
import { PartyDisputePage } from './pages/party/dispute-page';
import { SellerHome } from './pages/seller/seller-home';
import { SignIn } from './pages/sign-in';
import { ErrorNote, Loading } from './ui/states';

/** Where each role starts, and the pages it may open (the API enforces access; this only routes). */
const HOME: Partial<Record<Session['role'], string>> = { MEDIATOR: '/mediator/queue', AUDITOR: '/auditor/cases', BUYER: '/orders', SELLER: '/seller/disputes' };

const ROUTES: { pattern: string; roles: Session['role'][]; page: (params: Record<string, string>) => ReactNode; title: string }[] = [
  { pattern: '/mediator/queue', roles: ['MEDIATOR'], title: 'Mediation queue', page: () => <MediationQueue /> },
  { pattern: '/mediator/cases/:id', roles: ['MEDIATOR'], title: 'Case file', page: ({ id }) => <CaseFile disputeId={id!} /> },
  { pattern: '/auditor/cases', roles: ['AUDITOR'], title: 'Find a case', page: () => <FindCase /> },
  { pattern: '/auditor/cases/:id', roles: ['AUDITOR'], title: 'Case history', page: ({ id }) => <CaseHistory disputeId={id!} /> },
  { pattern: '/orders', roles: ['BUYER'], title: 'My orders', page: () => <MyOrders /> },
  { pattern: '/orders/:orderId/dispute/new', roles: ['BUYER'], title: 'Open a dispute', page: ({ orderId }) => <OpenDisputePage orderId={orderId!} /> },
  { pattern: '/disputes/:id', roles: ['BUYER', 'SELLER'], title: 'Dispute', page: ({ id }) => <PartyDisputePage disputeId={id!} /> },
  { pattern: '/seller/disputes', roles: ['SELLER'], title: 'Your disputes and orders', page: () => <SellerHome /> },
];

const NAV: Partial<Record<Session['role'], { to: string; label: string }[]>> = {
  MEDIATOR: [{ to: '/mediator/queue', label: 'Mediation queue' }],
  AUDITOR: [{ to: '/auditor/cases', label: 'Find a case' }],
  BUYER: [{ to: '/orders', label: 'My orders' }],
  SELLER: [{ to: '/seller/disputes', label: 'Disputes and orders' }],
};

function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    window.addEventListener('disputes:session', update);
    return () => window.removeEventListener('disputes:session', update);
  }, []);
  return session;
}

// Asked once per session: an expired, revoked or foreign token is refused here, and the client
// sends the person back to sign-in with the API's sentence instead of a page of failures.
const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      role
      lead
    }
  }
`);

export function App() {
  const session = useSession();
  const viewer = useQuery(ViewerQuery, {}, session === null);
  const { path } = usePath();
  const found = ROUTES.map((route) => ({ route, params: match(route.pattern, path) })).find((candidate) => candidate.params !== null);

  useEffect(() => {
    document.title = session && found ? `${found.route.title} · Disputes console` : 'Sign in · Disputes console';
  }, [session, found]);
  useEffect(() => {
    if (session && !found && HOME[session.role]) navigate(HOME[session.role]!, true);
  }, [session, found]);

  if (!session) return <SignIn />;
  if (viewer.status === 'loading') return <Loading what="your account" />;
  if (viewer.status === 'error') return <ErrorNote error={viewer.error} />;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="product">Disputes console</span>
        <nav aria-label="Main">
          {(NAV[session.role] ?? []).map((item) => (
            <Link key={item.to} to={item.to} aria-current={path === item.to ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          {session.accountId} · {session.role.toLowerCase()}
          {session.lead ? ' (lead)' : ''}
        </span>
        <button type="button" className="quiet" onClick={() => endSession('You signed out.')}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {found && found.route.roles.includes(session.role) ? (
          found.route.page(found.params!)
        ) : (
          <section>
            <h1>Nothing here for {session.role.toLowerCase()} accounts</h1>
            <p>The console's pages for this role are not built yet, or this address does not exist. Sign out to act as another account.</p>
          </section>
        )}
      </main>
    </>
  );
}
