import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../../lib/i18n/i18n';

/** The names the manifest gives each command, as the browser's shortcuts page shows them. */
const COMMAND_LABELS: Record<string, MessageKey> = { 'get-number': 'commandGetNumber', 'copy-code': 'commandCopyCode' };

/**
 * The keyboard shortcuts as the browser has them now, and the way to its page where they are
 * changed (Chromium: chrome://extensions/shortcuts; Firefox: its own "Manage shortcuts").
 */
export function ShortcutsSection() {
  const id = useId();
  const [commands, setCommands] = useState<{ name: string; shortcut: string }[]>([]);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) =>
        setCommands(all.filter((c) => c.name && c.name in COMMAND_LABELS).map((c) => ({ name: c.name!, shortcut: c.shortcut ?? '' }))),
      );
  }, []);

  const openShortcutsPage = () => {
    const firefox = (browser.commands as { openShortcutSettings?: () => Promise<void> }).openShortcutSettings;
    if (firefox) void firefox();
    else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
  };

  return (
    <section className="settings-section card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsShortcutsTitle')}</h2>
      <p className="hint">{t('optionsShortcutsIntro')}</p>
      <dl className="shortcuts">
        {commands.map((c) => (
          <div key={c.name}>
            <dt>{t(COMMAND_LABELS[c.name]!)}</dt>
            <dd>{c.shortcut ? <kbd>{c.shortcut}</kbd> : t('optionsShortcutNotSet')}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={openShortcutsPage}>
        {t('optionsShortcutsChange')}
      </button>
    </section>
  );
}
