// Monaco's editor, JSON and GraphQL workers, bundled by Vite as files of this build (no CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Explorer } from './explorer';
import { takeTokenFromFragment } from './token';

const token = takeTokenFromFragment();
createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer token={token} />
  </StrictMode>,
);
