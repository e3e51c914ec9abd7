/**
 * Repository of generated report files (report_files): one stored file per (assessment, agency
 * or overall, kind); storing a new one replaces the previous.
 */
import type { Db } from './common.js';

export type ReportKind = 'docx' | 'pdf';

export interface NewReportFile {
  assessmentId: string;
  snapshotId: number;
  /** null: the overall report */
  unitCode: string | null;
  kind: ReportKind;
  fileName: string;
  data: Buffer;
  createdAt: string;
  createdBy: string;
}

export interface ReportFileInfo {
  id: number;
  snapshotId: number;
  unitCode: string | null;
  kind: ReportKind;
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}

/** Stores files, each replacing the assessment's previous file of the same agency and kind. */
export async function replaceReportFiles(db: Db, files: readonly NewReportFile[]): Promise<void> {
  for (const f of files) {
    let del = db
      .deleteFrom('report_files')
      .where('assessment_id', '=', f.assessmentId)
      .where('kind', '=', f.kind);
    del = f.unitCode === null ? del.where('unit_code', 'is', null) : del.where('unit_code', '=', f.unitCode);
    await del.execute();
    await db
      .insertInto('report_files')
      .values({
        assessment_id: f.assessmentId,
        snapshot_id: f.snapshotId,
        unit_code: f.unitCode,
        kind: f.kind,
        file_name: f.fileName,
        size_bytes: f.data.length,
        data: f.data,
        created_at: f.createdAt,
        created_by: f.createdBy,
      })
      .execute();
  }
}

/** The assessment's stored report files (without their content), overall first, then by agency. */
export async function listReportFiles(db: Db, assessmentId: string): Promise<ReportFileInfo[]> {
  const rows = await db
    .selectFrom('report_files')
    .select(['id', 'snapshot_id', 'unit_code', 'kind', 'file_name', 'size_bytes', 'created_at'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('unit_code')
    .orderBy('kind')
    .execute();
  const infos = rows.map((r) => ({
    id: r.id,
    snapshotId: r.snapshot_id,
    unitCode: r.unit_code,
    kind: r.kind as ReportKind,
    fileName: r.file_name,
    sizeBytes: Number(r.size_bytes),
    createdAt: r.created_at,
  }));
  // null sorts first on SQLite and last on PostgreSQL: put the overall report first on both
  return [...infos.filter((i) => i.unitCode === null), ...infos.filter((i) => i.unitCode !== null)];
}

/** One stored file with its content, or undefined. */
export async function readReportFile(
  db: Db,
  assessmentId: string,
  id: number,
): Promise<(ReportFileInfo & { data: Buffer }) | undefined> {
  const r = await db
    .selectFrom('report_files')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      snapshotId: r.snapshot_id,
      unitCode: r.unit_code,
      kind: r.kind as ReportKind,
      fileName: r.file_name,
      sizeBytes: Number(r.size_bytes),
      createdAt: r.created_at,
      data: r.data,
    }
  );
}

/** Agencies with a generated report (performance-target metric `units_reported`). */
export async function countReportedUnits(db: Db, assessmentId: string): Promise<number> {
  const row = await db
    .selectFrom('report_files')
    .select((eb) => eb.fn.count<number>('unit_code').distinct().as('n'))
    .where('assessment_id', '=', assessmentId)
    .where('unit_code', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
