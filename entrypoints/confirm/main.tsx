import '../../lib/zod-jitless'; // first: before any module builds a zod schema
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfirmApp } from '../../components/confirm/ConfirmApp';
import './confirm.css';
import { setPageLanguage } from '../../lib/i18n/i18n';

setPageLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfirmApp id={new URLSearchParams(location.search).get('id') ?? ''} />
  </StrictMode>,
);
