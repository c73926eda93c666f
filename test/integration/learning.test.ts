/**
 * Learning from every case on the real stack (API, worker, dev server, PostgreSQL):
 * - triage rules as versioned data: a new risk word changes the next complaint's suggestion and not
 *   an earlier one's, audited; the simple-path amount follows the policy's agent tier;
 * - the knowledge base: a Chinese description finds the article about 电饭煲 焦味 at triage, its use
 *   is recorded and the report shows it resolved the case; a problem's corrective action ends as one;
 * - a major case with 律师 opens a legal review (and 媒体 a PR review) with its own owner and clock; the
 *   proposal waits for the legal sign-off (409 naming it); the systemic flag and the category are
 *   corrected with who and why; the apology the findings owe; an unexecutable remedy goes back to
 *   proposing with the customer told; the follow-up records that the customer stays;
 * - quality review: the sampling run queues the closed cases by reason; a scored review is disputed
 *   by the handler and decided by their supervisor, beside the case and never on it.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { auditLog, complaintFacts, notifications, staff, timelineEvents } from '../../db/schema';
import { DEFAULT_QUALITY_REVIEW, periodOf, previousPeriod } from '../../domain/quality-review';
import { ensureQualitySamplingSchedule } from '../../runtime/quality-schedule';
import type { Role } from '../../domain/model';
import { saveHistoryIfRecording } from '../support/histories';
import { eventually, startTestStack, useTestPolicy, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  // The seed directory's legal and PR reviewers (db/seed/staff.json) are there; the test names them.
  const reviewers = await stack.database.db.select({ id: staff.id }).from(staff).where(eq(staff.departmentId, 'legal_privacy'));
  expect(reviewers.map((r) => r.id)).toEqual(['legal-he']);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => useTestPolicy(stack));

/** Each complaint has a complainant of its own, so none is a repeat of another (which would make it possibly systemic). */
const customerOf = new Map<string, string>();

async function act(number: string, action: string, role: Role, body: unknown, sub?: string) {
  return stack.request('POST', `/complaints/${number}/${action}`, { role, sub: sub ?? (role === 'customer' ? customerOf.get(number) : `${role}-test`), body });
}

async function ok(number: string, action: string, role: Role, body: unknown, sub?: string) {
  const res = await act(number, action, role, body, sub);
  if (res.status !== 200) throw new Error(`${action} by ${role}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.view ? (await read(number)).state : res.body.state;
}

async function read(number: string) {
  return (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body;
}

async function file(description: string, subject?: Record<string, unknown>): Promise<string> {
  const n = customerOf.size + 1;
  const complainant = { name: `顾客${n}`, phone: `+86 139 0000 ${String(1000 + n)}`, email: `learning.${n}@example.com`, customerId: `cust-learning-${n}` };
  const product = { productName: `电饭煲 L${n}`, orderNumber: `SO-L-${n}`, sku: `RC-L${n}`, amountMinor: 59_900, currency: 'CNY' };
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake({ description, complainant, subject: { ...product, ...subject } }) });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  customerOf.set(number, complainant.customerId);
  await eventually(async () => (await read(number)).state?.stage === 'acknowledged');
  return number;
}

async function events(number: string) {
  return stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number)).orderBy(asc(timelineEvents.seq));
}

describe('triage rules as data', () => {
  it('a new risk word changes the next complaint’s suggestion, not an earlier one’s, and is audited', async () => {
    await stack.withWorker(async () => {
      const description = '电饭煲加热后有焦味，再不处理我就发黑猫投诉';
      const before = await file(description);
      expect((await read(before)).state.triageSuggestion).toMatchObject({ riskWords: [], rulesVersion: 0 });
      expect((await read(before)).state.triageSuggestion.grade).not.toBe('major');

      const current = await stack.request('GET', '/admin/triage-rules', { role: 'admin' });
      expect(current.body.version).toBe(0);
      const media: string[] = current.body.rules.riskWords.media;
      expect((await stack.request('POST', '/admin/triage-rules', { role: 'supervisor', body: { changes: {}, reason: 'x' } })).status).toBe(403);
      const bad = await stack.request('POST', '/admin/triage-rules', { role: 'admin', body: { changes: { criticalSeverityAmountMinor: 100 }, reason: '试试' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['changes.criticalSeverityAmountMinor']);

      const saved = await stack.request('POST', '/admin/triage-rules', { role: 'admin', body: { changes: { riskWords: { media: [...media, '黑猫投诉'] } }, reason: '黑猫投诉是公开投诉平台，属舆情风险' } });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({ version: 1, savedBy: 'admin-test', reason: '黑猫投诉是公开投诉平台，属舆情风险' });
      expect(saved.body.rules.riskWords.legal).toEqual(current.body.rules.riskWords.legal);

      const after = await file(description);
      expect((await read(after)).state.triageSuggestion).toMatchObject({ riskWords: ['黑猫投诉'], riskKinds: ['media'], grade: 'major', rulesVersion: 1 });
      // The earlier complaint keeps the suggestion it was made.
      expect((await read(before)).state.triageSuggestion).toMatchObject({ riskWords: [], rulesVersion: 0 });

      const [audit] = await stack.database.db.select().from(auditLog).where(eq(auditLog.action, 'triage_rules_changed')).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ actorId: 'admin-test', subject: 'triage-rules/1', reason: '黑猫投诉是公开投诉平台，属舆情风险' });
      expect((audit.before as { riskWords: { media: string[] } }).riskWords.media).not.toContain('黑猫投诉');
      expect((audit.after as { riskWords: { media: string[] } }).riskWords.media).toContain('黑猫投诉');
    });
  });

  it('allows the simple path up to the policy’s agent tier', async () => {
    await stack.withWorker(async () => {
      // 599 CNY: above the default agent tier (200 CNY), within a raised one (1,000 CNY).
      const atDefault = await file('收银员态度不好');
      expect((await read(atDefault)).state.triageSuggestion.grade).toBe('complex');
      useTestPolicy(stack, { authority: { agentMaxMinor: 100_000 } });
      const raised = await file('收银员态度不好');
      expect((await read(raised)).state.triageSuggestion.grade).toBe('simple');
    });
  });
});

describe('the knowledge base', () => {
  it('finds the article about 电饭煲 焦味 for a Chinese description at triage; its use shows in the report', async () => {
    const article = {
      title: '电饭煲加热时有焦味',
      problem: '电饭煲加热后有焦糊味，多为内胆涂层过热或加热盘积垢。',
      cause: '内胆放置不平或加热盘有残渣，局部过热。',
      remedy: '上门检测；涂层损坏的免费更换内胆，并赠送清洁套装。',
      wording: '非常抱歉给您带来不便，我们将安排上门检测，确认后为您免费更换内胆。',
      categories: ['product_quality'],
      products: ['电饭煲'],
      keywords: ['电饭煲', '焦味', '焦糊'],
    };
    const written = await stack.request('POST', '/knowledge/articles', { role: 'handler', sub: 'handler-chen', body: article });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ status: 'draft', ownerId: 'handler-chen', uses: 0 });
    const other = await stack.request('POST', '/knowledge/articles', { role: 'handler', sub: 'handler-chen', body: { title: '冰箱不制冷', problem: '冰箱冷藏室不制冷', remedy: '检查温控器', categories: ['product_quality'], products: ['冰箱'], keywords: ['冰箱', '不制冷'] } });
    // A handler writes, a supervisor publishes (audited).
    expect((await stack.request('PUT', `/knowledge/articles/${written.body.id}/status`, { role: 'handler', sub: 'handler-chen', body: { status: 'published' } })).status).toBe(403);
    for (const id of [written.body.id, other.body.id]) {
      expect((await stack.request('PUT', `/knowledge/articles/${id}/status`, { role: 'supervisor', sub: 'sup-sun', body: { status: 'published', reason: '内容已核实' } })).status).toBe(200);
    }
    const again = await stack.request('PUT', `/knowledge/articles/${written.body.id}/status`, { role: 'supervisor', sub: 'sup-sun', body: { status: 'published' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'wrong_status', status: 'published' });
    const [published] = await stack.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'knowledge_article_published'), eq(auditLog.subject, `knowledge/${written.body.id}`)));
    expect(published).toMatchObject({ actorId: 'sup-sun', after: { status: 'published', title: article.title } });

    // Search in Chinese, without spaces: a two-character term inside a sentence.
    const found = await stack.request('GET', `/knowledge/articles?q=${encodeURIComponent('焦味')}`, { role: 'agent', sub: 'agent-li' });
    expect(found.body.items.map((a: { id: number }) => a.id)).toEqual([written.body.id]);

    await stack.withWorker(async () => {
      const number = await file('电饭煲加热后有焦味', { productName: '智能电饭煲 X1', sku: 'RC-X1', amountMinor: 9900 });
      const suggested = await stack.request('GET', `/complaints/${number}/knowledge-suggestions?stage=triage`, { role: 'agent', sub: 'agent-li' });
      expect(suggested.status).toBe(200);
      expect(suggested.body.items.map((a: { id: number }) => a.id)).toEqual([written.body.id]);
      expect(suggested.body.items[0].matchedOn).toEqual(expect.arrayContaining(['text', 'product']));
      const used = await stack.request('POST', `/complaints/${number}/knowledge-uses`, { role: 'agent', sub: 'agent-li', body: { articleId: written.body.id, stage: 'triage' } });
      expect(used.status).toBe(201);
      expect((await stack.request('POST', `/complaints/${number}/knowledge-uses`, { role: 'agent', sub: 'agent-li', body: { articleId: written.body.id, stage: 'triage' } })).status).toBe(200);
      // Out of scope: a handler of another department gets 404, as for the complaint itself.
      expect((await stack.request('GET', `/complaints/${number}/knowledge-suggestions`, { role: 'handler', sub: 'handler-zhou' })).status).toBe(404);

      // Resolved on the spot with the article's remedy, rated 5: the article resolved a case.
      await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'low', grade: 'simple', departmentId: 'quality' }, 'agent-li');
      await ok(number, 'on-spot-resolution', 'agent', { remedies: [{ type: 'apology' }, { type: 'repair', description: '上门检测' }], note: article.wording }, 'agent-li');
      await ok(number, 'satisfaction', 'customer', { score: 5 });
    });
    const report = await stack.request('GET', '/reports/knowledge', { role: 'manager' });
    expect(report.body.items).toEqual([expect.objectContaining({ articleId: written.body.id, uses: 1, usedAtTriage: 1, usedInProposals: 0, closed: 1, resolved: 1, resolutionRate: 1 })]);
    console.log(`knowledge: "电饭煲加热后有焦味" → ${JSON.stringify(found.body.items.map((a: { title: string }) => a.title))}; report ${JSON.stringify(report.body.items[0])}`);

    // A systemic problem's corrective action ends as an article, shown on the problem.
    const problem = await stack.request('POST', '/problems', { role: 'supervisor', sub: 'sup-sun', body: { title: 'X1 内胆涂层批次问题', origin: 'other' } });
    const fromProblem = await stack.request('POST', '/knowledge/articles', { role: 'supervisor', sub: 'sup-sun', body: { ...article, title: 'X1 内胆涂层：批次更换', problemId: problem.body.id } });
    expect(fromProblem.status).toBe(201);
    expect((await stack.request('GET', `/problems/${problem.body.id}`, { role: 'supervisor', sub: 'sup-sun' })).body.articles).toEqual([{ id: fromProblem.body.id, title: 'X1 内胆涂层：批次更换', status: 'draft' }]);
    expect((await stack.request('POST', '/knowledge/articles', { role: 'handler', sub: 'handler-chen', body: { ...article, problemId: 999_999 } })).body.error.fields[0].path).toBe('problemId');
  });
});

describe('a major case with legal risk, service recovery and quality review', () => {
  // Ten minutes for every staff clock: no breach or escalation on a slow machine changes who acts (the visit still comes after 2 s).
  const TEN_MINUTES = { amount: 600, unit: 'seconds' } as const;
  beforeEach(() =>
    useTestPolicy(stack, {
      durations: { firstResponse: TEN_MINUTES, reply: TEN_MINUTES, progressUpdate: TEN_MINUTES, customerResponse: TEN_MINUTES, execution: TEN_MINUTES, satisfaction: TEN_MINUTES, followUpVisit: TEN_MINUTES, reopenWindow: TEN_MINUTES },
    }),
  );

  it('waits for the legal sign-off, owes the apology, recovers from an unexecutable remedy, and is reviewed beside its record', async () => {
    const number = await stack.withWorker(async () => {
      const number = await file('电饭煲加热后有焦味，我已经请了律师，还要找媒体曝光。');
      const suggestion = (await read(number)).state.triageSuggestion;
      expect(suggestion).toMatchObject({ grade: 'major', riskKinds: ['media', 'legal'], possiblySystemic: false });

      // Triage confirms major and marks it possibly systemic against the rules' suggestion (recorded as an override).
      let s = await ok(number, 'triage', 'agent', { category: 'product_quality', severity: 'high', grade: 'major', departmentId: 'after_sales', possiblySystemic: true, reason: '同批次已有多起焦味投诉' }, 'agent-li');
      expect(s).toMatchObject({ stage: 'investigating', assigneeId: 'handler-liu', possiblySystemic: true });
      expect(s.triageDecision.overridden).toEqual(expect.arrayContaining(['possiblySystemic']));
      expect(s.majorReviews).toEqual([
        expect.objectContaining({ kind: 'legal', ownerId: 'legal-he', departmentId: 'legal_privacy', status: 'open', blocksProposal: true, triggers: ['legal'] }),
        expect.objectContaining({ kind: 'pr', ownerId: 'pr-gao', departmentId: 'public_relations', status: 'open', blocksProposal: false, triggers: ['media'] }),
      ]);
      expect(s.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['legalReview', 'prReview']));

      // The reviewers: in their queue, and in their scope; a handler elsewhere is not.
      const work = await stack.request('GET', '/me/work', { role: 'handler', sub: 'legal-he' });
      expect(work.body.items).toEqual([expect.objectContaining({ kind: 'review', dueAt: s.majorReviews[0].dueAt, complaint: expect.objectContaining({ number }) })]);
      expect((await stack.request('GET', `/complaints/${number}`, { role: 'handler', sub: 'legal-he' })).status).toBe(200);
      expect((await stack.request('GET', `/complaints/${number}`, { role: 'handler', sub: 'handler-zhou' })).status).toBe(404);
      await eventually(async () => (await stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.kind, 'major_review'), eq(notifications.recipientId, 'legal-he')))).length > 0);

      // The category was wrong: corrected after triage, with who and why; the reports follow.
      s = await ok(number, 'regrade', 'supervisor', { grade: 'major', category: 'after_sales', reason: '实为维修后的二次故障' }, 'sup-sun');
      expect(s.category).toBe('after_sales');
      await eventually(async () => (await stack.database.db.select({ category: complaintFacts.category }).from(complaintFacts).where(eq(complaintFacts.complaintNumber, number)))[0]?.category === 'after_sales');

      // The company was at fault: the proposal owes an apology — and first waits for the legal sign-off.
      await ok(number, 'findings', 'handler', { facts: '内胆涂层过热', rootCause: '维修时装错加热盘', responsibility: 'company' }, 'handler-liu');
      const refund = { type: 'refund', amountMinor: 10_000, currency: 'CNY' };
      const waiting = await act(number, 'proposal', 'handler', { remedies: [{ type: 'apology' }, refund], message: '致歉并退款 100 元' }, 'handler-liu');
      expect(waiting.status).toBe(409);
      expect(waiting.body.error).toMatchObject({ code: 'wrong_stage', stage: 'proposing' });
      expect(waiting.body.error.message).toMatch(/waits for the legal review's sign-off \(owner legal-he, due /);
      console.log(`major case: proposal before the legal sign-off → ${waiting.status} ${waiting.body.error.message}`);

      expect((await act(number, 'major-review-sign-off', 'handler', { review: 'legal', decision: 'cleared', note: 'x' }, 'handler-liu')).status).toBe(403);
      expect((await act(number, 'major-review-sign-off', 'handler', { review: 'legal', decision: 'cleared', note: 'x' }, 'handler-zhou')).status).toBe(404);
      s = await ok(number, 'major-review-sign-off', 'handler', { review: 'legal', decision: 'cleared_with_conditions', note: '可以致歉退款，勿承认产品设计缺陷' }, 'legal-he');
      expect(s.majorReviews[0]).toMatchObject({ kind: 'legal', status: 'signed_off', decision: 'cleared_with_conditions', signedOffBy: { id: 'legal-he' } });
      expect(s.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('legalReview');

      const noApology = await act(number, 'proposal', 'handler', { remedies: [refund], message: '退款 100 元' }, 'handler-liu');
      expect(noApology.status).toBe(400);
      expect(noApology.body.error.fields).toEqual([{ path: 'remedies', message: expect.stringMatching(/apology/) }]);
      s = await ok(number, 'proposal', 'handler', { remedies: [{ type: 'apology' }, refund], message: '向您致歉，并退款 100 元' }, 'handler-liu');
      expect(s.stage).toBe('negotiating');
      await ok(number, 'customer-response', 'customer', { accept: true });

      // The refund cannot be paid (the account is closed): back to proposing, the customer told why.
      s = await ok(number, 'remedy-unexecutable', 'handler', { reason: '原支付账户已注销，退款被退回', customerMessage: '您的原支付账户已注销，退款无法退回，我们将改为其他方式补偿。' }, 'handler-liu');
      expect(s.stage).toBe('proposing');
      expect(s.deadlines.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['reply', 'progressUpdate']));
      await eventually(async () => (await stack.database.db.select().from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.kind, 'remedy_unexecutable'), eq(notifications.recipientType, 'customer')))).length > 0);
      const page = (await stack.request('GET', `/complaints/${number}/timeline`, { role: 'customer', sub: customerOf.get(number) })).body;
      expect(JSON.stringify(page.history)).toContain('原支付账户已注销');

      // The apology was made in person: said why it is not in this proposal (recorded).
      s = await ok(number, 'proposal', 'handler', { remedies: [{ type: 'coupon', amountMinor: 10_000, currency: 'CNY', description: '100 元购物券' }], message: '改为 100 元购物券', apologyOmittedReason: '已于上次方案中当面致歉' }, 'handler-liu');
      expect(s.proposal.apologyOmittedReason).toBe('已于上次方案中当面致歉');
      await ok(number, 'customer-response', 'customer', { accept: true });
      await ok(number, 'execution', 'handler', { proof: '购物券已发放' }, 'handler-liu');
      s = await ok(number, 'satisfaction', 'customer', { score: 2, comment: '拖得太久' });
      expect(s.majorReviews[1]).toMatchObject({ kind: 'pr', status: 'ended' });

      // The follow-up visit: reached, satisfied now, and stays a customer.
      await eventually(async () => (await read(number)).state.stage === 'follow_up', 30_000);
      s = await ok(number, 'follow-up', 'supervisor', { reached: true, satisfied: true, retained: true, note: '顾客表示会继续购买' });
      expect(s.followUp).toMatchObject({ status: 'done', retained: true });
      await saveHistoryIfRecording(number, 'major-case-legal-review-recovery-1.3');
      return number;
    });

    const types = (await events(number)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['major_review_opened', 'major_review_signed_off', 'remedy_unexecutable', 'follow_up_recorded']));
    const sent = (await events(number)).filter((e) => e.type === 'proposal_sent').map((e) => e.data);
    expect(sent).toEqual([expect.objectContaining({ apology: 'included' }), expect.objectContaining({ apology: 'omitted', apologyOmittedReason: '已于上次方案中当面致歉' })]);
    const regraded = (await events(number)).find((e) => e.type === 'regraded')!;
    expect(regraded).toMatchObject({ actorId: 'sup-sun', reason: '实为维修后的二次故障', data: expect.objectContaining({ categoryCorrected: true, from: expect.objectContaining({ category: 'product_quality' }) }) });
    const recovery = await stack.request('GET', '/reports/recovery', { role: 'manager' });
    expect(recovery.body).toMatchObject({ dissatisfied: 1, visited: 1, retained: 1, recoveryRate: 1 });

    // ── Quality review of the month's closed cases ──
    const period = periodOf(Date.now(), stack.policy.current.calendar.utcOffsetMinutes, 'month');
    expect((await stack.request('POST', '/quality/sampling-runs', { role: 'supervisor', body: { period } })).status).toBe(403);
    const run = await stack.request('POST', '/quality/sampling-runs', { role: 'quality', body: { period } });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ period, closedCases: 2, queued: 2, byReason: { dissatisfied: 1, sampled: 1 } });
    expect((await stack.request('POST', '/quality/sampling-runs', { role: 'quality', body: { period } })).body.queued).toBe(0);
    const queue = await stack.request('GET', '/quality/reviews?status=queued', { role: 'quality' });
    const review = queue.body.items.find((r: { complaintNumber: string }) => r.complaintNumber === number);
    expect(review).toMatchObject({ handlerId: 'handler-liu', reasons: ['dissatisfied'], status: 'queued' });
    expect(review.scorecard.map((c: { id: string }) => c.id)).toEqual(DEFAULT_QUALITY_REVIEW.scorecard.map((c) => c.id));

    const timelineBefore = (await events(number)).length;
    const scores = { response_on_time: 2, empathy_apology: 4, evidence: 4, remedy_fairness: 4, explanation_clarity: 3, outcome: 4 };
    const missing = await stack.request('POST', `/quality/reviews/${review.id}/score`, { role: 'quality', body: { scores: { ...scores, outcome: undefined }, coachingNote: 'x' } });
    expect(missing.body.error.fields).toEqual([{ path: 'scores.outcome', message: 'required' }]);
    const scored = await stack.request('POST', `/quality/reviews/${review.id}/score`, { role: 'quality', body: { scores, coachingNote: '首次方案被法务审核卡住前应先告知客户进度；执行前核实支付账户。' } });
    expect(scored.body).toMatchObject({ status: 'scored', faults: ['response_on_time'], reviewerId: 'quality-test' });
    const told = (recipient: string) => stack.database.db.select().from(notifications).where(and(eq(notifications.kind, 'quality_review'), eq(notifications.recipientId, recipient), eq(notifications.channel, 'in_app')));
    expect((await told('handler-liu')).map((n) => n.data)).toEqual([expect.objectContaining({ reviewId: review.id, event: 'scored' })]);

    // The handler and their supervisor read it, coaching note included; another handler does not.
    const mine = await stack.request('GET', '/quality/reviews', { role: 'handler', sub: 'handler-liu' });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: review.id, coachingNote: expect.stringContaining('告知客户进度') })]);
    expect((await stack.request('GET', `/quality/reviews/${review.id}`, { role: 'supervisor', sub: 'sup-sun' })).status).toBe(200);
    expect((await stack.request('GET', `/quality/reviews/${review.id}`, { role: 'handler', sub: 'handler-zhou' })).status).toBe(404);

    // A disagreement: the handler disputes, the supervisor decides.
    expect((await stack.request('POST', `/quality/reviews/${review.id}/decision`, { role: 'supervisor', sub: 'sup-sun', body: { decision: 'upheld', note: 'x' } })).body.error).toMatchObject({ code: 'wrong_status', status: 'scored' });
    const disputed = await stack.request('POST', `/quality/reviews/${review.id}/response`, { role: 'handler', sub: 'handler-liu', body: { agree: false, text: '响应延误是因为等待法务签署，已按时发送进度通报。' } });
    expect(disputed.body.status).toBe('disputed');
    // Their supervisor is told a dispute waits for them.
    expect((await told('sup-sun')).map((n) => n.data)).toEqual([expect.objectContaining({ reviewId: review.id, event: 'disputed' })]);
    const decided = await stack.request('POST', `/quality/reviews/${review.id}/decision`, { role: 'supervisor', sub: 'sup-sun', body: { decision: 'revised', note: '等待法务期间已通报进度，响应项改为 4 分', scores: { ...scores, response_on_time: 4 } } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: 'revised', decidedBy: 'sup-sun', faults: [] });
    const [audit] = await stack.database.db.select().from(auditLog).where(eq(auditLog.action, 'quality_dispute_decided'));
    expect(audit).toMatchObject({ actorId: 'sup-sun', before: expect.objectContaining({ faults: ['response_on_time'] }), after: expect.objectContaining({ decision: 'revised' }) });

    // Written beside the case: its timeline did not change.
    expect((await events(number)).length).toBe(timelineBefore);
    const report = await stack.request('GET', '/reports/quality', { role: 'supervisor', sub: 'sup-sun' });
    expect(report.body.byHandler).toEqual([expect.objectContaining({ handlerId: 'handler-liu', reviews: 1, disputes: 1, revised: 1, averageTotal: decided.body.total })]);
    console.log(`quality review: ${JSON.stringify(run.body)}; decided ${JSON.stringify({ status: decided.body.status, decision: decided.body.decision, total: decided.body.total })}`);
  });
});

describe('the quality-sampling schedule', () => {
  it('runs after each period; a run by hand and the schedule never queue a case twice', async () => {
    const rule = stack.policy.current.qualityReview!;
    const offset = stack.policy.current.calendar.utcOffsetMinutes;
    const scheduleId = await ensureQualitySamplingSchedule(stack.client, stack.taskQueue, rule, offset);
    const described = await stack.client.schedule.getHandle(scheduleId).describe();
    expect(described.spec.calendars).toEqual([expect.objectContaining({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 14, end: 14, step: 1 }] })]);
    await stack.withWorker(async () => {
      // The period the quality team sampled by hand above: the same cases, none queued again.
      const period = periodOf(Date.now(), offset, 'month');
      const run = await stack.client.workflow.execute('qualitySamplingWorkflow', { taskQueue: stack.taskQueue, workflowId: `quality-sampling-by-hand-${period}`, args: [{ rule, utcOffsetMinutes: offset, period }] });
      expect(run).toMatchObject({ period, closedCases: 2, queued: 0 });
      // The schedule's own run samples the month that ended, as the system.
      await stack.client.schedule.getHandle(scheduleId).trigger();
      const last = previousPeriod(period);
      await eventually(async () => (await stack.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'quality_review_sampled'), eq(auditLog.subject, `quality/${last}`), eq(auditLog.actorId, 'system')))).length === 1, 30_000);
      // The schedule-started run's history (its rule in, its counts out) replays with the others.
      if (process.env.RECORD_HISTORIES === '1') {
        const completed = async () => {
          for await (const w of stack.client.workflow.list({ query: `WorkflowType = 'qualitySamplingWorkflow' AND TaskQueue = '${stack.taskQueue}' AND ExecutionStatus = 'Completed'` })) if (w.workflowId.startsWith(scheduleId)) return w.workflowId;
          return undefined;
        };
        await eventually(async () => (await completed()) !== undefined, 30_000);
        await saveHistoryIfRecording((await completed())!, 'quality-sampling-1.3');
      }
    });
    await stack.client.schedule.getHandle(scheduleId).delete();
  });
});
