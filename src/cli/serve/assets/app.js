// The scenario explorer's page: controls -> a query string -> POST /api/run
// -> headline numbers and SVG charts. The query string is also the page's
// URL (a link shares the scenario) and the query of every download.
// Requests are debounced, and a newer one aborts the one in flight.
'use strict';

const DEBOUNCE_MS = 25;
const $ = (id) => document.getElementById(id);
let config = null;
const state = { fields: {}, spa: '', interventions: {}, fan: false, toml: '' };
let inflight = null;
let timer = null;
let sinceInput = null;
const objectUrls = {};
window.fiscalTimings = [];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function fmt(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return Number(v).toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function query() {
  const q = new URLSearchParams();
  for (const c of config.controls) {
    if (c.key in state.fields) q.set('f.' + c.key, String(state.fields[c.key]));
  }
  if (state.spa) q.set('spa', state.spa);
  Object.keys(state.interventions).sort((a, b) => a - b).forEach((n) => {
    const s = state.interventions[n];
    q.set('i' + n, [s.on ? 1 : 0, s.scale, s.retention, s.decay].join(','));
  });
  if (state.fan) q.set('fan', '1');
  if (state.toml.trim()) q.set('toml', state.toml);
  return q.toString();
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of q) {
    if (k.startsWith('f.')) state.fields[k.slice(2)] = Number(v);
    else if (k === 'spa') state.spa = v;
    else if (k === 'fan') state.fan = v === '1';
    else if (k === 'toml') state.toml = v;
    else if (/^i\d+$/.test(k)) {
      const [on, scale, retention, decay] = v.split(',');
      state.interventions[k.slice(1)] = { on: on === '1', scale: Number(scale), retention: Number(retention), decay: Number(decay) };
    }
  }
}

function touched() {
  sinceInput = performance.now();
  schedule();
}

function buildFields() {
  const box = $('fields');
  let group = null;
  for (const c of config.controls) {
    if (c.group !== group) { group = c.group; box.append(el('h2', {}, group)); }
    const id = 'f-' + c.key.replace(/\./g, '-');
    const input = el('input', { type: 'range', id, min: c.min, max: c.max, step: c.step, 'aria-label': c.label });
    const out = el('output', { for: id });
    const reset = el('button', { type: 'button', class: 'reset', title: 'Back to the scenario\'s value' }, 'reset');
    const show = () => {
      const set = c.key in state.fields;
      const v = set ? state.fields[c.key] : (c.base ?? c.unset_shows);
      input.value = v;
      if (!set && c.base === null) { out.textContent = 'unset: ' + c.unset_means; out.className = 'unset'; }
      else { out.textContent = fmt(v, c.step) + ' ' + c.unit; out.className = set ? '' : 'unset'; }
      reset.hidden = !set;
    };
    input.addEventListener('input', () => { state.fields[c.key] = Number(input.value); show(); touched(); });
    reset.addEventListener('click', () => { delete state.fields[c.key]; show(); touched(); });
    box.append(el('div', { class: 'control' },
      el('div', { class: 'top' }, el('label', { for: id }, c.label), reset), input, out));
    show();
  }
}

function slider(label, id, range, step, value, onInput, unit) {
  const input = el('input', { type: 'range', id, min: range[0], max: range[1], step, value, 'aria-label': label });
  const out = el('output', { for: id }, fmt(value, step) + unit);
  input.addEventListener('input', () => { out.textContent = fmt(input.value, step) + unit; onInput(Number(input.value)); });
  return [el('label', { for: id }, label), input, out];
}

function buildInterventions() {
  const box = $('interventions');
  config.interventions.forEach((iv, n) => {
    const cur = () => state.interventions[n] || { on: iv.on, scale: iv.scale, retention: iv.retention, decay: iv.decay };
    const set = (k, v) => { const s = { ...cur() }; s[k] = v; state.interventions[n] = s; row.className = 'iv' + (s.on ? '' : ' off'); touched(); };
    const s0 = cur();
    const check = el('input', { type: 'checkbox', id: 'iv-' + n + '-on' });
    check.checked = s0.on;
    check.addEventListener('change', () => set('on', check.checked));
    const row = el('div', { class: 'iv' + (s0.on ? '' : ' off') },
      el('label', { class: 'name' }, check, ' ' + iv.name),
      el('div', { class: 'grid' },
        ...slider('Scale', 'iv-' + n + '-scale', config.ranges.scale, 0.05, s0.scale, (v) => set('scale', v), '×'),
        ...slider('Retention', 'iv-' + n + '-retention', config.ranges.retention, 0.05, s0.retention, (v) => set('retention', v), ''),
        ...slider('Decay', 'iv-' + n + '-decay', config.ranges.decay, 0.5, s0.decay, (v) => set('decay', v), ' %')));
    box.append(row);
  });
}

function buildRest() {
  const spa = $('spa');
  for (const p of config.spa) spa.append(el('option', { value: p.key }, p.label));
  spa.value = state.spa;
  spa.addEventListener('change', () => { state.spa = spa.value; touched(); });
  const fan = $('fan');
  fan.checked = state.fan;
  fan.addEventListener('change', () => { state.fan = fan.checked; touched(); });
  const toml = $('toml');
  toml.value = state.toml;
  if (state.toml) toml.closest('details').open = true;
  toml.addEventListener('input', () => { state.toml = toml.value; sinceInput = performance.now(); schedule(400); });
  $('reset').addEventListener('click', () => { location.search = ''; });
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(send, delay ?? DEBOUNCE_MS);
}

// A short fingerprint of a chart (FNV-1a), in the image's data-hash, so
// that a test can tell that a chart changed.
function fingerprint(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0).toString(16);
}

function setChart(id, svg) {
  const img = $(id);
  img.dataset.hash = fingerprint(svg);
  if (objectUrls[id]) URL.revokeObjectURL(objectUrls[id]);
  objectUrls[id] = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  img.src = objectUrls[id];
  return img.decode().catch(() => {});
}

function showError(r) {
  const lines = [r.error];
  for (const p of r.problems || []) {
    const at = [p.file, p.line, p.column].filter((x) => x !== null && x !== undefined && x !== '').join(':');
    const text = (at ? at + ': ' : '') + (p.field ? '`' + p.field + '`: ' : '') + p.message;
    if (!r.error.includes(p.message)) lines.push(text);
  }
  $('error-text').textContent = lines.join('\n');
  $('error').hidden = false;
}

function links(q) {
  const suffix = q ? '?' + q : '';
  for (const [id, name] of [['dl-scenario', 'scenario.toml'], ['dl-csv', 'projection.csv'], ['dl-debt-svg', 'debt.svg'],
    ['dl-debt-png', 'debt.png'], ['dl-difference-svg', 'difference.svg'], ['dl-difference-png', 'difference.png'],
    ['dl-debt-pdf', 'debt.pdf'], ['dl-difference-pdf', 'difference.pdf']]) {
    $(id).href = '/api/download/' + name + suffix;
  }
  $('dl-share').href = '/' + suffix;
  history.replaceState(null, '', '/' + suffix);
}

async function send() {
  const q = query();
  links(q);
  if (inflight) inflight.abort();
  const ctl = new AbortController();
  inflight = ctl;
  const started = sinceInput ?? performance.now();
  document.body.dataset.state = 'busy';
  let r;
  try {
    const resp = await fetch('/api/run', { method: 'POST', body: q, signal: ctl.signal, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    r = await resp.json();
  } catch (e) {
    if (e.name === 'AbortError') return;
    r = { ok: false, error: 'The server did not answer (' + e.message + '); is `fiscal serve` still running?' };
  }
  if (ctl !== inflight) return;
  if (!r.ok) {
    showError(r);
    document.body.dataset.state = 'error';
    inflight = null;
    return;
  }
  $('error').hidden = true;
  const text = {
    'end-year': r.end_year, 'psnd-end': r.psnd_end_pct_gdp, 'psnd-base': r.base_psnd_end_pct_gdp,
    'psnd-diff': (r.psnd_difference_pp.startsWith('-') ? '' : '+') + r.psnd_difference_pp,
    'fiscal-gap': r.fiscal_gap_pct_gdp, 'gap-base': r.base_fiscal_gap_pct_gdp, 'gap-target': r.target,
    's1': r.s1_pct_gdp, 's2': r.s2_pct_gdp, 'share-closed': r.share_of_gap_closed_pct,
  };
  for (const [id, v] of Object.entries(text)) $(id).textContent = v;
  $('warnings').textContent = (r.warnings || []).join(' ');
  const draws = [setChart('chart-debt', r.charts.debt), setChart('chart-difference', r.charts.difference)];
  $('fan-figure').hidden = !r.charts.fan;
  if (r.charts.fan) draws.push(setChart('chart-fan', r.charts.fan));
  await Promise.all(draws);
  if (ctl !== inflight) return;
  inflight = null;
  const ms = performance.now() - started;
  window.fiscalTimings.push({ redraw_ms: ms, server_ms: r.server_ms });
  $('timing').textContent = 'Redrawn in ' + Math.round(ms) + ' ms (server ' + r.server_ms.toFixed(1) + ' ms).';
  document.body.dataset.state = 'ready';
  document.body.dataset.updates = String(window.fiscalTimings.length);
}

async function init() {
  try {
    config = await (await fetch('/api/config')).json();
  } catch (e) {
    $('scenario-line').textContent = 'Cannot reach the server: ' + e.message;
    return;
  }
  $('scenario-line').textContent = 'Starting from: ' + config.scenario + ' — ' + config.description + ' (fiscal ' + config.version + ')';
  readUrl();
  buildFields();
  buildRest();
  buildInterventions();
  send();
}

init();
