// Pieces shared by several pages.
import { h } from './dom.js';
import { serviceColor } from './colors.js';
import * as fmt from './format.js';

/** A service name with its color mark. */
export function serviceChip(service, extraClass = '') {
  return h('span', { class: `svc-chip ${extraClass}`.trim(), style: { '--svc': serviceColor(service) } },
    h('span', { class: 'svc-dot', 'aria-hidden': 'true' }), service || '?');
}

/**
 * One trace as a link row (search results and the live view). summary: the API's trace summary;
 * maxDuration: the longest in the list, for the relative duration bar.
 */
export function traceRow(summary, maxDuration, { isNew = false } = {}) {
  const width = maxDuration > 0 ? Math.max(0.5, (summary.durationMicros / maxDuration) * 100) : 0;
  const services = (summary.services || []).map((s) => serviceChip(s, 'svc-chip-small'));
  const title = h('div', { class: 'tr-title' },
    serviceChip(summary.rootService),
    h('span', { class: 'tr-name' }, summary.rootName || '(unnamed)'),
    summary.rootMissing ? h('span', { class: 'badge badge-muted', title: 'The root span has not arrived' }, 'no root') : null,
    summary.error
      ? h('span', { class: 'badge badge-error' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), fmt.count(summary.errorCount, 'error'))
      : null);
  const meta = h('div', { class: 'tr-meta' },
    h('span', { class: 'tr-spans' }, fmt.count(summary.spanCount, 'span')),
    h('span', { class: 'tr-services' }, services),
    h('span', { class: 'mono tr-id', title: summary.traceId }, fmt.shortId(summary.traceId)),
    h('time', { class: 'tr-time', datetime: new Date(summary.startMicros / 1000).toISOString(),
      title: fmt.dateTime(summary.startMicros) }, `${fmt.clock(summary.startMicros)} · ${fmt.ago(summary.startMicros)}`));
  const bar = h('div', { class: 'tr-dur' },
    h('span', { class: 'tr-dur-text' }, fmt.duration(summary.durationMicros)),
    h('div', { class: 'dur-track', 'aria-hidden': 'true' },
      h('div', { class: ['dur-bar', summary.error ? 'dur-bar-error' : ''], style: { width: `${width}%` } })));
  return h('a', {
    class: ['trace-row', summary.error ? 'has-error' : '', isNew ? 'is-new' : ''],
    href: `#/trace/${summary.traceId}`,
    dataset: { traceId: summary.traceId },
    'aria-label': `${summary.rootService}: ${summary.rootName}, ${fmt.duration(summary.durationMicros)}, `
      + `${fmt.count(summary.spanCount, 'span')}${summary.error ? ', has errors' : ''}`,
  }, h('div', { class: 'tr-main' }, title, meta), bar);
}

/** A small "label: value" fact for summary strips. */
export function fact(label, value, extraClass = '') {
  return h('div', { class: `fact ${extraClass}`.trim() }, h('dt', null, label), h('dd', null, value));
}

export const FINDING_LABELS = {
  N_PLUS_ONE: 'N+1 queries',
  SEQUENTIAL_CALLS: 'Sequential calls',
  EXCESSIVE_RETRIES: 'Excessive retries',
  SLOW_NETWORK: 'Slow network',
  SLOW_SPAN: 'Slow span',
  SLOW_QUERY: 'Slow query',
  ERROR: 'Error',
};

export function findingLabel(type) {
  return FINDING_LABELS[type] || type;
}

export function severityBadge(severity) {
  const cls = { CRITICAL: 'badge-critical', WARNING: 'badge-warning', INFO: 'badge-info' }[severity] || 'badge-muted';
  return h('span', { class: `badge ${cls}` }, severity.toLowerCase());
}

export function levelBadge(level) {
  const name = level || 'UNSET';
  return h('span', { class: `level level-${name.toLowerCase()}` }, name);
}
