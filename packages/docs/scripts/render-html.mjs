// Markdown → the site's static HTML pages: markdown-it for the Markdown, shiki for highlighting at
// build time (no highlighter shipped to the browser), one shared layout with landmarks, a sidebar of
// relative links (so the site works from any sub-path, with or without JavaScript) and a theme toggle.
import { createHash } from 'node:crypto';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { createHighlighter } from 'shiki';

const LANGS = {
  ts: 'typescript',
  typescript: 'typescript',
  sh: 'shellscript',
  bash: 'shellscript',
  json: 'json',
  http: 'http',
};
const LABELS = { typescript: 'TypeScript', shellscript: 'Shell', json: 'JSON', http: 'HTTP', text: 'Text' };
// Both themes keep every token at ≥ 4.5:1 on the code background set in site.css (axe checks it).
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' };

export const escapeHtml = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Inline code with break opportunities after `/`, `_`, `]` and `.`: long wire names wrap on narrow screens only. */
export const breakable = (text) => escapeHtml(text).replace(/([/_\].])(?=.)/g, '$1<wbr>');

/** The theme is set before first paint (no flash); its hash goes into the page's Content-Security-Policy. */
export const THEME_BOOT =
  "document.documentElement.classList.add('js');try{var t=localStorage.getItem('postpress-theme');document.documentElement.dataset.theme=t==='dark'||t==='light'?t:matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}catch(e){}";
const bootHash = createHash('sha256').update(THEME_BOOT).digest('base64');

export async function createRenderer() {
  const highlighter = await createHighlighter({
    themes: Object.values(THEMES),
    langs: [...new Set(Object.values(LANGS))],
  });
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

  md.renderer.rules.code_inline = (tokens, i) => `<code>${breakable(tokens[i].content)}</code>`;

  md.renderer.rules.fence = (tokens, i) => {
    const token = tokens[i];
    const info = token.info.trim().split(/\s+/)[0] ?? '';
    const lang = LANGS[info] ?? 'text';
    const code = token.content.replace(/\n$/, '');
    const pre = highlighter.codeToHtml(code, { lang, themes: THEMES, defaultColor: false });
    const label = token.meta?.label ?? LABELS[lang];
    return `<div class="code"><div class="code-bar"><span class="code-lang">${escapeHtml(label)}</span><button type="button" class="copy" aria-label="Copy ${escapeHtml(label)} code">Copy</button></div>${pre}</div>\n`;
  };

  // Heading ids (GitHub's slugs), each heading a link to itself: "copy link address" gives a real URL.
  md.core.ruler.push('heading_ids', (state) => {
    const slugger = new GithubSlugger();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open' || tokens[i].tag === 'h1') continue;
      const inline = tokens[i + 1];
      const text = inline.children.map((c) => c.content).join('');
      const id = tokens[i].attrGet('id') ?? slugger.slug(text);
      tokens[i].attrSet('id', id);
      const open = new state.Token('link_open', 'a', 1);
      open.attrSet('href', `#${id}`);
      open.attrSet('class', 'self');
      inline.children.unshift(open);
      inline.children.push(new state.Token('link_close', 'a', -1));
    }
  });

  // Tables: each cell knows its column's name (phones show rows as cards), and the table scrolls in a labelled box if it must.
  md.core.ruler.push('table_labels', (state) => {
    let headers = [];
    let col = 0;
    for (let i = 0; i < state.tokens.length; i++) {
      const t = state.tokens[i];
      if (t.type === 'thead_open') headers = [];
      if (t.type === 'th_open') headers.push(state.tokens[i + 1].content.replace(/`/g, ''));
      if (t.type === 'tr_open') col = 0;
      if (t.type === 'td_open') t.attrSet('data-label', headers[col++] ?? '');
    }
  });
  md.renderer.rules.table_open = () => '<div class="table"><table class="cards">\n';
  md.renderer.rules.table_close = () => '</table></div>\n';

  // Links between Markdown pages become links between the HTML pages.
  const linkOpen =
    md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = tokens[i].attrGet('href') ?? '';
    if (!/^[a-z]+:|^\/\//i.test(href)) tokens[i].attrSet('href', href.replace(/\.md(#|$)/, '.html$1'));
    return linkOpen(tokens, i, options, env, self);
  };

  return {
    markdown: (source) => md.render(source),
    /** The page's sections for search: `{ id (null for the h1), title, text }`, headings as the renderer ids them. */
    sections: (source) => {
      const out = [];
      let current = null;
      for (const token of md.parse(source, {})) {
        if (token.type === 'heading_open') {
          current = { id: token.tag === 'h1' ? null : token.attrGet('id'), title: '', text: '', heading: true };
          out.push(current);
        } else if (token.type === 'inline' && current?.heading) {
          current.title = token.children.map((c) => c.content).join('');
          current.heading = false;
        } else if (token.type === 'inline' && current)
          current.text += `${token.content.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/[`*]/g, '')} `;
      }
      return out.map(({ id, title, text }) => ({ id, title, text: text.trim() }));
    },
    code: (code, lang, label) => {
      const token = { info: lang, content: code, meta: { label } };
      return md.renderer.rules.fence([token], 0);
    },
  };
}

/** Relative path from a page to the site root: '' for index.html, '../' for guides/x.html. */
export const rootOf = (path) => '../'.repeat(path.split('/').length - 1);

const LOGO = `<svg class="logo" viewBox="0 0 180 40" aria-hidden="true" focusable="false"><rect x="2" y="6" width="34" height="28" rx="6" fill="#1f4fd1"/><path d="M8 13l11 8 11-8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><text x="44" y="28" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="currentColor">postpress</text></svg>`;

/**
 * One page of the site. `nav`: [{ heading, items: [{ href (from the root), title, detail? }] }];
 * `current`: the root-relative path of this page. Every href is relative to the page itself. `css` is
 * inlined: one round trip less before first paint on a slow network (measured by `pnpm bench`).
 */
export function layout({ path, title, siteTitle, description, nav, body, markdownTwin, css, wide = false }) {
  const root = rootOf(path);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${bootHash}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  const navHtml = nav
    .map(
      (group, g) =>
        `<p class="nav-group" id="nav-${g}">${escapeHtml(group.heading)}</p><ul aria-labelledby="nav-${g}">${group.items
          .map((item) => {
            const current = item.href === path ? ' aria-current="page"' : '';
            const detail = item.detail ? ` <span class="nav-detail">${escapeHtml(item.detail)}</span>` : '';
            return `<li><a href="${root}${item.href}"${current}>${escapeHtml(item.title)}${detail}</a></li>`;
          })
          .join('')}</ul>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-root="${root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title === siteTitle ? title : `${title} · ${siteTitle}`)}</title>
<meta name="description" content="${escapeHtml(description)}">
<script>${THEME_BOOT}</script>
<style>${css}</style>
<link rel="icon" href="${root}logo.svg" type="image/svg+xml">
<link rel="alternate" type="text/plain" href="${root}llms.txt" title="llms.txt">
${markdownTwin ? `<link rel="alternate" type="text/markdown" href="${root}${markdownTwin}" title="This page as Markdown">` : ''}
<script type="module" src="${root}assets/site.js"></script>
</head>
<body${wide ? ' class="wide"' : ''}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="${root}index.html">${LOGO}<span class="sr-only">postpress API docs, home</span></a>
<form class="search" role="search" action="${root}index.html" data-search>
<label class="sr-only" for="search-input">Search the docs</label>
<input id="search-input" type="search" name="q" placeholder="Search docs" autocomplete="off" aria-describedby="search-status" aria-controls="search-results">
<p id="search-status" class="sr-only" role="status" aria-live="polite"></p>
<ul id="search-results" class="search-results" hidden></ul>
</form>
<button type="button" class="theme-toggle" data-theme-toggle hidden>Dark theme</button>
<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-nav" hidden>Menu</button>
</header>
<div class="layout">
<nav id="site-nav" class="site-nav" aria-label="Site">${navHtml}</nav>
<main id="main" tabindex="-1">
${body}
</main>
</div>
<footer class="foot">
<p>${markdownTwin ? `<a href="${root}${markdownTwin}">This page as Markdown</a> · ` : ''}<a href="${root}llms.txt">llms.txt</a> · <a href="${root}openapi.json">OpenAPI document (JSON)</a></p>
</footer>
</body>
</html>
`;
}
