// One color per service name. A name's color comes from its hash; when that color is taken by
// another service already shown, the next free one is used, so the services of one page never
// share a color (until more services than colors are on screen).

const PALETTE = [
  '#3b78c2', '#e8833a', '#3a9a5b', '#8e5cb8', '#2aa1a8',
  '#c99a1e', '#d4609a', '#6b7fd7', '#7a9a2e', '#5f7d95',
];

const assigned = new Map();
const taken = new Set();

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function serviceColor(service) {
  const name = service || '';
  let color = assigned.get(name);
  if (color) return color;
  const start = hash(name) % PALETTE.length;
  color = PALETTE[start];
  for (let k = 0; k < PALETTE.length; k++) {
    const candidate = PALETTE[(start + k) % PALETTE.length];
    if (!taken.has(candidate)) {
      color = candidate;
      break;
    }
  }
  assigned.set(name, color);
  taken.add(color);
  return color;
}

/** Assigns colors to these services first, in order (so a page's services get distinct ones). */
export function reserveColors(services) {
  for (const s of services) serviceColor(s);
}
