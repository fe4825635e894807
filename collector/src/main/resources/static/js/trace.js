// Trace page: summary, then three tabs: Timeline (waterfall + span details), Analysis (service
// breakdown, findings, critical path) and Logs. Tab and selected span live in the URL.
import { api, aborted, ApiError } from './api.js';
import { h, notice, replaceChildren } from './dom.js';
import { buildModel } from './model.js';
import { createWaterfall } from './waterfall.js';
import { serviceChip, fact, severityBadge, levelBadge, findingLabel } from './widgets.js';
import { serviceColor, reserveColors } from './colors.js';
import * as fmt from './format.js';

const TRACE_ID = /^[0-9a-f]{16}([0-9a-f]{16})?$/i;
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const MAX_LOG_ROWS = 2000;

export function mount(root, args, params) {
  const traceId = (args[0] || '').toLowerCase();
  const controller = new AbortController();
  const page = h('div', { class: 'page page-trace' });
  root.appendChild(page);
  let cleanup = () => {};

  if (!TRACE_ID.test(traceId)) {
    page.appendChild(notice(`"${traceId}" is not a trace id: it must be 32 (or 16) hex characters.`, 'error'));
    return { unmount: () => {} };
  }
  page.appendChild(notice('Loading trace…'));
  const requested = { offset: nonNegative(params && params.get('offset')), limit: nonNegative(params && params.get('limit')) };
  // A link to a span (?span=) without a page opens the page that holds it.
  const linkedSpan = params && params.get('span');
  if (linkedSpan && requested.offset === undefined) requested.span = linkedSpan;

  let analysis = null;
  let analysisError = null;
  let pageRequest = null;

  function show(trace, then) {
    cleanup();
    replaceChildren(page);
    cleanup = render(page, buildModel(trace, analysis), analysisError, { goToPage, then });
  }

  /**
   * Replaces the timeline, logs and pager with another page of spans (at.offset, or the page that
   * holds at.span); the analysis stays. Then focuses focusId, or does what then asks (select a
   * span, highlight a finding) on the new page.
   */
  async function goToPage(at, limit, focusId, then) {
    if (pageRequest) pageRequest.abort();
    const request = new AbortController();
    pageRequest = request;
    const abort = () => request.abort();
    controller.signal.addEventListener('abort', abort);
    const status = document.getElementById('page-status');
    if (status) status.textContent = 'Loading spans…';
    for (const button of page.querySelectorAll('.trace-pager button')) button.disabled = true;
    try {
      const trace = await api.trace(traceId, { ...at, limit, signal: request.signal });
      setParams({ offset: trace.offset || null, span: null });
      show(trace, then);
      if (!then) {
        const focus = document.getElementById(focusId);
        (focus && !focus.disabled ? focus : document.getElementById('page-status')).focus();
      }
    } catch (e) {
      if (aborted(e)) return;
      if (status) status.textContent = `Could not load these spans: ${e.message}`;
      for (const button of page.querySelectorAll('.trace-pager button')) button.disabled = false;
    } finally {
      controller.signal.removeEventListener('abort', abort);
    }
  }

  (async () => {
    const [trace, analysisResult] = await Promise.allSettled([
      api.trace(traceId, { ...requested, signal: controller.signal }).catch((e) => {
        // A link to a span this trace does not hold still opens the trace.
        if (!requested.span || !(e instanceof ApiError) || e.status !== 404) throw e;
        return api.trace(traceId, { limit: requested.limit, signal: controller.signal });
      }),
      api.analysis(traceId, { signal: controller.signal }),
    ]);
    if (controller.signal.aborted) return;
    replaceChildren(page);
    if (trace.status === 'rejected') {
      const e = trace.reason;
      if (aborted(e)) return;
      page.appendChild(e instanceof ApiError && e.status === 404
        ? notice(`Trace ${traceId} is not stored (yet). Spans may still be on their way, or retention removed it.`, 'error')
        : notice(`Could not load trace ${traceId}: ${e.message}`, 'error'));
      page.appendChild(h('p', null, h('a', { href: '#/search' }, '← Back to search')));
      return;
    }
    analysis = analysisResult.status === 'fulfilled' ? analysisResult.value : null;
    analysisError = analysisResult.status === 'rejected' ? analysisResult.reason : null;
    show(trace.value);
  })();

  return {
    unmount() {
      controller.abort();
      cleanup();
    },
  };
}

/** A non-negative integer from the URL, or undefined. */
function nonNegative(value) {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function currentParams() {
  const q = location.hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : location.hash.slice(q + 1));
}

/** Updates the URL's query (tab, span) without a navigation. */
function setParams(changes) {
  const params = currentParams();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k); else params.set(k, v);
  }
  const base = location.hash.split('?')[0];
  const query = params.toString();
  history.replaceState(null, '', `${base}${query ? `?${query}` : ''}`);
}

function render(page, model, analysisError, { goToPage, then }) {
  const params = currentParams();
  reserveColors(model.services);
  const root = model.nodes.find((x) => x.depth === 0) || null;
  const a = model.analysis;
  const rootName = a ? a.rootName : (root ? root.name : '(no spans)');
  const rootService = a ? a.rootService : (root ? root.service : '');

  // ---- header --------------------------------------------------------------------------
  const download = h('a', { class: 'btn', href: '#', download: `trace-${model.traceId}.json`, id: 'download-json' },
    'Download JSON');
  let blobUrl = null;
  download.addEventListener('click', () => {
    if (!blobUrl) {
      blobUrl = URL.createObjectURL(new Blob([JSON.stringify(model.trace, null, 2)], { type: 'application/json' }));
      download.href = blobUrl;
    }
  });
  const head = h('section', { class: 'trace-head card' },
    h('div', { class: 'trace-title' },
      h('h1', null, rootService ? serviceChip(rootService) : null, h('span', { class: 'trace-root-name' }, rootName)),
      h('div', { class: 'trace-actions' },
        download,
        h('a', { class: 'btn', href: api.reportUrl(model.traceId), target: '_blank', rel: 'noopener' }, 'Text report'))),
    h('dl', { class: 'facts' },
      fact('Trace ID', h('span', { class: 'mono selectable', id: 'trace-id' }, model.traceId)),
      fact('Started', model.nodes.length ? fmt.dateTime(model.startMicros) : '–'),
      fact('Duration', fmt.duration(model.duration)),
      fact('Spans', model.spanCount.toLocaleString('en-US')),
      fact('Depth', String(model.depth)),
      fact('Services', String(model.services.length)),
      fact('Errors', String(model.errorCount), model.errorCount ? 'fact-error' : ''),
      a && a.orphanCount ? fact('Orphans', String(a.orphanCount), 'fact-warn') : null,
      a && a.clockSkewCorrections.length ? fact('Clock skew fixed', String(a.clockSkewCorrections.length)) : null));

  // ---- tabs ----------------------------------------------------------------------------
  const tabs = [
    { key: 'timeline', label: 'Timeline' },
    { key: 'analysis', label: `Analysis${model.findings.length ? ` (${model.findings.length})` : ''}` },
    { key: 'logs', label: `Logs (${model.logs.length.toLocaleString('en-US')})` },
  ];
  const panels = {};
  const tabButtons = {};
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Trace views' });
  for (const t of tabs) {
    const button = h('button', {
      class: 'tab', role: 'tab', type: 'button', id: `tab-${t.key}`, 'aria-controls': `panel-${t.key}`,
      dataset: { tab: t.key },
    }, t.label);
    button.addEventListener('click', () => showTab(t.key, true));
    tabButtons[t.key] = button;
    tabList.appendChild(button);
    panels[t.key] = h('section', { class: 'tabpanel', role: 'tabpanel', id: `panel-${t.key}`, 'aria-labelledby': `tab-${t.key}` });
  }
  tabList.addEventListener('keydown', (event) => {
    const keys = tabs.map((t) => t.key);
    const at = keys.indexOf(document.activeElement && document.activeElement.dataset.tab);
    if (at < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    event.preventDefault();
    const next = keys[(at + (event.key === 'ArrowRight' ? 1 : keys.length - 1)) % keys.length];
    showTab(next, true);
    tabButtons[next].focus();
  });

  let activeTab = null;
  function showTab(key, remember) {
    activeTab = key;
    for (const t of tabs) {
      const on = t.key === key;
      tabButtons[t.key].setAttribute('aria-selected', on ? 'true' : 'false');
      tabButtons[t.key].tabIndex = on ? 0 : -1;
      panels[t.key].hidden = !on;
    }
    if (remember) setParams({ tab: key === 'timeline' ? null : key });
  }

  page.appendChild(head);
  if (model.page.paged) page.appendChild(pager(model, goToPage));
  if (analysisError && !aborted(analysisError)) {
    page.appendChild(notice(`The analysis is unavailable (${analysisError.message}); the timeline shows the spans as stored.`, 'warn'));
  }
  page.appendChild(tabList);
  for (const t of tabs) page.appendChild(panels[t.key]);

  // ---- timeline ------------------------------------------------------------------------
  const detail = h('aside', { class: 'detail card', id: 'span-detail', 'aria-label': 'Span details', hidden: true });
  const banner = h('div', { class: 'highlight-banner', role: 'status', hidden: true });
  let waterfall = null;

  function openDetail(i) {
    const node = model.nodes[i];
    renderDetail(detail, node, model, {
      close: closeDetail,
      showFinding: (f) => highlightFinding(f),
      openSpan: (id) => selectSpan(id),
    });
    detail.hidden = false;
    split.classList.add('has-detail');
    setParams({ span: node.id });
  }

  function closeDetail() {
    if (detail.hidden) return;
    detail.hidden = true;
    split.classList.remove('has-detail');
    setParams({ span: null });
    if (waterfall) waterfall.clearSelection();
  }

  function selectSpan(spanId) {
    const i = model.index.get(spanId);
    if (i === undefined && model.page.paged) {
      goToPage({ span: spanId }, model.page.limit, null, { span: spanId });
      return;
    }
    if (i === undefined || !waterfall) return;
    showTab('timeline', true);
    waterfall.select(i);
  }

  function highlightFinding(f, navigate = true) {
    const indices = f.spanIds.map((id) => model.index.get(id)).filter((i) => i !== undefined);
    // None of its spans on this page: open the page of its first span and highlight there.
    if (navigate && !indices.length && model.page.paged && f.spanIds.length) {
      goToPage({ span: f.spanIds[0] }, model.page.limit, null, { finding: f.key });
      return;
    }
    showTab('timeline', true);
    waterfall.highlight(indices);
    replaceChildren(banner,
      h('span', { class: 'highlight-swatch', 'aria-hidden': 'true' }),
      h('span', null, 'Highlighting ', h('strong', null, fmt.count(indices.length, 'span')), ` of the finding “${f.label}”`,
        f.spanCount > indices.length ? ` (${f.spanCount} in all)` : '', ': ', f.message),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => clearHighlight() }, 'Clear'));
    banner.hidden = false;
    for (const chip of panels.timeline.querySelectorAll('.finding-chip')) {
      chip.setAttribute('aria-pressed', chip.dataset.key === String(f.key) ? 'true' : 'false');
    }
  }

  function clearHighlight() {
    waterfall.highlight([]);
    banner.hidden = true;
    for (const chip of panels.timeline.querySelectorAll('.finding-chip')) chip.setAttribute('aria-pressed', 'false');
  }

  const tools = h('div', { class: 'timeline-tools' });
  if (model.findings.length) {
    const strip = h('div', { class: 'finding-strip', role: 'group', 'aria-label': 'Findings (click to highlight their spans)' },
      h('span', { class: 'strip-label' }, 'Findings'));
    for (const f of model.findings.slice(0, 8)) {
      strip.appendChild(h('button', {
        type: 'button', class: `finding-chip sev-${f.severity.toLowerCase()}`, 'aria-pressed': 'false',
        dataset: { key: f.key, type: f.type }, title: f.message, onclick: () => highlightFinding(f),
      }, h('span', { class: 'finding-chip-type' }, f.label), h('span', { class: 'finding-chip-stake' }, fmt.duration(f.timeAtStakeMicros))));
    }
    if (model.findings.length > 8) {
      strip.appendChild(h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => showTab('analysis', true) },
        `+${model.findings.length - 8} more`));
    }
    tools.appendChild(strip);
  }
  tools.appendChild(h('div', { class: 'tool-buttons' },
    h('span', { class: 'legend' },
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch legend-cp', 'aria-hidden': 'true' }), 'Critical path'),
      h('span', { class: 'legend-item' }, h('span', { class: 'legend-swatch legend-error', 'aria-hidden': 'true' }), 'Error')),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => waterfall.expandAll() }, 'Expand all'),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => waterfall.collapseBelow(1) }, 'Collapse all')));

  const split = h('div', { class: 'split' });
  panels.timeline.append(tools, banner, split);
  if (model.nodes.length === 0) {
    split.appendChild(notice('This trace has logs but no spans yet.'));
  } else {
    waterfall = createWaterfall(model, { onSelect: openDetail });
    split.append(waterfall.element, detail);
  }

  // ---- analysis and logs ---------------------------------------------------------------
  renderAnalysis(panels.analysis, model, analysisError, { highlightFinding, selectSpan });
  renderLogs(panels.logs, model, { selectSpan });

  const onKey = (event) => {
    if (event.key === 'Escape' && !detail.hidden) {
      event.preventDefault();
      closeDetail();
    }
  };
  document.addEventListener('keydown', onKey);

  const tab = params.get('tab');
  showTab(tabs.some((t) => t.key === tab) ? tab : 'timeline', false);
  const span = (then && then.span) || params.get('span');
  if (span && model.index.has(span) && waterfall) {
    // Followed from a link elsewhere on the page (another tab, perhaps): show it in the timeline.
    if (then && then.span) showTab('timeline', true);
    waterfall.select(model.index.get(span), { focus: Boolean(then && then.span) });
  }
  const finding = then && then.finding !== undefined ? model.findings.find((f) => f.key === then.finding) : null;
  if (finding && waterfall) highlightFinding(finding, false);

  return () => {
    document.removeEventListener('keydown', onKey);
    if (waterfall) waterfall.destroy();
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  };
}

// ---- paging ----------------------------------------------------------------------------

/**
 * Previous / next through the pages of a trace too large for one answer, with where this page
 * sits ("Spans 10,001–20,000 of 100,000", by start time). The analysis covers the whole trace.
 */
function pager(model, goToPage) {
  const { offset, limit, count } = model.page;
  const n = (x) => x.toLocaleString('en-US');
  const shown = model.trace.spans.length;
  const logCount = model.trace.logCount || 0;
  // Logs are paged with the same window: pages go on while either spans or logs do.
  const total = Math.max(count, logCount);
  const lastOffset = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const text = shown
    ? `Spans ${n(offset + 1)}–${n(offset + shown)} of ${n(count)}`
    : `No spans from ${n(offset + 1)}: the trace has ${n(count)}`;
  const logs = model.logs.length ? ` · logs ${n(offset + 1)}–${n(offset + model.logs.length)} of ${n(logCount)}` : '';
  const previous = h('button', {
    type: 'button', class: 'btn btn-small', id: 'page-prev', disabled: offset === 0,
    onclick: () => goToPage({ offset: Math.max(0, Math.min(offset - limit, lastOffset)) }, limit, 'page-prev'),
  }, '← Previous');
  const next = h('button', {
    type: 'button', class: 'btn btn-small', id: 'page-next', disabled: offset + limit >= total,
    onclick: () => goToPage({ offset: offset + limit }, limit, 'page-next'),
  }, 'Next →');
  return h('nav', { class: 'trace-pager card', 'aria-label': 'Pages of spans' },
    previous,
    h('span', { class: 'pager-status', id: 'page-status', role: 'status', tabindex: '-1' }, text + logs),
    next,
    h('span', { class: 'muted small pager-note' },
      `This trace is shown ${n(limit)} spans at a time, by start time; the analysis covers all of them.`));
}

// ---- span details ----------------------------------------------------------------------

function kvTable(entries, caption) {
  if (!entries.length) return h('p', { class: 'muted small' }, `No ${caption.toLowerCase()}.`);
  return h('table', { class: 'kv' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('tbody', null, entries.map(([k, v]) => h('tr', null,
      h('th', { scope: 'row' }, k), h('td', null, fmt.value(v))))));
}

function sortedEntries(obj) {
  return Object.entries(obj || {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function renderDetail(detail, node, model, { close, showFinding, openSpan }) {
  const raw = node.raw || {};
  const status = raw.status || { code: node.error ? 'ERROR' : 'UNSET' };
  const criticalTotal = node.critical.reduce((s, c) => s + c.length, 0);
  const parent = node.parentId ? model.nodes[model.index.get(node.parentId)] : null;

  const closeButton = h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close span details (Escape)',
    title: 'Close (Escape)', onclick: close }, '×');
  const sections = [
    h('header', { class: 'detail-head' },
      h('div', null,
        h('h2', { class: 'detail-title', id: 'detail-title' }, node.name),
        h('div', { class: 'detail-sub' }, serviceChip(node.service), h('span', { class: 'kind' }, node.kind || ''),
          h('span', { class: `status status-${String(status.code).toLowerCase()}` }, status.code),
          node.orphan ? h('span', { class: 'badge badge-muted' }, 'orphan') : null)),
      closeButton),
    status.message ? h('p', { class: 'status-message' }, status.message) : null,
    h('dl', { class: 'facts facts-compact' },
      fact('Duration', fmt.duration(node.duration)),
      fact('Start', fmt.offset(node.start)),
      node.self !== null && node.self !== undefined ? fact('Self time', fmt.duration(node.self)) : null,
      criticalTotal ? fact('On critical path', fmt.duration(criticalTotal), 'fact-cp') : null,
      fact('Span ID', h('span', { class: 'mono selectable' }, node.id)),
      fact('Parent', parent
        ? h('button', { type: 'button', class: 'link-btn', onclick: () => openSpan(parent.id) }, parent.name)
        : node.parentElsewhere
          ? h('button', { type: 'button', class: 'link-btn mono', title: 'Open the page that holds the parent',
            onclick: () => openSpan(node.parentId) }, node.parentId, h('span', { class: 'muted' }, ' (on another page)'))
          : h('span', { class: 'mono' }, node.parentId || 'none (root)'))),
  ];
  if (node.findings.length) {
    sections.push(h('h3', null, 'Findings'), h('ul', { class: 'detail-findings' }, node.findings.map((f) => h('li', null,
      severityBadge(f.severity), ' ',
      h('button', { type: 'button', class: 'link-btn', onclick: () => showFinding(f) }, f.label), ' ',
      h('span', { class: 'muted' }, fmt.duration(f.timeAtStakeMicros))))));
  }
  sections.push(h('h3', null, 'Attributes'), kvTable(sortedEntries(raw.attributes), 'Attributes'));
  const events = raw.events || [];
  sections.push(h('h3', null, `Events (${events.length})`));
  if (events.length) {
    sections.push(h('ol', { class: 'events' }, events.map((e) => h('li', null,
      h('div', { class: 'event-head' }, h('span', { class: 'mono muted' }, fmt.offset(e.timeMicros - model.startMicros)),
        ' ', h('strong', null, e.name)),
      Object.keys(e.attributes || {}).length ? kvTable(sortedEntries(e.attributes), 'Event attributes') : null))));
  } else {
    sections.push(h('p', { class: 'muted small' }, 'No events.'));
  }
  sections.push(h('h3', null, `Logs (${node.logs.length})`));
  if (node.logs.length) {
    sections.push(h('ol', { class: 'span-logs', id: 'span-logs' }, node.logs.map((log) => h('li', { class: 'log-line' },
      h('span', { class: 'mono muted' }, fmt.clock(log.timeMicros)), ' ', levelBadge(log.level), ' ',
      h('span', { class: 'log-body' }, log.body)))));
  } else {
    sections.push(h('p', { class: 'muted small' }, 'No logs were written in this span.'));
  }
  sections.push(h('h3', null, 'Resource'), kvTable(sortedEntries(raw.resource), 'Resource'));
  if ((raw.links || []).length) {
    sections.push(h('h3', null, `Links (${raw.links.length})`), h('ul', { class: 'links' }, raw.links.map((l) => h('li', null,
      h('a', { href: `#/trace/${l.traceId}?span=${l.spanId}`, class: 'mono' }, `${fmt.shortId(l.traceId)} / ${l.spanId}`)))));
  }
  if (raw.scope && raw.scope.name) {
    sections.push(h('p', { class: 'muted small scope' }, `Instrumentation: ${raw.scope.name}${raw.scope.version ? ` ${raw.scope.version}` : ''}`));
  }
  replaceChildren(detail, h('div', { class: 'detail-body' }, sections));
  detail.setAttribute('aria-labelledby', 'detail-title');
}

// ---- analysis tab ----------------------------------------------------------------------

function renderAnalysis(panel, model, analysisError, { highlightFinding, selectSpan }) {
  const a = model.analysis;
  if (!a) {
    panel.appendChild(notice(`No analysis: ${analysisError ? analysisError.message : 'unavailable'}.`, 'warn'));
    return;
  }
  const grid = h('div', { class: 'analysis-grid' });

  // Findings.
  const findings = h('section', { class: 'card findings', 'aria-labelledby': 'findings-title' },
    h('h2', { class: 'card-title', id: 'findings-title' }, `Findings (${model.findings.length})`));
  if (!model.findings.length) {
    findings.appendChild(h('p', { class: 'muted' }, 'No problems found: no N+1 queries, sequential calls, retries, slow network or errors.'));
  }
  for (const f of model.findings) {
    findings.appendChild(h('article', { class: `finding sev-${f.severity.toLowerCase()}`, dataset: { type: f.type, key: f.key } },
      h('header', { class: 'finding-head' },
        severityBadge(f.severity),
        h('h3', null, findingLabel(f.type)),
        h('span', { class: 'finding-stake' }, `${fmt.duration(f.timeAtStakeMicros)} at stake`)),
      h('p', { class: 'finding-message' }, f.message),
      h('button', { type: 'button', class: 'link-btn finding-show', onclick: () => highlightFinding(f) },
        `Show ${fmt.count(f.spanCount, 'span')} in the timeline →`)));
  }
  if (a.omittedFindingCount) {
    findings.appendChild(h('p', { class: 'muted small' }, `${a.omittedFindingCount} smaller findings left out.`));
  }

  // Service breakdown.
  const breakdown = h('section', { class: 'card breakdown', 'aria-labelledby': 'breakdown-title' },
    h('h2', { class: 'card-title', id: 'breakdown-title' }, 'Where the time went'),
    h('p', { class: 'muted small' }, 'Self time per service: time in its spans not covered by their children.'));
  const table = h('table', { class: 'bars', id: 'service-breakdown' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Share of self time'),
      h('th', { scope: 'col', class: 'num' }, 'Self'), h('th', { scope: 'col', class: 'num' }, 'Spans'), h('th', { scope: 'col', class: 'num' }, 'Errors'))),
    h('tbody', null, a.serviceBreakdown.map((s) => h('tr', { dataset: { service: s.service } },
      h('th', { scope: 'row' }, serviceChip(s.service)),
      h('td', { class: 'bar-cell' }, h('div', { class: 'pbar', role: 'img', 'aria-label': fmt.percent(s.selfTimePercent) },
        h('div', { class: 'pbar-fill', style: { width: `${Math.min(100, s.selfTimePercent)}%`, '--svc': serviceColor(s.service) } })),
      h('span', { class: 'pbar-text' }, fmt.percent(s.selfTimePercent))),
      h('td', { class: 'num' }, fmt.duration(s.selfTimeMicros)),
      h('td', { class: 'num' }, String(s.spanCount)),
      h('td', { class: ['num', s.errorCount ? 'text-error' : ''] }, String(s.errorCount))))));
  breakdown.appendChild(table);

  const ops = a.operationBreakdown.slice(0, 12);
  breakdown.appendChild(h('h3', null, 'Top operations'));
  breakdown.appendChild(h('table', { class: 'bars ops' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Operation'), h('th', { scope: 'col' }, 'Share'),
      h('th', { scope: 'col', class: 'num' }, 'Self'), h('th', { scope: 'col', class: 'num' }, 'Count'))),
    h('tbody', null, ops.map((o) => h('tr', null,
      h('th', { scope: 'row' }, h('span', { class: 'op-name', title: o.operation }, o.operation),
        h('span', { class: 'muted small' }, ` ${o.service}`)),
      h('td', { class: 'bar-cell' }, h('div', { class: 'pbar' },
        h('div', { class: 'pbar-fill', style: { width: `${Math.min(100, o.selfTimePercent)}%`, '--svc': serviceColor(o.service) } })),
      h('span', { class: 'pbar-text' }, fmt.percent(o.selfTimePercent))),
      h('td', { class: 'num' }, fmt.duration(o.selfTimeMicros)),
      h('td', { class: 'num' }, String(o.spanCount)))))));

  // Critical path.
  const cp = h('section', { class: 'card critical', 'aria-labelledby': 'cp-title' },
    h('h2', { class: 'card-title', id: 'cp-title' }, 'Critical path'),
    h('p', { class: 'muted small' }, 'The chain of spans that bounds the end-to-end latency, in time order.'));
  const total = Math.max(1, model.duration);
  const shown = a.criticalPath.slice(0, 200);
  cp.appendChild(h('table', { class: 'cp-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'At'), h('th', { scope: 'col' }, 'Span'),
      h('th', { scope: 'col', class: 'num' }, 'Contribution'))),
    h('tbody', null, shown.map((seg) => h('tr', null,
      h('td', { class: 'mono muted' }, fmt.offset(seg.startOffsetMicros)),
      h('td', null, model.index.has(seg.spanId) || model.page.paged
        ? h('button', { type: 'button', class: 'link-btn', onclick: () => selectSpan(seg.spanId) },
          serviceChip(seg.service, 'svc-chip-small'), ' ', seg.name)
        : h('span', { class: 'muted' }, seg.name)),
      h('td', { class: 'num' }, `${fmt.duration(seg.contributionMicros)} `,
        h('span', { class: 'muted small' }, fmt.percent((seg.contributionMicros / total) * 100, 0))))))));
  if (a.criticalPath.length > shown.length) {
    cp.appendChild(h('p', { class: 'muted small' }, `${a.criticalPath.length - shown.length} more sections not shown.`));
  }

  grid.append(findings, breakdown, cp);
  if (a.clockSkewCorrections.length) {
    grid.appendChild(h('section', { class: 'card' }, h('h2', { class: 'card-title' }, 'Clock skew corrections'),
      h('ul', null, a.clockSkewCorrections.slice(0, 50).map((c) => h('li', null,
        h('button', { type: 'button', class: 'link-btn', onclick: () => selectSpan(c.spanId) }, `${c.service} span ${c.spanId}`),
        ` moved ${c.shiftMicros < 0 ? 'earlier' : 'later'} by ${fmt.duration(Math.abs(c.shiftMicros))} into its parent in ${c.parentService}`)))));
  }
  panel.appendChild(grid);
}

// ---- logs tab --------------------------------------------------------------------------

function renderLogs(panel, model, { selectSpan }) {
  const level = h('select', { id: 'log-level', 'aria-label': 'Minimum level' },
    h('option', { value: '' }, 'All levels'),
    LEVELS.slice(1).map((l) => h('option', { value: l }, `${l} and above`)));
  const service = h('select', { id: 'log-service', 'aria-label': 'Service' },
    h('option', { value: '' }, 'All services'),
    [...new Set(model.logs.map((l) => l.service))].sort().map((s) => h('option', { value: s }, s)));
  const text = h('input', { id: 'log-text', type: 'search', placeholder: 'Filter messages', 'aria-label': 'Filter messages' });
  const status = h('span', { class: 'muted small', role: 'status' });
  const body = h('tbody');
  const spanNames = new Map(model.nodes.map((x) => [x.id, x.name]));

  function draw() {
    const min = level.value ? LEVELS.indexOf(level.value) : -1;
    const needle = text.value.trim().toLowerCase();
    const rows = [];
    let matched = 0;
    for (const log of model.logs) {
      if (min >= 0 && LEVELS.indexOf(log.level) < min) continue;
      if (service.value && log.service !== service.value) continue;
      if (needle && !String(log.body).toLowerCase().includes(needle)) continue;
      matched++;
      if (rows.length >= MAX_LOG_ROWS) continue;
      rows.push(h('tr', { class: `log-row level-row-${(log.level || 'unset').toLowerCase()}` },
        h('td', { class: 'mono muted nowrap' }, fmt.offset(log.timeMicros - model.startMicros)),
        h('td', { class: 'mono nowrap' }, fmt.clock(log.timeMicros)),
        h('td', null, levelBadge(log.level)),
        h('td', null, serviceChip(log.service, 'svc-chip-small')),
        h('td', { class: 'log-body' }, log.body),
        h('td', null, log.spanId && spanNames.has(log.spanId)
          ? h('button', { type: 'button', class: 'link-btn', onclick: () => selectSpan(log.spanId), title: log.spanId },
            spanNames.get(log.spanId))
          : h('span', { class: 'muted mono' }, log.spanId ? fmt.shortId(log.spanId) : '–'))));
    }
    replaceChildren(body, rows);
    status.textContent = `${fmt.count(matched, 'log')}${matched > rows.length ? `, first ${rows.length} shown` : ''}`;
  }
  level.addEventListener('change', draw);
  service.addEventListener('change', draw);
  text.addEventListener('input', draw);

  panel.appendChild(h('div', { class: 'logs-tools' }, level, service, text, status));
  if (!model.logs.length) {
    panel.appendChild(notice('No logs carry this trace id. Services that ship logs with trace_id/span_id (OTLP /v1/logs) show them here.'));
    return;
  }
  panel.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'logs', id: 'trace-logs' },
    h('thead', null, h('tr', null, ['Offset', 'Time', 'Level', 'Service', 'Message', 'Span'].map((c) => h('th', { scope: 'col' }, c)))),
    body)));
  draw();
}
