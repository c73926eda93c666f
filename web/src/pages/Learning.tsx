/**
 * Learning from cases in the workspace: the knowledge base (list → article drawer → write, publish),
 * its suggestions in the triage and proposal drawers, the reviews of a major case on the case page,
 * quality review (queue → review drawer → score, answer, decide), the triage rules administrators
 * edit, and the reports on them. Forms of new articles are drawn from the API's own schema.
 */
import { Alert, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Radio, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, operationBody, type JsonSchema, type Schemas } from '../api';
import { answerErrors, cleanValues, FormErrors, SchemaFields } from '../forms/SchemaForm';
import { pageWord, usePageWords, useWords } from '../i18n';
import { tone } from '../tones';
import { formatTime } from '../time';
import { CATEGORIES } from '../../../domain/model';
import { DEFAULT_SCORECARD } from '../../../domain/quality-review';

type Article = Schemas['KnowledgeArticle'];
type Review = Schemas['QualityReview'];
type ApiFailure = { error?: { message: string; fields?: { path: string; message: string }[] } } | undefined;

const STATUS_TONES: Record<string, string> = { draft: 'default', published: 'green', retired: 'orange', queued: 'gold', scored: 'blue', accepted: 'green', disputed: 'red', decided: 'purple', open: 'gold', signed_off: 'green', ended: 'default' };

const failureText = (error: unknown, status: number) => (error as ApiFailure)?.error?.message ?? `HTTP ${status}`;

// ── Knowledge base ─────────────────────────────────────────────────────────────────────────────

export function KnowledgePage({ role }: { role: string }) {
  const words = useWords();
  const w = usePageWords('knowledge');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Article[]>();
  const [selected, setSelected] = useState<Article | 'new'>();
  const load = useCallback(() => void must(api.GET('/knowledge/articles', { params: { query: q.trim() ? { q: q.trim() } : {} } })).then((r) => setItems(r.items)), [q]);
  useEffect(load, [load]);
  const mayWrite = ['agent', 'handler', 'supervisor', 'manager'].includes(role);
  return (
    <Card
      title={w('title')}
      extra={
        mayWrite && (
          <Button type="primary" onClick={() => setSelected('new')}>
            {w('write')}
          </Button>
        )
      }
    >
      <Input.Search allowClear placeholder={w('search')} aria-label={w('search')} onSearch={(v) => setQ(v)} style={{ maxWidth: 420, marginBottom: 12 }} data-testid="knowledge-search" />
      <Table
        rowKey="id"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(a) => ({ onClick: () => setSelected(a), style: { cursor: 'pointer' } })}
        columns={[
          { title: w('articleTitle'), dataIndex: 'title', render: (t: string, a) => <Typography.Link onClick={() => setSelected(a)}>{t}</Typography.Link> },
          { title: w('categories'), dataIndex: 'categories', render: (c: string[]) => c.map((x) => <Tag key={x}>{words.code('category', x)}</Tag>) },
          { title: w('products'), dataIndex: 'products', render: (p: string[]) => p.join('、') || '—' },
          { title: w('status'), dataIndex: 'status', render: (s: string) => <Tag color={tone(STATUS_TONES[s])}>{w(s as 'draft')}</Tag> },
          { title: w('uses'), dataIndex: 'uses' },
          { title: w('owner'), dataIndex: 'ownerId' },
        ]}
      />
      <ArticleDrawer article={selected} role={role} onClose={() => setSelected(undefined)} onDone={() => (setSelected(undefined), load())} />
    </Card>
  );
}

function ArticleDrawer({ article, role, onClose, onDone }: { article?: Article | 'new'; role: string; onClose: () => void; onDone: () => void }) {
  const words = useWords();
  const w = usePageWords('knowledge');
  const [form] = Form.useForm();
  const [spec, setSpec] = useState<{ schema: JsonSchema; components: Record<string, JsonSchema> }>();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  useEffect(() => {
    setErrors([]);
    form.resetFields();
    if (article === 'new') void operationBody('/knowledge/articles', 'post').then(setSpec);
  }, [article, form]);
  const lead = role === 'supervisor' || role === 'manager';

  async function create(values: Record<string, unknown>) {
    const res = await api.POST('/knowledge/articles', { body: cleanValues(values) as never });
    if (res.response.ok) return message.success(words.t('done')), onDone();
    setErrors(answerErrors(form, res));
  }

  async function move(status: 'published' | 'retired') {
    if (article === 'new' || !article) return;
    const res = await api.PUT('/knowledge/articles/{id}/status', { params: { path: { id: article.id } }, body: { status } });
    if (res.response.ok) return message.success(words.t('done')), onDone();
    setErrors([{ path: '', message: failureText(res.error, res.response.status) }]);
  }

  return (
    <Drawer open={!!article} onClose={onClose} width={640} title={article === 'new' ? w('write') : article?.title} destroyOnHidden>
      <FormErrors errors={errors} />
      {article === 'new' ? (
        spec && (
          <Form form={form} layout="vertical" onFinish={(v) => void create(v)} data-article-form="new">
            <SchemaFields schema={spec.schema} components={spec.components} />
            <Button type="primary" htmlType="submit">
              {w('save')}
            </Button>
          </Form>
        )
      ) : article ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={w('status')}>
              <Tag color={tone(STATUS_TONES[article.status])}>{w(article.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={w('problem')}>{article.problem}</Descriptions.Item>
            <Descriptions.Item label={w('cause')}>{article.cause ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={w('remedy')}>{article.remedy}</Descriptions.Item>
            <Descriptions.Item label={w('wording')}>{article.wording ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={w('categories')}>{article.categories.map((c) => words.code('category', c)).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={w('products')}>{article.products.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={w('keywords')}>{article.keywords.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={w('owner')}>{article.ownerId}</Descriptions.Item>
            {article.problemId !== null && <Descriptions.Item label={w('problemId')}>#{article.problemId}</Descriptions.Item>}
            <Descriptions.Item label={w('uses')}>{article.uses}</Descriptions.Item>
          </Descriptions>
          {lead && (
            <Space>
              {article.status !== 'published' && (
                <Button type="primary" onClick={() => void move('published')} data-testid="publish">
                  {article.status === 'retired' ? w('republish') : w('publish')}
                </Button>
              )}
              {article.status === 'published' && <Button onClick={() => void move('retired')}>{w('retire')}</Button>}
            </Space>
          )}
        </Space>
      ) : null}
    </Drawer>
  );
}

/** The published articles that fit a complaint, in the triage and proposal drawers; "use it" records the use. */
export function KnowledgeSuggestions({ number, stage }: { number: string; stage: 'triage' | 'proposal' }) {
  const w = usePageWords('knowledge');
  const [items, setItems] = useState<Schemas['KnowledgeSuggestion'][]>();
  const [used, setUsed] = useState<number[]>([]);
  useEffect(() => {
    void api.GET('/complaints/{number}/knowledge-suggestions', { params: { path: { number }, query: { stage } } }).then((r) => setItems(r.response.ok ? r.data!.items : []));
  }, [number, stage]);
  async function use(articleId: number) {
    const res = await api.POST('/complaints/{number}/knowledge-uses', { params: { path: { number } }, body: { articleId, stage } });
    if (res.response.ok) setUsed((u) => [...u, articleId]);
  }
  if (!items) return null;
  return (
    <Card size="small" title={w('suggested')} style={{ marginBottom: 12 }} data-testid="knowledge-suggestions">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{w('noSuggestion')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="use" size="small" disabled={used.includes(a.id)} onClick={() => void use(a.id)}>
                  {used.includes(a.id) ? w('used') : w('use')}
                </Button>,
              ]}
            >
              <List.Item.Meta title={a.title} description={<Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{`${w('remedy')}：${a.remedy}${a.wording ? ` · ${w('wording')}：${a.wording}` : ''}`}</Typography.Paragraph>} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

// ── The reviews of a major case, on the case page ──────────────────────────────────────────────

export function MajorReviewsCard({ state }: { state: Schemas['ComplaintState'] }) {
  const words = useWords();
  const w = usePageWords('reviews');
  const reviews = state.majorReviews ?? [];
  if (reviews.length === 0 && !state.possiblySystemic && !state.findings?.apologyOwed) return null;
  return (
    <Card size="small" title={w('title')} data-testid="major-reviews">
      <Space wrap style={{ marginBottom: reviews.length > 0 ? 12 : 0 }}>
        {state.possiblySystemic && <Tag color={tone('orange')}>{w('systemic')}</Tag>}
        {state.findings?.apologyOwed && <Tag color={tone('red')}>{w('apologyOwed')}</Tag>}
      </Space>
      {reviews.length > 0 && (
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={reviews}
          columns={[
            { title: w('kind'), dataIndex: 'kind', render: (k: string, r) => <>{words.code('review', k)} {r.blocksProposal && r.status === 'open' && <Tag color={tone('red')}>{w('blocks')}</Tag>}</> },
            { title: w('owner'), dataIndex: 'ownerId', render: (o: string | undefined, r) => `${o ?? '—'} · ${r.departmentId}` },
            { title: w('status'), dataIndex: 'status', render: (s: string) => <Tag color={tone(STATUS_TONES[s])}>{w(s as 'open')}</Tag> },
            { title: w('due'), dataIndex: 'dueAt', render: (d: string | undefined) => (d ? formatTime(d, words.locale) : '—') },
            { title: w('decision'), key: 'decision', render: (_: unknown, r) => (r.decision ? `${words.code('decision', r.decision)}${r.note ? ` — ${r.note}` : ''}` : '—') },
          ]}
        />
      )}
    </Card>
  );
}

// ── Quality review ─────────────────────────────────────────────────────────────────────────────

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

export function QualityPage({ me }: { me: Schemas['Me'] }) {
  const w = usePageWords('quality');
  const [items, setItems] = useState<Review[]>();
  const [selected, setSelected] = useState<Review>();
  const [period, setPeriod] = useState(thisMonth);
  const [ran, setRan] = useState<string>();
  const load = useCallback(() => void must(api.GET('/quality/reviews', {})).then((r) => setItems(r.items)), []);
  useEffect(load, [load]);
  async function sample() {
    const res = await api.POST('/quality/sampling-runs', { body: { period } });
    if (res.response.ok) {
      const counts = Object.entries(res.data!.byReason).filter(([, n]) => n > 0).map(([r, n]) => `${w(r as 'sampled')} ${n}`).join(' · ');
      setRan(`${res.data!.queued} / ${res.data!.closedCases}${counts ? ` — ${counts}` : ''}`);
      load();
    } else setRan(failureText(res.error, res.response.status));
  }
  return (
    <Card title={w('title')}>
      <Alert type="info" showIcon message={w('beside')} style={{ marginBottom: 12 }} />
      {me.role === 'quality' && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Input value={period} onChange={(e) => setPeriod(e.target.value)} aria-label={w('period')} style={{ width: 120 }} />
          <Button onClick={() => void sample()} data-testid="sample">
            {w('sample')}
          </Button>
          {ran && <Typography.Text data-testid="sampled">{ran}</Typography.Text>}
        </Space>
      )}
      <Table
        rowKey="id"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: w('complaint'), dataIndex: 'complaintNumber', render: (n: string, r) => <Typography.Link onClick={() => setSelected(r)}>{n}</Typography.Link> },
          { title: w('period'), dataIndex: 'period' },
          { title: w('handler'), dataIndex: 'handlerId' },
          { title: w('reasons'), dataIndex: 'reasons', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{w(r as 'sampled')}</Tag>) },
          { title: w('status'), dataIndex: 'status', render: (s: string) => <Tag color={tone(STATUS_TONES[s])}>{w(s as 'queued')}</Tag> },
          { title: w('total'), dataIndex: 'total', render: (t: number | null) => t ?? '—' },
          { title: '', key: 'open', render: (_: unknown, r) => <Button size="small" onClick={() => setSelected(r)}>{w('open')}</Button> },
        ]}
      />
      <ReviewDrawer review={selected} me={me} onClose={() => setSelected(undefined)} onDone={() => (setSelected(undefined), load())} />
    </Card>
  );
}

function ReviewDrawer({ review, me, onClose, onDone }: { review?: Review; me: Schemas['Me']; onClose: () => void; onDone: () => void }) {
  const words = useWords();
  const w = usePageWords('quality');
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  useEffect(() => {
    form.resetFields();
    setError(undefined);
  }, [review, form]);
  if (!review) return <Drawer open={false} />;
  const mode =
    me.role === 'quality' && review.status === 'queued' ? 'score' : review.handlerId === me.id && review.status === 'scored' ? 'response' : (me.role === 'supervisor' || me.role === 'manager') && review.status === 'disputed' ? 'decision' : undefined;

  async function submit(values: Record<string, unknown>) {
    const id = review!.id;
    const scores = Object.fromEntries(review!.scorecard.map((c) => [c.id, values[`score.${c.id}`]]).filter(([, v]) => v !== undefined));
    const res =
      mode === 'score'
        ? await api.POST('/quality/reviews/{id}/score', { params: { path: { id } }, body: { scores: scores as Record<string, number>, coachingNote: String(values.coachingNote ?? '') } })
        : mode === 'response'
          ? await api.POST('/quality/reviews/{id}/response', { params: { path: { id } }, body: { agree: values.agree === true, text: String(values.text ?? '') } })
          : await api.POST('/quality/reviews/{id}/decision', {
              params: { path: { id } },
              body: { decision: values.decision as 'upheld' | 'revised', note: String(values.note ?? ''), ...(values.decision === 'revised' ? { scores: scores as Record<string, number> } : {}) },
            });
    if (res.response.ok) return message.success(words.t('done')), onDone();
    const failure = res.error as ApiFailure;
    setError(failure?.error?.fields?.map((f) => `${f.path}: ${f.message}`).join('; ') ?? failureText(res.error, res.response.status));
  }

  const scoreInputs = review.scorecard.map((c) => (
    <Form.Item key={c.id} name={`score.${c.id}`} label={`${c.label[words.locale]}（${c.weight}%）`} extra={c.basis} rules={[{ required: true }]} initialValue={review.scores?.[c.id]}>
      <InputNumber min={1} max={5} />
    </Form.Item>
  ));

  return (
    <Drawer open onClose={onClose} width={640} title={`${w('title')} · ${review.complaintNumber}`} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} />}
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={w('handler')}>{review.handlerId}</Descriptions.Item>
        <Descriptions.Item label={w('reasons')}>{review.reasons.map((r) => w(r as 'sampled')).join('、')}</Descriptions.Item>
        <Descriptions.Item label={w('status')}>
          <Tag color={tone(STATUS_TONES[review.status])}>{w(review.status as 'queued')}</Tag>
        </Descriptions.Item>
        {review.total !== null && <Descriptions.Item label={w('total')}>{review.total}</Descriptions.Item>}
        {review.scores && (
          <Descriptions.Item label={w('score')}>
            {review.scorecard.map((c) => (
              <Tag key={c.id} color={tone(review.faults.includes(c.id) ? 'red' : 'default')}>
                {c.label[words.locale]} {review.scores![c.id]}
              </Tag>
            ))}
          </Descriptions.Item>
        )}
        {review.coachingNote && <Descriptions.Item label={w('coachingNote')}>{review.coachingNote}</Descriptions.Item>}
        {review.handlerResponse && <Descriptions.Item label={w('response')}>{review.handlerResponse}</Descriptions.Item>}
        {review.decision && <Descriptions.Item label={w('decision')}>{`${w(review.decision as 'upheld')} — ${review.decisionNote ?? ''} (${review.decidedBy ?? ''})`}</Descriptions.Item>}
      </Descriptions>
      {mode && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-review-form={mode}>
          {mode === 'score' && (
            <>
              {scoreInputs}
              <Form.Item name="coachingNote" label={w('coachingNote')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {mode === 'response' && (
            <>
              <Form.Item name="agree" label={w('response')} rules={[{ required: true }]}>
                <Radio.Group options={[{ value: true, label: w('agree') }, { value: false, label: w('dispute') }]} />
              </Form.Item>
              <Form.Item name="text" label={w('note')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {mode === 'decision' && (
            <>
              <Form.Item name="decision" label={w('decision')} rules={[{ required: true }]}>
                <Radio.Group options={[{ value: 'upheld', label: w('upheld') }, { value: 'revised', label: w('revised') }]} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => (form.getFieldValue('decision') === 'revised' ? scoreInputs : null)}
              </Form.Item>
              <Form.Item name="note" label={w('note')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit">
            {words.t('submit')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}

// ── Triage rules ───────────────────────────────────────────────────────────────────────────────

const RISK_KINDS = ['media', 'legal', 'regulator'] as const;
const THRESHOLDS = ['highSeverityAmountMinor', 'criticalSeverityAmountMinor', 'repeatComplainantThreshold', 'repeatProductThreshold', 'repeatWindowDays'] as const;

export function TriageRulesPage({ mayEdit }: { mayEdit: boolean }) {
  const words = useWords();
  const w = usePageWords('triageRules');
  const [current, setCurrent] = useState<Schemas['TriageRulesInForce']>();
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const load = useCallback(() => void must(api.GET('/admin/triage-rules')).then(setCurrent), []);
  useEffect(load, [load]);
  useEffect(() => {
    if (!current) return;
    form.setFieldsValue({ ...Object.fromEntries(RISK_KINDS.map((k) => [`risk.${k}`, current.rules.riskWords[k]])), ...Object.fromEntries(THRESHOLDS.map((k) => [k, current.rules[k]])), reason: undefined });
  }, [current, form]);
  if (!current) return <Card loading />;

  async function save(values: Record<string, unknown>) {
    const changes = {
      riskWords: Object.fromEntries(RISK_KINDS.map((k) => [k, values[`risk.${k}`] as string[]])),
      ...Object.fromEntries(THRESHOLDS.map((k) => [k, values[k] as number])),
    };
    const res = await api.POST('/admin/triage-rules', { body: { changes: changes as never, reason: String(values.reason ?? '') } });
    if (res.response.ok) return message.success(words.t('done')), setErrors([]), setCurrent(res.data!);
    const failure = res.error as ApiFailure;
    setErrors(failure?.error?.fields ?? [{ path: '', message: failureText(res.error, res.response.status) }]);
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`${w('title')} · ${w('version')} ${current.version}${current.version === 0 ? ` (${w('defaults')})` : ''}`}>
        <Alert type="info" showIcon message={w('simplePath')} style={{ marginBottom: 12 }} />
        <FormErrors errors={errors} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!mayEdit} data-testid="triage-rules-form">
          {RISK_KINDS.map((k) => (
            <Form.Item key={k} name={`risk.${k}`} label={w(k)}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} aria-label={w(k)} />
            </Form.Item>
          ))}
          <Space wrap>
            {THRESHOLDS.map((k) => (
              <Form.Item key={k} name={k} label={w(k)}>
                <InputNumber min={0} style={{ width: 200 }} />
              </Form.Item>
            ))}
          </Space>
          {mayEdit && (
            <>
              <Form.Item name="reason" label={w('reason')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                {w('save')}
              </Button>
            </>
          )}
        </Form>
      </Card>
      <Card title={w('keywords')} size="small">
        <Table
          size="small"
          rowKey="category"
          pagination={false}
          // In the vocabulary's order (stored rules are JSON, whose key order is not kept).
          dataSource={CATEGORIES.map((category) => ({ category, keywords: current.rules.categoryKeywords[category], department: current.rules.departmentByCategory[category] }))}
          columns={[
            { title: words.field('category'), dataIndex: 'category', render: (c: string) => words.code('category', c) },
            { title: w('department'), dataIndex: 'department' },
            { title: w('keywords'), dataIndex: 'keywords', render: (k: string[]) => <Typography.Text type="secondary">{k.join('、')}</Typography.Text> },
          ]}
        />
      </Card>
      <Card title={w('versions')} size="small">
        {current.versions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={current.versions}
            columns={[
              { title: w('version'), dataIndex: 'version' },
              { title: w('savedBy'), dataIndex: 'savedBy' },
              { title: w('savedAt'), dataIndex: 'savedAt', render: (d: string) => formatTime(d, words.locale) },
              { title: w('why'), dataIndex: 'reason' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

// ── Reports ────────────────────────────────────────────────────────────────────────────────────

export function LearningReports() {
  const words = useWords();
  const w = usePageWords('learningReports');
  const [quality, setQuality] = useState<Schemas['QualityReport']>();
  const [knowledge, setKnowledge] = useState<Schemas['KnowledgeReport']>();
  const [recovery, setRecovery] = useState<Schemas['RecoveryReport']>();
  useEffect(() => {
    void must(api.GET('/reports/quality', {})).then(setQuality);
    void must(api.GET('/reports/knowledge')).then(setKnowledge);
    void must(api.GET('/reports/recovery')).then(setRecovery);
  }, []);
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={w('recovery')} size="small" data-testid="recovery-report">
        <Space size="large" wrap>
          <Statistic title={w('dissatisfied')} value={recovery?.dissatisfied ?? '—'} />
          <Statistic title={w('visited')} value={recovery?.visited ?? '—'} />
          <Statistic title={w('retained')} value={recovery?.retained ?? '—'} />
          <Statistic title={w('rate')} value={percent(recovery?.recoveryRate)} />
        </Space>
      </Card>
      <Card title={w('quality')} size="small">
        <Table
          size="small"
          rowKey="handlerId"
          pagination={false}
          dataSource={quality?.byHandler ?? []}
          columns={[
            { title: pageWord('quality', 'handler', words.locale), dataIndex: 'handlerId' },
            { title: words.t('department'), dataIndex: 'departmentId', render: (d: string | null) => d ?? '—' },
            { title: w('reviews'), dataIndex: 'reviews' },
            { title: w('average'), dataIndex: 'averageTotal', render: (a: number | null) => a ?? '—' },
            { title: w('disputes'), dataIndex: 'disputes' },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {w('faults')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="criterion"
          pagination={false}
          dataSource={quality?.faults ?? []}
          columns={[
            // The default scorecard names its criteria; a policy's own criteria show by id.
            { title: w('faults'), dataIndex: 'criterion', render: (id: string) => DEFAULT_SCORECARD.find((c) => c.id === id)?.label[words.locale] ?? id },
            { title: w('reviews'), dataIndex: 'reviews' },
            { title: '%', dataIndex: 'share', render: (s: number) => percent(s) },
            { title: w('repeats'), dataIndex: 'handlersWithRepeats' },
          ]}
        />
      </Card>
      <Card title={w('knowledge')} size="small">
        <Table
          size="small"
          rowKey="articleId"
          pagination={false}
          dataSource={knowledge?.items ?? []}
          columns={[
            { title: pageWord('knowledge', 'articleTitle', words.locale), dataIndex: 'title' },
            { title: pageWord('knowledge', 'uses', words.locale), dataIndex: 'uses' },
            { title: w('resolved'), dataIndex: 'resolved' },
            { title: w('resolutionRate'), dataIndex: 'resolutionRate', render: (r: number | null) => percent(r) },
          ]}
        />
      </Card>
    </Space>
  );
}
