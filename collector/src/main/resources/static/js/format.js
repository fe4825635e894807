// Formatting of times, durations and numbers. Times from the API are microseconds.

export function duration(micros) {
  if (micros === null || micros === undefined || !Number.isFinite(micros)) return '–';
  const us = Math.max(0, micros);
  if (us < 1000) return `${Math.round(us)}µs`;
  if (us < 10_000) return `${(us / 1000).toFixed(2)}ms`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 100_000 ? 1 : 0)}ms`;
  if (us < 60_000_000) return `${(us / 1_000_000).toFixed(2)}s`;
  const s = Math.round(us / 1_000_000);
  return `${Math.floor(s / 60)}m ${s % 60}s`;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** Local wall-clock time with milliseconds: 14:03:27.512 */
export function clock(epochMicros) {
  const d = new Date(Math.floor(epochMicros / 1000));
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Local date and time: 2025-01-31 14:03:27 */
export function dateTime(epochMicros) {
  const d = new Date(Math.floor(epochMicros / 1000));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "12s ago", "3 min ago", "2 h ago", or the date for older times. */
export function ago(epochMicros, nowMillis = Date.now()) {
  const s = Math.round((nowMillis - epochMicros / 1000) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return dateTime(epochMicros);
}

export function count(n, singular, plural = `${singular}s`) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

export function percent(value, digits = 1) {
  return `${Number(value).toFixed(digits)}%`;
}

/** Offset from the trace start, with a sign: +12.3ms */
export function offset(micros) {
  return `+${duration(micros)}`;
}

/** An attribute value as text: arrays joined, objects as JSON. */
export function value(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function shortId(id) {
  return id ? id.slice(0, 8) : '';
}
