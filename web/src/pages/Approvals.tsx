/**
 * Proposals waiting for my tier's approval: amount, the tier it needs, who proposed, due time, and
 * approve or refuse in one click with a reason.
 */
import { Alert, Button, Card, Input, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, type Schemas } from '../api';
import { tone } from '../tones';
import { usePageWords, useWords } from '../i18n';
import { countdown, formatTime, useNow } from '../time';

interface Waiting {
  number: string;
  dueAt: string | null;
  breached: boolean;
  state: Schemas['ComplaintState'];
}


export function Approvals({ open }: { open: (number: string) => void }) {
  const words = useWords();
  const w = usePageWords('approvals');
  const now = useNow(1_000);
  const [items, setItems] = useState<Waiting[]>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const queue = await must(api.GET('/me/work'));
      const approvals = queue.items.filter((i) => i.kind === 'approval');
      const states = await Promise.all(approvals.map((i) => must(api.GET('/complaints/{number}', { params: { path: { number: i.complaint.number } } }))));
      setItems(approvals.map((i, k) => ({ number: i.complaint.number, dueAt: i.dueAt, breached: i.breached, state: (states[k] as Schemas['Complaint']).state })));
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 15_000);
    return () => clearInterval(id);
  }, [load]);

  async function decide(number: string, decision: 'approve' | 'reject') {
    const reason = reasons[number]?.trim();
    if (!reason) return setError(w('reason'));
    const res = await api.POST('/complaints/{number}/approval', { params: { path: { number } }, body: { decision, reason }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    if (res.response.ok) {
      message.success(words.t('done'));
      setError(undefined);
      await load();
    } else setError((res.error as { error?: { message: string } } | undefined)?.error?.message ?? `HTTP ${res.response.status}`);
  }

  return (
    <Card title={w('title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table
        rowKey="number"
        loading={!items}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: w('none') }}
        onRow={(item) => ({ 'data-number': item.number }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: words.t('number'), dataIndex: 'number', render: (n: string) => <Typography.Link onClick={() => open(n)}>{n}</Typography.Link> },
          {
            title: w('amount'),
            key: 'amount',
            render: (_: unknown, item) =>
              item.state.proposal ? (
                <Space direction="vertical" size={0}>
                  <strong>{`${(item.state.proposal.totalMinor / 100).toFixed(2)} ${item.state.proposal.currency}`}</strong>
                  <span>{item.state.proposal.remedies.map((r) => words.code('type', r.type)).join('、')}</span>
                </Space>
              ) : (
                '—'
              ),
          },
          { title: w('tier'), key: 'tier', render: (_: unknown, item) => <Tag color={tone('gold')}>{item.state.proposal?.approval?.requiredRole ?? '—'}</Tag> },
          { title: words.t('owner'), key: 'owner', render: (_: unknown, item) => item.state.assigneeId ?? '—' },
          {
            title: words.t('due'),
            dataIndex: 'dueAt',
            render: (d: string | null, item) => (
              <Space direction="vertical" size={0}>
                <span>{formatTime(d, words.locale)}</span>
                {d && <Typography.Text type={item.breached ? 'danger' : 'secondary'}>{countdown(d, now, words.locale)}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'decide',
            render: (_: unknown, item) => (
              <Space.Compact>
                <Input aria-label={w('reason')} placeholder={w('reason')} value={reasons[item.number] ?? ''} onChange={(e) => setReasons({ ...reasons, [item.number]: e.target.value })} style={{ width: 220 }} />
                <Button type="primary" data-decision="approve" onClick={() => void decide(item.number, 'approve')}>
                  {w('approve')}
                </Button>
                <Button danger data-decision="reject" onClick={() => void decide(item.number, 'reject')}>
                  {w('refuse')}
                </Button>
              </Space.Compact>
            ),
          },
        ]}
      />
    </Card>
  );
}
