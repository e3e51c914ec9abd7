/**
 * 绩效目标 use cases, shared by the CLI and the server: the sheet (replace, read), the
 * expenditures (add, delete), hand judgements, and the live view — actuals from the latest
 * results snapshot and the self-evaluation.
 */
import {
  parseExpenditure,
  parseTargetSheet,
  type Expenditure,
  type TargetSheet,
} from '../../core/targets.js';
import {
  liveMetrics,
  selfEvaluate,
  sheetBudget,
  sumExpenditures,
  targetsCsvRows,
  TARGETS_CSV_COLUMNS,
  type Judgement,
  type LiveMetrics,
  type SelfEvaluation,
} from '../../core/targets-evaluation.js';
import { KpError } from '../../shared/errors.js';
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import type { Db } from '../../db/repos/common.js';
import { countReportedUnits } from '../../db/repos/report-files.js';
import { latestSnapshot } from '../../db/repos/snapshots.js';
import * as repo from '../../db/repos/targets.js';
import type { ServiceContext } from '../context.js';
import { readObjects, tablesOf } from '../results/snapshot-meta.js';
import { csvCell, csvLine } from '../export/csv-write.js';

type Ctx = Pick<ServiceContext, 'handle' | 'actor' | 'now'>;

export interface TargetsView {
  sheet: TargetSheet;
  expenditures: repo.StoredExpenditure[];
  judgements: Judgement[];
  live: LiveMetrics;
  evaluation: SelfEvaluation;
  budget: number | null;
  spent: number;
  /** the results snapshot the survey figures come from (null: none yet) */
  snapshotId: number | null;
  updatedAt: string;
  updatedBy: string;
}

async function requireAssessment(db: Db, assessmentId: string): Promise<void> {
  if (!(await assessmentExists(db, assessmentId)))
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
}

async function requireSheet(db: Db, assessmentId: string) {
  await requireAssessment(db, assessmentId);
  const stored = await repo.loadTargetSheet(db, assessmentId);
  if (!stored)
    throw new KpError(
      'KP_NOT_FOUND',
      `assessment "${assessmentId}" has no target sheet (kaoping import targets)`,
    );
  return stored;
}

/**
 * Replaces the sheet of an assessment, all at once: its expenditures become the file's (when
 * `replaceExpenditures`), judgements of indicators no longer on it go. `source` names the input.
 */
export async function saveSheet(
  ctx: Ctx,
  assessmentId: string,
  input: unknown,
  source: string,
  replaceExpenditures = true,
): Promise<TargetSheet> {
  const parsed = parseTargetSheet(input);
  if (!parsed.ok) throw new KpError('KP_VALIDATION', { file: source, why: parsed.error });
  const { expenditures, ...sheet } = parsed.value;
  const db = ctx.handle.db;
  await requireAssessment(db, assessmentId);
  const by = { actor: ctx.actor, at: ctx.now().toISOString() };
  await ctx.handle.ops.writeTransaction(db, async (trx) => {
    await repo.saveTargetSheet(trx, assessmentId, sheet, by);
    if (replaceExpenditures) {
      await repo.deleteAllExpenditures(trx, assessmentId);
      for (const e of expenditures) await repo.addExpenditure(trx, assessmentId, e, by);
    }
    await repo.pruneJudgements(
      trx,
      assessmentId,
      sheet.indicators.map((i) => i.name),
    );
    await audit(
      trx,
      {
        actor: ctx.actor,
        action: 'targets.sheet',
        assessmentId,
        details: { source, indicators: sheet.indicators.length, expenditures: expenditures.length },
      },
      by.at,
    );
  });
  return parsed.value;
}

/** The sheet with its expenditures, in the fixture's layout (what `export targets` writes). */
export async function loadSheet(ctx: Pick<Ctx, 'handle'>, assessmentId: string): Promise<TargetSheet> {
  const db = ctx.handle.db;
  const { sheet } = await requireSheet(db, assessmentId);
  const expenditures = (await repo.listExpenditures(db, assessmentId)).map(
    ({ date, subProject, amount, note }): Expenditure => ({ date, subProject, amount, note }),
  );
  return { ...sheet, expenditures };
}

export async function hasSheet(ctx: Pick<Ctx, 'handle'>, assessmentId: string): Promise<boolean> {
  return (await repo.loadTargetSheet(ctx.handle.db, assessmentId)) !== null;
}

/** summary.csv of the newest results snapshot as metric → value, or null without one. */
export async function latestSummary(
  db: Db,
  assessmentId: string,
): Promise<{ snapshotId: number; summary: Map<string, number | null> } | null> {
  const snap = await latestSnapshot(db, assessmentId);
  const meta = snap ? tablesOf(snap).find((t) => t.name === 'summary') : undefined;
  if (!snap || !meta) return null;
  const rows = await readObjects(db, snap.id, meta);
  return {
    snapshotId: snap.id,
    summary: new Map(rows.map((r) => [String(r.metric), typeof r.value === 'number' ? r.value : null])),
  };
}

/**
 * The sheet, its live actuals and its self-evaluation. `summary` is the analysis summary to use
 * (analyze passes its current run); without it the newest results snapshot's. units_reported is
 * the number of agencies with a generated Word report (report_files).
 */
export function targetsView(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  opts: ViewOptions = {},
): Promise<TargetsView> {
  return viewOf(ctx.handle.db, assessmentId, opts);
}

interface ViewOptions {
  summary?: ReadonlyMap<string, number | null>;
}

async function viewOf(db: Db, assessmentId: string, opts: ViewOptions): Promise<TargetsView> {
  const stored = await requireSheet(db, assessmentId);
  const expenditures = await repo.listExpenditures(db, assessmentId);
  const judgements = await repo.listJudgements(db, assessmentId);
  let snapshotId: number | null = null;
  let summary = opts.summary ?? null;
  if (!summary) {
    const latest = await latestSummary(db, assessmentId);
    snapshotId = latest?.snapshotId ?? null;
    summary = latest?.summary ?? null;
  }
  const sheet = {
    ...stored.sheet,
    expenditures: expenditures.map(({ date, subProject, amount, note }) => ({
      date,
      subProject,
      amount,
      note,
    })),
  };
  const live = liveMetrics(sheet.project, expenditures, summary, await countReportedUnits(db, assessmentId));
  return {
    sheet,
    expenditures,
    judgements,
    live,
    evaluation: selfEvaluate(sheet, live, judgements),
    budget: sheetBudget(sheet.project),
    spent: sumExpenditures(expenditures),
    snapshotId,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

export async function recordExpenditure(ctx: Ctx, assessmentId: string, input: unknown): Promise<number> {
  const db = ctx.handle.db;
  const { sheet } = await requireSheet(db, assessmentId);
  const parsed = parseExpenditure(input);
  if (!parsed.ok) throw new KpError('KP_VALIDATION', { why: parsed.error });
  const e = parsed.value;
  if (e.subProject !== '' && !sheet.project.subProjects.some((p) => p.name === e.subProject))
    throw new KpError('KP_VALIDATION', { field: 'subProject', why: `unknown sub-project "${e.subProject}"` });
  const by = { actor: ctx.actor, at: ctx.now().toISOString() };
  return ctx.handle.ops.writeTransaction(db, async (trx) => {
    const id = await repo.addExpenditure(trx, assessmentId, e, by);
    await audit(
      trx,
      { actor: ctx.actor, action: 'targets.expenditure.add', assessmentId, details: { id, ...e } },
      by.at,
    );
    return id;
  });
}

export async function removeExpenditure(ctx: Ctx, assessmentId: string, id: number): Promise<void> {
  const db = ctx.handle.db;
  await requireSheet(db, assessmentId);
  const at = ctx.now().toISOString();
  await ctx.handle.ops.writeTransaction(db, async (trx) => {
    if (!(await repo.deleteExpenditure(trx, assessmentId, id)))
      throw new KpError('KP_NOT_FOUND', `expenditure ${id} does not exist`);
    await audit(
      trx,
      { actor: ctx.actor, action: 'targets.expenditure.delete', assessmentId, details: { id } },
      at,
    );
  });
}

export interface JudgementInput {
  actual?: number | null;
  actualText?: string;
  achieved?: boolean | null;
  score?: number | null;
  reason: string;
}

/**
 * Records the hand judgement of one indicator. A qualitative indicator needs achieved, a score
 * (the share 0..1 of its points) and a written reason; a quantitative one may carry a hand
 * actual, a reviewer's score and a reason.
 */
export async function judgeIndicator(
  ctx: Ctx,
  assessmentId: string,
  indicator: string,
  input: JudgementInput,
): Promise<Judgement> {
  const db = ctx.handle.db;
  const { sheet } = await requireSheet(db, assessmentId);
  const ind = sheet.indicators.find((i) => i.name === indicator);
  if (!ind) throw new KpError('KP_NOT_FOUND', `indicator "${indicator}" is not on the target sheet`);
  const j: Judgement = {
    indicator,
    actual: input.actual ?? null,
    actualText: input.actualText ?? '',
    achieved: input.achieved ?? null,
    score: input.score ?? null,
    reason: input.reason.trim(),
  };
  const bad = (field: string, why: string) => new KpError('KP_VALIDATION', { field, why });
  if (j.score !== null && !(j.score >= 0 && j.score <= 1))
    throw bad('score', 'a share of the points, 0 to 1');
  if (j.actual !== null && !Number.isFinite(j.actual)) throw bad('actual', 'a number');
  if (ind.operator === 'qualitative') {
    if (j.achieved === null) throw bad('achieved', 'a qualitative indicator is judged met or not');
    if (j.score === null) throw bad('score', 'a qualitative indicator needs a score (share 0 to 1)');
  }
  if ((ind.operator === 'qualitative' || j.score !== null) && j.reason === '')
    throw bad('reason', 'a judgement by hand needs a written reason');
  const by = { actor: ctx.actor, at: ctx.now().toISOString() };
  await ctx.handle.ops.writeTransaction(db, async (trx) => {
    await repo.saveJudgement(trx, assessmentId, j, by);
    await audit(trx, { actor: ctx.actor, action: 'targets.judgement', assessmentId, details: j }, by.at);
  });
  return j;
}

/**
 * The rows of targets.csv for an analysis run (its summary rows: metric, value), or null when
 * the assessment has no target sheet.
 */
export async function targetsCsvFor(
  db: Db,
  assessmentId: string,
  summaryRows: readonly (readonly unknown[])[],
): Promise<(string | number | null)[][] | null> {
  if ((await repo.loadTargetSheet(db, assessmentId)) === null) return null;
  const summary = new Map(
    summaryRows.map((r) => [String(r[0]), typeof r[1] === 'number' ? r[1] : null] as const),
  );
  const v = await viewOf(db, assessmentId, { summary });
  return targetsCsvRows(v.evaluation);
}

const OPERATOR_COLUMN = TARGETS_CSV_COLUMNS.indexOf('operator');

/**
 * targets.csv as text (BOM, header, rows). Free text is formula-neutralised as in every CSV; the
 * operator column is not: it holds one of `>=`, `<=`, `=`, `qualitative` (the schema allows
 * nothing else), and readers of SPEC §4.6 expect `=` as is.
 */
export function targetsCsvText(rows: readonly (readonly (string | number | null)[])[]): string {
  let out = '\uFEFF' + csvLine(TARGETS_CSV_COLUMNS);
  for (const r of rows)
    out +=
      r.map((c, k) => (k === OPERATOR_COLUMN && typeof c === 'string' ? c : csvCell(c))).join(',') + '\n';
  return out;
}
