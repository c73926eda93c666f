/**
 * The reports page for supervisors and the quality team: KPI tiles against their targets, trend and
 * per-stage charts (Apache ECharts, served from this service's own node_modules at
 * /assets/echarts.min.js — nothing from a CDN), hot spots, repeats, departments, staff and open
 * problems, each table with a CSV export. Simplified Chinese by default, English on a tap (or
 * `?lang=en`). The page holds no data: it asks `/reports/summary` with the caller's bearer token,
 * which it takes from the link's fragment (`#token=…`, never sent to a server) or a paste box, and
 * keeps for the browser tab only. Every value is inserted as text, never as HTML.
 */
import { KPIS } from '../../domain/kpis';
import { CATEGORY_LABELS, LABEL_LOCALES, STAGE_LABELS, type LabelLocale } from '../../domain/labels';
import { CATEGORIES, CHANNELS, STAGES } from '../../domain/model';

const STYLE = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#dfe3ea; --bg:#f4f6f9; --card:#fff; --accent:#1d5fbf; --ok:#1f7a4d; --bad:#b3261e; }
* { box-sizing:border-box; }
[hidden] { display:none !important; }
body { margin:0; font:14px/1.5 -apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif; color:var(--fg); background:var(--bg); }
header { background:var(--accent); color:#fff; padding:10px 16px; display:flex; justify-content:space-between; align-items:center; gap:12px; }
header h1 { font-size:18px; margin:0; }
header button { background:transparent; color:#fff; border:1px solid #fff8; border-radius:6px; padding:4px 10px; }
main { max-width:1280px; margin:0 auto; padding:12px; }
form.filters { display:flex; flex-wrap:wrap; gap:8px; align-items:end; background:var(--card); border:1px solid var(--line); border-radius:10px; padding:10px 12px; }
form.filters label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); }
form.filters input, form.filters select { font:inherit; padding:5px 6px; border:1px solid var(--line); border-radius:6px; min-width:120px; }
form.filters button { font:inherit; border:0; border-radius:6px; padding:7px 14px; background:var(--accent); color:#fff; }
.tiles { display:grid; grid-template-columns:repeat(auto-fill,minmax(190px,1fr)); gap:10px; margin:12px 0; }
.tile { background:var(--card); border:1px solid var(--line); border-left:5px solid var(--line); border-radius:8px; padding:10px 12px; }
.tile.met { border-left-color:var(--ok); } .tile.missed { border-left-color:var(--bad); }
.tile .name { color:var(--muted); font-size:12px; } .tile .value { font-size:24px; font-weight:600; } .tile .detail { color:var(--muted); font-size:12px; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(560px,1fr)); gap:12px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:10px 12px; margin:12px 0; overflow:auto; }
section h2 { font-size:15px; margin:0 0 6px; display:flex; justify-content:space-between; align-items:center; }
section h2 button { font:inherit; font-size:12px; background:#fff; border:1px solid var(--line); border-radius:6px; padding:2px 8px; }
.chart { height:340px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); white-space:nowrap; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.message { border-radius:6px; padding:10px 12px; margin:12px 0; background:#fdecea; color:var(--bad); }
.token { display:flex; gap:8px; margin:12px 0; } .token input { flex:1; font:inherit; padding:6px; }
.muted { color:var(--muted); }
`;

const TEXT = {
  'zh-CN': {
    title: '投诉报表', other: 'English', from: '开始日期', to: '结束日期', interval: '趋势粒度', day: '日', week: '周', month: '月', category: '类别', department: '部门', channel: '渠道', product: '产品（名称或SKU）', any: '全部', load: '查询',
    tokenPrompt: '请粘贴主管或质量团队的访问令牌（npm run token -- --role supervisor --sub 工号）', tokenSave: '使用令牌', target: '目标', met: '达标', missed: '未达标',
    trend: '趋势', stages: '各环节超时率与用时', hotSpots: '热点问题', repeatComplainants: '重复投诉人', repeatProducts: '重复投诉产品', departments: '各部门', staff: '各处理人', problems: '未解决的系统性问题', csv: '导出CSV',
    volume: '投诉量', handlingRate: '处理率', breachRate: '超时率', satisfiedRate: '满意率', fcr: '首次解决率', meanHours: '平均用时（小时）', p90Hours: 'P90用时（小时）', complaints: '投诉数', share: '占比', numbers: '投诉编号', status: '状态', owner: '负责人', due: '期限', age: '已开天数', overdue: '已逾期', title2: '问题',
    period: '统计期间', noData: '该期间没有投诉', error: '无法加载报表',
  },
  en: {
    title: 'Complaint reports', other: '中文', from: 'From', to: 'To', interval: 'Trend by', day: 'day', week: 'week', month: 'month', category: 'Category', department: 'Department', channel: 'Channel', product: 'Product (name or SKU)', any: 'any', load: 'Show',
    tokenPrompt: 'Paste an access token of a supervisor or the quality team (npm run token -- --role supervisor --sub <id>)', tokenSave: 'Use token', target: 'target', met: 'met', missed: 'missed',
    trend: 'Trend', stages: 'Breach rate and time per stage', hotSpots: 'Hot spots', repeatComplainants: 'Repeat complainants', repeatProducts: 'Repeat products', departments: 'Departments', staff: 'Handlers', problems: 'Open systemic problems', csv: 'CSV',
    volume: 'Complaints', handlingRate: 'Handling rate', breachRate: 'Breach rate', satisfiedRate: 'Satisfied', fcr: 'First-contact resolution', meanHours: 'Mean (hours)', p90Hours: 'p90 (hours)', complaints: 'Complaints', share: 'Share', numbers: 'Complaint numbers', status: 'Status', owner: 'Owner', due: 'Due', age: 'Age (days)', overdue: 'overdue', title2: 'Problem',
    period: 'Period', noData: 'No complaints in this period', error: 'The report could not be loaded',
  },
};

const KPI_LABELS = Object.fromEntries(Object.entries(KPIS).map(([k, v]) => [k, { en: v.en, zh: v.zh, unit: v.unit, formula: v.formula }]));

const SCRIPT = String.raw`
(function () {
  var TEXT = __TEXT__, KPI = __KPI__, STAGES = __STAGES__, CATEGORIES = __CATEGORIES__, CHANNELS = __CHANNELS__;
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
  var T = TEXT[lang];
  var token = null;
  var fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) { token = fragment.get('token'); sessionStorage.setItem('reportsToken', token); history.replaceState(null, '', location.pathname + location.search); }
  token = token || sessionStorage.getItem('reportsToken');
  var charts = [];
  var last = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function pct(v) { return v === null || v === undefined ? '—' : (Math.round(v * 1000) / 10) + ' %'; }
  function hours(s) { return s === null || s === undefined ? '—' : (Math.round(s / 36) / 100); }
  function num(v) { return v === null || v === undefined ? '—' : String(v); }
  function q() {
    var form = document.getElementById('filters'), out = new URLSearchParams();
    ['from', 'to', 'interval', 'category', 'departmentId', 'channel', 'product'].forEach(function (name) { var v = form.elements[name].value.trim(); if (v) out.set(name, v); });
    return out;
  }
  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } });
  }

  function renderFilters() {
    var form = document.getElementById('filters');
    form.innerHTML = '';
    function field(label, input) { var l = el('label', {}, [label]); l.appendChild(input); form.appendChild(l); }
    function select(name, values, labels) {
      var s = el('select', { name: name }, [el('option', { value: '', text: T.any })]);
      values.forEach(function (v, i) { s.appendChild(el('option', { value: v, text: labels ? labels[i] : v })); });
      return s;
    }
    var today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    var monthAgo = new Date(Date.now() + 8 * 3600e3 - 29 * 86400e3).toISOString().slice(0, 10);
    field(T.from, el('input', { name: 'from', type: 'date', value: params.get('from') || monthAgo }));
    field(T.to, el('input', { name: 'to', type: 'date', value: params.get('to') || today }));
    field(T.interval, select('interval', ['day', 'week', 'month'], [T.day, T.week, T.month]));
    field(T.category, select('category', CATEGORIES, CATEGORIES.map(function (c) { return T.categoryNames[c]; })));
    field(T.department, el('input', { name: 'departmentId', type: 'text' }));
    field(T.channel, select('channel', CHANNELS));
    field(T.product, el('input', { name: 'product', type: 'text' }));
    form.appendChild(el('button', { type: 'submit', id: 'load', text: T.load }));
  }

  function tile(name, value, detail, target) {
    var d = KPI[name], status = '';
    if (target && value !== null && value !== undefined) status = (target.atLeast !== undefined && value < target.atLeast) || (target.atMost !== undefined && value > target.atMost) ? 'missed' : 'met';
    var shown = d.unit === 'rate' ? pct(value) : num(value);
    var targetText = target ? T.target + ' ' + (target.atLeast !== undefined ? '≥ ' + pct(target.atLeast) : '≤ ' + pct(target.atMost)) + (status ? ' · ' + T[status] : '') : '';
    return el('div', { class: 'tile ' + status, 'data-kpi': name, title: d.formula }, [
      el('div', { class: 'name', text: lang === 'en' ? d.en : d.zh }),
      el('div', { class: 'value', text: shown }),
      el('div', { class: 'detail', text: [detail, targetText].filter(Boolean).join(' · ') }),
    ]);
  }

  function table(id, columns, rows) {
    var t = el('table', { id: id + '-table' });
    t.appendChild(el('thead', {}, [el('tr', {}, columns.map(function (c) { return el('th', { text: c }); }))]));
    var body = el('tbody');
    rows.forEach(function (r) { body.appendChild(el('tr', {}, r.map(function (c) { return el('td', { class: typeof c === 'number' ? 'num' : '', text: c === null || c === undefined ? '—' : String(c) }); }))); });
    t.appendChild(body);
    return t;
  }

  function section(id, title, exportName, content) {
    var button = exportName ? el('button', { type: 'button', 'data-export': exportName, text: T.csv }) : null;
    if (button) button.addEventListener('click', function () { download(exportName); });
    return el('section', { id: id }, [el('h2', {}, [el('span', { text: title }), button]), content]);
  }

  function download(name) {
    api('/reports/export/' + name + '.csv?' + q().toString()).then(function (res) { return res.blob(); }).then(function (blob) {
      var a = el('a', { href: URL.createObjectURL(blob), download: 'complaints-' + name + '.csv' });
      document.body.appendChild(a); a.click(); a.remove();
    });
  }

  function chart(id) {
    var box = el('div', { class: 'chart', id: id });
    setTimeout(function () { var c = echarts.init(box, null, { renderer: 'canvas' }); charts.push(c); box._chart = c; }, 0);
    return box;
  }
  function draw(id, option) { var c = document.getElementById(id)._chart; c.setOption(option); }

  function render(r) {
    charts.forEach(function (c) { c.dispose(); }); charts = [];
    var out = document.getElementById('report'); out.innerHTML = '';
    var f = r.figures;
    var localDay = function (iso, shift) { return new Date(Date.parse(iso) + r.period.utcOffsetMinutes * 60e3 - shift).toISOString().slice(0, 10); };
    out.appendChild(el('p', { class: 'muted', id: 'period', text: T.period + ': ' + localDay(r.period.from, 0) + ' — ' + localDay(r.period.to, 1) }));
    var tiles = el('div', { class: 'tiles', id: 'tiles' });
    tiles.appendChild(tile('volume', f.volume, ''));
    ['handlingRate', 'firstContactResolutionRate', 'acknowledgedWithin24hRate', 'firstResponseWithin24hRate', 'slaBreachRate', 'satisfiedRate', 'escalationRate', 'reopenRate'].forEach(function (k) {
      tiles.appendChild(tile(k, f[k].value, f[k].part + ' / ' + f[k].whole, r.targets[k]));
    });
    tiles.appendChild(tile('meanSatisfaction', f.meanSatisfaction, ''));
    tiles.appendChild(tile('escalations', f.escalations, ''));
    out.appendChild(tiles);
    if (f.volume === 0) out.appendChild(el('p', { class: 'muted', text: T.noData }));

    var grid = el('div', { class: 'grid' });
    grid.appendChild(section('trend', T.trend, 'trend', chart('trend-chart')));
    grid.appendChild(section('stages', T.stages, 'stages', chart('stages-chart')));
    grid.appendChild(section('hot-spots', T.hotSpots, 'hotSpots', chart('hot-spots-chart')));
    out.appendChild(grid);
    out.appendChild(section('stage-table', T.stages, null, table('stages', ['', T.breachRate, T.meanHours, T.p90Hours], STAGES.map(function (s) { var x = r.stages[s]; return [T.stageNames[s], pct(x.breachRate.value), hours(x.meanSeconds), hours(x.p90Seconds)]; }))));
    out.appendChild(section('departments', T.departments, 'departments', table('departments', [T.department, T.volume, T.handlingRate, T.breachRate, T.satisfiedRate, T.fcr], r.byDepartment.map(function (d) { return [d.departmentId, d.volume, pct(d.handlingRate.value), pct(d.slaBreachRate.value), pct(d.satisfiedRate.value), pct(d.firstContactResolutionRate.value)]; }))));
    out.appendChild(section('staff', T.staff, 'staff', table('staff', [T.owner, T.volume, T.handlingRate, T.breachRate, T.satisfiedRate, T.fcr], r.byStaff.map(function (d) { return [d.name ? d.name + ' (' + d.staffId + ')' : d.staffId, d.volume, pct(d.handlingRate.value), pct(d.slaBreachRate.value), pct(d.satisfiedRate.value), pct(d.firstContactResolutionRate.value)]; }))));
    out.appendChild(section('repeat-complainants', T.repeatComplainants, 'repeatComplainants', table('repeat-complainants', ['', T.complaints, T.numbers], r.repeatComplainants.map(function (c) { return [c.complainant, c.complaints, c.numbers.join(' ')]; }))));
    out.appendChild(section('repeat-products', T.repeatProducts, 'repeatProducts', table('repeat-products', [T.product, T.complaints], r.repeatProducts.map(function (p) { return [p.productName || p.productKey, p.complaints]; }))));
    out.appendChild(section('problems', T.problems, 'problems', table('problems', ['#', T.title2, T.status, T.owner, T.due, T.age, T.complaints], r.openProblems.map(function (p) { return [p.id, p.title, p.status, p.ownerId, p.dueDate ? p.dueDate + (p.overdue ? ' (' + T.overdue + ')' : '') : null, p.ageDays, p.complaints]; }))));

    setTimeout(function () {
      draw('trend-chart', {
        tooltip: { trigger: 'axis' }, legend: { data: [T.volume, T.handlingRate, T.breachRate] },
        xAxis: { type: 'category', data: r.trend.map(function (t) { return t.bucket; }) },
        yAxis: [{ type: 'value', name: T.volume }, { type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return v * 100 + '%'; } } }],
        series: [
          { name: T.volume, type: 'bar', data: r.trend.map(function (t) { return t.volume; }) },
          { name: T.handlingRate, type: 'line', yAxisIndex: 1, data: r.trend.map(function (t) { return t.handlingRate.value; }) },
          { name: T.breachRate, type: 'line', yAxisIndex: 1, data: r.trend.map(function (t) { return t.slaBreachRate.value; }) },
        ],
      });
      draw('stages-chart', {
        tooltip: { trigger: 'axis' }, legend: { top: 0, data: [T.breachRate, T.meanHours, T.p90Hours] }, grid: { top: 40, bottom: 125 },
        xAxis: { type: 'category', data: STAGES.map(function (s) { return T.stageNames[s]; }), axisLabel: { rotate: 40 } },
        yAxis: [{ type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return v * 100 + '%'; } } }, { type: 'value', name: 'h' }],
        series: [
          { name: T.breachRate, type: 'bar', data: STAGES.map(function (s) { return r.stages[s].breachRate.value; }) },
          { name: T.meanHours, type: 'line', yAxisIndex: 1, data: STAGES.map(function (s) { return hours(r.stages[s].meanSeconds); }) },
          { name: T.p90Hours, type: 'line', yAxisIndex: 1, data: STAGES.map(function (s) { return hours(r.stages[s].p90Seconds); }) },
        ],
      });
      draw('hot-spots-chart', {
        tooltip: {}, grid: { left: 200 },
        xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: r.hotSpots.map(function (h) { return (h.category ? T.categoryNames[h.category] : '—') + ' · ' + (h.productName || h.productKey || '—'); }) },
        series: [{ name: T.complaints, type: 'bar', data: r.hotSpots.map(function (h) { return h.complaints; }) }],
      });
      document.body.setAttribute('data-rendered', 'true');
    }, 10);
  }

  function load(event) {
    if (event) event.preventDefault();
    var message = document.getElementById('message'); message.hidden = true;
    document.body.removeAttribute('data-rendered');
    api('/reports/summary?' + q().toString()).then(function (res) {
      return res.json().then(function (body) { if (!res.ok) throw new Error((body.error && body.error.message) || res.status); return body; });
    }).then(function (r) { last = r; render(r); }).catch(function (err) { message.hidden = false; message.textContent = T.error + ': ' + err.message; });
  }

  function start() {
    document.documentElement.lang = lang;
    document.title = T.title;
    document.getElementById('title').textContent = T.title;
    var toggle = document.getElementById('lang');
    toggle.textContent = T.other;
    toggle.onclick = function () { params.set('lang', lang === 'en' ? 'zh-CN' : 'en'); location.search = params.toString(); };
    renderFilters();
    document.getElementById('filters').addEventListener('submit', load);
    var box = document.getElementById('token-box');
    if (!token) {
      box.hidden = false;
      document.getElementById('token-label').textContent = T.tokenPrompt;
      document.getElementById('token-save').textContent = T.tokenSave;
      document.getElementById('token-save').onclick = function () { token = document.getElementById('token-input').value.trim(); sessionStorage.setItem('reportsToken', token); box.hidden = true; load(); };
      return;
    }
    load();
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  start();
})();
`;

export function reportsPageHtml(): string {
  // Stage and category names come from the one vocabulary (domain/labels.ts), like the notifications'.
  const names = (locale: LabelLocale) => ({
    stageNames: Object.fromEntries(STAGES.map((s) => [s, STAGE_LABELS[s][locale]])),
    categoryNames: Object.fromEntries(CATEGORIES.map((c) => [c, CATEGORY_LABELS[c][locale]])),
  });
  const text = Object.fromEntries(LABEL_LOCALES.map((locale) => [locale, { ...TEXT[locale], ...names(locale) }]));
  const script = SCRIPT.replace('__TEXT__', JSON.stringify(text))
    .replace('__KPI__', JSON.stringify(KPI_LABELS))
    .replace('__STAGES__', JSON.stringify(STAGES))
    .replace('__CATEGORIES__', JSON.stringify(CATEGORIES))
    .replace('__CHANNELS__', JSON.stringify(CHANNELS))
    .replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>投诉报表</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
<script src="/assets/echarts.min.js"></script>
</head>
<body>
<header><h1 id="title">投诉报表</h1><button type="button" id="lang"></button></header>
<main>
<div class="token" id="token-box" hidden><label id="token-label" for="token-input"></label><input id="token-input" type="password" autocomplete="off"><button type="button" id="token-save"></button></div>
<form class="filters" id="filters"></form>
<div class="message" id="message" hidden></div>
<div id="report"></div>
</main>
<script>${script}</script>
</body>
</html>`;
}
