/**
 * A supervisor's team: each direct report's open and breached items and whether they are away, their
 * open complaints with a reassignment from the list; and the stuck cases, each with a link to the
 * case and to its workflow in the Temporal UI.
 */
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, type Schemas } from '../api';
import { tone } from '../tones';
import { usePageWords, useWords } from '../i18n';
import { formatTime } from '../time';


export function Team({ open, temporalUi }: { open: (number: string) => void; temporalUi: { url: string; namespace: string } | null }) {
  const words = useWords();
  const w = usePageWords('team');
  const [team, setTeam] = useState<Schemas['Team']>();
  const [stuck, setStuck] = useState<Schemas['ComplaintSummary'][]>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      setTeam(await must(api.GET('/supervision/team')));
      setStuck((await must(api.GET('/supervision/stuck', { params: { query: {} as never } }))).items);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);
  const people = team?.items ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Card title={w('team')}>
        <Table
          rowKey="staffId"
          loading={!team}
          dataSource={people}
          pagination={false}
          expandable={{ expandedRowRender: (person) => <PersonItems staffId={person.staffId} team={people} open={open} onChange={() => void load()} />, rowExpandable: (p) => p.openItems > 0 }}
          columns={[
            { title: words.field('name'), dataIndex: 'name', render: (name: string, p) => `${name} (${p.staffId})` },
            { title: words.t('department'), dataIndex: 'departmentId' },
            { title: '', dataIndex: 'available', render: (a: boolean) => (a ? <Tag color={tone('green')}>{w('available')}</Tag> : <Tag color={tone('orange')}>{w('away')}</Tag>) },
            { title: w('open'), dataIndex: 'openItems' },
            { title: w('breached'), dataIndex: 'breachedItems', render: (n: number) => (n > 0 ? <Tag color={tone('red')}>{n}</Tag> : 0) },
            { title: w('oldest'), dataIndex: 'oldestDueAt', render: (d: string | null) => formatTime(d, words.locale) },
          ]}
        />
      </Card>
      <Card title={w('stuck')}>
        <Table
          rowKey="number"
          loading={!stuck}
          dataSource={stuck ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: words.t('number'), dataIndex: 'number', render: (n: string) => <Typography.Link onClick={() => open(n)}>{n}</Typography.Link> },
            { title: words.t('stage'), dataIndex: 'stage', render: (s: string) => words.code('stage', s) },
            { title: words.t('owner'), dataIndex: 'assigneeId', render: (a: string | null) => a ?? '—' },
            { title: words.t('due'), dataIndex: 'nextDeadlineAt', render: (d: string | null, row) => <span>{formatTime(d, words.locale)} {row.slaBreached && <Tag color={tone('red')}>{words.t('breached')}</Tag>}</span> },
            {
              title: w('workflow'),
              dataIndex: 'number',
              key: 'workflow',
              render: (n: string) => (temporalUi ? <Typography.Link href={`${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(n)}`} target="_blank" rel="noreferrer">Temporal UI</Typography.Link> : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function PersonItems({ staffId, team, open, onChange }: { staffId: string; team: Schemas['Team']['items']; open: (n: string) => void; onChange: () => void }) {
  const words = useWords();
  const w = usePageWords('team');
  const [items, setItems] = useState<Schemas['ComplaintSummary'][]>();
  const [target, setTarget] = useState<Record<string, { to?: string; reason?: string }>>({});
  useEffect(() => {
    void must(api.GET('/complaints', { params: { query: { assigneeId: staffId, pageSize: 50 } as never } })).then((p) => setItems(p.items.filter((i) => i.stage !== 'closed')));
  }, [staffId]);
  async function reassign(number: string) {
    const choice = target[number];
    if (!choice?.to || !choice.reason) return;
    const res = await api.POST('/complaints/{number}/reassignment', { params: { path: { number } }, body: { assigneeId: choice.to, reason: choice.reason }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    if (res.response.ok) {
      message.success(words.t('done'));
      onChange();
    } else message.error((res.error as { error?: { message: string } } | undefined)?.error?.message ?? `HTTP ${res.response.status}`);
  }
  return (
    <Table
      size="small"
      rowKey="number"
      loading={!items}
      dataSource={items ?? []}
      pagination={false}
      columns={[
        { title: words.t('number'), dataIndex: 'number', render: (n: string) => <Typography.Link onClick={() => open(n)}>{n}</Typography.Link> },
        { title: words.t('stage'), dataIndex: 'stage', render: (s: string) => words.code('stage', s) },
        {
          title: w('reassignTo'),
          key: 'reassign',
          render: (_: unknown, item) => (
            <Space.Compact>
              <Select
                aria-label={w('reassignTo')}
                style={{ width: 180 }}
                value={target[item.number]?.to}
                onChange={(to: string) => setTarget({ ...target, [item.number]: { ...target[item.number], to } })}
                options={team.filter((p) => p.staffId !== staffId && p.available).map((p) => ({ value: p.staffId, label: `${p.name} (${p.staffId})` }))}
              />
              <Input aria-label={w('reason')} placeholder={w('reason')} style={{ width: 200 }} value={target[item.number]?.reason ?? ''} onChange={(e) => setTarget({ ...target, [item.number]: { ...target[item.number], reason: e.target.value } })} />
              <Button onClick={() => void reassign(item.number)}>{w('reassign')}</Button>
            </Space.Compact>
          ),
        },
      ]}
    />
  );
}
