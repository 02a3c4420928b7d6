import tseslint from 'typescript-eslint';

// Globals that do not exist in a service worker: catching them here is cheaper than in Chromium.
const noDomInWorker = ['window', 'document', 'localStorage', 'sessionStorage', 'XMLHttpRequest', 'alert'].map((name) => ({
  name,
  message: `${name} does not exist in the background service worker.`,
}));

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'tests/e2e/.results/**',
      'tests/e2e/.report/**',
      'tests/bench/.results/**',
      'tests/demo/.screenshots/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // HTML from an SMS or a page is never rendered as HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text as text (textContent), never as HTML.' },
        { property: 'outerHTML', message: 'Render text as text (textContent), never as HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text as text, never as HTML.' },
      ],
    },
  },
  {
    // Everything the service worker runs. lib/state and lib/diagnostics' entries are imported by
    // the popup and options too: the rule is about globals, so it only fails where these files
    // themselves would use what a worker lacks.
    files: [
      'entrypoints/background.ts',
      'lib/numpool/**',
      'lib/background/**',
      'lib/budget/**',
      'lib/engine/**',
      'lib/sites/**',
      'lib/state/**',
      'lib/phone/**',
      'lib/diagnostics/**',
    ],
    rules: { 'no-restricted-globals': ['error', ...noDomInWorker] },
  },
  {
    // Test tools may read pages as HTML (fixtures, the sandbox), never render SMS text with it.
    files: ['tests/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
