/** Lists and search with the API's list filters, paged; and the front desk's look-up by number. */
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, type Schemas } from '../api';
import { STAGES } from '../../../domain/model';
import { tone } from '../tones';
import { useWords } from '../i18n';
import { formatTime } from '../time';


export function SearchPage({ open }: { open: (number: string) => void }) {
  const words = useWords();
  const [query, setQuery] = useState<{ q?: string; stage?: string; breached?: 'true' | 'false'; page: number }>({ page: 1 });
  const [page, setPage] = useState<Schemas['ComplaintPage']>();
  const [lookUp, setLookUp] = useState('');
  const load = useCallback(() => {
    void must(api.GET('/complaints', { params: { query: { ...query, pageSize: 20 } as never } })).then(setPage);
  }, [query]);
  useEffect(load, [load]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={words.t('lookUp')} size="small">
        <Space.Compact>
          <Input aria-label={words.t('lookUp')} placeholder="CMP-20261127-000001" value={lookUp} onChange={(e) => setLookUp(e.target.value.trim())} onPressEnter={() => lookUp && open(lookUp)} style={{ width: 280 }} />
          <Button type="primary" onClick={() => lookUp && open(lookUp)}>
            {words.t('open')}
          </Button>
        </Space.Compact>
      </Card>
      <Card title={words.t('search')}>
        <Form layout="inline" onFinish={(v: { q?: string; stage?: string; breached?: 'true' | 'false' }) => setQuery({ ...v, page: 1 })} style={{ marginBottom: 12 }}>
          <Form.Item name="q" label={words.t('description')}>
            <Input allowClear aria-label={words.t('description')} />
          </Form.Item>
          <Form.Item name="stage" label={words.t('stage')}>
            <Select allowClear aria-label={words.t('stage')} style={{ width: 160 }} options={STAGES.map((s) => ({ value: s, label: words.code('stage', s) }))} />
          </Form.Item>
          <Form.Item name="breached" label={words.t('breached')}>
            <Select allowClear aria-label={words.t('breached')} style={{ width: 100 }} options={[{ value: 'true', label: '✓' }, { value: 'false', label: '✗' }]} />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            {words.t('filters')}
          </Button>
        </Form>
        <Table
          rowKey="number"
          dataSource={page?.items ?? []}
          loading={!page}
          pagination={{ current: query.page, pageSize: 20, total: page?.total ?? 0, onChange: (p) => setQuery({ ...query, page: p }) }}
          columns={[
            { title: words.t('number'), dataIndex: 'number', render: (n: string) => <Typography.Link onClick={() => open(n)}>{n}</Typography.Link> },
            { title: words.t('stage'), dataIndex: 'stage', render: (s: string) => words.code('stage', s) },
            { title: words.t('product'), dataIndex: 'productName', render: (p: string | null) => p ?? '—' },
            { title: words.t('department'), dataIndex: 'departmentId', render: (d: string | null) => d ?? '—' },
            { title: words.t('owner'), dataIndex: 'assigneeId', render: (d: string | null) => d ?? '—' },
            { title: words.t('due'), dataIndex: 'nextDeadlineAt', render: (d: string | null, row) => <span>{formatTime(d, words.locale)} {row.slaBreached && <Tag color={tone('red')}>{words.t('breached')}</Tag>}</span> },
          ]}
        />
      </Card>
    </Space>
  );
}
