import { defineConfig } from 'wxt';

// The manifest is built from entrypoints/; only what cannot be inferred lives here.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'contextMenus', 'notifications', 'scripting'],
    // The real service plus loopback (the sandbox); web pages, to load the autofill part into a
    // frame where the content script (which runs there anyway) found a likely field.
    host_permissions: ['https://numpool.com/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://*/*', 'https://*/*'],
    browser_specific_settings: {
      gecko: {
        id: 'numpool@numpool.extension',
        // Firefox asks extensions to declare what they collect; this one collects nothing.
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
