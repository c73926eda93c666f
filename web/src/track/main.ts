/**
 * The complainant's tracking page: its own small bundle (no React, no Ant Design, no staff code), so
 * it opens fast on a phone. It reads the number from the address and the secret from the link's
 * fragment, asks `/track/api/{number}` for the complainant's view (typed from the API's document),
 * and offers the actions open now — accept or reject a proposal with what they want instead, rate
 * the handling, add information or an evidence link, withdraw, ask to reopen. Simplified Chinese by
 * default, English on a tap (or `?lang=en`). Every value from the server is inserted as text.
 */
import type { components } from '../schema';
import './track.css';

type View = components['schemas']['CustomerView'];

const WORDS = {
  'zh-CN': { title: '投诉进度查询', number: '投诉编号', status: '当前状态', promised: '承诺时间', firstContactBy: '首次联系', replyBy: '正式答复', answerProposalBy: '请于此前答复方案', rateBy: '请于此前评价', reopenUntil: '可申请重新处理至', legalAnswerBy: '法定答复期限', legalLine: '依法应于 {when} 前答复', legalDay: '{day} 24时', history: '处理记录', proposal: '处理方案', round: '第 {n} 轮', total: '合计', accept: '接受方案', reject: '不接受', counter: '您希望如何处理？', rate: '请为本次处理打分', comment: '意见（可选）', info: '补充信息', infoText: '补充说明', send: '发送', evidence: '补充材料链接', evidenceUrl: '材料链接（https://…）', withdraw: '撤回投诉', withdrawReason: '撤回原因', reopen: '申请重新处理', reopenReason: '仍未解决的问题', outcome: '处理结果', yourRating: '您的评价', notFound: '未找到与此链接对应的投诉。请检查链接是否完整，或联系客服。', tooMany: '尝试次数过多，请稍后再试。', wrongStage: '投诉状态已变化，暂时无法进行此操作。页面已刷新。', invalid: '请检查填写的内容：', failed: '暂时无法处理，请稍后再试。', done: '已提交。', lang: 'English', product: '产品', evidenceList: '您提供的材料', beijing: '（北京时间）', privacy: '您的个人信息', privacyIntro: '您可以查阅、复制、更正或删除我们保存的您的个人信息（个人信息保护法），我们将在 15 个工作日内答复。', kind: '请求类型', access: '查阅', copy: '复制', correction: '更正', deletion: '删除', details: '补充说明（可选）', newName: '更正后的姓名', newPhone: '更正后的电话', newEmail: '更正后的邮箱', ask: '提交请求', due: '答复期限', open: '处理中', answered: '已办理', refused: '未能办理', download: '下载我的信息' },
  en: { title: 'Your complaint', number: 'Complaint number', status: 'Status', promised: 'Promised dates', firstContactBy: 'First contact', replyBy: 'Formal reply', answerProposalBy: 'Please answer the proposal by', rateBy: 'Please rate by', reopenUntil: 'You may ask to reopen until', legalAnswerBy: 'Legal deadline', legalLine: 'By law we must answer by {when}', legalDay: 'the end of {day}', history: 'What has happened', proposal: 'Our proposal', round: 'round {n}', total: 'Total', accept: 'Accept', reject: 'Do not accept', counter: 'What would you like instead?', rate: 'Please rate how we handled it', comment: 'Comment (optional)', info: 'Add information', infoText: 'Your information', send: 'Send', evidence: 'Add an evidence link', evidenceUrl: 'Link (https://…)', withdraw: 'Withdraw the complaint', withdrawReason: 'Why', reopen: 'Ask to reopen', reopenReason: 'What is still not resolved', outcome: 'Outcome', yourRating: 'Your rating', notFound: 'No complaint matches this link. Check that the link is complete, or call us.', tooMany: 'Too many attempts; please try again later.', wrongStage: 'The complaint has moved on; this is not possible now. The page was refreshed.', invalid: 'Please check what you entered:', failed: 'This could not be done right now; please try again later.', done: 'Sent.', lang: '中文', product: 'Product', evidenceList: 'Your evidence', beijing: ' (Beijing time)', privacy: 'Your personal data', privacyIntro: 'You may see, copy, correct or delete the personal data we hold about you (PIPL); we answer within 15 working days.', kind: 'Request', access: 'See', copy: 'Copy', correction: 'Correct', deletion: 'Delete', details: 'Anything to add (optional)', newName: 'Correct name', newPhone: 'Correct phone', newEmail: 'Correct e-mail', ask: 'Send the request', due: 'Answer by', open: 'In progress', answered: 'Done', refused: 'Not done', download: 'Download my data' },
} as const;
type Word = keyof (typeof WORDS)['en'];

const number = decodeURIComponent(location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const secret = location.hash.replace(/^#/, '');
const params = new URLSearchParams(location.search);
const lang: 'zh-CN' | 'en' = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const t = (k: Word) => WORDS[lang][k];
const root = document.getElementById('app')!;
let view: View | null = null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, children: (Node | string | null | undefined)[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function when(iso: string): string {
  try {
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso)) + t('beijing');
  } catch {
    return iso;
  }
}
const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

function message(kind: 'info' | 'error', text: string): void {
  const m = document.getElementById('message')!;
  m.className = `message ${kind}`;
  m.textContent = text;
  m.hidden = false;
  m.scrollIntoView({ block: 'nearest' });
}

/** An answer: the complainant's view (200) or the API's error body. */
type Answer = { status: number; body: View & { error?: { fields?: { message: string }[] } } };

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`/track/api/${encodeURIComponent(number)}${path}?lang=${lang}`, { method, headers: { 'X-Tracking-Secret': secret, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer['body'] };
}

async function load(): Promise<void> {
  try {
    const r = await call('GET', '');
    if (r.status === 200) {
      view = r.body;
      render();
    } else {
      root.textContent = '';
      message('error', r.status === 429 ? t('tooMany') : t('notFound'));
    }
  } catch {
    message('error', t('failed'));
  }
}

async function act(route: string, body: unknown, button?: HTMLButtonElement): Promise<void> {
  if (button) button.disabled = true;
  try {
    const r = await call('POST', `/${route}`, body);
    if (r.status === 200) {
      view = r.body;
      render();
      message('info', t('done'));
    } else if (r.status === 409) {
      message('error', t('wrongStage'));
      await load();
    } else if (r.status === 400) message('error', `${t('invalid')} ${((r.body.error?.fields ?? []) as { message: string }[]).map((f) => f.message).join('; ')}`);
    else if (r.status === 429) message('error', t('tooMany'));
    else if (r.status === 404) message('error', t('notFound'));
    else message('error', t('failed'));
  } catch {
    message('error', t('failed'));
  } finally {
    if (button) button.disabled = false;
  }
}

const section = (title: string, children: (Node | null)[], id?: string) => el('section', id ? { id } : {}, [el('h2', { text: title }), ...children]);

function form(id: string, title: string, fields: { name: string; label: string; multiline?: boolean; type?: string }[], submitLabel: string, cls: string, toBody: (v: Record<string, string>) => unknown, route: string): HTMLElement {
  const inputs = fields.map((f) => (f.multiline ? el('textarea', { name: f.name, placeholder: f.label, 'aria-label': f.label }) : el('input', { type: f.type ?? 'text', name: f.name, placeholder: f.label, 'aria-label': f.label })));
  const button = el('button', { class: `act ${cls}`, type: 'button', text: submitLabel });
  button.addEventListener('click', () => {
    const values = Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()]));
    void act(route, toBody(values), button);
  });
  return section(title, [...inputs, el('div', { class: 'buttons' }, [button])], id);
}

function render(): void {
  const v = view!;
  root.textContent = '';
  document.title = `${t('title')} ${v.number}`;
  const facts: HTMLElement[] = [el('dt', { text: t('number') }), el('dd', { text: v.number })];
  if (v.product) facts.push(el('dt', { text: t('product') }), el('dd', { text: v.product }));
  root.appendChild(section(t('status'), [el('div', { class: 'stage', id: 'stage', text: v.stage.label }), el('dl', {}, facts)], 'status'));
  const promised = (['firstContactBy', 'replyBy', 'answerProposalBy', 'rateBy', 'reopenUntil'] as const).filter((k) => v.promised[k]);
  // Under a legal regime: the date the law (or the regulator's transfer) sets, "依法应于 … 前答复".
  const legal = v.promised.legalAnswerBy;
  const legalFacts = legal ? [el('dt', { text: t('legalAnswerBy') }), el('dd', { 'data-promise': 'legalAnswerBy', text: t('legalLine').replace('{when}', legal.lastDay ? t('legalDay').replace('{day}', legal.lastDay) : when(legal.by)) })] : [];
  if (promised.length || legal) root.appendChild(section(t('promised'), [el('dl', { id: 'promised' }, [...promised.flatMap((k) => [el('dt', { text: t(k) }), el('dd', { 'data-promise': k, text: when(v.promised[k]!) })]), ...legalFacts])], 'promises'));
  if (v.proposal) {
    const p = v.proposal;
    root.appendChild(
      section(
        `${t('proposal')} · ${t('round').replace('{n}', String(p.round))}`,
        [
          el('div', { class: 'text', id: 'proposal-message', text: p.message }),
          el('ul', { class: 'remedies' }, p.remedies.map((r) => el('li', { text: r.label + (r.amountMinor !== undefined ? ` ${money(r.amountMinor, r.currency ?? p.currency)}` : '') + (r.description ? ` — ${r.description}` : '') }))),
          p.totalMinor ? el('div', { class: 'muted', text: `${t('total')} ${money(p.totalMinor, p.currency)}` }) : null,
        ],
        'proposal',
      ),
    );
  }
  if (v.actions.includes('respondToProposal')) {
    const counter = el('textarea', { name: 'counterDemand', id: 'counter-demand', placeholder: t('counter'), 'aria-label': t('counter') });
    const accept = el('button', { class: 'act ok', type: 'button', id: 'accept', text: t('accept') });
    const reject = el('button', { class: 'act bad', type: 'button', id: 'reject', text: t('reject') });
    accept.addEventListener('click', () => void act('customer-response', { accept: true }, accept));
    reject.addEventListener('click', () => void act('customer-response', { accept: false, counterDemand: counter.value.trim() || undefined }, reject));
    root.appendChild(section(t('counter'), [counter, el('div', { class: 'buttons' }, [accept, reject])], 'respond'));
  }
  if (v.actions.includes('rateSatisfaction')) {
    const comment = el('textarea', { name: 'comment', id: 'rating-comment', placeholder: t('comment'), 'aria-label': t('comment') });
    const stars = [1, 2, 3, 4, 5].map((n) => {
      const b = el('button', { class: 'star', type: 'button', id: `rate-${n}`, 'aria-label': String(n), text: '★' });
      b.addEventListener('click', () => void act('satisfaction', { score: n, comment: comment.value.trim() || undefined }, b));
      return b;
    });
    root.appendChild(section(t('rate'), [el('div', { class: 'buttons' }, stars), comment], 'rate'));
  }
  if (v.outcome) root.appendChild(section(t('outcome'), [el('div', { id: 'outcome', text: v.outcome.label }), v.satisfaction ? el('div', { class: 'muted', text: `${t('yourRating')} ${'★'.repeat(v.satisfaction.score)}` }) : null], 'outcome-section'));
  root.appendChild(
    section(
      t('history'),
      [el('ol', { class: 'history', id: 'history' }, [...v.history].reverse().map((h) => el('li', {}, [el('div', { class: 'when', text: `${when(h.at)} · ${h.by}` }), el('div', { text: h.what }), h.text ? el('div', { class: 'text', text: h.text }) : null])))],
      'history-section',
    ),
  );
  if (v.evidence.length) root.appendChild(section(t('evidenceList'), [el('ul', {}, v.evidence.map((e) => el('li', { text: e.uri + (e.note ? ` — ${e.note}` : '') })))]));
  if (v.actions.includes('addNote')) root.appendChild(form('info', t('info'), [{ name: 'text', label: t('infoText'), multiline: true }], t('send'), '', (x) => ({ text: x.text }), 'notes'));
  if (v.actions.includes('addEvidence')) root.appendChild(form('evidence', t('evidence'), [{ name: 'uri', label: t('evidenceUrl'), type: 'url' }], t('send'), 'plain', (x) => ({ uri: x.uri }), 'evidence'));
  if (v.actions.includes('reopen')) root.appendChild(form('reopen', t('reopen'), [{ name: 'reason', label: t('reopenReason'), multiline: true }], t('reopen'), '', (x) => ({ reason: x.reason }), 'reopening'));
  if (v.actions.includes('withdraw')) root.appendChild(form('withdraw', t('withdraw'), [{ name: 'reason', label: t('withdrawReason') }], t('withdraw'), 'plain', (x) => ({ reason: x.reason }), 'withdrawal'));
  void renderPrivacy();
}

type Tracked = components['schemas']['TrackedDataRequest'];
const KINDS = ['access', 'copy', 'correction', 'deletion'] as const;

/** Opens the export as a page of its own (the secret travels in a header, never in an address). */
async function download(id: string): Promise<void> {
  const res = await fetch(`/track/api/${encodeURIComponent(number)}/data-requests/${id}/export?format=html&lang=${lang}`, { headers: { 'X-Tracking-Secret': secret } });
  if (!res.ok) return message('error', t('failed'));
  location.assign(URL.createObjectURL(await res.blob()));
}

/** The person's requests about their data, and a form for a new one (PIPL Art. 45–47). */
async function renderPrivacy(): Promise<void> {
  const res = await fetch(`/track/api/${encodeURIComponent(number)}/data-requests`, { headers: { 'X-Tracking-Secret': secret } });
  if (!res.ok) return;
  const items = ((await res.json()) as { items: Tracked[] }).items;
  const list = el(
    'ul',
    { id: 'data-requests' },
    items.map((r) => {
      // The law counts days: the answer is due by the end of the last day, "2026-12-18 24时".
      const li = el('li', { text: `${r.id} · ${t(r.kind)} · ${t(r.status)} · ${t('due')} ${t('legalDay').replace('{day}', r.dueLastDay)}${r.answerNote ? ` — ${r.answerNote}` : ''} ` });
      if (r.exportAvailable) {
        const b = el('button', { class: 'act plain', type: 'button', text: t('download') });
        b.addEventListener('click', () => void download(r.id));
        li.appendChild(b);
      }
      return li;
    }),
  );
  const kind = el('select', { name: 'kind', id: 'data-request-kind', 'aria-label': t('kind') }, KINDS.map((k) => el('option', { value: k, text: t(k) })));
  const inputs = { details: el('textarea', { name: 'details', placeholder: t('details'), 'aria-label': t('details') }), name: el('input', { name: 'name', placeholder: t('newName'), 'aria-label': t('newName') }), phone: el('input', { name: 'phone', type: 'tel', placeholder: t('newPhone'), 'aria-label': t('newPhone') }), email: el('input', { name: 'email', type: 'email', placeholder: t('newEmail'), 'aria-label': t('newEmail') }) };
  const fix = el('div', { hidden: '' }, [inputs.name, inputs.phone, inputs.email]);
  kind.addEventListener('change', () => (fix.hidden = kind.value !== 'correction'));
  const send = el('button', { class: 'act', type: 'button', id: 'data-request-send', text: t('ask') });
  send.addEventListener('click', () => {
    const v = (i: HTMLInputElement | HTMLTextAreaElement) => i.value.trim() || undefined;
    const correction = kind.value === 'correction' ? { name: v(inputs.name), phone: v(inputs.phone), email: v(inputs.email) } : undefined;
    send.disabled = true;
    void fetch(`/track/api/${encodeURIComponent(number)}/data-requests`, { method: 'POST', headers: { 'X-Tracking-Secret': secret, 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: kind.value, details: v(inputs.details), correction }) })
      .then(async (r) => {
        if (r.status === 201) {
          message('info', t('done'));
          return renderPrivacy();
        }
        const body = (await r.json().catch(() => ({}))) as { error?: { fields?: { message: string }[] } };
        message('error', r.status === 400 ? `${t('invalid')} ${(body.error?.fields ?? []).map((f) => f.message).join('; ')}` : t('failed'));
      })
      .finally(() => (send.disabled = false));
  });
  document.getElementById('privacy')?.remove();
  root.appendChild(section(t('privacy'), [el('p', { class: 'muted', text: t('privacyIntro') }), list, kind, inputs.details, fix, el('div', { class: 'buttons' }, [send])], 'privacy'));
}

document.documentElement.lang = lang;
document.getElementById('lang')!.textContent = t('lang');
document.getElementById('title')!.textContent = t('title');
document.getElementById('lang')!.addEventListener('click', () => {
  params.set('lang', lang === 'en' ? 'zh-CN' : 'en');
  location.search = params.toString();
});
void load();
