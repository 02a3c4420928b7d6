import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfirmApp } from '../../components/confirm/ConfirmApp';
import './confirm.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfirmApp id={new URLSearchParams(location.search).get('id') ?? ''} />
  </StrictMode>,
);
