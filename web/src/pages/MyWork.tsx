/** Everything waiting on me, nearest due first, refreshed every 15 seconds without a reload. */
import { Alert, Badge, Card, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, type Schemas } from '../api';
import { tone } from '../tones';
import { pageWord, useWords } from '../i18n';
import { countdown, dueSoon, formatTime, useNow } from '../time';

type Queue = Schemas['WorkQueue'];

const KIND_COLOURS: Record<string, string> = { case: 'blue', approval: 'gold', visit: 'green', task_force: 'purple', review: 'purple' };

export function MyWork({ open }: { open: (number: string) => void }) {
  const words = useWords();
  const now = useNow(1_000);
  const [queue, setQueue] = useState<Queue>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    must(api.GET('/me/work')).then(
      (q) => {
        setQueue(q);
        setError(undefined);
      },
      (err: Error) => setError(err.message),
    );
  }, []);
  useEffect(() => {
    load();
    const id = setInterval(load, 15_000);
    return () => clearInterval(id);
  }, [load]);
  return (
    <Card title={words.t('myWork')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }} data-testid="work-counts">
        {Object.entries(queue?.counts ?? {}).map(([kind, n]) => (
          <Badge key={kind} count={n} showZero color={n > 0 ? undefined : '#d9d9d9'}>
            <Tag color={tone(KIND_COLOURS[kind])} style={{ padding: '2px 10px' }}>
              {pageWord('workKinds', kind, words.locale)}
            </Tag>
          </Badge>
        ))}
      </Space>
      <Table
        rowKey={(item) => `${item.kind}:${item.complaint.number}`}
        loading={!queue && !error}
        dataSource={queue?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: words.t('nothing') }}
        onRow={(item) => ({ 'data-number': item.complaint.number }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: words.t('number'),
            dataIndex: ['complaint', 'number'],
            render: (number: string) => (
              <Typography.Link href={`#/case/${number}`} onClick={(e) => (e.preventDefault(), open(number))}>
                {number}
              </Typography.Link>
            ),
          },
          { title: words.t('kind'), dataIndex: 'kind', render: (kind: string) => <Tag color={tone(KIND_COLOURS[kind])}>{pageWord('workKinds', kind, words.locale)}</Tag> },
          { title: words.t('stage'), dataIndex: ['complaint', 'stage'], render: (stage: string) => words.code('stage', stage) },
          { title: words.t('product'), dataIndex: ['complaint', 'productName'], render: (p: string | null) => p ?? '—' },
          {
            title: words.t('due'),
            dataIndex: 'dueAt',
            render: (dueAt: string | null, item) => (
              <Space direction="vertical" size={0}>
                <span>{formatTime(dueAt, words.locale)}</span>
                {dueAt && <Typography.Text type={item.breached ? 'danger' : dueSoon(dueAt, now) ? 'warning' : 'secondary'}>{countdown(dueAt, now, words.locale)}</Typography.Text>}
                {item.breached ? <Tag color={tone('red')}>{words.t('breached')}</Tag> : dueSoon(dueAt, now) ? <Tag color={tone('orange')}>{words.t('dueSoon')}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
