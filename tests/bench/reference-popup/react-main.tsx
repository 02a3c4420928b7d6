import { createRoot } from 'react-dom/client';
import { ReferencePopup } from './ReferencePopup';

createRoot(document.getElementById('root')!).render(<ReferencePopup />);
