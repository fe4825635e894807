// Service map: /api/dependencies drawn as a layered graph in SVG (callers left, callees
// right). Edges carry call counts and p50/p99 latency; their color says how many calls failed.
import { api, aborted } from './api.js';
import { h, svg, notice, replaceChildren } from './dom.js';
import { layoutGraph } from './graph-layout.js';
import { serviceColor, reserveColors } from './colors.js';
import { serviceChip } from './widgets.js';
import * as fmt from './format.js';

const RANGES = [['15m', 'Last 15 minutes'], ['1h', 'Last hour'], ['6h', 'Last 6 hours'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days']];
const RANGE_AGO = { '15m': '15m', '1h': '1h', '6h': '6h', '24h': '24h', '7d': '168h' };
const NODE_W = 176;
const NODE_H = 50;
const COL_GAP = 220;
const ROW_GAP = 56;
const PAD = 24;
const LOOP_ROOM = 70;

const ERROR_LEVELS = [
  { max: 0, key: 'ok', color: '#5f6b7a', label: 'no errors' },
  { max: 0.05, key: 'some', color: '#a35c00', label: 'up to 5% errors' },
  { max: Infinity, key: 'many', color: '#c4221b', label: 'over 5% errors' },
];

function errorLevel(link) {
  const rate = link.callCount ? link.errorCount / link.callCount : 0;
  return ERROR_LEVELS.find((l) => rate <= l.max);
}

function errorText(link) {
  if (!link.errorCount) return 'no errors';
  return `${fmt.count(link.errorCount, 'error')} (${errorPercent(link)})`;
}

/** The y of a cubic Bezier curve (monotonic in x) where it passes x. */
function cubicYAt(p0, p1, p2, p3, x) {
  const at = (t, k) => {
    const u = 1 - t;
    return u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k];
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid, 0) < x) lo = mid; else hi = mid;
  }
  return at((lo + hi) / 2, 1);
}

function errorPercent(link) {
  const rate = (100 * link.errorCount) / link.callCount;
  return fmt.percent(rate, rate < 1 ? 1 : 0);
}

function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function mount(root, args, params) {
  const controller = new AbortController();
  const range = RANGE_AGO[params.get('range')] ? params.get('range') : '1h';
  const select = h('select', { id: 'map-range', 'aria-label': 'Time range' },
    RANGES.map(([v, label]) => h('option', { value: v, selected: v === range }, label)));
  select.addEventListener('change', () => { location.hash = `#/map?range=${select.value}`; });
  const body = h('div', { class: 'map-body' }, notice('Loading the service map…'));
  const legend = h('div', { class: 'legend map-legend' }, ERROR_LEVELS.map((l) => h('span', { class: 'legend-item' },
    h('span', { class: 'legend-line', style: { background: l.color }, 'aria-hidden': 'true' }), l.label)));
  root.appendChild(h('div', { class: 'page page-map' },
    h('div', { class: 'page-head' },
      h('h1', null, 'Service map'),
      h('div', { class: 'page-tools' }, select, h('button', { type: 'button', class: 'btn', onclick: () => load() }, 'Refresh'))),
    legend, body));

  async function load() {
    try {
      const links = await api.dependencies(new URLSearchParams({ start: `-${RANGE_AGO[range]}` }), { signal: controller.signal });
      draw(body, links);
    } catch (e) {
      if (!aborted(e)) replaceChildren(body, notice(`Could not load dependencies: ${e.message}`, 'error'));
    }
  }
  load();
  return { unmount: () => controller.abort() };
}

function draw(body, links) {
  if (!links.length) {
    replaceChildren(body, notice('No calls between services in this time range. Edges appear once traced services call each other.'));
    return;
  }
  const names = new Set();
  for (const l of links) { names.add(l.parent); names.add(l.child); }
  reserveColors([...names].sort());
  const layout = layoutGraph(names, links.map((l) => ({ from: l.parent, to: l.child, weight: l.callCount })));
  const rows = Math.max(...layout.layers.map((l) => l.length));
  const innerHeight = rows * NODE_H + (rows - 1) * ROW_GAP;
  const hasLoops = links.some((l) => layout.isBack(l.parent, l.child));
  const width = PAD * 2 + layout.layers.length * NODE_W + (layout.layers.length - 1) * COL_GAP;
  const height = PAD * 2 + innerHeight + (hasLoops ? LOOP_ROOM : 0) + 12;

  const box = new Map();
  layout.layers.forEach((list, l) => {
    const layerHeight = list.length * NODE_H + (list.length - 1) * ROW_GAP;
    const top = PAD + 12 + (innerHeight - layerHeight) / 2;
    list.forEach((name, i) => box.set(name, { x: PAD + l * (NODE_W + COL_GAP), y: top + i * (NODE_H + ROW_GAP) }));
  });

  // Spread the ports of a node's edges along its side, in the order of the other ends.
  const outgoing = new Map();
  const incoming = new Map();
  for (const l of links) {
    if (layout.isBack(l.parent, l.child)) continue;
    if (!outgoing.has(l.parent)) outgoing.set(l.parent, []);
    if (!incoming.has(l.child)) incoming.set(l.child, []);
    outgoing.get(l.parent).push(l);
    incoming.get(l.child).push(l);
  }
  const portY = new Map();
  for (const [name, list] of outgoing) {
    list.sort((a, b) => box.get(a.child).y - box.get(b.child).y);
    list.forEach((l, k) => portY.set(`out:${l.parent}:${l.child}`, box.get(name).y + (NODE_H * (k + 1)) / (list.length + 1)));
  }
  for (const [name, list] of incoming) {
    list.sort((a, b) => box.get(a.parent).y - box.get(b.parent).y);
    list.forEach((l, k) => portY.set(`in:${l.parent}:${l.child}`, box.get(name).y + (NODE_H * (k + 1)) / (list.length + 1)));
  }

  const callsIn = new Map();
  const callsOut = new Map();
  for (const l of links) {
    callsIn.set(l.child, (callsIn.get(l.child) || 0) + l.callCount);
    callsOut.set(l.parent, (callsOut.get(l.parent) || 0) + l.callCount);
  }

  const defs = svg('defs', null, ERROR_LEVELS.map((lvl) => svg('marker', {
    id: `arrow-${lvl.key}`, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '10', markerHeight: '10', orient: 'auto', markerUnits: 'userSpaceOnUse',
  }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: lvl.color }))));

  const edgeLayer = svg('g', { class: 'edges' });
  const labelLayer = svg('g', { class: 'edge-labels' });
  const labels = [];
  for (const l of links) {
    const lvl = errorLevel(l);
    const a = box.get(l.parent);
    const b = box.get(l.child);
    let d;
    let lx;
    let ly;
    if (l.parent === l.child) {
      const x = a.x + NODE_W - 30;
      d = `M${x},${a.y} C${x - 10},${a.y - 46} ${x + 50},${a.y - 46} ${x + 30},${a.y + 8}`;
      lx = x + 12;
      ly = a.y - 34;
    } else if (layout.isBack(l.parent, l.child)) {
      const x1 = a.x + NODE_W / 2;
      const x2 = b.x + NODE_W / 2;
      const y1 = a.y + NODE_H;
      const y2 = b.y + NODE_H;
      const bottom = PAD + 12 + innerHeight + LOOP_ROOM - 10;
      d = `M${x1},${y1} C${x1},${bottom} ${x2},${bottom} ${x2},${y2 + 2}`;
      lx = (x1 + x2) / 2;
      ly = (y1 + y2) / 4 + (3 * bottom) / 4 - 8;
    } else {
      const x1 = a.x + NODE_W;
      const y1 = portY.get(`out:${l.parent}:${l.child}`);
      const x2 = b.x - 2;
      const y2 = portY.get(`in:${l.parent}:${l.child}`);
      const dx = Math.max(40, (x2 - x1) / 2);
      d = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
      // The label sits in the gap before the callee, clear of nodes of layers in between.
      lx = x2 - COL_GAP / 2;
      ly = cubicYAt([x1, y1], [x1 + dx, y1], [x2 - dx, y2], [x2, y2], lx);
    }
    const strokeWidth = 1.5 + Math.min(3.5, Math.log10(l.callCount + 1) * 1.4);
    const summary = `${l.parent} → ${l.child}: ${fmt.count(l.callCount, 'call')}, ${errorText(l)}, `
      + `p50 ${fmt.duration(l.p50Micros)}, p99 ${fmt.duration(l.p99Micros)}`;
    const group = svg('g', {
      class: `edge edge-${lvl.key}`, tabindex: '0', role: 'img', 'aria-label': summary,
      'data-parent': l.parent, 'data-child': l.child,
    },
    svg('title', null, summary),
    svg('path', { class: 'edge-hit', d }),
    svg('path', { class: 'edge-line', d, stroke: lvl.color, 'stroke-width': strokeWidth.toFixed(1), 'marker-end': `url(#arrow-${lvl.key})` }));
    edgeLayer.appendChild(group);

    const line1 = `${fmt.count(l.callCount, 'call')}${l.errorCount ? ` · ${errorPercent(l)} errors` : ''}`;
    const line2 = `p50 ${fmt.duration(l.p50Micros)} · p99 ${fmt.duration(l.p99Micros)}`;
    const w = Math.max(line1.length, line2.length) * 6.3 + 14;
    labels.push({ l, lvl, lx, ly, w, line1, line2 });
  }
  // Labels that would overlap move down until they do not.
  const placed = [];
  for (const label of labels.sort((x, y) => x.lx - y.lx || x.ly - y.ly)) {
    for (let tries = 0; tries < 60; tries++) {
      const hit = placed.find((o) => Math.abs(o.lx - label.lx) < (o.w + label.w) / 2 + 4 && Math.abs(o.ly - label.ly) < 38);
      if (!hit) break;
      label.ly = hit.ly + 38;
    }
    placed.push(label);
  }
  for (const { l, lvl, lx, ly, w, line1, line2 } of placed) {
    labelLayer.appendChild(svg('g', {
      class: `edge-label edge-label-${lvl.key}`, transform: `translate(${lx},${ly})`,
      'data-parent': l.parent, 'data-child': l.child, 'aria-hidden': 'true',
    },
    svg('rect', { x: (-w / 2).toFixed(1), y: '-17', width: w.toFixed(1), height: '34', rx: '6' }),
    svg('text', { class: 'edge-calls', x: '0', y: '-3', fill: lvl.key === 'ok' ? '#1b2230' : lvl.color }, line1),
    svg('text', { class: 'edge-latency', x: '0', y: '11' }, line2)));
  }

  const nodeLayer = svg('g', { class: 'nodes' });
  for (const [name, b] of box) {
    const color = serviceColor(name);
    const sub = [callsIn.get(name) ? `${callsIn.get(name)} in` : null, callsOut.get(name) ? `${callsOut.get(name)} out` : null]
      .filter(Boolean).join(' · ');
    const node = svg('g', {
      class: 'node', transform: `translate(${b.x},${b.y})`, 'data-service': name, tabindex: '0', role: 'img',
      'aria-label': `${name}: ${sub || 'no calls'}`,
    },
    svg('title', null, `${name}\n${sub}`),
    svg('rect', { class: 'node-box', width: String(NODE_W), height: String(NODE_H), rx: '8' }),
    svg('rect', { class: 'node-stripe', width: '6', height: String(NODE_H), rx: '3', fill: color }),
    svg('text', { class: 'node-name', x: '16', y: '21' }, truncate(name, 22)),
    svg('text', { class: 'node-sub', x: '16', y: '38' }, sub || ' '));
    const related = () => [...edgeLayer.children, ...labelLayer.children]
      .filter((e) => e.getAttribute('data-parent') === name || e.getAttribute('data-child') === name);
    const on = () => { related().forEach((e) => e.classList.add('is-related')); edgeLayer.parentNode.classList.add('has-focus'); };
    const off = () => { related().forEach((e) => e.classList.remove('is-related')); edgeLayer.parentNode.classList.remove('has-focus'); };
    node.addEventListener('mouseenter', on);
    node.addEventListener('mouseleave', off);
    node.addEventListener('focus', on);
    node.addEventListener('blur', off);
    nodeLayer.appendChild(node);
  }

  const fullHeight = Math.ceil(Math.max(height, ...placed.map((p) => p.ly + 24)));
  const map = svg('svg', {
    class: 'service-map', id: 'service-map', width: String(width), height: String(fullHeight),
    viewBox: `0 0 ${width} ${fullHeight}`, role: 'group', 'aria-label': `Service map: ${names.size} services, ${links.length} edges`,
  }, defs, svg('g', { class: 'graph' }, edgeLayer, nodeLayer, labelLayer));

  const table = h('table', { class: 'edges-table', id: 'edges-table' },
    h('caption', null, 'Calls between services'),
    h('thead', null, h('tr', null, ['Caller', 'Callee', 'Calls', 'Errors', 'p50', 'p99'].map((c, k) =>
      h('th', { scope: 'col', class: k >= 2 ? 'num' : '' }, c)))),
    h('tbody', null, links.slice().sort((x, y) => y.callCount - x.callCount).map((l) => h('tr', null,
      h('td', null, serviceChip(l.parent, 'svc-chip-small')),
      h('td', null, serviceChip(l.child, 'svc-chip-small')),
      h('td', { class: 'num' }, l.callCount.toLocaleString('en-US')),
      h('td', { class: ['num', l.errorCount ? 'text-error' : ''] }, errorText(l)),
      h('td', { class: 'num' }, fmt.duration(l.p50Micros)),
      h('td', { class: 'num' }, fmt.duration(l.p99Micros))))));

  replaceChildren(body, h('div', { class: 'card map-card' }, h('div', { class: 'map-scroll' }, map)),
    h('div', { class: 'card table-wrap' }, table));
}
