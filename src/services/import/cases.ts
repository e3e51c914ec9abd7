/**
 * `kaoping import cases`: the phone sample (SPEC §4.4), optionally with outcomes; phone numbers encrypted.
 */
import { aaporClass } from '../../core/aapor.js';
import { badRow } from '../../shared/errors.js';
import { audit } from '../../db/repos/audit.js';
import { listCaseIds, upsertCases } from '../../db/repos/cases.js';
import type { SecretBox } from '../crypto.js';
import type { ServiceContext } from '../context.js';
import { readAllRows, type ColumnSpec, type TableSource } from './table-reader.js';
import { unitCodes } from './units.js';
import { parseDate } from './values.js';

export const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', aliases: ['样本编号', '个案编号', '编号', '样本号'], required: true },
  { name: 'unit_code', aliases: ['单位编码', '单位代码'], required: true },
  { name: 'phone', aliases: ['电话', '联系电话', '手机号', '电话号码', '手机号码'], required: true },
  { name: 'service', aliases: ['办理事项', '服务事项', '事项'], required: false },
  { name: 'service_date', aliases: ['办理日期', '服务日期', '办理时间'], required: false },
  {
    name: 'disposition',
    aliases: ['结果代码', '处置代码', '访问结果', '最终结果', 'AAPOR代码'],
    required: false,
  },
  { name: 'attempts', aliases: ['拨打次数', '尝试次数', '呼叫次数'], required: false },
];

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
    const [id, unit, phone, service, date, disp, attempts] = cells.map((c) => c.trim());
    if (!id) throw badRow(file, line, 'case_id', 'empty');
    if (seen.has(id)) throw badRow(file, line, 'case_id', `"${id}" appears twice`);
    seen.add(id);
    if (!units.has(unit!)) throw badRow(file, line, 'unit_code', `unknown agency "${unit}"`);
    // kept as given (samples may carry extensions or masked digits); only its shape is checked
    const digits = phone!.replace(/\s+/g, ' ');
    if (digits === '' && !existing.has(id)) throw badRow(file, line, 'phone', 'empty for a new case');
    if (digits.length > 40 || /[\p{Cc}]/u.test(digits) || (digits !== '' && !/\d/.test(digits))) {
      throw badRow(file, line, 'phone', 'not a phone number');
    }
    const serviceDate = date === '' ? null : parseDate(date!);
    if (serviceDate === null && date !== '')
      throw badRow(file, line, 'service_date', `"${date}" is not a date`);
    if (disp !== '' && aaporClass(disp!) === null) {
      throw badRow(file, line, 'disposition', `"${disp}" is not an AAPOR final disposition code`);
    }
    const n = attempts === '' ? null : Number(attempts);
    if (n !== null && !(Number.isInteger(n) && n >= 0))
      throw badRow(file, line, 'attempts', `"${attempts}" is not a count`);
    return {
      assessment_id: assessmentId,
      case_id: id,
      unit_code: unit!,
      phone_enc: digits === '' ? null : box.encrypt(digits),
      phone_hash: digits === '' ? null : box.hash(digits),
      service: service || null,
      service_date: serviceDate,
      disposition: disp || null,
      attempts: n,
      updated_at: now,
    };
  });
  await ctx.handle.db.transaction().execute(async (trx) => {
    await upsertCases(trx, rows);
    await audit(
      trx,
      { actor: ctx.actor, action: 'import.cases', assessmentId, details: { file, rows: rows.length } },
      now,
    );
  });
  return rows.length;
}
