/**
 * Systemic problems (the quality work of supervisors and the quality team): the list by status, a
 * new problem with the complaints that show it, and the editor — status, corrective action, owner,
 * due date, resolution — each form drawn from its schema in the API's document.
 */
import { Alert, Button, Card, Drawer, Form, Segmented, Space, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, must, operationBody, type JsonSchema, type Schemas } from '../api';
import { answerErrors, cleanValues, FormErrors, SchemaFields } from '../forms/SchemaForm';
import { tone } from '../tones';
import { pageWord, usePageWords, useWords } from '../i18n';

type Problem = Schemas['Problem'];
const STATUS_COLOURS: Record<string, string> = { open: 'orange', acting: 'blue', resolved: 'green' };

export function Problems({ open }: { open: (number: string) => void }) {
  const words = useWords();
  const w = usePageWords('problems');
  const [status, setStatus] = useState<'unresolved' | 'all' | 'resolved'>('unresolved');
  const [items, setItems] = useState<Problem[]>();
  const [editing, setEditing] = useState<{ mode: 'new' } | { mode: 'edit'; problem: Problem }>();
  const [linked, setLinked] = useState<Record<number, { complaints: { number: string }[]; articles: { id: number; title: string; status: string }[] }>>({});
  const load = useCallback(() => void must(api.GET('/problems', { params: { query: { status } } })).then((r) => setItems(r.items)), [status]);
  useEffect(load, [load]);
  return (
    <Card title={w('title')} extra={<Button type="primary" onClick={() => setEditing({ mode: 'new' })}>{w('new')}</Button>}>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={['unresolved', 'resolved', 'all']} style={{ marginBottom: 12 }} aria-label={w('status')} />
      <Table
        rowKey="id"
        loading={!items}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          onExpand: (expanded, p) => expanded && void must(api.GET('/problems/{id}', { params: { path: { id: p.id } } })).then((d) => setLinked((l) => ({ ...l, [p.id]: { complaints: d.linkedComplaints, articles: d.articles } }))),
          expandedRowRender: (p) => (
            <Space direction="vertical">
              <Space wrap>
                {(linked[p.id]?.complaints ?? []).map((c) => (
                  <Typography.Link key={c.number} onClick={() => open(c.number)}>
                    {c.number}
                  </Typography.Link>
                ))}
              </Space>
              {/* The corrective action written down for the next cases (the knowledge base). */}
              {(linked[p.id]?.articles ?? []).length > 0 && (
                <Space wrap>
                  {w('articles')}:
                  {linked[p.id]!.articles.map((a) => (
                    <Typography.Link key={a.id} href="#/knowledge">
                      {a.title} ({pageWord('knowledge', a.status, words.locale)})
                    </Typography.Link>
                  ))}
                </Space>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: w('title_'), dataIndex: 'title' },
          { title: w('status'), dataIndex: 'status', render: (s: string) => <Tag color={tone(STATUS_COLOURS[s])}>{s}</Tag> },
          { title: words.field('correctiveAction'), dataIndex: 'correctiveAction', render: (c: string | null) => c ?? '—' },
          { title: words.t('owner'), dataIndex: 'ownerId', render: (o: string | null) => o ?? '—' },
          { title: words.field('dueDate'), dataIndex: 'dueDate', render: (d: string | null) => d ?? '—' },
          { title: w('complaints'), dataIndex: 'complaints' },
          { title: w('age'), dataIndex: 'ageDays' },
          { title: '', key: 'edit', render: (_: unknown, p) => <Button size="small" onClick={() => setEditing({ mode: 'edit', problem: p })}>{w('edit')}</Button> },
        ]}
      />
      <ProblemDrawer editing={editing} onClose={() => setEditing(undefined)} onDone={() => (setEditing(undefined), load())} />
    </Card>
  );
}

function ProblemDrawer({ editing, onClose, onDone }: { editing?: { mode: 'new' } | { mode: 'edit'; problem: Problem }; onClose: () => void; onDone: () => void }) {
  const words = useWords();
  const [form] = Form.useForm();
  const [spec, setSpec] = useState<{ schema: JsonSchema; components: Record<string, JsonSchema> }>();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  useEffect(() => {
    setErrors([]);
    form.resetFields();
    if (editing) void operationBody(editing.mode === 'new' ? '/problems' : '/problems/{id}', editing.mode === 'new' ? 'post' : 'patch').then(setSpec);
    if (editing?.mode === 'edit') form.setFieldsValue({ correctiveAction: editing.problem.correctiveAction ?? undefined, ownerId: editing.problem.ownerId ?? undefined, dueDate: editing.problem.dueDate ?? undefined, resolution: editing.problem.resolution ?? undefined });
  }, [editing, form]);
  async function submit(values: Record<string, unknown>) {
    const body = cleanValues(values) as never;
    const res = editing?.mode === 'edit' ? await api.PATCH('/problems/{id}', { params: { path: { id: editing.problem.id } }, body }) : await api.POST('/problems', { body });
    if (res.response.ok) {
      message.success(words.t('done'));
      return onDone();
    }
    setErrors(answerErrors(form, res));
  }
  return (
    <Drawer open={!!editing} onClose={onClose} width={560} title={editing?.mode === 'edit' ? editing.problem.title : pageWord('problems', 'new', words.locale)} destroyOnHidden>
      <FormErrors errors={errors} />
      {spec ? (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-problem-form={editing?.mode}>
          <SchemaFields schema={spec.schema} components={spec.components} />
          <Button type="primary" htmlType="submit">
            {words.t('submit')}
          </Button>
        </Form>
      ) : (
        <Alert type="info" message="…" />
      )}
    </Drawer>
  );
}
