// The collector's HTTP API. Errors carry the server's message ({"error": "..."}).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') message = body.error;
  } catch (e) {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message);
}

export async function getJson(path, { signal } = {}) {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function getText(path, { signal } = {}) {
  const response = await fetch(path, { signal });
  if (!response.ok) throw await failure(response);
  return response.text();
}

const enc = encodeURIComponent;

export const api = {
  services: (opts) => getJson('/api/services', opts),
  operations: (service, opts) => getJson(`/api/services/${enc(service)}/operations`, opts),
  search: (params, opts) => getJson(`/api/traces?${params}`, opts),
  /**
   * One page of a trace's spans and logs; offset/limit unset = the server's first page. span (a
   * span id) instead of offset asks for the page that holds that span.
   */
  trace: (id, { offset, span, limit, ...opts } = {}) => {
    const page = new URLSearchParams();
    if (span) page.set('span', span);
    else if (offset) page.set('offset', String(offset));
    if (limit) page.set('limit', String(limit));
    const query = page.toString();
    return getJson(`/api/traces/${enc(id)}${query ? `?${query}` : ''}`, opts);
  },
  analysis: (id, opts) => getJson(`/api/traces/${enc(id)}/analysis`, opts),
  reportUrl: (id) => `/api/traces/${enc(id)}/report`,
  dependencies: (params, opts) => getJson(`/api/dependencies?${params}`, opts),
};

/** Whether an error is only the abort of a request the page no longer needs. */
export function aborted(error) {
  return error && error.name === 'AbortError';
}
