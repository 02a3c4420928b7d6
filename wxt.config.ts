import { createRequire } from 'node:module';
import path from 'node:path';
import { countries as flagCountries } from 'country-flag-icons';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { FLAGS_DIR } from './lib/ui/flags';
import { SERVICE_DOMAINS } from './lib/sites/service-domains';
import { checkServiceDomains } from './lib/sites/service-domains-schema';

/**
 * Puts each extension page's stylesheet into the page itself. A linked stylesheet is one more file
 * for the page to ask the browser process for, and the page's scripts wait for it before they run:
 * it was the last file the toolbar popup received (#20: its load event 4-9 ms earlier in three
 * bench runs). Allowed by the pages' CSP, which restricts scripts only.
 */
function inlinePageStylesheets(): Plugin {
  return {
    name: 'numpool:inline-page-stylesheets',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const inlined = new Set<string>();
      // A sheet that a script loads by name (a lazy chunk's own CSS) must stay a file.
      const named = (file: string) => Object.values(bundle).some((chunk) => chunk.type === 'chunk' && chunk.code.includes(file));
      for (const page of Object.values(bundle)) {
        if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
        page.source = String(page.source).replace(/<link rel="stylesheet"[^>]* href="\/([^"]+\.css)">/g, (link, file: string) => {
          const sheet = bundle[file];
          // A relative url() would point elsewhere from the page; "</style" would end the element.
          if (sheet?.type !== 'asset' || named(file) || /url\(|<\/style/i.test(String(sheet.source))) return link;
          inlined.add(file);
          return `<style>${String(sheet.source)}</style>`;
        });
      }
      for (const file of inlined) delete bundle[file];
    },
  };
}

/**
 * `NUMPOOL_E2E=1` builds the extension the e2e tests load, into its own folder: the same
 * production build plus two test hooks (see entrypoints/background.ts): the menu and shortcut
 * handlers tests call, and the record of page purchase decisions tests wait for.
 */
const e2e = process.env.NUMPOOL_E2E === '1';

// The manifest is built from entrypoints/; only what cannot be inferred lives here.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  ...(e2e ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  vite: () => ({ define: { __NUMPOOL_E2E__: JSON.stringify(e2e) } }),
  hooks: {
    // Country flags as files of their own (flags/US.svg), not in any script: a page loads only the
    // flags it shows. Two-letter codes only, as lib/ui/flags.ts asks for them.
    'build:publicAssets': (_wxt, files) => {
      const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('country-flag-icons/package.json')), '3x2');
      for (const code of flagCountries.filter((c) => /^[A-Z]{2}$/.test(c))) {
        files.push({ absoluteSrc: path.join(dir, `${code}.svg`), relativeDest: `${FLAGS_DIR}/${code}.svg` });
      }
    },
    // A malformed entry in the reviewed list of service domains fails the build, not a user's browser.
    'build:before': () => checkServiceDomains(SERVICE_DOMAINS),
    // The popup and the options page are built together. Each file an extension page loads costs
    // it a round trip to the browser process, so what they share (libraries, lib/, the common
    // components) goes into one chunk instead of many small ones; the popup's lazily loaded panels
    // keep their own.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'popup' || e.type === 'options')) return;
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) return;
      // Chromium preloads modules itself: Vite's polyfill for that would be one more file.
      config.build = { ...config.build, modulePreload: { polyfill: false } };
      // The message schemas stay out of it: lib/messaging/client.ts loads them with the first
      // request, after the popup's first frame.
      const shared = /node_modules|virtual:|[\\/]lib[\\/]|[\\/]components[\\/]common[\\/]/;
      const lazy = /[\\/]lib[\\/]messaging[\\/]protocol\.ts$/;
      output.codeSplitting = { groups: [{ name: 'base', test: (id) => shared.test(id) && !lazy.test(id) }] };
      config.plugins = [...(config.plugins ?? []), inlinePageStylesheets()];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // clipboardWrite (and Chromium's offscreen document) for the "copy the newest code" shortcut.
    permissions: [
      'storage',
      'alarms',
      'contextMenus',
      'notifications',
      'scripting',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Changeable on the browser's shortcuts page (chrome://extensions/shortcuts, about:addons).
    commands: {
      'get-number': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_commandGetNumber__' },
      'copy-code': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_commandCopyCode__' },
    },
    // The real service plus loopback (the sandbox); web pages, to load the autofill part into a
    // frame where the content script (which runs there anyway) found a likely field.
    host_permissions: ['https://numpool.com/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://*/*', 'https://*/*'],
    // Stated, not left to the browser: Firefox's default for MV3 extension pages adds
    // `upgrade-insecure-requests`, which turns every http:// request to a self-hosted or local
    // NumPool-compatible server into https:// (the options allow http://; see lib/ui/settings-form.ts).
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self';" },
    browser_specific_settings: {
      gecko: {
        id: 'numpool@numpool.extension',
        // Firefox asks extensions to declare what they collect; this one collects nothing.
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});
