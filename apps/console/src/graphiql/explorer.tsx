import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { headersWith } from './token';

// The API answers on this page's own origin: queries and mutations over HTTP, subscriptions over
// graphql-ws on the same path. The toolkit sends the headers editor's JSON as the socket's
// connection_init payload, which is where the API looks for `Authorization`.
const origin = window.location.origin;
const fetcher = createGraphiQLFetcher({
  url: `${origin}/graphql`,
  subscriptionUrl: `${origin.replace(/^http/, 'ws')}/graphql`,
});

const FIRST_QUERY = `# The disputes API, explored offline. Put a bearer token in the Headers tab below
# (see the note above), then run this query with the ▶ button or Ctrl+Enter.
query WhoAmI {
  viewer {
    id
    role
  }
}

# Subscriptions run over graphql-ws with the same headers, e.g.
# subscription Watch { disputeUpdated(id: "...") { id status version } }
`;

export function Explorer({ token }: { token: string | null }) {
  return (
    <div className="explorer">
      <header className="explorer-note">
        <h1>Disputes API explorer</h1>
        <p>
          Development only: this page is not served in production. Every request goes to this service. To act as someone, put{' '}
          <code>{'{"Authorization": "Bearer <token>"}'}</code> in the <strong>Headers</strong> tab below. Get a token with{' '}
          <code>npm run --silent token -- MEDIATOR mediator-maria</code> (also <code>BUYER buyer-alice</code>, <code>AUDITOR auditor-ada</code>, …), or
          open <code>/graphql#token=…</code> with one, or sign in to the <a href="/console/">console</a> in this tab and come back.
        </p>
      </header>
      <main className="explorer-ide">
        <GraphiQL
          fetcher={fetcher}
          defaultQuery={FIRST_QUERY}
          initialHeaders={headersWith(token)}
          defaultHeaders={headersWith(token)}
          defaultEditorToolsVisibility="headers"
          // A token is a credential: it stays in the page's memory, never in localStorage.
          shouldPersistHeaders={false}
        >
          {/* In place of GraphiQL's own logo, a link to github.com whose grey fails the contrast check. */}
          <GraphiQL.Logo>Disputes API</GraphiQL.Logo>
        </GraphiQL>
      </main>
    </div>
  );
}
