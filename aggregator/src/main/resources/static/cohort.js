// The cohort: the level-1 summary for any recipient the policy grants it, and the level-2
// profiles only for a recipient the policy grants level 2. A recipient without level 2 is told
// so, and its browser never asks for the profiles.
import { api, countText, csvButton, el, isoMonth, instantText, notPermitted, page, permits, table } from './hub.js';

/* global Chart */

const SUMMARY = 'cohort-summary';
const PROFILES = 'cohort-profiles';
const $ = (id) => document.getElementById(id);
const charts = [];

/** Published persons per key, and how many suppressed cells each key had. */
function tally(cells, keysOf) {
  const out = new Map();
  for (const c of cells) {
    for (const k of keysOf(c)) {
      const t = out.get(k) || { persons: 0, suppressed: 0 };
      if (c.suppressed) {
        t.suppressed++;
      } else {
        t.persons += c.persons || 0;
      }
      out.set(k, t);
    }
  }
  return [...out.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

function chart(id, title, entries) {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': `${title}: bar chart; the table beside it has the same figures` });
  const box = el('div', { class: 'chart-box' }, canvas);
  const rows = entries.map(([k, t]) => [k, String(t.persons), t.suppressed ? `${t.suppressed} suppressed` : '']);
  const section = el('figure', { class: 'chart' },
    el('figcaption', {}, el('strong', { text: title })),
    box,
    table(title, ['Group', 'Persons in published cells', 'Suppressed cells'], rows, { id: `${id}-table` }));
  charts.push(() => new Chart(canvas, {
    type: 'bar',
    data: { labels: entries.map(([k]) => k), datasets: [{ label: 'persons (published cells)', data: entries.map(([, t]) => t.persons), backgroundColor: '#0b3c5d' }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  }));
  return section;
}

function renderCharts() {
  charts.splice(0).forEach((make) => make());
}

async function summary(who) {
  const body = $('summary-body');
  if (!permits(who, SUMMARY)) {
    $('summary-download').hidden = true;
    body.replaceChildren(who ? notPermitted('The cohort summary', who, SUMMARY) : el('p', { text: 'Paste a recipient token above to see the cohort.' }));
    return;
  }
  $('summary-download').hidden = false;
  const cells = await api('/api/v1/cohort/summary');
  const published = cells.filter((c) => !c.suppressed).reduce((n, c) => n + (c.persons || 0), 0);
  const suppressed = cells.filter((c) => c.suppressed).length;
  const areaName = (c) => c.areaCode + (c.areaLevel === 'VRU_AREA' ? ' (VRU area, home unknown)' : '');
  body.replaceChildren(
    el('p', { id: 'cohort-size' }, 'Cohort size: ', el('strong', { text: `${published} people in published cells` }), `, and ${suppressed} suppressed cells (each fewer than the policy's threshold).`),
    el('div', { class: 'charts' },
      chart('by-age', 'By age band', tally(cells, (c) => [c.ageBand || 'unknown'])),
      chart('by-area', 'By home area', tally(cells, (c) => [areaName(c)])),
      chart('by-flag', 'By risk flag (a person counts under each of their flags)', tally(cells, (c) => (c.riskFlags.length ? c.riskFlags : ['no flag'])))),
    table('Every summary cell', ['Area', 'Age band', 'Risk flags', 'Persons', 'Revised on'],
      cells.map((c) => [areaName(c), c.ageBand || 'unknown', c.riskFlags.join(', ') || 'none',
        el('span', { class: c.suppressed ? 'suppressed' : '', text: countText(c.persons, c.suppressed) }),
        instantText(c.revisedAt)]),
      { id: 'summary-table' }),
  );
}

async function profiles(who) {
  const body = $('profiles-body');
  if (!permits(who, PROFILES)) {
    // Never asked for: the policy does not grant this recipient level 2.
    body.replaceChildren(notPermitted('The list of profiles', who, PROFILES, 2));
    return;
  }
  const rows = await api('/api/v1/cohort/profiles');
  const bySex = tally(rows.map((p) => ({ persons: 1, suppressed: false, sex: p.sex })), (p) => [p.sex]);
  const download = el('button', { type: 'button', id: 'profiles-download', text: 'Download profiles CSV' });
  csvButton(download, () => '/api/v1/cohort/profiles?format=csv', 'cohort-profiles.csv');
  body.replaceChildren(
    el('p', {}, `${rows.length} pseudonymised profiles (level 2, for the recipient's own analysis only).`),
    el('div', { class: 'controls' }, download),
    el('div', { class: 'charts' }, chart('by-sex', 'By sex (from the profiles)', bySex)),
    table('Profiles', ['Pseudonym', 'Age band', 'Sex', 'Home area', 'Agencies', 'Violence events', 'Risk flags', 'Months', 'Revised on'],
      rows.map((p) => [p.personPseudonym, p.ageBand, p.sex, p.homeAreaCode || 'unknown', p.agencies.join(', '),
        String(p.violenceEvents), p.riskFlags.join(', ') || 'none',
        `${isoMonth(p.firstEventMonth)} to ${isoMonth(p.lastEventMonth)}`, instantText(p.revisedAt)]),
      { id: 'profiles-table' }),
  );
}

let wired = false;

page('cohort', SUMMARY, async (who) => {
  if (!wired) {
    csvButton($('summary-download'), () => '/api/v1/cohort/summary?format=csv', 'cohort-summary.csv');
    wired = true;
  }
  await summary(who);
  if (who) {
    await profiles(who);
  } else {
    $('profiles-body').replaceChildren(el('p', { text: 'Paste a recipient token above.' }));
  }
  renderCharts();
});
