/**
 * Importers for the small files: configuration (§4.1), agencies (§4.2), phone cases (§4.4) and
 * performance scores (§4.5). Each validates the whole file first, then writes in one transaction.
 */
import fs from 'node:fs';
import { parseAssessmentConfig, type AssessmentConfig } from '../core/config.js';
import { aaporClass } from '../core/aapor.js';
import { badFile, badRow, KpError } from '../core/errors.js';
import { decodeBlockHeader } from '../db/block-codec.js';
import { audit, listUnits, loadBlocks, saveConfig, upsertUnits, assessmentExists, type UnitRow } from '../db/repo.js';
import type { ImportContext } from './import-responses.js';
import type { ColumnSpec, TableRow, TableSource } from './table-reader.js';
import { parseDate, parseFlag, parseOptionalNumber } from './values.js';
import type { SecretBox } from './crypto.js';

async function readAll(source: TableSource, spec: ColumnSpec[]): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const batch of source.read(spec)) for (const r of batch) out.push(r);
  return out;
}

/** Parses a configuration file; the error names the file and the field. */
export function readConfigFile(file: string): AssessmentConfig {
  if (!fs.existsSync(file)) throw badFile(file, 'no such file');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badFile(file, `not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseAssessmentConfig(json);
  if (!parsed.ok) throw new KpError('KP_CONFIG_INVALID', `${file}: ${parsed.error}`);
  return parsed.value;
}

/** Codes that stored responses use, read from the block headers. */
async function storedCodes(ctx: ImportContext, id: string) {
  const groups = new Set<string>();
  const items = new Set<string>();
  for (const data of await loadBlocks(ctx.handle.db, id)) {
    const h = decodeBlockHeader(data);
    h.groups.forEach((g) => groups.add(g));
    h.items.forEach((i) => items.add(i));
  }
  return { groups, items };
}

export async function importConfig(ctx: ImportContext, config: AssessmentConfig, source: string): Promise<string> {
  if (await assessmentExists(ctx.handle.db, config.id)) {
    const used = await storedCodes(ctx, config.id);
    const groups = new Set(config.groups.map((g) => g.code));
    const items = new Set(config.items.map((i) => i.code));
    for (const g of used.groups) {
      if (!groups.has(g)) throw badFile(source, `groups: "${g}" has stored responses and cannot be removed`);
    }
    for (const i of used.items) {
      if (!items.has(i)) throw badFile(source, `items: "${i}" has stored answers and cannot be removed`);
    }
  }
  const now = ctx.now().toISOString();
  await ctx.handle.db.transaction().execute(async (trx) => {
    await saveConfig(trx, config, now);
    await audit(trx, { actor: ctx.actor, action: 'import.config', assessmentId: config.id, details: { file: source } }, now);
  });
  return config.id;
}

export const UNIT_COLUMNS: ColumnSpec[] = [
  { name: 'code', aliases: ['单位编码', '单位代码', '编码', '代码', 'unit_code'], required: true },
  { name: 'name', aliases: ['单位名称', '名称', 'unit_name'], required: true },
  { name: 'category', aliases: ['类别', '分类', '单位类别', '单位分类', '类型'], required: true },
  { name: 'has_window', aliases: ['是否有窗口', '有无窗口', '服务窗口', '窗口', '是否设有窗口', '有窗口'], required: false },
];

export async function importUnits(ctx: ImportContext, assessmentId: string, source: TableSource): Promise<number> {
  const file = source.name;
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist (import its configuration first)`);
  }
  const existing = await listUnits(ctx.handle.db, assessmentId);
  const positions = new Map(existing.map((u) => [u.code, u.position]));
  let next = existing.reduce((m, u) => Math.max(m, u.position + 1), 0);
  const seen = new Map<string, number>();
  const units: UnitRow[] = [];
  for (const { line, cells } of await readAll(source, UNIT_COLUMNS)) {
    const [code, name, category, flag] = cells.map((c) => c.trim()) as [string, string, string, string];
    if (code === '') throw badRow(file, line, 'code', 'empty');
    if (/[\s,]/.test(code)) throw badRow(file, line, 'code', `"${code}" contains a space or comma`);
    if (seen.has(code)) throw badRow(file, line, 'code', `"${code}" already appears on line ${seen.get(code)}`);
    seen.set(code, line);
    if (name === '') throw badRow(file, line, 'name', 'empty');
    if (category === '') throw badRow(file, line, 'category', 'empty');
    const hasWindow = parseFlag(flag);
    if (hasWindow === null) throw badRow(file, line, 'has_window', `"${flag}" is not 1/0 or 是/否`);
    const position = positions.get(code) ?? next++;
    units.push({ code, name, category, hasWindow, position });
  }
  const now = ctx.now().toISOString();
  await ctx.handle.db.transaction().execute(async (trx) => {
    await upsertUnits(trx, assessmentId, units);
    await audit(trx, { actor: ctx.actor, action: 'import.units', assessmentId, details: { file, units: units.length } }, now);
  });
  return units.length;
}

async function unitCodes(ctx: ImportContext, assessmentId: string): Promise<Set<string>> {
  if (!(await assessmentExists(ctx.handle.db, assessmentId))) {
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
  }
  return new Set((await listUnits(ctx.handle.db, assessmentId)).map((u) => u.code));
}

export const SCORE_COLUMNS: ColumnSpec[] = [
  { name: 'unit_code', aliases: ['单位编码', '单位代码', 'code'], required: true },
  { name: 'daily', aliases: ['日常履职', '日常履职得分', '日常考核', '日常考核得分'], required: true },
  { name: 'bonus', aliases: ['优质履职', '优质履职加分', '加分', '优质履职得分'], required: false },
];

export async function importScores(ctx: ImportContext, assessmentId: string, source: TableSource): Promise<number> {
  const file = source.name;
  const units = await unitCodes(ctx, assessmentId);
  const seen = new Set<string>();
  const rows: { unit_code: string; daily: number | null; bonus: number | null }[] = [];
  for (const { line, cells } of await readAll(source, SCORE_COLUMNS)) {
    const code = cells[0]!.trim();
    if (!units.has(code)) throw badRow(file, line, 'unit_code', `unknown agency "${code}"`);
    if (seen.has(code)) throw badRow(file, line, 'unit_code', `"${code}" appears twice`);
    seen.add(code);
    const daily = parseOptionalNumber(cells[1]!);
    if (Number.isNaN(daily) || (daily !== null && (daily < 0 || daily > 100))) {
      throw badRow(file, line, 'daily', `"${cells[1]}" is not a score 0–100`);
    }
    const bonus = parseOptionalNumber(cells[2]!);
    if (Number.isNaN(bonus) || (bonus !== null && bonus < 0)) {
      throw badRow(file, line, 'bonus', `"${cells[2]}" is not a number of points ≥ 0`);
    }
    rows.push({ unit_code: code, daily, bonus });
  }
  const now = ctx.now().toISOString();
  await ctx.handle.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx
        .insertInto('performance_scores')
        .values({ assessment_id: assessmentId, ...r })
        .onConflict((oc) => oc.columns(['assessment_id', 'unit_code']).doUpdateSet({ daily: r.daily, bonus: r.bonus }))
        .execute();
    }
    await audit(trx, { actor: ctx.actor, action: 'import.scores', assessmentId, details: { file, rows: rows.length } }, now);
  });
  return rows.length;
}

export const CASE_COLUMNS: ColumnSpec[] = [
  { name: 'case_id', aliases: ['样本编号', '个案编号', '编号', '样本号'], required: true },
  { name: 'unit_code', aliases: ['单位编码', '单位代码'], required: true },
  { name: 'phone', aliases: ['电话', '联系电话', '手机号', '电话号码', '手机号码'], required: true },
  { name: 'service', aliases: ['办理事项', '服务事项', '事项'], required: false },
  { name: 'service_date', aliases: ['办理日期', '服务日期', '办理时间'], required: false },
  { name: 'disposition', aliases: ['结果代码', '处置代码', '访问结果', '最终结果', 'AAPOR代码'], required: false },
  { name: 'attempts', aliases: ['拨打次数', '尝试次数', '呼叫次数'], required: false },
];

export async function importCases(
  ctx: ImportContext,
  assessmentId: string,
  source: TableSource,
  box: SecretBox,
): Promise<number> {
  const file = source.name;
  const units = await unitCodes(ctx, assessmentId);
  const existing = new Set(
    (
      await ctx.handle.db.selectFrom('phone_cases').select('case_id').where('assessment_id', '=', assessmentId).execute()
    ).map((r) => r.case_id),
  );
  const seen = new Set<string>();
  const now = ctx.now().toISOString();
  const rows = (await readAll(source, CASE_COLUMNS)).map(({ line, cells }) => {
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
    if (serviceDate === null && date !== '') throw badRow(file, line, 'service_date', `"${date}" is not a date`);
    if (disp !== '' && aaporClass(disp!) === null) {
      throw badRow(file, line, 'disposition', `"${disp}" is not an AAPOR final disposition code`);
    }
    const n = attempts === '' ? null : Number(attempts);
    if (n !== null && !(Number.isInteger(n) && n >= 0)) throw badRow(file, line, 'attempts', `"${attempts}" is not a count`);
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
    for (const r of rows) {
      const { phone_enc, phone_hash, ...rest } = r;
      await trx
        .insertInto('phone_cases')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['assessment_id', 'case_id']).doUpdateSet({
            ...rest,
            ...(phone_enc === null ? {} : { phone_enc, phone_hash }),
          }),
        )
        .execute();
    }
    await audit(trx, { actor: ctx.actor, action: 'import.cases', assessmentId, details: { file, rows: rows.length } }, now);
  });
  return rows.length;
}
