/**
 * Target sheet files: `kaoping import targets FILE.json|xlsx` and `kaoping export targets
 * --out FILE.xlsx|docx|json`, `kaoping export self-evaluation --out FILE.xlsx|docx`. The bytes
 * are made in reports/targets; this module reads and writes the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TargetSheet } from '../../core/targets.js';
import { badFile, KpError } from '../../shared/errors.js';
import { readFormXlsx, writeFormXlsx } from '../../reports/targets/form-xlsx.js';
import { writeFormDocx } from '../../reports/targets/form-docx.js';
import { evaluationDocx, evaluationXlsx } from '../../reports/targets/evaluation.js';
import { assertRegularFile } from '../import/file-problem.js';
import { findDuplicateKey } from '../import/strict-json.js';
import type { ServiceContext } from '../context.js';
import { loadSheet, saveSheet, targetsView } from './targets.js';

type Ctx = Pick<ServiceContext, 'handle' | 'actor' | 'now'>;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A JSON text as an object; a duplicated key is an error, as in configurations. */
export function parseSheetJson(text: string, file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badFile(file, `not valid JSON: ${(e as Error).message}`);
  }
  const dup = findDuplicateKey(text);
  if (dup !== null) throw new KpError('KP_VALIDATION', { file, field: dup, why: 'duplicate key' });
  return json;
}

/** The sheet object of a .json or .xlsx file (validated by saveSheet). */
export async function readSheetBytes(data: Buffer, file: string): Promise<unknown> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    const r = await readFormXlsx(data);
    if (!r.ok) throw new KpError('KP_VALIDATION', { file, why: r.error });
    return r.value;
  }
  if (ext !== '.json') throw badFile(file, 'expected a .json or .xlsx file');
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    throw badFile(file, 'not valid UTF-8; save the sheet as UTF-8');
  }
  return parseSheetJson(text, file);
}

export async function importTargetsFile(ctx: Ctx, assessmentId: string, file: string): Promise<TargetSheet> {
  assertRegularFile(file);
  const sheet = await readSheetBytes(fs.readFileSync(file), file);
  return saveSheet(ctx, assessmentId, sheet, file);
}

export type SheetFormat = 'json' | 'xlsx' | 'docx';

export async function sheetBytes(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  format: SheetFormat,
): Promise<Buffer> {
  const sheet = await loadSheet(ctx, assessmentId);
  if (format === 'json') return Buffer.from(`${JSON.stringify(sheet, null, 2)}\n`, 'utf8');
  return format === 'xlsx' ? writeFormXlsx(sheet) : writeFormDocx(sheet);
}

export async function evaluationBytes(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  format: 'xlsx' | 'docx',
): Promise<Buffer> {
  const v = await targetsView(ctx, assessmentId);
  const input = { sheet: v.sheet, evaluation: v.evaluation, budget: v.budget, spent: v.spent };
  return format === 'xlsx' ? evaluationXlsx(input) : evaluationDocx(input);
}

function formatOf<F extends string>(file: string, allowed: readonly F[]): F {
  const ext = path.extname(file).toLowerCase().slice(1);
  if (!(allowed as readonly string[]).includes(ext))
    throw new KpError('KP_BAD_ARGUMENT', `--out ${file}: expected ${allowed.map((a) => `.${a}`).join(', ')}`);
  return ext as F;
}

export async function exportTargetsFile(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  out: string,
): Promise<void> {
  const bytes = await sheetBytes(ctx, assessmentId, formatOf(out, ['json', 'xlsx', 'docx'] as const));
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, bytes);
}

export async function exportEvaluationFile(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  out: string,
): Promise<void> {
  const bytes = await evaluationBytes(ctx, assessmentId, formatOf(out, ['xlsx', 'docx'] as const));
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, bytes);
}
