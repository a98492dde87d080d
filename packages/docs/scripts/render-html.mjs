// Markdown → the site's static HTML pages: markdown-it for the Markdown, shiki for highlighting at
// build time (no highlighter shipped to the browser), one shared layout with landmarks, a sidebar of
// relative links (so the site works from any sub-path, with or without JavaScript), the API version
// and a theme toggle.
import { createHash } from 'node:crypto';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { createHighlighter } from 'shiki';

/** Fence info or a sample's `lang` → shiki's language; anything else is shown as plain text. */
const LANGS = {
  ts: 'typescript',
  typescript: 'typescript',
  js: 'javascript',
  javascript: 'javascript',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  curl: 'shellscript',
  json: 'json',
  http: 'http',
  python: 'python',
  py: 'python',
  php: 'php',
  go: 'go',
  java: 'java',
  ruby: 'ruby',
  rb: 'ruby',
};
const LABELS = {
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  shellscript: 'Shell',
  json: 'JSON',
  http: 'HTTP',
  text: 'Text',
  python: 'Python',
  php: 'PHP',
  go: 'Go',
  java: 'Java',
  ruby: 'Ruby',
};
// Both themes keep every token at ≥ 4.5:1 on the code background set in site.css (axe checks it).
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' };

/** shiki's language for a fence or a code sample's `lang`, or `text`. */
export const shikiLang = (lang) => LANGS[String(lang ?? '').toLowerCase()] ?? 'text';

export const escapeHtml = (text) =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * Code with break opportunities after `/`, `_`, `]` and `.` when it is long (wire names, paths): it wraps between
 * its words on a phone. Short names (`voice_message`) stay whole: they fit any line.
 */
export const breakable = (text) =>
  String(text).length > 24 ? escapeHtml(text).replace(/([/_\].])(?=.)/g, '$1<wbr>') : escapeHtml(text);

const ERROR_TYPE = /^errors\/[a-z0-9_]+$/;
/** Inline code; an error type gets class `type`, which keeps it on one line wherever one line fits. */
export const inlineCode = (text) => (ERROR_TYPE.test(text) ? typeCode(text) : `<code>${breakable(text)}</code>`);
/** An error type: one line where it fits; on a phone it may break after `/` or `_` (site.css), never inside a word. */
export const typeCode = (text) => `<code class="type">${escapeHtml(text).replace(/([/_])(?=.)/g, '$1<wbr>')}</code>`;

/** The theme is set before first paint (no flash); its hash goes into the page's Content-Security-Policy. */
export const THEME_BOOT =
  "document.documentElement.classList.add('js');try{var t=localStorage.getItem('postpress-theme');document.documentElement.dataset.theme=t==='dark'||t==='light'?t:matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}catch(e){}";
const bootHash = createHash('sha256').update(THEME_BOOT).digest('base64');

/** `langs`: the extra languages the code samples use (`Python`, `Go`…), loaded once up front. */
export async function createRenderer({ langs = [] } = {}) {
  const wanted = new Set(['typescript', 'shellscript', 'json', 'http', ...langs.map(shikiLang)]);
  wanted.delete('text');
  const highlighter = await createHighlighter({ themes: Object.values(THEMES), langs: [...wanted] });
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

  md.renderer.rules.code_inline = (tokens, i) => inlineCode(tokens[i].content);

  /**
   * Highlighted code in a box with its label and a copy button. Each line is a block that knows its indent,
   * so a wrapped line continues under its own start on a phone instead of at the left edge.
   */
  const highlight = (code, lang, label) => {
    const wantedLang = shikiLang(lang);
    const shiki = wanted.has(wantedLang) ? wantedLang : 'text';
    const source = code.replace(/\n$/, '');
    const lines = source.split('\n');
    const pre = highlighter.codeToHtml(source, {
      lang: shiki,
      themes: THEMES,
      defaultColor: false,
      transformers: [
        {
          line(node, n) {
            const indent = (lines[n - 1] ?? '').match(/^[ \t]*/)[0].replaceAll('\t', '  ').length;
            if (indent) node.properties.style = `--indent:${indent}`;
          },
          code(node) {
            // The lines are blocks: the newlines between them would add blank lines.
            node.children = node.children.filter((c) => !(c.type === 'text' && c.value === '\n'));
          },
        },
      ],
    });
    const shown = label ?? LABELS[shiki] ?? 'Text';
    return `<div class="code"><div class="code-bar"><span class="code-lang">${escapeHtml(shown)}</span><button type="button" class="copy" aria-label="Copy ${escapeHtml(shown)} code">Copy</button></div>${pre}</div>\n`;
  };

  md.renderer.rules.fence = (tokens, i) => {
    const token = tokens[i];
    const info = token.info.trim().split(/\s+/)[0] ?? '';
    return highlight(token.content, info || 'text', token.meta?.label);
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
    /** Frees the highlighter (a build in a long-lived process, such as the bench, makes several). */
    dispose: () => highlighter.dispose(),
    markdown: (source) => md.render(source),
    /** One paragraph of Markdown without the `<p>`: table cells, field descriptions of one line. */
    inline: (source) => md.renderInline(String(source ?? '')),
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
        } else if (token.type === 'inline' && current) current.text += `${plainText(token.content)} `;
      }
      return out.map(({ id, title, text }) => ({ id, title, text: text.trim() }));
    },
    code: highlight,
  };
}

/** Markdown → plain words (search entries, meta descriptions). */
export const plainText = (markdown) =>
  String(markdown ?? '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Relative path from a page to the site root: '' for index.html, '../' for guides/x.html. */
export const rootOf = (path) => '../'.repeat(path.split('/').length - 1);

const LOGO = `<svg class="logo" viewBox="0 0 180 40" aria-hidden="true" focusable="false"><rect x="2" y="6" width="34" height="28" rx="6" fill="#1f4fd1"/><path d="M8 13l11 8 11-8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><text x="44" y="28" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="currentColor">postpress</text></svg>`;

/**
 * One page of the site. `nav`: [{ heading, items: [{ href (from the root), title, detail? }] }];
 * `path`: the root-relative path of this page. Every href is relative to the page itself. `css` is
 * inlined: one round trip less before first paint on a slow network (measured by `pnpm bench`).
 * `version`: the spec's version, shown on every page. `kind`: `wide` (the catalog) or `reference` (two columns).
 */
export function layout({ path, title, siteTitle, description, nav, body, markdownTwin, css, kind = '', version }) {
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
<body${kind ? ` class="${kind}"` : ''}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="${root}index.html">${LOGO}<span class="sr-only">postpress API docs, home</span></a>
<a class="version" href="${root}changelog.html">API <span class="sr-only">version </span>v${escapeHtml(version)}</a>
<form class="search" role="search" action="${root}index.html" data-search>
<label class="sr-only" for="search-input">Search the docs</label>
<input id="search-input" type="search" name="q" placeholder="Search docs, fields, errors" autocomplete="off" aria-describedby="search-status" aria-controls="search-results">
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
<p>API version ${escapeHtml(version)} · ${markdownTwin ? `<a href="${root}${markdownTwin}">This page as Markdown</a> · ` : ''}<a href="${root}downloads.html">Downloads (OpenAPI)</a> · <a href="${root}changelog.html">Changelog</a> · <a href="${root}llms.txt">llms.txt</a></p>
</footer>
</body>
</html>
`;
}
