/**
 * The hotline agent's form: every intake field, drawn from the intake's schema in the API's
 * document; then the number and tracking link to read out, and the triage suggestion once the
 * complaint's process has made it.
 */
import { Alert, Button, Card, Descriptions, Form, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, intakeSchema, type JsonSchema, type Schemas } from '../api';
import { answerErrors, cleanValues, FormErrors, SchemaFields } from '../forms/SchemaForm';
import { useWords } from '../i18n';

export function NewComplaint({ open }: { open: (number: string) => void }) {
  const words = useWords();
  const [form] = Form.useForm();
  const [spec, setSpec] = useState<{ schema: JsonSchema; components: Record<string, JsonSchema> }>();
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [accepted, setAccepted] = useState<Schemas['IntakeAccepted']>();
  const [suggestion, setSuggestion] = useState<Schemas['ComplaintState']['triageSuggestion']>();
  const [busy, setBusy] = useState(false);

  useEffect(() => void intakeSchema().then(setSpec), []);
  // The triage suggestion appears once the workflow has acknowledged the complaint.
  useEffect(() => {
    if (!accepted) return;
    let stop = false;
    const poll = async () => {
      for (let i = 0; i < 30 && !stop; i++) {
        const read = await api.GET('/complaints/{number}', { params: { path: { number: accepted.number } } });
        const state = (read.data as Schemas['Complaint'] | undefined)?.state;
        if (state?.triageSuggestion) return setSuggestion(state.triageSuggestion);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    };
    void poll();
    return () => void (stop = true);
  }, [accepted]);

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setErrors([]);
    try {
      const res = await api.POST('/complaints', { body: cleanValues({ channel: 'hotline', ...values }) as never, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (res.response.ok) setAccepted(res.data);
      else setErrors(answerErrors(form, res));
    } finally {
      setBusy(false);
    }
  }

  if (accepted) {
    return (
      <Card>
        <Result
          status="success"
          title={`${words.t('received')}: ${accepted.number}`}
          subTitle={words.t('readOut')}
          extra={[
            <Button type="primary" key="open" onClick={() => open(accepted.number)}>
              {words.t('open')}
            </Button>,
            <Button key="again" onClick={() => (setAccepted(undefined), setSuggestion(undefined), form.resetFields())}>
              {words.t('newComplaint')}
            </Button>,
          ]}
        />
        {accepted.earlierComplaints > 0 && <Alert type="warning" showIcon role="alert" data-testid="repeat" message={`${words.t('repeat')} (${accepted.earlierComplaints})`} style={{ marginBottom: 12 }} />}
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={words.t('number')}>
            <Typography.Text copyable data-testid="new-number">
              {accepted.number}
            </Typography.Text>
          </Descriptions.Item>
          {accepted.links.tracking && (
            <Descriptions.Item label={words.t('trackingLink')}>
              <Typography.Text copyable data-testid="tracking-link">
                {accepted.links.tracking}
              </Typography.Text>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={words.t('triageSuggestion')}>
            {suggestion ? `${words.code('category', suggestion.category)} · ${words.code('grade', suggestion.grade)} · ${suggestion.severity} · ${suggestion.departmentId}` : '…'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  return (
    <Card title={words.t('newComplaint')}>
      <FormErrors errors={errors} />
      {!spec ? (
        <Alert type="info" message="…" />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ channel: 'hotline' }} data-testid="intake-form">
          <SchemaFields schema={spec.schema} components={spec.components} labels={{ description: words.t('description') }} />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {words.t('submit')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
