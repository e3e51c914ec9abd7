/**
 * `kaoping import cases`: the phone sample (SPEC §4.4), optionally with outcomes; phone numbers
 * normalised (core/phone.ts), then encrypted and hashed.
 */
import { isAaporFinalCode } from '../../core/aapor.js';
import { badRow } from '../../shared/errors.js';
import { audit } from '../../db/repos/audit.js';
import { listCaseIds, upsertCases } from '../../db/repos/cases.js';
import type { SecretBox } from '../crypto.js';
import type { ServiceContext } from '../context.js';
import { readAllRows, type ColumnSpec, type TableSource } from './table-reader.js';
import { unitCodes } from './units.js';
import { normaliseField, parseDate, parseOptionalCount } from './values.js';
import { normalisePhone } from '../../core/phone.js';
import { shown } from '../../shared/cell-values.js';

export const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', aliases: ['样本编号', '个案编号', '编号', '样本号'], required: true, kind: 'code' },
  { name: 'unit_code', aliases: ['单位编码', '单位代码'], required: true, kind: 'code' },
  {
    name: 'phone',
    aliases: ['电话', '联系电话', '手机号', '电话号码', '手机号码'],
    required: true,
    kind: 'phone',
  },
  { name: 'service', aliases: ['办理事项', '服务事项', '事项'], required: false },
  { name: 'service_date', aliases: ['办理日期', '服务日期', '办理时间'], required: false, kind: 'date' },
  {
    name: 'disposition',
    aliases: ['结果代码', '处置代码', '访问结果', '最终结果', 'AAPOR代码'],
    required: false,
    kind: 'code',
  },
  { name: 'attempts', aliases: ['拨打次数', '尝试次数', '呼叫次数'], required: false, kind: 'number' },
];

/** Why a disposition is refused. */
function dispositionProblem(code: string): string {
  return `${shown(code)} is not an AAPOR final disposition code (e.g. 1.1, 2.112, 3.13, 4.31; see docs/decisions.md)`;
}

export async function importCases(
  ctx: ServiceContext,
  assessmentId: string,
  source: TableSource,
  box: SecretBox,
): Promise<number> {
  const file = source.name;
  const units = await unitCodes(ctx, assessmentId);
  const existing = await listCaseIds(ctx.handle.db, assessmentId);
  const seen = new Set<string>();
  const now = ctx.now().toISOString();
  const rows = (await readAllRows(source, CASE_COLUMNS)).map(({ line, cells }) => {
    const [id, unit, rawPhone, , date, disp, attempts] = cells.map(normaliseField) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const service = cells[3]!.trim(); // free text, stored as typed
    if (!id) throw badRow(file, line, 'case_id', 'empty');
    if (seen.has(id)) throw badRow(file, line, 'case_id', `${shown(id)} appears twice`);
    seen.add(id);
    if (!units.has(unit)) throw badRow(file, line, 'unit_code', `unknown agency ${shown(unit)}`);
    if (rawPhone === '' && !existing.has(id)) throw badRow(file, line, 'phone', 'empty for a new case');
    let phone: string | null = null;
    if (rawPhone !== '') {
      // one normal form before encrypting and hashing: the same number hashes the same everywhere
      const p = normalisePhone(rawPhone);
      if (!p.ok) throw badRow(file, line, 'phone', `${shown(rawPhone)}: ${p.why}`);
      phone = p.phone;
    }
    const serviceDate = date === '' ? null : parseDate(date);
    if (serviceDate === null && date !== '') {
      throw badRow(
        file,
        line,
        'service_date',
        `${shown(date)} is not a date (YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD)`,
      );
    }
    if (disp !== '' && !isAaporFinalCode(disp))
      throw badRow(file, line, 'disposition', dispositionProblem(disp));
    const n = parseOptionalCount(attempts);
    if (Number.isNaN(n))
      throw badRow(file, line, 'attempts', `${shown(attempts)} is not a count (0, 1, 2, …)`);
    return {
      assessment_id: assessmentId,
      case_id: id,
      unit_code: unit,
      phone_enc: phone === null ? null : box.encrypt(phone),
      phone_hash: phone === null ? null : box.hash(phone),
      service: service || null,
      service_date: serviceDate,
      disposition: disp || null,
      attempts: n,
      updated_at: now,
    };
  });
  await ctx.handle.ops.writeTransaction(ctx.handle.db, async (trx) => {
    await upsertCases(trx, rows);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.cases', assessmentId, details: { file, rows: rows.length } },
      now,
    );
  });
  return rows.length;
}
