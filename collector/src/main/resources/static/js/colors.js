// One stable color per service name (the same on every page and every visit).

const PALETTE = [
  '#3b6fb6', '#e07b28', '#3f9142', '#8e5ea2', '#2a9d9a',
  '#c9a227', '#d45d8c', '#8c6d4f', '#5b7f95', '#7a8a1f',
];

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function serviceColor(service) {
  return PALETTE[hash(service || '') % PALETTE.length];
}
