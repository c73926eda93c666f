/**
 * The report as tables: what the CSV export writes and what the page shows, one definition per
 * table so the two cannot disagree. CSV is RFC 4180 (quoted where needed, CRLF) with a UTF-8 BOM so
 * spreadsheet programs read Chinese text right; a text cell that a spreadsheet would run as a formula
 * (starting with = + - @) is prefixed with an apostrophe.
 */
import { KPIS, type KpiName } from '../../domain/kpis';
import { STAGES } from '../../domain/model';
import type { Rate, SummaryReport } from './report-queries';

export type Cell = string | number | boolean | null;
export interface Table {
  columns: string[];
  rows: Cell[][];
}

const rateCells = (r: Rate): Cell[] => [r.value, r.part, r.whole];
const breakdownColumns = ['volume', 'handlingRate', 'closedWithinDeadline', 'slaBreachRate', 'breached', 'satisfiedRate', 'satisfied', 'rated', 'firstContactResolutionRate', 'firstContactResolved'];
const breakdownCells = (b: { volume: number; handlingRate: Rate; slaBreachRate: Rate; satisfiedRate: Rate; firstContactResolutionRate: Rate }): Cell[] => [
  b.volume,
  b.handlingRate.value,
  b.handlingRate.part,
  b.slaBreachRate.value,
  b.slaBreachRate.part,
  b.satisfiedRate.value,
  b.satisfiedRate.part,
  b.satisfiedRate.whole,
  b.firstContactResolutionRate.value,
  b.firstContactResolutionRate.part,
];

export const REPORT_TABLES = ['figures', 'stages', 'trend', 'departments', 'staff', 'hotSpots', 'repeatComplainants', 'repeatProducts', 'problems'] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export function reportTables(r: SummaryReport): Record<ReportTableName, Table> {
  const figure = (name: KpiName): Cell[] => {
    const value = r.figures[name as keyof SummaryReport['figures']];
    const target = r.targets[name];
    const cells = typeof value === 'object' && value !== null ? rateCells(value) : [value ?? null, null, null];
    return [name, KPIS[name].en, KPIS[name].zh, ...cells, target?.atLeast ?? null, target?.atMost ?? null];
  };
  return {
    figures: {
      columns: ['figure', 'name', 'nameZh', 'value', 'part', 'whole', 'targetAtLeast', 'targetAtMost'],
      rows: (Object.keys(r.figures) as KpiName[]).map(figure),
    },
    stages: {
      columns: ['stage', 'entered', 'breachRate', 'breached', 'timed', 'meanSeconds', 'p90Seconds'],
      rows: STAGES.map((s) => {
        const f = r.stages[s];
        return [s, f.entered, f.breachRate.value, f.breachRate.part, f.timed, f.meanSeconds, f.p90Seconds];
      }),
    },
    trend: { columns: ['bucket', ...breakdownColumns], rows: r.trend.map((t) => [t.bucket, ...breakdownCells(t)]) },
    departments: { columns: ['departmentId', ...breakdownColumns], rows: r.byDepartment.map((d) => [d.departmentId, ...breakdownCells(d)]) },
    staff: { columns: ['staffId', 'name', ...breakdownColumns], rows: r.byStaff.map((s) => [s.staffId, s.name, ...breakdownCells(s)]) },
    hotSpots: { columns: ['category', 'productKey', 'productName', 'complaints', 'share'], rows: r.hotSpots.map((h) => [h.category, h.productKey, h.productName, h.complaints, h.share]) },
    repeatComplainants: { columns: ['complainant', 'customerId', 'complaints', 'numbers'], rows: r.repeatComplainants.map((c) => [c.complainant, c.customerId, c.complaints, c.numbers.join(' ')]) },
    repeatProducts: { columns: ['productKey', 'productName', 'complaints'], rows: r.repeatProducts.map((p) => [p.productKey, p.productName, p.complaints]) },
    problems: {
      columns: ['id', 'title', 'status', 'ownerId', 'dueDate', 'overdue', 'ageDays', 'complaints'],
      rows: r.openProblems.map((p) => [p.id, p.title, p.status, p.ownerId, p.dueDate, p.overdue, p.ageDays, p.complaints]),
    },
  };
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: Table): string {
  return '\uFEFF' + [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Parses what `toCsv` writes (RFC 4180), for tests and for clients checking an export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
