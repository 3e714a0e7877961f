// Monaco's editor, JSON and GraphQL workers, bundled by Vite as files of this build (no CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentSession } from '../api/session';
import { Explorer } from './explorer';
import { takeTokenFromFragment } from './token';

// A token handed over in the fragment, else the console's session in this tab: a person signed in
// to the console who opens /graphql in the same tab explores as themselves.
const token = takeTokenFromFragment() ?? currentSession()?.token ?? null;
createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer token={token} />
  </StrictMode>,
);
