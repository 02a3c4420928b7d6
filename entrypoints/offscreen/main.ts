import '../../lib/zod-jitless'; // first: before any module builds a zod schema
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';

// Chromium's offscreen document for the clipboard: the service worker has none. It answers only
// the background's "copy" request; everything else on the channel is not for it.
const copyRequest = z.object({ offscreen: z.literal('copy'), text: z.string().check(z.maxLength(64)) });

browser.runtime.onMessage.addListener((message, sender) => {
  const request = copyRequest.safeParse(message);
  if (!request.success || sender.id !== browser.runtime.id) return undefined;
  const area = document.getElementById('clip') as HTMLTextAreaElement;
  area.value = request.data.text;
  area.select();
  // An offscreen document cannot take focus, so the Clipboard API refuses; execCommand works here.
  const copied = document.execCommand('copy');
  area.value = '';
  return Promise.resolve(copied);
});
