/**
 * Everything the service holds about one person (个人信息保护法 Art. 45: access and copy): every
 * complaint with the same complainant key — contact data, what they wrote, evidence links, every
 * timeline entry (staff shown by role, not by name), every message sent to them — and their data
 * requests. Built by the answer to an access or copy request; shown to staff and downloaded by the
 * person from the tracking page, both audited.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from './client';
import { complaints, dataRequests, evidence, notifications, timelineEvents } from './schema';
import { complaintsOfPerson } from './anonymise';

export interface PersonalDataExport {
  generatedAt: string;
  /** The person as the service knows them (every spelling it holds). */
  person: { names: string[]; phones: string[]; emails: string[]; customerIds: string[] };
  complaints: {
    number: string;
    channel: string;
    receivedAt: string;
    stage: string;
    outcome: string | null;
    closedAt: string | null;
    contact: { name: string; phone: string | null; email: string | null; customerId: string | null; preferredLocale: string };
    subject: Record<string, unknown>;
    description: string;
    occurredAt: string | null;
    occurredWhere: string | null;
    desiredResolution: string | null;
    satisfaction: number | null;
    evidence: { uri: string; note: string | null; addedAt: string }[];
    timeline: { at: string; type: string; stage: string; by: string; text: string | null; data: Record<string, unknown>; internal: boolean }[];
    messages: { at: string; kind: string; channel: string; subject: string; body: string }[];
    personalDataErased: Record<string, string>;
  }[];
  dataRequests: { id: string; kind: string; receivedAt: string; dueAt: string; status: string; answeredAt: string | null; details: string | null }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

export async function exportPersonalData(db: DbExecutor, number: string, now = new Date()): Promise<PersonalDataExport> {
  const numbers = await complaintsOfPerson(db, number);
  const rows = numbers.length ? await db.select().from(complaints).where(inArray(complaints.number, numbers)).orderBy(asc(complaints.receivedAt)) : [];
  const [events, files, messages, requests] = numbers.length
    ? await Promise.all([
        db.select().from(timelineEvents).where(inArray(timelineEvents.complaintNumber, numbers)).orderBy(asc(timelineEvents.seq)),
        db.select().from(evidence).where(inArray(evidence.complaintNumber, numbers)),
        db.select().from(notifications).where(inArray(notifications.complaintNumber, numbers)).orderBy(asc(notifications.createdAt)),
        db.select().from(dataRequests).where(inArray(dataRequests.complaintNumber, numbers)).orderBy(asc(dataRequests.receivedAt)),
      ])
    : [[], [], [], []];
  return {
    generatedAt: now.toISOString(),
    person: {
      names: distinct(rows.map((r) => r.complainantName)),
      phones: distinct(rows.map((r) => r.complainantPhone)),
      emails: distinct(rows.map((r) => r.complainantEmail)),
      customerIds: distinct(rows.map((r) => r.customerId)),
    },
    complaints: rows.map((r) => ({
      number: r.number,
      channel: r.channel,
      receivedAt: r.receivedAt.toISOString(),
      stage: r.stage,
      outcome: r.outcome,
      closedAt: iso(r.closedAt),
      contact: { name: r.complainantName, phone: r.complainantPhone, email: r.complainantEmail, customerId: r.customerId, preferredLocale: r.preferredLocale },
      subject: r.subject as Record<string, unknown>,
      description: r.description,
      occurredAt: iso(r.occurredAt),
      occurredWhere: r.occurredWhere,
      desiredResolution: r.desiredResolution,
      satisfaction: r.satisfaction,
      evidence: files.filter((e) => e.complaintNumber === r.number).map((e) => ({ uri: e.uri, note: e.note, addedAt: e.addedAt.toISOString() })),
      timeline: events
        .filter((e) => e.complaintNumber === r.number)
        .map((e) => ({ at: e.occurredAt.toISOString(), type: e.type, stage: e.stage, by: e.actorRole, text: e.reason, data: e.data, internal: e.internal })),
      // Messages to the person; staff notices about their case are the staff's, not the person's.
      messages: messages
        .filter((m) => m.complaintNumber === r.number && m.recipientType === 'customer')
        .map((m) => ({ at: m.createdAt.toISOString(), kind: m.kind, channel: m.channel, subject: m.subject, body: m.bodyText })),
      personalDataErased: r.personalDataErased as Record<string, string>,
    })),
    dataRequests: requests.map((q) => ({ id: q.id, kind: q.kind, receivedAt: q.receivedAt.toISOString(), dueAt: q.dueAt.toISOString(), status: q.status, answeredAt: iso(q.answeredAt), details: q.details })),
  };
}

/** The export as a page a person can read and print (every value escaped). */
export function exportAsHtml(data: PersonalDataExport, locale: 'zh-CN' | 'en'): string {
  const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  const zh = locale === 'zh-CN';
  const row = (label: string, value: unknown) => (value === null || value === undefined || value === '' ? '' : `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`);
  const parts = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${zh ? '个人信息副本' : 'Your personal data'}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{width:12rem;background:#fafafa}</style></head><body>',
    `<h1>${zh ? '我们保存的您的个人信息' : 'The personal data we hold about you'}</h1>`,
    `<p>${zh ? '生成时间' : 'Generated'}: ${esc(data.generatedAt)}</p>`,
    '<table>',
    row(zh ? '姓名' : 'Names', data.person.names.join(', ')),
    row(zh ? '电话' : 'Phones', data.person.phones.join(', ')),
    row(zh ? '电子邮箱' : 'E-mail addresses', data.person.emails.join(', ')),
    row(zh ? '客户号' : 'Customer ids', data.person.customerIds.join(', ')),
    '</table>',
  ];
  for (const c of data.complaints) {
    parts.push(`<h2>${zh ? '投诉' : 'Complaint'} ${esc(c.number)}</h2><table>`);
    parts.push(row(zh ? '受理时间' : 'Received', c.receivedAt), row(zh ? '渠道' : 'Channel', c.channel), row(zh ? '状态' : 'Stage', c.stage), row(zh ? '结果' : 'Outcome', c.outcome));
    parts.push(row(zh ? '投诉内容' : 'Description', c.description), row(zh ? '发生地点' : 'Where', c.occurredWhere), row(zh ? '诉求' : 'Desired resolution', c.desiredResolution));
    parts.push(row(zh ? '商品/订单' : 'Product / order', JSON.stringify(c.subject)));
    for (const e of c.evidence) parts.push(row(zh ? '证据' : 'Evidence', `${e.uri}${e.note ? ` (${e.note})` : ''}`));
    parts.push('</table>');
    parts.push(`<h3>${zh ? '处理记录' : 'Timeline'}</h3><table>`);
    for (const t of c.timeline) parts.push(`<tr><th>${esc(t.at)}</th><td>${esc(t.type)} · ${esc(t.by)}${t.text ? ` — ${esc(t.text)}` : ''}</td></tr>`);
    parts.push('</table>');
    if (c.messages.length) {
      parts.push(`<h3>${zh ? '发给您的消息' : 'Messages sent to you'}</h3><table>`);
      for (const m of c.messages) parts.push(`<tr><th>${esc(m.at)}<br>${esc(m.channel)}</th><td><strong>${esc(m.subject)}</strong><br>${esc(m.body).replace(/\n/g, '<br>')}</td></tr>`);
      parts.push('</table>');
    }
  }
  if (data.dataRequests.length) {
    parts.push(`<h2>${zh ? '您的个人信息请求' : 'Your data requests'}</h2><table>`);
    for (const q of data.dataRequests) parts.push(row(q.id, `${q.kind} · ${q.status} · ${q.receivedAt}${q.details ? ` — ${q.details}` : ''}`));
    parts.push('</table>');
  }
  parts.push('</body></html>');
  return parts.join('');
}

export async function requestRow(db: DbExecutor, id: string) {
  const [row] = await db.select().from(dataRequests).where(eq(dataRequests.id, id));
  return row;
}
