import { api, banner, el, instantText, page, table } from './hub.js';
import { csvDownload } from './csv.js';

const AGENCY_NAMES = { POLICE: 'Police', HEALTH: 'Health (ED)', EDUCATION: 'Education' };
const SYMBOLS = { GREEN: '✓', AMBER: '!', RED: '✗' };
const FIELD_COLOURS = ['#0b4f8a', '#a34100', '#2e6b30'];

let report = null;
let chart = null;

function agencyName(a) {
  return AGENCY_NAMES[a] || a;
}

function cadenceText(p) {
  return { P1D: 'nightly', P7D: 'weekly', P1W: 'weekly', P1M: 'monthly' }[p] || p;
}

/**
 * A count as the API publishes it: rounded to the nearest 5, or null when suppressed (1 to the
 * policy's level-1 floor minus one), shown as "suppressed", never as 0.
 */
function count(n) {
  return n === null || n === undefined ? 'suppressed' : `${n}`;
}

/** A share in whole per cent (rounded), or why it is not shown. */
function pct(percent, records) {
  if (percent === null || percent === undefined) {
    return records === 0 ? '–' : 'suppressed';
  }
  return `${percent}% (rounded)`;
}

function feedRows(r) {
  return r.feeds.map((f) => [
    agencyName(f.agency),
    f.feedType,
    `${cadenceText(f.cadence)} (grace ${f.grace})`,
    f.lastExtractDate || 'none',
    f.lastReceivedAt ? instantText(f.lastReceivedAt) : '–',
    f.due || '–',
    f.rag,
    f.status,
    Object.entries(f.outcomes).map(([o, n]) => `${o.toLowerCase()} ${n}`).join(', ') || 'none',
  ]);
}

const FEED_HEADER = ['Agency', 'Feed', 'Expected', 'Last extract', 'Received', 'Next due', 'RAG', 'Status', 'Receipts'];

function renderFeeds(r) {
  document.getElementById('feeds-today').textContent =
    `Judged on ${r.today}, the partnership's date. Green: on time; amber: past due by more than the grace period; red: a further delivery missed, or none ever received.`;
  const rows = feedRows(r).map((cells, i) => {
    const f = r.feeds[i];
    const status = el('span', { class: `rag rag-${f.rag.toLowerCase()}`, 'data-rag': f.rag },
      el('span', { 'aria-hidden': 'true', text: `${SYMBOLS[f.rag]} ` }), f.status);
    return [cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], status, cells[8]];
  });
  const t = table('Each agency\'s feed against its expected cadence',
    ['Agency', 'Feed', 'Expected', 'Last extract', 'Received', 'Next due', 'Status', 'Receipts'], rows, { id: 'feeds-table' });
  t.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.dataset.agency = r.feeds[i].agency;
    tr.dataset.rag = r.feeds[i].rag;
  });
  document.getElementById('feeds').replaceChildren(t);
}

/** The feeds shown per agency: a week of nightly feeds (the API keeps more). */
const RECENT_SHOWN = 7;

function recentRows(r) {
  const out = [];
  for (const f of r.feeds) {
    for (const x of f.recent.slice(0, RECENT_SHOWN)) {
      out.push([
        agencyName(f.agency),
        x.extractDate,
        x.outcome,
        count(x.rowsRead),
        count(x.rowsAccepted),
        count(x.rowsRejected),
        x.topRejectReasons.map((q) => `${q.reason} (${count(q.rows)})`).join('; ') || 'none',
      ]);
    }
  }
  return out;
}

const RECENT_HEADER = ['Agency', 'Extract date', 'Outcome', 'Rows read (rounded to 5)', 'Accepted (rounded to 5)', 'Rejected (rounded to 5)', 'Top reject reasons (rows, rounded to 5)'];

function renderDisclosure(r) {
  document.getElementById('disclosure-note').textContent =
    `Level 1: every count of rows, records or people is rounded to the nearest ${r.roundingBase}, and counts from 1 to ${r.suppressionFloor - 1} are shown as suppressed (never as 0), so that readings a night apart cannot be subtracted to learn about one person; a share is given, rounded to the whole per cent, only when both the records with it and those without number ${r.suppressionFloor} or more.`;
}

function renderRecent(r) {
  renderDisclosure(r);
  const rows = recentRows(r);
  document.getElementById('recent').replaceChildren(
    rows.length
      ? table(`The ${RECENT_SHOWN} most recent feeds of each agency, newest first`, RECENT_HEADER, rows, { id: 'recent-table' })
      : el('p', { class: 'muted', text: 'No feed received yet.' }),
  );
}

function completenessRows(r, agency) {
  const out = [];
  for (const c of r.completeness) {
    if (agency && c.agency !== agency) {
      continue;
    }
    for (const f of c.fields) {
      out.push([agencyName(c.agency), c.month, f.label, count(c.records), count(f.present), pct(f.sharePercent, c.records)]);
    }
  }
  return out;
}

const COMPLETENESS_HEADER = ['Agency', 'Extract month', 'Field', 'Records (rounded to 5)', 'With the field (rounded to 5)', 'Share (rounded)'];

function selectedAgency() {
  return document.getElementById('completeness-agency').value;
}

function renderCompleteness(r) {
  const agency = selectedAgency();
  const months = r.completeness.filter((c) => c.agency === agency);
  document.getElementById('completeness').replaceChildren(
    months.length
      ? table(`Completeness of ${agencyName(agency)} key fields by extract month`, COMPLETENESS_HEADER,
        completenessRows(r, agency), { id: 'completeness-table' })
      : el('p', { class: 'muted', text: `No ${agencyName(agency)} records received yet.` }),
  );
  const canvas = document.getElementById('completeness-chart');
  const labels = months.map((c) => c.month);
  const fields = months.length ? months[0].fields : [];
  const datasets = fields.map((f, i) => ({
    label: f.label,
    data: months.map((c) => (c.fields[i].sharePercent === null ? null : c.fields[i].sharePercent)),
    borderColor: FIELD_COLOURS[i % FIELD_COLOURS.length],
    backgroundColor: FIELD_COLOURS[i % FIELD_COLOURS.length],
    borderDash: i === 1 ? [6, 4] : i === 2 ? [2, 3] : [],
    pointStyle: ['circle', 'rect', 'triangle'][i % 3],
  }));
  canvas.setAttribute('aria-label',
    `Line chart: share of ${agencyName(agency)} records with each key field, by extract month; the table below gives the same figures.`);
  if (chart) {
    chart.destroy();
  }
  if (window.Chart) {
    chart = new window.Chart(canvas, {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% of records' } } },
      },
    });
  }
}

/** The agency with the lowest share of any key field in its newest month: the chart opens on it. */
function leastComplete(r) {
  let worst = null;
  let low = 101;
  for (const agency of Object.keys(AGENCY_NAMES)) {
    const months = r.completeness.filter((c) => c.agency === agency);
    if (!months.length) {
      continue;
    }
    const shown = months[months.length - 1].fields.filter((f) => f.sharePercent !== null);
    if (!shown.length) {
      continue;
    }
    const share = Math.min(...shown.map((f) => f.sharePercent));
    if (share < low) {
      low = share;
      worst = agency;
    }
  }
  return worst;
}

function linkageRows(r) {
  return r.linkage.map((l) => [
    agencyName(l.agency),
    count(l.people),
    pct(l.sharePercent, l.people),
  ]);
}

const LINKAGE_HEADER = ['Agency', 'People (rounded to 5)', 'Share linked to another agency (rounded)'];

function renderLinkage(r) {
  document.getElementById('linkage').replaceChildren(
    table('Share of each agency\'s people the hub links to another agency', LINKAGE_HEADER, linkageRows(r), { id: 'linkage-table' }),
  );
}

function clear() {
  report = null;
  for (const id of ['recent', 'completeness', 'linkage']) {
    document.getElementById(id).replaceChildren();
  }
  document.getElementById('feeds').replaceChildren(
    el('p', { class: 'muted', text: 'Paste a recipient token above to see the tracker.' }));
  document.getElementById('feeds-today').textContent = '';
  if (chart) {
    chart.destroy();
    chart = null;
  }
}

const stamp = () => (report ? report.today : 'tracker');

csvDownload(document.getElementById('feeds-csv'), () => `tracker-feeds-${stamp()}.csv`, FEED_HEADER,
  () => (report ? feedRows(report) : []));
csvDownload(document.getElementById('recent-csv'), () => `tracker-recent-${stamp()}.csv`, RECENT_HEADER,
  () => (report ? recentRows(report) : []));
csvDownload(document.getElementById('completeness-csv'), () => `tracker-completeness-${selectedAgency()}-${stamp()}.csv`,
  COMPLETENESS_HEADER, () => (report ? completenessRows(report, selectedAgency()) : []));
csvDownload(document.getElementById('linkage-csv'), () => `tracker-linkage-${stamp()}.csv`, LINKAGE_HEADER,
  () => (report ? linkageRows(report) : []));

const select = document.getElementById('completeness-agency');
select.replaceChildren(...Object.entries(AGENCY_NAMES).map(([v, t]) => el('option', { value: v, text: t })));
select.addEventListener('change', () => report && renderCompleteness(report));

page('tracker', null, async (who) => {
  if (!who) {
    clear();
    return;
  }
  await banner(who, 1);
  const first = report === null;
  report = await api('/api/v1/tracker');
  if (first) {
    select.value = leastComplete(report) || select.value;
  }
  renderFeeds(report);
  renderRecent(report);
  renderCompleteness(report);
  renderLinkage(report);
});
