/**
 * The declaration form as an Excel workbook in its own layout (form-layout.ts), and the reader
 * that turns such a workbook back into a sheet object. The reader finds the blocks by their
 * labels in column A, so a form whose rows were moved or whose lists grew still reads; every
 * value it cannot read is an error naming the cell, and so is every field the schema refuses.
 */
import ExcelJS from 'exceljs';
import { neutralise, unneutralise } from '../../shared/cell-values.js';
import { parseTargetSheet, TARGET_METRICS, type TargetSheet } from '../../core/targets.js';
import { writeRows } from './render.js';
import {
  declarationForm,
  EXPENDITURE_HEADER,
  FORM_COLUMNS,
  INDICATOR_HEADER,
  LABELS,
  WEIGHT_LABELS,
} from './form-layout.js';

export const FORM_TAB = '绩效目标申报表';
export const EXPENDITURE_TAB = '支出明细';

export const FORM_WIDTHS = [18, 12, 16, 20, 8, 14, 12, 8, 40, 30, 22];

/** The declaration form and its expenditures as an .xlsx file. */
export async function writeFormXlsx(sheet: TargetSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(FORM_TAB, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToWidth: 1 },
  });
  writeRows(ws, declarationForm(sheet), FORM_WIDTHS);
  const ex = wb.addWorksheet(EXPENDITURE_TAB, { views: [{ state: 'frozen', ySplit: 1 }] });
  ex.addRow([
    ...EXPENDITURE_HEADER.slice(0, 2),
    `${EXPENDITURE_HEADER[2]}（${sheet.project.amountUnit}）`,
    EXPENDITURE_HEADER[3],
  ]);
  ex.getRow(1).font = { bold: true };
  for (const e of sheet.expenditures)
    ex.addRow([e.date, neutralise(e.subProject), e.amount, neutralise(e.note)]);
  [12, 24, 14, 40].forEach((w, i) => (ex.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading -------------------------------------------------------------------------------

class FormError extends Error {}

type Raw = string | number | null;

const colName = (c: number) => String.fromCharCode(64 + c);

/** One cell's value: text (un-neutralised), a number, or null when empty. */
function raw(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v === '' ? null : unneutralise(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return unneutralise(v.richText.map((t) => t.text).join(''));
  if ('result' in v) return raw(v.result);
  if ('text' in v) return String(v.text);
  return null;
}

class Grid {
  constructor(
    readonly tab: string,
    readonly rows: Raw[][],
  ) {}
  at(r: number, c: number): Raw {
    return this.rows[r]?.[c - 1] ?? null;
  }
  where(r: number, c: number): string {
    return `${this.tab}!${colName(c)}${r + 1}`;
  }
  fail(r: number, c: number, why: string): never {
    throw new FormError(`cell ${this.where(r, c)}: ${why}`);
  }
  text(r: number, c: number): string {
    const v = this.at(r, c);
    return v === null ? '' : String(v);
  }
  number(r: number, c: number, what: string): number | null {
    const v = this.at(r, c);
    if (v === null) return null;
    if (typeof v === 'number') return v;
    const s = v.normalize('NFKC').replace(/,/g, '').trim();
    const pct = /^(-?\d+(?:\.\d+)?)%$/.exec(s);
    if (pct) return Number(pct[1]) / 100;
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n)) this.fail(r, c, `${what}: "${s}" is not a number`);
    return n;
  }
  yesNo(r: number, c: number, what: string): boolean {
    const s = this.text(r, c).trim();
    if (s === '是') return true;
    if (s === '否' || s === '') return false;
    return this.fail(r, c, `${what}: expected 是 or 否, not "${s}"`);
  }
  /** the first row at or after `from` whose column A starts with `label` */
  find(label: string, from = 0): number {
    for (let r = from; r < this.rows.length; r++) if (this.text(r, 1).startsWith(label)) return r;
    return -1;
  }
  need(label: string, from = 0): number {
    const r = this.find(label, from);
    if (r < 0) throw new FormError(`${this.tab}: no row labelled "${label}" in column A`);
    return r;
  }
}

function gridOf(ws: ExcelJS.Worksheet): Grid {
  const rows: Raw[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: Raw[] = [];
    for (let c = 1; c <= FORM_COLUMNS; c++) row.push(raw(ws.getCell(r, c).value));
    rows.push(row);
  }
  return new Grid(ws.name, rows);
}

/** Where each field was read from, so that a schema error names its cell. */
type Cells = Map<string, string>;

const OPERATORS: Record<string, string> = {
  '>=': '>=',
  '≥': '>=',
  '<=': '<=',
  '≤': '<=',
  '=': '=',
  '＝': '=',
  定性: 'qualitative',
  qualitative: 'qualitative',
};

function readProject(g: Grid, cells: Cells) {
  const val = (label: string, field: string, col = 2) => {
    const r = g.need(label);
    cells.set(`project.${field}`, g.where(r, col));
    return g.text(r, col);
  };
  const unitRow = g.need(LABELS.unit);
  let unitCode = g.text(unitRow, 2);
  let unitName = g.text(unitRow, 4);
  if (unitName === '' && /\s/.test(unitCode))
    [unitCode, unitName] = [unitCode.split(/\s+/)[0]!, unitCode.replace(/^\S+\s+/, '')];
  const typeRow = g.need(LABELS.type);
  const procRow = g.need(LABELS.procurement);
  const manRow = g.need(LABELS.manager);
  const yearRow = g.need(LABELS.year);
  cells.set('project.year', g.where(yearRow, 2));
  const amountUnitRow = g.find(LABELS.amountUnit);
  const py = g.need(LABELS.previousYear);
  return {
    unitCode,
    unitName,
    name: val(LABELS.name, 'name'),
    type: g.text(typeRow, 2),
    attribute: g.text(typeRow, 8),
    governmentProcurement: g.yesNo(procRow, 2, LABELS.procurement),
    governmentPurchasedService: g.yesNo(procRow, 8, LABELS.purchased),
    manager: g.text(manRow, 2),
    contact: g.text(manRow, 8),
    phone: val(LABELS.phone, 'phone'),
    year: g.number(yearRow, 2, LABELS.year),
    amountUnit: amountUnitRow < 0 ? '万元' : g.text(amountUnitRow, 2),
    overview: val(LABELS.overview, 'overview'),
    basis: val(LABELS.basis, 'basis'),
    necessity: val(LABELS.necessity, 'necessity'),
    safeguards: val(LABELS.safeguards, 'safeguards'),
    previousYear: {
      budget: g.number(py, 5, LABELS.pyBudget),
      allocated: g.number(py, 10, LABELS.pyAllocated),
      spent: g.number(py + 1, 5, LABELS.pySpent),
      fundsArrivalRate: g.number(py + 1, 10, LABELS.pyArrival),
      budgetExecutionRate: g.number(py + 2, 5, LABELS.pyExecution),
    },
    ...readFunds(g, cells),
    plan: val(LABELS.plan, 'plan'),
    overallGoal: val(LABELS.overallGoal, 'overallGoal'),
    annualGoal: val(LABELS.annualGoal, 'annualGoal'),
  };
}

/** Rows after a block's header, until its 合计 row (or the end of the block's label). */
function blockRows(g: Grid, header: number, col: number, label: string): number[] {
  const out: number[] = [];
  for (let r = header + 1; r < g.rows.length; r++) {
    if (!g.text(r, 1).startsWith(label)) break;
    if (g.text(r, col).startsWith(LABELS.total)) break;
    if (g.text(r, col) === '') continue;
    out.push(r);
  }
  return out;
}

function readFunds(g: Grid, cells: Cells) {
  const sh = g.need(LABELS.subProjects);
  const subProjects = blockRows(g, sh, 2, LABELS.subProjects).map((r, i) => {
    cells.set(`project.subProjects.${i}.name`, g.where(r, 2));
    cells.set(`project.subProjects.${i}.amount`, g.where(r, 8));
    return { name: g.text(r, 2), amount: g.number(r, 8, LABELS.subProjectAmount) };
  });
  const fh = g.need(LABELS.fundSources);
  const fundSources = blockRows(g, fh, 2, LABELS.fundSources).map((r) => ({
    source: g.text(r, 2),
    total: g.number(r, 5, LABELS.fundTotal),
    previousYear: g.number(r, 8, LABELS.fundPrevious),
    planned: g.number(r, 10, LABELS.fundPlanned),
  }));
  return { subProjects, fundSources };
}

function readIndicators(g: Grid, cells: Cells) {
  const h = g.need(INDICATOR_HEADER[0]);
  INDICATOR_HEADER.forEach((name, i) => {
    if (!g.text(h, i + 1).startsWith(name.slice(0, 4))) g.fail(h, i + 1, `expected the header "${name}"`);
  });
  const out = [];
  for (let r = h + 1; r < g.rows.length; r++) {
    const a = g.text(r, 1);
    if (a.startsWith(LABELS.weights) || a.startsWith(LABELS.notes) || a.startsWith('填报')) break;
    if (g.text(r, 4) === '' && a === '') continue;
    const i = out.length;
    const opText = g.text(r, 5).trim();
    const operator = OPERATORS[opText];
    if (!operator) g.fail(r, 5, `指标性质 "${opText}": expected ≥, ≤, = or 定性`);
    const metric = g.text(r, 11).trim();
    if (metric !== '' && !(TARGET_METRICS as readonly string[]).includes(metric))
      g.fail(r, 11, `实时数据 "${metric}": expected one of ${TARGET_METRICS.join(', ')}`);
    ['level1', 'level2', 'subProject', 'name', 'operator', 'targetText', 'target', 'unit'].forEach((f, k) =>
      cells.set(`indicators.${i}.${f}`, g.where(r, k + 1)),
    );
    cells.set(`indicators.${i}.metric`, g.where(r, 11));
    out.push({
      level1: a,
      level2: g.text(r, 2),
      subProject: g.text(r, 3),
      name: g.text(r, 4),
      operator,
      target: g.number(r, 7, '目标值'),
      unit: g.text(r, 8),
      targetText: g.text(r, 6),
      explanation: g.text(r, 9),
      source: g.text(r, 10),
      ...(metric === '' ? {} : { metric }),
    });
  }
  return out;
}

function readWeights(g: Grid) {
  const r = g.find(LABELS.weights);
  if (r < 0) return {};
  const w: Record<string, number | null> = {};
  WEIGHT_LABELS.forEach(([k], i) => (w[k] = g.number(r, 3 + 2 * i, LABELS.weights)));
  return { weights: w };
}

function readExpenditures(ws: ExcelJS.Worksheet | undefined, cells: Cells) {
  if (!ws) return [];
  const g = gridOf(ws);
  const out = [];
  for (let r = 1; r < g.rows.length; r++) {
    if (g.rows[r]!.every((v) => v === null)) continue;
    const i = out.length;
    ['date', 'subProject', 'amount', 'note'].forEach((f, k) =>
      cells.set(`expenditures.${i}.${f}`, g.where(r, k + 1)),
    );
    out.push({
      date: g.text(r, 1),
      subProject: g.text(r, 2),
      amount: g.number(r, 3, '金额'),
      note: g.text(r, 4),
    });
  }
  return out;
}

/** The sheet object a workbook in the form's layout holds; errors name the cell. */
export async function readFormXlsx(
  data: Buffer,
): Promise<{ ok: true; value: TargetSheet } | { ok: false; error: string }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (e) {
    return { ok: false, error: `not an Excel workbook (${(e as Error).message})` };
  }
  const ws = wb.getWorksheet(FORM_TAB) ?? wb.worksheets[0];
  if (!ws) return { ok: false, error: 'the workbook has no sheet' };
  const cells: Cells = new Map();
  let obj: Record<string, unknown>;
  try {
    const g = gridOf(ws);
    obj = {
      form: g.text(0, 1),
      project: readProject(g, cells),
      indicators: readIndicators(g, cells),
      expenditures: readExpenditures(wb.getWorksheet(EXPENDITURE_TAB), cells),
      ...readWeights(g),
    };
  } catch (e) {
    if (e instanceof FormError) return { ok: false, error: e.message };
    throw e;
  }
  const parsed = parseTargetSheet(obj);
  if (parsed.ok) return parsed;
  const path = parsed.error.slice(0, parsed.error.indexOf(':'));
  const cell = cells.get(path) ?? cells.get(path.split('.').slice(0, -1).join('.'));
  return { ok: false, error: cell ? `cell ${cell} (${parsed.error.replace(/: /, '): ')}` : parsed.error };
}
