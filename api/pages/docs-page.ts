/**
 * A self-contained documentation page for the OpenAPI document: no CDN, no external script or style,
 * so it works on a machine without internet. The page fetches the spec and renders the operations
 * grouped by tag with method, path, summary, roles, parameters and request/response schemas.
 * Everything taken from the spec is inserted as text (never as HTML).
 */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A JS string literal that is safe inside an inline <script>. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#f6f7f9; --card:#fff;
  --get:#1f7a4d; --post:#1d5fbf; --put:#9a5b00; --delete:#b3261e; --patch:#6b3fa0; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif; color:var(--fg); background:var(--bg); }
header { padding:20px 28px 12px; background:var(--card); border-bottom:1px solid var(--line); position:sticky; top:0; z-index:1; }
header h1 { margin:0 0 4px; font-size:22px; }
header p { margin:0 0 10px; color:var(--muted); }
#filter { width:100%; max-width:520px; padding:7px 10px; border:1px solid var(--line); border-radius:6px; font:inherit; }
main { padding:16px 28px 48px; max-width:1200px; }
h2 { margin:28px 0 4px; font-size:18px; }
.tagdesc { margin:0 0 10px; color:var(--muted); }
details.op { background:var(--card); border:1px solid var(--line); border-radius:8px; margin:8px 0; }
details.op > summary { cursor:pointer; padding:9px 12px; display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; list-style:none; }
details.op > summary::-webkit-details-marker { display:none; }
.method { display:inline-block; min-width:58px; text-align:center; padding:1px 6px; border-radius:4px; color:#fff; font:600 12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; text-transform:uppercase; }
.m-get{background:var(--get)} .m-post{background:var(--post)} .m-put{background:var(--put)} .m-delete{background:var(--delete)} .m-patch{background:var(--patch)}
.path { font:600 14px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; word-break:break-all; }
.summary { color:var(--muted); }
.lock { font-size:12px; color:var(--muted); border:1px solid var(--line); border-radius:10px; padding:0 7px; }
.body { padding:4px 16px 14px; border-top:1px solid var(--line); }
.desc { white-space:pre-wrap; }
h3 { font-size:14px; margin:14px 0 6px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; border-bottom:1px solid var(--line); padding:4px 8px; vertical-align:top; }
th { color:var(--muted); font-weight:600; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:13px; }
pre { background:#f1f3f6; border:1px solid var(--line); border-radius:6px; padding:8px 10px; overflow:auto; max-height:480px; margin:4px 0 8px; }
.status { font-weight:600; font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; }
.roles span { display:inline-block; background:#eef1f6; border-radius:10px; padding:0 8px; margin:0 4px 2px 0; font-size:13px; }
.error { color:#b3261e; }
[hidden] { display:none !important; }
`;

/** The page's script, as plain ES2017 (no build step; every modern browser runs it). */
const SCRIPT = String.raw`
(function () {
  'use strict';
  var main = document.getElementById('ops');
  var filter = document.getElementById('filter');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== undefined) node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function resolvePointer(spec, ref) {
    if (typeof ref !== 'string' || ref.indexOf('#/') !== 0) return undefined;
    return ref.slice(2).split('/').reduce(function (node, part) {
      return node === undefined || node === null ? undefined : node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }, spec);
  }

  // Inlines local $refs for display; a ref already being expanded is left as is (no cycles).
  function deref(spec, node, stack) {
    if (Array.isArray(node)) return node.map(function (n) { return deref(spec, n, stack); });
    if (!node || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      if (stack.indexOf(node.$ref) >= 0 || stack.length > 32) return node;
      var target = resolvePointer(spec, node.$ref);
      return target === undefined ? node : deref(spec, target, stack.concat([node.$ref]));
    }
    var out = {};
    Object.keys(node).forEach(function (k) { out[k] = deref(spec, node[k], stack); });
    return out;
  }

  function schemaType(schema) {
    if (!schema) return '';
    var t = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || (schema.$ref ? schema.$ref.split('/').pop() : '');
    if (schema.enum) t += ' ∈ {' + schema.enum.join(', ') + '}';
    if (schema.format) t += ' (' + schema.format + ')';
    if (schema.pattern) t += ' /' + schema.pattern + '/';
    if (schema.minimum !== undefined || schema.maximum !== undefined) t += ' [' + (schema.minimum !== undefined ? schema.minimum : '') + '…' + (schema.maximum !== undefined ? schema.maximum : '') + ']';
    if (schema['default'] !== undefined) t += ' = ' + JSON.stringify(schema['default']);
    return t;
  }

  function pre(value) { return el('pre', null, [JSON.stringify(value, null, 2)]); }

  function parametersTable(spec, params) {
    var rows = params.map(function (p) {
      p = deref(spec, p, []);
      return el('tr', null, [
        el('td', null, [el('code', null, [p.name])]),
        el('td', null, [p['in']]),
        el('td', null, [p.required ? 'yes' : 'no']),
        el('td', null, [el('code', null, [schemaType(p.schema)])]),
        el('td', null, [p.description || (p.schema && p.schema.description) || '']),
      ]);
    });
    return el('table', null, [el('thead', null, [el('tr', null, ['Name', 'In', 'Required', 'Schema', 'Description'].map(function (h) { return el('th', null, [h]); }))]), el('tbody', null, rows)]);
  }

  function content(spec, media) {
    var parts = [];
    Object.keys(media || {}).forEach(function (type) {
      var m = media[type] || {};
      parts.push(el('div', null, [el('code', null, [type])]));
      if (m.schema) parts.push(pre(deref(spec, m.schema, [])));
      if (m.example !== undefined) parts.push(el('div', null, ['Example:']), pre(m.example));
    });
    return parts;
  }

  function operation(spec, path, method, op) {
    var secured = op.security ? op.security.length > 0 : (spec.security || []).length > 0;
    var head = el('summary', null, [
      el('span', { 'class': 'method m-' + method }, [method]),
      el('span', { 'class': 'path' }, [path]),
      el('span', { 'class': 'summary' }, [op.summary || '']),
      el('span', { 'class': 'lock', title: secured ? 'Needs a bearer token' : 'No token needed' }, [secured ? 'bearer JWT' : 'public']),
    ]);
    var body = el('div', { 'class': 'body' });
    if (op.operationId) body.appendChild(el('div', null, ['operationId: ', el('code', null, [op.operationId])]));
    var roles = op['x-roles'];
    var permission = op['x-permission'];
    var description = (op.description || '').replace(/\s*\*\*(Roles|Access):\*\*[^\n]*$/, '');
    if (description) body.appendChild(el('p', { 'class': 'desc' }, [description.replace(/\*\*/g, '').replace(/\x60/g, '')]));
    if (permission === 'public') {
      body.appendChild(el('h3', null, ['Access']));
      body.appendChild(el('div', null, ['Public: no token needed.']));
    } else if (Array.isArray(roles)) {
      body.appendChild(el('h3', null, [permission && permission !== 'authenticated' ? 'Roles (permission ' + permission + ')' : 'Roles (any signed-in caller)']));
      body.appendChild(el('div', { 'class': 'roles' }, roles.map(function (r) { return el('span', null, [r]); })));
    }
    var params = (spec.paths[path].parameters || []).concat(op.parameters || []);
    if (params.length) { body.appendChild(el('h3', null, ['Parameters'])); body.appendChild(parametersTable(spec, params)); }
    if (op.requestBody) {
      var rb = deref(spec, op.requestBody, []);
      body.appendChild(el('h3', null, ['Request body' + (rb.required ? ' (required)' : '')]));
      if (rb.description) body.appendChild(el('p', null, [rb.description]));
      content(spec, rb.content).forEach(function (n) { body.appendChild(n); });
    }
    body.appendChild(el('h3', null, ['Responses']));
    Object.keys(op.responses || {}).forEach(function (status) {
      var r = deref(spec, op.responses[status], []);
      body.appendChild(el('div', null, [el('span', { 'class': 'status' }, [status]), ' ', r.description || '']));
      if (r.headers) {
        body.appendChild(el('div', null, ['Headers: ' + Object.keys(r.headers).join(', ')]));
      }
      content(spec, r.content).forEach(function (n) { body.appendChild(n); });
    });
    var details = el('details', { 'class': 'op' }, [head, body]);
    details.setAttribute('data-search', [method, path, op.summary, op.operationId, (roles || []).join(' '), (op.tags || []).join(' ')].join(' ').toLowerCase());
    return details;
  }

  function render(spec) {
    document.title = (spec.info && spec.info.title ? spec.info.title : 'API') + ' — documentation';
    document.getElementById('title').textContent = spec.info && spec.info.title ? spec.info.title : 'API';
    document.getElementById('meta').textContent = 'Version ' + (spec.info && spec.info.version) + ' · OpenAPI ' + spec.openapi + (spec.info && spec.info.description ? ' · ' + spec.info.description.replace(/\x60/g, '') : '');
    var groups = {};
    var order = (spec.tags || []).map(function (t) { return t.name; });
    var tagDesc = {};
    (spec.tags || []).forEach(function (t) { tagDesc[t.name] = t.description; });
    var methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];
    Object.keys(spec.paths || {}).forEach(function (path) {
      methods.forEach(function (m) {
        var op = spec.paths[path][m];
        if (!op) return;
        var tag = op.tags && op.tags[0] ? op.tags[0] : 'Other';
        if (order.indexOf(tag) < 0) order.push(tag);
        (groups[tag] = groups[tag] || []).push(operation(spec, path, m, op));
      });
    });
    main.textContent = '';
    order.forEach(function (tag) {
      if (!groups[tag]) return;
      var section = el('section', { 'data-tag': tag }, [el('h2', null, [tag]), tagDesc[tag] ? el('p', { 'class': 'tagdesc' }, [tagDesc[tag].replace(/\x60/g, '')]) : null]);
      groups[tag].forEach(function (d) { section.appendChild(d); });
      main.appendChild(section);
    });
    filter.addEventListener('input', function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(main.querySelectorAll('section'), function (section) {
        var visible = 0;
        Array.prototype.forEach.call(section.querySelectorAll('details.op'), function (d) {
          var text = d.getAttribute('data-search');
          var show = words.every(function (w) { return text.indexOf(w) >= 0; });
          d.hidden = !show;
          if (show) visible++;
        });
        section.hidden = visible === 0;
      });
    });
  }

  fetch(SPEC_URL, { headers: { accept: 'application/json' } })
    .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
    .then(render)
    .catch(function (err) {
      main.textContent = '';
      main.appendChild(el('p', { 'class': 'error' }, ['Could not load the API description from ' + SPEC_URL + ': ' + (err && err.message ? err.message : String(err))]));
    });
})();
`;

/** The documentation page. `specUrl` is where the page fetches the OpenAPI document from. */
export function docsPageHtml(specUrl = '/openapi.json'): string {
  const href = escapeHtml(specUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API documentation</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1 id="title">API documentation</h1>
<p id="meta">OpenAPI document: <a href="${href}">${href}</a></p>
<input id="filter" type="search" placeholder="Filter: path, method, role, summary…" aria-label="Filter operations">
</header>
<main id="ops"><p>Loading <a href="${href}">${href}</a>…</p></main>
<noscript><p style="padding:0 28px">This page needs JavaScript. The raw document is at <a href="${href}">${href}</a>.</p></noscript>
<script>
var SPEC_URL = ${scriptString(specUrl)};
${SCRIPT}
</script>
</body>
</html>
`;
}
