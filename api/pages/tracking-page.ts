/**
 * The complainant's tracking page: one self-contained, mobile-friendly HTML page (no external script,
 * style or font). It reads the secret from the link's fragment, asks `/track/api/{number}` for the
 * complainant's view, and offers the actions open now — accept or reject a proposal with what they
 * want instead, rate the handling, add information or an evidence link, withdraw, ask to reopen — as
 * the same workflow updates the API uses. Simplified Chinese by default, English on a tap (or
 * `?lang=en`). Every value from the server is inserted as text, never as HTML.
 */

const STYLE = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#dfe3ea; --bg:#f4f6f9; --card:#fff; --accent:#1d5fbf; --ok:#1f7a4d; --warn:#9a5b00; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.55 -apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif; color:var(--fg); background:var(--bg); }
header { background:var(--accent); color:#fff; padding:14px 16px; display:flex; justify-content:space-between; align-items:center; }
header h1 { font-size:18px; margin:0; }
header button { background:transparent; color:#fff; border:1px solid #fff8; border-radius:6px; padding:4px 10px; font-size:14px; }
main { max-width:640px; margin:0 auto; padding:12px; }
section { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:14px 16px; margin:12px 0; }
h2 { font-size:16px; margin:0 0 8px; }
.stage { font-size:22px; font-weight:600; margin:4px 0; }
.muted { color:var(--muted); font-size:14px; }
dl { display:grid; grid-template-columns:auto 1fr; gap:4px 12px; margin:0; }
dt { color:var(--muted); } dd { margin:0; }
ol.history { list-style:none; padding:0; margin:0; }
ol.history li { border-left:3px solid var(--line); padding:4px 0 8px 12px; }
ol.history .when { color:var(--muted); font-size:13px; }
.text { white-space:pre-wrap; background:var(--bg); border-radius:6px; padding:6px 8px; margin-top:4px; }
textarea, input[type=url], input[type=text] { width:100%; font:inherit; padding:8px; border:1px solid var(--line); border-radius:6px; }
textarea { min-height:72px; }
.buttons { display:flex; flex-wrap:wrap; gap:8px; margin-top:8px; }
button.act { font:inherit; border:0; border-radius:6px; padding:10px 14px; color:#fff; background:var(--accent); min-height:44px; }
button.act.ok { background:var(--ok); } button.act.bad { background:var(--bad); } button.act.plain { background:#fff; color:var(--fg); border:1px solid var(--line); }
button.star { font-size:26px; background:none; border:0; padding:4px; min-width:44px; min-height:44px; }
.message { border-radius:6px; padding:10px 12px; margin:12px 0; }
.message.error { background:#fdecea; color:var(--bad); } .message.info { background:#e8f3ec; color:var(--ok); }
.remedies li { margin:2px 0; }
`;

const SCRIPT = String.raw`
(function () {
  var number = document.body.getAttribute('data-number');
  var secret = location.hash.replace(/^#/, '');
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
  var T = {
    'zh-CN': { title: '投诉进度查询', number: '投诉编号', status: '当前状态', promised: '承诺时间', firstContactBy: '首次联系', replyBy: '正式答复', answerProposalBy: '请于此前答复方案', rateBy: '请于此前评价', reopenUntil: '可申请重新处理至', history: '处理记录', proposal: '处理方案', round: '第 {n} 轮', total: '合计', accept: '接受方案', reject: '不接受', counter: '您希望如何处理？', rate: '请为本次处理打分', comment: '意见（可选）', submitRate: '提交评价', info: '补充信息', infoText: '补充说明', send: '发送', evidence: '补充材料链接', evidenceUrl: '材料链接（https://…）', withdraw: '撤回投诉', withdrawReason: '撤回原因', reopen: '申请重新处理', reopenReason: '仍未解决的问题', outcome: '处理结果', yourRating: '您的评价', notFound: '未找到与此链接对应的投诉。请检查链接是否完整，或联系客服。', tooMany: '尝试次数过多，请稍后再试。', wrongStage: '投诉状态已变化，暂时无法进行此操作。页面已刷新。', invalid: '请检查填写的内容：', failed: '暂时无法处理，请稍后再试。', done: '已提交。', lang: 'English', you: '您', none: '—', product: '产品', evidenceList: '您提供的材料' },
    'en': { title: 'Your complaint', number: 'Complaint number', status: 'Status', promised: 'Promised dates', firstContactBy: 'First contact', replyBy: 'Formal reply', answerProposalBy: 'Please answer the proposal by', rateBy: 'Please rate by', reopenUntil: 'You may ask to reopen until', history: 'What has happened', proposal: 'Our proposal', round: 'round {n}', total: 'Total', accept: 'Accept', reject: 'Do not accept', counter: 'What would you like instead?', rate: 'Please rate how we handled it', comment: 'Comment (optional)', submitRate: 'Send rating', info: 'Add information', infoText: 'Your information', send: 'Send', evidence: 'Add an evidence link', evidenceUrl: 'Link (https://…)', withdraw: 'Withdraw the complaint', withdrawReason: 'Why', reopen: 'Ask to reopen', reopenReason: 'What is still not resolved', outcome: 'Outcome', yourRating: 'Your rating', notFound: 'No complaint matches this link. Check that the link is complete, or call us.', tooMany: 'Too many attempts; please try again later.', wrongStage: 'The complaint has moved on; this is not possible now. The page was refreshed.', invalid: 'Please check what you entered:', failed: 'This could not be done right now; please try again later.', done: 'Sent.', lang: '中文', you: 'you', none: '—', product: 'Product', evidenceList: 'Your evidence' }
  };
  var t = function (k) { return T[lang][k] || k; };
  var root = document.getElementById('app');
  var view = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { if (k === 'class') e.className = attrs[k]; else if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function when(iso) {
    try { return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)) + (lang === 'en' ? ' (Beijing time)' : '（北京时间）'); } catch (e) { return iso; }
  }
  function money(minor, currency) { return (minor / 100).toFixed(2) + ' ' + currency; }
  function message(kind, text) { var m = document.getElementById('message'); m.className = 'message ' + kind; m.textContent = text; m.hidden = false; m.scrollIntoView({ block: 'nearest' }); }

  function call(method, path, body) {
    return fetch('/track/api/' + encodeURIComponent(number) + path + '?lang=' + lang, { method: method, headers: { 'X-Tracking-Secret': secret, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
      .then(function (res) { return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, body: json }; }); });
  }
  function load() {
    return call('GET', '').then(function (r) {
      if (r.status === 200) { view = r.body; render(); }
      else { root.textContent = ''; message('error', r.status === 429 ? t('tooMany') : t('notFound')); }
    }, function () { message('error', t('failed')); });
  }
  function act(route, body, button) {
    if (button) button.disabled = true;
    return call('POST', '/' + route, body).then(function (r) {
      if (button) button.disabled = false;
      if (r.status === 200) { view = r.body; render(); message('info', t('done')); return; }
      if (r.status === 409) { message('error', t('wrongStage')); return load(); }
      if (r.status === 400) { message('error', t('invalid') + ' ' + ((r.body.error && r.body.error.fields) || []).map(function (f) { return f.message; }).join('; ')); return; }
      if (r.status === 429) { message('error', t('tooMany')); return; }
      if (r.status === 404) { message('error', t('notFound')); return; }
      message('error', t('failed'));
    }, function () { if (button) button.disabled = false; message('error', t('failed')); });
  }

  function section(title, children, id) { var s = el('section', id ? { id: id } : {}, [el('h2', { text: title })].concat(children)); return s; }
  function form(id, title, fields, submitLabel, cls, toBody, route) {
    var inputs = fields.map(function (f) { return f.multiline ? el('textarea', { name: f.name, placeholder: f.label, 'aria-label': f.label }) : el('input', { type: f.type || 'text', name: f.name, placeholder: f.label, 'aria-label': f.label }); });
    var button = el('button', { class: 'act ' + (cls || ''), type: 'button', text: submitLabel });
    button.addEventListener('click', function () {
      var values = {}; inputs.forEach(function (i) { values[i.name] = i.value.trim(); });
      act(route, toBody(values), button);
    });
    return section(title, inputs.concat([el('div', { class: 'buttons' }, [button])]), id);
  }

  function render() {
    root.textContent = '';
    document.title = t('title') + ' ' + view.number;
    var facts = [el('dt', { text: t('number') }), el('dd', { text: view.number })];
    if (view.product) facts.push(el('dt', { text: t('product') }), el('dd', { text: view.product }));
    root.appendChild(section(t('status'), [el('div', { class: 'stage', id: 'stage', text: view.stage.label }), el('dl', {}, facts)], 'status'));
    var promised = ['firstContactBy', 'replyBy', 'answerProposalBy', 'rateBy', 'reopenUntil'].filter(function (k) { return view.promised[k]; });
    if (promised.length) root.appendChild(section(t('promised'), [el('dl', { id: 'promised' }, promised.reduce(function (acc, k) { return acc.concat([el('dt', { text: t(k) }), el('dd', { 'data-promise': k, text: when(view.promised[k]) })]); }, []))], 'promises'));
    if (view.proposal) {
      var p = view.proposal;
      root.appendChild(section(t('proposal') + ' · ' + t('round').replace('{n}', p.round), [
        el('div', { class: 'text', id: 'proposal-message', text: p.message }),
        el('ul', { class: 'remedies' }, p.remedies.map(function (r) { return el('li', { text: r.label + (r.amountMinor !== undefined ? ' ' + money(r.amountMinor, r.currency) : '') + (r.description ? ' — ' + r.description : '') }); })),
        p.totalMinor ? el('div', { class: 'muted', text: t('total') + ' ' + money(p.totalMinor, p.currency) }) : null
      ], 'proposal'));
    }
    if (view.actions.indexOf('respondToProposal') >= 0) {
      var counter = el('textarea', { name: 'counterDemand', id: 'counter-demand', placeholder: t('counter'), 'aria-label': t('counter') });
      var accept = el('button', { class: 'act ok', type: 'button', id: 'accept', text: t('accept') });
      var reject = el('button', { class: 'act bad', type: 'button', id: 'reject', text: t('reject') });
      accept.addEventListener('click', function () { act('customer-response', { accept: true }, accept); });
      reject.addEventListener('click', function () { act('customer-response', { accept: false, counterDemand: counter.value.trim() || undefined }, reject); });
      root.appendChild(section(t('counter'), [counter, el('div', { class: 'buttons' }, [accept, reject])], 'respond'));
    }
    if (view.actions.indexOf('rateSatisfaction') >= 0) {
      var comment = el('textarea', { name: 'comment', id: 'rating-comment', placeholder: t('comment'), 'aria-label': t('comment') });
      var stars = [1, 2, 3, 4, 5].map(function (n) { var b = el('button', { class: 'star', type: 'button', id: 'rate-' + n, 'aria-label': String(n), text: '★' }); b.addEventListener('click', function () { act('satisfaction', { score: n, comment: comment.value.trim() || undefined }, b); }); return b; });
      root.appendChild(section(t('rate'), [el('div', { class: 'buttons' }, stars), comment], 'rate'));
    }
    if (view.outcome) root.appendChild(section(t('outcome'), [el('div', { id: 'outcome', text: view.outcome.label }), view.satisfaction ? el('div', { class: 'muted', text: t('yourRating') + ' ' + '★'.repeat(view.satisfaction.score) }) : null], 'outcome-section'));
    root.appendChild(section(t('history'), [el('ol', { class: 'history', id: 'history' }, view.history.slice().reverse().map(function (h) {
      return el('li', {}, [el('div', { class: 'when', text: when(h.at) + ' · ' + h.by }), el('div', { text: h.what }), h.text ? el('div', { class: 'text', text: h.text }) : null]);
    }))], 'history-section'));
    if (view.evidence.length) root.appendChild(section(t('evidenceList'), [el('ul', {}, view.evidence.map(function (e) { return el('li', { text: e.uri + (e.note ? ' — ' + e.note : '') }); }))]));
    if (view.actions.indexOf('addNote') >= 0) root.appendChild(form('info', t('info'), [{ name: 'text', label: t('infoText'), multiline: true }], t('send'), '', function (v) { return { text: v.text }; }, 'notes'));
    if (view.actions.indexOf('addEvidence') >= 0) root.appendChild(form('evidence', t('evidence'), [{ name: 'uri', label: t('evidenceUrl'), type: 'url' }], t('send'), 'plain', function (v) { return { uri: v.uri }; }, 'evidence'));
    if (view.actions.indexOf('reopen') >= 0) root.appendChild(form('reopen', t('reopen'), [{ name: 'reason', label: t('reopenReason'), multiline: true }], t('reopen'), '', function (v) { return { reason: v.reason }; }, 'reopening'));
    if (view.actions.indexOf('withdraw') >= 0) root.appendChild(form('withdraw', t('withdraw'), [{ name: 'reason', label: t('withdrawReason') }], t('withdraw'), 'plain', function (v) { return { reason: v.reason }; }, 'withdrawal'));
  }

  document.getElementById('lang').textContent = T[lang].lang;
  document.getElementById('title').textContent = T[lang].title;
  document.getElementById('lang').addEventListener('click', function () { params.set('lang', lang === 'en' ? 'zh-CN' : 'en'); location.search = params.toString(); });
  load();
})();
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function trackingPageHtml(number: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>投诉进度查询</title><style>${STYLE}</style></head>
<body data-number="${escapeHtml(number)}">
<header><h1 id="title">投诉进度查询</h1><button type="button" id="lang">English</button></header>
<main><div id="message" class="message" hidden role="status"></div><div id="app"></div></main>
<script>${SCRIPT}</script>
</body></html>`;
}
