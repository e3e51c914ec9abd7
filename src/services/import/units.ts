/**
 * `kaoping import units`: the agencies of an assessment (SPEC §4.2), validated whole, then upserted in one transaction.
 */
import { badRow, KpError } from '../../shared/errors.js';
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { listUnits, upsertUnits, type UnitRow } from '../../db/repos/units.js';
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

export async function importUnits(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
): Promise<number> {
  const file = source.name;
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError(
      'KP_NOT_FOUND',
      `assessment "${assessmentId}" does not exist (import its configuration first)`,
    );
  }
  const existing = await listUnits(ctx.handle.db, assessmentId);
  const positions = new Map(existing.map((u) => [u.code, u.position]));
  let next = existing.reduce((m, u) => Math.max(m, u.position + 1), 0);
  const seen = new Map<string, number>();
  const units: UnitRow[] = [];
  for (const { line, cells } of await readAllRows(source, UNIT_COLUMNS)) {
    // the code is a code (NFKC: Ｕ01 is U01); name and category are stored as typed
    const code = normaliseField(cells[0]!);
    const [name, category] = [cells[1]!.trim(), cells[2]!.trim()];
    const flag = normaliseField(cells[3]!);
    if (code === '') throw badRow(file, line, 'code', 'empty');
    if (/[\s,]/.test(code)) throw badRow(file, line, 'code', `${shown(code)} contains a space or comma`);
    if (seen.has(code))
      throw badRow(file, line, 'code', `${shown(code)} already appears on line ${seen.get(code)}`);
    seen.set(code, line);
    if (name === '') throw badRow(file, line, 'name', 'empty');
    if (category === '') throw badRow(file, line, 'category', 'empty');
    const hasWindow = parseFlag(flag);
    if (hasWindow === null) throw badRow(file, line, 'has_window', `${shown(flag)} is not 1/0 or 是/否`);
    const position = positions.get(code) ?? next++;
    units.push({ code, name, category, hasWindow, position });
  }
  const now = ctx.now().toISOString();
  await ctx.handle.ops.writeTransaction(ctx.handle.db, async (trx) => {
    await upsertUnits(trx, assessmentId, units);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.units', assessmentId, details: { file, units: units.length } },
      now,
    );
  });
  return units.length;
}

export async function unitCodes(ctx: ServiceContext, assessmentId: string): Promise<Set<string>> {
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
  }
  return new Set((await listUnits(ctx.handle.db, assessmentId)).map((u) => u.code));
}
