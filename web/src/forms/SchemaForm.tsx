/**
 * A form drawn from a JSON schema of the API's OpenAPI document (an action's body, the intake): the
 * fields, their kinds, limits and required marks come from the schema, their names from the
 * workspace's words. A 400 from the API is shown beside the field it names.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Switch, type FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { ReactNode } from 'react';
import { effectiveSchema as effective, kindOf, resolveSchema, widgetFor, type JsonSchema } from './widgets';
import { useWords } from '../i18n';

/** Vocabularies whose codes have words (`domain/labels.ts`), by field name. */
const VOCABULARY_OF: Record<string, string> = { type: 'type', category: 'category', grade: 'grade', outcome: 'outcome', stage: 'stage', channel: 'channel', severity: 'severity', responsibility: 'responsibility', decision: 'decision' };

interface FieldProps {
  name: NamePath;
  fieldName: string;
  /** The field's name on screen, when the form names it otherwise than the workspace's words. */
  label?: string;
  schema: JsonSchema;
  required: boolean;
  components: Record<string, JsonSchema>;
  listName?: NamePath;
}

function SchemaField({ name, fieldName, label: given, schema, required, components }: FieldProps): ReactNode {
  const words = useWords();
  const s = effective(schema, components);
  const label = given ?? words.field(fieldName);
  const rules = required ? [{ required: true, message: `${label} ✱` }] : [];
  const widget = widgetFor(schema, components);
  const help = s.description;
  if (widget === 'select' && s.enum) {
    const vocabulary = VOCABULARY_OF[fieldName];
    return (
      <Form.Item name={name} label={label} rules={rules} tooltip={help}>
        <Select aria-label={label} allowClear={!required} options={s.enum.map((v) => ({ value: v, label: vocabulary ? `${words.code(vocabulary, String(v))} (${v})` : String(v) }))} />
      </Form.Item>
    );
  }
  if (widget === 'switch') {
    return (
      // A required yes/no left untouched is a "no" (a switch shows no third state).
      <Form.Item name={name} label={label} valuePropName="checked" tooltip={help} initialValue={required ? false : undefined}>
        <Switch aria-label={label} />
      </Form.Item>
    );
  }
  if (widget === 'number') {
    return (
      <Form.Item name={name} label={label} rules={rules} tooltip={help}>
        <InputNumber aria-label={label} style={{ width: 220 }} min={s.minimum} max={s.maximum} precision={kindOf(s) === 'integer' ? 0 : undefined} />
      </Form.Item>
    );
  }
  if (widget === 'group' && s.properties) {
    return (
      <Card size="small" title={label} style={{ marginBottom: 16 }}>
        {Object.entries(s.properties).map(([child, childSchema]) => (
          <SchemaField key={child} name={[...([] as (string | number)[]).concat(name as never), child]} fieldName={child} schema={childSchema} required={(s.required ?? []).includes(child)} components={components} />
        ))}
      </Card>
    );
  }
  if ((widget === 'list' || widget === 'tags') && s.items) {
    const item = effective(s.items, components);
    if (widget === 'tags') {
      return (
        <Form.Item name={name} label={label} rules={rules} tooltip={help}>
          <Select aria-label={label} mode="tags" tokenSeparators={[',', ' ']} options={(item.enum ?? []).map((v) => ({ value: v, label: String(v) }))} />
        </Form.Item>
      );
    }
    return (
      <Form.List name={name} initialValue={required ? [{}] : []}>
        {(rows, { add, remove }) => (
          <Card size="small" title={label} style={{ marginBottom: 16 }}>
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap style={{ display: 'flex', borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}>
                {Object.entries(item.properties ?? {}).map(([child, childSchema]) => (
                  <SchemaField key={child} name={[row.name, child]} fieldName={child} schema={childSchema} required={(item.required ?? []).includes(child)} components={components} />
                ))}
                {rows.length > (s.minItems ?? 0) && (
                  <Button type="link" danger onClick={() => remove(row.name)}>
                    {words.t('remove')}
                  </Button>
                )}
              </Space>
            ))}
            {rows.length < (s.maxItems ?? 50) && (
              <Button type="dashed" onClick={() => add({})}>
                {words.t('addItem')}
              </Button>
            )}
          </Card>
        )}
      </Form.List>
    );
  }
  const long = widget === 'textarea';
  return (
    <Form.Item name={name} label={label} rules={rules} tooltip={help}>
      {long ? <Input.TextArea aria-label={label} rows={3} maxLength={s.maxLength} showCount /> : <Input aria-label={label} maxLength={s.maxLength} />}
    </Form.Item>
  );
}

export function SchemaFields({ schema, components, labels = {} }: { schema: JsonSchema; components: Record<string, JsonSchema>; labels?: Record<string, string> }): ReactNode {
  const s = resolveSchema(schema, components);
  return (
    <>
      {Object.entries(s.properties ?? {}).map(([name, child]) => (
        <SchemaField key={name} name={name} fieldName={name} label={labels[name]} schema={child} required={(s.required ?? []).includes(name)} components={components} />
      ))}
    </>
  );
}

/** Drops empty strings and empty objects the form keeps for untouched optional fields. */
export function cleanValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValues);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, cleanValues(v)] as const)
      .filter(([, v]) => v !== undefined && v !== '' && !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Puts the API's field errors (`body.remedies.0.amountMinor`, or a workflow's `remedies.0.amountMinor`)
 * beside their fields; returns those that name no field of the form.
 */
/**
 * What a refused answer says, for a form: a 400's fields beside the fields they name (the rest above
 * the form), any other error as one line.
 */
export function answerErrors(form: FormInstance, res: { error?: unknown; response: Response }): { path: string; message: string }[] {
  const error = res.error as { error?: { message: string; fields?: { path: string; message: string }[] } } | undefined;
  return error?.error?.fields ? showFieldErrors(form, error.error.fields) : [{ path: '', message: error?.error?.message ?? `HTTP ${res.response.status}` }];
}

export function showFieldErrors(form: FormInstance, fields: { path: string; message: string }[]): { path: string; message: string }[] {
  const rest: { path: string; message: string }[] = [];
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const placed = fields.flatMap((f) => {
    const parts = f.path.replace(/^body\.?/, '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (parts.length === 0 || (!known.has(String(parts[0])) && !form.getFieldInstance(parts as NamePath))) {
      rest.push(f);
      return [];
    }
    return [{ name: parts as NamePath, errors: [f.message] }];
  });
  form.setFields(placed);
  return rest;
}

export function FormErrors({ errors }: { errors: { path: string; message: string }[] }): ReactNode {
  if (errors.length === 0) return null;
  return <Alert type="error" showIcon role="alert" message={errors.map((e) => `${e.path || '—'}: ${e.message}`).join('; ')} style={{ marginBottom: 12 }} />;
}
