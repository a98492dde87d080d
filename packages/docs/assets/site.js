// The docs site's only script: theme toggle, phone menu, copy buttons, search, the catalog filter, and tabs
// (sample languages, remembered across pages; body variants, opened by a link to a field inside one).
// Hand-written: a few small behaviours on static pages need no framework; every link works without it.
const html = document.documentElement;
const root = html.dataset.root ?? '';

// Old single-page deep links (#/quick-start, #/messaging/<operationid>) → the page that holds them now.
const OLD_GUIDES = {
  '#/quick-start': 'guides/quick-start.html',
  '#/authentication': 'guides/authentication.html',
  '#/multipart-wire-format': 'guides/wire-format.html',
  '#/errors-and-retries': 'guides/errors-and-retries.html',
  '#/error-catalog': 'errors.html',
};
const oldRoute = location.hash.toLowerCase();
if (OLD_GUIDES[oldRoute]) location.replace(root + OLD_GUIDES[oldRoute]);
else if (/^#\/[^/]+\/[a-z0-9]+$/.test(oldRoute)) {
  // The sidebar links every operation page: find the one whose id matches, whatever its case.
  const id = oldRoute.split('/').pop();
  const link = [...document.querySelectorAll('#site-nav a')].find((a) =>
    a.getAttribute('href').toLowerCase().endsWith(`operations/${id}.html`),
  );
  if (link) location.replace(link.href);
}

// Theme: the button says what it will do.
const toggle = document.querySelector('[data-theme-toggle]');
function showTheme() {
  const next = html.dataset.theme === 'dark' ? 'light' : 'dark';
  toggle.textContent = `${next === 'dark' ? 'Dark' : 'Light'} theme`;
  toggle.setAttribute('aria-label', `Switch to ${next} theme`);
}
if (toggle) {
  toggle.hidden = false;
  showTheme();
  toggle.addEventListener('click', () => {
    html.dataset.theme = html.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem('postpress-theme', html.dataset.theme);
    } catch {}
    showTheme();
  });
}

// Phone menu: a disclosure that pushes the page down instead of covering it.
const menu = document.querySelector('.menu-toggle');
const nav = document.getElementById('site-nav');
if (menu && nav) {
  menu.hidden = false;
  menu.addEventListener('click', () => {
    const open = menu.getAttribute('aria-expanded') !== 'true';
    menu.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
}

// Copy buttons: copy the code exactly as written, and say so.
for (const button of document.querySelectorAll('.code .copy')) {
  const label = button.getAttribute('aria-label');
  button.addEventListener('click', async () => {
    // Each line is its own block (so wrapped lines keep their indent): join them back with newlines.
    const pre = button.closest('.code').querySelector('pre');
    const lines = [...pre.querySelectorAll('.line')];
    const code = (lines.length ? lines.map((line) => line.textContent).join('\n') : pre.textContent).replace(/\n$/, '');
    let done = true;
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      done = false;
    }
    button.textContent = done ? 'Copied' : 'Copy failed';
    button.setAttribute('aria-label', done ? 'Copied' : 'Copy failed: select the code and copy it');
    setTimeout(() => {
      button.textContent = 'Copy';
      button.setAttribute('aria-label', label);
    }, 2000);
  });
}

// Search: MiniSearch and the index load on first use; Enter opens the best hit, arrows move through hits.
const form = document.querySelector('[data-search]');
if (form) {
  const input = form.querySelector('input');
  const list = form.querySelector('#search-results');
  const status = form.querySelector('#search-status');
  let engine;
  const load = () => {
    engine ??= Promise.all([
      import(new URL(`${root}assets/minisearch.js`, location.href).href),
      fetch(`${root}search-index.json`).then((r) => r.json()),
    ]).then(([{ default: MiniSearch }, docs]) => {
      const search = new MiniSearch({
        fields: ['t', 'x', 'w'],
        storeFields: ['t', 'w', 'x', 'u'],
        searchOptions: { boost: { t: 4 }, prefix: true, fuzzy: 0.1, combineWith: 'AND' },
      });
      search.addAll(docs);
      return search;
    });
    return engine;
  };
  const links = () => [...list.querySelectorAll('a')];
  const render = async () => {
    const query = input.value.trim();
    if (!query) {
      list.hidden = true;
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const hits = (await load()).search(query).slice(0, 12);
    if (input.value.trim() !== query) return;
    list.replaceChildren(
      ...hits.map((hit) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = root + hit.u;
        for (const [cls, text] of [
          ['hit-title', hit.t],
          ['hit-where', hit.w],
          ['hit-text', hit.x.length > 140 ? `${hit.x.slice(0, 140)}…` : hit.x],
        ]) {
          const span = document.createElement('span');
          span.className = cls;
          span.textContent = text;
          a.append(span);
        }
        li.append(a);
        return li;
      }),
    );
    if (!hits.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = `Nothing found for “${query}”.`;
      list.append(li);
    }
    list.hidden = false;
    status.textContent = hits.length
      ? `${hits.length} results; Enter opens the first, arrow keys move through them.`
      : 'No results.';
  };
  input.addEventListener('focus', load, { once: true });
  input.addEventListener('input', render);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await render();
    const first = links()[0];
    if (first) location.href = first.href;
  });
  form.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    } else if (event.key === 'Escape') {
      input.value = '';
      render();
      input.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target)) list.hidden = true;
  });
  // `Ctrl+K` or `/` focuses the search box, as on most docs sites.
  document.addEventListener('keydown', (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName ?? '');
    if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
      event.preventDefault();
      input.focus();
    }
  });
}

// The catalog filter: text, status and operation; the URL's ?operation=&status= preset it.
const filter = document.querySelector('[data-catalog-filter]');
if (filter) {
  filter.hidden = false;
  const text = filter.querySelector('#filter-text');
  const statusSelect = filter.querySelector('#filter-status');
  const operationSelect = filter.querySelector('#filter-operation') ?? { value: '' };
  const count = filter.querySelector('#filter-count');
  const rows = [...document.querySelectorAll('.catalog tbody tr')];
  const params = new URLSearchParams(location.search);
  statusSelect.value = params.get('status') ?? '';
  if (operationSelect.tagName) operationSelect.value = params.get('operation') ?? '';
  const apply = () => {
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const match =
        (!statusSelect.value || row.dataset.status === statusSelect.value) &&
        (!operationSelect.value || row.dataset.operation === operationSelect.value) &&
        words.every((w) => row.textContent.toLowerCase().includes(w));
      row.hidden = !match;
      if (match) shown++;
    }
    count.textContent = `Showing ${shown} of ${rows.length} errors.`;
  };
  filter.addEventListener('input', apply);
  filter.addEventListener('submit', (event) => event.preventDefault());
  apply();
}

// Tabs from plain sections: request samples by language (the choice is remembered across pages) and the
// variants of a body field (one shown at a time). Without JavaScript every section shows, one under another.
let tabCount = 0;
function makeTabs(container, panels, { label, initial, onSelect }) {
  const list = document.createElement('div');
  list.className = 'tabs';
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', label);
  const tabs = panels.map((panel) => {
    tabCount += 1;
    if (!panel.id) panel.id = `tabpanel-${tabCount}`;
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `tab-${tabCount}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', panel.id);
    tab.textContent = panel.dataset.label;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    panel.removeAttribute('aria-label');
    list.append(tab);
    return tab;
  });
  const select = (index, { user = false } = {}) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (user) onSelect?.(panels[index]);
  };
  list.addEventListener('click', (event) => {
    const i = tabs.indexOf(event.target.closest('[role="tab"]'));
    if (i >= 0) select(i, { user: true });
  });
  list.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(document.activeElement);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (at < 0 || next === undefined) return;
    event.preventDefault();
    const i = (next + tabs.length) % tabs.length;
    select(i, { user: true });
    tabs[i].focus();
  });
  container.insertBefore(list, panels[0]);
  select(Math.max(0, initial));
  return { select, panels };
}

const LANG_KEY = 'postpress-lang';
const langGroups = [];
const storedLang = () => {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
};
for (const container of document.querySelectorAll('[data-lang-tabs]')) {
  const panels = [...container.querySelectorAll(':scope > [data-tab]')];
  if (panels.length < 2) continue;
  const group = makeTabs(container, panels, {
    label: 'Sample language',
    initial: panels.findIndex((p) => p.dataset.tab === storedLang()),
    onSelect: (panel) => {
      try {
        localStorage.setItem(LANG_KEY, panel.dataset.tab);
      } catch {}
      for (const other of langGroups) {
        const i = other.panels.findIndex((p) => p.dataset.tab === panel.dataset.tab);
        if (i >= 0) other.select(i);
      }
    },
  });
  langGroups.push(group);
}

const variantGroups = new Map();
for (const container of document.querySelectorAll('[data-variants]')) {
  const panels = [...container.querySelectorAll(':scope > [data-variant]')];
  if (panels.length < 2) continue;
  variantGroups.set(
    container,
    makeTabs(container, panels, { label: `Shape of ${container.dataset.name}`, initial: 0 }),
  );
}

// A link to a field inside a variant (from search, or shared) shows that variant, then scrolls to the field.
function reveal() {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {}
  const target = id && document.getElementById(id);
  if (!target) return;
  for (let panel = target.closest('[data-variant]'); panel; panel = panel.parentElement.closest('[data-variant]')) {
    const group = variantGroups.get(panel.parentElement);
    if (group) group.select(group.panels.indexOf(panel));
  }
  target.scrollIntoView();
}
reveal();
addEventListener('hashchange', reveal);
