// The hotspot map: LSOAs shaded by the published hotspot cells of one period, definition and
// source; suppressed cells hatched and labelled, never drawn as 0; the top areas beside it; the
// trend of one area below. Everything shown comes from GET /api/v1/hotspots and /api/v1/boundaries.
import {
  api, apiTable, countText, csvButton, el, isoDay, instantText, notPermitted, page, permits, rateText,
  showError, table, withQuery,
} from './hub.js';

/* global L, Chart */

const TOPIC = 'hotspots';
// ColorBrewer YlOrRd, five classes: readable in greyscale and by most colour-blind readers.
const PALETTE = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const NONE = '#ffffff';
const HATCH = 'url(#hub-hatch)';

const $ = (id) => document.getElementById(id);
const state = {
  who: null,
  map: null,
  lsoaLayer: null,
  wardLayer: null,
  lsoas: null,
  wards: null,
  cells: [],
  truncated: null,
  vruAreas: [],
  chart: null,
  trendArea: null,
};

/** Marks the page as updating and then as ready, so a reader (and a test) can tell. */
async function update(fn) {
  const main = $('main');
  main.dataset.ready = 'false';
  try {
    await fn();
    showError(null);
  } catch (e) {
    showError(e);
  } finally {
    main.dataset.version = String(Number(main.dataset.version || '0') + 1);
    main.dataset.ready = 'true';
  }
}

function selected() {
  return {
    period: $('period').value,
    start: $('start').value,
    definition: $('definition').value,
    source: $('source').value,
    measure: $('measure').value,
    ward: $('ward').value,
  };
}

function nameOf(code) {
  const f = state.lsoas && state.lsoas.features.find((x) => x.properties.LSOA21CD === code);
  return f ? f.properties.LSOA21NM : code;
}

function fill(select, options, keep) {
  const previous = keep ? select.value : null;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  if (previous && options.some(([v]) => v === previous)) {
    select.value = previous;
  }
}

/** The most cells one answer holds (the API's ceiling); an answer cut at it says so. */
const LIMIT = 100000;

/**
 * The periods and definitions there are, from the whole VRU area's cells of the chosen period type
 * and source (one per period and definition: a few thousand at most, never the LSOAs' cells).
 */
async function loadIndex() {
  const s = selected();
  const index = await apiTable(withQuery('/api/v1/hotspots', {
    period: s.period, source: s.source, level: 'VRU_AREA', limit: LIMIT,
  }));
  if (index.truncated) {
    throw new Error(`The hub holds ${index.total} whole-area cells for this choice, more than one answer holds (${index.rows.length}); the periods listed would be incomplete.`);
  }
  state.vruAreas = [...new Set(index.rows.map((c) => c.areaCode))];
  const starts = [...new Set(index.rows.map((c) => isoDay(c.periodStart)))].sort().reverse();
  const hadStart = $('start').value;
  fill($('start'), starts.map((d, i) => [d, i === 0 ? `${d} (latest, may be incomplete)` : d]), true);
  if (!hadStart || !starts.includes(hadStart)) {
    // The newest period is usually still filling: the one before it is the first worth reading.
    $('start').value = starts.length > 1 ? starts[1] : (starts[0] || '');
  }
  const definitions = [...new Set(index.rows.map((c) => c.definitionId))].sort();
  fill($('definition'), definitions.map((d) => [d, d]), true);
  if (!$('definition').value && definitions.length) {
    $('definition').value = definitions[0];
  }
}

/** The cells on screen: one period, definition and source, every area. */
async function loadShown() {
  const s = selected();
  if (!s.start || !s.definition) {
    state.cells = [];
    state.truncated = null;
    return;
  }
  const answer = await apiTable(withQuery('/api/v1/hotspots', {
    period: s.period, start: s.start, definition: s.definition, source: s.source, limit: LIMIT,
  }));
  state.cells = answer.rows;
  state.truncated = answer.truncated ? answer : null;
}

async function loadCells() {
  await loadIndex();
  await loadShown();
}

/** The message shown instead of a map when an answer was cut: missing areas are not "no events". */
function truncatedText(answer) {
  return `The hub holds ${answer.total} cells for this choice and sent only ${answer.rows.length}: ` +
    'the map and the table are not drawn, since the areas left out would look like areas with no events. ' +
    'Choose a single period and definition, or download the CSV of a narrower query.';
}

function shown() {
  const s = selected();
  const byArea = new Map();
  for (const c of state.cells) {
    if (isoDay(c.periodStart) === s.start && c.definitionId === s.definition && c.areaLevel === 'LSOA') {
      byArea.set(c.areaCode, c);
    }
  }
  return byArea;
}

function valueOf(cell, measure) {
  if (!cell || cell.suppressed) {
    return null;
  }
  return measure === 'rate' ? cell.ratePer10k : cell.count;
}

function classes(values) {
  const max = Math.max(0, ...values);
  return (v) => {
    if (v === null || v === undefined || v === 0 || max === 0) {
      return NONE;
    }
    return PALETTE[Math.min(PALETTE.length - 1, Math.floor((v / max) * PALETTE.length - 1e-9))];
  };
}

function ensureHatch() {
  const svg = state.map.getPanes().overlayPane.querySelector('svg');
  if (!svg || svg.querySelector('#hub-hatch')) {
    return;
  }
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', 'hub-hatch');
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const back = document.createElementNS(ns, 'rect');
  back.setAttribute('width', '6');
  back.setAttribute('height', '6');
  back.setAttribute('fill', '#e6e6e6');
  const line = document.createElementNS(ns, 'rect');
  line.setAttribute('width', '2');
  line.setAttribute('height', '6');
  line.setAttribute('fill', '#8a8a8a');
  pattern.append(back, line);
  defs.append(pattern);
  svg.prepend(defs);
}

function legend() {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    const box = el('div', { class: 'legend', id: 'legend' });
    box.append(el('div', {}, el('strong', { text: 'Legend' })));
    box.append(el('div', {}, el('span', { class: 'swatch', style: null }), 'no events'));
    box.lastChild.firstChild.dataset.color = NONE;
    PALETTE.forEach((c, i) => {
      const sw = el('span', { class: 'swatch' });
      sw.dataset.color = c;
      box.append(el('div', {}, sw, i === 0 ? 'fewest' : i === PALETTE.length - 1 ? 'most' : ''));
    });
    box.append(el('div', {}, el('span', { class: 'swatch hatched' }), 'suppressed'));
    return box;
  };
  control.addTo(state.map);
  // Colours set through the CSSOM: the Content-Security-Policy allows no inline style attribute.
  document.querySelectorAll('#legend .swatch[data-color]').forEach((s) => {
    s.style.background = s.dataset.color;
  });
}

function drawMap() {
  const s = selected();
  const cells = shown();
  const colour = classes([...cells.values()].map((c) => valueOf(c, s.measure)).filter((v) => v !== null));
  if (state.lsoaLayer) {
    state.lsoaLayer.remove();
    state.lsoaLayer = null;
  }
  if (state.truncated) {
    $('map-summary').textContent = truncatedText(state.truncated);
    $('map-summary').dataset.truncated = 'true';
    return;
  }
  delete $('map-summary').dataset.truncated;
  let suppressed = 0;
  let counted = 0;
  state.lsoaLayer = L.geoJSON(state.lsoas, {
    style: (f) => {
      const cell = cells.get(f.properties.LSOA21CD);
      const isSuppressed = !!(cell && cell.suppressed);
      if (isSuppressed) {
        suppressed++;
      } else if (cell) {
        counted++;
      }
      const dim = s.ward && f.properties.WDCD !== s.ward;
      return {
        className: `lsoa${isSuppressed ? ' suppressed' : ''}`,
        color: '#505a5f',
        weight: 0.8,
        fillOpacity: dim ? 0.25 : 0.85,
        fillColor: isSuppressed ? HATCH : colour(valueOf(cell, s.measure)),
      };
    },
    onEachFeature: (f, layer) => {
      const code = f.properties.LSOA21CD;
      const cell = cells.get(code);
      const text = cell
        ? `${countText(cell.count, cell.suppressed)}${cell.suppressed ? '' : ' events'}, rate ${rateText(cell.ratePer10k, cell.suppressed)} per 10,000`
        : 'no events';
      // A DOM node, not a string: Leaflet inserts a string as HTML, and the names come from a file.
      const label = `${f.properties.LSOA21NM} (${code}): ${text}`;
      layer.bindTooltip(el('span', { text: label }), { sticky: true });
      layer.feature.label = label;
      layer.on('click', () => selectTrendArea(code));
    },
  }).addTo(state.map);
  ensureHatch();
  // Each area is reachable by keyboard too: Tab to it, Enter or Space shows its trend.
  state.lsoaLayer.eachLayer((layer) => {
    const p = layer.getElement && layer.getElement();
    if (p) {
      const code = layer.feature.properties.LSOA21CD;
      p.dataset.code = code;
      p.setAttribute('tabindex', '0');
      p.setAttribute('role', 'button');
      p.setAttribute('aria-label', layer.feature.label || code);
      p.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectTrendArea(code);
        }
      });
    }
  });
  if (state.wardLayer) {
    state.wardLayer.bringToFront();
  }
  $('map-summary').textContent =
    `${state.lsoas.features.length} LSOAs drawn for the ${s.period.toLowerCase()} starting ${s.start || '–'}: ` +
    `${counted} with a published count, ${suppressed} suppressed, the rest with no events.`;
}

function drawTop() {
  const s = selected();
  const n = Number($('topn').value);
  if (state.truncated) {
    $('top').replaceChildren(el('p', { class: 'suppressed', text: truncatedText(state.truncated) }));
    return;
  }
  const wardOf = new Map(state.lsoas.features.map((f) => [f.properties.LSOA21CD, f.properties.WDNM || '']));
  const wardCode = new Map(state.lsoas.features.map((f) => [f.properties.LSOA21CD, f.properties.WDCD || '']));
  const rows = [...shown().values()]
    .filter((c) => !s.ward || wardCode.get(c.areaCode) === s.ward)
    .sort((a, b) => (a.suppressed - b.suppressed) || (b.count || 0) - (a.count || 0) || a.areaCode.localeCompare(b.areaCode))
    .slice(0, n);
  const body = rows.map((c, i) => {
    const button = el('button', {
      type: 'button',
      class: 'link',
      text: nameOf(c.areaCode),
      'aria-label': `Show the trend of ${nameOf(c.areaCode)}`,
      onclick: () => selectTrendArea(c.areaCode),
    });
    const count = el('span', { class: c.suppressed ? 'suppressed' : 'num', text: countText(c.count, c.suppressed) });
    const rate = el('span', { class: c.suppressed ? 'suppressed' : 'num', text: rateText(c.ratePer10k, c.suppressed) });
    return [String(i + 1), button, c.areaCode, wardOf.get(c.areaCode) || '', count, rate];
  });
  const t = table(
    `Top ${n} LSOAs, ${s.definition}, ${s.period.toLowerCase()} starting ${s.start || '–'}`,
    ['Rank', 'Area', 'Code', 'Ward', 'Count', 'Rate per 10,000'],
    body,
    { id: 'top-table' },
  );
  $('top').replaceChildren(rows.length ? t : el('p', { text: 'No area has a published count for this choice.' }));
}

function trendAreas() {
  const vru = state.vruAreas;
  const lsoas = state.lsoas.features
    .map((f) => [f.properties.LSOA21CD, `${f.properties.LSOA21NM} (${f.properties.LSOA21CD})`])
    .sort((a, b) => a[1].localeCompare(b[1]));
  fill($('trend-area'), vru.map((c) => [c, `Whole VRU area (${c})`]).concat(lsoas), true);
  if (state.trendArea) {
    $('trend-area').value = state.trendArea;
  }
}

function selectTrendArea(code) {
  state.trendArea = code;
  $('trend-area').value = code;
  update(drawTrend);
}

async function drawTrend() {
  const s = selected();
  const area = $('trend-area').value;
  if (!area) {
    return;
  }
  state.trendArea = area;
  const period = $('trend-period').value;
  const answer = await apiTable(withQuery('/api/v1/hotspots', {
    period, area, definition: s.definition, source: s.source, limit: LIMIT,
  }));
  if (answer.truncated) {
    throw new Error(`The hub holds ${answer.total} cells for this area's trend, more than one answer holds: the trend is not drawn, since the periods left out would look like periods with no events.`);
  }
  const cells = answer.rows.sort((a, b) => isoDay(a.periodStart).localeCompare(isoDay(b.periodStart)));
  // Periods without a cell had no events: listed as such, so the axis keeps an even step.
  const byStart = new Map(cells.map((c) => [isoDay(c.periodStart), c]));
  const labels = periodsBetween(cells.length ? isoDay(cells[0].periodStart) : null,
    cells.length ? isoDay(cells[cells.length - 1].periodStart) : null, period);
  const series = labels.map((d) => byStart.get(d) || { periodStart: d, count: 0, suppressed: false, ratePer10k: 0, revisedAt: null, none: true });
  if (state.chart) {
    state.chart.destroy();
  }
  state.chart = new Chart($('trend'), {
    type: 'line',
    data: {
      labels,
      datasets: [{
        label: `Events, ${state.vruAreas.includes(area) ? 'whole VRU area' : nameOf(area)} (suppressed periods are gaps)`,
        data: series.map((c) => (c.suppressed ? null : c.count)),
        borderColor: '#0b3c5d',
        backgroundColor: '#0b3c5d',
        spanGaps: false,
      }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: 'events' } } },
      plugins: {
        tooltip: {
          callbacks: {
            afterLabel: (ctx) => (series[ctx.dataIndex].none ? 'no events' : `revised on ${instantText(series[ctx.dataIndex].revisedAt)}`),
          },
        },
      },
    },
  });
  $('trend').setAttribute('aria-label', `Trend of ${nameOf(area)} by ${period.toLowerCase()}; the table below has the same figures`);
  const rows = series.map((c) => [
    isoDay(c.periodStart),
    el('span', { class: c.suppressed ? 'suppressed' : '', text: countText(c.count, c.suppressed) }),
    el('span', { class: c.suppressed ? 'suppressed' : '', text: rateText(c.ratePer10k, c.suppressed) }),
    c.none ? 'no events' : `revised on ${instantText(c.revisedAt)}`,
  ]);
  $('trend-table').replaceChildren(
    table(`${nameOf(area)} by ${period.toLowerCase()}`, ['Period starting', 'Count', 'Rate per 10,000', 'Revision'], rows, { id: 'trend-data' }),
  );
}

/** Every period start from first to last (ISO dates), a week or a month apart. */
function periodsBetween(first, last, period) {
  const out = [];
  if (!first || !last) {
    return out;
  }
  const d = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (d <= end && out.length < 1000) {
    out.push(d.toISOString().slice(0, 10));
    if (period === 'MONTH') {
      d.setUTCMonth(d.getUTCMonth() + 1);
    } else {
      d.setUTCDate(d.getUTCDate() + 7);
    }
  }
  return out;
}

function setUpMap() {
  if (state.map) {
    return;
  }
  // No tile layer: the hub works offline, inside a partnership's network.
  state.map = L.map('map', { attributionControl: false, zoomSnap: 0.25, preferCanvas: false });
  legend();
}

async function loadBoundaries() {
  if (state.lsoas) {
    return;
  }
  state.lsoas = await api('/api/v1/boundaries');
  state.wards = await api('/api/v1/boundaries?level=ward');
  setUpMap();
  const wardLayer = L.geoJSON(state.wards, {
    interactive: false,
    style: { className: 'ward', color: '#0b0c0c', weight: 2.2, fill: false },
  });
  state.wardLayer = wardLayer.addTo(state.map);
  L.control.layers(null, { 'Ward boundaries': wardLayer }, { collapsed: false }).addTo(state.map);
  state.map.fitBounds(wardLayer.getBounds());
  const wards = state.wards.features
    .map((f) => [f.properties.WDCD, `${f.properties.WDNM} (${f.properties.WDCD})`])
    .sort((a, b) => a[1].localeCompare(b[1]));
  fill($('ward'), [['', 'All wards']].concat(wards), true);
}

function redraw() {
  drawMap();
  drawTop();
}

function wire() {
  const reload = () => update(async () => { await loadCells(); redraw(); await drawTrend(); });
  $('period').addEventListener('change', reload);
  $('source').addEventListener('change', reload);
  $('start').addEventListener('change', () => update(async () => { await loadShown(); redraw(); }));
  $('definition').addEventListener('change', () => update(async () => { await loadShown(); redraw(); await drawTrend(); }));
  $('measure').addEventListener('change', () => update(async () => redraw()));
  $('topn').addEventListener('change', () => update(async () => drawTop()));
  $('ward').addEventListener('change', () => update(async () => {
    redraw();
    const ward = $('ward').value;
    const layer = ward && state.wardLayer.getLayers().find((l) => l.feature.properties.WDCD === ward);
    state.map.fitBounds(layer ? layer.getBounds() : state.wardLayer.getBounds());
  }));
  $('trend-area').addEventListener('change', () => update(drawTrend));
  $('trend-period').addEventListener('change', () => update(drawTrend));
  csvButton($('download'), () => {
    const s = selected();
    return withQuery('/api/v1/hotspots', {
      period: s.period, start: s.start, definition: s.definition, source: s.source, limit: LIMIT, format: 'csv',
    });
  }, () => {
    const s = selected();
    return `hotspots-${s.definition}-${s.period.toLowerCase()}-${s.start}-${s.source.toLowerCase()}.csv`;
  });
}

let wired = false;

page('hotspots', TOPIC, async (who) => {
  state.who = who;
  const controls = [$('filters'), $('map-title').parentElement, $('top-title').parentElement, $('trend-title').parentElement];
  if (!who || !permits(who, TOPIC)) {
    controls.forEach((c) => { c.hidden = true; });
    const note = $('not-permitted') || el('div', { id: 'not-permitted' });
    note.replaceChildren(who ? notPermitted('The hotspot map', who, TOPIC) : el('p', { text: 'Paste a recipient token above to see the map.' }));
    $('main').append(note);
    return;
  }
  controls.forEach((c) => { c.hidden = false; });
  $('not-permitted')?.remove();
  if (!wired) {
    wire();
    wired = true;
  }
  await loadBoundaries();
  state.map.invalidateSize();
  await loadCells();
  redraw();
  trendAreas();
  await drawTrend();
  $('main').dataset.version = String(Number($('main').dataset.version || '0') + 1);
});
