// The span waterfall: a collapsible tree with a time axis, drawn as a virtualized list. Rows
// have a fixed height and absolute positions; only the rows in (or near) the viewport exist in
// the DOM, so a trace of 10,000 spans costs about as much as one of 50.
import { h, replaceChildren } from './dom.js';
import { serviceColor } from './colors.js';
import * as fmt from './format.js';

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;
const MAX_INDENT_LEVELS = 24;
const INDENT = 14;

/**
 * model.nodes: spans in depth-first order, each {id, depth, service, name, kind, error, start,
 * duration, critical: [{start, length}], findings: [...]}; model.subtreeEnd[i]: the index after
 * node i's subtree; model.parentIndex[i]: its parent's index or -1; model.duration: the trace's.
 * onSelect(index) is called when a span is opened (click, Enter).
 */
export function createWaterfall(model, { onSelect }) {
  const nodes = model.nodes;
  const n = nodes.length;
  const collapsed = new Uint8Array(n);
  const highlighted = new Uint8Array(n);
  let visible = new Int32Array(0);
  let cursor = 0; // a position in visible
  let selected = -1; // a node index
  const rows = new Map(); // position in visible -> row element
  let frame = 0;

  const hasChildren = (i) => model.subtreeEnd[i] > i + 1;
  const total = Math.max(1, model.duration);
  const pct = (micros) => `${Math.min(100, Math.max(0, (micros / total) * 100))}%`;

  const canvas = h('div', { class: 'wf-canvas' });
  const viewport = h('div', {
    class: 'wf-viewport', role: 'tree', 'aria-label': 'Spans of the trace (arrow keys move, Enter opens)',
    'aria-multiselectable': 'false',
  }, canvas);
  const axis = h('div', { class: 'wf-axis', 'aria-hidden': 'true' });
  const header = h('div', { class: 'wf-header' },
    h('div', { class: 'wf-header-label' }, 'Service · operation'), axis);
  const element = h('div', { class: 'waterfall' }, header, viewport);

  /** Ticks at round values (1, 2 or 5 times a power of ten), about five across. */
  function drawAxis() {
    const raw = Math.max(1, model.duration) / 5;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const ticks = [];
    for (let k = 0, at = 0; at <= model.duration; k++, at = k * step) {
      const frac = at / Math.max(1, model.duration);
      ticks.push(h('span', {
        class: ['wf-tick', k === 0 ? 'wf-tick-first' : '', frac > 0.94 ? 'wf-tick-last' : ''],
        style: { left: `${frac * 100}%` },
      }, k === 0 ? '0' : fmt.duration(at)));
    }
    replaceChildren(axis, ticks);
  }

  function flatten() {
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n;) {
      out[k++] = i;
      i = collapsed[i] ? model.subtreeEnd[i] : i + 1;
    }
    return out.subarray(0, k);
  }

  /** The position of node i in visible, or -1 (binary search: visible keeps depth-first order). */
  function positionOf(i) {
    let lo = 0;
    let hi = visible.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (visible[mid] === i) return mid;
      if (visible[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  function makeRow(p) {
    const i = visible[p];
    const node = nodes[i];
    const kids = hasChildren(i);
    const depth = Math.min(node.depth, MAX_INDENT_LEVELS);
    const label = h('div', { class: 'wf-label', style: { 'padding-left': `${6 + depth * INDENT}px` } },
      kids
        ? h('button', {
          class: 'wf-toggle', type: 'button', tabindex: '-1',
          'aria-label': collapsed[i] ? `Expand ${node.name}` : `Collapse ${node.name}`,
        }, collapsed[i] ? '▸' : '▾')
        : h('span', { class: 'wf-toggle-spacer', 'aria-hidden': 'true' }),
      node.depth > MAX_INDENT_LEVELS ? h('span', { class: 'wf-deep', title: `depth ${node.depth}` }, `${node.depth}›`) : null,
      h('span', { class: 'svc-dot', style: { '--svc': serviceColor(node.service) }, 'aria-hidden': 'true' }),
      // The service name where it changes; the color mark says it on every row.
      model.parentIndex[i] < 0 || nodes[model.parentIndex[i]].service !== node.service
        ? h('span', { class: 'wf-svc' }, node.service)
        : null,
      h('span', { class: 'wf-name', title: node.name }, node.name),
      node.error ? h('span', { class: 'wf-flag wf-flag-error', title: 'Error status' }, '!') : null,
      node.findings.length
        ? h('span', { class: 'wf-flag wf-flag-finding', title: node.findings.map((f) => f.label).join(', ') }, '⚑')
        : null,
      collapsed[i] ? h('span', { class: 'wf-hidden-count' }, `+${model.subtreeEnd[i] - i - 1}`) : null);

    const left = (node.start / total) * 100;
    const width = Math.max(0.2, (node.duration / total) * 100);
    const bar = h('div', {
      class: 'wf-bar', style: { left: `${left}%`, width: `${Math.min(width, 100 - left)}%`, '--svc': serviceColor(node.service) },
    });
    const sections = node.critical.map((c) => h('div', {
      class: 'wf-cp', style: { left: pct(c.start), width: `max(2px, ${pct(c.length)})` },
    }));
    // The duration goes right of the bar, else left of it, else (a bar across the whole
    // timeline) inside its right end on a light pill.
    let place;
    if (left + width < 84) {
      place = { class: 'wf-dur', style: { left: `calc(${left + width}% + 6px)` } };
    } else if (left > 16) {
      place = { class: 'wf-dur', style: { right: `calc(${100 - left}% + 6px)` } };
    } else {
      place = { class: 'wf-dur wf-dur-inside', style: { right: `calc(${Math.max(0, 100 - left - width)}% + 4px)` } };
    }
    const durationLabel = h('span', place, fmt.duration(node.duration));
    const timeline = h('div', { class: 'wf-timeline' }, bar, sections, durationLabel);

    const row = h('div', {
      class: 'wf-row',
      role: 'treeitem',
      id: `wf-row-${node.id}`,
      'aria-level': String(node.depth + 1),
      'aria-label': `${node.service} ${node.name}, ${fmt.duration(node.duration)}${node.error ? ', error' : ''}`
        + `${node.critical.length ? ', on the critical path' : ''}`,
      dataset: { spanId: node.id, index: i },
      style: { top: `${p * ROW_HEIGHT}px` },
    }, label, timeline);
    if (kids) row.setAttribute('aria-expanded', collapsed[i] ? 'false' : 'true');
    applyState(row, p);
    return row;
  }

  function applyState(row, p) {
    const i = visible[p];
    const node = nodes[i];
    row.classList.toggle('is-error', node.error);
    row.classList.toggle('is-critical', node.critical.length > 0);
    row.classList.toggle('is-selected', i === selected);
    row.classList.toggle('is-highlighted', highlighted[i] === 1);
    row.classList.toggle('is-cursor', p === cursor);
    row.setAttribute('aria-selected', i === selected ? 'true' : 'false');
    row.tabIndex = p === cursor ? 0 : -1;
  }

  function render() {
    frame = 0;
    const top = viewport.scrollTop;
    const height = viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(visible.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    for (const [p, row] of rows) {
      if (p < first || p >= last) {
        row.remove();
        rows.delete(p);
      }
    }
    for (let p = first; p < last; p++) {
      if (!rows.has(p)) {
        const row = makeRow(p);
        rows.set(p, row);
        canvas.appendChild(row);
      }
    }
    header.style.paddingRight = `${viewport.offsetWidth - viewport.clientWidth}px`;
    // When the cursor row scrolled out of the DOM, the tree itself stays reachable with Tab.
    viewport.tabIndex = rows.has(cursor) ? -1 : 0;
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function rebuild() {
    const keep = visible.length ? visible[Math.min(cursor, visible.length - 1)] : 0;
    visible = flatten();
    canvas.style.height = `${visible.length * ROW_HEIGHT}px`;
    for (const row of rows.values()) row.remove();
    rows.clear();
    const p = positionOf(keep);
    cursor = p >= 0 ? p : Math.min(cursor, visible.length - 1);
    render();
  }

  function refreshStates() {
    for (const [p, row] of rows) applyState(row, p);
  }

  function scrollToPosition(p, center) {
    const rowTop = p * ROW_HEIGHT;
    const height = viewport.clientHeight || 600;
    if (center) {
      viewport.scrollTop = Math.max(0, rowTop - height / 2 + ROW_HEIGHT / 2);
    } else if (rowTop < viewport.scrollTop) {
      viewport.scrollTop = rowTop;
    } else if (rowTop + ROW_HEIGHT > viewport.scrollTop + height) {
      viewport.scrollTop = rowTop + ROW_HEIGHT - height;
    }
    render();
  }

  function moveCursor(p, { focus = true, center = false } = {}) {
    if (visible.length === 0) return;
    cursor = Math.max(0, Math.min(visible.length - 1, p));
    scrollToPosition(cursor, center);
    refreshStates();
    if (focus) {
      const row = rows.get(cursor);
      if (row) row.focus({ preventScroll: true });
    }
  }

  function expandAncestors(i) {
    let changed = false;
    for (let a = model.parentIndex[i]; a >= 0; a = model.parentIndex[a]) {
      if (collapsed[a]) {
        collapsed[a] = 0;
        changed = true;
      }
    }
    return changed;
  }

  function setCollapsed(i, value) {
    if (!hasChildren(i) || collapsed[i] === (value ? 1 : 0)) return;
    collapsed[i] = value ? 1 : 0;
    rebuild();
  }

  function open(i, { focus = true } = {}) {
    selected = i;
    const p = positionOf(i);
    if (p >= 0) moveCursor(p, { focus });
    refreshStates();
    onSelect(i);
  }

  canvas.addEventListener('click', (event) => {
    const row = event.target.closest('.wf-row');
    if (!row) return;
    const i = Number(row.dataset.index);
    if (event.target.closest('.wf-toggle')) {
      setCollapsed(i, !collapsed[i]);
      const p = positionOf(i);
      if (p >= 0) moveCursor(p);
      return;
    }
    open(i);
  });

  viewport.addEventListener('keydown', (event) => {
    if (visible.length === 0) return;
    const i = visible[cursor];
    const page = Math.max(1, Math.floor((viewport.clientHeight || 600) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown': moveCursor(cursor + 1); break;
      case 'ArrowUp': moveCursor(cursor - 1); break;
      case 'PageDown': moveCursor(cursor + page); break;
      case 'PageUp': moveCursor(cursor - page); break;
      case 'Home': moveCursor(0); break;
      case 'End': moveCursor(visible.length - 1); break;
      case 'ArrowRight':
        if (hasChildren(i) && collapsed[i]) {
          setCollapsed(i, false);
          moveCursor(positionOf(i));
        } else if (hasChildren(i)) {
          moveCursor(cursor + 1);
        }
        break;
      case 'ArrowLeft':
        if (hasChildren(i) && !collapsed[i]) {
          setCollapsed(i, true);
          moveCursor(positionOf(i));
        } else if (model.parentIndex[i] >= 0) {
          moveCursor(positionOf(model.parentIndex[i]));
        }
        break;
      case 'Enter':
      case ' ':
        open(i);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // A row that gets focus (Tab into the tree, a click) becomes the cursor.
  viewport.addEventListener('focusin', (event) => {
    const row = event.target.closest && event.target.closest('.wf-row');
    if (!row) return;
    const p = positionOf(Number(row.dataset.index));
    if (p >= 0 && p !== cursor) {
      cursor = p;
      refreshStates();
    }
  });

  viewport.addEventListener('focus', (event) => {
    if (event.target !== viewport || visible.length === 0) return;
    moveCursor(Math.min(visible.length - 1, Math.ceil(viewport.scrollTop / ROW_HEIGHT)));
  });

  viewport.addEventListener('scroll', schedule, { passive: true });
  const resize = new ResizeObserver(schedule);
  resize.observe(viewport);

  drawAxis();
  rebuild();

  return {
    element,
    /** Opens node i: expands its ancestors, scrolls to it, selects it. */
    select(i, { focus = true } = {}) {
      if (i < 0 || i >= n) return;
      if (expandAncestors(i)) rebuild();
      const p = positionOf(i);
      selected = i;
      cursor = p;
      scrollToPosition(p, true);
      refreshStates();
      if (focus && rows.get(p)) rows.get(p).focus({ preventScroll: true });
      onSelect(i);
    },
    /** Clears the selection (the detail panel closed) and gives the row focus back. */
    clearSelection() {
      selected = -1;
      refreshStates();
      const row = rows.get(cursor);
      if (row) row.focus({ preventScroll: true });
    },
    /** Marks these node indices (a finding's spans), expands their ancestors, shows the first. */
    highlight(indices) {
      highlighted.fill(0);
      let changed = false;
      for (const i of indices) {
        highlighted[i] = 1;
        changed = expandAncestors(i) || changed;
      }
      if (changed) rebuild();
      if (indices.length) {
        const first = Math.min(...indices);
        cursor = positionOf(first);
        scrollToPosition(cursor, true);
      }
      refreshStates();
    },
    expandAll() {
      collapsed.fill(0);
      rebuild();
    },
    /** Collapses everything below the top levels, keeping depth < keepDepth open. */
    collapseBelow(keepDepth) {
      for (let i = 0; i < n; i++) collapsed[i] = hasChildren(i) && nodes[i].depth >= keepDepth ? 1 : 0;
      rebuild();
    },
    focus() {
      const row = rows.get(cursor);
      if (row) row.focus({ preventScroll: true }); else viewport.focus();
    },
    destroy() {
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
