/**
 * The reports, in the workspace: the key figures against their targets (each defined once in
 * `domain/kpis.ts`), the trend and the stages as charts (Apache ECharts), the breakdown tables, and a
 * CSV export of every table. Loaded on demand: the charts are not in the bundle of the other pages.
 */
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { KPIS, KPI_NAMES, type KpiName } from '../../../domain/kpis';
import { STAGES } from '../../../domain/model';
import { api, download, must, type Schemas } from '../api';
import { tone } from '../tones';
import { usePageWords, useWords } from '../i18n';
import { LearningReports } from './Learning';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Summary = Schemas['ReportSummary'];
type Query = { from?: string; to?: string; departmentId?: string; interval: 'day' | 'week' | 'month' };
const TABLES = ['figures', 'stages', 'trend', 'departments', 'staff', 'hotSpots', 'repeatComplainants', 'repeatProducts', 'problems'] as const;


function Chart({ option, label, name }: { option: echarts.EChartsCoreOption; label: string; name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => (window.removeEventListener('resize', resize), chart.dispose());
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} data-chart={name} style={{ height: 280, width: '100%' }} />;
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`);

export default function Reports() {
  const words = useWords();
  const w = usePageWords('reports');
  const [query, setQuery] = useState<Query>({ interval: 'day' });
  const [report, setReport] = useState<Summary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    must(api.GET('/reports/summary', { params: { query: query as never } })).then(setReport, (err: Error) => setError(err.message));
  }, [query]);
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();

  const figure = (name: KpiName) => {
    const value = (report?.figures as Record<string, unknown> | undefined)?.[name];
    const def = KPIS[name];
    const target = report?.targets[name];
    const rateValue = value && typeof value === 'object' ? (value as { value: number | null }).value : undefined;
    const shown = def.unit === 'rate' ? percent(rateValue) : value === null || value === undefined ? '—' : String(typeof value === 'number' ? Math.round(value * 100) / 100 : value);
    const met = target && rateValue !== undefined && rateValue !== null ? (target.atLeast === undefined || rateValue >= target.atLeast) && (target.atMost === undefined || rateValue <= target.atMost) : undefined;
    return (
      <Col xs={12} md={6} key={name}>
        <Card size="small" data-kpi={name} data-value={shown}>
          <Statistic title={<span data-kpi-name>{words.locale === 'en' ? def.en : def.zh}</span>} value={shown} valueStyle={{ color: met === undefined ? undefined : met ? '#237804' : '#cf1322' }} />
          {met !== undefined && (
            <Tag color={tone(met ? 'green' : 'red')} data-target={met ? 'met' : 'missed'}>
              {met ? w('met') : w('missed')}
            </Tag>
          )}
        </Card>
      </Col>
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={w('title')}>
        <Form layout="inline" onFinish={(v: { period?: [{ format(f: string): string }, { format(f: string): string }]; departmentId?: string; interval: Query['interval'] }) => setQuery({ interval: v.interval, departmentId: v.departmentId || undefined, from: v.period?.[0].format('YYYY-MM-DD'), to: v.period?.[1].format('YYYY-MM-DD') })} initialValues={{ interval: 'day' }}>
          <Form.Item name="period" label={w('period')}>
            <DatePicker.RangePicker aria-label={w('period')} />
          </Form.Item>
          <Form.Item name="departmentId" label={words.t('department')}>
            <Input aria-label={words.t('department')} allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="interval" label={w('interval')}>
            <Select aria-label={w('interval')} style={{ width: 100 }} options={['day', 'week', 'month'].map((i) => ({ value: i, label: i }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {w('show')}
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Row gutter={[12, 12]}>{KPI_NAMES.map(figure)}</Row>
      {report && (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <Card title={w('trend')} size="small">
              <Chart name="trend" label={w('trend')} option={{ tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, top: 24, bottom: 32 }, xAxis: { type: 'category', data: report.trend.map((t) => t.bucket) }, yAxis: { type: 'value', minInterval: 1 }, series: [{ name: w('volume'), type: 'line', data: report.trend.map((t) => t.volume) }] }} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={w('stages')} size="small">
              <Chart
                name="stages"
                label={w('stages')}
                option={{ tooltip: {}, grid: { left: 40, right: 16, top: 24, bottom: 64 }, xAxis: { type: 'category', data: STAGES.map((s) => words.code('stage', s)), axisLabel: { rotate: 35 } }, yAxis: { type: 'value', max: 1 }, series: [{ type: 'bar', data: STAGES.map((s) => report.stages[s]?.breachRate.value ?? 0) }] }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {report && (
        <Card title={w('hotSpots')} size="small">
          <Chart
            name="hotSpots"
            label={w('hotSpots')}
            option={{ tooltip: {}, grid: { left: 140, right: 16, top: 16, bottom: 24 }, yAxis: { type: 'category', inverse: true, data: report.hotSpots.map((h) => `${h.category ? words.code('category', h.category) : '—'} · ${h.productName ?? h.productKey ?? '—'}`) }, xAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: report.hotSpots.map((h) => h.complaints) }] }}
          />
        </Card>
      )}
      {report && (
        <Card title={w('departments')} size="small" extra={<Button onClick={() => void download(`/reports/export/departments.csv?${search}`, 'complaints-departments.csv')}>{w('export')}</Button>}>
          <Table data-table="departments" size="small" rowKey={(r) => String(r.departmentId)} pagination={false} dataSource={report.byDepartment} columns={[{ title: words.t('department'), dataIndex: 'departmentId', render: (d: string | null) => d ?? '—' }, { title: w('volume'), dataIndex: 'volume' }]} />
        </Card>
      )}
      {report && (
        <Card title={w('hotSpots')} size="small" extra={<Button onClick={() => void download(`/reports/export/hotSpots.csv?${search}`, 'complaints-hotSpots.csv')}>{w('export')}</Button>}>
          <Table size="small" rowKey={(r) => `${r.category}:${r.productKey}`} pagination={false} dataSource={report.hotSpots} columns={[{ title: words.field('category'), dataIndex: 'category', render: (c: string | null) => (c ? words.code('category', c) : '—') }, { title: words.t('product'), dataIndex: 'productName', render: (p: string | null) => p ?? '—' }, { title: w('volume'), dataIndex: 'complaints' }, { title: '%', dataIndex: 'share', render: percent }]} />
        </Card>
      )}
      {report && report.legal.length > 0 && (
        <Card title={w('legal')} size="small">
          <Table
            data-table="legal"
            size="small"
            rowKey="regime"
            pagination={false}
            dataSource={report.legal}
            columns={[
              { title: w('regime'), dataIndex: 'regime', render: (r: string) => words.code('regime', r) },
              { title: w('volume'), dataIndex: 'complaints' },
              { title: w('onTime'), dataIndex: 'onTime' },
              { title: w('late'), dataIndex: 'late' },
              { title: w('onTimeRate'), dataIndex: 'onTimeRate', render: (r: { value: number | null }) => percent(r.value) },
            ]}
          />
        </Card>
      )}
      <LearningReports />
      {report && (
        <Card title={w('export')} size="small">
          <Space wrap>
            {TABLES.map((table) => (
              <Button key={table} size="small" data-export={table} onClick={() => void download(`/reports/export/${table}.csv?${search}`, `complaints-${table}.csv`)}>
                {table}.csv
              </Button>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
