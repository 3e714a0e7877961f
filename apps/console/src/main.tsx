import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptTokenFromFragment } from './api/session';
import { App } from './app';
import './styles.css';

adoptTokenFromFragment();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
