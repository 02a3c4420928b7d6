/**
 * Generated heavy pages that never stop changing: a live feed that adds a post every 100 ms and
 * drops the oldest, so its size stays put. They measure what the content script costs on the pages
 * people browse all day (`page-cost.ts`) and catch long tasks of ours (tests/e2e/page-cost.spec.ts).
 */

export type HeavyPageName = 'feed' | 'feed+phone' | 'components' | 'components+phone' | 'flood' | 'flood+phone';
/** The pages the bench measures. */
export const HEAVY_PAGES: readonly HeavyPageName[] = ['feed', 'feed+phone', 'components', 'components+phone'];
/**
 * A page that attacks the watching itself, having read our code: every second it swaps in a
 * subtree of 30,000 elements at once (hosts with shadow roots, custom elements it never defines,
 * and buttons named like country pickers buried in it), every 100 ms it toggles a class on <body>,
 * and (`flood+phone`) its four phone fields sit right under <body>, so that a search around them
 * meets the page. Without them (`flood`) it attacks the every-page part.
 */
export const ATTACK_PAGES: readonly HeavyPageName[] = ['flood', 'flood+phone'];
const ALL_PAGES: readonly HeavyPageName[] = [...HEAVY_PAGES, ...ATTACK_PAGES];

/** Posts on the page at any time: 13 elements each, so about 20,000 elements in all. */
export const POSTS = 1_500;
export const TICK_MS = 100;

/** The post's markup: 13 elements, a few buttons and a counter, as feeds have. */
const POST_HTML = `'<header><img width="32" height="32" alt=""><b class="author">user ' + n + '</b><time>' + n + ' s ago</time></header>'
  + '<p>Post number ' + n + ': something happened, and here is a sentence about it.</p>'
  + '<footer><button type="button">Like</button><button type="button">Share</button><span class="count">' + (n % 97) + '</span>'
  + '<a href="#p' + n + '">link</a><ul><li>tag</li><li>tag</li></ul></footer>'`;

/** A sign-up box with a phone field, outside any feed post (a sidebar). */
const PHONE_FORM = `<form><label for="phone">Phone number</label><input id="phone" name="phone" type="tel" autocomplete="tel"><button type="button">Send code</button></form>`;

/**
 * The page's own script, as a string: the bench runs through tsx, whose helpers would not exist in
 * the page. `components`: each post is a custom element that draws itself into its shadow root
 * (every other one closed), as component libraries do; the phone form then sits in one too.
 */
function pageScript(components: boolean, phone: boolean): string {
  return `(() => {
  const feed = document.getElementById('feed');
  let n = 0;
  ${
    components
      ? `customElements.define('feed-post', class extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return;
      this.drawn = true;
      const root = this.attachShadow({ mode: this.dataset.n % 2 ? 'closed' : 'open' });
      const n = Number(this.dataset.n);
      root.innerHTML = '<style>:host{display:block;border-bottom:1px solid #ddd}</style><article>' + ${POST_HTML} + '</article>';
    }
  });
  const post = () => { const el = document.createElement('feed-post'); el.dataset.n = String(n++); return el; };`
      : `const post = () => { const el = document.createElement('article'); el.className = 'post'; el.innerHTML = ((n) => ${POST_HTML})(n++); return el; };`
  }
  ${
    phone && components
      ? `customElements.define('signup-box', class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(PHONE_FORM)}; }
  });
  document.getElementById('side').append(document.createElement('signup-box'));`
      : phone
        ? `document.getElementById('side').innerHTML = ${JSON.stringify(PHONE_FORM)};`
        : ''
  }
  // Built in chunks, as feeds load: the page's own tasks stay short, so a long task is someone else's.
  const build = () => {
    for (let i = 0; i < 50 && feed.childElementCount < ${POSTS}; i++) feed.append(post());
    if (feed.childElementCount < ${POSTS}) setTimeout(build, 0);
    else document.documentElement.dataset.built = 'yes';
  };
  build();
  const counter = document.getElementById('new');
  setInterval(() => {
    if (!document.documentElement.dataset.built) return;
    feed.prepend(post());
    feed.lastElementChild.remove();
    counter.textContent = n + ' posts';
  }, ${TICK_MS});
})();`;
}

function floodScript(phone: boolean): string {
  return `(() => {
  customElements.define('flood-host', class extends HTMLElement {
    connectedCallback() { if (!this.shadowRoot) this.attachShadow({ mode: 'closed' }).innerHTML = '<div><b>in a shadow</b></div>'; }
  });
  const side = document.getElementById('side');
  for (const name of ${phone ? "['phone', 'mobile', 'work-phone', 'home-phone']" : '[]'}) side.insertAdjacentHTML('beforebegin', '<input type="tel" name="' + name + '" aria-label="' + name + '">');
  const chunk = '<div><span>x</span><button class="country-pick">Country</button></div>'.repeat(99) + '<flood-host></flood-host><never-defined-' + 'x></never-defined-' + 'x>';
  let html = '';
  for (let i = 0; i < 100; i++) html += '<section>' + chunk + '</section>';
  const feed = document.getElementById('feed');
  let round = 0;
  setInterval(() => { feed.innerHTML = html.replaceAll('never-defined-x', 'never-defined-' + (round++ % 50)); }, 1000);
  setInterval(() => document.body.classList.toggle('scrolled'), 100);
  document.documentElement.dataset.built = 'yes';
})();`;
}

/** The whole page for `name`. */
export function heavyPage(name: HeavyPageName): string {
  if (ATTACK_PAGES.includes(name)) {
    return `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head>
<body><main><h1>Flood <span id="new"></span></h1><div id="feed"></div></main><aside id="side"></aside><script>${floodScript(name.endsWith('+phone'))}</script></body></html>`;
  }
  const components = name.startsWith('components');
  const phone = name.endsWith('+phone');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>
<style>body{font:14px sans-serif;display:grid;grid-template-columns:1fr 280px;gap:16px}article{border-bottom:1px solid #ddd}</style></head>
<body><main><h1>Live feed <span id="new"></span></h1><div id="feed"></div></main><aside id="side"></aside>
<script>${pageScript(components, phone)}</script></body></html>`;
}

/** The pathname a page is served at by {@link heavyPageRoute}. */
export const heavyPagePath = (name: HeavyPageName) => `/heavy/${encodeURIComponent(name)}.html`;

/** A route for `serveDirectory`: answers the heavy pages' paths. */
export async function heavyPageRoute(pathname: string): Promise<{ body: string; type: string } | undefined> {
  const name = /^\/heavy\/(.+)\.html$/.exec(pathname)?.[1];
  return name && (ALL_PAGES as readonly string[]).includes(name)
    ? { body: heavyPage(name as HeavyPageName), type: 'text/html; charset=utf-8' }
    : undefined;
}
