/**
 * `kaoping import scores`: routine and outstanding performance scores (SPEC §4.5).
 */
import { badRow } from '../../shared/errors.js';
import { audit } from '../../db/repos/audit.js';
import { upsertScores, type ScoreRow } from '../../db/repos/scores.js';
import type { ServiceContext } from '../context.js';
import { readAllRows, type ColumnSpec, type TableSource } from './table-reader.js';
import { unitCodes } from './units.js';
import { shown } from '../../shared/cell-values.js';
import { normaliseField, parseOptionalNumber } from './values.js';

export const SCORE_COLUMNS: ColumnSpec[] = [
  { name: 'unit_code', aliases: ['单位编码', '单位代码', 'code'], required: true, kind: 'code' },
  {
    name: 'daily',
    aliases: ['日常履职', '日常履职得分', '日常考核', '日常考核得分'],
    required: true,
    kind: 'number',
  },
  {
    name: 'bonus',
    aliases: ['优质履职', '优质履职加分', '加分', '优质履职得分'],
    required: false,
    kind: 'number',
  },
];

export async function importScores(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
): Promise<number> {
  const file = source.name;
  const units = await unitCodes(ctx, assessmentId);
  const seen = new Set<string>();
  const rows: ScoreRow[] = [];
  for (const { line, cells } of await readAllRows(source, SCORE_COLUMNS)) {
    const code = normaliseField(cells[0]!);
    if (!units.has(code)) throw badRow(file, line, 'unit_code', `unknown agency ${shown(code)}`);
    if (seen.has(code)) throw badRow(file, line, 'unit_code', `${shown(code)} appears twice`);
    seen.add(code);
    const daily = parseOptionalNumber(cells[1]!);
    if (Number.isNaN(daily) || (daily !== null && (daily < 0 || daily > 100))) {
      throw badRow(
        file,
        line,
        'daily',
        `${shown(normaliseField(cells[1]!))} is not a score 0–100 (a plain decimal)`,
      );
    }
    const bonus = parseOptionalNumber(cells[2]!);
    if (Number.isNaN(bonus) || (bonus !== null && bonus < 0)) {
      throw badRow(
        file,
        line,
        'bonus',
        `${shown(normaliseField(cells[2]!))} is not a number of points ≥ 0 (a plain decimal)`,
      );
    }
    rows.push({ unit_code: code, daily, bonus });
  }
  const now = ctx.now().toISOString();
  await ctx.handle.ops.writeTransaction(ctx.handle.db, async (trx) => {
    await upsertScores(trx, assessmentId, rows);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.scores', assessmentId, details: { file, rows: rows.length } },
      now,
    );
  });
  return rows.length;
}
