/**
 * Generated report files for download: the list, one file, or all of them as one zip (the
 * console's 报告 page; routes and their policy entries are to be added by the server side).
 */
import JSZip from 'jszip';
import {
  listReportFiles,
  readReportFile,
  type ReportFileInfo,
  type ReportKind,
} from '../../db/repos/report-files.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';

type Ctx = Pick<ServiceContext, 'handle'>;

export const reportFiles = (ctx: Ctx, assessmentId: string): Promise<ReportFileInfo[]> =>
  listReportFiles(ctx.handle.db, assessmentId);

export async function reportFile(
  ctx: Ctx,
  assessmentId: string,
  id: number,
): Promise<ReportFileInfo & { data: Buffer }> {
  const f = await readReportFile(ctx.handle.db, assessmentId, id);
  if (!f) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no report file ${id}`);
  return f;
}

/** Every stored file of the given kinds as one zip: overall.* at the top, agencies/<code>.* below. */
export async function reportsZip(
  ctx: Ctx,
  assessmentId: string,
  kinds: readonly ReportKind[] = ['docx', 'pdf'],
): Promise<Buffer> {
  const zip = new JSZip();
  for (const info of await listReportFiles(ctx.handle.db, assessmentId)) {
    if (!kinds.includes(info.kind)) continue;
    const f = await reportFile(ctx, assessmentId, info.id);
    zip.file(info.unitCode === null ? f.fileName : `agencies/${f.fileName}`, f.data);
  }
  // docx and pdf are compressed already: store them
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
