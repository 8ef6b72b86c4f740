import { HubError, api, banner, el, instantText, page, showError, table, token, withQuery } from './hub.js';
import { csvDownload } from './csv.js';

let pageNo = 0;

/** The text of a report (HTML or Markdown), with the token; a HubError when refused. */
async function text(path) {
  let response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'text/html, text/markdown', Authorization: `Bearer ${token()}` },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new HubError(0, 'The hub cannot be reached', 'Check that it is running and try again.');
  }
  if (!response.ok) {
    throw new HubError(response.status, response.statusText, 'The policy report could not be read.');
  }
  return response.text();
}
let last = null;
let policy = null;

function filters() {
  return {
    type: document.getElementById('audit-type').value,
    from: document.getElementById('audit-from').value,
    to: document.getElementById('audit-to').value,
    size: document.getElementById('audit-size').value,
  };
}

/** A publication cycle's cells as one cell of the table: published (suppressed), withdrawn. */
function cells(e) {
  if (e.cellsPublished === null || e.cellsPublished === undefined) {
    return '';
  }
  return `${e.cellsPublished} published (${e.cellsSuppressed} suppressed), ${e.cellsWithdrawn} withdrawn`;
}

function auditRows(p) {
  return p.events.map((e) => [
    instantText(e.occurredAt),
    e.type,
    e.component,
    e.topic || '',
    e.feedId || '',
    e.count === null || e.count === undefined ? '' : e.count,
    cells(e),
    e.windowFrom ? `${instantText(e.windowFrom)} to ${instantText(e.windowTo)}` : '',
    e.policyVersion ? `${e.policyId} v${e.policyVersion}` : '',
    e.policyHash ? e.policyHash.slice(0, 12) : '',
    Object.entries(e.details || {}).map(([k, v]) => `${k}=${v}`).join('; '),
  ]);
}

const AUDIT_HEADER = ['Occurred at (UTC)', 'Type', 'Component', 'Topic', 'Feed', 'Count', 'Cells', 'Window (UTC)',
  'Policy', 'Policy hash', 'Details'];

async function loadAudit() {
  const f = filters();
  const p = await api(withQuery('/api/v1/governance/audit', { ...f, page: pageNo }));
  last = p;
  const first = p.total === 0 ? 0 : p.page * p.size + 1;
  const lastNo = p.page * p.size + p.events.length;
  document.getElementById('audit-summary').textContent =
    (p.complete
      ? `Events ${first} to ${lastNo} of ${p.total} matching (newest first; the newest ${p.held} are held).`
      : `Events ${first} to ${lastNo} of ${p.total} matching among the ${p.held} read so far: the audit topic `
        + 'has not been read to its end yet, so newer events may be missing.') +
    (p.problem ? ` ${p.problem}` : '');
  document.getElementById('audit').replaceChildren(
    p.events.length
      ? table('Audit events, newest first', AUDIT_HEADER, auditRows(p), { id: 'audit-table' })
      : el('p', { class: 'muted', text: 'No audit event matches.' }),
  );
  document.getElementById('audit-prev').disabled = p.page === 0;
  document.getElementById('audit-next').disabled = lastNo >= p.total;
}

/**
 * The type filter, from the types the audit schema defines: those this hub version writes first,
 * then those only earlier versions wrote (the trail may still hold them), then the rest, disabled
 * and saying so, rather than options that could only ever show nothing.
 */
function renderTypes(types) {
  const select = document.getElementById('audit-type');
  const written = types.filter((t) => t.written);
  const former = types.filter((t) => !t.written && t.formerlyWrittenBy);
  const unwritten = types.filter((t) => !t.written && !t.formerlyWrittenBy);
  const options = [el('option', { value: '', text: 'All types' })];
  for (const t of written) {
    options.push(el('option', { value: t.type, text: t.type, title: `Written by ${t.writtenBy}` }));
  }
  if (former.length) {
    const group = el('optgroup', { label: 'Written by earlier hub versions' });
    for (const t of former) {
      group.append(el('option', { value: t.type, text: `${t.type} (earlier versions)`, title: `Written by ${t.formerlyWrittenBy}` }));
    }
    options.push(group);
  }
  if (unwritten.length) {
    const group = el('optgroup', { label: 'Defined by the audit schema, not written by this hub version' });
    for (const t of unwritten) {
      group.append(el('option', { value: t.type, text: `${t.type} (not written)`, disabled: '' }));
    }
    options.push(group);
  }
  select.replaceChildren(...options);
  document.getElementById('audit-type-note').textContent =
    `Written by this hub version: ${written.map((t) => `${t.type} (${t.writtenBy})`).join('; ')}.` +
    (former.length ? ` Written by earlier versions: ${former.map((t) => `${t.type} (${t.formerlyWrittenBy})`).join('; ')}.` : '');
}

function renderPolicy(p) {
  const rows = [
    ['Agreement', `${p.name || ''} (${p.id})`],
    ['Version', p.version],
    ['SHA-256 (every output carries it)', el('code', { id: 'policy-hash', class: 'hash', text: p.sha256 })],
    ['Effective', p.effective || '–'],
    ['Review by', p.reviewBy || '–'],
  ];
  const dl = el('dl', { class: 'policy', id: 'policy-facts' });
  for (const [k, v] of rows) {
    dl.append(el('dt', { text: k }), el('dd', {}, v));
  }
  document.getElementById('policy').replaceChildren(dl);
}

async function loadReport() {
  const html = await text('/api/v1/governance/policy/report?format=html');
  // Parsed inert (no script runs, the report escapes every value) and only its body's blocks kept:
  // its own title and styles are the standalone page's.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const nodes = [...doc.body.children].filter((n) => n.tagName !== 'H1');
  for (const n of nodes) {
    if (/^H[2-6]$/.test(n.tagName)) {
      // One level below the page's own section heading.
      const level = Math.min(6, Number(n.tagName[1]) + 1);
      const h = el(`h${level}`, { text: n.textContent });
      n.replaceWith(h);
      nodes[nodes.indexOf(n)] = h;
    }
  }
  document.getElementById('policy-report').replaceChildren(...nodes.map((n) => document.importNode(n, true)));
}

function clear() {
  policy = null;
  last = null;
  document.getElementById('policy').replaceChildren(
    el('p', { class: 'muted', text: 'Paste a recipient token above to see the policy.' }));
  for (const id of ['audit', 'policy-report']) {
    document.getElementById(id).replaceChildren();
  }
  document.getElementById('audit-summary').textContent = '';
}

document.getElementById('audit-filters').addEventListener('submit', (e) => {
  e.preventDefault();
  pageNo = 0;
  loadAudit().then(() => showError(null), showError);
});
document.getElementById('audit-prev').addEventListener('click', () => {
  pageNo = Math.max(0, pageNo - 1);
  loadAudit().catch(showError);
});
document.getElementById('audit-next').addEventListener('click', () => {
  pageNo += 1;
  loadAudit().catch(showError);
});
csvDownload(document.getElementById('audit-csv'), () => `audit-page-${pageNo + 1}.csv`, AUDIT_HEADER,
  () => (last ? auditRows(last) : []));
document.getElementById('report-markdown').addEventListener('click', async () => {
  try {
    const md = await text('/api/v1/governance/policy/report?format=markdown');
    const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }));
    const a = el('a', { href: url, download: `${policy ? policy.id + '-' + policy.version : 'policy'}.report.md` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  } catch (e) {
    showError(e);
  }
});

page('governance', null, async (who) => {
  if (!who) {
    clear();
    return;
  }
  await banner(who, 'none: the policy and its audit trail, no output record');
  policy = await api('/api/v1/governance/policy');
  renderPolicy(policy);
  renderTypes(await api('/api/v1/governance/audit/types'));
  await Promise.all([loadAudit(), loadReport()]);
});
