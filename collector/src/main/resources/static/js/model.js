// Builds the trace page's model from the stored trace (/api/traces/{id}) and its analysis
// (/api/traces/{id}/analysis): spans in depth-first order with depth, offsets, critical-path
// sections, findings and logs attached. Without an analysis the tree is built here (no skew
// correction, no critical path). The API pages a huge trace (offset, limit, spanCount): the
// model then holds one page of spans, placed in the whole trace's time and tree.
import { findingLabel } from './widgets.js';

function spanTreeFromRaw(spans) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map();
  const roots = [];
  for (const s of spans) {
    if (s.parentSpanId && byId.has(s.parentSpanId) && s.parentSpanId !== s.spanId) {
      if (!children.has(s.parentSpanId)) children.set(s.parentSpanId, []);
      children.get(s.parentSpanId).push(s);
    } else {
      roots.push(s);
    }
  }
  const byStart = (a, b) => a.startMicros - b.startMicros || (a.spanId < b.spanId ? -1 : 1);
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);
  const start = spans.reduce((m, s) => Math.min(m, s.startMicros), Infinity);
  const out = [];
  const seen = new Set();
  const stack = roots.slice().reverse().map((s) => [s, 0]);
  while (stack.length) {
    const [s, depth] = stack.pop();
    if (seen.has(s.spanId)) continue; // a parent cycle
    seen.add(s.spanId);
    out.push({
      spanId: s.spanId, parentSpanId: s.parentSpanId || null, depth, service: s.service, name: s.name,
      kind: s.kind, error: s.status && s.status.code === 'ERROR', orphan: depth === 0 && !!s.parentSpanId,
      startOffsetMicros: s.startMicros - start, durationMicros: s.durationMicros, selfTimeMicros: null,
    });
    const kids = children.get(s.spanId) || [];
    for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], depth + 1]);
  }
  return { nodes: out, start };
}

/**
 * The spans of one page, in the whole trace's depth-first order, each nested under its nearest
 * ancestor on the page (depth-first order keeps a subtree together, so the sequence stays a valid
 * depth-first walk). parentElsewhere marks a span whose parent is on another page.
 */
function pageOfTree(tree, onPage) {
  const byId = new Map(tree.map((t) => [t.spanId, t]));
  const depthOf = new Map();
  const out = [];
  for (const t of tree) {
    if (!onPage.has(t.spanId)) continue;
    let ancestor = t.parentSpanId ? byId.get(t.parentSpanId) : undefined;
    while (ancestor && !depthOf.has(ancestor.spanId)) {
      ancestor = ancestor.parentSpanId ? byId.get(ancestor.parentSpanId) : undefined;
    }
    const depth = ancestor ? depthOf.get(ancestor.spanId) + 1 : 0;
    depthOf.set(t.spanId, depth);
    out.push({ ...t, depth, parentElsewhere: !!t.parentSpanId && byId.has(t.parentSpanId) && !onPage.has(t.parentSpanId) });
  }
  return out;
}

/** Where this response sits in the trace's spans: {offset, limit, count, paged}. */
function pageOf(trace) {
  const count = Number.isFinite(trace.spanCount) ? trace.spanCount : trace.spans.length;
  const offset = Number.isFinite(trace.offset) ? trace.offset : 0;
  const limit = Number.isFinite(trace.limit) && trace.limit > 0 ? trace.limit : Math.max(1, count);
  return { offset, limit, count, paged: offset > 0 || !!trace.truncated };
}

export function buildModel(trace, analysis) {
  const raw = new Map(trace.spans.map((s) => [s.spanId, s]));
  const page = pageOf(trace);
  let tree;
  let wholeTree;
  let startMicros;
  let duration;
  if (analysis) {
    wholeTree = analysis.spans;
    tree = page.paged ? pageOfTree(wholeTree, new Set(raw.keys())) : wholeTree;
    startMicros = analysis.startEpochMicros;
    duration = analysis.durationMicros;
  } else {
    const built = spanTreeFromRaw(trace.spans);
    // One page alone cannot tell a span whose parent is on another page from an orphan.
    tree = page.paged ? built.nodes.map((t) => ({ ...t, orphan: false, parentElsewhere: t.orphan })) : built.nodes;
    wholeTree = tree;
    startMicros = built.start;
    duration = trace.spans.reduce((m, s) => Math.max(m, s.startMicros + s.durationMicros - built.start), 0);
  }

  const critical = new Map();
  for (const seg of (analysis && analysis.criticalPath) || []) {
    if (!critical.has(seg.spanId)) critical.set(seg.spanId, []);
    critical.get(seg.spanId).push({ start: seg.startOffsetMicros, length: seg.contributionMicros });
  }
  const findings = ((analysis && analysis.findings) || []).map((f, k) => ({ ...f, key: k, label: findingLabel(f.type) }));
  const findingsBySpan = new Map();
  for (const f of findings) {
    for (const id of f.spanIds) {
      if (!findingsBySpan.has(id)) findingsBySpan.set(id, []);
      findingsBySpan.get(id).push(f);
    }
  }
  const logs = trace.logs.slice().sort((a, b) => a.timeMicros - b.timeMicros);
  const logsBySpan = new Map();
  for (const log of logs) {
    if (!log.spanId) continue;
    if (!logsBySpan.has(log.spanId)) logsBySpan.set(log.spanId, []);
    logsBySpan.get(log.spanId).push(log);
  }

  const n = tree.length;
  const nodes = new Array(n);
  const index = new Map();
  for (let i = 0; i < n; i++) {
    const t = tree[i];
    nodes[i] = {
      id: t.spanId,
      parentId: t.parentSpanId,
      depth: t.depth,
      service: t.service,
      name: t.name,
      kind: t.kind,
      error: !!t.error,
      orphan: !!t.orphan,
      parentElsewhere: !!t.parentElsewhere,
      start: t.startOffsetMicros,
      duration: t.durationMicros,
      self: t.selfTimeMicros,
      raw: raw.get(t.spanId) || null,
      critical: critical.get(t.spanId) || [],
      findings: findingsBySpan.get(t.spanId) || [],
      logs: logsBySpan.get(t.spanId) || [],
    };
    index.set(t.spanId, i);
  }

  // Depth-first order: a node's subtree is the run of following nodes that are deeper.
  const subtreeEnd = new Int32Array(n);
  const parentIndex = new Int32Array(n);
  const stack = [];
  for (let i = 0; i < n; i++) {
    while (stack.length && nodes[stack[stack.length - 1]].depth >= nodes[i].depth) subtreeEnd[stack.pop()] = i;
    parentIndex[i] = stack.length ? stack[stack.length - 1] : -1;
    stack.push(i);
  }
  while (stack.length) subtreeEnd[stack.pop()] = n;

  const services = [...new Set(nodes.map((x) => x.service))].sort();
  return {
    traceId: trace.traceId,
    trace,
    analysis,
    nodes,
    index,
    subtreeEnd,
    parentIndex,
    startMicros,
    duration,
    services,
    findings,
    logs,
    page,
    // The whole trace's figures, whatever page is shown (errors and depth without an analysis: the page's).
    spanCount: page.count,
    errorCount: wholeTree.filter((x) => x.error).length,
    depth: wholeTree.reduce((d, x) => Math.max(d, x.depth + 1), 0),
  };
}
