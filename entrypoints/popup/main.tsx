import '../../lib/zod-jitless';  // first: before any module builds a zod schema
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import { readStoredData } from '../../components/common/hooks';
import './popup.css';
import { setPageLanguage } from '../../lib/i18n/i18n';

setPageLanguage();

// The first render already has the stored orders and balance: no placeholder frame before them.
const stored = await readStoredData();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp initialStored={stored} />
  </StrictMode>,
);
