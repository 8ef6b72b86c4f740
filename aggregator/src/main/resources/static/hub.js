// Shared helpers of the dashboard's pages: the recipient's token, calls to the hub's API with its
// problems (RFC 9457) shown to the reader, the navigation, the "as of / level / policy" banner and
// CSV downloads. Every page is a module that imports these; no page has inline script (the hub's
// Content-Security-Policy forbids it).

const TOKEN_KEY = 'vruhub.recipient-token';

/** The token pasted by the reader; kept for this browser tab only (sessionStorage). */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  const v = (value || '').trim();
  if (v) {
    sessionStorage.setItem(TOKEN_KEY, v);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** An answer of the API that is not data: the problem's title and detail, for the reader. */
export class HubError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `The hub answered ${status}`);
    this.status = status;
    this.title = title || `Error ${status}`;
    this.detail = detail || '';
  }
}

async function problemOf(response) {
  let title = response.statusText;
  let detail = '';
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      title = body.title || title;
      detail = body.detail || '';
    } catch (e) {
      detail = '';
    }
  }
  if (response.status === 401 && !detail) {
    detail = 'Paste a recipient token above.';
  }
  return new HubError(response.status, title, detail);
}

/**
 * GET a path of the API with the token; the parsed JSON, or the text when csv is true. Throws a
 * HubError for a problem and for a network failure.
 */
export async function api(path, { csv = false, withToken = true } = {}) {
  const headers = { Accept: csv ? 'text/csv' : 'application/json' };
  const t = token();
  if (withToken && t) {
    headers.Authorization = `Bearer ${t}`;
  }
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new HubError(0, 'The hub cannot be reached', 'Check that it is running and try again.');
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return csv ? response.text() : response.json();
}

/**
 * A JSON table with what its headers say of a cut: {rows, total, truncated}. A table the API cut
 * at its limit says so (X-Truncated), and a page must not draw the missing rows as zero.
 */
export async function apiTable(path) {
  const t = token();
  const headers = { Accept: 'application/json' };
  if (t) {
    headers.Authorization = `Bearer ${t}`;
  }
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new HubError(0, 'The hub cannot be reached', 'Check that it is running and try again.');
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const rows = await response.json();
  const total = Number(response.headers.get('X-Total-Count') ?? rows.length);
  return { rows, total, truncated: response.headers.get('X-Truncated') === 'true' || total > rows.length };
}

/** A path with query parameters, leaving out empty ones. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Shows an error in the page's alert region (role=alert, so a screen reader announces it). */
export function showError(error) {
  const box = document.getElementById('hub-error');
  if (!box) {
    return;
  }
  box.replaceChildren();
  if (!error) {
    box.hidden = true;
    return;
  }
  const title = document.createElement('strong');
  title.textContent = error instanceof HubError ? error.title : 'Something went wrong';
  const detail = document.createElement('span');
  detail.textContent = ' ' + (error instanceof HubError ? error.detail : String(error.message || error));
  box.append(title, detail);
  box.hidden = false;
}

/** Creates an element with attributes and children (text or nodes); never parses HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k === 'text') {
      e.textContent = v;
    } else if (k === 'class') {
      e.className = v;
    } else if (k.startsWith('on') && typeof v === 'function') {
      e.addEventListener(k.slice(2), v);
    } else {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return e;
}

/** A count or "suppressed": a suppressed cell is never shown as 0. */
export function countText(count, suppressed) {
  if (suppressed) {
    return 'suppressed';
  }
  return count === null || count === undefined ? '–' : String(count);
}

export function rateText(rate, suppressed) {
  if (suppressed) {
    return 'suppressed';
  }
  return rate === null || rate === undefined ? '–' : rate.toFixed(1);
}

/** An ISO date (yyyy-MM-dd) of a date of the API: an ISO string, or days since 1970-01-01. */
export function isoDay(value) {
  if (typeof value === 'number') {
    return new Date(value * 86400000).toISOString().slice(0, 10);
  }
  return String(value).slice(0, 10);
}

/** The month (yyyy-MM) of a date of the API. */
export function isoMonth(value) {
  return isoDay(value).slice(0, 7);
}

// The names these had before dates were known to come as ISO strings; kept for pages that use them.
export const epochDay = isoDay;
export const epochMonth = isoMonth;

export function instantText(millisOrIso) {
  if (millisOrIso === null || millisOrIso === undefined) {
    return 'unknown';
  }
  const d = new Date(millisOrIso);
  return Number.isNaN(d.getTime()) ? String(millisOrIso) : d.toISOString().replace('.000Z', 'Z');
}

/**
 * A button that downloads the CSV the page shows: pathFn gives the API path of the table as it is
 * on screen (same filters), fileName the name to save it as.
 */
export function csvButton(button, pathFn, fileName) {
  button.addEventListener('click', async () => {
    try {
      const text = await api(pathFn(), { csv: true });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      const a = el('a', { href: url, download: typeof fileName === 'function' ? fileName() : fileName });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      showError(null);
    } catch (e) {
      showError(e);
    }
  });
}

let recipientPromise = null;

/** Who the token is (GET /api/v1/recipient), or null without a token. */
export function recipient() {
  if (!token()) {
    return Promise.resolve(null);
  }
  if (!recipientPromise) {
    recipientPromise = api('/api/v1/recipient').catch((e) => {
      recipientPromise = null;
      throw e;
    });
  }
  return recipientPromise;
}

/** Whether the recipient may receive a topic (listed for it and within its level). */
export function permits(who, topicId) {
  return !!who && who.topics.some((t) => t.id === topicId && t.permitted);
}

/** The level of a topic in the policy, as the recipient's answer gives it. */
export function levelOf(who, topicId) {
  const t = who && who.topics.find((x) => x.id === topicId);
  return t ? t.level : null;
}

function renderNav(who, current) {
  const nav = document.getElementById('hub-nav');
  if (!nav) {
    return;
  }
  const pages = [{ id: 'home', title: 'Home', path: 'index.html' }].concat(who ? who.pages : []);
  const list = el('ul');
  for (const p of pages) {
    const a = el('a', { href: p.path, text: p.title, 'aria-current': p.id === current ? 'page' : null });
    list.append(el('li', {}, a));
  }
  nav.replaceChildren(list);
}

function renderTokenForm(onChange) {
  const form = document.getElementById('hub-token');
  if (!form) {
    return;
  }
  const input = el('input', {
    id: 'hub-token-input',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'hub-token-help',
  });
  const help = el('span', {
    id: 'hub-token-help',
    class: 'help',
    text: token()
      ? 'A token is in use for this tab.'
      : 'Paste your recipient token (kept in this tab only).',
  });
  const use = el('button', { type: 'submit', id: 'hub-token-use', text: 'Use token' });
  const forget = el('button', { type: 'button', id: 'hub-token-forget', text: 'Forget token' });
  forget.addEventListener('click', () => {
    setToken('');
    recipientPromise = null;
    onChange();
  });
  form.replaceChildren(
    el('label', { for: 'hub-token-input', text: 'Recipient token' }),
    input,
    use,
    forget,
    help,
  );
  // Assigned, not added: the form is re-rendered on every change of token.
  form.onsubmit = (event) => {
    event.preventDefault();
    setToken(input.value);
    input.value = '';
    recipientPromise = null;
    onChange();
  };
}

/**
 * Fills the banner: when the data is from ("as of", from GET /api/v1/status, which needs no token),
 * whether the aggregator has caught up, the level the page's data is published at and the policy
 * version it was produced under.
 */
export async function banner(who, level) {
  const box = document.getElementById('hub-banner');
  if (!box) {
    return;
  }
  const parts = [];
  try {
    const status = await api('/api/v1/status', { withToken: false });
    const asOf = status.dataAsOf ? instantText(status.dataAsOf.time) : 'not yet (the hub is catching up)';
    parts.push(el('span', { id: 'hub-as-of' }, 'Data as of ', el('strong', { text: asOf })));
    parts.push(
      el('span', { id: 'hub-caught-up', text: status.caughtUp ? 'up to date' : 'still catching up' }),
    );
  } catch (e) {
    parts.push(el('span', { id: 'hub-as-of', text: 'Data as of: unknown (status unavailable)' }));
  }
  if (level !== null && level !== undefined) {
    parts.push(el('span', { id: 'hub-level' }, 'Level ', el('strong', { text: String(level) })));
  }
  if (who) {
    const p = who.policy;
    parts.push(
      el(
        'span',
        { id: 'hub-policy', title: `SHA-256 ${p.sha256}` },
        'Policy ',
        el('strong', { text: `${p.id} v${p.version}` }),
        ` (${p.sha256.slice(0, 12)}…)`,
      ),
    );
    parts.push(el('span', { id: 'hub-recipient' }, 'Recipient ', el('strong', { text: who.recipient })));
  }
  box.replaceChildren(...parts);
}

/**
 * Sets a page up: the token form, the navigation for the recipient and the banner. Calls
 * render(who) with the recipient (null without a token) now and whenever the token changes.
 * topicId names the topic the page shows, for the banner's level.
 */
export function page(pageId, topicId, render) {
  const run = async () => {
    showError(null);
    let who = null;
    try {
      who = await recipient();
    } catch (e) {
      showError(e);
    }
    renderNav(who, pageId);
    await banner(who, levelOf(who, topicId));
    const main = document.getElementById('main');
    if (main) {
      main.setAttribute('aria-busy', 'true');
    }
    try {
      await render(who);
    } catch (e) {
      showError(e);
    } finally {
      if (main) {
        main.removeAttribute('aria-busy');
        main.dataset.ready = 'true';
      }
    }
  };
  const changed = () => {
    const main = document.getElementById('main');
    if (main) {
      main.dataset.ready = 'false';
    }
    renderTokenForm(changed);
    run();
  };
  renderTokenForm(changed);
  run();
}

/** A table from rows of cells, with a caption and column headers (th scope=col). */
export function table(caption, columns, rows, attrs = {}) {
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c })));
  const body = rows.map((r) => el('tr', {}, r.map((c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: c })))));
  return el('table', attrs, el('caption', { text: caption }), el('thead', {}, head), el('tbody', {}, body));
}

/**
 * The message shown in place of data the recipient may not receive; level is the data's level
 * when the page knows it (the policy's answer gives levels only of the topics it grants).
 */
export function notPermitted(what, who, topicId, level = null) {
  const known = levelOf(who, topicId) ?? level;
  const label = known !== null ? `${what} (level ${known})` : what;
  let because;
  if (!who) {
    because = 'no recipient token is in use';
  } else if (levelOf(who, topicId) !== null && known > who.maxLevel) {
    because = `recipient ${who.recipient} may receive up to level ${who.maxLevel}`;
  } else {
    because = `the policy does not grant it to recipient ${who.recipient}, which may receive up to level ${who.maxLevel}`;
  }
  return el('p', { class: 'not-permitted', role: 'note' }, el('strong', { text: 'Not permitted: ' }), `${label} is not shown because ${because}.`);
}
