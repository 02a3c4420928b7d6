import { useRef } from 'react';

export interface TabDef<K extends string> {
  id: K;
  label: React.ReactNode;
}

interface Props<K extends string> {
  tabs: readonly TabDef<K>[];
  selected: K;
  onSelect: (id: K) => void;
  label: string;
  idPrefix: string;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; Tab goes into the panel. */
export function Tabs<K extends string>({ tabs, selected, onSelect, label, idPrefix }: Props<K>) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (from: number, delta: number | 'first' | 'last') => {
    const index = delta === 'first' ? 0 : delta === 'last' ? tabs.length - 1 : (from + delta + tabs.length) % tabs.length;
    const tab = tabs[index];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i, 1);
            else if (e.key === 'ArrowLeft') move(i, -1);
            else if (e.key === 'Home') move(i, 'first');
            else if (e.key === 'End') move(i, 'last');
            else return;
            e.preventDefault();
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ idPrefix, id, children }: { idPrefix: string; id: string; children: React.ReactNode }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} className="tab-panel">
      {children}
    </div>
  );
}
