import './csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './i18n';
// The stylesheet, by section; this order is the cascade (renderer/src/styles/base.css says so too).
import './styles/base.css';
import './styles/controls.css';
import './styles/components.css';
import './styles/rotation.css';
import './styles/dates.css';
import './styles/features.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
