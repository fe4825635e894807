// Live view: traces as they are stored, newest on top, from the server-sent events of
// /api/live. Pause keeps the list still and buffers what arrives (bounded); Resume shows it.
import { h, notice, replaceChildren } from './dom.js';
import { traceRow } from './widgets.js';
import * as fmt from './format.js';

const MAX_ROWS = 200;
const MAX_BUFFERED = 500;

export function mount(root) {
  const shown = []; // newest first: trace summaries
  let buffered = []; // arrivals while paused, oldest first
  let droppedWhilePaused = 0;
  let paused = false;
  let received = 0;

  const status = h('span', { class: 'live-status is-connecting', id: 'live-status', role: 'status' }, 'Connecting…');
  const pause = h('button', { type: 'button', class: 'btn btn-primary', id: 'live-pause', 'aria-pressed': 'false' }, 'Pause');
  const clear = h('button', { type: 'button', class: 'btn', id: 'live-clear' }, 'Clear');
  const bufferNote = h('span', { class: 'badge badge-info', id: 'live-buffered', hidden: true });
  const counter = h('span', { class: 'muted small', id: 'live-count' }, '');
  const list = h('ol', { class: 'trace-list live-list', id: 'live-list', 'aria-label': 'Live traces', 'aria-live': 'off' });
  const empty = notice('Waiting for traces… New traces appear here as the collector stores them.');

  root.appendChild(h('div', { class: 'page page-live' },
    h('div', { class: 'page-head' },
      h('h1', null, 'Live'),
      h('div', { class: 'page-tools' }, status, bufferNote, pause, clear)),
    h('div', { class: 'results-head' }, counter),
    empty,
    list));

  function updateCounter() {
    counter.textContent = `${fmt.count(shown.length, 'trace')} shown · ${received.toLocaleString('en-US')} updates received`;
    empty.hidden = shown.length > 0;
  }

  function redraw(newIds) {
    const max = Math.max(0, ...shown.map((t) => t.durationMicros));
    replaceChildren(list, shown.map((t) => h('li', null, traceRow(t, max, { isNew: newIds.has(t.traceId) }))));
    updateCounter();
  }

  /** Puts summaries (oldest first) at the top; a trace already listed is updated in place. */
  function show(summaries) {
    const fresh = new Set();
    for (const t of summaries) {
      const at = shown.findIndex((x) => x.traceId === t.traceId);
      if (at >= 0) {
        shown[at] = t;
      } else {
        shown.unshift(t);
        fresh.add(t.traceId);
      }
    }
    shown.length = Math.min(shown.length, MAX_ROWS);
    redraw(fresh);
  }

  function updateBufferNote() {
    bufferNote.hidden = !paused;
    bufferNote.textContent = `${fmt.count(buffered.length, 'update')} buffered`
      + `${droppedWhilePaused ? ` (${droppedWhilePaused} older dropped)` : ''}`;
  }

  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
    if (!paused && buffered.length) {
      show(buffered);
      buffered = [];
      droppedWhilePaused = 0;
    }
    updateBufferNote();
  });
  clear.addEventListener('click', () => {
    shown.length = 0;
    buffered = [];
    droppedWhilePaused = 0;
    redraw(new Set());
    updateBufferNote();
  });

  const source = new EventSource('/api/live');
  const setStatus = (text, cls) => {
    status.textContent = text;
    status.className = `live-status ${cls}`;
  };
  source.addEventListener('ready', () => setStatus('Live', 'is-live'));
  source.addEventListener('trace', (event) => {
    let summary;
    try {
      summary = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    received++;
    if (paused) {
      buffered.push(summary);
      if (buffered.length > MAX_BUFFERED) {
        buffered.shift();
        droppedWhilePaused++;
      }
      updateBufferNote();
      updateCounter();
    } else {
      show([summary]);
    }
  });
  source.addEventListener('error', () => {
    setStatus(source.readyState === EventSource.CLOSED ? 'Disconnected' : 'Reconnecting…', 'is-down');
  });
  updateCounter();

  return { unmount: () => source.close() };
}
