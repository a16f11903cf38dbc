import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';
import { applyTheme } from '../lib/theme';
import { App } from './app';

applyTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
