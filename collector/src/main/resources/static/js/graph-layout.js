// Layered layout of a directed graph for the service map: callers left, callees right.
// Back edges of cycles are set aside first (depth-first search), then each node's layer is the
// longest path to it, and nodes within a layer are ordered by the mean position of their
// neighbours (a few barycenter sweeps) to keep edges from crossing.

export function layoutGraph(nodeNames, edges) {
  const names = [...nodeNames].sort();
  const out = new Map(names.map((n) => [n, []]));
  for (const e of edges) {
    if (e.from !== e.to) out.get(e.from).push(e.to);
  }
  for (const list of out.values()) list.sort();

  // Back edges: edges to a node still on the depth-first stack. The search starts from the
  // nodes that call more than they are called, so in a cycle the entry service stays left.
  const balance = new Map(names.map((n) => [n, 0]));
  for (const e of edges) {
    const w = e.weight || 1;
    balance.set(e.from, balance.get(e.from) - w);
    balance.set(e.to, balance.get(e.to) + w);
  }
  const starts = names.slice().sort((x, y) => balance.get(x) - balance.get(y) || (x < y ? -1 : 1));
  const state = new Map(); // 1 = on stack, 2 = done
  const back = new Set();
  for (const start of starts) {
    if (state.has(start)) continue;
    const stack = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, k] = top;
      const next = out.get(node)[k];
      if (next === undefined) {
        state.set(node, 2);
        stack.pop();
        continue;
      }
      top[1] = k + 1;
      if (state.get(next) === 1) {
        back.add(`${node}\u0000${next}`);
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  const isBack = (from, to) => from === to || back.has(`${from}\u0000${to}`);

  // Longest-path layering over the acyclic rest (Kahn's order).
  const indegree = new Map(names.map((n) => [n, 0]));
  for (const [from, tos] of out) for (const to of tos) if (!isBack(from, to)) indegree.set(to, indegree.get(to) + 1);
  const layer = new Map(names.map((n) => [n, 0]));
  const queue = names.filter((n) => indegree.get(n) === 0);
  while (queue.length) {
    const node = queue.shift();
    for (const to of out.get(node)) {
      if (isBack(node, to)) continue;
      layer.set(to, Math.max(layer.get(to), layer.get(node) + 1));
      indegree.set(to, indegree.get(to) - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }

  const layers = [];
  for (const n of names) {
    const l = layer.get(n);
    while (layers.length <= l) layers.push([]);
    layers[l].push(n);
  }
  const incoming = new Map(names.map((n) => [n, []]));
  for (const [from, tos] of out) for (const to of tos) incoming.get(to).push(from);

  const position = new Map();
  const renumber = () => layers.forEach((list) => list.forEach((n, i) => position.set(n, i)));
  renumber();
  const barycenter = (node, neighbours) => {
    const ps = neighbours.filter((m) => position.has(m)).map((m) => position.get(m));
    return ps.length ? ps.reduce((s, p) => s + p, 0) / ps.length : position.get(node);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const forward = sweep % 2 === 0;
    const order = forward ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const list of order) {
      const score = new Map(list.map((n) => [n, barycenter(n, forward ? incoming.get(n) : out.get(n))]));
      list.sort((x, y) => score.get(x) - score.get(y) || (x < y ? -1 : 1));
      list.forEach((n, i) => position.set(n, i));
    }
  }
  renumber();
  return { layers, layer, position, isBack };
}
