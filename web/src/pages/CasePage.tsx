/**
 * One complaint: stage in words, every running clock with its countdown, owner, escalation, task
 * force; the complainant (masked or shown by the scope rules); timeline, evidence, proposal and
 * notifications; and the actions open to this person in this stage, each a form drawn from the
 * action's own schema in the API's document (opened in a drawer).
 */
import { Alert, Button, Card, Descriptions, Drawer, Empty, Form, List, Result, Space, Table, Tag, Timeline, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { actionForms, api, ApiError, type JsonSchema, type Schemas } from '../api';
import { accessToken } from '../auth';
import { cleanValues, FormErrors, SchemaFields, showFieldErrors } from '../forms/SchemaForm';
import { tone } from '../tones';
import { useWords, type Words } from '../i18n';
import { countdown, formatTime, useNow } from '../time';
import { PersonalDataCard } from './PersonalData';
import { KnowledgeSuggestions, MajorReviewsCard } from './Learning';

/** The actions whose drawer shows the knowledge base's suggestions, and the stage a use is recorded at. */
const SUGGESTING_ACTIONS: Record<string, 'triage' | 'proposal'> = { triage: 'triage', regrade: 'triage', propose: 'proposal', resolveOnSpot: 'proposal' };

type CaseDocument = Schemas['Complaint'];
type FrontDesk = Schemas['FrontDeskView'];
type ActionForm = { path: string; summary: string; schema: JsonSchema; components: Record<string, JsonSchema> };

const isCase = (doc: CaseDocument | FrontDesk): doc is CaseDocument => (doc as CaseDocument).access === 'case';

export function CasePage({ number, role }: { number: string; role: string }) {
  const words = useWords();
  const [doc, setDoc] = useState<CaseDocument | FrontDesk>();
  const [timeline, setTimeline] = useState<Schemas['Timeline']>();
  const [deliveries, setDeliveries] = useState<Schemas['DeliveryStatus'][]>();
  const [forms, setForms] = useState<Record<string, ActionForm>>({});
  const [error, setError] = useState<ApiError>();
  const [acting, setActing] = useState<string>();

  const load = useCallback(async () => {
    const read = await api.GET('/complaints/{number}', { params: { path: { number } } });
    if (!read.response.ok) return setError(new ApiError(read.response.status, read.error as never));
    const document = read.data as CaseDocument | FrontDesk;
    setDoc(document);
    setError(undefined);
    const events = await api.GET('/complaints/{number}/timeline', { params: { path: { number } } });
    if (events.response.ok && 'events' in (events.data as object)) setTimeline(events.data as Schemas['Timeline']);
    if (isCase(document)) {
      const sent = await api.GET('/complaints/{number}/notifications', { params: { path: { number } } });
      if (sent.response.ok) setDeliveries(sent.data!.items);
    }
  }, [number]);

  useEffect(() => {
    void load();
    void actionForms().then(setForms);
  }, [load]);

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? words.t('notFound') : error.message} />;
  if (!doc) return <Card loading />;
  const actions = (doc.actions ?? []) as string[];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {doc.number}
            </Typography.Title>
            <Tag color={tone('blue')} data-testid="stage">
              {words.code('stage', isCase(doc) ? doc.state.stage : doc.stage.code)}
            </Tag>
            {isCase(doc) && doc.state.slaBreached && <Tag color={tone('red')}>{words.t('breached')}</Tag>}
          </Space>
        }
        extra={<Button onClick={() => void load()}>{words.t('refresh')}</Button>}
      >
        {isCase(doc) ? <CaseSummary doc={doc} /> : <Alert type="info" showIcon message={words.t('frontDesk')} />}
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={words.t('complainant')}>
            {doc.complainant ? `${doc.complainant.name} · ${doc.complainant.phone ?? ''} ${doc.complainant.email ?? ''} ${doc.complainant.masked ? `(${words.t('masked')})` : ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={words.t('description')}>{doc.description}</Descriptions.Item>
        </Descriptions>
      </Card>

      {isCase(doc) && <MajorReviewsCard state={doc.state} />}

      {isCase(doc) && <PersonalDataCard number={number} mayHold={['supervisor', 'manager', 'quality'].includes(role)} mayTake={['agent', 'handler', 'supervisor', 'manager'].includes(role)} />}

      <Card title={words.t('actions')} data-testid="actions">
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{words.t('noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button key={action} data-action={action} onClick={() => setActing(action)} disabled={!forms[action]}>
                {actionTitle(action, forms[action], words)}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      {isCase(doc) && doc.state.proposal && (
        <Card title={words.field('remedies')} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={words.field('message')}>{doc.state.proposal.message}</Descriptions.Item>
            <Descriptions.Item label={words.field('remedies')}>
              {doc.state.proposal.remedies.map((r, i) => (
                <Tag key={i} color={tone('default')}>
                  {words.code('type', r.type)}
                  {r.amountMinor !== undefined ? ` ${(r.amountMinor / 100).toFixed(2)} ${r.currency ?? ''}` : ''}
                </Tag>
              ))}
            </Descriptions.Item>
            {doc.state.proposal.approval && (
              <Descriptions.Item label={words.field('decision')}>
                {doc.state.proposal.approval.requiredRole} · {doc.state.proposal.approval.status}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}

      <Card title={words.t('evidence')} size="small">
        {doc.evidence.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List size="small" dataSource={doc.evidence as { uri: string; note?: string; addedAt: string }[]} renderItem={(e) => <List.Item>{`${e.uri}${e.note ? ` — ${e.note}` : ''} · ${formatTime(e.addedAt, words.locale)}`}</List.Item>} />
        )}
      </Card>

      <Card title={words.t('timeline')} size="small">
        {timeline ? (
          <Timeline
            items={timeline.events.map((e) => ({
              color: e.internal ? 'gray' : 'blue',
              children: (
                <span>
                  <strong>{e.type}</strong> · {words.code('stage', e.stage)} · {e.actor.id ?? e.actor.role} · {formatTime(e.occurredAt, words.locale)}
                  {e.reason ? <Typography.Text type="secondary"> — {e.reason}</Typography.Text> : null}
                </span>
              ),
            }))}
          />
        ) : (
          <Timeline items={(doc as FrontDesk).history?.map((h) => ({ children: `${formatTime(h.at, words.locale)} · ${h.what} · ${h.by}${h.text ? ` — ${h.text}` : ''}` })) ?? []} />
        )}
      </Card>

      {deliveries && (
        <Card title={words.t('notifications')} size="small">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={deliveries}
            columns={[
              { title: 'kind', dataIndex: 'kind' },
              { title: 'channel', dataIndex: 'channel' },
              { title: 'to', dataIndex: 'recipientId' },
              { title: 'status', dataIndex: 'status', render: (s: string) => <Tag color={tone(s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'default')}>{s}</Tag> },
              { title: 'attempts', dataIndex: 'attempts' },
            ]}
          />
        </Card>
      )}

      <ActionDrawer
        number={number}
        stage={isCase(doc) ? doc.state.stage : doc.stage.code}
        action={acting}
        form={acting ? forms[acting] : undefined}
        onClose={() => setActing(undefined)}
        onDone={() => (setActing(undefined), void load())}
      />
    </Space>
  );
}

function actionTitle(action: string, form: ActionForm | undefined, words: Words): string {
  const summary = form?.summary ?? action;
  return words.locale === 'en' ? summary.replace(/[.;:].*$/, '') : words.actionName(action);
}


function CaseSummary({ doc }: { doc: CaseDocument }) {
  const words = useWords();
  const now = useNow(1_000);
  const s = doc.state;
  // The company's own clocks, and beside them the clocks a law or regulator sets (`kind: 'legal'`).
  const internalClocks = (s.deadlines ?? []).flatMap((d) => (d.kind === 'legal' ? [] : [d as Exclude<typeof d, { kind: 'legal' }>]));
  const legalClocks = (s.deadlines ?? []).flatMap((d) => ('binding' in d ? [d] : []));
  return (
    <>
      <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
        <Descriptions.Item label={words.t('owner')}>{s.assigneeId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={words.t('department')}>{s.departmentId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={words.t('escalation')}>{s.escalationLevel ?? 0}</Descriptions.Item>
        <Descriptions.Item label={words.field('category')}>{s.category ? words.code('category', s.category) : '—'}</Descriptions.Item>
        <Descriptions.Item label={words.field('grade')}>{s.grade ? words.code('grade', s.grade) : '—'}</Descriptions.Item>
        <Descriptions.Item label={words.t('taskForce')}>{s.taskForce ? [s.taskForce.leadId, ...s.taskForce.memberIds].join(', ') : '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {words.t('clocks')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={internalClocks}
        columns={[
          { title: words.t('kind'), dataIndex: 'kind', render: (k: string) => words.code('deadline', k) },
          { title: words.t('due'), dataIndex: 'dueAt', render: (d: string) => formatTime(d, words.locale) },
          {
            title: '',
            dataIndex: 'dueAt',
            key: 'countdown',
            render: (d: string, row) => <Typography.Text type={row.breached ? 'danger' : 'secondary'}>{row.paused ? '⏸' : countdown(d, now, words.locale)}</Typography.Text>,
          },
          { title: words.t('whenDue'), dataIndex: 'whenDue', render: (w: string | undefined) => <Typography.Text type="secondary">{w ?? '—'}</Typography.Text> },
          { title: words.t('breached'), dataIndex: 'breached', render: (b: boolean, row) => (b ? <Tag color={tone('red')}>×{row.breachCount}</Tag> : null) },
        ]}
      />
      {s.legal && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="legal-clocks">
            {words.t('legalClocks')} · {words.code('regime', s.legal.regime)}
          </Typography.Title>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={words.field('receivedAt')}>{formatTime(s.legal.receivedAt, words.locale)}</Descriptions.Item>
            {s.legal.regulatorReference && <Descriptions.Item label={words.field('regulatorReference')}>{s.legal.regulatorReference}</Descriptions.Item>}
            {s.legal.regulatorOffice && <Descriptions.Item label={words.field('regulatorOffice')}>{s.legal.regulatorOffice}</Descriptions.Item>}
          </Descriptions>
          <Table
            size="small"
            rowKey="clock"
            pagination={false}
            dataSource={legalClocks}
            columns={[
              { title: words.t('kind'), dataIndex: 'label', render: (label: { 'zh-CN': string; en: string }, row) => <>{label[words.locale]} {!row.binding && <Tag>{words.t('legalContext')}</Tag>}</> },
              {
                title: words.t('legalDue'),
                dataIndex: 'dueAt',
                // The law counts whole days: the period ends with its last day in the organisation's time zone.
                render: (d: string | undefined, row) => (row.lastDay ? words.t('endOfDay').replace('{day}', row.lastDay) : d ? formatTime(d, words.locale) : '—'),
              },
              {
                title: '',
                key: 'countdown',
                render: (_: unknown, row) =>
                  row.ended ? (
                    <Tag color={tone(row.ended.onTime ? 'green' : 'red')}>{words.t(row.ended.onTime ? 'legalMet' : 'legalMetLate')}</Tag>
                  ) : row.stopped ? (
                    <Tag>{words.t('legalStopped')}</Tag>
                  ) : row.missed ? (
                    <Tag color={tone('red')}>{words.t('legalMissed')}</Tag>
                  ) : row.dueAt ? (
                    <Typography.Text type="secondary">{countdown(row.dueAt, now, words.locale)}</Typography.Text>
                  ) : null,
              },
              { title: words.t('legalExtensions'), dataIndex: 'extensions', render: (e: string[]) => (e.length > 0 ? e.join(', ') : '—') },
            ]}
          />
        </>
      )}
    </>
  );
}

function ActionDrawer({ number, stage, action, form: spec, onClose, onDone }: { number: string; stage: string; action?: string; form?: ActionForm; onClose: () => void; onDone: () => void }) {
  const words = useWords();
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [movedOn, setMovedOn] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.resetFields();
    setErrors([]);
    setMovedOn(undefined);
  }, [action, form]);

  async function submit(values: Record<string, unknown>) {
    if (!spec) return;
    setBusy(true);
    try {
      const res = await fetch(spec.path.replace('{number}', number), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken() ?? ''}`, 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify(cleanValues(values)),
      });
      const body = (await res.json().catch(() => ({}))) as { error?: { message: string; fields?: { path: string; message: string }[]; stage?: string }; contact?: Record<string, string> };
      if (res.ok) {
        message.success(words.t('done'));
        if (body.contact) message.info(Object.values(body.contact).filter(Boolean).join(' · '), 10);
        onDone();
        return;
      }
      if (res.status === 400 && body.error?.fields) setErrors(showFieldErrors(form, body.error.fields));
      // A 409 in the same stage is a precondition (e.g. the proposal waits for the legal sign-off): its message says which.
      else if (res.status === 409 && body.error?.stage && body.error.stage !== stage) setMovedOn(body.error.stage);
      else setErrors([{ path: '', message: body.error?.message ?? `HTTP ${res.status}` }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open={!!action} onClose={onClose} width={640} title={action ? `${words.actionName(action)} · ${spec?.summary ?? ''}` : ''} destroyOnHidden>
      {movedOn && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={`${words.t('movedOn')}${words.code('stage', movedOn)}`}
          action={
            <Button size="small" onClick={onDone}>
              {words.t('refresh')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <FormErrors errors={errors} />
      {action && SUGGESTING_ACTIONS[action] && <KnowledgeSuggestions number={number} stage={SUGGESTING_ACTIONS[action]} />}
      {spec && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-action-form={action}>
          <SchemaFields schema={spec.schema} components={spec.components} />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {words.t('submit')}
            </Button>
            <Button onClick={onClose}>{words.t('cancel')}</Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}
