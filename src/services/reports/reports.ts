/**
 * `kaoping report`: the Word reports of an assessment, from a stored results snapshot — the
 * latest one when its inputs' fingerprint is current, otherwise a fresh analysis stored as a
 * snapshot first — so every number equals `analyze`'s. Writes DIR/agencies/<unit_code>.docx,
 * DIR/overall.docx, PDFs beside them when LibreOffice is present (and asked), and records each
 * file in report_files (the console serves downloads from there).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { agencyReports, type RectificationItem, type ReportTables } from '../../core/report-model.js';
import { overallReport } from '../../core/report-model-overall.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { replaceReportFiles, type NewReportFile } from '../../db/repos/report-files.js';
import { loadComments } from '../../db/repos/responses.js';
import { latestSnapshot, type SnapshotRow } from '../../db/repos/snapshots.js';
import { agencyDocx } from '../../reports/agency-docx.js';
import { ChartRenderer } from '../../reports/charts.js';
import { overallDocx } from '../../reports/overall-docx.js';
import { RESULT_TABLES } from '../../shared/api/result-tables.js';
import { KpError } from '../../shared/errors.js';
import { analyseTables, storeRun } from '../analyze/analyze.js';
import type { ServiceContext } from '../context.js';
import { inputsFingerprint } from '../results/fingerprint.js';
import { rectificationForReport } from '../rectification/report.js';
import { readObjects, tablesOf } from '../results/snapshot-meta.js';
import { snapshotWorkbook } from '../results/workbook.js';
import { chartFonts } from './fonts.js';
import { convertToPdf, findSoffice } from './pdf.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

export interface ReportOptions {
  /** write PDFs beside the .docx files when LibreOffice is found (default true) */
  pdf?: boolean | undefined;
  /** a fraction 0..1 and what it is doing */
  onProgress?: ((fraction: number, message: string) => void) | undefined;
  /** write DIR/results.xlsx too (default true; the console serves the workbook from the snapshot) */
  workbook?: boolean | undefined;
  /** rectification items per agency (default: the stored ones, services/rectification) */
  rectification?: ReadonlyMap<string, readonly RectificationItem[]> | undefined;
  /** seconds spent per phase (benchmarks) */
  timings?:
    | Partial<Record<'snapshot' | 'read' | 'docx' | 'charts' | 'chartLayers' | 'pdf' | 'store', number>>
    | undefined;
}

export interface ReportOutput {
  snapshotId: number;
  /** true when the analysis was run because no current snapshot existed */
  analysed: boolean;
  /** paths written, relative to the output folder */
  files: string[];
  /** why no PDFs were written, or null when they were */
  pdfSkipped: string | null;
}

/** The latest snapshot when it is current, else a new one from a fresh analysis. */
export async function currentSnapshot(
  ctx: Ctx,
  assessmentId: string,
  onProgress: (f: number, m: string) => void = () => undefined,
): Promise<{ row: SnapshotRow; analysed: boolean }> {
  const db = ctx.handle.db;
  const latest = await latestSnapshot(db, assessmentId);
  if (latest && latest.fingerprint === (await inputsFingerprint(db, assessmentId)))
    return { row: latest, analysed: false };
  const tables = await analyseTables(db, assessmentId, { onProgress: (f, m) => onProgress(f * 0.3, m) });
  const stored = await storeRun(db, assessmentId, tables, { actor: ctx.actor, now: ctx.now });
  const row = await latestSnapshot(db, assessmentId);
  if (row?.id !== stored.id)
    throw new KpError('KP_CONFLICT', 'another analysis stored a snapshot meanwhile; run the report again');
  return { row, analysed: true };
}

/** Every table of a snapshot as objects (rank_intervals absent when the run had none). */
export async function snapshotTables(ctx: Pick<Ctx, 'handle'>, row: SnapshotRow): Promise<ReportTables> {
  const out: ReportTables = {};
  const metas = tablesOf(row);
  for (const name of RESULT_TABLES) {
    const t = metas.find((m) => m.name === name);
    if (t) out[name] = await readObjects(ctx.handle.db, row.id, t);
  }
  return out;
}

/** A file name that is safe on every system for a unit code (codes are validated, this is belt and braces). */
const safeName = (code: string) => code.replace(/[^A-Za-z0-9._-]/g, '_');

export async function generateReports(
  ctx: Ctx,
  assessmentId: string,
  outDir: string,
  opts: ReportOptions = {},
): Promise<ReportOutput> {
  const progress = opts.onProgress ?? (() => undefined);
  const timings = opts.timings ?? {};
  const db = ctx.handle.db;
  const config = await loadConfig(db, assessmentId);
  let t = performance.now();
  const lap = (k: 'snapshot' | 'read' | 'docx' | 'pdf' | 'store') => {
    const now = performance.now();
    timings[k] = (now - t) / 1000;
    t = now;
  };
  const { row, analysed } = await currentSnapshot(ctx, assessmentId, progress);
  lap('snapshot');
  const tables = await snapshotTables(ctx, row);
  const comments = (await loadComments(db, assessmentId)).map((c) => ({
    responseId: c.response_id,
    targetUnit: c.target_unit,
    text: c.text,
  }));
  lap('read');
  const input = {
    config,
    snapshot: { id: row.id, createdAt: row.created_at },
    tables,
    comments,
    rectification: opts.rectification ?? (await rectificationForReport(db, assessmentId)),
  };
  const agencies = agencyReports(input);
  const charts = new ChartRenderer(chartFonts(), () => performance.now());
  const agencyDir = path.join(outDir, 'agencies');
  fs.mkdirSync(agencyDir, { recursive: true });
  const at = ctx.now().toISOString();
  const stored: NewReportFile[] = [];
  const files: string[] = [];
  const keep = (rel: string, unitCode: string | null, kind: 'docx' | 'pdf', data: Buffer) => {
    files.push(rel);
    const fileName = path.basename(rel);
    stored.push({
      assessmentId,
      snapshotId: row.id,
      unitCode,
      kind,
      fileName,
      data,
      createdAt: at,
      createdBy: ctx.actor,
    });
  };
  for (const [i, a] of agencies.entries()) {
    progress(0.3 + (0.5 * i) / Math.max(1, agencies.length), `agency report ${i + 1}/${agencies.length}`);
    // writing a report never waits on I/O: give the event loop a turn, so that a server running
    // this job answers requests and its event streams show the progress meanwhile
    await new Promise<void>((resolve) => setImmediate(resolve));
    const data = await agencyDocx(a, config, charts);
    const rel = path.join('agencies', `${safeName(a.code)}.docx`);
    fs.writeFileSync(path.join(outDir, rel), data);
    keep(rel, a.code, 'docx', data);
  }
  progress(0.8, 'overall report');
  const overall = await overallDocx(overallReport(input), config, charts);
  fs.writeFileSync(path.join(outDir, 'overall.docx'), overall);
  keep('overall.docx', null, 'docx', overall);
  if (opts.workbook !== false) {
    progress(0.82, 'results workbook');
    await writeWorkbook(ctx, assessmentId, row.id, path.join(outDir, 'results.xlsx'));
    files.push('results.xlsx');
  }
  lap('docx');
  timings.charts = charts.stats.milliseconds / 1000;
  timings.chartLayers = charts.stats.layers;

  let pdfSkipped: string | null = opts.pdf === false ? 'not asked for (--no-pdf)' : null;
  const soffice = pdfSkipped === null ? findSoffice() : null;
  if (pdfSkipped === null && soffice === null) pdfSkipped = 'LibreOffice (soffice) not found';
  if (soffice) {
    progress(0.85, 'PDF (LibreOffice)');
    await pdfs(
      soffice,
      outDir,
      agencies.map((a) => a.code),
      keep,
    );
  }
  lap('pdf');
  progress(0.95, 'recording the files');
  await db.transaction().execute((trx) => replaceReportFiles(trx, stored));
  lap('store');
  progress(1, 'done');
  return { snapshotId: row.id, analysed, files, pdfSkipped };
}

/** results.xlsx of the same snapshot (services/results/workbook.ts: one sheet per result table). */
async function writeWorkbook(ctx: Ctx, assessmentId: string, sid: number, file: string): Promise<void> {
  const book = await snapshotWorkbook(ctx, assessmentId, sid);
  const out = fs.createWriteStream(file);
  const done = finished(out);
  await book.write(out);
  await done;
}

/** One batched LibreOffice call per folder; each PDF produced is kept. */
async function pdfs(
  soffice: string,
  outDir: string,
  codes: readonly string[],
  keep: (rel: string, unitCode: string | null, kind: 'pdf', data: Buffer) => void,
): Promise<void> {
  const agencyDir = path.join(outDir, 'agencies');
  await convertToPdf(
    soffice,
    codes.map((c) => path.join(agencyDir, `${safeName(c)}.docx`)),
    agencyDir,
  );
  await convertToPdf(soffice, [path.join(outDir, 'overall.docx')], outDir);
  for (const c of codes) {
    const rel = path.join('agencies', `${safeName(c)}.pdf`);
    const file = path.join(outDir, rel);
    if (fs.existsSync(file)) keep(rel, c, 'pdf', fs.readFileSync(file));
  }
  const overall = path.join(outDir, 'overall.pdf');
  if (fs.existsSync(overall)) keep('overall.pdf', null, 'pdf', fs.readFileSync(overall));
}

/**
 * The reports generated into a private temporary folder (removed afterwards): what the report
 * job runs; the files live on in report_files.
 */
export async function generateReportFiles(
  ctx: Ctx,
  assessmentId: string,
  pdf: boolean,
  onProgress?: (fraction: number, message: string) => void,
): Promise<ReportOutput> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-reports-'));
  try {
    return await generateReports(ctx, assessmentId, dir, { pdf, onProgress, workbook: false });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
