// Search page: filters on the left, results (newest first) on the right. The URL holds the
// filters, so every search has its own link.
import { api, aborted } from './api.js';
import { h, notice, replaceChildren } from './dom.js';
import { traceRow } from './widgets.js';
import { reserveColors } from './colors.js';
import * as fmt from './format.js';

const RANGES = [
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last hour'],
  ['6h', 'Last 6 hours'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['custom', 'Custom range'],
];
const LIMITS = ['20', '50', '100', '200'];
const RANGE_AGO = { '15m': '15m', '1h': '1h', '6h': '6h', '24h': '24h', '7d': '168h' };

/** Tags typed as `key=value key2="value with spaces"`. */
export function parseTags(text) {
  const tags = [];
  const re = /([^\s=]+)=(?:"([^"]*)"|(\S*))/g;
  let m;
  while ((m = re.exec(text || '')) !== null) {
    tags.push(`${m[1]}=${m[2] !== undefined ? m[2] : m[3]}`);
  }
  return tags;
}

function formatTags(tags) {
  return tags.map((t) => {
    const eq = t.indexOf('=');
    const value = t.slice(eq + 1);
    return /\s/.test(value) ? `${t.slice(0, eq)}="${value}"` : t;
  }).join(' ');
}

/** A datetime-local value (local time) as epoch microseconds, or null. */
function localToMicros(value) {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms * 1000 : null;
}

function microsToLocal(micros) {
  const d = new Date(micros / 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The API query for the page's URL parameters. */
function apiQuery(params) {
  const q = new URLSearchParams();
  for (const key of ['service', 'operation', 'minDuration', 'maxDuration']) {
    const v = (params.get(key) || '').trim();
    if (v) q.set(key, v);
  }
  for (const tag of params.getAll('tag')) q.append('tag', tag);
  const range = params.get('range') || '1h';
  if (range === 'custom') {
    const start = localToMicros(params.get('start'));
    const end = localToMicros(params.get('end'));
    if (start !== null) q.set('start', String(start));
    if (end !== null) q.set('end', String(end));
  } else {
    q.set('start', `-${RANGE_AGO[range] || '1h'}`);
  }
  if (params.get('error') === 'true') q.set('error', 'true');
  q.set('limit', LIMITS.includes(params.get('limit')) ? params.get('limit') : '20');
  return q;
}

function option(value, label, selected) {
  return h('option', { value, selected: selected || false }, label);
}

function field(label, control, hint) {
  const id = control.id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

export function mount(root, args, params) {
  const controller = new AbortController();
  const signal = controller.signal;

  const service = h('select', { id: 'f-service', name: 'service' }, option('', 'All services', true));
  const operation = h('select', { id: 'f-operation', name: 'operation', disabled: true },
    option('', 'All operations', true));
  const tags = h('input', { id: 'f-tags', name: 'tags', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'http.response.status_code=500', value: formatTags(params.getAll('tag')) });
  const minDuration = h('input', { id: 'f-min', name: 'minDuration', type: 'text', placeholder: 'e.g. 100ms',
    value: params.get('minDuration') || '', autocomplete: 'off', size: '8' });
  const maxDuration = h('input', { id: 'f-max', name: 'maxDuration', type: 'text', placeholder: 'e.g. 2s',
    value: params.get('maxDuration') || '', autocomplete: 'off', size: '8' });
  const range = h('select', { id: 'f-range', name: 'range' },
    RANGES.map(([v, label]) => option(v, label, (params.get('range') || '1h') === v)));
  const nowMicros = Date.now() * 1000;
  const start = h('input', { id: 'f-start', name: 'start', type: 'datetime-local',
    value: params.get('start') || microsToLocal(nowMicros - 3_600_000_000) });
  const end = h('input', { id: 'f-end', name: 'end', type: 'datetime-local',
    value: params.get('end') || microsToLocal(nowMicros + 60_000_000) });
  const custom = h('div', { class: 'field-row custom-range' }, field('From', start), field('To', end));
  const errorsOnly = h('input', { id: 'f-error', name: 'error', type: 'checkbox', checked: params.get('error') === 'true' });
  const limit = h('select', { id: 'f-limit', name: 'limit' },
    LIMITS.map((v) => option(v, `${v} results`, (params.get('limit') || '20') === v)));

  const showCustom = () => { custom.hidden = range.value !== 'custom'; };
  range.addEventListener('change', showCustom);
  showCustom();

  const form = h('form', { class: 'filters card', id: 'search-form', 'aria-label': 'Trace search' },
    h('h1', { class: 'card-title' }, 'Find traces'),
    field('Service', service),
    field('Operation', operation),
    field('Tags', tags, 'key=value, space separated; quote values with spaces'),
    h('div', { class: 'field-row' }, field('Min duration', minDuration), field('Max duration', maxDuration)),
    field('Time range', range),
    custom,
    h('div', { class: 'field field-check' }, errorsOnly, h('label', { for: 'f-error' }, 'Only traces with errors')),
    field('Show', limit),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'search-submit' }, 'Search'),
      h('a', { class: 'btn btn-ghost', href: '#/search' }, 'Reset')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = new URLSearchParams();
    if (service.value) p.set('service', service.value);
    if (service.value && operation.value) p.set('operation', operation.value);
    for (const tag of parseTags(tags.value)) p.append('tag', tag);
    if (minDuration.value.trim()) p.set('minDuration', minDuration.value.trim());
    if (maxDuration.value.trim()) p.set('maxDuration', maxDuration.value.trim());
    p.set('range', range.value);
    if (range.value === 'custom') {
      if (start.value) p.set('start', start.value);
      if (end.value) p.set('end', end.value);
    }
    if (errorsOnly.checked) p.set('error', 'true');
    if (limit.value !== '20') p.set('limit', limit.value);
    const next = `#/search?${p}`;
    if (location.hash === next) {
      runSearch(p); // same search again: refresh the results
    } else {
      location.hash = next;
    }
  });

  const resultsHead = h('div', { class: 'results-head', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'trace-list', id: 'search-results', 'aria-label': 'Traces' });
  const results = h('section', { class: 'results', 'aria-label': 'Search results' }, resultsHead, list);
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = [...list.querySelectorAll('.trace-row')];
    const i = rows.indexOf(document.activeElement);
    if (i < 0) return;
    event.preventDefault();
    const next = rows[Math.max(0, Math.min(rows.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1)))];
    next.focus();
  });

  root.appendChild(h('div', { class: 'page page-search' }, form, results));

  async function loadOperations(selected) {
    replaceChildren(operation, option('', 'All operations', true));
    operation.disabled = !service.value;
    if (!service.value) return;
    try {
      const names = await api.operations(service.value, { signal });
      for (const name of names) operation.appendChild(option(name, name, name === selected));
    } catch (e) {
      if (!aborted(e)) operation.appendChild(option('', `(could not load: ${e.message})`));
    }
  }
  service.addEventListener('change', () => loadOperations(''));

  (async () => {
    try {
      const names = await api.services({ signal });
      reserveColors(names);
      const wanted = params.get('service') || '';
      for (const name of names) service.appendChild(option(name, name, name === wanted));
      if (wanted && !names.includes(wanted)) service.appendChild(option(wanted, `${wanted} (no spans)`, true));
      if (service.value) await loadOperations(params.get('operation') || '');
    } catch (e) {
      if (!aborted(e)) resultsHead.replaceChildren(notice(`Could not load services: ${e.message}`, 'error'));
    }
  })();

  let searchController = null;
  async function runSearch(p) {
    if (searchController) searchController.abort();
    searchController = new AbortController();
    const own = searchController;
    signal.addEventListener('abort', () => own.abort(), { once: true });
    replaceChildren(resultsHead, h('span', { class: 'loading' }, 'Searching…'));
    list.setAttribute('aria-busy', 'true');
    try {
      const found = await api.search(apiQuery(p), { signal: own.signal });
      replaceChildren(list);
      if (found.length === 0) {
        replaceChildren(resultsHead, h('span', null, 'No traces match.'));
        list.appendChild(h('li', { class: 'empty' },
          notice('Nothing found in this time range. Widen it, remove a filter, or send spans to '
            + `${location.origin}/v1/traces (OTLP) or /api/v2/spans (Zipkin).`)));
        return;
      }
      const max = Math.max(...found.map((t) => t.durationMicros));
      replaceChildren(resultsHead,
        h('strong', null, fmt.count(found.length, 'trace')), ' · newest first',
        found.length >= Number(p.get('limit') || 20) ? h('span', { class: 'muted' }, ' · raise the limit to see more') : null);
      for (const t of found) list.appendChild(h('li', null, traceRow(t, max)));
    } catch (e) {
      if (aborted(e)) return;
      replaceChildren(list);
      replaceChildren(resultsHead, notice(`Search failed: ${e.message}`, 'error'));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  runSearch(params);
  return { unmount: () => controller.abort() };
}
