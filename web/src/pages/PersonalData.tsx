/**
 * Personal data (个人信息保护法) in the workspace: on the case page, the complaint's legal hold, what
 * retention has erased and the person's data requests (with a request taken down on their behalf);
 * and the data-request queue — list → the request in a drawer → its export and its answer.
 */
import { Alert, Button, Card, Descriptions, Drawer, Empty, Form, Input, Popconfirm, Segmented, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, must, type Schemas } from '../api';
import { accessToken } from '../auth';
import { tone } from '../tones';
import { usePageWords, useWords } from '../i18n';
import { formatTime } from '../time';
import { DATA_REQUEST_KINDS } from '../../../domain/data-requests';
import { LEGAL_HOLD_REASONS, PERSONAL_DATA_KINDS } from '../../../domain/retention';

type Labels = { 'zh-CN': string; en: string };

type DataRequest = Schemas['DataRequest'];
type PersonalData = { legalHold: { reason: string; note: string | null; by: string | null; at: string | null } | null; personalDataErased: Record<string, string>; dataRequests: DataRequest[] };

const KIND_WORDS = Object.fromEntries(Object.entries(DATA_REQUEST_KINDS).map(([k, v]) => [k, v.label])) as Record<string, Labels>;
const STATUS_WORDS: Record<string, { 'zh-CN': string; en: string; colour: string }> = {
  open: { 'zh-CN': '待答复', en: 'Open', colour: 'orange' },
  answered: { 'zh-CN': '已办理', en: 'Answered', colour: 'green' },
  refused: { 'zh-CN': '已拒绝', en: 'Refused', colour: 'red' },
};
const HOLD_WORDS: Record<string, Labels> = LEGAL_HOLD_REASONS;
const ERASED_WORDS: Record<string, Labels> = {
  ...Object.fromEntries(Object.entries(PERSONAL_DATA_KINDS).map(([k, v]) => [k, v.label])),
  history: { 'zh-CN': '流程历史（数据密钥已销毁）', en: 'Process history (data key destroyed)' },
};

function StatusTag({ request }: { request: DataRequest }) {
  const { locale } = useWords();
  const w = usePageWords('privacy');
  const s = STATUS_WORDS[request.status]!;
  return (
    <Space size={4}>
      <Tag color={tone(s.colour)}>{s[locale]}</Tag>
      {request.missedAt && <Tag color={tone('red')}>{w('missed')}</Tag>}
    </Space>
  );
}

/** Downloads the export with the person's token (a plain link would carry none). */
async function download(id: string, format: 'json' | 'html') {
  const res = await fetch(`/data-requests/${id}/export?format=${format}`, { headers: { Authorization: `Bearer ${accessToken() ?? ''}` } });
  if (!res.ok) return void message.error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `${id}.${format}` });
  a.click();
  URL.revokeObjectURL(url);
}

/** The case page's card: hold, erasures, the person's requests. */
export function PersonalDataCard({ number, mayHold, mayTake }: { number: string; mayHold: boolean; mayTake: boolean }) {
  const words = useWords();
  const w = usePageWords('privacy');
  const [state, setState] = useState<PersonalData>();
  const [drawer, setDrawer] = useState<'hold' | 'release' | 'take'>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  const load = useCallback(() => void must(api.GET('/complaints/{number}/personal-data', { params: { path: { number } } })).then((d) => setState(d as PersonalData)), [number]);
  useEffect(load, [load]);

  async function submit(values: Record<string, string | undefined>) {
    setError(undefined);
    const res =
      drawer === 'hold'
        ? await api.PUT('/complaints/{number}/legal-hold', { params: { path: { number } }, body: { reason: values.reason as never, note: values.note ?? '' } })
        : drawer === 'release'
          ? await api.DELETE('/complaints/{number}/legal-hold', { params: { path: { number }, query: { note: values.note ?? '' } } })
          : await api.POST('/complaints/{number}/data-requests', {
              params: { path: { number } },
              body: {
                kind: values.kind as never,
                ...(values.details ? { details: values.details } : {}),
                ...(values.kind === 'correction' ? { correction: Object.fromEntries(Object.entries({ name: values.name, phone: values.phone, email: values.email }).filter(([, v]) => v)) } : {}),
              },
            });
    if (!res.response.ok) return setError(new ApiError(res.response.status, res.error as never).message);
    message.success(words.t('done'));
    setDrawer(undefined);
    form.resetFields();
    load();
  }

  if (!state) return <Card loading title={w('card')} />;
  const erased = Object.entries(state.personalDataErased);
  return (
    <Card
      title={w('card')}
      data-testid="personal-data"
      extra={
        <Space>
          {mayHold && !state.legalHold && <Button onClick={() => setDrawer('hold')}>{w('placeHold')}</Button>}
          {mayHold && state.legalHold && <Button onClick={() => setDrawer('release')}>{w('releaseHold')}</Button>}
          {mayTake && !state.personalDataErased.contact && <Button onClick={() => setDrawer('take')}>{w('take')}</Button>}
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={w('hold')}>
          {state.legalHold ? (
            <Space wrap>
              <Tag color={tone('purple')}>{HOLD_WORDS[state.legalHold.reason]?.[words.locale] ?? state.legalHold.reason}</Tag>
              <Typography.Text>{state.legalHold.note}</Typography.Text>
              <Typography.Text type="secondary">
                {state.legalHold.by} · {state.legalHold.at && formatTime(state.legalHold.at, words.locale)}
              </Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">{w('noHold')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={w('erased')}>
          {erased.length === 0 ? (
            <Typography.Text type="secondary">{w('nothingErased')}</Typography.Text>
          ) : (
            <Space wrap>
              {erased.map(([kind, at]) => (
                <Tag key={kind} color={tone('default')}>
                  {ERASED_WORDS[kind]?.[words.locale] ?? kind} · {formatTime(at, words.locale)}
                </Tag>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={w('requests')}>
          {state.dataRequests.length === 0 ? (
            <Typography.Text type="secondary">{w('none')}</Typography.Text>
          ) : (
            <Space direction="vertical" size={2}>
              {state.dataRequests.map((r) => (
                <Space key={r.id} wrap>
                  <Typography.Link href={`#/privacy/${r.id}`}>{r.id}</Typography.Link>
                  <span>{KIND_WORDS[r.kind]?.[words.locale]}</span>
                  <StatusTag request={r} />
                  <Typography.Text type="secondary">
                    {w('due')} {words.t('endOfDay').replace('{day}', r.dueLastDay)}
                  </Typography.Text>
                </Space>
              ))}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Drawer open={!!drawer} onClose={() => setDrawer(undefined)} width={480} title={drawer === 'hold' ? w('placeHold') : drawer === 'release' ? w('releaseHold') : w('take')} destroyOnHidden>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'access', reason: 'dispute' }}>
          {drawer === 'hold' && (
            <Form.Item name="reason" label={w('reason')} rules={[{ required: true }]}>
              <Select options={Object.entries(HOLD_WORDS).map(([value, label]) => ({ value, label: label[words.locale] }))} />
            </Form.Item>
          )}
          {drawer === 'take' && (
            <>
              <Form.Item name="kind" label={w('kind')} rules={[{ required: true }]}>
                <Select options={Object.entries(KIND_WORDS).map(([value, label]) => ({ value, label: label[words.locale] }))} />
              </Form.Item>
              <Form.Item name="details" label={w('details')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
                {({ getFieldValue }) =>
                  getFieldValue('kind') === 'correction' && (
                    <>
                      <Form.Item name="name" label={words.field('name')}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name="phone" label={words.field('phone')}>
                        <Input maxLength={30} />
                      </Form.Item>
                      <Form.Item name="email" label={words.field('email')}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </>
                  )
                }
              </Form.Item>
            </>
          )}
          {drawer !== 'take' && (
            <Form.Item name="note" label={w('note')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit">
            {words.t('submit')}
          </Button>
        </Form>
      </Drawer>
    </Card>
  );
}

/** The queue of data requests: mine to answer, and those of complaints in my scope; one opens in a drawer. */
export function DataRequests({ open, selected }: { open: (number: string) => void; selected?: string }) {
  const words = useWords();
  const w = usePageWords('privacy');
  const [status, setStatus] = useState<'open' | 'answered' | 'refused'>('open');
  const [items, setItems] = useState<DataRequest[]>();
  const [current, setCurrent] = useState<DataRequest>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const load = useCallback(() => void must(api.GET('/data-requests', { params: { query: { status } } })).then((r) => setItems(r.items)), [status]);
  useEffect(load, [load]);
  useEffect(() => {
    if (selected) void must(api.GET('/data-requests/{id}', { params: { path: { id: selected } } })).then(setCurrent, (err: Error) => message.error(err.message));
  }, [selected]);

  async function answer(decision: 'answer' | 'refuse') {
    if (!current) return;
    setError(undefined);
    const res = await api.POST('/data-requests/{id}/answer', { params: { path: { id: current.id } }, body: { decision, ...(reason ? { reason } : {}) } });
    if (!res.response.ok) return setError(new ApiError(res.response.status, res.error as never).message);
    message.success(words.t('done'));
    setCurrent(res.data);
    setReason('');
    load();
  }

  return (
    <Card title={w('title')}>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={Object.keys(STATUS_WORDS).map((value) => ({ value, label: STATUS_WORDS[value]![words.locale] }))} style={{ marginBottom: 12 }} aria-label={w('status')} />
      <Table
        rowKey="id"
        loading={!items}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={w('none')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: w('request'), dataIndex: 'id', render: (id: string, r) => <Typography.Link onClick={() => setCurrent(r)}>{id}</Typography.Link> },
          { title: words.t('number'), dataIndex: 'complaintNumber', render: (n: string) => <Typography.Link onClick={() => open(n)}>{n}</Typography.Link> },
          { title: w('kind'), dataIndex: 'kind', render: (k: string) => KIND_WORDS[k]?.[words.locale] ?? k },
          { title: w('status'), key: 'status', render: (_: unknown, r) => <StatusTag request={r} /> },
          { title: w('received'), dataIndex: 'receivedAt', render: (t: string) => formatTime(t, words.locale) },
          // The law counts days: due by the end of the last day in the organisation's time zone, whatever the browser's.
          { title: w('due'), dataIndex: 'dueLastDay', render: (day: string) => words.t('endOfDay').replace('{day}', day) },
          { title: w('assignee'), dataIndex: 'assigneeId' },
        ]}
      />
      <Drawer open={!!current} onClose={() => (setCurrent(undefined), setError(undefined), (location.hash = '#/privacy'))} width={560} title={current && `${current.id} · ${KIND_WORDS[current.kind]?.[words.locale]}`} destroyOnHidden>
        {current && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="data-request">
            {error && <Alert type="error" showIcon message={error} />}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={words.t('number')}>
                <Typography.Link onClick={() => open(current.complaintNumber)}>{current.complaintNumber}</Typography.Link>
              </Descriptions.Item>
              <Descriptions.Item label={w('status')}>
                <StatusTag request={current} />
              </Descriptions.Item>
              <Descriptions.Item label={w('received')}>{formatTime(current.receivedAt, words.locale)}</Descriptions.Item>
              <Descriptions.Item label={w('due')}>{words.t('endOfDay').replace('{day}', current.dueLastDay)}</Descriptions.Item>
              <Descriptions.Item label={w('assignee')}>{current.assigneeId}</Descriptions.Item>
              {current.details && <Descriptions.Item label={w('details')}>{current.details}</Descriptions.Item>}
              {current.correction && <Descriptions.Item label={w('correction')}>{Object.entries(current.correction).map(([k, v]) => `${words.field(k)}: ${String(v)}`).join('；')}</Descriptions.Item>}
              {current.answerNote && <Descriptions.Item label={w('reason')}>{current.answerNote}</Descriptions.Item>}
            </Descriptions>
            {current.exportAvailable && (
              <Space>
                <Button onClick={() => void download(current.id, 'html')}>{w('exportHtml')}</Button>
                <Button onClick={() => void download(current.id, 'json')}>{w('exportJson')}</Button>
              </Space>
            )}
            {current.status === 'open' && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea rows={3} maxLength={1000} placeholder={w('reason')} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={w('reason')} />
                <Space>
                  <Popconfirm title={w('answer')} onConfirm={() => void answer('answer')}>
                    <Button type="primary">{w('answer')}</Button>
                  </Popconfirm>
                  <Button danger onClick={() => void answer('refuse')}>
                    {w('refuse')}
                  </Button>
                </Space>
              </Space>
            )}
          </Space>
        )}
      </Drawer>
    </Card>
  );
}

type RetentionState = {
  rules: { keep: Record<string, { amount: number; unit: string }>; copies: Record<string, { amount: number; unit: string }>; dropContactKeys: boolean; sweepEvery: { amount: number; unit: string } };
  runs: { id: string; finishedAt: string; complaints: number; counts: { erased: Record<string, number>; historiesShredded: number; held: number; stillRunning: number; idempotencyAnswersExpired: number; requestExportsExpired: number } }[];
};
const period = (p: { amount: number; unit: string }) => `${p.amount} ${p.unit}`;

/** The retention rules in force and the sweep's runs (administrators and the quality team); administrators may run it now. */
export function Retention({ mayRun }: { mayRun: boolean }) {
  const words = useWords();
  const w = usePageWords('retention');
  const [state, setState] = useState<RetentionState>();
  const load = useCallback(() => void must(api.GET('/admin/retention')).then((d) => setState(d as unknown as RetentionState)), []);
  useEffect(load, [load]);
  async function runNow() {
    const res = await api.POST('/admin/retention/sweeps');
    if (!res.response.ok) return void message.error(`HTTP ${res.response.status}`);
    message.success(words.t('done'));
    setTimeout(load, 1500);
  }
  if (!state) return <Card loading title={w('title')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={w('title')} data-testid="retention" extra={mayRun && <Button onClick={() => void runNow()}>{w('runNow')}</Button>}>
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={Object.entries(PERSONAL_DATA_KINDS).map(([kind, k]) => ({ kind, label: k.label[words.locale], what: k.what, keep: state.rules.keep[kind] }))}
          columns={[
            { title: w('kind'), dataIndex: 'label' },
            { title: w('what'), dataIndex: 'what' },
            { title: w('keep'), dataIndex: 'keep', render: (p: { amount: number; unit: string }) => period(p) },
          ]}
        />
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          {Object.entries(state.rules.copies).map(([copy, p]) => (
            <Descriptions.Item key={copy} label={`${w('copies')} · ${copy}`}>
              {period(p)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={w('dropKeys')}>{state.rules.dropContactKeys ? w('yes') : w('no')}</Descriptions.Item>
          <Descriptions.Item label={w('every')}>{period(state.rules.sweepEvery)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={w('runs')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={state.runs}
          pagination={false}
          locale={{ emptyText: <Empty /> }}
          columns={[
            { title: w('finished'), dataIndex: 'finishedAt', render: (t: string) => formatTime(t, words.locale) },
            { title: w('complaints'), dataIndex: 'complaints' },
            { title: w('erased'), key: 'erased', render: (_: unknown, r) => `${r.counts.erased.contact ?? 0} / ${r.counts.erased.content ?? 0} / ${r.counts.erased.messages ?? 0}` },
            { title: w('shredded'), key: 'shredded', render: (_: unknown, r) => r.counts.historiesShredded },
            { title: w('held'), key: 'held', render: (_: unknown, r) => r.counts.held },
            { title: w('running'), key: 'running', render: (_: unknown, r) => r.counts.stillRunning },
            { title: w('expired'), key: 'expired', render: (_: unknown, r) => r.counts.idempotencyAnswersExpired + r.counts.requestExportsExpired },
          ]}
        />
      </Card>
    </Space>
  );
}
