// TraceKit UI: a hash router that mounts one page at a time.
//   #/search?service=..&operation=..&tag=k=v&minDuration=..&maxDuration=..&range=1h&error=true
//   #/trace/{traceId}?tab=timeline|analysis|logs&span={spanId}
//   #/map?range=1h
//   #/live
import * as searchPage from './js/search.js';
import * as tracePage from './js/trace.js';
import * as mapPage from './js/map.js';
import * as livePage from './js/live.js';
import { notice, replaceChildren } from './js/dom.js';

const view = document.getElementById('view');
let current = null;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'search', args: parts.slice(1), params };
}

const pages = {
  search: searchPage,
  trace: tracePage,
  map: mapPage,
  live: livePage,
};

const titles = { search: 'Search', trace: 'Trace', map: 'Service map', live: 'Live' };

function route() {
  const r = parseHash();
  const page = pages[r.name];
  if (current && current.unmount) current.unmount();
  current = null;
  document.querySelectorAll('.mainnav a').forEach((a) => {
    const active = a.dataset.route === r.name;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  replaceChildren(view);
  if (!page) {
    view.appendChild(notice(`No page "${r.name}". Try Search, Live or Service map.`, 'error'));
    return;
  }
  document.title = `${titles[r.name]} · TraceKit`;
  try {
    current = page.mount(view, r.args, r.params) || null;
  } catch (e) {
    console.error(e);
    view.appendChild(notice(`This page failed to load: ${e.message}`, 'error'));
  }
}

document.getElementById('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('lookup-id');
  const id = input.value.trim().toLowerCase();
  if (!id) return;
  input.value = '';
  location.hash = `#/trace/${encodeURIComponent(id)}`;
});

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  view.focus();
});

window.addEventListener('hashchange', route);
if (!location.hash) history.replaceState(null, '', '#/search');
route();
