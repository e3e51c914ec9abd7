/**
 * `kaoping import units`: the agencies of an assessment (SPEC §4.2), validated whole, then upserted in one transaction.
 * One validation serves both callers: the import stops at the first problem (the CLI's one-line
 * error, the server's 422), the dry run (the console's preview) collects every problem and
 * stores nothing.
 */
import { badRow, isKpError, KpError } from '../../shared/errors.js';
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { listUnits, upsertUnits, type UnitRow } from '../../db/repos/units.js';
import type { UnitInfo } from '../../core/analysis-types.js';
import type { ServiceContext } from '../context.js';
import { readAllRows, type ColumnSpec, type TableSource } from './table-reader.js';
import { shown } from '../../shared/cell-values.js';
import { normaliseField, parseFlag } from './values.js';

export const UNIT_COLUMNS: ColumnSpec[] = [
  {
    name: 'code',
    aliases: ['单位编码', '单位代码', '编码', '代码', 'unit_code'],
    required: true,
    kind: 'code',
  },
  { name: 'name', aliases: ['单位名称', '名称', 'unit_name'], required: true },
  { name: 'category', aliases: ['类别', '分类', '单位类别', '单位分类', '类型'], required: true },
  {
    name: 'has_window',
    aliases: ['是否有窗口', '有无窗口', '服务窗口', '窗口', '是否设有窗口', '有窗口'],
    required: false,
    kind: 'code',
  },
];

/** One problem of a file: where (line and column when known) and why. */
export interface ImportProblem {
  file: string;
  line: number | null;
  column: string | null;
  why: string;
  /** the one-line message, as the CLI prints it */
  message: string;
}

/** An agency as the import would store it: new, changed, or as stored already. */
export interface UnitPreviewRow extends UnitInfo {
  line: number;
  status: 'new' | 'updated' | 'unchanged';
}

export interface UnitsImportReport {
  file: string;
  dryRun: boolean;
  /** the agencies of the file in file order (all valid rows, also in a dry run with problems) */
  units: UnitPreviewRow[];
  counts: { new: number; updated: number; unchanged: number };
  /** every problem (dry run); empty after a real import, which stops at the first */
  problems: ImportProblem[];
  /** agencies written (0 in a dry run) */
  stored: number;
}

export const asProblem = (e: KpError): ImportProblem => ({
  file: e.fields.file ?? '',
  line: e.fields.line ?? null,
  column: e.fields.column ?? null,
  why: e.fields.why,
  message: e.message,
});

/**
 * Reads and checks the whole file. `report` receives each problem: the import throws it (the
 * first one ends the run), the dry run collects it and goes on with the next cell.
 */
async function validateUnits(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
  report: (e: KpError) => void,
): Promise<{ rows: UnitRow[]; preview: UnitPreviewRow[] }> {
  const file = source.name;
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError(
      'KP_NOT_FOUND',
      `assessment "${assessmentId}" does not exist (import its configuration first)`,
    );
  }
  const existing = await listUnits(ctx.handle.db, assessmentId);
  const stored = new Map(existing.map((u) => [u.code, u]));
  let next = existing.reduce((m, u) => Math.max(m, u.position + 1), 0);
  const seen = new Map<string, number>();
  const rows: UnitRow[] = [];
  const preview: UnitPreviewRow[] = [];
  for (const { line, cells } of await readAllRows(source, UNIT_COLUMNS)) {
    // the code is a code (NFKC: Ｕ01 is U01); name and category are stored as typed
    const code = normaliseField(cells[0]!);
    const [name, category] = [cells[1]!.trim(), cells[2]!.trim()];
    const flag = normaliseField(cells[3]!);
    let ok = true;
    const bad = (column: string, why: string) => {
      ok = false;
      report(badRow(file, line, column, why));
    };
    if (code === '') bad('code', 'empty');
    else if (/[\s,]/.test(code)) bad('code', `${shown(code)} contains a space or comma`);
    else if (seen.has(code)) bad('code', `${shown(code)} already appears on line ${seen.get(code)}`);
    else seen.set(code, line);
    if (name === '') bad('name', 'empty');
    if (category === '') bad('category', 'empty');
    const hasWindow = parseFlag(flag);
    if (hasWindow === null) bad('has_window', `${shown(flag)} is not 1/0 or 是/否`);
    if (!ok || hasWindow === null) continue;
    const before = stored.get(code);
    const position = before?.position ?? next++;
    rows.push({ code, name, category, hasWindow, position });
    const status = !before
      ? 'new'
      : before.name === name && before.category === category && before.hasWindow === hasWindow
        ? 'unchanged'
        : 'updated';
    preview.push({ line, code, name, category, hasWindow, status });
  }
  return { rows, preview };
}

function countOf(preview: readonly UnitPreviewRow[]): UnitsImportReport['counts'] {
  const counts = { new: 0, updated: 0, unchanged: 0 };
  for (const p of preview) counts[p.status]++;
  return counts;
}

/**
 * The import with its report. `dryRun`: every problem of the file, and the rows that would be
 * stored, with nothing written; a file that cannot be read at all (no header, not a workbook)
 * is one problem. Otherwise all or nothing, audited: the first problem is thrown.
 */
export async function importUnitsReport(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
  opts: { dryRun?: boolean } = {},
): Promise<UnitsImportReport> {
  const file = source.name;
  if (opts.dryRun) {
    const problems: ImportProblem[] = [];
    let checked: Awaited<ReturnType<typeof validateUnits>> = { rows: [], preview: [] };
    try {
      checked = await validateUnits(ctx, assessmentId, source, (e) => problems.push(asProblem(e)));
    } catch (e) {
      // the reader stops at a problem of the file itself (its header, its encoding, a cell it cannot read)
      if (!isKpError(e) || e.code === 'KP_NOT_FOUND') throw e;
      problems.push(asProblem(e));
    }
    return {
      file,
      dryRun: true,
      units: checked.preview,
      counts: countOf(checked.preview),
      problems,
      stored: 0,
    };
  }
  const { rows, preview } = await validateUnits(ctx, assessmentId, source, (e) => {
    throw e;
  });
  const now = ctx.now().toISOString();
  await ctx.handle.ops.writeTransaction(ctx.handle.db, async (trx) => {
    await upsertUnits(trx, assessmentId, rows);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.units', assessmentId, details: { file, units: rows.length } },
      now,
    );
  });
  return { file, dryRun: false, units: preview, counts: countOf(preview), problems: [], stored: rows.length };
}

export async function importUnits(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
): Promise<number> {
  return (await importUnitsReport(ctx, assessmentId, source)).stored;
}

/** The agencies of an assessment, in their stored order. */
export async function unitsOf(ctx: ServiceContext, assessmentId: string): Promise<UnitInfo[]> {
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
  }
  return (await listUnits(ctx.handle.db, assessmentId)).map(({ code, name, category, hasWindow }) => ({
    code,
    name,
    category,
    hasWindow,
  }));
}

export async function unitCodes(ctx: ServiceContext, assessmentId: string): Promise<Set<string>> {
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
  }
  return new Set((await listUnits(ctx.handle.db, assessmentId)).map((u) => u.code));
}
